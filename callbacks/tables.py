"""The table view: drawn from the view's link while open, sorted by its heading buttons."""

from __future__ import annotations

from dash import ALL, Dash, Input, Output, State, ctx, no_update

from components import tables
from components.ids import ID, SORT
from network.view.visible import from_link
from serving.library import Library

from . import dataset, triggered_value


def register(app: Dash, library: Library) -> None:
    # Follow the view only while the tables are open: a folded table costs no round trip.
    # (assets/redes-controls.js reports the <details>' open state into TABLES_OPEN.)
    app.clientside_callback(
        """function (search, open) {
            return open ? search : window.dash_clientside.no_update;
        }""",
        Output(ID.TABLES_QUERY, "data"),
        Input(ID.URL, "search"),
        State(ID.TABLES_OPEN, "data"),
    )

    @app.callback(
        Output(ID.TABLES, "children"),
        Input(ID.TABLES_QUERY, "data"),
        Input(ID.TABLES_OPEN, "data"),
        Input(ID.TABLE_SORT, "data"),
        State(ID.URL, "search"),
    )
    def _tables(_query, is_open, sort, search_string):
        ds = dataset(library)
        # the query store only wakes this up; the link itself is read fresh (on opening, the
        # store still holds the view from before the tables were folded)
        if not is_open:
            return []  # nothing to draw while folded (large views stay fast)
        state = from_link(ds, search_string)
        return tables.tables(ds, state, state.lang or "en", sort)

    @app.callback(
        Output(ID.TABLE_SORT, "data"),
        Input({"type": SORT, "table": ALL, "column": ALL}, "n_clicks"),
        State(ID.TABLE_SORT, "data"),
        prevent_initial_call=True,
    )
    def _sort(_clicks, current):
        trigger = ctx.triggered_id
        if not isinstance(trigger, dict) or not triggered_value():
            return no_update
        return tables.next_sort(current, trigger["table"], trigger["column"])
