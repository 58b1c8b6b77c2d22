"""The methods note says what the view shows, how key actors are measured, and where the
data come from, in the user's language."""

import re

import pytest

from network.analysis.metrics import METRICS
from network.formats import methods
from network.model.dataset import licence_title
from network.text import catalogue as i18n
from network.view.state import ViewState
from network.view.visible import visible
from tests.formats.exported import LINK, TODAY


@pytest.mark.parametrize("lang", ["en", "es"])
def test_methods_note_says_what_how_and_where_from(ds, lang):
    state = ViewState(year=2008, levels=("local", "national"), metric="betweenness")
    note = methods.methods_note(ds, state, lang, LINK, TODAY, "betweenness")
    view = visible(ds, state.filters)
    assert "2008" in note and LINK in note and "2026-03-14" in note
    assert METRICS["betweenness"].label[lang] in note
    assert METRICS["betweenness"].explanation[lang] in note
    assert i18n.t("level.national", lang) in note
    assert str(len(view.actors)) in note and str(len(view.ties)) in note
    assert ds.title_in(lang) in note and "CC-BY-4.0" in note
    assert licence_title(ds.licences[0], lang) in note  # the licence in the note's language
    assert "S0" in note and ds.sources.loc["S0", "url"] in note
    assert note.index("- S0") < note.index("- E4")
    for word in ("stated", "sourced", "inferred"):
        label = i18n.t(f"certainty.{word}", lang)
        assert label[:1].upper() + label[1:] in note
    other = "es" if lang == "en" else "en"
    assert METRICS["betweenness"].explanation[other] not in note


def test_methods_note_for_a_range_and_networks(ds):
    state = ViewState(year=2005, start=1995, networks=("agroecological",), metric="constraint")
    note = methods.methods_note(ds, state, "es", None, "2026-01-01")
    assert "de 1995 a 2005" in note and "Red agroecológica" in note
    assert METRICS["constraint"].explanation["es"] in note
    assert i18n.t("export.note.lower_is_central", "es") in note
    assert i18n.t("export.note.link", "es") not in note  # no link, no section
    empty = methods.methods_note(ds, ViewState(levels=()), "en", LINK, TODAY)
    assert i18n.t("export.note.nothing", "en") in empty and "0 organisations" in empty


def test_methods_note_names_the_highlighted_actor_and_the_top_five(ds):
    state = ViewState(year=2008, actor="rae", metric="degree")
    note = methods.methods_note(ds, state, "en", None, TODAY)
    assert f"Highlighted organisation: {ds.actor_name('rae')}." in note
    top = note.split("Most central in this view:")[1].split("##")[0]
    lines = top.strip().splitlines()
    assert len(lines) == 5 and all(re.match(r"\d+\. \S", line) for line in lines)  # ranks tie
    unknown = methods.methods_note(ds, ViewState(year=2008), "en", None, TODAY, "no-such")
    assert METRICS[ViewState.metric].label["en"] in unknown  # falls back to the default
