"""Tests for serving.library (which data set a page shows, uploads, publication), for the
results it shares through the store, and for the upload settings."""

from __future__ import annotations

from pathlib import Path

import pytest

import network.analysis.ranking as analysis
import network.loading as loading_module
from network import load
from network.model.derived import derived_key
from network.model.limits import MB, Limits
from network.view.state import Filters, ViewState
from serving.library import Library, RequestedDataset, is_key
from serving.rebuild import forget_datasets
from serving.store import DiskStore, StoreError
from settings import Settings

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"
HOSTILE = Path(__file__).parents[1] / "fixtures" / "hostile"


def files(folder: Path) -> list[tuple[str, bytes]]:
    return [(p.name, p.read_bytes()) for p in sorted(folder.iterdir()) if p.is_file()]


@pytest.fixture(scope="module")
def bundled():
    return load().dataset


@pytest.fixture
def library(tmp_path, bundled):
    forget_datasets()
    yield Library(bundled, DiskStore(tmp_path, ttl_seconds=3600))
    forget_datasets()


def test_a_valid_upload_is_kept_and_found_again(library):
    result = library.read(files(MINIMAL))
    assert result.dataset is not None and is_key(result.content_key)
    forget_datasets()  # another worker: nothing in memory, only the store
    found = library.find(result.content_key)
    assert found is not None and len(found.actors) == 4 and len(found.ties) == 3
    assert found.derived_cache is library.store  # its derived results go to the store


def test_a_broken_upload_is_not_kept(library, tmp_path):
    result = library.read(files(HOSTILE / "duplicate_ids"))
    assert result.dataset is None and not result.report.ok
    assert not list((tmp_path / "datasets").iterdir())


def test_current_names_bundled_own_or_missing(library, bundled):
    key = library.read(files(MINIMAL)).content_key
    assert library.current(None) == RequestedDataset(None, bundled)
    own = library.current(key)
    assert own.own and own.key == key and not own.published and len(own.dataset.actors) == 4
    gone = library.current("ab" * 32)
    assert gone.dataset is bundled and gone.missing == "ab" * 32 and not gone.own
    bad = library.current("../../etc/passwd")
    assert bad.dataset is bundled and bad.missing == "invalid"


def test_a_link_opens_an_upload_only_once_published(library, bundled):
    key = library.read(files(MINIMAL)).content_key
    assert library.opens(key).dataset is bundled and library.opens(key).missing == key
    assert library.current(key).link_key is None  # links do not carry it yet
    assert library.publish(key)
    opened = library.opens(key)
    assert opened.published and len(opened.dataset.actors) == 4 and opened.link_key == key
    assert not library.publish("cd" * 32)  # not in the store: nothing to publish


def test_a_store_that_fails_is_reported_not_raised(bundled, tmp_path):
    class Broken(DiskStore):
        def put_dataset(self, key, package):
            raise StoreError("disk full")

    library = Library(bundled, Broken(tmp_path))
    result = library.read(files(MINIMAL))
    assert result.dataset is None
    assert [p.key for p in result.report.errors] == ["upload.store_failed"]
    assert "Nothing was lost" in result.report.errors[0].message("en")


def test_positions_are_computed_once_and_shared(library, monkeypatch):
    key = library.read(files(MINIMAL)).content_key
    first = library.find(key)
    assert library.store.cache_get(derived_key(key, "positions")) is not None
    forget_datasets()

    def no_layout(*_args, **_kwargs):
        raise AssertionError("the layout was computed again")

    monkeypatch.setattr(loading_module, "stable_positions", no_layout)
    again = library.find(key)
    assert again is not first and again.positions == first.positions


def test_cached_positions_that_do_not_fit_are_recomputed():
    import pandas as pd

    ids = pd.Index(["a", "b"])
    assert loading_module.usable_positions({"force": {"a": [0, 0]}, "levels": {"a": [0, 0]}},
                                           ids) is None
    assert loading_module.usable_positions("nonsense", ids) is None
    assert loading_module.usable_positions(
        {"force": {"a": [0, 0], "b": ["x", 1]}, "levels": {"a": [0, 0], "b": [1, 1]}}, ids) is None


def test_metrics_per_view_are_shared_through_the_store(library, monkeypatch):
    # the same tables loaded by another test are an equal data set: start from no memory
    analysis.metric_values.cache_clear()
    key = library.read(files(MINIMAL)).content_key
    ds = library.find(key)
    filters = ViewState(year=2012).filters
    values = analysis.metric_values(ds, filters, "betweenness")
    shared_key = derived_key(ds.key, "metric", "betweenness", f"undated-from-{ds.undated_from}",
                             repr(filters))
    assert library.store.cache_get(shared_key) == pytest.approx(values)

    forget_datasets()
    analysis.metric_values.cache_clear()

    def no_compute(*_args, **_kwargs):
        raise AssertionError("the metric was computed again")

    monkeypatch.setattr(analysis, "compute", no_compute)
    again = library.find(key)
    assert analysis.metric_values(again, filters, "betweenness") == pytest.approx(values)
    with pytest.raises(AssertionError, match="computed again"):
        analysis.metric_values(again, Filters(year=2000), "betweenness")  # another view
    analysis.metric_values.cache_clear()


def test_a_measure_shared_under_the_old_dating_rule_is_not_read_back(library):
    # before undated rows were shown from the data's own first year, every data set showed
    # them from 2006: values stored then (same data set key) are for other views
    analysis.metric_values.cache_clear()
    key = library.read(files(MINIMAL)).content_key
    ds = library.find(key)
    filters = ViewState(year=2012).filters
    old_rule = derived_key(ds.key, "metric", "degree", repr(filters))
    library.store.cache_set(old_rule, {actor: 99.0 for actor in ds.actors.index})
    assert set(analysis.metric_values(ds, filters, "degree").values()) != {99.0}
    analysis.metric_values.cache_clear()


def test_the_bundled_data_shares_nothing(bundled):
    assert bundled.derived_cache is None


# --- settings ---------------------------------------------------------------------------


def test_upload_settings_have_the_documented_defaults():
    s = Settings.from_env({})
    assert s.limits == Limits()
    assert s.limits.max_bytes == 20 * MB and s.store_ttl_seconds == 168 * 3600
    assert s.cache_url == "" and s.max_request_bytes > 20 * MB * 4 // 3


def test_upload_settings_are_read():
    s = Settings.from_env({"REDES_UPLOAD_MAX_MB": "2.5", "REDES_UPLOAD_MAX_ROWS": "10",
                           "REDES_UPLOAD_MAX_UNZIPPED_MB": "5", "REDES_UPLOAD_MAX_FILES": "3",
                           "REDES_UPLOAD_MAX_RATIO": "50", "REDES_STORE_TTL_HOURS": "0",
                           "REDES_CACHE_URL": " redis://cache:6379/1 ",
                           "REDES_STORE_DIR": "/srv/redes"})
    assert s.limits == Limits(max_bytes=int(2.5 * MB), max_rows=10, max_unzipped_bytes=5 * MB,
                              max_files=3, max_ratio=50)
    assert s.store_ttl_seconds is None  # 0: for ever
    assert s.cache_url == "redis://cache:6379/1" and str(s.store_dir) == "/srv/redes"


@pytest.mark.parametrize("name, value", [
    ("UPLOAD_MAX_MB", "twenty"), ("UPLOAD_MAX_MB", "0"), ("UPLOAD_MAX_ROWS", "-5"),
    ("UPLOAD_MAX_RATIO", "nan"), ("STORE_TTL_HOURS", "-1"), ("UPLOAD_MAX_FILES", "inf"),
])
def test_bad_upload_settings_say_which_and_why(name, value):
    with pytest.raises(ValueError, match=f"REDES_{name} must"):
        Settings.from_env({f"REDES_{name}": value})
