"""How the attributes of an uploaded graph are matched, loosely, onto the schema.

Attribute names: "Type", "tipo" or "category" give an actor's kind (:data:`NODE_ALIASES`,
:data:`EDGE_ALIASES`); drawing attributes are dropped quietly (:data:`DRAWING`). Values may
be the schema's or their English or Spanish labels ("Government agency", "es miembro de"),
matched after :func:`~network.formats.uploaded_graph.normalise` (:func:`value_lookup`);
years are found in dates (:func:`year_in`).
"""

from __future__ import annotations

import re

from network.formats.uploaded_graph import normalise
from network.model.schema import tables
from network.text.catalogue import t

#: Schema column of an actor → the normalised attribute names that may give it, in order.
NODE_ALIASES = {
    "name": ("name", "label", "title", "nombre", "etiqueta"),
    "name_es": ("name_es", "label_es", "nombre_es", "spanish_name"),
    "acronym": ("acronym", "short_name", "abbreviation", "sigla", "siglas", "acronimo"),
    "kind": ("kind", "type", "element_type", "category", "tipo", "categoria"),
    "ngo_type": ("ngo_type", "tipo_ong"),
    "sector": ("sector",),
    "level": ("level", "nivel", "scale", "escala"),
    "domains": ("domains", "domain", "dominio", "dominios"),
    "city": ("city", "location", "place", "ciudad", "lugar", "region"),
    "founded": ("founded", "start", "start_date", "from", "year", "since", "fundacion",
                "desde", "inicio", "ano"),
    "active_until": ("active_until", "end", "end_date", "until", "to", "hasta", "fin"),
    "member_count": ("member_count", "members", "miembros"),
    "is_group": ("is_group", "group", "grupo"),
    "description": ("description", "descripcion"),
    "description_es": ("description_es", "descripcion_es"),
    "note": ("note", "notes", "nota", "notas", "comment", "comments"),
}
#: Schema column of a tie → the normalised attribute names that may give it, in order.
EDGE_ALIASES = {
    "relation": ("relation", "type", "connection_type", "kind", "label", "relacion", "tipo"),
    "network": ("network", "red"),
    "from_year": ("from_year", "start", "start_date", "year", "since", "desde", "inicio", "ano"),
    "to_year": ("to_year", "end", "end_date", "until", "hasta", "fin"),
    "weight": ("weight", "strength", "peso", "fuerza", "value"),
    "note": ("note", "notes", "nota", "notas", "description", "descripcion", "comment"),
}
#: Drawing attributes of Gephi, yEd and Kumu: dropped without a warning.
DRAWING = {"x", "y", "z", "size", "r", "g", "b", "color", "colour", "image", "shape",
           "viz", "width", "height", "label_size", "label_color", "thickness"}
#: A few everyday words for kinds, besides the schema's values and their en/es labels.
KIND_WORDS = {
    "ong": "ngo", "nonprofit": "ngo", "non_profit": "ngo", "company": "sme_group",
    "business": "sme_group", "sme": "sme_group", "smes": "sme_group", "empresa": "sme_group",
    "pyme": "sme_group", "pymes": "sme_group", "government": "government_agency",
    "gobierno": "government_agency", "donor": "funder", "donante": "funder",
    "proyecto": "project", "plataforma": "platform", "cooperative": "producer_association",
    "cooperativa": "producer_association",
}
TRUE_WORDS = ("true", "yes", "1", "si", "verdadero")
FALSE_WORDS = ("false", "no", "0", "falso")


def pick(attrs: dict[str, str], aliases: tuple[str, ...], used: set[str]) -> tuple[str, str]:
    """(value, attribute) of the first alias present in ``attrs``, else ("", "");
    ``used`` learns it (and the other aliases present, which it superseded), so that the
    attributes no column took can be listed as ignored."""
    for alias in aliases:
        if attrs.get(alias, "").strip():
            # the column's other spellings are synonyms it superseded, not ignored ones
            used.update(a for a in aliases if a in attrs)
            return attrs[alias].strip(), alias
    return "", ""


def pick_all(attrs: dict[str, str], aliases: dict[str, tuple[str, ...]], used: set[str],
             columns: dict[str, str], names: dict[str, str]) -> dict[str, str]:
    """Every schema column's value from a node's or an edge's attributes (see :func:`pick`);
    ``columns`` learns which attribute (by its name in the file) gave each column."""
    got = {}
    for column, candidates in aliases.items():
        value, alias = pick(attrs, candidates, used)
        got[column] = value
        if alias:
            columns.setdefault(column, names.get(alias, alias))
    return got


def value_lookup(table: str, column: str, prefix: str, extra: dict[str, str] | None = None
                 ) -> dict[str, str]:
    """Normalised spellings (value, English and Spanish label) → allowed value of a column
    with an enum; ``prefix`` is the catalogue's for its labels ("kind" → "kind.ngo")."""
    values = tables()[table].field(column).enum or ()
    lookup = {normalise(v): v for v in values}
    for v in values:
        for lang in ("en", "es"):
            lookup.setdefault(normalise(t(f"{prefix}.{v}", lang)), v)
    lookup.update(extra or {})
    return lookup


def domains_lookup() -> dict[str, str]:
    """Like :func:`value_lookup` for an actor's domains, whose values are in a pattern."""
    pattern = tables()["actors"].field("domains").pattern or ""
    values = re.findall(r"[a-z_]{4,}", pattern.split("(;")[0])
    lookup = {normalise(v): v for v in values}
    for v in values:
        for lang in ("en", "es"):
            lookup.setdefault(normalise(t(f"domain.{v}", lang)), v)
    return lookup


def year_in(text: str) -> str:
    """The year in "1998", "1998-05-01", "12/05/1998" or "1998.0"; other text unchanged,
    so that validation reports it.

    >>> year_in("1998-05-01"), year_in("1998.0"), year_in("long ago")
    ('1998', '1998', 'long ago')
    """
    match = re.search(r"(?<!\d)(\d{4})(?!\d)", text)
    return match.group(1) if match else text
