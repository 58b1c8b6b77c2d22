"""Thin glue between the page and the domain: each module registers its callbacks.

Every request is about the data set of the page that sent it: the browser names it in a
header (``assets/0-data.js``), :func:`page_data` resolves it per request, so the same
workers serve the bundled data to one person and an upload to another.
"""

from __future__ import annotations

import functools
from collections.abc import Callable

import flask
from dash import Dash, ctx

from network.model.dataset import Dataset
from network.text.catalogue import t
from serving import jobs
from serving.library import Library, RequestedDataset
from serving.ratelimit import RateLimits, Refusal

#: The header naming the page's own upload (kept in the tab's session storage) ...
DATA_HEADER = "X-Redes-Data"
#: ... and the one naming the data set of a link (``data=`` in the address), which opens
#: only when its owner published it.
LINK_HEADER = "X-Redes-Link"
#: The layout's answer: the key of the data set the page was built with ("" for the bundled
#: data), which the page's callbacks then name; and whether the tab should forget its upload
#: (it is gone from the store for good).
PAGE_HEADER = "X-Redes-Page-Data"
FORGET_HEADER = "X-Redes-Forget"
#: The language a link asks for (``lang=`` in the address), sent with the layout request so
#: that the page is drawn in it from the first paint.
LANG_HEADER = "X-Redes-Lang"


def triggered_value() -> object:
    """The new value of what fired the running callback (None when nothing did).

    Pattern-matched buttons fire with ``n_clicks`` None when a re-render draws them anew; a
    real click always has a number.
    """
    return ctx.triggered[0]["value"] if ctx.triggered else None


class DataUnavailable(RuntimeError):
    """A callback's page names a data set this server cannot find now (expired since the
    page loaded, or the store is not answering). The page must not be answered with other
    data: app.py's error handler says so on the page and changes nothing else."""


def page_data(library: Library) -> RequestedDataset:
    """The data set of the page the running request comes from (the bundled one outside a
    request, or when the page names none), resolved once per request. When the named data
    set cannot be found, the bundled data with ``missing`` set: what a page being loaded
    shows (with a note). Callbacks use :func:`callback_data` instead."""
    if not flask.has_request_context():
        return library.current(None)
    found = getattr(flask.g, "redes_current", None)
    if found is None:
        headers = flask.request.headers
        link = headers.get(LINK_HEADER)
        found = library.opens(link) if link else library.current(headers.get(DATA_HEADER))
        flask.g.redes_current = found
    return found


def callback_data(library: Library) -> RequestedDataset:
    """The data set of the page a callback comes from. The page names only a data set its
    layout was built with (``assets/0-data.js`` learns it from the layout's response), so
    one that cannot be found now has gone since: raise :class:`DataUnavailable` rather than
    answer with the bundled data a page of other data would mix up."""
    current = page_data(library)
    if current.missing:
        raise DataUnavailable(current.missing)
    return current


def dataset(library: Library) -> Dataset:
    """The data set of the page the running callback comes from."""
    return callback_data(library).dataset


def linkable(library: Library) -> bool:
    """Whether a link can open the data set of the running callback's page for someone
    else: the bundled data, or an upload once published (an unpublished one is the tab's)."""
    current = callback_data(library)
    return not current.own or current.published


# --- rate limits (serving/ratelimit.py) -----------------------------------------------------


def rate_limits(server: flask.Flask | None = None) -> RateLimits:
    """The server's per-client limits (made by app.py)."""
    return (server or flask.current_app).config["REDES_RATE_LIMITS"]


def client_of(request: flask.Request) -> str:
    """Who a request counts against: its address as the server sees it."""
    return request.remote_addr or "unknown"


def too_many(refused: Refusal, lang: str) -> flask.Response:
    """A 429 for scripts: the reason in JSON and ``Retry-After`` in seconds."""
    response = flask.jsonify(error=t("http.too_many", lang, seconds=refused.retry_after),
                             limit=refused.limit, retry_after=refused.retry_after)
    response.status_code = 429
    response.headers["Retry-After"] = str(refused.retry_after)
    return response


def job_callback(app: Dash, *dependencies: object, **options: object) -> Callable:
    """Register the decorated function as a Dash background callback: a job off the request
    path (serving.jobs: a process of its own, or the Celery worker), run below the web
    workers' priority; the page polls for its answer. ``options`` are Dash's (``progress``,
    ``running``, ``cancel``...); it never runs for the page's first drawing."""
    def register(function: Callable) -> Callable:
        @functools.wraps(function)
        def job(*args: object) -> object:
            jobs.lower_priority()
            return function(*args)

        return app.callback(*dependencies, background=True, prevent_initial_call=True,
                            **options)(job)
    return register
