"""GraphML and GEXF files (from Gephi, yEd, networkx, igraph) read onto a graph.

The XML is streamed through defusedxml's expat reader with DTDs, entity declarations and
external references forbidden, and nesting capped at :data:`MAX_XML_DEPTH`; the node and
edge counts are held to the row limit as they are read, so nothing is built past a limit.
The byte limit is checked before the file reaches here.

Why not networkx's ``GraphMLReader`` / ``GEXFReader`` (fed through defusedxml): measured
with networkx 3.6.1 on the upload tests and fixtures (tests/fixtures/hostile), they
* raise ``KeyError: None`` on ``gexf_unknown_attributes`` (Gephi's ``start="1978"`` with no
  ``timeformat``), a file that must load;
* drop XML line numbers, which every problem in a GraphML or GEXF upload points at
  (``graphml_unknown_node`` line 7, a tie's ``start`` line 18);
* turn a node with no id into the node "None" and silently create nodes an edge names
  (``graphml_no_node_ids``, ``graphml_unknown_node`` must each be an error), and merge
  nodes given twice;
* refuse files we read: ``<data>`` of an undeclared key, a ``<key>`` without
  ``attr.name``, an ``int`` attribute holding "about 1990" (validation reports it), an
  undirected edge in a directed graph, a GEXF without its namespace;
* change values: yEd labels keep their line breaks, undirected edges come back in node
  order rather than the file's, GEXF ``mutual`` edges are doubled, dynamic attributes
  become lists of tuples, key defaults are not applied to nodes.
So the two small readers below stay; only the parsing under them is defusedxml's.
"""

from __future__ import annotations

import io
from collections.abc import Callable
from pathlib import Path
from typing import Protocol
from xml.sax import SAXParseException
from xml.sax.handler import ContentHandler
from xml.sax.xmlreader import AttributesNSImpl, InputSource, Locator

import pandas as pd
from defusedxml import DefusedXmlException
from defusedxml.expatreader import create_parser

from network.formats.graph_tables import graph_tables
from network.formats.upload_state import ReadState
from network.formats.uploaded_graph import Edge, Graph, Node, add_counted, normalise

#: Deepest nesting of elements accepted (yEd's deepest is about 10).
MAX_XML_DEPTH = 64

Start = Callable[[str, dict[str, str], int], None]  # (local tag, attributes, line)
End = Callable[[str, str], None]  # (local tag, text gathered inside it)


class _TooDeep(Exception):
    """An element nested deeper than :data:`MAX_XML_DEPTH`."""


class _Handler(ContentHandler):
    """Calls ``start`` and ``end`` with local names (no namespaces). Text is gathered only
    inside the elements named in ``collect`` (nested text included: yEd puts labels deep
    inside)."""

    def __init__(self, start: Start, end: End, collect: tuple[str, ...]) -> None:
        super().__init__()
        self.start, self.end, self.collect = start, end, collect
        self.stack: list[list[str] | None] = []  # per open element: its text, if gathered
        self.locator: Locator | None = None

    def line(self) -> int:
        return (self.locator.getLineNumber() if self.locator else None) or 1

    def setDocumentLocator(self, locator: Locator) -> None:  # noqa: N802 (SAX's name)
        self.locator = locator

    def startElementNS(self, name: tuple[str | None, str], qname: str | None,  # noqa: N802
                       attrs: AttributesNSImpl) -> None:
        if len(self.stack) >= MAX_XML_DEPTH:
            raise _TooDeep
        tag = name[1]
        gathering = tag in self.collect or (bool(self.stack) and self.stack[-1] is not None)
        self.stack.append([] if gathering else None)
        self.start(tag, {key[1]: value for key, value in attrs.items()}, self.line())

    def endElementNS(self, name: tuple[str | None, str], qname: str | None) -> None:  # noqa: N802
        parts = self.stack.pop()
        text = "".join(parts) if parts else ""
        if text and self.stack and self.stack[-1] is not None:
            self.stack[-1].append(" " + text)
        self.end(name[1], text)

    def characters(self, content: str) -> None:
        if self.stack and self.stack[-1] is not None:
            self.stack[-1].append(content)


def _parse(data: bytes, name: str, state: ReadState, start: Start, end: End,
           collect: tuple[str, ...]) -> None:
    """Stream ``data`` through the handler; a DTD, an entity or bad XML stops with its
    message."""
    handler = _Handler(start, end, collect)
    parser = create_parser(namespaceHandling=1, forbid_dtd=True, forbid_entities=True,
                           forbid_external=True)
    parser.setContentHandler(handler)
    source = InputSource(name)
    source.setByteStream(io.BytesIO(data))
    try:
        parser.parse(source)
    except _TooDeep:
        state.stop(name, "upload.xml_invalid", line=handler.line(), detail="nested too deeply")
    except DefusedXmlException:
        state.stop(name, "upload.xml_entities")
    except SAXParseException as exc:
        state.stop(name, "upload.xml_invalid", line=exc.getLineNumber(),
                   detail=exc.getMessage())


class _Reader(Protocol):
    def start(self, tag: str, attrs: dict[str, str], line: int) -> None: ...

    def end(self, tag: str, text: str) -> None: ...

    def finish(self) -> Graph: ...


def read_graph_file(name: str, data: bytes, state: ReadState) -> dict[str, pd.DataFrame]:
    """A GraphML or GEXF file, told apart by its root element, mapped onto the tables."""
    state.title = Path(name).stem
    readers: dict[str, _Reader] = {"graphml": _GraphML(name, state), "gexf": _Gexf(name, state)}
    chosen: list[_Reader] = []

    def start(tag: str, attrs: dict[str, str], line: int) -> None:
        if not chosen:
            reader = readers.get(tag.lower())
            if reader is None:
                state.stop(name, "upload.unknown_format")
            chosen.append(reader)
            state.kind = tag.lower()
        chosen[0].start(tag, attrs, line)

    def end(tag: str, text: str) -> None:
        chosen[0].end(tag, text)

    _parse(data, name, state, start, end, collect=("data", "default"))
    if not chosen:
        state.stop(name, "upload.unknown_format")
    return graph_tables(chosen[0].finish(), state)


def _flat(text: str) -> str:
    """Text with its runs of white space (line breaks included) as one space."""
    return " ".join(text.split())


class _GraphML:
    """GraphML (Gephi, yEd, networkx, igraph): keys name the attributes of ``<data>``."""

    def __init__(self, name: str, state: ReadState) -> None:
        self.graph = Graph("graphml", name, name, name)
        self.state = state
        self.keys: dict[str, tuple[str, str]] = {}  # key id → (for, attribute name)
        self.defaults: dict[str, str] = {}
        self.stack: list[tuple[str, str | Node | Edge]] = []  # open key, node, edge, data...
        self.edge_default = "directed"
        self.graphs = 0

    def start(self, tag: str, attrs: dict[str, str], line: int) -> None:
        if tag == "key":
            attr = attrs.get("attr.name") or attrs.get("id") or ""
            if attrs.get("yfiles.type"):  # yEd's drawing; its node label is the name
                attr = "label" if attrs["yfiles.type"] == "nodegraphics" else "viz"
            self.keys[attrs.get("id", "")] = (attrs.get("for", "all"), attr)
            self.graph.declared.add(normalise(attr))
            self.stack.append(("key", attrs.get("id", "")))
        elif tag == "graph":
            self.graphs += 1
            if self.graphs == 1:
                self.edge_default = attrs.get("edgedefault", "directed")
        elif tag == "node":
            self.stack.append(("node", Node(attrs.get("id"), {}, line)))
        elif tag == "edge":
            directed = attrs.get("directed", "").lower()
            is_directed = directed == "true" if directed else self.edge_default != "undirected"
            self.stack.append(("edge", Edge(attrs.get("id"), attrs.get("source"),
                                            attrs.get("target"), {}, line, is_directed)))
        elif tag in ("data", "default"):
            self.stack.append((tag, attrs.get("key", "")))

    def end(self, tag: str, text: str) -> None:
        if tag not in ("key", "node", "edge", "data", "default") or not self.stack:
            return
        kind, item = self.stack.pop()
        graph = self.graph
        if isinstance(item, Node):
            add_counted(graph.nodes, item, graph.file, self.state)
        elif isinstance(item, Edge):
            add_counted(graph.edges, item, graph.file, self.state)
        elif kind == "default" and self.stack and self.stack[-1][0] == "key":
            self.defaults[str(self.stack[-1][1])] = _flat(text)
        elif kind == "data":
            self._data(item, text)

    def _data(self, key: str, text: str) -> None:
        """A ``<data>`` value: the first one of each attribute of a node or an edge counts;
        the first graph's own are kept in :attr:`Graph.meta`."""
        owner = next((x for _, x in reversed(self.stack) if isinstance(x, Node | Edge)), None)
        attr = self.keys.get(key, ("all", key))[1]
        if owner is None:  # the graph's own: kept aside (a Redes export's networks, sources)
            if self.graphs == 1:
                self.graph.meta.setdefault(normalise(attr), text.strip())
            return
        norm = normalise(attr)
        self.graph.names.setdefault(norm, attr)
        value = _flat(text)
        if value and norm not in owner.attrs:
            owner.attrs[norm] = value

    def finish(self) -> Graph:
        """The graph, with each key's default given to the nodes or edges without a value."""
        graph = self.graph
        for key, (domain, attr) in self.keys.items():
            value = self.defaults.get(key)
            if not value:
                continue
            norm = normalise(attr)
            graph.names.setdefault(norm, attr)
            items: list[Node | Edge] = [*(graph.nodes if domain in ("node", "all") else []),
                                        *(graph.edges if domain in ("edge", "all") else [])]
            for item in items:
                item.attrs.setdefault(norm, value)
        return graph


class _Gexf:
    """GEXF 1.1 to 1.3 (Gephi): attributes are declared per class and given as
    ``<attvalue>``; times (``start``, ``end``, spells) are read as the first years given."""

    _TIMES = ("start", "end", "startdate", "enddate")

    def __init__(self, name: str, state: ReadState) -> None:
        self.graph = Graph("gexf", name, name, name)
        self.state = state
        self.titles: dict[tuple[str, str], str] = {}  # (class, attribute id) → title
        self.defaults: dict[tuple[str, str], str] = {}
        self.cls = "node"
        self.attribute: tuple[str, str] | None = None
        self.edge_default = "directed"
        self.stack: list[Node | Edge] = []

    def _times(self, attrs: dict[str, str], into: dict[str, str]) -> None:
        for attr in self._TIMES:
            if attrs.get(attr):
                into.setdefault(attr.replace("date", ""), attrs[attr])

    def start(self, tag: str, attrs: dict[str, str], line: int) -> None:
        if tag == "graph":
            self.edge_default = attrs.get("defaultedgetype", "directed")
        elif tag == "attributes":
            self.cls = attrs.get("class", "node")
        elif tag == "attribute":
            self.attribute = (self.cls, attrs.get("id", ""))
            self.titles[self.attribute] = attrs.get("title") or attrs.get("id", "")
            self.graph.declared.add(normalise(self.titles[self.attribute]))
        elif tag == "node":
            found = {"label": attrs["label"]} if attrs.get("label") else {}
            self._times(attrs, found)
            self.stack.append(Node(attrs.get("id"), found, line))
        elif tag == "edge":
            found = {k: attrs[k] for k in ("label", "weight", "kind") if attrs.get(k)}
            self._times(attrs, found)
            kind = (attrs.get("type") or self.edge_default).lower()
            self.stack.append(Edge(attrs.get("id"), attrs.get("source"), attrs.get("target"),
                                   found, line, kind not in ("undirected", "mutual")))
        elif tag == "attvalue" and self.stack:
            self._attvalue(self.stack[-1], attrs)
        elif tag == "spell" and self.stack:
            self._times(attrs, self.stack[-1].attrs)

    def _attvalue(self, owner: Node | Edge, attrs: dict[str, str]) -> None:
        """An ``<attvalue>``: the first one of each attribute counts."""
        key = attrs.get("for") or attrs.get("id") or ""
        title = self.titles.get(("node" if isinstance(owner, Node) else "edge", key), key)
        norm = normalise(title)
        self.graph.names.setdefault(norm, title)
        value = _flat(attrs.get("value") or "")
        if value and norm not in owner.attrs:
            owner.attrs[norm] = value

    def end(self, tag: str, text: str) -> None:
        if tag == "default" and self.attribute is not None:
            self.defaults[self.attribute] = _flat(text)
        elif tag == "attribute":
            self.attribute = None
        elif tag in ("node", "edge") and self.stack:
            self._close(tag, self.stack[-1])

    def _close(self, tag: str, item: Node | Edge) -> None:
        """The end of the open node or edge: counted into the graph."""
        graph = self.graph
        if tag == "node" and isinstance(item, Node):
            self.stack.pop()
            add_counted(graph.nodes, item, graph.file, self.state)
        elif tag == "edge" and isinstance(item, Edge):
            self.stack.pop()
            add_counted(graph.edges, item, graph.file, self.state)

    def finish(self) -> Graph:
        """The graph, with each attribute's default given to the items without a value."""
        graph = self.graph
        for (cls, key), value in self.defaults.items():
            if not value:
                continue
            title = self.titles.get((cls, key), key)
            norm = normalise(title)
            graph.names.setdefault(norm, title)
            items: list[Node | Edge] = [*(graph.nodes if cls == "node" else graph.edges)]
            for item in items:
                item.attrs.setdefault(norm, value)
        return graph
