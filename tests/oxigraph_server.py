"""A real Oxigraph SPARQL server for tests: ``oxigraph serve --location DIR --bind 127.0.0.1:PORT``.

Use it from a test module with ``pytest_plugins = ["tests.oxigraph_server"]`` (or import the
fixtures). :func:`oxigraph_server` starts one server per test session on a free port, waits until
it answers, and stops it at the end; :func:`remote_store` gives each test an empty
:class:`graph.rdf.remote.RemoteStore` on it. Tests are skipped when the ``oxigraph`` program (the
``oxigraph`` package on PyPI, in ``requirements-dev.txt``) is not installed.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

__all__ = [
    "OxigraphServer",
    "oxigraph_program",
    "start_server",
    "stop_server",
    "oxigraph_server",
    "oxigraph_factory",
    "remote_store",
]

#: Seconds to wait for a server to answer after starting it.
START_TIMEOUT = 30.0


@dataclass(frozen=True)
class OxigraphServer:
    """A running server: its base URL, data folder and process."""

    url: str
    location: Path
    process: subprocess.Popen

    @property
    def query_endpoint(self) -> str:
        return f"{self.url}/query"

    @property
    def update_endpoint(self) -> str:
        return f"{self.url}/update"

    @property
    def store_endpoint(self) -> str:
        return f"{self.url}/store"

    def stop(self) -> None:
        """Stop the server (see :func:`stop_server`)."""
        stop_server(self)


def oxigraph_program() -> str | None:
    """The ``oxigraph`` program beside this Python, or on the PATH."""
    beside = Path(sys.executable).parent / "oxigraph"
    return str(beside) if beside.is_file() else shutil.which("oxigraph")


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _answers(url: str) -> bool:
    request = urllib.request.Request(
        f"{url}/query", data=b"ASK {}", headers={"Content-Type": "application/sparql-query"}, method="POST"
    )
    try:
        with urllib.request.urlopen(request, timeout=2) as response:
            return response.status == 200
    except (urllib.error.URLError, OSError):
        return False


def start_server(location: Path, *, union_default_graph: bool = False) -> OxigraphServer:
    """Start ``oxigraph serve`` on a free local port and wait until it answers a query."""
    program = oxigraph_program()
    if program is None:
        pytest.skip("the oxigraph program is not installed (pip install oxigraph)")
    port = _free_port()
    command = [program, "serve", "--location", str(location), "--bind", f"127.0.0.1:{port}"]
    if union_default_graph:
        command.append("--union-default-graph")
    log = open(location.parent / f"{location.name}.log", "wb")  # noqa: SIM115 - closed with the process
    process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    log.close()
    server = OxigraphServer(f"http://127.0.0.1:{port}", location, process)
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            output = (location.parent / f"{location.name}.log").read_text(errors="replace")
            raise RuntimeError(f"oxigraph serve exited with status {process.returncode}: {output[-2000:]}")
        if _answers(server.url):
            return server
        time.sleep(0.1)
    stop_server(server)
    raise RuntimeError(f"oxigraph serve did not answer within {START_TIMEOUT:g} s")


def stop_server(server: OxigraphServer) -> None:
    """Stop the server's process (terminate, then kill if it lingers)."""
    if server.process.poll() is None:
        server.process.terminate()
        try:
            server.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.process.kill()
            server.process.wait(timeout=10)


@pytest.fixture(scope="session")
def oxigraph_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphServer]:
    """One Oxigraph server for the test session, on a free port of 127.0.0.1."""
    server = start_server(tmp_path_factory.mktemp("oxigraph") / "data")
    try:
        yield server
    finally:
        stop_server(server)


@pytest.fixture
def oxigraph_factory(tmp_path: Path) -> Iterator[Callable[..., OxigraphServer]]:
    """Start more servers in a test: ``oxigraph_factory(union_default_graph=True)``; all stop at teardown."""
    started: list[OxigraphServer] = []

    def start(*, union_default_graph: bool = False) -> OxigraphServer:
        server = start_server(tmp_path / f"oxigraph-{len(started)}", union_default_graph=union_default_graph)
        started.append(server)
        return server

    try:
        yield start
    finally:
        for server in started:
            stop_server(server)


@pytest.fixture
def remote_store(oxigraph_server: OxigraphServer):
    """A :class:`graph.rdf.remote.RemoteStore` on the session's server, emptied before the test."""
    from graph.rdf.remote import RemoteStore

    store = RemoteStore(oxigraph_server.query_endpoint, oxigraph_server.update_endpoint)
    store.clear()
    return store
