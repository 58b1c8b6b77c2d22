"""Redes: the Dash app. ``create_app(settings)`` builds it; importing this module builds nothing.

Run locally with ``python app.py`` (or ``make run``); in production ``gunicorn wsgi:server``
(wsgi.py builds the app from the environment's settings).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Callable
from html import escape

import flask
from dash import CeleryManager, Dash, DiskcacheManager, set_props
from dash.exceptions import DependencyException
from flask_compress import Compress
from plotly.io.json import to_json_plotly

from callbacks import (
    DATA_HEADER,
    FORGET_HEADER,
    LANG_HEADER,
    PAGE_HEADER,
    DataUnavailable,
    client_of,
    collaborate,
    data,
    discourse,
    exporting,
    language,
    page_data,
    present,
    rate_limits,
    render,
    search,
    state,
    tables,
    too_many,
)
from components.ids import ID
from components.layout import page
from network.formats.template import template_csv_zip, template_xlsx
from network.loading import load
from network.model.limits import MB
from network.text.catalogue import LANGUAGES, pick_language, t
from serving import jobs
from serving.callback_requests import value_kinds
from serving.jobs import api_answer
from serving.library import Library
from serving.ratelimit import RateLimits
from serving.security import harden
from serving.store import open_store
from settings import Settings

log = logging.getLogger("redes")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


class DataError(RuntimeError):
    """The configured data package is not valid; the message lists every problem."""


def create_app(settings: Settings | None = None) -> Dash:
    settings = settings or Settings.from_env()
    library = _open_library(settings)
    app = _new_dash(settings)
    app.layout = _layout_hook(library, settings)
    for module in (state, render, language, search, collaborate, exporting, discourse, present,
                   tables, data):
        module.register(app, library)
    server = app.server
    _name_page_data_in_layout_responses(server, library)
    _add_template_route(server)
    _add_upload_api(server, library, settings)
    _add_health_route(server, library)
    _add_withdraw_route(server, library, settings)
    server.config["REDES_DATASET"] = library.bundled
    server.config["REDES_LIBRARY"] = library
    server.config["REDES_RATE_LIMITS"] = RateLimits(
        {"upload": settings.rate_uploads, "publish": settings.rate_publish,
         "api": settings.rate_api}, settings.cache_url or "memory://")
    # last: the page's inline scripts and the callbacks are all known now
    harden(server, settings, script_hashes=app.csp_hashes, callbacks=app.callback_map,
           kinds=_page_value_kinds(app, library, settings), not_found=(DependencyException,))
    # Dash finishes setting up on its first request, and flags that done before it has
    # registered the component scripts: under gunicorn a fresh worker's second thread then
    # refused those scripts (404). Done here, before any request and before workers fork.
    with server.test_request_context("/"):
        app._setup_server()
    return app


def _open_library(settings: Settings) -> Library:
    """The configured data package (DataError when it is not valid) with the upload store."""
    result = load(settings.data)
    if result.dataset is None:
        raise DataError(f"The data package at {settings.data} is not valid:\n"
                        + result.report.render(settings.lang))
    store = open_store(settings.cache_url or None, settings.store_dir, settings.store_ttl_seconds,
                       int(settings.store_quota_mb * MB) or None)
    return Library(result.dataset, store, settings.limits, job_seconds=settings.job_seconds,
                   job_memory_mb=settings.job_memory_mb)


def _new_dash(settings: Settings) -> Dash:
    """The Dash object with its Flask server configured; no layout or callbacks yet."""
    app = Dash(
        __name__,
        title="Redes",
        update_title=None,
        serve_locally=True,
        # the slider, dropdowns and charts load with the page, not seconds after it (their
        # scripts are otherwise fetched only when first drawn)
        eager_loading=True,
        compress=False,  # flask-compress is set up below for every response
        on_error=_callback_error,
        # uploads run as background jobs, off the request path (serving/jobs.py)
        background_callback_manager=_job_manager(settings),
        meta_tags=[{"name": "viewport", "content": "width=device-width, initial-scale=1"},
                   {"name": "description", "content": "Redes: networks of NGOs and SMEs for "
                                                      "sustainable business in Peru"}],
    )
    Compress(app.server)
    _localise_loading(app, settings)
    # an upload travels inside one callback request; anything larger is refused by Flask
    app.server.config["MAX_CONTENT_LENGTH"] = settings.max_request_bytes
    app.browser_lang_default = settings.lang  # type: ignore[attr-defined]
    return app


def _reader_language(wanted: str | None, headers: object, settings: Settings) -> str:
    """The language a request asks for: ``wanted`` (a link's ``lang=``) when the catalogue
    has it, else the browser's preferred one (``Accept-Language``), else the setting."""
    if wanted in LANGUAGES:
        return str(wanted)
    accept = headers.get("Accept-Language") if hasattr(headers, "get") else None
    return pick_language(accept, settings.lang)


def _localise_loading(app: Dash, settings: Settings) -> None:
    """The page's first words, before the app has drawn anything, in the reader's language
    (Dash's own entry says "Loading..." in English: a Spanish link read English for 3 s,
    journeys-5), chosen as the layout chooses its language."""
    plain = app.interpolate_index

    def interpolate_index(**kwargs: object) -> str:
        if flask.has_request_context():
            lang = _reader_language(flask.request.args.get("lang"), flask.request.headers,
                                    settings)
            kwargs["app_entry"] = (f'<div id="react-entry-point"><div class="_dash-loading">'
                                   f'{escape(t("ui.page.loading", lang))}</div></div>')
        return plain(**kwargs)

    app.interpolate_index = interpolate_index  # type: ignore[method-assign]


def _job_manager(settings: Settings) -> object:
    """Dash's manager of background jobs: Celery with Redis when a cache URL is set (a
    Celery worker runs the jobs), else a process per job with a disk cache beside the store
    (serving/jobs.py). Results nobody came back for go after a day."""
    if settings.cache_url:
        return CeleryManager(jobs.celery_app(settings), expire=24 * 3600)
    return DiskcacheManager(jobs.job_cache(settings), expire=24 * 3600)


def _layout_hook(library: Library, settings: Settings) -> Callable[[], object]:
    """The function Dash calls for each page's layout."""

    def serve_layout():
        # Spanish for browsers that prefer it; outside a request (start-up check), the default.
        # A link's lang= (assets/0-data.js sends it with the layout request) wins, so a
        # Spanish link is Spanish from the first paint.
        headers = flask.request.headers if flask.has_request_context() else {}
        lang = _reader_language(headers.get(LANG_HEADER), headers, settings)
        # the data set the tab names (assets/0-data.js sends its key with the request)
        current = page_data(library)
        return page(current, lang, settings.limits, settings.store_ttl_hours)

    return serve_layout


def _page_value_kinds(app: Dash, library: Library, settings: Settings) -> dict:
    """The JSON kind of each control's value on the page (the bundled data's page: an
    upload's has the same controls), so that a callback request holding a value of another
    kind is refused before a callback fails on it."""
    with app.server.test_request_context("/"):
        layout = page(page_data(library), settings.lang, settings.limits,
                      settings.store_ttl_hours)
        return value_kinds(json.loads(to_json_plotly(layout)))


def _name_page_data_in_layout_responses(server: flask.Flask, library: Library) -> None:
    @server.after_request
    def name_the_page_data(response: flask.Response) -> flask.Response:
        # The layout says which data set it was built with; the page's callbacks then name
        # that one (assets/0-data.js), so a page never mixes two data sets.
        if flask.request.path.endswith("_dash-layout"):
            current = page_data(library)
            response.headers[PAGE_HEADER] = current.key or ""
            own = flask.request.headers.get(DATA_HEADER)
            if own and current.missing == own and not current.unreachable:
                response.headers[FORGET_HEADER] = "1"  # gone for good, not just unreachable
        return response


def _add_template_route(server: flask.Flask) -> None:
    @server.route("/template/redes-template-<lang>.<ext>")
    def template(lang: str, ext: str):
        # the empty template to fill in, as a workbook or as CSV files (network.formats.template)
        if lang not in LANGUAGES or ext not in ("xlsx", "zip"):
            flask.abort(404)
        body = template_xlsx(lang) if ext == "xlsx" else template_csv_zip(lang)
        mime = (XLSX_MIME if ext == "xlsx" else "application/zip")
        return flask.Response(body, mimetype=mime, headers={
            "Content-Disposition": f"attachment; filename=redes-template-{lang}.{ext}",
            "Cache-Control": "public, max-age=3600"})


def _add_upload_api(server: flask.Flask, library: Library, settings: Settings) -> None:
    """POST /api/datasets (serving.security checks the request first: its site, key, type
    and size, and answers when it is too large to read)."""

    api_jobs = jobs.ApiJobs(library, settings)
    sync_bytes = int(settings.api_sync_mb * MB)

    @server.route("/api/datasets", methods=["POST"])
    def upload_api():
        # the same upload as the page's, for scripts: multipart files in, the report out
        lang = flask.request.args.get("lang", "en")
        refused = rate_limits(server).hit("api", client_of(flask.request))
        if refused is not None:  # before the files are read
            return too_many(refused, lang if lang in LANGUAGES else "en")
        lang = lang if lang in LANGUAGES else "en"
        files = [(f.filename or "upload", f.read())
                 for f in flask.request.files.getlist("file")]
        if sync_bytes < sum(len(body) for _, body in files) <= library.limits.max_bytes:
            # a big upload is a job: 202 at once, the answer at the job's address (one over
            # the size limit is refused at once, below: it costs nothing to say so)
            job = api_jobs.start(files, lang)
            address = f"/api/datasets/jobs/{job}"
            response = flask.jsonify(job=job, status="running", poll=address)
            response.status_code = 202
            response.headers["Location"] = address
            return response
        body = api_answer(library.read(files, lang), lang)
        return flask.jsonify(body), (201 if body["valid"] else 422)

    @server.route("/api/datasets/jobs/<job>", methods=["GET"])
    def upload_job(job: str):
        lang = pick_language(flask.request.headers.get("Accept-Language"), settings.lang)
        status, answer = api_jobs.status(job)
        if status == "running":
            response = flask.jsonify(job=job, status="running")
            response.status_code = 202
            response.headers["Retry-After"] = "1"
            return response
        if status == "done" and answer is not None:
            return flask.jsonify(answer), (201 if answer["valid"] else 422)
        if status == "failed":
            return flask.jsonify(error=t("http.job_failed", lang)), 500
        return flask.jsonify(error=t("http.no_such_job", lang)), 404


def _add_health_route(server: flask.Flask, library: Library) -> None:
    @server.route("/healthz")
    def healthz():
        current = page_data(library)
        # the worker's pid says which gunicorn worker answered (the multi-worker test)
        return flask.jsonify(status="ok", actors=len(current.dataset.actors),
                             ties=len(current.dataset.ties), data=current.dataset.key,
                             upload=current.key, worker=os.getpid())


def _add_withdraw_route(server: flask.Flask, library: Library, settings: Settings) -> None:
    """/withdraw/<key>?secret=...: the publisher's link (shown once, when publishing). A GET
    asks to confirm (a link preview or a prefetch must not withdraw anything); the form's
    POST withdraws the data set from the store, after which no link opens it."""

    @server.route("/withdraw/<key>", methods=["GET", "POST"])
    def withdraw(key: str):
        lang = pick_language(flask.request.headers.get("Accept-Language"), settings.lang)
        secret = (flask.request.form if flask.request.method == "POST"
                  else flask.request.args).get("secret", "")
        if flask.request.method == "POST":
            done = library.withdraw(key, secret)
            body = t("ui.withdraw.done" if done else "ui.withdraw.refused", lang)
            return _plain_page(t("ui.withdraw.title", lang), [body], lang), (200 if done else 403)
        form = (f'<form method="post"><input type="hidden" name="secret" '
                f'value="{escape(secret)}"><button type="submit">'
                f'{escape(t("ui.withdraw.button", lang))}</button></form>')
        return _plain_page(t("ui.withdraw.title", lang), [t("ui.withdraw.ask", lang)], lang, form)


def _plain_page(title: str, paragraphs: list[str], lang: str, extra: str = "") -> str:
    """A small page of text outside the Dash app (styles from the app's own sheet)."""
    text = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    return (f'<!DOCTYPE html><html lang="{lang}"><head><meta charset="utf-8">'
            f'<meta name="viewport" content="width=device-width, initial-scale=1">'
            f'<title>{escape(title)}</title><link rel="stylesheet" href="/assets/app.css">'
            f'</head><body class="plain-page"><main><h1>{escape(title)}</h1>{text}{extra}'
            f'<p><a href="/">Redes</a></p></main></body></html>')


def _callback_error(error: Exception) -> None:
    """Dash's handler for an exception in a callback: a page whose data set has gone since
    it loaded is told so, and nothing else on it changes; anything else is a real fault."""
    if not isinstance(error, DataUnavailable):
        raise error
    lang = pick_language(flask.request.headers.get("Accept-Language"), "en")
    set_props(ID.DATA_BANNER, {"hidden": False})
    set_props(ID.DATA_STATUS, {"children": t("ui.data.lost", lang)})
    return None


if __name__ == "__main__":
    cfg = Settings.from_env()
    logging.basicConfig(level=logging.INFO)
    create_app(cfg).run(host=cfg.host, port=cfg.port, debug=cfg.debug,
                        dev_tools_disable_version_check=True)
