"""Graph: the explorer. Widgets and layout only.

What to draw comes from :mod:`graph.views.selection` and :mod:`graph.views.drawing`, node details
from :mod:`graph.views.details`, paths from :mod:`graph.network.paths`; the shared state lives in
:mod:`ui.state` and :mod:`ui.view_state`, the clickable drawing in :mod:`ui.graph_component`. A
session's first run shows the graph before the controls (:func:`ui.panels.page_complete`).
"""

from __future__ import annotations

import streamlit as st

from ui import panels, path_finder, sidebar, source, state

complete = panels.page_complete()  # the session's first run draws the graph first, the rest right after
if complete:
    sidebar.controls(state.current())
    source.sidebar()
loaded = state.current()  # an upload, store or endpoint in the sidebar may have replaced it

st.title("CloudAtlas", anchor=False)
panels.counts(loaded)
panels.highlight_note()
panels.explorer(height=680)
if complete:
    path_finder.path_finder(loaded)
else:
    panels.complete_later()
