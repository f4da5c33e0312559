"""Settings for the test suite: production settings with test-friendly defaults.

Only the environment changes; the suite runs against SQLite or, with
``PASSAGE_DATABASE_URL``, PostgreSQL — the same settings module as production.
"""

from __future__ import annotations

import os

os.environ.setdefault("PASSAGE_SECRET_KEY", "test-only-" + "k" * 50)
os.environ.setdefault("PASSAGE_DEBUG", "0")
os.environ.setdefault("PASSAGE_SECURE", "0")
os.environ.setdefault("PASSAGE_ALLOWED_HOSTS", "testserver,127.0.0.1,localhost")

from passage.site.settings import *  # noqa: F403
from passage.site.settings import DATABASES, STATIC_ROOT, VAR_DIR

STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
WHITENOISE_USE_FINDERS = True
# WhiteNoise warns about a missing STATIC_ROOT; tests serve static files through finders.
STATIC_ROOT.mkdir(parents=True, exist_ok=True)

# A second database playing headquarters, for the sync tests that must keep the two ends
# apart (alert-list deltas: src/passage/sync/tests/test_alert_deltas.py). Only tests that
# ask for it (django_db(databases=["default", "hq"])) create it.
DATABASES["hq"] = {**DATABASES["default"]}
if DATABASES["hq"]["ENGINE"] == "django.db.backends.sqlite3":
    DATABASES["hq"]["TEST"] = {"NAME": str(VAR_DIR / "test-passage-hq.sqlite3")}
else:
    DATABASES["hq"]["TEST"] = {"NAME": f"test_{DATABASES['hq']['NAME']}_hq"}

# Argon2 at its cheapest: the personas hash seven passwords per test (fast_hashers.py).
PASSWORD_HASHERS = ["passage.site.fast_hashers.CheapArgon2PasswordHasher"]

# A batch that arrives before the one it follows waits this long for it at HQ (10 s in
# production): tests that send one out of order on purpose need not wait.
PASSAGE_SYNC_ORDER_WAIT = 0.5
