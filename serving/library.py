"""The data sets a server offers: the bundled one, and those its users upload.

A page shows one data set. It names it by the ``content_key`` of its upload (the SHA-256 of
the validated tables); no key means the bundled data. :meth:`Library.find` turns a key into
the :class:`~network.model.dataset.Dataset` (rebuilt from the shared store once per worker), so
any worker of any machine sharing the store answers any page.

An upload is private: only the page that uploaded it knows its key. Publishing it marks the
key in the store; a link then carries ``data=<key>`` and opens the data set for anyone (see
:meth:`Library.opens`). Without publication a link names no data set, and another person
who somehow learns a key still gets nothing from a link.
"""

from __future__ import annotations

import hashlib
import logging
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from typing import TypeGuard

from network.formats.upload import UploadResult, read_upload
from network.model.dataset import Dataset
from network.model.derived import derived_key
from network.model.limits import Limits
from network.view.state import DATA_KEY
from serving.rebuild import load_dataset
from serving.store import Store, StoreError

log = logging.getLogger(__name__)


def _digest(secret: str) -> str:
    """What the store keeps of a withdrawal secret (SHA-256, hex)."""
    return hashlib.sha256(secret.encode()).hexdigest()


def is_key(value: object) -> TypeGuard[str]:
    """Whether ``value`` looks like a data set key (64 hex digits).

    >>> is_key("ab" * 32), is_key("../etc/passwd"), is_key(None)
    (True, False, False)
    """
    return isinstance(value, str) and bool(DATA_KEY.fullmatch(value))


@dataclass(frozen=True)
class RequestedDataset:
    """The data set a request is about: its key (None: bundled), the data set, whether a
    link may name it, and ``missing`` when the page asked for a key the store no longer has
    (it expired, or the store was emptied): then ``dataset`` is the bundled data."""

    key: str | None
    dataset: Dataset
    published: bool = False
    missing: str | None = None
    #: the store did not answer (the data set may well be there: try again later)
    unreachable: bool = False

    @property
    def own(self) -> bool:
        return self.key is not None

    @property
    def link_key(self) -> str | None:
        """What a link carries (``data=``) to reopen this data set: the key of a published
        upload, else nothing (a link then opens the bundled data)."""
        return self.key if self.published else None


class Library:
    """The bundled data set plus the store of uploads, with the limits uploads obey."""

    def __init__(self, bundled: Dataset, store: Store, limits: Limits | None = None,
                 job_seconds: float = 0, job_memory_mb: float = 0):
        self.bundled = bundled
        self.store = store
        self.limits = limits or Limits()
        #: the time and memory an upload job may take (serving.jobs.limited; 0: no limit)
        self.job_seconds = job_seconds
        self.job_memory_mb = job_memory_mb

    @property
    def ttl_hours(self) -> float:
        """Hours an unused upload is kept (0: for ever)."""
        return (self.store.ttl_seconds or 0) / 3600

    def __repr__(self) -> str:
        return f"Library({self.bundled.title!r}, {self.store!r})"

    # -- uploads -------------------------------------------------------------------------
    def read(self, files: list[tuple[str, bytes]], lang: str = "en",
             progress: Callable[[str], None] | None = None) -> UploadResult:
        """Read and validate an upload and keep it in the store when it is valid.

        Never raises for bad input: problems are in ``result.report``. A store that cannot
        be written is reported as a problem too (nothing is lost: the user may retry).
        ``progress`` is told each stage as it starts ("read", "check", "layout", "store").
        """
        result = read_upload(files, self.limits, lang, progress=progress)
        if result.dataset is None or result.package is None:
            return result
        if progress is not None:
            progress("store")
        try:
            self.store.put_dataset(result.content_key, result.package)
            self.store.cache_set(derived_key(result.content_key, "positions"),
                                 result.dataset.positions)
        except StoreError:
            log.exception("upload could not be stored")
            result.report.error("upload", "upload.store_failed")
            return UploadResult(None, result.report, result.assumptions, kind=result.kind,
                                assumed=result.assumed)
        return result

    # -- finding a data set ---------------------------------------------------------------
    def find(self, key: str | None) -> Dataset | None:
        """The data set under ``key`` (the bundled one for None), or None when the store
        does not have it (any more). Raises StoreError when the store cannot be reached."""
        if key is None:
            return self.bundled
        if not is_key(key):
            return None
        return load_dataset(self.store, key, self.limits)

    def current(self, key: object) -> RequestedDataset:
        """What a page that names ``key`` shows (a bad or unknown key, or a store that does
        not answer: the bundled data, with ``missing`` set so the page can say so)."""
        if key is None or key == "":
            return RequestedDataset(None, self.bundled)
        if not is_key(key):
            return RequestedDataset(None, self.bundled, missing="invalid")
        try:
            dataset = self.find(key)
        except StoreError:
            log.exception("data set %s could not be read", key[:16])
            return RequestedDataset(None, self.bundled, missing=key, unreachable=True)
        if dataset is None:
            return RequestedDataset(None, self.bundled, missing=key)
        return RequestedDataset(key, dataset, published=self.is_published(key))

    # -- publication -----------------------------------------------------------------------
    def publish(self, key: str) -> str | None:
        """Let links name the data set (for as long as it is kept). The answer is the
        secret that withdraws it (:meth:`withdraw`), for the publisher's eyes only: the store
        keeps only its digest. "" when it was published before (anyone with a link could ask
        again: only the first publisher gets a secret). None when it is not in the store or
        the store cannot be written."""
        if not is_key(key):
            return None
        secret = secrets.token_urlsafe(24)
        try:
            if self.store.is_published(key):
                return ""  # published before: its first publisher keeps the only secret
            return secret if self.store.publish(key, _digest(secret)) else None
        except StoreError:
            log.exception("data set %s could not be published", key[:16])
            return None

    def withdraw(self, key: object, secret: object) -> bool:
        """Take a published data set out of the store for good, given the secret its
        publisher was shown; False for a wrong secret, an unknown key or a store that
        cannot be reached (nothing is removed then)."""
        if not is_key(key) or not isinstance(secret, str) or not 16 <= len(secret) <= 100:
            return False
        try:
            return self.store.withdraw(key, _digest(secret))
        except StoreError:
            log.exception("data set %s could not be withdrawn", key[:16])
            return False

    def is_published(self, key: str | None) -> bool:
        return is_key(key) and self.store.is_published(key)

    def opens(self, key: object) -> RequestedDataset:
        """What a link naming ``key`` opens for someone who did not upload it: the data set
        when it is published, else the bundled data with ``missing`` set."""
        current = self.current(key)
        if current.own and not current.published:
            return RequestedDataset(None, self.bundled, missing=str(key))
        return current
