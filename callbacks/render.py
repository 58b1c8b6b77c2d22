"""Draw the view: network, key actors, breakdowns and profile, from the controls.

One callback for everything a slider step, a link or a presenter's step changes (the
address and the controls kept in step too, callbacks/state.py), so each is one round trip.
"""

from __future__ import annotations

from functools import lru_cache

from dash import ClientsideFunction, Dash, Input, Output, State, no_update

from components import charts, collaborate, discourse_view, panels, present
from components import graph as graph_components
from components.ids import ID
from network.analysis.frame import Frame, breakdown_choice, frame_of
from network.analysis.metrics import METRICS
from network.analysis.ranking import FAILED, PENDING, QUICK, failure_of, measurable
from network.model.dataset import Dataset
from network.text.catalogue import t
from network.view.state import Filters, ViewState
from network.view.visible import UNSTATED, assignments_withheld, categories, from_link
from serving import jobs
from serving.library import Library

from . import callback_data, job_callback
from .state import sync_inputs, sync_outputs, synced

OUTPUTS = (
    (ID.GRAPH, "elements"),
    (ID.PAINT, "data"),
    (ID.GRAPH_EMPTY, "children"),
    (ID.GRAPH_EMPTY, "hidden"),
    (ID.GRAPH_SUMMARY, "children"),
    (ID.DATING, "children"),
    (ID.LEGEND, "children"),
    (ID.KEY_ACTORS, "children"),
    (ID.METRIC_HELP, "children"),
    (ID.BREAKDOWN, "figure"),
    (ID.TIMELINE, "figure"),
    (ID.DETAILS, "children"),
    (ID.YEAR_LABEL, "children"),
    (ID.SHARE_LINK, "href"),
    (ID.COLLAB, "children"),
    (ID.NETWORK_VIEW, "hidden"),
    (ID.DISCOURSE_VIEW, "hidden"),
    (ID.AFFILIATION, "elements"),
    (ID.COALITIONS, "elements"),
    (ID.DV_COMPARE, "children"),
    (ID.DV_CARDS, "children"),
    (ID.DV_TYPES, "figure"),
    (ID.DV_DIVERSITY, "figure"),
    (ID.DV_ROLES, "children"),
    (ID.DETAILS_PANEL, "hidden"),
    (ID.APP, "className"),
    (ID.PRESENT_TITLE, "children"),
    (ID.PRESENT_CAPTION, "children"),
    (ID.PRESENT_COUNT, "children"),
    (ID.SCENE_PREV, "disabled"),
    (ID.SCENE_NEXT, "disabled"),
    (ID.COLLAB_PANEL, "hidden"),
    (ID.DOWNLOAD_SUGGESTIONS, "disabled"),
    (ID.DOWNLOAD_PATHS, "disabled"),
    (ID.MEASURE_JOB, "data"),
)


#: What a projector does not show (assets/app.css hides it while presenting): a presenter's
#: step leaves it as it is, so the step computes and sends only the picture and its caption;
#: leaving presenter mode draws it again.
HIDDEN_WHILE_PRESENTING = frozenset({
    (ID.KEY_ACTORS, "children"), (ID.METRIC_HELP, "children"), (ID.BREAKDOWN, "figure"),
    (ID.TIMELINE, "figure"), (ID.DETAILS, "children"), (ID.COLLAB, "children"),
    (ID.GRAPH_SUMMARY, "children"), (ID.DATING, "children"), (ID.DV_COMPARE, "children"),
    (ID.DV_CARDS, "children"), (ID.DV_TYPES, "figure"), (ID.DV_DIVERSITY, "figure"),
    (ID.DV_ROLES, "children"),
})

#: What the page shows, keyed by (component id, property).
Outputs = dict[tuple[str, str], object]


def paint_key(ds: Dataset, state: ViewState) -> str:
    """Names what the browser's graph shows: the data set and the whole view state."""
    return f"{ds.key}|{state.to_query()}"


def _painted_state(ds: Dataset, key: str | None) -> ViewState | None:
    """The state a paint key names, if it is of this data set."""
    if not key or not isinstance(key, str) or "|" not in key:
        return None
    data_key, query = key.split("|", 1)
    if data_key != ds.key:
        return None
    return from_link(ds, query)


def _state_paint(ds: Dataset, state: ViewState) -> graph_components.Paint:
    return _paint(ds, state.filters, state.metric, state.colour, state.actor,
                  collaborate.focus(ds, state), state.layout)


@lru_cache(maxsize=64)
def _paint(ds: Dataset, filters: Filters, metric: str, colour: str,
           selected: str | None, focus: tuple | None = None,
           layout: str = "force") -> graph_components.Paint:
    frame = frame_of(ds, filters, metric)
    return graph_components.paint(
        ds, frame.view, colour_by=colour,
        sizes=graph_components.node_sizes(frame.values, frame.spec.higher_is_central),
        ranking=frame.ranking, selected=selected, focus=focus, layout=layout)


def _actors_to_bring_into_view(ds: Dataset, state: ViewState,
                               before: ViewState | None) -> list[str]:
    """Actors to bring into the picture: my organisation's surroundings when they change."""
    focus = collaborate.focus(ds, state)
    if focus is None:
        return []
    mine = ("panel", "me", "target", "steps")
    if before is not None and all(getattr(before, k) == getattr(state, k) for k in mine):
        return []
    _, ego, ways, suggested = focus
    # my organisation's partners, the ways in, and the suggestions the panel lists
    return sorted(set(ego) | {a for way in ways for a in way} | set(suggested))


def graph_update(ds: Dataset, state: ViewState, painted: str | None) -> tuple[object, dict]:
    """The graph's elements (only when they must change) and the paint delta for ``state``.

    ``painted`` is the key of what the browser shows now (None on a fresh page). The server
    keeps no memory of it: it recomputes that view's paint (cached) and sends the difference.
    """
    lang = state.lang or "en"
    new = _state_paint(ds, state)
    before = _painted_state(ds, painted)
    old = None if before is None else _state_paint(ds, before)
    change = graph_components.delta(old, new)
    same_base = before is not None and (before.lang or "en", before.layout) == (lang, state.layout)
    elements = no_update if same_base else graph_components.base_elements(ds, lang, state.layout)
    change.update(key=paint_key(ds, state), base=None if old is None else painted,
                  # a presenter's scene always fills the screen with what it shows
                  fit=before is None or before.layout != state.layout
                  or before.present != state.present
                  or (state.present and before.scene != state.scene),
                  # "frame" here is the browser's word: actors the viewport must include
                  frame=_actors_to_bring_into_view(ds, state, before),
                  total=len(ds.actors) + len(ds.ties),
                  centre=state.actor if state.actor is not None and not state.present and (
                      before is None or before.actor != state.actor) else None)
    return elements, change


def measure_outputs(ds: Dataset, state: ViewState, status: str,
                    stored: str | None = None) -> Outputs:
    """What the page says and starts when the chosen measure is not drawn yet: the link
    keeps the chosen measure; the note says what is shown meanwhile and why; a pending
    measure names its view (``stored``: the data set's key in the store) to the background
    job (``_measure`` below)."""
    if status not in (PENDING, FAILED):
        return {(ID.MEASURE_JOB, "data"): no_update}
    lang = state.lang or "en"
    words = {"metric": METRICS[state.metric].label[lang], "quick": METRICS[QUICK].label[lang]}
    if status == PENDING:
        note = t("ui.metric.pending", lang, **words)
    else:
        note = t(f"ui.metric.failed.{failure_of(ds, state.filters, state.metric) or 'time'}",
                 lang, **words)
    return {
        (ID.SHARE_LINK, "href"): "?" + state.to_query(),
        (ID.METRIC_HELP, "children"): note,
        (ID.MEASURE_JOB, "data"): ({"data": stored, "query": state.to_query()}
                                   if status == PENDING and stored else no_update),
    }


def render(ds: Dataset, state: ViewState, breakdown_by: str = "ngo_type",
           painted: str | None = None, per: str = "domain",
           scenes: list | None = None) -> Outputs:
    """Everything the page shows for ``state``, keyed by (component id, property).

    ``painted`` names the view the browser's graph shows now, so only the difference is sent.
    """
    lang = state.lang or "en"
    year = state.year if state.year is not None else ds.last_year
    frame = frame_of(ds, state.filters, state.metric)
    out = {
        **_presenter_outputs(ds, state, scenes, lang),
        **_discourse_outputs(ds, state, lang, year, per),
        **_graph_outputs(ds, state, frame, painted, lang, year),
        **_panel_outputs(ds, state, frame, breakdown_by, lang, year),
    }
    # The outputs of HIDDEN_WHILE_PRESENTING are given as functions, called only when shown.
    for key in HIDDEN_WHILE_PRESENTING:
        value = out[key]
        out[key] = no_update if state.present else value() if callable(value) else value
    return out



def _presenter_outputs(ds: Dataset, state: ViewState, scenes: list | None,
                       lang: str) -> Outputs:
    """The page's presenting class, the scene's title, caption and count, the step buttons."""
    listed = scenes if scenes is not None else present.from_store(None, ds)
    title, caption, count = (present.caption(listed, state, lang)
                             if state.present else ("", "", ""))
    at = state.scene if state.scene is not None else -1
    return {
        (ID.APP, "className"): "app presenting" if state.present else "app",
        (ID.PRESENT_TITLE, "children"): title,
        (ID.PRESENT_CAPTION, "children"): caption,
        (ID.PRESENT_COUNT, "children"): count,
        # no previous before the first scene, no next after the last: the button says so
        (ID.SCENE_PREV, "disabled"): at <= 0,
        (ID.SCENE_NEXT, "disabled"): at >= len(listed) - 1,
        (ID.MEASURE_JOB, "data"): no_update,
    }


def _discourse_outputs(ds: Dataset, state: ViewState, lang: str, year: int,
                       per: str) -> Outputs:
    """The discourse view (drawn only when it is the view shown), and which view shows."""
    discourses = state.view == "discourses"
    drawn = discourse_view.render(ds, state, lang, year, per) if discourses else {}
    return {
        **{key: drawn.get(key[0], no_update) for key in (
            (ID.AFFILIATION, "elements"), (ID.COALITIONS, "elements"),
            (ID.DV_COMPARE, "children"), (ID.DV_CARDS, "children"), (ID.DV_TYPES, "figure"),
            (ID.DV_DIVERSITY, "figure"), (ID.DV_ROLES, "children"))},
        (ID.NETWORK_VIEW, "hidden"): discourses,
        (ID.DISCOURSE_VIEW, "hidden"): not discourses,
    }


def _empty_message(ds: Dataset, filters: Filters, lang: str, year: int) -> str:
    """Why the graph is empty: the network filter asks for more certainty than the data's
    network assignments have, or else nothing passes these filters this year."""
    if assignments_withheld(ds, filters):
        return ds.say("ui.empty.assignments", lang)
    return ds.say("ui.empty", lang, year=year)


def _graph_outputs(ds: Dataset, state: ViewState, frame: Frame, painted: str | None,
                   lang: str, year: int) -> Outputs:
    """The network graph (elements and paint), what it says when empty, and the lines
    under it: summary, dating and legend."""
    filters, view = state.filters, frame.view
    elements, change = graph_update(ds, state, painted)
    if state.start is not None:
        summary = t("ui.summary_range", lang, start=state.start, year=year,
                    actors=len(view.actors), ties=len(view.ties))
    else:
        summary = ds.say("ui.summary", lang, year=year, actors=len(view.actors),
                         ties=len(view.ties))
    shown = sorted(set(categories(view.actors, state.colour)),
                   key=list(graph_components.COLOURS[state.colour]).index)
    return {
        (ID.GRAPH, "elements"): elements,
        (ID.PAINT, "data"): change,
        (ID.GRAPH_EMPTY, "children"): _empty_message(ds, filters, lang, year) if view.empty else "",
        (ID.GRAPH_EMPTY, "hidden"): not view.empty,
        (ID.GRAPH_SUMMARY, "children"): summary,
        (ID.DATING, "children"): lambda: (
            panels.dating_line(ds, frame.dating, filters.undated, lang) if not view.empty else ""),
        (ID.LEGEND, "children"): panels.legend(
            ds, state.colour, shown, lang, unplaced=bool((view.actors["level"] == UNSTATED).any()),
            undated=bool(view.actors["founded"].isna().any()
                         or view.ties["from_year"].isna().any())),
    }


def _panel_outputs(ds: Dataset, state: ViewState, frame: Frame, breakdown_by: str,
                   lang: str, year: int) -> Outputs:
    """Key actors, charts, the profile and collaborator panels, the year label and the
    share link; lambdas for those in HIDDEN_WHILE_PRESENTING."""
    view = frame.view
    return {
        (ID.KEY_ACTORS, "children"): (lambda: panels.key_actor_table(
            ds, frame.key_actors, lang, state.actor, frame.thesis_ranks, year)),
        (ID.METRIC_HELP, "children"): t("ui.metric.explain", lang,
                                        text=frame.spec.explanation[lang]),
        (ID.BREAKDOWN, "figure"): (lambda: charts.breakdown_figure(
            frame.breakdown(breakdown_by), breakdown_by, None if ds.timeless else year, lang)),
        (ID.TIMELINE, "figure"): (lambda: charts.timeline_figure(
            frame.timeline(breakdown_by), breakdown_by, year, lang)),
        (ID.DETAILS, "children"): (lambda: panels.profile(ds, state.actor, view, year, lang)),
        (ID.YEAR_LABEL, "children"): ("" if ds.timeless else f"{state.start}–{year}"
                                      if state.start is not None else str(year)),
        (ID.SHARE_LINK, "href"): "?" + state.to_query(),
        (ID.COLLAB, "children"): lambda: (collaborate.results(ds, state, lang, year)
                                          if state.panel == "collaborate" else []),
        (ID.DETAILS_PANEL, "hidden"): state.panel != "details",
        (ID.COLLAB_PANEL, "hidden"): state.panel != "collaborate",
        (ID.DOWNLOAD_SUGGESTIONS, "disabled"): not collaborate.present(ds, state),
        (ID.DOWNLOAD_PATHS, "disabled"): not collaborate.paths(ds, state),
    }


def register(app: Dash, library: Library) -> None:
    # Bound now, not looked up per call: the benchmark's floor app registers a stand-in.
    draw = globals()["render"]

    # One callback keeps the address and the controls in step (callbacks/state.py) and draws
    # the view they name: a change, a link opened or a presenter's step is one round trip.
    @app.callback(
        *sync_outputs(),
        [Output(cid, prop) for cid, prop in OUTPUTS],
        *sync_inputs(),
        Input(ID.BREAKDOWN_BY, "value"),
        Input(ID.DV_PER, "value"),
        Input(ID.RESYNC, "data"),
        State(ID.PAINTED, "data"),
        State(ID.SCENES, "data"),
        prevent_initial_call="initial_duplicate",
    )
    def _view(search_string, _reset, *args):
        values, (breakdown_by, per, _resync, painted, stored) = list(args[:-5]), args[-5:]
        url, controls, state = synced(app, library, search_string, values)
        current = callback_data(library)
        ds = current.dataset
        scenes = present.from_store(stored, ds) if state.present else None
        shown, status = measurable(ds, state)
        out = draw(ds, shown, breakdown_choice(breakdown_by), painted, per or "domain", scenes)
        out.update(measure_outputs(ds, state, status, current.key))
        return [url, *controls, *(out[key] for key in OUTPUTS)]

    # A measure too slow for a request (measurable above): computed by a job off the request
    # path (serving.jobs), then the view drawn again; choosing another measure cancels it.
    # Each view's job once: every redraw while it runs names the view again, and a second
    # job for it would end the first (assets/redes-measure.js: measureOnce).
    app.clientside_callback(
        ClientsideFunction("redes", "measureOnce"),
        Output(ID.MEASURE_RUN, "data"),
        Input(ID.MEASURE_JOB, "data"),
        State(ID.MEASURE_RUN, "data"),
        prevent_initial_call=True,
    )

    @job_callback(app, Output(ID.MEASURE_DONE, "data"), Input(ID.MEASURE_RUN, "data"),
                  cancel=[Input(ID.METRIC, "value")])
    def _measure(job):
        return jobs.measure(library, job)

    # ... and the view asked for again when it ends (assets/redes-measure.js says why there)
    app.clientside_callback(
        ClientsideFunction("redes", "measured"),
        Output(ID.RESYNC, "data", allow_duplicate=True),
        Input(ID.MEASURE_DONE, "data"),
        prevent_initial_call=True,
    )

    # Paint the delta onto the graph in the browser (assets/redes-graph.js).
    app.clientside_callback(
        ClientsideFunction("redes", "paint"),
        Output(ID.PAINTED, "data"),
        Input(ID.PAINT, "data"),
        State(ID.PAINTED, "data"),
    )
