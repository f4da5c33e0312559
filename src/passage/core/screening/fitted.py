"""Fitted screening constants. Written by ``bench/screening_fit.py``; do not edit by hand.

Placeholder until the first fit: identity calibration, the previous threshold.
"""

FITTED = {
    "fitted_on": "none (placeholder)",
    "kinds": {"latin": [1.0, 0.0]},
    "threshold": 0.83,
}
