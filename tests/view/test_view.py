import pandas as pd
import pytest

from network.view.state import Filters
from network.view.visible import search, visible


def test_latest_year_shows_everything_active(ds):
    view = visible(ds, Filters())
    assert len(view.actors) == (ds.actors["active_until"].isna()).sum() or len(view.actors) > 0
    assert set(view.graph.nodes) == set(view.actors.index)


def test_actors_appear_when_founded(ds):
    for year in (1972, 1990, 2000, 2008):
        view = visible(ds, Filters(year=year))
        dated = view.actors["founded"].notna()
        assert (view.actors.loc[dated, "founded"] <= year).all()
        # undated actors are shown from the fieldwork's first year (the default)
        assert dated.all() or year >= 2006
        first = ds.actors["founded"].fillna(2006)
        expected = ((first <= year) & (ds.actors["active_until"].fillna(9999) >= year)).sum()
        assert len(view.actors) == expected


def test_time_shows_real_change(ds):
    counts = [len(visible(ds, Filters(year=y)).actors) for y in ds.years]
    assert counts == sorted(counts) or max(counts) > min(counts)
    assert counts[0] < counts[-1] / 5


def test_ties_need_both_ends_in_view(ds):
    view = visible(ds, Filters(year=2008, levels=("local",)))
    assert (view.actors["level"] == "local").all()
    assert view.ties["source"].isin(view.actors.index).all()
    assert view.ties["target"].isin(view.actors.index).all()


@pytest.mark.parametrize("field, value, column", [
    ("sectors", ("state",), "sector"),
    ("certainty", ("stated",), "certainty"),
])
def test_actor_filters(ds, field, value, column):
    view = visible(ds, Filters(**{field: value}))
    assert len(view.actors) > 0
    assert view.actors[column].isin(value).all()


def test_ngo_type_none_means_not_an_ngo(ds):
    view = visible(ds, Filters(ngo_types=("none",)))
    assert (view.actors["ngo_type"] == "").all()
    gongos = visible(ds, Filters(ngo_types=("gongo",))).actors
    assert set(gongos.index) >= {"concytec", "itacab", "otcit"}


def test_stated_only_keeps_stated_ties(ds):
    view = visible(ds, Filters(certainty=("stated",)))
    assert (view.ties["certainty"] == "stated").all()
    assert len(view.ties) > 0


def test_domain_filter_checks_actor_and_tie_domains(ds):
    view = visible(ds, Filters(domains=("organic_production",)))
    assert view.actors["domains"].str.contains("organic_production").all()
    domains = view.ties["network"].map(ds.networks["domain"])
    assert (domains == "organic_production").all()


def test_network_filter_keeps_only_actors_with_a_tie_there(ds):
    view = visible(ds, Filters(networks=("organic_market",)))
    assert (view.ties["network"] == "organic_market").all()
    tied = set(view.ties["source"]) | set(view.ties["target"])
    assert set(view.actors.index) == tied


def test_empty_choice_gives_empty_view(ds):
    view = visible(ds, Filters(levels=()))
    assert view.empty and len(view.ties) == 0


def test_year_range_includes_anything_active_in_it(ds):
    single = visible(ds, Filters(year=2008))
    ranged = visible(ds, Filters(year=2008, start=1990))
    assert set(single.actors.index) <= set(ranged.actors.index)


def test_parallel_ties_become_one_weighted_edge(ds):
    view = visible(ds, Filters())
    pairs = view.ties.groupby(["source", "target"])["weight"].sum()
    assert view.graph.number_of_edges() == len(pairs)
    (s, t), w = next(iter(pairs.items()))
    assert view.graph[s][t]["weight"] == pytest.approx(w)


def test_view_does_not_mutate_the_dataset(ds):
    before = ds.actors.copy()
    visible(ds, Filters(year=1999, levels=("national",)))
    pd.testing.assert_frame_equal(before, ds.actors)


@pytest.mark.parametrize("query, expected", [
    ("ecologica", "ecologica"),
    ("Ecológica", "ecologica"),
    ("ECOLÓGICA", "ecologica"),
    ("rae", "rae"),
    ("Red de Agricultura", "rae"),
    ("concytec", "concytec"),
])
def test_search_ignores_accents_and_case(ds, query, expected):
    assert expected in search(ds, query)


def test_search_puts_prefix_matches_first_and_handles_nothing(ds):
    assert search(ds, "anpe")[0] == "anpe"
    assert search(ds, "") == []
    assert search(ds, "zzzz-nothing") == []


def test_stated_only_hides_inferred_attributes_too(ds):
    # the certainty filter is about facts, not only rows: an inferred NGO type or founding
    # year must not be shown (or counted, or exported) as if the thesis said it
    for allowed in (("stated",), ("stated", "sourced")):
        view = visible(ds, Filters(year=2010, certainty=allowed))
        a = view.actors
        inferred_type = ~a["type_certainty"].isin(allowed)
        assert (a.loc[inferred_type, "ngo_type"].isin(["unstated", ""])).all()
        assert a.loc[~a["founded_certainty"].isin(allowed), "founded"].isna().all()
        masked = a.index[inferred_type & (a["ngo_type"] == "unstated")]
        assert len(masked) > 0  # the bundled data has inferred types to hide
        assert (ds.actors.loc[masked, "ngo_type"] != "").all()  # they were NGOs
    # everything allowed: the table as it is
    full = visible(ds, Filters(year=2010))
    assert (full.actors["ngo_type"] == ds.actors.loc[full.actors.index, "ngo_type"]).all()


def test_stated_only_takes_back_inferred_levels_and_network_assignments(ds):
    allowed = ("stated", "sourced")
    everyone = visible(ds, Filters(year=2010, certainty=allowed))
    a = everyone.actors
    guessed = ~a["level_certainty"].isin(allowed)
    assert guessed.any() and (a.loc[guessed, "level"] == "unstated").all()
    assert (a.loc[~guessed, "level"] == ds.actors.loc[a.index[~guessed], "level"]).all()
    # a level filter passes only actors whose level is stated or sourced
    local = visible(ds, Filters(year=2010, certainty=allowed, levels=("local",)))
    assert len(local.actors) > 0
    assert (ds.actors.loc[local.actors.index, "level_certainty"].isin(allowed)).all()
    shown_all = visible(ds, Filters(year=2010, levels=("local",)))
    assert len(shown_all.actors) > len(local.actors)
    # every tie's network is our reading: with networks chosen, "stated or sourced" keeps
    # none of them, and without a network filter the ties stay
    chosen = visible(ds, Filters(year=2010, certainty=allowed, networks=("agroecological",)))
    assert chosen.ties.empty
    assert len(visible(ds, Filters(year=2010, networks=("agroecological",))).ties) > 0
    assert len(everyone.ties) > 0
