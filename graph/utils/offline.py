"""Code that must stay offline: an audit hook that refuses network access from one thread.

:func:`no_network` is the second line of defence (the first is the worker process of
:func:`graph.utils.sandbox.run_isolated`, with no network of its own), for code that parses or
queries user input in this process: while it is active (per thread), an audit hook refuses
``urllib`` requests, socket connections and name lookups for anything but the loopback
interface and the hosts it is told to allow.

Examples
--------
>>> import urllib.request
>>> with no_network():
...     urllib.request.urlopen("http://example.org/")
Traceback (most recent call last):
...
graph.utils.offline.NetworkRefused: network access to example.org is not allowed here
"""

from __future__ import annotations

import contextlib
import ipaddress
import sys
import threading
from collections.abc import Iterable, Iterator
from typing import Any
from urllib.parse import urlsplit

from graph.errors import InputError

__all__ = ["NetworkRefused", "no_network", "network_allowed", "install_audit_hook"]


class NetworkRefused(InputError):
    """Network access was attempted while :func:`no_network` was active."""

    def __init__(self, target: str) -> None:
        self.target = target
        super().__init__(f"network access to {target} is not allowed here", file="<network>")

    def __str__(self) -> str:
        return self.problem


_state = threading.local()
_hook_lock = threading.Lock()
_hook_installed = False


def _is_loopback(host: object) -> bool:
    """True for loopback addresses and ``localhost``.

    >>> _is_loopback("127.0.0.1"), _is_loopback("::1"), _is_loopback("localhost"), _is_loopback("10.0.0.1")
    (True, True, True, False)
    """
    if isinstance(host, bytes):
        host = host.decode("ascii", "replace")
    if not isinstance(host, str):
        return False
    host = host.strip("[]").rstrip(".").lower()
    if host == "localhost" or host.endswith(".localhost"):
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _allowed(host: object, port: object = None) -> bool:
    if _is_loopback(host):
        return True
    allow = getattr(_state, "allow", ())
    return isinstance(host, str) and (host.lower() in allow or f"{host.lower()}:{port}" in allow)


def _audit(event: str, args: tuple[Any, ...]) -> None:
    """Refuse network access from the thread while :func:`no_network` is active."""
    if not getattr(_state, "depth", 0):
        return
    if event == "urllib.Request":
        parts = urlsplit(str(args[0]))
        if parts.scheme not in ("http", "https") or not _allowed(parts.hostname, parts.port):
            raise NetworkRefused(parts.hostname or str(args[0])[:80])
    elif event in ("socket.connect", "socket.sendto", "socket.bind"):
        address = args[1]
        if isinstance(address, tuple) and address and not _allowed(*address[:2]):
            raise NetworkRefused(str(address[0]))
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"):
        if args and args[0] is not None and not _allowed(args[0]):
            raise NetworkRefused(str(args[0]))
    elif event == "http.client.connect" and not _allowed(args[1], args[2]):
        raise NetworkRefused(str(args[1]))


def install_audit_hook() -> None:
    """Install the audit hook behind :func:`no_network` (once per process; later calls do nothing)."""
    global _hook_installed
    with _hook_lock:
        if not _hook_installed:
            sys.addaudithook(_audit)
            _hook_installed = True


@contextlib.contextmanager
def no_network(allow: Iterable[str] = ()) -> Iterator[None]:
    """Refuse network access from this thread inside the block (loopback and ``allow`` excepted).

    ``allow`` names hosts (``"db.example.org"``) or ``host:port`` pairs that stay
    reachable, such as a configured remote store. Blocks nest.

    >>> with no_network():
    ...     network_allowed()
    False
    >>> network_allowed()
    True
    """
    install_audit_hook()
    before = (getattr(_state, "depth", 0), getattr(_state, "allow", ()))
    _state.depth = before[0] + 1
    _state.allow = tuple(before[1]) + tuple(a.lower() for a in allow)
    try:
        yield
    finally:
        _state.depth, _state.allow = before


def network_allowed() -> bool:
    """False while :func:`no_network` is active in this thread."""
    return not getattr(_state, "depth", 0)
