"""ZIP archives that are the same bytes for the same files, and the date exports carry.

Every ZIP an export writes (the data package, the CSV tables, the evidence pack) goes
through :func:`zip_bytes`: entries in the order given, each stamped with the export's date at
midnight, so that a file made twice on one day is identical. (Reading an uploaded ZIP is
another matter, with its own guards: see the upload modules.)
"""

from __future__ import annotations

import datetime as dt
import io
import zipfile
from typing import TypeAlias

#: The date an export is made on: a date, a datetime, an ISO text, or None for today.
Today: TypeAlias = dt.date | dt.datetime | str | None

#: ZIP cannot hold a date before 1980.
_ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def export_date(today: Today) -> str:
    """The export's date as ISO text (``2026-03-14``); today's when ``today`` is None.

    >>> export_date(dt.datetime(2026, 3, 14, 9, 30)), export_date("2026-03-14")
    ('2026-03-14', '2026-03-14')
    """
    if today is None:
        return dt.date.today().isoformat()
    if isinstance(today, dt.datetime):
        return today.date().isoformat()
    if isinstance(today, dt.date):
        return today.isoformat()
    return str(today)


def _zip_stamp(today: Today) -> tuple[int, int, int, int, int, int]:
    try:
        day = dt.date.fromisoformat(export_date(today)[:10])
    except ValueError:
        return _ZIP_EPOCH
    return (max(day.year, 1980), day.month, day.day, 0, 0, 0)


def zip_bytes(files: list[tuple[str, bytes]], today: Today = None) -> bytes:
    """A ZIP of ``(name, bytes)`` in the order given; same input, same bytes.

    Entries are deflated, readable by everyone (0644), dated ``today`` at midnight.
    """
    stamp = _zip_stamp(today)
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, date_time=stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = 0o644 << 16
            archive.writestr(info, data)
    return buffer.getvalue()
