"""A bulk load into an on-disk store that fails (a full disk) leaves no half-written table in the folder."""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.rdf import incremental
from graph.rdf.incremental import open_store


class _DiskFull:
    """Stands in for the embedded store: its bulk load writes part of a table, then runs out of space."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder

    def bulk_extend(self, quads) -> None:
        (self.folder / "bulk-0042.sst").write_bytes(b"half a table")
        raise OSError(28, "No space left on device")


def test_a_failed_bulk_load_removes_its_partial_table(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    folder = tmp_path / "store"
    store = open_store(folder)
    kept = folder / "bulk-0001.sst"
    kept.write_bytes(b"a table from before")  # tables that were there before are never touched
    store.ox = _DiskFull(folder)
    quad = ox.Quad(ox.NamedNode("https://e.org/s"), ox.NamedNode("https://e.org/p"), ox.Literal("o"))
    monkeypatch.setattr(incremental, "_BULK", 0)
    with pytest.raises(OSError, match="No space left"):
        incremental._extend(store, [quad])
    assert sorted(p.name for p in folder.glob("bulk-*")) == ["bulk-0001.sst"]
