"""Checks on query text before anything runs it: read-only SPARQL over the loaded data only.

:func:`check_query` parses the text with rdflib's SPARQL parser and looks at the
parse tree and the algebra, never at the raw text: only SELECT, ASK, CONSTRUCT
and DESCRIBE pass; updates, ``LOAD``, ``SERVICE`` and ``FROM``/``FROM NAMED``
naming graphs that are not loaded are refused with a :class:`QueryRefused`, a
syntax error is an :class:`~graph.errors.InputError` with the line and column.

The text that passed is what must be run (``CheckedQuery.text``): line ends are
normalised first, and characters on which SPARQL parsers are known to disagree
(control characters, ``\\u`` escapes outside strings) are refused, so that the
engine runs exactly what was checked.

Importing this module turns off rdflib's loading of ``FROM`` graphs from the web
(``rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS``).

Examples
--------
>>> check_query("SELECT ?s WHERE { ?s a ca:Service }").kind
'select'
>>> check_query("SELECT * WHERE { SERVICE <http://127.0.0.1:9/> { ?s ?p ?o } }")
Traceback (most recent call last):
...
graph.query.guard.QueryRefused: <query>:1: SERVICE is not allowed (queries run on the loaded graph only)
>>> check_query("DELETE WHERE { ?s ?p ?o }")
Traceback (most recent call last):
...
graph.query.guard.QueryRefused: <query>:0: updates are not allowed (only SELECT, ASK, CONSTRUCT and DESCRIBE)
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Collection, Iterator, Mapping
from dataclasses import dataclass

import rdflib.plugins.sparql
from pyparsing import ParseBaseException
from rdflib.plugins.sparql.algebra import translateQuery
from rdflib.plugins.sparql.parser import expandUnicodeEscapes_re, parseQuery, parseUpdate

from graph.errors import InputError
from graph.rdf.store import PREFIXES

__all__ = ["CheckedQuery", "QueryRefused", "check_query", "normalize_query", "MAX_QUERY_CHARS", "QUERY_FORMS"]

rdflib.plugins.sparql.SPARQL_LOAD_GRAPHS = False

#: Longest query text accepted, in characters.
MAX_QUERY_CHARS = 50_000

#: The query forms that may run, by rdflib algebra name.
QUERY_FORMS = {"SelectQuery": "select", "AskQuery": "ask", "ConstructQuery": "construct", "DescribeQuery": "describe"}

_UPDATE_WORDS = {"INSERT", "DELETE", "LOAD", "CLEAR", "CREATE", "DROP", "COPY", "MOVE", "ADD", "WITH"}
_PROLOGUE = re.compile(r"\s*(?:#[^\n]*\n\s*|PREFIX\s+[^\s:]*:\s*<[^>]*>\s*|BASE\s*<[^>]*>\s*)*([A-Za-z]+)", re.I)
_PYPARSING_TAIL = re.compile(r"\s*\(at char \d+\), \(line:\d+, col:\d+\)$")
_ALLOWED_CONTROLS = {"\t", "\n"}
_DISAGREEING = {"\u2028", "\u2029", "\u0085", "\ufeff"}


class QueryRefused(InputError):
    """A query that parses but asks for something not allowed (an update, SERVICE, LOAD, unloaded data)."""


@dataclass(frozen=True)
class CheckedQuery:
    """A query that passed the checks.

    ``text`` is what to run (line ends normalised), ``kind`` one of ``select``,
    ``ask``, ``construct``, ``describe``; ``from_graphs`` and ``from_named`` the
    IRIs named by ``FROM`` and ``FROM NAMED``.
    """

    text: str
    kind: str
    from_graphs: tuple[str, ...] = ()
    from_named: tuple[str, ...] = ()


def _position(text: str, index: int) -> tuple[int, int]:
    """1-based (line, column) of ``text[index]``.

    >>> _position("ab\\ncd", 4)
    (2, 2)
    """
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def normalize_query(text: str, *, name: str = "<query>") -> str:
    """Query text with ``\\n`` line ends, or :class:`InputError` for text parsers may read differently.

    Refused: text longer than :data:`MAX_QUERY_CHARS`, control characters other
    than tab and line ends, Unicode line separators, lone surrogates, and
    ``\\u``/``\\U`` escapes (one parser expands them everywhere, another only in
    strings).

    >>> normalize_query("ASK {}\\r\\n# done\\r")
    'ASK {}\\n# done\\n'
    >>> normalize_query("ASK { FILTER(1) }\\x00")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: <query>:1: column 18: control character U+0000 is not allowed in a query
    """
    if not isinstance(text, str):
        raise InputError("query text must be a string", file=name)
    if len(text) > MAX_QUERY_CHARS:
        raise InputError(f"query is too long ({len(text):,} characters; at most {MAX_QUERY_CHARS:,})", file=name)
    text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
    for index, char in enumerate(text):
        if char in _ALLOWED_CONTROLS or (char.isprintable() and char not in _DISAGREEING) or char == " ":
            continue
        category = unicodedata.category(char)
        if category in ("Cc", "Cs") or char in _DISAGREEING:
            line, column = _position(text, index)
            what = {"Cs": "lone surrogate", "Cc": "control character"}.get(category, "character")
            raise InputError(
                f"column {column}: {what} U+{ord(char):04X} is not allowed in a query", file=name, line=line
            )
    escape = expandUnicodeEscapes_re.search(text)
    if escape:
        line, column = _position(text, escape.start())
        raise InputError(
            f"column {column}: {escape.group(0)} escapes are not supported; write the character itself",
            file=name,
            line=line,
        )
    return text


def _nodes(tree: object) -> Iterator[object]:
    """Every node of an rdflib parse tree or algebra (depth first, without recursion)."""
    stack = [tree]
    seen: set[int] = set()
    while stack:
        node = stack.pop()
        if id(node) in seen or isinstance(node, str | bytes | int | float):
            continue
        seen.add(id(node))
        yield node
        if isinstance(node, Mapping):
            stack.extend(node.values())
        elif isinstance(node, list | tuple | set | frozenset):
            stack.extend(node)
        elif hasattr(node, "as_list") and hasattr(node, "__iter__"):  # pyparsing ParseResults
            stack.extend(list(node))


def _syntax_error(err: ParseBaseException, text: str, name: str) -> InputError:
    """A pyparsing error as ``line L: column C: SPARQL syntax error near '...'``."""
    line, column = _position(text, min(err.loc, len(text)))
    found = text[err.loc :].split("\n")[0].strip()
    if not found:
        return InputError(f"column {column}: SPARQL syntax error: the query ends too early", file=name, line=line)
    if len(found) > 30:
        found = found[:29] + "…"
    problem = f"column {column}: SPARQL syntax error near {found!r}"
    expected = re.match(r"Expected (end of text|'[^']+'|\"[^\"]+\")", _PYPARSING_TAIL.sub("", str(err)))
    if expected:
        problem += f" (expected {expected.group(1).replace('end of text', 'the end of the query')})"
    return InputError(problem, file=name, line=line)


def _refuse_update(text: str, name: str) -> None:
    """Raise :class:`QueryRefused` when the text is (or starts like) a SPARQL update."""
    try:
        update = parseUpdate(text)
    except (ParseBaseException, RecursionError, ValueError, TypeError, KeyError, AttributeError):
        update = None
    if update is not None:
        requests = dict.get(update, "request") or []  # CompValue.get answers the key itself for a missing key
        names = {getattr(request, "name", "") for request in requests}
        if "Load" in names:
            raise QueryRefused("LOAD is not allowed (queries run on the loaded graph only)", file=name)
        raise QueryRefused("updates are not allowed (only SELECT, ASK, CONSTRUCT and DESCRIBE)", file=name)
    match = _PROLOGUE.match(text)
    word = match.group(1).upper() if match else ""
    if word == "LOAD":
        raise QueryRefused("LOAD is not allowed (queries run on the loaded graph only)", file=name)
    if word in _UPDATE_WORDS:
        raise QueryRefused("updates are not allowed (only SELECT, ASK, CONSTRUCT and DESCRIBE)", file=name)


def check_query(
    text: str,
    *,
    name: str = "<query>",
    loaded_graphs: Collection[str] = (),
    prefixes: Mapping[str, str] = PREFIXES,
) -> CheckedQuery:
    """Check that ``text`` is a read-only query over the loaded data only.

    Parameters
    ----------
    text
        The SPARQL query.
    name
        The name used in error messages (a file name, or ``<query>``).
    loaded_graphs
        IRIs of the named graphs in the store; ``FROM`` and ``FROM NAMED`` may name only these.
    prefixes
        Prefixes declared before the text (the CloudAtlas ones by default).

    Returns
    -------
    CheckedQuery
        The normalised text to run, with its form and the graphs it names.

    Raises
    ------
    QueryRefused
        For updates, ``LOAD``, ``SERVICE``, and ``FROM`` naming graphs that are not loaded.
    InputError
        For a syntax error (with line and column), an unknown prefix, or text that is too long.

    Examples
    --------
    >>> check_query("ASK { ?s ?p ?o }").kind
    'ask'
    >>> check_query("SELECT * FROM <https://e.org/g> WHERE { ?s ?p ?o }")
    Traceback (most recent call last):
    ...
    graph.query.guard.QueryRefused: <query>:0: FROM <https://e.org/g> names data that is not loaded
    >>> check_query("SELECT * FROM <https://e.org/g> { ?s ?p ?o }", loaded_graphs={"https://e.org/g"}).from_graphs
    ('https://e.org/g',)
    >>> check_query("SELECT ?s WHERE {\\n  ?s ?p\\n}")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: <query>:2: column 3: SPARQL syntax error near '?s ?p'
    """
    text = normalize_query(text, name=name)
    try:
        tree = parseQuery(text)
    except ParseBaseException as err:
        _refuse_update(text, name)
        raise _syntax_error(err, text, name) from None
    except RecursionError:
        raise InputError("query is nested too deeply to check", file=name) from None
    _refuse_service(tree, text, name)
    try:
        query = translateQuery(tree, initNs=dict(prefixes))
    except RecursionError:
        raise InputError("query is nested too deeply to check", file=name) from None
    except Exception as err:  # noqa: BLE001 - rdflib raises bare Exceptions for unknown prefixes and the like
        raise InputError(_translate_problem(err), file=name) from None
    algebra = query.algebra
    kind = QUERY_FORMS.get(getattr(algebra, "name", ""))
    if kind is None:
        raise QueryRefused("only SELECT, ASK, CONSTRUCT and DESCRIBE queries may run", file=name)
    _refuse_service(algebra, text, name)
    from_graphs, from_named = _datasets(algebra, name, set(loaded_graphs))
    return CheckedQuery(text, kind, from_graphs, from_named)


def _refuse_service(tree: object, text: str, name: str) -> None:
    """Raise :class:`QueryRefused` when the tree holds a SERVICE pattern anywhere (sub-queries and EXISTS too)."""
    for node in _nodes(tree):
        if getattr(node, "name", None) == "ServiceGraphPattern":
            source = node["service_string"] if isinstance(node, Mapping) and "service_string" in node else None
            index = text.find(source) if isinstance(source, str) and source else -1
            line = _position(text, index)[0] if index >= 0 else 0
            raise QueryRefused("SERVICE is not allowed (queries run on the loaded graph only)", file=name, line=line)


def _datasets(algebra: object, name: str, loaded: set[str]) -> tuple[tuple[str, ...], tuple[str, ...]]:
    """The FROM and FROM NAMED IRIs, refusing any that name data not loaded."""
    default: list[str] = []
    named: list[str] = []
    for node in _nodes(algebra):
        if getattr(node, "name", None) != "DatasetClause" or not isinstance(node, Mapping):
            continue
        if "default" in node:  # CompValue.get answers the key itself for a missing key
            iri, keyword, into = str(node["default"]), "FROM", default
        else:
            iri, keyword, into = str(node.get("named")), "FROM NAMED", named
        if iri not in loaded:
            raise QueryRefused(f"{keyword} <{iri}> names data that is not loaded", file=name)
        into.append(iri)
    return tuple(default), tuple(named)


def _translate_problem(err: Exception) -> str:
    """rdflib's message for a query that parsed but does not make sense.

    >>> _translate_problem(Exception("Unknown namespace prefix : foo"))
    'unknown prefix foo: (declare it with PREFIX foo: <...>)'
    """
    message = str(err)
    match = re.match(r"Unknown namespace prefix : ?(\S*)", message)
    if match:
        prefix = match.group(1)
        return f"unknown prefix {prefix}: (declare it with PREFIX {prefix}: <...>)"
    return f"SPARQL error: {message}" if message else f"SPARQL error: {type(err).__name__}"
