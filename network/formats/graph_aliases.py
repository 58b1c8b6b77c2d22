"""How the attributes of an uploaded graph are matched, loosely, onto the schema.

Attribute names: "Type", "tipo" or "category" give an actor's kind (:data:`NODE_ALIASES`,
:data:`EDGE_ALIASES`); drawing attributes are dropped quietly (:data:`DRAWING`). Values may
be the schema's, their English or Spanish labels ("Government agency", "es miembro de") or
everyday synonyms (:data:`WORDS`: "Agencia del Estado", "Financia", "Forma parte de"),
matched after :func:`~network.formats.uploaded_graph.normalise` (:func:`value_lookup`);
years are found in dates (:func:`year_in`). The same words are read in the template's
own tables (:func:`read_words`), with a warning for each.
"""

from __future__ import annotations

import re

import pandas as pd

from network.formats.uploaded_graph import normalise
from network.model.problems import Report
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
#: Everyday English and Spanish words for the values of the columns with a fixed list,
#: besides the schema's values and their labels in the catalogue (matched after
#: :func:`~network.formats.uploaded_graph.normalise`: case, accents and punctuation aside).
#: "regional" is left out on purpose: a Peruvian region is below the nation, an African
#: one above it.
WORDS: dict[str, dict[str, tuple[str, ...]]] = {
    "kind": {
        "ngo": ("ong", "nonprofit", "non profit", "not for profit", "sin fines de lucro",
                "asociacion civil", "civil society organisation", "civil society organization",
                "cso", "osc", "organizacion de la sociedad civil", "non governmental organisation",
                "non governmental organization", "organizacion no gubernamental"),
        "ngo_network": ("red de ongs", "network of ngos", "ngo coalition", "coalicion de ong"),
        "producer_association": (
            "cooperative", "cooperativa", "asociacion de productores", "producers association",
            "producer organisation", "producer organization", "organizacion de productores",
            "farmers association", "farmer organisation", "farmer organization",
            "growers association", "asociacion de agricultores", "asociacion de campesinos"),
        "sme_group": ("company", "business", "firm", "enterprise", "private company", "sme",
                      "smes", "empresa", "empresa privada", "pyme", "pymes", "mype", "mypes",
                      "microempresa"),
        "business_association": ("gremio", "business association", "trade association",
                                 "asociacion empresarial", "camara de comercio",
                                 "chamber of commerce", "industry association"),
        "government_agency": (
            "government", "gobierno", "state agency", "public agency", "public body",
            "government body", "government department", "ministry", "municipality",
            "local government", "regional government", "national government", "agencia del estado",
            "agencia estatal", "organismo del estado", "organismo publico", "organismo estatal",
            "entidad publica", "entidad del estado", "entidad estatal", "gobierno local",
            "gobierno regional", "gobierno nacional", "ministerio", "municipalidad", "municipio"),
        "intergovernmental_agency": (
            "organismo internacional", "organizacion internacional", "organismo multilateral",
            "international organisation", "international organization", "multilateral",
            "intergovernmental organisation", "intergovernmental organization", "igo",
            "un agency", "agencia de naciones unidas"),
        "platform": ("plataforma", "market", "mercado", "marketplace", "feria", "fair"),
        "international_network": ("red internacional", "red global", "global network"),
        "funder": ("donor", "donante", "financiador", "financiadora", "cooperacion",
                   "cooperacion internacional", "agencia de cooperacion", "cooperation agency",
                   "development agency", "bilateral donor"),
        "project": ("proyecto", "programa", "programme", "program"),
    },
    "ngo_type": {
        "conventional": ("convencional",), "producer": ("productores", "de productores"),
        "market": ("mercado", "de mercado"), "business": ("empresarial",),
        "technocratic": ("tecnocratica", "tecnocratico"),
        "gongo": ("organizada por el estado", "government organised"),
    },
    "sector": {
        "state": ("estado", "estatal", "publico", "sector publico", "public", "public sector",
                  "government", "gobierno", "governmental", "gubernamental"),
        "market": ("privado", "sector privado", "private", "private sector", "business",
                   "empresa", "empresarial", "for profit", "con fines de lucro"),
        "civil_society": ("sociedad civil", "tercer sector", "third sector", "non profit",
                          "nonprofit", "sin fines de lucro", "ngo", "ong"),
    },
    "level": {
        "local": ("municipal", "distrital", "district", "comunal", "community", "comunitario"),
        "national": ("nacional", "country", "pais", "countrywide"),
        "latin_american": ("latinoamericano", "latin america", "america latina",
                           "latinoamerica", "sudamericano", "south american", "andino",
                           "andean"),
        "global": ("internacional", "international", "mundial", "worldwide", "world"),
    },
    "relation": {
        # only words that say the source funds the target: "financiado por" / "funded by"
        # say the reverse, and the ends of a tie are never swapped behind the user's back
        "funds": ("financia", "financia a", "finances", "funding", "fund", "financiamiento",
                  "financiacion", "dona a", "donates to", "grant", "grants to", "subvenciona"),
        "coordinates": ("coordina con", "coordinates with", "coordination", "coordinacion"),
        "collaborates": ("colabora", "collaborates", "collaboration", "colaboracion",
                         "partner", "partners with", "alianza", "alliance", "works with",
                         "trabaja con", "cooperates with", "coopera con"),
        "part_of": ("forma parte de", "part of", "belongs to", "pertenece a", "integra"),
        "member_of": ("miembro de", "member", "member of", "membership", "afiliado a",
                      "affiliated to", "affiliated with"),
        "supplies": ("abastece", "provee", "provee a", "proveedor de", "sells to", "vende a"),
        "sells_at": ("vende en", "sells in"),
        "advises": ("asesora", "advice", "asesoria", "asistencia tecnica",
                    "technical assistance", "capacita a", "trains"),
        "founded": ("fundo", "founder of", "fundador de", "creo", "created", "established"),
    },
}
KIND_WORDS = {normalise(w): v for v, words in WORDS["kind"].items() for w in words}
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
    for value, words in WORDS.get(prefix, {}).items():
        for word in words:
            lookup.setdefault(normalise(word), value)
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


#: The columns of the template's tables whose everyday words are read as their values:
#: table → (column, catalogue prefix of its labels).
TABLE_WORDS = {"actors": (("kind", "kind"), ("ngo_type", "ngo_type"), ("sector", "sector"),
                          ("level", "level")),
               "ties": (("relation", "relation"),)}


def read_words(raw: dict[str, pd.DataFrame], report: Report) -> None:
    """In the tables of an upload, each cell of a column with a fixed list that holds a
    label or an everyday word of a value ("Agencia del Estado", "Financia") becomes that
    value, in place; one warning per word says what it was read as (the others are left for
    validation to report)."""
    for table, columns in TABLE_WORDS.items():
        frame = raw.get(table)
        if frame is None or frame.empty:
            continue
        for column, prefix in columns:
            if column not in frame.columns:
                continue
            lookup = value_lookup(table, column, prefix)
            allowed = set(tables()[table].field(column).enum or ())
            first: dict[str, tuple[object, str, int]] = {}  # word → (row, value, count)
            for row, cell in frame[column].items():
                text = str(cell).strip()
                value = lookup.get(normalise(text)) if text and text not in allowed else None
                if value:
                    frame.at[row, column] = value
                    at, _, count = first.get(text, (row, value, 0))
                    first[text] = (at, value, count + 1)
            for text, (row, value, count) in first.items():
                report.warning(f"{table}.csv", "upload.read_as", _row(row), column,
                               found=text[:60], value=value, count=count)


def _row(label: object) -> int | None:
    return int(label) if isinstance(label, int | str) and str(label).isdigit() else None
