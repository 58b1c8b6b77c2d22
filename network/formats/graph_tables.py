"""A graph from Kumu, GraphML or GEXF mapped onto the schema's tables.

Actors and ties come from its nodes and edges (:mod:`network.formats.graph_rows`, with the
defaults it lists); all ties belong to one network named after the file (or one per value
of a ``network`` attribute), of the default domain; there are no discourses. Attributes no
column took are named in one warning, and every table remembers where its rows came from,
so that validation's problems point at the upload.
"""

from __future__ import annotations

import json
import re

import pandas as pd

from network.formats.graph_aliases import DRAWING
from network.formats.graph_rows import DEFAULTS, UPLOAD_SOURCE, actor_rows, tie_rows, unique_ids
from network.formats.upload_state import ReadState, SourceLabel, table_frame
from network.formats.uploaded_graph import Graph, check_graph, normalise
from network.model.schema import tables

#: A source id (the schema's pattern); other evidence is left for validation to report.
SOURCE_ID = re.compile(r"^(S0|E[0-9]+)$")


def graph_tables(graph: Graph, state: ReadState) -> dict[str, pd.DataFrame]:
    """Map a graph onto the schema's tables, with the defaults of :data:`DEFAULTS`."""
    check_graph(graph, state)
    keys = [n.key or "" for n in graph.nodes]  # check_graph stopped on a node without one
    ids = dict(zip(keys, unique_ids(keys, "actor"), strict=True))
    changed = [(k, s) for k, s in ids.items() if k != s]
    if changed:
        state.assume("upload.assumed.ids", count=len(changed), example=changed[0][0][:40],
                     slug=changed[0][1])

    actors = actor_rows(graph, ids, state)
    ties, edge_used, edge_columns = tie_rows(graph, ids, actors.founded, actors.default_year,
                                              state)
    if graph.meta.get("name"):  # a Redes export names its data set
        state.title = graph.meta["name"][:200]
    given_networks = _given_rows(graph, "networks")
    networks = _networks(ties, state.title or graph.file, state, given_networks)
    state.assume("upload.assumed.no_discourses")
    _warn_ignored(graph, actors.used, edge_used, state)

    sources = [{"id": UPLOAD_SOURCE, "title": f"Uploaded file / archivo subido: {graph.file}",
                "note": f"Imported from a {graph.fmt} file; the notes say what was assumed."}]
    if any(row["evidence"] == UPLOAD_SOURCE for row in [*actors.rows, *ties]):
        state.assume("upload.assumed.source", source=UPLOAD_SOURCE, file=graph.file)
    given_sources = _given_rows(graph, "sources")
    cited = _cited_sources([*actors.rows, *ties, *networks], graph.file)
    described = [given_sources[row["id"]] for row in cited if row["id"] in given_sources]
    cited = [row for row in cited if row["id"] not in given_sources]
    sources += described
    if cited:
        cited_ids = [row["id"] for row in cited]
        state.assume("upload.assumed.cited_sources", count=len(cited_ids),
                     ids=", ".join(cited_ids[:10]) + (", …" if len(cited_ids) > 10 else ""))
    sources += cited
    edge_columns.update({"source": graph.columns["source"], "target": graph.columns["target"]})
    state.labels.update({
        "actors.csv": SourceLabel(graph.nodes_at, {i + 2: n.row for i, n in
                                                   enumerate(graph.nodes) if n.row is not None},
                                  actors.columns),
        "ties.csv": SourceLabel(graph.edges_at, {i + 2: e.row for i, e in enumerate(graph.edges)
                                                 if e.row is not None}, edge_columns),
        "networks.csv": SourceLabel(graph.edges_at, {}, {}),
        "sources.csv": SourceLabel(graph.file, {}, {}),
    })
    return {
        "sources": table_frame(sources, "sources"),
        "networks": table_frame(networks, "networks"),
        "actors": table_frame(actors.rows, "actors"),
        "ties": table_frame(ties, "ties"),
        "discourses": table_frame([], "discourses"),
        "actor_discourses": table_frame([], "actor_discourses"),
    }


def _warn_ignored(graph: Graph, node_used: set[str], edge_used: set[str],
                  state: ReadState) -> None:
    """A warning naming the attributes no column took (drawing attributes aside): one for
    the file, or one for each table when nodes and edges are in two."""
    of_nodes = {graph.names.get(k, k) for n in graph.nodes for k in n.attrs if k not in node_used}
    of_edges = {graph.names.get(k, k) for e in graph.edges for k in e.attrs if k not in edge_used}
    places = ([(graph.file, of_nodes | of_edges)] if graph.nodes_at == graph.edges_at
              else [(graph.nodes_at, of_nodes), (graph.edges_at, of_edges)])
    for where, names in places:
        ignored = [n for n in sorted(names, key=str.lower) if normalise(n) not in DRAWING]
        if ignored:
            shown = ", ".join(n[:40] for n in ignored[:20]) + (", …" if len(ignored) > 20 else "")
            state.report.warning(where, "upload.ignored_attributes", names=shown)


def _given_rows(graph: Graph, table: str) -> dict[str, dict[str, str]]:
    """The rows of ``table`` a Redes GraphML export carries in the graph's own attribute of
    that name (JSON), by id, with the schema's columns only; {} when there are none or the
    text is not such a list."""
    try:
        rows = json.loads(graph.meta.get(table, "") or "[]")
    except (ValueError, RecursionError):
        return {}
    columns = tables()[table].columns
    if not isinstance(rows, list):
        return {}
    return {str(row["id"]): {c: str(row[c]) for c in columns if c in row}
            for row in rows if isinstance(row, dict) and row.get("id")}


def _networks(ties: list[dict[str, str]], title: str, state: ReadState,
              given: dict[str, dict[str, str]]) -> list[dict[str, str]]:
    """One network per value of the ties' network attribute, or one for the whole file;
    the file's own rows for the networks it describes (``given``)."""
    domain = DEFAULTS["domains"]
    values = list(dict.fromkeys(row["network"] or title for row in ties))
    slugs = dict(zip(values, unique_ids(values, "network"), strict=True))
    for row in ties:
        row["network"] = slugs[row["network"] or title]
    if all(slug in given for slug in slugs.values()):
        return [given[slug] for slug in slugs.values()]
    if values == [title]:
        state.assume("upload.assumed.network", name=title, domain=domain)
    else:
        state.assume("upload.assumed.networks", count=len(values), domain=domain)
    return [{"id": slug, "name": value, "name_es": value, "domain": domain,
             "evidence": UPLOAD_SOURCE} for value, slug in slugs.items()]


def _cited_sources(rows: list[dict[str, str]], file: str) -> list[dict[str, str]]:
    """A source row for every other id the rows' evidence cites (a Redes export carries
    its evidence but not its sources table): named as cited, never described."""
    cited = dict.fromkeys(part.strip() for row in rows
                          for part in str(row.get("evidence", "")).split(";")
                          if part.strip() and part.strip() != UPLOAD_SOURCE)
    return [{"id": source, "title": f"{source}, cited in / citado en {file}",
             "note": f"{file} cites {source} but does not describe it. / "
                     f"{file} cita {source} pero no lo describe."}
            for source in cited if SOURCE_ID.match(source)]
