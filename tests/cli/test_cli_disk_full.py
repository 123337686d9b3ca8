"""A full disk during ``build --store``: one line, exit status 2, and the store keeps what it held.

One test stands the store's writes in with a failing one; the other fills a real (small, private)
file system, where the system allows a mount namespace of one's own (``unshare -rm``).
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from graph.cli.main import main
from graph.rdf import incremental

ROOT = Path(__file__).resolve().parents[2]
TEAM_NOTES = "# Team\n\n## Amazon RDS\n\n- The Zorblatt gateway fronts RDS for the team\n- RDS supports Read Replicas\n"
FIND_TEAM = "SELECT ?s WHERE { ?s ?p ?o FILTER(CONTAINS(STR(?o), 'Zorblatt')) }"


@pytest.fixture
def team_store(tmp_path: Path) -> Path:
    notes = tmp_path / "team"
    notes.mkdir()
    (notes / "team.md").write_text(TEAM_NOTES, encoding="utf-8")
    store = tmp_path / "store"
    assert main(["build", str(notes), "--store", str(store)]) == 0
    return store


@pytest.mark.parametrize(
    "error",
    [
        OSError("IO error: No space left on device: While appending to file: 000035.log: No space left"),
        OSError(28, "No space left on device"),
        RuntimeError("IO error: No space left on device: While writing 000042.sst"),
    ],
    ids=["store-io-error", "errno", "runtime-error"],
)
def test_disk_full_during_build_is_one_line_and_the_store_keeps_its_content(
    error: Exception, team_store: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    def full(store, quads) -> None:  # what the embedded store raises when the disk is full
        raise error

    monkeypatch.setattr(incremental, "_extend", full)
    capsys.readouterr()
    assert main(["build", str(ROOT / "data" / "notes"), "--store", str(team_store)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f"{team_store}:0: no space left on the device: the store keeps what it held before")
    monkeypatch.undo()
    assert main(["query", "--store", str(team_store), "-q", FIND_TEAM, "--format", "csv"]) == 0
    assert "team.md-L5" in capsys.readouterr().out


def _can_mount_privately() -> bool:
    if not shutil.which("unshare") or not sys.platform.startswith("linux"):
        return False
    probe = subprocess.run(["unshare", "-rm", "true"], capture_output=True, check=False)
    return probe.returncode == 0


@pytest.mark.skipif(not _can_mount_privately(), reason="no private mount namespace here (unshare -rm)")
def test_a_really_full_disk_during_build(team_store: Path, tmp_path: Path) -> None:
    """The team's store is copied onto a 1.2 MB file system, then the bundled notes are built into it."""
    mount = tmp_path / "small"
    mount.mkdir()
    python = sys.executable
    script = textwrap.dedent(f"""\
        set -u
        mount -t tmpfs -o size=1200k tmpfs {mount}
        cp -r {team_store} {mount}/store
        cd {ROOT}
        {python} -m graph build data/notes --store {mount}/store 2>{tmp_path}/build.err
        echo "build=$?"
        {python} -m graph query --store {mount}/store --format csv -q "{FIND_TEAM}" 2>{tmp_path}/query.err
        echo "query=$?"
        """)
    done = subprocess.run(["unshare", "-rm", "sh", "-c", script], capture_output=True, text=True, timeout=600)
    out = done.stdout
    build_err = (tmp_path / "build.err").read_text()
    assert "build=2" in out, build_err
    assert build_err.count("\n") == 1 and "Traceback" not in build_err
    assert build_err.startswith(f"{mount}/store:0: no space left on the device")
    assert "query=0" in out, (tmp_path / "query.err").read_text()
    assert "team.md-L5" in out  # the team's notes are still there
