"""The network of an on-disk store, saved in its folder so that reopening the store does not rebuild it.

Making the network of an on-disk store (:func:`graph.network.build.to_networkx`) decodes every
resource and provenance record through RocksDB: about 7 s for a million triples. Loading it
back from ``cloudatlas-network.json.gz`` in the store's folder takes under 2 s.
:func:`network_of` gives the saved network when it still matches the store, and otherwise
makes the network and saves it; :func:`save_network` saves one that was just made (for
example by :func:`graph.network.derive.derive_network`).

When the saved network is used
------------------------------
Only while the store holds the data it was saved with, and the code that makes networks is
the same. RocksDB never changes a table file in place: every write, by CloudAtlas or by any
other program, goes to a write-ahead log (``*.log``) that later becomes new table files
(``*.sst``), or for a bulk load straight into new table files; file numbers are never used
again. Compaction merges tables into new ones and deletes the old ones without changing what
they hold. So the saved network records the tables and the
non-empty logs (name and size) and the number of quads, and it is used when

* every table and non-empty log of the store is one it recorded, at the same size (new data
  always comes in a file it does not know), and
* the store holds as many quads as it did (data can leave without a new file, when a
  compaction finds all of it deleted; then there are fewer quads).

Anything else (a write, a compaction that made new tables, a network saved by other code)
means the network is made again: a saved network is never used when it might be stale.

The file is plain JSON, gzip-compressed; no pickle, so a file put in the folder by someone
else cannot run code. A file that cannot be read is ignored, and so is a folder that cannot
be written to: the network is then made each time, as without this module.

Examples
--------
>>> import tempfile
>>> from graph.rdf.incremental import open_store, sync_store
>>> from graph.rdf.pipeline import BUNDLED_NOTES
>>> folder = tempfile.mkdtemp()
>>> store = open_store(folder)
>>> _ = sync_store([BUNDLED_NOTES], store)
>>> g = network_of(store)  # made, then saved in the folder
>>> (Path(folder) / CACHE_FILE).is_file()
True
>>> del store
>>> again = open_store(folder)
>>> saved = load_network(again)
>>> list(saved.edges(keys=True, data=True)) == list(g.edges(keys=True, data=True))
True
>>> again.load_text('<https://e.org/a> <https://e.org/b> "c" .', "nt")  # any write
>>> load_network(again) is None
True
"""

from __future__ import annotations

import gzip
import hashlib
import json
import logging
import time
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING

import networkx as nx

from graph.errors import InputError
from graph.network import build, names
from graph.network.build import NoteRef, to_networkx
from graph.utils.files import write_atomic

if TYPE_CHECKING:
    from graph.rdf.store import Store

__all__ = ["CACHE_FILE", "FORMAT", "store_files", "network_of", "load_network", "save_network"]

#: The saved network's file name, inside the store's folder.
CACHE_FILE = "cloudatlas-network.json.gz"
#: Version of the file's layout.
FORMAT = 1

_log = logging.getLogger(__name__)


def store_files(folder: str | Path) -> dict[str, list[list]]:
    """The RocksDB files that hold a store's data: ``tables`` and non-empty ``logs``, each ``[name, size]``.

    >>> import tempfile
    >>> store_files(tempfile.mkdtemp())
    {'tables': [], 'logs': []}
    """
    tables, logs = [], []
    for path in sorted(Path(folder).iterdir()):
        if path.suffix not in (".sst", ".log"):
            continue
        try:
            size = path.stat().st_size
        except FileNotFoundError:
            continue  # deleted by a compaction since the folder was listed
        if path.suffix == ".sst":
            tables.append([path.name, size])
        elif size:
            logs.append([path.name, size])
    return {"tables": tables, "logs": logs}


def network_of(store: Store) -> nx.MultiDiGraph:
    """The store's network: the one saved in its folder when it still matches, else made (and saved).

    For a store in memory (or a remote one) this is :func:`graph.network.build.to_networkx`.
    """
    if store.path is None:
        return to_networkx(store)
    g = load_network(store)
    if g is None:
        g = to_networkx(store)
        save_network(store, g)
    return g


def load_network(store: Store) -> nx.MultiDiGraph | None:
    """The network saved in the store's folder, or None when there is none, it is unreadable or may be stale."""
    if store.path is None:
        return None
    try:
        with gzip.open(Path(store.path) / CACHE_FILE, "rb") as handle:
            doc = json.load(handle)
        if doc.get("format") != FORMAT or doc.get("code") != _code_fingerprint():
            return None
        if not _same_data(doc["files"], store_files(store.path)) or doc["quads"] != len(store.ox):
            return None
        return _decode(doc)
    except (OSError, EOFError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return None


def save_network(store: Store, g: nx.MultiDiGraph) -> bool:
    """Save ``g``, the network of ``store`` as it is now, in the store's folder; whether it was saved.

    The store is flushed and compacted first (about a second for a million triples), and the
    files are recorded once the compactions RocksDB starts on its own after that (a first full
    read sets some off) are over: the table files then hold everything the network was made
    from, and stay as they are when the store is opened and read again. A store opened
    read-only is not saved to: another process may be writing to it.
    """
    if store.path is None:
        return False
    try:
        store.ox.flush()
        store.ox.optimize()
    except (OSError, RuntimeError):
        return False  # opened read-only: another process may be writing to it
    try:
        quads = len(store.ox)  # a first full read after compacting sets off RocksDB's last compactions
        files = _settled_files(store.path)
        doc = {"format": FORMAT, "code": _code_fingerprint(), "files": files, "quads": quads, **_encode(g)}
        data = gzip.compress(json.dumps(doc, ensure_ascii=False, separators=(",", ":")).encode(), compresslevel=1)
        write_atomic(Path(store.path) / CACHE_FILE, data)
    except (OSError, InputError, TypeError) as err:
        _log.warning("network not saved in %s: %s", store.path, err)
        return False
    return True


def _settled_files(folder: str | Path, *, quiet: float = 0.5, limit: float = 10.0) -> dict[str, list[list]]:
    """:func:`store_files` once they stopped changing for ``quiet`` seconds (compactions RocksDB
    starts on its own after a manual one end within a few seconds), or after ``limit`` seconds."""
    files, since = store_files(folder), time.monotonic()
    deadline = since + limit
    while time.monotonic() < deadline:
        time.sleep(quiet / 4)
        now = store_files(folder)
        if now != files:
            files, since = now, time.monotonic()
        elif time.monotonic() - since >= quiet:
            break
    return files


def _same_data(saved: dict, now: dict) -> bool:
    """Whether every file ``now`` is one of the ``saved`` ones, at the same size (see the module docstring).

    >>> saved = {"tables": [["7.sst", 10], ["9.sst", 20]], "logs": [["8.log", 5]]}
    >>> _same_data(saved, {"tables": [["9.sst", 20]], "logs": []})  # 7.sst compacted away, 8.log flushed
    True
    >>> _same_data(saved, {"tables": [["9.sst", 20], ["12.sst", 3]], "logs": []})  # new data
    False
    """
    known = {(name, size) for name, size in saved["tables"] + saved["logs"]}
    return all((name, size) in known for name, size in now["tables"] + now["logs"])


def _code_fingerprint() -> str:
    """What makes networks and files: a change to any of them makes saved networks stale.

    Networks are made by :mod:`graph.network.build` with the local names of
    :mod:`graph.network.names`; files by this module.
    """
    digest = hashlib.sha256()
    for module in (build.__file__, names.__file__, __file__):
        digest.update(Path(module).read_bytes())
    return digest.hexdigest()[:16]


def _encode(g: nx.MultiDiGraph) -> dict:
    """Nodes, edges and note lines as JSON values; note lines are listed once and cited by number."""
    notes: dict[NoteRef, int] = {}

    def value(key: str, v: object) -> object:
        if key == "sources":
            return [notes.setdefault(ref, len(notes)) for ref in v]  # type: ignore[attr-defined]
        if isinstance(v, Decimal):
            return {"decimal": str(v)}
        if isinstance(v, tuple) and all(_is_scalar(x) for x in v):
            return list(v)
        if _is_scalar(v):
            return v
        raise TypeError(f"cannot save a {type(v).__name__} ({key})")

    if g.graph:
        raise TypeError("cannot save graph attributes")

    nodes = [[n, {k: value(k, v) for k, v in data.items()}] for n, data in g.nodes(data=True)]
    edges = [
        [u, v, key, {k: value(k, x) for k, x in data.items()}] for u, v, key, data in g.edges(keys=True, data=True)
    ]
    return {"notes": [[r.file, r.line, r.text, r.iri] for r in notes], "nodes": nodes, "edges": edges}


def _is_scalar(v: object) -> bool:
    return v is None or isinstance(v, str | int | float | bool)


def _decode(doc: dict) -> nx.MultiDiGraph:
    notes = [NoteRef(*ref) for ref in doc["notes"]]

    def restored(data: dict) -> dict:
        for key, v in data.items():  # only values change: safe while iterating
            if type(v) is list:
                data[key] = tuple(map(notes.__getitem__, v)) if key == "sources" else tuple(v)
            elif type(v) is dict:
                data[key] = Decimal(v["decimal"])
        return data

    g = nx.MultiDiGraph()
    g.add_nodes_from((n, restored(data)) for n, data in doc["nodes"])
    g.add_edges_from((u, v, key, restored(data)) for u, v, key, data in doc["edges"])
    return g
