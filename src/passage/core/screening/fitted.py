"""Fitted screening constants. Written by ``bench/screening_fit.py``; do not edit by hand.

``kinds``: per comparison kind, ``(a, b)`` of ``P(match) = sigma(a*s + b)`` on raw scores;
``threshold``: on the Latin scale (:mod:`.calibration`).
"""

FITTED = {
    "fitted_on": "bench/screening_fit.py --entries 100000 --queries 300 --innocents 5000 --seed 11 --alert-rate 0.0015 --floor 0.75: fit half (translit_arabic_train_tokens.tsv; translit_russian_train_tokens.tsv; translit_hebrew_train_tokens.tsv (fit half by SHA-256 of the token); translit_chinese_train_tokens.tsv, translit_korean_train_tokens.tsv, translit_japanese_train_tokens.tsv (fit half by SHA-256 of the token); negatives_latin.csv (fit half by SHA-256 of name and date; innocents only); ofac_sdn.csv individuals (fit half by SHA-256 of the uid))",
    "kinds": {
        "latin": [61.2836, -55.8616],
        "arabic": [41.0781, -35.1146],
        "cyrillic": [38.1274, -32.668],
        "hebrew": [41.1298, -34.1023],
        "cjk": [26.8764, -21.9124],
    },
    "threshold": 0.93,
}
