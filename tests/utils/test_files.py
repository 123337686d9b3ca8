"""graph.utils.files: atomic writes with the usual permissions."""

from __future__ import annotations

import os
import stat

import pytest

from graph.errors import InputError
from graph.utils.files import write_atomic


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
