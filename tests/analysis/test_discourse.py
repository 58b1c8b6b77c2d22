"""Discourses and roles: affiliation, coalitions, comparison with ties, drawing, NGO types."""

import math
from dataclasses import replace

import pandas as pd
import pytest

from network.analysis.discourse import (
    AFFILIATION_COLUMNS,
    COALITION_COLUMNS,
    DISCOURSE_COLUMNS,
    DIVERSITY_COLUMNS,
    ROLES_MISSING,
    TYPES_COLUMNS,
    Comparison,
    affiliation,
    clear_caches,
    coalition_of,
    coalitions,
    compare,
    discourse_table,
    diversification,
    roles,
    roles_note,
    tied_pairs,
    types_over_time,
)
from network.analysis.ranking import composition_over_years
from network.layout.discourse import affiliation_positions
from network.model.schema import DOMAINS, LEVELS
from network.text import catalogue as i18n
from network.view.state import Filters
from network.view.visible import visible
from tests.packages import NETWORKS, actor_rows, checked_dataset, tie_rows

YEAR = Filters(year=2010)


#: (id, domain, mother, diverges). Listed out of alphabetical order on purpose: results
#: follow the table's order.
DISCOURSES = [
    ("d_b", "organic_production", "social_movement", False),
    ("d_a", "organic_production", "social_movement", True),
    ("d_c", "social_responsibility", "liberal_market", False),
    ("d_d", "organic_production", "liberal_market", False),
]



def make(actors, ties=(), endorsements=(), discourses=DISCOURSES):
    """A dataset from short descriptions, typed by the validator as a loaded one is.

    ``actors``: dicts with an ``id`` and any column to change from a national civil-society
    organisation (not an NGO) working on organic production since 2000. ``ties``:
    (source, target) or (source, target, network) or (..., from_year, to_year).
    ``endorsements``: (actor, discourse, from_year) or (..., certainty); without any, the
    first actor endorses the first discourse from 2100 (a table may not be empty), and
    without ties the first and the last actor are tied from 2100: neither counts in any year
    the tests use.
    """
    endorsements = list(endorsements) or [(actors[0]["id"], discourses[0][0], 2100)]
    ties = list(ties) or [(actors[0]["id"], actors[-1]["id"], "net_a", 2100)]
    raw = {
        "sources": pd.DataFrame([{"id": "S0", "title": "Test"}]),
        "networks": pd.DataFrame([{**n, "evidence": "S0"} for n in NETWORKS]),
        "actors": actor_rows(actors),
        "ties": tie_rows(ties),
        "discourses": pd.DataFrame([
            {"id": d, "name": f"Discourse {d}", "name_es": f"Discurso {d}", "domain": domain,
             "mother": mother, "diverges": str(diverges).lower(), "storyline": "A story.",
             "storyline_es": "Una historia.", "evidence": "S0"}
            for d, domain, mother, diverges in discourses
        ]),
        "actor_discourses": pd.DataFrame(
            [{"actor": e[0], "discourse": e[1], "from_year": str(e[2]), "evidence": "S0",
              "certainty": e[3] if len(e) > 3 else "stated", "note": "Test."}
             for e in endorsements],
            columns=["actor", "discourse", "from_year", "evidence", "certainty", "note"]),
    }
    return checked_dataset(raw)


def pairs_of(frame):
    return {(a, b): (s, d) for a, b, s, d in frame.itertuples(index=False)}


@pytest.fixture(scope="module")
def bundled(ds):
    return ds  # the session's bundled data set (tests/conftest.py)


# --- affiliation ----------------------------------------------------------------------------


@pytest.fixture(scope="module")
def small():
    """n1, n2 (local), n3 (an inferred actor), late (from 2015), both (two domains)."""
    return make(
        actors=[{"id": "n1"}, {"id": "n2", "level": "local"}, {"id": "n3", "certainty": "inferred"},
                {"id": "late", "founded": 2015},
                {"id": "both", "domains": "organic_production;social_responsibility"}],
        ties=[("n1", "n2")],
        endorsements=[("n1", "d_b", 2000), ("n2", "d_b", 2005), ("n3", "d_b", 2000),
                      ("n1", "d_a", 2008, "inferred"), ("late", "d_b", 2015),
                      ("both", "d_c", 2000), ("both", "d_b", 2000)],
    )


def endorsements(ds, filters):
    table = affiliation(ds, filters)
    return list(zip(table["actor"], table["discourse"], strict=True))


def test_affiliation_columns_and_order(small):
    table = affiliation(small, YEAR)
    assert tuple(table.columns) == AFFILIATION_COLUMNS
    # the discourses' order (d_b before d_a), then the actors' order
    assert endorsements(small, YEAR) == [("n1", "d_b"), ("n2", "d_b"), ("n3", "d_b"),
                                         ("both", "d_b"), ("n1", "d_a"), ("both", "d_c")]
    row = table.iloc[0]
    assert (row["from_year"], row["certainty"], row["evidence"], row["note"]) == (
        2000, "stated", "S0", "Test.")


def test_affiliation_respects_the_year(small):
    assert endorsements(small, Filters(year=2004)) == [
        ("n1", "d_b"), ("n3", "d_b"), ("both", "d_b"), ("both", "d_c")]
    # n2 endorses from 2005, n1's second discourse from 2008
    assert ("n2", "d_b") in endorsements(small, Filters(year=2005))
    assert ("n1", "d_a") not in endorsements(small, Filters(year=2007))
    # a year range counts what holds by its last year; late exists only from 2015
    assert endorsements(small, Filters(year=2007, start=2000)) == endorsements(
        small, Filters(year=2007))
    assert ("late", "d_b") in endorsements(small, Filters(year=2016))
    assert not affiliation(small, Filters(year=1990)).shape[0]


def test_affiliation_respects_levels_domains_and_certainty(small):
    assert endorsements(small, Filters(year=2010, levels=("local",))) == [("n2", "d_b")]
    # the certainty filter drops an inferred actor and an inferred endorsement
    stated = endorsements(small, Filters(year=2010, certainty=("stated",)))
    assert ("n3", "d_b") not in stated and ("n1", "d_a") not in stated
    assert ("n1", "d_b") in stated
    # both must pass: n3 (an inferred actor) endorses with "stated", n1's inferred
    # endorsement belongs to a stated actor
    assert endorsements(small, Filters(year=2010, certainty=("inferred",))) == []
    assert endorsements(small, Filters(year=2010, certainty=("stated", "inferred"))) == (
        endorsements(small, YEAR))
    # chosen domains keep only their discourses, as they keep only their networks' ties
    organic = endorsements(small, Filters(year=2010, domains=("organic_production",)))
    assert ("both", "d_b") in organic and ("both", "d_c") not in organic
    assert endorsements(small, Filters(year=2010, domains=("social_responsibility",))) == [
        ("both", "d_c")]
    assert endorsements(small, Filters(year=2010, levels=())) == []


def test_affiliation_follows_the_view(bundled):
    for filters in (Filters(year=2008), Filters(year=1999), Filters(year=2012, levels=("local",)),
                    Filters(year=2010, networks=("business",)), Filters(ngo_types=("none",))):
        table = affiliation(bundled, filters)
        assert set(table["actor"]) <= set(visible(bundled, filters).actors.index)
        assert (table["from_year"] <= (filters.year or bundled.last_year)).all()
    # every recorded endorsement holds in 2012 with no filters
    assert len(affiliation(bundled, Filters())) == len(bundled.actor_discourses)


def test_coalition_of(small, bundled):
    assert coalition_of(small, YEAR, "d_b") == frozenset({"n1", "n2", "n3", "both"})
    assert coalition_of(small, Filters(year=2004), "d_b") == frozenset({"n1", "n3", "both"})
    assert coalition_of(small, YEAR, "d_d") == frozenset()
    assert coalition_of(small, YEAR, "no_such_discourse") == frozenset()
    assert coalition_of(bundled, Filters(year=2008), "market_democratization") == frozenset(
        {"anpe", "anpe_associations"})


# --- coalitions -----------------------------------------------------------------------------


def test_coalition_projection_counts_shared_discourses():
    ds = make(
        actors=[{"id": i} for i in ("x", "y", "z", "w")],
        endorsements=[("x", "d_b", 2000), ("x", "d_a", 2000), ("x", "d_d", 2000),
                      ("y", "d_a", 2000), ("y", "d_b", 2000), ("y", "d_d", 2009),
                      ("z", "d_a", 2000), ("w", "d_c", 2000)],
    )
    table = coalitions(ds, YEAR)
    assert tuple(table.columns) == COALITION_COLUMNS
    # most shared first; discourses in the table's order (d_b, d_a, ..., d_d)
    assert pairs_of(table) == {("x", "y"): (3, ("d_b", "d_a", "d_d")),
                               ("x", "z"): (1, ("d_a",)), ("y", "z"): (1, ("d_a",))}
    assert list(zip(table["a"], table["b"], strict=True))[0] == ("x", "y")
    assert pairs_of(coalitions(ds, Filters(year=2005)))[("x", "y")] == (2, ("d_b", "d_a"))
    # w shares nothing; a view with one actor of a coalition has no pair
    assert coalitions(ds, Filters(year=1990)).empty
    assert tuple(coalitions(ds, Filters(year=1990)).columns) == COALITION_COLUMNS


def test_coalitions_with_many_discourses():
    many = [(f"m{k:02d}", "organic_production", "social_movement", False) for k in range(70)]
    ds = make(actors=[{"id": "x"}, {"id": "y"}, {"id": "z"}],
              endorsements=[(a, f"m{k:02d}", 2000) for a in ("x", "y") for k in range(66)]
              + [("z", "m69", 2000), ("x", "m69", 2000)],
              discourses=many)
    assert pairs_of(coalitions(ds, YEAR)) == {
        ("x", "y"): (66, tuple(f"m{k:02d}" for k in range(66))), ("x", "z"): (1, ("m69",))}


def test_coalitions_on_bundled_data(bundled):
    f = Filters(year=2012)
    table = coalitions(bundled, f)
    assert (table["a"] < table["b"]).all()
    # one discourse per actor in the bundled data: each coalition of k makes k(k-1)/2 pairs
    expected = sum(math.comb(len(coalition_of(bundled, f, d)), 2) for d in bundled.discourses.index)
    assert len(table) == expected
    assert (table["shared"] == table["discourses"].map(len)).all()
    for a, b, _, shared in table.itertuples(index=False):
        for d in shared:
            assert {a, b} <= coalition_of(bundled, f, d)


# --- coalitions beside ties -----------------------------------------------------------------


@pytest.fixture(scope="module")
def tiny():
    """d_b: a, b, c; d_a: d alone; e endorses nothing. Ties a→b, d→c, e→a."""
    return make(
        actors=[{"id": i} for i in ("a", "b", "c", "d", "e")],
        ties=[("a", "b"), ("d", "c"), ("e", "a")],
        endorsements=[("a", "d_b", 2000), ("b", "d_b", 2000), ("c", "d_b", 2000),
                      ("d", "d_a", 2000)],
    )


def test_compare_known_answer(tiny):
    c = compare(tiny, YEAR)
    assert isinstance(c, Comparison)
    assert c.both == (("a", "b"),)
    assert c.coalition_only == (("a", "c"), ("b", "c"))
    assert c.tie_only == (("a", "e"), ("c", "d"))  # direction ignored: d→c is (c, d)
    assert c.unrecorded == (("a", "e"),)  # e's discourse is not recorded
    assert (c.n_both, c.n_coalition_only, c.n_tie_only, c.n_unrecorded) == (1, 2, 2, 1)
    assert (c.n_coalition, c.n_tied) == (3, 3)
    assert c.jaccard == pytest.approx(1 / 5)


def test_compare_edge_cases(tiny):
    assert compare(tiny, Filters(year=1990)) == Comparison()
    assert Comparison().jaccard == 0.0
    # only the coalition in view: every coalition pair coincides with nothing
    only_abc = compare(tiny, Filters(year=2010, networks=("net_b",)))
    assert only_abc.n_tied == 0 and only_abc.jaccard == 0.0


def test_compare_partitions_the_pairs(bundled):
    for filters in (Filters(year=2008), Filters(year=2012), Filters(year=2012, levels=("local",)),
                    Filters(year=2000)):
        c = compare(bundled, filters)
        both, coal, tie = set(c.both), set(c.coalition_only), set(c.tie_only)
        assert not (both & coal or both & tie or coal & tie)
        table = coalitions(bundled, filters)
        assert both | coal == set(zip(table["a"], table["b"], strict=True))
        assert both | tie == set(tied_pairs(bundled, filters))
        assert set(c.unrecorded) <= tie
        assert all(a < b for a, b in (*c.both, *c.coalition_only, *c.tie_only))
        union = len(both | coal | tie)
        assert c.jaccard == pytest.approx(len(both) / union if union else 0.0)
        assert list(c.both) == sorted(c.both)


# --- discourse table ------------------------------------------------------------------------


def test_discourse_table_on_bundled_data(bundled):
    table = discourse_table(bundled, Filters(year=2012))
    assert tuple(table.columns) == DISCOURSE_COLUMNS
    assert len(table) == 7
    assert table.loc[table["diverges"], "id"].tolist() == ["market_access"]
    assert set(table["mother"]) == {"liberal_market", "social_movement"}
    assert set(table.loc[table["mother"] == "liberal_market", "id"]) == {
        "corporate_responsibility", "cleaner_production"}
    assert set(table["domain"]) == set(DOMAINS)
    for row in table.itertuples(index=False):
        assert frozenset(row.supporters) == coalition_of(bundled, Filters(year=2012), row.id)
        assert row.count == len(row.supporters)
    assert table["count"].sum() == len(affiliation(bundled, Filters(year=2012)))
    assert table.loc[table["id"] == "market_access", "name"].item() == "Market access"


def test_discourse_table_language_and_view(bundled):
    es = discourse_table(bundled, Filters(year=2012), "es")
    assert es.loc[es["id"] == "market_access", "name"].item() == "Acceso al mercado"
    assert es["storyline"].iloc[0].startswith("Los pequeños productores")
    early = discourse_table(bundled, Filters(year=1990))
    assert len(early) == 7 and early["count"].sum() == 0
    assert early["supporters"].map(len).sum() == 0


def test_discourse_table_supporters_in_actor_order(small):
    table = discourse_table(small, YEAR).set_index("id")
    assert table.at["d_b", "supporters"] == ("n1", "n2", "n3", "both")
    assert table.at["d_d", "count"] == 0
    assert table.at["d_a", "diverges"]


# --- NGO types over time --------------------------------------------------------------------


@pytest.mark.parametrize("filters", [Filters(), Filters(levels=("local", "national")),
                                     Filters(ngo_types=("technocratic", "gongo", "none")),
                                     Filters(networks=("business",)),
                                     Filters(domains=("organic_production",))])
def test_types_over_time_by_level_sums_to_composition(bundled, filters):
    table = types_over_time(bundled, filters, "level")
    assert tuple(table.columns) == TYPES_COLUMNS
    assert set(table["group"]) <= set(LEVELS)
    assert "none" not in set(table["ngo_type"])
    totals = table.groupby("year")["count"].sum()
    comp = composition_over_years(bundled, filters, "ngo_type")
    expected = comp.drop(columns=["none", "not_given"], errors="ignore").sum(axis=1)
    pd.testing.assert_series_equal(totals, expected.reindex(totals.index, fill_value=0),
                                   check_names=False, check_dtype=False)
    # and type by type
    by_type = table.groupby(["year", "ngo_type"])["count"].sum().unstack()
    for ngo_type in by_type.columns:
        got = by_type[ngo_type]
        want = comp[ngo_type] if ngo_type in comp else 0 * got
        assert (got.to_numpy() == want.reindex(got.index, fill_value=0).to_numpy()).all()


def test_types_over_time_by_domain(bundled):
    table = types_over_time(bundled, Filters(), "domain")
    assert list(table["year"].unique()) == list(bundled.years)
    assert len(table) == len(bundled.years) * len(DOMAINS) * 6  # zeros included
    for domain in DOMAINS:
        part = table[table["group"] == domain].groupby("year")["count"].sum()
        comp = composition_over_years(bundled, Filters(domains=(domain,)), "ngo_type")
        typed = comp.drop(columns=["none", "not_given"], errors="ignore")  # NGOs with a type
        assert part.to_dict() == typed.sum(axis=1).to_dict()
    at = table[table["year"] == 2012].set_index(["group", "ngo_type"])["count"]
    assert at[("sustainable_production", "technocratic")] == 13
    assert at[("organic_production", "technocratic")] == 0
    # a domain filter leaves the other domains out
    organic = types_over_time(bundled, Filters(domains=("organic_production",)), "domain")
    assert set(organic["group"]) == {"organic_production"}


def test_types_over_time_counts_each_domain_and_skips_non_ngos():
    ds = make(actors=[{"id": "two", "ngo_type": "market",
                       "domains": "organic_production;social_responsibility"},
                      {"id": "sme", "kind": "sme_group", "sector": "market"},
                      {"id": "conv", "ngo_type": "conventional", "founded": 2005}])
    table = types_over_time(ds, YEAR, "domain")
    at = table[(table["year"] == 2010) & (table["count"] > 0)]
    assert sorted(zip(at["group"], at["ngo_type"], at["count"], strict=True)) == [
        ("organic_production", "conventional", 1), ("organic_production", "market", 1),
        ("social_responsibility", "market", 1)]
    early = table[table["year"] == 2003]
    assert early["count"].sum() == 2
    with pytest.raises(ValueError):
        types_over_time(ds, YEAR, "sector")
    assert types_over_time(ds, Filters(ngo_types=("none",)), "level").empty


def test_diversification_known_answer():
    ds = make(actors=[{"id": "c1", "ngo_type": "conventional"},
                      {"id": "m1", "ngo_type": "market", "founded": 2005},
                      {"id": "sme", "kind": "sme_group"}])
    table = diversification(ds, Filters()).set_index("year")
    assert tuple(diversification(ds, Filters()).columns) == DIVERSITY_COLUMNS
    assert table.loc[2003].tolist() == [1, 1, 0.0]
    assert table.loc[2010, "ngos"] == 2 and table.loc[2010, "types"] == 2
    assert table.loc[2010, "shannon"] == pytest.approx(math.log(2))
    assert table.loc[ds.first_year:2004, "shannon"].eq(0).all()


def test_diversification_grows_from_the_1970s_to_2012(bundled):
    """The thesis's diversification of NGOs, as far as the bundled data shows it.

    The number of NGO types never falls and rises from one (conventional NGOs, 1977) to
    all six by 2000. The Shannon diversity also ends far above the 1970s' zero, but not
    steadily: it dips when RAE's conventional member NGOs arrive in 1989 and again slightly
    in 2006, so only the types are asserted to grow year on year.
    """
    table = diversification(bundled, Filters()).set_index("year")
    types = table["types"]
    assert types.is_monotonic_increasing
    assert types.loc[1970:1979].max() == 1 and types.loc[2012] == 6
    assert table.loc[2012, "shannon"] > table.loc[1970:1979, "shannon"].max() + 1
    assert table.loc[2012, "ngos"] > table.loc[1979, "ngos"]
    # sums agree with the composition
    comp = composition_over_years(bundled, Filters(), "ngo_type").drop(
        columns=["none", "not_given"])  # NGOs with a type
    assert table["ngos"].to_dict() == comp.sum(axis=1).to_dict()


def test_diversification_ignores_the_chosen_year(bundled):
    a = diversification(bundled, Filters(year=2005))
    b = diversification(bundled, Filters(year=2010, start=2001))
    pd.testing.assert_frame_equal(a, b)


# --- roles and words ------------------------------------------------------------------------


def test_roles_are_not_recorded(bundled):
    assert roles(bundled, Filters()) is None
    columns = {c for frame in (bundled.actors, bundled.ties, bundled.discourses,
                               bundled.actor_discourses) for c in frame.columns}
    assert not {c for c in columns if "role" in c}
    assert "watchdog" in roles_note("en") and "vigilante" in roles_note("es")
    assert roles_note("es") != roles_note("en")
    assert ROLES_MISSING == "disc.roles.missing"


def test_labels_in_both_languages():
    for key in ("disc.mother.liberal_market", "disc.mother.social_movement", "disc.diverges",
                "disc.roles.missing", "disc.div.types", "disc.per.level"):
        assert i18n.has(key)
        assert i18n.t(key, "en") != i18n.t(key, "es")


def test_results_are_cached(bundled):
    f = Filters(year=2008)
    assert affiliation(bundled, f) is affiliation(bundled, replace(f))
    assert compare(bundled, f) is compare(bundled, f)
    before = (affiliation(bundled, f), types_over_time(bundled, f, "level"),
              affiliation_positions(bundled))
    clear_caches()  # the analysis's caches, and the places of its picture
    assert affiliation(bundled, f) is not before[0]
    assert types_over_time(bundled, f, "level") is not before[1]
    assert affiliation_positions(bundled) is not before[2]
