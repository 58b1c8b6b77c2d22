"""An organisation's profile as a reader uses it: who it is, its facts, its ties in view
(each one click from the other actor's profile), and notes marked with their language."""

from __future__ import annotations

import dataclasses

import pytest
from dash import html

from components.ids import COLLAB_FOR, PICK
from components.panels import profile
from network.analysis.frame import frame_of
from network.model.dataset import OWN
from network.text.catalogue import t
from network.view.state import ViewState
from network.view.visible import normalise

from .find import walk
from .tree import text


def _view(ds, query: str):
    state = normalise(ViewState.from_query(query), ds)
    return frame_of(ds, state.filters, state.metric).view


def _facts(body: list) -> dict[str, str]:
    """The profile's facts, term → description."""
    dl = next(c for c in body if isinstance(c, html.Dl))
    terms, values = dl.children[::2], dl.children[1::2]
    assert all(isinstance(c, html.Dt) for c in terms)
    assert all(isinstance(c, html.Dd) for c in values)
    return {text(k): text(v) for k, v in zip(terms, values, strict=True)}


def _ties(body: list) -> list:
    lists = [c for c in body if getattr(c, "className", None) == "ties"]
    return lists[0].children if lists else []


@pytest.mark.parametrize("actor", [None, "no-such-actor"])
def test_without_an_actor_the_panel_says_how_to_choose_one(ds, actor):
    body = profile(ds, actor, _view(ds, "year=2008"), 2008, "en")
    assert [text(c) for c in body] == [t("ui.details.hint", "en")]


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_profile_names_the_actor_and_offers_to_find_its_collaborators(ds, lang):
    body = profile(ds, "idma", _view(ds, "year=2008"), 2008, lang)
    assert isinstance(body[0], html.H3) and body[0].children == ds.actor_name("idma", lang)
    buttons = [c for c in walk(body) if getattr(c, "id", None) == {"type": COLLAB_FOR,
                                                                    "actor": "idma"}]
    assert len(buttons) == 1
    assert None not in body  # the other-language name is left out, not left empty


def test_the_facts_give_the_founding_year_with_its_certainty_or_say_it_is_unknown(ds):
    view = _view(ds, "year=2012&undated=always")
    dated = _facts(profile(ds, "idma", view, 2012, "en"))
    assert dated[t("ui.details.founded", "en")].startswith("1984 (")
    assert dated[t("ui.details.kind", "en")]
    undated = _facts(profile(ds, "cied", view, 2012, "es"))
    assert undated[t("ui.details.founded", "es")].startswith(t("certainty.unknown", "es"))


def test_a_group_says_how_many_members_it_counts(ds):
    members = int(ds.actors.loc["rae_member_ngos", "member_count"])
    facts = _facts(profile(ds, "rae_member_ngos", _view(ds, "year=2012"), 2012, "en"))
    assert facts[t("ui.details.members", "en")] == str(members)


@pytest.mark.parametrize("actor", ["idma", "rae", "galci"])
def test_each_tie_in_view_is_listed_once_with_a_way_to_the_other_actor(ds, actor):
    view = _view(ds, "year=2008")
    ties = view.ties[(view.ties["source"] == actor) | (view.ties["target"] == actor)]
    body = profile(ds, actor, view, 2008, "en")
    items = _ties(body)
    assert len(items) == len(ties) > 0
    heading = t("ui.details.ties", "en") + " — " + t("ui.details.ties_in_view", "en",
                                                     n=len(ties), year=2008)
    assert heading in [text(c) for c in body]
    others = sorted(a for s, d in zip(ties["source"], ties["target"], strict=True)
                    for a in (s, d) if a != actor)
    picks = sorted(c.id["actor"] for item in items for c in walk(item)
                   if isinstance(getattr(c, "id", None), dict) and c.id["type"] == PICK)
    assert picks == others


def test_an_actor_out_of_view_is_profiled_with_a_warning(ds):
    view = _view(ds, "year=1980")
    absent = next(a for a in ds.actors.index if a not in view.actors.index)
    warnings = [c for c in profile(ds, absent, view, 1980, "en")
                if getattr(c, "className", None) == "warning"]
    assert [text(c) for c in warnings] == [t("ui.details.not_in_view", "en")]
    present = profile(ds, view.actors.index[0], view, 1980, "en")
    assert not [c for c in present if getattr(c, "className", None) == "warning"]


def _note(body: list) -> html.P:
    (note,) = [c for c in body if getattr(c, "className", None) == "note"]
    return note


def _without(ds, column: str):
    """The data set with every actor's ``column`` (a note) emptied."""
    actors = ds.actors.copy()
    actors[column] = ""
    return dataclasses.replace(ds, actors=actors)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_the_note_is_in_the_pages_language(ds, lang):
    """Journeys-3 J1.1: a Spanish page showed "Nota (en inglés): Kind and member count
    stated…"; the bundled data now has every note in Spanish too (note_es)."""
    note = _note(profile(ds, "rae", _view(ds, "year=2008"), 2008, lang))
    wanted = ds.actors.loc["rae", "note_es" if lang == "es" else "note"]
    assert wanted and text(note) == f"{t('ui.details.note', lang)}: {wanted}"
    assert getattr(note.children[1], "lang", None) is None


@pytest.mark.parametrize(("missing", "page", "shown"), [("note_es", "es", "en"),
                                                         ("note", "en", "es")])
def test_a_note_missing_in_one_language_shows_the_other_marked_so(ds, missing, page, shown):
    view = _view(ds, "year=2008")
    note = _note(profile(_without(ds, missing), "idma", view, 2008, page))
    column = "note" if shown == "en" else "note_es"
    assert text(note) == (f"{t(f'ui.details.note.{shown}', page)}: "
                          f"{ds.actors.loc['idma', column]}")
    assert note.children[1].lang == shown


def test_with_no_note_in_either_language_there_is_none(ds):
    bare = _without(_without(ds, "note"), "note_es")
    assert not [c for c in profile(bare, "idma", _view(ds, "year=2008"), 2008, "en")
                if getattr(c, "className", None) == "note"]


def test_an_uploads_notes_are_taken_to_be_in_the_page_language(ds):
    upload = dataclasses.replace(_without(ds, "note_es"), voice=OWN)  # an upload
    note = _note(profile(upload, "idma", _view(ds, "year=2008"), 2008, "es"))
    assert text(note).startswith(t("ui.details.note", "es") + ": ")
    assert getattr(note.children[1], "lang", None) is None


def test_the_level_says_how_certain_it_is(ds):
    view = _view(ds, "year=2012")
    stated = _facts(profile(ds, "consortium", view, 2012, "en"))[t("ui.details.level", "en")]
    guessed = _facts(profile(ds, "cedal", view, 2012, "es"))[t("ui.details.level", "es")]
    assert stated == f"{t('level.national', 'en')} ({t('certainty.stated', 'en')})"
    assert guessed == f"{t('level.national', 'es')} ({t('certainty.inferred', 'es')})"


def test_an_ngo_without_a_type_is_never_called_not_an_ngo(ds):
    # CEMEFI is an NGO outside the thesis's typology: its type is not given
    assert ds.actors.loc["cemefi", "kind"] == "ngo" and ds.actors.loc["cemefi", "ngo_type"] == ""
    facts = _facts(profile(ds, "cemefi", _view(ds, "year=2012"), 2012, "en"))
    assert facts[t("ui.details.ngo_type", "en")] == t("ngo_type.not_given", "en")
    funder = _facts(profile(ds, "icco", _view(ds, "year=2012"), 2012, "en"))
    assert funder[t("ui.details.ngo_type", "en")] == t("ngo_type.none", "en")


def test_a_spanish_page_names_the_actor_in_spanish_only(ds):
    """Journeys-3 J1.1: the Spanish profile of RAE Perú had the English full name
    ("Ecological Agriculture Network of Peru (RAE Peru)") as its subtitle."""
    view = _view(ds, "year=2008")
    english_name, spanish_name = ds.actors.loc["rae", ["name", "name_es"]]
    spanish = profile(ds, "rae", view, 2008, "es")
    assert text(spanish[0]) == spanish_name
    assert english_name not in " ".join(text(c) for c in spanish)
    english = profile(ds, "rae", view, 2008, "en")
    assert [text(c) for c in english[:2]] == [english_name, spanish_name]
    assert english[1].className == "muted"


@pytest.mark.parametrize("lang", ["en", "es"])
def test_stated_facts_only_the_profile_withholds_what_the_picture_withholds(ds, lang):
    """Journeys-4 J1: with 'stated in the thesis' only, the graph drew RAE Perú's type as
    not stated and counted no founding year, while the profile showed the inferred type and
    the sourced 1989."""
    facts = _facts(profile(ds, "rae", _view(ds, "year=2008&certainty=stated&actor=rae"), 2008,
                           lang))
    assert facts[t("ui.details.ngo_type", lang)] == t("ngo_type.unstated", lang)
    assert facts[t("ui.details.founded", lang)] == t("ui.details.founded.withheld", lang)
    assert "1989" not in " ".join(facts.values())
    everything = _facts(profile(ds, "rae", _view(ds, "year=2008&actor=rae"), 2008, lang))
    assert everything[t("ui.details.ngo_type", lang)] == t("ngo_type.conventional", lang)
    assert everything[t("ui.details.founded", lang)].startswith("1989")


def test_the_profile_lists_every_source_it_rests_on(ds):
    # journeys-5, the policymaker: RAE's ties cite E10 and E26, which its list of sources
    # left out, so a reader tracing a fact thought they had seen every source
    view = frame_of(ds, ViewState(year=2012, domains=("organic_production",)).filters,
                    "degree").view
    out = profile(ds, "rae", view, 2012, "en")
    head = next(i for i, c in enumerate(out) if isinstance(c, html.H4)
                and c.children == t("ui.details.sources.all", "en"))
    listed = [c.children for c in out[head + 1].children if isinstance(c, html.A)]
    ties = view.ties[(view.ties["source"] == "rae") | (view.ties["target"] == "rae")]
    cited = {s for text in ties["evidence"] for s in text.split(";") if s}
    own = set(ds.actors.loc["rae", "evidence"].split(";"))
    assert cited | own <= set(listed) and len(listed) == len(set(listed))
    assert {"E10", "E26"} <= set(listed)
