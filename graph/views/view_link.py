"""A view as URL query parameters, and back (pure): links that share or bookmark what the graph shows.

:func:`view_params` writes the choices of a :class:`graph.views.selection.ViewSpec` that differ
from a base view (the app's defaults) as query parameters; :func:`parse_view_params` reads them
back, checked against the loaded graph: a value that is malformed, out of range or names no node
or class is left out, and a short note says so. Parameters of other names are left alone.

========================  ===========================================================================
``focus``                 node the view is centred on (the id after ``https://w3id.org/cloudatlas/id/``,
                          or a whole IRI)
``depth``                 hops around the focus
``classes``               a class to keep (repeated for several), e.g. ``DatabaseService``; ``all``: every class
``layout``                ``hierarchical`` or ``force``
``physics``               ``on`` or ``off``
``cap``                   the most nodes drawn
``size``                  ``pagerank``, ``degree``, ``betweenness`` or ``none``
``notes``                 ``on``: source lines drawn as nodes too
``highlight``             a marked node (repeated)
``path``                  a node of the path shown, in order (repeated)
``search``                text whose matches are marked
``node``                  the node whose details are shown
========================  ===========================================================================

Public API (stable)::

    PARAMS                                                     # the names above
    view_params(spec, *, selected=None, base=ViewSpec()) -> dict[str, list[str]]
    parse_view_params(params, g, *, base=ViewSpec(), max_depth=5, cap_range=(10, 2000)) -> ViewLink
    ViewLink(spec, selected, problems)

Examples
--------
>>> import networkx as nx
>>> g = nx.MultiDiGraph()
>>> g.add_node(CID + "rds", label="RDS", classes=("DatabaseService",))
>>> g.add_node(CID + "dax", label="DAX", classes=("CacheService",))
>>> view_params(ViewSpec(focus=CID + "rds", depth=2, classes=("DatabaseService",)))
{'focus': ['rds'], 'depth': ['2'], 'classes': ['DatabaseService']}
>>> link = parse_view_params({"focus": ["rds"], "depth": ["9"], "classes": ["Gadget", "CacheService"]}, g)
>>> link.spec.focus == CID + "rds", link.spec.depth, link.spec.classes
(True, 1, ('CacheService',))
>>> link.problems
('depth=9 is not a whole number from 1 to 5', 'classes=Gadget is not a class of this graph')
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, fields, replace

import networkx as nx

from graph.network import SCORES
from graph.views.selection import ViewSpec

__all__ = ["PARAMS", "CID", "ALL_CLASSES", "ViewLink", "view_params", "parse_view_params"]

#: The namespace of the nodes of the notes: links name those nodes by what follows it.
CID = "https://w3id.org/cloudatlas/id/"
#: The query parameters a view is written as, in the order they are written.
PARAMS = (
    "focus",
    "depth",
    "classes",
    "layout",
    "physics",
    "cap",
    "size",
    "notes",
    "highlight",
    "path",
    "search",
    "node",
)
_SWITCH = {"on": True, "off": False}
_LAYOUTS = {"hierarchical": True, "force": False}
#: The ``classes`` value of a view of every class, where a link without ``classes`` would open on some.
ALL_CLASSES = "all"
#: The most nodes a link names as highlighted: longer lists stay in the session only.
MAX_LINKED_NODES = 200


@dataclass(frozen=True)
class ViewLink:
    """A view read from query parameters: the view, the node whose details are shown, and what was left out.

    ``problems`` holds one short line per value left out, e.g. ``"depth=9 is not a whole number from 1 to 5"``.
    """

    spec: ViewSpec
    selected: str | None = None
    problems: tuple[str, ...] = ()


def _short(node: str) -> str:
    return node[len(CID) :] if node.startswith(CID) and len(node) > len(CID) else node


def _switch(value: bool) -> str:
    return "on" if value else "off"


def view_params(spec: ViewSpec, *, selected: str | None = None, base: ViewSpec | None = None) -> dict[str, list[str]]:
    """The query parameters of ``spec``: only its choices that differ from ``base``.

    Parameters
    ----------
    spec : graph.views.selection.ViewSpec
        The view.
    selected : str, optional
        The node whose details are shown.
    base : graph.views.selection.ViewSpec, optional
        The view a link without parameters shows (default ``ViewSpec()``).

    Returns
    -------
    dict of str to list of str
        Parameter name to its values (several for ``classes``, ``highlight``, ``path``), in
        :data:`PARAMS` order. Highlights are left out when there are more than 200 of them.

    Examples
    --------
    >>> view_params(ViewSpec())
    {}
    >>> view_params(ViewSpec(), base=ViewSpec(classes=("DatabaseService",)))
    {'classes': ['all']}
    >>> view_params(ViewSpec(hierarchical=True, physics=False, size_by=None, path=(CID + "a", CID + "b")))
    {'layout': ['hierarchical'], 'physics': ['off'], 'size': ['none'], 'path': ['a', 'b']}
    """
    base = base or ViewSpec()
    out: dict[str, list[str]] = {}
    if spec.focus and spec.focus != base.focus:
        out["focus"] = [_short(spec.focus)]
    if spec.depth != base.depth:
        out["depth"] = [str(spec.depth)]
    if spec.classes != base.classes:
        out["classes"] = list(spec.classes) or [ALL_CLASSES]
    if spec.hierarchical != base.hierarchical:
        out["layout"] = ["hierarchical" if spec.hierarchical else "force"]
    if spec.physics != base.physics:
        out["physics"] = [_switch(spec.physics)]
    if spec.cap != base.cap:
        out["cap"] = [str(spec.cap)]
    if spec.size_by != base.size_by:
        out["size"] = [spec.size_by or "none"]
    if spec.show_notes != base.show_notes:
        out["notes"] = [_switch(spec.show_notes)]
    if spec.highlight and len(spec.highlight) <= MAX_LINKED_NODES:
        out["highlight"] = [_short(n) for n in spec.highlight]
    if spec.path:
        out["path"] = [_short(n) for n in spec.path]
    if spec.search.strip():
        out["search"] = [spec.search.strip()]
    if selected:
        out["node"] = [_short(selected)]
    return out


def _node(g: nx.Graph, value: str) -> str | None:
    value = value.strip()
    if not value:
        return None
    for candidate in (value, CID + value):
        if candidate in g:
            return candidate
    return None


def _whole(value: str, low: int, high: int) -> int | None:
    try:
        number = int(value.strip())
    except ValueError:
        return None
    return number if low <= number <= high else None


def parse_view_params(
    params: Mapping[str, str | Iterable[str]],
    g: nx.Graph,
    *,
    base: ViewSpec | None = None,
    max_depth: int = 5,
    cap_range: tuple[int, int] = (10, 2000),
) -> ViewLink:
    """The view named by query parameters, checked against ``g``; values that do not fit are left out.

    Parameters
    ----------
    params : mapping
        Parameter name to its value or values (``st.query_params`` read with ``get_all``).
    g : networkx.Graph
        The loaded graph: nodes and classes must be in it.
    base : graph.views.selection.ViewSpec, optional
        The choices the parameters change (default ``ViewSpec()``).
    max_depth : int
        The deepest focus allowed.
    cap_range : (int, int)
        The smallest and largest node cap allowed.

    Returns
    -------
    ViewLink
        The view, the node whose details are shown, and one short line per value left out.

    Examples
    --------
    >>> g = nx.MultiDiGraph([(CID + "a", CID + "b")])
    >>> link = parse_view_params({"path": ["a", "b"], "node": "nowhere", "physics": "off", "cap": "x"}, g)
    >>> [n[len(CID):] for n in link.spec.path], link.spec.physics, link.selected
    (['a', 'b'], False, None)
    >>> link.problems
    ('cap=x is not a whole number from 10 to 2000', 'node=nowhere names no node of this graph')
    """
    base = base or ViewSpec()
    values = {name: [value] if isinstance(value, str) else list(value) for name, value in params.items()}
    changes: dict[str, object] = {}
    problems: list[str] = []
    selected = None

    def one(name: str) -> str | None:
        found = values.get(name) or []
        return found[-1] if found else None

    def note(name: str, value: str, problem: str) -> None:
        shown = value if len(value) <= 40 else value[:39] + "…"
        problems.append(f"{name}={shown} {problem}")

    def nodes(name: str) -> list[str]:
        found = []
        for value in values.get(name) or []:
            node = _node(g, value)
            if node is None:
                note(name, value, "names no node of this graph")
            else:
                found.append(node)
        return found

    if (value := one("focus")) is not None:
        node = _node(g, value)
        if node is None:
            note("focus", value, "names no node of this graph")
        changes["focus"] = node
    if (value := one("depth")) is not None:
        depth = _whole(value, 1, max_depth)
        if depth is None:
            note("depth", value, f"is not a whole number from 1 to {max_depth}")
        else:
            changes["depth"] = depth
    if "classes" in values:
        present = {c for _, data in g.nodes(data=True) for c in data.get("classes", ())}
        wanted = []
        for value in values["classes"]:
            if value == ALL_CLASSES:
                continue
            if value in present:
                wanted.append(value)
            else:
                note("classes", value, "is not a class of this graph")
        changes["classes"] = tuple(dict.fromkeys(wanted))
    if (value := one("layout")) is not None:
        if value in _LAYOUTS:
            changes["hierarchical"] = _LAYOUTS[value]
        else:
            note("layout", value, "is not hierarchical or force")
    for name, attr in (("physics", "physics"), ("notes", "show_notes")):
        if (value := one(name)) is not None:
            if value in _SWITCH:
                changes[attr] = _SWITCH[value]
            else:
                note(name, value, "is not on or off")
    if (value := one("cap")) is not None:
        cap = _whole(value, *cap_range)
        if cap is None:
            note("cap", value, f"is not a whole number from {cap_range[0]} to {cap_range[1]}")
        else:
            changes["cap"] = cap
    if (value := one("size")) is not None:
        if value in SCORES or value == "none":
            changes["size_by"] = None if value == "none" else value
        else:
            note("size", value, f"is not one of {', '.join(SCORES)} or none")
    if "highlight" in values:
        changes["highlight"] = tuple(dict.fromkeys(nodes("highlight")))
    if "path" in values:
        path = nodes("path")
        if len(path) == len(values["path"]) and len(path) > 1:
            changes["path"] = tuple(path)
        elif path:
            problems.append("path left out: it needs two or more nodes, all of this graph")
    if (value := one("search")) is not None:
        changes["search"] = value.strip()[:200]
    if (value := one("node")) is not None:
        selected = _node(g, value)
        if selected is None:
            note("node", value, "names no node of this graph")
    known = {f.name for f in fields(ViewSpec)}
    return ViewLink(replace(base, **{k: v for k, v in changes.items() if k in known}), selected, tuple(problems))
