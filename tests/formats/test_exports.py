"""Exports: the network for Gephi, the view as a data package, safe spreadsheet tables, the
methods note and the evidence pack; each read back the way its users will read it."""

import csv
import datetime as dt
import io
import re
import shutil
import xml.etree.ElementTree as ET
import zipfile

import networkx as nx
import openpyxl
import pandas as pd
import pytest

from network.analysis.metrics import METRICS
from network.analysis.ranking import composition, key_actors
from network.formats import exports
from network.model.dataset import load
from network.model.schema import BUNDLED_DATA, TABLE_ORDER, tables
from network.text import catalogue as i18n
from network.view.state import Filters, ViewState
from network.view.visible import visible

TODAY = dt.date(2026, 3, 14)
LINK = "https://redes.example.org/?year=2008&levels=local%2Cnational"
HOSTILE = ['=HYPERLINK("http://evil.example","click")', "@SUM(A1:A9)", "+1", "-1",
           "\tTAB", "=1+1"]

FILTERS = [
    Filters(year=2008),
    Filters(year=2005, start=1995, networks=("agroecological", "organic_market")),
    Filters(levels=("local", "national"), certainty=("stated", "sourced")),
    Filters(year=2012, domains=("social_responsibility",), sectors=("civil_society", "market")),
]
EMPTYISH = [Filters(year=1972), Filters(levels=())]  # one actor and no tie; nothing at all


def _ids(filters):
    return "-".join(f"{k}={v}" for k, v in vars(filters).items() if v is not None) or "all"


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    """The bundled data plus what it lacks: an actor that closed, a tie that ended, a second
    tie between the same two actors, text with XML and formula characters."""
    folder = tmp_path_factory.mktemp("odd")
    for path in BUNDLED_DATA.iterdir():
        shutil.copy(path, folder / path.name)
    actors = pd.read_csv(folder / "actors.csv", dtype=str, keep_default_na=False)
    actors.loc[actors["id"] == "idma", "active_until"] = "2010"
    actors.loc[actors["id"] == "rae", "note"] = '=HYPERLINK("http://evil.example") & <b>"x"</b>'
    actors.loc[actors["id"] == "anpe", "description"] = "A bell\x07 rings"
    actors.to_csv(folder / "actors.csv", index=False)
    ties = pd.read_csv(folder / "ties.csv", dtype=str, keep_default_na=False)
    ties.loc[ties["id"] == "t002", "to_year"] = "2009"
    ties = ties[ties["id"] != "t092"]  # IDMA's 2011 tie would outlive it (never in a view)
    twin = ties[ties["id"] == "t001"].copy()
    twin["id"], twin["relation"], twin["from_year"] = "t999", "collaborates", "1995"
    ties = pd.concat([ties, twin], ignore_index=True)
    ties.to_csv(folder / "ties.csv", index=False)
    result = load(folder)
    assert result.report.ok, result.report.render()
    return result.dataset


def _unzip(data: bytes) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    return archive


# --- GraphML and GEXF ---------------------------------------------------------------------

@pytest.mark.parametrize("filters", FILTERS + EMPTYISH, ids=_ids)
def test_graphml_reads_back_with_the_view(ds, filters):
    view = visible(ds, filters)
    graph = nx.read_graphml(io.BytesIO(exports.graphml_bytes(ds, filters)))
    assert set(graph.nodes) == set(view.actors.index)
    assert graph.number_of_edges() == len(view.ties)
    assert graph.is_directed()
    assert {d["id"] for _, _, d in graph.edges(data=True)} == set(view.ties.index)
    for actor_id in list(view.actors.index)[:5]:
        # the view's facts: with "stated or sourced" only, an inferred year or type is not
        # exported as if a source gave it (network.view.visible.as_stated)
        row = view.actors.loc[actor_id]
        node = graph.nodes[actor_id]
        assert node["level"] == row["level"]
        # an unknown founding year is left out, not written as a made-up one
        assert node.get("founded") == (None if pd.isna(row["founded"]) else row["founded"])
        assert node["label"] == ds.actor_name(actor_id) and node["is_group"] == row["is_group"]
    for _, _, data in list(graph.edges(data=True))[:5]:
        tie = ds.ties.loc[data["id"]]
        assert data["relation"] == tie["relation"]
        assert data.get("from_year") == (None if pd.isna(tie["from_year"]) else tie["from_year"])
        assert data["weight"] == tie["weight"] and data["network"] == tie["network"]


@pytest.mark.parametrize("filters", FILTERS + EMPTYISH, ids=_ids)
def test_gexf_reads_back_with_years_for_the_timeline(ds, filters):
    view = visible(ds, filters)
    data = exports.gexf_bytes(ds, filters, today=TODAY)
    graph = nx.read_gexf(io.BytesIO(data))
    assert set(graph.nodes) == set(view.actors.index)
    assert graph.number_of_edges() == len(view.ties)
    assert graph.graph["mode"] == "dynamic"
    for actor_id in view.actors.index:
        node, row = graph.nodes[actor_id], view.actors.loc[actor_id]  # the view's facts
        founded = None if pd.isna(row["founded"]) else row["founded"]
        assert node.get("start") == founded and node.get("founded") == founded
        assert node["level"] == row["level"]
        until = None if pd.isna(row["active_until"]) else row["active_until"]
        assert node.get("end") == until  # CONAM closed in 2008; the others are active
    for _, _, edge in graph.edges(data=True):
        tie = ds.ties.loc[edge["id"]]
        assert edge.get("start") == (None if pd.isna(tie["from_year"]) else tie["from_year"])
        assert edge["relation"] == tie["relation"]
        assert "networkx_key" not in edge
    root = ET.fromstring(data)
    ns = {"g": "http://www.gexf.net/1.2draft"}
    element = root.find("g:graph", ns)
    assert element.get("timeformat") == "double" and element.get("mode") == "dynamic"
    assert root.find("g:meta", ns).get("lastmodifieddate") == "2026-03-14"


def test_network_files_keep_parallel_ties_and_ends(odd):
    filters = Filters(year=2008)
    assert "idma" not in visible(odd, Filters(year=2011)).actors.index
    gexf = nx.read_gexf(io.BytesIO(exports.gexf_bytes(odd, filters)))
    graphml = nx.read_graphml(io.BytesIO(exports.graphml_bytes(odd, filters)))
    for graph in (gexf, graphml):
        assert graph.is_multigraph()
        assert set(graph["centro_ideas"]["rae"]) == {"t001", "t999"}
        relations = {d["relation"] for d in graph["centro_ideas"]["rae"].values()}
        assert relations == {"founded", "collaborates"}
        assert graph["idma"]["rae"]["t002"]["to_year"] == 2009
        assert graph.nodes["idma"]["active_until"] == 2010
        assert graph.nodes["rae"]["note"].startswith("=HYPERLINK")  # data, not a spreadsheet
        assert graph.nodes["anpe"]["description"] == "A bell rings"  # XML cannot hold \x07
    assert gexf.nodes["idma"]["end"] == 2010 and gexf["idma"]["rae"]["t002"]["end"] == 2009
    assert gexf["centro_ideas"]["rae"]["t999"]["start"] == 1995


def test_graphml_is_typed_and_safe_for_gephi(ds):
    root = ET.fromstring(exports.graphml_bytes(ds, Filters(year=2008), lang="es"))
    ns = {"g": "http://graphml.graphdrawing.org/xmlns"}
    keys = root.findall("g:key", ns)
    ids = [k.get("id") for k in keys]
    assert len(ids) == len(set(ids))
    # Gephi takes node key "d3" and edge key "d7" as the label, whatever their name
    assert not any(re.fullmatch(r"d\d+", i) for i in ids)
    named = [(k.get("for"), k.get("attr.name")) for k in keys]
    assert len(named) == len(set(named))  # one type per attribute
    actor_columns = [c for c in tables()["actors"].columns if c != "id"]
    assert [n for s, n in named if s == "node"] == ["label", *actor_columns, "x", "y"]
    types = {(k.get("for"), k.get("attr.name")): k.get("attr.type") for k in keys}
    assert types["node", "founded"] == "long" and types["edge", "weight"] == "double"
    assert types["node", "is_group"] == "boolean"
    texts = [d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")]
    assert not {"nan", "NaN", "None", "<NA>", "", None} & set(texts)
    booleans = {k.get("id") for k in keys if k.get("attr.type") == "boolean"}
    assert {d.text for d in root.iter("{http://graphml.graphdrawing.org/xmlns}data")
            if d.get("key") in booleans} <= {"true", "false"}
    graph = nx.read_graphml(io.BytesIO(exports.graphml_bytes(ds, Filters(year=2008), "es")))
    assert graph.nodes["rae"]["label"] == ds.actor_name("rae", "es")


def test_gexf_declares_every_column_once(ds):
    root = ET.fromstring(exports.gexf_bytes(ds, Filters(year=2008)))
    ns = {"g": "http://www.gexf.net/1.2draft"}
    blocks = {b.get("class"): [a.get("title") for a in b]
              for b in root.find("g:graph", ns).findall("g:attributes", ns)}
    assert blocks["node"] == [c for c in tables()["actors"].columns if c != "id"]
    assert blocks["edge"] == [c for c in tables()["ties"].columns
                              if c not in ("id", "source", "target", "weight")]
    assert "nan" not in exports.gexf_bytes(ds, Filters(year=2008)).decode().lower().split('"')


# --- the data package ---------------------------------------------------------------------

@pytest.mark.parametrize("filters", FILTERS, ids=_ids)
def test_package_loads_back_with_the_view(ds, tmp_path, filters):
    view = visible(ds, filters)
    _unzip(exports.package_zip(ds, filters, today=TODAY)).extractall(tmp_path)
    result = load(tmp_path)
    assert result.report.ok, result.report.render()
    back = result.dataset
    assert list(back.actors.index) == list(view.actors.index)
    assert list(back.ties.index) == list(view.ties.index)
    assert set(back.actor_discourses["actor"]) <= set(view.actors.index)
    assert len(back.actor_discourses) == ds.actor_discourses["actor"].isin(view.actors.index).sum()
    assert len(back.sources) < len(ds.sources)  # only the cited ones
    assert back.title == ds.title and back.licences == ds.licences
    pd.testing.assert_frame_equal(back.actors, ds.actors.loc[view.actors.index])
    pd.testing.assert_frame_equal(back.ties, ds.ties.loc[view.ties.index])
    # the whole view again from the loaded package
    again = visible(back, filters)
    assert list(again.actors.index) == list(view.actors.index)


def test_package_keeps_unusual_data_exactly(odd, tmp_path):
    _unzip(exports.package_zip(odd, Filters(year=2012, start=1972))).extractall(tmp_path)
    back = load(tmp_path).dataset
    pd.testing.assert_frame_equal(back.actors, odd.actors)
    pd.testing.assert_frame_equal(back.ties, odd.ties)
    assert back.actors.loc["rae", "note"].startswith("=HYPERLINK")
    assert back.actors.loc["anpe", "description"] == "A bell\x07 rings"


def test_package_of_an_empty_view_keeps_the_headers(ds):
    archive = _unzip(exports.package_zip(ds, Filters(levels=("global",))))
    assert sorted(archive.namelist()) == sorted(
        ["datapackage.json"] + [tables()[name].path for name in TABLE_ORDER])
    for name in TABLE_ORDER:
        header = archive.read(f"{name}.csv").decode().splitlines()[0]
        assert header == ",".join(tables()[name].columns)
    assert archive.read("ties.csv").decode().count("\n") == 1  # the loader will say so


# --- tables for spreadsheets --------------------------------------------------------------

def _sheets(ds):
    state = ViewState(year=2008)
    actors = visible(ds, state.filters).actors
    hostile = pd.DataFrame({"name": HOSTILE, "count": range(len(HOSTILE)),
                            "share": [0.5, float("nan"), 1.0, -1.5, 2.0, 3.0]})
    return {
        "key_actors": key_actors(ds, state.filters, "degree", top=None),
        "By level: NGO types?": composition(actors, "ngo_type", "level"),
        "hostile": hostile,
        "hostile/with [a] very long name that goes on": hostile,
    }


def test_xlsx_runs_no_formula_and_keeps_numbers(ds):
    workbook = openpyxl.load_workbook(io.BytesIO(exports.tables_xlsx(_sheets(ds))))
    names = workbook.sheetnames
    assert names[0] == "key_actors" and len(names) == 4
    assert all(len(n) <= 31 and not set(n) & set("[]:*?/\\") for n in names)
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                assert cell.data_type != "f"
                if isinstance(cell.value, str):
                    assert not cell.value.startswith(exports.FORMULA_START), cell.value
    hostile = workbook[names[2]]
    assert [c.value for c in hostile["A"]][1:] == ["'" + h for h in HOSTILE]
    assert [c.value for c in hostile["B"]][1:] == list(range(len(HOSTILE)))
    assert all(c.data_type == "n" for c in hostile["B"][1:])
    assert hostile["C3"].value is None and hostile["C5"].value == -1.5
    key = workbook["key_actors"]
    assert [c.value for c in key[1]] == ["id", "value", "rank", "previous_rank", "change"]
    assert key["B2"].data_type == "n" and isinstance(key["C2"].value, int)
    breakdown = workbook[names[1]]
    assert [c.value for c in breakdown["A"]][1:] == ["global", "latin_american", "local",
                                                     "national"]


def test_csv_zip_is_neutralised_and_reads_in_pandas(ds):
    archive = _unzip(exports.tables_csv_zip(_sheets(ds), today=TODAY))
    assert archive.namelist() == ["key_actors.csv", "by_level_ngo_types.csv", "hostile.csv",
                                  "hostile_with_a_very_long_name_that_goes_on.csv"]
    raw = archive.read("hostile.csv")
    assert raw.startswith(b"\xef\xbb\xbf")
    frame = pd.read_csv(io.BytesIO(raw), encoding="utf-8-sig")
    assert frame["name"].tolist() == ["'" + h for h in HOSTILE]
    assert frame["count"].dtype.kind == "i"
    for row in csv.reader(io.StringIO(raw.decode("utf-8-sig"))):
        for cell in row:  # only numbers (-1.5) may start like a formula
            assert not cell.startswith(exports.FORMULA_START) or float(cell) < 0, cell


def test_names_for_files_and_sheets():
    assert exports.slug("Año 2008: ¿quién?") == "ano_2008_quien"
    assert exports._sheet_names(["a", "A", "History", "x" * 40, "x" * 40]) == [
        "a", "A (2)", "History_", "x" * 31, "x" * 27 + " (2)"]


# --- the methods note ---------------------------------------------------------------------

@pytest.mark.parametrize("lang", ["en", "es"])
def test_methods_note_says_what_how_and_where_from(ds, lang):
    state = ViewState(year=2008, levels=("local", "national"), metric="betweenness")
    note = exports.methods_note(ds, state, lang, LINK, TODAY, "betweenness")
    view = visible(ds, state.filters)
    assert "2008" in note and LINK in note and "2026-03-14" in note
    assert METRICS["betweenness"].label[lang] in note
    assert METRICS["betweenness"].explanation[lang] in note
    assert i18n.t("level.national", lang) in note
    assert str(len(view.actors)) in note and str(len(view.ties)) in note
    assert ds.title in note and "CC-BY-4.0" in note
    assert "S0" in note and ds.sources.loc["S0", "url"] in note
    assert note.index("- S0") < note.index("- E4")
    for word in ("stated", "sourced", "inferred"):
        label = i18n.t(f"certainty.{word}", lang)
        assert label[:1].upper() + label[1:] in note
    other = "es" if lang == "en" else "en"
    assert METRICS["betweenness"].explanation[other] not in note


def test_methods_note_for_a_range_and_networks(ds):
    state = ViewState(year=2005, start=1995, networks=("agroecological",), metric="constraint")
    note = exports.methods_note(ds, state, "es", None, "2026-01-01")
    assert "de 1995 a 2005" in note and "Red agroecológica" in note
    assert METRICS["constraint"].explanation["es"] in note
    assert i18n.t("export.note.lower_is_central", "es") in note
    assert i18n.t("export.note.link", "es") not in note  # no link, no section
    empty = exports.methods_note(ds, ViewState(levels=()), "en", LINK, TODAY)
    assert i18n.t("export.note.nothing", "en") in empty and "0 organisations" in empty


# --- the evidence pack --------------------------------------------------------------------

def test_evidence_pack_holds_every_file_and_they_open(ds, tmp_path):
    state = ViewState(year=2008, levels=("local", "national"))
    sheets = _sheets(ds)
    data = exports.evidence_pack(ds, state, "en", LINK, TODAY, b"\x89PNG\r\n\x1a\n",
                                 b"<svg xmlns='http://www.w3.org/2000/svg'/>", sheets)
    archive = _unzip(data)
    assert archive.namelist() == [
        "README.txt", "methods.md", "redes-2008-network.png", "redes-2008-network.svg",
        "redes-2008-tables.xlsx",
        "redes-2008-tables/key_actors.csv", "redes-2008-tables/by_level_ngo_types.csv",
        "redes-2008-tables/hostile.csv",
        "redes-2008-tables/hostile_with_a_very_long_name_that_goes_on.csv",
        "redes-2008-network.graphml", "redes-2008-network.gexf",
        "redes-2008-data/datapackage.json",
        *[f"redes-2008-data/{tables()[name].path}" for name in TABLE_ORDER],
    ]
    archive.extractall(tmp_path)
    view = visible(ds, state.filters)
    readme = (tmp_path / "README.txt").read_text()
    assert LINK in readme and "redes-2008-network.gexf" in readme
    assert (tmp_path / "methods.md").read_text() == exports.methods_note(
        ds, state, "en", LINK, TODAY)
    frame = pd.read_csv(tmp_path / "redes-2008-tables" / "key_actors.csv", encoding="utf-8-sig")
    assert len(frame) == len(sheets["key_actors"])
    workbook = openpyxl.load_workbook(tmp_path / "redes-2008-tables.xlsx")
    assert len(workbook.sheetnames) == len(sheets)
    graph = nx.read_graphml(tmp_path / "redes-2008-network.graphml")
    assert set(graph) == set(view.actors.index)
    assert nx.read_gexf(tmp_path / "redes-2008-network.gexf").number_of_edges() == len(view.ties)
    result = load(tmp_path / "redes-2008-data")
    assert result.report.ok and list(result.dataset.ties.index) == list(view.ties.index)
    again = exports.evidence_pack(ds, state, "en", LINK, TODAY, b"\x89PNG\r\n\x1a\n",
                                  b"<svg xmlns='http://www.w3.org/2000/svg'/>", sheets)
    assert _unzip(again).namelist() == archive.namelist()


def test_evidence_pack_in_spanish_without_picture_or_tables(ds):
    state = ViewState(year=2010, start=2000, lang="es")
    archive = _unzip(exports.evidence_pack(ds, state, "es", LINK, TODAY, None, None, {}))
    assert archive.namelist() == [
        "LEEME.txt", "metodos.md", "redes-2000-2010-red.graphml", "redes-2000-2010-red.gexf",
        "redes-2000-2010-datos/datapackage.json",
        *[f"redes-2000-2010-datos/{tables()[name].path}" for name in TABLE_ORDER],
    ]
    assert "nota metodológica" in archive.read("metodos.md").decode()
    assert archive.read("LEEME.txt").decode().startswith("Paquete de evidencia de Redes")


def test_file_names(ds):
    assert exports.file_stem(ds, ViewState()) == f"redes-{ds.last_year}"
    name = exports.filename(ds, Filters(year=2008), "network", "gexf", "es")
    assert name == "redes-2008-red.gexf"
    assert exports.filename(ds, Filters(year=2008, start=1990), "evidence", "zip") == \
        "redes-1990-2008-evidence.zip"


def test_export_strings_in_both_languages():
    for key in exports.STRINGS:
        en, es = i18n._C[key]
        assert en.strip() and es.strip(), key
        assert set(re.findall(r"{(\w+)}", en)) == set(re.findall(r"{(\w+)}", es)), key
    for key in ("network", "tables", "data", "methods", "readme", "evidence"):
        for lang in ("en", "es"):
            assert re.fullmatch(r"[A-Za-z]+", i18n.t(f"export.file.{key}", lang))
