"""The view callback's request as the browser posts it (callbacks/render.py ``_view``): the
address, every control, the breakdown's choices, what the graph shows and the scene list."""

from __future__ import annotations

from callbacks.state import CONTROLS, controls_from_state
from components.ids import ID
from network.model.dataset import Dataset
from network.view.state import ViewState
from network.view.visible import normalise


def view_callback(deps: list[dict]) -> dict:
    """The view callback among ``/_dash-dependencies``: the one that writes the graph."""
    return next(d for d in deps if f"...{ID.GRAPH}.elements..." in d["output"])


def outputs_of(spec: dict) -> list[dict]:
    """A callback's outputs as the browser names them (``value@…`` where shared)."""
    return [dict(zip(("id", "property"), o.split(".", 1), strict=True))
            for o in spec["output"].strip(".").split("...")]


def view_body(deps: list[dict], ds: Dataset, query: str, changed: str = ID.YEAR,
              painted: str | None = None) -> dict:
    """The body of the view callback's request for the view ``query`` names, shown by
    every control, after a change of the control ``changed`` (or of the address)."""
    spec = view_callback(deps)
    state = normalise(ViewState.from_query(query), ds)
    values = {(cid, prop): v for (cid, _, prop), v in
              zip(CONTROLS, controls_from_state(ds, state, "en"), strict=True)}
    values |= {(ID.URL, "search"): "?" + state.to_query(), (ID.RESET, "n_clicks"): None,
               (ID.BREAKDOWN_BY, "value"): "ngo_type", (ID.DV_PER, "value"): "domain",
               (ID.RESYNC, "data"): None, (ID.PAINTED, "data"): painted,
               (ID.SCENES, "data"): None}

    def filled(items: list[dict]) -> list[dict]:
        return [{**item, "value": values[(item["id"], item["property"])]} for item in items]

    prop = "search" if changed == ID.URL else next(p for c, _, p in CONTROLS if c == changed)
    return {"output": spec["output"], "outputs": outputs_of(spec),
            "inputs": filled(spec["inputs"]), "state": filled(spec["state"]),
            "changedPropIds": [f"{changed}.{prop}"]}
