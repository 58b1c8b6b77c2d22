"""Data sets back from the store: rebuilt once per worker and kept in its memory.

A worker that serves an upload rebuilds it from the store's package (through every check
of an upload) and keeps it, so later requests cost nothing; it asks the store on each use
whether the data set is still there, so one that expired or was withdrawn is never served
stale (a store that does not answer leaves the copy in use).
"""

from __future__ import annotations

import logging
import threading
from collections import OrderedDict
from dataclasses import replace
from typing import TYPE_CHECKING

from network.model.dataset import Dataset
from network.model.derived import check_key as _check_key
from network.model.derived import derived_key
from serving.store import Store, StoreError

if TYPE_CHECKING:
    from network.model.limits import Limits

log = logging.getLogger(__name__)

#: Data sets rebuilt and kept in each worker's memory (a rebuild means a layout).
MEMORY_DATASETS = 8

_memory: OrderedDict[str, Dataset] = OrderedDict()
_memory_lock = threading.Lock()


def load_dataset(store: Store, key: str, limits: Limits | None = None) -> Dataset | None:
    """The data set stored under ``key``, rebuilt once per worker and kept in memory.

    None when it is not in the store (never uploaded, or expired) or when what is stored
    does not pass the checks or does not hash to ``key`` (a damaged or forged entry).
    ``limits`` are those uploads are read with (see :func:`network.formats.upload.load_package`).
    May raise :class:`StoreError` when the store cannot be reached.
    """
    from network.formats.upload import load_package

    _check_key(key)
    with _memory_lock:
        if key in _memory:
            _memory.move_to_end(key)
            dataset = _memory[key]
        else:
            dataset = None
    if dataset is not None:
        # still in use: keep it in the store for the other workers. Gone from the store
        # (expired, withdrawn, emptied): gone here too, so that no worker serves it stale.
        # A store that does not answer cannot say: serve the copy in memory meanwhile.
        try:
            there = store.touch(key)
        except StoreError:
            log.warning("store unreachable; serving data set %s from memory", key[:16])
            return dataset
        if there:
            return dataset
        with _memory_lock:
            _memory.pop(key, None)
        return None
    package = store.get_dataset(key)
    if package is None:
        return None
    # the layout is the slow part of a rebuild: the first worker to build it shares it
    positions_key = derived_key(key, "positions")
    cached = store.cache_get(positions_key)
    result = load_package(package, limits, positions=cached)
    if result.dataset is None or result.content_key != key:
        log.warning("stored data set %s is damaged or forged; ignored", key[:16])
        return None
    if cached is None:
        store.cache_set(positions_key, result.dataset.positions)
    dataset = replace(result.dataset, derived_cache=store)
    with _memory_lock:
        _memory[key] = dataset
        _memory.move_to_end(key)
        while len(_memory) > MEMORY_DATASETS:
            _memory.popitem(last=False)
    return dataset


def forget_datasets() -> None:
    """Empty this worker's memory of rebuilt data sets (for tests)."""
    with _memory_lock:
        _memory.clear()
