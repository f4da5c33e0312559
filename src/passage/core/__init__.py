"""Framework-free domain logic: plain typed Python, no Django, no apps.

The apps call into this package with plain values (dataclasses, ``date``, ``str``) and
get plain values back. An import-linter contract in ``pyproject.toml`` keeps it so.
"""
