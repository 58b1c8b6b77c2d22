"""The page as a user meets it: its regions in reading order, each control found by its id
at the default view, and every static text in the page's language."""

from __future__ import annotations

import json

import pytest

from components.ids import ID, TEXT
from components.layout import page
from network.model.limits import Limits
from network.text.catalogue import LANGUAGES, t
from network.view.state import ViewState
from serving.library import RequestedDataset

from .find import find, walk
from .tree import plain_ids, text


@pytest.fixture(scope="module", params=["en", "es"])
def lang(request):
    return request.param


@pytest.fixture(scope="module")
def bundled(ds, lang):
    return page(RequestedDataset(None, ds), lang, Limits(), 24.0)


def test_no_two_components_share_an_id(bundled):
    ids = [json.dumps(c.id, sort_keys=True) for c in walk(bundled) if getattr(c, "id", None)]
    assert len(ids) > 100
    assert sorted(set(ids)) == sorted(ids)


def test_the_regions_come_in_reading_order(bundled, lang):
    assert bundled.id == ID.APP and bundled.lang == lang
    classes = [getattr(c, "className", None) for c in bundled.children]
    header, main, footer = (classes.index(c) for c in ("app-header", "app-main", "app-footer"))
    assert header < main < footer
    main_regions = [c.className for c in bundled.children[main].children]
    assert main_regions == ["filters", "network", "side", "charts"]
    # the stores and the address come first, before anything a user sees
    assert all(type(c).__name__ in ("Store", "Location") for c in bundled.children[:header])


def test_every_filter_starts_with_everything_chosen(bundled):
    for key in (ID.LEVELS, ID.DOMAINS, ID.SECTORS, ID.NGO_TYPES, ID.CERTAINTY):
        checklist = find(bundled, key)
        assert checklist.value == [o["value"] for o in checklist.options], key
        assert checklist.value, key
    assert find(bundled, ID.NETWORKS).value == []  # none chosen: every network
    assert find(bundled, ID.UNDATED).value == ViewState().undated


def test_the_controls_start_at_the_default_view(bundled):
    default = ViewState()
    assert find(bundled, ID.METRIC).value == default.metric
    assert find(bundled, ID.COLOUR).value == default.colour
    assert find(bundled, ID.LAYOUT).value == default.layout
    assert find(bundled, ID.VIEW).value == default.view
    assert find(bundled, ID.PANEL).value == default.panel == "details"
    assert not getattr(find(bundled, ID.DETAILS_PANEL), "hidden", False)
    assert find(bundled, ID.COLLAB_PANEL).hidden is True
    assert find(bundled, ID.TIMER).disabled is True


def test_the_year_starts_at_the_last_with_both_ends_marked(bundled, ds):
    slider = find(bundled, ID.YEAR)
    assert (slider.min, slider.max, slider.value) == (ds.first_year, ds.last_year, ds.last_year)
    assert {ds.first_year, ds.last_year} <= set(slider.marks)
    assert find(bundled, ID.YEAR_LABEL).children == str(ds.last_year)


def test_the_picture_has_a_name_and_says_when_it_is_empty(bundled, lang):
    box = next(c for c in walk(bundled) if getattr(c, "className", None) == "graph-box")
    assert box.role == "img"
    assert box.to_plotly_json()["props"]["aria-label"] == t("ui.graph.label", lang)
    assert {ID.GRAPH, ID.GRAPH_EMPTY} <= plain_ids(box)
    assert find(bundled, ID.GRAPH_EMPTY).role == "status"


def test_every_static_text_is_in_the_page_language(bundled, lang):
    live = [c for c in walk(bundled) if isinstance(getattr(c, "id", None), dict)
            and c.id.get("type") == TEXT]
    assert len(live) > 20
    for component in live:
        assert component.children == t(component.id["key"], lang), component.id
    assert find(bundled, ID.SEARCH).placeholder == t("ui.search.placeholder", lang)


def test_the_language_switch_names_each_language_in_itself(bundled, lang):
    switch = find(bundled, ID.LANG)
    assert switch.value == lang
    assert switch.options == [{"label": t("language.name", code), "value": code}
                              for code in LANGUAGES]


def test_an_upload_keeps_its_scenes_in_the_tab_and_says_whose_data_it_is(ds, bundled, lang):
    upload = page(RequestedDataset("abc", ds), lang, Limits(), 24.0)
    assert find(bundled, ID.SCENES).storage_type == "local"
    assert find(upload, ID.SCENES).storage_type == "session"
    assert t("ui.provenance.intro", lang) in text(find(bundled, ID.PROVENANCE))
    assert t("ui.provenance.own", lang) in text(find(upload, ID.PROVENANCE))


def test_the_share_link_and_the_sources_are_in_the_footer(bundled, ds):
    footer = next(c for c in bundled.children if getattr(c, "className", None) == "app-footer")
    inside = plain_ids(footer)
    assert {ID.SHARE_LINK, ID.PROVENANCE} <= inside
    # every source is one click away: the profile links to #source-<id>
    assert {f"source-{src}" for src in ds.sources.index} <= inside


def test_every_dropdown_speaks_the_page_language(bundled, lang):
    # journeys-5, the policymaker: "Key actors by" showed Dash's own "Search" on a Spanish page
    from callbacks.language import DROPDOWN_IDS

    for cid in DROPDOWN_IDS:
        assert find(bundled, cid).labels["search"] == t("ui.dropdown.search", lang), cid
    assert len(DROPDOWN_IDS) == sum(1 for c in walk(bundled) if type(c).__name__ == "Dropdown")
