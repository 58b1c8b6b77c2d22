"""The frame: everything one view shows, derived once from a view's filters and measure.

A callback asks for the frame of a view state and hands it to the components; nothing in
the interface selects the visible sub-graph or computes a measure itself. The walk from the
render callback then goes down into the domain once and comes back once, and each part
(the graph's sizes, the key-actor table, the breakdowns, the profile) reads the same
computation instead of repeating its own slice of it.

The measure, the ranks, the key-actor table, the thesis's ranks and the dating are computed
on first use and kept with the frame; the breakdowns are counted on each call and the
timeline is cached where it is computed.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cached_property

import pandas as pd

from network.analysis.metrics import METRICS, Metric, rank
from network.analysis.ranking import (
    Dating,
    composition,
    composition_over_years,
    dating,
    key_actors,
    metric_values,
    thesis_ranks,
)
from network.model.dataset import Dataset
from network.model.memo import MB, bytes_cache
from network.view.state import Filters
from network.view.visible import View, visible, year_window


@dataclass(frozen=True, eq=False)
class Frame:
    """What a view of ``dataset`` through ``filters`` shows, measured by ``metric``.

    >>> from network.loading import load
    >>> ds = load().dataset
    >>> frame = frame_of(ds, Filters(year=2008), "degree")
    >>> frame is frame_of(ds, Filters(year=2008), "degree")  # one computation per view
    True
    >>> set(frame.ranks) == set(frame.view.graph), frame.year
    (True, 2008)
    """

    dataset: Dataset
    filters: Filters
    metric: str
    view: View

    @cached_property
    def values(self) -> dict[str, float]:
        """The measure of every actor in view (computed when first asked: a table or a
        picture that only needs who is in view does not pay for betweenness)."""
        return metric_values(self.dataset, self.filters, self.metric)

    @cached_property
    def ranks(self) -> dict[str, int]:
        """Each actor's rank by the measure (1 = most central)."""
        return rank(self.values, self.spec.higher_is_central)

    @property
    def spec(self) -> Metric:
        return METRICS[self.metric]

    @property
    def year(self) -> int:
        return year_window(self.filters, self.dataset)[1]

    @property
    def empty(self) -> bool:
        return self.view.empty

    @property
    def ranking(self) -> list[str]:
        """Actor ids in view, most central first."""
        return sorted(self.ranks, key=self.ranks.__getitem__)

    @cached_property
    def key_actors(self) -> pd.DataFrame:
        """The ten most central actors, with their rank the year before."""
        return key_actors(self.dataset, self.filters, self.metric, top=10)

    @cached_property
    def thesis_ranks(self) -> list[tuple[str, int | None]]:
        """The thesis's key actors with their computed rank in this view."""
        return thesis_ranks(self.dataset, self.filters, self.metric)

    @cached_property
    def dating(self) -> Dating:
        return dating(self.view)

    def breakdown(self, by: str) -> pd.DataFrame:
        """Actors in view counted by ``by`` (e.g. NGO type) and platform level (a count of
        the view's rows, cheap enough to make on each call)."""
        return composition(self.view.actors, by, "level") if not self.empty else pd.DataFrame()

    def timeline(self, by: str) -> pd.DataFrame:
        """Actors counted by ``by`` in every year of the data, undated ones apart (cached
        by :func:`~network.analysis.ranking.composition_over_years`)."""
        return composition_over_years(self.dataset, self.filters, by, undated_apart=True)


#: What the breakdowns count actors by (the page's "Break down by" choices), the first by default.
BREAKDOWNS = ("ngo_type", "sector")


def breakdown_choice(value: object) -> str:
    """``value`` if the breakdowns can count by it, else the default (a page never sends
    anything else; a hand-made request may).

    >>> breakdown_choice("sector"), breakdown_choice("zz"), breakdown_choice(None)
    ('sector', 'ngo_type', 'ngo_type')
    """
    return value if isinstance(value, str) and value in BREAKDOWNS else BREAKDOWNS[0]


#: Memory the frames of one worker may keep: a frame holds its view and, once asked, a value
#: and a rank per actor (counted as twice its view).
FRAMES_BYTES = 128 * MB


@bytes_cache(FRAMES_BYTES, sizeof=lambda frame: 2 * frame.view.nbytes)
def frame_of(dataset: Dataset, filters: Filters, metric: str) -> Frame:
    """The frame of one view (cached by the data set's key, the filters and the measure)."""
    if metric not in METRICS:
        raise KeyError(f"unknown measure: {metric!r}")
    return Frame(dataset=dataset, filters=filters, metric=metric, view=visible(dataset, filters))
