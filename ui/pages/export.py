"""Export: the current view, or the whole graph, as pictures, an offline HTML page, or data.

Thin page: the view is the one the Graph page shows (focus, depth, classes, cap, sizes, layout,
highlights, path, opened clusters), read from :func:`ui.view_state.current_view` and selected by
the very function the Graph page draws with (:func:`ui.view_state.drawn_graph`), so a picture has
the drawn nodes, node for node; :mod:`graph.views.export` makes the files. Files are made only
when their button is clicked.
"""

from __future__ import annotations

from dataclasses import replace
from functools import partial

import streamlit as st

from graph.errors import InputError
from graph.network import label_of
from graph.views.export import EXPORT_FORMATS, export, file_stem
from graph.views.lod import is_cluster
from graph.views.palette import LEGEND
from graph.views.selection import ViewSpec
from ui import state, view_state
from ui.text import md_escape

WHOLE_CAP = 400
GROUPS = (("Pictures", ("png", "svg", "pdf")), ("Page", ("html",)), ("Data", ("turtle", "jsonld", "nt", "graphml")))
_CLASS_TEXT = {cls: text for cls, text, _ in LEGEND}


def chosen_view() -> ViewSpec:
    """The view the Graph page shows: its sidebar's choices (kept while not drawn), focus, highlights, path."""
    return view_state.current_view()


def _shown(loaded: state.Loaded, spec: ViewSpec, expanded: tuple[str, ...]):
    """What the Graph page draws for ``spec``, made once per view (the latest 8)."""
    return loaded.memo(
        ("export-view", spec, expanded), lambda: view_state.drawn_graph(loaded, spec, expanded), keep=8
    )  # fmt: skip


def describe(shown, total: int, spec: ViewSpec, graph) -> str:
    """The caption: what is drawn of how many nodes, around what, of which classes."""
    clusters = [n for n in shown if is_cluster(n)]
    nodes = shown.number_of_nodes() - len(clusters)
    parts = [f"{nodes:,} of {total:,} nodes, {shown.number_of_edges():,} edges"]
    if clusters:
        folded = sum(int(shown.nodes[c].get("count", 0)) for c in clusters)
        parts[0] = (
            f"Overview: {nodes:,} of {total:,} nodes and {len(clusters):,} grey clusters standing for "
            f"{folded:,} more, {shown.number_of_edges():,} edges"
        )
    if spec.focus:
        parts.append(f"around **{md_escape(label_of(graph, spec.focus))}**, {spec.depth} hop{'s' * (spec.depth != 1)}")
    if spec.classes:
        parts.append("classes: " + ", ".join(md_escape(_CLASS_TEXT.get(c, c)) for c in spec.classes))
    if spec.path:
        parts.append(f"a path of {len(spec.path) - 1} hop{'s' * (len(spec.path) != 2)}")
    if spec.highlight:
        parts.append(f"{len(spec.highlight):,} highlighted")
    return "; ".join(parts)


st.set_page_config(page_title="Export · CloudAtlas", layout="wide")
view_state.restore_from_url()  # done by app.py already, unless this page was opened on its own
st.title("Export", anchor=False)

loaded = state.current()
spec = chosen_view()
expanded = state.expanded() if spec.focus is None else ()
what = st.radio(
    "What to export", ["view", "whole"], horizontal=True, key="export.what",
    format_func=lambda v: "The current view" if v == "view" else f"The whole graph (at most {WHOLE_CAP} nodes drawn)",
)  # fmt: skip
if what == "whole":
    spec, expanded = ViewSpec(size_by=spec.size_by, hierarchical=spec.hierarchical, cap=WHOLE_CAP), ()

graph = loaded.graph_with_notes() if spec.show_notes else loaded.graph
scores = loaded.scores(spec.size_by or "pagerank")
try:
    shown = _shown(loaded, spec, expanded)
except InputError as err:
    st.error(md_escape(err.problem))
    spec = replace(spec, focus=None)
    shown = _shown(loaded, spec, expanded)

total = loaded.nodes
st.caption(describe(shown, total, spec, graph) + f". Graph: {md_escape(loaded.source)}.")

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

whole = spec.focus is None and not spec.classes and shown.number_of_nodes() >= total and not any(map(is_cluster, shown))
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
