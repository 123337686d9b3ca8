"""What a SPARQL editor offers as you type: keywords, prefixes, ontology terms and names from the graph.

:func:`completions` gathers, from a loaded network (:func:`graph.network.build.to_networkx`), the
pre-declared prefixes, the classes and properties of the ``ca:`` ontology (read from
``ontology/cloudatlas.ttl``, with their comments), the few other terms the graph uses (``rdfs:label``,
``skos:altLabel`` ...), the SPARQL keywords, and the names of the things in the graph: services,
engines, features, concepts and limits, each with the compact IRI it is inserted as (``DynamoDB`` →
``cid:dynamodb``). Names are capped (services first) so a big graph stays a small payload.

The result is plain JSON data, ready for an editor component.

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://w3id.org/cloudatlas/id/dynamodb", label="DynamoDB", classes=("DatabaseService",))
>>> found = completions(g)
>>> [t["label"] for t in found["terms"] if t["label"].startswith("ca:has")]
['ca:hasFeature', 'ca:hasLimit']
>>> found["names"]
[{'label': 'DynamoDB', 'apply': 'cid:dynamodb', 'detail': 'DatabaseService'}]
>>> {"label": "ca:", "detail": "https://w3id.org/cloudatlas/ontology#"} in found["prefixes"]
True
"""

from __future__ import annotations

from collections.abc import Mapping
from functools import lru_cache
from pathlib import Path

import networkx as nx
import pyoxigraph as ox

from graph.rdf.store import PREFIXES
from ontology import ONTOLOGY_FILE

__all__ = ["completions", "ontology_terms", "compact_iri", "SPARQL_KEYWORDS", "NAME_CAP", "OTHER_TERMS"]

#: At most this many names from the graph are offered.
NAME_CAP = 2000

_KEYWORDS = """
SELECT DISTINCT REDUCED WHERE FILTER OPTIONAL UNION MINUS GRAPH SERVICE BIND VALUES AS ASK CONSTRUCT DESCRIBE
FROM NAMED ORDER BY ASC DESC LIMIT OFFSET GROUP HAVING PREFIX BASE NOT EXISTS IN UNDEF COUNT SUM MIN MAX AVG
SAMPLE GROUP_CONCAT SEPARATOR STR LANG LANGMATCHES DATATYPE BOUND IRI BNODE RAND ABS CEIL FLOOR ROUND CONCAT
STRLEN UCASE LCASE ENCODE_FOR_URI CONTAINS STRSTARTS STRENDS STRBEFORE STRAFTER YEAR MONTH DAY NOW UUID STRUUID
COALESCE IF STRLANG STRDT sameTerm isIRI isURI isBLANK isLITERAL isNUMERIC REGEX REPLACE SUBSTR
"""
#: SPARQL 1.1 keywords and the functions used most, as offered while typing.
SPARQL_KEYWORDS: tuple[str, ...] = tuple(_KEYWORDS.split())

#: Terms of other vocabularies that CloudAtlas graphs use, with what they say.
OTHER_TERMS: tuple[tuple[str, str, str], ...] = (
    ("rdf:type", "property", "The class of a thing (also written a)."),
    ("rdfs:label", "property", "The name of a thing."),
    ("rdfs:comment", "property", "A description of a thing."),
    ("rdfs:subClassOf", "property", "A class is a narrower kind of another."),
    ("skos:altLabel", "property", "Another name of a thing, as written in notes."),
    ("prov:wasDerivedFrom", "property", "The note line a statement comes from."),
    ("rdf:subject", "property", "The subject of a reified statement."),
    ("rdf:predicate", "property", "The property of a reified statement."),
    ("rdf:object", "property", "The object of a reified statement."),
)

# Names of these classes come first when the list is capped; any other class after them.
_CLASS_ORDER = ("Service", "Engine", "Feature", "Concept", "Limit")
_OWL = "http://www.w3.org/2002/07/owl#"
_KINDS = {
    f"{_OWL}Class": "class",
    f"{_OWL}ObjectProperty": "property",
    f"{_OWL}DatatypeProperty": "property",
    f"{_OWL}AnnotationProperty": "property",
}
_TYPE = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
_COMMENT = "http://www.w3.org/2000/01/rdf-schema#comment"


def compact_iri(iri: str, prefixes: Mapping[str, str] = PREFIXES) -> str | None:
    """``iri`` as ``prefix:local`` with the longest matching namespace, or None when none fits.

    A local part that is not a plain name (slashes, spaces, a leading dash ...) gives None, as it
    could not be written as a prefixed name.

    >>> compact_iri("https://w3id.org/cloudatlas/id/dynamodb")
    'cid:dynamodb'
    >>> compact_iri("https://w3id.org/cloudatlas/id/a b") is None
    True
    """
    best = max((ns for ns in prefixes.values() if iri.startswith(ns)), key=len, default=None)
    if best is None:
        return None
    local = iri[len(best) :]
    if not local or not (local[0].isalnum() or local[0] == "_") or not all(c.isalnum() or c in "_-." for c in local):
        return None
    if local.endswith("."):
        return None
    prefix = next(p for p, ns in prefixes.items() if ns == best)
    return f"{prefix}:{local}"


@lru_cache(maxsize=4)
def ontology_terms(path: Path = ONTOLOGY_FILE) -> tuple[dict[str, str], ...]:
    """The classes and properties of the ontology at ``path``, as ``{label, type, detail}``, by label.

    >>> terms = ontology_terms()
    >>> next(t for t in terms if t["label"] == "ca:hasLimit")["type"]
    'property'
    >>> next(t for t in terms if t["label"] == "ca:DatabaseService")["type"]
    'class'
    """
    quads = list(ox.parse(path=str(path), format=ox.RdfFormat.TURTLE))
    comments = {str(q.subject.value): q.object.value for q in quads if q.predicate.value == _COMMENT}
    found: dict[str, dict[str, str]] = {}
    for q in quads:
        kind = _KINDS.get(q.object.value) if q.predicate == _TYPE else None
        name = compact_iri(q.subject.value) if kind and isinstance(q.subject, ox.NamedNode) else None
        if name and name not in found:
            found[name] = {"label": name, "type": kind, "detail": comments.get(q.subject.value, "")}
    return tuple(sorted(found.values(), key=lambda t: t["label"].lower()))


def _rank(classes: tuple[str, ...]) -> int:
    ranks = [
        _CLASS_ORDER.index(c) if c in _CLASS_ORDER else 0 if c.endswith("Service") else len(_CLASS_ORDER)
        for c in classes
    ]
    return min(ranks, default=len(_CLASS_ORDER))


def completions(
    graph: nx.Graph, *, prefixes: Mapping[str, str] = PREFIXES, cap: int = NAME_CAP
) -> dict[str, list[dict[str, str]] | list[str]]:
    """Everything an editor may offer for queries over ``graph``, as JSON data.

    Parameters
    ----------
    graph : networkx.Graph
        The loaded network: nodes are IRIs with ``label`` and ``classes`` attributes.
    prefixes : Mapping[str, str]
        The pre-declared prefixes, by name.
    cap : int
        At most this many names are offered: services first, then engines, features, concepts,
        limits and anything else, each group by name.

    Returns
    -------
    dict
        ``keywords`` (str), ``prefixes`` (``{label: "ca:", detail: namespace}``), ``terms``
        (``{label: "ca:hasLimit", type: "class" or "property", detail: comment}``) and ``names``
        (``{label: "DynamoDB", apply: "cid:dynamodb", detail: classes}``).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> for i in range(5):
    ...     g.add_node(f"https://w3id.org/cloudatlas/id/f{i}", label=f"F{i}", classes=("Feature",))
    >>> g.add_node("https://w3id.org/cloudatlas/id/rds", label="RDS", classes=("DatabaseService",))
    >>> [n["label"] for n in completions(g, cap=3)["names"]]
    ['RDS', 'F0', 'F1']
    """
    terms = [dict(t) for t in ontology_terms()]
    terms += [{"label": name, "type": kind, "detail": text} for name, kind, text in OTHER_TERMS]
    ranked = []
    for node, data in graph.nodes(data=True):
        name = compact_iri(str(node), prefixes)
        label = str(data.get("label") or "").strip()
        if name and label and len(label) <= 120:
            classes = tuple(data.get("classes") or ())
            ranked.append((_rank(classes), label.lower(), label, name, ", ".join(classes)))
    ranked.sort()
    names = [{"label": label, "apply": name, "detail": classes} for _, _, label, name, classes in ranked[: max(cap, 0)]]
    return {
        "keywords": list(SPARQL_KEYWORDS),
        "prefixes": [{"label": f"{p}:", "detail": ns} for p, ns in prefixes.items()],
        "terms": terms,
        "names": names,
    }
