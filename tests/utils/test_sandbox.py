"""Tests for graph.utils.sandbox: the bounded worker process (its audit hook: test_offline.py)."""

from __future__ import annotations

import contextlib
import os
import signal
import socket
import threading
import time

import pytest

from graph.query.guard import QueryRefused
from graph.utils import sandbox
from graph.utils.sandbox import (
    MemoryLimitExceeded,
    TimeLimitExceeded,
    WorkerFailed,
    last_report,
    run_isolated,
)

pytestmark = pytest.mark.skipif(not sandbox.CAN_FORK, reason="the worker process needs os.fork")


def _gone(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return True
    return False


def test_worker_returns_the_value() -> None:
    assert run_isolated(sorted, [3, 1, 2], timeout=10, memory_mb=256) == [1, 2, 3]
    report = last_report()
    assert report is not None and report.outcome == "ok" and report.pid != os.getpid()


def test_worker_changes_do_not_reach_the_caller() -> None:
    box = [1]

    def change() -> int:
        box.append(2)
        return len(box)

    assert run_isolated(change, timeout=10) == 2
    assert box == [1]


def test_input_errors_come_back_with_class_file_and_line() -> None:
    def refuse() -> None:
        raise QueryRefused("SERVICE is not allowed", file="q.rq", line=3)

    with pytest.raises(QueryRefused) as caught:
        run_isolated(refuse, timeout=10)
    assert (caught.value.problem, caught.value.file, caught.value.line) == ("SERVICE is not allowed", "q.rq", 3)


def test_other_errors_come_back_as_worker_failed_with_the_traceback() -> None:
    def broken() -> None:
        {}["missing"]

    with pytest.raises(WorkerFailed, match="KeyError: 'missing'") as caught:
        run_isolated(broken, timeout=10)
    assert "broken" in caught.value.detail


def test_time_limit_kills_the_worker_and_frees_the_caller() -> None:
    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded, match=r"stopped after 0\.5 s \(time limit\)"):
        run_isolated(time.sleep, 60, timeout=0.5)
    assert time.monotonic() - started < 2
    report = last_report()
    assert report is not None and report.outcome == "timeout" and _gone(report.pid)
    assert run_isolated(abs, -1, timeout=5) == 1


def test_busy_worker_is_killed_too() -> None:
    def spin() -> None:
        while True:
            pass

    started = time.monotonic()
    with pytest.raises(TimeLimitExceeded):
        run_isolated(spin, timeout=0.5)
    assert time.monotonic() - started < 2


def test_memory_limit_stops_a_greedy_worker() -> None:
    def greedy() -> int:
        return len(bytearray(800 * 1024 * 1024))

    with pytest.raises(MemoryLimitExceeded, match="needed more than 100 MB"):
        run_isolated(greedy, timeout=20, memory_mb=100)


def test_a_crash_is_reported_not_raised_as_itself() -> None:
    def crash() -> None:
        os.kill(os.getpid(), signal.SIGSEGV)

    with pytest.raises(WorkerFailed, match="SIGSEGV") as caught:
        run_isolated(crash, timeout=10)
    assert "Segmentation fault" in caught.value.detail


def test_slow_worker_does_not_hold_up_a_quick_one_in_another_thread() -> None:
    """Each worker must not inherit the other's pipe: the quick caller would wait for the slow worker."""
    results: dict[str, float] = {}

    def call(key: str, seconds: float) -> None:
        started = time.monotonic()
        with contextlib.suppress(TimeLimitExceeded):
            run_isolated(time.sleep, seconds, timeout=3)
        results[key] = time.monotonic() - started

    threads = [threading.Thread(target=call, args=("slow", 30))]
    threads += [threading.Thread(target=call, args=(f"quick{i}", 0)) for i in range(8)]
    threads[0].start()
    time.sleep(0.2)
    for t in threads[1:]:
        t.start()
    for t in threads:
        t.join()
    assert results["slow"] >= 3
    assert max(v for k, v in results.items() if k != "slow") < 2


def _listener() -> socket.socket:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    return server


def test_worker_has_no_network_where_the_system_allows_it() -> None:
    server = _listener()

    def reach(port: int) -> str:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        except OSError as err:
            return type(err).__name__
        return "connected"

    try:
        outcome = run_isolated(reach, server.getsockname()[1], timeout=10)
    finally:
        server.close()
    report = last_report()
    assert report is not None
    if not report.isolated:
        pytest.skip("this system gives no network namespace to unprivileged processes")
    assert outcome != "connected"


def test_worker_pipes_numbered_above_1024_work() -> None:
    """A long-running server holds many descriptors; select() would fail above FD_SETSIZE."""
    resource = pytest.importorskip("resource")
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if max(soft, hard if hard != resource.RLIM_INFINITY else 4096) < 1200:
        pytest.skip("cannot open 1200 descriptors here")
    if soft < 1200:
        resource.setrlimit(resource.RLIMIT_NOFILE, (1200, hard))
    held: list[int] = []
    try:
        with open(os.devnull) as null:
            while not held or held[-1] < 1100:
                held.append(os.dup(null.fileno()))
        assert run_isolated(max, 3, 9, timeout=10) == 9
    finally:
        for fd in held:
            os.close(fd)
        resource.setrlimit(resource.RLIMIT_NOFILE, (soft, hard))
