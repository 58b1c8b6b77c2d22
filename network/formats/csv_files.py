"""Table CSVs: several uploaded CSV files, or a ZIP data package holding them.

A file is a table by its name (``actors.csv``, ``ties.txt``...); ``datapackage.json`` gives
the title and licences. CSVs none of which is named like a table may hold a graph: a table
of edges, with or without one of nodes (:mod:`~network.formats.graph_csv`). The files
are written under our own names in a temporary folder and read by
:func:`network.model.loader.read_folder`, like the bundled data.
"""

from __future__ import annotations

import json
import tempfile
import zipfile
from pathlib import Path

import pandas as pd

from network.formats.archive import Budget, read_member
from network.formats.graph_csv import graph_of_csvs, title_of
from network.formats.graph_tables import graph_tables
from network.formats.sniff import refuse_non_text, sniff
from network.formats.upload_report import fill_optional_tables
from network.formats.upload_state import ReadState, check_columns, check_rows
from network.model.loader import read_folder
from network.model.schema import TABLE_ORDER


def table_of_file(name: str) -> str | None:
    """The table a file holds by its name ("Actors.csv " → "actors"), else None."""
    stem, dot, ext = name.strip().lower().rpartition(".")
    if dot and ext in ("csv", "txt") and stem.strip() in TABLE_ORDER:
        return stem.strip()
    return None


def read_csv_files(files: list[tuple[str, bytes]], state: ReadState) -> dict[str, pd.DataFrame]:
    """Table CSVs given as (name, bytes): checked, then read by the loader. When none is
    named like a table, a table of edges (with or without one of nodes) is read as a graph
    (:mod:`~network.formats.graph_csv`)."""
    chosen: dict[str, tuple[str, bytes]] = {}
    titled = False
    for name, data in files:
        if name.lower() == "datapackage.json":
            titled = _metadata(name, data, state)
    files = [(name, data) for name, data in files if name.lower() != "datapackage.json"]
    if files and not any(table_of_file(name) for name, _ in files):
        for name, data in files:
            refuse_non_text(name, sniff(data), state)
        graph = graph_of_csvs(files, state)
        if graph is not None:
            if not titled:
                state.title = title_of(graph)
            return graph_tables(graph, state)
    for name, data in files:
        table = table_of_file(name)
        if table is None:
            if len(files) == 1:  # the only file: nothing else could be read
                state.stop(name, "upload.unknown_file", tables=", ".join(TABLE_ORDER))
            state.report.warning(name, "upload.unknown_file", tables=", ".join(TABLE_ORDER))
            continue
        if table in chosen:
            state.stop(name, "upload.duplicate_table", table=table, first=chosen[table][0],
                       second=name)
        refuse_non_text(name, sniff(data), state)
        chosen[table] = (name, data)
    with tempfile.TemporaryDirectory(prefix="redes-upload-") as tmp:
        folder = Path(tmp)
        for table, (_, data) in chosen.items():
            (folder / f"{table}.csv").write_bytes(data)  # our own name: no path from the user
        raw = read_folder(folder, state.report)
    fill_optional_tables(raw, state)
    for table in raw:
        check_rows(len(raw[table]), f"{table}.csv", state)
        check_columns(raw[table].shape[1], f"{table}.csv", state)
    return raw


def _metadata(name: str, data: bytes, state: ReadState) -> bool:
    """Title and licences from ``datapackage.json`` (whether it gave a title); a warning
    when it cannot be read."""
    try:
        meta = json.loads(data.decode("utf-8-sig"))
        title = meta.get("title") or meta.get("name")
        if title:
            state.title = str(title)[:200]
        licences = meta.get("licenses") or ()
        state.licences = tuple(dict(x) for x in licences if isinstance(x, dict))
        return bool(title)
    except (ValueError, AttributeError, TypeError):
        state.report.warning(name, "upload.bad_datapackage")
        return False


def read_zip_package(name: str, archive: zipfile.ZipFile, members: dict[str, zipfile.ZipInfo],
                     budget: Budget, state: ReadState) -> dict[str, pd.DataFrame]:
    """A ZIP data package: the table CSVs at its top level or in one folder."""
    state.kind = "zip"
    wanted = _wanted_members(name, members, state)
    files: list[tuple[str, bytes]] = []
    seen: dict[str, str] = {}
    for path, info in wanted:
        base = path.rsplit("/", 1)[-1]
        key = table_of_file(base) or "datapackage.json"
        if key in seen:
            state.stop(name, "upload.duplicate_table", table=key, first=seen[key], second=path)
        seen[key] = path
        files.append((base, read_member(archive, info, name, budget, state)))
    state.title = Path(name).stem
    return read_csv_files(files, state)


def _wanted_members(name: str, members: dict[str, zipfile.ZipInfo],
                    state: ReadState) -> list[tuple[str, zipfile.ZipInfo]]:
    """The tables and ``datapackage.json`` at most one folder deep, skipping the hidden
    files of macOS and others; other CSVs are warned about; no table at all stops."""
    wanted: list[tuple[str, zipfile.ZipInfo]] = []
    for path, info in members.items():
        parts = [p for p in path.split("/") if p]
        if info.is_dir() or not parts or len(parts) > 2:
            continue
        if parts[0] == "__MACOSX" or any(p.startswith(".") for p in parts):
            continue
        base = parts[-1]
        if base.lower() == "datapackage.json" or table_of_file(base):
            wanted.append((path, info))
        elif base.lower().endswith(".csv"):
            state.report.warning(f"{name} › {path}", "upload.unknown_file",
                                 tables=", ".join(TABLE_ORDER))
    if not any(table_of_file(path.rsplit("/", 1)[-1]) for path, _ in wanted):
        state.stop(name, "upload.zip_no_tables")
    return wanted
