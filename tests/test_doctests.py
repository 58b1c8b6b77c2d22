"""Every example in the docstrings of the domain and the components runs and holds."""

import doctest
import importlib
import pkgutil

import pytest

import components
import network
import serving

MODULES = sorted(
    info.name
    for package in (network, serving, components)
    for info in pkgutil.walk_packages(package.__path__, prefix=f"{package.__name__}.")
)


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.failed == 0
