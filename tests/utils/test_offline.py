"""Tests for graph.utils.offline: the audit hook that keeps a thread off the network."""

from __future__ import annotations

import socket
import threading
import urllib.request

import pytest

from graph.errors import InputError
from graph.utils import offline
from graph.utils.offline import NetworkRefused, network_allowed, no_network


def _listener() -> socket.socket:
    server = socket.socket()
    server.bind(("127.0.0.1", 0))
    server.listen(8)
    return server


def test_no_network_refuses_urllib_before_any_lookup(monkeypatch: pytest.MonkeyPatch) -> None:
    looked_up: list[object] = []
    monkeypatch.setattr(socket, "getaddrinfo", lambda *a, **k: looked_up.append(a) or [])
    with no_network(), pytest.raises(NetworkRefused, match="network access to example.org is not allowed"):
        urllib.request.urlopen("http://example.org/data.ttl", timeout=1)
    with no_network(), pytest.raises(NetworkRefused):
        urllib.request.urlopen("file:///etc/passwd")
    assert looked_up == []


def test_no_network_refuses_sockets_outside_loopback() -> None:
    with no_network():
        with pytest.raises(NetworkRefused, match="192.0.2.1"), socket.socket() as s:
            s.connect(("192.0.2.1", 80))
        with pytest.raises(NetworkRefused, match="example.org"):
            socket.getaddrinfo("example.org", 80)
        with pytest.raises(NetworkRefused), socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as s:
            s.sendto(b"x", ("192.0.2.1", 53))


def test_no_network_lets_loopback_and_allowed_hosts_through() -> None:
    server = _listener()
    port = server.getsockname()[1]
    try:
        with no_network():
            socket.create_connection(("127.0.0.1", port), timeout=2).close()
        with no_network(allow=["store.example.org"]):
            assert offline._allowed("store.example.org")
            assert not offline._allowed("other.example.org")
    finally:
        server.close()


def test_no_network_is_per_thread_and_nests() -> None:
    seen: list[bool] = []
    with no_network():
        thread = threading.Thread(target=lambda: seen.append(network_allowed()))
        thread.start()
        thread.join()
        with no_network():
            assert not network_allowed()
        assert not network_allowed()
    assert network_allowed()
    assert seen == [True]


def test_network_refused_is_an_input_error() -> None:
    assert issubclass(NetworkRefused, InputError)
