"""Communities: groups of closely linked nodes, found by the Louvain method with a seed, so repeatable.

They are found on the undirected view (:func:`graph.network.subgraphs.undirected`) without
negated relations (``ca:notAvailableFor``) by :func:`graph.network.algorithms.louvain`,
which gives :func:`networkx.community.louvain_communities`'s result for the same seed.

Examples
--------
>>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y")])
>>> [(c.index, c.labels) for c in communities(g)]
[(1, ('a', 'b', 'c')), (2, ('x', 'y'))]
>>> [c.name for c in communities(g)]
['a & b', 'x & y']
"""

from __future__ import annotations

from dataclasses import dataclass

import networkx as nx

from graph.network.algorithms import louvain
from graph.network.names import label_of
from graph.network.rules import _NEGATED
from graph.network.subgraphs import undirected

__all__ = ["Community", "communities", "NAME_MEMBERS"]


#: How many of its most central members name a community.
NAME_MEMBERS = 2


@dataclass(frozen=True)
class Community:
    """A group of closely linked nodes: IRIs and labels, both sorted by label.

    ``name``: its :data:`NAME_MEMBERS` most central members (most links inside the group, then by
    label), joined by " & ", such as "DynamoDB & DAX"; ``central``: the labels of all members in that order.
    """

    index: int
    nodes: tuple[str, ...]
    labels: tuple[str, ...]
    name: str = ""
    central: tuple[str, ...] = ()

    @property
    def size(self) -> int:
        """The number of nodes."""
        return len(self.nodes)


def communities(g: nx.MultiDiGraph, seed: int = 0) -> tuple[Community, ...]:
    """Louvain communities of the undirected graph (negated relations left out), seeded.

    The communities are :func:`networkx.community.louvain_communities`'s for the
    same seed, computed by :func:`graph.network.algorithms.louvain`.

    Parameters
    ----------
    g : networkx.MultiDiGraph
        A graph from :func:`graph.network.build.to_networkx`.
    seed : int, default 0
        The random seed, so the same graph always gives the same communities.

    Returns
    -------
    tuple of Community
        Largest first, then by first label; numbered from 1.

    Examples
    --------
    >>> g = nx.MultiDiGraph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> [c.labels for c in communities(g)]
    [('a', 'b', 'c'), ('x', 'y', 'z')]
    """
    h = undirected(g, skip=[_NEGATED])
    if h.number_of_nodes() == 0:
        return ()
    groups = louvain(h, seed=seed)
    ordered = []
    for group in groups:
        members = sorted(group, key=lambda n: (label_of(g, n).casefold(), n))
        ordered.append((tuple(members), tuple(label_of(g, n) for n in members)))
    ordered.sort(key=lambda c: (-len(c[0]), c[1][0].casefold(), c[0][0]))
    out = []
    for i, (nodes, labels) in enumerate(ordered, start=1):
        inside = set(nodes)
        links = {n: sum(1 for m in h.neighbors(n) if m in inside and m != n) for n in nodes}
        by_weight = sorted(range(len(nodes)), key=lambda k: (-links[nodes[k]], labels[k].casefold(), nodes[k]))
        central = tuple(labels[k] for k in by_weight)
        out.append(Community(i, nodes, labels, " & ".join(central[:NAME_MEMBERS]), central))
    return tuple(out)
