"""How big an input may be: the limits every reader of uploaded files keeps, and the unit
they are written in. Settings and pages read them; the format readers enforce them."""

from __future__ import annotations

from dataclasses import dataclass

MB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """What an upload may be; each is a setting of the app (see the README).

    >>> Limits().max_bytes // MB, Limits().max_rows
    (20, 20000)
    """

    #: Total size of the uploaded files, in bytes.
    max_bytes: int = 20 * MB
    #: Rows per table (and nodes or edges per graph file).
    #: (50,000 would let an upload take minutes of betweenness in a web request)
    max_rows: int = 20_000
    #: Total unpacked size of a ZIP archive or XLSX workbook, in bytes (ZIP-bomb guard).
    max_unzipped_bytes: int = 100 * MB
    #: Files in one upload, and members in one ZIP archive or workbook.
    max_files: int = 1000
    #: Largest unpacked/packed size ratio of an archive member over RATIO_FLOOR bytes.
    max_ratio: int = 200
