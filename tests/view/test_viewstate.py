import pytest

from network.view.state import ViewState
from network.view.visible import normalise


@pytest.mark.parametrize("state", [
    ViewState(),
    ViewState(year=2008),
    ViewState(year=2008, start=2000),
    ViewState(levels=("local", "global")),
    ViewState(levels=()),
    ViewState(domains=("organic_production",), networks=("organic_market",)),
    ViewState(sectors=("state",), ngo_types=("gongo", "none"), certainty=("stated",)),
    ViewState(metric="betweenness", actor="rae", lang="es", colour="sector", layout="levels"),
])
def test_query_round_trip(state):
    assert ViewState.from_query(state.to_query()) == state


def test_defaults_make_an_empty_query():
    assert ViewState().to_query() == ""


def test_empty_choice_differs_from_no_filter():
    assert ViewState.from_query("levels=").levels == ()
    assert ViewState.from_query("").levels is None
    assert ViewState.from_query("levels=all").levels is None


@pytest.mark.parametrize("query, field, expected", [
    ("year=abc", "year", None),
    ("levels=local,moon", "levels", ("local",)),
    ("levels=global,local", "levels", ("local", "global")),  # canonical order
    ("colour=purple", "colour", "ngo_type"),
    ("lang=fr", "lang", None),
    ("nonsense=1&year=1999", "year", 1999),
    ("?year=2001", "year", 2001),
])
def test_bad_or_odd_values_never_fail(query, field, expected):
    assert getattr(ViewState.from_query(query), field) == expected


def test_normalise_fits_the_state_to_the_data(ds):
    state = normalise(ViewState.from_query("year=1500&actor=nobody&networks=fake,organic_market"
                                           "&metric=magic"), ds)
    assert state.year == ds.first_year
    assert state.actor is None
    assert state.networks == ("organic_market",)
    assert state.metric == "degree"
    assert normalise(ViewState(year=3000), ds).year == ds.last_year


def test_states_are_hashable_values():
    assert hash(ViewState(year=1)) == hash(ViewState(year=1))
    assert ViewState(year=1).filters == ViewState(year=1, lang="es", metric="kcore").filters
