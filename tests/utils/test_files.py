"""graph.utils.files: atomic writes with the usual permissions."""

from __future__ import annotations

import os
import stat
import subprocess
import sys
import threading

import pytest

from graph.errors import InputError
from graph.rdf.pipeline import BUNDLED_NOTES
from graph.utils.files import write_atomic

ROOT = BUNDLED_NOTES.parent.parent


def test_written_files_get_the_usual_permissions_and_a_failed_write_leaves_nothing(tmp_path):
    old = os.umask(0o027)
    try:
        write_atomic(tmp_path / "out.ttl", b"data")
    finally:
        os.umask(old)
    assert stat.S_IMODE((tmp_path / "out.ttl").stat().st_mode) == 0o640
    (tmp_path / "taken").mkdir()
    with pytest.raises(InputError):
        write_atomic(tmp_path / "taken", b"data")  # a folder is in the way
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.ttl", "taken"]


def test_a_symlink_is_written_through_and_stays_a_link(tmp_path):
    (tmp_path / "real").mkdir()
    target = tmp_path / "real" / "atlas.ttl"
    target.write_bytes(b"old")
    link = tmp_path / "atlas.ttl"
    link.symlink_to(target)
    write_atomic(link, b"new")
    assert link.is_symlink() and os.readlink(link) == str(target)
    assert target.read_bytes() == b"new"
    assert sorted(p.name for p in (tmp_path / "real").iterdir()) == ["atlas.ttl"]  # no temporary file left


def test_a_dangling_symlink_creates_its_target(tmp_path):
    link = tmp_path / "out.ttl"
    link.symlink_to(tmp_path / "made.ttl")
    write_atomic(link, b"data")
    assert link.is_symlink() and (tmp_path / "made.ttl").read_bytes() == b"data"


def test_an_existing_file_keeps_its_mode(tmp_path):
    path = tmp_path / "secret.ttl"
    path.write_bytes(b"old")
    path.chmod(0o600)
    write_atomic(path, b"new")
    assert path.read_bytes() == b"new"
    assert stat.S_IMODE(path.stat().st_mode) == 0o600


def _null_device(tmp_path):
    """A character device that is safe to write to even if it were replaced: a private null device
    in ``tmp_path`` (needs root), else ``/dev/null`` when this process cannot change ``/dev``."""
    node = tmp_path / "null"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 3))
        return node
    except OSError:
        if os.access("/dev", os.W_OK):
            pytest.skip("cannot make a private device node, and /dev is writable")
        return "/dev/null"


def test_a_character_device_is_written_directly_and_never_replaced(tmp_path):
    device = _null_device(tmp_path)
    before = os.stat(device)
    write_atomic(device, b"data")
    after = os.stat(device)
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)
    link = tmp_path / "sink"
    link.symlink_to(device)
    write_atomic(link, b"data")
    assert link.is_symlink() and os.stat(device).st_ino == before.st_ino and stat.S_ISCHR(os.stat(device).st_mode)


def test_a_fifo_is_written_directly(tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    got: list[bytes] = []
    reader = threading.Thread(target=lambda: got.append(fifo.read_bytes()))
    reader.start()
    write_atomic(fifo, b"through the pipe")
    reader.join(timeout=10)
    assert got == [b"through the pipe"]
    assert stat.S_ISFIFO(fifo.stat().st_mode)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["pipe"]


def test_a_folder_is_refused_in_one_line(tmp_path):
    (tmp_path / "dir").mkdir()
    (tmp_path / "link").symlink_to(tmp_path / "dir")
    for name in ("dir", "link"):
        with pytest.raises(InputError, match="is a folder") as err:
            write_atomic(tmp_path / name, b"data")
        assert "\n" not in str(err.value)
    assert (tmp_path / "link").is_symlink()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir", "link"]
    assert list((tmp_path / "dir").iterdir()) == []


def _cli(*args: str, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "graph", *args], cwd=cwd, capture_output=True, timeout=120,
        env={"PYTHONPATH": str(ROOT), "PATH": "/usr/bin:/bin"},
    )  # fmt: skip


def test_the_command_line_writes_through_links_keeps_modes_and_writes_to_stdout(tmp_path):
    notes = tmp_path / "n.md"
    notes.write_text("# RDS\n- Multi-AZ deployments\n")
    (tmp_path / "real.ttl").write_bytes(b"old")
    (tmp_path / "real.ttl").chmod(0o600)
    (tmp_path / "link.ttl").symlink_to("real.ttl")
    out = _cli("build", str(notes), "-o", "link.ttl", cwd=tmp_path)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "link.ttl").is_symlink()
    assert b"Multi-AZ" in (tmp_path / "real.ttl").read_bytes()
    assert stat.S_IMODE((tmp_path / "real.ttl").stat().st_mode) == 0o600
    # /dev/fd/1 is handled as /dev/stdout is, and a regression could not replace a node in /dev with it
    piped = _cli("build", str(notes), "--format", "nt", "-o", "/dev/fd/1", cwd=tmp_path)
    assert piped.returncode == 0, piped.stderr
    assert b"Multi-AZ" in piped.stdout
    (tmp_path / "dir").mkdir()
    refused = _cli("build", str(notes), "-o", "dir", cwd=tmp_path)
    assert refused.returncode == 2 and refused.stderr.decode().strip().count("\n") == 0, refused.stderr
    assert b"is a folder" in refused.stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["dir", "link.ttl", "n.md", "real.ttl"]


def test_standard_output_appends_where_the_shell_redirected_it(tmp_path):
    log = tmp_path / "log.txt"
    log.write_bytes(b"before\n")
    code = "from graph.utils.files import write_atomic; write_atomic('/dev/fd/1', b'after\\n')"
    with open(log, "ab") as handle:
        subprocess.run([sys.executable, "-c", code], cwd=ROOT, stdout=handle, check=True, timeout=60)
    assert log.read_bytes() == b"before\nafter\n"
