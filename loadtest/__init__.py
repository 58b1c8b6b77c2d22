"""Load and fault tests against a real ``gunicorn wsgi:server`` on the loopback (issue 16).

* :mod:`loadtest.run` (``make loadtest``): users browsing the bundled data and users
  uploading, driven by locust (:mod:`loadtest.locustfile`) for a bounded time, with
  ``/healthz`` and the server's memory sampled beside them; one table, exit status 1 on any
  5xx or error.
* :mod:`loadtest.faults` (``make faults``): a killed worker, a stopped and a hung Redis,
  a full store quota, each under load.
* :mod:`loadtest.record` re-records the page's callback requests (``templates/``) in
  headless Chromium; :mod:`loadtest.dash_calls` replays them with other years and actors.

Everything listens on and talks to 127.0.0.1 only, and stops by itself.
"""
