"""The main page's sidebar: search, focus and depth, filters, sizes, layout, node cap, uploads.

:func:`controls` draws the widgets and returns the :class:`graph.views.selection.ViewSpec`
they describe; :func:`current_spec` reads it again from the session (e.g. in a
fragment rerun). State changes (picking a search match, "Show whole graph")
happen in widget callbacks, so the graph drawn in the same run already shows them.

Widget keys: ``search``, ``search_pick``, ``depth``, ``classes``, ``size_by``,
``physics``, ``hierarchical``, ``cap``, ``show_notes``, ``upload``.
"""

from __future__ import annotations

import streamlit as st

from graph.network import label_of
from graph.views.palette import LEGEND
from graph.views.selection import ViewSpec, class_options, search
from ui import state
from ui.text import md_escape

__all__ = ["controls", "current_spec", "SIZE_CHOICES", "MAX_DEPTH", "MAX_CAP", "UPLOAD_TYPES"]

#: Size-by choices: (widget value, text shown); ``"none"`` is ViewSpec.size_by None.
SIZE_CHOICES: tuple[tuple[str, str], ...] = (
    ("pagerank", "PageRank"),
    ("degree", "Degree"),
    ("betweenness", "Betweenness"),
    ("none", "Equal sizes"),
)
MAX_DEPTH = 5
MAX_CAP = 2000
UPLOAD_TYPES = ["md", "markdown", "txt", "ttl", "nt", "nq", "trig", "jsonld", "json", "rdf", "xml", "owl"]
_CLASS_TEXT = {cls: text for cls, text, _ in LEGEND}


def _picked() -> None:
    node = st.session_state.get("search_pick")
    if node:
        state.select(node)
        state.set_focus(node)


def _whole_graph() -> None:
    state.reset_view()
    st.session_state["search"] = ""
    st.session_state["search_pick"] = None
    st.session_state["classes"] = []


def _bundled() -> None:
    state.use_bundled()
    st.session_state["upload_result"] = (True, "Back to the bundled notes.")


def _describe(g, node: str) -> str:
    classes = g.nodes[node].get("classes", ())
    kind = ", ".join(_CLASS_TEXT.get(c, c) for c in classes)
    return f"{label_of(g, node)} ({kind})" if kind else label_of(g, node)


def controls(loaded: state.Loaded) -> ViewSpec:
    """Draw the sidebar for ``loaded`` and return the view it asks for."""
    g = loaded.graph
    sb = st.sidebar
    sb.header("Explore")
    text = sb.text_input("Search by label or alias", key="search", placeholder="e.g. DynamoDB, RR, Multi-AZ")
    matches = search(g, text, limit=40) if text.strip() else []
    if text.strip() and not matches:
        sb.caption("No node has that label or alias.")
    if matches:
        sb.selectbox(
            f"Matches ({len(matches)})",
            options=[node for node, _ in matches],
            index=None,
            format_func=lambda node: _describe(g, node),
            key="search_pick",
            placeholder="Pick a match to focus on it",
            on_change=_picked,
        )

    focus = state.focus()
    if focus:
        sb.caption(f"Focused on **{md_escape(label_of(g, focus))}**")
    sb.slider("Focus depth (hops)", 1, MAX_DEPTH, 2, key="depth", help="Used when a node is focused.")
    options = class_options(g)
    texts = dict(options)
    sb.multiselect(
        "Show classes", [cls for cls, _ in options], key="classes", format_func=lambda c: texts.get(c, c),
        placeholder="All classes",
    )  # fmt: skip
    sb.selectbox(
        "Size nodes by", [value for value, _ in SIZE_CHOICES], key="size_by",
        format_func=lambda v: dict(SIZE_CHOICES)[v],
    )  # fmt: skip
    sb.toggle("Physics layout", value=True, key="physics", help="Off: no force simulation.")
    sb.toggle("Hierarchical layout", value=False, key="hierarchical")
    sb.number_input("Node cap", min_value=10, max_value=MAX_CAP, value=400, step=50, key="cap")
    sb.toggle("Show source lines as nodes", value=False, key="show_notes")
    sb.button("Show whole graph", on_click=_whole_graph, width="stretch")

    sb.divider()
    sb.subheader("Your notes")
    sb.caption(f"Graph: {md_escape(loaded.source)}")
    sb.file_uploader(
        "Notes (.md, .txt) or RDF files", type=UPLOAD_TYPES, accept_multiple_files=True, key="upload",
    )  # fmt: skip
    if sb.button("Build graph from files", width="stretch"):
        with sb:
            ok, message = state.upload_notes(st.session_state.get("upload") or [])
        st.session_state["upload_result"] = (ok, message)
        if ok:
            st.rerun()
    if st.session_state.get(state.GRAPH) is not None:
        sb.button("Back to the bundled notes", on_click=_bundled, width="stretch")
    result = st.session_state.pop("upload_result", None)
    if result:
        ok, message = result
        (sb.success if ok else sb.error)(md_escape(message))

    return current_spec()


def current_spec() -> ViewSpec:
    """The view the sidebar widgets (by their keys) and the shared state ask for.

    Readable anywhere after :func:`controls` ran once in the session, e.g. inside a fragment.
    """
    ss = st.session_state
    size_by = ss.get("size_by", "pagerank")
    classes = [c for c in ss.get("classes") or () if isinstance(c, str)]
    return ViewSpec(
        search=str(ss.get("search") or ""),
        focus=state.focus(),
        depth=int(ss.get("depth", 2)),
        classes=tuple(classes),
        cap=int(ss.get("cap", 400)),
        size_by=None if size_by == "none" else size_by,
        physics=bool(ss.get("physics", True)),
        hierarchical=bool(ss.get("hierarchical", False)),
        highlight=state.highlighted(),
        path=state.path(),
        show_notes=bool(ss.get("show_notes", False)),
    )
