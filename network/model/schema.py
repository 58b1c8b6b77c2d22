"""The table schema, written once in ``data/datapackage.json`` and read from there.

Every other module asks this one which tables and columns exist, their types and their
allowed values, so that the data package, the validator, the template and the README
cannot drift apart.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

BUNDLED_DATA = Path(__file__).resolve().parents[2] / "data"
SCHEMA_FILE = BUNDLED_DATA / "datapackage.json"

#: Tables in the order they are loaded and checked (references point backwards).
TABLE_ORDER = ("sources", "networks", "actors", "ties", "discourses", "actor_discourses")

LEVELS = ("local", "national", "latin_american", "global")
CERTAINTIES = ("stated", "sourced", "inferred")
#: Relations that go both ways (working together): drawn without an arrowhead. An undirected
#: graph's edges, whose relation an upload assumes, are of this kind.
MUTUAL_RELATIONS = ("collaborates",)
#: The kinds of actor that are NGOs (an NGO with no type is "an NGO, type not given", never
#: "not an NGO").
NGO_KINDS: tuple[str, ...] = ("ngo", "ngo_network")


@dataclass(frozen=True)
class Field:
    """One column of a table, as the Table Schema declares it."""

    name: str
    type: str  # "string" | "integer" | "number" | "boolean"
    required: bool = False
    unique: bool = False
    enum: tuple[str, ...] | None = None
    pattern: str | None = None
    minimum: float | None = None
    maximum: float | None = None
    description: str = ""


@dataclass(frozen=True)
class ForeignKey:
    column: str
    table: str
    ref_column: str


@dataclass(frozen=True)
class Table:
    name: str
    path: str
    fields: tuple[Field, ...]
    primary_key: tuple[str, ...]
    foreign_keys: tuple[ForeignKey, ...] = field(default_factory=tuple)
    title: str = ""
    description: str = ""

    @property
    def columns(self) -> tuple[str, ...]:
        return tuple(f.name for f in self.fields)

    def field(self, name: str) -> Field:
        for f in self.fields:
            if f.name == name:
                return f
        raise KeyError(f"table {self.name!r} has no column {name!r}")


def _as_tuple(value: str | list[str]) -> tuple[str, ...]:
    return (value,) if isinstance(value, str) else tuple(value)


def parse_schema(package: dict[str, Any]) -> dict[str, Table]:
    """Turn a Frictionless ``datapackage.json`` dict into :class:`Table` objects."""
    tables: dict[str, Table] = {}
    for res in package["resources"]:
        schema = res["schema"]
        fields = []
        for f in schema["fields"]:
            c = f.get("constraints", {})
            enum = c.get("enum")
            fields.append(
                Field(
                    name=f["name"],
                    type=f.get("type", "string"),
                    required=bool(c.get("required", False)),
                    unique=bool(c.get("unique", False)),
                    enum=tuple(enum) if enum else None,
                    pattern=c.get("pattern"),
                    minimum=c.get("minimum"),
                    maximum=c.get("maximum"),
                    description=f.get("description", ""),
                )
            )
        fks = tuple(
            ForeignKey(fk["fields"], fk["reference"]["resource"], fk["reference"]["fields"])
            for fk in schema.get("foreignKeys", [])
        )
        tables[res["name"]] = Table(
            name=res["name"],
            path=res["path"],
            fields=tuple(fields),
            primary_key=_as_tuple(schema.get("primaryKey", [])),
            foreign_keys=fks,
            title=res.get("title", res["name"]),
            description=res.get("description", ""),
        )
    return tables


@cache
def package_descriptor() -> dict[str, Any]:
    """The bundled ``datapackage.json`` as a dict (read once; do not mutate)."""
    descriptor: dict[str, Any] = json.loads(SCHEMA_FILE.read_text(encoding="utf-8"))
    return descriptor


@cache
def tables() -> dict[str, Table]:
    """The project's schema: every table the app reads, keyed by name."""
    return parse_schema(package_descriptor())


def enum_values(table: str, column: str) -> tuple[str, ...]:
    """Allowed values of an enumerated column, in schema order."""
    values = tables()[table].field(column).enum
    if values is None:
        raise KeyError(f"{table}.{column} is not an enumerated column")
    return values


DOMAINS = ("organic_production", "social_responsibility", "sustainable_production")
