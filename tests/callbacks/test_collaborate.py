"""The "find collaborators" panel as drawn from a state: which suggestions offer "who can
introduce us?", where the answer goes, what comes first, and the CSV agreeing with the
screen (components.collaborate, called as the render callback calls it)."""

from __future__ import annotations

import csv
import io

import pytest

from callbacks.collaborate import download
from components import collaborate
from components.ids import ID, INTRO
from network.analysis import collaborators
from network.view.state import ViewState
from network.view.visible import normalise
from tests.components.find import find_all, walk
from tests.components.tree import text


def _state(ds, query: str) -> ViewState:
    return normalise(ViewState.from_query(query), ds)


def _results(ds, query: str, lang: str = "en") -> list:
    state = _state(ds, query)
    return collaborate.results(ds, state, lang, state.year or ds.last_year)


def _items(tree) -> list:
    return find_all(tree, lambda c: "suggestion" == getattr(c, "className", None))


def _intro_buttons(component) -> list:
    return find_all(component, lambda c: isinstance(getattr(c, "id", None), dict)
                    and c.id.get("type") == INTRO)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_nobody_can_introduce_cedal_so_no_suggestion_offers_to_ask(ds, lang):
    tree = _results(ds, "year=2012&panel=collaborate&me=cedal", lang)
    items = _items(tree)
    assert len(items) == 10
    none = "No way in within the data" if lang == "en" else "Sin camino en los datos"
    for item in items:
        assert _intro_buttons(item) == []
        assert none in text(item)
    # and it is said once, in a sentence, before the list
    whole = text(tree)
    nobody = ("nobody in the data can introduce you" if lang == "en"
              else "nadie en los datos puede presentarles")
    assert whole.count(nobody) == 1 and whole.index(nobody) < whole.index(text(items[0]))
    assert nobody not in text(_results(ds, "year=2012&panel=collaborate&me=idma", lang))


def test_a_far_suggestion_says_its_chain_is_too_long_and_a_near_one_how_near(ds):
    state = _state(ds, "year=2012&panel=collaborate&me=idma")
    tree = collaborate.results(ds, state, "en", 2012)
    found = collaborate.suggestions(ds, state)
    by_candidate = {}
    for s, item in zip(found, _items(tree), strict=True):
        assert [b.id["actor"] for b in _intro_buttons(item)] == [s.candidate]
        by_candidate[s.candidate] = text(item)
    assert "4 intermediaries: too many for a real introduction" in by_candidate["giz"]
    assert "1 intermediary" in by_candidate["anpe"]
    assert "too long" not in by_candidate["anpe"]


def test_suggestions_come_before_the_partners(ds):
    tree = _results(ds, "year=2012&panel=collaborate&me=idma")
    headings = [text(c) for c in walk(tree) if type(c).__name__ == "H3"]
    assert headings[0] == "Suggested collaborators"
    assert headings.index("Suggested collaborators") < headings.index("Partners in 2012")


def test_the_answer_is_drawn_under_the_suggestion_asked_about(ds):
    state = _state(ds, "year=2012&panel=collaborate&me=idma")
    ninth = collaborate.suggestions(ds, state)[8].candidate
    tree = _results(ds, f"year=2012&panel=collaborate&me=idma&target={ninth}")
    answer = [c for c in walk(tree) if getattr(c, "id", None) == ID.CO_PATHS]
    assert len(answer) == 1
    item = _items(tree)[8]
    assert any(c is answer[0] for c in walk(item))
    assert "Ways to" in text(answer[0])
    # a target that is not among the suggestions answers at the top, before them
    tree = _results(ds, "year=2012&panel=collaborate&me=idma&target=rae")
    assert getattr(tree[0], "id", None) == ID.CO_PATHS


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_csv_score_is_the_screen_score_and_says_what_it_is_out_of(ds, lang):
    query = "?year=2012&panel=collaborate&me=idma&weights=3%2C2%2C1%2C1%2C2%2C1&lang=" + lang
    out = download(ds, ID.DOWNLOAD_SUGGESTIONS, query)
    rows = list(csv.DictReader(io.StringIO(out["content"].lstrip("\ufeff"))))
    header = "score (out of 10)" if lang == "en" else "puntuación (sobre 10)"
    assert header in rows[0]
    tree = _results(ds, query.lstrip("?"), lang)
    shown = [text(c) for c in walk(tree) if getattr(c, "className", None) == "muted"
             and ("out of" in text(c) or "sobre" in text(c))]
    word = "out of" if lang == "en" else "sobre"
    assert len(shown) == 10
    for row, on_screen in zip(rows, shown, strict=False):
        assert on_screen.endswith(f"{row[header]} {word} 10")
    assert any(len(r[header].split(".")[1]) == 1 for r in rows)  # 3.7, as on screen
    state = _state(ds, query.lstrip("?"))
    for row, s in zip(rows, collaborate.suggestions(ds, state, limit=None), strict=True):
        assert row[header] == collaborate.score_text(s.score)


def test_the_csv_says_how_far_each_suggestion_is(ds):
    out = download(ds, ID.DOWNLOAD_SUGGESTIONS, "?year=2012&panel=collaborate&me=cedal")
    rows = list(csv.DictReader(io.StringIO(out["content"].lstrip("\ufeff"))))
    assert rows and all(r["way in"] == "No way in within the data" for r in rows)
    assert collaborators.LONGEST_INTRODUCTION == collaborate.LONGEST_INTRODUCTION
