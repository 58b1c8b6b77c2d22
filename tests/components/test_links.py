"""Links drawn from the data go to web pages only: the profile's source chips and the "data,
sources and licence" list show any other address as text, never as a link."""

from __future__ import annotations

import pytest
from dash import html

from components.layout import provenance
from components.panels import profile
from network.analysis.frame import frame_of
from network.model.links import web_link
from network.view.state import ViewState
from tests.hostile import DATA_HTML, JAVASCRIPT, LICENCE_WEB, SCRIPT, VBSCRIPT, WEB, hostile_dataset

from .find import find_all
from .tree import text


@pytest.fixture(scope="module")
def hostile():
    return hostile_dataset()


def _links(tree: object) -> list[html.A]:
    return find_all(tree, lambda c: isinstance(c, html.A))


def _safe(link: html.A) -> bool:
    href = getattr(link, "href", None)
    return href is None or href.startswith("#") or web_link(href) == href


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_data_sources_and_licence_list_links_web_pages_only(hostile, lang):
    tree = provenance(hostile, lang)
    links = _links(tree)
    assert links and all(_safe(a) for a in links), [a.href for a in links]
    assert {a.href for a in links} == {WEB, LICENCE_WEB}
    shown = text(tree)
    for address in (JAVASCRIPT, DATA_HTML, VBSCRIPT):
        assert address in shown  # there, as text
    assert SCRIPT in shown  # a title with markup is text too (Dash never parses it)


@pytest.mark.parametrize(("actor", "source", "href"), [
    ("alpha", "E1", "#source-E1"),  # javascript: → the source in the list instead
    ("beta", "E2", "#source-E2"),  # data:text/html → the same
    ("gamma", "E3", WEB),
])
def test_a_source_chip_links_its_web_page_or_else_the_source_in_the_list(
        hostile, actor, source, href):
    state = ViewState(actor=actor)
    view = frame_of(hostile, state.filters, state.metric).view
    body = profile(hostile, actor, view, hostile.last_year, "en")
    chips = [a for a in _links(body) if getattr(a, "className", None) == "source"]
    assert chips and all(_safe(a) for a in chips)
    chip = next(a for a in chips if a.children == source)
    assert chip.href == href
    assert (getattr(chip, "target", None) == "_blank") == href.startswith("https:")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_licence_is_named_in_the_pages_language(lang):
    from network import load

    ds = load().dataset
    shown = text(provenance(ds, lang))
    licence = ds.licences[0]
    assert licence["title_es" if lang == "es" else "title"] in shown
    assert licence["title" if lang == "es" else "title_es"] not in shown
