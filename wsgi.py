"""The WSGI entry point for gunicorn (``gunicorn wsgi:server``): builds the app from the
environment's settings. Importing :mod:`app` builds nothing; importing this module does."""

from app import create_app
from settings import Settings

server = create_app(Settings.from_env()).server
