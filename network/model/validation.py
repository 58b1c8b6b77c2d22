"""Check raw tables against the schema and turn them into typed tables.

All problems are collected in one :class:`~network.model.problems.Report` (nothing stops at the
first fault), each with table, row and column. Rows with errors are still reported in
full, but a package with any error is not loaded.
"""

from __future__ import annotations

import math
import re
from collections.abc import Hashable, Iterator
from typing import Any, cast

import pandas as pd

from network.model.problems import Report
from network.model.schema import TABLE_ORDER, Field, Table, enum_values, tables

EVIDENCE_SPLIT = re.compile(r"\s*;\s*")
_TRUE = {"true", "yes", "1", "verdadero", "sí", "si"}
_FALSE = {"false", "no", "0", "falso"}
_INT_LIMIT = 2**63 - 1  # integer columns are 64-bit
#: founded_certainty of an actor whose founding year no source gives (founded is empty)
UNKNOWN = "unknown"
#: The thesis summary's source id: what the thesis says of an actor cites it.
THESIS = "S0"
#: Attribute certainties (table, column) that default to the row's certainty when empty:
#: a row stated as a whole states its level and network unless it says otherwise.
ATTRIBUTE_CERTAINTIES = (("actors", "level_certainty"), ("ties", "network_certainty"))
_PATTERN_HINTS = {
    "^[a-z0-9_]+$": "lower-case letters, digits and _ only / solo minúsculas, dígitos y _",
}


def _file(name: str) -> str:
    return f"{name}.csv"


def _convert(value: str, f: Field, table: str, row: int, report: Report) -> object:
    """Convert one non-empty cell, reporting (and returning None for) what does not fit."""
    file = _file(table)
    if f.type == "integer":
        text = value[:-2] if value.endswith(".0") else value
        if not re.fullmatch(r"[+-]?\d+", text):
            report.error(file, "v.not_integer", row, f.name, value=value)
            return None
        number: float | int = int(text)
    elif f.type == "number":
        try:
            # + 0.0 makes "-0" a plain 0: a negative zero would hash one way in the content
            # key and be written another way in the stored package
            number = float(value.replace(",", ".") if value.count(",") == 1 else value) + 0.0
        except ValueError:
            number = math.nan
        if not math.isfinite(number):  # "nan", "inf" parse as floats but are not numbers
            report.error(file, "v.not_number", row, f.name, value=value)
            return None
    elif f.type == "boolean":
        low = value.lower()
        if low in _TRUE:
            return True
        if low in _FALSE:
            return False
        report.error(file, "v.not_boolean", row, f.name, value=value)
        return None
    else:
        if f.enum is not None and value not in f.enum:
            report.error(file, "v.not_allowed", row, f.name, value=value,
                         allowed=", ".join(f.enum))
            return None
        if f.pattern and not re.fullmatch(f.pattern, value):
            hint = _PATTERN_HINTS.get(f.pattern, f.pattern)
            if f.name == "evidence":
                hint = "S0;E12"
            report.error(file, "v.pattern", row, f.name, value=value, hint=hint)
            return None
        return value
    if f.minimum is not None and number < f.minimum:
        report.error(file, "v.too_small", row, f.name, value=value, limit=f.minimum)
        return None
    if f.maximum is not None and number > f.maximum:
        report.error(file, "v.too_large", row, f.name, value=value, limit=f.maximum)
        return None
    if abs(number) > _INT_LIMIT:  # would overflow the column (and crash the load)
        key = "v.too_large" if number > 0 else "v.too_small"
        report.error(file, key, row, f.name, value=value,
                     limit=_INT_LIMIT if number > 0 else -_INT_LIMIT)
        return None
    return number


def _typed_table(raw: pd.DataFrame, spec: Table, report: Report) -> pd.DataFrame:
    name = _file(spec.name)
    if raw.shape[1] == 0 or len(raw) == 0:
        report.error(name, "v.empty_table")
    repeated = raw.columns.duplicated()
    for col, again in zip(raw.columns, repeated, strict=True):
        # A second column with the same heading is ignored, like an unknown one.
        if again or col not in spec.columns:
            report.warning(name, "v.unknown_column", None, col)
    raw = raw.loc[:, ~repeated]
    present = set(raw.columns)
    for f in spec.fields:
        if f.name not in present and f.required:
            report.error(name, "v.missing_column", None, f.name, column=f.name)

    columns: dict[str, list[object]] = {}
    for f in spec.fields:
        values: list[object] = []
        source = raw[f.name] if f.name in present else pd.Series([""] * len(raw), index=raw.index)
        for row, cell in source.items():
            text = "" if cell is None else str(cell).strip()
            if text == "":
                if f.required and f.name in present:
                    report.error(name, "v.required", _line(row), f.name)
                values.append(None if f.type != "string" else "")
                continue
            values.append(_convert(text, f, spec.name, _line(row), report))
        columns[f.name] = values
    frame = pd.DataFrame(columns, index=raw.index)
    for f in spec.fields:
        if f.type == "integer":
            frame[f.name] = frame[f.name].astype("Int64")
        elif f.type == "number":
            frame[f.name] = pd.to_numeric(frame[f.name], errors="coerce").astype(float)
        elif f.type == "string":
            frame[f.name] = frame[f.name].fillna("").astype(str)
    return frame


def _line(label: Hashable) -> int:
    """A row label of a read table as its line number (the reader indexes rows by line)."""
    return int(cast(int, label))


def _check_unique(frame: pd.DataFrame, spec: Table, report: Report) -> None:
    key = list(spec.primary_key)
    if not key or not set(key) <= set(frame.columns):
        return
    first: dict[tuple[object, ...], int] = {}
    for row, values in zip(frame.index, frame[key].itertuples(index=False), strict=True):
        if any(v in ("", None) for v in values):
            continue
        if values in first:
            report.error(_file(spec.name), "v.duplicate", _line(row), "+".join(key),
                         value="/".join(map(str, values)), other=first[values])
        else:
            first[values] = _line(row)


def _check_references(typed: dict[str, pd.DataFrame], report: Report) -> None:
    specs = tables()
    ids = {name: set(frame["id"]) for name, frame in typed.items() if "id" in frame}
    for name, frame in typed.items():
        for fk in specs[name].foreign_keys:
            if fk.table not in ids:
                continue
            known = ids[fk.table]
            for row, value in frame[fk.column].items():
                if value and value not in known:
                    report.error(_file(name), "v.unknown_reference", _line(row), fk.column,
                                 value=value, ref=fk.table)
        if "evidence" in frame and "sources" in ids:
            for row, value in frame["evidence"].items():
                for source in filter(None, EVIDENCE_SPLIT.split(value or "")):
                    if source not in ids["sources"]:
                        report.error(_file(name), "v.unknown_source", _line(row), "evidence",
                                     value=source)


def _records(frame: pd.DataFrame, columns: list[str]) -> Iterator[tuple[Any, ...]]:
    """(row number, values...) per row; far faster than ``iterrows`` on large tables."""
    values = frame[columns].astype(object).where(frame[columns].notna(), None)
    return zip(frame.index, *(values[c] for c in columns), strict=True)


def _blank(raw: pd.DataFrame | None, column: str) -> pd.Series | None:
    """Which cells of a raw column are empty (None when there is no such column)."""
    if raw is None or column not in raw.columns or raw.columns.duplicated().any():
        return None
    return raw[column].map(lambda v: v is None or str(v).strip() == "")


def _check_rules(typed: dict[str, pd.DataFrame], report: Report,
                 raw: dict[str, pd.DataFrame] | None = None) -> None:
    """Rules across columns and tables that a Table Schema cannot say."""
    actors = typed.get("actors")
    ties = typed.get("ties")
    if actors is not None:
        _check_actor_years(actors, report, (raw or {}).get("actors"))
    if ties is not None:
        _check_ties(ties, actors, report)
    _check_thesis_roles(typed, report)
    if actors is not None and ties is not None:
        _check_isolated_actors(actors, ties, report)
    _check_inferred_notes(typed, report)


def _check_actor_years(actors: pd.DataFrame, report: Report,
                       raw: pd.DataFrame | None) -> None:
    """An actor's years are in order, and its founding year's certainty agrees with it."""
    blank = _blank(raw, "founded")
    for row, first, last, certainty in _records(
            actors, ["founded", "active_until", "founded_certainty"]):
        if first is not None and last is not None and last < first:
            report.error("actors.csv", "v.years_reversed", _line(row), "active_until",
                         start=first, end=last)
        # An empty year is an unknown one, and says so: founded_certainty "unknown".
        # (A year that could not be read is reported already; it is not an empty one.)
        empty = first is None and (blank is None or bool(blank.get(row, True)))
        if empty and certainty and certainty != UNKNOWN:
            report.error("actors.csv", "v.year_empty_not_unknown", _line(row),
                         "founded_certainty", value=certainty)
        elif first is not None and certainty == UNKNOWN:
            report.error("actors.csv", "v.year_given_unknown", _line(row),
                         "founded_certainty", value=first)


def _check_ties(ties: pd.DataFrame, actors: pd.DataFrame | None, report: Report) -> None:
    """No self-loops, years in order, and (warnings) no tie outside its actors' years."""
    founded, ended = {}, {}
    if actors is not None:
        founded = dict(zip(actors["id"], actors["founded"], strict=True))
        ended = dict(zip(actors["id"], actors["active_until"], strict=True))
    for row, source, target, start, end in _records(
            ties, ["source", "target", "from_year", "to_year"]):
        if source and source == target:
            report.error("ties.csv", "v.self_loop", _line(row), "target", value=source)
        if start is not None and end is not None and end < start:
            report.error("ties.csv", "v.years_reversed", _line(row), "to_year",
                         start=start, end=end)
        for actor in (source, target):
            _check_tie_in_actor_years(report, row, actor, start, end,
                                      founded.get(actor), ended.get(actor))


def _check_tie_in_actor_years(report: Report, row: Hashable, actor: str, start: Any, end: Any,
                              founded: Any, until: Any) -> None:
    """Warn when the tie on ``row`` starts before ``actor`` was founded, or starts or ends
    after it was last active (``until``)."""
    if founded is not None and pd.notna(founded) and start is not None and start < founded:
        report.warning("ties.csv", "v.tie_before_actor", _line(row), "from_year",
                       start=start, actor=actor, founded=founded)
    if until is None or pd.isna(until):
        return
    if start is not None and start > until:
        report.warning("ties.csv", "v.tie_after_actor", _line(row), "from_year",
                       start=start, actor=actor, end=until)
    elif end is not None and end > until:
        report.warning("ties.csv", "v.tie_after_actor", _line(row), "to_year",
                       start=end, actor=actor, end=until)


def _check_isolated_actors(actors: pd.DataFrame, ties: pd.DataFrame, report: Report) -> None:
    """Warn about actors with no tie at all."""
    tied = set(ties["source"]) | set(ties["target"])
    for row, actor_id in actors["id"].items():
        if actor_id and actor_id not in tied:
            report.warning("actors.csv", "v.isolated_actor", _line(row), "id", value=actor_id)


def _check_inferred_notes(typed: dict[str, pd.DataFrame], report: Report) -> None:
    """Warn about rows whose certainty is "inferred" and whose note does not say why (in
    English or, where the table has ``note_es``, in Spanish)."""
    for name in ("actors", "ties", "actor_discourses"):
        frame = typed.get(name)
        if frame is None:
            continue
        missing = (frame["certainty"] == "inferred") & (frame["note"].str.strip() == "")
        if "note_es" in frame:
            missing &= frame["note_es"].str.strip() == ""
        for row in frame.index[missing]:
            report.warning(_file(name), "v.inferred_without_note", _line(row), "note")


def _check_thesis_roles(typed: dict[str, pd.DataFrame], report: Report) -> None:
    """What the thesis calls an actor (key, main or central) is a fact like any other: it
    names the domains or networks it is about, and its evidence cites the thesis (S0)."""
    actors, networks = typed.get("actors"), typed.get("networks")
    if actors is None or "thesis_central" not in actors:
        return
    known = set(enum_values("networks", "domain"))
    if networks is not None:
        known |= set(networks["id"])
    for row, key, central, evidence in _records(
            actors, ["thesis_key", "thesis_central", "evidence"]):
        for scope in filter(None, (central or "").split(";")):
            if scope not in known:
                report.error("actors.csv", "v.thesis_scope", _line(row), "thesis_central",
                             value=scope)
        cites = THESIS in EVIDENCE_SPLIT.split(evidence or "")
        if (key or central) and not cites:
            report.error("actors.csv", "v.thesis_uncited", _line(row), "evidence")


def validate(raw: dict[str, pd.DataFrame], report: Report) -> dict[str, pd.DataFrame]:
    """Check every table and return the typed tables (also when there are errors).

    The caller decides what to do with errors; :func:`network.model.dataset.load` refuses to
    build a dataset from a package that has any.
    """
    specs = tables()
    typed: dict[str, pd.DataFrame] = {}
    for name in TABLE_ORDER:
        if name not in raw:
            continue
        typed[name] = _typed_table(raw[name], specs[name], report)
        _check_unique(typed[name], specs[name], report)
    _check_references(typed, report)
    _check_rules(typed, report, raw)
    _fill_attribute_certainties(typed)
    return typed


def _fill_attribute_certainties(typed: dict[str, pd.DataFrame]) -> None:
    """An empty attribute certainty (a package written before the column existed, a table
    that leaves it out) takes the row's certainty, in place.

    >>> t = {"ties": pd.DataFrame({"certainty": ["stated", "inferred"],
    ...                            "network_certainty": ["inferred", ""]})}
    >>> _fill_attribute_certainties(t)
    >>> t["ties"]["network_certainty"].tolist()
    ['inferred', 'inferred']
    """
    for name, column in ATTRIBUTE_CERTAINTIES:
        frame = typed.get(name)
        if frame is None or column not in frame or "certainty" not in frame:
            continue
        empty = frame[column] == ""
        frame.loc[empty, column] = frame.loc[empty, "certainty"]
