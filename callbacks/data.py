"""Bring your own data: the upload, its report, *Explore*, *Publish* and *Return*.

Which data set a page shows is fixed when it loads (``assets/0-data.js``); *Explore* and
*Return* change it by reloading the page, so no view ever mixes two data sets.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace

import flask
from dash import ClientsideFunction, Dash, Input, Output, State, no_update

from components import data
from components.ids import ID
from network.formats.upload import UploadResult, decode_data_url
from network.model.problems import Report
from network.text.catalogue import t
from network.view.state import ViewState
from serving import jobs
from serving.library import Library

from . import callback_data, client_of, job_callback, rate_limits


def upload(library: Library, sent: dict | None, lang: str,
           progress: Callable[[str], None] | None = None) -> dict | object:
    """Read what the browser sent; the report (and the key, when valid) for the store.

    Runs as a background job (serving.jobs) within the library's time and memory limits;
    a job that passes one gets a report that says which, not a stack trace."""
    if not isinstance(sent, dict) or not isinstance(sent.get("files"), list):
        return no_update
    files = []
    for item in sent["files"][: library.limits.max_files + 1]:
        if isinstance(item, list | tuple) and len(item) == 2:
            name, contents = item
            files.append((str(name)[:255], decode_data_url(contents if isinstance(contents, str)
                                                           else None)))
    result = jobs.read_within_limits(library, files, lang, progress)
    return data.result_to_store(result, [name for name, _ in files])


def publish(library: Library, search_string: str | None, lang: str) -> tuple:
    """(new address, status text, publish button hidden, share link) after *Publish*.

    The share link is written here at once; the new address then draws the view again
    (callbacks/render.py), whose share link, now with the data set's key, says the same."""
    refused = rate_limits().hit("publish", client_of(flask.request))
    if refused is not None:
        return (no_update, t("ui.data.too_many.publish", lang, seconds=refused.retry_after),
                no_update, no_update)
    current = callback_data(library)
    secret = library.publish(current.key) if current.own and current.key else None
    if secret is None:
        return no_update, t("ui.data.publish.failed", lang), no_update, no_update
    query = "?" + replace(ViewState.from_query(search_string), data=current.key).to_query()
    status = [data.banner(replace(current, published=True), lang, library.ttl_hours)]
    if secret:  # the first publication only: its withdraw link, shown this once
        status += [" ", *data.withdraw_note(current.key, secret, lang)]
    return query, status, True, query


def refuse_extra_uploads() -> flask.Response | None:
    """Before Dash reads a callback request: an upload from a client over its limit gets,
    at once and as the page's own answer, a report that says when to try again (no job is
    started, no file read). Dash's polls for a running job carry ``cacheKey``: not counted."""
    request = flask.request
    if (request.method != "POST" or not request.path.endswith("_dash-update-component")
            or request.args.get("cacheKey")):
        return None
    try:  # parsed once: Dash reads the same cached value (serving/security.py answers a bad one)
        body = request.get_json(silent=True)
    except RecursionError:
        return None
    # Dash runs the callback its body's output names (changedPropIds only fills ctx.triggered)
    if not isinstance(body, dict) or body.get("output") != UPLOAD_OUTPUT:
        return None
    refused = rate_limits().hit("upload", client_of(request))
    if refused is None:
        return None
    report = Report()
    report.error("upload", "upload.too_many", seconds=refused.retry_after)
    names = _sent_names(body)
    stored = data.result_to_store(UploadResult(None, report), names)
    response = flask.jsonify(multi=True, response={ID.DATA_RESULT: {"data": stored}})
    response.headers["Retry-After"] = str(refused.retry_after)
    return response


#: The output of the page's upload callback, as its requests name it.
UPLOAD_OUTPUT = f"{ID.DATA_RESULT}.data"


def _sent_names(body: dict) -> list[str]:
    """The file names an upload request carries ([] for anything misshapen)."""
    try:
        files = body["inputs"][0]["value"]["files"]
        return [str(item[0])[:255] for item in files if isinstance(item, list) and item]
    except (KeyError, IndexError, TypeError):
        return []


def register(app: Dash, library: Library) -> None:
    app.server.before_request(refuse_extra_uploads)
    _register_upload(app, library)
    _register_translation(app, library)
    _register_publish(app, library)
    _register_explore_and_return(app)


def _register_upload(app: Dash, library: Library) -> None:
    """The upload: checked in the browser, read on the server, its report shown."""
    app.clientside_callback(
        ClientsideFunction("redesData", "check"),
        Output(ID.DATA_SENT, "data"),
        Output(ID.DATA_RESULT, "data", allow_duplicate=True),
        Input(ID.DATA_UPLOAD, "contents"),
        State(ID.DATA_UPLOAD, "filename"),
        State(ID.DATA_LIMIT, "data"),
        prevent_initial_call=True,
    )

    # a job: the page polls, shows the stage, can cancel
    @job_callback(
        app,
        Output(ID.DATA_RESULT, "data"),
        Input(ID.DATA_SENT, "data"),
        State(ID.LANG, "value"),
        progress=Output(ID.DATA_PROGRESS, "children"),
        running=[(Output(ID.DATA_WORKING, "hidden"), False, True)],
        cancel=[Input(ID.DATA_CANCEL, "n_clicks")],
    )
    def _upload(set_progress, sent, lang):
        lang = lang or "en"
        return upload(library, sent, lang,
                      lambda stage: set_progress(t(f"ui.data.stage.{stage}", lang)))

    app.clientside_callback(
        ClientsideFunction("redesData", "cancelled"),
        Output(ID.DATA_RESULT, "data", allow_duplicate=True),
        Input(ID.DATA_CANCEL, "n_clicks"),
        State(ID.DATA_RESULT, "data"),
        prevent_initial_call=True,
    )

    @app.callback(
        Output(ID.DATA_REPORT, "children"),
        Output(ID.DATA_EXPLORE, "hidden"),
        Input(ID.DATA_RESULT, "data"),
        Input(ID.LANG, "value"),
    )
    def _report(stored, lang):
        lang = lang or "en"
        stored = stored if isinstance(stored, dict) else None  # what the upload job wrote
        return data.report(stored, lang), not (stored or {}).get("key")


def _register_translation(app: Dash, library: Library) -> None:
    """The data tab's texts and template links in the language chosen."""

    @app.callback(
        Output(ID.DATA_STATUS, "children"),
        Output(ID.DATA_FORMATS, "children"),
        Output(ID.DATA_TEMPLATE_XLSX, "href"),
        Output(ID.DATA_TEMPLATE_CSV, "href"),
        Input(ID.LANG, "value"),
        prevent_initial_call=True,
    )
    def _translate(lang):
        lang = lang or "en"
        current = callback_data(library)
        # a note that the page's data set was missing stays as the page was built with it
        return (data.banner(current, lang, library.ttl_hours) if current.own else no_update,
                t("ui.data.formats", lang, limit=data.megabytes(library.limits.max_bytes)),
                data.template_href("xlsx", lang), data.template_href("csv", lang))


def _register_publish(app: Dash, library: Library) -> None:
    """*Publish*: the upload may be opened by a link; the address then carries its key."""

    @app.callback(
        Output(ID.URL, "search", allow_duplicate=True),
        Output(ID.DATA_STATUS, "children", allow_duplicate=True),
        Output(ID.DATA_PUBLISH, "hidden"),
        Output(ID.SHARE_LINK, "href", allow_duplicate=True),
        Input(ID.DATA_PUBLISH, "n_clicks"),
        State(ID.URL, "search"),
        State(ID.LANG, "value"),
        prevent_initial_call=True,
    )
    def _publish(clicks, search_string, lang):
        if not clicks:
            return no_update, no_update, no_update, no_update
        return publish(library, search_string, lang or "en")


def _register_explore_and_return(app: Dash) -> None:
    """*Explore* and *Return* reload the page in the browser, with or without the upload."""
    app.clientside_callback(
        ClientsideFunction("redesData", "explore"),
        Output(ID.DATA_EXPLORE, "n_clicks"),
        Input(ID.DATA_EXPLORE, "n_clicks"),
        State(ID.DATA_RESULT, "data"),
        prevent_initial_call=True,
    )
    app.clientside_callback(
        ClientsideFunction("redesData", "leave"),
        Output(ID.DATA_RETURN, "n_clicks"),
        Input(ID.DATA_RETURN, "n_clicks"),
        prevent_initial_call=True,
    )
