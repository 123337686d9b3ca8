"""Paths → the files to read: notes files and RDF files, named as provenance will name them.

:func:`find_inputs` expands folders into the notes (``.md``, ``.markdown``, ``.txt``) and RDF
files inside them, sorted, each a :class:`NotesFile` with its path and the name it goes by;
files named directly are checked for a known suffix. Both the in-memory build
(:func:`graph.rdf.pipeline.build_store`) and the on-disk store
(:func:`graph.rdf.incremental.sync_store`) start here.

Examples
--------
>>> import tempfile
>>> from pathlib import Path
>>> folder = Path(tempfile.mkdtemp())
>>> _ = (folder / "db").mkdir(), (folder / "db" / "rds.md").write_text("# RDS", encoding="utf-8")
>>> _ = (folder / "extra.ttl").write_text("", encoding="utf-8")
>>> [f.name for f in find_inputs([folder])]
['db/rds.md', 'extra.ttl']
>>> find_inputs([folder / "missing.md"])
Traceback (most recent call last):
...
graph.errors.InputError: .../missing.md:0: no such file or folder
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from graph.errors import InputError
from graph.rdf.store import is_rdf_file

__all__ = ["NOTE_SUFFIXES", "NotesFile", "find_inputs"]

NOTE_SUFFIXES = (".md", ".markdown", ".txt")


@dataclass(frozen=True)
class NotesFile:
    """A file to read: where it is, and the name it goes by in provenance."""

    path: Path
    name: str


def find_inputs(paths: Iterable[str | Path]) -> list[NotesFile]:
    """Files named, and the notes and RDF files inside folders named (sorted).

    A file's provenance name is relative to the folder it was found in, or its
    own name when given directly.
    """
    found: list[NotesFile] = []
    for given in paths:
        path = Path(given)
        if path.is_dir():
            inside = sorted(
                p for p in path.rglob("*")
                if p.is_file() and (p.suffix.lower() in NOTE_SUFFIXES or is_rdf_file(p)) and not p.name.startswith(".")
            )  # fmt: skip
            if not inside:
                raise InputError("folder has no notes files (.md, .txt) or RDF files", file=str(path))
            found += [NotesFile(p, p.relative_to(path).as_posix()) for p in inside]
        elif path.is_file():
            if path.suffix.lower() not in NOTE_SUFFIXES and not is_rdf_file(path):
                raise InputError(
                    f"unknown file type {path.suffix or '(none)'!r}: notes are .md or .txt; "
                    "RDF is .ttl, .nt, .nq, .jsonld, .trig, .rdf, .xml or .owl",
                    file=str(path),
                )
            found.append(NotesFile(path, path.name))
        elif path.exists():
            raise InputError("not a regular file", file=str(path))
        else:
            raise InputError("no such file or folder", file=str(path))
    return found
