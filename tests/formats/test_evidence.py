"""The evidence pack holds every file in order and each opens; its data package is written
by the same writer as the data export."""

import networkx as nx
import openpyxl
import pandas as pd

from network.formats import evidence, methods, package, view_package
from network.loading import load
from network.model.schema import TABLE_ORDER, tables
from network.view.state import ViewState
from network.view.visible import visible
from tests.formats.exported import LINK, TODAY, sheets, unzip

PNG = b"\x89PNG\r\n\x1a\n"
SVG = b"<svg xmlns='http://www.w3.org/2000/svg'/>"


def test_evidence_pack_holds_every_file_and_they_open(ds, tmp_path):
    state = ViewState(year=2008, levels=("local", "national"))
    tables_in_view = sheets(ds)
    data = evidence.evidence_pack(ds, state, "en", LINK, TODAY, PNG, SVG, tables_in_view)
    archive = unzip(data)
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
    assert (tmp_path / "methods.md").read_text() == methods.methods_note(
        ds, state, "en", LINK, TODAY)
    frame = pd.read_csv(tmp_path / "redes-2008-tables" / "key_actors.csv", encoding="utf-8-sig")
    assert len(frame) == len(tables_in_view["key_actors"])
    workbook = openpyxl.load_workbook(tmp_path / "redes-2008-tables.xlsx")
    assert len(workbook.sheetnames) == len(tables_in_view)
    graph = nx.read_graphml(tmp_path / "redes-2008-network.graphml")
    assert set(graph) == set(view.actors.index)
    assert nx.read_gexf(tmp_path / "redes-2008-network.gexf").number_of_edges() == len(view.ties)
    result = load(tmp_path / "redes-2008-data")
    assert result.report.ok and list(result.dataset.ties.index) == list(view.ties.index)
    again = evidence.evidence_pack(ds, state, "en", LINK, TODAY, PNG, SVG, tables_in_view)
    assert unzip(again).namelist() == archive.namelist()


def test_evidence_pack_in_spanish_without_picture_or_tables(ds):
    state = ViewState(year=2010, start=2000, lang="es")
    archive = unzip(evidence.evidence_pack(ds, state, "es", LINK, TODAY, None, None, {}))
    assert archive.namelist() == [
        "LEEME.txt", "metodos.md", "redes-2000-2010-red.graphml", "redes-2000-2010-red.gexf",
        "redes-2000-2010-datos/datapackage.json",
        *[f"redes-2000-2010-datos/{tables()[name].path}" for name in TABLE_ORDER],
    ]
    assert "nota metodológica" in archive.read("metodos.md").decode()
    assert archive.read("LEEME.txt").decode().startswith("Paquete de evidencia de Redes")


def test_the_data_export_and_the_evidence_pack_hold_the_same_package(ds):
    state = ViewState(year=2005, start=1995, networks=("agroecological",))
    exported = unzip(view_package.view_zip(ds, state.filters, today=TODAY))
    pack = unzip(evidence.evidence_pack(ds, state, "en", LINK, TODAY, None, None, {}))
    folder = "redes-1995-2005-data/"
    in_pack = {name[len(folder):]: pack.read(name) for name in pack.namelist()
               if name.startswith(folder)}
    assert in_pack == {name: exported.read(name) for name in exported.namelist()}
    assert len(in_pack) == len(TABLE_ORDER) + 1


def test_both_go_through_the_one_package_writer(ds, monkeypatch):
    calls = []
    writer = package.package_files

    def spy(*args, **kwargs):
        calls.append(kwargs.get("folder", ""))
        return writer(*args, **kwargs)

    monkeypatch.setattr(package, "package_files", spy)
    state = ViewState(year=2008)
    view_package.view_zip(ds, state.filters, today=TODAY)
    evidence.evidence_pack(ds, state, "en", None, TODAY, None, None, {})
    assert calls == ["", "redes-2008-data"]
