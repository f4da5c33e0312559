"""Django settings, read from ``PASSAGE_*`` environment variables.

Defaults give a working post on SQLite under ``var/``; a deployment sets at least
``PASSAGE_ALLOWED_HOSTS`` and, at headquarters, ``PASSAGE_DATABASE_URL``
(see docs/operations.md).
"""

from __future__ import annotations

import json
import os
from pathlib import Path

import dj_database_url
from django.core.exceptions import ImproperlyConfigured
from django.utils.translation import gettext_lazy as _

BASE_DIR = Path(__file__).resolve().parent.parent
VAR_DIR = Path(os.environ.get("PASSAGE_VAR_DIR", Path.cwd() / "var")).resolve()


def env_bool(name: str, default: bool) -> bool:
    """A yes/no setting; anything but 1/true/yes/on or 0/false/no/off is refused, so a
    typo cannot quietly switch off security headers or the counter's screening."""
    value = (os.environ.get(name) or "").strip().lower()
    if not value:
        return default
    if value in {"1", "true", "yes", "on"}:
        return True
    if value in {"0", "false", "no", "off"}:
        return False
    raise ImproperlyConfigured(f"{name}: {value!r} is not one of 1/true/yes/on or 0/false/no/off")


def env_list(name: str, default: str) -> list[str]:
    return [item.strip() for item in os.environ.get(name, default).split(",") if item.strip()]


DEBUG = env_bool("PASSAGE_DEBUG", False)


def _secret_key() -> str:
    """PASSAGE_SECRET_KEY, or a random key kept in var/secret_key (created on first use).

    A post set up by `passage setup` thus never runs with a known key, and the command
    line works without configuration.
    """
    if key := os.environ.get("PASSAGE_SECRET_KEY", ""):
        return key
    path = VAR_DIR / "secret_key"
    if not path.exists():
        import secrets

        VAR_DIR.mkdir(parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w") as handle:
            handle.write(secrets.token_urlsafe(50))
    return path.read_text().strip()


SECRET_KEY = _secret_key()

ALLOWED_HOSTS = env_list("PASSAGE_ALLOWED_HOSTS", "127.0.0.1,localhost")
CSRF_TRUSTED_ORIGINS = env_list("PASSAGE_CSRF_TRUSTED_ORIGINS", "")

# The state that runs this installation (ICAO code): its nationals live here, so their
# first exit has no entry to close and is not flagged.
PASSAGE_COUNTRY = os.environ.get("PASSAGE_COUNTRY", "UTO")

# The refusal notice (crossings/notice.py): who refuses, and where and by when the
# traveller may appeal. Each country sets its own; the defaults name no real body.
PASSAGE_AUTHORITY_NAME = os.environ.get(
    "PASSAGE_AUTHORITY_NAME", f"Border and immigration authority ({PASSAGE_COUNTRY})"
)
PASSAGE_APPEAL_BODY = os.environ.get(
    "PASSAGE_APPEAL_BODY", "the administrative court with jurisdiction over the crossing point"
)
PASSAGE_APPEAL_ADDRESS = os.environ.get("PASSAGE_APPEAL_ADDRESS", "")
PASSAGE_APPEAL_DAYS = int(os.environ.get("PASSAGE_APPEAL_DAYS", "30"))

# Screening and stay checks at the counter; off only to measure their cost (bench/counter.py).
PASSAGE_COUNTER_CHECKS = env_bool("PASSAGE_COUNTER_CHECKS", True)

# node: a border crossing point; hq: headquarters (see docs/architecture.md).
PASSAGE_ROLE = os.environ.get("PASSAGE_ROLE", "hq")
if PASSAGE_ROLE not in {"node", "hq"}:
    from django.core.exceptions import ImproperlyConfigured

    raise ImproperlyConfigured("PASSAGE_ROLE must be 'node' or 'hq'.")

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "ninja",
    "axes",
    "passage.site",
    "passage.accounts",
    "passage.reference",
    "passage.travellers",
    "passage.crossings",
    "passage.stay",
    "passage.alerts",
    "passage.protection",
    "passage.statistics",
    "passage.sync",
    "passage.passengers",
    "passage.documents",
    "passage.identity",
    "passage.subjectaccess",
    "passage.oversight",
    "passage.retention",
    # After sync: it registers its records with the sync registry in ready().
    "passage.displacement",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "whitenoise.middleware.WhiteNoiseMiddleware",
    "passage.site.limits.BodyLimitMiddleware",
    "passage.site.limits.ContentSecurityPolicyMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "passage.accounts.middleware.RequestIdMiddleware",
    "passage.accounts.middleware.PermissionRequiredMiddleware",
    # Last, as django-axes asks, so that it sees lockouts raised by the views above.
    "axes.middleware.AxesMiddleware",
]

ROOT_URLCONF = "passage.site.urls"
WSGI_APPLICATION = "passage.site.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.template.context_processors.i18n",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "passage.site.context_processors.passage",
            ],
        },
    },
]

# --- Database -------------------------------------------------------------------------
# PASSAGE_DATABASE_URL selects PostgreSQL (postgres://user:pass@host:5432/name); without
# it a post runs on SQLite in WAL mode under var/.
_database_url = os.environ.get("PASSAGE_DATABASE_URL", "")
if _database_url:
    DATABASES = {"default": dj_database_url.parse(_database_url, conn_max_age=60)}
else:
    VAR_DIR.mkdir(parents=True, exist_ok=True)
    DATABASES = {
        "default": {
            "ENGINE": "django.db.backends.sqlite3",
            "NAME": str(VAR_DIR / "passage.sqlite3"),
            "OPTIONS": {
                # IMMEDIATE takes the write lock when a transaction starts, so concurrent
                # writers queue on busy_timeout instead of failing with "database is locked".
                "transaction_mode": "IMMEDIATE",
                "timeout": 20,
                "init_command": (
                    "PRAGMA journal_mode=WAL;"
                    "PRAGMA synchronous=NORMAL;"
                    "PRAGMA foreign_keys=ON;"
                    "PRAGMA busy_timeout=20000;"
                ),
            },
            "TEST": {"NAME": str(VAR_DIR / "test-passage.sqlite3")},
        }
    }
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

# --- Accounts and security -----------------------------------------------------------
AUTH_USER_MODEL = "accounts.User"
AUTHENTICATION_BACKENDS = [
    # django-axes first: it refuses a locked-out username/address before any hashing.
    "axes.backends.AxesStandaloneBackend",
    # The role table holds superusers too (decision 0042).
    "passage.accounts.backends.RoleBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "django.contrib.auth.password_validation.UserAttributeSimilarityValidator"},
    {
        "NAME": "django.contrib.auth.password_validation.MinimumLengthValidator",
        "OPTIONS": {"min_length": 12},
    },
    {"NAME": "django.contrib.auth.password_validation.CommonPasswordValidator"},
    {"NAME": "django.contrib.auth.password_validation.NumericPasswordValidator"},
]
LOGIN_URL = "accounts:login"
LOGIN_REDIRECT_URL = "site:home"
LOGOUT_REDIRECT_URL = "accounts:login"

# Login throttling (django-axes): lock a username at one address after repeated failures.
AXES_FAILURE_LIMIT = int(os.environ.get("PASSAGE_LOGIN_FAILURE_LIMIT", "5"))
AXES_COOLOFF_TIME = float(os.environ.get("PASSAGE_LOGIN_COOLOFF_HOURS", "0.25"))
# A username at an address, and an address on its own once it has failed for many
# usernames (password spraying; decision 0044).
AXES_LOCKOUT_PARAMETERS = "passage.accounts.lockout.lockout_parameters"
PASSAGE_LOGIN_ADDRESS_FAILURE_LIMIT = int(
    os.environ.get("PASSAGE_LOGIN_ADDRESS_FAILURE_LIMIT", "20")
)
PASSAGE_ANONYMOUS_AUDIT_SECONDS = int(os.environ.get("PASSAGE_ANONYMOUS_AUDIT_SECONDS", "60"))
# Sync requests from one address refused without a valid signature, per minute, before
# the address is answered 429 for the rest of the minute (decision 0116).
PASSAGE_SYNC_UNAUTHENTICATED_LIMIT = int(os.environ.get("PASSAGE_SYNC_UNAUTHENTICATED_LIMIT", "60"))
# A post's clock more than this many seconds from HQ's is warned of at the counter and at
# HQ, and its records flagged (decision 0118).
PASSAGE_SYNC_CLOCK_MARGIN = float(os.environ.get("PASSAGE_SYNC_CLOCK_MARGIN", "120"))
AXES_RESET_ON_SUCCESS = True
AXES_LOCKOUT_CALLABLE = "passage.accounts.views.locked_out"
AXES_VERBOSE = False

SESSION_COOKIE_AGE = int(os.environ.get("PASSAGE_SESSION_SECONDS", str(8 * 3600)))  # one shift
SESSION_EXPIRE_AT_BROWSER_CLOSE = True
SESSION_SAVE_EVERY_REQUEST = False
SESSION_COOKIE_HTTPONLY = True
SESSION_COOKIE_SAMESITE = "Lax"
CSRF_COOKIE_HTTPONLY = True
SECURE_CONTENT_TYPE_NOSNIFF = True
SECURE_REFERRER_POLICY = "same-origin"
SECURE_CROSS_ORIGIN_OPENER_POLICY = "same-origin"
X_FRAME_OPTIONS = "DENY"

# Behind TLS in production; the local demo runs on plain HTTP.
_secure = env_bool("PASSAGE_SECURE", not DEBUG)
SESSION_COOKIE_SECURE = _secure
CSRF_COOKIE_SECURE = _secure
SECURE_SSL_REDIRECT = _secure and env_bool("PASSAGE_SSL_REDIRECT", True)
SECURE_HSTS_SECONDS = 31536000 if _secure else 0
SECURE_HSTS_INCLUDE_SUBDOMAINS = _secure
SECURE_HSTS_PRELOAD = False
if env_bool("PASSAGE_BEHIND_PROXY", False):
    SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
SILENCED_SYSTEM_CHECKS = [
    # HSTS preload is a decision for the country's domain owner, not for the software.
    "security.W021",
]

# API tokens: lifetime given to a new token unless the user asks for less.
PASSAGE_API_TOKEN_DAYS = int(os.environ.get("PASSAGE_API_TOKEN_DAYS", "90"))
# Statistics: counts below this are withheld from every chart, table and export; the
# refresh leaves this many seconds for open transactions before reading new rows.
PASSAGE_STATS_MIN_CELL = int(os.environ.get("PASSAGE_STATS_MIN_CELL", "5"))
# Access reviews (docs/data-protection.md, decision 0130): this many reads by one user
# within this many minutes is a burst, flagged for the data-protection officer.
PASSAGE_REVIEW_BURST_READS = int(os.environ.get("PASSAGE_REVIEW_BURST_READS", "40"))
PASSAGE_REVIEW_BURST_MINUTES = int(os.environ.get("PASSAGE_REVIEW_BURST_MINUTES", "10"))
PASSAGE_STATS_SETTLE_SECONDS = int(os.environ.get("PASSAGE_STATS_SETTLE_SECONDS", "120"))
# Hours after a flight's scheduled arrival that its listed persons are kept (issue 21;
# the EU's 2004 API directive: 24 hours after transmission unless needed).
PASSAGE_PASSENGER_LIST_RETENTION = int(os.environ.get("PASSAGE_PASSENGER_LIST_RETENTION", "24"))
# The retention schedule's periods (passage.retention.schedule.DEFAULTS, EES art. 34),
# overridden per agency: JSON such as {"after_exit_days": 1460}.
PASSAGE_RETENTION = json.loads(os.environ.get("PASSAGE_RETENTION", "{}"))
# Keep the image the counter's Camera button captured with the crossing recorded from it
# (issue 18; off: images are read in memory and discarded). Kept images are shown to who
# may see the crossing and purged after the "document_images_days" retention period.
PASSAGE_KEEP_DOCUMENT_IMAGES = env_bool("PASSAGE_KEEP_DOCUMENT_IMAGES", False)
# States whose citizens' family members exercise free movement (Directive 2004/38/EC;
# the EEA agreement; the EU-Swiss agreement), by ICAO code as in an MRZ (Germany: D).
# A crossing recording such a tie is kept one year after the exit (EES art. 34(2)).
PASSAGE_FREE_MOVEMENT_STATES = os.environ.get(
    "PASSAGE_FREE_MOVEMENT_STATES",
    "AUT BEL BGR HRV CYP CZE DNK EST FIN FRA D GRC HUN IRL ITA LVA LTU LUX MLT NLD POL "
    "PRT ROU SVK SVN ESP SWE ISL LIE NOR CHE",
).split()

# --- Internationalisation --------------------------------------------------------------
LANGUAGE_CODE = "en"
LANGUAGES = [
    ("en", _("English")),
    ("fr", _("French")),
    ("es", _("Spanish")),
    ("ar", _("Arabic")),
]
LOCALE_PATHS = [BASE_DIR / "locale"]
TIME_ZONE = os.environ.get("PASSAGE_TIME_ZONE", "UTC")
USE_I18N = True
USE_TZ = True

# --- Static files ----------------------------------------------------------------------
STATIC_URL = "static/"
STATIC_ROOT = VAR_DIR / "static"
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.FileSystemStorage"},
    "staticfiles": {
        "BACKEND": (
            "django.contrib.staticfiles.storage.StaticFilesStorage"
            if DEBUG
            else "whitenoise.storage.CompressedManifestStaticFilesStorage"
        )
    },
}
WHITENOISE_USE_FINDERS = DEBUG

# Uploads (CSV reference data, alert lists) are bounded; bigger files go through the CLI.
DATA_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024
FILE_UPLOAD_MAX_MEMORY_SIZE = 5 * 1024 * 1024

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "filters": {"deliberate_denials": {"()": "passage.site.logs.DropDeliberateDenials"}},
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("PASSAGE_LOG_LEVEL", "WARNING")},
    # A refused request is in the audit trail (access_denied); no traceback in the log.
    "loggers": {"django.request": {"filters": ["deliberate_denials"]}},
}

# Identity resolution's engine (docs/identity.md): "duckdb" on this machine, or "spark"
# (local mode, or a cluster named by PASSAGE_SPARK_MASTER) when a country outgrows one.
PASSAGE_IDENTITY_BACKEND = os.environ.get("PASSAGE_IDENTITY_BACKEND", "duckdb")
PASSAGE_SPARK_MASTER = os.environ.get("PASSAGE_SPARK_MASTER", "local[2]")
PASSAGE_SPARK_CHECKPOINTS = os.environ.get("PASSAGE_SPARK_CHECKPOINTS", "")
# Identity resolution keeps the prepared rows of the last full run (and each incremental
# run's new ones) here, so `--new` compares only the new records (personal data: HQ only).
PASSAGE_IDENTITY_ROWS = os.environ.get("PASSAGE_IDENTITY_ROWS", str(VAR_DIR / "identity-rows"))
