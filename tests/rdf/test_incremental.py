"""graph.rdf.incremental: an on-disk store rebuilt file by file."""

from __future__ import annotations

import io
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

import graph.rdf.incremental as incremental
from graph.errors import InputError
from graph.network.build import relation_sources
from graph.rdf.bookkeeping import FILES, MANIFEST_GRAPH, content_quads, dump, file_graph, manifest
from graph.rdf.incremental import open_store, sync_store
from graph.rdf.pipeline import BUNDLED_NOTES, build_store
from graph.rdf.store import Store
from graph.utils.progress import ProgressBar

A_MD = """# Caching

## DAX

- In-memory cache in front of DynamoDB
- Up to 10 nodes per cluster
"""

B_MD = """# Databases

## RDS

- Engines: MySQL, PostgreSQL
- Up to 5 read replicas

## DAX

- In-memory cache in front of DynamoDB
"""

DAX_CACHES_DYNAMODB = "ASK { cid:dax ca:caches cid:dynamodb }"


@pytest.fixture
def notes(tmp_path: Path) -> Path:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text(A_MD, encoding="utf-8")
    (folder / "b.md").write_text(B_MD, encoding="utf-8")
    return folder


@pytest.fixture
def extracted(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The names of the files the extractor is given, in order."""
    seen: list[str] = []
    real = incremental.extract

    def counting(outlines, *args, **kwargs):
        seen.extend(o.items[0].file if o.items else "?" for o in outlines)
        return real(outlines, *args, **kwargs)

    monkeypatch.setattr(incremental, "extract", counting)
    return seen


def quad_set(store: Store) -> set[str]:
    return {str(q) for q in content_quads(store)}


def fresh(folder: Path, tmp_path: Path) -> Store:
    """What a first build of ``folder`` into a new store gives."""
    store = open_store(tmp_path / f"fresh-{len(list(tmp_path.iterdir()))}")
    sync_store([folder], store)
    return store


def default_graph(store: Store) -> Graph:
    return Graph().parse(data=store.dump("nt"), format="nt")


def test_first_build_matches_the_one_shot_build(tmp_path: Path) -> None:
    notes = tmp_path / "notes"
    shutil.copytree(BUNDLED_NOTES, notes)
    store = open_store(tmp_path / "db")
    report = sync_store([notes], store)
    assert report.added == tuple(sorted(p.name for p in notes.iterdir()))
    one_shot = build_store([notes])
    assert quad_set(store) == {str(q) for q in one_shot.ox}
    assert isomorphic(default_graph(store), default_graph(one_shot))
    assert bool(store.query("ASK { cid:rds ca:supportsEngine cid:mysql }"))


def test_edit_reextracts_only_that_file(notes: Path, tmp_path: Path, extracted: list[str]) -> None:
    store = open_store(tmp_path / "db")
    sync_store([notes], store)
    assert sorted(extracted) == ["a.md", "b.md"]
    extracted.clear()

    (notes / "a.md").write_text(A_MD.replace("- In-memory cache in front of DynamoDB\n", "").replace("10", "20"))
    report = sync_store([notes], store)

    assert extracted == ["a.md"]
    assert report.changed == ("a.md",) and report.unchanged == ("b.md",) and report.extracted == ("a.md",)
    # the old triples and provenance of a.md are gone ...
    assert not bool(store.query("ASK { cid:dax-node-max ca:maxValue ?v FILTER(?v = 10) }"))
    assert bool(store.query("ASK { cid:dax-node-max ca:maxValue ?v FILTER(?v = 20) }"))
    assert not bool(store.query('ASK { ?n ca:sourceFile "a.md" ; ca:text "- In-memory cache in front of DynamoDB" }'))
    # ... what b.md also says stays, with b.md's provenance only ...
    assert bool(store.query(DAX_CACHES_DYNAMODB))
    key = tuple(f"https://w3id.org/cloudatlas/{x}" for x in ("id/dax", "ontology#caches", "id/dynamodb"))
    assert [str(ref) for ref in relation_sources(store)[key]] == ["b.md:10"]
    # ... b.md is intact, and the store is what a first build of the edited notes gives.
    assert bool(store.query("ASK { cid:rds ca:supportsEngine cid:mysql }"))
    assert quad_set(store) == quad_set(fresh(notes, tmp_path))


def test_unchanged_notes_are_not_read_again(notes: Path, tmp_path: Path, extracted: list[str]) -> None:
    store = open_store(tmp_path / "db")
    sync_store([notes], store)
    extracted.clear()
    report = sync_store([notes], store)
    assert extracted == [] and not report.touched and report.unchanged == ("a.md", "b.md")


def test_removed_file_takes_its_triples_along(notes: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "db")
    sync_store([notes], store)
    (notes / "b.md").unlink()
    report = sync_store([notes], store)
    assert report.removed == ("b.md",)
    assert not bool(store.query("ASK { cid:rds ?p ?o }"))
    assert not bool(store.query('ASK { ?n ca:sourceFile "b.md" }'))
    assert bool(store.query(DAX_CACHES_DYNAMODB)), "a.md still says it"
    assert list(manifest(store)) == ["a.md"]
    assert quad_set(store) == quad_set(fresh(notes, tmp_path))


def test_reopen_gives_the_same_store_without_parsing(
    notes: Path, tmp_path: Path, extracted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "db")
    sync_store([notes], store)
    count, quads = len(store), quad_set(store)
    del store

    def refuse(*args, **kwargs):
        raise AssertionError("nothing may be parsed when a store is reopened")

    monkeypatch.setattr(Store, "load_text", refuse)
    monkeypatch.setattr(ox, "parse", refuse)
    extracted.clear()
    again = open_store(tmp_path / "db")
    assert len(again) == count and quad_set(again) == quads
    assert bool(again.query(DAX_CACHES_DYNAMODB))
    assert extracted == []


def test_bookkeeping_stays_out_of_dumps(notes: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "db")
    sync_store([notes], store)
    graphs = {g.value for g in store.ox.named_graphs()}
    assert MANIFEST_GRAPH in graphs and file_graph("a.md") in graphs
    assert file_graph("a.md", "https://w3id.org/cloudatlas/graph/provenance") in graphs
    trig = dump(store, "trig").decode()
    assert FILES not in trig and MANIFEST_GRAPH not in trig
    assert "https://w3id.org/cloudatlas/graph/provenance" in trig
    assert isomorphic(Graph().parse(data=dump(store, "turtle"), format="turtle"), default_graph(build_store([notes])))


def test_bad_file_leaves_the_store_as_it_was(notes: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "db")
    sync_store([notes], store)
    before = {str(q) for q in store.ox}
    (notes / "a.md").write_text(A_MD.replace("10", "30"))
    (notes / "c.ttl").write_text("<https://e.org/a> <https://e.org/b> .\n")
    with pytest.raises(InputError) as caught:
        sync_store([notes], store)
    assert str(caught.value).startswith(f"{notes / 'c.ttl'}:1: ")
    assert {str(q) for q in store.ox} == before


def test_rdf_files_are_tracked_too(notes: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "db")
    (notes / "extra.trig").write_text('<https://e.org/g> { <https://e.org/a> <https://e.org/b> "one" . }\n')
    sync_store([notes], store)
    assert bool(store.query('ASK { GRAPH <https://e.org/g> { ?s ?p "one" } }'))
    (notes / "extra.trig").write_text('<https://e.org/g> { <https://e.org/a> <https://e.org/b> "two" . }\n')
    assert sync_store([notes], store).changed == ("extra.trig",)
    assert not bool(store.query('ASK { GRAPH <https://e.org/g> { ?s ?p "one" } }'))
    assert bool(store.query('ASK { GRAPH <https://e.org/g> { ?s ?p "two" } }'))


def test_new_extractor_reextracts_everything(
    notes: Path, tmp_path: Path, extracted: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    store = open_store(tmp_path / "db")
    sync_store([notes], store)
    extracted.clear()
    monkeypatch.setattr(incremental, "extractor_fingerprint", lambda: "0" * 64)
    report = sync_store([notes], store)
    assert report.everything and sorted(extracted) == ["a.md", "b.md"]
    extracted.clear()
    assert not sync_store([notes], store).touched and extracted == []


def test_a_run_cut_short_is_repaired(notes: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    store = open_store(tmp_path / "db")
    sync_store([notes], store)
    (notes / "a.md").write_text(A_MD.replace("10", "40"))
    real, calls = incremental._extend, []

    def crash_after_copies(store_, quads):
        calls.append(len(quads))
        if len(calls) == 2:
            raise KeyboardInterrupt
        real(store_, quads)

    monkeypatch.setattr(incremental, "_extend", crash_after_copies)
    with pytest.raises(KeyboardInterrupt):
        sync_store([notes], store)
    monkeypatch.setattr(incremental, "_extend", real)
    assert "a.md" not in manifest(store)
    report = sync_store([notes], store)
    assert report.added == ("a.md",)
    assert quad_set(store) == quad_set(fresh(notes, tmp_path))


def test_refuses_a_store_it_did_not_build(notes: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "db")
    store.load_text('<https://e.org/a> <https://e.org/b> "c" .', "nt")
    with pytest.raises(InputError, match="not built from notes here"):
        sync_store([notes], store)


def test_store_open_elsewhere_is_a_clear_error(tmp_path: Path) -> None:
    first = open_store(tmp_path / "db")
    with pytest.raises(InputError, match="open in another process"):
        open_store(tmp_path / "db")
    del first


def test_same_name_twice_is_refused(notes: Path, tmp_path: Path) -> None:
    other = tmp_path / "other"
    other.mkdir()
    (other / "a.md").write_text(A_MD)
    with pytest.raises(InputError, match="same name 'a.md'"):
        sync_store([notes, other], Store())


def test_read_only_reopen(notes: Path, tmp_path: Path) -> None:
    store = open_store(tmp_path / "db")
    sync_store([notes], store)
    quads = quad_set(store)
    del store
    reader = open_store(tmp_path / "db", read_only=True)
    assert quad_set(reader) == quads
    with pytest.raises(RuntimeError):
        reader.load_text('<https://e.org/a> <https://e.org/b> "c" .', "nt")
    with pytest.raises(InputError, match="no store in this folder"):
        open_store(tmp_path / "nothing-here", read_only=True)


def test_progress_bar_follows_the_files(notes: Path, tmp_path: Path) -> None:
    out = io.StringIO()
    calls: list[tuple[int, int, str]] = []
    bar = ProgressBar("build", file=out, force=True)

    def both(done: int, total: int, what: str) -> None:
        calls.append((done, total, what))
        bar(done, total, what)

    sync_store([notes], open_store(tmp_path / "db"), progress=both)
    assert calls == [(0, 2, "a.md"), (1, 2, "b.md"), (2, 2, "done")]
    assert "build" in out.getvalue() and "2/2" in out.getvalue()
    quiet = ProgressBar(file=io.StringIO())
    quiet(1, 2, "a.md")
    assert not quiet.active and quiet.file.getvalue() == ""
