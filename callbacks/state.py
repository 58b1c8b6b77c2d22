"""The view state: controls ↔ URL, play, reset and selection.

The URL query string is the one source of truth for a shareable view. It and the controls
are kept in step in both directions by the callback that draws the view (callbacks/render.py;
Dash allows such a cycle only inside one callback), so that any change of the view is one
round trip: a change of a control writes the URL; opening a link, going back and forward, or
a presenter's step writes the controls (:func:`view`).
"""

from __future__ import annotations

from urllib.parse import urlencode

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, no_update

from components import collaborate
from components.ids import ID, PICK, SEARCH_HIT, TABLE_PICK
from components.layout import options
from network.analysis.collaborators import SIGNALS
from network.model.dataset import Dataset
from network.model.schema import LEVELS
from network.view.state import MAX_WEIGHT, SET_FIELDS, ViewState, canonical
from network.view.visible import first_year_shown, from_link, normalise
from serving.library import Library

from . import callback_data, dataset

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


#: the ids whose change moves the view (and so the address)
SYNCED = frozenset({ID.URL, ID.RESET, *(cid for cid, _, _ in CONTROLS)})


def view(ds: Dataset, search_string: str | None, trigger: object, browser_lang: str,
         values: list, data: str | None = None) -> tuple[object, list, ViewState]:
    """What one change of the page does to the view: (new URL search or no_update, new
    control values or no_update each, the state the page then shows).

    ``trigger`` is what changed: the address (:data:`ID.URL`: a link opened, back or forward,
    a presenter's step), *Reset*, a control; anything else (such as the breakdown's choice)
    leaves the address and the controls as they are.
    """
    if trigger in SYNCED or trigger is None:
        url, controls = sync(ds, search_string, trigger, browser_lang, values, data)
    else:
        url, controls = no_update, [no_update] * len(CONTROLS)
    # the controls as they will be: the new value where one is written, else the one shown
    shown = [value if new is no_update else new
             for new, value in zip(controls, values, strict=True)]
    return url, controls, state_from_controls(ds, shown, data)


def register(app: Dash, library: Library) -> None:
    _register_pick(app)
    _register_play(app, library)


def sync_outputs() -> list:
    """The address and every control, as the view's callback writes them (the year and the
    selection are also written by *Play* and by a pick)."""
    return [Output(ID.URL, "search"),
            [Output(cid, prop, allow_duplicate=cid in (ID.YEAR, ID.SELECTED))
             for cid, _, prop in CONTROLS]]


def sync_inputs() -> list:
    """The address, *Reset* and every control: what moves the view."""
    return [Input(ID.URL, "search"), Input(ID.RESET, "n_clicks"),
            [Input(cid, prop) for cid, _, prop in CONTROLS]]


def triggered(prop_ids: list[str], first: object) -> object:
    """What a change of several props at once counts as (see :func:`view`): the address if
    it changed, else the first control or *Reset* that did, else ``first`` (Dash's first).

    >>> triggered(["breakdown-by.value", "year.value"], "breakdown-by")
    'year'
    >>> triggered(["year.value", "url.search"], "year"), triggered([], None)
    ('url', None)
    """
    ids = [p.rsplit(".", 1)[0] for p in prop_ids]
    if ID.URL in ids:
        return ID.URL
    return next((i for i in ids if i in SYNCED), first)


def synced(app: Dash, library: Library, search_string: str | None,
           values: list) -> tuple[object, list, ViewState]:
    """:func:`view` for the running callback: what fired it, the page's data set and
    language (called by the view's callback in callbacks/render.py)."""
    current = callback_data(library)
    browser_lang = getattr(app, "browser_lang_default", "en")
    # Several props can arrive changed at once (page load; a change queued behind a redraw):
    # the URL wins, then the first that moves the view, then whatever else fired.
    trigger = triggered(list(ctx.triggered_prop_ids), ctx.triggered_id)
    if trigger in (None, ID.URL) and not search_string and ctx.triggered_id != ID.URL:
        trigger = "first"  # first load without a query: the layout shows the default view
    return view(current.dataset, search_string, trigger, values[0] or browser_lang, values,
                current.link_key)


def _register_pick(app: Dash) -> None:
    """Selecting an actor: a tap on the graph, or a button (a key actor, a tie, a table row,
    a search suggestion), decided in the browser (assets/redes-pick.js says why); Enter in
    the search box is callbacks/search.py's."""
    app.clientside_callback(
        ClientsideFunction("redes", "pick"),
        Output(ID.SELECTED, "data", allow_duplicate=True),
        Input(ID.GRAPH, "tapNodeData"),
        Input({"type": PICK, "actor": ALL}, "n_clicks"),
        Input({"type": SEARCH_HIT, "actor": ALL}, "n_clicks"),
        Input({"type": TABLE_PICK, "actor": ALL, "row": ALL}, "n_clicks"),
        prevent_initial_call=True,
    )


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
