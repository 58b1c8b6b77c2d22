"""Read a data set that a user uploads in the browser, without trusting any of it.

:func:`read_upload` takes the uploaded files as ``(name, bytes)`` pairs and accepts

* one ``.zip`` data package: the table CSVs (``actors.csv``, ``ties.csv``...) at its top
  level or in one folder, with or without ``datapackage.json`` (for the title);
* one ``.xlsx`` workbook: the template (a sheet per table), or a Kumu workbook (an
  ``Elements`` sheet and a ``Connections`` sheet);
* several ``.csv`` files named like the tables; or, when none is, a table of edges
  (``Source``/``Target`` columns) with or without one of nodes (``Id``/``Label``), as
  Gephi's spreadsheets or a plain edge list (:mod:`~network.formats.graph_csv`);
* one GraphML or GEXF file (from Gephi, yEd, networkx...).

The type is told from the content (:mod:`~network.formats.sniff`), not from the file name,
so a PNG renamed ``actors.csv`` gets its own message. This module checks the upload's size
and number of files and sends each kind to its reader: :mod:`~network.formats.csv_files`
(CSV files and ZIP data packages, the archive opened by :mod:`~network.formats.archive`),
:mod:`~network.formats.workbook` (XLSX, and Kumu through :mod:`~network.formats.kumu`),
:mod:`~network.formats.graph_files` (GraphML and GEXF). Kumu, GraphML and GEXF are mapped
onto the schema with defaults (:mod:`~network.formats.graph_rows`), and every default
applied is listed for the user (:attr:`UploadResult.assumptions`). The tables then go
through the same checks as the bundled data (:func:`network.model.validation.validate`),
and :mod:`~network.formats.upload_report` points every problem back at its file or sheet,
row and column. Nothing is loaded while there is an error; warnings do not block. Bad input
never raises: it always ends as a problem in the report. The messages are in the
catalogue (network/text/locales, keys `upload.*`).

Discourses are optional for every upload: missing or empty ``discourses`` and
``actor_discourses`` tables are a warning, not an error (the bundled data must have them).

Safety: ZIP archives and workbooks are checked before anything is unpacked (number of
members, declared sizes, compression ratio) and read with a cap, never extracted to a path
taken from the archive; XML is parsed with DTDs and entities refused; workbook formulas are
read as the values the spreadsheet program saved, never calculated. Text (names with HTML
or script included) is kept as it is: the interface must show it as text.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import dataclass, field, replace

import pandas as pd

from network.formats.archive import Budget, open_zip, read_member
from network.formats.csv_files import read_csv_files, read_zip_package
from network.formats.graph_aliases import read_words
from network.formats.graph_files import read_graph_file
from network.formats.package import package_zip
from network.formats.sniff import refuse_non_text, sniff, suffix
from network.formats.upload_report import relabel, shorten, soften
from network.formats.upload_state import Assumption, ReadState, Stop, megabytes, safe_name
from network.formats.workbook import read_workbook
from network.loading import build
from network.model.dataset import Dataset, content_key
from network.model.limits import Limits
from network.model.problems import Report
from network.model.schema import TABLE_ORDER
from network.model.validation import validate
from network.text.catalogue import LANGUAGES, t

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class UploadResult:
    """What came of an upload.

    ``dataset`` is None when the report has an error. ``content_key`` is the SHA-256 (hex)
    of the validated tables, the same whatever the upload's format, file names or order of
    files ("" when nothing was loaded); ``dataset.key`` is its first 16 characters.
    ``package`` is the normalised data package (a ZIP of the table CSVs and a
    ``datapackage.json``) to keep in the store; :func:`load_package` reads it back.
    ``assumptions`` are the defaults applied, rendered in the requested language;
    ``assumed`` holds them as (catalogue key, params) to render in another one.
    """

    dataset: Dataset | None
    report: Report
    assumptions: list[str] = field(default_factory=list)
    content_key: str = ""
    package: bytes | None = None
    kind: str = ""  # "zip", "xlsx", "csv", "kumu", "graphml", "gexf" or "" (not recognised)
    assumed: tuple[Assumption, ...] = ()

    def assumptions_in(self, lang: str) -> list[str]:
        return [t(key, lang, **dict(params)) for key, params in self.assumed]


# --- entry points ------------------------------------------------------------------------


def read_upload(files: list[tuple[str, bytes]], limits: Limits | None = None,
                lang: str = "en", positions: object = None,
                progress: Callable[[str], None] | None = None) -> UploadResult:
    """Read, map and validate uploaded files; never raises for bad input. ``progress`` is
    told each stage as it starts: "read", "check", "layout".

    >>> result = read_upload([("notes.txt", b"")])
    >>> result.dataset is None, [p.key for p in result.report.problems]
    (True, ['upload.empty_file'])
    """
    limits = limits or Limits()
    lang = lang if lang in LANGUAGES else "en"
    report = Report()
    state = ReadState(report, limits, positions=positions, progress=progress)
    try:
        state.step("read")
        return _finish(_read(files, state), state, lang)
    except Stop:
        return UploadResult(None, report, kind=state.kind)
    except MemoryError:  # a job's memory limit (serving.jobs): its caller reports it
        raise
    except Exception as exc:  # never a server error: a fault of ours, reported as such
        log.exception("upload could not be processed")
        report.error("upload", "upload.internal", detail=type(exc).__name__)
        return UploadResult(None, report, kind=state.kind)


def load_package(data: bytes, limits: Limits | None = None,
                 positions: object = None) -> UploadResult:
    """Read back a package made by :func:`read_upload` (``UploadResult.package``).

    It goes through every check an upload does, so a package from a shared store is never
    trusted more than an upload. Pass the limits uploads are read with when they are not
    the defaults (the size limit is raised to fit the package).
    """
    limits = limits or Limits()
    limits = replace(limits, max_bytes=max(limits.max_bytes, len(data)))
    return read_upload([("package.zip", data)], limits, positions=positions)


def decode_data_url(contents: str | None) -> bytes:
    """The bytes of a ``data:...;base64,...`` URL (what a browser upload component sends);
    b"" when it is missing or malformed, which then reads as an empty file.

    >>> decode_data_url("data:text/csv;base64,aWQsbmFtZQo="), decode_data_url("nonsense")
    (b'id,name\\n', b'')
    """
    import base64
    import binascii

    if not contents or "," not in contents:
        return b""
    head, _, body = contents.partition(",")
    if not head.startswith("data:") or not head.endswith(";base64"):
        return b""
    try:
        return base64.b64decode(body, validate=True)
    except (binascii.Error, ValueError):
        return b""


# --- which reader ----------------------------------------------------------------------------


def _read(files: list[tuple[str, bytes]], state: ReadState) -> dict[str, pd.DataFrame]:
    """The raw tables of an upload, by the reader its content calls for."""
    limits = state.limits
    files = [(safe_name(name), bytes(data or b"")) for name, data in files or []]
    if not files:
        state.stop("upload", "upload.no_files")
    total = sum(len(data) for _, data in files)
    where = files[0][0] if len(files) == 1 else "upload"
    if total > limits.max_bytes:
        state.stop(where, "upload.too_big", size=megabytes(total),
                   limit=megabytes(limits.max_bytes))
    if len(files) > limits.max_files:
        state.stop("upload", "upload.too_many_files", count=len(files), limit=limits.max_files)
    kinds = [(name, data, sniff(data)) for name, data in files]
    for name, _, kind in kinds:
        if kind == "empty":
            state.stop(name, "upload.empty_file")
    if len(kinds) > 1:
        for name, _, kind in kinds:
            if kind in ("zip", "xml", "ole"):
                state.stop(name, "upload.mixed_files", name=name)
            refuse_non_text(name, kind, state)
        state.kind = "csv"
        return read_csv_files([(name, data) for name, data, _ in kinds], state)
    name, data, kind = kinds[0]
    if kind == "zip":
        return _read_zip(name, data, state)
    if kind == "xml" or (kind == "text" and suffix(name) in (".graphml", ".gexf", ".xml")):
        return read_graph_file(name, data, state)
    if kind == "ole":
        state.stop(name, "upload.save_as_xlsx", found="Excel 97–2003 (.xls)")
    refuse_non_text(name, kind, state)
    if suffix(name) in (".xlsx", ".xlsm"):
        state.stop(name, "upload.not_a_workbook")
    if suffix(name) == ".zip":
        state.stop(name, "upload.zip_corrupt")
    state.kind = "csv"
    return read_csv_files([(name, data)], state)


def _read_zip(name: str, data: bytes, state: ReadState) -> dict[str, pd.DataFrame]:
    """A ZIP archive: an XLSX workbook, else a data package (an ODS file is refused)."""
    archive = open_zip(name, data, state)
    members = {info.filename.replace("\\", "/"): info for info in archive.infolist()}
    if "xl/workbook.xml" in members:
        return read_workbook(name, data, archive, state)
    budget = Budget(state.limits.max_unzipped_bytes)
    if "mimetype" in members and b"opendocument" in read_member(
            archive, members["mimetype"], name, budget, state)[:100]:
        state.stop(name, "upload.save_as_xlsx", found="OpenDocument (.ods)")
    if suffix(name) in (".xlsx", ".xlsm"):
        state.stop(name, "upload.not_a_workbook")
    return read_zip_package(name, archive, members, budget, state)


# --- after reading: validation, the report made readable, the package ----------------------


def _finish(raw: dict[str, pd.DataFrame], state: ReadState, lang: str) -> UploadResult:
    report = state.report
    before = len(report.problems)
    state.step("check")
    read_words(raw, report)
    typed = validate(raw, report)
    relabel(report, before, state.labels)
    soften(report, before, raw, state)
    shorten(report)
    assumptions = [t(key, lang, **dict(params)) for key, params in state.assumed]
    assumed = tuple(state.assumed)
    if not report.ok or set(typed) != set(TABLE_ORDER):
        return UploadResult(None, report, assumptions, kind=state.kind, assumed=assumed)
    key = content_key(typed, state.title, state.licences)
    state.step("layout")
    dataset = build(typed, state.title, state.licences, positions=state.positions)
    return UploadResult(dataset, report, assumptions, content_key=key,
                        package=_stored_package(typed, state), kind=state.kind, assumed=assumed)


#: The date of every entry of a stored package, so that the same data is the same bytes.
_STORED_DATE = "1980-01-01"


def _stored_package(typed: dict[str, pd.DataFrame], state: ReadState) -> bytes:
    """The validated tables as the store keeps them: the one data package writer's ZIP
    (the same as the data export's), byte for byte the same for the same data."""
    return package_zip(typed, state.title, state.licences, name="upload", today=_STORED_DATE)
