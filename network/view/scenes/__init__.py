"""Scenes: saved views with a title and a caption, shown one after another at a workshop.

* :mod:`.scene` — one scene and what it opens: its title and caption in a language, its
  view, its discourse, its view state on a dataset;
* :mod:`.scene_file` — the scene list file: :func:`parse_scenes` (uploads; never raises),
  :func:`load_scenes` (the bundled tour, ``data/scenes.json``), :func:`dump_scenes`; the
  format is described there;
* :mod:`.decoding` — from an uploaded file's bytes or data URL to its text;
* :mod:`.messages` — every fault in words, in English and Spanish;
* :mod:`.editing` — :func:`move`, :func:`remove` and :func:`add` return new lists and never
  change the one they are given.

The names below are the package's public interface; import them from here.

May import: :mod:`network.model`, :mod:`network.text` and :mod:`network.view.visible`
(lazily, for :func:`scene_state`).
"""

from __future__ import annotations

from network.view.scenes.decoding import MAX_BYTES
from network.view.scenes.editing import add, move, remove
from network.view.scenes.messages import ScenesResult
from network.view.scenes.scene import (
    LANGS,
    VIEWS,
    Scene,
    clean_query,
    scene_caption,
    scene_discourse,
    scene_state,
    scene_title,
    scene_view,
)
from network.view.scenes.scene_file import (
    BUNDLED_SCENES,
    MAX_LENGTH,
    MAX_SCENES,
    dump_scenes,
    load_scenes,
    parse_scenes,
)

__all__ = [
    "BUNDLED_SCENES",
    "LANGS",
    "MAX_BYTES",
    "MAX_LENGTH",
    "MAX_SCENES",
    "VIEWS",
    "Scene",
    "ScenesResult",
    "add",
    "clean_query",
    "dump_scenes",
    "load_scenes",
    "move",
    "parse_scenes",
    "remove",
    "scene_caption",
    "scene_discourse",
    "scene_state",
    "scene_title",
    "scene_view",
]
