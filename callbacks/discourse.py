"""The discourse view: choosing a discourse highlights its coalition in both pictures.

The view itself is drawn by the render callback (it changes with the year and filters).
"""

from __future__ import annotations

from dash import ALL, ClientsideFunction, Dash, Input, Output, ctx, no_update

from components.ids import DISC_PICK, ID
from network.layout.discourse import NODE_PREFIX
from serving.library import Library

from . import triggered_value


def choose(trigger: object, value: object, tap: dict | None) -> object:
    """The discourse to highlight after a click: a card's button (an empty id clears it) or a
    discourse in the picture; no_update for anything else."""
    if isinstance(trigger, dict) and trigger.get("type") == DISC_PICK:
        if not value:
            return no_update  # a button just drawn, not a click
        return trigger["discourse"] or None
    if trigger == ID.AFFILIATION and tap and str(tap.get("id", "")).startswith(NODE_PREFIX):
        return tap["id"][len(NODE_PREFIX):]
    return no_update


def register(app: Dash, library: Library) -> None:
    @app.callback(
        Output(ID.DISCOURSE, "data", allow_duplicate=True),
        Input({"type": DISC_PICK, "discourse": ALL}, "n_clicks"),
        Input(ID.AFFILIATION, "tapNodeData"),
        prevent_initial_call=True,
    )
    def _choose(_clicks, tap):
        value = triggered_value()
        return choose(ctx.triggered_id, value, tap)

    # The view's pictures were drawn while hidden: fit them once it shows, and on new data.
    app.clientside_callback(
        ClientsideFunction("redes", "reveal"),
        Output(ID.DV_REVEALED, "data"),
        Input(ID.DISCOURSE_VIEW, "hidden"),
        Input(ID.AFFILIATION, "elements"),
    )
