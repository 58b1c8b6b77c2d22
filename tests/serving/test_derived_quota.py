"""The derived results (positions, measures per view) of a folder store keep within their
share of the quota: an upload asked for many views cannot fill the disk with them."""

from __future__ import annotations

from serving import derived_quota
from serving.derived_quota import CHECK_EVERY, SHARE
from serving.store import DiskStore


def _used(folder) -> int:
    return sum(p.stat().st_size for p in folder.glob("*.json"))


def test_many_views_keep_the_results_within_their_share(tmp_path):
    store = DiskStore(tmp_path, quota_bytes=400_000)
    share = int(400_000 * SHARE)
    for view in range(CHECK_EVERY * 5):  # 320 results of ~4 kB: 1.3 MB without the share
        store.cache_set(f"{'ab' * 8}:metric:degree:view{view}", {"a": "x" * 4_000})
    assert _used(tmp_path / "cache") <= share + CHECK_EVERY * 4_100
    # the newest are kept, the oldest went first
    assert store.cache_get(f"{'ab' * 8}:metric:degree:view{CHECK_EVERY * 5 - 1}") is not None
    assert store.cache_get(f"{'ab' * 8}:metric:degree:view0") is None


def test_without_a_quota_nothing_is_trimmed(tmp_path, monkeypatch):
    calls = []
    monkeypatch.setattr(derived_quota, "trim_folder", lambda *a: calls.append(a))
    store = DiskStore(tmp_path)
    for view in range(CHECK_EVERY * 2):
        store.cache_set(f"{'ab' * 8}:v{view}", [view])
    assert not calls and len(list((tmp_path / "cache").glob("*.json"))) == CHECK_EVERY * 2
