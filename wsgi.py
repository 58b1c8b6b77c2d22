"""The WSGI entry point for gunicorn (``gunicorn wsgi:server``): builds the app from the
environment's settings. Importing :mod:`app` builds nothing; importing this module does.

With ``REDES_CACHE_URL`` set, upload jobs run in a Celery worker that builds the same app:
``celery -A wsgi:celery_app worker`` (the Procfile's ``worker:`` line; ``make serve`` starts
one). Without it, ``celery_app`` is None and jobs run in processes of their own.
"""

from app import create_app
from serving.jobs import celery_app as _celery_app
from settings import Settings

_settings = Settings.from_env()
server = create_app(_settings).server
celery_app = _celery_app(_settings) if _settings.cache_url else None
