"""Running untrusted work with bounds: a worker process with a time and memory limit, and no network.

:func:`run_isolated` calls a function in a forked worker process (which shares
the caller's memory, an in-memory store included, copy on write). The worker
gets an address-space limit and, where the system allows it, a network
namespace of its own with no interfaces up; its answer comes back through a
pipe. When the time limit passes the worker is killed, so the caller is free
again at once. Where ``os.fork`` does not exist the function runs in the
calling process, without the bounds.

Inside the worker the function also runs under :func:`graph.utils.offline.no_network`,
an audit hook that refuses network access even where the worker could not get a network
namespace of its own.

Examples
--------
>>> run_isolated(sum, [1, 2, 3], timeout=5)
6
>>> import time
>>> run_isolated(time.sleep, 5, timeout=0.2)
Traceback (most recent call last):
...
graph.utils.sandbox.TimeLimitExceeded: stopped after 0.2 s (time limit)
"""

from __future__ import annotations

import contextlib
import ctypes
import faulthandler
import os
import pickle
import selectors
import signal
import sys
import threading
import time
import traceback
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from graph.errors import InputError
from graph.utils.offline import no_network

try:
    import resource
except ImportError:  # pragma: no cover - Windows
    resource = None  # type: ignore[assignment]

__all__ = [
    "CAN_FORK",
    "SandboxError",
    "TimeLimitExceeded",
    "MemoryLimitExceeded",
    "AnswerTooLarge",
    "WorkerFailed",
    "WorkerReport",
    "run_isolated",
    "last_report",
]

T = TypeVar("T")

#: True where work can be put in a forked worker process (POSIX).
CAN_FORK = hasattr(os, "fork")

_CLONE_NEWUSER = 0x10000000
_CLONE_NEWNET = 0x40000000
_READ_CHUNK = 1 << 16
_STDERR_KEEP = 4096
_WORKER_RECURSION_LIMIT = 10_000
_MAX_ANSWER_BYTES = 512 * 1024 * 1024


class SandboxError(Exception):
    """The worker did not give an answer."""


class TimeLimitExceeded(SandboxError):
    """The worker ran past its time limit and was killed."""

    def __init__(self, seconds: float) -> None:
        self.seconds = seconds
        super().__init__(f"stopped after {seconds:g} s (time limit)")


class MemoryLimitExceeded(SandboxError):
    """The worker needed more memory than its limit allows."""

    def __init__(self, megabytes: int) -> None:
        self.megabytes = megabytes
        super().__init__(f"stopped: needed more than {megabytes} MB (memory limit)")


class AnswerTooLarge(SandboxError):
    """The worker's answer was larger than the caller takes."""

    def __init__(self, size: int) -> None:
        self.megabytes = max(size >> 20, 1)
        super().__init__(f"the worker's answer is larger than {self.megabytes} MB")


class WorkerFailed(SandboxError):
    """The worker ended without an answer (a crash), or raised an unexpected error.

    ``detail`` holds the worker's traceback or the end of its error output.
    """

    def __init__(self, message: str, detail: str = "") -> None:
        self.detail = detail
        super().__init__(message)


@dataclass(frozen=True)
class WorkerReport:
    """How the last worker run in this thread went (for tests and diagnostics).

    ``isolated`` is True when the worker had a network namespace of its own.
    """

    pid: int
    seconds: float
    isolated: bool
    outcome: str


_state = threading.local()
# Held from fork until the caller has closed its ends of the new worker's pipes, so that no other
# worker forked meanwhile keeps a copy of them open (its caller would then wait for the wrong process).
_fork_lock = threading.Lock()


# --- the worker process ------------------------------------------------------------------------


def _libc() -> Any:
    try:
        return ctypes.CDLL(None, use_errno=True)
    except OSError:  # pragma: no cover - not on Linux
        return None


_LIBC = _libc() if sys.platform.startswith("linux") else None


def _isolate_network() -> bool:
    """Give this (single-threaded) process a network namespace with no interfaces up."""
    if _LIBC is None:
        return False
    for flags in (_CLONE_NEWUSER | _CLONE_NEWNET, _CLONE_NEWNET):
        try:
            if _LIBC.unshare(flags) == 0:
                return True
        except (AttributeError, OSError):  # pragma: no cover - no unshare(2)
            return False
    return False


def _address_space() -> int | None:
    """Bytes of address space this process uses now (Linux), else None."""
    try:
        with open("/proc/self/status", encoding="ascii") as handle:
            for line in handle:
                if line.startswith("VmSize:"):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return None


def _limit_memory(megabytes: int) -> None:
    """Cap the address space at what is in use now plus ``megabytes``."""
    used = _address_space()
    if used is None or resource is None:
        return
    limit = used + megabytes * 1024 * 1024
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)
        view = view[written:]


def _child(result_fd: int, err_fd: int, fn: Callable[..., Any], args: tuple, kwargs: dict,
           memory_mb: int | None, isolate: bool, allow: tuple[str, ...], nice: int = 0) -> None:  # fmt: skip
    """Body of the worker: bounds, then ``fn``, then the answer down the pipe. Never returns."""
    global _fork_lock
    _fork_lock = threading.Lock()  # the copy inherited from the caller is held
    status = 0
    try:
        os.dup2(err_fd, 2)
        faulthandler.enable(file=2)  # a crash report goes to the caller, not to the caller's terminal
        for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGPIPE):
            signal.signal(sig, signal.SIG_DFL)
        isolated = _isolate_network() if isolate else False
        if memory_mb is not None:
            _limit_memory(memory_mb)
        if nice > 0:
            with contextlib.suppress(OSError, AttributeError):
                os.nice(nice)  # the caller (a server answering others) goes first for the CPU
        sys.setrecursionlimit(max(sys.getrecursionlimit(), _WORKER_RECURSION_LIMIT))
        try:
            with no_network(allow):
                value = fn(*args, **kwargs)
            answer: tuple = ("ok", isolated, value)
        except InputError as err:
            answer = ("input", isolated, (type(err).__name__, err.problem, err.file, err.line))
        except MemoryError:
            answer = ("memory", isolated, None)
        except RecursionError:
            answer = ("recursion", isolated, None)
        except BaseException as err:  # noqa: BLE001 - everything goes back to the caller
            answer = ("error", isolated, (type(err).__name__, str(err), traceback.format_exc()))
        try:
            payload = pickle.dumps(answer, protocol=pickle.HIGHEST_PROTOCOL)
        except MemoryError:
            payload = pickle.dumps(("memory", isolated, None))
        except Exception as err:  # noqa: BLE001 - an answer that cannot be sent
            payload = pickle.dumps(("error", isolated, (type(err).__name__, str(err), "")))
        _write_all(result_fd, payload)
    except BaseException:  # noqa: BLE001 - the worker must never return into the caller's code
        status = 70
    finally:
        os._exit(status)


def _read_until_done(
    pid: int, result_fd: int, err_fd: int, deadline: float | None, most: int = _MAX_ANSWER_BYTES
) -> tuple[bytes, bytes, bool]:
    """Read both pipes until the worker closes them; (answer, start of its error output, timed out).

    An answer of more than ``most`` bytes stops the reading (the caller kills the worker).
    """
    chunks: list[bytes] = []
    err_head = b""
    size = 0
    with selectors.DefaultSelector() as selector:  # not select(): descriptors may be numbered above 1024
        selector.register(result_fd, selectors.EVENT_READ)
        selector.register(err_fd, selectors.EVENT_READ)
        while selector.get_map():
            wait = None if deadline is None else deadline - time.monotonic()
            if wait is not None and wait <= 0:
                return b"".join(chunks), err_head, True
            for key, _ in selector.select(wait):
                fd = key.fd
                data = os.read(fd, _READ_CHUNK)
                if not data:
                    selector.unregister(fd)
                elif fd == result_fd:
                    chunks.append(data)
                    size += len(data)
                    if size > most:
                        raise AnswerTooLarge(most)
                else:
                    err_head = (err_head + data)[:_STDERR_KEEP]
    return b"".join(chunks), err_head, False


def run_isolated(
    fn: Callable[..., T],
    /,
    *args: Any,
    timeout: float | None = None,
    memory_mb: int | None = None,
    isolate_network: bool = True,
    allow: Iterable[str] = (),
    answer_mb: int | None = None,
    nice: int = 0,
    **kwargs: Any,
) -> T:
    """Call ``fn(*args, **kwargs)`` in a worker process with a time and memory limit.

    Parameters
    ----------
    fn, args, kwargs
        What to call; the return value must be picklable.
    timeout
        Seconds before the worker is killed (None: no limit).
    memory_mb
        Address space the worker may add to what the caller already uses (None: no limit).
    isolate_network
        Give the worker a network namespace with no interfaces, where the system allows it.
        The audit hook of :func:`graph.utils.offline.no_network` is active in the worker either way.
    allow
        Hosts the worker's audit hook lets through (see :func:`graph.utils.offline.no_network`).
    answer_mb
        The largest answer taken back from the worker, pickled (None: 512 MB); a larger one
        raises :class:`AnswerTooLarge` and the worker is killed.
    nice
        How much lower than the caller's the worker's CPU priority is (0: the same).

    Returns
    -------
    The value ``fn`` returned.

    Raises
    ------
    InputError
        Raised again as it came from ``fn`` (same class name, problem, file and line).
    TimeLimitExceeded, MemoryLimitExceeded, AnswerTooLarge, WorkerFailed
        When the worker gave no answer (or one too large to take).

    Examples
    --------
    >>> run_isolated(divmod, 7, 2, timeout=5, memory_mb=256)
    (3, 1)
    """
    if not CAN_FORK:  # pragma: no cover - Windows
        with no_network(allow):
            return fn(*args, **kwargs)
    allow = tuple(allow)
    with _fork_lock:
        result_r, result_w = os.pipe()
        err_r, err_w = os.pipe()
        started = time.monotonic()
        try:
            pid = os.fork()
        except OSError as err:
            for fd in (result_r, result_w, err_r, err_w):
                os.close(fd)
            raise WorkerFailed(f"could not start a worker process ({err.strerror or err})") from None
        if pid == 0:  # pragma: no cover - runs in the worker
            os.close(result_r)
            os.close(err_r)
            _child(result_w, err_w, fn, args, kwargs, memory_mb, isolate_network, allow, nice)
        os.close(result_w)
        os.close(err_w)
    deadline = None if timeout is None else started + timeout
    finished = False
    try:
        most = _MAX_ANSWER_BYTES if answer_mb is None else max(answer_mb, 1) << 20
        payload, err_head, timed_out = _read_until_done(pid, result_r, err_r, deadline, most)
        finished = True
    finally:
        os.close(result_r)
        os.close(err_r)
        if not finished:
            _kill(pid)
    if timed_out:
        _kill(pid)
        _report(pid, started, False, "timeout")
        raise TimeLimitExceeded(timeout if timeout is not None else 0.0)
    _, status = os.waitpid(pid, 0)
    return _answer(pid, started, payload, err_head, status, memory_mb)


def _kill(pid: int) -> None:
    with contextlib.suppress(ProcessLookupError):
        os.kill(pid, signal.SIGKILL)
    with contextlib.suppress(ChildProcessError):
        os.waitpid(pid, 0)


def _report(pid: int, started: float, isolated: bool, outcome: str) -> None:
    _state.last = WorkerReport(pid, time.monotonic() - started, isolated, outcome)


def last_report() -> WorkerReport | None:
    """How the last worker run from this thread went, or None."""
    return getattr(_state, "last", None)


def _answer(pid: int, started: float, payload: bytes, err_head: bytes, status: int, memory_mb: int | None) -> Any:
    """The worker's answer, or the right exception for how it ended."""
    stderr = err_head.decode("utf-8", "replace").strip()
    if not payload:
        _report(pid, started, False, "crash")
        aborted = os.WIFSIGNALED(status) and os.WTERMSIG(status) == signal.SIGABRT
        out_of_memory = aborted or any(s in stderr for s in ("memory allocation", "MemoryError", "out of memory"))
        if memory_mb is not None and out_of_memory:
            raise MemoryLimitExceeded(memory_mb)
        how = (
            f"signal {signal.Signals(os.WTERMSIG(status)).name}"
            if os.WIFSIGNALED(status)
            else f"exit status {os.WEXITSTATUS(status)}"
        )
        raise WorkerFailed(f"the worker process ended without an answer ({how})", stderr)
    kind, isolated, value = pickle.loads(payload)
    _report(pid, started, isolated, kind)
    if kind == "ok":
        return value
    if kind == "input":
        name, problem, file, line = value
        raise _input_error(name, problem, file, line)
    if kind == "memory":
        raise MemoryLimitExceeded(memory_mb or 0)
    if kind == "recursion":
        raise WorkerFailed("the input is nested too deeply (recursion limit)")
    name, message, trace = value
    raise WorkerFailed(f"{name}: {message}", trace)


def _input_error(name: str, problem: str, file: str, line: int) -> InputError:
    """An :class:`InputError` (or the subclass of that name, when it is one) rebuilt from its parts."""
    classes = {c.__name__: c for c in _subclasses(InputError)}
    cls = classes.get(name, InputError)
    err = InputError.__new__(cls)
    InputError.__init__(err, problem, file=file, line=line)
    return err


def _subclasses(cls: type) -> list[type]:
    found = [cls]
    for sub in cls.__subclasses__():
        found += _subclasses(sub)
    return found
