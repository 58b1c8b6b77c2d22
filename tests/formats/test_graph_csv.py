"""CSV files holding a graph (network.formats.graph_csv): Gephi's nodes/edges spreadsheets,
a plain edge list, Spanish-Excel CSVs, told apart by their columns whatever their names."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from network.formats.upload import read_upload


def _karate() -> nx.Graph:
    graph = nx.karate_club_graph()
    for node in graph.nodes:
        graph.nodes[node]["year"] = 1970 + node % 8
    for a, b in graph.edges:
        graph.edges[a, b]["year"] = 1970 + max(a, b) % 8
    return graph


def _gephi_pair(graph: nx.Graph) -> list[tuple[str, bytes]]:
    """The two files Gephi's Data Laboratory exports (its columns and their order)."""
    nodes = ["Id,Label,club,year"] + [f"m{n},Member {n},{d['club']},{d['year']}"
                                      for n, d in graph.nodes(data=True)]
    edges = ["Source,Target,Type,Id,Weight,year"] + [
        f"m{a},m{b},Undirected,{i},{d['weight']:.1f},{d['year']}"
        for i, (a, b, d) in enumerate(graph.edges(data=True))]
    return [("Karate [Nodes].csv", "\n".join(nodes).encode()),
            ("Karate [Edges].csv", "\n".join(edges).encode())]


def test_a_gephi_nodes_and_edges_pair_loads_like_a_graphml_file():
    graph = _karate()
    result = read_upload(_gephi_pair(graph))
    assert result.dataset is not None, result.report.render()
    ds = result.dataset
    assert len(ds.actors) == graph.number_of_nodes() and len(ds.ties) == graph.number_of_edges()
    assert ds.actors.loc["m0", "name"] == "Member 0"
    assert ds.actors.loc["m5", "founded"] == 1975
    assert sorted(ds.ties["weight"]) == sorted(float(d) for _, _, d in graph.edges(data="weight"))
    # the same honest defaults as a GraphML upload: nothing the file lacks is "sourced"
    assert set(ds.actors["type_certainty"]) == {"inferred"}
    assert set(ds.actors["level_certainty"]) == {"inferred"}
    keys = [p.key for p in result.report.problems]
    assert "v.table_missing" not in keys and "upload.unknown_file" not in keys
    ignored = next(p for p in result.report.problems if p.key == "upload.ignored_attributes")
    assert ignored.table == "Karate [Nodes].csv" and dict(ignored.params)["names"] == "club"
    assert ("upload.assumed.undirected", (("count", 78),)) in result.assumed


def test_the_same_network_from_graphml_and_from_the_csv_pair():
    graph = _karate()
    relabelled = nx.relabel_nodes(graph, {n: f"m{n}" for n in graph.nodes})
    for node in relabelled.nodes:
        relabelled.nodes[node]["label"] = f"Member {node[1:]}"
    buffer = io.BytesIO()
    nx.write_graphml(relabelled, buffer)
    from_graphml = read_upload([("karate.graphml", buffer.getvalue())]).dataset
    from_csv = read_upload(_gephi_pair(graph)).dataset
    assert from_graphml is not None and from_csv is not None
    columns = ["name", "founded", "kind", "level", "type_certainty", "level_certainty"]
    assert from_csv.actors[columns].sort_index().equals(from_graphml.actors[columns].sort_index())


@pytest.mark.parametrize("header", ["source,target,weight", "Source,Target,Weight",
                                    "SOURCE;TARGET;WEIGHT", "from,to,weight"])
def test_an_edge_list_alone_loads_with_its_ends_as_actors(header):
    sep = ";" if ";" in header else ","
    rows = [header] + [sep.join(r) for r in (("Ana", "Beto", "2"), ("Beto", "Carla", "1"),
                                              ("Carla", "Ana", "3"))]
    result = read_upload([("my network.csv", "\n".join(rows).encode())])
    assert result.dataset is not None, result.report.render()
    ds = result.dataset
    assert sorted(ds.actors["name"]) == ["Ana", "Beto", "Carla"]
    assert len(ds.ties) == 3 and sorted(ds.ties["weight"]) == [1.0, 2.0, 3.0]
    assert ds.title == "my network"
    assert "upload.assumed.nodes_from_edge_list" in [k for k, _ in result.assumed]


def test_an_actor_with_no_year_is_there_from_its_first_dated_tie():
    # journeys-5: every actor of a dated edge list was shown from the file's first year, so
    # Fede, whose only tie starts in 2020, stood alone in the 2015 picture
    rows = ("source,target,from_year\nAna,Beto,2015\nBeto,Carla,2016\nEva,Carla,2020\n"
            "Fede,Eva,2020\nGus,Ana,\n")
    result = read_upload([("dated.csv", rows.encode())])
    ds = result.dataset
    assert ds is not None, result.report.render()
    founded = ds.actors.set_index("name")["founded"].to_dict()
    assert founded == {"Ana": 2015, "Beto": 2015, "Carla": 2016, "Eva": 2020, "Fede": 2020,
                       "Gus": 2015}  # Gus's one tie is undated: the file's first year
    assert set(ds.actors["founded_certainty"]) == {"inferred"}
    assert ("upload.assumed.founded_from_ties",
            (("count", 6), ("others", 1), ("ties", 5), ("total", 6), ("year", "2015"))) in [
        (k, tuple(sorted(dict(p).items()))) for k, p in result.assumed]


def test_a_spanish_excel_pair_semicolons_decimal_commas_and_latin1():
    nodes = ("Id;Label;Tipo\nmunicipio;Municipalidad de Písac;Gobierno local\n"
             "ong;Asociación Ñan;ONG\n")
    edges = "Source;Target;Peso;Año\nmunicipio;ong;1,5;2012\n"
    result = read_upload([("nodos.csv", nodes.encode("cp1252")),
                          ("aristas.csv", edges.encode("cp1252"))])
    assert result.dataset is not None, result.report.render()
    ds = result.dataset
    assert ds.actors.loc["municipio", "name"] == "Municipalidad de Písac"
    assert ds.actors.loc["ong", "name"] == "Asociación Ñan"
    assert ds.ties.iloc[0]["weight"] == 1.5 and ds.ties.iloc[0]["from_year"] == 2012


def test_a_csv_that_is_neither_nodes_nor_edges_says_why_it_is_ignored():
    edges = b"Source,Target\na,b\n"
    other = b"colour,size\nred,3\n"
    result = read_upload([("edges.csv", edges), ("styles.csv", other)])
    assert result.dataset is not None
    warning = next(p for p in result.report.problems if p.table == "styles.csv")
    assert warning.key == "upload.unused_csv"


def test_two_edge_tables_are_refused_naming_both():
    result = read_upload([("a.csv", b"Source,Target\nx,y\n"), ("b.csv", b"source,target\ny,z\n")])
    assert result.dataset is None
    assert [p.key for p in result.report.problems] == ["upload.two_edge_tables"]


def test_the_templates_tables_by_name_are_still_read_as_tables():
    """A file named like a table keeps the template's reading (its own Source column, if
    any, does not make it an edge list)."""
    result = read_upload([("ties.csv", b"id,source,target\nt1,a,b\n")])
    assert result.kind == "csv"
    assert "upload.assumed.nodes_from_edge_list" not in [k for k, _ in result.assumed]


def test_an_edge_list_missing_one_end_says_which_column_is_missing():
    # journeys-5, the researcher: "source,weight" was refused as a file named wrongly
    result = read_upload([("contacts.csv", b"source,weight\nAna,2\nBeto,1\n")])
    assert result.dataset is None
    rendered = result.report.render()
    assert "“source” but no column “Target”" in rendered
    assert "not one of the tables" not in rendered
