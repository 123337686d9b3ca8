"""CloudAtlas: the graph explorer (main page). Run with ``streamlit run app.py``.

Widgets and layout only: what to draw comes from :mod:`graph.view`, node details from
:mod:`graph.details`, paths from :mod:`graph.analysis`; the shared state lives in
:mod:`ui.state`, the clickable drawing in :mod:`ui.graph_component`.
"""

from __future__ import annotations

import streamlit as st

from graph.errors import InputError
from graph.view import select_view, view_data
from ui import panels, sidebar, state
from ui.graph_component import graph_view
from ui.text import md_escape

st.set_page_config(page_title="CloudAtlas", layout="wide")

loaded = state.current()
spec = sidebar.controls(loaded)
loaded = state.current()

st.title("CloudAtlas", anchor=False)
graph = loaded.graph_with_notes() if spec.show_notes else loaded.graph
try:
    shown = select_view(graph, spec, loaded.scores(spec.size_by or "pagerank"))
except InputError as err:
    st.error(md_escape(err.problem))
    shown = select_view(graph, type(spec)(cap=spec.cap))
data = view_data(shown, spec, loaded.scores(spec.size_by) if spec.size_by else None)
panels.counts(loaded, data["counts"]["nodes"], data["counts"]["edges"])
panels.highlight_note()

left, right = st.columns([3, 2], gap="medium")
with left:
    clicked = graph_view(data, key="main-graph", height=680, selected=state.selected())
    if clicked:
        state.select(clicked)
with right:
    panels.details(loaded, state.selected())

panels.path_finder(loaded)
