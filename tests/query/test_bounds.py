"""Queries bounded end to end: the server's maximum row cap and time limit, and the work done on a
result (drawing it) inside the query's worker, within the same time limit."""

from __future__ import annotations

import math
import os
import threading
import time

import pytest

from graph.errors import InputError
from graph.query.sparql import (
    MAX_ROWS_ENV,
    MAX_TIMEOUT_ENV,
    QueryLimits,
    QueryTimeout,
    limits_from_env,
    run_query,
)
from graph.rdf.store import Store

MANY = "SELECT ?i WHERE { VALUES ?i { " + " ".join(str(i) for i in range(50)) + " } }"


@pytest.fixture(scope="module")
def store() -> Store:
    store = Store()
    store.load_text("<https://e.org/a> <https://e.org/p> 1, 2, 3 .", "turtle")
    return store


def test_server_limits_default_and_from_the_environment() -> None:
    assert limits_from_env({}) == QueryLimits(50_000, 60.0)
    assert limits_from_env({MAX_ROWS_ENV: "20,000", MAX_TIMEOUT_ENV: "2.5"}) == QueryLimits(20_000, 2.5)
    assert limits_from_env({MAX_ROWS_ENV: " ", MAX_TIMEOUT_ENV: ""}) == QueryLimits()


@pytest.mark.parametrize(
    ("setting", "value"),
    [
        (MAX_ROWS_ENV, "0"),
        (MAX_ROWS_ENV, "-5"),
        (MAX_ROWS_ENV, "1e6"),
        (MAX_ROWS_ENV, "99999999999"),
        (MAX_TIMEOUT_ENV, "0"),
        (MAX_TIMEOUT_ENV, "nan"),
        (MAX_TIMEOUT_ENV, "inf"),
        (MAX_TIMEOUT_ENV, "1e300"),
        (MAX_TIMEOUT_ENV, "soon"),
    ],
)
def test_a_bad_server_limit_is_a_one_line_error_naming_the_setting(setting: str, value: str) -> None:
    with pytest.raises(InputError) as caught:
        limits_from_env({setting: value})
    assert str(caught.value).startswith(f"{setting}:0: must be")
    assert "\n" not in str(caught.value)


@pytest.mark.parametrize(
    ("timeout", "max_rows", "expected"),
    [
        (300, 1_000_000, (60.0, 50_000)),  # what the page once allowed
        (5, 100, (5.0, 100)),
        ("1e300", "1e300", (60.0, 10_000)),  # text from a crafted session: the rows are not a whole number
        (math.inf, 10**30, (10.0, 50_000)),
        (-1, 0, (10.0, 1)),
        (None, None, (10.0, 10_000)),
    ],
)
def test_clamp_keeps_any_request_within_the_server_limits(timeout, max_rows, expected) -> None:
    assert QueryLimits().clamp(timeout, max_rows) == expected


def test_present_runs_in_the_worker_on_the_capped_result(store: Store) -> None:
    result = run_query(store, MANY, max_rows=7, present=lambda r: (os.getpid(), len(r.rows)))
    worker, rows = result.presented
    assert worker != os.getpid()
    assert rows == len(result.rows) == 7
    assert result.truncated


def test_present_obeys_the_query_time_limit(store: Store) -> None:
    started = time.monotonic()
    with pytest.raises(QueryTimeout, match="time limit"):
        run_query(store, MANY, timeout=0.5, present=lambda r: time.sleep(30))
    assert time.monotonic() - started < 10
    # and the next query answers at once
    assert run_query(store, "ASK { ?s ?p ?o }", timeout=5).boolean


def test_present_errors_come_back_as_one_line(store: Store) -> None:
    def broken(result: object) -> None:
        raise RuntimeError("cannot draw")

    with pytest.raises(InputError, match="cannot draw"):
        run_query(store, MANY, timeout=5, present=broken)


def test_without_present_nothing_is_presented(store: Store) -> None:
    assert run_query(store, MANY, timeout=5).presented is None


def test_a_few_rows_of_huge_text_cannot_fill_the_caller(store: Store) -> None:
    """Each doubling BIND doubles a string: 3 rows of ~1.5 MB each are far under any row cap."""
    binds = " ".join(f"BIND(CONCAT(?v{i}, ?v{i}) AS ?v{i + 1})" for i in range(20))
    text = f"SELECT ?v20 WHERE {{ ?s ?p ?o BIND(STR(?o) AS ?v0) {binds} }}"
    with pytest.raises(InputError, match=r"the result is larger than 1 MB: lower the row cap"):
        run_query(store, text, timeout=30, answer_mb=1)
    assert run_query(store, "ASK { ?s ?p ?o }", timeout=5).boolean


def test_a_second_session_is_served_while_a_runaway_query_runs_to_its_limit(store: Store) -> None:
    numbers = " ".join(str(i) for i in range(100))
    values = " ".join(f"VALUES ?{v} {{ {numbers} }}" for v in "abcd")
    endless = f"SELECT * WHERE {{ {values} FILTER(CONCAT(STR(?a), STR(?b), STR(?c), STR(?d)) = 'never') }}"
    outcome: list[BaseException] = []

    def first_session() -> None:
        try:
            run_query(store, endless, timeout=8)
        except QueryTimeout as err:
            outcome.append(err)

    runaway = threading.Thread(target=first_session)
    runaway.start()
    try:
        time.sleep(0.5)  # the runaway query is under way
        assert run_query(store, "ASK { ?s ?p ?o }", timeout=20).boolean
        assert runaway.is_alive()  # answered while the other query was still running
    finally:
        runaway.join()
    assert len(outcome) == 1 and "time limit" in str(outcome[0])


def test_the_worker_yields_the_cpu_to_the_process_serving_pages(store: Store) -> None:
    result = run_query(store, "ASK { ?s ?p ?o }", timeout=10, present=lambda r: os.nice(0))
    assert result.presented == min(os.nice(0) + 5, 19)
