"""The one data package writer: the loader reads what it writes, the same tables give the
same bytes, a folder prefixes every path, and cells are written as the loader reads them."""

import json

import pandas as pd

from network.formats import package
from network.loading import load
from network.model.schema import TABLE_ORDER, package_descriptor, tables
from tests.formats.exported import unzip

LICENCE = {"name": "CC-BY-4.0", "title": "Creative Commons Attribution 4.0"}


def _schema_frames(ds):
    """The whole data as validate() gives it: each table's schema columns, a plain index."""
    return {name: getattr(ds, name)[list(tables()[name].columns)].reset_index(drop=True)
            for name in TABLE_ORDER}


def test_a_package_loads_back_as_the_same_data(ds, tmp_path):
    data = package.package_zip(_schema_frames(ds), "Mine", [LICENCE], name="mine",
                               today="1980-01-01")
    unzip(data).extractall(tmp_path)
    back = load(tmp_path).dataset
    assert back.title == "Mine" and list(back.licences) == [LICENCE]
    pd.testing.assert_frame_equal(back.actors, ds.actors)
    pd.testing.assert_frame_equal(back.ties, ds.ties)


def test_same_tables_same_bytes_and_a_folder_prefixes_every_path(ds):
    frames = _schema_frames(ds)
    flat = package.package_files(frames, "Mine", [LICENCE])
    nested = package.package_files(frames, "Mine", [LICENCE], folder="redes-2008-data/")
    assert [name for name, _ in flat] == ["datapackage.json",
                                         *[tables()[n].path for n in TABLE_ORDER]]
    assert [name for name, _ in nested] == [f"redes-2008-data/{name}" for name, _ in flat]
    assert [data for _, data in nested] == [data for _, data in flat]
    assert package.package_zip(frames, "Mine", today="2026-03-14") == \
        package.package_zip(frames, "Mine", today="2026-03-14")


def test_descriptor_holds_the_schema_and_this_datas_metadata():
    descriptor = json.loads(package.package_json("Año", name="x", about={"version": "2"}))
    assert list(descriptor) == ["profile", "name", "title", "version", "resources"]
    assert descriptor["title"] == "Año" and "licenses" not in descriptor  # none given
    assert descriptor["resources"] == package_descriptor()["resources"]
    assert "Año" in package.package_json("Año").decode("utf-8")  # not \u-escaped


def test_cells_are_written_as_the_loader_reads_them():
    columns = list(tables()["networks"].columns)
    frame = pd.DataFrame([{c: None for c in columns}, {c: None for c in columns}])
    frame.loc[0, columns[0]], frame.loc[1, columns[0]] = "a", 3.0
    text = package.table_csv(frame, "networks").decode("utf-8")
    header, first, second = text.splitlines()
    assert header == ",".join(columns)
    assert first == "a" + "," * (len(columns) - 1)  # empty, not NaN or None
    assert second.startswith("3,")  # a whole number without ".0"
    flags = pd.DataFrame({"id": ["x", "y"], "is_group": [True, False]})
    actors = tables()["actors"].columns
    flags = flags.reindex(columns=actors)
    lines = package.table_csv(flags, "actors").decode().splitlines()
    at = list(actors).index("is_group")
    assert [row.split(",")[at] for row in lines[1:]] == ["true", "false"]


def test_the_upload_reads_a_written_package_as_its_own_copy():
    from network.formats.upload import load_package, read_upload
    from network.model.schema import BUNDLED_DATA

    upload = read_upload([(p.name, p.read_bytes()) for p in sorted(BUNDLED_DATA.iterdir())])
    ds = upload.dataset
    frames = {name: getattr(ds, name)[list(tables()[name].columns)].reset_index(drop=True)
              for name in TABLE_ORDER}
    written = load_package(package.package_zip(frames, ds.title, ds.licences, name="upload",
                                               today="1980-01-01"))
    own = load_package(upload.package)
    assert written.content_key == own.content_key == upload.content_key
    assert written.dataset.title == ds.title and written.dataset.licences == ds.licences
    for name in TABLE_ORDER:
        pd.testing.assert_frame_equal(getattr(written.dataset, name), getattr(own.dataset, name))


def test_a_negative_zero_weight_loads_back_under_the_same_key():
    # "-0" passed validation as -0.0, hashed as "-0.0" but was stored as "0": the stored copy
    # then failed its key check and the upload was reported lost on the next request
    from network.formats.upload import load_package, read_upload
    from network.model.schema import BUNDLED_DATA

    files = [(p.name, p.read_bytes()) for p in sorted(BUNDLED_DATA.iterdir())]
    ties = next(i for i, (name, _) in enumerate(files) if name == "ties.csv")
    frame = pd.read_csv(BUNDLED_DATA / "ties.csv", dtype=str, keep_default_na=False)
    frame.loc[0, "weight"] = "-0"
    files[ties] = ("ties.csv", frame.to_csv(index=False).encode("utf-8"))
    upload = read_upload(files)
    assert upload.dataset is not None
    again = load_package(upload.package)
    assert again.content_key == upload.content_key
