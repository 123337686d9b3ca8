"""The graph view as a bidirectional Streamlit component: vis-network in, clicked node out.

The frontend (``frontend/``: ``index.html``, ``main.js``, ``graph.css`` and vis-network
9.1.2 copied from pyvis, its stylesheet cut down to the rules the frame uses) is plain
JavaScript served by Streamlit from this folder: no build step, nothing loaded from the
network; vis-network loads while the frame asks Streamlit for the data. The options, legend
and fit it shares with the standalone HTML page (``graph/views/assets/drawing.js``,
:data:`graph.views.html.ASSETS`) are served by a second component, ``cloudatlas_drawing``,
that is never drawn. It draws the data of
:func:`graph.views.drawing.view_data` with a legend on the canvas, lays it out with a bounded
physics run (then freezes it) or hierarchically, keeps labels legible at every zoom, keeps the
positions of a layout for the tab (a view drawn again, e.g. after another page, comes back as it was),
has "Fit" and "Save PNG" buttons (the PNG is the drawing at twice the canvas size), and sends
``{"selected": node_id, "nonce": ...}``
back when a node is clicked, and ``{"drawn": true, "nonce": ...}`` once its first drawing is on
screen (:func:`has_drawn`).

Public API (stable)::

    graph_view(view_data, *, key="graph", height=650, selected=None) -> str | None
    has_drawn(key="graph") -> bool

Examples
--------
In a Streamlit script::

    from graph.views import ViewSpec, select_view, view_data
    from ui.graph_component import graph_view

    clicked = graph_view(view_data(select_view(g, spec), spec), key="main-graph")
    if clicked:
        st.write("you clicked", clicked)
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st
import streamlit.components.v1 as components

from graph.views.html import ASSETS

__all__ = ["graph_view", "has_drawn", "FRONTEND", "DRAWING_URL"]

#: The folder Streamlit serves the component from.
FRONTEND = Path(__file__).resolve().parent / "frontend"
#: Where ``frontend/index.html`` finds ``drawing.js``: the folder of the ``cloudatlas_drawing`` component.
DRAWING_URL = f"../{__name__}.cloudatlas_drawing/drawing.js"


def _component():
    # Declared at call time, inside a script run, so the running app always has them registered.
    components.declare_component("cloudatlas_drawing", path=str(ASSETS))
    return components.declare_component("cloudatlas_graph", path=str(FRONTEND))


def graph_view(view_data: dict, *, key: str = "graph", height: int = 650, selected: str | None = None) -> str | None:
    """Draw ``view_data`` and return the node the user just clicked, if any.

    Parameters
    ----------
    view_data : dict
        From :func:`graph.views.drawing.view_data` (``nodes``, ``edges``, ``legend``, ``options``).
    key : str, default "graph"
        The widget key; keep it stable so the drawing is updated in place, not rebuilt.
    height : int, default 650
        Height of the frame in pixels (toolbar included).
    selected : str, optional
        Node to show as selected (for instance one picked in a search box).

    Returns
    -------
    str or None
        The IRI of the node clicked since the previous run, else None. A click is
        reported once: later reruns return None until the next click.
    """
    value = _component()(data=view_data, height=int(height), selected=selected, key=key, default=None)
    if not isinstance(value, dict) or not isinstance(value.get("selected"), str):
        return None
    seen = f"_{key}_click"
    if st.session_state.get(seen) == value.get("nonce"):
        return None
    st.session_state[seen] = value.get("nonce")
    return value["selected"]


def has_drawn(key: str = "graph") -> bool:
    """True once the component ``key`` has shown a drawing in this session (it said so, or was clicked).

    Readable before the component is drawn in a run, e.g. to decide what else the page shows.
    """
    value = st.session_state.get(key)
    return isinstance(value, dict) and (value.get("drawn") is True or isinstance(value.get("selected"), str))
