"""Per-client rate limits on what costs the server: uploads, publishing, the upload API.

Built on ``limits`` (the library under Flask-Limiter) rather than Flask-Limiter's route
decorators, because every Dash callback shares one endpoint: the upload and *Publish* are
told apart by what a callback request changes, and the page must hear "too many" as a
message in its report, not as an HTTP error Dash would drop. The API answers 429 with
``Retry-After``.

Counts live in Redis when ``REDES_CACHE_URL`` is set (shared by every worker and machine),
else in each worker's memory (so on one machine the limit counts per worker: with two
workers a client may get up to twice it). A client is its address as the server sees it;
behind a proxy, let gunicorn trust the proxy's ``X-Forwarded-For``
(``--forwarded-allow-ips``) so that clients are not all one. A store that does not answer
lets the request through (a limit is a guard, not a gate worth failing for).
"""

from __future__ import annotations

import logging
import math
import time
from dataclasses import dataclass

from limits import RateLimitItem, parse_many, storage, strategies

from serving.breaker import Breaker

log = logging.getLogger(__name__)

KINDS = ("upload", "publish", "api")


@dataclass(frozen=True)
class Refusal:
    """A request over its limit: which limit, and the seconds until it may try again."""

    limit: str
    retry_after: int


class RateLimits:
    """The limits of each kind of request (``"10/minute;100/day"``; empty: no limit)."""

    def __init__(self, rules: dict[str, str], storage_uri: str = "memory://"):
        unknown = set(rules) - set(KINDS)
        if unknown:
            raise ValueError(f"unknown kinds of request: {sorted(unknown)}")
        self.rules: dict[str, list[RateLimitItem]] = {
            kind: parse_many(text) if text.strip() else [] for kind, text in rules.items()}
        # a Redis that hangs must not hold requests: short timeouts, and after a few failures
        # the counts are left alone for a while (serving/breaker.py), as the store does
        options = ({"socket_timeout": 0.5, "socket_connect_timeout": 0.5}
                   if storage_uri.startswith(("redis", "rediss", "unix")) else {})
        self.limiter = strategies.MovingWindowRateLimiter(
            storage.storage_from_string(storage_uri, **options))
        self.breaker = Breaker(3, 20, errors=(Exception,))

    def hit(self, kind: str, client: str) -> Refusal | None:
        """Count one request of ``kind`` from ``client``; a Refusal when it is one too many
        (then it is not counted).

        >>> limits = RateLimits({"upload": "2/minute"})
        >>> [limits.hit("upload", "10.0.0.1") is None for _ in range(3)]
        [True, True, False]
        >>> limits.hit("upload", "10.0.0.2") is None  # another client has its own count
        True
        """
        rules = self.rules.get(kind, [])
        if not rules:
            return None
        try:
            return self.breaker.call(lambda: self._hit(rules, kind, client))
        except Exception:  # noqa: BLE001 - the counts' store is down or left alone: let it through
            log.warning("rate limit store unavailable; %s from %s let through", kind, client)
            return None

    def _hit(self, rules: list[RateLimitItem], kind: str, client: str) -> Refusal | None:
        for item in rules:
            if not self.limiter.test(item, kind, client):
                reset = self.limiter.get_window_stats(item, kind, client).reset_time
                return Refusal(str(item), max(1, math.ceil(reset - time.time())))
        for item in rules:
            # the test above and this hit are two steps: of requests sent at once, more than
            # the limit may pass the test, and hit() (atomic) refuses the extra ones
            if not self.limiter.hit(item, kind, client):
                reset = self.limiter.get_window_stats(item, kind, client).reset_time
                return Refusal(str(item), max(1, math.ceil(reset - time.time())))
        return None
