"""CSV files that hold a graph rather than the template's tables: a table of edges (a
``Source`` and a ``Target`` column, as Gephi's *export spreadsheet* writes them, or ``From``
and ``To``), alone or with a table of nodes (an ``Id`` or a ``Label`` column).

The tables are told apart by their columns (case and accents aside), whatever the files are
called. They become a :class:`~network.formats.uploaded_graph.Graph`, mapped onto the schema
like a GraphML file (:mod:`network.formats.graph_tables`, with the same defaults, each
listed). With no table of nodes, the actors are the ends of the edges. Comma or semicolon
separated, decimal commas and Latin-1 (Spanish Excel) are read as the template's CSVs are.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import pandas as pd

from network.formats.upload_state import ReadState, check_columns
from network.formats.uploaded_graph import Edge, Graph, Node, add_counted, normalise
from network.model.loader import decode, read_csv_text

#: Pairs of column names (normalised) that name an edge's two ends, in order of preference.
EDGE_ENDS = (("source", "target"), ("from", "to"), ("origen", "destino"),
             ("fuente", "destino"), ("desde_actor", "hacia_actor"))
#: Columns that make a table one of nodes (its key is the first one present).
NODE_KEYS = ("id", "label", "name", "nombre")
#: Values of Gephi's edge ``Type`` column: the direction, not a relation.
DIRECTIONS = {"directed": True, "undirected": False, "mutual": False,
              "dirigido": True, "no_dirigido": False}


@dataclass
class _Table:
    name: str
    frame: pd.DataFrame
    columns: dict[str, str]  # normalised → the file's header


def _table(name: str, data: bytes, state: ReadState) -> _Table:
    frame = read_csv_text(decode(data)[0])
    check_columns(frame.shape[1], name, state)
    return _Table(name, frame, {normalise(c): c for c in frame.columns if str(c).strip()})


def _ends(table: _Table) -> tuple[str, str] | None:
    return next((pair for pair in EDGE_ENDS if all(c in table.columns for c in pair)), None)


def graph_of_csvs(files: list[tuple[str, bytes]], state: ReadState) -> Graph | None:
    """The graph in ``files`` (``(name, bytes)``, CSV text), or None when none of them is a
    table of edges; the others are each a table of nodes or ignored with a warning that
    says why. Two tables of edges, or two of nodes, stop with a message."""
    read = [_table(name, data, state) for name, data in files]
    edges = [t for t in read if _ends(t)]
    if not edges:
        _half_an_edge_list(read, state)
        return None
    nodes = [t for t in read if not _ends(t) and any(k in t.columns for k in NODE_KEYS)]
    for many, key in ((edges, "upload.two_edge_tables"), (nodes, "upload.two_node_tables")):
        if len(many) > 1:
            state.stop(many[1].name, key, first=many[0].name, second=many[1].name)
    for table in read:
        if table not in edges and table not in nodes:
            state.report.warning(table.name, "upload.unused_csv")
    edge_table = edges[0]
    node_table = nodes[0] if nodes else None
    graph = Graph("csv", edge_table.name, node_table.name if node_table else edge_table.name,
                  edge_table.name)
    state.kind = "csv"
    if node_table is not None:
        _add_nodes(graph, node_table, state)
    else:
        graph.nodes_from_edges = True
    _add_edges(graph, edge_table, state)
    return graph


def _half_an_edge_list(read: list[_Table], state: ReadState) -> None:
    """Stop with the real reason when a file has one end of an edge list's pair of columns
    but not the other ("source" and no "target"): the file's name is not the problem
    (journeys-5: a missing Target column was reported as a file named wrongly)."""
    for table in read:
        for first, second in EDGE_ENDS:
            has = [c for c in (first, second) if c in table.columns]
            if len(has) == 1:
                missing = second if has[0] == first else first
                state.stop(table.name, "upload.edge_end_missing", found=table.columns[has[0]],
                           missing=missing.capitalize())


def title_of(graph: Graph) -> str:
    """A data set's title from its table of edges' file name ("karate_edges.csv")."""
    return Path(graph.edges_at).stem


def _cells(graph: Graph, table: _Table, values: pd.Series, skip: tuple[str, ...]
           ) -> dict[str, str]:
    """A row's non-empty cells by normalised column, but those in ``skip``."""
    attrs = {}
    for norm, original in table.columns.items():
        graph.names.setdefault(norm, original)
        value = str(values[original]).strip()
        if value and norm not in skip:
            attrs[norm] = value
    return attrs


def _add_nodes(graph: Graph, table: _Table, state: ReadState) -> None:
    key_column = next(k for k in NODE_KEYS if k in table.columns)
    graph.declared.update(table.columns)
    for row, values in table.frame.iterrows():
        attrs = _cells(graph, table, values, ("id",))
        key = str(values[table.columns[key_column]]).strip() or None
        add_counted(graph.nodes, Node(key, attrs, int(str(row)), table.columns[key_column]),
                    table.name, state)


def _add_edges(graph: Graph, table: _Table, state: ReadState) -> None:
    source, target = _ends(table) or ("source", "target")
    graph.columns = {"source": table.columns[source], "target": table.columns[target]}
    graph.declared.update(table.columns)
    types = {normalise(str(v)) for v in table.frame.get(table.columns.get("type", ""), [])
             if str(v).strip()}
    direction = "type" if types and types <= set(DIRECTIONS) else None
    for row, values in table.frame.iterrows():
        attrs = _cells(graph, table, values, (source, target, "id"))
        directed = DIRECTIONS.get(normalise(attrs.pop(direction, "directed")), True) \
            if direction else True
        key = str(values[table.columns["id"]]).strip() if "id" in table.columns else ""
        add_counted(graph.edges, Edge(
            key or None, str(values[table.columns[source]]).strip() or None,
            str(values[table.columns[target]]).strip() or None, attrs, int(str(row)),
            directed), table.name, state)
