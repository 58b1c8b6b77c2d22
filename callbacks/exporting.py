"""Saving a view: the picture (drawn in the browser), the tables, the network, the data and
the evidence pack (written on the server from the view's link)."""

from __future__ import annotations

import base64
import datetime as dt

import flask
from dash import ClientsideFunction, Dash, Input, Output, State, ctx, no_update

from components import exporting
from components.ids import ID
from network.analysis.frame import breakdown_choice
from network.analysis.ranking import measurable
from network.formats import gephi, naming, spreadsheets, view_package
from network.formats.evidence import evidence_pack
from network.model.dataset import Dataset
from network.view.visible import from_link
from serving.library import Library

from . import dataset, linkable

#: button → (what, extension, MIME type) for files written on the server
FILES = {
    ID.EXPORT_TABLES: ("tables", "xlsx",
                       "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"),
    ID.EXPORT_TABLES_CSV: ("tables", "zip", "application/zip"),
    ID.EXPORT_GRAPHML: ("network", "graphml", "application/graphml+xml"),
    ID.EXPORT_GEXF: ("network", "gexf", "application/gexf+xml"),
    ID.EXPORT_DATA: ("data", "zip", "application/zip"),
}


def server_file(ds: Dataset, button: str, search_string: str | None,
                breakdown_by: str = "ngo_type") -> dict:
    """The file (for dcc.Download) that ``button`` saves, for the view the link names (by
    the measure the page draws it by: a slow one is computed by a job, never here)."""
    state, _ = measurable(ds, from_link(ds, search_string))
    lang = state.lang or "en"
    what, ext, mime = FILES[button]
    if button == ID.EXPORT_TABLES:
        content = spreadsheets.tables_xlsx(exporting.tables(ds, state, lang, breakdown_by))
    elif button == ID.EXPORT_TABLES_CSV:
        content = spreadsheets.tables_csv_zip(exporting.tables(ds, state, lang, breakdown_by))
    elif button == ID.EXPORT_GRAPHML:
        content = gephi.graphml_bytes(ds, state.filters, lang, state.layout)
    elif button == ID.EXPORT_GEXF:
        content = gephi.gexf_bytes(ds, state.filters, lang, state.layout)
    else:
        content = view_package.view_zip(ds, state.filters)
    return {"content": base64.b64encode(content).decode(), "base64": True, "type": mime,
            "filename": naming.filename(ds, state.filters, what, ext, lang)}


def evidence(ds: Dataset, search_string: str | None, origin: str | None, png: str | None,
             breakdown_by: str = "ngo_type", today: dt.date | None = None,
             linkable: bool = True) -> dict:
    """The evidence pack of the linked view, with the picture the browser drew (by the
    measure the picture was drawn by, as :func:`server_file`); with no link in its note
    when no link can open the data (``linkable`` False: an upload not published)."""
    state, _ = measurable(ds, from_link(ds, search_string))
    lang = state.lang or "en"
    picture = None
    if png and "," in png:
        try:
            picture = base64.b64decode(png.split(",", 1)[1], validate=True)
        except ValueError:
            picture = None
    link = f"{origin or ''}/?{state.to_query()}" if linkable else ""  # "": none opens it
    content = evidence_pack(ds, state, lang, link=link, today=today,
                            picture_png=picture,
                            tables=exporting.tables(ds, state, lang, breakdown_by))
    return {"content": base64.b64encode(content).decode(), "base64": True,
            "type": "application/zip",
            "filename": naming.filename(ds, state.filters, "evidence", "zip", lang)}


def register(app: Dash, library: Library) -> None:
    _register_files(app, library)
    _register_picture_request(app, library)
    _register_picture_return(app)
    _register_evidence(app, library)


def _register_files(app: Dash, library: Library) -> None:
    """The exports made on the server alone: tables, graph files, the data package."""

    @app.callback(
        Output(ID.EXPORT_DOWNLOAD, "data"),
        Input(ID.EXPORT_TABLES, "n_clicks"),
        Input(ID.EXPORT_TABLES_CSV, "n_clicks"),
        Input(ID.EXPORT_GRAPHML, "n_clicks"),
        Input(ID.EXPORT_GEXF, "n_clicks"),
        Input(ID.EXPORT_DATA, "n_clicks"),
        State(ID.URL, "search"),
        State(ID.BREAKDOWN_BY, "value"),
        prevent_initial_call=True,
    )
    def _file(*args):
        ds = dataset(library)
        search_string, breakdown_by = args[-2:]
        return server_file(ds, ctx.triggered_id, search_string, breakdown_choice(breakdown_by))


def _register_picture_request(app: Dash, library: Library) -> None:
    # Pictures are drawn by Cytoscape in the browser, as the graph looks on screen.
    @app.callback(
        Output(ID.GRAPH, "generateImage"),
        Output(ID.PICTURE_CAPTION, "data"),
        Input(ID.EXPORT_PNG, "n_clicks"),
        Input(ID.EXPORT_SVG, "n_clicks"),
        Input(ID.EXPORT_EVIDENCE, "n_clicks"),
        State(ID.URL, "search"),
        State(ID.EXPORT_CAPTION, "value"),
        prevent_initial_call=True,
    )
    def _picture(_png, _svg, _evidence, search_string, with_caption):
        ds = dataset(library)
        state = from_link(ds, search_string)
        lang = state.lang or "en"
        stem = naming.filename(ds, state.filters, "network", "png", lang)[:-4]
        if ctx.triggered_id == ID.EXPORT_SVG:
            return {"type": "svg", "action": "download", "filename": stem,
                    "options": {"full": False, "bg": "#ffffff", "scale": 2}}, None
        # a PNG comes back to the page (assets/redes-picture.js: composePicture adds the caption);
        # the evidence pack's picture goes to the server
        intent = "evidence" if ctx.triggered_id == ID.EXPORT_EVIDENCE else "png"
        caption = (exporting.picture_caption(ds, state, lang, linkable(library))
                   if with_caption else None)
        return ({"type": "png", "action": "store", "filename": stem,
                 "options": {"full": False, "bg": "#ffffff", "scale": 2}},
                {"intent": intent, "filename": stem + ".png", "caption": caption,
                 "at": ctx.triggered[0]["value"]})


def _register_picture_return(app: Dash) -> None:
    # The picture comes back to the page: saved there with its caption, or handed to the
    # server for the evidence pack (only then does it travel).
    app.clientside_callback(
        ClientsideFunction("redes", "composePicture"),
        Output(ID.PICTURE_SAVED, "data"),
        Output(ID.EVIDENCE_PICTURE, "data"),
        Input(ID.GRAPH, "imageData"),
        State(ID.PICTURE_CAPTION, "data"),
        prevent_initial_call=True,
    )


def _register_evidence(app: Dash, library: Library) -> None:
    """The evidence pack, once the browser has sent the picture for it."""

    @app.callback(
        Output(ID.EXPORT_DOWNLOAD, "data", allow_duplicate=True),
        Input(ID.EVIDENCE_PICTURE, "data"),
        State(ID.URL, "search"),
        State(ID.BREAKDOWN_BY, "value"),
        prevent_initial_call=True,
    )
    def _evidence(png, search_string, breakdown_by):
        ds = dataset(library)
        if not isinstance(png, str) or not png:  # the picture, as a data: URL
            return no_update
        origin = flask.request.host_url.rstrip("/")  # where this server answers
        return evidence(ds, search_string, origin, png, breakdown_choice(breakdown_by),
                        linkable=linkable(library))
