"""Settings shared by every environment. Values that differ come from the environment."""

from __future__ import annotations

import os
from pathlib import Path

import dj_database_url

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
    "powerwith.common",
    "powerwith.organisations",
    "powerwith.journeys",
    "powerwith.people",
    "powerwith.gatherings",
    "powerwith.contributions",
    "powerwith.decisions",
    "powerwith.reflection",
    "powerwith.inclusion",
    "powerwith.insights",
    "powerwith.demo",
]

MIDDLEWARE = [
    "django.middleware.security.SecurityMiddleware",
    "django.contrib.sessions.middleware.SessionMiddleware",
    "django.middleware.common.CommonMiddleware",
    "django.middleware.csrf.CsrfViewMiddleware",
    "django.contrib.auth.middleware.AuthenticationMiddleware",
    "django.contrib.messages.middleware.MessageMiddleware",
    "django.middleware.clickjacking.XFrameOptionsMiddleware",
    "csp.middleware.CSPMiddleware",
    "django_htmx.middleware.HtmxMiddleware",
    "axes.middleware.AxesMiddleware",
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
    DATABASES["default"].setdefault("OPTIONS", {})
    DATABASES["default"]["OPTIONS"].update(
        {
            "timeout": 20,
            "init_command": "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL;",
            "transaction_mode": "IMMEDIATE",
        }
    )

DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"

AUTHENTICATION_BACKENDS = [
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
]
# A link to set a new password works for this long (and only once).
PASSWORD_RESET_TIMEOUT = 60 * 60 * 24
LOGIN_URL = "login"
LOGIN_REDIRECT_URL = "journeys:list"
LOGOUT_REDIRECT_URL = "login"

AXES_FAILURE_LIMIT = 8
AXES_COOLOFF_TIME = 1  # hours
AXES_LOCKOUT_PARAMETERS = ["username", "ip_address"]
AXES_RESET_ON_SUCCESS = True

LANGUAGE_CODE = "en-gb"
TIME_ZONE = "Europe/London"
USE_I18N = True
USE_TZ = True
DATE_INPUT_FORMATS = ["%Y-%m-%d", "%d/%m/%Y", "%d/%m/%y"]

STATIC_URL = "/static/"
STATIC_ROOT = PROJECT_DIR / "staticfiles"

SESSION_COOKIE_HTTPONLY = True
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
    }
}

# Email is only used for "forgotten your password?" links. Without a mail server the messages
# are printed to the console (fine for the demo); the forgotten-password page then says to ask
# whoever runs the site instead.
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

LOGGING = {
    "version": 1,
    "disable_existing_loggers": False,
    "handlers": {"console": {"class": "logging.StreamHandler"}},
    "root": {"handlers": ["console"], "level": os.environ.get("POWERWITH_LOG_LEVEL", "WARNING")},
}

# Figures about personal characteristics or anonymous answers hide any group smaller than this.
POWERWITH_MIN_GROUP = 5

FORM_RENDERER = "powerwith.common.forms.Renderer"
