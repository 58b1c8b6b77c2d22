"""Editing a scene list: pure functions that return new lists and never change the one
they are given.

May import: :mod:`network.text.folding` and :mod:`.scene`.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from network.text.folding import fold
from network.view.scenes.scene import LANGS, Scene, clean_query, pick_text, unique_id


def move(scenes: Sequence[Scene], index: int, delta: int) -> list[Scene]:
    """Move the scene at ``index`` by ``delta`` places (clamped to the ends of the list).

    An index outside the list changes nothing.

    >>> [s.id for s in move([Scene("a", "", {}), Scene("b", "", {})], 0, 1)]
    ['b', 'a']
    """
    out = list(scenes)
    if not 0 <= index < len(out):
        return out
    target = min(max(index + delta, 0), len(out) - 1)
    out.insert(target, out.pop(index))
    return out


def remove(scenes: Sequence[Scene], index: int) -> list[Scene]:
    """The list without the scene at ``index`` (an index outside the list changes nothing)."""
    out = list(scenes)
    if 0 <= index < len(out):
        del out[index]
    return out


def add(scenes: Sequence[Scene], query: str, title: str | Mapping[str, str],
        caption: str | Mapping[str, str] = "", lang: str = "en") -> list[Scene]:
    """The list with a new scene at the end; plain-string texts are in ``lang``.

    The id is made from the title ("Organic fairs" → ``organic-fairs``), unique in the list.

    >>> [s.id for s in add([], "year=2008", "Organic fairs, 2008")]
    ['organic-fairs-2008']
    """
    lang = lang if lang in LANGS else "en"

    def texts(value: str | Mapping[str, str]) -> dict[str, str]:
        if isinstance(value, str):
            value = {lang: value}
        return {k: str(value[k]).strip() for k in LANGS if value.get(k) and str(value[k]).strip()}

    title_texts = texts(title)
    base = re.sub(r"[^a-z0-9]+", "-", fold(pick_text(title_texts, lang)))[:40].strip("-") or "scene"
    scene_id = unique_id(base, {s.id for s in scenes})
    return [*scenes, Scene(scene_id, clean_query(query), title_texts, texts(caption))]
