"""Fitted screening constants. Written by ``bench/screening_fit.py``; do not edit by hand.

``kinds``: per comparison kind, ``(a, b)`` of ``P(match) = sigma(a*s + b)`` on raw scores,
and a third value, the kind's tail, where its script's innocents fitted one (decision 226);
``undated_offset``: taken off a calibrated score with no birth date to compare;
``undated_shape``: ``(per_extra_part, rare, common)`` of that offset (decision 197);
``undated_sizes``: ``(list size, offset)`` fitted per fit world (decision 206);
``list_sizes``: ``(list size, offset)`` off every score (decision 206);
``threshold``: on the Latin scale (:mod:`.calibration`).
"""

FITTED = {
    "fitted_on": "bench/screening_fit.py --entries 100000,1000000 --queries 300 --innocents 25000 --seed 11 --alert-rate 0.0015 --floor 0.75 --tail-min 1000 --undated-per-part 0.05 --undated-rare -6.0 --undated-common -2.0: fit half (translit_arabic_train_tokens.tsv; translit_russian_train_tokens.tsv; translit_hebrew_train_tokens.tsv (fit half by SHA-256 of the token); translit_chinese_train_tokens.tsv, translit_korean_train_tokens.tsv, translit_japanese_train_tokens.tsv (fit half by SHA-256 of the token); negatives_latin.csv (fit half by SHA-256 of name and date; innocents only); ofac_sdn.csv individuals (fit half by SHA-256 of the uid))",
    "kinds": {
        "latin": [40.8197, -36.7957],
        "arabic": [54.0664, -47.8567],
        "cyrillic": [56.8882, -50.4353],
        "hebrew": [49.7994, -43.5729],
        "cjk": [29.2798, -24.2315, 0.06],
    },
    "undated_offset": 0.06,
    "undated_shape": [0.05, -6.0, -2.0],
    "undated_sizes": [[100000, 0.06], [1000000, 0.06]],
    "list_sizes": [[100000, 0.0], [1000000, 0.03]],
    "threshold": 0.83,
}
