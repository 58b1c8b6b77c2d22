"""The network for Gephi: GraphML and GEXF read back with the view, typed, every column
declared once, parallel ties and ends kept."""

import io
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd
import pytest

from network.formats import gephi
from network.model.schema import tables
from network.view.state import Filters
from network.view.visible import visible
from tests.formats.exported import EMPTYISH, FILTERS, TODAY, ids, odd_dataset


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    return odd_dataset(tmp_path_factory.mktemp("odd"))


@pytest.mark.parametrize("filters", FILTERS + EMPTYISH, ids=ids)
def test_graphml_reads_back_with_the_view(ds, filters):
    view = visible(ds, filters)
    graph = nx.read_graphml(io.BytesIO(gephi.graphml_bytes(ds, filters)))
    assert set(graph.nodes) == set(view.actors.index)
    assert graph.number_of_edges() == len(view.ties)
    assert graph.is_directed()
    assert {d["id"] for _, _, d in graph.edges(data=True)} == set(view.ties.index)
    for actor_id in list(view.actors.index)[:5]:
        # the view's facts: with "stated or sourced" only, an inferred year or type is not
        # exported as if a source gave it (network.view.visible.as_stated)
        row = view.actors.loc[actor_id]
        node = graph.nodes[actor_id]
        assert node["level"] == row["level"]
        # an unknown founding year is left out, not written as a made-up one
        assert node.get("founded") == (None if pd.isna(row["founded"]) else row["founded"])
        assert node["label"] == ds.actor_name(actor_id) and node["is_group"] == row["is_group"]
    for _, _, data in list(graph.edges(data=True))[:5]:
        tie = ds.ties.loc[data["id"]]
        assert data["relation"] == tie["relation"]
        assert data.get("from_year") == (None if pd.isna(tie["from_year"]) else tie["from_year"])
        assert data["weight"] == tie["weight"] and data["network"] == tie["network"]


@pytest.mark.parametrize("filters", FILTERS + EMPTYISH, ids=ids)
def test_gexf_reads_back_with_years_for_the_timeline(ds, filters):
    view = visible(ds, filters)
    data = gephi.gexf_bytes(ds, filters, today=TODAY)
    graph = nx.read_gexf(io.BytesIO(data))
    assert set(graph.nodes) == set(view.actors.index)
    assert graph.number_of_edges() == len(view.ties)
    assert graph.graph["mode"] == "dynamic"
    for actor_id in view.actors.index:
        node, row = graph.nodes[actor_id], view.actors.loc[actor_id]  # the view's facts
        founded = None if pd.isna(row["founded"]) else row["founded"]
        assert node.get("start") == founded and node.get("founded") == founded
        assert node["level"] == row["level"]
        until = None if pd.isna(row["active_until"]) else row["active_until"]
        assert node.get("end") == until  # CONAM closed in 2008; the others are active
    for _, _, edge in graph.edges(data=True):
        tie = ds.ties.loc[edge["id"]]
        assert edge.get("start") == (None if pd.isna(tie["from_year"]) else tie["from_year"])
        assert edge["relation"] == tie["relation"]
        assert "networkx_key" not in edge
    root = ET.fromstring(data)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    element = root.find("g:graph", ns)
    assert element.get("timeformat") == "double" and element.get("mode") == "dynamic"
    assert root.find("g:meta", ns).get("lastmodifieddate") == "2026-03-14"


def test_network_files_keep_parallel_ties_and_ends(odd):
    filters = Filters(year=2008)
    assert "idma" not in visible(odd, Filters(year=2011)).actors.index
    gexf = nx.read_gexf(io.BytesIO(gephi.gexf_bytes(odd, filters)))
    graphml = nx.read_graphml(io.BytesIO(gephi.graphml_bytes(odd, filters)))
    for graph in (gexf, graphml):
        assert graph.is_multigraph()
        assert set(graph["centro_ideas"]["rae"]) == {"t001", "t999"}
        relations = {d["relation"] for d in graph["centro_ideas"]["rae"].values()}
        assert relations == {"founded", "collaborates"}
        assert graph["idma"]["rae"]["t002"]["to_year"] == 2009
        assert graph.nodes["idma"]["active_until"] == 2010
        assert graph.nodes["rae"]["note"].startswith("=HYPERLINK")  # data, not a spreadsheet
        assert graph.nodes["anpe"]["description"] == "A bell rings"  # XML cannot hold \x07
    assert gexf.nodes["idma"]["end"] == 2010 and gexf["idma"]["rae"]["t002"]["end"] == 2009
    assert gexf["centro_ideas"]["rae"]["t999"]["start"] == 1995


def test_graphml_is_typed_and_safe_for_gephi(ds):
    root = ET.fromstring(gephi.graphml_bytes(ds, Filters(year=2008), lang="es"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = root.findall("g:key", ns)
    key_ids = [k.get("id") for k in keys]
    assert len(key_ids) == len(set(key_ids))
    # Gephi takes node key "d3" and edge key "d7" as the label, whatever their name
    assert not any(re.fullmatch(r"d\d+", i) for i in key_ids)
    named = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(named) == len(set(named))  # one type per attribute
    actor_columns = [c for c in tables()["actors"].columns if c != "id"]
    assert [n for s, n in named if s == "node"] == ["label", *actor_columns, "x", "y"]
    types = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}
    assert types["node", "founded"] == "long" and types["edge", "weight"] == "double"
    assert types["node", "is_group"] == "boolean"
    texts = [d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    assert not {"nan", "NaN", "None", "<NA>", "", None} & set(texts)
    booleans = {k.get("id") for k in keys if k.get("attr.type") == "boolean"}
    assert {d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")
            if d.get("key") in booleans} <= {"true", "false"}
    graph = nx.read_graphml(io.BytesIO(gephi.graphml_bytes(ds, Filters(year=2008), "es")))
    assert graph.nodes["rae"]["label"] == ds.actor_name("rae", "es")


def test_gexf_declares_every_column_once(ds):
    root = ET.fromstring(gephi.gexf_bytes(ds, Filters(year=2008)))
    ns = {"g": "http://www.gexf.net/1.2draft"}
    blocks = {b.get("class"): [a.get("title") for a in b]
              for b in root.find("g:graph", ns).findall("g:attributes", ns)}
    assert blocks["node"] == [c for c in tables()["actors"].columns if c != "id"]
    assert blocks["edge"] == [c for c in tables()["ties"].columns
                              if c not in ("id", "source", "target", "weight")]
    assert "nan" not in gephi.gexf_bytes(ds, Filters(year=2008)).decode().lower().split('"')


def test_graph_positions_point_up_as_in_gephi(ds):
    graph = gephi.export_graph(ds, Filters(year=2008))
    x, y = ds.positions["force"]["rae"]
    assert graph.nodes["rae"]["x"] == float(x) and graph.nodes["rae"]["y"] == -float(y)
    assert graph.nodes["rae"]["label"] == ds.actor_name("rae")
