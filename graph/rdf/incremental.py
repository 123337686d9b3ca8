"""Notes → an on-disk store, kept up to date file by file: only files whose content changed are read again.

:func:`sync_store` makes a :class:`~graph.rdf.store.Store` (usually a folder on disk,
``Store(path)``) hold what the notes and RDF files under ``paths`` say. The first
run reads every file; later runs compare each file's SHA-256 with the one
recorded in the store and re-extract only the files that are new or changed,
remove what deleted files said, and leave everything else as it is. Reopening
the folder (:func:`open_store`) needs no parsing at all.

Beside the facts the store keeps a copy of what each file said, and a manifest of
file names, hashes and the extractor's fingerprint; :mod:`graph.rdf.bookkeeping` lays
them out and tells them apart from the facts.

Replacing a file removes each triple its copies hold from the real graph unless
another file's copy holds it too, drops the copies, and adds the new triples and
copies. A triple noted in two files therefore survives an edit of one of them.

Each file on its own
--------------------
Every file is extracted on its own, here as in the in-memory build
(:func:`graph.rdf.pipeline.build_store`), so both give the same graph, whatever the
file order. That is what makes rebuilding one file possible and lets a big build
spread files over all cores. Within a file everything works as
:func:`graph.read.extraction.extract` does; across files, a lost heading is only
recovered from terms and services of the same file, and the same limit noted in
two files keeps both files' bounds. When the extractor or the catalog changes
(the fingerprint differs), every file is extracted again.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "a.md").write_text("## DynamoDB\\n- DAX caches reads\\n", encoding="utf-8")
>>> store = Store()
>>> sync_store([folder], store).added
('a.md',)
>>> sync_store([folder], store).unchanged
('a.md',)
>>> sorted(manifest(store))
['a.md']
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path

import pyoxigraph as ox

from graph.errors import InputError
from graph.rdf.bookkeeping import (
    _M_GRAPH,
    FILES,
    _copies,
    _copy_graphs,
    _parse_copy,
    _record,
    _set_fingerprint,
    _stored_fingerprint,
    extractor_fingerprint,
    file_graph,
    is_bookkeeping,
    manifest,
)
from graph.rdf.inputs import NotesFile, find_inputs
from graph.rdf.store import Store, is_rdf_file
from graph.rdf.triples import nquad_lines
from graph.read.extraction import extract
from graph.read.outline import Outline, decode_notes, read_outline
from graph.utils.fanout import map_ordered

__all__ = ["SyncReport", "sync_store", "open_store"]

Progress = Callable[[int, int, str], None]

#: Notes with fewer bullets and headings than this (all changed files together) are extracted in this process.
PARALLEL_ITEMS = 5_000

_BULK = 20_000
#: Quads planned before they are written (bigger batches write faster and use more memory).
BATCH_QUADS = 400_000


@dataclass(frozen=True)
class SyncReport:
    """What :func:`sync_store` did, by file name (each tuple sorted).

    >>> report = SyncReport(added=("b.md",), changed=("a.md",), unchanged=("c.md",))
    >>> report.extracted, report.touched
    (('a.md', 'b.md'), True)
    """

    added: tuple[str, ...] = ()
    changed: tuple[str, ...] = ()
    removed: tuple[str, ...] = ()
    unchanged: tuple[str, ...] = ()
    everything: bool = False
    quads: dict[str, int] = field(default_factory=dict)

    @property
    def extracted(self) -> tuple[str, ...]:
        """The files read and extracted (or parsed, for RDF) this time."""
        return tuple(sorted(self.added + self.changed))

    @property
    def touched(self) -> bool:
        """True when the store changed (derived relations then need computing again)."""
        return bool(self.added or self.changed or self.removed)


def open_store(path: str | Path, *, read_only: bool = False) -> Store:
    """Reopen (or create) a store folder; nothing is parsed.

    A folder another process has open for writing (the app, another command) is refused with a
    clear error. ``read_only`` opens an existing store without taking its lock, for commands
    that only read; what another process writes meanwhile may then not be seen. It never creates
    a folder: one that holds no store is an error. A damaged store (a truncated ``CURRENT``, a
    garbled table file) is an :class:`~graph.errors.InputError` naming the folder.

    >>> import tempfile
    >>> folder = tempfile.mkdtemp()
    >>> store = open_store(folder)
    >>> store.load_text('<https://e.org/a> <https://e.org/b> "c" .', "nt")
    >>> del store
    >>> len(open_store(folder, read_only=True))
    1
    """
    folder = Path(path)
    if folder.exists() and not folder.is_dir():
        raise InputError("not a folder (a store on disk is a folder)", file=str(folder))
    try:
        if read_only:
            if not (folder / "CURRENT").is_file():
                raise InputError("no store in this folder (build one with --store first)", file=str(folder))
            store = Store()
            store.ox, store.path = ox.Store.read_only(str(folder)), folder
            return store
        return Store(folder)
    except OSError as err:
        text = str(err).splitlines()[0] if str(err) else type(err).__name__
        lowered = text.lower()
        if "while lock file" in lowered or "lock hold by" in lowered:
            raise InputError("the store is open in another process (close it first)", file=str(folder)) from None
        if (folder / "LOCK").exists() and not (folder / "LOCK").is_file():
            raise InputError("cannot open the store: its LOCK is not a file", file=str(folder)) from None
        raise InputError(f"cannot open the store: {text}", file=str(folder)) from None
    except RuntimeError as err:  # RocksDB's "Corruption: ..." (a truncated CURRENT, a damaged table file)
        text = str(err).splitlines()[0] if str(err) else type(err).__name__
        if "corruption" in text.lower():
            raise InputError(f"the store is damaged and cannot be opened ({text})", file=str(folder)) from None
        raise InputError(f"cannot open the store: {text}", file=str(folder)) from None


@dataclass
class _Read:
    """A file read and checked, ready to go into the store."""

    file: NotesFile
    sha256: str
    quads: list[ox.Quad] | None = None  # RDF files: parsed already
    outline: Outline | None = None  # notes files: the outline, extracted when written


def sync_store(
    paths: Iterable[str | Path],
    store: Store | str | Path,
    *,
    progress: Progress | None = None,
    compact: bool = True,
) -> SyncReport:
    """Make ``store`` hold what the files under ``paths`` say, reading only what changed.

    Parameters
    ----------
    paths : iterable of path
        Notes files, RDF files and folders of them, as for :func:`graph.rdf.pipeline.build_store`.
    store : Store or path
        The store to update, or a folder to open as one.
    progress : callable, optional
        ``progress(done, total, what)``, called as files are written.
    compact : bool, default True
        After writing to a store on disk, flush and compact it, so that reopening it finds no
        log to replay and no compaction to run. A caller that writes more right after and then
        saves the network (:func:`graph.network.cache.save_network` does both) passes False.

    Returns
    -------
    SyncReport
        Which files were added, changed, removed and left as they were.

    Raises
    ------
    InputError
        For a file that cannot be read or parsed (the store is left as it was), a folder
        holding RDF that was not built here, or a store open in another process.
    """
    if not isinstance(store, Store):
        store = open_store(store)
    files = find_inputs(paths)
    names = [f.name for f in files]
    if len(set(names)) != len(names):
        twice = sorted({n for n in names if names.count(n) > 1})
        raise InputError(f"two inputs have the same name {twice[0]!r} (give one folder, or rename)", file=twice[0])
    recorded = manifest(store)
    fingerprint = extractor_fingerprint()
    stored_print = _stored_fingerprint(store)
    if not recorded and stored_print is None and _has_content(store):
        raise InputError(
            "the store holds RDF that was not built from notes here (use an empty folder)",
            file=str(store.path or "<store>"),
        )
    everything = stored_print is not None and stored_print != fingerprint

    # Read and check everything first: a bad file leaves the store as it was.
    todo: list[_Read] = []
    unchanged: list[str] = []
    for f in files:
        data = _read_bytes(f)
        sha = hashlib.sha256(data).hexdigest()
        if not everything and recorded.get(f.name) == sha:
            unchanged.append(f.name)
            continue
        todo.append(_check(f, data, sha))
    # Copies of files missing from the manifest are what an interrupted run left behind.
    leftovers = {name for name, _ in _copies(store) if name not in recorded} - {r.file.name for r in todo}
    removed = sorted((set(recorded) - set(names)) | leftovers)

    if stored_print is None:
        _set_fingerprint(store, fingerprint)  # marks the store as built here before anything else goes in
    total = len(removed) + len(todo)
    quads: dict[str, int] = {}
    batch = _Batch(store)
    for done, name in enumerate(removed):
        if progress:
            progress(done, total, f"removing {name}")
        batch.plan(name, [], clean=name in recorded, sha256=None)
    notes = [r.outline for r in todo if r.outline is not None]
    size = sum(len(r.outline.items) for r in todo if r.outline is not None)
    extracted = map_ordered(_extracted, notes, workers=None if size >= PARALLEL_ITEMS else 1)
    for done, item in enumerate(todo, start=len(removed)):
        if progress:
            progress(done, total, item.file.name)
        new = item.quads if item.quads is not None else list(ox.parse(next(extracted), format=ox.RdfFormat.N_QUADS))
        quads[item.file.name] = len(new)
        batch.plan(item.file.name, new, clean=item.file.name in recorded, sha256=item.sha256)
        if batch.size >= BATCH_QUADS:
            batch.write()
    batch.write()
    if everything:
        _set_fingerprint(store, fingerprint)  # last: a run cut short starts again from every file
    if compact and store.path is not None and (removed or todo):
        store.ox.flush()  # so that reopening has no log to replay
        store.ox.optimize()  # and no compaction left to run in the background when it is reopened
    if progress:
        progress(total, total, "done")
    return SyncReport(
        added=tuple(sorted(r.file.name for r in todo if r.file.name not in recorded)),
        changed=tuple(sorted(r.file.name for r in todo if r.file.name in recorded)),
        removed=tuple(removed),
        unchanged=tuple(sorted(unchanged)),
        everything=everything,
        quads=quads,
    )


def _read_bytes(f: NotesFile) -> bytes:
    try:
        return f.path.read_bytes()
    except OSError as err:
        raise InputError(err.strerror or str(err), file=str(f.path)) from None


def _check(f: NotesFile, data: bytes, sha: str) -> _Read:
    """Parse an RDF file, or read a notes file's outline; errors name the file and line."""
    if is_rdf_file(f.path):
        if not data.strip():
            raise InputError("file is empty", file=str(f.path))
        staging = Store()
        staging.load_text(data, f.path.name, name=str(f.path))
        quads = list(staging.ox)
        if any(isinstance(q.graph_name, ox.BlankNode) for q in quads):
            raise InputError("graphs named by blank nodes are not supported in a store on disk", file=str(f.path))
        if any(is_bookkeeping(q.graph_name) for q in quads):
            raise InputError(f"uses graph names reserved for the store's bookkeeping ({FILES}…)", file=str(f.path))
        return _Read(f, sha, quads=quads)
    try:
        outline = read_outline(decode_notes(data, f.name), f.name)
    except InputError as err:
        raise InputError(err.problem, file=str(f.path), line=err.line) from None
    return _Read(f, sha, outline=outline)


def _extracted(outline: Outline) -> str:
    """A notes file's outline, extracted on its own, as N-Quads text."""
    return "".join(nquad_lines(extract([outline])))


@dataclass
class _Plan:
    """What one file's update writes: new copies, quads to add, copies to take back, its manifest entry."""

    name: str
    fresh: list[ox.Quad]
    targets: list[ox.Quad]
    gone: dict[ox.NamedNode, tuple[set[ox.Quad], bool]]
    sha256: str | None
    count: int


class _Batch:
    """Updates of several files, written together (bulk writes are much faster in big pieces).

    The order keeps one rule true even when the process is killed half-way: every quad a file
    put in a graph is in that file's copy until it has been taken out of the graph, and a
    file's manifest entry is only there when everything it says is in place.
    """

    def __init__(self, store: Store) -> None:
        self.store = store
        self.plans: list[_Plan] = []
        self.size = 0

    def plan(self, name: str, quads: list[ox.Quad], *, clean: bool, sha256: str | None) -> None:
        """Plan making what file ``name`` says ``quads`` (none: it is gone), writing only the difference.

        ``clean`` says the file's last update finished (it is in the manifest), so its quads are
        all in place and only new ones need adding. The manifest entry goes at once.
        """
        store = self.store
        entry = ox.NamedNode(file_graph(name))
        for quad in list(store.ox.quads_for_pattern(entry, None, None, _M_GRAPH)):
            store.ox.remove(quad)
        old: dict[ox.NamedNode, set[ox.Quad]] = {
            g: set(store.ox.quads_for_pattern(None, None, None, g))
            for g in _copy_graphs(store)
            if _parse_copy(g.value)[0] == name  # type: ignore[index]
        }
        copy_of: dict[object, ox.NamedNode] = {}
        copies: list[ox.Quad] = []
        for q in quads:
            g = q.graph_name
            copy = copy_of.get(g)
            if copy is None:
                copy = copy_of[g] = ox.NamedNode(file_graph(name, None if isinstance(g, ox.DefaultGraph) else g.value))
            copies.append(ox.Quad(q.subject, q.predicate, q.object, copy))
        if old:
            new: dict[ox.NamedNode, set[ox.Quad]] = {copy: set() for copy in copy_of.values()}
            for q in copies:
                new[q.graph_name].add(q)  # type: ignore[index]
            fresh = [q for copy, qs in new.items() for q in qs - old.get(copy, set())]
            gone = {copy: (qs - new.get(copy, set()), not new.get(copy)) for copy, qs in old.items()}
        else:
            fresh, gone = copies, {}
        targets = quads if not clean else [_in_target(q) for q in fresh]
        self.plans.append(_Plan(name, fresh, targets, gone, sha256, len(quads)))
        self.size += len(fresh) + len(targets)

    def write(self) -> None:
        """Copies first, then the quads, then what is taken back, then the manifest entries."""
        store = self.store
        _extend(store, [q for plan in self.plans for q in plan.fresh])
        _extend(store, [q for plan in self.plans for q in plan.targets])
        for plan in self.plans:
            for copy, (gone, drop) in plan.gone.items():
                target = _parse_copy(copy.value)[1]  # type: ignore[index]
                for quad in gone:
                    if not _said_elsewhere(store, quad, copy, target):
                        store.ox.remove(_in_target(quad))
                for quad in gone:
                    store.ox.remove(quad)
                if drop:
                    store.ox.remove_graph(copy)
        for plan in self.plans:
            if plan.sha256 is not None:
                _record(store, plan.name, plan.sha256, plan.count)
        self.plans, self.size = [], 0


def _in_target(copy_quad: ox.Quad) -> ox.Quad:
    """The quad a copy quad stands for, in the graph the file put it in."""
    target = _parse_copy(copy_quad.graph_name.value)[1]  # type: ignore[index, union-attr]
    graph = ox.NamedNode(target) if target else ox.DefaultGraph()
    return ox.Quad(copy_quad.subject, copy_quad.predicate, copy_quad.object, graph)


def _extend(store: Store, quads: list[ox.Quad]) -> None:
    """Add quads: a bulk load for big batches, which on failure (a full disk) leaves no half-written table."""
    if len(quads) > _BULK:
        before = set(store.path.glob("bulk-*")) if store.path else set()
        try:
            store.ox.bulk_extend(quads)
        except BaseException:
            for leftover in set(store.path.glob("bulk-*")) - before if store.path else ():
                leftover.unlink(missing_ok=True)
            raise
    elif quads:
        store.ox.extend(quads)


def _said_elsewhere(store: Store, quad: ox.Quad, copy: ox.NamedNode, target: str | None) -> bool:
    """True when another file's copy of the same target graph holds the triple."""
    for other in store.ox.quads_for_pattern(quad.subject, quad.predicate, quad.object, None):
        g = other.graph_name
        if isinstance(g, ox.NamedNode) and g != copy and g.value.startswith(FILES):
            parsed = _parse_copy(g.value)
            if parsed is not None and parsed[1] == target:
                return True
    return False


def _has_content(store: Store) -> bool:
    return next(iter(store.ox.quads_for_pattern(None, None, None, None)), None) is not None
