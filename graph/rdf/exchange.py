"""One careful HTTP exchange with a server the user named: a total deadline, a size cap, same-origin redirects.

:func:`request` sends one request over ``http.client`` and returns the answer's body and media
type. A timer shuts the connection down at the deadline, however slowly the server sends;
the answer is read in chunks up to a cap; redirects are followed only within the same origin
(scheme, host and port), so credentials never go anywhere else; a server's error text comes back
as one plain line. Every failure is an :class:`~graph.errors.InputError` naming the URL.
:class:`graph.rdf.remote.RemoteStore` sends every request through it.
"""

from __future__ import annotations

import contextlib
import http.client
import re
import socket
import ssl
import threading
import time
from urllib.parse import urljoin, urlsplit, urlunsplit

from graph.errors import InputError
from graph.rdf.protocol import _first_line, _origin

__all__ = ["FORM", "request"]

#: Queries and updates go as URL-encoded forms: the one way every SPARQL 1.1 server documents.
FORM = "application/x-www-form-urlencoded"
_POSITION = re.compile(r"\b(error at |line )(\d+)")
_REDIRECTS = (301, 302, 303, 307, 308)
_MAX_REDIRECTS = 5
_CHUNK = 1 << 16


def request(
    url: str,
    data: bytes | None,
    *,
    accept: str,
    content_type: str | None = None,
    method: str = "POST",
    shift_lines: int = 0,
    credentials: dict[tuple[str, str, int], str] | None = None,
    timeout: float,
    max_bytes: int,
) -> tuple[bytes, str]:
    """One HTTP request; (body, media type). Every failure is an InputError naming the URL.

    Parameters
    ----------
    url, data
        Where to send, and the body (None for none).
    accept, content_type, method
        The request's headers and method.
    shift_lines
        Lines the sender added before the text it was given: a line number in the server's
        error message is moved back by that many.
    credentials
        ``Authorization`` header values by origin (scheme, host, port); sent to that origin only.
    timeout
        Seconds the whole exchange, redirects included, may take.
    max_bytes
        The largest answer read; redirects are followed only to the same origin.

    Examples
    --------
    >>> request("http://127.0.0.1:9/q", None, accept="*/*", method="GET", timeout=5, max_bytes=10)
    Traceback (most recent call last):
    ...
    graph.errors.InputError: http://127.0.0.1:9/q:0: cannot reach the SPARQL endpoint (Connection refused)
    """
    headers = {"Accept": accept, "User-Agent": "cloudatlas"}
    if content_type:
        headers["Content-Type"] = content_type if content_type == FORM else content_type + "; charset=utf-8"
    auth = (credentials or {}).get(_origin(url))
    if auth:
        headers["Authorization"] = auth
    where = url.split("?", 1)[0]
    deadline = time.monotonic() + timeout
    origin = _origin(url)
    for _ in range(_MAX_REDIRECTS + 1):
        status, reason, location, media, body = _exchange(
            url, method, data, headers, deadline, where, timeout, max_bytes
        )
        if status in _REDIRECTS and location is not None:
            try:
                target = urljoin(url, location.strip())
                target_origin = _origin(target)
            except ValueError:
                raise InputError(f"HTTP {status}: redirected to a malformed URL, not followed", file=where) from None
            if target_origin != origin:
                scheme, host, port = target_origin
                shown = f"{scheme}://{'[' + host + ']' if ':' in host else host}:{port}"
                problem = f"HTTP {status}: redirected to another origin ({shown}), not followed"
                raise InputError(problem, file=where)
            if status == 303 or (status in (301, 302) and method == "POST"):
                method = "HEAD" if method == "HEAD" else "GET"
                data = None
                headers.pop("Content-Type", None)
            parts = urlsplit(target)
            url = urlunsplit(parts._replace(netloc=parts.netloc.rpartition("@")[2], fragment=""))
            continue
        if status >= 300:
            message = _first_line(body)
            if shift_lines:
                message = _POSITION.sub(lambda m: f"{m.group(1)}{max(int(m.group(2)) - shift_lines, 1)}", message)
            reason_line = _first_line(reason.encode(), 60)
            problem = f"HTTP {status} {reason_line}".rstrip() + (f": {message}" if message else "")
            raise InputError(problem, file=where)
        return body, media
    raise InputError(f"more than {_MAX_REDIRECTS} redirects, not followed", file=where)


def _exchange(
    url: str,
    method: str,
    data: bytes | None,
    headers: dict[str, str],
    deadline: float,
    where: str,
    timeout: float,
    max_bytes: int,
) -> tuple[int, str, str | None, str, bytes]:
    """Send one request on a new connection; (status, reason, Location, media type, body).

    A timer shuts the connection down at ``deadline``, however slowly the server sends.
    The body is read only for a success (up to ``max_bytes``) or an error (its first 2000 bytes).
    """
    late = f"no complete answer within {timeout:g} s"
    remaining = deadline - time.monotonic()
    if remaining <= 0:
        raise InputError(late, file=where)
    parts = urlsplit(url)
    if parts.scheme == "https":
        connection: http.client.HTTPConnection = http.client.HTTPSConnection(
            parts.hostname or "", parts.port, timeout=remaining, context=ssl.create_default_context()
        )
    else:
        connection = http.client.HTTPConnection(parts.hostname or "", parts.port, timeout=remaining)
    expired = threading.Event()
    opened: list[socket.socket] = []  # the connection forgets its socket once the answer is under way
    answers: list[http.client.HTTPResponse] = []

    def cut_off() -> None:
        expired.set()
        sock = opened[0] if opened else connection.sock
        if sock is not None:
            with contextlib.suppress(OSError):
                sock.shutdown(socket.SHUT_RDWR)

    timer = threading.Timer(remaining, cut_off)
    timer.daemon = True
    timer.start()
    target = urlunsplit(("", "", parts.path or "/", parts.query, ""))
    try:
        connection.connect()
        if connection.sock is not None:
            opened.append(connection.sock)
        if expired.is_set():
            raise InputError(late, file=where)
        connection.request(method, target, body=data, headers=headers)
        response = connection.getresponse()
        answers.append(response)
        status = response.status
        media = (response.getheader("Content-Type") or "").split(";")[0].strip().lower()
        if status in _REDIRECTS:
            body = b""
        elif status >= 300:
            body = _read_capped(response, where, max_bytes, limit=2000) if method != "HEAD" else b""
        else:
            body = _read_capped(response, where, max_bytes)
        if expired.is_set():
            raise InputError(late, file=where)
        return status, response.reason or "", response.getheader("Location"), media, body
    except InputError:
        raise
    except Exception as err:
        if expired.is_set() or isinstance(err, TimeoutError):
            raise InputError(late, file=where) from None
        if isinstance(err, ssl.SSLError | ssl.CertificateError):
            text = f"TLS: {err.reason or err}" if isinstance(err, ssl.SSLError) else f"TLS: {err}"
        elif isinstance(err, OSError):
            text = err.strerror or str(err) or type(err).__name__
        elif isinstance(err, http.client.HTTPException):
            text = f"not an HTTP answer: {type(err).__name__}"
        else:
            raise
        raise InputError(f"cannot reach the SPARQL endpoint ({_first_line(text.encode(), 120)})", file=where) from None
    finally:
        timer.cancel()
        for answer in answers:
            answer.close()
        connection.close()


def _read_capped(response: http.client.HTTPResponse, where: str, max_bytes: int, *, limit: int | None = None) -> bytes:
    """The whole body in chunks, stopping with an error past ``max_bytes`` (or only its first ``limit`` bytes)."""
    if limit is not None:
        head = b""
        while len(head) < limit and (chunk := response.read1(limit - len(head))):
            head += chunk
        return head
    too_big = f"the answer is larger than the cap of {max_bytes:,} bytes; stopped reading it"
    declared = response.getheader("Content-Length")
    if declared and declared.strip().isdigit() and int(declared) > max_bytes:
        raise InputError(too_big, file=where)
    chunks: list[bytes] = []
    size = 0
    while chunk := response.read1(_CHUNK):
        size += len(chunk)
        if size > max_bytes:
            raise InputError(too_big, file=where)
        chunks.append(chunk)
    return b"".join(chunks)
