"""Data of one's own is worded as its own: the page never speaks of the thesis or of its
fieldwork year for it, and data that gives no year is never shown with one (journeys-4,
the researcher: "stated in the thesis", "shown from 2006 (the thesis's fieldwork)" and a
2006 slider on a file with no dates)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from dash.development.base_component import Component

from callbacks.render import render
from components.ids import ID
from components.layout import page
from network.formats.upload import read_upload
from network.loading import load
from network.model.limits import Limits
from network.text.catalogue import t
from network.view.state import ViewState
from network.view.visible import normalise
from serving.library import RequestedDataset

from .find import find, walk

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"
THESIS_WORDS = ("thesis", "tesis", "fieldwork", "trabajo de campo")


@pytest.fixture(scope="module")
def own(tmp_path_factory):
    # the minimal package with a main source of its own (its S0 is the thesis summary, and
    # what the data itself says is not the page's wording)
    folder = tmp_path_factory.mktemp("own")
    for path in MINIMAL.iterdir():
        shutil.copy(path, folder / path.name)
    sources = (folder / "sources.csv").read_text(encoding="utf-8")
    (folder / "sources.csv").write_text(sources.replace("Thesis summary", "Our field survey"),
                                        encoding="utf-8")
    return load(folder).dataset


@pytest.fixture(scope="module")
def timeless():
    rows = "source,target\nAna,Beto\nBeto,Carla\nCarla,Dora\n"
    return read_upload([("edges.csv", rows.encode())]).dataset


def _text(tree: object) -> str:
    """Every text a reader meets in ``tree``: children, option labels, titles, figures."""
    parts: list[str] = []

    def add(value: object) -> None:
        if isinstance(value, str):
            parts.append(value)
        elif isinstance(value, (list, tuple)):
            for v in value:
                add(v)
        elif isinstance(value, dict):
            for k, v in value.items():
                if k in ("label", "text", "title", "children", "name", "data", "layout"):
                    add(v)

    for item in (tree if isinstance(tree, (list, tuple)) else [tree]):
        if isinstance(item, Component):
            for c in walk(item):
                for prop in ("children", "options", "title", "placeholder", "figure"):
                    value = getattr(c, prop, None)
                    if not isinstance(value, Component):
                        add(value if prop != "children" or isinstance(value, str) else
                            [v for v in (value or []) if isinstance(v, str)]
                            if isinstance(value, list) else None)
        else:
            add(item)
    return "\n".join(parts)


def _page_and_view(ds, lang: str, actor: str | None = None) -> str:
    layout = page(RequestedDataset("k" * 64, ds), lang, Limits(), 24.0)
    state = normalise(ViewState(lang=lang, actor=actor), ds)
    out = render(ds, state)
    return _text(layout) + "\n" + _text(list(out.values()))


@pytest.mark.parametrize("lang", ["en", "es"])
def test_own_data_is_never_said_to_come_from_the_thesis(own, ds, lang):
    text = _page_and_view(own, lang, actor="rae")
    said = [w for w in THESIS_WORDS if w in text.lower()]
    assert said == []
    assert own.say("certainty.stated", lang) in text  # its own words instead
    assert t("certainty.stated", lang) not in text
    # the same page of the bundled data speaks of the thesis: the check above can fail
    bundled = _text(page(RequestedDataset(None, ds), lang, Limits(), 24.0))
    assert "thesis" in bundled.lower() or "tesis" in bundled.lower()


@pytest.mark.parametrize("lang", ["en", "es"])
def test_own_data_shows_undated_rows_from_its_own_first_year(own, lang):
    layout = page(RequestedDataset("k" * 64, own), lang, Limits(), 24.0)
    labels = [o["label"] for o in find(layout, ID.UNDATED).options]
    assert str(own.first_year) in labels[0] and "2006" not in labels[0]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_data_with_no_year_shows_none(timeless, lang):
    assert timeless.timeless
    layout = page(RequestedDataset("k" * 64, timeless), lang, Limits(), 24.0)
    slider_box = [c for c in walk(layout) if getattr(c, "className", "") == "slider"]
    assert [c.hidden for c in slider_box] == [True]
    assert find(layout, ID.PLAY).hidden and find(layout, ID.PRESENT_PLAY).hidden
    assert t("ui.timeless", lang) in _text(layout)
    text = _page_and_view(timeless, lang, actor="beto")
    assert str(timeless.last_year) not in text  # the nominal year is never shown
    out = render(timeless, normalise(ViewState(lang=lang), timeless))
    header = [c.children for c in walk(out[(ID.KEY_ACTORS, "children")])
              if getattr(c, "scope", None) == "col"]
    assert t("ui.key_actors.change", lang) not in header  # nothing came before
    assert "undated" not in " ".join(
        e.get("classes", "") for e in out[(ID.GRAPH, "elements")])


def test_no_actor_is_new_in_the_data_s_first_year(own):
    first = render(own, normalise(ViewState(year=own.first_year, lang="en"), own))
    # the organic producers (2006) are new in 2006
    later = render(own, normalise(ViewState(year=2006, lang="en"), own))
    assert t("ui.key_actors.new", "en") not in _text(first[(ID.KEY_ACTORS, "children")])
    assert t("ui.key_actors.new", "en") in _text(later[(ID.KEY_ACTORS, "children")])


def test_exports_of_own_data_name_its_facts_in_its_own_words(own):
    from network.formats.captions import filters_in_words
    from network.view.state import Filters

    for lang in ("en", "es"):
        words = filters_in_words(own, Filters(certainty=("stated", "inferred")), lang)
        assert own.say("certainty.stated", lang) in words
        assert own.say("certainty.inferred", lang) in words
        assert not any(w in words.lower() for w in THESIS_WORDS)


def test_own_data_offers_one_choice_where_two_would_do_the_same(own, ds):
    # its undated rows are shown from its first year: "in every year" would be the same view
    own_page = page(RequestedDataset("k" * 64, own), "en", Limits(), 24.0)
    assert [o["value"] for o in find(own_page, ID.UNDATED).options] == ["fieldwork", "hidden"]
    bundled = page(RequestedDataset(None, ds), "en", Limits(), 24.0)
    assert len(find(bundled, ID.UNDATED).options) == 3


def test_data_with_no_year_has_no_chart_over_the_years(timeless):
    layout = page(RequestedDataset("k" * 64, timeless), "en", Limits(), 24.0)
    assert find(layout, ID.TIMELINE).style == {"display": "none"}
    rows = [c for c in walk(layout) if getattr(c, "className", "") == "charts-row"
            and any(getattr(g, "id", None) == ID.DV_TYPES for g in walk(c))]
    assert [c.hidden for c in rows] == [True]


def test_a_suggestion_list_of_data_with_no_year_is_named_without_one(timeless):
    from callbacks.collaborate import download

    out = download(timeless, ID.DOWNLOAD_SUGGESTIONS, "?panel=collaborate&me=ana")
    assert out is not None and out["filename"] == "redes-suggestions-ana.csv"


def test_a_deployment_s_own_data_gets_its_own_tour_not_the_thesis_s(own, ds):
    from components.present import from_store

    assert [s.id for s in from_store(None, own)][:1] == ["overview"]
    assert from_store(None, ds) == from_store(None)  # the thesis's tour, written by hand
    assert len(from_store(None, ds)) > 5
    text = _text(page(RequestedDataset(None, own), "en", Limits(), 24.0))
    assert not any(w in text.lower() for w in THESIS_WORDS)


def test_what_an_unpublished_upload_exports_never_links_to_other_data(own):
    # journeys-5, the researcher: the evidence pack's note and the picture's caption gave a
    # link with no data=, which opens the bundled data for whoever follows it
    import base64
    import io
    import zipfile

    from callbacks.exporting import evidence
    from components.exporting import picture_caption

    pack = evidence(own, "?lang=en", "http://127.0.0.1:8050", None, linkable=False)
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(pack["content"])))
    texts = "\n".join(archive.read(n).decode("utf-8") for n in archive.namelist()
                      if n.endswith((".md", ".txt")))
    assert "http://127.0.0.1:8050/?" not in texts
    assert t("export.note.no_link", "en") in texts
    linked = evidence(own, "?lang=en", "http://127.0.0.1:8050", None)
    archive = zipfile.ZipFile(io.BytesIO(base64.b64decode(linked["content"])))
    assert any("http://127.0.0.1:8050/?" in archive.read(n).decode("utf-8")
               for n in archive.namelist() if n.endswith(".md"))
    state = normalise(ViewState(lang="es"), own)
    caption = picture_caption(own, state, "es", linkable=False)
    assert caption["link"] == "" and caption["more"] == t("ui.export.caption.no_link", "es")
    assert "()" not in caption["credit"]  # no licence given: no empty brackets


def test_a_picture_of_data_with_no_licence_credits_it_without_empty_brackets(timeless):
    from network.formats.captions import picture_caption
    from network.view.state import Filters

    assert timeless.licences == ()
    assert picture_caption(timeless, Filters(), "en")["credit"] == (
        "Made with Redes. Data: edges.")


def test_an_ngo_whose_type_is_not_given_is_never_called_not_an_ngo(timeless, ds):
    # journeys-5: an edge list's actors are taken to be NGOs (the report says so), yet the
    # legend, the picture and the breakdown called every one of them "Not an NGO"
    out = render(timeless, normalise(ViewState(lang="en"), timeless))
    legend = _text(out[(ID.LEGEND, "children")])
    assert t("ngo_type.not_given", "en") in legend and t("ngo_type.none", "en") not in legend
    nodes = [e for e in out[(ID.GRAPH, "elements")] if "source" not in e["data"]]
    assert nodes and all(e["data"].get("colour") != "#8C8C8C" for e in nodes)
    # in the bundled data too: Terra Nuova is an NGO the thesis gives no type
    from network.view.visible import categories

    assert categories(ds.actors, "ngo_type")["terra_nuova"] == "not_given"
    assert categories(ds.actors, "ngo_type")["minam"] == "none"


def test_a_filter_offers_only_what_the_data_has(own, timeless, ds):
    # journeys-5, the researcher: an edge list (every actor one assumed level, domain and
    # sector) was offered the thesis's four levels, three domains and eight NGO types
    def fieldset_of(layout, cid):
        return next(c for c in walk(layout) if type(c).__name__ == "Fieldset"
                    and any(getattr(x, "id", None) == cid for x in walk(c)))

    mine = page(RequestedDataset("k" * 64, own), "en", Limits(), 24.0)
    assert [o["value"] for o in find(mine, ID.LEVELS).options] == ["local", "national"]
    assert [o["value"] for o in find(mine, ID.DOMAINS).options] == ["organic_production"]
    assert fieldset_of(mine, ID.DOMAINS).hidden and not fieldset_of(mine, ID.LEVELS).hidden
    plain = page(RequestedDataset("k" * 64, timeless), "en", Limits(), 24.0)
    for cid in (ID.LEVELS, ID.DOMAINS, ID.SECTORS, ID.NGO_TYPES):
        assert fieldset_of(plain, cid).hidden, cid
    bundled = page(RequestedDataset(None, ds), "en", Limits(), 24.0)
    assert len(find(bundled, ID.LEVELS).options) == 4
    assert not any(fieldset_of(bundled, cid).hidden
                   for cid in (ID.LEVELS, ID.DOMAINS, ID.SECTORS, ID.NGO_TYPES))


def test_data_with_no_discourses_shows_no_empty_pictures(timeless):
    # journeys-5: "Who says what" on an edge list was a 400 px blank box, its explanation
    # below it
    assert timeless.discourses.empty
    layout = page(RequestedDataset("k" * 64, timeless), "en", Limits(), 24.0)
    pictures = [c for c in walk(layout) if getattr(c, "className", "") == "dv-graphs"]
    assert [c.hidden for c in pictures] == [True]
    out = render(timeless, normalise(ViewState(view="discourses", lang="en"), timeless))
    assert t("ui.dv.none", "en") in _text(out[(ID.DV_CARDS, "children")])


def test_data_with_no_discourses_offers_no_switch_to_them(timeless, own):
    # journeys-5b, the researcher: "Who says what" stayed on screen for a network with none
    assert find(page(RequestedDataset("k" * 64, timeless), "en", Limits(), 24.0),
                ID.VIEW).style == {"display": "none"}
    assert not own.discourses.empty
    assert getattr(find(page(RequestedDataset("k" * 64, own), "en", Limits(), 24.0),
                ID.VIEW), "style", None) is None
