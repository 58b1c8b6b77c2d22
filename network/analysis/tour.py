"""A first tour of a data set of one's own: a few scenes made from its data, each caption a
fact computed from it, in every language of the catalogue.

The bundled data has a tour written by hand (``data/scenes.json``, about the thesis's
findings). An upload has none, and a presenter with their own network would otherwise start
from one untitled picture. :func:`starter_tour` gives them a start they can edit, reorder or
replace in the scene list:

1. the whole network in its last year (or, with no years, as it is);
2. where it began (its first year), when the data spans more than one year;
3. the most connected organisations (most ties), the first of them selected;
4. who bridges (betweenness), when someone does and the measure is quick at this size;
5. the same network arranged by level, when its organisations are at more than one level.

Every number and name in a caption is read from the view the scene opens.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from network.analysis.metrics import slow
from network.analysis.ranking import key_actors
from network.model.dataset import UNTITLED, Dataset
from network.model.schema import LEVELS
from network.text.catalogue import LANGUAGES, t
from network.view.scenes import Scene
from network.view.state import Filters
from network.view.visible import visible

#: How many organisations a caption names.
NAMED = 3


def _names(ds: Dataset, table: pd.DataFrame, lang: str) -> str:
    """"A (12), B (9) and C (7)": the first organisations of a ranking with their values."""
    top = table.head(NAMED)
    parts = [f"{ds.short_name(str(actor), lang)} ({_number(float(value))})"
             for actor, value in zip(top["id"], top["value"], strict=True)]
    if len(parts) == 1:
        return parts[0]
    return t("tour.and", lang, first=", ".join(parts[:-1]), last=parts[-1])


def _counted(actors: int, ties: int) -> dict[str, dict[str, str]]:
    """"1 organisation", "4 organisations", "1 tie", "3 ties" in every language."""
    return {lang: {"actors": t("tour.orgs.one" if actors == 1 else "tour.orgs", lang, n=actors),
                   "ties": t("tour.ties.one" if ties == 1 else "tour.ties", lang, n=ties)}
            for lang in LANGUAGES}


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else f"{value:.2f}"


def _texts(key: str, ds: Dataset | None = None, **params: object) -> dict[str, str]:
    """``key`` in every language (in the data set's words when ``ds`` is given)."""
    return {lang: (ds.say(key, lang, **params) if ds is not None else t(key, lang, **params))
            for lang in LANGUAGES}


@lru_cache(maxsize=16)
def starter_tour(ds: Dataset) -> tuple[Scene, ...]:
    """The first tour of ``ds`` (see the module's description); empty when nothing is in
    view in its last year.

    >>> from network.loading import load
    >>> [s.id for s in starter_tour(load().dataset)]
    ['overview', 'start', 'most-ties', 'bridges', 'levels']
    """
    year = ds.last_year
    now = Filters(year=year)
    view = visible(ds, now)
    if view.empty:
        return ()
    untitled = ds.title == UNTITLED and not ds.title_es
    now_n = _counted(len(view.actors), len(view.ties))
    scenes = [Scene("overview", "", title=(_texts("tour.overview.title") if untitled else
                                           {lang: ds.title_in(lang) for lang in LANGUAGES}),
                    caption={lang: ds.say("tour.overview", lang, **now_n[lang], year=year)
                             for lang in LANGUAGES})]
    if not ds.timeless and ds.first_year < year:
        first = visible(ds, Filters(year=ds.first_year))
        then_n = _counted(len(first.actors), len(first.ties))
        scenes.append(Scene(
            "start", f"year={ds.first_year}",
            title=_texts("tour.start.title", year=ds.first_year),
            caption={lang: t("tour.start", lang, year=ds.first_year, **then_n[lang], last=year,
                             actors_last=now_n[lang]["actors"], ties_last=now_n[lang]["ties"])
                     for lang in LANGUAGES}))
    most = key_actors(ds, now, "degree", top=NAMED)
    most = most[most["value"] > 0]  # an organisation with no tie is not "most connected"
    if len(most):
        scenes.append(Scene(
            "most-ties", f"actor={most['id'].iloc[0]}",
            title=_texts("tour.most_ties.title"),
            caption={lang: t("tour.most_ties", lang, names=_names(ds, most, lang))
                     for lang in LANGUAGES}))
    if not slow("betweenness", len(view.actors), len(view.ties)):
        bridges = key_actors(ds, now, "betweenness", top=NAMED)
        bridges = bridges[bridges["value"] > 0]
        if len(bridges):
            key = "tour.bridges" if len(bridges) > 1 else "tour.bridges.one"
            scenes.append(Scene(
                "bridges", f"metric=betweenness&actor={bridges['id'].iloc[0]}",
                title=_texts("tour.bridges.title"),
                caption={lang: t(key, lang, names=_names(ds, bridges, lang))
                         for lang in LANGUAGES}))
    counted = view.actors["level"].value_counts()
    order = [lv for lv in LEVELS if lv in counted.index]  # local to global, then the rest
    levels = counted.reindex(order + sorted(set(counted.index) - set(order)))
    if len(levels) > 1:
        scenes.append(Scene(
            "levels", "layout=levels", title=_texts("tour.levels.title"),
            caption={lang: t("tour.levels", lang, counts=", ".join(
                f"{t(f'level.{level}', lang)} {count}" for level, count in levels.items()))
                for lang in LANGUAGES}))
    return tuple(scenes)
