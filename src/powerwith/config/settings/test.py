"""Settings for the test suite: fast hashing, no lockout noise. DATABASE_URL selects PostgreSQL."""

from .base import *  # noqa: F403

DEBUG = False
ALLOWED_HOSTS = ["*"]
PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
AXES_ENABLED = False
STORAGES = {
    "default": {"BACKEND": "django.core.files.storage.InMemoryStorage"},
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"},
}
# The shared cache stays the real database cache: a table in the test database, made when the
# test database is, emptied by each test's rollback (tests/conftest.py empties it after tests
# that commit).
