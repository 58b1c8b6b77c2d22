"""One scene: a saved view with a title and a caption, and what it opens.

A scene's ``query`` is the URL query string of a view (what
:meth:`network.view.state.ViewState.from_query` reads, plus keys other views read, such as
``view=discourses`` and ``discourse=<id>``); it is kept exactly as written. Titles and
captions are plain text in English and/or Spanish; a missing language falls back to the
other one (:func:`scene_title`, :func:`scene_caption`).

May import: :mod:`network.view.visible` (lazily: it pulls in pandas and networkx) and
:mod:`network.model.dataset`, :mod:`network.view.state` for annotations.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import TYPE_CHECKING
from urllib.parse import parse_qs, urlsplit

if TYPE_CHECKING:  # only for annotations: importing the view pulls in pandas and networkx
    from network.model.dataset import Dataset
    from network.view.state import ViewState

LANGS = ("en", "es")
#: What a scene's ``view=`` may name; "network" is the default.
VIEWS = ("network", "discourses")


@dataclass(frozen=True)
class Scene:
    """A saved view: its query string, and a title and caption per language.

    ``title`` and ``caption`` map a language ("en", "es") to plain text; either language
    may be missing. Do not mutate the dicts: scenes are shared values.
    """

    id: str
    query: str
    title: dict[str, str]
    caption: dict[str, str] = field(default_factory=dict)


def clean_query(query: str) -> str:
    """A query string without spaces around it or a leading ``?``; from a pasted link,
    only its query part.

    >>> clean_query(" ?year=2008 "), clean_query("https://redes.example/?year=2008&lang=es")
    ('year=2008', 'year=2008&lang=es')
    """
    query = query.strip()
    if query.startswith(("http://", "https://", "/")):
        return urlsplit(query).query
    return query.lstrip("?")


def unique_id(base: str, taken: set[str]) -> str:
    """``base``, or ``base-2``, ``base-3``... whichever is not ``taken`` yet."""
    if base not in taken:
        return base
    k = 2
    while f"{base}-{k}" in taken:
        k += 1
    return f"{base}-{k}"


def pick_text(texts: Mapping[str, str], lang: str) -> str:
    """The text in ``lang``, else in the other language ("" when there is none)."""
    for key in (lang, *LANGS):
        if texts.get(key):
            return texts[key]
    return ""


def scene_title(scene: Scene, lang: str = "en") -> str:
    """The title in ``lang``, else in the other language ("" when there is none)."""
    return pick_text(scene.title, lang)


def scene_caption(scene: Scene, lang: str = "en") -> str:
    """The caption in ``lang``, else in the other language ("" when there is none)."""
    return pick_text(scene.caption, lang)


def _param(scene: Scene, key: str) -> str | None:
    values = parse_qs(scene.query, keep_blank_values=True).get(key)
    return values[-1].strip() if values and values[-1].strip() else None


def scene_view(scene: Scene) -> str:
    """Which view the scene opens: ``"network"`` (the default) or ``"discourses"``."""
    view = _param(scene, "view")
    return view if view in VIEWS else "network"


def scene_discourse(scene: Scene) -> str | None:
    """The discourse whose coalition the scene highlights (``discourse=``), if any."""
    return _param(scene, "discourse")


def scene_state(scene: Scene, ds: Dataset) -> ViewState:
    """The view state the scene opens on ``ds``: parsed, then fitted to the data."""
    from network.view.visible import from_link

    return from_link(ds, scene.query)
