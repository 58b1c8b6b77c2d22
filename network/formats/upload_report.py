"""The report of an upload, made fit to read once the tables are validated.

Problems found in the tables validation saw (``actors.csv``, row 2, ``kind``) are pointed
back at the upload (``kumu.xlsx › Elements``, row 5, ``Type``); missing or empty optional
tables (discourses) warn instead of blocking; a long list is cut with a count of the rest.
"""

from __future__ import annotations

from dataclasses import replace

import pandas as pd

from network.formats.upload_state import ReadState, SourceLabel, table_frame
from network.model.problems import Problem, Report
from network.model.schema import TABLE_ORDER

#: Tables an upload may leave out or leave empty (a warning, not an error).
OPTIONAL_TABLES = ("discourses", "actor_discourses")
#: Errors, and warnings, listed one by one; the rest are counted in one last message.
MAX_LISTED = 500
#: Upload kinds mapped from a graph, whose empty discourse tables are an assumption.
GRAPH_KINDS = ("kumu", "graphml", "gexf")


def fill_optional_tables(raw: dict[str, pd.DataFrame], state: ReadState) -> None:
    """Let discourses be left out: an empty table in place of a missing one."""
    for name in OPTIONAL_TABLES:
        if name not in raw:
            raw[name] = table_frame([], name)
            state.report.problems[:] = [
                p for p in state.report.problems
                if not (p.key == "v.missing_table" and dict(p.params).get("table") == name)]


def relabel(report: Report, start: int, labels: dict[str, SourceLabel]) -> None:
    """Point the problems from ``start`` on at the upload's files, rows and columns."""
    for i in range(start, len(report.problems)):
        p = report.problems[i]
        label = labels.get(p.table)
        if label is None:
            continue
        row = p.row
        if row is not None and label.rows is not None:
            row = label.rows.get(row)
        column = label.columns.get(p.column, p.column) if p.column else p.column
        report.problems[i] = replace(p, table=label.table, row=row, column=column)


def soften(report: Report, start: int, raw: dict[str, pd.DataFrame], state: ReadState) -> None:
    """Empty optional tables warn instead of blocking; all-empty tables give one message."""
    problems = report.problems
    empty = [name for name in TABLE_ORDER if name in raw and len(raw[name]) == 0]
    if len(empty) == len(TABLE_ORDER):
        kept = [p for p in problems[start:] if p.key != "v.empty_table"]
        problems[start:] = kept
        actors_at = state.labels.get("actors.csv", SourceLabel("actors.csv")).table
        problems.insert(start, Problem("error", actors_at, "upload.only_headers"))
        return
    messages = {"discourses": "upload.no_discourses", "actor_discourses": "upload.no_endorsements"}
    message_at = {state.labels.get(f"{name}.csv", SourceLabel(f"{name}.csv")).table: key
             for name, key in messages.items()}
    kept = problems[:start]
    for p in problems[start:]:
        key = message_at.get(p.table) if p.key == "v.empty_table" else None
        if key is None:
            kept.append(p)
        elif state.kind not in GRAPH_KINDS:  # a graph's are said once among the assumptions
            kept.append(replace(p, severity="warning", key=key))
    problems[:] = kept


def shorten(report: Report) -> None:
    """At most MAX_LISTED errors and as many warnings; one message counts the rest."""
    kept: list[Problem] = []
    seen = {"error": 0, "warning": 0}
    dropped = {"error": 0, "warning": 0}
    for p in report.problems:
        seen[p.severity] = seen.get(p.severity, 0) + 1
        if seen[p.severity] <= MAX_LISTED:
            kept.append(p)
        else:
            dropped[p.severity] = dropped.get(p.severity, 0) + 1
    if sum(dropped.values()):
        # counted as neither: the totals add the unlisted ones
        kept.append(Problem("note", "upload", "upload.more_problems",
                            params=(("count", sum(dropped.values())),)))
        report.problems[:] = kept
        report.unlisted_errors, report.unlisted_warnings = dropped["error"], dropped["warning"]
