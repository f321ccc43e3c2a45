"""Local development and the demo: embedded SQLite unless DATABASE_URL says otherwise.

Debug pages are off unless POWERWITH_DEBUG=1 (as everywhere), so the demo shows the product's
own error pages; `powerwith demo` serves the static files itself (``runserver --insecure``).
"""

from .base import *  # noqa: F403

ALLOWED_HOSTS = ["127.0.0.1", "localhost", "[::1]"]
