"""The view state: controls ↔ URL, play, reset and selection.

The URL query string is the one source of truth for a shareable view. One callback keeps
it and the controls in step in both directions (Dash allows such a cycle only inside one
callback): a change of a control writes the URL; opening a link, or going back and
forward, writes the controls.
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import ALL, Dash, Input, Output, State, ctx, no_update

from components import collaborate
from components.ids import ID, PICK, SEARCH_HIT, TABLE_PICK
from components.layout import options
from network.analysis.collaborators import SIGNALS
from network.model.dataset import Dataset
from network.model.schema import LEVELS
from network.view.state import MAX_WEIGHT, SET_FIELDS, ViewState, canonical
from network.view.visible import first_year_shown, from_link, normalise, search
from serving.library import Library

from . import callback_data, dataset, triggered_value

#: control id → (view-state field, component property), in callback order
CONTROLS: tuple[tuple[str, str, str], ...] = (
    (ID.LANG, "lang", "value"),
    (ID.LEVELS, "levels", "value"),
    (ID.DOMAINS, "domains", "value"),
    (ID.NETWORKS, "networks", "value"),
    (ID.SECTORS, "sectors", "value"),
    (ID.NGO_TYPES, "ngo_types", "value"),
    (ID.CERTAINTY, "certainty", "value"),
    (ID.UNDATED, "undated", "value"),
    (ID.YEAR, "year", "value"),
    (ID.METRIC, "metric", "value"),
    (ID.COLOUR, "colour", "value"),
    (ID.LAYOUT, "layout", "value"),
    (ID.SELECTED, "actor", "data"),
    (ID.VIEW, "view", "value"),
    (ID.PRESENT, "present", "data"),
    (ID.SCENE, "scene", "data"),
    (ID.DISCOURSE, "discourse", "data"),
    (ID.PANEL, "panel", "value"),
    (ID.ME, "me", "value"),
    (ID.TARGET, "target", "value"),
    (ID.STEPS, "steps", "value"),
    *((cid, f"weights.{i}", "value") for i, cid in enumerate(ID.WEIGHTS)),
    (ID.ONLY_NGOS, "only_ngos", "value"),
    (ID.ONLY_LEVELS, "only_levels", "value"),
)


def state_from_controls(ds: Dataset, values: list, data: str | None = None) -> ViewState:
    """Read the controls' values (in :data:`CONTROLS` order) into a normalised state;
    ``data`` is the key a link must carry to reopen the data set (a published upload).

    A checklist with every box ticked means "no filter" (``None``), so a link stays short
    and still means "all" if the data gains a category. The network dropdown is empty for
    "all networks".
    """
    every = options(ds, "en")
    kwargs: dict[str, object] = {}
    weights: list[float] = []
    scalars: dict[str, str] = {}
    for (cid, field, _), value in zip(CONTROLS, values, strict=True):
        if field.startswith("weights."):
            weights.append(value)
        elif field == "only_ngos":
            kwargs[field] = bool(value)
        elif field == "only_levels":
            kwargs[field] = canonical(_texts(value), LEVELS) if value else None
        elif field in SET_FIELDS:
            chosen = _texts(value)
            allowed = [o["value"] for o in every[cid]]
            if cid == ID.NETWORKS:
                kwargs[field] = canonical(chosen) if chosen else None
            elif set(allowed) <= set(chosen):
                kwargs[field] = None
            else:
                kwargs[field] = canonical(chosen, tuple(allowed))
        elif value is not None and not isinstance(value, list | dict):
            scalars[field] = "1" if value is True else str(value)
    # one value each (a choice, a year, a name): read as a link's are, so a value the page
    # would never send falls back to the default, as in a mangled link
    parsed = ViewState.from_query(urlencode(scalars))
    kwargs.update({field: getattr(parsed, field) for field in scalars})
    if all(isinstance(w, int | float) and 0 <= w <= MAX_WEIGHT for w in weights):
        kwargs["weights"] = tuple(float(w) for w in weights)
    return normalise(ViewState(**kwargs, data=data), ds)


def _texts(value: object) -> list[str]:
    """A checklist's or multiple dropdown's values as text (none unless it is a list)."""
    return [str(v) for v in value] if isinstance(value, list) else []


def controls_from_state(ds: Dataset, state: ViewState, browser_lang: str) -> list:
    """The controls' values for ``state`` (the inverse of :func:`state_from_controls`)."""
    every = options(ds, "en")
    out = []
    weights = collaborate.weights(state)
    for cid, field, _ in CONTROLS:
        if field.startswith("weights."):
            out.append(weights[SIGNALS[int(field.split(".")[1])]])
            continue
        value = getattr(state, field)
        if field == "only_ngos":
            value = ["ngos"] if value else []
        elif field == "only_levels":
            value = list(value or [])
        elif field in SET_FIELDS:
            if cid == ID.NETWORKS:
                value = list(value) if value else []
            else:
                value = [o["value"] for o in every[cid]] if value is None else list(value)
        elif field == "lang":
            value = value or browser_lang
        out.append(value)
    return out


def only_changed(new: list, old: list) -> list:
    """``new`` with ``no_update`` wherever the control already shows that value.

    Writing a control's own value again still fires every callback that listens to it (a
    presenter step re-sent the language and relabelled the whole page twice); a checklist
    holding the same choices in another order holds the same value.
    """
    def same(a: object, b: object) -> bool:
        if isinstance(a, list) and isinstance(b, list):
            return sorted(map(str, a)) == sorted(map(str, b))
        return a == b
    if len(old) != len(new):
        return new
    return [no_update if same(n, o) else n for n, o in zip(new, old, strict=True)]


def sync(ds: Dataset, search_string: str | None, trigger: str | None, browser_lang: str,
         values: list, data: str | None = None) -> tuple[object, list]:
    """Return (new URL search or no_update, new control values or no_update each).

    ``data`` is the key a link must carry to reopen the data set (a published upload).
    """
    if trigger in (None, ID.URL):
        state = from_link(ds, search_string)
        return no_update, only_changed(controls_from_state(ds, state, browser_lang), values)
    if trigger == ID.RESET:
        state = normalise(ViewState(lang=values[0], data=data), ds)
        return "?" + state.to_query(), only_changed(
            controls_from_state(ds, state, browser_lang), values)
    state = state_from_controls(ds, values, data)
    query = state.to_query()
    new = "?" + query if query else ""
    if new == (search_string or ""):
        return no_update, [no_update] * len(CONTROLS)
    return new, [no_update] * len(CONTROLS)


def pick(trigger: object, triggered_value: object, tap: dict | None, hits: list[str],
         current: str | None) -> object:
    """Which actor a click, a tap or an Enter in the search box selects."""
    if trigger == ID.GRAPH:
        return tap.get("id") or no_update if tap else no_update
    if trigger == ID.SEARCH:
        return hits[0] if hits else no_update
    if isinstance(trigger, dict) and trigger.get("type") in (PICK, SEARCH_HIT, TABLE_PICK):
        if not triggered_value:  # a button just created by a re-render, not a click
            return no_update
        return trigger["actor"]
    return no_update


def register(app: Dash, library: Library) -> None:
    _register_sync(app, library)
    _register_pick(app, library)
    _register_play(app, library)


def _register_sync(app: Dash, library: Library) -> None:
    """The address and the controls kept in step (see :func:`sync`)."""
    outputs = [Output(cid, prop, allow_duplicate=cid in (ID.YEAR, ID.SELECTED))
               for cid, _, prop in CONTROLS]

    @app.callback(
        Output(ID.URL, "search"),
        outputs,
        Input(ID.URL, "search"),
        Input(ID.RESET, "n_clicks"),
        [Input(cid, prop) for cid, _, prop in CONTROLS],
        State(ID.LANG, "value"),
        prevent_initial_call="initial_duplicate",
    )
    def _sync(search_string, _reset, *rest):
        current = callback_data(library)
        ds = current.dataset
        values, lang_now = list(rest[:-1]), rest[-1]
        browser_lang = getattr(app, "browser_lang_default", "en")
        # At page load Dash reports several props as changed at once; the URL wins then.
        trigger = ID.URL if f"{ID.URL}.search" in ctx.triggered_prop_ids else ctx.triggered_id
        if trigger in (None, ID.URL) and not search_string and ctx.triggered_id != ID.URL:
            # first load without a query: the layout already shows the default view
            return [no_update] * (1 + len(CONTROLS))
        url, controls = sync(ds, search_string, trigger, lang_now or browser_lang, values,
                             current.link_key)
        return [url, *controls]


def _register_pick(app: Dash, library: Library) -> None:
    """Selecting an actor: a tap on the graph, a button, a table row or the search box."""

    @app.callback(
        Output(ID.SELECTED, "data", allow_duplicate=True),
        Input(ID.GRAPH, "tapNodeData"),
        Input({"type": PICK, "actor": ALL}, "n_clicks"),
        Input({"type": SEARCH_HIT, "actor": ALL}, "n_clicks"),
        Input({"type": TABLE_PICK, "actor": ALL, "row": ALL}, "n_clicks"),
        Input(ID.SEARCH, "n_submit"),
        State(ID.SEARCH, "value"),
        State(ID.SELECTED, "data"),
        prevent_initial_call=True,
    )
    def _pick(tap, _picks, _hits, _table_picks, _submit, query, current):
        ds = dataset(library)
        trigger = ctx.triggered_id
        value = triggered_value()
        hits = search(ds, query or "", limit=1) if trigger == ID.SEARCH else []
        return pick(trigger, value, tap, hits, current)


def _register_play(app: Dash, library: Library) -> None:
    """▶ *Play the years*: the timer started, stopped, and each tick's year."""

    @app.callback(
        Output(ID.TIMER, "disabled"),
        Output(ID.YEAR, "value", allow_duplicate=True),
        Input(ID.PLAY, "n_clicks"),
        Input(ID.PRESENT_PLAY, "n_clicks"),
        Input(ID.TIMER, "n_intervals"),
        Input(ID.PRESENT_EXIT, "n_clicks"),
        State(ID.TIMER, "disabled"),
        State(ID.YEAR, "value"),
        State(ID.URL, "search"),
        prevent_initial_call=True,
    )
    def _play(_clicks, _present_clicks, _ticks, _exit, stopped, year, search_string):
        ds = dataset(library)
        if ctx.triggered_id == ID.PRESENT_EXIT:  # leaving the presenter stops the years
            return True, no_update
        trigger = ID.PLAY if ctx.triggered_id == ID.PRESENT_PLAY else ctx.triggered_id
        if not isinstance(year, int | float):  # no year chosen: the view shows the last
            year = ds.last_year
        # from the first year this view shows anyone (not twenty empty years first)
        first = (first_year_shown(ds, from_link(ds, search_string).filters)
                 if trigger == ID.PLAY and stopped else ds.first_year)
        return play(trigger, stopped, year, first, ds.last_year)


def play(trigger: str | None, stopped: bool, year: int, first: int,
         last: int) -> tuple[bool, object]:
    """The play button starts and stops; each tick moves one year and stops at the end."""
    if trigger == ID.PLAY:
        if stopped:  # start; from the beginning when already at the end
            return False, first if year >= last else no_update
        return True, no_update
    if stopped:
        return no_update, no_update
    nxt = year + 1
    # A tick never switches the timer on again: if a click to stop races a tick, the tick's
    # answer must not undo the click (it would, were it to send "running" back).
    return (True if nxt >= last else no_update), min(nxt, last)
