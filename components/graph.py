"""The network picture: Cytoscape elements and stylesheet from a view (plain data in,
plain dicts out; no callbacks here).

Longer than 400 lines: the elements, the paint delta and the stylesheet are one contract
with assets/redes-*.js (the same keys on both sides); kept together so that it is read at once.
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import lru_cache

import dash_cytoscape as cyto

from network.analysis.ranking import thesis_named
from network.model.dataset import Dataset
from network.model.schema import LEVELS, MUTUAL_RELATIONS
from network.text.catalogue import t
from network.view.visible import UNSTATED, View, categories

from .ids import ID
from .palette import COLOURS, SHAPES

# The "extra" bundle (served locally from the wheel) carries cytoscape-svg, for SVG export.
cyto.load_extra_layouts()

MIN_SIZE, MAX_SIZE = 16.0, 52.0
#: Sizes move in 2-px steps: the eye cannot tell finer steps apart, and a year step then
#: repaints only the nodes whose size visibly changes (a smaller delta to send and draw).
SIZE_STEP = 2.0
PATH_COLOUR = "#D55E00"  # Okabe–Ito vermillion
#: Labels shown at the default zoom: the top actors by the metric, plus the selection and
#: its neighbours (everything else shows its name on hover and when zoomed in).
LABELLED = 18
KEY_LABELS = 8  # of which the top few always try first


def node_sizes(values: dict[str, float], higher_is_central: bool) -> dict[str, float]:
    """Map metric values to node diameters (square root, so area tracks the value)."""
    finite = [v for v in values.values() if v is not None and math.isfinite(v)]
    if not finite:
        return {k: MIN_SIZE for k in values}
    lo, hi = min(finite), max(finite)
    out = {}
    for k, v in values.items():
        if v is None or not math.isfinite(v) or hi == lo:
            out[k] = MIN_SIZE if hi != lo else (MIN_SIZE + MAX_SIZE) / 3
            continue
        share = (v - lo) / (hi - lo)
        if not higher_is_central:
            share = 1 - share
        size = MIN_SIZE + math.sqrt(share) * (MAX_SIZE - MIN_SIZE)
        out[k] = float(round(size / SIZE_STEP) * SIZE_STEP)
    return out


@lru_cache(maxsize=64)
def _labels(ds: Dataset, lang: str) -> dict[str, str]:
    out = {}
    for actor_id, a in ds.actors.iterrows():
        name = ds.short_name(actor_id, lang)
        if a["is_group"] and a["member_count"] is not None and str(a["member_count"]) != "<NA>":
            name = f"{name} ({int(a['member_count'])})"
        out[actor_id] = name
    return out


@lru_cache(maxsize=64)
def _names(ds: Dataset, lang: str) -> dict[str, str]:
    return {actor_id: ds.actor_name(actor_id, lang) for actor_id in ds.actors.index}


def base_elements(ds: Dataset, lang: str, layout: str) -> list[dict]:
    """Every actor and tie of the data set, at its stable position, with nothing painted.

    The graph holds this one list for as long as the data set, the language and the
    arrangement stay the same; what a view shows (which elements, their colour, size and
    classes) is painted onto it in the browser from :func:`paint` deltas. Elements carry no
    ``classes`` here, so replacing this list (another language or arrangement) keeps the
    paint: dash-cytoscape only patches the keys that differ.
    """
    return _base(ds, lang, layout)


@lru_cache(maxsize=16)
def _base(ds: Dataset, lang: str, layout: str) -> list[dict]:
    labels = _labels(ds, lang)
    names = _names(ds, lang)
    positions = ds.positions[layout]
    out: list[dict] = []
    for actor_id in ds.actors.index:
        x, y = positions[actor_id]
        out.append({"data": {"id": actor_id, "label": labels[actor_id], "name": names[actor_id]},
                    "position": {"x": x, "y": y}})
    for tie_id, source, target, relation in ds.ties[
            ["id", "source", "target", "relation"]].itertuples(index=False, name=None):
        out.append({"data": {"id": f"tie:{tie_id}", "source": source, "target": target,
                             "relation": relation}})
    if layout == "levels":
        out.extend(_band_labels(ds, lang, positions))
    return out


def _band_labels(ds: Dataset, lang: str, positions) -> list[dict]:
    """The names of the four platform levels, left of their bands (drawn by the stylesheet
    whatever the paint: they are not actors and never take a class)."""
    xs = [x for x, _ in positions.values()]
    if not xs:
        return []
    left = min(xs) - 120
    out = []
    for level in LEVELS:
        ys = [positions[a][1] for a in ds.actors.index[ds.actors["level"] == level]]
        if ys:
            out.append({"data": {"id": f"band:{level}", "band": t(f"level.{level}", lang)},
                        "position": {"x": left, "y": (min(ys) + max(ys)) / 2},
                        "selectable": False, "grabbable": False})
    return out


#: A label's box in model units (the stylesheet: 22-unit font, 5 units below the node,
#: ellipsis at 220 units). Boxes and positions scale together, so what does not overlap
#: here does not overlap at any zoom.
FONT, LABEL_GAP, LABEL_MAX = 22.0, 5.0, 220.0
CHAR_WIDTH = 0.6 * FONT  # DejaVu Sans, average


@lru_cache(maxsize=16)
def _label_widths(ds: Dataset) -> dict[str, float]:
    """Each label's width, the longer of its English and Spanish forms."""
    en, es = _labels(ds, "en"), _labels(ds, "es")
    return {a: min(LABEL_MAX, CHAR_WIDTH * max(len(en[a]), len(es[a]))) for a in en}


def place_labels(must: list[str], wanted: list[str], positions: dict[str, tuple[float, float]],
                 sizes: dict[str, float], widths: dict[str, float], limit: int,
                 shown: Iterable[str] = ()) -> set[str]:
    """Which actors show their name at rest: all of ``must``, then ``wanted`` in order,
    skipping a label whose box would cover one already placed or a node of ``shown``
    (other than its own), up to ``limit`` labels.

    >>> pos = {"a": (0, 0), "b": (10, 0), "c": (400, 0), "d": (600, 0), "e": (600, 45)}
    >>> w = {k: 100 for k in pos}
    >>> sorted(place_labels([], ["a", "b", "c", "d"], pos, {}, w, 5, shown=pos))
    ['a', 'c']

    (``b``'s label would cover ``a``'s; ``d``'s would cover the node ``e``.)
    """
    import numpy as np

    shown = [a for a in shown if a in positions]
    centres = np.array([positions[a] for a in shown], dtype=float).reshape(-1, 2)
    radii = np.array([sizes.get(a, MIN_SIZE) / 2 for a in shown], dtype=float)
    index = {a: i for i, a in enumerate(shown)}

    def clear_of_nodes(a: str, b: tuple[float, float, float, float]) -> bool:
        if not len(centres):
            return True
        nx_ = np.clip(centres[:, 0], b[0], b[2])
        ny_ = np.clip(centres[:, 1], b[1], b[3])
        hit = (centres[:, 0] - nx_) ** 2 + (centres[:, 1] - ny_) ** 2 < radii ** 2
        if a in index:
            hit[index[a]] = False
        return not hit.any()

    boxes: list[tuple[float, float, float, float]] = []
    chosen: set[str] = set()

    def box(a: str) -> tuple[float, float, float, float]:
        x, y = positions[a]
        top = y + sizes.get(a, MIN_SIZE) / 2 + LABEL_GAP
        half = widths.get(a, LABEL_MAX) / 2
        return (x - half, top, x + half, top + FONT * 1.25)

    def free(b: tuple[float, float, float, float]) -> bool:
        return all(b[2] <= o[0] or o[2] <= b[0] or b[3] <= o[1] or o[3] <= b[1] for o in boxes)

    for a in must:
        chosen.add(a)
        boxes.append(box(a))
    for a in wanted:
        if len(chosen) >= limit:
            break
        if a in chosen or a not in positions:
            continue
        b = box(a)
        if free(b) and clear_of_nodes(a, b):
            chosen.add(a)
            boxes.append(b)
    return chosen


@dataclass(frozen=True, eq=False)
class Paint:
    """What one view shows on the base elements.

    ``nodes``: actor id → (colour, size, classes) for the actors in view; ``edges``: edge id
    → classes for the ties in view. Everything else is hidden (no ``on`` class).
    """

    nodes: dict[str, tuple[str, float, str]]
    edges: dict[str, str]


def paint(
    ds: Dataset,
    view: View,
    *,
    colour_by: str,
    sizes: dict[str, float],
    ranking: list[str],
    selected: str | None,
    focus: tuple | None = None,
    layout: str = "force",
) -> Paint:
    """Colour, size and classes of every actor and tie in ``view``.

    ``selected`` highlights an actor and its neighbours (nothing fades when it is not in
    view). ``focus`` = (my organisation, its ego network, ways in to another actor,
    suggested collaborators) replaces that highlight when finding collaborators: the ego
    network stands out, the suggestions are marked, the rest fades, and the ways in are drawn
    as paths; ``selected`` is then only marked ("picked") and labelled.
    """
    highlight = _highlight(view, selected, focus)
    labelled = _labelled(ds, view, highlight, sizes, ranking, layout)
    # in data with no year at all, "year unknown" is true of everyone and says nothing
    dated = not ds.timeless
    return Paint(_paint_nodes(view, colour_by, sizes, labelled, highlight, dated),
                 _paint_edges(view, highlight, dated))


@dataclass(frozen=True, eq=False)
class _Highlight:
    """Who stands out in a view. ``centre`` is the selection, or my organisation when
    finding collaborators (``finding``); ``near`` is it and its ``neighbours`` (its ego
    network when finding collaborators). Nobody stands out when ``centre`` is None."""

    centre: str | None = None
    neighbours: set[str] = field(default_factory=set)
    near: set[str] = field(default_factory=set)
    on_path: set[str] = field(default_factory=set)  # actors on the ways in
    path_pairs: set[frozenset[str]] = field(default_factory=set)  # ties on the ways in
    suggested: set[str] = field(default_factory=set)
    picked: str | None = None  # the selection, only marked while finding collaborators
    finding: bool = False

    def node_classes(self, actor_id: str) -> list[str]:
        """An actor's classes for the highlight (none when nobody stands out)."""
        if self.centre is None:
            return []
        classes = ["focus" if actor_id == self.centre else
                   "near" if actor_id in self.neighbours or actor_id in self.on_path
                   or actor_id in self.suggested or actor_id == self.picked else "faded"]
        if actor_id in self.on_path:
            classes.append("path")
        if actor_id in self.suggested:
            classes.append("suggested")
        if actor_id == self.picked:
            classes.append("picked")
        return classes

    def edge_classes(self, source: str, target: str) -> str:
        """A tie's classes for the highlight, each after a space ("" when none)."""
        if frozenset((source, target)) in self.path_pairs:
            return " near path"
        if self.finding:
            return " near" if source in self.near and target in self.near else " faded"
        if self.centre is not None:
            return " near" if self.centre in (source, target) else " faded"
        return ""


def _highlight(view: View, selected: str | None, focus: tuple | None) -> _Highlight:
    """The highlight of :func:`paint`'s ``selected`` and ``focus``."""
    if selected is not None and selected not in view.graph:
        selected = None
    if focus is None:
        if selected is None:
            return _Highlight()
        graph = view.graph
        neighbours = set(graph.predecessors(selected)) | set(graph.successors(selected))
        return _Highlight(selected, neighbours, neighbours | {selected})
    me, ego, ways, suggestions = focus
    neighbours = set(ego) - {me}
    on_path: set[str] = set()
    path_pairs: set[frozenset[str]] = set()
    for way in ways:
        on_path.update(way)
        path_pairs.update(frozenset(p) for p in zip(way, way[1:], strict=False))
    return _Highlight(me, neighbours, neighbours | {me}, on_path, path_pairs, set(suggestions),
                      picked=selected, finding=True)


def _labelled(ds: Dataset, view: View, highlight: _Highlight, sizes: dict[str, float],
              ranking: list[str], layout: str) -> set[str]:
    """Who shows a name at rest: the centre, the picked actor and the ways in always; then
    its neighbours and suggestions, then the top actors by the measure, while they fit."""
    must = [a for a in dict.fromkeys([highlight.centre, highlight.picked,
                                      *sorted(highlight.on_path)]) if a in view.graph]
    order = {a: i for i, a in enumerate(ranking)}
    wanted = sorted((highlight.neighbours | highlight.suggested) - set(must),
                    key=lambda a: order.get(a, len(order)))
    # The top actors may cover small nodes with their names; the others may not.
    positions, widths = ds.positions[layout], _label_widths(ds)
    labelled = place_labels(must, wanted + ranking[:KEY_LABELS], positions, sizes, widths,
                            limit=len(must) + len(wanted) + KEY_LABELS)
    return place_labels(sorted(labelled), ranking[KEY_LABELS:2 * LABELLED], positions, sizes,
                        widths, limit=max(len(labelled), LABELLED), shown=view.actors.index)


def _paint_nodes(view: View, colour_by: str, sizes: dict[str, float], labelled: set[str],
                 highlight: _Highlight, dated: bool = True) -> dict[str, tuple[str, float, str]]:
    """Every actor in view: its colour by ``colour_by``, its size and its classes (no
    "undated" outline in data that is not ``dated`` at all)."""
    palette = COLOURS[colour_by]
    nodes: dict[str, tuple[str, float, str]] = {}
    columns = ["id", colour_by, "sector", "certainty", "is_group", "level"]
    named = thesis_named(view.actors)
    shown = view.actors.assign(**{colour_by: categories(view.actors, colour_by)})
    rows = zip(*(shown[c].tolist() for c in columns), view.actors["founded"].isna().tolist(),
               strict=True)
    for actor_id, category, sector, certainty, is_group, level, undated in rows:
        classes = ["on", sector, certainty]
        if is_group:
            classes.append("group")
        if undated and dated:  # no known founding year: a dotted outline
            classes.append("undated")
        if level == UNSTATED:  # "stated only" and the level is our inference: hollow
            classes.append("unplaced")
        if actor_id in named:  # the thesis names it: its label comes before others'
            classes.append(named[actor_id])
        if actor_id in labelled:
            classes.append("labelled")
        classes += highlight.node_classes(actor_id)
        nodes[actor_id] = (palette.get(category or "none", "#8C8C8C"),
                           sizes.get(actor_id, MIN_SIZE), " ".join(classes))
    return nodes


def _paint_edges(view: View, highlight: _Highlight, dated: bool = True) -> dict[str, str]:
    """Every tie in view: its classes, by edge id (none "undated" in data not ``dated``)."""
    edges: dict[str, str] = {}
    ties = view.ties
    for tie_id, source, target, certainty, undated in zip(
            ties["id"].tolist(), ties["source"].tolist(), ties["target"].tolist(),
            ties["certainty"].tolist(), ties["from_year"].isna().tolist(), strict=True):
        classes = "on " + certainty + (" undated" if undated and dated else "")
        edges[f"tie:{tie_id}"] = classes + highlight.edge_classes(source, target)
    return edges


def delta(old: Paint | None, new: Paint) -> dict:
    """Only what changes from ``old`` (what the browser shows) to ``new``.

    ``nodes``: [id, colour, size, classes] to set; ``edges``: [id, classes] to set;
    ``hide``: ids to hide. With no ``old`` (a fresh page), ``reset`` asks the browser to
    hide everything first and the lists hold the whole view.
    """
    if old is None:
        return {"reset": True, "hide": [],
                "nodes": [[k, *v] for k, v in new.nodes.items()],
                "edges": [[k, v] for k, v in new.edges.items()]}
    nodes = [[k, *v] for k, v in new.nodes.items() if old.nodes.get(k) != v]
    edges = [[k, v] for k, v in new.edges.items() if old.edges.get(k) != v]
    hide = [k for k in old.nodes if k not in new.nodes]
    hide += [k for k in old.edges if k not in new.edges]
    return {"reset": False, "hide": hide, "nodes": nodes, "edges": edges}


def painted(base: list[dict], p: Paint) -> list[dict]:
    """The elements of a view with its paint baked in (for a full resend or an export)."""
    out = []
    for element in base:
        key = element["data"]["id"]
        if key in p.nodes:
            colour, size, classes = p.nodes[key]
            out.append({**element, "data": {**element["data"], "colour": colour, "size": size},
                        "classes": classes})
        elif key in p.edges:
            out.append({**element, "classes": p.edges[key]})
    return out


def stylesheet() -> list[dict]:
    """The Cytoscape stylesheet: colour by data, shape by sector, dashes for inferences."""
    return [
        # Hidden unless painted into the view (class "on"): see base_elements().
        {"selector": "node, edge", "style": {"display": "none"}},
        {"selector": ".on", "style": {"display": "element"}},
        *_node_rules(),
        *_edge_rules(),
        *_highlight_rules(),
        *({"selector": f"node.{sector}", "style": {"shape": shape}}
          for sector, shape in SHAPES.items()),
        # last, so that no rule for actors overrides it
        _band_rule(),
    ]


def _node_rules() -> list[dict]:
    """How an actor looks: colour and size from its paint, its label, and the borders that
    mark inferences, groups and unknown founding years."""
    return [
        {"selector": "node", "style": {
            "background-color": "#8C8C8C", "width": MIN_SIZE, "height": MIN_SIZE,
            "border-width": 1.5, "border-color": "#1b1b1b", "label": "",
            "font-size": 22, "font-family": "DejaVu Sans, Arial, sans-serif",
            "text-valign": "bottom", "text-margin-y": 5, "color": "#111",
            "text-outline-color": "#fff", "text-outline-width": 4,
            "text-wrap": "ellipsis", "text-max-width": 220, "min-zoomed-font-size": 8,
        }},
        # Painted nodes only: a mapping on a node without the data field logs a warning.
        {"selector": "node[colour]", "style": {"background-color": "data(colour)"}},
        {"selector": "node[size]", "style": {"width": "data(size)", "height": "data(size)"}},
        # "labelled" (placed by the server) is a priority; the browser labels what fits on
        # screen at a fixed size ("lod", assets/redes-labels.js: placeLabels)
        # (above unlabelled nodes, so that no node hides part of a label)
        {"selector": "node.lod", "style": {"label": "data(label)", "z-index": 4}},
        {"selector": "node:active, node:selected", "style": {"label": "data(label)"}},
        {"selector": "node.inferred", "style": {"border-style": "dashed", "border-width": 2.5}},
        {"selector": "node.group", "style": {"border-style": "double", "border-width": 5}},
        {"selector": "node.undated", "style": {"border-style": "dotted", "border-width": 3}},
        # a level only inferred, in a "stated only" view: hollow (in the level bands it is
        # drawn at our reading, and the legend says so)
        {"selector": "node.unplaced", "style": {"background-opacity": 0.3}},
    ]


def _edge_rules() -> list[dict]:
    """How a tie looks: an arrow (a line for a mutual relation), dashed when inferred, dotted
    with no known start year, thicker when the thesis states it."""
    return [
        {"selector": "edge", "style": {
            "width": 1.6, "line-color": "#6b6b6b", "curve-style": "bezier",
            "target-arrow-shape": "triangle", "target-arrow-color": "#6b6b6b",
            "arrow-scale": 0.7, "opacity": 0.8,
        }},
        # working together goes both ways: no arrowhead
        *({"selector": f'edge[relation = "{relation}"]', "style": {"target-arrow-shape": "none"}}
          for relation in MUTUAL_RELATIONS),
        # no known start year: dotted (an inferred tie keeps its dashes, the stronger cue)
        {"selector": "edge.undated", "style": {"line-style": "dashed",
                                               "line-dash-pattern": [1.5, 4]}},
        {"selector": "edge.inferred", "style": {"line-style": "dashed",
                                                "line-dash-pattern": [6, 4]}},
        {"selector": "edge.stated", "style": {"width": 2.4}},
    ]


def _highlight_rules() -> list[dict]:
    """The classes :func:`paint` gives for a selection or for finding collaborators."""
    return [
        {"selector": ".faded", "style": {"opacity": 0.18}},
        {"selector": "node.focus", "style": {
            "border-width": 5, "border-color": "#000", "font-weight": "bold",
            "z-index": 10}},
        {"selector": "node.near", "style": {"z-index": 5}},
        {"selector": "edge.near", "style": {"width": 3.2, "line-color": "#222",
                                            "target-arrow-color": "#222", "opacity": 1}},
        # ways in (who can introduce us): vermillion, thick, and a wide border on the nodes
        {"selector": "node.path", "style": {"border-color": PATH_COLOUR, "border-width": 6,
                                            "z-index": 8}},
        # suggested collaborators: a dotted accent ring; the actor picked from the panel: thick
        {"selector": "node.suggested", "style": {"border-color": "#0072B2", "border-width": 4,
                                                 "border-style": "dotted", "z-index": 6}},
        {"selector": "node.picked", "style": {"border-width": 6, "border-color": "#000",
                                              "z-index": 9}},
        {"selector": "edge.path", "style": {"width": 6, "line-color": PATH_COLOUR,
                                            "target-arrow-color": PATH_COLOUR, "opacity": 1,
                                            "z-index": 9}},
    ]


def _band_rule() -> dict:
    """The level bands' names in the "levels" arrangement (see _band_labels): text only,
    shown whatever the paint, and never a target for the pointer."""
    return {"selector": "node[band]", "style": {
        "display": "element", "label": "data(band)", "width": 1, "height": 1,
        "background-opacity": 0, "border-width": 0, "border-opacity": 0,
        "overlay-opacity": 0, "font-size": 44, "color": "#555",
        "text-halign": "left", "text-valign": "center", "font-weight": "bold",
        "events": "no", "text-outline-width": 0, "text-wrap": "none",
        "text-max-width": 1000}}


def graph_component() -> cyto.Cytoscape:
    return cyto.Cytoscape(
        id=ID.GRAPH,
        elements=[],
        # The painter fits (assets/redes-graph.js); a layout fit here fought it when the page
        # re-rendered (the zoom jumped back 20 ms after a fit).
        layout={"name": "preset", "fit": False},
        autoRefreshLayout=False,
        stylesheet=stylesheet(),
        style={"width": "100%", "height": "100%"},
        # Far enough out for ~2,500 spaced actors at once; below ~0.05 dash-cytoscape resets
        # the zoom to 1 after a fit (measured: 0.02 and 0.01 do, 0.05 does not).
        minZoom=0.05,
        maxZoom=4,
        boxSelectionEnabled=False,
        # Not dash-cytoscape's "responsive": the painter handles a new size (redes-graph.js:
        # a presenter's scene refits, a view shown again gets its viewport back, else the
        # centre stays). Responsive also set zoom and pan of its own on every resize Cytoscape
        # makes of a change of its container's attributes, undoing a presenter's fit, and
        # measured every element's box on every frame drawn.
        responsive=False,
    )
