"""Named example queries (``ontology/queries/*.rq``) and the shapes the app gives their results.

Each file starts with ``# title:`` and ``# description:`` comment lines; the
file's stem is the query's name. :func:`load_examples` reads them all, sorted
by title; :func:`query_kind` tells SELECT, ASK, CONSTRUCT and DESCRIBE apart.
For results: :func:`result_nodes` picks the values of a SELECT that are nodes of
a graph, :func:`triples_store` turns the triples of a CONSTRUCT or DESCRIBE into
a small store (to draw, or to save as Turtle with :func:`triples_turtle`).

Examples
--------
>>> from pathlib import Path
>>> from tempfile import TemporaryDirectory
>>> with TemporaryDirectory() as folder:
...     _ = (Path(folder) / "rds-limits.rq").write_text(
...         "# title: Limits of RDS\\n# description: Every limit noted for RDS.\\n"
...         "SELECT ?limit WHERE { cid:rds ca:hasLimit ?limit }\\n")
...     examples = load_examples(folder)
>>> [(e.name, e.title, e.kind) for e in examples]
[('rds-limits', 'Limits of RDS', 'select')]
>>> examples[0].description
'Every limit noted for RDS.'
"""

from __future__ import annotations

import re
from collections.abc import Container, Iterable, Mapping
from dataclasses import dataclass
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph.errors import InputError
from graph.network import local_name, to_networkx
from graph.rdf.store import Store
from ontology import QUERIES_DIR

__all__ = [
    "ExampleQuery",
    "KINDS",
    "load_examples",
    "query_kind",
    "parse_example",
    "without_prefixes",
    "result_nodes",
    "triples_store",
    "triples_turtle",
    "triples_graph",
]

#: Query forms, as :func:`query_kind` names them.
KINDS = ("select", "ask", "construct", "describe")

_HEADER = re.compile(r"^#\s*(title|description)\s*:\s*(.*?)\s*$", re.IGNORECASE)
_COMMENT = re.compile(r"#[^\n]*")
_IRI = re.compile(r"<[^>\s]*>")
_STRING = re.compile(r"'''.*?'''|\"\"\".*?\"\"\"|'(?:[^'\\\n]|\\.)*'|\"(?:[^\"\\\n]|\\.)*\"", re.DOTALL)
_FORM = re.compile(r"\b(select|ask|construct|describe)\b", re.IGNORECASE)


@dataclass(frozen=True)
class ExampleQuery:
    """A named example query: ``name`` is the file stem, ``kind`` one of :data:`KINDS`."""

    name: str
    title: str
    description: str
    text: str
    kind: str


def query_kind(text: str) -> str:
    """The form of a SPARQL query: ``select``, ``ask``, ``construct`` or ``describe``.

    Comments, IRIs and strings are skipped, so ``PREFIX`` lines and quoted words
    do not count; ``""`` when no form is found.

    >>> query_kind("# ask me\\nPREFIX x: <http://e.org/select#>\\nCONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }")
    'construct'
    >>> query_kind("describe cid:aurora"), query_kind("nothing here")
    ('describe', '')
    """
    # Comments first would cut IRIs holding "#"; blank IRIs and strings first, then comments.
    bare = _COMMENT.sub(" ", _STRING.sub('""', _IRI.sub("<>", text)))
    match = _FORM.search(bare)
    return match.group(1).lower() if match else ""


def parse_example(name: str, text: str) -> ExampleQuery:
    """An example query from the text of a ``.rq`` file called ``name``.

    Raises
    ------
    graph.errors.InputError
        When the title or description line is missing, or the query has no form.

    Examples
    --------
    >>> parse_example("q", "# title: T\\n# description: D\\nASK { ?s ?p ?o }").kind
    'ask'
    >>> parse_example("q", "ASK {}")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: q.rq:1: missing '# title:' line
    """
    header: dict[str, str] = {}
    for line in text.splitlines():
        if not line.startswith("#"):
            break
        match = _HEADER.match(line)
        if match:
            header.setdefault(match.group(1).lower(), match.group(2))
    for part in ("title", "description"):
        if not header.get(part):
            raise InputError(f"missing '# {part}:' line", file=f"{name}.rq", line=1)
    kind = query_kind(text)
    if not kind:
        raise InputError("no SELECT, ASK, CONSTRUCT or DESCRIBE in the query", file=f"{name}.rq", line=1)
    return ExampleQuery(name, header["title"], header["description"], text, kind)


def load_examples(folder: str | Path = QUERIES_DIR) -> list[ExampleQuery]:
    """Every ``*.rq`` file in ``folder`` as an :class:`ExampleQuery`, sorted by title.

    Parameters
    ----------
    folder : str or pathlib.Path, default ``ontology/queries``
        Where the ``.rq`` files are.

    Returns
    -------
    list of ExampleQuery
        By title (case-insensitive), then name.

    Raises
    ------
    graph.errors.InputError
        When a file cannot be read or lacks its title or description.

    Examples
    --------
    >>> examples = load_examples()
    >>> len(examples) >= 12 and all(e.title and e.description for e in examples)
    True
    """
    examples = []
    for path in sorted(Path(folder).glob("*.rq")):
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as err:
            raise InputError(f"cannot read the query: {err}", file=str(path)) from None
        examples.append(parse_example(path.stem, text))
    return sorted(examples, key=lambda e: (e.title.casefold(), e.name))


_PREFIX_LINE = re.compile(r"^\s*PREFIX\s+([A-Za-z][\w.-]*)?:\s*<([^>]*)>\s*$", re.IGNORECASE)


def without_prefixes(text: str, declared: Mapping[str, str]) -> str:
    """``text`` without the ``PREFIX`` lines that repeat a ``declared`` prefix exactly (blank runs closed up).

    >>> text = "# title: T\\n\\nPREFIX cid: <https://w3id.org/cloudatlas/id/>\\nPREFIX ex: <https://e.org/>\\n\\nASK {}"
    >>> print(without_prefixes(text, {"cid": "https://w3id.org/cloudatlas/id/"}))
    # title: T
    <BLANKLINE>
    PREFIX ex: <https://e.org/>
    <BLANKLINE>
    ASK {}
    """
    kept: list[str] = []
    for line in text.splitlines():
        match = _PREFIX_LINE.match(line)
        if match and declared.get(match.group(1) or "") == match.group(2):
            continue
        if not line.strip() and kept and not kept[-1].strip():
            continue
        kept.append(line)
    return "\n".join(kept) + ("\n" if text.endswith("\n") else "")


# ---------------------------------------------------------------------------
# Results
# ---------------------------------------------------------------------------

_ABSOLUTE_IRI = re.compile(r"(?:https?|urn|mailto|file|tag):[^\s<>\"{}|\\^`]*")


def result_nodes(rows: Iterable[Mapping[str, str | None]], nodes: Container[str]) -> list[str]:
    """The values of result rows (full IRIs) that are nodes of a graph, in first-seen order.

    >>> rows = [{"s": "https://e.org/a", "n": "A"}, {"s": "https://e.org/b", "n": "https://e.org/a"}]
    >>> result_nodes(rows, {"https://e.org/a"})
    ['https://e.org/a']
    """
    seen: dict[str, None] = {}
    for row in rows:
        for value in row.values():
            if value is not None and value in nodes:
                seen.setdefault(value)
    return list(seen)


def _term(text: str, subjects: Container[str]) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    """An object as a term: blank node ``_:x``, an IRI when it is a subject or reads as one, else a literal."""
    if text.startswith("_:") and len(text) > 2:
        return ox.BlankNode(text[2:])
    if text in subjects or _ABSOLUTE_IRI.fullmatch(text):
        try:
            return ox.NamedNode(text)
        except ValueError:
            pass
    return ox.Literal(text)


def triples_store(triples: Iterable[tuple[str, str, str]]) -> Store:
    """The ``(subject, predicate, object)`` text triples of a CONSTRUCT or DESCRIBE as a new store.

    Objects that read as absolute IRIs (``https:``, ``urn:`` ...) or are subjects
    of another triple become IRIs, ``_:x`` a blank node, anything else a string.

    >>> ca, cid = "https://w3id.org/cloudatlas/ontology#", "https://w3id.org/cloudatlas/id/"
    >>> store = triples_store([(cid + "dax", ca + "caches", cid + "dynamodb"),
    ...                        (cid + "dax", "http://www.w3.org/2000/01/rdf-schema#label", "DAX")])
    >>> sorted(type(q.object).__name__ for q in store.ox)
    ['Literal', 'NamedNode']
    """
    triples = list(triples)
    subjects = {s for s, _, _ in triples}
    store = Store()
    quads = []
    for s, p, o in triples:
        subject = ox.BlankNode(s[2:]) if s.startswith("_:") else ox.NamedNode(s)
        quads.append(ox.Quad(subject, ox.NamedNode(p), _term(o, subjects)))
    store.ox.extend(quads)
    return store


def triples_turtle(triples: Iterable[tuple[str, str, str]]) -> str:
    """The triples as Turtle with the CloudAtlas prefixes (see :func:`triples_store`).

    >>> print(triples_turtle([("https://w3id.org/cloudatlas/id/rds", "http://www.w3.org/2000/01/rdf-schema#label",
    ...                        "RDS")]).splitlines()[-1])
    cid:rds rdfs:label "RDS" .
    """
    return triples_store(triples).dump("turtle").decode("utf-8")


def triples_graph(triples: Iterable[tuple[str, str, str]], known: nx.Graph | None = None) -> nx.MultiDiGraph:
    """The triples as a graph shaped like :func:`graph.network.build.to_networkx`, ready to draw.

    Nodes the triples do not label or type take their label, classes and aliases
    from ``known`` (the graph of the whole store) when it has them.

    >>> cid = "https://w3id.org/cloudatlas/id/"
    >>> known = nx.MultiDiGraph()
    >>> known.add_node(cid + "dynamodb", label="DynamoDB", classes=("DatabaseService",), aliases=())
    >>> g = triples_graph([(cid + "dax", "https://w3id.org/cloudatlas/ontology#caches", cid + "dynamodb")], known)
    >>> sorted((data["label"], data["classes"]) for _, data in g.nodes(data=True))
    [('DynamoDB', ('DatabaseService',)), ('dax', ())]
    >>> list(g.edges(keys=True))
    [('https://w3id.org/cloudatlas/id/dax', 'https://w3id.org/cloudatlas/id/dynamodb', 'caches')]
    """
    g = to_networkx(triples_store(triples), include_notes=True)
    if known is None:
        return g
    for node, data in g.nodes(data=True):
        if node not in known:
            continue
        other = known.nodes[node]
        if not data.get("classes") and other.get("classes"):
            data["classes"] = tuple(other["classes"])
        if data.get("label") in (None, "", local_name(node)) and other.get("label"):
            data["label"] = other["label"]
        if not data.get("aliases") and other.get("aliases"):
            data["aliases"] = tuple(other["aliases"])
    return g
