"""Tests for network.formats.kumu (through an upload): Kumu workbooks mapped onto the schema."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from network.formats.upload import read_upload
from tests.formats.uploads import HOSTILE, upload_case


def test_kumu_workbook_is_mapped_with_every_assumption_listed():
    result = upload_case("kumu_workbook", lang="es")
    ds = result.dataset
    assert result.kind == "kumu"
    assert list(ds.actors.index) == ["centro_ideas", "rae_peru", "ministerio_de_agricultura",
                                     "bioferia"]
    assert ds.actors.loc["ministerio_de_agricultura", ["kind", "sector"]].tolist() == [
        "government_agency", "state"]
    assert ds.actors.loc["rae_peru", "name"] == "RAE Perú"
    assert list(ds.ties["relation"]) == ["member_of", "funds", "coordinates", "collaborates"]
    assert list(ds.ties["weight"]) == [2.0, 1.0, 1.0, 1.0]
    assert set(ds.ties["evidence"]) == {"E0"} and list(ds.sources.index) == ["E0"]
    # the workbook gives no year: none is made up (it was 2000, "our inference")
    assert (ds.actors["founded_certainty"] == "unknown").all()
    assert ds.actors["founded"].isna().all() and ds.ties["from_year"].isna().all()
    assert all("Assumed at upload" in note for note in ds.actors["note"])
    keys = [key for key, _ in result.assumed]
    for key in ("upload.assumed.source", "upload.assumed.ids", "upload.assumed.actor_field",
                "upload.assumed.tie_field", "upload.assumed.no_years",
                "upload.assumed.undirected", "upload.assumed.network",
                "upload.assumed.no_discourses"):
        assert key in keys, key
    assert any("Cada fila cita una fuente nueva" in a for a in result.assumptions)
    english = result.assumptions_in("en")
    assert any("“national” was used" in a for a in english)
    assert english != result.assumptions


def test_kumu_connections_alone_make_the_actors():
    book = load_workbook(HOSTILE / "kumu_workbook" / "kumu.xlsx")
    del book["Elements"]
    buffer = io.BytesIO()
    book.save(buffer)
    result = read_upload([("kumu.xlsx", buffer.getvalue())])
    assert result.dataset is not None, result.report.render()
    assert len(result.dataset.actors) == 4
    assert "upload.assumed.nodes_from_edges" in [k for k, _ in result.assumed]

