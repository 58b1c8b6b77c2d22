"""A graph as read from a Kumu workbook, a GraphML or a GEXF file, before it is mapped onto
the schema (:mod:`network.formats.graph_tables`), and the checks it must pass first.

Nodes and edges keep the row (or XML line) they came from, so that every problem points at
the upload; attributes are keyed by their :func:`normalise`\\ d name, and
:attr:`Graph.names` remembers how the file spelled each one.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import TypeVar

from network.formats.upload_state import ReadState, Stop, check_rows
from network.text.folding import fold

_Item = TypeVar("_Item")


@dataclass
class Node:
    key: str | None
    attrs: dict[str, str]  # normalised attribute name → value
    row: int | None
    label_of_key: str = "id"  # the upload's column the key came from


@dataclass
class Edge:
    key: str | None
    source: str | None
    target: str | None
    attrs: dict[str, str]
    row: int | None
    directed: bool = True


@dataclass
class Graph:
    fmt: str  # "kumu", "csv" (tables of nodes and edges), "graphml" or "gexf"
    file: str
    nodes_at: str  # where nodes are, for messages: a file or "book.xlsx › Elements"
    edges_at: str
    nodes: list[Node] = field(default_factory=list)
    edges: list[Edge] = field(default_factory=list)
    names: dict[str, str] = field(default_factory=dict)  # normalised → original name
    columns: dict[str, str] = field(
        default_factory=lambda: {"source": "source", "target": "target"})
    nodes_from_edges: bool = False
    #: normalised names of the attributes the file declares (GraphML keys, GEXF attributes,
    #: a table's columns), whether or not an item has a value
    declared: set[str] = field(default_factory=set)
    #: the graph's own attributes (GraphML ``<data>`` of the graph), by normalised name
    meta: dict[str, str] = field(default_factory=dict)


def normalise(name: str) -> str:
    """A name or value as it is matched: folded to lower-case ASCII, runs of anything else
    as one ``_``.

    >>> normalise("Tipo de Organización"), normalise("  Government agency ")
    ('tipo_de_organizacion', 'government_agency')
    """
    return re.sub(r"[^a-z0-9]+", "_", fold(str(name))).strip("_")


def add_counted(items: list[_Item], item: _Item, name: str, state: ReadState) -> None:
    """Append a node or an edge, stopping once there are more than the rows allowed."""
    items.append(item)
    check_rows(len(items), name, state)


def check_graph(graph: Graph, state: ReadState) -> None:
    """Every node has an id of its own and every edge names two of them, or stop."""
    if not graph.nodes and not graph.edges:
        state.stop(graph.nodes_at, "upload.graph_empty")
    if graph.nodes_from_edges:
        ends = dict.fromkeys(e for edge in graph.edges for e in (edge.source, edge.target) if e)
        graph.nodes = [Node(k, {"label": k}, None) for k in ends]
        if graph.fmt == "kumu":
            state.assume("upload.assumed.nodes_from_edges", count=len(graph.nodes))
        else:
            state.assume("upload.assumed.nodes_from_edge_list", count=len(graph.nodes),
                         file=graph.edges_at, source=graph.columns["source"],
                         target=graph.columns["target"])
    _check_node_ids(graph, state)
    if not graph.nodes:
        state.stop(graph.nodes_at, "upload.graph_empty")
    if not graph.edges:
        state.stop(graph.edges_at, "upload.graph_no_edges")
    _match_edge_ends(graph, state)


def _check_node_ids(graph: Graph, state: ReadState) -> None:
    report = state.report
    column = "id" if graph.fmt in ("graphml", "gexf") else None
    first_row: dict[str, int | None] = {}
    for node in graph.nodes:
        where = column or node.label_of_key
        if not node.key:
            key = ("upload.kumu_element_without_label" if graph.fmt == "kumu"
                   else "upload.graph_node_without_id")
            report.error(graph.nodes_at, key, node.row, where)
        elif node.key in first_row:
            report.error(graph.nodes_at, "upload.duplicate_node", node.row, where,
                         value=node.key, other=first_row[node.key])
        else:
            first_row[node.key] = node.row
    if not report.ok:
        raise Stop


def _match_edge_ends(graph: Graph, state: ReadState) -> None:
    """Each edge's ends as node ids: by id, else by label or id folded ("rae perú" → RAE)."""
    report = state.report
    known = {n.key: n.key for n in graph.nodes if n.key}
    by_label: dict[str, str] = {}
    for node in graph.nodes:
        assert node.key  # _check_node_ids stopped on any node without one
        if node.attrs.get("label"):
            by_label.setdefault(fold(node.attrs["label"]), node.key)
        by_label.setdefault(fold(node.key), node.key)
    for edge in graph.edges:
        for attr in ("source", "target"):
            end = getattr(edge, attr)
            found = (known.get(end) or by_label.get(fold(end))) if end else None
            if not end:
                report.error(graph.edges_at, "upload.edge_without_end", edge.row,
                             graph.columns[attr])
            elif found is None:
                report.error(graph.edges_at, "upload.unknown_node", edge.row,
                             graph.columns[attr], value=end)
            else:
                setattr(edge, attr, found)
    if not report.ok:
        raise Stop
