"""gunicorn settings, read from the environment (PORT, WEB_CONCURRENCY, as platforms set them).

Workers share nothing mutable: each loads the read-only dataset once (``preload_app``
loads it before forking, so the memory is shared copy-on-write).
"""

import os

bind = f"0.0.0.0:{os.environ.get('PORT', '8050')}"
workers = int(os.environ.get("WEB_CONCURRENCY", "2"))
threads = int(os.environ.get("GUNICORN_THREADS", "2"))
preload_app = True
timeout = 120
accesslog = "-"
