"""The network in view for Gephi (and yEd, Cytoscape, networkx): GraphML and dynamic GEXF.

One node per actor in view (id = actor id) with every column of ``actors.csv`` except the
id, plus ``label`` (the name in the chosen language) and the position of the explorer's
picture; one edge per tie in view (id = tie id, so two ties between the same pair stay two
edges) with every column of ``ties.csv`` except id, source and target, plus ``label`` (the
relation in words). Empty cells are left out rather than written as empty or NaN values, so
every attribute keeps one type. Every column of the schema is declared, in its order, even
when no element in view has a value, so every export has the same columns.

Values are written exactly as the data has them, not neutralised for spreadsheets
(:mod:`network.model.formulas`): these are files for graph tools, which show text as text
(an apostrophe would show in every label in Gephi, and the file would no longer upload back
as the same data); markup in a value is escaped by the XML writer. Redes's tables for
spreadsheets are the CSV and XLSX exports, which are neutralised.
"""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET

import networkx as nx
import pandas as pd
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from network.formats.cells import plain_value
from network.formats.naming import filters_of
from network.formats.zip_writer import Today, export_date
from network.model.dataset import Dataset
from network.model.schema import tables as schema_tables
from network.text.catalogue import has, t
from network.view.state import Filters
from network.view.visible import visible

#: Characters XML 1.0 cannot hold at all (a reader rejects the whole file).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")

#: Attribute types in GraphML and GEXF for the schema's column types.
_XML_TYPES = {"string": "string", "integer": "long", "number": "double", "boolean": "boolean"}


def _xml_value(value: object) -> object | None:
    value = plain_value(value)
    if isinstance(value, str):
        return _NOT_XML.sub("", value) or None
    return value


def _records(frame: pd.DataFrame, columns: list[str]) -> list[dict[str, object]]:
    """Rows as dicts of plain values fit for XML, empty cells left out."""
    out = []
    for values in zip(*(frame[c].tolist() for c in columns), strict=True):
        out.append({c: v for c, v in zip(columns, map(_xml_value, values), strict=True)
                    if v is not None})
    return out


def _columns(frame: pd.DataFrame, table: str, skip: tuple[str, ...]) -> list[str]:
    return [c for c in schema_tables()[table].columns if c in frame.columns and c not in skip]


def export_graph(ds: Dataset, filters: Filters, lang: str = "en",
                 layout: str = "force") -> nx.MultiDiGraph:
    """The network in view as a directed multigraph with every attribute of the data.

    Nodes are actor ids, edge keys are tie ids. Node data: ``label`` (the name in ``lang``),
    every actor column but ``id`` that is not empty, and ``x``, ``y`` (the explorer's
    ``layout`` position, y pointing up as in Gephi). Edge data: ``label`` (the relation in
    words), every tie column but ``id``, ``source``, ``target`` that is not empty.
    """
    view = visible(ds, filters_of(filters))
    positions = ds.positions.get(layout) or ds.positions.get("force") or {}
    graph = nx.MultiDiGraph(name=ds.title)
    actor_columns = _columns(view.actors, "actors", ("id",))
    for actor_id, data in zip(view.actors.index, _records(view.actors, actor_columns),
                              strict=True):
        name = data.get("name_es") if lang == "es" and data.get("name_es") else data.get("name")
        attrs: dict[str, object] = {"label": str(name or actor_id)}  # as Dataset.actor_name
        attrs.update(data)
        if actor_id in positions:
            x, y = positions[actor_id]
            attrs["x"], attrs["y"] = float(x), -float(y)
        graph.add_node(actor_id, **attrs)
    tie_columns = _columns(view.ties, "ties", ("id", "source", "target"))
    ends = zip(view.ties.index, view.ties["source"], view.ties["target"], strict=True)
    for (tie_id, source, target), data in zip(ends, _records(view.ties, tie_columns),
                                              strict=True):
        relation = str(data.get("relation", ""))
        label = t(f"relation.{relation}", lang) if has(f"relation.{relation}") else relation
        graph.add_edge(source, target, key=tie_id, label=label, **data)
    return graph


def _declared(scope: str, fmt: str) -> list[tuple[str, str]]:
    """Every attribute a node or edge may carry, in column order, with its XML type.

    GEXF keeps ``label``, ``weight`` and the position in fields of its own.
    """
    table, skip = ("actors", ("id",)) if scope == "node" else ("ties", ("id", "source", "target"))
    columns = [(f.name, _XML_TYPES.get(f.type, "string"))
               for f in schema_tables()[table].fields if f.name not in skip]
    if fmt == "gexf":
        return [(name, kind) for name, kind in columns if name != "weight"]
    extra = [("x", "double"), ("y", "double")] if scope == "node" else []
    return [("label", "string"), *columns, *extra]


def _xml_bytes(root: ET.Element) -> bytes:
    """The document as UTF-8 with its declaration, as ``ElementTree.write`` gives it but
    several times faster (one string, not a write per piece)."""
    text = ET.tostring(root, encoding="unicode")
    return b"<?xml version='1.0' encoding='utf-8'?>\n" + text.encode("utf-8")


# --- GraphML ------------------------------------------------------------------------------

def _cited_tables(ds: Dataset, graph: nx.MultiDiGraph) -> dict[str, str]:
    """The networks of the graph's ties and the sources its rows cite, as JSON lists of
    rows (empty cells left out)."""
    used = {str(d["network"]) for _, _, d in graph.edges(data=True) if d.get("network")}
    networks = ds.networks[ds.networks["id"].isin(used)]
    cited = {part for _, d in [*graph.nodes(data=True),
                               *((None, d) for _, _, d in graph.edges(data=True))]
             for part in str(d.get("evidence", "")).split(";") if part}
    cited |= {part for cell in networks["evidence"] for part in str(cell).split(";") if part}
    sources = ds.sources[ds.sources["id"].isin(cited)]

    def rows(frame: pd.DataFrame) -> str:
        return json.dumps([{k: str(v) for k, v in row.items() if pd.notna(v) and str(v)}
                           for row in frame.to_dict("records")], ensure_ascii=False)

    return {"networks": rows(networks), "sources": rows(sources)}


def graphml_bytes(ds: Dataset, filters: Filters, lang: str = "en", layout: str = "force") -> bytes:
    """The network in view as GraphML (UTF-8), for Gephi, yEd, Cytoscape or networkx.

    See :func:`export_graph` for the attributes. Each attribute has one type (text, long
    integer, double or boolean); empty cells are left out. The graph itself carries, as JSON
    text, the rows of the networks its ties belong to and of the sources it cites
    (``networks``, ``sources``), so that an upload of the file gets them back.
    """
    graph = export_graph(ds, filters, lang, layout)
    graph.graph.update(_cited_tables(ds, graph))
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(graph)
    _graphml_keys_for_gephi(writer.xml)
    writer.indent(writer.xml)
    return _xml_bytes(writer.xml)


def _graphml_keys_for_gephi(root: ET.Element) -> None:
    """Give GraphML keys readable ids (``node_label``, ``edge_weight``), declare every
    column in the schema's order, and write booleans as ``true``/``false``.

    networkx numbers keys ``d0, d1...``; Gephi reads a node key with id ``d3`` and an edge
    key with id ``d7`` as the label (a yEd habit), whatever their name, so a column would
    silently become the label. Prefixed ids match none of Gephi's special names, which it
    still recognises by ``attr.name`` (label, weight, x, y).
    """
    keys = [el for el in root if el.tag == "key"]
    ordered = _ordered_keys(root, keys)
    rename, booleans, used = {}, set(), set()
    for el in ordered:
        new_id = f"{el.get('for')}_{el.get('attr.name')}"
        if new_id in used:
            new_id = f"{new_id}_{el.get('attr.type')}"
        used.add(new_id)
        old_id = el.get("id")
        if old_id:
            rename[old_id] = new_id
        el.set("id", new_id)
        if el.get("attr.type") == "boolean":
            booleans.add(new_id)
    for el in keys:
        root.remove(el)
    for position, el in enumerate(ordered):
        root.insert(position, el)
    for data in root.iter("data"):
        key = data.get("key", "")
        key = rename.get(key, key)
        data.set("key", key)
        if key in booleans and data.text:
            data.text = data.text.lower()


def _ordered_keys(root: ET.Element, keys: list[ET.Element]) -> list[ET.Element]:
    """The graph's keys, then every declared node and edge column in the schema's order
    (a new key, still without an id, for a column no element in view has), then the rest."""
    by_name = {(el.get("for"), el.get("attr.name")): el for el in reversed(keys)}
    ordered = [el for el in reversed(keys) if el.get("for") == "graph"]
    for scope in ("node", "edge"):
        for name, kind in _declared(scope, "graphml"):
            el = by_name.pop((scope, name), None)
            if el is None:
                el = root.makeelement("key", {"id": "", "for": scope, "attr.name": name,
                                              "attr.type": kind})
            ordered.append(el)
    ordered += [el for el in reversed(keys) if el not in ordered]  # anything else, last
    return ordered


# --- GEXF ---------------------------------------------------------------------------------

def gexf_bytes(ds: Dataset, filters: Filters, lang: str = "en", layout: str = "force",
               today: Today = None) -> bytes:
    """The network in view as dynamic GEXF 1.2 (UTF-8) for Gephi's timeline.

    A node exists from ``founded`` to ``active_until``, an edge from ``from_year`` to
    ``to_year`` (both ends included; no end while it lasts): the node's and edge's
    ``start`` and ``end``, with ``timeformat="double"`` so that Gephi reads years as numbers.
    The explorer's position is the node's ``viz:position``. Every column is an attribute as
    well (see :func:`export_graph`); edge ids are tie ids, and ``weight`` and ``label`` are
    GEXF's own edge fields.
    """
    graph = _dynamic(export_graph(ds, filters, lang, layout))
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(graph)
    root = writer.xml
    meta = root.find("meta")
    if meta is not None:
        meta.set("lastmodifieddate", export_date(today))
        description = meta.find("description")
        if description is None:
            description = meta.makeelement("description", {})
            meta.append(description)
        description.text = ds.title
    graph_element = root.find("graph")
    graph_element.set("mode", "dynamic")
    graph_element.set("timeformat", "double")
    _gexf_attributes_for_gephi(graph_element)
    writer.indent(root)
    return _xml_bytes(root)


def _dynamic(graph: nx.MultiDiGraph) -> nx.MultiDiGraph:
    """``graph`` with GEXF's own fields set, in place: the position as ``viz``, the years
    as ``start`` and ``end``, the tie id as the edge id."""
    for _, data in graph.nodes(data=True):
        if "x" in data:
            data["viz"] = {"position": {"x": data.pop("x"), "y": data.pop("y"), "z": 0.0}}
        if "founded" in data:
            data["start"] = data["founded"]
        if "active_until" in data:
            data["end"] = data["active_until"]
    for _, _, key, data in graph.edges(keys=True, data=True):
        data["id"] = key
        if "from_year" in data:
            data["start"] = data["from_year"]
        if "to_year" in data:
            data["end"] = data["to_year"]
    graph.graph["mode"] = "dynamic"
    return graph


def _gexf_attributes_for_gephi(graph_element: ET.Element) -> None:
    """Declare every column in the schema's order, and drop the ``networkx_key`` edge
    attribute networkx adds to multigraphs (the edge id already is the tie id, and Gephi
    would show the copy as a column)."""
    existing = graph_element.findall("attributes")
    ids = [int(a.get("id", "")) for block in existing for a in block
           if a.get("id", "").isdigit()]
    next_id = max(ids, default=-1) + 1
    dropped: set[str] = set()
    blocks = []
    for scope in ("node", "edge"):
        block = next((b for b in existing if b.get("class") == scope
                      and b.get("mode", "static") == "static"), None)
        if block is None:
            block = graph_element.makeelement("attributes", {"class": scope, "mode": "static"})
        else:
            graph_element.remove(block)
        dropped.update(a.get("id", "") for a in block if a.get("title") == "networkx_key")
        next_id = _order_attributes(block, scope, next_id)
        blocks.append(block)
    for position, block in enumerate(blocks):
        graph_element.insert(position, block)
    if dropped:
        _drop_values(graph_element, dropped)


def _order_attributes(block: ET.Element, scope: str, next_id: int) -> int:
    """Put ``block``'s attributes in the schema's order, adding the missing ones from
    ``next_id`` on and leaving out ``networkx_key``; the next free id."""
    by_title = {a.get("title"): a for a in block}
    ordered = []
    for title, kind in _declared(scope, "gexf"):
        attribute = by_title.pop(title, None)
        if attribute is None:
            attribute = block.makeelement("attribute", {"id": str(next_id), "title": title,
                                                        "type": kind})
            next_id += 1
        ordered.append(attribute)
    ordered += [a for a in by_title.values() if a.get("title") != "networkx_key"]
    for attribute in list(block):
        block.remove(attribute)
    block.extend(ordered)
    return next_id


def _drop_values(graph_element: ET.Element, dropped: set[str]) -> None:
    """Remove the edges' values of the ``dropped`` attribute ids (and emptied value lists)."""
    for edge in graph_element.iter("edge"):
        values = edge.find("attvalues")
        if values is None:
            continue
        for value in list(values):
            if value.get("for") in dropped:
                values.remove(value)
        if len(values) == 0:
            edge.remove(values)
