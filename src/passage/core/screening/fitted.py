"""Fitted screening constants. Written by ``bench/screening_fit.py``; do not edit by hand.

``kinds``: per comparison kind, ``(a, b)`` of ``P(match) = sigma(a*s + b)`` on raw scores;
``threshold``: on the Latin scale (:mod:`.calibration`).
"""

FITTED = {
    "fitted_on": "bench/screening_fit.py --entries 100000 --seed 11 --alert-rate 0.0015: fit half (translit_arabic_train_tokens.tsv; translit_russian_train_tokens.tsv; translit_hebrew_train_tokens.tsv (fit half by SHA-256 of the token); translit_chinese_train_tokens.tsv, translit_korean_train_tokens.tsv, translit_japanese_train_tokens.tsv (fit half by SHA-256 of the token); negatives_latin.csv (fit half by SHA-256 of name and date); ofac_sdn.csv individuals (fit half by SHA-256 of the uid))",
    "kinds": {
        "latin": [34.3881, -29.4363],
        "arabic": [23.9538, -19.5876],
        "cyrillic": [24.1566, -19.5599],
        "hebrew": [16.3564, -12.8167],
        "cjk": [11.1368, -7.8622],
    },
    "threshold": 0.92,
}
