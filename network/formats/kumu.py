"""Kumu's sheets read onto a graph: an ``Elements`` sheet (Label, Type, Description...) and
a ``Connections`` sheet (From, To, Type, Direction, Strength...).

The sheets come already read as text (:func:`network.formats.workbook.read_sheet`); this
module knows only Kumu's columns. Elements are matched by their Label (or an ID column),
and connections name their ends by label.
"""

from __future__ import annotations

import pandas as pd

from network.formats.upload_state import ReadState
from network.formats.uploaded_graph import Edge, Graph, Node, normalise


def _columns(frame: pd.DataFrame) -> dict[str, str]:
    """Normalised column name → the sheet's, for every column with a header."""
    return {normalise(c): c for c in frame.columns if str(c).strip()}


def _attributes(values: pd.Series, columns: dict[str, str], skip: tuple[str, ...],
                graph: Graph) -> dict[str, str]:
    """A row's non-empty cells by normalised column, but those in ``skip``."""
    attrs = {}
    for norm, original in columns.items():
        graph.names.setdefault(norm, original)
        value = str(values[original]).strip()
        if value and norm not in skip:
            attrs[norm] = value
    return attrs


def add_elements(graph: Graph, elements: pd.DataFrame, where: str, state: ReadState) -> None:
    """One node per row of the Elements sheet (``where`` names it in messages)."""
    columns = _columns(elements)
    if "label" not in columns and "id" not in columns:
        state.stop(where, "v.missing_column", None, "Label", column="Label")
    key_column = "id" if "id" in columns else "label"
    for row, values in elements.iterrows():
        attrs = _attributes(values, columns, ("id",), graph)
        key = str(values[columns[key_column]]).strip() or attrs.get("label") or None
        graph.nodes.append(Node(key, attrs, int(str(row)), columns[key_column]))


def add_connections(graph: Graph, connections: pd.DataFrame, where: str,
                    state: ReadState) -> None:
    """One edge per row of the Connections sheet; "undirected" and "mutual" ones have no
    direction."""
    columns = _columns(connections)
    for end in ("from", "to"):
        if end not in columns:
            state.stop(where, "v.missing_column", None, end.title(), column=end.title())
    graph.columns = {"source": columns["from"], "target": columns["to"]}
    for row, values in connections.iterrows():
        attrs = _attributes(values, columns, ("from", "to", "id"), graph)
        direction = normalise(attrs.pop("direction", "directed"))
        key = str(values[columns["id"]]).strip() if "id" in columns else ""
        graph.edges.append(Edge(
            key or None, str(values[columns["from"]]).strip() or None,
            str(values[columns["to"]]).strip() or None, attrs, int(str(row)),
            direction not in ("undirected", "mutual")))
