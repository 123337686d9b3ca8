"""CloudAtlas: the graph explorer. Run with ``streamlit run app.py``.

The entry of every page: the navigation (Graph, SPARQL, Analyses, Export; the scripts in ``ui/pages/``),
the view every page shares, and the URL that holds it (:mod:`ui.view_state`). A session opened from
a URL with a view in its query parameters starts on that view; values that do not fit the loaded
graph are left out with a short note.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from ui import view_state

# Not pages/ (Streamlit would list that folder on its own); no script there may share a package's name (graph, ui).
PAGES = Path(__file__).resolve().parent / "ui" / "pages"

st.set_page_config(page_title="CloudAtlas", layout="wide")
view_state.restore_from_url()
page = st.navigation(
    [
        st.Page(PAGES / "explorer.py", title="Graph", url_path="graph", default=True),
        st.Page(PAGES / "sparql.py", title="SPARQL", url_path="SPARQL"),
        st.Page(PAGES / "analyses.py", title="Analyses", url_path="Analyses"),
        st.Page(PAGES / "export.py", title="Export", url_path="Export"),
    ]
)
note = view_state.link_note()
if note:
    st.toast(note, icon=":material/link_off:", duration="infinite")  # over the page: nothing below it moves
page.run()
view_state.write_url()
