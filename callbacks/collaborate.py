"""Finding collaborators: choose my organisation and whom to meet, and save the results.

The panel itself is drawn by the render callback (it changes with the year and filters);
these callbacks only set controls from clicks and write the CSV files.
"""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, ctx, no_update

from components import collaborate
from components.ids import COLLAB_FOR, ID, INTRO
from network.formats import naming
from network.formats.spreadsheets import csv_text
from network.model.dataset import Dataset
from network.view.visible import from_link
from serving.library import Library

from . import dataset, triggered_value


def choose(trigger: object, value: object, tap: dict | None, panel: str | None,
           me: str | None) -> tuple[object, object, object]:
    """(my organisation, target, panel) after a click; no_update where nothing changes.

    A "find collaborators" button in a profile makes that actor my organisation and opens
    the panel. With the panel open, a click in the graph chooses my organisation when
    none is chosen yet, and otherwise asks who can introduce me to the clicked actor; so
    does a "who can introduce us?" button.
    """
    if isinstance(trigger, dict) and not value:
        return no_update, no_update, no_update  # a button just drawn, not a click
    if isinstance(trigger, dict) and trigger.get("type") == COLLAB_FOR:
        return trigger["actor"], None, "collaborate"
    if isinstance(trigger, dict) and trigger.get("type") == INTRO:
        return no_update, trigger["actor"], no_update
    if trigger == ID.GRAPH and tap and panel == "collaborate":
        if me is None:
            return tap["id"], no_update, no_update
        if tap["id"] != me:
            return no_update, tap["id"], no_update
    return no_update, no_update, no_update


def download(ds: Dataset, which: str, search_string: str | None) -> dict | None:
    """The CSV file (for dcc.Download) of the suggestions or the ways in of the linked view."""
    state = from_link(ds, search_string)
    if not collaborate.present(ds, state):
        return None
    lang = state.lang or "en"
    if which == ID.DOWNLOAD_PATHS:
        table, stem = collaborate.path_table(ds, state, lang), "ways-in"
    else:
        table, stem = collaborate.suggestion_table(ds, state, lang), "suggestions"
    if table.empty:
        return None
    years = naming.years_text(ds, state.filters)  # "" for data with no years
    # A byte-order mark, so that spreadsheet programs read the accents as UTF-8.
    return {"content": "\ufeff" + csv_text(table),
            "filename": f"redes-{stem}-{state.me}{'-' + years if years else ''}.csv",
            "type": "text/csv"}


def register(app: Dash, library: Library) -> None:
    @app.callback(
        Output(ID.ME, "value", allow_duplicate=True),
        Output(ID.TARGET, "value", allow_duplicate=True),
        Output(ID.PANEL, "value", allow_duplicate=True),
        Input({"type": COLLAB_FOR, "actor": ALL}, "n_clicks"),
        Input({"type": INTRO, "actor": ALL}, "n_clicks"),
        Input(ID.GRAPH, "tapNodeData"),
        State(ID.PANEL, "value"),
        State(ID.ME, "value"),
        prevent_initial_call=True,
    )
    def _choose(_for, _intro, tap, panel, me):
        value = triggered_value()
        return choose(ctx.triggered_id, value, tap, panel, me)

    @app.callback(
        Output(ID.DOWNLOAD, "data"),
        Input(ID.DOWNLOAD_SUGGESTIONS, "n_clicks"),
        Input(ID.DOWNLOAD_PATHS, "n_clicks"),
        State(ID.URL, "search"),
        prevent_initial_call=True,
    )
    def _download(_s, _p, search_string):
        ds = dataset(library)
        return download(ds, ctx.triggered_id, search_string) or no_update

    # Typing in either list ranks the organisations as the header search does.
    for cid in (ID.ME, ID.TARGET):
        @app.callback(
            Output(cid, "options", allow_duplicate=True),
            Input(cid, "search_value"),
            State(cid, "value"),
            State(ID.LANG, "value"),
            prevent_initial_call=True,
        )
        def _matching(query, current, lang):
            return collaborate.matching(dataset(library), query, lang or "en", current)
