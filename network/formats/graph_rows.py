"""Actor and tie rows from an uploaded graph's nodes and edges, with defaults for what the
file does not say, each default listed for the user (:meth:`ReadState.assume`).

Defaults (see :data:`DEFAULTS`): every row cites one new source, :data:`UPLOAD_SOURCE` (the
uploaded file) with certainty ``sourced``; an actor with no recognised kind is an ``ngo``,
its sector follows from its kind (:data:`SECTOR_OF_KIND`), its level is ``national``, its
domain ``sustainable_production``, and its first year the earliest year in the file; a tie
with no recognised relation is ``collaborates``, and starts when both its actors are there. A
file with no year at all gets none: its actors' founding years are unknown and its ties
undated (never a placeholder year). An assumed kind or sector
makes ``type_certainty`` ``inferred``, an assumed level ``level_certainty``, an assumed year
``founded_certainty``, and each row's note names what was assumed in it.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field

from network.formats.graph_aliases import (
    EDGE_ALIASES,
    FALSE_WORDS,
    KIND_WORDS,
    NODE_ALIASES,
    TRUE_WORDS,
    domains_lookup,
    pick,
    pick_all,
    value_lookup,
    year_in,
)
from network.formats.upload_state import ReadState
from network.formats.uploaded_graph import Graph, Node, normalise
from network.model.schema import tables

#: The source every imported row cites: the uploaded file itself.
UPLOAD_SOURCE = "E0"
#: Defaults for what Kumu, GraphML and GEXF files do not say (see the module docstring).
DEFAULTS = {
    "kind": "ngo",
    "level": "national",
    "domains": "sustainable_production",
    "relation": "collaborates",
    "is_group": "false",
    "certainty": "sourced",
}
#: A certainty column → the columns it qualifies: the file's certainty is kept only when
#: none of them had to be assumed (an assumed value is ``inferred`` whatever the file says).
CERTAINTY_OF = {"type_certainty": ("kind", "sector"), "level_certainty": ("level",),
                "founded_certainty": ("founded",), "network_certainty": ("network",),
                "certainty": ()}
#: Sector of an actor whose sector is not given, from its kind.
SECTOR_OF_KIND = {
    "ngo": "civil_society", "ngo_network": "civil_society", "funder": "civil_society",
    "international_network": "civil_society", "project": "civil_society",
    "producer_association": "market", "sme_group": "market", "business_association": "market",
    "platform": "market",
    "government_agency": "state", "intergovernmental_agency": "state",
}


def unique_ids(bases: Iterable[str], fallback: str) -> list[str]:
    """Valid ids (lower case, digits, _) from ``bases``, in order, each used once."""
    out: list[str] = []
    taken: set[str] = set()
    for base in bases:
        slug = normalise(base)[:60].strip("_") or fallback
        candidate, n = slug, 1
        while candidate in taken:
            n += 1
            candidate = f"{slug}_{n}"
        taken.add(candidate)
        out.append(candidate)
    return out


def sample(values: list[str]) -> str:
    """Up to five distinct values, as " (a, b, …)" for a message; "" when there are none."""
    distinct = list(dict.fromkeys(v for v in values if v))
    if not distinct:
        return ""
    shown = ", ".join(v[:40] for v in distinct[:5])
    return f" ({shown}{', …' if len(distinct) > 5 else ''})"


def assumed_note(note: str, columns: list[str]) -> str:
    """A row's note, followed by the columns assumed in it (in both languages)."""
    if not columns:
        return note
    text = ", ".join(columns)
    return f"{note} " * bool(note) + f"Assumed at upload: {text}. / Supuesto al subir: {text}."


@dataclass
class ActorRows:
    """The actors' rows, and what the ties and the report need to know about them."""

    rows: list[dict[str, str]]
    founded: dict[str, int]  # actor id → first year, for the ties' default start
    used: set[str]  # attributes a column took (the others are listed as ignored)
    columns: dict[str, str]  # schema column → the file's attribute that gave it
    default_year: int | None


def own_columns(table: str, row: dict[str, str], assumed: list[str], attrs: dict[str, str],
                used: set[str]) -> dict[str, str]:
    """``row`` with every schema column the file gives under the column's own name and the
    mapping did not read through an alias (a Redes export's certainties, evidence,
    ``thesis_key``..., and any column the schema gains later): the file's value, matched to
    the column's allowed values when it has them. A certainty stays ``inferred`` when what
    it qualifies was assumed (the row's note names it). ``used`` learns the attributes."""
    aliases = NODE_ALIASES if table == "actors" else EDGE_ALIASES
    for f in tables()[table].fields:
        value = attrs.get(f.name, "").strip()
        if f.name in ("id", "source", "target") or f.name in aliases or not value:
            continue
        used.add(f.name)
        if set(CERTAINTY_OF.get(f.name, ())) & set(assumed):
            continue
        allowed = {normalise(v): v for v in f.enum or ()}
        row[f.name] = allowed.get(normalise(value), value)
    return row


def actor_rows(graph: Graph, ids: dict[str, str], state: ReadState) -> ActorRows:
    """One actor row per node (``ids``: node key → actor id); the defaults applied are
    assumed in ``state``."""
    used: set[str] = set()
    columns: dict[str, str] = {}
    picked = [pick_all(node.attrs, NODE_ALIASES, used, columns, graph.names)
              for node in graph.nodes]
    mapping = _ActorMapping(graph.file, _default_year(graph, picked), graph.declared,
                            first_ties=_first_tie_years(graph))
    rows = [own_columns("actors", *mapping.row(ids[node.key or ""], node, got), node.attrs,
                        used)
            for node, got in zip(graph.nodes, picked, strict=True)]
    founded = {row["id"]: int(row["founded"]) for row in rows if row["founded"].isdigit()}
    mapping.assume(len(graph.nodes), state)
    return ActorRows(rows, founded, used, columns, mapping.default_year)


def _first_tie_years(graph: Graph) -> dict[str, int]:
    """Node key → the year of its first dated edge: when the file gives a node no first year
    of its own, it is taken to be there from its first tie, not from the file's first year
    (an actor whose ties start in 2020 was not in a 2015 picture)."""
    first: dict[str, int] = {}
    for edge in graph.edges:
        year = _year(pick(edge.attrs, EDGE_ALIASES["from_year"], set())[0])
        for end in (edge.source, edge.target):
            if year is not None and end is not None:
                first[end] = min(first.get(end, year), year)
    return first


def _year(text: str) -> int | None:
    """A plausible year (1900-2100) written in ``text``, else None."""
    year = year_in(text) if text else ""
    return int(year) if year.isdigit() and 1900 <= int(year) <= 2100 else None


def _default_year(graph: Graph, picked: list[dict[str, str]]) -> int | None:
    """With no first year, an actor is there from the earliest year the file gives (None
    when it gives none)."""
    years = [_year(got["founded"]) for got in picked]
    years += [_year(pick(e.attrs, EDGE_ALIASES["from_year"], set())[0]) for e in graph.edges]
    known = [y for y in years if y is not None]
    return min(known) if known else None


@dataclass
class _ActorMapping:
    """Turns the values picked from each node into an actor row, counting the defaults."""

    file: str
    default_year: int | None  # None: the file gives no year at all
    declared: set[str] = field(default_factory=set)
    first_ties: dict[str, int] = field(default_factory=dict)  # node key → first tie's year
    kinds: dict[str, str] = field(
        default_factory=lambda: value_lookup("actors", "kind", "kind", KIND_WORDS))
    levels: dict[str, str] = field(default_factory=lambda: value_lookup("actors", "level", "level"))
    sectors: dict[str, str] = field(
        default_factory=lambda: value_lookup("actors", "sector", "sector"))
    ngo_types: dict[str, str] = field(
        default_factory=lambda: value_lookup("actors", "ngo_type", "ngo_type"))
    domains: dict[str, str] = field(default_factory=domains_lookup)
    misses: dict[str, list[str]] = field(default_factory=dict)  # column → values not matched
    counts: dict[str, int] = field(default_factory=lambda: dict.fromkeys(
        ("names", "sector", "description", "description_es", "undated", "from_ties"), 0))

    def row(self, actor_id: str, node: Node, got: dict[str, str]
            ) -> tuple[dict[str, str], list[str]]:
        """The actor's row, and the columns assumed in it."""
        assumed: list[str] = []  # in the order the note names them
        if not got["name"]:
            self.counts["names"] += 1
        kind = self._allowed("kind", got, self.kinds, DEFAULTS["kind"], assumed)
        sector = self._sector(got, kind, assumed)
        level = self._allowed("level", got, self.levels, DEFAULTS["level"], assumed)
        domains = self._domains(got, assumed)
        year = self._founded(got, assumed, "founded" in self.declared,
                             self.first_ties.get(node.key or ""))
        description, description_es = self._descriptions(got)
        return {
            "id": actor_id, "name": got["name"] or node.key or "", "name_es": got["name_es"],
            "acronym": got["acronym"], "kind": kind,
            "ngo_type": self._allowed("ngo_type", got, self.ngo_types, None, assumed),
            "sector": sector,
            "type_certainty": "inferred" if {"kind", "sector"} & set(assumed) else "sourced",
            "level": level, "level_certainty": "inferred" if "level" in assumed else "sourced",
            "domains": domains, "city": got["city"], "founded": year,
            "founded_certainty": ("inferred" if "founded" in assumed
                                  else "sourced" if year else "unknown"),
            "active_until": year_in(got["active_until"]) if got["active_until"] else "",
            "member_count": got["member_count"], "is_group": self._is_group(got),
            "description": description, "description_es": description_es,
            "evidence": UPLOAD_SOURCE, "certainty": DEFAULTS["certainty"],
            "note": assumed_note(got["note"], assumed),
        }, assumed

    def _miss(self, column: str, value: str, assumed: list[str] | None) -> None:
        self.misses.setdefault(column, []).append(value)
        if assumed is not None:
            assumed.append(column)

    def _allowed(self, column: str, got: dict[str, str], lookup: dict[str, str],
                 default: str | None, assumed: list[str]) -> str:
        """The schema value ``got[column]`` spells, else ``default`` (assumed); with no
        default, "" (the column is optional and nothing is assumed)."""
        value = got[column]
        match = lookup.get(normalise(value)) if value else None
        if match or default is None:
            if value and not match:  # an optional column: left empty, and said so
                self._miss(column, value, None)
            return match or ""
        self._miss(column, value, assumed)
        return default

    def _sector(self, got: dict[str, str], kind: str, assumed: list[str]) -> str:
        """The sector given, or the sector of the kind given as a sector ("Gobierno local":
        state), else the sector of the actor's kind (assumed)."""
        value = normalise(got["sector"])
        sector = self.sectors.get(value) or SECTOR_OF_KIND.get(self.kinds.get(value, ""))
        if sector:
            return sector
        if got["sector"]:
            self.misses.setdefault("sector", []).append(got["sector"])
        self.counts["sector"] += 1
        assumed.append("sector")
        return SECTOR_OF_KIND.get(kind, "civil_society")

    def _domains(self, got: dict[str, str], assumed: list[str]) -> str:
        parts = [self.domains.get(normalise(p)) for p in re.split(r"[;,|]", got["domains"])
                 if p.strip()]
        if parts and all(parts):
            return ";".join(dict.fromkeys(p for p in parts if p))
        self._miss("domains", got["domains"], assumed)
        return DEFAULTS["domains"]

    def _founded(self, got: dict[str, str], assumed: list[str], declared: bool,
                 first_tie: int | None = None) -> str:
        """The first year; none when the file declares the schema's own ``founded`` and
        leaves it empty (unknown, as a Redes export writes it), else assumed: the year of
        the actor's first dated tie, or the file's earliest year."""
        year = year_in(got["founded"]) if got["founded"] else ""
        if year:
            return year
        if declared:
            return ""
        if self.default_year is None:  # no year anywhere in the file: unknown, not a guess
            self.counts["undated"] += 1
            return ""
        self._miss("founded", "", assumed)
        if first_tie is not None:
            self.counts["from_ties"] += 1
            return str(first_tie)
        return str(self.default_year)

    def _is_group(self, got: dict[str, str]) -> str:
        group = normalise(got["is_group"])
        if group in TRUE_WORDS or group in FALSE_WORDS:
            return "true" if group in TRUE_WORDS else "false"
        if got["is_group"]:
            return got["is_group"]  # validation says what is wrong with it
        self._miss("is_group", "", None)  # counted, but not named in the row's note
        return DEFAULTS["is_group"]

    def _descriptions(self, got: dict[str, str]) -> tuple[str, str]:
        description, description_es = got["description"], got["description_es"]
        if not description:
            self.counts["description"] += 1
            return f"Imported from {self.file}.", description_es or f"Importado de {self.file}."
        if not description_es:
            self.counts["description_es"] += 1
            return description, description
        return description, description_es

    def assume(self, total: int, state: ReadState) -> None:
        """List the defaults applied to the ``total`` actors, once each."""
        if self.counts["names"]:
            state.assume("upload.assumed.names", count=self.counts["names"])
        for column, value in (("kind", DEFAULTS["kind"]), ("level", DEFAULTS["level"]),
                              ("domains", DEFAULTS["domains"]),
                              ("founded", str(self.default_year or "")),
                              ("is_group", DEFAULTS["is_group"])):
            if column == "founded" and self.counts["from_ties"]:
                missed = len(self.misses[column])
                others = missed - self.counts["from_ties"]
                if others:
                    state.assume("upload.assumed.founded_from_ties", count=missed, total=total,
                                 ties=self.counts["from_ties"], others=others, year=value)
                else:
                    state.assume("upload.assumed.founded_from_ties.all", count=missed,
                                 total=total)
                continue
            if self.misses.get(column):
                state.assume("upload.assumed.actor_field", column=column,
                             count=len(self.misses[column]), total=total,
                             found=sample(self.misses[column]), value=value)
        if self.counts["sector"]:
            state.assume("upload.assumed.sector", count=self.counts["sector"])
        for column in ("sector", "ngo_type"):
            if self.misses.get(column):
                state.assume(f"upload.assumed.{column}_unknown",
                             count=len(self.misses[column]), found=sample(self.misses[column]))
        if self.counts["undated"]:
            state.assume("upload.assumed.no_years", count=self.counts["undated"], total=total)
        if self.counts["description"]:
            state.assume("upload.assumed.description", count=self.counts["description"],
                         file=self.file)
        if self.counts["description_es"]:
            state.assume("upload.assumed.description_es", count=self.counts["description_es"])

def tie_rows(graph: Graph, ids: dict[str, str], founded: dict[str, int],
             default_year: int | None,
             state: ReadState) -> tuple[list[dict[str, str]], set[str], dict[str, str]]:
    """The ties' rows, the attributes used and the column each came from."""
    relations = value_lookup("ties", "relation", "relation")
    used: set[str] = set()
    columns: dict[str, str] = {}
    tie_ids = unique_ids([e.key or f"t{i + 1}" for i, e in enumerate(graph.edges)], "tie")
    rows: list[dict[str, str]] = []
    relation_misses: list[str] = []
    year_misses = undirected = 0
    for edge, tie_id in zip(graph.edges, tie_ids, strict=True):
        got = pick_all(edge.attrs, EDGE_ALIASES, used, columns, graph.names)
        assumed: list[str] = []
        relation = relations.get(normalise(got["relation"])) if got["relation"] else None
        if not relation:
            relation_misses.append(got["relation"])
            relation = DEFAULTS["relation"]
            assumed.append("relation")
        source, target = ids[edge.source or ""], ids[edge.target or ""]  # both checked
        start = year_in(got["from_year"]) if got["from_year"] else ""
        if not start and "from_year" not in graph.declared and default_year is not None:
            # (declared and empty, or no year anywhere in the file: unknown)
            year_misses += 1
            start = str(max(founded.get(source, default_year), founded.get(target, default_year)))
            assumed.append("from_year")
        undirected += not edge.directed
        rows.append(own_columns("ties", {
            "id": tie_id, "source": source, "target": target, "relation": relation,
            "network": got["network"], "from_year": start,
            "to_year": year_in(got["to_year"]) if got["to_year"] else "",
            "weight": got["weight"], "evidence": UPLOAD_SOURCE,
            "certainty": DEFAULTS["certainty"], "note": assumed_note(got["note"], assumed),
        }, assumed, edge.attrs, used))
    total = len(graph.edges)
    if relation_misses:
        state.assume("upload.assumed.tie_field", column="relation", count=len(relation_misses),
                     total=total, found=sample(relation_misses), value=DEFAULTS["relation"])
    if year_misses:
        state.assume("upload.assumed.tie_years", count=year_misses, total=total)
    if undirected:
        state.assume("upload.assumed.undirected", count=undirected)
    return rows, used, columns


