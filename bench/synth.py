"""Deterministic synthetic study notes (Markdown) of any size, for benchmarks and stress tests.

The notes look like the bundled ones: ``## Service`` headings (real services and invented ones
such as "Service 17" or "Velmora DB"), bullets with limits ("Up to 15 read replicas", "At most
400 KB per item", "Retention from 1 to 35 days", "3,500 requests per second"), engine lists, cache
and migration relations, features, plain descriptions and nested bullets. The same arguments give
the same text, so timings of different runs compare like with like.

By default many bullets repeat word for word (only about a fifth are new text within their
file), as they do in notes written from a handful of templates. With ``distinct=True`` every
bullet is new text: numbers, names and word order vary ("Read replicas: up to 11", "At most
15 read replicas per cluster"), and a bullet that would repeat gets a varying qualifier ("- exam
tip", "(the quorv team relies on this)"), so an extractor that works out a repeated text only once
gets no help from repetition.

Examples
--------
>>> text = synth_notes(12, seed=1)
>>> text == synth_notes(12, seed=1)
True
>>> sum(1 for line in text.splitlines() if is_bullet(line))
12
>>> text.splitlines()[0]
'# Study notes 1'
>>> texts = [line.lstrip(" -*•") for line in synth_notes(500, seed=1, distinct=True).splitlines() if is_bullet(line)]
>>> len(texts), len(set(texts))
(500, 500)

Write a folder of notes from the shell::

    python -m bench.synth 100000 /tmp/notes --files 10 [--distinct]
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

__all__ = ["synth_notes", "synth_files", "write_notes", "is_bullet", "REAL_SERVICES", "ENGINES"]

#: Real services as headings may name them: (short name, long name or None).
REAL_SERVICES: tuple[tuple[str, str | None], ...] = (
    ("RDS", "Relational Database Service"),
    ("Aurora", None),
    ("DynamoDB", None),
    ("ElastiCache", None),
    ("Redshift", None),
    ("DMS", "Database Migration Service"),
    ("EMR", "Elastic MapReduce"),
    ("DAX", "DynamoDB Accelerator"),
    ("Neptune", None),
    ("DocumentDB", None),
    ("Keyspaces", None),
    ("MemoryDB", None),
    ("Timestream", None),
    ("S3", "Simple Storage Service"),
    ("CloudFront", None),
    ("Kinesis Data Streams", None),
    ("OpenSearch Service", None),
    ("Lambda", None),
    ("EBS", "Elastic Block Store"),
    ("EFS", "Elastic File System"),
)

#: Engines and frameworks the engine bullets draw from.
ENGINES: tuple[str, ...] = (
    "MySQL",
    "PostgreSQL",
    "MariaDB",
    "Oracle",
    "SQL Server",
    "Redis",
    "Memcached",
    "Valkey",
    "MongoDB",
    "Cassandra",
    "Spark",
    "Hive",
    "HBase",
    "Presto",
    "Flink",
    "Gremlin",
)

_BULLET = re.compile(r"^[ \t]*[-*•][ \t]+\S")
_ONSETS = ("b", "d", "f", "g", "k", "l", "m", "n", "p", "r", "s", "t", "v", "z", "br", "kr", "st", "th", "vel", "qu")
_VOWELS = ("a", "e", "i", "o", "u", "ai", "io", "ea")
_CODAS = ("", "", "", "n", "r", "x", "s", "l", "m")
_SUFFIXES = ("", "", "", " DB", " Cache", " Stream", " Store", " Warehouse", " Query", " Sync")
_FEATURES = (
    "Multi-AZ - for disaster recovery, exact copy in another AZ",
    "Point in time recovery (PITR) - not enabled by default",
    "Encryption at rest - KMS",
    "Encrypted in transit with TLS",
    "Read Replicas - async replication from the primary",
    "Automated backups enabled by default",
    "Global tables - multi-region replication",
    "Serverless option - scales automatically, pay per request",
    "VPC endpoints and fine-grained access with IAM",
    "Snapshots are manual and kept after the instance is deleted",
    "Streams - time-ordered sequence of item-level changes",
    "On-demand capacity - pay per request",
    "Cross-region snapshot copy for DR",
)
_ADJECTIVES = ("Fully managed", "Serverless", "Managed", "Highly available", "Low-latency", "Petabyte-scale", "Durable")
_NOUNS = (
    "key-value store",
    "document database",
    "relational database",
    "data warehouse",
    "in-memory cache",
    "graph database",
    "time series database",
    "object store",
    "streaming service",
    "search engine",
)
_PURPOSES = (
    "OLTP workloads",
    "analytics on large data sets",
    "session state",
    "leaderboards and counters",
    "logs and metrics",
    "infrequent, unpredictable workloads",
    "mobile and web apps",
    "ad hoc queries",
)
_PARENTS = (
    "Cluster - nodes w/ roles",
    "Backups",
    "Limits",
    "Security",
    "Pricing - pay for what you use",
    "Replication",
    "Storage",
)
_UNITS_SIZE = ("KB", "MB", "GB", "TB")
# Distinct mode: what a note-taker adds to a line that says something already noted.
_NOTE_BEFORE = ("Note: ", "Exam tip: ", "Remember: ", "Important: ", "NB: ")
_NOTE_AFTER = (
    " (exam tip)",
    " (see the FAQ)",
    " (from the whitepaper)",
    " (check for your region)",
    " (came up in the labs)",
    " (asked in the practice exam)",
    ", per the docs",
    ", worth remembering",
    " (verify before the exam)",
    " (from the re:Invent talk)",
)
_NOTE_WHO = (
    "the {} team relies on this",
    "as in the {} project",
    "{} uses this in prod",
    "seen in the {} migration",
    "ask {} about it",
)


def is_bullet(line: str) -> bool:
    """True for a bullet line as this module writes them (``-``, ``*`` or ``•``, any indent).

    >>> is_bullet("  - up to 5 read replicas"), is_bullet("## RDS"), is_bullet("")
    (True, False, False)
    """
    return bool(_BULLET.match(line))


def synth_notes(n_bullets: int, seed: int = 0, distinct: bool = False) -> str:
    """Markdown notes with exactly ``n_bullets`` bullet lines, the same for the same ``seed``.

    Parameters
    ----------
    n_bullets : int
        How many bullet lines (top-level and nested) to write; 0 gives only the title.
    seed : int, default 0
        Seed of the generator.
    distinct : bool, default False
        Every bullet's text is different from every other's (see the module docstring);
        by default many bullets repeat.

    Returns
    -------
    str
        The notes, ending with a newline.

    Examples
    --------
    >>> lines = synth_notes(40, seed=3).splitlines()
    >>> sum(map(is_bullet, lines)), lines[0]
    (40, '# Study notes 3')
    >>> any(line.startswith("## ") for line in lines)
    True
    >>> text = synth_notes(300, seed=3, distinct=True)
    >>> text == synth_notes(300, seed=3, distinct=True), sum(map(is_bullet, text.splitlines()))
    (True, 300)
    """
    return _notes(n_bullets, seed, set() if distinct else None)


def synth_files(n_bullets: int, files: int = 10, seed: int = 0, distinct: bool = False) -> list[tuple[str, str]]:
    """``(name, text)`` of ``files`` notes files holding ``n_bullets`` bullets in all.

    Files are named ``notes-000.md``, ``notes-001.md`` ...; each gets its own seed derived from
    ``seed``, and the first files get one bullet more when the count does not divide evenly.
    With ``distinct=True`` no bullet text occurs twice in any of the files.

    Examples
    --------
    >>> [(name, sum(map(is_bullet, text.splitlines()))) for name, text in synth_files(7, files=2)]
    [('notes-000.md', 4), ('notes-001.md', 3)]
    """
    if files < 1:
        raise ValueError(f"files must be >= 1, got {files}")
    share, extra = divmod(n_bullets, files)
    seen: set[str] | None = set() if distinct else None
    return [
        (f"notes-{i:03d}.md", _notes(share + (i < extra), seed * 100_003 + i, seen))
        for i in range(files)
    ]  # fmt: skip


def write_notes(
    folder: str | Path, n_bullets: int, files: int = 10, seed: int = 0, distinct: bool = False
) -> list[Path]:
    """Write ``n_bullets`` bullets spread over ``files`` Markdown files in ``folder`` (:func:`synth_files`).

    Returns the paths written, in order.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_notes(tmp, 25, files=3)
    ...     [p.name for p in paths], sum(sum(map(is_bullet, p.read_text().splitlines())) for p in paths)
    (['notes-000.md', 'notes-001.md', 'notes-002.md'], 25)
    """
    out = Path(folder)
    notes = synth_files(n_bullets, files=files, seed=seed, distinct=distinct)
    out.mkdir(parents=True, exist_ok=True)
    paths = []
    for name, text in notes:
        path = out / name
        path.write_text(text, encoding="utf-8")
        paths.append(path)
    return paths


def _notes(n_bullets: int, seed: int, seen: set[str] | None) -> str:
    """The notes of :func:`synth_notes`; with a ``seen`` set, bullets are new text and are added to it."""
    if n_bullets < 0:
        raise ValueError(f"n_bullets must be >= 0, got {n_bullets}")
    rng = random.Random(seed)
    pool = _invented_names(rng, max(8, n_bullets // 40))
    others = [name for name, _ in REAL_SERVICES] + pool
    lines = [f"# Study notes {seed}", ""]
    left = n_bullets
    while left > 0:
        count = min(left, rng.randint(4, 30))
        left -= count
        lines.append(_heading(rng, pool))
        lines.append("")
        marker = rng.choices(("-", "*", "•"), weights=(80, 5, 15))[0]
        lines += _section(rng, count, marker, others, seen)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def _invented_names(rng: random.Random, size: int) -> list[str]:
    """``size`` distinct invented service names: "Service 17" or pronounceable ones."""
    names: list[str] = []
    seen: set[str] = set()
    while len(names) < size:
        if rng.random() < 0.3:
            name = f"Service {rng.randint(1, size * 10)}"
        else:
            word = "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 3)))
            name = (word + rng.choice(_CODAS)).capitalize() + rng.choice(_SUFFIXES)
        if name not in seen:
            seen.add(name)
            names.append(name)
    return names


def _heading(rng: random.Random, pool: list[str]) -> str:
    """A ``## `` heading naming a real service (in one of its spellings) or an invented one."""
    if rng.random() < 0.2:
        short, long = rng.choice(REAL_SERVICES)
        if long and rng.random() < 0.5:
            return f"## {long} ({short})"
        return f"## {rng.choice(('', '', 'Amazon '))}{short}"
    return f"## {rng.choice(pool)}"


def _section(rng: random.Random, count: int, marker: str, others: list[str], seen: set[str] | None) -> list[str]:
    """``count`` bullet lines, some of them nested under a parent bullet (all new text when ``seen`` is given)."""

    def fresh(text: str) -> str:
        return text if seen is None else _fresh(rng, text, seen)

    lines: list[str] = []
    left = count
    while left > 0:
        if left >= 2 and rng.random() < 0.15:
            children = min(rng.randint(1, 3), left - 1)
            lines.append(f"{marker} {fresh(rng.choice(_PARENTS))}")
            lines += [f"  {marker} {fresh(_bullet(rng, others, True, seen is not None))}" for _ in range(children)]
            left -= children + 1
        else:
            lines.append(f"{marker} {fresh(_bullet(rng, others, False, seen is not None))}")
            left -= 1
    return lines


def _fresh(rng: random.Random, text: str, seen: set[str]) -> str:
    """``text``, or ``text`` with a note-taker's qualifier when it is already in ``seen``; added to ``seen``.

    >>> rng, seen = random.Random(0), set()
    >>> for _ in range(3):
    ...     print(_fresh(rng, "Encryption at rest - KMS", seen))
    Encryption at rest - KMS
    Important: Encryption at rest - KMS (exam tip)
    Encryption at rest - KMS (verify before the exam)
    """
    candidate, tries = text, 0
    while candidate in seen:
        if tries < 6:  # a common remark before or after, or both
            form = rng.randrange(4)
            before = rng.choice(_NOTE_BEFORE) if form == 0 or form == 3 else ""
            after = rng.choice(_NOTE_AFTER) if form >= 1 else ""
            candidate = f"{before}{text}{after}"
        else:  # who or what it is about: invented words, more of them the longer this takes
            who = " and ".join(_word(rng) for _ in range(1 + tries // 20))
            candidate = f"{text} ({rng.choice(_NOTE_WHO).format(who)})"
        tries += 1
    seen.add(candidate)
    return candidate


def _word(rng: random.Random) -> str:
    """A pronounceable invented lower-case word ("velaistor")."""
    return "".join(rng.choice(_ONSETS) + rng.choice(_VOWELS) for _ in range(rng.randint(2, 3))) + rng.choice(_CODAS)


def _bullet(rng: random.Random, others: list[str], nested: bool = False, varied: bool = False) -> str:
    """The text of one bullet: a limit, engines, a relation, a feature or a description.

    ``varied`` draws numbers from wider ranges and words in more orders (distinct mode).
    """
    roll = rng.random()
    if roll < 0.35 or (nested and roll < 0.6):
        return _varied_limit(rng) if varied else _limit(rng)
    if roll < 0.45:
        engines = rng.sample(ENGINES, rng.randint(1, 4))
        form = rng.randrange(5 if varied else 3)
        if form == 0:
            return "Engines: " + ", ".join(engines)
        if form == 1:
            return "Supports " + ", ".join(engines)
        if form == 3:
            return "Works with " + ", ".join(engines)
        if form == 4:
            return f"Compatible with {' and '.join(engines[:2])}"
        return " & ".join(engines[:2]) + " compatible"
    if roll < 0.52:
        target = rng.choice(others)
        forms = [
            f"In-memory cache in front of {target}",
            f"Caches reads from {target} - microsecond latency",
            f"Write-through cache for {target}",
        ]
        if varied:
            forms += [f"Sits in front of {target} as a cache", f"Cache for {target} reads"]
        return rng.choice(forms)
    if roll < 0.58:
        names = rng.sample(others, rng.randint(2, 5))
        return f"{rng.choice(('Targets', 'Sources'))}: " + ", ".join(names)
    if roll < 0.78:
        return rng.choice(_FEATURES)
    adjective, noun, purpose = rng.choice(_ADJECTIVES), rng.choice(_NOUNS), rng.choice(_PURPOSES)
    if varied and rng.random() < 0.4:
        return f"{noun.capitalize()} for {purpose}, {adjective.lower()}"
    return f"{adjective} {noun} for {purpose}"


def _limit(rng: random.Random) -> str:
    """A bullet stating a quantitative bound, in one of several ways notes write them."""
    kind = rng.randrange(10)
    if kind == 0:
        return f"Up to {rng.choice((1, 2, 5, 15))} read replicas"
    if kind == 1:
        return f"At most {rng.choice((64, 256, 400, 1024))} KB per item"
    if kind == 2:
        low, high = rng.choice(((1, 35), (0, 35), (1, 7), (1, 365)))
        return rng.choice((f"Retention from {low} to {high} days", f"Backup retention period ({low}-{high} days)"))
    if kind == 3:
        size = rng.choice((16, 64, 128))
        return rng.choice((f"Storage up to {size} TB", f"10GB, scale in 10GB increments to {size}TB"))
    if kind == 4:
        return f"{rng.choice((1_000, 3_500, 5_500, 10_000, 40_000)):,} requests per second"
    if kind == 5:
        return f"Max {rng.choice((100, 500, 1_000, 5_000, 65_000)):,} connections per instance"
    if kind == 6:
        return f"Up to {rng.choice((25, 100, 128, 500))} nodes per cluster"
    if kind == 7:
        return f"Timeout: at most {rng.choice((15, 30, 60, 900))} seconds"
    if kind == 8:
        return f"Latency under {rng.choice((1, 5, 10, 100))} ms"
    return f"Max object size {rng.choice((5, 16, 400, 512))} {rng.choice(_UNITS_SIZE)}"


def _varied_limit(rng: random.Random) -> str:
    """Like :func:`_limit`, with numbers from wider ranges and the words in several orders.

    >>> rng = random.Random(1)
    >>> [_varied_limit(rng) for _ in range(3)]
    ['Retention from 0 to 14 days', 'Max timeout 120 s', 'Up to 405 nodes per cluster']
    """
    kind = rng.randrange(10)
    if kind == 0:
        n, per = rng.randint(1, 15), rng.choice(("cluster", "instance", "region", "source DB"))
        forms = (f"Up to {n} read replicas", f"Read replicas: up to {n}", f"At most {n} read replicas per {per}",
                 f"{n} read replicas max")  # fmt: skip
    elif kind == 1:
        v = rng.choice((1, 4, 16, 64, 128, 256, 400, 512, 1024))
        forms = (f"At most {v} KB per item", f"Item size: max {v} KB", f"Items can be up to {v} KB",
                 f"Max {v}KB per record")  # fmt: skip
    elif kind == 2:
        low, high = rng.choice((0, 1)), rng.choice((3, 7, 14, 30, 35, 90, 365))
        forms = (f"Retention from {low} to {high} days", f"Backup retention period ({low}-{high} days)",
                 f"Keep backups {low} to {high} days", f"Retention: {high} days max")  # fmt: skip
    elif kind == 3:
        size, step = rng.choice((16, 32, 64, 128, 256)), rng.choice((1, 5, 10, 20))
        forms = (f"Storage up to {size} TB", f"{step}GB, scale in {step}GB increments to {size}TB",
                 f"Storage grows automatically up to {size} TB", f"Max storage: {size} TB")  # fmt: skip
    elif kind == 4:
        v = rng.randint(1, 80) * 500
        forms = (f"{v:,} requests per second", f"Throughput: {v:,} requests/s",
                 f"Handles up to {v:,} requests per second per prefix")  # fmt: skip
    elif kind == 5:
        v = rng.choice((100, 500, 1_000, 2_000, 5_000, 16_000, 40_000, 65_000)) + rng.choice((0, 0, 0, 1_000, -50))
        forms = (f"Max {v:,} connections per instance", f"Connections: at most {v:,}",
                 f"Up to {v:,} concurrent connections")  # fmt: skip
    elif kind == 6:
        n = rng.randint(2, 500)
        forms = (f"Up to {n} nodes per cluster", f"Cluster: max {n} nodes", f"{n} nodes at most in one cluster")
    elif kind == 7:
        v = rng.choice((1, 3, 5, 10, 15, 30, 60, 120, 300, 900))
        forms = (f"Timeout: at most {v} seconds", f"Max timeout {v} s", f"Times out after {v} seconds")
    elif kind == 8:
        v = rng.randint(1, 200)
        forms = (f"Latency under {v} ms", f"p99 latency under {v} ms", f"Reads in under {v} ms")
    else:
        v, unit = rng.choice((1, 5, 16, 50, 160, 400, 512, 1000)), rng.choice(_UNITS_SIZE)
        forms = (f"Max object size {v} {unit}", f"Objects up to {v} {unit}", f"Largest object: {v} {unit}")
    return rng.choice(forms)


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m bench.synth N FOLDER [--files K] [--seed S] [--distinct]``."""
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description="Write synthetic study notes.")
    parser.add_argument("bullets", type=int, help="how many bullet lines in all")
    parser.add_argument("folder", type=Path, help="where to write the notes files")
    parser.add_argument("--files", type=int, default=10, help="how many files (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default: %(default)s)")
    parser.add_argument("--distinct", action="store_true", help="every bullet is different text")
    args = parser.parse_args(argv)
    paths = write_notes(args.folder, args.bullets, files=args.files, seed=args.seed, distinct=args.distinct)
    kind = "distinct " if args.distinct else ""
    print(f"{len(paths)} files, {args.bullets} {kind}bullets in {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
