"""Export: the current view, or the whole graph, as pictures, an offline HTML page, or data.

Thin page: the view is the one chosen on the main page (focus, depth, classes, cap, sizes,
highlights); :mod:`graph.views.selection` selects it and :mod:`graph.views.export` makes the files. Files are
made only when their button is clicked.
"""

from __future__ import annotations

from functools import partial

import streamlit as st

from graph.errors import InputError
from graph.network import label_of
from graph.views.export import EXPORT_FORMATS, export, file_stem
from graph.views.palette import LEGEND
from graph.views.selection import ViewSpec, select_view
from ui import state
from ui.text import md_escape

#: Main-page widget keys (see ui/sidebar.py) whose values shape the view, remembered here across reruns.
VIEW_KEYS = ("depth", "classes", "cap", "size_by", "hierarchical", "show_notes", "search")
REMEMBERED = "export.view"
WHOLE_CAP = 400
GROUPS = (("Pictures", ("png", "svg", "pdf")), ("Page", ("html",)), ("Data", ("turtle", "jsonld", "nt", "graphml")))
_CLASS_TEXT = {cls: text for cls, text, _ in LEGEND}


def chosen_view() -> ViewSpec:
    """The view chosen on the main page: its widget values when present, else the last ones seen."""
    values = dict(st.session_state.get(REMEMBERED, {}))
    values.update({k: st.session_state[k] for k in VIEW_KEYS if k in st.session_state})
    st.session_state[REMEMBERED] = values
    size_by = values.get("size_by", "pagerank")
    return ViewSpec(
        search=str(values.get("search") or ""),
        focus=state.focus(),
        depth=int(values.get("depth", 2)),
        classes=tuple(values.get("classes") or ()),
        cap=int(values.get("cap", WHOLE_CAP)),
        size_by=None if size_by == "none" else size_by,
        hierarchical=bool(values.get("hierarchical", False)),
        highlight=state.highlighted(),
        path=state.path(),
        show_notes=bool(values.get("show_notes", False)),
    )


st.set_page_config(page_title="CloudAtlas: Export", layout="wide")
st.title("Export", anchor=False)

loaded = state.current()
spec = chosen_view()
what = st.radio(
    "What to export", ["view", "whole"], horizontal=True, key="export.what",
    format_func=lambda v: "The current view" if v == "view" else f"The whole graph (at most {WHOLE_CAP} nodes drawn)",
)  # fmt: skip
if what == "whole":
    spec = ViewSpec(size_by=spec.size_by, hierarchical=spec.hierarchical, cap=WHOLE_CAP)

graph = loaded.graph_with_notes() if spec.show_notes else loaded.graph
scores = loaded.scores(spec.size_by or "pagerank")
try:
    shown = select_view(graph, spec, scores)
except InputError as err:
    st.error(md_escape(err.problem))
    spec = ViewSpec(size_by=spec.size_by, cap=spec.cap)
    shown = select_view(graph, spec, scores)

total = loaded.nodes
parts = [f"{shown.number_of_nodes():,} of {total:,} nodes, {shown.number_of_edges():,} edges"]
if spec.focus:
    parts.append(f"around **{md_escape(label_of(graph, spec.focus))}**, {spec.depth} hop{'s' * (spec.depth != 1)}")
if spec.classes:
    parts.append("classes: " + ", ".join(md_escape(_CLASS_TEXT.get(c, c)) for c in spec.classes))
st.caption("; ".join(parts) + f". Graph: {md_escape(loaded.source)}.")

left, right = st.columns(2)
layout = left.selectbox(
    "Picture layout", ["spring", "hierarchical"], index=int(spec.hierarchical), key="export.layout",
    format_func=lambda v: {"spring": "Force-directed", "hierarchical": "Hierarchical"}[v],
)  # fmt: skip
if spec.focus:
    default_title = f"CloudAtlas: {label_of(graph, spec.focus)}, {spec.depth} hop{'s' * (spec.depth != 1)}"
else:
    default_title = "CloudAtlas" if shown.number_of_nodes() >= total else f"CloudAtlas: {shown.number_of_nodes()} nodes"
title = right.text_input("Title", value=default_title, key="export.title", max_chars=120)

whole = spec.focus is None and not spec.classes and shown.number_of_nodes() >= total
stem = file_stem(
    "cloudatlas", label_of(graph, spec.focus) if spec.focus else None, f"{spec.depth}-hops" if spec.focus else None
)
make = partial(
    export, store=loaded.store, g_view=shown, whole=whole, network=loaded.graph, spec=spec,
    scores=scores if spec.size_by else None, title=title or None, layout=layout,
)  # fmt: skip

for heading, formats in GROUPS:
    st.subheader(heading, anchor=False)
    cols = st.columns(4)
    for col, fmt in zip(cols, formats, strict=False):
        info = EXPORT_FORMATS[fmt]
        col.download_button(
            info.title, data=partial(make, fmt), file_name=info.file_name(stem), mime=info.media_type,
            key=f"export.{fmt}", on_click="ignore", width="stretch",
        )  # fmt: skip
st.caption(
    "Pictures use the colours, sizes and legend of the graph view. The HTML page works offline "
    "and has its own Save PNG button. Data of a partial view holds its nodes, the relations among "
    "them and the note lines they came from; of the whole graph, everything loaded."
)
