"""Presenter mode and scenes: stepping through scenes (buttons; keys and clickers reach the
buttons through assets/redes-present.js), and editing, saving and loading the scene list."""

from __future__ import annotations

from dataclasses import replace

from dash import ALL, ClientsideFunction, Dash, Input, Output, State, ctx, html, no_update

from components import present
from components.ids import ID, SCENE_ACTION
from network.formats.upload import decode_data_url
from network.model.dataset import Dataset
from network.text.catalogue import t
from network.view.scenes import Scene, add, dump_scenes, move, parse_scenes, remove
from network.view.visible import from_link
from serving.library import Library

from . import callback_data, dataset, triggered_value
from .state import CONTROLS, controls_from_state


def steps(ds: Dataset, scenes: list[Scene], lang: str, data: str | None = None) -> dict:
    """For each scene, its presenter link and the control values that show it (in
    :data:`callbacks.state.CONTROLS` order): what a step in the browser writes."""
    out = []
    for index, scene in enumerate(scenes):
        query = present.scene_query(ds, scene, index, lang, data)
        state = from_link(ds, query)
        out.append({"search": query, "controls": controls_from_state(ds, state, lang)})
    return {"controls": len(CONTROLS), "scenes": out}


def navigate(ds: Dataset, trigger: object, value: object, scenes: list[Scene],
             search_string: str | None, lang: str, before: str | None = None) -> object:
    """The link to go to after a presenter button (or a scene's *Show*); no_update if none.

    Leaving goes back to ``before``, the view presenting started from (in the language
    now shown), or else keeps the scene's view without the presenter."""
    if trigger == ID.PRESENT_EXIT:
        back = from_link(ds, before if isinstance(before, str) else search_string)
        return "?" + replace(back, present=False, scene=None, lang=lang).to_query()
    # next, previous and start step in the browser (redes.step); here only a scene's *Show*
    if not isinstance(trigger, dict) or not value or trigger.get("action") != "go" or not scenes:
        return no_update
    index = min(max(int(trigger["index"]), 0), len(scenes) - 1)
    data = from_link(ds, search_string).data
    return present.scene_query(ds, scenes[index], index, lang, data)


def edit(ds: Dataset, trigger: object, value: object, scenes: list[Scene],
         search_string: str | None, title: str | None, caption: str | None,
         upload: str | None, lang: str) -> tuple[object, object]:
    """(new scene list for the store, message) after an edit; no_update where unchanged."""
    if isinstance(trigger, dict):
        if not value:
            return no_update, no_update
        index, action = int(trigger["index"]), trigger.get("action")
        if action == "up":
            return present.to_store(move(scenes, index, -1)), ""
        if action == "down":
            return present.to_store(move(scenes, index, 1)), ""
        if action == "delete":
            return present.to_store(remove(scenes, index)), ""
        return no_update, no_update
    if trigger == ID.SCENE_ADD:
        state = from_link(ds, search_string)
        name = (title or "").strip() or t("ui.scenes.untitled", lang, n=len(scenes) + 1)
        added = add(scenes, present.view_query(state), name, (caption or "").strip(), lang=lang)
        return present.to_store(added), ""
    if trigger == ID.SCENE_RESET:
        return None, ""
    if trigger == ID.SCENE_UPLOAD:
        result = parse_scenes(decode_data_url(upload), lang)
        if not result.scenes:
            return no_update, result.problems
        message = [t("ui.scenes.loaded", lang, count=len(result.scenes)), *result.problems]
        return present.to_store(result.scenes), message
    return no_update, no_update


def scenes_of(library: Library, stored: object) -> list[Scene]:
    """The page's scene list: the prepared tour for the thesis's data, a first tour made
    from the data for any other."""
    return present.from_store(stored, callback_data(library).dataset)


def register(app: Dash, library: Library) -> None:
    _register_navigation(app, library)
    _register_editing(app, library)
    _register_scene_list(app, library)
    _register_stepping(app)
    _register_opening(app)
    _register_download(app, library)


def _register_navigation(app: Dash, library: Library) -> None:
    """Leaving the presenter, and a scene's *Show*: the link to go to."""

    @app.callback(
        Output(ID.URL, "search", allow_duplicate=True),
        Input(ID.PRESENT_EXIT, "n_clicks"),
        Input({"type": SCENE_ACTION, "action": ALL, "index": ALL}, "n_clicks"),
        State(ID.SCENES, "data"),
        State(ID.URL, "search"),
        State(ID.LANG, "value"),
        State(ID.BEFORE_PRESENT, "data"),
        prevent_initial_call=True,
    )
    def _navigate(*args):
        ds = dataset(library)
        stored, search_string, lang, before = args[-4:]
        value = triggered_value()
        return navigate(ds, ctx.triggered_id, value, scenes_of(library, stored), search_string,
                        lang or "en", before)


def _register_editing(app: Dash, library: Library) -> None:
    """Adding, moving, removing, resetting and loading scenes."""

    @app.callback(
        Output(ID.SCENES, "data"),
        Output(ID.SCENE_MESSAGE, "children"),
        Input(ID.SCENE_ADD, "n_clicks"),
        Input(ID.SCENE_RESET, "n_clicks"),
        Input(ID.SCENE_UPLOAD, "contents"),
        Input({"type": SCENE_ACTION, "action": ALL, "index": ALL}, "n_clicks"),
        State(ID.SCENES, "data"),
        State(ID.URL, "search"),
        State(ID.SCENE_TITLE, "value"),
        State(ID.SCENE_CAPTION, "value"),
        State(ID.LANG, "value"),
        prevent_initial_call=True,
    )
    def _edit(_add, _reset, upload, _actions, stored, search_string, title, caption, lang):
        ds = dataset(library)
        value = triggered_value()
        data, message = edit(ds, ctx.triggered_id, value, scenes_of(library, stored),
                             search_string, title, caption, upload, lang or "en")
        if isinstance(message, list):
            message = [html.P(m) for m in message]
        return data, message


def _register_scene_list(app: Dash, library: Library) -> None:
    """The scene list drawn in the panel, and each scene's step for the browser."""

    @app.callback(
        Output(ID.SCENE_LIST, "children"),
        Output(ID.SCENE_STEPS, "data"),
        Input(ID.SCENES, "data"),
        Input(ID.LANG, "value"),
    )
    def _list(stored, lang):
        current = callback_data(library)
        scenes = scenes_of(library, stored)
        lang = lang or "en"
        return (present.scene_list(scenes, lang),
                steps(current.dataset, scenes, lang, current.link_key))


def _view_outputs() -> list:
    """A scene's view as the browser writes it: the address and every control."""
    return [Output(ID.URL, "search", allow_duplicate=True),
            [Output(cid, prop, allow_duplicate=True) for cid, _, prop in CONTROLS]]


def _view_states() -> list:
    """The view the page shows now: the address and every control."""
    return [State(ID.URL, "search"), [State(cid, prop) for cid, _, prop in CONTROLS]]


def _register_stepping(app: Dash) -> None:
    # Next and previous run in the browser (assets/redes-present.js): each scene's link and control
    # values are known ahead (SCENE_STEPS), so a step writes them at once: the server is
    # asked once, to draw the new view (callbacks/render.py: the view's one callback).
    app.clientside_callback(
        ClientsideFunction("redes", "step"),
        *_view_outputs(),
        Output(ID.BEFORE_PRESENT, "data"),
        Input(ID.SCENE_PREV, "n_clicks"),
        Input(ID.SCENE_NEXT, "n_clicks"),
        Input(ID.PRESENT_START, "n_clicks"),
        State(ID.SCENE_STEPS, "data"),
        State(ID.SCENE, "data"),
        *_view_states(),
        prevent_initial_call=True,
    )


def _register_opening(app: Dash) -> None:
    # A presenter link (present=1&scene=N) opens that scene's own view, as a step to it
    # would, even when the link says nothing else (assets/redes-present.js: openScene).
    app.clientside_callback(
        ClientsideFunction("redes", "openScene"),
        *_view_outputs(),
        Input(ID.SCENE_STEPS, "data"),
        *_view_states(),
        prevent_initial_call=True,
    )


def _register_download(app: Dash, library: Library) -> None:
    """The scene list as a JSON file."""

    @app.callback(
        Output(ID.SCENE_FILE, "data"),
        Input(ID.SCENE_DOWNLOAD, "n_clicks"),
        State(ID.SCENES, "data"),
        prevent_initial_call=True,
    )
    def _download(_clicks, stored):
        return {"content": dump_scenes(scenes_of(library, stored)),
                "filename": "redes-scenes.json", "type": "application/json"}
