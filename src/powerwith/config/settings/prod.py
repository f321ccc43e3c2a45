"""Production: everything from the environment; refuses to start with the development key."""

import os

from django.core.exceptions import ImproperlyConfigured

from .base import *  # noqa: F403
from .base import MEDIA_ROOT, SECRET_KEY

if SECRET_KEY.startswith("insecure-"):
    raise ImproperlyConfigured("Set POWERWITH_SECRET_KEY for production.")

DEBUG = False
# Staff, organisation admins and facilitators must use two-step sign-in (README, Configuration).
POWERWITH_REQUIRE_TWO_STEP = os.environ.get("POWERWITH_REQUIRE_TWO_STEP", "1") == "1"
SESSION_COOKIE_SECURE = True
CSRF_COOKIE_SECURE = True
LANGUAGE_COOKIE_SECURE = True
# The __Host- prefix makes browsers refuse these cookies unless they are Secure, set for this
# host alone (no Domain) and for the whole site: a neighbouring subdomain cannot plant or
# overwrite them (docs/security.md, ASVS 3.3.1).
SESSION_COOKIE_NAME = "__Host-sessionid"
CSRF_COOKIE_NAME = "__Host-csrftoken"
SECURE_HSTS_SECONDS = int(os.environ.get("POWERWITH_HSTS_SECONDS", "31536000"))
SECURE_PROXY_SSL_HEADER = ("HTTP_X_FORWARDED_PROTO", "https")
# Plain-HTTP requests are sent to HTTPS (set POWERWITH_SSL_REDIRECT=0 if the proxy does it).
SECURE_SSL_REDIRECT = os.environ.get("POWERWITH_SSL_REDIRECT", "1") == "1"
# HSTS for subdomains and the browsers' preload list bind every subdomain of the host's domain
# to HTTPS for a long time: a council's other sites may not be ready, so these are opt-in.
SECURE_HSTS_INCLUDE_SUBDOMAINS = os.environ.get("POWERWITH_HSTS_SUBDOMAINS", "0") == "1"
SECURE_HSTS_PRELOAD = os.environ.get("POWERWITH_HSTS_PRELOAD", "0") == "1"
SILENCED_SYSTEM_CHECKS = [
    check
    for check, chosen in (
        ("security.W005", SECURE_HSTS_INCLUDE_SUBDOMAINS),
        ("security.W021", SECURE_HSTS_PRELOAD),
    )
    if not chosen
]
STORAGES = {
    "default": {
        "BACKEND": "django.core.files.storage.FileSystemStorage",
        "OPTIONS": {"location": str(MEDIA_ROOT), "base_url": "/nowhere/"},
    },
    "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.ManifestStaticFilesStorage"},
}
# Stored files in S3-compatible storage (django-storages), so several app servers share them.
# Private objects only: PowerWith reads each file itself and never hands out the bucket's URL.
if os.environ.get("POWERWITH_S3_BUCKET"):
    STORAGES["default"] = {
        "BACKEND": "storages.backends.s3.S3Storage",
        "OPTIONS": {
            "bucket_name": os.environ["POWERWITH_S3_BUCKET"],
            "endpoint_url": os.environ.get("POWERWITH_S3_ENDPOINT") or None,
            "region_name": os.environ.get("POWERWITH_S3_REGION") or None,
            "access_key": os.environ.get("POWERWITH_S3_ACCESS_KEY") or None,
            "secret_key": os.environ.get("POWERWITH_S3_SECRET_KEY") or None,
            "default_acl": "private",
            "querystring_auth": True,
            "file_overwrite": False,
            "location": os.environ.get("POWERWITH_S3_PREFIX", "powerwith"),
        },
    }
