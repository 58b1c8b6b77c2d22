"""Files the load test uploads: the bundled data's CSV files (each upload made distinct by a
token, so the store keeps a new data set), the same as one XLSX workbook (a sheet per
table, as the template), and a heavy workbook for the heavy-upload fault.
"""

from __future__ import annotations

import csv
import io
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / "data"
TABLES = ("sources", "networks", "discourses", "actors", "ties", "actor_discourses")
XLSX_MIME = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def bundled_csvs(data: Path = DATA) -> list[tuple[str, bytes]]:
    """The bundled tables as (file name, bytes)."""
    return [(f"{table}.csv", (data / f"{table}.csv").read_bytes()) for table in TABLES]


def distinct_csvs(files: list[tuple[str, bytes]], token: str) -> list[tuple[str, bytes]]:
    """The same tables with ``token`` added to the first actor's note: another content key,
    so the upload is stored as a data set of its own."""
    out = []
    for name, body in files:
        if name == "actors.csv":
            rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
            note = rows[0].index("note")
            rows[1][note] = f"{rows[1][note]} (load test {token})".strip()
            buffer = io.StringIO()
            csv.writer(buffer, lineterminator="\n").writerows(rows)
            body = buffer.getvalue().encode("utf-8")
        out.append((name, body))
    return out


def workbook(tables: dict[str, list[list[str]]]) -> bytes:
    """An XLSX workbook with a sheet per table (header row first)."""
    from openpyxl import Workbook

    book = Workbook(write_only=True)
    for table, rows in tables.items():
        sheet = book.create_sheet(table)
        for row in rows:
            sheet.append(row)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def bundled_xlsx(data: Path = DATA) -> bytes:
    """The bundled data as one workbook, as a user fills in the template."""
    tables = {}
    for table in TABLES:
        with (data / f"{table}.csv").open(newline="", encoding="utf-8-sig") as fh:
            tables[table] = list(csv.reader(fh))
    return workbook(tables)


def heavy_xlsx(actors: int = 20_000, ties_per_actor: float = 1.0, pad: int = 60) -> bytes:
    """A big workbook in the schema (the bench's synthetic network, ``actors`` rows, within
    the default row limit), with ``pad`` characters of description per actor to add cells'
    weight: what a heavy but legitimate upload looks like."""
    import tempfile

    from bench.generate import write_package

    with tempfile.TemporaryDirectory(prefix="redes-heavy-") as folder:
        package = write_package(Path(folder), actors, ties_per_actor=ties_per_actor)
        tables = {}
        for table in TABLES:
            with (package / f"{table}.csv").open(newline="", encoding="utf-8-sig") as fh:
                rows = list(csv.reader(fh))
            if table == "actors":
                column = rows[0].index("description")
                for row in rows[1:]:
                    row[column] = (row[column] + " " + "x" * pad)[:max(pad, len(row[column]))]
            tables[table] = rows
    return workbook(tables)
