"""Tests for network.formats.template: the templates users fill in, and that they load."""

from __future__ import annotations

import io
import zipfile

import pandas as pd
import pytest
from openpyxl import load_workbook

from network.formats.template import instructions, readme, template_csv_zip, template_xlsx
from network.formats.upload import read_upload
from network.model.schema import BUNDLED_DATA, TABLE_ORDER, tables
from network.text import catalogue
from tests.formats.uploads import bundled_files, filled_template, zipped


@pytest.mark.parametrize("lang, sheet", [("en", "Instructions"), ("es", "Instrucciones")])
def test_template_xlsx_has_instructions_and_a_sheet_per_table(lang, sheet):
    book = load_workbook(io.BytesIO(template_xlsx(lang)))
    assert book.sheetnames == [sheet, *TABLE_ORDER]
    for name in TABLE_ORDER:
        ws = book[name]
        assert [c.value for c in ws[1]] == list(tables()[name].columns)
        assert ws.max_row == 1  # no example rows to forget
        assert all(c.comment is not None for c in ws[1])
    lists = {dv.formula1 for dv in book["actors"].data_validations.dataValidation}
    assert '"local,national,latin_american,global"' in lists
    assert any("ngo_network" in f for f in lists)
    text = "\n".join(str(c.value) for row in book[sheet].iter_rows() for c in row if c.value)
    assert "kind" in text and "ngo_network" in text and "1900" in text


def test_template_instructions_cover_every_column_in_both_languages():
    documented = {k.removeprefix("template.col.") for k in catalogue.keys()
                  if k.startswith("template.col.")}
    assert {f"{table}.{f.name}" for table, spec in tables().items() for f in spec.fields} == (
        documented)
    en, es = instructions("en"), instructions("es")
    assert len(en) == len(es) == 1 + sum(len(spec.fields) for spec in tables().values())
    assert en[0] != es[0]
    assert "S0;E2" in readme("en") and "LEAME" not in readme("en")


@pytest.mark.parametrize("lang", ["en", "es"])
def test_filled_template_loads_like_the_bundled_data(lang):
    result = read_upload([("filled.xlsx", filled_template(lang))])
    assert result.report.problems == [], result.report.render()
    bundled = read_upload(bundled_files())
    for name in ("actors", "ties", "networks", "discourses", "actor_discourses", "sources"):
        mine, theirs = getattr(result.dataset, name), getattr(bundled.dataset, name)
        pd.testing.assert_frame_equal(mine, theirs, check_dtype=False)


@pytest.mark.parametrize("lang", ["en", "es"])
def test_empty_templates_say_there_is_nothing_yet(lang):
    for name, data in (("template.xlsx", template_xlsx(lang)),
                       ("template.zip", template_csv_zip(lang))):
        result = read_upload([(name, data)], lang=lang)
        assert result.dataset is None
        assert [p.key for p in result.report.errors] == ["upload.only_headers"]
        assert "sources, networks, actors" in result.report.render(lang)


def test_csv_template_filled_in_loads_with_its_title():
    with zipfile.ZipFile(io.BytesIO(template_csv_zip("es"))) as archive:
        names = sorted(archive.namelist())
        files = {n: archive.read(n) for n in names}
    assert names == sorted(["LEAME.txt", "datapackage.json", *[f"{t}.csv" for t in TABLE_ORDER]])
    for name in TABLE_ORDER:
        header = files[f"{name}.csv"].decode("utf-8-sig").strip()
        assert header == ",".join(tables()[name].columns)
        files[f"{name}.csv"] = (BUNDLED_DATA / f"{name}.csv").read_bytes()
    result = read_upload([("mine.zip", zipped(list(files.items())))])
    assert result.report.problems == [], result.report.render()
    assert result.dataset.title == "Mi red"

