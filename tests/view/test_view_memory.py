"""The caches of views are bounded by bytes, and a view's size estimate is near what it
really holds (so that a 20,000-actor upload cannot grow a worker by hundreds of MB)."""

from __future__ import annotations

import gc
import tracemalloc

import pytest

from network.analysis.frame import FRAMES_BYTES, frame_of
from network.model.memo import clear
from network.view.state import Filters
from network.view.visible import VIEWS_BYTES, visible


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    from bench.generate import write_package
    from network.loading import load

    folder = write_package(tmp_path_factory.mktemp("big"), 3000)
    return load(folder).dataset


def test_a_views_size_estimate_is_near_what_it_holds(big):
    clear(visible)
    gc.collect()
    tracemalloc.start()
    before = tracemalloc.get_traced_memory()[0]
    view = visible(big, Filters(year=big.last_year))
    held = tracemalloc.get_traced_memory()[0] - before
    tracemalloc.stop()
    assert len(view.actors) > 1000
    assert 0.4 * held <= view.nbytes <= 2.5 * held, (view.nbytes, held)


def test_the_caches_of_views_and_frames_count_bytes_not_views(big, ds):
    assert visible.cache_info().maxsize == VIEWS_BYTES  # type: ignore[attr-defined]
    assert frame_of.cache_info().maxsize == FRAMES_BYTES  # type: ignore[attr-defined]
    clear(visible)
    small = visible(ds, Filters(year=2008))
    large = visible(big, Filters(year=big.last_year))
    assert large.nbytes > 20 * small.nbytes
    assert visible.cache_info().currsize == small.nbytes + large.nbytes  # type: ignore[attr-defined]
    # many big views: the cache stays within its budget, the newest kept
    for year in big.years[-40:]:
        visible(big, Filters(year=year, start=big.years[0]))
    assert visible.cache_info().currsize <= VIEWS_BYTES  # type: ignore[attr-defined]
