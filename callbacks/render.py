"""Draw the view: network, key actors, breakdowns and profile, from the controls.

One callback for everything a slider step changes, so a step is one round trip.
"""

from __future__ import annotations

import pandas as pd
from dash import Dash, Input, Output

from components import graph as graph_components
from components import panels
from components.ids import ID
from network.analysis import composition, composition_over_years, key_actors, metric_values
from network.dataset import Dataset
from network.i18n import t
from network.metrics import METRICS, rank
from network.view import categories, visible
from network.viewstate import ViewState

from .state import CONTROLS, state_from_controls

OUTPUTS = (
    (ID.GRAPH, "elements"),
    (ID.GRAPH_EMPTY, "children"),
    (ID.GRAPH_EMPTY, "hidden"),
    (ID.GRAPH_SUMMARY, "children"),
    (ID.LEGEND, "children"),
    (ID.KEY_ACTORS, "children"),
    (ID.METRIC_HELP, "children"),
    (ID.BREAKDOWN, "figure"),
    (ID.TIMELINE, "figure"),
    (ID.DETAILS, "children"),
    (ID.YEAR_LABEL, "children"),
    (ID.SHARE_LINK, "href"),
)


def render(ds: Dataset, state: ViewState, breakdown_by: str = "ngo_type") -> dict[tuple[str, str], object]:
    """Everything the page shows for ``state``, keyed by (component id, property)."""
    lang = state.lang or "en"
    filters = state.filters
    year = state.year if state.year is not None else ds.last_year
    view = visible(ds, filters)
    spec = METRICS[state.metric]
    values = metric_values(ds, filters, state.metric)
    ranks = rank(values, spec.higher_is_central)
    ranking = sorted(ranks, key=ranks.__getitem__)
    sizes = graph_components.node_sizes(values, spec.higher_is_central)
    elements = graph_components.elements(
        ds, view, lang=lang, layout=state.layout, colour_by=state.colour, sizes=sizes,
        ranking=ranking, selected=state.actor,
    )
    if state.start is not None:
        summary = t("ui.summary_range", lang, start=state.start, year=year,
                    actors=len(view.actors), ties=len(view.ties))
    else:
        summary = t("ui.summary", lang, year=year, actors=len(view.actors), ties=len(view.ties))
    shown = sorted(set(categories(view.actors, state.colour)),
                        key=list(graph_components.COLOURS[state.colour]).index)
    table = key_actors(ds, filters, state.metric, top=10)
    counts = composition(view.actors, breakdown_by, "level") if not view.empty else None
    series = composition_over_years(ds, filters, breakdown_by)
    return {
        (ID.GRAPH, "elements"): elements,
        (ID.GRAPH_EMPTY, "children"): t("ui.empty", lang, year=year) if view.empty else "",
        (ID.GRAPH_EMPTY, "hidden"): not view.empty,
        (ID.GRAPH_SUMMARY, "children"): summary,
        (ID.LEGEND, "children"): panels.legend(state.colour, shown, lang),
        (ID.KEY_ACTORS, "children"): panels.key_actor_table(ds, table, lang, state.actor),
        (ID.METRIC_HELP, "children"): t("ui.metric.explain", lang, text=spec.explanation[lang]),
        (ID.BREAKDOWN, "figure"): panels.breakdown_figure(
            counts if counts is not None else pd.DataFrame(), breakdown_by, year, lang),
        (ID.TIMELINE, "figure"): panels.timeline_figure(series, breakdown_by, year, lang),
        (ID.DETAILS, "children"): panels.profile(ds, state.actor, view, year, lang),
        (ID.YEAR_LABEL, "children"): (f"{state.start}–{year}" if state.start is not None else str(year)),
        (ID.SHARE_LINK, "href"): "?" + state.to_query(),
    }


def register(app: Dash, ds: Dataset) -> None:
    # Bound now, not looked up per call: the benchmark's floor app registers a stand-in.
    draw = globals()["render"]

    @app.callback(
        [Output(cid, prop) for cid, prop in OUTPUTS],
        [Input(cid, prop) for cid, _, prop in CONTROLS],
        Input(ID.BREAKDOWN_BY, "value"),
    )
    def _render(*args):
        values, breakdown_by = list(args[:-1]), args[-1]
        state = state_from_controls(ds, values)
        out = draw(ds, state, breakdown_by or "ngo_type")
        return [out[key] for key in OUTPUTS]
