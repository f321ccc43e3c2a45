"""Settings shared by every environment. Values that differ come from the environment."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

import dj_database_url
from django.core.exceptions import ImproperlyConfigured

SRC_DIR = Path(__file__).resolve().parents[2]
PROJECT_DIR = Path(os.environ.get("POWERWITH_HOME", Path.cwd()))
VAR_DIR = Path(os.environ.get("POWERWITH_VAR", PROJECT_DIR / "var"))

SECRET_KEY = os.environ.get("POWERWITH_SECRET_KEY", "insecure-development-key-change-me")
DEBUG = os.environ.get("POWERWITH_DEBUG", "0") == "1"
ALLOWED_HOSTS = [
    h for h in os.environ.get("POWERWITH_ALLOWED_HOSTS", "127.0.0.1,localhost").split(",") if h
]

INSTALLED_APPS = [
    "django.contrib.admin",
    "django.contrib.auth",
    "django.contrib.contenttypes",
    "django.contrib.sessions",
    "django.contrib.messages",
    "django.contrib.staticfiles",
    "django.contrib.humanize",
    "django.forms",
    "django_htmx",
    "axes",
    "django_tasks",
    "django_tasks_db",
    "powerwith.common",
    "powerwith.organisations",
    "powerwith.journeys",
    "powerwith.people",
    "powerwith.gatherings",
    "powerwith.outreach",
    "powerwith.contributions",
    "powerwith.decisions",
    "powerwith.reflection",
    "powerwith.inclusion",
    "powerwith.budgets",
    "powerwith.care",
    "powerwith.leaving",
    "powerwith.groundrules",
    "powerwith.plans",
    "powerwith.commonground",
    "powerwith.stories",
    "powerwith.notices",
    "powerwith.trials",
    "powerwith.training",
    "powerwith.insights",
    "powerwith.reports",
    "powerwith.demo",
    "powerwith.rights",
    "powerwith.api",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.locale.LocaleMiddleware",
    "django.middleware.common.CommonMiddleware",
    "powerwith.common.middleware.StripNulMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "powerwith.common.reading.ReadingMiddleware",
    "powerwith.common.headers.NoStoreWhenSignedIn",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
    "powerwith.common.sessions.SessionLimits",
    "powerwith.common.middleware.TwoStepRequired",
]

ROOT_URLCONF = "powerwith.config.urls"
WSGI_APPLICATION = "powerwith.config.wsgi.application"

TEMPLATES = [
    {
        "BACKEND": "django.template.backends.django.DjangoTemplates",
        "DIRS": [SRC_DIR / "templates"],
        "APP_DIRS": True,
        "OPTIONS": {
            "context_processors": [
                "django.template.context_processors.request",
                "django.contrib.auth.context_processors.auth",
                "django.contrib.messages.context_processors.messages",
                "powerwith.common.context.site",
            ],
        },
    }
]

DATABASES = {
    "default": dj_database_url.parse(
        # An empty DATABASE_URL means "not set": the embedded SQLite file.
        os.environ.get("DATABASE_URL") or f"sqlite:///{VAR_DIR / 'powerwith.sqlite3'}",
        conn_max_age=int(os.environ.get("POWERWITH_CONN_MAX_AGE", "0")),
    )
}
if DATABASES["default"]["ENGINE"].endswith("sqlite3"):
    # WAL and a busy timeout let the demo server and a CLI command share the file.
    # secure_delete: deleted rows are overwritten, so the file keeps no earlier order of the
    # anonymous answers that each new answer rewrites (docs/architecture.md).
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; "
            "PRAGMA secure_delete=ON;",
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
    # Both only refuse: a client over its "sign_in" limit, an account paused for a client.
    "powerwith.common.ratelimit.SignInLimitBackend",
    "axes.backends.AxesStandaloneBackend",
    "django.contrib.auth.backends.ModelBackend",
]
PASSWORD_HASHERS = [
    "django.contrib.auth.hashers.Argon2PasswordHasher",
    "django.contrib.auth.hashers.PBKDF2PasswordHasher",
]
# Django's checks, saying what they find in our words (common/passwords.py).
AUTH_PASSWORD_VALIDATORS = [
    {"NAME": "powerwith.common.passwords.NotLikeYou"},
    {"NAME": "powerwith.common.passwords.MinimumLength", "OPTIONS": {"min_length": 10}},
    {"NAME": "powerwith.common.passwords.NotCommon"},
    {"NAME": "powerwith.common.passwords.NotAboutUs"},
]
# A link to set a new password works for this long (and only once).
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
LOGIN_URL = "login"
# Two-step sign-in (common/twostep.py): when on, staff accounts, organisation admins and
# facilitators of any journey must set it up at their next sign-in before reaching any page.
# Off unless set (development, the demo, tests); the production settings switch it on.
POWERWITH_REQUIRE_TWO_STEP = os.environ.get("POWERWITH_REQUIRE_TWO_STEP", "0") == "1"
LOGIN_REDIRECT_URL = "journeys:list"
LOGOUT_REDIRECT_URL = "login"

# Sign-in lockout (django-axes): 8 wrong passwords for one account from one client address
# pause that account there for an hour. The pair, not either alone: locking an address would
# let anyone pause every sign-in from a shared address (an office, a library, the proxy),
# and locking an account would let anyone pause someone else's. Wrong tries from one address
# across many accounts are capped by the "sign_in" rate limit below. The attempts are rows in
# the database (axes' database handler), so every app server sees the same ones.
AXES_FAILURE_LIMIT = 8
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = [["username", "ip_address"]]
AXES_RESET_ON_SUCCESS = True
AXES_CLIENT_IP_CALLABLE = "powerwith.common.clientip.client_ip"
AXES_USERNAME_CALLABLE = "powerwith.common.account_views.sign_in_name"
AXES_LOCKOUT_CALLABLE = "powerwith.common.account_views.locked_out"

# How many proxies of ours stand in front of the app and add the client's address to
# X-Forwarded-For (nginx: 1). 0 trusts no header: the address is the connection's own.
POWERWITH_TRUSTED_PROXY_COUNT = int(os.environ.get("POWERWITH_TRUSTED_PROXY_COUNT", "0"))
NINJA_NUM_PROXIES = POWERWITH_TRUSTED_PROXY_COUNT

# The shared cache: everything that must be the same on every app server (rate limits, and
# any cache of figures). By default a table in the database (`powerwith_cache`, made by
# `migrate`), so several app servers share it with nothing more to run; POWERWITH_CACHE_URL
# (redis://... or valkey's redis:// address) moves it to Valkey/Redis via django-redis.
CACHE_URL = os.environ.get("POWERWITH_CACHE_URL", "")
CACHES: dict[str, dict[str, Any]]
if CACHE_URL:
    CACHES = {
        "default": {
            "BACKEND": "django_redis.cache.RedisCache",
            "LOCATION": CACHE_URL,
            "KEY_PREFIX": "powerwith",
        }
    }
else:
    CACHES = {
        "default": {
            "BACKEND": "powerwith.common.cache.DatabaseCache",
            "LOCATION": "powerwith_cache",
            "OPTIONS": {"MAX_ENTRIES": 100_000},
        }
    }


def _rate_limits(text: str, known: set[str]) -> dict[str, tuple[int, int] | None]:
    """Read "sign_in=20/15m,lookup=off" (seconds, or with m/h) into {scope: (tries, seconds)}."""
    units = {"s": 1, "m": 60, "h": 3600}
    found: dict[str, tuple[int, int] | None] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        scope, _, value = (x.strip() for x in part.partition("="))
        if scope not in known:
            raise ImproperlyConfigured(
                f"POWERWITH_RATE_LIMITS: there is no limit called {scope!r}. "
                f"The limits are {', '.join(sorted(known))}."
            )
        if value == "off":
            found[scope] = None
            continue
        tries, _, period = value.partition("/")
        unit = units.get(period[-1:])
        number = (period[:-1] or "1") if unit else period  # "15m", "h" (one hour), "60"
        try:
            found[scope] = (int(tries), int(number) * (unit or 1))
        except ValueError:
            found[scope] = (0, 0)
        if min(found.get(scope) or (0, 0)) <= 0:
            raise ImproperlyConfigured(
                f"POWERWITH_RATE_LIMITS: write {scope}={value} as tries/period, e.g. "
                f"{scope}=20/15m (20 tries in 15 minutes; s, m or h), or {scope}=off."
            )
    return found


# Rate limits, (tries, seconds) per client address unless said otherwise. Generous enough for
# a room of people signing in over one wifi at a gathering.
POWERWITH_RATE_LIMITS: dict[str, tuple[int, int] | None] = {
    "sign_in": (20, 15 * 60),  # wrong passwords from one client, any accounts
    "sign_up": (30, 60 * 60),  # sign-up forms sent from one client
    "reset_address": (3, 60 * 60),  # forgotten-password emails to one address
    "reset_client": (10, 60 * 60),  # forgotten-password requests from one client
    "lookup": (120, 60),  # signed-out look-ups: public pages, invitation links
    "api": (300, 60),  # the API, when there is one (common.ratelimit.ApiThrottle)
    # A statement round's link, no account: a room on one wifi answering 30 statements each.
    "round_response": (3000, 15 * 60),  # taps (agree, disagree, pass)
    "round_statement": (60, 60 * 60),  # statements written
    "round_code": (30, 15 * 60),  # tries of a code to continue on another device
}
POWERWITH_RATE_LIMITS.update(
    _rate_limits(os.environ.get("POWERWITH_RATE_LIMITS", ""), set(POWERWITH_RATE_LIMITS))
)

LANGUAGE_CODE = "en-gb"
# English and Welsh (docs/translation.md). Each language is named in itself in the chooser.
LANGUAGES = [("en-gb", "English"), ("cy", "Cymraeg")]
# The project-level catalogue (site-wide and participant pages); each app may have its own in
# <app>/locale/, found through INSTALLED_APPS.
LOCALE_PATHS = [SRC_DIR / "locale"]
LANGUAGE_COOKIE_NAME = "powerwith_language"
LANGUAGE_COOKIE_AGE = 60 * 60 * 24 * 365
LANGUAGE_COOKIE_SAMESITE = "Lax"
LANGUAGE_COOKIE_HTTPONLY = True
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"

SESSION_COOKIE_HTTPONLY = True
# How long a sign-in lasts (common/sessions.py). Idle: an hour without a page asked for signs
# out, long enough to read a long page or sit through a gathering's discussion without being
# thrown out, short enough that a computer left in a library or a ward is not open for long.
# At most 12 hours from signing in, used or not: a working day, so nobody stays signed in
# overnight on a shared computer. The cookie lasts no longer.
POWERWITH_SESSION_IDLE_MINUTES = int(os.environ.get("POWERWITH_SESSION_IDLE_MINUTES", "60"))
POWERWITH_SESSION_MAX_HOURS = int(os.environ.get("POWERWITH_SESSION_MAX_HOURS", "12"))
SESSION_COOKIE_AGE = POWERWITH_SESSION_MAX_HOURS * 60 * 60
# Messages ("Your password has been changed.") travel in the session, not in a cookie of their
# own: one cookie fewer, and none without the __Host- prefix in production.
MESSAGE_STORAGE = "django.contrib.messages.storage.session.SessionStorage"
CSRF_COOKIE_HTTPONLY = False
SECURE_CONTENT_TYPE_NOSNIFF = True
X_FRAME_OPTIONS = "DENY"

# Content security policy: everything from our own origin; no inline script.
CONTENT_SECURITY_POLICY = {
    "DIRECTIVES": {
        "default-src": ["'self'"],
        "img-src": ["'self'", "data:"],
        "style-src": ["'self'"],
        "script-src": ["'self'"],
        "frame-ancestors": ["'none'"],
        "form-action": ["'self'"],
        "base-uri": ["'self'"],
        "object-src": ["'none'"],
    }
}

# Email: "forgotten your password?" links, the retention warning and notices of fate. Without a
# mail server the messages are printed to the console (fine for the demo); the forgotten-password
# page then says to ask whoever runs the site instead.
EMAIL_HOST = os.environ.get("POWERWITH_EMAIL_HOST", "")
if EMAIL_HOST:
    EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    EMAIL_PORT = int(os.environ.get("POWERWITH_EMAIL_PORT", "587"))
    EMAIL_HOST_USER = os.environ.get("POWERWITH_EMAIL_USER", "")
    EMAIL_HOST_PASSWORD = os.environ.get("POWERWITH_EMAIL_PASSWORD", "")
    EMAIL_USE_TLS = os.environ.get("POWERWITH_EMAIL_TLS", "1") == "1"
    EMAIL_TIMEOUT = 20
else:
    EMAIL_BACKEND = "django.core.mail.backends.console.EmailBackend"
DEFAULT_FROM_EMAIL = os.environ.get(
    "POWERWITH_EMAIL_FROM", "PowerWith <no-reply@powerwith.invalid>"
)

# The task queue (django-tasks, database backend): notices are sent by a worker beside the web
# server (`powerwith worker`, which runs `db_worker`), never in a request. See docs/notices.md.
TASKS = {"default": {"BACKEND": "django_tasks_db.DatabaseBackend"}}
# Seconds a task may hold its work (a notice being sent, a board report being made) before it is
# taken to have died with its worker, and its follow-up takes the work up (common/tasks.py).
POWERWITH_TASK_LEASE = int(os.environ.get("POWERWITH_TASK_LEASE", "600"))
# Seconds to wait before each next try of a notice that could not be sent; after the try that
# follows the last wait, it has failed and a facilitator sees it (docs/notices.md).
POWERWITH_NOTICE_BACKOFF = [60, 5 * 60, 30 * 60, 2 * 60 * 60]

# Text messages (notices/sms.py): "console" writes them to the log; "notify" sends them through
# GOV.UK Notify with an API key and a template whose whole body is ((message)).
POWERWITH_SMS = os.environ.get("POWERWITH_SMS", "console")
POWERWITH_NOTIFY_API_KEY = os.environ.get("POWERWITH_NOTIFY_API_KEY", "")
POWERWITH_NOTIFY_SMS_TEMPLATE = os.environ.get("POWERWITH_NOTIFY_SMS_TEMPLATE", "")
POWERWITH_NOTIFY_URL = os.environ.get(
    "POWERWITH_NOTIFY_URL", "https://api.notifications.service.gov.uk"
)

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("POWERWITH_LOG_LEVEL", "WARNING")},
}

# Figures about personal characteristics or anonymous answers hide any group smaller than this.
POWERWITH_MIN_GROUP = 5

# People's rights (powerwith.rights): personal data in a journey is removed this many days after
# the journey's end date (a facilitator can set another period for one journey), and each
# facilitator is warned by email this many days before.
POWERWITH_RETENTION_DAYS = int(os.environ.get("POWERWITH_RETENTION_DAYS", str(365 * 2)))
POWERWITH_RETENTION_WARNING_DAYS = int(os.environ.get("POWERWITH_RETENTION_WARNING_DAYS", "30"))
# The site's address for links in emails sent outside a page request (the retention warning).
POWERWITH_SITE_URL = os.environ.get("POWERWITH_SITE_URL", "")

FORM_RENDERER = "powerwith.common.forms.Renderer"

# Stored files (common/files.py): stories' audio, video, photos and documents. Kept under the
# var directory by default, never served by the web server: a view checks access and consent
# each time. Production may keep them in S3-compatible storage (settings/prod.py).
MEDIA_ROOT = VAR_DIR / "media"
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": "/nowhere/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The largest file anyone may upload, in megabytes.
POWERWITH_UPLOAD_MAX_MB = int(os.environ.get("POWERWITH_UPLOAD_MAX_MB", "100"))
# Uploads bigger than this go to a temporary file while they arrive, not to memory.
FILE_UPLOAD_MAX_MEMORY_SIZE = 2_621_440
