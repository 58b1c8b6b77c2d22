"""Tests for network.model.validation: one broken package per fault, each reported exactly.

Every folder under ``tests/fixtures/broken/`` is ``tests/fixtures/minimal/`` (a tiny valid
package) with exactly one fault, except ``three_faults``. The table below says which
problem each must produce: severity, message key, file, spreadsheet row (header = 1) and
column.
"""

from __future__ import annotations

import contextlib
import io
from pathlib import Path

import pytest

from network import __main__ as cli
from network.loading import load
from network.model.problems import Problem, Report
from network.model.schema import BUNDLED_DATA, TABLE_ORDER
from network.text.catalogue import keys as catalogue_keys

FIXTURES = Path(__file__).parents[1] / "fixtures"
MINIMAL = FIXTURES / "minimal"
BROKEN = FIXTURES / "broken"

E, W = "error", "warning"

# (fixture, severity, key, table, row, column)
CASES = [
    ("missing_table", E, "v.missing_table", "discourses.csv", None, None),
    ("empty_table", E, "v.empty_table", "actor_discourses.csv", None, None),
    ("missing_column", E, "v.missing_column", "actors.csv", None, "sector"),
    ("unknown_column", W, "v.unknown_column", "actors.csv", None, "colour"),
    ("wrong_type", E, "v.not_integer", "ties.csv", 3, "from_year"),
    ("value_not_allowed", E, "v.not_allowed", "actors.csv", 4, "level"),
    ("bad_id_pattern", E, "v.pattern", "ties.csv", 2, "id"),
    ("duplicate_actor_id", E, "v.duplicate", "actors.csv", 6, "id"),
    ("tie_unknown_actor", E, "v.unknown_reference", "ties.csv", 3, "target"),
    ("tie_unknown_network", E, "v.unknown_reference", "ties.csv", 4, "network"),
    ("evidence_unknown_source", E, "v.unknown_source", "actors.csv", 3, "evidence"),
    ("tie_years_reversed", E, "v.years_reversed", "ties.csv", 4, "to_year"),
    ("self_loop", E, "v.self_loop", "ties.csv", 2, "target"),
    ("actor_years_reversed", E, "v.years_reversed", "actors.csv", 5, "active_until"),
    ("required_cell_empty", E, "v.required", "actors.csv", 2, "name"),
    ("bad_boolean", E, "v.not_boolean", "actors.csv", 3, "is_group"),
    ("latin1_encoding", W, "v.decoded_latin1", "actors.csv", None, None),
    ("png_as_csv", E, "v.unreadable", "actors.csv", None, None),
    ("unknown_discourse", E, "v.unknown_reference", "actor_discourses.csv", 2, "discourse"),
    # These crashed the loader or slipped through before they were fixed:
    ("duplicate_column", W, "v.unknown_column", "actors.csv", None, "name"),
    ("huge_integer", E, "v.too_large", "actors.csv", 2, "member_count"),
    ("infinite_weight", E, "v.not_number", "ties.csv", 4, "weight"),
    ("empty_file", E, "v.empty_table", "actors.csv", None, None),
    ("utf16_encoding", E, "v.unreadable", "actors.csv", None, None),
    # Blank lines are skipped but rows keep their spreadsheet numbers.
    ("blank_lines", E, "v.not_allowed", "actors.csv", 6, "level"),
]

# Packages that are fine: they load with no problem at all.
CLEAN = ["utf8_bom", "semicolon_separated", "mac_line_endings"]


def _where(p: Problem) -> tuple:
    return (p.severity, p.key, p.table, p.row, p.column)


def _explain(report: Report) -> str:
    return "\n".join(f"{_where(p)} {p.render()}" for p in report.problems)


@pytest.fixture(scope="module")
def minimal():
    result = load(MINIMAL)
    assert result.report.problems == [], result.report.render()
    assert result.dataset is not None
    return result.dataset


def test_every_fixture_is_listed():
    listed = {c[0] for c in CASES} | set(CLEAN) | {"three_faults"}
    assert {p.name for p in BROKEN.iterdir() if p.is_dir()} == listed


@pytest.mark.parametrize(("fixture", "severity", "key", "table", "row", "column"), CASES,
                         ids=[c[0] for c in CASES])
def test_fault_is_reported(fixture, severity, key, table, row, column):
    result = load(BROKEN / fixture)
    report = result.report
    assert (severity, key, table, row, column) in [_where(p) for p in report.problems], \
        _explain(report)
    if severity == "error":
        assert result.dataset is None
        assert not report.ok
    else:
        # A warning never blocks loading, and this fixture has nothing worse.
        assert report.ok, _explain(report)
        assert result.dataset is not None
        assert [_where(p) for p in report.problems] == [(severity, key, table, row, column)]


@pytest.mark.parametrize(("fixture", "severity", "key", "table", "row", "column"), CASES,
                         ids=[c[0] for c in CASES])
def test_fault_is_the_only_problem_in_its_table(fixture, severity, key, table, row, column):
    """One fault, one message: no noise from the same table (except a missing header)."""
    report = load(BROKEN / fixture).report
    same_table = [p for p in report.problems if p.table == table]
    if fixture == "empty_file":  # no header at all: every required column is missing too
        assert {p.key for p in same_table} == {"v.empty_table", "v.missing_column"}
    else:
        assert len(same_table) == 1, _explain(report)


@pytest.mark.parametrize("fixture", CLEAN)
def test_clean_variants_load_without_problems(fixture, minimal):
    result = load(BROKEN / fixture)
    assert result.report.problems == [], result.report.render()
    assert result.dataset is not None
    assert list(result.dataset.actors["id"]) == list(minimal.actors["id"])
    assert list(result.dataset.actors["name_es"]) == list(minimal.actors["name_es"])
    assert list(result.dataset.actors["domains"]) == list(minimal.actors["domains"])
    assert list(result.dataset.actors["evidence"]) == list(minimal.actors["evidence"])


def test_latin1_keeps_accents(minimal):
    result = load(BROKEN / "latin1_encoding")
    assert result.dataset is not None
    assert result.dataset.actors.loc["rae", "name_es"] == "Red de Agricultura Ecológica del Perú"
    assert list(result.dataset.actors["name_es"]) == list(minimal.actors["name_es"])


def test_unknown_and_duplicate_columns_are_ignored(minimal):
    extra = load(BROKEN / "unknown_column").dataset
    assert "colour" not in extra.actors.columns
    twice = load(BROKEN / "duplicate_column").dataset
    assert list(twice.actors["name"]) == list(minimal.actors["name"])  # the first one wins


def test_png_gives_one_clear_error_and_no_encoding_warning():
    report = load(BROKEN / "png_as_csv").report
    assert [p.key for p in report.problems] == ["v.unreadable"]
    text = report.render()
    assert "actors.csv" in text and "Traceback" not in text


def test_all_problems_are_reported_at_once():
    result = load(BROKEN / "three_faults")
    assert result.dataset is None
    assert sorted(_where(p) for p in result.report.problems) == sorted([
        (E, "v.not_allowed", "actors.csv", 4, "level"),
        (E, "v.unknown_source", "networks.csv", 2, "evidence"),
        (E, "v.self_loop", "ties.csv", 3, "target"),
    ])
    assert len(result.report.errors) == 3
    assert "3 error(s)" in result.report.render()


def _all_problems() -> list[Problem]:
    problems = []
    for fixture in sorted(p for p in BROKEN.iterdir() if p.is_dir()):
        problems += load(fixture).report.problems
    return problems


def test_every_message_renders_in_both_languages():
    problems = _all_problems()
    assert {p.key for p in problems} >= {c[2] for c in CASES}
    for p in problems:
        en, es = p.render("en"), p.render("es")
        for text in (en, es):
            assert "{" not in text and "}" not in text, text  # no unfilled placeholder
            assert p.table in text
            if p.row is not None:
                assert str(p.row) in text
            if p.column:
                assert p.column in text
        assert en != es
        assert p.message("en") != p.message("es"), p.key


def test_every_validation_key_renders():
    """Each v.* message of the catalogue fills in with the params the validator gives."""
    params = {"table": "actors", "detail": "x", "column": "name", "value": "v", "allowed": "a",
              "hint": "h", "limit": 1, "other": 2, "ref": "actors", "start": 2000, "end": 1999,
              "actor": "rae", "founded": 2001, "path": "/x", "errors": 1, "warnings": 0}
    keys = [k for k in catalogue_keys() if k.startswith("v.")]
    assert keys
    for key in keys:
        report = Report()
        report.error("actors.csv", key, 2, "name", **params)
        problem = report.problems[0]
        assert "{" not in problem.render("en") and "{" not in problem.render("es"), key
        assert problem.message("en") != problem.message("es"), key


def test_params_may_be_called_table_or_column():
    """Messages such as v.missing_table name a table in their text (this once crashed)."""
    report = Report()
    report.error("book.xlsx › ties", "v.missing_table", table="ties")
    report.error("actors.csv", "v.missing_column", None, "sector", column="sector")
    assert report.problems[0].table == "book.xlsx › ties"
    assert "“ties”" in report.problems[0].render("en")
    assert "“sector”" in report.problems[1].render("es")


def test_bundled_package_is_valid():
    result = load()
    report = result.report
    assert report.ok, report.render()
    assert report.errors == []
    assert [p for p in report.warnings if p.key == "v.inferred_without_note"] == []
    assert result.dataset is not None
    assert set(TABLE_ORDER) <= {p.stem for p in BUNDLED_DATA.glob("*.csv")}


def test_bundled_package_via_datapackage_json():
    result = load(BUNDLED_DATA / "datapackage.json")
    assert result.report.ok and result.dataset is not None


def test_problem_rows_are_spreadsheet_rows():
    """Header is row 1: the first data row is 2, as a spreadsheet shows it."""
    report = load(BROKEN / "required_cell_empty").report
    assert report.problems[0].row == 2
    assert "row 2" in report.render("en") and "fila 2" in report.render("es")


# --- the command line -------------------------------------------------------------------


def _run(*argv: str) -> tuple[int, str]:
    out = io.StringIO()
    with contextlib.redirect_stdout(out):
        code = cli.main(list(argv))
    return code, out.getvalue()


def test_cli_bundled_package_exits_0():
    code, out = _run("validate")
    assert code == 0
    assert "The data package is valid." in out


def test_cli_explicit_folder_exits_0():
    code, out = _run("validate", str(MINIMAL))
    assert code == 0
    assert "4 actors, 3 ties" in out


def test_cli_broken_package_exits_1_and_names_file_row_column():
    code, out = _run("validate", str(BROKEN / "wrong_type"))
    assert code == 1
    assert "ties.csv, row 3, column “from_year”" in out
    assert "nineteen" in out
    assert "1 error(s)" in out


def test_cli_spanish_report():
    code, out = _run("validate", str(BROKEN / "value_not_allowed"), "--lang", "es")
    assert code == 1
    assert "actors.csv, fila 4, columna “level”" in out
    assert "regional" in out


def test_cli_warnings_only_exits_0():
    code, out = _run("validate", str(BROKEN / "latin1_encoding"))
    assert code == 0
    assert "Warning: actors.csv" in out


def test_cli_missing_table_exits_1_without_crash():
    code, out = _run("validate", str(BROKEN / "missing_table"))
    assert code == 1
    assert "discourses" in out


def test_cli_subprocess_exit_codes():
    import subprocess
    import sys

    root = Path(__file__).parents[2]
    ok = subprocess.run([sys.executable, "-m", "network", "validate"], cwd=root,
                        capture_output=True, text=True, check=False)
    assert ok.returncode == 0, ok.stderr
    bad = subprocess.run([sys.executable, "-m", "network", "validate",
                          str(BROKEN / "png_as_csv")], cwd=root, capture_output=True,
                         text=True, check=False)
    assert bad.returncode == 1
    assert "actors.csv" in bad.stdout
    assert "Traceback" not in bad.stderr


def test_a_package_without_attribute_certainties_takes_each_rows_certainty():
    # packages written before level_certainty and network_certainty existed still load,
    # and say no more than their rows did
    ds = load(MINIMAL).dataset
    assert ds is not None and "level_certainty" not in MINIMAL.joinpath("actors.csv").read_text()
    assert (ds.actors["level_certainty"] == ds.actors["certainty"]).all()
    assert (ds.ties["network_certainty"] == ds.ties["certainty"]).all()
