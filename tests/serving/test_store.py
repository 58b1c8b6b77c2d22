"""Tests for serving.store: the folder store and the Redis store, shared by workers.

The Redis tests run against a real ``redis-server`` that the ``redis_url`` fixture starts
on a free port in a temporary folder; they are skipped only when the binary is missing
(CI installs it: apt-get install redis-server).
"""

from __future__ import annotations

import multiprocessing
import os
import shutil
import time
from pathlib import Path

import numpy as np
import pytest

from network.formats.upload import read_upload
from network.model.derived import derived_key
from serving.rebuild import forget_datasets, load_dataset
from serving.store import DiskStore, RedisStore, Store, StoreError, open_store
from tests.servers import free_port

MINIMAL = Path(__file__).parents[1] / "fixtures" / "minimal"
KEY = "0123456789abcdef" * 4


@pytest.fixture(scope="module")
def uploaded():
    result = read_upload([(p.name, p.read_bytes()) for p in sorted(MINIMAL.glob("*.csv"))])
    assert result.dataset is not None, result.report.render()
    return result


@pytest.fixture(autouse=True)
def _fresh_memory():
    forget_datasets()
    yield
    forget_datasets()


# --- on disk ---------------------------------------------------------------------------------


def test_disk_round_trip(tmp_path, uploaded):
    store = DiskStore(tmp_path, ttl_seconds=3600)
    assert isinstance(store, Store)
    key = uploaded.content_key
    assert store.get_dataset(key) is None and not store.has_dataset(key)
    store.put_dataset(key, uploaded.package)
    assert store.has_dataset(key) and store.get_dataset(key) == uploaded.package
    assert store.touch(key) and not store.touch(KEY)
    store.put_dataset(key, uploaded.package)  # the same data again: one file
    assert len(list((tmp_path / "datasets").iterdir())) == 1
    ds = load_dataset(store, key)
    assert ds is not None and ds.key == key[:16]
    assert load_dataset(store, key) is ds  # rebuilt once per worker


def test_disk_cache_holds_json_values(tmp_path):
    store = DiskStore(tmp_path, ttl_seconds=3600)
    key = derived_key(KEY, "positions", "levels")
    assert store.cache_get(key) is None
    value = {"rae": [1.5, -2.0], "n": np.float64(3.25), "ids": ("a", "b"), "none": None}
    store.cache_set(key, value)
    assert store.cache_get(key) == {"rae": [1.5, -2.0], "n": 3.25, "ids": ["a", "b"],
                                    "none": None}
    next((tmp_path / "cache").iterdir()).write_bytes(b"\x80not json")
    assert store.cache_get(key) is None  # a damaged entry is a miss, not a crash


@pytest.mark.parametrize("key", ["../../etc/passwd", "ABC", "", "0" * 15, "g" * 16, None])
def test_keys_that_are_not_digests_are_refused(tmp_path, key):
    store = DiskStore(tmp_path)
    with pytest.raises(ValueError):
        store.put_dataset(key, b"x")
    with pytest.raises(ValueError):
        store.get_dataset(key)


def test_disk_entries_expire_after_the_ttl(tmp_path, uploaded):
    store = DiskStore(tmp_path, ttl_seconds=60)
    key = uploaded.content_key
    store.put_dataset(key, uploaded.package)
    store.put_dataset(KEY, b"other")
    store.cache_set("k", [1])
    old = time.time() - 120
    for path in [*(tmp_path / "datasets").iterdir(), *(tmp_path / "cache").iterdir()]:
        os.utime(path, (old, old))
    assert store.touch(KEY) is False  # too late to refresh
    os.utime(tmp_path / "datasets" / f"{key}.zip")  # used a moment ago: stays
    assert store.get_dataset(KEY) is None and store.cache_get("k") is None
    assert store.expire_older_than() == 2
    assert store.get_dataset(key) == uploaded.package
    assert sorted(p.name for p in (tmp_path / "datasets").iterdir()) == [f"{key}.zip"]
    assert store.expire_older_than(0) == 1


def test_reading_a_data_set_refreshes_it(tmp_path, uploaded):
    store = DiskStore(tmp_path, ttl_seconds=60)
    key = uploaded.content_key
    store.put_dataset(key, uploaded.package)
    path = tmp_path / "datasets" / f"{key}.zip"
    os.utime(path, (time.time() - 50, time.time() - 50))
    store.get_dataset(key)
    assert time.time() - path.stat().st_mtime < 5


def test_no_ttl_keeps_everything(tmp_path):
    store = DiskStore(tmp_path, ttl_seconds=None)
    store.put_dataset(KEY, b"data")
    os.utime(tmp_path / "datasets" / f"{KEY}.zip", (0, 0))
    assert store.get_dataset(KEY) == b"data" and store.expire_older_than() == 0


def test_a_forged_or_damaged_entry_is_not_loaded(tmp_path, uploaded):
    store = DiskStore(tmp_path)
    other = read_upload([(p.name, p.read_bytes().replace(b"Lima", b"Cusco"))
                         for p in sorted(MINIMAL.glob("*.csv"))])
    store.put_dataset(uploaded.content_key, other.package)  # valid, but not this key's data
    assert load_dataset(store, uploaded.content_key) is None
    store.put_dataset(KEY, b"PK\x03\x04 not really a zip")
    assert load_dataset(store, KEY) is None
    assert load_dataset(store, "f" * 64) is None  # never stored


def _hammer(folder: str, key: str, payload: bytes, rounds: int) -> None:
    store = DiskStore(folder, ttl_seconds=3600)
    for _ in range(rounds):
        store._write(store._dataset_path(key), payload)  # always a fresh write, never a touch
        store.cache_set("shared", {"payload": payload.hex()[:64], "size": len(payload)})


def _read_all(folder: str, key: str, payloads: list[bytes], rounds: int, out) -> None:
    store = DiskStore(folder, ttl_seconds=3600)
    bad = 0
    for _ in range(rounds):
        data = store.get_dataset(key)
        if data is not None and data not in payloads:
            bad += 1
        value = store.cache_get("shared")
        if value is not None and value["size"] not in {len(p) for p in payloads}:
            bad += 1
    out.put(bad)


def test_two_processes_writing_the_same_key_never_mix_their_bytes(tmp_path):
    context = multiprocessing.get_context("fork")
    payloads = [b"A" * 300_000, b"B" * 200_001]
    out = context.Queue()
    writers = [context.Process(target=_hammer, args=(str(tmp_path), KEY, p, 150))
               for p in payloads]
    reader = context.Process(target=_read_all, args=(str(tmp_path), KEY, payloads, 600, out))
    for process in (*writers, reader):
        process.start()
    for process in (*writers, reader):
        process.join(30)
        assert process.exitcode == 0
    assert out.get(timeout=5) == 0
    store = DiskStore(tmp_path)
    assert store.get_dataset(KEY) in payloads
    assert [p.name for p in (tmp_path / "datasets").iterdir()] == [f"{KEY}.zip"]  # no leftovers


def test_open_store_picks_by_url(tmp_path):
    assert isinstance(open_store(None, tmp_path, 10), DiskStore)
    assert isinstance(open_store("  ", tmp_path, 10), DiskStore)
    store = open_store("redis://:secret@localhost:1/0", tmp_path, 10)
    assert isinstance(store, RedisStore) and "secret" not in repr(store)
    with pytest.raises(ValueError, match="redis://"):
        open_store("http://example.invalid", tmp_path, 10)


# --- Redis ---------------------------------------------------------------------------------


@pytest.fixture
def redis_store(redis_url, request):
    store = RedisStore(redis_url, ttl_seconds=3600, prefix=f"test:{request.node.name}:")
    yield store
    for key in store.client.scan_iter(f"{store.prefix}*"):
        store.client.delete(key)


def test_redis_round_trip_shared_by_two_workers(redis_store, uploaded):
    key = uploaded.content_key
    other_worker = RedisStore(redis_store.url, ttl_seconds=3600, prefix=redis_store.prefix)
    assert isinstance(redis_store, Store)
    assert redis_store.get_dataset(key) is None and not redis_store.touch(key)
    redis_store.put_dataset(key, uploaded.package)
    assert other_worker.has_dataset(key)
    assert other_worker.get_dataset(key) == uploaded.package
    ds = load_dataset(other_worker, key)
    assert ds is not None and ds.key == key[:16]
    assert 3590 <= redis_store.client.ttl(f"{redis_store.prefix}ds:{key}") <= 3600


def test_redis_reading_refreshes_the_expiry(redis_store):
    redis_store.put_dataset(KEY, b"data")
    name = f"{redis_store.prefix}ds:{KEY}"
    redis_store.client.expire(name, 10)
    assert redis_store.get_dataset(KEY) == b"data"
    assert redis_store.client.ttl(name) > 3000
    redis_store.client.expire(name, 10)
    assert redis_store.touch(KEY) and redis_store.client.ttl(name) > 3000
    assert redis_store.expire_older_than() == 0  # Redis expires keys itself


def test_redis_entries_expire(redis_url, request):
    store = RedisStore(redis_url, ttl_seconds=1, prefix=f"test:{request.node.name}:")
    store.put_dataset(KEY, b"data")
    store.cache_set("k", {"a": 1})
    assert store.cache_get("k") == {"a": 1}
    store.client.pexpire(f"{store.prefix}ds:{KEY}", 50)
    store.client.pexpire(f"{store.prefix}cache:k", 50)
    time.sleep(0.15)
    assert store.get_dataset(KEY) is None and store.cache_get("k") is None


def test_redis_cache_is_json_never_pickle(redis_store):
    key = derived_key(KEY, "metrics", "2010")
    redis_store.cache_set(key, {"degree": {"rae": 3}, "x": np.int64(4)})
    assert redis_store.cache_get(key) == {"degree": {"rae": 3}, "x": 4}
    # whoever can write to a shared Redis gets no code run: a pickle is just a miss
    import pickle

    redis_store.client.set(f"{redis_store.prefix}cache:{key}", pickle.dumps(object()))
    assert redis_store.cache_get(key) is None


def test_redis_down_cache_misses_and_data_sets_raise(tmp_path):
    store = RedisStore(f"redis://127.0.0.1:{free_port()}/0", ttl_seconds=60)
    store.client.connection_pool.connection_kwargs["socket_connect_timeout"] = 0.5
    assert store.cache_get("k") is None
    store.cache_set("k", 1)  # logged, not raised
    with pytest.raises(StoreError):
        store.put_dataset(KEY, b"data")
    with pytest.raises(StoreError):
        store.get_dataset(KEY)


# --- publication ------------------------------------------------------------------------


def _publication_lives_with_the_data_set(store, uploaded) -> None:
    key = uploaded.content_key
    assert not store.publish(key) and not store.is_published(key)  # nothing to publish yet
    store.put_dataset(key, uploaded.package)
    assert not store.is_published(key)
    assert store.publish(key) and store.is_published(key)


def test_disk_publication_is_kept_and_refreshed_with_the_data_set(tmp_path, uploaded):
    store = DiskStore(tmp_path, ttl_seconds=3600)
    _publication_lives_with_the_data_set(store, uploaded)
    key = uploaded.content_key
    flag = tmp_path / "datasets" / f"{key}.published"
    old = time.time() - 3000
    os.utime(flag, (old, old))
    store.get_dataset(key)  # the data set is used: its publication lives on with it
    assert flag.stat().st_mtime > old + 2000 and store.is_published(key)
    os.utime(tmp_path / "datasets" / f"{key}.zip", (0, 0))
    assert not store.is_published(key)  # an expired data set is published no more


def test_disk_store_survives_its_folders_being_swept_away(tmp_path, uploaded):
    store = DiskStore(tmp_path, ttl_seconds=3600)
    shutil.rmtree(tmp_path / "cache")
    shutil.rmtree(tmp_path / "datasets")
    assert store.expire_older_than() == 0
    store.put_dataset(uploaded.content_key, uploaded.package)
    store.cache_set(derived_key(uploaded.content_key, "positions"), {"a": 1})
    assert store.get_dataset(uploaded.content_key) == uploaded.package


def test_disk_publication_that_cannot_be_written_raises(tmp_path, uploaded, monkeypatch):
    store = DiskStore(tmp_path, ttl_seconds=3600)
    store.put_dataset(uploaded.content_key, uploaded.package)

    def full(*_args):
        raise OSError("No space left on device")

    monkeypatch.setattr(store, "_create", full)
    with pytest.raises(StoreError, match="No space left"):
        store.publish(uploaded.content_key)


def test_redis_publication_is_kept_and_refreshed_with_the_data_set(redis_store, uploaded):
    _publication_lives_with_the_data_set(redis_store, uploaded)
    key = uploaded.content_key
    client = redis_store.client
    client.expire(redis_store._published(key), 5)
    redis_store.get_dataset(key)
    assert client.ttl(redis_store._published(key)) > 100  # refreshed with the data set
    client.delete(redis_store._ds(key))
    assert not redis_store.is_published(key)


def _mode(path: Path) -> int:
    return path.stat().st_mode & 0o777


def test_the_disk_store_is_private_to_the_servers_user(tmp_path, uploaded):
    folder = tmp_path / "store"
    store = DiskStore(folder, ttl_seconds=3600)
    store.put_dataset(uploaded.content_key, uploaded.package)
    store.publish(uploaded.content_key)
    store.cache_set(derived_key(uploaded.content_key, "positions"), {"a": 1})
    folders = [folder, folder / "datasets", folder / "cache"]
    files = [p for p in folder.rglob("*") if p.is_file()]
    assert len(files) == 3  # the package, its publication mark, the cached value
    assert {str(p): _mode(p) for p in folders} == {str(p): 0o700 for p in folders}
    assert {str(p): _mode(p) for p in files} == {str(p): 0o600 for p in files}


def test_an_existing_open_store_folder_is_made_private(tmp_path, uploaded):
    folder = tmp_path / "store"
    (folder / "datasets").mkdir(parents=True)
    folder.chmod(0o755)
    (folder / "datasets").chmod(0o777)
    DiskStore(folder)
    assert _mode(folder) == _mode(folder / "datasets") == _mode(folder / "cache") == 0o700


def test_a_store_swept_away_comes_back_private(tmp_path, uploaded):
    folder = tmp_path / "store"
    store = DiskStore(folder, ttl_seconds=3600)
    shutil.rmtree(folder)
    store.put_dataset(uploaded.content_key, uploaded.package)
    assert _mode(folder) == _mode(folder / "datasets") == 0o700
    assert _mode(folder / "datasets" / f"{uploaded.content_key}.zip") == 0o600


# --- degrading, not collapsing ----------------------------------------------------------


class _HungRedis:
    """A server on 127.0.0.1 that accepts connections and reads requests but never
    answers (Redis hung, or a dead peer behind a live socket). Counts the requests seen."""

    def __init__(self):
        import socket
        import threading

        self.sock = socket.socket()
        self.sock.bind(("127.0.0.1", 0))
        self.sock.listen(16)
        self.port = self.sock.getsockname()[1]
        self.requests = 0
        self.conns = []
        self._stop = False
        threading.Thread(target=self._serve, daemon=True).start()

    def _serve(self):
        import threading

        while not self._stop:
            try:
                conn, _ = self.sock.accept()
            except OSError:
                return
            self.conns.append(conn)
            threading.Thread(target=self._read, args=(conn,), daemon=True).start()

    def _read(self, conn):
        while True:
            try:
                data = conn.recv(65536)
            except OSError:
                return
            if not data:
                return
            self.requests += 1

    def close(self):
        self._stop = True
        for c in self.conns:
            c.close()
        self.sock.close()


def test_a_hung_redis_is_left_alone_after_a_few_failures():
    hung = _HungRedis()
    try:
        store = RedisStore(f"redis://127.0.0.1:{hung.port}/0", ttl_seconds=60, timeout=0.2,
                           failures=3, reset_seconds=60)
        for _ in range(3):  # each waits for its timeout, then fails
            with pytest.raises(StoreError):
                store.get_dataset(KEY)
        seen = hung.requests
        assert seen >= 1
        # the breaker is open: calls fail at once, and none reaches the hung server
        for _ in range(20):
            with pytest.raises(StoreError):
                store.has_dataset(KEY)
            assert store.cache_get("k") is None
        time.sleep(0.3)
        assert hung.requests == seen
        assert store.breaker.current_state == "open"
    finally:
        hung.close()


def test_redis_is_tried_again_after_the_pause(redis_url):
    store = RedisStore(redis_url, ttl_seconds=60, failures=1, reset_seconds=0.2)
    store.breaker.open()
    with pytest.raises(StoreError):
        store.has_dataset(KEY)
    time.sleep(0.3)
    assert store.has_dataset(KEY) is False  # half-open: one call goes through, and closes it
    assert store.breaker.current_state == "closed"


def test_a_data_set_that_left_the_store_is_not_served_from_memory(tmp_path, uploaded):
    store = DiskStore(tmp_path, ttl_seconds=3600)
    key = uploaded.content_key
    store.put_dataset(key, uploaded.package)
    assert load_dataset(store, key) is not None  # now in this worker's memory
    store._dataset_path(key).unlink()  # expired, withdrawn or swept by another worker
    assert load_dataset(store, key) is None
    store.put_dataset(key, uploaded.package)  # uploaded again: found again
    assert load_dataset(store, key) is not None


def test_a_store_that_does_not_answer_leaves_the_copy_in_memory_in_use(tmp_path, uploaded,
                                                                       monkeypatch):
    store = DiskStore(tmp_path, ttl_seconds=3600)
    key = uploaded.content_key
    store.put_dataset(key, uploaded.package)
    first = load_dataset(store, key)

    def unreachable(_key):
        raise StoreError("no answer")

    monkeypatch.setattr(store, "touch", unreachable)
    assert load_dataset(store, key) is first


# --- a quota in bytes, and withdrawal ---------------------------------------------------------

KEYS = [c * 64 for c in "abcd"]


def _fill(store, package: bytes) -> None:
    """Four data sets, used in the order a, b, c, d (the store's clock has whole seconds)."""
    for i, key in enumerate(KEYS[:3]):
        store.put_dataset(key, package)
        if isinstance(store, DiskStore):  # make the order of use plain to the store
            os.utime(store._dataset_path(key), (1_000_000 + i, 1_000_000 + i))
        else:
            store.client.zadd(store._lru, {key: 1_000_000 + i})


@pytest.mark.parametrize("kind", ["disk", "redis"])
def test_over_its_quota_the_store_drops_the_least_recently_used_unpublished_upload(
        kind, tmp_path, request):
    package = b"x" * 1000
    if kind == "disk":
        store = DiskStore(tmp_path, ttl_seconds=None, quota_bytes=3500)
    else:
        url = request.getfixturevalue("redis_url")
        store = RedisStore(url, ttl_seconds=3600, prefix=f"quota:{tmp_path.name}:",
                           quota_bytes=3500)
    _fill(store, package)
    assert store.publish(KEYS[0], "digest")  # the oldest, but published: it stays
    store.put_dataset(KEYS[3], package)  # 4,000 bytes > 3,500: one must go
    assert [store.has_dataset(k) for k in KEYS] == [True, False, True, True]
    assert store.used_bytes() == 3000
    # only published ones left to drop: a new upload is refused, and not kept
    for key in KEYS[2:]:
        assert store.publish(key, "digest")
    with pytest.raises(StoreError, match="full"):
        store.put_dataset("e" * 64, b"y" * 1000)
    assert not store.has_dataset("e" * 64)
    # a published data set sent again while the store is full is kept, never lost
    store.put_dataset(KEYS[0], package)
    assert store.has_dataset(KEYS[0]) and store.is_published(KEYS[0])
    # and with the quota lowered under what is published, storing one refuses, keeps it
    store.quota_bytes = 1000
    with pytest.raises(StoreError, match="full"):
        store.put_dataset(KEYS[2], package)
    assert store.has_dataset(KEYS[2]) and store.is_published(KEYS[2])


@pytest.mark.parametrize("kind", ["disk", "redis"])
def test_only_the_publishers_secret_withdraws_a_data_set(kind, tmp_path, request, uploaded):
    if kind == "disk":
        store = DiskStore(tmp_path, ttl_seconds=3600)
    else:
        store = RedisStore(request.getfixturevalue("redis_url"), ttl_seconds=3600,
                           prefix=f"withdraw:{tmp_path.name}:")
    key = uploaded.content_key
    store.put_dataset(key, uploaded.package)
    assert not store.withdraw(key, "digest")  # not published: nothing to withdraw
    assert store.publish(key, "digest")
    assert not store.withdraw(key, "other") and not store.withdraw(key, "")
    assert store.is_published(key)
    assert store.withdraw(key, "digest")
    assert not store.has_dataset(key) and not store.is_published(key)
    assert not store.withdraw(key, "digest")  # once
