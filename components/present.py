"""Presenter mode and scenes: the caption bar shown on a projector, and the scene editor
(plain data in, Dash components out; no callbacks here)."""

from __future__ import annotations

import json
from dataclasses import replace
from functools import lru_cache

from dash import dcc, html

from network.analysis.tour import starter_tour
from network.model.dataset import THESIS, Dataset
from network.text.catalogue import t
from network.view.scenes import (
    Scene,
    dump_scenes,
    load_scenes,
    parse_scenes,
    scene_caption,
    scene_state,
    scene_title,
)
from network.view.state import ViewState

from .ids import ID, SCENE_ACTION
from .words import live_text


@lru_cache(maxsize=1)
def _tour() -> tuple[Scene, ...]:
    return tuple(load_scenes())  # read once per worker, not on every step


def from_store(data: object, ds: Dataset | None = None) -> list[Scene]:
    """The scene list kept in the browser. None is the page's first list: the prepared tour
    of the thesis's data (``ds`` None, or in the thesis's voice), or for any other data a
    first tour made from it (:func:`network.analysis.tour.starter_tour`)."""
    if data is None:
        if ds is None or ds.voice == THESIS:
            return list(_tour())
        return list(starter_tour(ds))
    return parse_scenes(json.dumps(data)).scenes


def to_store(scenes: list[Scene]) -> list:
    return json.loads(dump_scenes(scenes))


def scene_query(ds: Dataset, scene: Scene, index: int, lang: str,
                data: str | None = None) -> str:
    """The link of a scene in presenter mode: its view (fitted to the data), the presenter
    flag and the index (and the published data set's key, ``data``, that the link names)."""
    state = replace(scene_state(scene, ds), present=True, scene=index, lang=lang, data=data)
    return "?" + state.to_query()


def view_query(state: ViewState) -> str:
    """The state's link without the presenter's part (what a new scene stores)."""
    return replace(state, present=False, scene=None, lang=None, panel="details").to_query()


def bar(ds: Dataset, lang: str) -> html.Div:
    """The caption bar of presenter mode (hidden otherwise); no ▶ Play for data of one year
    or none."""

    return html.Div([
        html.Div([
            html.H2(id=ID.PRESENT_TITLE, className="present-title"),
            html.P(id=ID.PRESENT_CAPTION, className="present-caption"),
        ], className="present-text", **{"aria-live": "polite"}),
        html.Div([
            html.Span(id=ID.PRESENT_COUNT, className="present-count"),
            html.Button(live_text("ui.present.prev", lang), id=ID.SCENE_PREV, className="button"),
            html.Button(live_text("ui.present.next", lang), id=ID.SCENE_NEXT, className="button"),
            html.Button(t("ui.play", lang), id=ID.PRESENT_PLAY, className="button secondary",
                        hidden=ds.first_year == ds.last_year),
            # the explorer's picture export, with its caption block (assets/redes-present.js
            # presses its button)
            html.Button(live_text("ui.present.save", lang), type="button",
                        className="button secondary present-save"),
            html.Button(live_text("ui.present.exit", lang), id=ID.PRESENT_EXIT,
                        className="button secondary"),
        ], className="present-controls"),
    ], className="present-bar", role="region", **{"aria-label": t("ui.present", lang)})


def editor(ds: Dataset, lang: str) -> html.Details:
    """The scene list: show, reorder, delete, add the current view, save and load."""

    return html.Details([
        html.Summary(live_text("ui.scenes", lang)),
        live_text(ds.words("ui.scenes.help"), lang, html.P, className="help"),
        html.Ol(id=ID.SCENE_LIST, className="scene-list"),
        html.Div([
            html.Label(live_text("ui.scenes.title", lang), htmlFor=ID.SCENE_TITLE),
            dcc.Input(id=ID.SCENE_TITLE, type="text", maxLength=200, debounce=False),
            html.Label(live_text("ui.scenes.caption", lang), htmlFor=ID.SCENE_CAPTION),
            dcc.Input(id=ID.SCENE_CAPTION, type="text", maxLength=2000, debounce=False),
            html.Button(live_text("ui.scenes.add", lang), id=ID.SCENE_ADD,
                        className="button small"),
        ], className="scene-add"),
        html.Div([
            html.Button(live_text("ui.scenes.download", lang), id=ID.SCENE_DOWNLOAD,
                        className="button secondary small"),
            dcc.Upload(html.Button(live_text("ui.scenes.upload", lang),
                                   className="button secondary small"),
                       id=ID.SCENE_UPLOAD, accept=".json,application/json", multiple=False),
            html.Button(live_text("ui.scenes.reset", lang), id=ID.SCENE_RESET,
                        className="button secondary small"),
            dcc.Download(id=ID.SCENE_FILE),
        ], className="downloads"),
        html.Div(id=ID.SCENE_MESSAGE, role="status", className="scene-message"),
    ], className="scenes")


def scene_list(scenes: list[Scene], lang: str) -> list:
    if not scenes:
        return [html.Li(t("ui.scenes.empty", lang), className="help")]
    out = []
    for i, scene in enumerate(scenes):
        title = scene_title(scene, lang) or t("ui.scenes.untitled", lang, n=i + 1)

        def action(kind: str, label: str, text: str, i: int = i, title: str = title) -> html.Button:
            return html.Button(text, id={"type": SCENE_ACTION, "action": kind, "index": i},
                               className="link-button", title=t(label, lang),
                               **{"aria-label": f"{t(label, lang)}: {title}"})

        out.append(html.Li([
            html.Span(title, className="scene-name"), " ",
            action("go", "ui.scenes.go", t("ui.scenes.go", lang)), " ",
            action("up", "ui.scenes.up", "↑"), " ",
            action("down", "ui.scenes.down", "↓"), " ",
            action("delete", "ui.scenes.delete", "✕"),
        ]))
    return out


def caption(scenes: list[Scene], state: ViewState, lang: str) -> tuple[str, str, str]:
    """(title, caption, counter) for the scene the state shows in presenter mode."""
    if state.scene is None or not 0 <= state.scene < len(scenes):
        return t("ui.present.free", lang), "", ""
    scene = scenes[state.scene]
    return (scene_title(scene, lang), scene_caption(scene, lang),
            t("ui.present.count", lang, n=state.scene + 1, total=len(scenes)))
