"""Files from users, handled as hostile: a size cap, no XML entities, parsing in a bounded worker.

:func:`parse_upload` turns the bytes of one uploaded file (notes ``.md``/``.txt``
or RDF) into a new :class:`~graph.rdf.store.Store`, :func:`parse_uploads` several
files at once (notes extracted together, as the pipeline does), and :func:`read_uploads` gives
the same store with the coverage of each notes file (:mod:`graph.read.report`). The parsing happens in a worker
process (:func:`graph.utils.sandbox.run_isolated`) with a memory limit, a time limit
and no network, so a bomb can at worst end that worker. :func:`add_upload` adds
the result to a store in one transaction: a failed upload leaves the store
exactly as it was.

The size cap defaults to ``server.maxUploadSize`` in ``.streamlit/config.toml``
(10 MB when it is not set); it bounds each file and the files of one upload together.

Examples
--------
>>> parsed = parse_upload("g.ttl", b"<https://e.org/a> <https://e.org/b> 1 .")
>>> len(parsed)
1
>>> parse_upload("big.ttl", b"#" * 2048, max_bytes=1024)
Traceback (most recent call last):
...
graph.errors.InputError: big.ttl:0: file is too large (2 KB; at most 1 KB)
"""

from __future__ import annotations

import tomllib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import pyoxigraph as ox

from graph.errors import InputError
from graph.rdf.inputs import NOTE_SUFFIXES
from graph.rdf.store import Store, format_for, is_rdf_file, refuse_xml_declarations
from graph.read.report import FileCoverage
from graph.utils.sandbox import MemoryLimitExceeded, SandboxError, TimeLimitExceeded, run_isolated

__all__ = [
    "CONFIG_FILE",
    "DEFAULT_MAX_MB",
    "upload_limit_bytes",
    "check_size",
    "check_batch_size",
    "parse_upload",
    "parse_uploads",
    "Uploaded",
    "read_uploads",
    "add_upload",
]

#: The Streamlit settings that hold the upload cap (``server.maxUploadSize``, in MB).
CONFIG_FILE = Path(__file__).resolve().parents[2] / ".streamlit" / "config.toml"
#: Upload cap in MB when the settings do not give one.
DEFAULT_MAX_MB = 10


def upload_limit_bytes(config: Path = CONFIG_FILE) -> int:
    """The upload cap in bytes: ``server.maxUploadSize`` (MB) from ``config``, else 10 MB.

    >>> upload_limit_bytes(Path("/nonexistent/config.toml")) == DEFAULT_MAX_MB * 1024 * 1024
    True
    """
    megabytes: object = DEFAULT_MAX_MB
    try:
        with open(config, "rb") as handle:
            megabytes = tomllib.load(handle).get("server", {}).get("maxUploadSize", DEFAULT_MAX_MB)
    except (OSError, tomllib.TOMLDecodeError):
        pass
    if not isinstance(megabytes, int | float) or isinstance(megabytes, bool) or megabytes <= 0:
        megabytes = DEFAULT_MAX_MB
    return int(megabytes * 1024 * 1024)


def _size(n: int) -> str:
    """Bytes in the largest unit that keeps a whole number.

    >>> _size(10 * 1024 * 1024), _size(1536), _size(12)
    ('10 MB', '1.5 KB', '12 bytes')
    """
    for unit, scale in (("MB", 1 << 20), ("KB", 1 << 10)):
        if n >= scale:
            return f"{n / scale:.1f}".removesuffix(".0") + f" {unit}"
    return f"{n} bytes"


def check_size(data: bytes, *, name: str, max_bytes: int | None = None) -> None:
    """Refuse ``data`` larger than ``max_bytes`` (the configured cap by default).

    >>> check_size(b"abc", name="a.ttl", max_bytes=2)
    Traceback (most recent call last):
    ...
    graph.errors.InputError: a.ttl:0: file is too large (3 bytes; at most 2 bytes)
    """
    limit = upload_limit_bytes() if max_bytes is None else max_bytes
    if len(data) > limit:
        raise InputError(f"file is too large ({_size(len(data))}; at most {_size(limit)})", file=name)


def check_batch_size(sizes: Sequence[bytes | int], *, max_bytes: int | None = None) -> None:
    """Refuse uploads whose sizes add up to more than ``max_bytes`` (the configured cap by default).

    The cap holds for a whole batch as for one file: twenty files just under it are refused too.

    >>> check_batch_size([b"ab", b"cd"], max_bytes=3)
    Traceback (most recent call last):
    ...
    graph.errors.InputError: <upload>:0: files are too large together (2 files, 4 bytes; at most 3 bytes in one upload)
    """
    limit = upload_limit_bytes() if max_bytes is None else max_bytes
    total = sum(n if isinstance(n, int) else len(n) for n in sizes)
    if total > limit:
        raise InputError(
            f"files are too large together ({len(sizes)} files, {_size(total)}; at most {_size(limit)} in one upload)",
            file="<upload>",
        )


def _is_notes(name: str) -> bool:
    return Path(name).suffix.lower() in NOTE_SUFFIXES


@dataclass(frozen=True)
class Uploaded:
    """Uploaded files read: the new store, and what extraction understood of each notes file."""

    store: Store
    coverage: tuple[FileCoverage, ...] = ()


def _parse_to_nquads(files: list[tuple[str, bytes, str | None]]) -> tuple[bytes, tuple[FileCoverage, ...]]:
    """The worker's part: the files parsed, as N-Quads (notes are extracted together), and the notes' coverage."""
    from graph.rdf.triples import nquad_lines
    from graph.read.extraction import extract
    from graph.read.outline import decode_notes, read_outline
    from graph.read.report import coverages

    store = Store()
    outlines = []
    for name, data, format in files:
        if format is None and _is_notes(name):
            outlines.append(read_outline(decode_notes(data, name), name))
            continue
        if not data.strip():
            raise InputError("file is empty", file=name)
        store.load_text(data, format or name, name=name)
    covered: tuple[FileCoverage, ...] = ()
    if outlines:
        facts = extract(outlines)
        store.load_ntriples_lines(nquad_lines(facts))
        covered = coverages(outlines, facts)
    return store.ox.dump(format=ox.RdfFormat.N_QUADS), covered


def _checked(name: str, data: bytes, format: str | None, max_bytes: int | None) -> tuple[str, bytes, str | None]:
    """One upload after the checks that need no parsing: name, size, kind, XML declarations."""
    name = Path(str(name).replace("\\", "/")).name or "<upload>"
    data = bytes(data)
    check_size(data, name=name, max_bytes=max_bytes)
    if format is None and not _is_notes(name) and not is_rdf_file(name):
        raise InputError("not a notes file (.md, .txt) or an RDF file (.ttl, .nt, .jsonld, .trig, .rdf ...)", file=name)
    if (format is not None or not _is_notes(name)) and format_for(format or name) == ox.RdfFormat.RDF_XML:
        refuse_xml_declarations(data, name=name)
    return name, data, format


def parse_uploads(
    files: Sequence[tuple[str, bytes]],
    *,
    max_bytes: int | None = None,
    timeout: float | None = 120.0,
    memory_mb: int | None = 2048,
) -> Store:
    """Parse uploaded files together into a new store, in a bounded worker process.

    Parameters
    ----------
    files
        ``(name, bytes)`` pairs, as uploaded. Names pick the kind (notes ``.md``, ``.markdown``,
        ``.txt``, or an RDF suffix); folders in them are dropped; two files may not share a name.
        Notes are extracted together, as :func:`graph.rdf.pipeline.build_store` does.
    max_bytes
        Size cap for each file and for all of them together (default: :func:`upload_limit_bytes`).
    timeout, memory_mb
        Limits for the worker process (None: no limit).

    Returns
    -------
    Store
        A new in-memory store holding the files' triples.

    Raises
    ------
    InputError
        For a file that is too large, of an unknown kind, malformed, or that hit a limit,
        named as uploaded, with the line where known; for files too large together
        (:func:`check_batch_size`). Nothing is read when any file is refused.

    Examples
    --------
    >>> notes, rdf = b"# RDS\\n- Multi-AZ\\n", b"<https://e.org/a> <https://e.org/b> 1 ."
    >>> store = parse_uploads([("a.md", notes), ("b.ttl", rdf)])
    >>> len(store) > 1
    True
    >>> parse_uploads([("a.md", b"# RDS"), ("x/a.md", b"# EMR")])
    Traceback (most recent call last):
    ...
    graph.errors.InputError: a.md:0: uploaded twice; file names must differ
    """
    return read_uploads(files, max_bytes=max_bytes, timeout=timeout, memory_mb=memory_mb).store


def read_uploads(
    files: Sequence[tuple[str, bytes]],
    *,
    max_bytes: int | None = None,
    timeout: float | None = 120.0,
    memory_mb: int | None = 2048,
) -> Uploaded:
    """:func:`parse_uploads`, also giving the coverage of each notes file (RDF files have none).

    >>> uploaded = read_uploads([("a.md", b"# RDS\\n- Multi-AZ\\n- 3 coffees\\n")])
    >>> [(cov.file, cov.understood, [miss.line for miss in cov.missed]) for cov in uploaded.coverage]
    [('a.md', 2, [3])]
    """
    checked = [_checked(name, data, None, max_bytes) for name, data in files]
    check_batch_size([data for _, data, _ in checked], max_bytes=max_bytes)
    return _parse(checked, timeout, memory_mb)


def parse_upload(
    name: str,
    data: bytes,
    *,
    format: str | None = None,
    max_bytes: int | None = None,
    timeout: float | None = 60.0,
    memory_mb: int | None = 1024,
) -> Store:
    """Parse one uploaded file into a new store, in a bounded worker process.

    Parameters
    ----------
    name
        The file name as uploaded; its suffix picks the format (notes ``.md``, ``.markdown``,
        ``.txt``, or an RDF suffix) unless ``format`` is given. Folders in it are dropped.
    data
        The file's bytes.
    format
        An RDF format name (``turtle``, ``jsonld``, ``xml`` ...) to use instead of the suffix.
    max_bytes
        Size cap (default: :func:`upload_limit_bytes`).
    timeout, memory_mb
        Limits for the worker process (None: no limit).

    Returns
    -------
    Store
        A new in-memory store holding the file's triples.

    Raises
    ------
    InputError
        For a file that is too large, of an unknown kind, malformed, or that hit a limit.
    """
    return _parse([_checked(name, data, format, max_bytes)], timeout, memory_mb).store


def _parse(files: list[tuple[str, bytes, str | None]], timeout: float | None, memory_mb: int | None) -> Uploaded:
    names = [name for name, _, _ in files]
    twice = sorted({n for n in names if names.count(n) > 1})
    if twice:
        raise InputError("uploaded twice; file names must differ", file=twice[0])
    where = names[0] if len(names) == 1 else "<upload>"
    try:
        nquads, covered = run_isolated(_parse_to_nquads, files, timeout=timeout, memory_mb=memory_mb)
    except TimeLimitExceeded as err:
        raise InputError(f"reading stopped after {err.seconds:g} s (time limit)", file=where) from None
    except MemoryLimitExceeded as err:
        raise InputError(
            f"reading stopped: it needed more than {err.megabytes} MB (memory limit)", file=where
        ) from None
    except SandboxError as err:
        raise InputError(f"could not be read: {err}", file=where) from None
    store = Store()
    store.ox.load(nquads, format=ox.RdfFormat.N_QUADS)
    return Uploaded(store, covered)


def add_upload(store: Store, name: str, data: bytes, **limits: object) -> int:
    """Parse an uploaded file (see :func:`parse_upload`) and add it to ``store`` in one transaction.

    Returns the number of quads the file held. When anything fails, ``store`` is unchanged.

    >>> store = Store()
    >>> add_upload(store, "n.md", "# RDS\\n- Multi-AZ\\n".encode()) > 0
    True
    >>> before = len(store)
    >>> add_upload(store, "bad.ttl", b"<a> <b> .")
    Traceback (most recent call last):
    ...
    graph.errors.InputError: bad.ttl:1: ...
    >>> len(store) == before
    True
    """
    parsed = parse_upload(name, data, **limits)  # type: ignore[arg-type]
    store.add_all(parsed)
    return len(parsed)
