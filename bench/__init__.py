"""Benchmarks: ``python -m bench`` (or ``make bench``) prints speed figures."""
