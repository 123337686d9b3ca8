"""Paths → a loaded store: the whole pipeline, notes → outline → facts → triples → store.

Notes files (``.md``, ``.txt``) and folders of them go through the reader and
extractor; RDF files (``.ttl``, ``.nt``, ``.jsonld``, ``.trig``, ``.rdf`` ...)
are loaded as they are. Everything is read and checked before the store is
touched, so a bad file leaves the store as it was.

Examples
--------
>>> store = build_store([BUNDLED_NOTES])
>>> len(store) > 500
True
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from pathlib import Path

from graph.errors import InputError
from graph.rdf.incremental import sync_store
from graph.rdf.inputs import NotesFile, find_inputs
from graph.rdf.store import Store, is_rdf_file
from graph.rdf.triples import nquad_lines
from graph.read.extraction import extract
from graph.read.facts import Facts
from graph.read.outline import Outline, decode_notes, read_outline
from graph.read.report import FileCoverage, coverage
from graph.utils.fanout import map_ordered

__all__ = [
    "BUNDLED_NOTES",
    "read_notes",
    "build_facts",
    "build_store",
    "notes_nquads",
    "notes_coverage",
]

BUNDLED_NOTES = Path(__file__).resolve().parents[2] / "data" / "notes"

Progress = Callable[[int, int, str], None]

#: Notes smaller than this (in bytes, all files together) are extracted in this process.
PARALLEL_BYTES = 256 * 1024


def read_notes(files: Sequence[NotesFile]) -> list[Outline]:
    """Outlines of the notes files (RDF files are skipped here)."""
    outlines = []
    for f in files:
        if is_rdf_file(f.path):
            continue
        try:
            data = f.path.read_bytes()
        except OSError as err:
            raise InputError(err.strerror or str(err), file=str(f.path)) from None
        try:
            outlines.append(read_outline(decode_notes(data, f.name), f.name))
        except InputError as err:
            raise InputError(err.problem, file=str(f.path), line=err.line) from None
    return outlines


def build_facts(paths: Iterable[str | Path]) -> Facts:
    """Facts of the notes under ``paths``, read in order as one body of notes."""
    return extract(read_notes(find_inputs(paths)))


def notes_nquads(f: NotesFile) -> str:
    """One notes file, extracted on its own, as N-Quads text (what :func:`build_store` loads for it).

    >>> text = notes_nquads(NotesFile(BUNDLED_NOTES / "dynamodb.md", "dynamodb.md"))
    >>> "<https://w3id.org/cloudatlas/id/dynamodb>" in text
    True
    """
    return "".join(nquad_lines(extract(read_notes([f]))))


def notes_coverage(paths: Iterable[str | Path] = (BUNDLED_NOTES,)) -> tuple[FileCoverage, ...]:
    """What each notes file under ``paths`` gave, line by line, each extracted on its own as :func:`build_store` does.

    >>> cov = {c.file: c for c in notes_coverage([BUNDLED_NOTES])}
    >>> cov["dynamodb.md"].understood > 0
    True
    """
    return tuple(coverage(outline, extract([outline])) for outline in read_notes(find_inputs(paths)))


def build_store(
    paths: Iterable[str | Path] = (BUNDLED_NOTES,),
    store: Store | None = None,
    progress: Progress | None = None,
    workers: int | None = None,
) -> Store:
    """Read, extract and load everything under ``paths`` into ``store`` (a new one by default).

    Each notes file is extracted on its own, as the on-disk store does (so both
    give the same graph), and files are spread over ``workers`` processes (one
    per core by default; small inputs stay in this process). Everything is
    loaded into a fresh store first; ``store`` only receives it when all files
    succeeded. An on-disk ``store`` is brought up to date file by file
    (:func:`graph.rdf.incremental.sync_store`): only changed files are re-read.
    ``progress(done, total, what)`` is called as files are loaded.
    """
    if store is not None and store.path is not None:
        sync_store(paths, store, progress=progress)
        return store
    files = find_inputs(paths)
    staging = Store()
    rdf = [f for f in files if is_rdf_file(f.path)]
    notes = [f for f in files if not is_rdf_file(f.path)]
    total = len(files)
    for done, f in enumerate(rdf):
        if progress:
            progress(done, total, f.name)
        staging.load_file(f.path)
    if workers is None and sum(_size(f) for f in notes) < PARALLEL_BYTES:
        workers = 1
    answers = map_ordered(notes_nquads, notes, workers=workers)
    for done, (f, text) in enumerate(zip(notes, answers, strict=True), start=len(rdf)):
        if progress:
            progress(done, total, f.name)
        staging.load_ntriples_lines([text])
    if progress:
        progress(total, total, "done")
    if store is None:
        return staging
    store.add_all(staging)
    return store


def _size(f: NotesFile) -> int:
    try:
        return f.path.stat().st_size
    except OSError:
        return 0  # reading it will say what is wrong
