"""Redes: the Dash app. ``create_app(settings)`` builds it; ``server`` is for gunicorn.

Run locally with ``python app.py`` (or ``make run``); in production ``gunicorn app:server``.
"""

from __future__ import annotations

import logging

import flask
from dash import Dash
from flask_compress import Compress

from callbacks import (
    collaborate,
    discourse,
    exporting,
    language,
    present,
    render,
    search,
    state,
    tables,
)
from components.layout import page
from network.dataset import load
from network.i18n import pick_language
from settings import Settings

log = logging.getLogger("redes")


class DataError(RuntimeError):
    """The configured data package is not valid; the message lists every problem."""


def create_app(settings: Settings | None = None) -> Dash:
    settings = settings or Settings.from_env()
    result = load(settings.data)
    if result.dataset is None:
        raise DataError(f"The data package at {settings.data} is not valid:\n"
                        + result.report.render(settings.lang))
    ds = result.dataset

    app = Dash(
        __name__,
        title="Redes",
        update_title=None,
        serve_locally=True,
        compress=False,  # flask-compress is set up below for every response
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                   {"name": "description", "content": "Redes: networks of NGOs and SMEs for "
                                                      "sustainable business in Peru"}],
    )
    Compress(app.server)
    app.browser_lang_default = settings.lang  # type: ignore[attr-defined]

    def serve_layout():
        # Spanish for browsers that prefer it; outside a request (start-up check), the default.
        header = flask.request.headers.get("Accept-Language") if flask.has_request_context() else None
        return page(ds, pick_language(header, settings.lang))

    app.layout = serve_layout
    state.register(app, ds)
    render.register(app, ds)
    language.register(app, ds)
    search.register(app, ds)
    collaborate.register(app, ds)
    exporting.register(app, ds)
    discourse.register(app, ds)
    present.register(app, ds)
    tables.register(app, ds)

    @app.server.route("/healthz")
    def healthz():
        return flask.jsonify(status="ok", actors=len(ds.actors), ties=len(ds.ties),
                             data=ds.key)

    app.server.config["REDES_DATASET"] = ds
    return app


def _server():
    return create_app().server


if __name__ == "__main__":
    cfg = Settings.from_env()
    logging.basicConfig(level=logging.INFO)
    create_app(cfg).run(host=cfg.host, port=cfg.port, debug=cfg.debug,
                        dev_tools_disable_version_check=True)
else:
    server = _server()
