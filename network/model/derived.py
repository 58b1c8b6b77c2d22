"""Results derived from a data set (metric values per view, positions) and where they may be
shared: the key that names one, and the interface of a cache that keeps them.

The domain only knows the interface; ``serving.store`` implements it (a folder or Redis shared
by the workers). A data set without a cache computes everything in its own worker.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

_KEY = re.compile(r"^[0-9a-f]{16,64}$")


class DerivedCache(Protocol):
    """Where derived results are kept, as JSON values under string keys."""

    def cache_get(self, key: str) -> Any | None: ...

    def cache_set(self, key: str, value: Any) -> None: ...


def check_key(key: str) -> str:
    """Data set keys are hex digests: anything else could be a path or a Redis pattern.

    >>> check_key("ab" * 8)
    'abababababababab'
    """
    if not isinstance(key, str) or not _KEY.match(key):
        raise ValueError(f"not a data set key: {key!r}")
    return key


def derived_key(dataset_key: str, *parts: object) -> str:
    """A cache key for something derived from a data set (a view, a layout...).

    >>> derived_key("ab" * 8, "positions", "levels")
    'abababababababab:positions:levels'
    """
    return ":".join([check_key(dataset_key), *map(str, parts)])
