"""Everyday Spanish and English values in uploaded graphs (issue 18): kinds, sectors, levels
and relations are recognised whatever their case and accents, and a value that is not is
named in the report with what it became."""

from __future__ import annotations

import io

import networkx as nx
import pytest

from network.formats.upload import read_upload

KINDS = {  # the file's value → the schema's
    "Agencia del Estado": "government_agency", "Gobierno local": "government_agency",
    "GOBIERNO REGIONAL": "government_agency", "Municipalidad": "government_agency",
    "Organismo internacional": "intergovernmental_agency",
    "Organización no gubernamental": "ngo", "Asociación de productores": "producer_association",
    "Cooperativa": "producer_association", "Empresa": "sme_group",
    "Cooperación internacional": "funder", "Donor": "funder", "Ministry": "government_agency",
}
RELATIONS = {
    "Financia": "funds", "financia a": "funds", "Coordina con": "coordinates",
    "Forma parte de": "part_of", "Es miembro de": "member_of", "Colabora con": "collaborates",
    "Asesora": "advises", "Fundó": "founded", "Vende en": "sells_at", "Abastece a": "supplies",
}


def _upload(graph: nx.Graph, fmt: str):
    buffer = io.BytesIO()
    (nx.write_graphml if fmt == "graphml" else nx.write_gexf)(graph, buffer)
    return read_upload([(f"red.{fmt}", buffer.getvalue())])


@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_spanish_and_english_kinds_and_relations_are_recognised(fmt):
    graph = nx.DiGraph()
    names = list(KINDS)
    for i, kind in enumerate(names):
        graph.add_node(f"a{i}", label=f"Actor {i}", tipo=kind)
    for i, relation in enumerate(RELATIONS):
        graph.add_edge(f"a{i}", f"a{(i + 1) % len(names)}", relacion=relation)
    result = _upload(graph, fmt)
    assert result.dataset is not None, result.report.render()
    ds = result.dataset
    assert {names[int(a[1:])]: k for a, k in ds.actors["kind"].items()} == KINDS
    got = {src: rel for src, rel in zip(ds.ties["source"], ds.ties["relation"], strict=True)}
    assert {list(RELATIONS)[int(a[1:])]: r for a, r in got.items()} == RELATIONS
    # state bodies are the state's, not civil society's
    assert ds.actors.loc["a0", "sector"] == "state" and ds.actors.loc["a4", "sector"] == "state"
    keys = [k for k, _ in result.assumed]
    assert "upload.assumed.actor_field" not in [k for k, p in result.assumed
                                                if ("column", "kind") in p]
    assert not [p for k, p in result.assumed
                if k == "upload.assumed.tie_field" and ("column", "relation") in p]
    assert "upload.assumed.sector" in keys  # no sector given: from the kind, and said so


def test_kinds_given_as_sectors_and_levels_in_spanish():
    graph = nx.DiGraph()
    graph.add_node("muni", label="Municipio", sector="Gobierno local", nivel="Municipal")
    graph.add_node("fao", label="Agencia", sector="Organismo internacional", nivel="Mundial")
    graph.add_node("ong", label="ONG", sector="Sociedad civil", nivel="NACIONAL")
    graph.add_node("pyme", label="Pyme", sector="Sector privado", nivel="Latinoamérica")
    graph.add_edge("muni", "ong", relation="Financia")
    graph.add_edge("fao", "pyme", relation="Coordina con")
    ds = _upload(graph, "graphml").dataset
    assert ds is not None
    assert ds.actors["sector"].to_dict() == {"muni": "state", "fao": "state",
                                              "ong": "civil_society", "pyme": "market"}
    assert ds.actors["level"].to_dict() == {"muni": "local", "fao": "global",
                                             "ong": "national", "pyme": "latin_american"}


def test_an_unrecognised_value_is_named_with_what_it_became():
    graph = nx.DiGraph()
    graph.add_node("u", label="Universidad", kind="Universidad", sector="Academia",
                   ngo_type="Grassroots")
    graph.add_node("v", label="ONG", kind="ONG")
    graph.add_edge("u", "v", relation="Investiga con")
    result = _upload(graph, "graphml")
    assert result.dataset is not None
    text = " ".join(result.assumptions_in("en"))
    assert "kind: 1 of 2 actor(s) had no recognised value (Universidad); “ngo” was used" in text
    assert "(Investiga con); “collaborates” was used" in text
    assert "a sector Redes does not know (Academia)" in text
    assert "an NGO type Redes does not know (Grassroots); it was left empty" in text
    es = " ".join(result.assumptions_in("es"))
    assert "Academia" in es and "Grassroots" in es


def test_regional_is_not_guessed():
    """'Regional' is below the nation in Peru and above it elsewhere: not guessed."""
    graph = nx.DiGraph()
    graph.add_node("a", label="A", level="Regional")
    graph.add_node("b", label="B", level="Local")
    graph.add_edge("a", "b")
    result = _upload(graph, "graphml")
    assert result.dataset.actors.loc["a", "level_certainty"] == "inferred"
    assert "(Regional)" in " ".join(result.assumptions_in("en"))


@pytest.mark.parametrize("word", ["Financiado por", "funded by", "funded", "supplier"])
def test_a_word_that_says_the_reverse_is_not_read_as_funding(word):
    """"A financiado por B" is B funding A: read as "funds" it would put A's money in B,
    shown as the file's own fact. Such words are not recognised, and the report says so."""
    graph = nx.DiGraph()
    graph.add_node("a", label="A")
    graph.add_node("b", label="B")
    graph.add_edge("a", "b", relation=word)
    result = _upload(graph, "graphml")
    assert result.dataset.ties.iloc[0]["relation"] not in ("funds", "supplies")
    assert f"({word})" in " ".join(result.assumptions_in("en"))


def test_the_templates_tables_read_everyday_words_with_a_warning_each():
    from tests.formats.uploads import minimal_files

    files = []
    for name, data in minimal_files():
        text = data.decode("utf-8")
        if name == "actors.csv":
            text = text.replace(",ngo_network,conventional,civil_society,",
                                ",Red de ONG,Convencional,Sociedad civil,")
            text = text.replace(",national,", ",Nacional,")
        if name == "ties.csv":
            text = text.replace(",founded,", ",Fundó,")
        files.append((name, text.encode("utf-8")))
    result = read_upload(files)
    assert result.dataset is not None, result.report.render()
    rae = result.dataset.actors.loc["rae"]
    assert (rae["kind"], rae["ngo_type"], rae["sector"], rae["level"]) == (
        "ngo_network", "conventional", "civil_society", "national")
    assert list(result.dataset.ties.loc[["t1", "t2"], "relation"]) == ["founded", "founded"]
    read_as = {(p.table, p.row, p.column): dict(p.params) for p in result.report.problems
               if p.key == "upload.read_as"}
    assert read_as[("actors.csv", 2, "kind")]["value"] == "ngo_network"
    assert read_as[("ties.csv", 2, "relation")] == {"found": "Fundó", "value": "founded",
                                                  "count": 2}
    assert "“Fundó” is read as “founded”" in " ".join(
        p.message("en") for p in result.report.problems)
