"""The SPARQL 1.1 Protocol's parts that need no connection, for :class:`graph.rdf.remote.RemoteStore`.

Endpoint URLs and the credentials in them, the Graph Store URL beside an Oxigraph
``/query``, media types to RDF formats, which quads hold blank nodes (those must go in one
request), ``INSERT DATA`` text in batches of bounded size, and the one line of a server's
error page worth showing. Everything here serves :mod:`graph.rdf.remote` alone, hence the
leading underscores.

Examples
--------
>>> _split_credentials("https://u:p@db.example.org/sparql")
('https://db.example.org/sparql', 'Basic dTpw')
>>> _rdf_format("application/n-triples", "<answer>").name
'N-Triples'
>>> a, b = ox.NamedNode("http://e.org/a"), ox.NamedNode("http://e.org/b")
>>> [len(batch) for batch in _batches([ox.Quad(a, b, ox.Literal(str(i))) for i in range(5)], 100)]
[2, 2, 1]
"""

from __future__ import annotations

import base64
from collections.abc import Iterator
from urllib.parse import urlsplit, urlunsplit

import pyoxigraph as ox

from graph.errors import InputError

__all__: list[str] = []


def _split_credentials(url: str) -> tuple[str, str | None]:
    """The URL without ``user:password@``, and the Basic authorization header for them.

    >>> _split_credentials("https://u:p@db.example.org/sparql")
    ('https://db.example.org/sparql', 'Basic dTpw')
    >>> _split_credentials("http://127.0.0.1:7878/query")
    ('http://127.0.0.1:7878/query', None)
    """
    parts = urlsplit(url.strip())
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise InputError("not an http(s) URL of a SPARQL endpoint", file=url)
    if parts.username is None:
        return urlunsplit(parts), None
    netloc = parts.hostname + (f":{parts.port}" if parts.port else "")
    token = base64.b64encode(f"{parts.username}:{parts.password or ''}".encode()).decode()
    return urlunsplit(parts._replace(netloc=netloc)), f"Basic {token}"


def _oxigraph_store_url(endpoint: str) -> str | None:
    """Oxigraph serves the Graph Store Protocol at ``/store`` beside ``/query``.

    >>> _oxigraph_store_url("http://localhost:7878/query"), _oxigraph_store_url("https://n:8182/sparql")
    ('http://localhost:7878/store', None)
    """
    parts = urlsplit(endpoint)
    if not parts.path.endswith("/query") or parts.query:
        return None
    return urlunsplit(parts._replace(path=parts.path[: -len("query")] + "store"))


def _iris(value: object) -> list[str]:
    if value is None:
        return []
    values = value if isinstance(value, list | tuple) else [value]
    return [v.value if isinstance(v, ox.NamedNode) else str(v) for v in values]


def _rdf_format(media: str, where: str) -> ox.RdfFormat:
    rdf = ox.RdfFormat.from_media_type(media) if media else None
    if rdf is None:
        raise InputError(f"the endpoint answered with an unknown media type {media or '(none)'!r}", file=where)
    return rdf


def _ground(statement: ox.Quad | ox.Triple) -> bool:
    """True when no term of the quad or triple is a blank node."""
    terms = [statement.subject, statement.object]
    if isinstance(statement, ox.Quad):
        terms.append(statement.graph_name)
    return not any(isinstance(t, ox.BlankNode) for t in terms)


def _batches(quads: list[ox.Quad], limit: int) -> Iterator[list[ox.Quad]]:
    """Consecutive runs of quads whose N-Quads text stays under ``limit`` bytes (at least one quad each)."""
    batch: list[ox.Quad] = []
    size = 0
    for quad in quads:
        length = len(str(quad)) + 3
        if batch and size + length > limit:
            yield batch
            batch, size = [], 0
        batch.append(quad)
        size += length
    if batch:
        yield batch


def _insert_data(quads: list[ox.Quad]) -> str:
    """``INSERT DATA`` with the quads, grouped by graph.

    >>> q = ox.Quad(ox.NamedNode("http://e.org/a"), ox.NamedNode("http://e.org/b"), ox.Literal("c"))
    >>> print(_insert_data([q]))
    INSERT DATA {
    <http://e.org/a> <http://e.org/b> "c" .
    }
    """
    default: list[str] = []
    named: dict[str, list[str]] = {}
    for q in quads:
        line = f"{q.subject} {q.predicate} {q.object} .\n"
        if isinstance(q.graph_name, ox.DefaultGraph):
            default.append(line)
        else:
            named.setdefault(str(q.graph_name), []).append(line)
    parts = ["INSERT DATA {\n", *default]
    for graph, lines in named.items():
        parts += [f"GRAPH {graph} {{\n", *lines, "}\n"]
    parts.append("}")
    return "".join(parts)


def _first_line(body: bytes) -> str:
    """The first non-empty line of an error body, shortened.

    >>> _first_line(b"\\n  error at 2:5: expected ...\\n more")
    'error at 2:5: expected ...'
    """
    text = body.decode("utf-8", "replace")
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    return line[:300]
