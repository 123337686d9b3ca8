"""The examples in the docstrings of the ``ui`` modules run (pytest collects doctests under graph/ only)."""

from __future__ import annotations

import doctest
import importlib
import pkgutil

import pytest

import ui

MODULES = sorted(info.name for info in pkgutil.walk_packages(ui.__path__, "ui."))


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples_run(name: str) -> None:
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS | doctest.NORMALIZE_WHITESPACE)
    assert result.failed == 0
