"""From tables to a ready :class:`~network.model.dataset.Dataset`: read and validate a data
package (:mod:`network.model`), then add what is derived once per data set: the positions of
every arrangement (:mod:`network.layout`) and the span of years.

This is the one place where the model meets the layout, so that neither imports the other.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import networkx as nx
import pandas as pd

from network.layout.positions import stable_positions
from network.model.dataset import OWN, THESIS, Dataset, Licence, content_key, usable_positions
from network.model.loader import read_tables
from network.model.problems import Report
from network.model.schema import BUNDLED_DATA
from network.model.validation import validate
from network.text.folding import fold
from network.view.state import FIELDWORK


@dataclass(frozen=True)
class LoadResult:
    dataset: Dataset | None
    report: Report


def _metadata(folder: Path) -> tuple[str, tuple[Licence, ...], str]:
    """The title, the licences and the Spanish title of ``datapackage.json``.

    Besides the Frictionless properties, two optional ones give the package's own texts in
    Spanish: ``title_es`` (the package's title) and, in each entry of ``licenses``,
    ``title_es`` (the licence's title). A Spanish page shows them
    (:meth:`~network.model.dataset.Dataset.title_in`,
    :func:`~network.model.dataset.licence_title`); where one is missing, the English one.
    """
    path = folder / "datapackage.json"
    if folder.is_dir() and path.is_file():
        try:
            meta = json.loads(path.read_text(encoding="utf-8"))
            licences = tuple(x for x in meta.get("licenses") or () if isinstance(x, dict))
            return (str(meta.get("title") or folder.name), licences,
                    str(meta.get("title_es") or ""))
        except (OSError, ValueError, AttributeError):
            pass
    return folder.stem, (), ""


def _first_tie_year(actors: pd.DataFrame, ties: pd.DataFrame) -> float:
    """The first year a tie can be on screen: the time line starts there, not at the
    founding of the oldest body (a ministry founded in 1856 would stretch the slider over a
    century of one lone dot). A tie starts at the latest of its own year and its actors'
    founding years that are known; without any tie, or when every tie starts after the last
    founding (placeholder ties), the first founding year.

    >>> a = pd.DataFrame({"founded": [1856, 1972, None]}, index=["pcm", "ifoam", "galci"])
    >>> t = pd.DataFrame({"source": ["ifoam", "pcm"], "target": ["galci", "ifoam"],
    ...                   "from_year": [None, 1990]})
    >>> _first_tie_year(a, t)
    1972.0
    """
    if ties.empty:
        return cast(float, actors["founded"].min())  # NA when no actor has a year
    starts = pd.concat([ties["from_year"].astype("Float64"),
                        ties["source"].map(actors["founded"]).astype("Float64"),
                        ties["target"].map(actors["founded"]).astype("Float64")], axis=1)
    first = starts.max(axis=1, skipna=True).min(skipna=True)
    if pd.isna(first) or first > actors["founded"].max():
        return cast(float, actors["founded"].min())  # NA when no actor has a year
    return float(first)


def build(tables: dict[str, pd.DataFrame], title: str, licences: tuple[Licence, ...],
          positions: object = None, title_es: str = "", voice: str = OWN) -> Dataset:
    """Make a :class:`Dataset` from valid typed tables (see :func:`load`); ``title_es`` is
    the title in Spanish, if the package gives one; ``voice`` is :data:`THESIS` for the
    bundled data only.

    ``positions`` may be the layout computed before for the same tables (from a shared
    cache); it is used when it fits every actor, and computed afresh otherwise.
    """
    actors = tables["actors"].set_index("id", drop=False)
    ties = tables["ties"].copy()
    ties["weight"] = ties["weight"].fillna(1.0)
    ties = ties.set_index("id", drop=False)
    positions = usable_positions(positions, actors.index)
    if positions is None:
        full = nx.Graph()
        full.add_nodes_from(actors.index)
        full.add_edges_from(zip(ties["source"], ties["target"], strict=True))
        positions = stable_positions(full, dict(zip(actors.index, actors["level"], strict=True)))
    years = [_first_tie_year(actors, ties), actors["founded"].max(), ties["from_year"].max(),
             actors["active_until"].max(), ties["to_year"].max()]
    known = [int(y) for y in years if pd.notna(y)]
    # Undated actors or ties are shown by default from the thesis's fieldwork (the bundled
    # data) or from the data's own first year (any other), so the years must reach it. A
    # data set with no year at all is timeless: one nominal year, never shown as a year.
    undated_from = FIELDWORK[0] if voice == THESIS or not known else min(known)
    if actors["founded"].isna().any() or ties["from_year"].isna().any() or not known:
        known.append(undated_from)
    names = ("name", "name_es", "acronym", "id")
    search = tuple(
        (str(actor_id), fold(" ".join(str(a[c]) for c in names)),
         frozenset(fold(str(a[c])) for c in names if a[c]))
        for actor_id, a in actors.iterrows()
    )
    return Dataset(
        actors=actors,
        ties=ties,
        networks=tables["networks"].set_index("id", drop=False),
        discourses=tables["discourses"].set_index("id", drop=False),
        actor_discourses=tables["actor_discourses"].reset_index(drop=True),
        sources=tables["sources"].set_index("id", drop=False),
        title=title,
        title_es=title_es,
        licences=licences,
        key=content_key(tables, title, licences, title_es, voice)[:16],
        positions=positions,
        first_year=min(known),
        last_year=max(known),
        search_index=search,
        voice=voice,
        undated_from=undated_from,
    )


def load(path: str | Path | None = None, voice: str | None = None) -> LoadResult:
    """Load and validate a data package; the bundled one when ``path`` is None.

    ``path`` may be a folder of CSV files (with or without ``datapackage.json``), a
    ``datapackage.json`` file or an ``.xlsx`` workbook with one sheet per table. The result
    holds every problem found; ``dataset`` is None when there is any error. ``voice`` is how
    its texts speak of its main source (:data:`~network.model.dataset.THESIS` or
    :data:`~network.model.dataset.OWN`); by default the thesis for the bundled data only.

    >>> result = load()
    >>> result.report.ok, result.dataset is not None
    (True, True)
    """
    path = Path(path) if path is not None else BUNDLED_DATA
    report = Report()
    raw = read_tables(path, report)
    typed = validate(raw, report)
    if not report.ok:
        return LoadResult(None, report)
    folder = path.parent if path.is_file() and path.suffix == ".json" else path
    title, licences, title_es = _metadata(folder)
    if voice is None:
        # only the bundled data speaks of the thesis; a copy of it elsewhere is someone's own
        voice = THESIS if folder.resolve() == BUNDLED_DATA else OWN
    return LoadResult(build(typed, title, licences, title_es=title_es, voice=voice), report)
