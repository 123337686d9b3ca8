"""Where the app's graph lives: an on-disk store folder or a SPARQL endpoint (Streamlit side).

:func:`open_store_folder` builds the notes into an on-disk store the first time
and reopens it afterwards (only changed files are re-read);
:func:`open_endpoint` reads the graph from a SPARQL 1.1 server. Either replaces
the session's graph only when it opened; otherwise the current graph stays.

Environment variables ``CLOUDATLAS_STORE`` (a folder, which every session also starts on:
see :mod:`ui.state`) and ``CLOUDATLAS_ENDPOINT`` (a query URL) preset the sidebar fields.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import streamlit as st

from graph.errors import InputError
from ui import state

__all__ = ["STORE_ENV", "ENDPOINT_ENV", "open_store_folder", "open_endpoint", "sidebar"]

STORE_ENV = "CLOUDATLAS_STORE"
ENDPOINT_ENV = "CLOUDATLAS_ENDPOINT"
UNCHANGED = "The current graph is unchanged."


def _use(loaded: state.Loaded) -> None:
    st.session_state[state.GRAPH] = loaded
    state.reset_view()
    state.collapse_all()
    state.select(None)


def open_store_folder(folder: str, notes: Sequence[str] = ()) -> tuple[bool, str]:
    """Open (building on first use) the on-disk store in ``folder`` from ``notes`` (default: the bundled notes)."""
    from graph.rdf.incremental import sync_store

    folder = folder.strip()
    if not folder:
        return False, "Give the folder of the on-disk store."
    paths = list(notes) or list(state.default_notes()[0])
    bar = st.progress(0.0, text="Opening the store…")

    def progress(done: int, total: int, what: str) -> None:
        bar.progress(min(done / max(total, 1), 1.0), text=f"Reading {what}…")

    try:
        store = state.open_folder(str(Path(folder).resolve()))
        report = sync_store(paths, store, progress=progress, compact=False)  # saving the network compacts
        bar.progress(1.0, text="Computing relations…")
        loaded = state.loaded_from_folder(store, f"store: {folder}", derive=report.touched)
    except InputError as err:
        return False, f"{err}. {UNCHANGED}"
    except OSError as err:
        return False, f"{folder}:0: {err.strerror or err}. {UNCHANGED}"
    finally:
        bar.empty()
    _use(loaded)
    changed = len(report.extracted)
    return True, f"Store {folder}: {loaded.triples:,} triples ({changed} file{'s' if changed != 1 else ''} re-read)."


def open_endpoint(query_url: str) -> tuple[bool, str]:
    """Read the graph from the SPARQL endpoint at ``query_url``."""
    from graph.rdf.remote import RemoteStore

    query_url = query_url.strip()
    if not query_url.startswith(("http://", "https://")):
        return False, "Give the endpoint's http:// or https:// query URL."
    try:
        with st.spinner("Reading the graph from the endpoint…"):
            loaded = state.loaded_from_store(RemoteStore(query_url), f"endpoint: {query_url}")
    except InputError as err:
        return False, f"{err}. {UNCHANGED}"
    _use(loaded)
    return True, f"Endpoint {query_url}: {loaded.triples:,} triples."


def sidebar() -> None:
    """The sidebar section that picks an on-disk store or an endpoint (reruns the page when one opened)."""
    with st.sidebar.expander("Store: on disk or SPARQL endpoint"):
        kind = st.radio("Graph from", ["On-disk store", "SPARQL endpoint"], key="source.kind", horizontal=True)
        result = None
        if kind == "On-disk store":
            folder = st.text_input("Store folder", value=os.environ.get(STORE_ENV, ""), key="source.folder")
            st.caption("Built from the current notes the first time; reopened at once afterwards.")
            if st.button("Open store", key="source.open_store"):
                result = open_store_folder(folder)
        else:
            url = st.text_input("Query endpoint URL", value=os.environ.get(ENDPOINT_ENV, ""), key="source.url")
            st.caption("Neptune, Fuseki, GraphDB or Oxigraph; load it first with `python -m graph build --endpoint`.")
            if st.button("Read endpoint", key="source.open_endpoint"):
                result = open_endpoint(url)
        if result and result[0]:
            st.session_state["source.result"] = result
            st.rerun()
        shown = result or st.session_state.pop("source.result", None)
        if shown:
            (st.success if shown[0] else st.error)(shown[1])
