"""What every upload reader shares: the state it fills in and the checks every format needs.

:class:`ReadState` carries the report being filled, the limits, the title and licences
found, where each table's rows came from (:class:`SourceLabel`, to point problems back at
the upload) and the defaults assumed. A reader that finds a problem it cannot read past
puts it in the report and raises :class:`Stop` (:meth:`ReadState.stop`), which the entry
point turns into a result with no data set.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from typing import NoReturn

import pandas as pd

from network.model.dataset import UNTITLED, Licence
from network.model.limits import MB, Limits
from network.model.problems import Report
from network.model.schema import tables

#: Columns a table may have (a file with thousands is not a table of this schema).
MAX_COLUMNS = 200

#: An assumption as (catalogue key, its parameters), to render in any language.
Assumption = tuple[str, tuple[tuple[str, object], ...]]


class Stop(Exception):
    """Raised inside a reader once the problem is in the report: stop reading."""


@dataclass
class SourceLabel:
    """Where the rows of one validated table came from, to point problems back at them."""

    table: str  # file or "book.xlsx › sheet"
    rows: dict[int, int] | None = None  # row in the table → row (or line) in the upload
    columns: dict[str, str] = field(default_factory=dict)  # schema column → upload column


@dataclass
class ReadState:
    """What the readers of one upload learn as they go (see the module docstring)."""

    report: Report
    limits: Limits
    kind: str = ""
    title: str = UNTITLED
    licences: tuple[Licence, ...] = ()
    labels: dict[str, SourceLabel] = field(default_factory=dict)  # "actors.csv" → label
    assumed: list[Assumption] = field(default_factory=list)
    positions: object = None  # a layout computed before for these tables (from a cache)
    #: told each stage as it starts ("read", "check", "layout"): a background job's progress
    progress: Callable[[str], None] | None = None

    def step(self, stage: str) -> None:
        if self.progress is not None:
            self.progress(stage)

    def assume(self, key: str, **params: object) -> None:
        self.assumed.append((key, tuple(params.items())))

    def stop(self, table: str, key: str, row: int | None = None, column: str | None = None,
             /, **params: object) -> NoReturn:
        self.report.error(table, key, row, column, **params)
        raise Stop


def safe_name(name: object) -> str:
    """The base name of an uploaded file, as text fit to show (no path, no control chars)."""
    text = str(name or "").replace("\\", "/").rsplit("/", 1)[-1]
    text = "".join(c for c in text if c.isprintable()).strip()
    return text[:120] or "upload"


def megabytes(size: int) -> str:
    """``size`` in MB as messages show it: "2.5", "50"."""
    return f"{size / MB:.1f}".rstrip("0").rstrip(".")


def check_rows(count: int, where: str, state: ReadState) -> None:
    if count > state.limits.max_rows:
        state.stop(where, "upload.too_many_rows", limit=state.limits.max_rows)


def check_columns(count: int, where: str, state: ReadState) -> None:
    if count > MAX_COLUMNS:
        state.stop(where, "upload.too_many_columns", count=count, limit=MAX_COLUMNS)


def table_frame(rows: list[dict[str, str]], name: str) -> pd.DataFrame:
    """Rows as the schema table ``name`` (its columns, in order; rows numbered from 2 as
    in a spreadsheet)."""
    columns = list(tables()[name].columns)
    frame = pd.DataFrame([[r.get(c, "") for c in columns] for r in rows], columns=columns,
                         dtype=object)
    frame.index = pd.Index(range(2, len(rows) + 2), name="row")
    return frame
