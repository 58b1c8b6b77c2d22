"""The view as a data package: it loads back as the view, keeps unusual data exactly, and
keeps the headers of an empty view."""

import json

import pandas as pd
import pytest

from network.formats import view_package
from network.loading import load
from network.model.schema import TABLE_ORDER, package_descriptor, tables
from network.view.state import Filters
from network.view.visible import visible
from tests.formats.exported import FILTERS, TODAY, ids, odd_dataset, unzip


@pytest.fixture(scope="module")
def odd(tmp_path_factory):
    return odd_dataset(tmp_path_factory.mktemp("odd"))


@pytest.mark.parametrize("filters", FILTERS, ids=ids)
def test_package_loads_back_with_the_view(ds, tmp_path, filters):
    view = visible(ds, filters)
    unzip(view_package.view_zip(ds, filters, today=TODAY)).extractall(tmp_path)
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
    unzip(view_package.view_zip(odd, Filters(year=2012, start=1972))).extractall(tmp_path)
    back = load(tmp_path).dataset
    pd.testing.assert_frame_equal(back.actors, odd.actors)
    pd.testing.assert_frame_equal(back.ties, odd.ties)
    assert back.actors.loc["rae", "note"].startswith("=HYPERLINK")
    assert back.actors.loc["anpe", "description"] == "A bell\x07 rings"


def test_package_of_an_empty_view_keeps_the_headers(ds):
    archive = unzip(view_package.view_zip(ds, Filters(levels=("global",))))
    assert sorted(archive.namelist()) == sorted(
        ["datapackage.json"] + [tables()[name].path for name in TABLE_ORDER])
    for name in TABLE_ORDER:
        header = archive.read(f"{name}.csv").decode().splitlines()[0]
        assert header == ",".join(tables()[name].columns)
    assert archive.read("ties.csv").decode().count("\n") == 1  # the loader will say so


def test_descriptor_says_which_view_and_keeps_the_bundled_metadata(ds):
    archive = unzip(view_package.view_zip(ds, Filters(year=2005, start=1995)))
    descriptor = json.loads(archive.read("datapackage.json"))
    bundled = package_descriptor()
    assert descriptor["name"] == f"{bundled['name']}-view-1995-2005"
    assert descriptor["title"] == ds.title and descriptor["licenses"] == list(ds.licences)
    assert "year=2005&start=1995" in descriptor["description"]
    assert descriptor["description"].startswith(bundled.get("description", "Only"))
    assert descriptor["resources"] == bundled["resources"]


def test_sources_are_cut_to_those_the_rows_cite(ds):
    kept = view_package.view_tables(ds, Filters(year=1990))
    cited = view_package.cited_sources([kept["actors"], kept["ties"], kept["networks"],
                                        kept["discourses"], kept["actor_discourses"]])
    assert set(kept["sources"]["id"]) == cited & set(ds.sources["id"])
    assert list(kept) == list(TABLE_ORDER)
