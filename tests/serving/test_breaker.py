"""serving.breaker: calls run side by side, only the given errors count, one trial call."""

from __future__ import annotations

import threading
import time

import pytest

from serving.breaker import Breaker, BreakerOpen


def test_a_slow_call_does_not_hold_up_another():
    breaker = Breaker(3, 60, errors=(OSError,))
    started, release = threading.Event(), threading.Event()

    def slow():
        started.set()
        release.wait(5)
        return "slow"

    thread = threading.Thread(target=lambda: breaker.call(slow))
    thread.start()
    started.wait(5)
    began = time.monotonic()
    assert breaker.call(lambda: "quick") == "quick"  # not behind the slow one
    assert time.monotonic() - began < 1
    release.set()
    thread.join(5)


def test_only_the_services_errors_count_and_a_success_resets():
    breaker = Breaker(2, 60, errors=(OSError,))
    for _ in range(5):  # a fault of the caller, not of the service
        with pytest.raises(KeyError):
            breaker.call(lambda: {}["x"])
    assert breaker.current_state == "closed"
    with pytest.raises(OSError):
        breaker.call(lambda: (_ for _ in ()).throw(OSError()))
    assert breaker.call(lambda: 1) == 1 and breaker.current_state == "closed"


def test_after_the_pause_one_call_tries_again():
    breaker = Breaker(1, 0.2, errors=(OSError,))
    breaker.open()
    with pytest.raises(BreakerOpen):
        breaker.call(lambda: 1)
    time.sleep(0.3)
    assert breaker.current_state == "half-open"
    assert breaker.call(lambda: 2) == 2 and breaker.current_state == "closed"


def test_requests_sent_at_once_pass_the_rate_limit_no_more_than_it_says():
    from serving.ratelimit import RateLimits

    limits = RateLimits({"upload": "5/minute"})
    answers = []
    barrier = threading.Barrier(20)

    def one():
        barrier.wait(5)
        answers.append(limits.hit("upload", "same client"))

    threads = [threading.Thread(target=one) for _ in range(20)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(10)
    assert sum(a is None for a in answers) == 5
