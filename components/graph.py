"""The network picture: Cytoscape elements and stylesheet from a view (plain data in,
plain dicts out; no callbacks here)."""

from __future__ import annotations

import math
from functools import lru_cache

import dash_cytoscape as cyto

from network.dataset import Dataset
from network.view import View

from .ids import ID
from .palette import COLOURS, SHAPES

MIN_SIZE, MAX_SIZE = 16.0, 52.0
#: Labels shown at the default zoom: the top actors by the metric, plus the selection and
#: its neighbours (everything else shows its name on hover and when zoomed in).
LABELLED = 18


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
        out[k] = round(MIN_SIZE + math.sqrt(share) * (MAX_SIZE - MIN_SIZE), 1)
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


def elements(
    ds: Dataset,
    view: View,
    *,
    lang: str,
    layout: str,
    colour_by: str,
    sizes: dict[str, float],
    ranking: list[str],
    selected: str | None,
) -> list[dict]:
    """Cytoscape elements for the actors and ties in ``view``, at their stable positions."""
    labels = _labels(ds, lang)
    names = _names(ds, lang)
    positions = ds.positions[layout]
    labelled = set(ranking[:LABELLED])
    neighbours: set[str] = set()
    if selected is not None and selected in view.graph:
        neighbours = set(view.graph.predecessors(selected)) | set(view.graph.successors(selected))
        labelled |= neighbours | {selected}
    palette = COLOURS[colour_by]
    out: list[dict] = []
    columns = ["id", colour_by, "sector", "certainty", "is_group"]
    for actor_id, category, sector, certainty, is_group in view.actors[columns].itertuples(
            index=False, name=None):
        x, y = positions[actor_id]
        category = category or "none"
        classes = [sector, certainty]
        if is_group:
            classes.append("group")
        if actor_id in labelled:
            classes.append("labelled")
        if selected is not None:
            classes.append("focus" if actor_id == selected else
                           "near" if actor_id in neighbours else "faded")
        out.append({
            "data": {
                "id": actor_id,
                "label": labels[actor_id],
                "name": names[actor_id],
                "colour": palette.get(category, "#8C8C8C"),
                "size": sizes.get(actor_id, MIN_SIZE),
            },
            "position": {"x": x, "y": y},
            "classes": " ".join(classes),
        })
    for tie_id, source, target, relation, certainty in view.ties[
            ["id", "source", "target", "relation", "certainty"]].itertuples(index=False, name=None):
        classes = certainty
        if selected is not None:
            classes += " near" if selected in (source, target) else " faded"
        out.append({
            "data": {"id": f"tie:{tie_id}", "source": source, "target": target,
                     "relation": relation},
            "classes": classes,
        })
    return out


def stylesheet() -> list[dict]:
    """The Cytoscape stylesheet: colour by data, shape by sector, dashes for inferences."""
    style: list[dict] = [
        {"selector": "node", "style": {
            "background-color": "data(colour)", "width": "data(size)", "height": "data(size)",
            "border-width": 1.5, "border-color": "#1b1b1b", "label": "",
            "font-size": 22, "font-family": "DejaVu Sans, Arial, sans-serif",
            "text-valign": "bottom", "text-margin-y": 5, "color": "#111",
            "text-outline-color": "#fff", "text-outline-width": 4,
            "text-wrap": "ellipsis", "text-max-width": 220, "min-zoomed-font-size": 8,
        }},
        {"selector": "node.labelled", "style": {"label": "data(label)"}},
        {"selector": "node:active, node:selected", "style": {"label": "data(label)"}},
        {"selector": "node.inferred", "style": {"border-style": "dashed", "border-width": 2.5}},
        {"selector": "node.group", "style": {"border-style": "double", "border-width": 5}},
        {"selector": "edge", "style": {
            "width": 1.6, "line-color": "#6b6b6b", "curve-style": "bezier",
            "target-arrow-shape": "triangle", "target-arrow-color": "#6b6b6b",
            "arrow-scale": 0.7, "opacity": 0.8,
        }},
        {"selector": "edge.inferred", "style": {"line-style": "dashed", "line-dash-pattern": [6, 4]}},
        {"selector": "edge.stated", "style": {"width": 2.4}},
        {"selector": ".faded", "style": {"opacity": 0.18}},
        {"selector": "node.focus", "style": {
            "border-width": 5, "border-color": "#000", "label": "data(label)", "font-weight": "bold",
            "z-index": 10}},
        {"selector": "node.near", "style": {"label": "data(label)", "z-index": 5}},
        {"selector": "edge.near", "style": {"width": 3.2, "line-color": "#222",
                                            "target-arrow-color": "#222", "opacity": 1}},
    ]
    for sector, shape in SHAPES.items():
        style.append({"selector": f"node.{sector}", "style": {"shape": shape}})
    return style


def graph_component() -> cyto.Cytoscape:
    return cyto.Cytoscape(
        id=ID.GRAPH,
        elements=[],
        layout={"name": "preset", "fit": True, "padding": 30},
        autoRefreshLayout=False,
        stylesheet=stylesheet(),
        style={"width": "100%", "height": "100%"},
        minZoom=0.2,
        maxZoom=4,
        boxSelectionEnabled=False,
        responsive=True,
    )
