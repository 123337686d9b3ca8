"""Computed relations written back as RDF, in the derived graph.

The analyses of :mod:`graph.network.caching` and :mod:`graph.network.migration`
become triples in the named graph ``https://w3id.org/cloudatlas/graph/derived``:
``cache ca:cachingLayer service`` for every caching layer, and ``source
ca:canMigrateTo target`` for every pair a migration path joins. Each triple is
reified there too (an ``rdf:Statement`` named like the provenance statements)
with ``ca:derivedBy`` its ``ca:Rule``, so a query can always tell noted from
computed. :func:`add_derived` replaces the derived graph, so running it twice
gives the same store.

Examples
--------
>>> from graph.network.build import with_prefixes
>>> from graph.rdf.store import Store
>>> store = Store()
>>> store.load_text(with_prefixes('''
... cid:dax a ca:CacheService ; rdfs:label "DAX" ; ca:caches cid:dynamodb .
... cid:dynamodb a ca:DatabaseService ; rdfs:label "DynamoDB" .
... '''), "turtle")
>>> add_derived(store)
11
>>> [str(row["rule"]) for row in store.query('''SELECT ?rule WHERE { GRAPH ?g {
...     ?st rdf:subject cid:dax ; rdf:predicate ca:cachingLayer ; rdf:object cid:dynamodb ; ca:derivedBy ?rule } }''')]
['<https://w3id.org/cloudatlas/rule/noted-cache>']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import networkx as nx
import pyoxigraph as ox

from graph.network.build import to_networkx
from graph.network.caching import caching_layers
from graph.network.migration import migration_paths
from graph.network.rules import RULES
from graph.rdf.triples import statement_iri
from ontology.vocab import CA, DERIVED_GRAPH

if TYPE_CHECKING:
    from graph.rdf.store import Store

__all__ = ["RULE_NS", "rule_iri", "derived_quads", "add_derived", "derive_network"]

#: Namespace of the rules that compute relations.
RULE_NS = "https://w3id.org/cloudatlas/rule/"

_RDF = "http://www.w3.org/1999/02/22-rdf-syntax-ns#"
_RDFS = "http://www.w3.org/2000/01/rdf-schema#"
_PROV_DERIVED_FROM = "http://www.w3.org/ns/prov#wasDerivedFrom"


def rule_iri(name: str) -> str:
    """The IRI of a rule in :data:`graph.network.rules.RULES`.

    >>> rule_iri("edge-cache-fronts-origin")
    'https://w3id.org/cloudatlas/rule/edge-cache-fronts-origin'
    """
    if name not in RULES:
        raise ValueError(f"unknown rule {name!r}")
    return RULE_NS + name


class _Quads:
    """Collects quads of the derived graph, each once."""

    def __init__(self) -> None:
        self.graph = ox.NamedNode(str(DERIVED_GRAPH))
        self.quads: dict[str, ox.Quad] = {}
        self.rules: set[str] = set()

    def add(self, s: str, p: str, o: str | ox.Literal) -> None:
        obj = o if isinstance(o, ox.Literal) else ox.NamedNode(o)
        quad = ox.Quad(ox.NamedNode(s), ox.NamedNode(p), obj, self.graph)
        self.quads.setdefault(str(quad), quad)

    def relation(self, s: str, p: str, o: str, rule: str, extra: dict[str, list[str | ox.Literal]]) -> None:
        """``s p o`` and its reified statement, derived by ``rule``."""
        self.add(s, p, o)
        stmt = statement_iri(s, p, o)
        self.add(stmt, _RDF + "type", _RDF + "Statement")
        self.add(stmt, _RDF + "subject", s)
        self.add(stmt, _RDF + "predicate", p)
        self.add(stmt, _RDF + "object", o)
        self.add(stmt, str(CA.derivedBy), rule_iri(rule))
        for pred, values in extra.items():
            for value in values:
                self.add(stmt, pred, value)
        self.rules.add(rule)

    def sorted(self) -> list[ox.Quad]:
        for name in sorted(self.rules):
            iri = rule_iri(name)
            self.add(iri, _RDF + "type", str(CA.Rule))
            self.add(iri, _RDFS + "label", ox.Literal(name))
            self.add(iri, _RDFS + "comment", ox.Literal(RULES[name].comment))
            for page in RULES[name].sources:
                self.add(iri, _RDFS + "seeAlso", page)
        return [self.quads[key] for key in sorted(self.quads)]


def derived_quads(g: nx.MultiDiGraph) -> list[ox.Quad]:
    """The computed relations of a graph as quads of the derived graph.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.

    Returns
    -------
    list of pyoxigraph.Quad
        Sorted, each once: caches right in front of a service (``ca:cachingLayer``, with
        ``ca:layer`` on the cache and the statement, and the notes of noted ones), migration
        reachability between services and engines (``ca:canMigrateTo``, with the
        shortest route as ``rdfs:comment``), the reified statements and the rules used (with
        their documentation pages as ``rdfs:seeAlso``).

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("https://e.org/dax", label="DAX", classes=("CacheService",))
    >>> g.add_node("https://e.org/ddb", label="DynamoDB", classes=("DatabaseService",))
    >>> g.add_edge("https://e.org/dax", "https://e.org/ddb", key="caches")
    'caches'
    >>> print(derived_quads(g)[0])
    <https://e.org/dax> <https://w3id.org/cloudatlas/ontology#cachingLayer> <https://e.org/ddb> \
<https://w3id.org/cloudatlas/graph/derived>
    """
    out = _Quads()
    layer_p = str(CA.layer)
    for layer in caching_layers(g):
        if not layer.direct:
            continue
        tier = ox.Literal(layer.tier)
        extra: dict[str, list[str | ox.Literal]] = {layer_p: [tier]}
        if layer.sources:
            extra[_PROV_DERIVED_FROM] = [ref.iri for ref in layer.sources if ref.iri]
        out.relation(layer.cache, str(CA.cachingLayer), layer.service, layer.rule, extra)
        out.add(layer.cache, layer_p, tier)
    seen: set[tuple[str, str]] = set()
    for path in migration_paths(g):
        pair = (path.source, path.target)
        if path.source == path.target or pair in seen or not (_is_end(g, path.source) and _is_end(g, path.target)):
            continue
        seen.add(pair)
        comment = ox.Literal(path.route)
        out.relation(path.source, str(CA.canMigrateTo), path.target, path.rule, {_RDFS + "comment": [comment]})
    return out.sorted()


def _is_end(g: nx.MultiDiGraph, node: str) -> bool:
    """A service or an engine: what ``ca:canMigrateTo`` may join."""
    return any(c.endswith("Service") or c in ("DataWarehouse", "Engine") for c in g.nodes[node].get("classes", ()))


def add_derived(store: Store) -> int:
    """Compute the derived relations of a store and put them in its derived graph.

    The derived graph is replaced, not added to, so the result does not depend on
    how often this runs.

    Parameters
    ----------
    store : graph.rdf.store.Store
        The store to read and update.

    Returns
    -------
    int
        The number of quads in the derived graph.
    """
    return _replace_derived(store, derived_quads(to_networkx(store)))


def derive_network(store: Store) -> nx.MultiDiGraph:
    """:func:`add_derived`, and the store's network afterwards: what ``to_networkx(store)`` then gives.

    The network is built once, where calling both would read the store twice.

    >>> from graph.rdf.pipeline import build_store
    >>> store = build_store()
    >>> g = derive_network(store)
    >>> sorted(g.edges(keys=True)) == sorted(to_networkx(store).edges(keys=True))
    True
    """
    return to_networkx(store, derive=lambda g: _replace_derived(store, derived_quads(g)))


def _replace_derived(store: Store, quads: list[ox.Quad]) -> int:
    """Put ``quads`` in place of the store's derived graph; how many there are."""
    graph = ox.NamedNode(str(DERIVED_GRAPH))
    if store.ox.contains_named_graph(graph):
        store.ox.clear_graph(graph)
    store.ox.extend(quads)
    return len(quads)
