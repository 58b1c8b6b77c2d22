"""Caches bounded by bytes, not by count.

A view of the bundled data weighs tens of kilobytes; one of a 20,000-actor upload about
18 MB. Bounded by count (``lru_cache(maxsize=256)``), the caches of views either forget
small views too soon or let big ones grow a worker by hundreds of megabytes (370 → 740 MB
was measured). :func:`bytes_cache` keeps the most recently used results up to a size in
bytes, estimated by the ``sizeof`` it is given (cachetools' ``LRUCache``); a result larger
than the whole budget is computed and not kept.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import Any, TypeVar

import pandas as pd
from cachetools import LRUCache, cached

F = TypeVar("F", bound=Callable[..., Any])

MB = 1024 * 1024


def clear(fn: Callable[..., Any]) -> None:
    """Empty the cache of a function wrapped by :func:`bytes_cache` (or ``lru_cache``)."""
    getattr(fn, "cache_clear")()  # noqa: B009 - the wrapper's attribute, unknown to typing


def bytes_cache(max_bytes: int, sizeof: Callable[[Any], int]) -> Callable[[F], F]:
    """Memoise a function of hashable arguments, keeping at most ``max_bytes`` of results
    (by ``sizeof``), least recently used first out. The wrapped function has ``cache_clear()``
    and ``cache_info()`` like ``functools.lru_cache``'s.

    >>> @bytes_cache(100, sizeof=len)
    ... def word(n: int) -> str:
    ...     return "x" * n
    >>> _ = word(60), word(30), word(50)  # 60 + 30 + 50 > 100: the 60 goes
    >>> word.cache_info().currsize
    80
    >>> _ = word(500)  # over the budget: computed, not kept
    >>> word.cache_info().currsize
    80
    """
    def wrap(fn: F) -> F:
        cache: LRUCache[Any, Any] = LRUCache(maxsize=max_bytes, getsizeof=sizeof)
        return cached(cache, lock=threading.RLock(), info=True)(fn)  # type: ignore[return-value]

    return wrap


def frame_bytes(frame: pd.DataFrame) -> int:
    """What a table adds in memory: its arrays (its strings are the data set's own
    objects, shared, so they are not counted again)."""
    return int(frame.memory_usage(deep=False).sum())
