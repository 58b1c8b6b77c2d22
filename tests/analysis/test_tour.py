"""The first tour of a data set of one's own: scenes made from its data, each caption a fact
read from the view it opens (known answers on small hand-built networks)."""

from __future__ import annotations

from pathlib import Path

from network.analysis.tour import starter_tour
from network.formats.upload import read_upload
from network.loading import load
from network.view.scenes import scene_state

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"


def test_a_small_dated_network_gets_five_scenes_with_its_own_facts():
    # RAE (1989) with IDEAS (1978) and IDMA (1984) founding it in 1989, producers selling
    # at it 2006-2012: a star around RAE, one local actor and three national ones
    ds = load(MINIMAL).dataset
    tour = starter_tour(ds)
    assert [(s.id, s.query) for s in tour] == [
        ("overview", ""), ("start", "year=1989"), ("most-ties", "actor=rae"),
        ("bridges", "metric=betweenness&actor=rae"), ("levels", "layout=levels")]
    captions = [s.caption["en"] for s in tour]
    assert captions[0].startswith("4 organisations and 3 ties in 2012;")
    assert captions[1].startswith(
        "In 1989: 3 organisations and 2 ties. By 2012: 4 organisations and 3 ties.")
    assert captions[2].startswith("Most ties: RAE (3), IDEAS (1) and IDMA (1).")
    # every path between the three others runs through RAE: normalised betweenness 1
    assert captions[3].startswith("RAE (1) lies on the most shortest paths")
    assert captions[4].endswith("Organisations at each level: Local 1, National 3.")
    assert tour[2].caption["es"].startswith("Más vínculos: RAE (3), IDEAS (1) y IDMA (1).")
    assert tour[0].title == {"en": ds.title_in("en"), "es": ds.title_in("es")}
    for scene in tour:  # each opens a view of this data
        assert scene_state(scene, ds).year in ds.years


def test_a_network_with_no_years_gets_no_year_in_its_tour():
    # a path A - B - C - D: B and C bridge; nobody is dated
    rows = "source,target\nA,B\nB,C\nC,D\n"
    ds = read_upload([("edges.csv", rows.encode())]).dataset
    assert ds.timeless
    tour = starter_tour(ds)
    assert [s.id for s in tour] == ["overview", "most-ties", "bridges"]  # one level: no levels
    assert tour[0].caption["en"] == ("4 organisations and 3 ties; the size of each circle "
                                     "shows how many ties it has.")
    assert tour[1].caption["en"].startswith("Most ties: B (2), C (2) and A (1).")
    # B and C each lie on 2 of the 3 pairs' paths that pass through someone: 2/3
    assert tour[2].caption["en"].startswith("B (0.67) and C (0.67) lie on")
    assert not any(str(year) in s.caption[lang] for s in tour for lang in s.caption
                   for year in ds.years)



def test_an_organisation_with_no_tie_is_never_called_most_connected():
    # A-B tied, C and D alone (on other levels): one pair has ties, nobody else
    nodes = "id,label,level\na,A,local\nb,B,national\nc,C,global\nd,D,latin_american\n"
    edges = "source,target\na,b\n"
    ds = read_upload([("nodes.csv", nodes.encode()), ("edges.csv", edges.encode())]).dataset
    most = [s for s in starter_tour(ds) if s.id == "most-ties"]
    assert [s.caption["en"].split(".")[0] for s in most] == ["Most ties: A (1) and B (1)"]


def test_one_tie_is_one_tie():
    # journeys-5: "2 organisations and 1 ties"
    rows = "source,target,from_year\nA,B,2010\nB,C,2012\n"
    ds = read_upload([("edges.csv", rows.encode())]).dataset
    start = [s for s in starter_tour(ds) if s.id == "start"][0]
    assert start.caption["en"].startswith(
        "In 2010: 2 organisations and 1 tie. By 2012: 3 organisations and 2 ties.")
    assert start.caption["es"].startswith(
        "En 2010: 2 organizaciones y 1 vínculo. En 2012: 3 organizaciones y 2 vínculos.")
