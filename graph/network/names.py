"""Names of nodes: the local name of an IRI, a node's label, and the node that a user's text names.

The network of :func:`graph.network.build.to_networkx` names its nodes by full IRI;
people type labels, aliases or local names, in any case. :func:`find_node` turns what
they typed into the node, with close names as suggestions when nothing matches.

Examples
--------
>>> g = nx.MultiDiGraph()
>>> g.add_node("https://w3id.org/cloudatlas/id/dax", label="DAX", aliases=("DynamoDB Accelerator",))
>>> node = find_node(g, "dynamodb accelerator")
>>> local_name(node), label_of(g, node)
('dax', 'DAX')
"""

from __future__ import annotations

import difflib
from collections import defaultdict

import networkx as nx

from graph.errors import InputError

__all__ = ["local_name", "label_of", "find_node"]


def local_name(iri: str) -> str:
    """The part of an IRI after its last ``#`` or ``/``.

    >>> local_name("https://w3id.org/cloudatlas/ontology#supportsEngine")
    'supportsEngine'
    >>> local_name("https://w3id.org/cloudatlas/id/dynamodb")
    'dynamodb'
    """
    cut = max(iri.rfind("#"), iri.rfind("/"))
    return iri[cut + 1 :] if cut >= 0 and cut < len(iri) - 1 else iri


def label_of(g: nx.Graph, node: str) -> str:
    """The node's label, else its local name.

    >>> g = nx.MultiDiGraph()
    >>> g.add_node("https://e.org/x", label="X")
    >>> label_of(g, "https://e.org/x"), label_of(g, "https://e.org/y")
    ('X', 'y')
    """
    data = g.nodes[node] if node in g else {}
    return data.get("label") or local_name(node)


def find_node(g: nx.Graph, text: str) -> str:
    """The node named by ``text``: an IRI, a local name, a label or an alias (any case).

    Parameters
    ----------
    g : networkx.Graph
        A graph from :func:`graph.network.build.to_networkx`.
    text : str
        What a user typed.

    Returns
    -------
    str
        The node's IRI. A label match wins over an alias match; ties go to the
        smallest IRI.

    Raises
    ------
    graph.errors.InputError
        When nothing matches, with close labels and aliases as suggestions.

    Examples
    --------
    >>> g = nx.MultiDiGraph()
    >>> g.add_node("https://e.org/id/rds", label="RDS", aliases=("Relational Database Service",))
    >>> g.add_node("https://e.org/id/dax", label="DAX", aliases=())
    >>> find_node(g, "relational database service")
    'https://e.org/id/rds'
    >>> find_node(g, "DAXX")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: <input>:0: unknown name 'DAXX'; did you mean: DAX?
    """
    wanted = text.strip()
    if wanted in g:
        return wanted
    key = wanted.casefold()
    by_label: dict[str, list[str]] = defaultdict(list)
    by_alias: dict[str, list[str]] = defaultdict(list)
    by_local: dict[str, list[str]] = defaultdict(list)
    names: dict[str, tuple[str, str]] = {}
    for n, data in sorted(g.nodes(data=True)):
        lab = data.get("label") or local_name(n)
        by_label[lab.casefold()].append(n)
        names.setdefault(lab.casefold(), (lab, n))
        for alias in data.get("aliases", ()):
            by_alias[alias.casefold()].append(n)
            names.setdefault(alias.casefold(), (alias, n))
        by_local[local_name(n).casefold()].append(n)
    for index in (by_label, by_alias, by_local):
        if key in index:
            return min(index[key])
    suggestions: dict[str, str] = {}
    for close in difflib.get_close_matches(key, list(names), n=12, cutoff=0.6):
        name, node = names[close]
        if node not in suggestions and len(suggestions) < 3:
            suggestions[node] = name
    hint = f"; did you mean: {', '.join(suggestions.values())}?" if suggestions else ""
    raise InputError(f"unknown name {text!r}{hint}")
