"""Tests for network.formats.graph_files (through an upload): GraphML and GEXF files."""

from __future__ import annotations

import io

import pytest

from network.formats.upload import read_upload
from tests.formats.uploads import HOSTILE, E, problems, upload_case


def test_gexf_uses_its_years_labels_and_weights():
    result = upload_case("gexf_unknown_attributes")
    ds = result.dataset
    assert result.kind == "gexf"
    assert ds.actors["founded"].tolist() == [1978, 1989]
    assert ds.actors["kind"].tolist() == ["ngo", "ngo_network"]
    tie = ds.ties.iloc[0]
    assert (tie["relation"], tie["from_year"], tie["weight"]) == ("founded", 1989, 2.0)
    warning = next(p for p in result.report.problems if p.key == "upload.ignored_attributes")
    names = dict(warning.params)["names"]
    assert "Modularity Class" in names and "mood" in names and "favourite colour" in names
    assert "size" not in names  # drawing attributes are dropped quietly


def test_graphml_from_yed_and_networkx():
    networkx = pytest.importorskip("networkx")
    graph = networkx.DiGraph()
    graph.add_node("Centro IDEAS", kind="ngo", founded=1978, level="national")
    graph.add_node("RAE", kind="ngo_network", founded=1989)
    graph.add_node("SENASA", kind="Government agency", level="nacional")
    graph.add_edge("Centro IDEAS", "RAE", relation="founded", start=1989)
    graph.add_edge("SENASA", "RAE", relation="asesora a")
    buffer = io.BytesIO()
    networkx.write_graphml(graph, buffer)
    result = read_upload([("net.graphml", buffer.getvalue())])
    assert result.dataset is not None, result.report.render()
    ds = result.dataset
    assert ds.actors.loc["senasa", "kind"] == "government_agency"
    assert ds.actors.loc["senasa", "level"] == "national"  # matched the Spanish label
    # a level the file gives is the file's; one we assume is our inference, never "sourced"
    assert ds.actors.loc["senasa", "level_certainty"] == "sourced"
    assert ds.actors.loc["rae", "level"] == "national"
    assert ds.actors.loc["rae", "level_certainty"] == "inferred"
    assert ds.ties["relation"].tolist() == ["founded", "advises"]
    assert ds.ties["from_year"].tolist() == [1989, 1989]  # the second: when both exist
    yed = b"""<?xml version="1.0" encoding="UTF-8"?>
<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:y="http://www.yworks.com/xml/graphml">
  <key for="node" id="d6" yfiles.type="nodegraphics"/>
  <key for="edge" id="d10" yfiles.type="edgegraphics"/>
  <graph edgedefault="directed" id="G">
    <node id="n0"><data key="d6"><y:ShapeNode><y:NodeLabel>Centro
      IDEAS</y:NodeLabel></y:ShapeNode></data></node>
    <node id="n1"><data key="d6"><y:ShapeNode><y:NodeLabel>RAE</y:NodeLabel>
      </y:ShapeNode></data></node>
    <edge id="e0" source="n0" target="n1"><data key="d10"><y:PolyLineEdge/></data></edge>
  </graph>
</graphml>"""
    result = read_upload([("yed.graphml", yed)])
    assert result.dataset.actors["name"].tolist() == ["Centro IDEAS", "RAE"]
    assert not result.report.problems


def test_problems_in_mapped_files_point_at_the_upload():
    gexf = (HOSTILE / "gexf_unknown_attributes" / "network.gexf").read_text()
    gexf = gexf.replace('start="1989"', 'start="1750"')  # before the schema's minimum, 1800
    result = read_upload([("network.gexf", gexf.encode())])
    assert (E, "v.too_small", "network.gexf", 18, "start") in problems(result)  # its line



# --- what networkx's readers would not keep (see the graph_files docstring) ---------------

NS = 'xmlns="http://graphml.graphdrawing.org/xmlns"'


def graphml(body: str, ns: str = NS) -> bytes:
    return f'<?xml version="1.0"?>\n<graphml {ns}>\n{body}\n</graphml>'.encode()


def test_any_dtd_is_refused_even_without_entities():
    data = b'<?xml version="1.0"?>\n<!DOCTYPE graphml>\n<graphml/>'
    assert problems(read_upload([("g.graphml", data)])) == [
        (E, "upload.xml_entities", "g.graphml", None, None)]


def test_nesting_deeper_than_the_limit_is_refused():
    from network.formats.graph_files import MAX_XML_DEPTH

    deep = "<x>" * MAX_XML_DEPTH + "</x>" * MAX_XML_DEPTH
    result = read_upload([("g.graphml", graphml(f"<graph>{deep}</graph>"))])
    assert problems(result) == [(E, "upload.xml_invalid", "g.graphml", None, None)]
    assert dict(result.report.problems[0].params)["detail"] == "nested too deeply"


def test_graphml_key_defaults_undeclared_keys_and_no_namespace_are_read():
    body = """<key id="d0" for="node" attr.name="kind"><default>funder</default></key>
<graph edgedefault="directed">
<node id="a"/><node id="b"><data key="d0">ngo</data><data key="level">local</data></node>
<edge source="a" target="b"/></graph>"""
    for ns in (NS, ""):
        ds = read_upload([("g.graphml", graphml(body, ns))]).dataset
        assert ds.actors["kind"].tolist() == ["funder", "ngo"]
        assert ds.actors["level"].tolist() == ["national", "local"]


def test_undirected_edges_keep_the_files_order_and_ends_match_labels():
    body = """<key id="l" for="node" attr.name="label"/>
<graph edgedefault="undirected">
<node id="n1"><data key="l">Centro IDEAS</data></node><node id="n2"><data key="l">RAE</data></node>
<edge source="n2" target="centro ideas"/></graph>"""
    result = read_upload([("g.graphml", graphml(body))])
    tie = result.dataset.ties.iloc[0]
    assert (tie["source"], tie["target"]) == ("n2", "n1")
    assert "upload.assumed.undirected" in [k for k, _ in result.assumed]


def test_a_node_given_twice_is_an_error_at_its_line():
    body = ('<graph>\n<node id="a"/>\n<node id="a"/>\n'
            '<node id="b"/><edge source="a" target="b"/>\n</graph>')
    result = read_upload([("g.graphml", graphml(body))])
    assert problems(result) == [(E, "upload.duplicate_node", "g.graphml", 5, "id")]
    assert dict(result.report.problems[0].params)["other"] == 4


def test_dynamic_gexf_takes_the_first_value_and_one_tie_per_mutual_edge():
    data = b"""<gexf xmlns="http://www.gexf.net/1.2draft" version="1.2">
<graph mode="dynamic" timeformat="date" defaultedgetype="directed">
<attributes class="node" mode="dynamic"><attribute id="0" title="Tipo" type="string"/></attributes>
<nodes><node id="a" label="A"><attvalues><attvalue for="0" value="ngo" start="1990-01-01"/>
<attvalue for="0" value="funder" start="2000-01-01"/></attvalues></node>
<node id="b"><spells><spell start="1995-02-03"/></spells></node></nodes>
<edges><edge source="a" target="b" type="mutual"/></edges></graph></gexf>"""
    ds = read_upload([("g.gexf", data)]).dataset
    assert ds.actors["kind"].tolist() == ["ngo", "ngo"]
    assert ds.actors["founded"].tolist() == [1995, 1995]  # the spell's year; the earliest
    assert len(ds.ties) == 1
