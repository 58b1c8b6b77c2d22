"""Every example in the docstrings of the domain and the components runs and holds."""

import doctest
import importlib
import pkgutil

import pytest

import components
import network

MODULES = sorted(
    f"{package.__name__}.{info.name}"
    for package in (network, components)
    for info in pkgutil.iter_modules(package.__path__)
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
