"""Argon2 with the cheapest parameters, for the test suite only (settings_test.py).

Production hashes with Django's Argon2 defaults (about a quarter of a second and 100 MB
on eight threads per password, on purpose). Every test that signs in its personas makes
seven users, so the suite would spend most of its time hashing. The algorithm and the
hash format stay Argon2's; only the cost changes, and a hash records its own parameters.
"""

from __future__ import annotations

from django.contrib.auth.hashers import Argon2PasswordHasher


class CheapArgon2PasswordHasher(Argon2PasswordHasher):
    time_cost = 1
    memory_cost = 1024
    parallelism = 1
