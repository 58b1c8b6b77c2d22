import networkx as nx
import pandas as pd
import pytest

from network.analysis.metrics import METRICS
from network.analysis.ranking import composition, composition_over_years, key_actors
from network.layout.positions import stable_positions
from network.loading import build
from network.view.state import Filters
from network.view.visible import visible


def test_key_actors_are_ranked_and_compared_with_the_year_before(ds):
    table = key_actors(ds, Filters(year=2008), "degree", top=None)
    assert list(table["rank"]) == sorted(table["rank"])
    assert table["value"].is_monotonic_decreasing
    view = visible(ds, Filters(year=2008))
    assert set(table["id"]) == set(view.actors.index)
    previous = set(visible(ds, Filters(year=2007)).actors.index)
    new = table[table["previous_rank"].isna()]
    assert set(new["id"]) == set(view.actors.index) - previous
    old = table.dropna(subset=["previous_rank"])
    moved = old[old["change"] != 0]
    assert (moved["change"] == moved["previous_rank"] - moved["rank"]).all()


def test_key_actors_top_cuts_the_table(ds):
    assert len(key_actors(ds, Filters(year=2010), "pagerank", top=5)) == 5


@pytest.mark.parametrize("metric", list(METRICS))
def test_every_metric_ranks_the_bundled_view(ds, metric):
    table = key_actors(ds, Filters(year=2009), metric, top=10)
    assert len(table) == 10
    assert table["rank"].iloc[0] == 1


def test_first_year_has_no_previous_rank(ds):
    table = key_actors(ds, Filters(year=ds.first_year), "degree")
    assert table["previous_rank"].isna().all()


def test_composition_by_level():
    actors = pd.DataFrame({
        "ngo_type": ["gongo", "", "market", "market"],
        "level": ["national", "national", "local", "local"],
    })
    counts = composition(actors, "ngo_type", "level")
    assert counts.loc["national", "gongo"] == 1
    assert counts.loc["national", "none"] == 1
    assert counts.loc["local", "market"] == 2
    assert composition(actors, "ngo_type").loc["all", "market"] == 2


def test_composition_over_years_matches_the_views(ds):
    series = composition_over_years(ds, Filters(year=2000), "ngo_type")
    assert list(series.index) == list(ds.years)
    for year in (1980, 2000, 2012):
        assert series.loc[year].sum() == len(visible(ds, Filters(year=year)).actors)
    # new NGO types emerge over time: fewer types present in 1985 than in 2010
    assert (series.loc[1985] > 0).sum() < (series.loc[2010] > 0).sum()


def test_positions_are_stable_and_deterministic(ds):
    again = build({
        "actors": ds.actors.reset_index(drop=True), "ties": ds.ties.reset_index(drop=True),
        "networks": ds.networks.reset_index(drop=True),
        "discourses": ds.discourses.reset_index(drop=True),
        "actor_discourses": ds.actor_discourses, "sources": ds.sources.reset_index(drop=True),
    }, ds.title, ds.licences)
    assert again.positions == ds.positions
    assert set(ds.positions["force"]) == set(ds.actors.index)


def test_levels_arrangement_puts_global_above_local(ds):
    pos = ds.positions["levels"]
    top = max(pos[a][1] for a in ds.actors.index[ds.actors["level"] == "global"])
    bottom = min(pos[a][1] for a in ds.actors.index[ds.actors["level"] == "local"])
    assert top < bottom


def test_layout_keeps_components_apart():
    g = nx.Graph([("a", "b"), ("b", "c"), ("x", "y")])
    pos = stable_positions(g, {})["force"]
    assert all(0 <= x <= 1600 and 0 <= y <= 1000 for x, y in pos.values())
    assert len(set(pos.values())) == 5


def test_ties_at_zero_are_not_losses():
    # 2000: a star (h in the middle); 2001: a path c-d-e appears, so d rises above the
    # leaves, which stay at betweenness 0: they did not fall ("down 1" misread them)
    from tests.analysis.test_collaborators import make

    ds = make(actors=[{"id": x} for x in ("h", "a", "b")]
              + [{"id": x, "founded": 2001} for x in ("c", "d", "e")],
              ties=[("h", "a"), ("h", "b"), ("c", "d", "net_a", 2001), ("d", "e", "net_a", 2001)])
    table = key_actors(ds, Filters(year=2001), "betweenness", top=None).set_index("id")
    assert table.loc["a", "value"] == 0 and table.loc["a", "previous_rank"] == 2
    assert table.loc["a", "rank"] == 3 and table.loc["a", "change"] == 0
    assert table.loc["h", "change"] == 0  # 1st both years
    # an actor that really falls still says so
    ds = make(actors=[{"id": x} for x in ("h", "a", "b", "c")],
              ties=[("h", "a", "net_a", 2000, 2000), ("h", "b"), ("a", "c"), ("b", "c")])
    table = key_actors(ds, Filters(year=2001), "degree", top=None).set_index("id")
    assert table.loc["h", "change"] < 0
