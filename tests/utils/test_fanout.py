"""graph.utils.fanout and the parallel build: the same graph on any number of cores."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from graph.errors import InputError
from graph.rdf.bookkeeping import content_quads
from graph.rdf.incremental import open_store, sync_store
from graph.rdf.pipeline import BUNDLED_NOTES, build_store
from graph.utils.fanout import map_ordered

FIXTURES = Path(__file__).parents[1] / "fixtures"


def _pid_of(_: object) -> int:
    return os.getpid()


def _fail_on_three(n: int) -> int:
    if n == 3:
        raise InputError("three is not allowed", file=f"item-{n}.md", line=n)
    return n * 10


def test_answers_come_in_item_order_from_other_processes() -> None:
    assert list(map_ordered(abs, list(range(-20, 0)), workers=2)) == list(range(20, 0, -1))
    pids = set(map_ordered(_pid_of, list(range(8)), workers=2))
    if hasattr(os, "fork"):
        assert os.getpid() not in pids


def test_one_worker_runs_here() -> None:
    assert set(map_ordered(_pid_of, [1, 2], workers=1)) == {os.getpid()}


@pytest.mark.parametrize("workers", [1, 2])
def test_bad_input_keeps_its_file_and_line(workers: int) -> None:
    answers = map_ordered(_fail_on_three, [1, 2, 3, 4], workers=workers)
    assert next(answers) == 10
    assert next(answers) == 20
    with pytest.raises(InputError) as caught:
        next(answers)
    assert (caught.value.file, caught.value.line, caught.value.problem) == ("item-3.md", 3, "three is not allowed")


@pytest.fixture
def many_files(tmp_path: Path) -> Path:
    """The bundled notes and the fixtures' messy notes in one folder."""
    folder = tmp_path / "notes"
    shutil.copytree(BUNDLED_NOTES, folder)
    for f in (FIXTURES / "notes").glob("*.txt"):
        shutil.copy(f, folder / f.name)
    shutil.copy(FIXTURES / "seed" / "aws-database-notes.txt", folder / "seed.txt")
    return folder


def test_two_workers_give_the_graph_of_one(many_files: Path) -> None:
    alone = {str(q) for q in build_store([many_files], workers=1).ox}
    spread = {str(q) for q in build_store([many_files], workers=2).ox}
    assert len(alone) > 3000
    assert spread == alone


def test_memory_and_disk_builds_agree(many_files: Path, tmp_path: Path) -> None:
    disk = open_store(tmp_path / "db")
    sync_store([many_files], disk)
    assert {str(q) for q in content_quads(disk)} == {str(q) for q in build_store([many_files], workers=2).ox}


def test_a_bad_file_among_many_names_itself(many_files: Path) -> None:
    (many_files / "zz-broken.md").write_bytes(b"# Notes\n- fine\n- \xff\xfe broken\n")
    with pytest.raises(InputError) as caught:
        build_store([many_files], workers=2)
    assert caught.value.file.endswith("zz-broken.md")
    assert caught.value.line == 3
