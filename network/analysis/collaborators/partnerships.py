"""Who an actor works with already: its ties in view (:func:`partners`), and the actors it
meets inside an umbrella organisation both belong to (:func:`together`), which are
therefore not suggested as partners to approach.

May import: :mod:`network.model`, :mod:`network.view`.
"""

from __future__ import annotations

from functools import lru_cache

import pandas as pd

from network.model.dataset import Dataset
from network.view.state import Filters
from network.view.visible import visible

#: Columns of :func:`partners`.
PARTNER_COLUMNS = ("partner", "relation", "network", "direction", "certainty",
                   "from_year", "to_year", "weight", "tie")


def partners(ds: Dataset, filters: Filters, actor: str) -> pd.DataFrame:
    """The actor's ties in view, one row per tie.

    Columns: ``partner`` (the other actor's id), ``relation``, ``network``, ``direction``
    (``"out"`` when the actor is the tie's source, ``"in"`` when it is the target),
    ``certainty``, ``from_year``, ``to_year``, ``weight`` and ``tie`` (the tie id). Sorted
    by the partner's name, then network, relation and tie id. Empty (same columns) when the
    actor is not in view or has no ties in it.
    """
    ties = visible(ds, filters).ties
    out = ties[ties["source"] == actor]
    inc = ties[ties["target"] == actor]
    frame = pd.concat([
        pd.DataFrame({"partner": out["target"], "direction": "out"}).join(out.drop(columns=["id"])),
        pd.DataFrame({"partner": inc["source"], "direction": "in"}).join(inc.drop(columns=["id"])),
    ])
    if frame.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in PARTNER_COLUMNS})
    frame["tie"] = frame.index.to_numpy()
    frame["_name"] = frame["partner"].map(ds.actors["name"])
    frame = frame.sort_values(["_name", "partner", "network", "relation", "tie"], kind="stable")
    return frame.loc[:, list(PARTNER_COLUMNS)].reset_index(drop=True)


#: Ties by which an actor belongs to an umbrella organisation (source -> umbrella) ...
BELONGS = frozenset({"member_of", "founded", "part_of"})
#: ... and by which an umbrella runs something of its own (umbrella -> initiative).
RUNS = frozenset({"coordinates", "founded"})


@lru_cache(maxsize=256)
def together(ds: Dataset, filters: Filters, actor: str) -> dict[str, str]:
    """Actors in view that ``actor`` already works with through an umbrella organisation:
    candidate id -> the umbrella's id.

    ``actor`` belongs to an umbrella U (a tie actor -> U that is a membership, a founding or
    a part-of); the others are U's other members and founders, what U runs (a tie U -> X
    that coordinates or founded X) and the parts of what it runs (Y part of X), and the
    umbrellas U belongs to in turn (the platforms the actor is in through U). They are not
    partners to approach: the actor meets them inside U already. Group nodes and current
    partners are left out.
    """
    view = visible(ds, filters)
    ties = view.ties
    if actor not in view.actors.index or ties.empty:
        return {}
    umbrellas = ties.loc[(ties["source"] == actor) & ties["relation"].isin(BELONGS), "target"]
    partners_now = set(ties.loc[ties["source"] == actor, "target"]) | set(
        ties.loc[ties["target"] == actor, "source"])
    group = view.actors["is_group"].fillna(False)
    out: dict[str, str] = {}
    for umbrella in sorted(set(umbrellas)):
        members = ties.loc[(ties["target"] == umbrella) & ties["relation"].isin(BELONGS),
                           "source"]
        runs = ties.loc[(ties["source"] == umbrella) & ties["relation"].isin(RUNS), "target"]
        parts = ties.loc[ties["target"].isin(set(runs)) & (ties["relation"] == "part_of"),
                         "source"]
        above = ties.loc[(ties["source"] == umbrella) & ties["relation"].isin(BELONGS),
                         "target"]
        for other in [*members, *runs, *parts, *above]:
            if other != actor and other not in partners_now and not group.get(other, False):
                out.setdefault(other, umbrella)
    return out
