"""Search suggestions name each organisation once (with its acronym when it has one)."""

from __future__ import annotations

from dash import html

from callbacks.search import hit_words, hits
from components.ids import SEARCH_HIT
from network.loading import load
from settings import Settings


def _text(children: list) -> str:
    return "".join(c if isinstance(c, str) else str(c.children) for c in children)


def test_a_name_without_acronym_is_written_once() -> None:
    ds = load(Settings.from_env({}).data).dataset
    plain = [a for a in ds.actors.index if not str(ds.actors.loc[a, "acronym"])]
    short = [a for a in ds.actors.index if str(ds.actors.loc[a, "acronym"])
             and ds.actors.loc[a, "acronym"] != ds.actor_name(a, "es")]
    assert plain and short
    for lang in ("en", "es"):
        for a in plain:
            name = ds.actor_name(a, lang)
            words = _text(hit_words(ds, a, lang))
            assert words == name and words.count(name) == 1
        for a in short:
            words = _text(hit_words(ds, a, lang))
            assert words == f"{ds.short_name(a, lang)} {ds.actor_name(a, lang)}"
    # the suggestion list itself, for a query that finds an actor without acronym
    name = ds.actor_name(plain[0], "es")
    buttons = [b for b in hits(ds, name, "es")
               if isinstance(b, html.Button) and b.id["type"] == SEARCH_HIT]
    ours = [b for b in buttons if b.id["actor"] == plain[0]]
    assert ours and _text(ours[0].children).count(name) == 1
