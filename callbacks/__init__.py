"""Thin glue between the page and the domain: each module registers its callbacks.

Every request is about the data set of the page that sent it: the browser names it in a
header (``assets/0-data.js``), :func:`page_data` resolves it per request, so the same
workers serve the bundled data to one person and an upload to another.
"""

from __future__ import annotations

import flask
from dash import ctx

from network.dataset import Dataset
from network.library import Current, Library

#: The header naming the page's own upload (kept in the tab's session storage) ...
DATA_HEADER = "X-Redes-Data"
#: ... and the one naming the data set of a link (``data=`` in the address), which opens
#: only when its owner published it.
LINK_HEADER = "X-Redes-Link"


def triggered_value() -> object:
    """The new value of what fired the running callback (None when nothing did).

    Pattern-matched buttons fire with ``n_clicks`` None when a re-render draws them anew; a
    real click always has a number.
    """
    return ctx.triggered[0]["value"] if ctx.triggered else None


def page_data(library: Library) -> Current:
    """The data set of the page the running request comes from (the bundled one outside a
    request, or when the page names none). Resolved once per request."""
    if not flask.has_request_context():
        return library.current(None)
    found = getattr(flask.g, "redes_current", None)
    if found is None:
        headers = flask.request.headers
        link = headers.get(LINK_HEADER)
        found = library.opens(link) if link else library.current(headers.get(DATA_HEADER))
        flask.g.redes_current = found
    return found


def dataset(library: Library) -> Dataset:
    """The data set of the page the running request comes from."""
    return page_data(library).dataset
