"""What the export tests share: fixed dates and links, views to export, hostile cells, and
data with what the bundled data lacks."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import zipfile
from pathlib import Path

import pandas as pd

from network.analysis.ranking import composition, key_actors
from network.loading import load
from network.model.dataset import Dataset
from network.model.schema import BUNDLED_DATA
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


def ids(filters: Filters) -> str:
    return "-".join(f"{k}={v}" for k, v in vars(filters).items() if v is not None) or "all"


def unzip(data: bytes) -> zipfile.ZipFile:
    archive = zipfile.ZipFile(io.BytesIO(data))
    assert archive.testzip() is None
    return archive


def sheets(ds: Dataset) -> dict[str, pd.DataFrame]:
    """Tables as the export bar gives them, plus hostile text and awkward sheet names."""
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


def odd_dataset(folder: Path) -> Dataset:
    """The bundled data plus what it lacks: an actor that closed, a tie that ended, a second
    tie between the same two actors, text with XML and formula characters."""
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
