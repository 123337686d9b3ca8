"""The SPARQL 1.1 Protocol's parts that need no connection, for :class:`graph.rdf.remote.RemoteStore`.

Endpoint URLs and the credentials in them, the Graph Store URL beside an Oxigraph
``/query``, media types to RDF formats, which quads hold blank nodes (those must go in one
request), ``INSERT DATA`` text in batches of bounded size, the one line of a server's error
page worth showing, and a query's answer read as the embedded store gives it. Everything here
serves :mod:`graph.rdf.remote` alone, hence the leading underscores.

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
import re
from collections.abc import Iterator
from urllib.parse import unquote, urlsplit, urlunsplit

import pyoxigraph as ox

from graph.errors import InputError
from graph.rdf.store import BASE_IRI

__all__: list[str] = []


def _mask(url: str) -> str:
    """The URL with the password in its ``user:password@`` part replaced by ``***`` (also for a malformed URL).

    >>> _mask("https://u:p@db.example.org/sparql"), _mask("http://[::1/query"), _mask("http://u:a/b@h/q")
    ('https://u:***@db.example.org/sparql', 'http://[::1/query', 'http://u:***@h/q')
    """
    scheme, sep, rest = url.partition("://")
    if not sep:
        return url
    end = min((i for i in (rest.find("?"), rest.find("#")) if i >= 0), default=len(rest))
    userinfo, at, tail = rest[:end].rpartition("@")
    if not at or ":" not in userinfo:
        return url
    return f"{scheme}://{userinfo.split(':', 1)[0]}:***@{tail}{rest[end:]}"


def _shown(url: str, limit: int = 200) -> str:
    """The URL as a message may show it: password masked, control characters escaped, at most ``limit`` long.

    >>> _shown("http://u:pw@h/q\\r\\nX: 1")
    'http://u:***@h/q\\\\r\\\\nX: 1'
    """
    text = "".join(c if c.isprintable() else c.encode("unicode_escape").decode() for c in _mask(url))
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _split_credentials(url: str) -> tuple[str, str | None]:
    """The URL without ``user:password@``, and the Basic authorization header for them.

    Anything but a well-formed http(s) URL with a host is an :class:`~graph.errors.InputError`
    naming the URL with its password masked.

    >>> _split_credentials("https://u:p@db.example.org/sparql")
    ('https://db.example.org/sparql', 'Basic dTpw')
    >>> _split_credentials("http://[::1]:7878/query")
    ('http://[::1]:7878/query', None)
    >>> _split_credentials("http://u:p@h:70000/q")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: http://u:***@h:70000/q:0: not a valid URL (port out of range 0-65535)
    """
    url = url.strip()
    shown = _shown(url)
    if any(ord(c) <= 0x20 or ord(c) == 0x7F for c in url):
        raise InputError("not a valid URL (a space or control character in it)", file=shown)
    try:
        parts = urlsplit(url)
        parts.port  # noqa: B018 - raises ValueError for a port that is not a number in 0-65535
    except ValueError as err:
        raise InputError(f"not a valid URL ({str(err).rstrip('.').lower()})", file=shown) from None
    if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
        raise InputError("not an http(s) URL of a SPARQL endpoint", file=shown)
    parts = parts._replace(scheme=parts.scheme.lower())
    if parts.username is None:
        return urlunsplit(parts), None
    netloc = parts.netloc.rpartition("@")[2]
    user, password = unquote(parts.username), unquote(parts.password or "")
    token = base64.b64encode(f"{user}:{password}".encode()).decode()
    return urlunsplit(parts._replace(netloc=netloc)), f"Basic {token}"


def _origin(url: str) -> tuple[str, str, int]:
    """Scheme, host and port (the default port filled in): requests to another origin get no credentials.

    >>> _origin("http://DB.example.org/q") == _origin("http://db.example.org:80/other")
    True
    """
    parts = urlsplit(url)
    scheme = parts.scheme.lower()
    return scheme, (parts.hostname or "").lower(), parts.port or (443 if scheme == "https" else 80)


def _host_list(text: str | None) -> frozenset[str] | None:
    """Hosts from a comma-separated list (None or blank: no list, any host).

    >>> sorted(_host_list(" DB.example.org, [::1] ,,127.0.0.1"))
    ['127.0.0.1', '::1', 'db.example.org']
    >>> _host_list("  ") is None
    True
    """
    hosts = frozenset(h.strip().strip("[]").lower() for h in (text or "").split(",") if h.strip())
    return hosts or None


def _oxigraph_store_url(endpoint: str) -> str | None:
    """Oxigraph serves the Graph Store Protocol at ``/store`` beside ``/query``.

    >>> _oxigraph_store_url("http://localhost:7878/query"), _oxigraph_store_url("https://n:8182/sparql")
    ('http://localhost:7878/store', None)
    """
    parts = urlsplit(endpoint)
    if not parts.path.endswith("/query") or parts.query:
        return None
    return urlunsplit(parts._replace(path=parts.path[: -len("query")] + "store"))


_PROLOGUE = re.compile(r"\s*(?:#[^\n]*(?:\n|$)|PREFIX\s+[^\s:]*:\s*<[^>]*>|BASE\s*<[^>]*>)", re.IGNORECASE)
_FORM = re.compile(r"\s*(SELECT|ASK|CONSTRUCT|DESCRIBE)\b", re.IGNORECASE)


def _query_form(sparql: str) -> str | None:
    """SELECT, ASK, CONSTRUCT or DESCRIBE: what kind of answer a query wants (None when not clear).

    >>> _query_form("PREFIX ex: <http://e.org/#> # a comment\\n BASE <x:> select * {}")
    'SELECT'
    >>> _query_form("INSERT DATA {}") is None
    True
    """
    position = 0
    while match := _PROLOGUE.match(sparql, position):
        if match.end() == position:
            break
        position = match.end()
    form = _FORM.match(sparql, position)
    return form.group(1).upper() if form else None


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


def _first_line(body: bytes, limit: int = 200) -> str:
    """The first non-empty line of an error body as plain text: control characters dropped, at most ``limit`` long.

    It is text, never markup: whoever shows it escapes it.

    >>> _first_line(b"\\n  error at 2:5: expected ...\\n more")
    'error at 2:5: expected ...'
    >>> _first_line(b"x" * 500)[-5:], len(_first_line(b"x" * 500))
    ('xxxx…', 200)
    """
    text = body.decode("utf-8", "replace")
    line = next((ln.strip() for ln in text.splitlines() if ln.strip()), "")
    line = "".join(c if c.isprintable() else " " for c in line)
    return line if len(line) <= limit else line[: limit - 1] + "…"


def _parse(data: str | bytes, format: ox.RdfFormat, where: str) -> list[ox.Quad]:
    """Quads of ``data`` in ``format``; an InputError naming ``where`` (and the line) if it does not parse.

    >>> _parse(b"<http://e.org/a> <http://e.org/b> <http://e.org/c> .", ox.RdfFormat.N_QUADS, "<q>")[0].object
    <NamedNode value=http://e.org/c>
    """
    try:
        return list(ox.parse(data, format=format, base_iri=BASE_IRI))
    except SyntaxError as err:
        raise InputError(f"not valid {format.name}: {err}", file=where, line=err.lineno or 0) from None
    except (ValueError, OSError) as err:
        raise InputError(f"not valid {format.name}: {err}", file=where) from None


def _parse_answer(
    body: bytes, media: str, form: str | None, endpoint: str
) -> ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]:
    """A query answer as the embedded store gives it, by its media type; ``form`` is what the query asked for.

    >>> _parse_answer(b'{"head": {}, "boolean": true}', "application/sparql-results+json", "ASK", "<e>")
    <QueryBoolean true>
    >>> _parse_answer(b"<a> <b> <c> .", "application/n-triples", "SELECT", "http://e.org/q")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: http://e.org/q:0: the endpoint answered a SELECT query with application/n-triples, ...
    """
    results_format = ox.QueryResultsFormat.from_media_type(media) if media else None
    wants_results = form in ("SELECT", "ASK")
    if form and wants_results != (results_format is not None):
        wanted = "SPARQL results" if wants_results else "RDF triples"
        raise InputError(
            f"the endpoint answered a {form} query with {media or 'no media type'}, not {wanted}", file=endpoint
        )
    try:
        if results_format is not None:
            answer = ox.parse_query_results(body, format=results_format)
            if form and isinstance(answer, ox.QueryBoolean) != (form == "ASK"):
                got = "a yes/no answer" if isinstance(answer, ox.QueryBoolean) else "rows"
                raise InputError(f"the endpoint answered a {form} query with {got}", file=endpoint)
            return answer
        rdf = _rdf_format(media, endpoint)
        return iter([q.triple for q in ox.parse(body, format=rdf, base_iri=BASE_IRI)])
    except (SyntaxError, ValueError, OSError) as err:
        if isinstance(err, InputError):
            raise
        problem = str(err).splitlines()[0][:200] if str(err) else type(err).__name__
        raise InputError(f"the endpoint's answer is not valid {media}: {problem}", file=endpoint) from None
