"""The network saved in an on-disk store's folder: used when the store is unchanged, never when it may be stale."""

from __future__ import annotations

import gc
import gzip
import inspect
import json
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from graph.cli.main import main
from graph.network import build
from graph.network import cache as netcache
from graph.network.build import to_networkx
from graph.network.cache import CACHE_FILE, load_network, network_of, save_network
from graph.network.derive import derive_network
from graph.rdf.incremental import open_store, sync_store
from graph.rdf.pipeline import BUNDLED_NOTES
from graph.rdf.store import Store

NEW = '<https://w3id.org/cloudatlas/id/new-thing> <http://www.w3.org/2000/01/rdf-schema#label> "New thing" .'


def same(a, b) -> bool:
    """Same nodes, edges, data and order."""
    return list(a.nodes(data=True)) == list(b.nodes(data=True)) and list(a.edges(keys=True, data=True)) == list(
        b.edges(keys=True, data=True)
    )


def closed() -> None:
    """After ``del store``: RocksDB lets go of the folder when the last reference goes."""
    gc.collect()


@pytest.fixture
def folder(tmp_path):
    """An on-disk store of the bundled notes, its network saved, closed."""
    path = tmp_path / "store"
    store = open_store(path)
    sync_store([BUNDLED_NOTES], store)
    assert save_network(store, derive_network(store))
    del store
    closed()
    return path


def test_reopened_unchanged_store_gives_the_saved_network_equal_to_a_new_one(folder, monkeypatch):
    store = open_store(folder)
    fresh = to_networkx(store)
    monkeypatch.setattr(netcache, "to_networkx", pytest.fail)  # made from the store would fail now
    saved = network_of(store)
    assert same(saved, fresh)
    assert any(data["sources"] for _, _, data in saved.edges(data=True))  # note lines came back
    limits = [d for _, d in saved.nodes(data=True) if "Limit" in d["classes"]]
    assert limits and any(d["max"] is not None for d in limits)  # decimals came back
    del store
    closed()
    assert load_network(open_store(folder, read_only=True)) is not None  # read-only opens use it too


def test_a_write_makes_it_stale_and_the_network_is_made_again(folder):
    store = open_store(folder)
    store.load_text(NEW, "nt")
    assert load_network(store) is None
    g = network_of(store)
    assert "https://w3id.org/cloudatlas/id/new-thing" in g
    del store
    closed()
    again = open_store(folder)
    assert same(load_network(again), g)  # saved again after it was made


@pytest.mark.parametrize("change", ["add", "bulk-load", "remove", "replace"])
def test_a_write_by_another_program_is_noticed(folder, change):
    raw = ox.Store(str(folder))
    if change == "bulk-load":  # straight into new table files, no log
        raw.bulk_load(NEW.encode(), format=ox.RdfFormat.N_TRIPLES)
    elif change != "remove":
        raw.load(NEW.encode(), format=ox.RdfFormat.N_TRIPLES)
    if change in ("remove", "replace"):  # "replace" keeps the number of quads
        raw.remove(next(iter(raw.quads_for_pattern(None, None, None, ox.DefaultGraph()))))
    del raw
    closed()
    assert load_network(open_store(folder)) is None


def test_after_a_compaction_of_the_same_data_it_is_still_used(folder):
    raw = ox.Store(str(folder))
    raw.optimize()
    del raw
    closed()
    assert load_network(open_store(folder)) is not None


@pytest.mark.parametrize("content", [b"not gzip", gzip.compress(b"{not json"), gzip.compress(b"[1, 2]")])
def test_an_unreadable_file_is_ignored_and_replaced(folder, content):
    (folder / CACHE_FILE).write_bytes(content)
    store = open_store(folder)
    assert load_network(store) is None
    g = network_of(store)
    assert g.number_of_nodes() > 50
    assert same(load_network(store), g)


def test_other_code_or_layout_makes_it_stale(folder, monkeypatch):
    store = open_store(folder)
    monkeypatch.setattr(netcache, "_code_fingerprint", lambda: "something else")
    assert load_network(store) is None
    monkeypatch.undo()
    doc = json.loads(gzip.decompress((folder / CACHE_FILE).read_bytes()))
    (folder / CACHE_FILE).write_bytes(gzip.compress(json.dumps({**doc, "format": 0}).encode()))
    assert load_network(store) is None


def test_the_code_fingerprint_reads_every_module_that_makes_networks(monkeypatch):
    read, read_bytes = set(), Path.read_bytes
    monkeypatch.setattr(Path, "read_bytes", lambda path: read.add(path.resolve()) or read_bytes(path))
    netcache._code_fingerprint()
    used = {inspect.getmodule(value) for value in vars(build).values()} | {build, netcache}
    makers = {Path(m.__file__).resolve() for m in used if m is not None and m.__name__.startswith("graph.")}
    assert len(makers) >= 3  # build, the names it uses, and the cache's own code
    assert makers <= read


def test_a_folder_that_cannot_be_written_to_still_gives_the_network(tmp_path, monkeypatch):
    store = open_store(tmp_path / "store")
    sync_store([BUNDLED_NOTES], store)

    def refuse(path, data):
        raise OSError("read-only file system")

    monkeypatch.setattr(netcache, "write_atomic", refuse)
    assert network_of(store).number_of_nodes() > 50
    assert not (tmp_path / "store" / CACHE_FILE).exists()


def test_read_only_store_and_memory_store_are_not_saved_to(folder, tmp_path):
    (folder / CACHE_FILE).unlink()
    read_only = open_store(folder, read_only=True)
    assert network_of(read_only).number_of_nodes() > 50
    assert not (folder / CACHE_FILE).exists()
    memory = Store()
    memory.load_text(NEW, "nt")
    assert list(network_of(memory)) == ["https://w3id.org/cloudatlas/id/new-thing"]
    assert not save_network(memory, to_networkx(memory))


def test_what_cannot_be_saved_is_not(folder):
    store = open_store(folder)
    g = to_networkx(store)
    g.graph["made"] = "today"
    assert not save_network(store, g)
    g = to_networkx(store)
    g.add_node("x", label="X", classes=(("nested",),), aliases=())
    assert not save_network(store, g)


def test_cli_build_saves_it_and_analyze_uses_it(tmp_path, monkeypatch, capsys):
    notes = tmp_path / "notes"
    shutil.copytree(BUNDLED_NOTES, notes)
    store = tmp_path / "store"
    assert main(["build", str(notes), "--store", str(store)]) == 0
    assert (store / CACHE_FILE).is_file()
    capsys.readouterr()
    monkeypatch.setattr(netcache, "to_networkx", pytest.fail)
    assert main(["analyze", "caching", "DynamoDB", "--store", str(store), "--input", str(notes)]) == 0
    assert "DAX" in capsys.readouterr().out


def test_a_file_deleted_while_the_folder_is_listed_is_left_out(tmp_path, monkeypatch):
    for name, size in (("7.sst", 3), ("8.sst", 4), ("9.log", 2), ("10.log", 0), ("LOG", 5)):
        (tmp_path / name).write_bytes(b"x" * size)
    stat = type(tmp_path).stat

    def compacted_away(path, *args, **kwargs):
        if path.name == "7.sst":
            raise FileNotFoundError(path)
        return stat(path, *args, **kwargs)

    monkeypatch.setattr(type(tmp_path), "stat", compacted_away)
    assert netcache.store_files(tmp_path) == {"tables": [["8.sst", 4]], "logs": [["9.log", 2]]}
