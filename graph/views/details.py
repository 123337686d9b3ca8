"""Everything the details panel shows about one node, as plain text values (pure, no Streamlit).

:func:`node_details` gathers a node's classes, label, aliases and comment, its
limits (what each bounds, min, max, unit symbol), its features, its neighbours
with the relation and direction, and the note lines it came from: the node's
own ``prov:wasDerivedFrom`` notes, those of its limits, and those of its
relations (from the provenance graph, carried on the edges of
:func:`graph.network.build.to_networkx`).

Public API (stable)::

    node_details(store, g, node) -> NodeDetails
    NodeDetails(node, label, classes, aliases, comment, limits, features, neighbours, sources)
    LimitRow(limit, label, bounds, min, max, unit, sources, value, engine)
    Neighbour(node, label, relation, direction, computed)
    SourceLine(file, line, text, about)       # str(line) -> "file:line  text"

Examples
--------
>>> from graph.network.build import to_networkx, with_prefixes
>>> from graph.rdf.store import Store
>>> store = Store()
>>> store.load_text(with_prefixes('''
... cid:rds a ca:DatabaseService ; rdfs:label "RDS" ; ca:hasLimit cid:rds-rr ;
...     prov:wasDerivedFrom cnote:a.md-L1 .
... cid:rds-rr a ca:Limit ; rdfs:label "RDS read replicas ≤ 5" ; ca:limitOf cid:rr ; ca:maxValue 5 ;
...     ca:unit unit:NUM ; prov:wasDerivedFrom cnote:a.md-L2 .
... cid:rr a ca:Feature ; rdfs:label "Read Replicas" .
... cnote:a.md-L1 a ca:Note ; ca:sourceFile "a.md" ; ca:line 1 ; ca:text "## RDS" .
... cnote:a.md-L2 a ca:Note ; ca:sourceFile "a.md" ; ca:line 2 ; ca:text "- Up to 5 read replicas" .
... '''), "turtle")
>>> d = node_details(store, to_networkx(store), "https://w3id.org/cloudatlas/id/rds")
>>> d.label, d.classes, [(r.bounds, r.min, r.max, r.unit, r.value) for r in d.limits]
('RDS', ('DatabaseService',), [('Read Replicas', '', '5', '', '≤ 5')])
>>> [(r.bounds, r.value) for r in node_details(store, to_networkx(store), "RDS read replicas ≤ 5").limits]
[('Read Replicas', '≤ 5')]
>>> [str(s) for s in d.sources]
['a.md:1  ## RDS', 'a.md:2  - Up to 5 read replicas']
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass
from decimal import Decimal
from typing import TYPE_CHECKING

import networkx as nx
import pyoxigraph as ox

from graph.network import NoteRef, find_node, label_of
from graph.read.measures import bounds_text, unit_name

if TYPE_CHECKING:
    from graph.rdf.store import Store

__all__ = ["SourceLine", "LimitRow", "Neighbour", "NodeDetails", "node_details", "note_refs", "number_text"]

_CA = "https://w3id.org/cloudatlas/ontology#"
_DERIVED_FROM = ox.NamedNode("http://www.w3.org/ns/prov#wasDerivedFrom")
_FILE, _LINE, _TEXT = (ox.NamedNode(_CA + p) for p in ("sourceFile", "line", "text"))
_FEATURE = "hasFeature"
_LIMIT = "hasLimit"
_LIMIT_OF = "limitOf"
_FOR_ENGINE = "forEngine"


@dataclass(frozen=True, order=True)
class SourceLine:
    """A note line behind the node: ``file``, ``line``, the ``text`` as written, and what it supports.

    >>> str(SourceLine("aws.md", 13, "Up to 5 read replicas", "RDS read replicas ≤ 5"))
    'aws.md:13  Up to 5 read replicas'
    """

    file: str
    line: int
    text: str
    about: str = ""

    def __str__(self) -> str:
        return f"{self.file}:{self.line}  {self.text}".rstrip()


@dataclass(frozen=True)
class LimitRow:
    """One limit of the node: what it bounds, the bound (plain text numbers) and the unit symbol; ``value`` the
    bounds as people read them ("1–35 days", "≤ 400 KB"), ``engine`` the engine the limit is for."""

    limit: str
    label: str
    bounds: str
    min: str
    max: str
    unit: str
    sources: tuple[SourceLine, ...] = ()
    value: str = ""
    engine: str = ""


@dataclass(frozen=True)
class Neighbour:
    """A node linked to this one: ``direction`` is ``"out"`` (this -relation-> it) or ``"in"``."""

    node: str
    label: str
    relation: str
    direction: str
    computed: bool = False

    def text(self) -> str:
        """The link as one line, seen from the node.

        >>> Neighbour("x:b", "B", "caches", "in").text()
        '<-caches- B'
        """
        arrow = f"-{self.relation}->" if self.direction == "out" else f"<-{self.relation}-"
        return f"{arrow} {self.label}" + (" (computed)" if self.computed else "")


@dataclass(frozen=True)
class NodeDetails:
    """What the details panel shows about ``node``; every value is plain text."""

    node: str
    label: str
    classes: tuple[str, ...]
    aliases: tuple[str, ...]
    comment: str
    limits: tuple[LimitRow, ...]
    features: tuple[tuple[str, str], ...]
    neighbours: tuple[Neighbour, ...]
    sources: tuple[SourceLine, ...]


def number_text(value: object) -> str:
    """A bound as plain text, without trailing zeros.

    >>> number_text(Decimal("5.0")), number_text(Decimal("0.50")), number_text(None)
    ('5', '0.5', '')
    """
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value.normalize(), "f")
    return str(value)


def _decimal(value: object) -> Decimal | None:
    """A bound as a Decimal (the network may carry floats)."""
    if value is None or isinstance(value, Decimal):
        return value
    return Decimal(str(value))


def note_refs(store: Store, node: str) -> tuple[NoteRef, ...]:
    """The note lines ``node`` was derived from (``prov:wasDerivedFrom`` → ``ca:Note``), sorted.

    Parameters
    ----------
    store : graph.rdf.store.Store
        The store holding the node and its notes.
    node : str
        The node's IRI.

    Returns
    -------
    tuple of graph.network.build.NoteRef
        File, line and text of each note, in any graph of the store.

    Examples
    --------
    >>> from graph.network.build import with_prefixes
    >>> from graph.rdf.store import Store
    >>> store = Store()
    >>> store.load_text(with_prefixes('''cid:x prov:wasDerivedFrom cnote:n.md-L3 .
    ... cnote:n.md-L3 ca:sourceFile "n.md" ; ca:line 3 ; ca:text "X" .'''), "turtle")
    >>> [(r.file, r.line, r.text) for r in note_refs(store, "https://w3id.org/cloudatlas/id/x")]
    [('n.md', 3, 'X')]
    """
    try:
        subject = ox.NamedNode(node)
    except ValueError:
        return ()
    refs = set()
    for quad in store.ox.quads_for_pattern(subject, _DERIVED_FROM, None, None):
        if isinstance(quad.object, ox.NamedNode):
            refs.add(_note(store, quad.object))
    return tuple(sorted(refs))


def _note(store: Store, note: ox.NamedNode) -> NoteRef:
    parts: dict[str, str] = {}
    for pred, key in ((_FILE, "file"), (_LINE, "line"), (_TEXT, "text")):
        for quad in store.ox.quads_for_pattern(note, pred, None, None):
            if isinstance(quad.object, ox.Literal):
                parts.setdefault(key, quad.object.value)
    line = parts.get("line", "0")
    return NoteRef(parts.get("file", ""), int(line) if line.isdigit() else 0, parts.get("text", ""), note.value)


def _sources(refs_about: dict[NoteRef, list[str]], first: str) -> tuple[SourceLine, ...]:
    """One line per note, with what it supports: the node itself first, then the rest alphabetically."""
    lines = []
    for ref, about in refs_about.items():
        parts = sorted(set(about), key=lambda a: (a != first, a.casefold(), a))
        lines.append(SourceLine(ref.file, ref.line, ref.text, "; ".join(parts)))
    return tuple(sorted(lines))


def node_details(store: Store, g: nx.MultiDiGraph, node: str) -> NodeDetails:
    """What is known about ``node``: names, classes, limits, features, neighbours and source lines.

    Parameters
    ----------
    store : graph.rdf.store.Store
        The store ``g`` was made from (for the notes the node and its limits came from).
    g : networkx.MultiDiGraph
        The graph of :func:`graph.network.build.to_networkx` (edges carry their note lines).
    node : str
        An IRI, label or alias.

    Returns
    -------
    NodeDetails
        Plain text values: limits sorted by what they bound, features and neighbours
        sorted by label, source lines by file and line (each once, with what it supports).

    Raises
    ------
    graph.errors.InputError
        When ``node`` names nothing in ``g``.
    """
    node = find_node(g, node)
    data = g.nodes[node]
    label = label_of(g, node)
    about: dict[NoteRef, list[str]] = defaultdict(list)
    for ref in note_refs(store, node):
        about[ref].append(label)

    limits = []
    own = [node] if "Limit" in data.get("classes", ()) else []  # a limit shows its own value
    for limit in own + [v for _, v, key in g.out_edges(node, keys=True) if key == _LIMIT]:
        ldata = g.nodes[limit]
        bounds = sorted(label_of(g, t) for _, t, k in g.out_edges(limit, keys=True) if k == _LIMIT_OF)
        engines = sorted(label_of(g, t) for _, t, k in g.out_edges(limit, keys=True) if k == _FOR_ENGINE)
        unit = ldata.get("unit") or ""
        refs = note_refs(store, limit)
        limit_label = label_of(g, limit)
        for ref in refs:
            about[ref].append(limit_label)
        limits.append(
            LimitRow(
                limit=limit,
                label=limit_label,
                bounds=", ".join(bounds),
                min=number_text(ldata.get("min")),
                max=number_text(ldata.get("max")),
                unit=unit_name(unit),
                sources=tuple(SourceLine(r.file, r.line, r.text, limit_label) for r in refs),
                value=bounds_text(_decimal(ldata.get("min")), _decimal(ldata.get("max")), unit),
                engine=", ".join(engines),
            )
        )
    limits.sort(key=lambda r: (r.bounds.casefold(), r.label.casefold(), r.limit))

    neighbours = set()
    for u, v, key, edge in (*g.out_edges(node, keys=True, data=True), *g.in_edges(node, keys=True, data=True)):
        direction = "out" if u == node else "in"
        other = v if direction == "out" else u
        if other == node and direction == "in":
            continue
        neighbours.add(Neighbour(other, label_of(g, other), key, direction, bool(edge.get("derived"))))
        for ref in edge.get("sources", ()):
            about[ref].append(f"{label_of(g, u)} {key} {label_of(g, v)}")
    ordered = tuple(sorted(neighbours, key=lambda n: (n.relation, n.direction != "out", n.label.casefold(), n.node)))
    features = tuple(
        sorted(
            {(n.node, n.label) for n in neighbours if n.relation == _FEATURE and n.direction == "out"},
            key=lambda f: (f[1].casefold(), f[0]),
        )
    )
    return NodeDetails(
        node=node,
        label=label,
        classes=tuple(data.get("classes", ())),
        aliases=tuple(sorted(data.get("aliases", ()), key=str.casefold)),
        comment=str(data.get("comment") or ""),
        limits=tuple(limits),
        features=features,
        neighbours=ordered,
        sources=_sources(about, label),
    )
