"""Read-only SPARQL over a store, with a time limit and a row cap, results as plain rows.

:func:`run_query` runs SELECT, ASK, CONSTRUCT and DESCRIBE with the CloudAtlas
prefixes pre-declared and returns a :class:`QueryResult`. The text is checked
first (:func:`graph.query.guard.check_query`: updates, ``LOAD``, ``SERVICE`` and
``FROM`` naming data that is not loaded are refused), then run in a worker
process (:func:`graph.utils.sandbox.run_isolated`) that is killed when the time limit
passes, so the next query answers at once. Every problem comes back as an
:class:`~graph.errors.InputError`: a syntax error with its line and column, a
refusal as :class:`~graph.query.guard.QueryRefused`, an expired limit as
:class:`QueryTimeout`.

Examples
--------
>>> from graph.rdf.store import Store
>>> store = Store()
>>> store.load_text('<https://w3id.org/cloudatlas/id/rds> <http://www.w3.org/2000/01/rdf-schema#label> "RDS" .', "nt")
>>> result = run_query(store, "SELECT ?s ?label WHERE { ?s rdfs:label ?label }")
>>> result.rows
[{'s': 'cid:rds', 'label': 'RDS'}]
>>> run_query(store, "ASK { cid:rds rdfs:label 'RDS' }").boolean
True
>>> run_query(store, "SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
graph.query.guard.QueryRefused: <query>:1: SERVICE is not allowed (queries run on the loaded graph only)
"""

from __future__ import annotations

import math
import os
import re
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field, replace

import pyoxigraph as ox

from graph.errors import InputError
from graph.query.guard import QueryRefused, check_query
from graph.rdf.store import PREFIXES, Store
from graph.utils.offline import no_network
from graph.utils.sandbox import (
    CAN_FORK,
    AnswerTooLarge,
    MemoryLimitExceeded,
    SandboxError,
    TimeLimitExceeded,
    run_isolated,
)

__all__ = [
    "QueryResult",
    "QueryLimits",
    "QueryTimeout",
    "QueryRefused",
    "run_query",
    "compact",
    "term_value",
    "DEFAULT_TIMEOUT",
    "MAX_TIMEOUT",
    "DEFAULT_MAX_ROWS",
    "DEFAULT_MEMORY_MB",
    "DEFAULT_ANSWER_MB",
    "MAX_ROWS_ENV",
    "MAX_TIMEOUT_ENV",
    "limits_from_env",
]

#: Seconds a query may run before it is stopped.
DEFAULT_TIMEOUT = 10.0
#: The longest time limit a query may be given, in seconds (a day).
MAX_TIMEOUT = 86_400.0
#: Rows (or triples) a query may return; more are cut off and the result marked truncated.
DEFAULT_MAX_ROWS = 10_000
#: Memory a query's worker process may use on top of what the caller uses.
DEFAULT_MEMORY_MB = 2048
#: The largest result (as sent back by the worker) a query may give, whatever its row count.
DEFAULT_ANSWER_MB = 128
# How much lower the worker's CPU priority is: the process that runs it (a server) answers others first.
_WORKER_NICE = 5

#: The environment settings that bound what any query may be given on a server.
MAX_ROWS_ENV = "CLOUDATLAS_MAX_ROWS"
MAX_TIMEOUT_ENV = "CLOUDATLAS_MAX_TIMEOUT"
_ROWS_CEILING = 10_000_000

_POSITION = re.compile(r"(?:error at |at line )(\d+)(?::|, column |\s+column\s+)(\d+)")


@dataclass(frozen=True)
class QueryResult:
    """What a query gave: ``kind`` is ``select``, ``ask`` or ``graph``.

    ``rows`` hold compact values (``cid:rds``, literal text); ``raw_rows`` the
    full IRIs; ``triples`` the (s, p, o) of a CONSTRUCT or DESCRIBE as full IRIs
    or literal text; ``truncated`` says the row cap cut the result.
    """

    kind: str
    columns: tuple[str, ...] = ()
    rows: list[dict[str, str | None]] = field(default_factory=list)
    raw_rows: list[dict[str, str | None]] = field(default_factory=list)
    boolean: bool | None = None
    triples: list[tuple[str, str, str]] = field(default_factory=list)
    truncated: bool = False
    #: What the ``present`` function of :func:`run_query` made of the result (None without one).
    presented: object = None


@dataclass(frozen=True)
class QueryLimits:
    """The most a query may ask for on this server: rows (or triples) kept and seconds run.

    Whoever starts the server sets them (:func:`limits_from_env`); :meth:`clamp` brings what a
    visitor asked for within them, whatever the page's widgets said.

    >>> QueryLimits(max_rows=50_000, max_timeout=60).clamp(timeout=300, max_rows=1_000_000)
    (60.0, 50000)
    >>> QueryLimits().clamp(timeout=float("nan"), max_rows=-3)
    (10.0, 1)
    """

    max_rows: int = 50_000
    max_timeout: float = 60.0

    def clamp(self, timeout: object, max_rows: object) -> tuple[float, int]:
        """``(timeout, max_rows)`` within the limits; what is not a number gets the default (or the maximum)."""
        try:
            seconds = float(timeout)  # type: ignore[arg-type]
        except (TypeError, ValueError):
            seconds = DEFAULT_TIMEOUT
        if not math.isfinite(seconds) or seconds <= 0:
            seconds = DEFAULT_TIMEOUT
        try:
            rows = int(max_rows)  # type: ignore[call-overload]
        except (TypeError, ValueError, OverflowError):
            rows = DEFAULT_MAX_ROWS
        return min(seconds, float(self.max_timeout)), max(1, min(rows, self.max_rows))


def limits_from_env(environ: Mapping[str, str] | None = None) -> QueryLimits:
    """The server's :class:`QueryLimits` from ``CLOUDATLAS_MAX_ROWS`` and ``CLOUDATLAS_MAX_TIMEOUT``.

    Unset or empty settings keep the defaults (50,000 rows, 60 seconds).

    Raises
    ------
    graph.errors.InputError
        When a setting is not a whole number of rows from 1 to 10,000,000, or a number of seconds
        above 0 and at most :data:`MAX_TIMEOUT`; the setting's name stands for the file.

    Examples
    --------
    >>> limits_from_env({"CLOUDATLAS_MAX_ROWS": "2000", "CLOUDATLAS_MAX_TIMEOUT": "30"})
    QueryLimits(max_rows=2000, max_timeout=30.0)
    >>> limits_from_env({})
    QueryLimits(max_rows=50000, max_timeout=60.0)
    >>> limits_from_env({"CLOUDATLAS_MAX_ROWS": "lots"})
    Traceback (most recent call last):
    ...
    graph.errors.InputError: CLOUDATLAS_MAX_ROWS:0: must be a whole number from 1 to 10,000,000, not 'lots'
    """
    environ = os.environ if environ is None else environ
    default = QueryLimits()
    rows_text = environ.get(MAX_ROWS_ENV, "").strip().replace("_", "").replace(",", "")
    seconds_text = environ.get(MAX_TIMEOUT_ENV, "").strip()
    max_rows, max_timeout = default.max_rows, default.max_timeout
    if rows_text:
        if not rows_text.isdigit() or not 1 <= int(rows_text) <= _ROWS_CEILING:
            problem = f"must be a whole number from 1 to {_ROWS_CEILING:,}, not {environ[MAX_ROWS_ENV].strip()!r}"
            raise InputError(problem, file=MAX_ROWS_ENV)
        max_rows = int(rows_text)
    if seconds_text:
        try:
            max_timeout = float(seconds_text)
        except ValueError:
            max_timeout = math.nan
        if not (math.isfinite(max_timeout) and 0 < max_timeout <= MAX_TIMEOUT):
            problem = f"must be a number of seconds above 0 and at most {MAX_TIMEOUT:g}, not {seconds_text!r}"
            raise InputError(problem, file=MAX_TIMEOUT_ENV)
    return QueryLimits(max_rows, max_timeout)


def compact(iri: str) -> str:
    """An IRI in prefixed form when a CloudAtlas prefix covers it.

    >>> compact("https://w3id.org/cloudatlas/ontology#caches")
    'ca:caches'
    >>> compact("https://example.org/x")
    'https://example.org/x'
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and re.fullmatch(r"[\w.%-]*", iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace) :]}"
    return iri


def term_value(term: object, *, short: bool = True) -> str | None:
    """A result term as text: IRIs (compacted when ``short``), literal values, blank node ids."""
    if term is None:
        return None
    if isinstance(term, ox.NamedNode):
        return compact(term.value) if short else term.value
    if isinstance(term, ox.BlankNode):
        return f"_:{term.value}"
    if isinstance(term, ox.Literal):
        return term.value
    return str(term)


class QueryTimeout(InputError):
    """A query ran past its time limit and was stopped."""


def run_query(
    store: Store,
    text: str,
    *,
    name: str = "<query>",
    timeout: float | None = DEFAULT_TIMEOUT,
    max_rows: int | None = DEFAULT_MAX_ROWS,
    memory_mb: int | None = DEFAULT_MEMORY_MB,
    present: Callable[[QueryResult], object] | None = None,
    answer_mb: int = DEFAULT_ANSWER_MB,
) -> QueryResult:
    """Check ``text`` and run it against ``store`` within a time limit and a row cap.

    Parameters
    ----------
    store
        The data to query.
    text
        A SPARQL SELECT, ASK, CONSTRUCT or DESCRIBE query; the CloudAtlas prefixes are pre-declared.
    name
        The name used in error messages (a file name, or ``<query>``).
    timeout
        Seconds before the query is stopped (its worker process killed), above 0 and at most
        :data:`MAX_TIMEOUT`. None runs the query in
        this process with no limit (and no memory limit). The worker has no network, except
        for the hosts of a remote store (its ``allow_hosts``), and a lower CPU priority than
        this process, so that a server keeps answering other sessions first.
    max_rows
        Rows (SELECT) or triples (CONSTRUCT, DESCRIBE) kept; ``truncated`` says when more were cut.
    memory_mb
        Memory the worker process may use on top of this process (None: no limit).
    present
        A function run on the result in the same worker, within the same time and memory
        limits (turning triples into a drawing, say); what it returns comes back as the
        result's ``presented``. It must return something that can be pickled.
    answer_mb
        The largest result taken back from the worker (rows and what ``present`` made, as
        sent); a larger one is an error, so a few rows of huge text cannot fill this process.

    Returns
    -------
    QueryResult

    Raises
    ------
    QueryRefused
        For updates, ``LOAD``, ``SERVICE``, and ``FROM`` naming data that is not loaded.
    QueryTimeout
        When the time limit passed: ``query stopped after 10 s (time limit)``.
    InputError
        For a syntax error (with line and column), an exhausted memory limit, or a failed query.

    Examples
    --------
    >>> store = Store()
    >>> store.load_text("<https://e.org/a> <https://e.org/p> 1, 2, 3 .", "turtle")
    >>> result = run_query(store, "SELECT ?o WHERE { ?s ?p ?o } ORDER BY ?o", max_rows=2)
    >>> [row["o"] for row in result.rows], result.truncated
    (['1', '2'], True)
    >>> run_query(store, "SELECT ?o WHERE { ?s ?p ?o }", present=lambda r: len(r.rows)).presented
    3
    """
    if timeout is not None and not (0 < timeout <= MAX_TIMEOUT and math.isfinite(timeout)):
        raise ValueError(f"timeout must be above 0 and at most {MAX_TIMEOUT:g} seconds, not {timeout!r}")
    if max_rows is not None and max_rows < 0:
        raise ValueError(f"max_rows must be 0 or more, not {max_rows!r}")
    allow = tuple(getattr(store, "allow_hosts", ()))  # a remote store's own endpoint stays reachable
    if timeout is None or not CAN_FORK:
        with no_network(allow):
            return _check_and_run(store, text, name, max_rows, present)
    try:
        return run_isolated(
            _check_and_run,
            store,
            text,
            name,
            max_rows,
            present,
            timeout=timeout,
            memory_mb=memory_mb,
            isolate_network=not allow,
            allow=allow,
            answer_mb=answer_mb,
            nice=_WORKER_NICE,
        )
    except TimeLimitExceeded:
        raise QueryTimeout(f"query stopped after {timeout:g} s (time limit)", file=name) from None
    except AnswerTooLarge as err:
        problem = f"the result is larger than {err.megabytes} MB: lower the row cap or select fewer or shorter values"
        raise InputError(problem, file=name) from None
    except MemoryLimitExceeded as err:
        raise InputError(f"query stopped: it needed more than {err.megabytes} MB (memory limit)", file=name) from None
    except SandboxError as err:
        raise InputError(f"query failed: {err}", file=name) from None


def _check_and_run(
    store: Store,
    text: str,
    name: str,
    max_rows: int | None,
    present: Callable[[QueryResult], object] | None = None,
) -> QueryResult:
    """The checks, the query, then ``present`` (in the worker process, or here when there is no time limit)."""
    loaded = {g.value for g in store.named_graphs() if isinstance(g, ox.NamedNode)}
    checked = check_query(text, name=name, loaded_graphs=loaded)
    try:
        result = _collect(store.query(checked.text), max_rows)
    except SyntaxError as err:
        raise InputError(_syntax_problem(str(err)), file=name, line=_line(str(err))) from None
    except (OSError, ValueError, RuntimeError, TypeError) as err:
        raise InputError(f"query failed: {err}", file=name) from None
    return result if present is None else replace(result, presented=present(result))


def _collect(result: object, max_rows: int | None) -> QueryResult:
    """Oxigraph's answer as a :class:`QueryResult`, keeping at most ``max_rows``."""
    if isinstance(result, bool | ox.QueryBoolean):
        return QueryResult("ask", boolean=bool(result))
    if isinstance(result, ox.QuerySolutions):
        columns = tuple(v.value for v in result.variables)
        rows, raw, truncated = [], [], False
        for count, solution in enumerate(result):
            if max_rows is not None and count >= max_rows:
                truncated = True
                break
            rows.append({c: term_value(solution[c]) for c in columns})
            raw.append({c: term_value(solution[c], short=False) for c in columns})
        return QueryResult("select", columns, rows, raw, truncated=truncated)
    triples = []
    truncated = False
    for count, triple in enumerate(result):
        if max_rows is not None and count >= max_rows:
            truncated = True
            break
        triples.append(tuple(term_value(t, short=False) for t in (triple.subject, triple.predicate, triple.object)))
    rows = [dict(zip(("subject", "predicate", "object"), (compact(x) for x in t), strict=True)) for t in triples]
    return QueryResult("graph", ("subject", "predicate", "object"), rows, [], triples=triples, truncated=truncated)


def _line(message: str) -> int:
    match = _POSITION.search(message)
    return int(match.group(1)) if match else 0


def _syntax_problem(message: str) -> str:
    """'error at 1:9: expected ...' → 'column 9: expected ...'."""
    match = _POSITION.search(message)
    if not match:
        return f"SPARQL syntax error: {message}"
    rest = message[match.end() :].lstrip(": ")
    return f"column {match.group(2)}: SPARQL syntax error: {rest}"
