"""CloudAtlas: the graph explorer. Run with ``streamlit run app.py``.

The entry of every page: the navigation (Graph, SPARQL, Analyses, Export), the view every page
shares, and the URL that holds it (:mod:`ui.view_state`). A session opened from a URL with a view
in its query parameters starts on that view.

The Graph page (:func:`graph_page`) is widgets and layout only: what to draw comes from
:mod:`graph.views.selection` and :mod:`graph.views.drawing`, node details from
:mod:`graph.views.details`, paths from :mod:`graph.network.paths`; the shared state lives in
:mod:`ui.state`, the clickable drawing in :mod:`ui.graph_component`. A session's first run
shows the graph before the controls (:func:`ui.panels.page_complete`).
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import panels, sidebar, source, state, view_state

PAGES = Path(__file__).resolve().parent / "pages"


def graph_page() -> None:
    """The graph, the details of the selected node, the path finder, and the sidebar's controls."""
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
        panels.path_finder(loaded)
    else:
        panels.complete_later()


st.set_page_config(page_title="CloudAtlas", layout="wide")
view_state.restore_from_url()
page = st.navigation(
    [
        st.Page(graph_page, title="Graph", url_path="graph", default=True),
        st.Page(PAGES / "1_SPARQL.py", title="SPARQL", url_path="SPARQL"),
        st.Page(PAGES / "2_Analyses.py", title="Analyses", url_path="Analyses"),
        st.Page(PAGES / "3_Export.py", title="Export", url_path="Export"),
    ]
)
note = view_state.link_note()
if note:
    st.warning(note)
page.run()
view_state.write_url()
