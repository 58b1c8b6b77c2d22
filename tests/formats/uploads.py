"""What the upload tests share: the hostile corpus and the minimal data set, and ways to
upload them and read the problems back."""

from __future__ import annotations

import csv
import io
import zipfile
from pathlib import Path

from openpyxl import load_workbook

from network.formats.template import template_xlsx
from network.formats.upload import UploadResult, read_upload
from network.model.schema import BUNDLED_DATA, TABLE_ORDER

HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile"
MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"
E, W = "error", "warning"


def upload_case(name: str, **kwargs) -> UploadResult:
    folder = HOSTILE / name
    return read_upload([(p.name, p.read_bytes()) for p in sorted(folder.iterdir())], **kwargs)


def problems(result: UploadResult) -> list[tuple]:
    return [(p.severity, p.key, p.table, p.row, p.column) for p in result.report.problems]


def minimal_files() -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(MINIMAL.glob("*.csv"))]


def zipped(files: list[tuple[str, bytes]], prefix: str = "") -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            archive.writestr(prefix + name, data)
    return buffer.getvalue()


def filled_template(lang: str = "en") -> bytes:
    book = load_workbook(io.BytesIO(template_xlsx(lang)))
    for name in TABLE_ORDER:
        with (BUNDLED_DATA / f"{name}.csv").open(encoding="utf-8", newline="") as fh:
            rows = list(csv.reader(fh))
        ws = book[name]
        assert [c.value for c in ws[1]] == rows[0]
        for row in rows[1:]:
            ws.append(row)
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def bundled_files() -> list[tuple[str, bytes]]:
    return [(f"{name}.csv", (BUNDLED_DATA / f"{name}.csv").read_bytes()) for name in TABLE_ORDER]

