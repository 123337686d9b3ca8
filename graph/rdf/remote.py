"""A remote SPARQL 1.1 endpoint used like the embedded store: Neptune, Fuseki, GraphDB, Oxigraph.

:class:`RemoteStore` speaks the SPARQL 1.1 Protocol over plain HTTP(S)
(``urllib``, no extra dependency; queries and updates are sent as URL-encoded
``POST`` forms, the variant every server supports). Queries go to the query endpoint and come
back as the embedded store's results (:class:`pyoxigraph.QuerySolutions`,
:class:`pyoxigraph.QueryBoolean`, or an iterator of :class:`pyoxigraph.Triple`
for CONSTRUCT and DESCRIBE); writes go to the update endpoint as SPARQL Update
``INSERT DATA`` in batches, or through the Graph Store Protocol where the server
offers it (Oxigraph's ``/store``, found on its own, or any ``graph_store`` URL).

Code written for the embedded store reads ``store.ox``: here that is a local
:class:`pyoxigraph.Store` holding a copy of the whole remote dataset, fetched on
first use and kept until the next write or :meth:`RemoteStore.refresh`. So
:func:`graph.network.build.to_networkx` and the analyses work unchanged; changes made
through ``ox`` stay local.

Every failure (endpoint down, HTTP 4xx/5xx, an answer that does not parse) is an
:class:`~graph.errors.InputError` naming the endpoint, shown on one line.

It is a careful client, for endpoints typed by people it does not trust: only ``http`` and
``https``, an optional allow-list of hosts (``allowed_hosts``, or the ``CLOUDATLAS_ENDPOINT_HOSTS``
environment variable) checked before anything is sent, a password in a URL never in a message
or ``repr``, and every request through :func:`graph.rdf.exchange.request` (a total deadline, a
cap on the answer's size, redirects only within the same origin, error text as one plain line).

Examples
--------
>>> store = RemoteStore("http://127.0.0.1:9/query")
>>> store.allow_hosts
('127.0.0.1',)
>>> len(store)
Traceback (most recent call last):
...
graph.errors.InputError: http://127.0.0.1:9/query:0: cannot reach the SPARQL endpoint (Connection refused)
>>> RemoteStore("ftp://example.org/sparql")
Traceback (most recent call last):
...
graph.errors.InputError: ftp://example.org/sparql:0: not an http(s) URL of a SPARQL endpoint
"""

from __future__ import annotations

import math
import os
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Literal as TypingLiteral
from urllib.parse import quote, urlencode, urlsplit

import pyoxigraph as ox

from graph.errors import InputError
from graph.rdf.exchange import FORM, request
from graph.rdf.protocol import (
    _batches,
    _ground,
    _host_list,
    _insert_data,
    _iris,
    _mask,
    _origin,
    _oxigraph_store_url,
    _parse,
    _parse_answer,
    _query_form,
    _rdf_format,
    _shown,
    _split_credentials,
)
from graph.rdf.store import BASE_IRI, PREFIXES, Store

__all__ = [
    "RemoteStore",
    "NEPTUNE_DEFAULT_GRAPH",
    "DEFAULT_BATCH_BYTES",
    "DEFAULT_TIMEOUT",
    "DEFAULT_MAX_BYTES",
    "ENDPOINT_HOSTS_ENV",
    "mask_url",
]

#: Where Amazon Neptune keeps triples written without a graph; read back as the default graph.
NEPTUNE_DEFAULT_GRAPH = "http://aws.amazon.com/neptune/vocab/v01/DefaultNamedGraph"
#: Size of one ``INSERT DATA`` request (or Graph Store POST), in bytes of N-Quads.
DEFAULT_BATCH_BYTES = 4_000_000
#: Seconds one request may take in all: connecting, sending, waiting and reading the whole answer.
DEFAULT_TIMEOUT = 30.0
#: The largest answer read from the server, in bytes; a bigger one is an error.
DEFAULT_MAX_BYTES = 64_000_000
#: Environment variable: comma-separated hosts a :class:`RemoteStore` may talk to (unset: any host).
ENDPOINT_HOSTS_ENV = "CLOUDATLAS_ENDPOINT_HOSTS"


_QUERY_ACCEPT = (
    "application/sparql-results+json, application/n-triples, text/turtle;q=0.9, "
    "application/sparql-results+xml;q=0.8, application/rdf+xml;q=0.7"
)
_PREFIX_LINE = " ".join(f"PREFIX {name}: <{iri}>" for name, iri in PREFIXES.items()) + "\n"
_NAMED_QUADS = "SELECT ?g ?s ?p ?o WHERE { GRAPH ?g { ?s ?p ?o } }"
_DEFAULT_TRIPLES = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"
_COUNT = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }"
_GRAPHS = "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }"


def mask_url(url: str) -> str:
    """The URL as it may be shown: the password of its ``user:password@`` part replaced by ``***``.

    Parameters
    ----------
    url : str
        Any text meant as a URL (well-formed or not).

    Returns
    -------
    str
        The same text with the password masked.

    Examples
    --------
    >>> mask_url("https://admin:s3cret@db.example.org:8182/sparql")
    'https://admin:***@db.example.org:8182/sparql'
    """
    return _mask(url)


class RemoteStore:
    """An RDF dataset behind a SPARQL 1.1 endpoint, with the embedded :class:`~graph.rdf.store.Store`'s methods.

    Parameters
    ----------
    query_endpoint : str
        The SPARQL query URL (``http://host:7878/query``, ``https://cluster:8182/sparql``).
        ``user:password@`` in the URL is sent as HTTP Basic authentication.
    update_endpoint : str, optional
        The SPARQL Update URL; without it the store is read-only.
    timeout : float, default 30
        Seconds one request may take in all (connecting, waiting, reading the whole answer).
    graph_store : str or None or "auto", default "auto"
        The Graph Store Protocol URL, used as a fast path for loads and for
        fetching the whole dataset. ``"auto"`` tries ``…/store`` beside an Oxigraph-style
        ``…/query`` endpoint once; None always uses SPARQL.
    batch_bytes : int
        How much N-Quads text goes into one write request.
    max_bytes : int, default 64 MB
        The largest answer read; a bigger one stops with an error (nothing more is read).
    allowed_hosts : iterable of str or str, optional
        The only hosts these URLs may name (a str: comma-separated). Default: the
        ``CLOUDATLAS_ENDPOINT_HOSTS`` environment variable; unset or empty: any host.

    Examples
    --------
    >>> store = RemoteStore("http://db.example.org:3030/ds/query", "http://db.example.org:3030/ds/update")
    >>> store.endpoint, store.update_endpoint, store.path
    ('http://db.example.org:3030/ds/query', 'http://db.example.org:3030/ds/update', None)
    >>> RemoteStore("https://u:secret@db.example.org/sparql")
    RemoteStore('https://u:***@db.example.org/sparql')
    >>> RemoteStore("http://db.example.org/sparql", allowed_hosts="localhost")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: http://db.example.org/sparql:0: host db.example.org is not among the allowed endpoint hosts
    """

    #: Not a folder on disk (code that checks ``store.path`` treats this like an in-memory store).
    path = None

    def __init__(
        self,
        query_endpoint: str,
        update_endpoint: str | None = None,
        *,
        timeout: float = DEFAULT_TIMEOUT,
        graph_store: str | None | TypingLiteral["auto"] = "auto",
        batch_bytes: int = DEFAULT_BATCH_BYTES,
        max_bytes: int = DEFAULT_MAX_BYTES,
        allowed_hosts: Iterable[str] | str | None = None,
    ) -> None:
        self._shown = _shown(query_endpoint.strip())
        if allowed_hosts is None:
            allowed_hosts = os.environ.get(ENDPOINT_HOSTS_ENV)
        hosts = _host_list(
            allowed_hosts if allowed_hosts is None or isinstance(allowed_hosts, str) else ",".join(allowed_hosts)
        )
        self.endpoint, query_auth = _split_credentials(query_endpoint)
        # Credentials go only to the origin (scheme, host, port) whose URL carried them.
        self._credentials: dict[tuple[str, str, int], str] = {}
        self.update_endpoint: str | None = None
        update_auth = None
        if update_endpoint:
            self.update_endpoint, update_auth = _split_credentials(update_endpoint)
        if (
            isinstance(timeout, bool)
            or not isinstance(timeout, int | float)
            or not math.isfinite(timeout)
            or timeout <= 0
        ):
            raise InputError(f"the timeout must be a positive number of seconds, not {timeout!r}", file=self.endpoint)
        if isinstance(max_bytes, bool) or not isinstance(max_bytes, int) or max_bytes <= 0:
            raise InputError(
                f"the answer size cap must be a positive number of bytes, not {max_bytes!r}", file=self.endpoint
            )
        self.timeout = float(timeout)
        self.max_bytes = max_bytes
        self.batch_bytes = batch_bytes
        store_auth = None
        if graph_store == "auto":
            self._graph_store: str | None = None
            self._gsp_candidate = _oxigraph_store_url(self.endpoint)
        else:
            self._graph_store, store_auth = _split_credentials(graph_store) if graph_store else (None, None)
            self._gsp_candidate = None
        for url, auth in (
            (self.endpoint, query_auth),
            (self.update_endpoint, update_auth),
            (self._graph_store, store_auth),
        ):
            if url and auth:
                self._credentials.setdefault(_origin(url), auth)
        self._auth = self._credentials.get(_origin(self.endpoint))
        if hosts is not None:
            for url in (self.endpoint, self.update_endpoint, self._graph_store):
                host = (urlsplit(url).hostname or "").lower() if url else None
                if host is not None and host not in hosts:
                    raise InputError(f"host {host} is not among the allowed endpoint hosts", file=url or "")
        self._mirror: Store | None = None

    def __repr__(self) -> str:
        """The query endpoint, its password masked."""
        return f"RemoteStore({self._shown!r})"

    # reading ---------------------------------------------------------------------------------

    def query(
        self,
        sparql: str,
        *,
        default_graph: object = None,
        named_graphs: Iterable[object] | None = None,
        base_iri: str | None = None,
        prefixes: dict[str, str] | None = None,
        **options: object,
    ) -> ox.QuerySolutions | ox.QueryBoolean | Iterator[ox.Triple]:
        """Run a SPARQL query on the server, with the CloudAtlas prefixes (and ``prefixes``) pre-declared.

        ``default_graph`` and ``named_graphs`` (IRIs, or lists of them) become the protocol's
        ``default-graph-uri`` and ``named-graph-uri``; options the protocol has no way to say
        (``use_default_graph_as_union``, substitutions, custom functions) are refused.
        """
        if any(value for value in options.values()):
            raise InputError(f"not supported by a remote endpoint: {', '.join(sorted(options))}", file=self.endpoint)
        head = (f"BASE <{base_iri}>\n" if base_iri else "") + _PREFIX_LINE
        if prefixes:
            head += " ".join(f"PREFIX {name}: <{iri}>" for name, iri in prefixes.items()) + "\n"
        params: list[tuple[str, str]] = [("query", head + sparql)]
        for iri in _iris(default_graph):
            params.append(("default-graph-uri", iri))
        for iri in _iris(list(named_graphs) if named_graphs is not None else None):
            params.append(("named-graph-uri", iri))
        body, media = self._request(
            self.endpoint,
            urlencode(params).encode(),
            content_type=FORM,
            accept=_QUERY_ACCEPT,
            shift_lines=head.count("\n"),
        )
        return _parse_answer(body, media, _query_form(sparql), self.endpoint)

    def __len__(self) -> int:
        """Quads in the dataset (the local copy's size when it is already fetched)."""
        if self._mirror is not None:
            return len(self._mirror)
        for row in self.query(_COUNT):
            return int(row["n"].value)
        return 0

    def named_graphs(self) -> list[ox.NamedNode]:
        """The named graphs on the server that hold at least one triple (one query, no copy)."""
        if self._mirror is not None:
            graphs: Iterable[object] = self._mirror.ox.named_graphs()
        else:
            graphs = (row["g"] for row in self.query(_GRAPHS))
        return sorted((g for g in graphs if isinstance(g, ox.NamedNode)), key=lambda g: g.value)

    @property
    def ox(self) -> ox.Store:
        """A local copy of the whole dataset (fetched on first use, kept until a write or :meth:`refresh`)."""
        return self._local().ox

    @property
    def allow_hosts(self) -> tuple[str, ...]:
        """The hosts this store talks to, for :func:`graph.utils.offline.no_network` ``allow``."""
        urls = (self.endpoint, self.update_endpoint, self._graph_store or self._gsp_candidate)
        return tuple(dict.fromkeys(urlsplit(u).hostname or "" for u in urls if u))

    def refresh(self) -> None:
        """Forget the local copy; the next use of :attr:`ox` fetches the dataset again."""
        self._mirror = None

    def copy(self) -> Store:
        """A new in-memory :class:`~graph.rdf.store.Store` with the dataset's quads."""
        return self._local().copy()

    def dump(self, format: str = "turtle", *, graph: str | None = None) -> bytes:
        """Serialize the dataset, as :meth:`graph.rdf.store.Store.dump` does."""
        return self._local().dump(format, graph=graph)

    # writing ---------------------------------------------------------------------------------

    def load_quads(self, lines: Iterable[str] | str | bytes) -> int:
        """Add N-Quads lines to the dataset; returns how many quads were sent.

        Quads go in batches of about ``batch_bytes``; quads with blank nodes all go in one
        last request, so that a blank node stays one node.
        """
        data = lines if isinstance(lines, str | bytes) else "".join(lines)
        quads = _parse(data, ox.RdfFormat.N_QUADS, "<N-Quads>")
        return self._add(quads)

    #: The embedded store's name for :meth:`load_quads` (used by :func:`graph.rdf.pipeline.build_store`).
    load_ntriples_lines = load_quads

    def load_text(self, data: str | bytes, format: str, *, name: str = "<input>", graph: str | None = None) -> None:
        """Parse RDF text locally (checked as the embedded store checks it), then add it to the server."""
        staging = Store()
        staging.load_text(data, format, name=name, graph=graph)
        self.add_all(staging)

    def load_file(self, path: str | Path, format: str | None = None) -> None:
        """Parse an RDF file locally, then add it to the server."""
        staging = Store()
        staging.load_file(path, format)
        self.add_all(staging)

    def add_all(self, other: Store) -> None:
        """Add every quad of a local store to the server."""
        self._add(list(other.ox))

    def publish(self, other: Store) -> None:
        """Make each graph of ``other`` (default and named) the server's graph of that name.

        Graphs of the server that ``other`` does not have are left as they are. Each graph is
        replaced with one request where it fits in a batch (or goes by the Graph Store
        Protocol); bigger graphs are cleared, then filled batch by batch.
        """
        graphs: list[ox.NamedNode | ox.DefaultGraph] = [ox.DefaultGraph()]
        graphs += [g for g in other.ox.named_graphs() if isinstance(g, ox.NamedNode)]
        for g in graphs:
            triples = [q.triple for q in other.ox.quads_for_pattern(None, None, None, g)]
            self._replace(g, triples)

    def replace_graph(self, graph_iri: str | None, data: str | bytes, format: str = "nt") -> None:
        """Replace one graph (None: the default graph) with the triples of ``data``."""
        staging = Store()
        staging.load_text(data, format, name=f"<graph {graph_iri or 'default'}>")
        triples = [q.triple for q in staging.ox]
        self._replace(ox.NamedNode(graph_iri) if graph_iri else ox.DefaultGraph(), triples)

    def clear(self) -> None:
        """Remove every triple of every graph on the server."""
        self.update("CLEAR ALL")

    def update(self, sparql: str) -> None:
        """Run SPARQL Update text on the update endpoint (CloudAtlas prefixes pre-declared)."""
        if not self.update_endpoint:
            raise InputError("read-only: no update endpoint given (--update-endpoint URL)", file=self.endpoint)
        self._mirror = None
        self._request(
            self.update_endpoint,
            urlencode([("update", _PREFIX_LINE + sparql)]).encode(),
            content_type=FORM,
            accept="*/*",
            shift_lines=1,
        )

    # internals -------------------------------------------------------------------------------

    def _local(self) -> Store:
        if self._mirror is None:
            self._mirror = self._fetch()
        return self._mirror

    def _fetch(self) -> Store:
        """The whole dataset: one Graph Store GET where possible, else two SPARQL queries."""
        local = Store()
        store_url = self._gsp()
        if store_url:
            body, media = self._request(store_url, None, accept="application/n-quads", method="GET")
            rdf = _rdf_format(media, store_url)
            try:
                local.ox.bulk_load(body, format=rdf, base_iri=BASE_IRI)
            except (SyntaxError, ValueError, OSError) as err:
                raise InputError(f"the endpoint's answer is not valid {rdf.name}: {err}", file=store_url) from None
            return local
        named = [
            ox.Quad(row["s"], row["p"], row["o"], row["g"])
            for row in self.query(_NAMED_QUADS)
            if isinstance(row["g"], ox.NamedNode) and isinstance(row["s"], ox.NamedNode | ox.BlankNode)
        ]
        default = set(self.query(_DEFAULT_TRIPLES))
        default |= {q.triple for q in named if q.graph_name.value == NEPTUNE_DEFAULT_GRAPH}
        named = [q for q in named if q.graph_name.value != NEPTUNE_DEFAULT_GRAPH]
        in_named = {q.triple for q in named if _ground(q.triple)}
        if in_named and in_named <= default:
            # The server's default graph is the union of all graphs (GraphDB, Neptune, Fuseki's
            # unionDefaultGraph): what is in a named graph is not the default graph's own.
            default -= in_named
        local.ox.extend(ox.Quad(t.subject, t.predicate, t.object) for t in default)
        local.ox.extend(named)
        return local

    def _gsp(self) -> str | None:
        """The Graph Store Protocol URL, probing the Oxigraph-style candidate once."""
        if self._gsp_candidate:
            try:
                self._request(self._gsp_candidate + "?default", None, accept="application/n-triples", method="HEAD")
                self._graph_store = self._gsp_candidate
            except InputError as err:
                if not err.problem.startswith("HTTP "):
                    raise  # the server is down: ask again next time
            self._gsp_candidate = None
        return self._graph_store

    def _add(self, quads: list[ox.Quad]) -> int:
        """Send quads in batches; those with blank nodes together in one last request."""
        if not quads:
            return 0
        self._require_update()
        self._mirror = None
        plain = [q for q in quads if _ground(q)]
        blank = [q for q in quads if not _ground(q)]
        store_url = self._gsp()
        for batch in [*_batches(plain, self.batch_bytes), blank]:
            if not batch:
                continue
            if store_url:
                body = ox.serialize(batch, format=ox.RdfFormat.N_QUADS)
                self._request(store_url, body, content_type="application/n-quads", accept="*/*")
            else:
                self.update(_insert_data(batch))
        return len(quads)

    def _replace(self, graph: ox.NamedNode | ox.DefaultGraph, triples: list[ox.Triple]) -> None:
        self._require_update()
        self._mirror = None
        store_url = self._gsp()
        if store_url:
            target = "?default" if isinstance(graph, ox.DefaultGraph) else "?graph=" + quote(graph.value, safe="")
            body = ox.serialize(triples, format=ox.RdfFormat.N_TRIPLES) or b""
            self._request(store_url + target, body, content_type="application/n-triples", accept="*/*", method="PUT")
            return
        clear = "CLEAR SILENT DEFAULT" if isinstance(graph, ox.DefaultGraph) else f"CLEAR SILENT GRAPH {graph}"
        quads = [ox.Quad(t.subject, t.predicate, t.object, graph) for t in triples]
        plain = [q for q in quads if _ground(q)]
        blank = [q for q in quads if not _ground(q)]
        batches = [b for b in [*_batches(plain, self.batch_bytes), blank] if b]
        self.update(clear + (" ;\n" + _insert_data(batches[0]) if batches else ""))
        for batch in batches[1:]:
            self.update(_insert_data(batch))

    def _require_update(self) -> None:
        if not self.update_endpoint:
            raise InputError("read-only: no update endpoint given (--update-endpoint URL)", file=self.endpoint)

    def _request(self, url: str, data: bytes | None, **options: object) -> tuple[bytes, str]:
        """One request through :func:`graph.rdf.exchange.request`, with this store's credentials and limits."""
        return request(
            url, data, credentials=self._credentials, timeout=self.timeout, max_bytes=self.max_bytes, **options
        )  # type: ignore[arg-type]
