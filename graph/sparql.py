"""Read-only SPARQL over a store, with results as plain rows.

:func:`run_query` runs SELECT, ASK, CONSTRUCT and DESCRIBE with the CloudAtlas
prefixes pre-declared and returns a :class:`QueryResult`; a syntax error comes
back as :class:`~graph.errors.InputError` with the line and column.

Examples
--------
>>> from graph.store import Store
>>> store = Store()
>>> store.load_text('<https://w3id.org/cloudatlas/id/rds> <http://www.w3.org/2000/01/rdf-schema#label> "RDS" .', "nt")
>>> result = run_query(store, "SELECT ?s ?label WHERE { ?s rdfs:label ?label }")
>>> result.rows
[{'s': 'cid:rds', 'label': 'RDS'}]
>>> run_query(store, "ASK { cid:rds rdfs:label 'RDS' }").boolean
True
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import pyoxigraph as ox

from graph.errors import InputError
from graph.store import PREFIXES, Store

__all__ = ["QueryResult", "run_query", "compact", "term_value"]

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


def compact(iri: str) -> str:
    """An IRI in prefixed form when a CloudAtlas prefix covers it.

    >>> compact("https://w3id.org/cloudatlas/ontology#caches")
    'ca:caches'
    >>> compact("https://example.org/x")
    'https://example.org/x'
    """
    for prefix, namespace in PREFIXES.items():
        if iri.startswith(namespace) and re.fullmatch(r"[\w.%-]*", iri[len(namespace) :]):
            return f"{prefix}:{iri[len(namespace):]}"
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


def run_query(store: Store, text: str, *, name: str = "<query>", max_rows: int | None = None) -> QueryResult:
    """Run ``text`` against ``store``; ``name`` is used in error messages."""
    try:
        result = store.query(text)
    except SyntaxError as err:
        raise InputError(_syntax_problem(str(err)), file=name, line=_line(str(err))) from None
    except (OSError, ValueError, RuntimeError) as err:
        raise InputError(f"query failed: {err}", file=name) from None
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
