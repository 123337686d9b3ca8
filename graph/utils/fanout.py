"""One function over many items, spread over the machine's cores, answers in the items' order.

:func:`map_ordered` hands the items to forked worker processes (one per core,
at most one per item) and yields each answer as soon as it and all answers
before it are in, so the caller can use the first answers while later ones are
still being computed. A bad-input error raised for an item (:class:`InputError`)
is raised again here with its file and line. With one core, one item, or no
``fork`` (Windows), everything runs in this process, giving the same answers.

Examples
--------
>>> list(map_ordered(len, ["a", "bb", "ccc"]))
[1, 2, 3]
>>> list(map_ordered(abs, [-1, 2], workers=1))
[1, 2]
"""

from __future__ import annotations

import multiprocessing
import os
from collections.abc import Callable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import TypeVar

from graph.errors import InputError

__all__ = ["available_cores", "map_ordered"]

T = TypeVar("T")
R = TypeVar("R")


def available_cores() -> int:
    """How many cores this process may run on (at least 1).

    >>> available_cores() >= 1
    True
    """
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def _guarded(fn: Callable[[T], R], item: T) -> tuple[bool, R | tuple[str, str, int]]:
    """``fn(item)``, or the parts of the :class:`InputError` it raised (exceptions with keywords do not pickle)."""
    try:
        return True, fn(item)
    except InputError as err:
        return False, (err.problem, err.file, err.line)


def _unwrap(answer: tuple[bool, object]) -> object:
    ok, value = answer
    if not ok:
        problem, file, line = value  # type: ignore[misc]
        raise InputError(problem, file=file, line=line)
    return value


def map_ordered(fn: Callable[[T], R], items: Sequence[T], *, workers: int | None = None) -> Iterator[R]:
    """``fn(item)`` for each item, in order, computed by up to ``workers`` processes (default: one per core).

    ``fn`` must be a module-level function (workers find it by name). The first
    :class:`InputError` in item order stops the run and is raised here.
    """
    count = min(workers or available_cores(), len(items))
    if count <= 1 or not hasattr(os, "fork"):
        yield from (fn(item) for item in items)
        return
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=count, mp_context=context) as pool:
        futures = [pool.submit(_guarded, fn, item) for item in items]
        try:
            for future in futures:
                yield _unwrap(future.result())  # type: ignore[misc]
        finally:
            for future in futures:
                future.cancel()
