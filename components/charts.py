"""The charts of the explorer (breakdown by level, composition over the years) as plain
Plotly dicts, and the options every chart of the page shares."""

from __future__ import annotations

import pandas as pd

from network.analysis.ranking import UNDATED_COLUMN
from network.model.schema import LEVELS
from network.text.catalogue import t
from network.view.visible import UNSTATED

from .palette import COLOURS

_FONT = {"family": "DejaVu Sans, Arial, sans-serif", "size": 13}

#: Every chart's Plotly options. No mode bar: its *Share chart* button sends the chart to
#: a Plotly web service (nothing may leave the machine), its tooltips are English only and
#: it adds 8-10 tab stops per chart; the page's own *Save this view* exports the data.
CHART_CONFIG = {"displayModeBar": False, "displaylogo": False, "showSendToCloud": False,
                "showEditInChartStudio": False, "showLink": False, "responsive": True}



def chart_label(label: str) -> str:
    """A legend entry without its gloss ("GONGO (government-organised)" -> "GONGO"): two
    entries share a row under a chart, and the filters spell the gloss out.

    >>> chart_label("GONGO (government-organised)"), chart_label("Market NGO")
    ('GONGO', 'Market NGO')
    """
    return label.split(" (", 1)[0]


def _figure(traces: list[dict], title: str, lang: str, shapes: list | None = None) -> dict:
    """A plain-dict plotly figure (building ``go.Figure`` objects cost ~40 ms each)."""
    return {
        "data": traces,
        "layout": {
            "title": {"text": title, "font": {"size": 15}, "x": 0.01},
            # the legend under the plot, its entries flowing in rows as wide as they need
            # (entries of half the width each were cut on a phone: "ONG de productor"); it
            # sits at the foot of the figure and pushes the plot up (yref "container")
            "font": _FONT, "margin": {"l": 56, "r": 10, "t": 44, "b": 10}, "height": 400,
            "barmode": "stack", "legend": {"font": {"size": 12}, "traceorder": "normal",
                                           "orientation": "h", "x": 0, "xanchor": "left",
                                           "yref": "container", "y": 0, "yanchor": "bottom"},
            "plot_bgcolor": "#fff", "paper_bgcolor": "#fff", "hovermode": "x unified",
            "xaxis": {"showgrid": False, "tickangle": 0, "automargin": True},
            "yaxis": {"gridcolor": "#e5e5e5", "rangemode": "tozero", "automargin": True,
                      "title": {"text": t("ui.breakdown.count", lang)}},
            "shapes": shapes or [],
        },
    }


def year_axis(years) -> dict:
    """An x axis of whole years: a tick every year when the span is short (Plotly would
    write 1,999.5), a year's margin either side of a single year.

    >>> year_axis([2000])
    {'tickformat': 'd', 'dtick': 1, 'range': [1999, 2001]}
    >>> year_axis(range(1972, 2013))
    {'tickformat': 'd'}
    """
    years = [int(y) for y in years]
    if not years:
        return {"tickformat": "d"}
    first, last = min(years), max(years)
    axis: dict = {"tickformat": "d"}
    if last - first < 8:
        axis["dtick"] = 1
    if first == last:
        axis["range"] = [first - 1, last + 1]
    return axis


def breakdown_figure(counts: pd.DataFrame, by: str, year: int | None, lang: str) -> dict:
    """Stacked bars: actors in view by NGO type (or sector) at each platform level."""
    # a "stated only" view has actors whose level is not stated (network.view.visible)
    levels = [*LEVELS, *([UNSTATED] if UNSTATED in counts.index else [])]
    x = [t("level.unstated_short" if lvl == UNSTATED else f"level.{lvl}", lang)
         .replace(" ", "<br>") for lvl in levels]
    traces = [
        {
            "type": "bar", "x": x, "name": chart_label(t(f"{by}.{category}", lang)),
            "y": [int(counts.loc[lvl, category]) if lvl in counts.index else 0 for lvl in levels],
            "marker": {"color": COLOURS[by][category], "line": {"color": "#555", "width": 0.5},
                       "pattern": {"shape": {"none": "/", "unstated": ".", "not_given": "x"}.get(
                           category, "")}},
        }
        for category in COLOURS[by] if category in counts.columns
    ]
    what = t(f"ui.breakdown.{by}", lang)
    title = (t("ui.breakdown.by_level", lang, what=what, year=year) if year is not None
             else t("ui.breakdown.by_level.timeless", lang, what=what))  # data with no years
    figure = _figure(traces, title, lang)
    # level names stand upright where they would run together (a phone ran them into
    # "NacionalLatinoamericanoGlobal"); a slant lets their boxes overlap
    figure["layout"]["xaxis"].update(tickangle="auto", autotickangles=[0, 90])
    return figure


def timeline_figure(series: pd.DataFrame, by: str, year: int, lang: str) -> dict:
    """Stacked areas: actors in view by NGO type (or sector) in every year, this year marked."""
    traces = [
        {
            "type": "scatter", "x": list(series.index), "y": [int(v) for v in series[category]],
            "name": chart_label(t(f"{by}.{category}", lang)), "stackgroup": "one", "mode": "lines",
            "line": {"width": 0.5, "color": COLOURS[by][category]},
        }
        for category in COLOURS[by] if category in series.columns
    ]
    if UNDATED_COLUMN in series.columns:
        # organisations with no known founding year, apart (hatched, on top), so their
        # arrival when the view starts showing them is not read as a burst of a type
        traces.append({
            "type": "scatter", "x": list(series.index),
            "y": [int(v) for v in series[UNDATED_COLUMN]],
            "name": t("ui.breakdown.undated", lang), "stackgroup": "one", "mode": "lines",
            "line": {"width": 0.5, "color": "#555"}, "fillcolor": "#fff",
            "fillpattern": {"shape": "x", "fgcolor": "#666", "bgcolor": "#fff", "size": 7}})
    marker = {"type": "line", "xref": "x", "yref": "paper", "x0": year, "x1": year, "y0": 0,
              "y1": 1, "line": {"color": "#000", "width": 2, "dash": "dot"}}
    what = t(f"ui.breakdown.{by}", lang)
    figure = _figure(traces, t("ui.breakdown.over_years", lang, what=what), lang, [marker])
    figure["layout"]["xaxis"].update(year_axis(series.index))
    return figure
