"""The derived results' share of the store's quota (a folder store): positions and measures
can be computed again, so when they pass their share the least recently written go first.
Without it, an upload asked for many different views (each year, each filter, each measure)
could fill the disk with results no quota counted.

With Redis the results carry the store's TTL as their expiry; give Redis a ``maxmemory``
and ``maxmemory-policy volatile-lru`` so it drops them, the oldest first, when memory runs
short (README, "Settings").
"""

from __future__ import annotations

import logging
from pathlib import Path

log = logging.getLogger(__name__)

#: The derived results' share of the store's quota.
SHARE = 0.25
#: Results written by one process between two looks at the folder's size.
CHECK_EVERY = 64


def trim_folder(folder: Path, max_bytes: int) -> int:
    """Remove the least recently written ``*.json`` files of ``folder`` until the rest
    take at most ``max_bytes``; the number removed.

    >>> import tempfile, os, time
    >>> d = Path(tempfile.mkdtemp())
    >>> for i, name in enumerate("abc"):
    ...     _ = (d / f"{name}.json").write_bytes(b"x" * 100)
    ...     os.utime(d / f"{name}.json", (time.time() + i, time.time() + i))
    >>> trim_folder(d, 250), sorted(p.name for p in d.iterdir())
    (1, ['b.json', 'c.json'])
    """
    entries = []
    for path in folder.glob("*.json"):
        try:
            stat = path.stat()
        except OSError:  # removed by another worker meanwhile
            continue
        entries.append((stat.st_mtime, stat.st_size, path))
    used = sum(size for _, size, _ in entries)
    removed = 0
    for _, size, path in sorted(entries):
        if used <= max_bytes:
            break
        try:
            path.unlink()
        except OSError:
            continue
        used -= size
        removed += 1
    if removed:
        log.info("derived results over their share of the quota: removed %d", removed)
    return removed


class Trimmer:
    """Counts one store's result writes and trims its folder every :data:`CHECK_EVERY`."""

    def __init__(self, folder: Path, quota_bytes: int | None):
        self.folder = folder
        self.max_bytes = int(quota_bytes * SHARE) if quota_bytes else None
        self.writes = 0

    def wrote(self) -> None:
        if self.max_bytes is None:
            return
        self.writes += 1
        if self.writes % CHECK_EVERY == 0:
            trim_folder(self.folder, self.max_bytes)
