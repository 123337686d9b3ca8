"""Writing files: all of the new content, or nothing.

:func:`write_atomic` behaves the way ``cp`` users expect of an output path: a symbolic link
is written through (its target gets the new content, the link stays a link), an existing file
keeps its permissions, a character device or a FIFO (``/dev/stdout``, ``/dev/null``, a named
pipe) is written to directly and never replaced, and anything else that is not a regular file
(a folder, a block device, a socket) is refused with a one-line error.

>>> import tempfile
>>> from pathlib import Path
>>> path = Path(tempfile.mkdtemp()) / "out.txt"
>>> write_atomic(path, b"hello")
>>> path.read_bytes()
b'hello'
"""

from __future__ import annotations

import os
import re
import stat
import sys
import tempfile
from pathlib import Path

from graph.errors import InputError

__all__ = ["write_atomic"]


def write_atomic(path: str | Path, data: bytes) -> None:
    """Write ``data`` to ``path`` through a temporary file, so a failure leaves no half file.

    Parameters
    ----------
    path
        The output file. A symbolic link is followed: its target is written and the link kept.
        A character device or a FIFO is written to directly (there is nothing to replace
        atomically, and its node must stay); ``/dev/stdout``, ``/dev/stderr`` and ``/dev/fd/N``
        are this process's open descriptors, written as they are. A folder or another kind of
        special file is refused.
    data
        The new content.

    Raises
    ------
    InputError
        When the file cannot be written, naming the file; no temporary file is left behind.

    Notes
    -----
    An existing regular file keeps its permission bits (a ``0600`` file stays ``0600``); a new
    file gets the permissions a new file gets (``0o666`` less the umask), not the owner-only ones
    of the temporary file.
    """
    path = Path(path)
    stream = _standard_stream(path)
    if stream is not None:
        _write_fd(path, stream, data)
        return
    try:
        info = path.stat()  # follows symbolic links
    except FileNotFoundError:
        info = None  # a new file, or a link to one
    except OSError as err:
        raise InputError(err.strerror or str(err), file=str(path)) from None
    if info is not None and not stat.S_ISREG(info.st_mode):
        if stat.S_ISCHR(info.st_mode) or stat.S_ISFIFO(info.st_mode):
            _write_directly(path, data)
            return
        what = "a folder" if stat.S_ISDIR(info.st_mode) else "not a regular file"
        raise InputError(f"is {what}; give a file name to write to", file=str(path))
    target = Path(os.path.realpath(path)) if path.is_symlink() else path
    mode = stat.S_IMODE(info.st_mode) if info is not None else 0o666 & ~_umask()
    tmp = None
    try:
        fd, tmp = tempfile.mkstemp(dir=target.parent if str(target.parent) else ".", prefix=f".{target.name}.")
        with os.fdopen(fd, "wb") as handle:
            os.fchmod(handle.fileno(), mode)
            handle.write(data)
        os.replace(tmp, target)
    except OSError as err:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise InputError(err.strerror or str(err), file=str(path)) from None


_STREAMS = {"/dev/stdout": 1, "/dev/stderr": 2}
_FD_PATH = re.compile(r"/(?:dev|proc/self|proc/thread-self)/fd/(\d+)")


def _standard_stream(path: Path) -> int | None:
    """The descriptor ``path`` names when it is ``/dev/stdout``, ``/dev/stderr`` or ``/dev/fd/N``.

    >>> _standard_stream(Path("/dev/stdout")), _standard_stream(Path("/dev/fd/3")), _standard_stream(Path("out"))
    (1, 3, None)
    """
    text = os.path.normpath(os.path.abspath(path))
    if text in _STREAMS:
        return _STREAMS[text]
    match = _FD_PATH.fullmatch(text)
    return int(match.group(1)) if match else None


def _write_fd(path: Path, fd: int, data: bytes) -> None:
    """Write to an open descriptor of this process as it is (a file opened to append stays appended to)."""
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None and stream.fileno() == fd:
                stream.flush()
        except (OSError, ValueError, AttributeError):
            pass
    view = memoryview(data)
    try:
        while view:
            view = view[os.write(fd, view) :]
    except OSError as err:
        raise InputError(err.strerror or str(err), file=str(path)) from None


def _write_directly(path: Path, data: bytes) -> None:
    """Write to a character device or a FIFO in place (it is opened, never created or replaced)."""
    try:
        fd = os.open(path, os.O_WRONLY | getattr(os, "O_NOCTTY", 0))
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
    except OSError as err:
        raise InputError(err.strerror or str(err), file=str(path)) from None


def _umask() -> int:
    """This process's umask, read without changing it (``os.umask`` would, for every thread)."""
    try:
        for line in Path("/proc/self/status").read_text().splitlines():
            if line.startswith("Umask:"):
                return int(line.split()[1], 8)
    except (OSError, ValueError, IndexError):
        pass
    return 0o022
