"""Where uploaded data sets and results derived from them live, shared by all workers.

Two kinds of entries, both keyed by content:

* data sets: the normalised package of an upload (``UploadResult.package``: a ZIP of the
  validated tables as CSV), under its ``content_key`` (the SHA-256 of the tables). The same
  data uploaded twice is stored once.
* derived results (positions, metrics per view...): JSON values under any string key; use
  :func:`derived_key` to make one from a data set's key and a view's.

:class:`DiskStore` keeps them in a folder (the default: every gunicorn worker of one
machine shares it; writes go to a temporary file renamed into place, so a reader never
sees half a file). :class:`RedisStore` keeps them in Redis, so that several machines
behind a load balancer serve the same data sets. :func:`open_store` picks one.

Expiry: an entry lives ``ttl_seconds`` after it was last written or read (reading a data
set refreshes it; a cache read does not). Redis expires entries itself; on disk
:meth:`DiskStore.expire_older_than` sweeps by modification time (it also runs, at most
once a minute, when a data set is stored). ``ttl_seconds`` None or 0 keeps entries forever.

Nothing read from the store is trusted more than an upload: packages are read back through
every check of :func:`network.formats.upload.load_package` and must hash to their key, and cached
values are JSON (never pickle), so whoever can write to a shared Redis cannot make a worker
run code.

Longer than 400 lines: one interface and its two implementations (a folder, Redis) that
must behave the same, side by side so that a change to one is seen against the other.
"""

from __future__ import annotations

import hashlib
import hmac
import logging
import os
import re
import tempfile
import time
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any, Protocol, TypeVar, runtime_checkable

import orjson

from network.model.derived import check_key as _check_key
from serving.breaker import Breaker, BreakerOpen
from serving.derived_quota import Trimmer

if TYPE_CHECKING:
    pass

log = logging.getLogger(__name__)
T = TypeVar("T")



class StoreError(RuntimeError):
    """The store cannot be reached (Redis down) or written (disk full, no permission)."""


def _text(value: object) -> str:
    """A Redis reply as text (bytes decoded; anything else as str)."""
    return value.decode(errors="replace") if isinstance(value, bytes) else str(value)


def _dumps(value: Any) -> bytes:
    return orjson.dumps(value, option=orjson.OPT_SERIALIZE_NUMPY)


@runtime_checkable
class Store(Protocol):
    """What the app needs from a store; both implementations below provide it."""

    ttl_seconds: float | None

    def put_dataset(self, key: str, package: bytes) -> None:
        """Keep a data set's package under its content key (again: refresh its expiry)."""

    def get_dataset(self, key: str) -> bytes | None:
        """The package stored under ``key`` (refreshing its expiry), or None."""

    def has_dataset(self, key: str) -> bool:
        """Whether ``key`` is stored (does not refresh it)."""

    def touch(self, key: str) -> bool:
        """Refresh a data set's expiry (and its publication's); False when it is not (or no
        longer) there."""

    def publish(self, key: str, secret: str = "") -> bool:
        """Mark a stored data set as published (links may open it); it lives and expires
        with the data set. ``secret`` (the digest of the publisher's withdrawal secret) is
        kept with the mark; a mark already there is kept as it is, never replaced. False
        when the data set is not there; StoreError on failure."""

    def withdraw(self, key: str, secret: str) -> bool:
        """Remove a published data set and its mark when ``secret`` matches the one kept at
        publication (compared in constant time); False otherwise. StoreError on failure."""

    def is_published(self, key: str) -> bool:
        """Whether links may open the data set (False too when the store cannot say)."""

    def expire_older_than(self, seconds: float | None = None) -> int:
        """Remove entries not used for ``seconds`` (default: the TTL); how many went."""

    def cache_get(self, key: str) -> Any | None:
        """A derived result (JSON value) or None."""

    def cache_set(self, key: str, value: Any) -> None:
        """Keep a derived result: any JSON value (tuples come back as lists)."""

    def used_bytes(self) -> int:
        """Bytes the stored data sets take (what the quota counts)."""


# --- on disk ---------------------------------------------------------------------------------


def _private_folder(folder: Path) -> None:
    """Make ``folder`` readable only by the server's user (0o700): the uploads of others are
    nobody else's to list or read. A folder that already exists is narrowed to 0o700 when
    the server's user owns it (missing parents get the usual mode)."""
    folder.mkdir(mode=0o700, parents=True, exist_ok=True)
    try:
        if folder.stat().st_uid == os.getuid() and folder.stat().st_mode & 0o077:
            folder.chmod(0o700)
    except OSError as exc:  # not ours to change: say so, the store still works
        log.warning("cannot make %s private: %s", folder, exc)


class DiskStore:
    """A folder shared by the workers of one machine.

    Layout: ``datasets/<key>.zip`` and ``cache/<sha256 of key>.json``. Files are written
    to a temporary name in the same folder and renamed into place (``os.replace`` is
    atomic), so concurrent writers of one key never mix their bytes and readers see the
    old file or the new one, whole.
    """

    SWEEP_EVERY = 60.0  # seconds between sweeps started by put_dataset

    def __init__(self, folder: str | os.PathLike, ttl_seconds: float | None = 7 * 24 * 3600,
                 quota_bytes: int | None = None):
        self.folder = Path(folder)
        self.ttl_seconds = ttl_seconds or None
        self.quota_bytes = quota_bytes or None
        self._datasets = self.folder / "datasets"
        self._cache = self.folder / "cache"
        self._last_sweep = 0.0
        self._trimmer = Trimmer(self._cache, self.quota_bytes)  # results' share of the quota
        _private_folder(self.folder)
        for sub in (self._datasets, self._cache):
            _private_folder(sub)

    def __repr__(self) -> str:
        return f"DiskStore({str(self.folder)!r}, ttl_seconds={self.ttl_seconds})"

    def _dataset_path(self, key: str) -> Path:
        return self._datasets / f"{_check_key(key)}.zip"

    def _published_path(self, key: str) -> Path:
        return self._datasets / f"{_check_key(key)}.published"

    def _cache_path(self, key: str) -> Path:
        return self._cache / f"{hashlib.sha256(key.encode()).hexdigest()}.json"

    def _write(self, path: Path, data: bytes) -> None:
        # the folder may have been swept away under us (a cleaner of /tmp): make it again
        if not path.parent.is_dir():
            _private_folder(self.folder)
            _private_folder(path.parent)
        # mkstemp makes the file readable and writable by its owner only (0o600)
        fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=".tmp-", suffix=path.suffix)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
            os.replace(tmp, path)
        except BaseException:
            try:
                os.unlink(tmp)
            except OSError:
                pass
            raise

    def _expired(self, path: Path) -> bool:
        if self.ttl_seconds is None:
            return False
        try:
            return time.time() - path.stat().st_mtime > self.ttl_seconds
        except OSError:
            return True

    def put_dataset(self, key: str, package: bytes) -> None:
        path = self._dataset_path(key)
        try:
            if not self.touch(key):
                self._write(path, package)
        except OSError as exc:
            raise StoreError(f"cannot write {path}: {exc}") from exc
        self._within_quota(key)
        if time.time() - self._last_sweep > self.SWEEP_EVERY:
            self.expire_older_than()

    def get_dataset(self, key: str) -> bytes | None:
        path = self._dataset_path(key)
        if self._expired(path):
            return None
        try:
            data = path.read_bytes()
        except FileNotFoundError:
            return None
        except OSError as exc:
            raise StoreError(f"cannot read {path}: {exc}") from exc
        self.touch(key)
        return data

    def has_dataset(self, key: str) -> bool:
        path = self._dataset_path(key)
        return path.is_file() and not self._expired(path)

    def touch(self, key: str) -> bool:
        path = self._dataset_path(key)
        if self._expired(path):
            return False
        try:
            os.utime(path)
        except OSError:
            return False
        try:
            os.utime(self._published_path(key))
        except OSError:  # not published
            pass
        return True

    def publish(self, key: str, secret: str = "") -> bool:
        if not self.touch(key):
            return False
        try:  # a mark once made is kept, with its secret (no one can replace it)
            self._create(self._published_path(key), secret.encode())
        except FileExistsError:
            pass
        except OSError as exc:
            raise StoreError(f"cannot publish {key[:16]}: {exc}") from exc
        return True

    def _create(self, path: Path, data: bytes) -> None:
        """Write a new file (0o600); FileExistsError when it is there already."""
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                fh.write(data)
        except BaseException:
            path.unlink(missing_ok=True)
            raise

    def withdraw(self, key: str, secret: str) -> bool:
        mark = self._published_path(key)
        try:
            kept = mark.read_bytes().decode(errors="replace")
        except FileNotFoundError:
            return False
        except OSError as exc:
            raise StoreError(f"cannot read {mark}: {exc}") from exc
        if not kept or not hmac.compare_digest(kept, secret):
            return False
        for path in (self._dataset_path(key), mark):
            try:
                path.unlink()
            except FileNotFoundError:
                pass
            except OSError as exc:
                raise StoreError(f"cannot remove {path}: {exc}") from exc
        return True

    def used_bytes(self) -> int:
        total = 0
        for path in self._datasets.glob("*.zip"):
            try:
                total += path.stat().st_size
            except OSError:  # removed meanwhile
                continue
        return total

    def _within_quota(self, keep: str) -> None:
        """Remove the least recently used unpublished data sets (never ``keep``, the one
        just stored) until the data sets fit the quota; StoreError when even then they do
        not (what is left is published), and ``keep`` is removed again."""
        if not self.quota_bytes:
            return
        entries = []
        for path in self._datasets.glob("*.zip"):
            try:
                entries.append((path.stat().st_mtime, path.stat().st_size, path))
            except OSError:
                continue
        used = sum(size for _, size, _ in entries)
        for _, size, path in sorted(entries):
            if used <= self.quota_bytes:
                return
            if path.stem == keep or self._published_path(path.stem).exists():
                continue
            try:
                path.unlink()
                used -= size
                log.info("store over its quota: removed unused upload %s", path.stem[:16])
            except OSError:
                continue
        if used > self.quota_bytes:
            if not self._published_path(keep).exists():  # never a published one
                try:
                    self._dataset_path(keep).unlink()
                except OSError:
                    pass
            raise StoreError(f"the store is full ({used} of {self.quota_bytes} bytes published)")

    def is_published(self, key: str) -> bool:
        path = self._published_path(key)
        return path.is_file() and not self._expired(path) and self.has_dataset(key)

    def expire_older_than(self, seconds: float | None = None) -> int:
        seconds = self.ttl_seconds if seconds is None else seconds
        self._last_sweep = time.time()
        if seconds is None:
            return 0
        limit = time.time() - seconds
        removed = 0
        for sub in (self._datasets, self._cache):
            try:
                paths = list(sub.iterdir())
            except OSError:  # swept away: nothing to expire there
                continue
            for path in paths:
                try:
                    old = path.stat().st_mtime < limit
                    # temporary files of a writer that died are removed after the TTL too
                    if old:
                        path.unlink()
                        removed += 1
                except OSError:  # another worker swept it first
                    continue
        return removed

    def cache_get(self, key: str) -> Any | None:
        path = self._cache_path(key)
        if self._expired(path):
            return None
        try:
            return orjson.loads(path.read_bytes())
        except (OSError, orjson.JSONDecodeError):
            return None

    def cache_set(self, key: str, value: Any) -> None:
        try:
            self._write(self._cache_path(key), _dumps(value))
        except OSError as exc:  # a cache that cannot be written only costs time
            log.warning("cache write failed: %s", exc)
        self._trimmer.wrote()


# --- in Redis ------------------------------------------------------------------------------


#: Seconds a Redis call may take before it counts as failed (a hung Redis must not hold a
#: request thread for long: the threads are what every other user waits for).
REDIS_TIMEOUT = 0.5
#: Failed calls in a row after which Redis is left alone for REDIS_RESET seconds (calls
#: then fail at once), and those seconds.
REDIS_FAILURES, REDIS_RESET = 3, 20.0


class RedisStore:
    """Redis, for several machines. Keys: ``<prefix>ds:<key>`` and ``<prefix>cache:<key>``,
    each with the TTL as its expiry (refreshed when a data set is read).

    Data set calls raise :class:`StoreError` when Redis cannot be reached; cache calls
    log it and behave as a miss, since a cache is only a shortcut.

    Every call has a short timeout and goes through a circuit breaker (serving/breaker.py): after
    ``REDIS_FAILURES`` failures in a row, calls fail at once for ``REDIS_RESET`` seconds,
    then one call tries Redis again. So a Redis that accepts connections but never answers
    costs each request at most one short wait, and users of the bundled data (which never
    needs the store) are not held up behind threads stuck on it.
    """

    def __init__(self, url: str, ttl_seconds: float | None = 7 * 24 * 3600,
                 prefix: str = "redes:", client: Any = None, timeout: float = REDIS_TIMEOUT,
                 failures: int = REDIS_FAILURES, reset_seconds: float = REDIS_RESET,
                 quota_bytes: int | None = None):
        import redis  # only deployments that use Redis need the package

        self.url = url
        self.ttl_seconds = ttl_seconds or None
        self.quota_bytes = quota_bytes or None
        self.prefix = prefix
        self._errors = (redis.RedisError, OSError, BreakerOpen)
        self.breaker = Breaker(failures, reset_seconds, errors=(redis.RedisError, OSError))
        self.client = client or redis.Redis.from_url(
            url, socket_timeout=timeout, socket_connect_timeout=timeout,
            health_check_interval=30)

    def _run(self, action: Callable[[], T]) -> T:
        """``action()`` through the circuit breaker (which re-raises its errors, and raises
        CircuitBreakerError while open)."""
        return self.breaker.call(action)

    def __repr__(self) -> str:
        safe = re.sub(r"//[^@/]*@", "//***@", self.url)  # never show a password
        return f"RedisStore({safe!r}, ttl_seconds={self.ttl_seconds})"

    def _ds(self, key: str) -> str:
        return f"{self.prefix}ds:{_check_key(key)}"

    def _cache(self, key: str) -> str:
        return f"{self.prefix}cache:{key}"

    def _published(self, key: str) -> str:
        return f"{self.prefix}pub:{_check_key(key)}"

    @property
    def _lru(self) -> str:
        """The sorted set of data set keys by last use (for the quota)."""
        return f"{self.prefix}lru"

    def _ttl(self) -> int | None:
        return max(1, int(self.ttl_seconds)) if self.ttl_seconds else None

    def put_dataset(self, key: str, package: bytes) -> None:
        try:
            self._run(lambda: self.client.set(self._ds(key), package, ex=self._ttl()))
            self._run(lambda: self.client.zadd(self._lru, {key: time.time()}))
            self._within_quota(key)
        except self._errors as exc:
            raise StoreError(f"Redis: {exc}") from exc

    def get_dataset(self, key: str) -> bytes | None:
        try:
            ttl = self._ttl()
            if ttl:
                pipe = self.client.pipeline(transaction=False)
                pipe.get(self._ds(key))
                pipe.expire(self._ds(key), ttl)
                pipe.expire(self._published(key), ttl)
                pipe.zadd(self._lru, {key: time.time()}, xx=True)  # last use, for the quota
                data, _, _, _ = self._run(pipe.execute)
            else:
                data = self._run(lambda: self.client.get(self._ds(key)))
        except self._errors as exc:
            raise StoreError(f"Redis: {exc}") from exc
        return bytes(data) if data is not None else None

    def has_dataset(self, key: str) -> bool:
        try:
            return bool(self._run(lambda: self.client.exists(self._ds(key))))
        except self._errors as exc:
            raise StoreError(f"Redis: {exc}") from exc

    def touch(self, key: str) -> bool:
        try:
            ttl = self._ttl()
            if ttl:
                pipe = self.client.pipeline(transaction=False)
                pipe.expire(self._ds(key), ttl)
                pipe.expire(self._published(key), ttl)
                pipe.zadd(self._lru, {key: time.time()}, xx=True)  # last use, for the quota
                there, _, _ = self._run(pipe.execute)
                return bool(there)
            return bool(self._run(lambda: self.client.exists(self._ds(key))))
        except self._errors as exc:
            raise StoreError(f"Redis: {exc}") from exc

    def publish(self, key: str, secret: str = "") -> bool:
        try:
            if not self._run(lambda: self.client.exists(self._ds(key))):
                return False
            mark = secret.encode() or b"1"
            # nx: a mark once made is kept, with its secret (no one can replace it)
            self._run(lambda: self.client.set(self._published(key), mark, ex=self._ttl(),
                                              nx=True))
            self.touch(key)
            return True
        except self._errors as exc:
            raise StoreError(f"Redis: {exc}") from exc

    def is_published(self, key: str) -> bool:
        try:
            pipe = self.client.pipeline(transaction=False)
            pipe.exists(self._published(key))
            pipe.exists(self._ds(key))
            return all(self._run(pipe.execute))
        except self._errors as exc:
            log.warning("publication check failed: %s", exc)
            return False

    def withdraw(self, key: str, secret: str) -> bool:
        try:
            kept = self._run(lambda: self.client.get(self._published(key)))
            if kept is None or not secret or not hmac.compare_digest(_text(kept), secret):
                return False
            self._run(lambda: self.client.delete(self._ds(key), self._published(key)))
            self._run(lambda: self.client.zrem(self._lru, key))
            return True
        except self._errors as exc:
            raise StoreError(f"Redis: {exc}") from exc

    def used_bytes(self) -> int:
        try:
            keys = self._run(lambda: self.client.zrange(self._lru, 0, -1))
            if not keys:
                return 0
            pipe = self.client.pipeline(transaction=False)
            for k in keys:
                pipe.strlen(self._ds(_text(k)))
            return int(sum(self._run(pipe.execute)))
        except self._errors as exc:
            raise StoreError(f"Redis: {exc}") from exc

    def _within_quota(self, keep: str) -> None:
        """As DiskStore's: the data sets are ranked by last use in a sorted set."""
        if not self.quota_bytes:
            return
        used = self.used_bytes()
        client = self.client
        for raw in self._run(partial(client.zrange, self._lru, 0, -1)):
            if used <= self.quota_bytes:
                return
            key = _text(raw)
            size = int(self._run(partial(client.strlen, self._ds(key))))
            if size == 0:  # expired by Redis: only its rank was left
                self._run(partial(client.zrem, self._lru, key))
                continue
            if key == keep or self._run(partial(client.exists, self._published(key))):
                continue
            self._run(partial(client.delete, self._ds(key)))
            self._run(partial(client.zrem, self._lru, key))
            used -= size
        if used > self.quota_bytes:
            if not self._run(partial(client.exists, self._published(keep))):  # never published
                self._run(partial(client.delete, self._ds(keep)))
                self._run(partial(client.zrem, self._lru, keep))
            raise StoreError(f"the store is full ({used} of {self.quota_bytes} bytes published)")

    def expire_older_than(self, seconds: float | None = None) -> int:
        return 0  # Redis expires keys itself

    def cache_get(self, key: str) -> Any | None:
        try:
            data = self._run(lambda: self.client.get(self._cache(key)))
        except self._errors as exc:
            log.warning("cache read failed: %s", exc)
            return None
        if data is None:
            return None
        try:
            return orjson.loads(data)
        except orjson.JSONDecodeError:
            return None

    def cache_set(self, key: str, value: Any) -> None:
        try:
            self._run(lambda: self.client.set(self._cache(key), _dumps(value), ex=self._ttl()))
        except self._errors as exc:
            log.warning("cache write failed: %s", exc)


def open_store(url: str | None, folder: str | os.PathLike,
               ttl_seconds: float | None = 7 * 24 * 3600,
               quota_bytes: int | None = None) -> DiskStore | RedisStore:
    """Redis when ``url`` is a ``redis://``, ``rediss://`` or ``unix://`` URL, else the
    folder.

    >>> import tempfile
    >>> type(open_store(None, tempfile.mkdtemp(), 3600)).__name__
    'DiskStore'
    """
    if not url or not url.strip():
        return DiskStore(folder, ttl_seconds, quota_bytes)
    url = url.strip()
    if url.split("://", 1)[0].lower() in ("redis", "rediss", "unix"):
        return RedisStore(url, ttl_seconds, quota_bytes=quota_bytes)
    raise ValueError("the cache URL must start with redis://, rediss:// or unix://")
