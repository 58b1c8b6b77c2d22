"""Find collaborators: suggestions, their reasons, neighbourhoods and introductions."""

import math
import re

import pandas as pd
import pytest

from network.analysis.collaborators import (
    DEFAULT_WEIGHTS,
    LONGEST_INTRODUCTION,
    NGO_KINDS,
    PARTNER_COLUMNS,
    SIGNALS,
    bench_suggestions,
    ego,
    introductions,
    partners,
    reason,
    signal_help,
    signal_label,
    signals,
    suggest,
    to_frame,
    together,
)
from network.text import catalogue as i18n
from network.view.state import Filters
from network.view.visible import visible
from tests.packages import NETWORKS, actor_rows, checked_dataset, tie_rows

YEAR = Filters(year=2010)





def make(actors, ties, endorsements=(), relations=None):
    """A dataset from short descriptions, typed by the validator as a loaded one is.

    ``actors``: dicts with an ``id`` and any column to change from a national civil-society
    NGO working on organic production since 2000. ``ties``: (source, target) or
    (source, target, network) or (source, target, network, from_year, to_year).
    ``endorsements``: (actor, discourse, from_year); without any, the first actor endorses
    d2 from 2100 (a table may not be empty), which counts in no year that the tests use.
    """
    endorsements = list(endorsements) or [(actors[0]["id"], "d2", 2100)]
    raw = {
        "sources": pd.DataFrame([{"id": "S0", "title": "Test"}]),
        "networks": pd.DataFrame([{**n, "evidence": "S0"} for n in NETWORKS]),
        "actors": actor_rows(actors),
        "ties": tie_rows(ties) if relations is None else tie_rows(ties).assign(relation=relations),
        "discourses": pd.DataFrame([
            {"id": d, "name": name, "name_es": name_es, "domain": "organic_production",
             "mother": "social_movement", "diverges": "false", "storyline": "A story.",
             "storyline_es": "Una historia.", "evidence": "S0"}
            for d, name, name_es in (("d1", "Market adaptation", "Adaptación al mercado"),
                                     ("d2", "Market access", "Acceso al mercado"))
        ]),
        "actor_discourses": pd.DataFrame(
            [{"actor": a, "discourse": d, "from_year": str(y), "evidence": "S0",
              "certainty": "stated"} for a, d, y in endorsements],
            columns=["actor", "discourse", "from_year", "evidence", "certainty"]),
    }
    return checked_dataset(raw)


def ids(suggestions):
    return [s.candidate for s in suggestions]


def by_id(suggestions):
    return {s.candidate: s for s in suggestions}


NO_OTHER_SIGNALS = {name: 0.0 for name in SIGNALS if name != "common_partners"}


# --- who is a candidate -------------------------------------------------------------------


@pytest.fixture(scope="module")
def timeline():
    """me is tied to p1 (out) and p2 (in); cand shares p1; gone closed in 2005; later
    appears in 2015; old_partner was tied to me until 2005."""
    return make(
        actors=[{"id": "me"}, {"id": "p1"}, {"id": "p2"}, {"id": "cand"},
                {"id": "gone", "active_until": 2005}, {"id": "later", "founded": 2015},
                {"id": "old_partner"}],
        ties=[("me", "p1"), ("p2", "me"), ("cand", "p1"), ("gone", "p2", "net_a", 2000, 2005),
              ("later", "p1", "net_a", 2015, ""), ("me", "old_partner", "net_a", 2000, 2005)],
    )


def test_never_the_actor_its_partners_or_absent_actors(timeline):
    found = ids(suggest(timeline, YEAR, "me", limit=None))
    assert "cand" in found
    assert "old_partner" in found  # the tie ended in 2005: no longer a partner in 2010
    assert not {"me", "p1", "p2", "gone", "later"} & set(found)
    # over a year range "gone" is in view, but it no longer exists in the chosen year
    ranged = Filters(year=2010, start=2000)
    assert "gone" in visible(timeline, ranged).actors.index
    found = ids(suggest(timeline, ranged, "me", limit=None))
    assert not {"me", "p1", "p2", "gone", "old_partner"} & set(found)


def test_actor_not_in_view_gets_nothing(timeline):
    assert suggest(timeline, Filters(year=2010), "later") == []
    assert suggest(timeline, YEAR, "nobody") == []
    assert ego(timeline, YEAR, "later") == frozenset()
    assert partners(timeline, YEAR, "later").empty


def test_partners_are_the_ties_in_view(timeline):
    table = partners(timeline, YEAR, "me")
    assert tuple(table.columns) == PARTNER_COLUMNS
    assert list(table["partner"]) == ["p1", "p2"]
    assert list(table["direction"]) == ["out", "in"]
    assert list(table["tie"]) == ["t000", "t001"]
    assert set(partners(timeline, Filters(year=2003), "me")["partner"]) == {"p1", "p2",
                                                                            "old_partner"}


def test_ego_by_steps(timeline):
    assert ego(timeline, YEAR, "me", steps=0) == {"me"}
    assert ego(timeline, YEAR, "me") == {"me", "p1", "p2"}
    assert ego(timeline, YEAR, "me", steps=2) == {"me", "p1", "p2", "cand"}
    assert ego(timeline, Filters(year=2003), "me", steps=2) == {"me", "p1", "p2", "cand",
                                                                "gone", "old_partner"}
    with pytest.raises(ValueError):
        ego(timeline, YEAR, "me", steps=-1)


# --- Adamic–Adar --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def common():
    """me—p1, p2, p3, pl, ph. two shares p1 and p2; one shares p3. low shares pl (which has
    no other tie); high shares ph, a hub also tied to x1, x2, x3."""
    return make(
        actors=[{"id": a} for a in ("me", "p1", "p2", "p3", "pl", "ph", "two", "one", "low",
                                    "high", "x1", "x2", "x3")],
        ties=[("me", "p1"), ("me", "p2"), ("me", "p3"), ("me", "pl"), ("ph", "me"),
              ("two", "p1"), ("p2", "two"), ("one", "p3"), ("low", "pl"), ("high", "ph"),
              ("ph", "x1"), ("ph", "x2"), ("ph", "x3")],
    )


def test_two_common_partners_beat_one_and_rare_partners_beat_hubs(common):
    found = suggest(common, YEAR, "me", weights=NO_OTHER_SIGNALS)
    # one and low each share one partner of degree 2: equal scores, so by name
    assert ids(found) == ["two", "low", "one", "high", "x1", "x2", "x3"]
    best = by_id(found)
    assert best["two"].common_partners == ("p1", "p2")
    assert best["two"].values["common_partners"] == 1.0
    assert best["one"].values["common_partners"] == pytest.approx(0.5)
    assert best["low"].common_partners == ("pl",)
    assert best["high"].adamic_adar == pytest.approx(1 / math.log(5))
    assert best["high"].score == best["x1"].score  # equal scores: by name


# --- each signal --------------------------------------------------------------------------


@pytest.fixture(scope="module")
def signal_ds():
    """One candidate per signal around "me" (a national civil-society NGO on organic
    production, tied to p in net_a, endorsing d1 since 2000)."""
    other = {"kind": "project", "domains": "sustainable_production"}
    return make(
        actors=[
            {"id": "me", "ngo_type": "conventional"},
            {"id": "p", **other},
            {"id": "cp", **other, "kind": "ngo"},  # common partner p (tie in net_b)
            {"id": "nw1", **other, "kind": "ngo_network"},  # net_a, tied to nw2
            {"id": "nw2", **other},
            {"id": "dom"},  # kind ngo, organic production, no ties
            {"id": "disc", **other},  # endorses d1 since 2005
            {"id": "late", **other},  # endorses d1 from 2015: nothing in common in 2010
            {"id": "fund", **other, "kind": "funder"},
            {"id": "bridge", **other, "level": "global"},
            {"id": "bridge2", **other, "level": "latin_american", "sector": "state",
             "name_es": "Puente Dos"},
            {"id": "nothing", **other},
        ],
        ties=[("me", "p", "net_a"), ("cp", "p", "net_b"), ("nw1", "nw2", "net_a")],
        endorsements=[("me", "d1", 2000), ("disc", "d1", 2005), ("late", "d1", 2015)],
    )


EXPECTED_SIGNALS = {
    "cp": {"common_partners"},
    "nw1": {"shared_networks"},
    "nw2": {"shared_networks"},
    "dom": {"shared_domains"},
    "disc": {"shared_discourses"},
    "fund": {"complementary"},
    "bridge": {"bridging"},
    "bridge2": {"bridging"},
}


def test_each_signal_contributes_when_expected(signal_ds):
    found = by_id(suggest(signal_ds, YEAR, "me", limit=None))
    assert set(found) == set(EXPECTED_SIGNALS)  # late and nothing score 0: left out
    for candidate, expected in EXPECTED_SIGNALS.items():
        s = found[candidate]
        assert {n for n in SIGNALS if s.values[n] > 0} == expected, candidate
        assert set(s.values) == set(s.contributions) == set(SIGNALS)
        assert all(0 <= v <= 1 for v in s.values.values())
        assert s.score == pytest.approx(sum(s.contributions.values()))
        for n in SIGNALS:
            assert s.contributions[n] == pytest.approx(DEFAULT_WEIGHTS[n] * s.values[n])
    assert found["cp"].common_partners == ("p",)
    assert found["nw1"].shared_networks == ("net_a",)
    assert found["dom"].shared_domains == ("organic_production",)
    assert found["disc"].shared_discourses == ("d1",)
    assert found["fund"].complementary == (("ngos", "funders"),)
    assert (found["bridge"].new_level, found["bridge"].new_sector) == ("global", None)
    assert found["bridge"].values["bridging"] == 0.5
    assert (found["bridge2"].new_level, found["bridge2"].new_sector) == ("latin_american",
                                                                         "state")
    assert found["bridge2"].values["bridging"] == 1.0


def test_default_order_is_by_score_then_reason_then_name(signal_ds):
    found = suggest(signal_ds, YEAR, "me", limit=None)
    # equal scores: partners in common first, then shared networks, then by name
    assert ids(found) == ["cp", "nw1", "nw2", "fund", "bridge2", "disc", "dom", "bridge"]
    assert [s.score for s in found] == [3, 2, 2, 2, 1, 1, 1, 0.5]
    assert ids(suggest(signal_ds, YEAR, "me", limit=3)) == ["cp", "nw1", "nw2"]
    assert list(to_frame(found).columns) == ["candidate", "score", *SIGNALS]


def test_weights_change_the_order(signal_ds):
    assert ids(suggest(signal_ds, YEAR, "me", limit=2)) == ["cp", "nw1"]
    flipped = suggest(signal_ds, YEAR, "me", weights={"common_partners": 0.5}, limit=None)
    assert ids(flipped)[:2] == ["nw1", "nw2"] and ids(flipped).index("cp") > 2
    off = by_id(suggest(signal_ds, YEAR, "me", weights={"common_partners": 0}, limit=None))
    assert "cp" not in off  # its only signal is switched off: score 0
    assert off["fund"].values["common_partners"] == 0
    assert off["fund"].score == 2
    with pytest.raises(ValueError):
        suggest(signal_ds, YEAR, "me", weights={"popularity": 1})
    with pytest.raises(ValueError):
        suggest(signal_ds, YEAR, "me", weights={"bridging": -1})


def test_complementary_roles_follow_the_table():
    ds = make(
        actors=[{"id": "producers", "kind": "producer_association", "sector": "market"},
                {"id": "fair", "kind": "platform", "sector": "market"},
                {"id": "forum", "kind": "platform"},  # a civil-society platform: not a market
                {"id": "shop_ngo", "ngo_type": "market"},
                {"id": "smes", "kind": "sme_group", "sector": "market"},
                {"id": "cite", "ngo_type": "technocratic"},
                {"id": "ministry", "kind": "government_agency", "sector": "state"},
                {"id": "guild", "kind": "business_association", "sector": "market"},
                {"id": "x", "kind": "project"}, {"id": "y", "kind": "project"}],
        ties=[("x", "y")],  # a table may not be empty
    )
    only = {name: 0.0 for name in SIGNALS if name != "complementary"}

    def complements(actor):
        return {s.candidate: s.complementary for s in suggest(ds, YEAR, actor, weights=only)}

    assert complements("producers") == {"fair": (("producers", "markets"),),
                                        "shop_ngo": (("producers", "markets"),)}
    assert complements("smes") == {"cite": (("smes", "technical_support"),),
                                   "ministry": (("smes", "technical_support"),),
                                   "guild": (("smes", "business_support"),)}
    assert complements("forum") == {}


def test_order_flips_between_two_signals(common):
    # "two" has 2 common partners; "fund" is a funder (complementary to the NGO "me") with 1
    ds = make(
        actors=[{"id": "me"}, {"id": "p1"}, {"id": "p2"}, {"id": "two"},
                {"id": "fund", "kind": "funder"}],
        ties=[("me", "p1"), ("me", "p2"), ("two", "p1"), ("two", "p2"), ("fund", "p1")],
    )
    assert ids(suggest(ds, YEAR, "me", weights={"complementary": 0})) == ["two", "fund"]
    assert ids(suggest(ds, YEAR, "me", weights={"common_partners": 0})) == ["fund", "two"]


def test_only_kinds_and_levels_restrict_without_changing_scores(signal_ds):
    everyone = by_id(suggest(signal_ds, YEAR, "me", limit=None))
    ngos = suggest(signal_ds, YEAR, "me", only_ngos=True, limit=None)
    assert ids(ngos) == ["cp", "nw1", "dom"]
    assert all(s.score == everyone[s.candidate].score for s in ngos)
    assert ids(suggest(signal_ds, YEAR, "me", only_levels=("global", "latin_american"))) == [
        "bridge2", "bridge"]
    assert ids(suggest(signal_ds, YEAR, "me", only_kinds=("funder",),
                       only_levels=("local",))) == []
    assert NGO_KINDS == ("ngo", "ngo_network")


# --- words --------------------------------------------------------------------------------


@pytest.fixture(scope="module")
def named():
    return make(
        actors=[
            {"id": "me"},
            {"id": "rae", "name": "Ecological Agriculture Network", "acronym": "RAE Peru"},
            {"id": "anpe", "name": "Ecological Producers", "name_es": "Productores Ecológicos"},
            {"id": "cand", "level": "latin_american"},
        ],
        ties=[("me", "rae"), ("me", "anpe"), ("cand", "rae"), ("cand", "anpe")],
    )


def test_reasons_name_partners_networks_and_levels(named):
    s = suggest(named, YEAR, "me")[0]
    assert s.candidate == "cand"
    en, es = reason(s, named, "en"), reason(s, named, "es")
    assert en == ("2 partners in common: RAE Peru, Ecological Producers; "
                  "both in the organic market network; both work on organic production; "
                  "would connect you to the Latin American level.")
    assert es == ("2 socios en común: RAE Peru, Productores Ecológicos; "
                  "ambos en la red de mercado orgánico; ambos trabajan en producción orgánica; "
                  "le conectaría con el nivel latinoamericano.")


def test_reasons_for_every_signal(signal_ds):
    found = by_id(suggest(signal_ds, YEAR, "me", limit=None))
    assert reason(found["cp"], signal_ds, "en") == "1 partner in common: P."
    assert reason(found["disc"], signal_ds, "en") == "Both share the market adaptation discourse."
    assert reason(found["disc"], signal_ds, "es") == (
        "Ambos comparten el discurso de adaptación al mercado.")
    assert reason(found["fund"], signal_ds, "en") == "Complementary roles: NGOs and funders."
    assert reason(found["fund"], signal_ds, "es") == "Roles complementarios: ONG y financiadores."
    # a state body beyond the country's levels is not "the state" one's partners deal with
    assert reason(found["bridge2"], signal_ds, "en") == (
        "Would connect you to the Latin American level and a government body working "
        "internationally.")
    assert reason(found["bridge2"], signal_ds, "es") == (
        "Le conectaría con el nivel latinoamericano y un organismo estatal que trabaja a nivel "
        "internacional.")
    # a signal switched off is not given as a reason
    off = by_id(suggest(signal_ds, YEAR, "me", weights={"bridging": 0}, limit=None))
    assert "bridge2" not in off


def test_signals_for_display(named):
    s = suggest(named, YEAR, "me")[0]
    rows = signals(s, "es")
    assert [label for label, _, _ in rows] == [signal_label(n, "es") for n in SIGNALS]
    assert rows[0] == ("Socios en común", 1.0, DEFAULT_WEIGHTS["common_partners"])
    assert sum(c for _, _, c in rows) == pytest.approx(s.score)
    assert signals(s, "en")[0][0] == "Partners in common"
    for n in SIGNALS:
        assert signal_help(n, "en") != signal_help(n, "es")


def test_catalogue_entries_have_both_languages():
    for key in (k for k in i18n.keys() if k.startswith("collab.")):
        en, es = i18n.TEXTS["en"][key], i18n.TEXTS["es"].get(key, "")
        assert en.strip() and es.strip(), key
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", es)), key


# --- introductions ------------------------------------------------------------------------


@pytest.fixture(scope="module")
def paths():
    """s reaches t through m1 ("Beta") or m2 ("Alpha"), and by a longer way through c and d;
    z has no ties; o is tied to s only."""
    return make(
        actors=[{"id": "s"}, {"id": "t"}, {"id": "m1", "name": "Beta"},
                {"id": "m2", "name": "Alpha"}, {"id": "c"}, {"id": "d"}, {"id": "z"},
                {"id": "o"}],
        ties=[("s", "m1"), ("t", "m1"), ("m2", "s"), ("m2", "t"), ("s", "c"), ("c", "d"),
              ("d", "t"), ("o", "s")],
    )


def test_introductions_through_one_intermediary(paths):
    assert introductions(paths, YEAR, "o", "m1") == [("o", "s", "m1")]
    assert introductions(paths, YEAR, "o", "t") == [("o", "s", "m2", "t"), ("o", "s", "m1", "t")]


def test_introductions_give_every_shortest_path_in_name_order(paths):
    assert introductions(paths, YEAR, "s", "t") == [("s", "m2", "t"), ("s", "m1", "t")]
    assert introductions(paths, YEAR, "t", "s") == [("t", "m2", "s"), ("t", "m1", "s")]
    assert introductions(paths, YEAR, "s", "t", limit=1) == [("s", "m2", "t")]


def test_introductions_direct_none_and_self(paths):
    assert introductions(paths, YEAR, "s", "m1") == [("s", "m1")]  # already tied
    assert introductions(paths, YEAR, "s", "z") == []
    assert introductions(paths, YEAR, "s", "s") == []
    assert introductions(paths, YEAR, "s", "nobody") == []
    assert introductions(paths, Filters(year=1990), "s", "t") == []  # nobody in view yet


# --- the bundled data ---------------------------------------------------------------------


def test_suggestions_for_rae_leave_out_its_partners(ds):
    f = Filters(year=2008)
    found = suggest(ds, f, "rae", limit=None)
    tied = set(partners(ds, f, "rae")["partner"])
    assert tied and len(found) > 5
    assert not (tied | {"rae"}) & set(ids(found))
    assert ego(ds, f, "rae") == tied | {"rae"}
    view = visible(ds, f).actors
    assert set(ids(found)) <= set(view.index)
    assert (view.loc[ids(found), "founded"] <= 2008).all()
    scores = [s.score for s in found]
    assert scores == sorted(scores, reverse=True) and min(scores) > 0
    for s in found[:10]:
        assert reason(s, ds, "en") and reason(s, ds, "es")
    ngos = suggest(ds, f, "rae", only_ngos=True, limit=None)
    found_ngos = ds.actors.loc[ids(ngos)]
    assert ngos and (found_ngos["kind"].isin(NGO_KINDS) | (found_ngos["ngo_type"] != "")).all()


def test_only_other_ngos_keeps_those_the_data_calls_ngos(ds):
    # journeys-5, the NGO staff: ANPE Perú, a producer association the data types as a
    # "producer NGO" (and the legend colours so), fell out of "only other NGOs"
    ngos = ids(suggest(ds, Filters(year=2012), "idma", only_ngos=True, limit=None))
    assert ds.actors.loc["anpe", ["kind", "ngo_type"]].tolist() == [
        "producer_association", "producer"]
    assert "anpe" in ngos
    # and only those: every one is an NGO by its kind or by the type the data gives it
    found = ds.actors.loc[ngos]
    assert (found["kind"].isin(NGO_KINDS) | (found["ngo_type"] != "")).all()
    assert len(ngos) < len(suggest(ds, Filters(year=2012), "idma", limit=None))


def test_suggestions_are_deterministic(ds):
    f = Filters(year=2010)
    first = [(s.candidate, s.score) for s in suggest(ds, f, "anpe", limit=None)]
    assert first == [(s.candidate, s.score) for s in suggest(ds, f, "anpe", limit=None)]


def test_introductions_on_the_bundled_data(ds):
    f = Filters(year=2008)
    graph = visible(ds, f).graph.to_undirected()
    found = introductions(ds, f, "centro_ideas", "anpe")
    assert found
    for path in found:
        assert path[0] == "centro_ideas" and path[-1] == "anpe"
        assert len(path) == len(found[0])
        assert all(graph.has_edge(a, b) for a, b in zip(path, path[1:], strict=False))


def test_bench_suggestions_gives_two_times(ds):
    cold, warm = bench_suggestions(ds, ["rae", "anpe"], Filters(year=2008))
    assert cold > 0 and warm > 0


@pytest.fixture(scope="module")
def grouped():
    """me and x share partner p and the group g (unnamed members); the short way from me to t
    runs through g, a longer one through p and q; y is tied only to g."""
    return make(
        actors=[{"id": "me"}, {"id": "x"}, {"id": "p"}, {"id": "q"}, {"id": "t"}, {"id": "y"},
                {"id": "g", "is_group": "true"}],
        ties=[("me", "p"), ("x", "p"), ("me", "g"), ("x", "g"), ("g", "t"), ("p", "q"),
              ("q", "t"), ("y", "g")],
    )


def test_group_nodes_are_never_suggested_nor_count_as_common_partners(grouped):
    found = {s.candidate: s for s in suggest(grouped, YEAR, "me", limit=None)}
    assert "g" not in found
    assert found["x"].common_partners == ("p",)
    only_group = suggest(grouped, YEAR, "y", weights={k: 0 for k in SIGNALS if
                                                      k != "common_partners"}, limit=None)
    assert only_group == []  # y's only partner is the group: no partner in common with anyone


def test_introductions_never_pass_through_a_group(grouped):
    assert introductions(grouped, YEAR, "me", "t") == [("me", "p", "q", "t")]
    assert introductions(grouped, YEAR, "me", "g") == [("me", "g")]  # a group as target is fine
    assert introductions(grouped, YEAR, "g", "q") == [("g", "t", "q")]  # or as the start
    assert introductions(grouped, YEAR, "y", "me") == []  # only an unnamed group links them


def test_the_ego_network_does_not_walk_through_a_group(grouped):
    from network.analysis.collaborators import ego

    # g is a partner of me, but t and y lie beyond g only: not two steps away through it
    assert ego(grouped, YEAR, "me", 2) == {"me", "p", "g", "x", "q"}


def test_who_one_already_meets_through_an_umbrella_is_not_suggested():
    # me and co both belong to hub (a network organisation); hub runs the fair; out is tied
    # to the fair only, so it stays a suggestion
    ds = make(
        actors=[{"id": "me"}, {"id": "co"}, {"id": "hub", "kind": "ngo_network"},
                {"id": "fair", "kind": "platform", "sector": "market"}, {"id": "out"}],
        ties=[("me", "hub"), ("co", "hub"), ("hub", "fair"), ("out", "fair")],
    )
    rel = ds.ties["relation"].copy()
    assert set(rel) == {"collaborates"}  # the builder's default: nothing belongs yet
    assert together(ds, YEAR, "me") == {}
    ds = make(
        actors=[{"id": "me"}, {"id": "co"}, {"id": "hub", "kind": "ngo_network"},
                {"id": "fair", "kind": "platform", "sector": "market"}, {"id": "out"}],
        ties=[("me", "hub"), ("co", "hub"), ("hub", "fair"), ("out", "fair")],
        relations=["member_of", "founded", "coordinates", "sells_at"],
    )
    assert together(ds, YEAR, "me") == {"co": "hub", "fair": "hub"}
    assert set(ids(suggest(ds, YEAR, "me", limit=None))) == {"out"}
    assert together(ds, YEAR, "out") == {}  # selling at the fair is not belonging to hub


# --- the state, in words true of each ------------------------------------------------------


def test_a_state_sector_reason_is_true_of_the_candidate():
    """GIZ and SECO are foreign governments' cooperation agencies: they do not connect an
    NGO to the state; a national ministry does."""
    other = {"kind": "project", "domains": "sustainable_production", "sector": "state"}
    ds = make(
        actors=[{"id": "me"}, {"id": "coop", **other, "kind": "funder", "level": "global"},
                {"id": "inter", **other, "kind": "intergovernmental_agency",
                 "level": "latin_american"},
                {"id": "ministry", **other, "kind": "government_agency"}],
        ties=[("inter", "ministry")],
    )
    found = by_id(suggest(ds, YEAR, "me", limit=None))
    assert reason(found["ministry"], ds, "en") == "Would connect you to the state."
    assert reason(found["ministry"], ds, "es") == "Le conectaría con el Estado."
    assert reason(found["coop"], ds, "en").endswith(
        "would connect you to the global level and a government agency for international "
        "cooperation.")
    assert reason(found["coop"], ds, "es").endswith(
        "le conectaría con el nivel global y una agencia estatal de cooperación internacional.")
    assert reason(found["inter"], ds, "en").endswith("and an intergovernmental agency.")
    assert reason(found["inter"], ds, "es").endswith("y un organismo intergubernamental.")


@pytest.mark.parametrize("candidate", ["giz", "seco"])
def test_giz_and_seco_do_not_connect_idma_to_the_state(ds, candidate):
    found = by_id(suggest(ds, Filters(year=2012), "idma", limit=None))
    assert found[candidate].new_sector == "state"
    en, es = reason(found[candidate], ds, "en"), reason(found[candidate], ds, "es")
    assert "the state" not in en and "el Estado" not in es
    assert "a government agency for international cooperation" in en
    assert "una agencia estatal de cooperación internacional" in es


# --- how far each suggestion is -------------------------------------------------------------


@pytest.fixture(scope="module")
def chain():
    """me—a—b—c—d—far (4 intermediaries to far), me—a—near (1 to near), me—a—b—mid (2);
    alone has no tie; z_close and a_cut score the same (nothing in common), z_close is two
    intermediaries away (via a, b), a_cut none."""
    return make(
        actors=[{"id": x} for x in ("me", "a", "b", "c", "d", "far", "near", "mid", "alone",
                                    "z_close", "a_cut")],
        ties=[("me", "a"), ("a", "b"), ("b", "c"), ("c", "d"), ("d", "far"), ("a", "near"),
              ("b", "mid"), ("b", "z_close"), ("a_cut", "alone")],
    )


def test_each_suggestion_says_how_many_intermediaries_lead_to_it(chain):
    found = by_id(suggest(chain, YEAR, "me", limit=None))
    assert found["near"].intermediaries == 1 and not found["near"].too_far
    assert found["mid"].intermediaries == 2 and not found["mid"].too_far
    assert found["far"].intermediaries == 4 and found["far"].too_far
    assert found["alone"].intermediaries is None and not found["alone"].reachable
    assert found["far"].reachable and LONGEST_INTRODUCTION == 2
    # the number agrees with the shortest chain "who can introduce us?" finds
    for candidate, s in found.items():
        ways = introductions(chain, YEAR, "me", candidate)
        assert (len(ways[0]) - 2 if ways else None) == s.intermediaries, candidate


def test_equal_scores_put_a_way_in_before_none(chain):
    found = suggest(chain, YEAR, "me", limit=None)
    order = ids(found)
    assert by_id(found)["z_close"].score == by_id(found)["a_cut"].score
    assert order.index("z_close") < order.index("a_cut")  # not by name: a way in first


def test_nobody_can_introduce_cedal_in_2012_and_giz_is_far_from_idma(ds):
    cedal = suggest(ds, Filters(year=2012), "cedal", limit=10)
    assert cedal and all(s.intermediaries is None for s in cedal)
    for s in cedal:
        assert introductions(ds, Filters(year=2012), "cedal", s.candidate) == []
    giz = by_id(suggest(ds, Filters(year=2012), "idma", limit=None))["giz"]
    assert giz.too_far and giz.intermediaries == len(
        introductions(ds, Filters(year=2012), "idma", "giz")[0]) - 2


def test_platforms_one_is_in_through_ones_network_are_not_suggested():
    # me founded hub; hub is a member of the consortium and runs the fairs, of which stall
    # is one: me meets all three through hub
    ds = make(
        actors=[{"id": "me"}, {"id": "hub", "kind": "ngo_network"},
                {"id": "consortium", "kind": "platform"},
                {"id": "fairs", "kind": "platform", "sector": "market"},
                {"id": "stall", "kind": "platform", "sector": "market"}, {"id": "out"}],
        ties=[("me", "hub"), ("hub", "consortium"), ("hub", "fairs"), ("stall", "fairs"),
              ("out", "consortium")],
        relations=["founded", "member_of", "coordinates", "part_of", "member_of"],
    )
    assert together(ds, YEAR, "me") == {"consortium": "hub", "fairs": "hub", "stall": "hub"}
    assert ids(suggest(ds, YEAR, "me", limit=None)) == ["out"]


def test_idma_is_not_offered_what_it_is_in_through_rae(ds):
    f = Filters(year=2012)
    found = set(ids(suggest(ds, f, "idma", limit=None)))
    # co-founders of RAE, RAE's fairs, baskets and shops, a fair of RAE's Bioferias, and
    # the consortium RAE is a member of
    met = {"centro_ideas", "cied", "biocanastas", "bioferias", "biostores",
           "bioferia_miraflores", "consortium"}
    assert not met & found
    assert set(together(ds, f, "idma")) == met
