"""``query --endpoint URL --timeout S``: the time limit bounds each request to the endpoint, not only the worker."""

from __future__ import annotations

from graph.cli.main import build_parser, load_store
from graph.rdf.remote import DEFAULT_TIMEOUT

ENDPOINT = "http://127.0.0.1:9/query"  # nothing is sent: the store is only made


def _remote(*argv: str):
    return load_store(build_parser().parse_args(list(argv)))


def test_query_timeout_reaches_the_remote_store() -> None:
    assert _remote("query", "--endpoint", ENDPOINT, "--timeout", "75", "-q", "ASK {}").timeout == 75.0
    assert _remote("query", "--endpoint", ENDPOINT, "--timeout", "0.5", "-q", "ASK {}").timeout == 0.5


def test_without_a_timeout_the_remote_store_keeps_its_default() -> None:
    assert _remote("analyze", "central", "--endpoint", ENDPOINT).timeout == DEFAULT_TIMEOUT
