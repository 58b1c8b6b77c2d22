"""Exports of a view: tables for spreadsheets, the network for Gephi, the data as a package,
a methods note and an evidence pack that bundles them all. Pure functions: bytes or text out.

Spreadsheet safety
    A cell that starts with ``=``, ``+``, ``-`` or ``@`` (or a tab or carriage return) is
    run as a formula by Excel, LibreOffice and Google Sheets ("CSV injection"); such text
    cells get a leading apostrophe, which the spreadsheet shows as plain text. Numbers stay
    numbers. This applies to the tables people open (:func:`csv_text`, :func:`tables_xlsx`,
    :func:`tables_csv_zip`), not to the data package (:func:`package_zip`), which must load
    back into Redes unchanged.

The network (:func:`graphml_bytes`, :func:`gexf_bytes`)
    One node per actor in view (id = actor id) with every column of ``actors.csv`` except
    the id, plus ``label`` (the name in the chosen language) and the position of the
    explorer's picture; one edge per tie in view (id = tie id, so two ties between the same
    pair stay two edges) with every column of ``ties.csv`` except id, source and target,
    plus ``label`` (the relation in words). Empty cells are left out rather than written as
    empty or NaN values, so every attribute keeps one type.

The evidence pack (:func:`evidence_pack`), in this order (``redes-2008`` is
:func:`file_stem`; words in Spanish when ``lang="es"``: LEEME, metodos, red, tablas, datos)::

    README.txt                      what each file is, and the link to the view
    methods.md                      the methods note (Markdown, also readable as plain text)
    redes-2008-network.png / .svg   the picture, when given
    redes-2008-tables.xlsx          one sheet per table
    redes-2008-tables/<name>.csv    one CSV per table
    redes-2008-network.graphml      the network for Gephi, yEd, Cytoscape...
    redes-2008-network.gexf         the same, with years for Gephi's timeline
    redes-2008-data/                the view as a data package (load it in Redes)
"""

from __future__ import annotations

import copy
import csv
import datetime as dt
import io
import json
import math
import re
import unicodedata
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from collections.abc import Mapping

import networkx as nx
import numpy as np
import pandas as pd
from networkx.readwrite.gexf import GEXFWriter
from networkx.readwrite.graphml import GraphMLWriter

from network.analysis.metrics import METRICS
from network.model.dataset import Dataset
from network.model.schema import CERTAINTIES, TABLE_ORDER, package_descriptor
from network.model.schema import tables as schema_tables
from network.model.validation import EVIDENCE_SPLIT
from network.text.catalogue import has, register, t
from network.view.state import Filters, ViewState
from network.view.visible import _years, visible

FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value: object) -> object:
    """Make one cell safe to open in a spreadsheet.

    >>> neutralise("=HYPERLINK(\\"http://x\\")"), neutralise("-3")
    ('\\'=HYPERLINK("http://x")', "'-3")
    >>> neutralise(-3), neutralise("RAE")
    (-3, 'RAE')
    """
    if isinstance(value, str) and value.startswith(FORMULA_START):
        return "'" + value
    return value


def safe_frame(frame: pd.DataFrame) -> pd.DataFrame:
    """A copy of ``frame`` with every text cell (and header) neutralised."""
    out = frame.copy()
    out.columns = [neutralise(str(c)) for c in out.columns]
    for column in out.columns:
        if out[column].dtype == object or pd.api.types.is_string_dtype(out[column]):
            out[column] = out[column].map(neutralise)
    return out


def csv_text(frame: pd.DataFrame) -> str:
    """``frame`` as CSV text (UTF-8 with a BOM when written, so Excel reads the accents)."""
    return safe_frame(frame).to_csv(index=False)


# --- strings ------------------------------------------------------------------------------

STRINGS: dict[str, tuple[str, str]] = {
    # file names: ASCII, no spaces
    "export.file.prefix": ("redes", "redes"),
    "export.file.network": ("network", "red"),
    "export.file.tables": ("tables", "tablas"),
    "export.file.data": ("data", "datos"),
    "export.file.methods": ("methods", "metodos"),
    "export.file.readme": ("README", "LEEME"),
    "export.file.evidence": ("evidence", "evidencia"),
    # the methods note
    "export.note.title": ("Redes: methods note", "Redes: nota metodológica"),
    "export.note.view": ("What the view shows", "Qué muestra la vista"),
    "export.note.year": ("Year: {year}.", "Año: {year}."),
    "export.note.years": (
        "Years: {start} to {year} (everything active at some point in those years).",
        "Años: de {start} a {year} (todo lo que estuvo activo en algún momento de esos años).",
    ),
    "export.note.filters": ("Filters: {filters}.", "Filtros: {filters}."),
    "export.note.no_filters": (
        "none (every level, domain, network, sector, NGO type and degree of certainty)",
        "ninguno (todos los niveles, ámbitos, redes, sectores, tipos de ONG y grados de certeza)",
    ),
    "export.note.nothing": ("none chosen", "ninguno elegido"),
    "export.note.filter.levels": ("platform levels", "niveles de plataforma"),
    "export.note.filter.domains": ("domains", "ámbitos"),
    "export.note.filter.networks": ("networks", "redes"),
    "export.note.filter.sectors": ("sectors", "sectores"),
    "export.note.filter.ngo_types": ("NGO types", "tipos de ONG"),
    "export.note.filter.certainty": ("facts shown", "hechos mostrados"),
    "export.note.counts": (
        "In view: {actors} organisations and {ties} ties between them.",
        "En la vista: {actors} organizaciones y {ties} vínculos entre ellas.",
    ),
    "export.note.groups": (
        "{groups} of these organisations are group nodes: each stands for several "
        "organisations that the sources count but do not name.",
        "{groups} de estas organizaciones son nodos de grupo: cada uno representa a varias "
        "organizaciones que las fuentes cuentan pero no nombran.",
    ),
    "export.note.actor": ("Highlighted organisation: {name}.", "Organización destacada: {name}."),
    "export.note.metric": ("How key actors are measured", "Cómo se mide a los actores clave"),
    "export.note.metric_rules": (
        "Measures are computed on the ties in view only. They ignore how strong a tie is, "
        "and all but brokerage roles also ignore its direction.",
        "Las medidas se calculan solo con los vínculos de la vista. No tienen en cuenta la "
        "fuerza de un vínculo y, salvo los roles de intermediario, tampoco su dirección.",
    ),
    "export.note.lower_is_central": (
        "For this measure a lower value means a more central position.",
        "En esta medida, un valor más bajo indica una posición más central.",
    ),
    "export.note.top": ("Most central in this view", "Los más centrales en esta vista"),
    "export.note.evidence": ("Where the data come from", "De dónde vienen los datos"),
    "export.note.certainty_intro": (
        "Every organisation and tie records how certain it is.",
        "Cada organización y cada vínculo indica qué tan seguro es.",
    ),
    "export.note.certainty": ("Certainty", "Certeza"),
    "export.note.organisations": ("Organisations", "Organizaciones"),
    "export.note.ties": ("Ties", "Vínculos"),
    "export.note.sources": (
        "Sources cited by the organisations and ties in view ({count})",
        "Fuentes citadas por las organizaciones y los vínculos de la vista ({count})",
    ),
    "export.note.no_sources": (
        "No sources: nothing is in view.",
        "Sin fuentes: la vista está vacía.",
    ),
    "export.note.data": ("Data and licence", "Datos y licencia"),
    "export.note.package": ("Data package: {title}.", "Paquete de datos: {title}."),
    "export.note.licence": ("Licence: {licence}.", "Licencia: {licence}."),
    "export.note.no_licence": (
        "Licence: not stated in the data package.",
        "Licencia: el paquete de datos no la indica.",
    ),
    "export.note.date": ("Prepared on {date} with Redes.", "Preparada el {date} con Redes."),
    "export.note.link": ("Reopen this view", "Volver a abrir esta vista"),
    "export.note.link_text": (
        "This link opens the same view in Redes: {link}",
        "Este enlace abre la misma vista en Redes: {link}",
    ),
    # the evidence pack's README
    "export.readme.title": (
        "Evidence pack from Redes: {view}.",
        "Paquete de evidencia de Redes: {view}.",
    ),
    "export.readme.methods": (
        "the methods note: what the view shows, how key actors are measured, sources, licence",
        "la nota metodológica: qué muestra la vista, cómo se mide a los actores clave, "
        "fuentes, licencia",
    ),
    "export.readme.picture": ("the picture of the network", "la imagen de la red"),
    "export.readme.xlsx": ("the tables, one sheet each", "las tablas, una hoja por tabla"),
    "export.readme.csv": ("the tables as CSV files", "las tablas como archivos CSV"),
    "export.readme.graphml": (
        "the network in view for Gephi, yEd or Cytoscape (GraphML)",
        "la red de la vista para Gephi, yEd o Cytoscape (GraphML)",
    ),
    "export.readme.gexf": (
        "the network in view for Gephi, with years for its timeline (GEXF)",
        "la red de la vista para Gephi, con los años para su línea de tiempo (GEXF)",
    ),
    "export.readme.data": (
        "the actors and ties in view as a data package (CSV files and datapackage.json); "
        "Redes can load this folder",
        "los actores y vínculos de la vista como paquete de datos (archivos CSV y "
        "datapackage.json); Redes puede cargar esta carpeta",
    ),
    "export.readme.link": ("Reopen the view: {link}", "Volver a abrir la vista: {link}"),
    "export.view.year": ("{year}", "{year}"),
    "export.caption.view": ("{when}: {actors} organisations and {ties} ties in view",
                            "{when}: {actors} organizaciones y {ties} vínculos en vista"),
    "export.caption.filters": ("Filters: {filters}", "Filtros: {filters}"),
    "export.caption.credit": ("Made with Redes. Data: {title} ({licence}).",
                              "Hecho con Redes. Datos: {title} ({licence})."),
    "export.view.years": ("{start} to {year}", "de {start} a {year}"),
}
register({key: value for key, value in STRINGS.items() if not has(key)})  # once, even on reload


# --- small helpers ------------------------------------------------------------------------

def _filters(filters: Filters) -> Filters:
    """The filter part of a view state (so caches are keyed by filters only)."""
    return filters.filters if isinstance(filters, ViewState) else filters


def _scalar(value: object) -> object | None:
    """A plain Python value for a cell, or None when empty (None, NA, NaN, inf, "")."""
    if value is None or value is pd.NA or value is pd.NaT:
        return None
    if isinstance(value, str):
        return value or None
    if isinstance(value, bool | np.bool_):
        return bool(value)
    if isinstance(value, int | np.integer):
        return int(value)
    if isinstance(value, float | np.floating):
        return float(value) if math.isfinite(value) else None
    try:
        if pd.isna(value):
            return None
    except (TypeError, ValueError):
        pass
    return value


#: Characters XML 1.0 cannot hold at all (a reader rejects the whole file).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")


def _xml_value(value: object) -> object | None:
    value = _scalar(value)
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


def _date(today: dt.date | dt.datetime | str | None) -> str:
    if today is None:
        return dt.date.today().isoformat()
    if isinstance(today, dt.datetime):
        return today.date().isoformat()
    if isinstance(today, dt.date):
        return today.isoformat()
    return str(today)


def _zip_stamp(today: dt.date | dt.datetime | str | None) -> tuple[int, int, int, int, int, int]:
    try:
        day = dt.date.fromisoformat(_date(today)[:10])
    except ValueError:
        return (1980, 1, 1, 0, 0, 0)
    return (max(day.year, 1980), day.month, day.day, 0, 0, 0)


def _zip(files: list[tuple[str, bytes]], today: dt.date | dt.datetime | str | None = None) -> bytes:
    """A ZIP of ``(name, bytes)`` in the order given; same input, same bytes."""
    stamp = _zip_stamp(today)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()


def slug(text: str, fallback: str = "table") -> str:
    """A file-name-safe ASCII form of ``text``.

    >>> slug("Key actors: Grado (2008)"), slug("Ñandú/ONG"), slug("")
    ('key_actors_grado_2008', 'nandu_ong', 'table')
    """
    ascii_text = unicodedata.normalize("NFKD", str(text)).encode("ascii", "ignore").decode()
    cleaned = re.sub(r"[^a-z0-9]+", "_", ascii_text.lower()).strip("_")
    return cleaned[:60].rstrip("_") or fallback


def _unique(names: list[str], limit: int | None = None) -> list[str]:
    """Names made unique (case-insensitively) by a numbered suffix, within ``limit`` chars."""
    seen: set[str] = set()
    out = []
    for name in names:
        candidate, n = name, 1
        while candidate.lower() in seen:
            n += 1
            suffix = f" ({n})" if limit else f"_{n}"
            candidate = (name[: limit - len(suffix)] if limit else name) + suffix
        seen.add(candidate.lower())
        out.append(candidate)
    return out


def year_span(ds: Dataset, filters: Filters) -> tuple[int, int]:
    """The first and last year of the view (the same year twice without a range)."""
    return _years(_filters(filters), ds)


def file_stem(ds: Dataset, filters: Filters, lang: str = "en") -> str:
    """The start of every exported file name: ``redes-2008`` or ``redes-1995-2008``.

    >>> from network.model.dataset import load
    >>> file_stem(load().dataset, Filters(year=2008, start=1995))
    'redes-1995-2008'
    """
    start, year = year_span(ds, filters)
    years = str(year) if start == year else f"{start}-{year}"
    return f"{t('export.file.prefix', lang)}-{years}"


def filename(ds: Dataset, filters: Filters, what: str, ext: str, lang: str = "en") -> str:
    """A download name, e.g. ``filename(ds, state, "network", "gexf", "es")`` is
    ``redes-2008-red.gexf``. ``what`` is one of network, tables, data, evidence."""
    return f"{file_stem(ds, filters, lang)}-{t('export.file.' + what, lang)}.{ext}"


# --- the network as a graph ---------------------------------------------------------------

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
    view = visible(ds, _filters(filters))
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


#: Attribute types in GraphML and GEXF for the schema's column types.
_XML_TYPES = {"string": "string", "integer": "long", "number": "double", "boolean": "boolean"}


def _declared(scope: str, fmt: str) -> list[tuple[str, str]]:
    """Every attribute a node or edge may carry, in column order, with its XML type.

    Declared even when no element in view has a value, so every export has the same
    columns. GEXF keeps ``label``, ``weight`` and the position in fields of its own.
    """
    table, skip = ("actors", ("id",)) if scope == "node" else ("ties", ("id", "source", "target"))
    columns = [(f.name, _XML_TYPES.get(f.type, "string"))
               for f in schema_tables()[table].fields if f.name not in skip]
    if fmt == "gexf":
        return [(name, kind) for name, kind in columns if name != "weight"]
    extra = [("x", "double"), ("y", "double")] if scope == "node" else []
    return [("label", "string"), *columns, *extra]


def _graphml_keys_for_gephi(root) -> None:
    """Give GraphML keys readable ids (``node_label``, ``edge_weight``), declare every
    column in the schema's order, and write booleans as ``true``/``false``.

    networkx numbers keys ``d0, d1...``; Gephi reads a node key with id ``d3`` and an edge
    key with id ``d7`` as the label (a yEd habit), whatever their name, so a column would
    silently become the label. Prefixed ids match none of Gephi's special names, which it
    still recognises by ``attr.name`` (label, weight, x, y).
    """
    keys = [el for el in root if el.tag == "key"]
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
    rename, booleans, used = {}, set(), set()
    for el in ordered:
        new_id = f"{el.get('for')}_{el.get('attr.name')}"
        if new_id in used:
            new_id = f"{new_id}_{el.get('attr.type')}"
        used.add(new_id)
        if el.get("id"):
            rename[el.get("id")] = new_id
        el.set("id", new_id)
        if el.get("attr.type") == "boolean":
            booleans.add(new_id)
    for el in keys:
        root.remove(el)
    for position, el in enumerate(ordered):
        root.insert(position, el)
    for data in root.iter("data"):
        key = rename.get(data.get("key"), data.get("key"))
        data.set("key", key)
        if key in booleans and data.text:
            data.text = data.text.lower()


def _xml_bytes(root) -> bytes:
    """The document as UTF-8 with its declaration, as ``ElementTree.write`` gives it but
    several times faster (one string, not a write per piece)."""
    text = ET.tostring(root, encoding="unicode")
    return b"<?xml version='1.0' encoding='utf-8'?>\n" + text.encode("utf-8")


def graphml_bytes(ds: Dataset, filters: Filters, lang: str = "en", layout: str = "force") -> bytes:
    """The network in view as GraphML (UTF-8), for Gephi, yEd, Cytoscape or networkx.

    See :func:`export_graph` for the attributes. Each attribute has one type (text, long
    integer, double or boolean); empty cells are left out.
    """
    writer = GraphMLWriter(encoding="utf-8", prettyprint=True)
    writer.add_graph_element(export_graph(ds, filters, lang, layout))
    _graphml_keys_for_gephi(writer.xml)
    writer.indent(writer.xml)
    return _xml_bytes(writer.xml)


def gexf_bytes(ds: Dataset, filters: Filters, lang: str = "en", layout: str = "force",
               today: dt.date | dt.datetime | str | None = None) -> bytes:
    """The network in view as dynamic GEXF 1.2 (UTF-8) for Gephi's timeline.

    A node exists from ``founded`` to ``active_until``, an edge from ``from_year`` to
    ``to_year`` (both ends included; no end while it lasts): the node's and edge's
    ``start`` and ``end``, with ``timeformat="double"`` so that Gephi reads years as numbers.
    The explorer's position is the node's ``viz:position``. Every column is an attribute as
    well (see :func:`export_graph`); edge ids are tie ids, and ``weight`` and ``label`` are
    GEXF's own edge fields.
    """
    graph = export_graph(ds, filters, lang, layout)
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
    writer = GEXFWriter(encoding="utf-8", prettyprint=True, version="1.2draft")
    writer.add_graph(graph)
    root = writer.xml
    meta = root.find("meta")
    if meta is not None:
        meta.set("lastmodifieddate", _date(today))
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


def _gexf_attributes_for_gephi(graph_element) -> None:
    """Declare every column in the schema's order, and drop the ``networkx_key`` edge
    attribute networkx adds to multigraphs (the edge id already is the tie id, and Gephi
    would show the copy as a column)."""
    existing = graph_element.findall("attributes")
    ids = [int(a.get("id")) for block in existing for a in block if a.get("id", "").isdigit()]
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
        by_title = {a.get("title"): a for a in block}
        dropped.update(a.get("id") for a in block if a.get("title") == "networkx_key")
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
        blocks.append(block)
    for position, block in enumerate(blocks):
        graph_element.insert(position, block)
    if not dropped:
        return
    for edge in graph_element.iter("edge"):
        values = edge.find("attvalues")
        if values is None:
            continue
        for value in list(values):
            if value.get("for") in dropped:
                values.remove(value)
        if len(values) == 0:
            edge.remove(values)


# --- the view as a data package -----------------------------------------------------------

def _cited(frames: list[pd.DataFrame]) -> set[str]:
    found: set[str] = set()
    for frame in frames:
        for value in frame["evidence"].tolist():
            found.update(filter(None, EVIDENCE_SPLIT.split(str(value or "").strip())))
    return found


def package_tables(ds: Dataset, filters: Filters) -> dict[str, pd.DataFrame]:
    """The view as the project's tables, in :data:`TABLE_ORDER`, with the schema's columns.

    Actors and ties are those in view; actor_discourses those of actors in view; networks
    and discourses are kept whole (they are the codebook, and every tie and endorsement
    refers to them); sources are cut to those the kept rows cite. Foreign keys hold.
    """
    view = visible(ds, _filters(filters))
    endorsements = ds.actor_discourses[ds.actor_discourses["actor"].isin(view.actors.index)]
    # the rows as the data has them (with each fact's certainty), not as a "stated only"
    # view masks them: the package is the data, and it loads back as such
    kept = {"actors": ds.actors.loc[view.actors.index], "ties": view.ties,
            "actor_discourses": endorsements,
            "networks": ds.networks, "discourses": ds.discourses}
    cited = _cited(list(kept.values()))
    kept["sources"] = ds.sources[ds.sources["id"].isin(cited)]
    return {name: kept[name][list(schema_tables()[name].columns)].reset_index(drop=True)
            for name in TABLE_ORDER}


def _number_text(value: float) -> str:
    return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)


def _package_csv(frame: pd.DataFrame, table: str) -> bytes:
    """One table as the loader reads it: UTF-8, comma-separated, ``true``/``false``."""
    spec = schema_tables()[table]
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(spec.columns)
    for values in zip(*(frame[c].tolist() for c in spec.columns), strict=True):
        row = []
        for f, value in zip(spec.fields, map(_scalar, values), strict=True):
            if value is None:
                row.append("")
            elif f.type == "boolean" or isinstance(value, bool):
                row.append("true" if value else "false")
            elif isinstance(value, float):
                row.append(_number_text(value))
            else:
                row.append(str(value))
        writer.writerow(row)
    return buffer.getvalue().encode("utf-8")


def _descriptor(ds: Dataset, filters: Filters) -> dict:
    """``datapackage.json`` for the view: the bundled one's schema, this data's metadata."""
    bundled = package_descriptor()
    own = bundled.get("title") == ds.title
    name = bundled.get("name") if own else slug(ds.title, "redes").replace("_", "-")
    query = ViewState(**{f: getattr(_filters(filters), f) for f in Filters.__dataclass_fields__})
    start, year = year_span(ds, filters)
    years = str(year) if start == year else f"{start}-{year}"
    descriptor: dict = {"profile": bundled.get("profile", "tabular-data-package"),
                        "name": f"{name}-view-{years}", "title": ds.title}
    if own:
        for key in ("description", "version", "homepage", "contributors", "sources"):
            if key in bundled:
                descriptor[key] = copy.deepcopy(bundled[key])
    note = (f"Only the actors and ties in one view of the Redes explorer "
            f"({query.to_query() or 'no filters'}; years {years}), with the endorsements of "
            f"those actors and the sources their rows cite; networks and discourses are kept "
            f"whole.")
    descriptor["description"] = f"{descriptor.get('description', '')} {note}".strip()
    if ds.licences:
        descriptor["licenses"] = [dict(licence) for licence in ds.licences]
    descriptor["resources"] = copy.deepcopy(bundled["resources"])
    return descriptor


def _package_files(ds: Dataset, filters: Filters, folder: str = "") -> list[tuple[str, bytes]]:
    frames = package_tables(ds, filters)
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    files = [(f"{prefix}datapackage.json",
              (json.dumps(_descriptor(ds, filters), ensure_ascii=False, indent=2) + "\n")
              .encode("utf-8"))]
    files += [(f"{prefix}{schema_tables()[name].path}", _package_csv(frames[name], name))
              for name in TABLE_ORDER]
    return files


def package_zip(ds: Dataset, filters: Filters,
                today: dt.date | dt.datetime | str | None = None) -> bytes:
    """The view as a data package in a ZIP: ``datapackage.json`` and the six CSV files of
    the project's schema at the top of the archive (see :func:`package_tables`). Unzipped,
    :func:`network.model.dataset.load` reads the folder.

    The loader refuses a table without rows, so a view with no ties (or whose actors endorse
    no discourse) gives a package that does not load back.
    """
    return _zip(_package_files(ds, filters), today)


# --- tables for spreadsheets --------------------------------------------------------------

def _flat(frame: pd.DataFrame) -> pd.DataFrame:
    """Columns as text, and a meaningful index (named, or not 0..n-1) as the first column."""
    out = frame.copy()
    if isinstance(out.columns, pd.MultiIndex):
        out.columns = [" / ".join(str(p) for p in c if str(p)) for c in out.columns]
    plain = isinstance(out.index, pd.RangeIndex) and out.index.start == 0 and out.index.step == 1
    if not plain or any(n is not None for n in out.index.names):
        names = [str(n) if n is not None else "" for n in out.index.names]
        out.index = out.index.set_names([f"\x00{i}" for i in range(len(names))])
        out = out.reset_index()
        out.columns = names + [str(c) for c in out.columns[len(names):]]
    else:
        out.columns = [str(c) for c in out.columns]
    if out.columns.duplicated().any():
        out.columns = _unique(list(out.columns))
    return out


def _sheet_names(keys: list[str]) -> list[str]:
    """Names Excel accepts: no ``[]:*?/\\``, not History, at most 31 characters, unique."""
    names = []
    for key in keys:
        name = re.sub(r"[\[\]:*?/\\\x00-\x1f]", "_", str(key)).strip().strip("'").strip()
        name = name[:31].strip() or "Sheet"
        if name.lower() == "history":
            name = "History_"
        names.append(name)
    return _unique(names, limit=31)


#: Excel shows at most this many characters in a cell (and calls a longer one damaged).
EXCEL_CELL_LIMIT = 32767


def _xlsx_cell(value: object) -> object:
    from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE

    value = _scalar(value)
    if value is None or isinstance(value, bool | int | float | dt.date | dt.datetime | dt.time):
        return value
    text = neutralise(ILLEGAL_CHARACTERS_RE.sub("", str(value)))
    return text[:EXCEL_CELL_LIMIT]


def tables_xlsx(sheets: Mapping[str, pd.DataFrame]) -> bytes:
    """The tables as one XLSX workbook, one sheet per table (in the order given).

    Text cells and headers are neutralised (see :func:`neutralise`), so nothing runs as a
    formula; numbers stay numbers; empty and NaN cells are empty. A meaningful index (the
    rows of a breakdown) becomes the first column. Sheet names are cut to Excel's rules.
    """
    from openpyxl import Workbook
    from openpyxl.styles import Font
    from openpyxl.utils import get_column_letter

    workbook = Workbook()
    workbook.remove(workbook.active)
    for title, frame in zip(_sheet_names(list(sheets)), sheets.values(), strict=True):
        sheet = workbook.create_sheet(title)
        flat = _flat(frame)
        sheet.append([_xlsx_cell(c) for c in flat.columns])
        for row in flat.itertuples(index=False, name=None):
            sheet.append([_xlsx_cell(v) for v in row])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        sheet.freeze_panes = "A2"
        for i, column in enumerate(flat.columns, start=1):
            longest = max([len(str(column))] + [len(str(v)) for v in flat.iloc[:, i - 1].tolist()])
            sheet.column_dimensions[get_column_letter(i)].width = min(max(longest + 2, 8), 60)
    if not workbook.worksheets:
        workbook.create_sheet("Sheet")
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def _csv_files(sheets: Mapping[str, pd.DataFrame], folder: str = "") -> list[tuple[str, bytes]]:
    prefix = f"{folder.rstrip('/')}/" if folder else ""
    names = _unique([slug(key) for key in sheets])
    return [(f"{prefix}{name}.csv", ("\ufeff" + csv_text(_flat(frame))).encode("utf-8"))
            for name, frame in zip(names, sheets.values(), strict=True)]


def tables_csv_zip(sheets: Mapping[str, pd.DataFrame],
                   today: dt.date | dt.datetime | str | None = None) -> bytes:
    """The tables as CSV files in a ZIP, one ``<slug of the name>.csv`` per table.

    UTF-8 with a byte-order mark (so Excel reads the accents), text cells neutralised.
    """
    return _zip(_csv_files(sheets), today)


# --- the methods note ---------------------------------------------------------------------

def _words(values: tuple[str, ...], prefix: str, lang: str) -> str:
    return ", ".join(t(f"{prefix}.{v}", lang) if has(f"{prefix}.{v}") else v for v in values)


def _filters_in_words(ds: Dataset, filters: Filters, lang: str) -> str:
    parts = []
    for name, prefix in (("levels", "level"), ("domains", "domain"), ("networks", None),
                         ("sectors", "sector"), ("ngo_types", "ngo_type"),
                         ("certainty", "certainty")):
        chosen = getattr(filters, name)
        if chosen is None:
            continue
        if not chosen:
            words = t("export.note.nothing", lang)
        elif prefix is None:
            words = ", ".join(ds.label("networks", n, lang) if n in ds.networks.index else n
                              for n in chosen)
        else:
            words = _words(chosen, prefix, lang)
        parts.append(f"{t('export.note.filter.' + name, lang)}: {words}")
    return "; ".join(parts) if parts else t("export.note.no_filters", lang)


def picture_caption(ds: Dataset, filters: Filters, lang: str = "en") -> dict[str, str]:
    """The words under a saved picture, so that it stands on its own in a memo: the data's
    title, the year(s) and counts in view, the filters, and the credit line.

    >>> from network.model.dataset import load
    >>> words = picture_caption(load().dataset, Filters(year=2000, levels=("national",)))
    >>> words["view"].startswith("2000"), "national" in words["filters"].lower()
    (True, True)
    """
    view = visible(ds, filters)
    licences = ", ".join(str(lic.get("title") or lic.get("name") or "") for lic in ds.licences)
    return {
        "title": ds.title_in(lang),
        "view": t("export.caption.view", lang, when=_view_words(ds, filters, lang),
                  actors=len(view.actors), ties=len(view.ties)),
        "filters": t("export.caption.filters", lang, filters=_filters_in_words(ds, filters, lang)),
        "credit": t("export.caption.credit", lang, title=ds.title_in(lang), licence=licences),
    }


def _view_words(ds: Dataset, filters: Filters, lang: str) -> str:
    start, year = year_span(ds, filters)
    if start == year:
        return t("export.view.year", lang, year=year)
    return t("export.view.years", lang, start=start, year=year)


def _source_order(source_id: str) -> tuple[bool, str, int, str]:
    """The thesis (S0) first, then E1, E2... by number."""
    match = re.fullmatch(r"([A-Za-z]+)(\d+)", source_id)
    if not match:
        return (True, source_id, 0, source_id)
    return (match.group(1) != "S", match.group(1), int(match.group(2)), "")


def _metric_lines(spec, lang: str) -> list[str]:
    lines = [f"**{spec.label.get(lang, spec.label['en'])}**: "
             f"{spec.explanation.get(lang, spec.explanation['en'])}"]
    definition = getattr(spec, "definition", None)
    if isinstance(definition, Mapping):
        definition = definition.get(lang) or definition.get("en")
    if definition:
        lines.append(str(definition))
    if not spec.higher_is_central:
        lines.append(t("export.note.lower_is_central", lang))
    return lines


def _format_value(value: float) -> str:
    if value is None or (isinstance(value, float) and math.isnan(value)):
        return "–"
    return f"{value:.0f}" if float(value).is_integer() else f"{value:.3f}"


def methods_note(ds: Dataset, state: ViewState, lang: str = "en", link: str | None = None,
                 today: dt.date | dt.datetime | str | None = None,
                 metric: str | None = None) -> str:
    """A short methods note (Markdown that reads as plain text) in ``lang``.

    What the view shows (years, filters in words, counts), the measure of key actors (name
    and definition) with the five highest actors, the certainty of the actors and ties in
    view and the sources they cite (id, title, URL), the data package's title and licence,
    the date, and the ``link`` that reopens the view. ``metric`` defaults to the state's.
    """
    from network.analysis.ranking import (
        key_actors,  # analysis imports the view machinery; keep it lazy
    )

    lang = "es" if lang == "es" else "en"
    filters = _filters(state)
    view = visible(ds, filters)
    start, year = year_span(ds, filters)
    lines = [f"# {t('export.note.title', lang)}", "", f"## {t('export.note.view', lang)}", ""]
    if start == year:
        lines.append(f"- {t('export.note.year', lang, year=year)}")
    else:
        lines.append(f"- {t('export.note.years', lang, start=start, year=year)}")
    in_words = _filters_in_words(ds, filters, lang)
    lines.append(f"- {t('export.note.filters', lang, filters=in_words)}")
    lines.append(f"- {t('export.note.counts', lang, actors=len(view.actors), ties=len(view.ties))}")
    groups = int(view.actors["is_group"].fillna(False).astype(bool).sum())
    if groups:
        lines.append(f"- {t('export.note.groups', lang, groups=groups)}")
    if state.actor is not None and state.actor in ds.actors.index:
        lines.append(f"- {t('export.note.actor', lang, name=ds.actor_name(state.actor, lang))}")

    metric_id = metric or state.metric
    if metric_id not in METRICS:
        metric_id = ViewState.metric
    spec = METRICS[metric_id]
    lines += ["", f"## {t('export.note.metric', lang)}", ""]
    lines += _metric_lines(spec, lang)
    lines += ["", t("export.note.metric_rules", lang)]
    if not view.empty:
        top = key_actors(ds, filters, metric_id, top=5)
        if len(top):
            lines += ["", f"{t('export.note.top', lang)}:", ""]
            for row in top.itertuples(index=False):
                lines.append(f"{row.rank}. {ds.actor_name(row.id, lang)} "
                             f"({_format_value(row.value)})")

    lines += ["", f"## {t('export.note.evidence', lang)}", "",
              t("export.note.certainty_intro", lang), ""]
    actor_counts = Counter(view.actors["certainty"].tolist())
    tie_counts = Counter(view.ties["certainty"].tolist())
    lines.append(f"| {t('export.note.certainty', lang)} | {t('export.note.organisations', lang)} "
                 f"| {t('export.note.ties', lang)} |")
    lines.append("|---|---:|---:|")
    for level in CERTAINTIES:
        label = t(f"certainty.{level}", lang)
        lines.append(f"| {label[:1].upper() + label[1:]} | {actor_counts.get(level, 0)} "
                     f"| {tie_counts.get(level, 0)} |")
    cited = sorted(_cited([view.actors, view.ties]) & set(ds.sources.index), key=_source_order)
    lines += ["", f"### {t('export.note.sources', lang, count=len(cited))}", ""]
    if not cited:
        lines.append(t("export.note.no_sources", lang))
    for source_id in cited:
        source = ds.sources.loc[source_id]
        text = f"- {source_id}: {source['title']}"
        details = ", ".join(str(source[c]) for c in ("publisher", "date") if source[c])
        if details:
            text += f". {details}"
        if source["url"]:
            text += f". <{source['url']}>"
        lines.append(text)

    lines += ["", f"## {t('export.note.data', lang)}", "",
              f"- {t('export.note.package', lang, title=ds.title_in(lang))}"]
    if ds.licences:
        for licence in ds.licences:
            words = " — ".join(str(licence[k]) for k in ("name", "title") if licence.get(k))
            if licence.get("path"):
                words += f" <{licence['path']}>"
            lines.append(f"- {t('export.note.licence', lang, licence=words)}")
    else:
        lines.append(f"- {t('export.note.no_licence', lang)}")
    lines.append(f"- {t('export.note.date', lang, date=_date(today))}")
    if link:
        lines += ["", f"## {t('export.note.link', lang)}", "",
                  t("export.note.link_text", lang, link=f"<{link}>")]
    return "\n".join(lines) + "\n"


# --- the evidence pack --------------------------------------------------------------------

def evidence_pack(ds: Dataset, state: ViewState, lang: str = "en", link: str | None = None,
                  today: dt.date | dt.datetime | str | None = None,
                  picture_png: bytes | None = None, picture_svg: bytes | None = None,
                  tables: Mapping[str, pd.DataFrame] | None = None) -> bytes:
    """Everything about one view in a ZIP (files listed in the module docstring).

    The README and the methods note are in ``lang`` (``README.txt`` and ``methods.md``, or
    ``LEEME.txt`` and ``metodos.md``); the tables appear as one XLSX and a folder of CSVs
    (skipped when there are none); the network as GraphML, GEXF and a data package folder.
    """
    lang = "es" if lang == "es" else "en"
    filters = _filters(state)
    stem = file_stem(ds, filters, lang)
    network = f"{stem}-{t('export.file.network', lang)}"
    table_stem = f"{stem}-{t('export.file.tables', lang)}"
    data_folder = f"{stem}-{t('export.file.data', lang)}"
    methods = f"{t('export.file.methods', lang)}.md"
    sheets = dict(tables or {})

    entries: list[tuple[str, str]] = [(methods, "export.readme.methods")]
    files: list[tuple[str, bytes]] = [
        (methods, methods_note(ds, state, lang, link, today, state.metric).encode("utf-8"))]
    if picture_png is not None:
        files.append((f"{network}.png", picture_png))
        entries.append((f"{network}.png", "export.readme.picture"))
    if picture_svg is not None:
        files.append((f"{network}.svg", picture_svg))
        entries.append((f"{network}.svg", "export.readme.picture"))
    if sheets:
        files.append((f"{table_stem}.xlsx", tables_xlsx(sheets)))
        entries.append((f"{table_stem}.xlsx", "export.readme.xlsx"))
        files += _csv_files(sheets, table_stem)
        entries.append((f"{table_stem}/", "export.readme.csv"))
    files.append((f"{network}.graphml", graphml_bytes(ds, filters, lang, state.layout)))
    entries.append((f"{network}.graphml", "export.readme.graphml"))
    files.append((f"{network}.gexf", gexf_bytes(ds, filters, lang, state.layout, today)))
    entries.append((f"{network}.gexf", "export.readme.gexf"))
    files += _package_files(ds, filters, data_folder)
    entries.append((f"{data_folder}/", "export.readme.data"))

    readme = [t("export.readme.title", lang, view=_view_words(ds, filters, lang)), ""]
    readme += [f"- {name}: {t(key, lang)}" for name, key in entries]
    if link:
        readme += ["", t("export.readme.link", lang, link=link)]
    readme_name = f"{t('export.file.readme', lang)}.txt"
    files.insert(0, (readme_name, ("\n".join(readme) + "\n").encode("utf-8")))
    return _zip(files, today)
