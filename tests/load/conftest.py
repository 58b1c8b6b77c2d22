"""The load tests' marker: ``-m "not load"`` leaves out the live load run (~40 s)."""


def pytest_configure(config):
    config.addinivalue_line(
        "markers", "load: a bounded load run against gunicorn on the loopback (loadtest/)")
