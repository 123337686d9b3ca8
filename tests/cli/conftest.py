"""Fixtures of the command-line tests: the main parser with ``analyze``, and a store of the module's ``TRIG``."""

from __future__ import annotations

import argparse
import io
from collections.abc import Callable

import pytest

from graph.cli.analyze import add_parser
from graph.network.build import to_networkx, with_prefixes
from graph.rdf.store import Store


@pytest.fixture(scope="module")
def parser() -> argparse.ArgumentParser:
    """A main parser with the ``analyze`` command registered."""
    main = argparse.ArgumentParser(prog="graph")
    add_parser(main.add_subparsers(dest="command"))
    return main


@pytest.fixture(scope="module")
def store(request: pytest.FixtureRequest) -> Store:
    """A store holding the test module's ``TRIG`` (prefixes pre-declared)."""
    s = Store()
    s.load_text(with_prefixes(request.module.TRIG), "trig")
    return s


@pytest.fixture(scope="module")
def run_analyze(parser: argparse.ArgumentParser, store: Store) -> Callable[..., str]:
    """``run_analyze(*argv)``: what ``analyze *argv`` prints on the module's store (exit status 0 checked)."""

    def run(*argv: str) -> str:
        args = parser.parse_args(["analyze", *argv])
        out = io.StringIO()
        assert args.handler(args, lambda paths: (store, to_networkx(store)), out=out) == 0
        return out.getvalue()

    return run
