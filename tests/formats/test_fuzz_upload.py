"""Property-based fuzzing of the upload readers (hypothesis): whatever bytes arrive,
:func:`~network.formats.upload.read_upload` answers with a report, soon, and never with a
fault of its own.

Thrown at it: random bytes under every file name the readers tell apart, CSV-ish text
(schema columns and junk, odd delimiters, quotes, encodings, formulas), the bundled data
as a ZIP package and as an XLSX workbook truncated or with bytes overwritten, and random
XML in the GraphML/GEXF vocabulary. :func:`~network.formats.sniff.sniff` gets random bytes.

``read_upload`` turns any exception into the problem ``upload.internal`` ("a fault in
Redes"), which the API would answer as a 422; here that problem fails the test, as a 500
would. Each example runs under a hard 10 s alarm (a hang fails, it does not block the
suite) and hypothesis's deadline. The examples are derandomized (the same each run, so CI
is stable) and few; explore further with ``REDES_FUZZ_EXAMPLES=5000 REDES_FUZZ_RANDOM=1
.venv/bin/python -m pytest tests/formats/test_fuzz_upload.py``.
"""

from __future__ import annotations

import io
import os
import signal
import warnings
import zipfile
from contextlib import contextmanager
from functools import cache

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from network.formats.sniff import sniff
from network.formats.upload import UploadResult, read_upload
from network.model.limits import Limits
from network.model.problems import Report
from network.model.schema import BUNDLED_DATA, TABLE_ORDER
from tests.formats.uploads import bundled_files, filled_template, zipped

EXAMPLES = int(os.environ.get("REDES_FUZZ_EXAMPLES", "200"))
HANG_SECONDS = 10
FUZZ = settings(max_examples=EXAMPLES, deadline=5000, database=None,
                derandomize=os.environ.get("REDES_FUZZ_RANDOM") != "1",
                suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large,
                                       HealthCheck.filter_too_much])
#: smaller limits than the defaults, so that big inputs reach the limits' code paths too
LIMITS = Limits(max_bytes=2_000_000, max_rows=2_000, max_unzipped_bytes=8_000_000,
                max_files=50, max_ratio=200)
NAMES = ["actors.csv", "ties.csv", "upload", "data.zip", "network.xlsx", "book.xlsm",
         "graph.graphml", "graph.gexf", "graph.xml", "notes.txt", "old.xls", "a/../x.csv"]


class Hang(BaseException):
    """An example ran past HANG_SECONDS (BaseException: read_upload's ``except Exception``
    must not turn it into a report)."""


@contextmanager
def bounded(seconds: float = HANG_SECONDS):
    def ring(_signum, _frame):
        raise Hang(f"read_upload ran for more than {seconds} s")

    previous = signal.signal(signal.SIGALRM, ring)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def read(files: list[tuple[str, bytes]], lang: str = "en") -> UploadResult:
    with bounded():
        result = read_upload(files, LIMITS, lang)
    assert isinstance(result, UploadResult)
    assert isinstance(result.report, Report)
    faults = [p for p in result.report.problems if p.key == "upload.internal"]
    assert not faults, f"a fault in Redes: {[dict(p.params) for p in faults]}"
    if result.dataset is None:
        assert not result.report.ok or result.report.problems, "nothing loaded, nothing said"
    for problem in result.report.problems:
        assert problem.message(lang).strip()
    return result


# --- random bytes --------------------------------------------------------------------------

@FUZZ
@given(data=st.binary(max_size=4096))
def test_sniff_names_any_bytes(data):
    kind = sniff(data)
    assert isinstance(kind, str) and kind


@FUZZ
@given(name=st.sampled_from(NAMES), data=st.binary(max_size=8192))
def test_random_bytes(name, data):
    read([(name, data)])


@FUZZ
@given(head=st.sampled_from([b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1",
                             b"<?xml version='1.0'?>", b"\xef\xbb\xbf", b"\xff\xfe", b"<graphml",
                             b"<gexf", b"id,name\n"]),
       tail=st.binary(max_size=4096), name=st.sampled_from(NAMES))
def test_magic_bytes_then_random(head, tail, name):
    read([(name, head + tail)])


# --- CSV-ish text -------------------------------------------------------------------------

@cache
def _columns() -> dict[str, list[str]]:
    return {t: (BUNDLED_DATA / f"{t}.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
            for t in TABLE_ORDER}


CELLS = st.one_of(
    st.text(max_size=20), st.integers(-10**12, 10**12).map(str),
    st.sampled_from(["", "true", "false", "1972", "2012", "stated", "inferred", "ngo", "local",
                     "=1+1", "@SUM(A1)", "+cmd|' /C calc'!A0", "-1e309", "NaN", "inf", "\x00",
                     "S0", "anpe", "rae", "a;b;;c", '"', '""', "\r", "\n", "ä", "\ufeff"]))


@st.composite
def csv_text(draw, table: str) -> bytes:
    columns = _columns()[table]
    header = draw(st.lists(st.one_of(st.sampled_from(columns), st.text(max_size=8)),
                           min_size=0, max_size=len(columns) + 3))
    if draw(st.booleans()):
        header = columns + header[:2]
    delimiter = draw(st.sampled_from([",", ";", "\t", "|"]))
    rows = draw(st.lists(st.lists(CELLS, min_size=0, max_size=len(header) + 2), max_size=30))

    def line(cells: list[str]) -> str:
        quoted = [f'"{c}"' if draw(st.booleans()) and '"' not in c else c for c in cells]
        return delimiter.join(quoted)

    text = "\n".join(line(r) for r in [header, *rows])
    encoding = draw(st.sampled_from(["utf-8", "utf-8-sig", "latin-1", "cp1252", "utf-16"]))
    return text.encode(encoding, errors="replace")


@FUZZ
@given(data=st.data())
def test_csv_ish_text(data):
    tables = data.draw(st.lists(st.sampled_from(TABLE_ORDER), min_size=1, max_size=6,
                                unique=True))
    files = [(f"{t}.csv", data.draw(csv_text(t))) for t in tables]
    if data.draw(st.booleans()):  # the rest of the tables as bundled, so validation runs deep
        files += [(n, b) for n, b in bundled_files() if n[:-4] not in tables]
    read(files, data.draw(st.sampled_from(["en", "es"])))


# --- the bundled data, broken ----------------------------------------------------------

@cache
def _bundled_zip() -> bytes:
    return zipped(bundled_files(), prefix="redes/")


@cache
def _bundled_xlsx() -> bytes:
    return filled_template()


def _damaged(data: bytes, draw) -> bytes:
    how = draw(st.sampled_from(["truncate", "overwrite", "both"]))
    out = bytearray(data)
    if how in ("overwrite", "both"):
        for position, value in draw(st.lists(
                st.tuples(st.integers(0, len(out) - 1), st.integers(0, 255)), max_size=12)):
            out[position] = value
    if how in ("truncate", "both"):
        out = out[:draw(st.integers(0, len(out)))]
    return bytes(out)


@FUZZ
@given(data=st.data())
def test_a_damaged_zip_package(data):
    read([("redes.zip", _damaged(_bundled_zip(), data.draw))])


@settings(FUZZ, max_examples=max(10, EXAMPLES // 4))
@given(data=st.data())
def test_a_damaged_workbook(data):
    read([("redes.xlsx", _damaged(_bundled_xlsx(), data.draw))])


@FUZZ
@given(data=st.data())
def test_a_zip_of_random_members(data):
    names = st.one_of(st.sampled_from([f"{t}.csv" for t in TABLE_ORDER] + [
        "datapackage.json", "xl/workbook.xml", "mimetype", "../evil.csv", "dir/actors.csv",
        "[Content_Types].xml", "xl/worksheets/sheet1.xml"]), st.text(max_size=12))
    members = data.draw(st.lists(st.tuples(names, st.binary(max_size=2048)), max_size=6))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive, \
            warnings.catch_warnings():
        warnings.simplefilter("ignore")  # duplicate names are one of the cases
        for name, body in members:
            archive.writestr(name.replace("\x00", "") or "x", body)  # zipfile cuts at NUL
    read([(data.draw(st.sampled_from(["upload.zip", "book.xlsx"])), buffer.getvalue())])


# --- random XML in the GraphML / GEXF vocabulary -------------------------------------------

TAGS = ["graphml", "graph", "node", "edge", "key", "data", "default", "gexf", "meta", "nodes",
        "edges", "attributes", "attribute", "attvalues", "attvalue", "spells", "spell",
        "hyperedge", "port", "x"]
ATTRS = ["id", "source", "target", "for", "attr.name", "attr.type", "key", "label", "value",
         "edgedefault", "defaultedgetype", "mode", "start", "end", "weight", "type", "class",
         "xmlns", "version"]
VALUES = st.one_of(st.text(max_size=10), st.sampled_from(
    ["n0", "n1", "e0", "d0", "node", "edge", "string", "int", "double", "boolean", "directed",
     "undirected", "static", "dynamic", "1972", "-1", "1e400", "",
     "http://graphml.graphdrawing.org/xmlns", "http://gexf.net/1.3"]))


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace('"', "&quot;")


ELEMENTS = st.recursive(
    st.builds(lambda t: _escape(t), st.text(max_size=12)),
    lambda children: st.builds(
        lambda tag, attrs, kids: (f"<{tag}" + "".join(f' {a}="{_escape(v)}"' for a, v in attrs)
                                  + ">" + "".join(kids) + f"</{tag}>"),
        st.sampled_from(TAGS), st.lists(st.tuples(st.sampled_from(ATTRS), VALUES), max_size=4,
                                        unique_by=lambda p: p[0]),
        st.lists(children, max_size=6)),
    max_leaves=60)


@FUZZ
@given(root=st.sampled_from(["graphml", "gexf"]), body=st.lists(ELEMENTS, max_size=8),
       prolog=st.booleans(), name=st.sampled_from(["g.graphml", "g.gexf", "g.xml", "upload"]),
       cut=st.none() | st.integers(0, 400))
def test_random_xml(root, body, prolog, name, cut):
    text = (("<?xml version='1.0' encoding='UTF-8'?>" if prolog else "")
            + f"<{root}><graph>{''.join(body)}</graph></{root}>")
    data = text.encode("utf-8")
    read([(name, data[:cut] if cut is not None else data)])


def test_the_fuzzer_can_fail():
    # a fault inside a reader is seen: the check above is not vacuous
    import network.formats.upload as upload

    original = upload._read
    upload._read = lambda files, state: 1 / 0
    try:
        with pytest.raises(AssertionError, match="a fault in Redes"):
            read([("actors.csv", b"id\n")])
    finally:
        upload._read = original
