"""serving.ratelimit: counts per client and kind, and a counts' store that hangs lets
requests through quickly instead of holding them."""

from __future__ import annotations

import pytest

from serving.ratelimit import RateLimits
from tests.serving.test_store import _HungRedis


def test_each_kind_and_client_counts_apart():
    limits = RateLimits({"upload": "2/minute", "publish": "1/minute", "api": ""})
    assert [limits.hit("upload", "a") is None for _ in range(3)] == [True, True, False]
    assert limits.hit("publish", "a") is None and limits.hit("publish", "a") is not None
    assert limits.hit("upload", "b") is None
    assert all(limits.hit("api", "a") is None for _ in range(50))  # empty: no limit
    refusal = limits.hit("upload", "a")
    assert refusal.limit.startswith("2 per 1 minute") and 1 <= refusal.retry_after <= 60


def test_a_rule_in_the_wrong_syntax_or_kind_is_refused():
    with pytest.raises(ValueError):
        RateLimits({"uploads": "2/minute"})


def test_a_hung_counts_store_lets_requests_through_and_is_then_left_alone():
    hung = _HungRedis()
    try:
        limits = RateLimits({"upload": "2/minute"}, f"redis://127.0.0.1:{hung.port}/0")
        for _ in range(3):  # each waits for the short timeout, then lets the request through
            assert limits.hit("upload", "a") is None
        seen = hung.requests
        for _ in range(20):  # left alone: no request reaches the hung server
            assert limits.hit("upload", "a") is None
        assert hung.requests == seen
        assert limits.breaker.current_state == "open"
    finally:
        hung.close()
