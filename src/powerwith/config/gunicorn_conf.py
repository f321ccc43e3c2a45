"""gunicorn's settings for PowerWith: ``gunicorn -c python:powerwith.config.gunicorn_conf``.

Any of these can be changed on the command line (``--workers 5``) or with ``GUNICORN_CMD_ARGS``.
"""

from __future__ import annotations

import gc
import os
from typing import Any

wsgi_app = "powerwith.config.wsgi:application"
bind = os.environ.get("POWERWITH_BIND", "127.0.0.1:8000")
workers = int(os.environ.get("POWERWITH_WORKERS", "3"))

# Load Django and every app once in the master, before forking: the workers share those pages
# of memory and start at once.
preload_app = True


def when_ready(server: Any) -> None:
    """Freeze what loading made, so the garbage collector never walks it again.

    Everything Django, the apps and their modules allocate at start-up lives as long as the
    process. Without this, each full collection (generation 2) walks all of it, and one landing
    inside a request costs the dashboard about 45 ms: the p95 measured in bench/README.md ("Where
    the p95 comes from": the longest collection inside a request went from 53 to 10 ms). Frozen
    objects are also never written to by the collector, so the forked workers keep sharing
    their pages with the master instead of copying them.
    """
    # Import every view now, in the master: Django imports the URLconf (and with it every
    # app's views, numpy and scipy for the statement rounds' groups, django-ninja)
    # only on the first request, which was in each worker after the fork: about 110 MiB more
    # in every worker, not shared, not frozen (bench/README.md, "The soak"; measured when the
    # maths still imported scikit-learn, which alone took about 90 MiB).
    if os.environ.get("POWERWITH_PRELOAD_VIEWS", "1") == "1":  # 0: to measure without it
        from django.urls import get_resolver

        get_resolver().url_patterns  # noqa: B018 (importing is the point)
    if os.environ.get("POWERWITH_GC_FREEZE", "1") == "1":  # 0: to measure without it
        gc.collect()
        gc.freeze()
