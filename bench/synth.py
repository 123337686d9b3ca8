"""Deterministic synthetic study notes (Markdown) of any size, for benchmarks and stress tests.

The notes look like the bundled ones: ``## Service`` headings (real services and invented ones
such as "Service 17" or "Velmora DB"), bullets with limits ("Up to 15 read replicas", "At most
400 KB per item", "Retention from 1 to 35 days", "3,500 requests per second"), engine lists, cache
and migration relations, features, plain descriptions and nested bullets. The same arguments give
the same text, so timings of different runs compare like with like.

Examples
--------
>>> text = synth_notes(12, seed=1)
>>> text == synth_notes(12, seed=1)
True
>>> sum(1 for line in text.splitlines() if is_bullet(line))
12
>>> text.splitlines()[0]
'# Study notes 1'

Write a folder of notes from the shell::

    python -m bench.synth 100000 /tmp/notes --files 10
"""

from __future__ import annotations

import argparse
import random
import re
from pathlib import Path

__all__ = ["synth_notes", "write_notes", "is_bullet", "REAL_SERVICES", "ENGINES"]

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


def is_bullet(line: str) -> bool:
    """True for a bullet line as this module writes them (``-``, ``*`` or ``•``, any indent).

    >>> is_bullet("  - up to 5 read replicas"), is_bullet("## RDS"), is_bullet("")
    (True, False, False)
    """
    return bool(_BULLET.match(line))


def synth_notes(n_bullets: int, seed: int = 0) -> str:
    """Markdown notes with exactly ``n_bullets`` bullet lines, the same for the same ``seed``.

    Parameters
    ----------
    n_bullets : int
        How many bullet lines (top-level and nested) to write; 0 gives only the title.
    seed : int, default 0
        Seed of the generator.

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
    """
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
        lines += _section(rng, count, marker, others)
        lines.append("")
    return "\n".join(lines).rstrip("\n") + "\n"


def write_notes(folder: str | Path, n_bullets: int, files: int = 10, seed: int = 0) -> list[Path]:
    """Write ``n_bullets`` bullets spread over ``files`` Markdown files in ``folder``.

    Files are named ``notes-000.md``, ``notes-001.md`` ...; each gets its own seed derived from
    ``seed``. Returns the paths written, in order.

    Examples
    --------
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     paths = write_notes(tmp, 25, files=3)
    ...     [p.name for p in paths], sum(sum(map(is_bullet, p.read_text().splitlines())) for p in paths)
    (['notes-000.md', 'notes-001.md', 'notes-002.md'], 25)
    """
    if files < 1:
        raise ValueError(f"files must be >= 1, got {files}")
    out = Path(folder)
    out.mkdir(parents=True, exist_ok=True)
    share, extra = divmod(n_bullets, files)
    paths = []
    for i in range(files):
        path = out / f"notes-{i:03d}.md"
        path.write_text(synth_notes(share + (i < extra), seed=seed * 100_003 + i), encoding="utf-8")
        paths.append(path)
    return paths


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


def _section(rng: random.Random, count: int, marker: str, others: list[str]) -> list[str]:
    """``count`` bullet lines, some of them nested under a parent bullet."""
    lines: list[str] = []
    left = count
    while left > 0:
        if left >= 2 and rng.random() < 0.15:
            children = min(rng.randint(1, 3), left - 1)
            lines.append(f"{marker} {rng.choice(_PARENTS)}")
            lines += [f"  {marker} {_bullet(rng, others, nested=True)}" for _ in range(children)]
            left -= children + 1
        else:
            lines.append(f"{marker} {_bullet(rng, others)}")
            left -= 1
    return lines


def _bullet(rng: random.Random, others: list[str], nested: bool = False) -> str:
    """The text of one bullet: a limit, engines, a relation, a feature or a description."""
    roll = rng.random()
    if roll < 0.35 or (nested and roll < 0.6):
        return _limit(rng)
    if roll < 0.45:
        engines = rng.sample(ENGINES, rng.randint(1, 4))
        form = rng.randrange(3)
        if form == 0:
            return "Engines: " + ", ".join(engines)
        if form == 1:
            return "Supports " + ", ".join(engines)
        return " & ".join(engines[:2]) + " compatible"
    if roll < 0.52:
        target = rng.choice(others)
        return rng.choice(
            (
                f"In-memory cache in front of {target}",
                f"Caches reads from {target} - microsecond latency",
                f"Write-through cache for {target}",
            )
        )
    if roll < 0.58:
        names = rng.sample(others, rng.randint(2, 5))
        return f"{rng.choice(('Targets', 'Sources'))}: " + ", ".join(names)
    if roll < 0.78:
        return rng.choice(_FEATURES)
    return f"{rng.choice(_ADJECTIVES)} {rng.choice(_NOUNS)} for {rng.choice(_PURPOSES)}"


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


def main(argv: list[str] | None = None) -> int:
    """Command line: ``python -m bench.synth N FOLDER [--files K] [--seed S]``."""
    parser = argparse.ArgumentParser(prog="python -m bench.synth", description="Write synthetic study notes.")
    parser.add_argument("bullets", type=int, help="how many bullet lines in all")
    parser.add_argument("folder", type=Path, help="where to write the notes files")
    parser.add_argument("--files", type=int, default=10, help="how many files (default: %(default)s)")
    parser.add_argument("--seed", type=int, default=0, help="generator seed (default: %(default)s)")
    args = parser.parse_args(argv)
    paths = write_notes(args.folder, args.bullets, files=args.files, seed=args.seed)
    print(f"{len(paths)} files, {args.bullets} bullets in {args.folder}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
