"""gunicorn settings, read from the environment (PORT, WEB_CONCURRENCY, as platforms set them).

Workers keep no per-user state: each holds the read-only bundled data set (``preload_app``
loads it before forking, so the memory is shared copy-on-write) and rebuilds uploads from
the store they share (REDES_STORE_DIR, or Redis with REDES_CACHE_URL).
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
preload_app = True
timeout = 120
accesslog = "-"
