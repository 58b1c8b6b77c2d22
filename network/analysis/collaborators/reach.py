"""How far an actor reaches in the view: its ego network (:func:`ego`) and who can
introduce it to whom (:func:`introductions`).

Both walk the view graph with direction ignored; a group node (members the sources count
but do not name) is reached but never walked through: nobody is introduced by an unnamed
group of members.

May import: :mod:`network.model`, :mod:`network.view` and :mod:`.view_graph`.
"""

from __future__ import annotations

import numpy as np

from network.analysis.collaborators.view_graph import ViewGraph, view_graph
from network.model.dataset import Dataset
from network.view.state import Filters

#: More intermediaries than this and a chain is no real introduction (a friend of a friend
#: can vouch for you; a chain of strangers cannot).
LONGEST_INTRODUCTION = 2


def ego(ds: Dataset, filters: Filters, actor: str, steps: int = 1) -> frozenset[str]:
    """The actor and every actor within ``steps`` ties of it in the view (direction ignored).

    Empty when the actor is not in view. ``steps=0`` gives the actor alone. A group node
    (unnamed members) is reached but not walked through, as in :func:`introductions`.
    """
    if steps < 0:
        raise ValueError(f"steps must be 0 or more, not {steps}")
    graph = view_graph(ds, filters)
    start = graph.pos.get(actor)
    if start is None:
        return frozenset()
    seen = np.zeros(len(graph.ids), dtype=bool)
    seen[start] = True
    frontier = np.array([start])
    for _ in range(steps):
        if not len(frontier):
            break
        nxt = np.unique(np.concatenate([graph.neighbours(i) for i in frontier]))
        nxt = nxt[~seen[nxt]]
        if not len(nxt):
            break
        seen[nxt] = True
        frontier = nxt[~graph.group[nxt]]  # a group is reached, not walked through
    return frozenset(graph.ids[seen].tolist())


def distances(graph: ViewGraph, start: int, stop: int | None = None) -> np.ndarray:
    """Breadth-first distances from ``start`` (-1 unreached); stops after ``stop``'s layer.

    Group nodes are reached but never passed through: nobody is introduced by an unnamed
    group of members."""
    dist = np.full(len(graph.ids), -1, dtype=np.int64)
    dist[start] = 0
    frontier = np.array([start])
    step = 0
    while len(frontier) and (stop is None or dist[stop] < 0):
        step += 1
        nxt = np.unique(np.concatenate([graph.neighbours(i) for i in frontier]))
        nxt = nxt[dist[nxt] < 0]
        dist[nxt] = step
        frontier = nxt[~graph.group[nxt]]
    return dist


def introductions(ds: Dataset, filters: Filters, source: str, target: str,
                  limit: int = 5) -> list[tuple[str, ...]]:
    """Shortest chains of actors from ``source`` to ``target`` in the view, direction ignored.

    Each path is a tuple of ids starting with ``source`` and ending with ``target``; the
    ones in between are who could introduce them. At most ``limit`` paths, ordered by the
    names (then ids) of the intermediaries, first to last. A pair that is already tied
    gives the direct path ``(source, target)`` only. Empty when there is no path, when
    ``source == target`` or when either is not in view.
    """
    graph = view_graph(ds, filters)
    s, e = graph.pos.get(source), graph.pos.get(target)
    if s is None or e is None or s == e or limit <= 0:
        return []
    from_s = distances(graph, s, stop=e)
    length = int(from_s[e])
    if length < 0:
        return []
    to_e = distances(graph, e, stop=s)
    paths: list[tuple[str, ...]] = []

    def walk(path: list[int]) -> None:
        here = path[-1]
        if here == e:
            paths.append(tuple(str(graph.ids[j]) for j in path))
            return
        step = len(path)
        nexts = [j for j in graph.neighbours(here).tolist()
                 if from_s[j] == step and to_e[j] == length - step
                 and (j == e or not graph.group[j])]
        for j in sorted(nexts, key=lambda j: graph.order[j]):
            walk(path + [j])
            if len(paths) >= limit:
                return

    walk([s])
    return paths
