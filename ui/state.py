"""The app's shared state: the loaded graph, and what is selected, highlighted or on a path.

Every page of the app reads the same graph: :func:`current` gives the session's
:class:`Loaded` (the bundled notes until the user uploads their own). Uploads
build a new store and swap it in only when every file parsed; otherwise the
current graph stays exactly as it was.

The environment variable ``CLOUDATLAS_NOTES`` replaces the bundled notes as the graph every
session starts with: notes or RDF files and folders, separated by ``os.pathsep`` (``:``), built
once per process, e.g. ``CLOUDATLAS_NOTES=/srv/team-notes streamlit run app.py`` (the browser
tests start the app that way on big synthetic notes).

``CLOUDATLAS_STORE`` (a folder) makes every session start on that on-disk store instead, opened
once per process as it is: nothing is parsed when it holds a graph already. An empty folder is
built from the notes first (``CLOUDATLAS_NOTES``, else the bundled notes); with ``CLOUDATLAS_NOTES``
set too, the store is brought up to date with those notes (only changed files are read), e.g.
``CLOUDATLAS_STORE=/srv/atlas-store streamlit run app.py`` (the browser benchmark starts the app
that way on a store of a million triples).

Session-state keys (documented, shared between pages): ``ca.graph``, the session's :class:`Loaded`,
absent while the bundled notes are used; the view's keys (``ca.selected``, ``ca.focus``, ``ca.highlight``,
``ca.path``, ``ca.expanded``, ``ca.view``) are described in :mod:`ui.view_state`, whose functions this
module re-exports.

Public API (stable)::

    Loaded(store, graph, source, triples)      .scores(by), .listed(limit), .communities(with_notes=False),
                                               .graph_with_notes(), .nodes, .edges, .limits, .memo(key, make, keep=0)
    build_loaded(paths, source, progress=None) -> Loaded          # no Streamlit; trusted paths (bundled notes)
    loaded_from_store(store, source) -> Loaded                    # no Streamlit; derived relations + network
    loaded_from_folder(store, source, derive=False) -> Loaded     # no Streamlit; an on-disk store as it is
    loaded_read_only(store, source) -> Loaded                     # no Streamlit; nothing written to the store
    open_folder(folder) -> Store                                  # the on-disk store in folder, one per process
    default_notes() -> tuple[tuple[str, ...], str]                # paths and source name: $CLOUDATLAS_NOTES or bundled
    load_bundled() -> Loaded                                      # the default graph ($CLOUDATLAS_STORE or notes),
                                                                  # cached for the process
    current() -> Loaded
    upload_notes(files) -> tuple[bool, str]                       # files: Streamlit UploadedFile objects
    use_bundled() -> None
    selected, select, focus, set_focus, highlighted, set_highlight, clear_highlight, path, set_path,
    clear_path, expanded, expand, collapse_all, reset_view        # from ui.view_state
"""

from __future__ import annotations

import gc
import os
import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, TypeVar

import networkx as nx
import pyoxigraph as ox
import streamlit as st

from graph.errors import InputError
from graph.network import Community, label_of
from graph.network import communities as find_communities
from graph.network.build import to_networkx
from graph.network.cache import network_of, save_network
from graph.network.derive import derive_network
from graph.rdf.pipeline import BUNDLED_NOTES, build_store
from graph.rdf.store import Store
from graph.rdf.upload import read_uploads
from graph.views.selection import ViewSpec, scores_for
from ontology.vocab import DERIVED_GRAPH
from ui.view_state import (
    EXPANDED,
    FOCUS,
    HIGHLIGHT,
    PATH,
    SELECTED,
    clear_highlight,
    clear_path,
    collapse_all,
    expand,
    expanded,
    focus,
    highlighted,
    path,
    reset_view,
    select,
    selected,
    set_focus,
    set_highlight,
    set_path,
)

__all__ = [
    "GRAPH",
    "COVERAGE",
    "SELECTED",
    "FOCUS",
    "HIGHLIGHT",
    "PATH",
    "EXPANDED",
    "NOTES_ENV",
    "STORE_ENV",
    "Loaded",
    "build_loaded",
    "loaded_from_store",
    "loaded_from_folder",
    "loaded_read_only",
    "open_folder",
    "default_notes",
    "load_bundled",
    "current",
    "upload_notes",
    "use_bundled",
    "selected",
    "select",
    "focus",
    "set_focus",
    "highlighted",
    "set_highlight",
    "clear_highlight",
    "path",
    "set_path",
    "clear_path",
    "expanded",
    "expand",
    "collapse_all",
    "reset_view",
]

GRAPH = "ca.graph"
#: Memo key (:meth:`Loaded.memo`) of the coverage of the notes a graph was built from.
COVERAGE = "coverage"
#: Notes or RDF files and folders (``os.pathsep``-separated) to start with instead of the bundled notes.
NOTES_ENV = "CLOUDATLAS_NOTES"
#: An on-disk store folder every session starts on (see the module docstring).
STORE_ENV = "CLOUDATLAS_STORE"

Progress = Callable[[int, int, str], None]
T = TypeVar("T")
_MEMO_LOCK = threading.Lock()


class UploadedFile(Protocol):
    """What :func:`upload_notes` needs of an upload: a name and its bytes."""

    name: str

    def getvalue(self) -> bytes: ...


@dataclass(frozen=True, eq=False)
class Loaded:
    """A loaded knowledge graph: the store, its network, where it came from, and node scores on demand."""

    store: Store
    graph: nx.MultiDiGraph
    source: str
    triples: int
    _cache: dict[Hashable, object] = field(default_factory=dict, repr=False)

    def scores(self, by: str) -> dict[str, float]:
        """Node scores of the whole graph (``pagerank``, ``degree`` or ``betweenness``), computed once."""
        if by not in self._cache:
            self._cache[by] = scores_for(self.graph, by)
        return self._cache[by]  # type: ignore[return-value]

    def listed(self, limit: int) -> list[str]:
        """The nodes a picker lists, by label: every node, or the ``limit`` most central (PageRank) of a bigger graph.

        Computed once per ``limit``.
        """

        def make() -> list[str]:
            g, nodes = self.graph, list(self.graph)
            if len(nodes) > limit:
                scores = self.scores("pagerank")
                nodes = sorted(nodes, key=lambda n: (-scores.get(n, 0.0), n))[:limit]
            return sorted(nodes, key=lambda n: (label_of(g, n).casefold(), n))

        return self.memo(("listed", limit), make)

    def communities(self, with_notes: bool = False) -> tuple[Community, ...]:
        """Louvain communities (seed 0) of the network, or of the one with notes, computed once."""
        key = "communities+notes" if with_notes else "communities"
        if key not in self._cache:
            self._cache[key] = find_communities(self.graph_with_notes() if with_notes else self.graph, seed=0)
        return self._cache[key]  # type: ignore[return-value]

    def graph_with_notes(self) -> nx.MultiDiGraph:
        """The network with the ``ca:Note`` nodes (source lines) too, made once when first asked for."""
        if "notes" not in self._cache:
            self._cache["notes"] = to_networkx(self.store, include_notes=True)
        return self._cache["notes"]  # type: ignore[return-value]

    @property
    def nodes(self) -> int:
        """Number of nodes."""
        return self.graph.number_of_nodes()

    @property
    def edges(self) -> int:
        """Number of edges (relations, noted and computed), counted once."""
        return self.memo("edges", self.graph.number_of_edges)

    @property
    def limits(self) -> int:
        """Number of ``ca:Limit`` nodes, counted once."""
        return self.memo(
            "limits", lambda: sum(1 for _, data in self.graph.nodes(data=True) if "Limit" in data.get("classes", ()))
        )  # fmt: skip

    def memo(self, key: Hashable, make: Callable[[], T], *, keep: int = 0) -> T:
        """``make()``, computed once per graph and shared by every session that reads it.

        With ``keep``, the value is one of a family (drawings of different views, say): only the
        ``keep`` most recently used of the family stay. A graph is never changed once loaded, so
        what is derived from it stays right; treat the value as read-only.
        """
        if not keep:
            if key not in self._cache:
                self._cache[key] = make()
            return self._cache[key]  # type: ignore[return-value]
        with _MEMO_LOCK:
            family = self._cache.setdefault(("family", key[0] if isinstance(key, tuple) else key), OrderedDict())
            if key in family:  # type: ignore[operator]
                family.move_to_end(key)  # type: ignore[attr-defined]
                return family[key]  # type: ignore[index]
        value = make()  # outside the lock: sessions drawing other views need not wait
        with _MEMO_LOCK:
            family[key] = value  # type: ignore[index]
            while len(family) > keep:  # type: ignore[arg-type]
                family.popitem(last=False)  # type: ignore[attr-defined]
        return value


def build_loaded(paths: Iterable[str | Path], source: str, progress: Progress | None = None) -> Loaded:
    """Read notes or RDF under ``paths`` into a new store, add the computed relations, make the network.

    Raises :class:`graph.errors.InputError` for bad input; nothing shared is touched.
    """
    return loaded_from_store(build_store(list(paths), progress=progress), source)


def default_notes() -> tuple[tuple[str, ...], str]:
    """What every session starts with: the paths in ``$CLOUDATLAS_NOTES`` if set, else the bundled notes.

    Returns the paths and the name the sidebar shows for them.
    """
    value = os.environ.get(NOTES_ENV, "").strip()
    paths = tuple(p for p in value.split(os.pathsep) if p.strip())
    if paths:
        return paths, "notes: " + ", ".join(Path(p).name or p for p in paths)
    return (str(BUNDLED_NOTES),), "bundled notes"


def load_bundled() -> Loaded:
    """The default graph, loaded once per process and shared read-only by all sessions.

    The on-disk store in ``$CLOUDATLAS_STORE`` when set, else the notes of :func:`default_notes`.
    """
    paths, source = default_notes()
    folder = os.environ.get(STORE_ENV, "").strip()
    if folder:
        return _load_store(str(Path(folder).resolve()), paths if os.environ.get(NOTES_ENV, "").strip() else ())
    return _load_default(paths, source)


@st.cache_resource(show_spinner="Reading the notes…")
def _load_default(paths: tuple[str, ...], source: str) -> Loaded:
    return _prepared(build_loaded(paths, source=source))


@st.cache_resource(show_spinner="Opening the store…")
def _load_store(folder: str, notes: tuple[str, ...]) -> Loaded:
    from graph.rdf.incremental import sync_store

    store = open_folder(folder)
    touched = False
    if notes or next(iter(store.ox), None) is None:  # notes named, or an empty folder: (re)build what changed
        paths = list(notes or default_notes()[0])
        touched = sync_store(paths, store, compact=False).touched  # saving the network compacts
    return _prepared(loaded_from_folder(store, f"store: {Path(folder).name}", derive=touched))


def _prepared(loaded: Loaded) -> Loaded:
    """``loaded`` with what the first view of every session needs made now, kept out of the collector's sight."""
    loaded.scores("pagerank")
    if loaded.nodes > ViewSpec().cap:
        loaded.communities()
    # The graph lives as long as the process: move it out of the garbage collector's sight, or every
    # full collection walks its millions of objects again (hundreds of milliseconds on a big graph).
    gc.collect()
    gc.freeze()
    return loaded


@st.cache_resource(show_spinner=False, max_entries=4)
def open_folder(folder: str) -> Store:
    """The on-disk store in ``folder`` (an absolute path), opened once for the whole process.

    A folder can be open in one place at a time: the default store and the sidebar's share this one.
    """
    from graph.rdf.incremental import open_store

    return open_store(folder)


def current() -> Loaded:
    """The graph this session works on: an upload that succeeded, else the bundled notes."""
    loaded = st.session_state.get(GRAPH)
    return loaded if isinstance(loaded, Loaded) else load_bundled()


def loaded_from_store(store: Store, source: str) -> Loaded:
    """A :class:`Loaded` for a freshly parsed ``store``: computed relations added, network made."""
    return Loaded(store=store, graph=derive_network(store), source=source, triples=len(store))


def loaded_from_folder(store: Store, source: str, *, derive: bool = False) -> Loaded:
    """A :class:`Loaded` for an on-disk store (:mod:`graph.rdf.incremental`), taken as it is.

    The computed relations are made again only with ``derive`` (its notes changed) or when the
    store has none yet; the network is then saved in the folder, and read from there next time
    the store is opened unchanged (:mod:`graph.network.cache`). ``triples`` counts the graph without
    the store's bookkeeping copies.
    """
    if derive or not store.ox.contains_named_graph(ox.NamedNode(str(DERIVED_GRAPH))):
        graph = derive_network(store)
        save_network(store, graph)
    else:
        graph = network_of(store)
    return Loaded(store=store, graph=graph, source=source, triples=_content_triples(store))


def loaded_read_only(store: Store, source: str) -> Loaded:
    """A :class:`Loaded` for a store opened read-only: nothing is computed into it or saved beside it.

    The network saved in its folder is used when it still matches; otherwise it is made in memory
    from the store's facts and the computed relations the store already holds.
    """
    from graph.network.cache import load_network

    graph = load_network(store)
    if graph is None:
        graph = to_networkx(store)
    return Loaded(store=store, graph=graph, source=source, triples=_content_triples(store))


def _content_triples(store: Store) -> int:
    """Quads of the default graph and of the named graphs that are not bookkeeping, counted inside the store."""
    from graph.rdf.bookkeeping import is_bookkeeping

    patterns = ["?s ?p ?o"]
    for g in store.ox.named_graphs():
        if isinstance(g, ox.NamedNode) and not is_bookkeeping(g):
            patterns.append(f"GRAPH <{g.value}> {{ ?s ?p ?o }}")
    counts = (next(iter(store.query(f"SELECT (COUNT(*) AS ?n) WHERE {{ {p} }}")))["n"] for p in patterns)
    return sum(int(n.value) for n in counts)


def upload_notes(files: Sequence[UploadedFile]) -> tuple[bool, str]:
    """Build a new graph from uploaded notes (``.md``, ``.txt``) or RDF files, and use it if all is well.

    The files keep their names and are parsed together by :func:`graph.rdf.upload.read_uploads`:
    size cap, no XML entity declarations, parsing in a worker process with time and memory
    limits. A progress bar shows the stages. The new graph replaces the current one only
    when every file parsed and something was found; otherwise the current graph stays as it was.

    Returns
    -------
    (bool, str)
        Whether the graph was replaced, and a message for the user (``FILE:LINE: problem``
        for a bad file).
    """
    files = list(files or [])
    if not files:
        return False, "Choose one or more notes files (.md, .txt) or RDF files first."
    names = [Path(str(f.name).replace("\\", "/")).name for f in files]
    source = ", ".join(names)
    unchanged = "The current graph is unchanged."
    bar = st.progress(0.0, text=f"Reading {len(files)} file{'s' if len(files) != 1 else ''} in a separate process…")
    try:
        uploaded = read_uploads([(name, f.getvalue()) for name, f in zip(names, files, strict=True)])
        store = uploaded.store
        bar.progress(0.6, text="Computing relations…")
        loaded = loaded_from_store(store, f"uploaded: {source}")
        loaded.memo(COVERAGE, lambda: uploaded.coverage)
        bar.progress(1.0, text="Done.")
    except InputError as err:
        return False, f"{err}. {unchanged}"
    except Exception as err:  # a reader bug must not take the page down or lose the graph
        return False, f"Could not read {source} ({type(err).__name__}: {err}). {unchanged}"
    finally:
        bar.empty()
    if loaded.nodes == 0:
        return False, f"Found nothing to draw in {source}. {unchanged}"
    st.session_state[GRAPH] = loaded
    reset_view()
    collapse_all()
    select(None)
    return True, (
        f"Loaded {len(files)} file{'s' if len(files) != 1 else ''}: {loaded.nodes} nodes, "
        f"{loaded.edges} edges, {loaded.triples} triples."
    )


def use_bundled() -> None:
    """Go back to the bundled notes."""
    st.session_state.pop(GRAPH, None)
    reset_view()
    collapse_all()
    select(None)
