"""Build ``ontology/aws_services.json``, the catalog of AWS service names, from botocore's service models.

botocore ships one ``service-2.json`` (often gzipped) per service and API version, whose ``metadata``
holds ``serviceFullName``, ``serviceAbbreviation``, ``serviceId`` and ``endpointPrefix``. This script
reads them from an installed botocore, from its data folder, or straight from a downloaded wheel, and
writes a sorted, deterministic JSON file::

    {"source": "botocore 1.44.8",
     "services": [{"key": "rds", "label": "RDS", "full_name": "Amazon Relational Database Service",
                   "aliases": ["Amazon Relational Database Service", "Relational Database Service", ...]}, ...]}

botocore is a tool for regenerating the file, not a runtime dependency::

    pip download --no-deps botocore -d /tmp/botocore
    python -m ontology.make_catalog --wheel /tmp/botocore/botocore-*.whl

Examples
--------
>>> meta = {"serviceFullName": "Amazon DynamoDB Accelerator (DAX)", "serviceAbbreviation": "Amazon DAX",
...         "serviceId": "DAX", "endpointPrefix": "dax"}
>>> entry = service_entry(meta)
>>> entry.key, entry.label, entry.full_name
('dax', 'DAX', 'Amazon DynamoDB Accelerator (DAX)')
>>> entry.aliases
('Amazon DynamoDB Accelerator (DAX)', 'DynamoDB Accelerator (DAX)', 'Amazon DAX', 'DynamoDB Accelerator')
"""

from __future__ import annotations

import argparse
import gzip
import json
import re
import sys
import zipfile
from collections.abc import Callable, Iterable, Mapping
from dataclasses import asdict, dataclass, replace
from pathlib import Path

__all__ = ["ServiceEntry", "slug", "short_name", "service_entry", "catalog", "read_models", "main"]

#: Where the catalog lives, next to this file.
DEFAULT_OUTPUT = Path(__file__).with_name("aws_services.json")

_PREFIX = re.compile(r"^(?:Amazon|AWS)(?: +|(?=[A-Z]))")
_MODEL = re.compile(r"(?:^|/)botocore/data/(?P<service>[^/]+)/(?P<version>[^/]+)/service-2\.json(?:\.gz)?$")
_DATA_MODEL = re.compile(r"^(?P<service>[^/]+)/(?P<version>[^/]+)/service-2\.json(?:\.gz)?$")
_ACRONYM = re.compile(r"^[A-Za-z][A-Za-z0-9]{1,4}$")


@dataclass(frozen=True)
class ServiceEntry:
    """One service of the catalog: stable key, short label, full name and other names."""

    key: str
    label: str
    full_name: str
    aliases: tuple[str, ...]


def slug(name: str) -> str:
    """Lower-case ``name`` with each run of non-alphanumerics turned into one ``-``.

    Examples
    --------
    >>> slug("Amazon S3 Glacier")
    'amazon-s3-glacier'
    >>> slug("IoT 1-Click (Devices)")
    'iot-1-click-devices'
    """
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def short_name(name: str) -> str:
    """``name`` without a leading ``Amazon`` or ``AWS`` (also when glued on, as in ``AWSAppSync``).

    Examples
    --------
    >>> short_name("Amazon ElastiCache")
    'ElastiCache'
    >>> short_name("AWS Database Migration Service")
    'Database Migration Service'
    >>> short_name("AWSAppSync")
    'AppSync'
    >>> short_name("Elastic Load Balancing"), short_name("AmazonMQ"), short_name("AWS")
    ('Elastic Load Balancing', 'MQ', 'AWS')
    """
    return _PREFIX.sub("", name, count=1) or name


def service_entry(metadata: Mapping[str, object], key: str | None = None) -> ServiceEntry:
    """The catalog entry for one ``service-2.json`` ``metadata`` block.

    Parameters
    ----------
    metadata : mapping
        The model's metadata; ``serviceFullName`` is required, the rest optional.
    key : str, optional
        The key to use instead of the slug of the label (to settle clashes).

    Examples
    --------
    >>> e = service_entry({"serviceFullName": "AWS Database Migration Service",
    ...                    "serviceId": "Database Migration Service", "endpointPrefix": "dms"})
    >>> e.key, e.label, e.aliases
    ('database-migration-service', 'Database Migration Service', ('AWS Database Migration Service', 'DMS'))
    """
    full = _clean(metadata.get("serviceFullName")) or _clean(metadata.get("serviceId"))
    if not full:
        raise ValueError(f"service metadata without a name: {dict(metadata)!r}")
    abbreviation = _clean(metadata.get("serviceAbbreviation"))
    label = short_name(abbreviation or full)
    candidates = [full, short_name(full), abbreviation, short_name(abbreviation)]
    candidates += _parenthesised(full)
    candidates.append(_clean(metadata.get("serviceId")))
    prefix = _clean(metadata.get("endpointPrefix"))
    words = {word.casefold() for name in candidates for word in re.findall(r"[A-Za-z0-9]+", name)}
    if _ACRONYM.match(prefix) and prefix.casefold() not in words:  # "dms" is an acronym, "glue" a word
        candidates.append(prefix.upper())
    seen = {label.casefold()}
    aliases: list[str] = []
    for name in candidates:
        if name and name.casefold() not in seen:
            seen.add(name.casefold())
            aliases.append(name)
    return ServiceEntry(key=key or slug(label), label=label, full_name=full, aliases=tuple(aliases))


def catalog(models: Iterable[tuple[str, Mapping[str, object]]]) -> list[ServiceEntry]:
    """Entries for ``(service name, metadata)`` pairs, sorted by key, with unique keys.

    Where two services shorten to the same label, each clashing entry is keyed by the slug of its
    botocore service name instead. An alias that several services share (``RDS`` is the endpoint of
    Neptune and DocumentDB too), or that is another service's label, is dropped: it names no one service.

    Examples
    --------
    >>> models = [("elbv2", {"serviceFullName": "Elastic Load Balancing"}),
    ...           ("elb", {"serviceFullName": "Elastic Load Balancing"}),
    ...           ("rds", {"serviceFullName": "Amazon Relational Database Service",
    ...                    "serviceAbbreviation": "Amazon RDS", "endpointPrefix": "rds"}),
    ...           ("neptune", {"serviceFullName": "Amazon Neptune", "endpointPrefix": "rds"})]
    >>> [(e.key, e.label, e.aliases) for e in catalog(models)]  # doctest: +NORMALIZE_WHITESPACE
    [('elb', 'Elastic Load Balancing', ()), ('elbv2', 'Elastic Load Balancing', ()),
     ('neptune', 'Neptune', ('Amazon Neptune',)),
     ('rds', 'RDS', ('Amazon Relational Database Service', 'Relational Database Service', 'Amazon RDS'))]
    """
    models = list(models)
    entries = [service_entry(meta) for _, meta in models]
    counts: dict[str, int] = {}
    for entry in entries:
        counts[entry.key] = counts.get(entry.key, 0) + 1
    entries = [
        service_entry(meta, key=slug(name)) if counts[entry.key] > 1 else entry
        for (name, meta), entry in zip(models, entries, strict=True)
    ]
    keys = [entry.key for entry in entries]
    if len(set(keys)) != len(keys):
        raise ValueError("catalog keys are not unique even after settling clashes")
    holders: dict[str, int] = {}
    for entry in entries:
        for name in {entry.label.casefold(), entry.full_name.casefold(), *(a.casefold() for a in entry.aliases)}:
            holders[name] = holders.get(name, 0) + 1
    entries = [replace(e, aliases=tuple(a for a in e.aliases if holders[a.casefold()] == 1)) for e in entries]
    return sorted(entries, key=lambda entry: entry.key)


def read_models(source: Path) -> tuple[str, list[tuple[str, dict[str, object]]]]:
    """The botocore version and ``(service, metadata)`` of each service's newest API version.

    ``source`` is a botocore wheel, an installed ``botocore`` package folder, or its ``data`` folder.
    """
    if source.is_file():
        with zipfile.ZipFile(source) as wheel:
            version = _wheel_version(source, wheel)
            files = {m.group(0): m for m in map(_MODEL.search, wheel.namelist()) if m}
            return version, _newest(files, wheel.read)
    data = source / "data" if (source / "data").is_dir() else source
    version = _package_version(data.parent)
    files = {}
    for path in sorted(data.glob("*/*/service-2.json*")):
        rel = path.relative_to(data).as_posix()
        match = _DATA_MODEL.match(rel)
        if match:
            files[str(path)] = match
    return version, _newest(files, lambda name: Path(name).read_bytes())


def main(argv: list[str] | None = None) -> int:
    """Command line: read botocore's models and write the catalog JSON."""
    parser = argparse.ArgumentParser(prog="python -m ontology.make_catalog", description=__doc__.split("\n\n")[0])
    where = parser.add_mutually_exclusive_group()
    where.add_argument("--wheel", type=Path, help="a downloaded botocore wheel (.whl)")
    where.add_argument("--botocore", type=Path, help="an installed botocore package folder or its data folder")
    parser.add_argument(
        "-o", "--output", type=Path, default=DEFAULT_OUTPUT, help="where to write (default: %(default)s)"
    )
    args = parser.parse_args(argv)
    source = args.wheel or args.botocore or _installed_botocore()
    if source is None:
        parser.error("botocore is not installed here; pass --wheel or --botocore")
    version, models = read_models(source)
    if not models:
        parser.error(f"no service models found in {source}")
    document = {"source": f"botocore {version}", "services": [_as_json(e) for e in catalog(models)]}
    args.output.write_text(json.dumps(document, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    print(f"{args.output}: {len(document['services'])} services from {document['source']}", file=sys.stderr)
    return 0


def _as_json(entry: ServiceEntry) -> dict[str, object]:
    """An entry as a JSON object, aliases as a list."""
    out = asdict(entry)
    out["aliases"] = list(entry.aliases)
    return out


def _clean(value: object) -> str:
    """A metadata string with whitespace collapsed; empty for missing values."""
    return " ".join(str(value).split()) if value else ""


def _parenthesised(full: str) -> list[str]:
    """``X (Y)`` gives the short form of ``X`` (Y is usually the abbreviation already)."""
    match = re.fullmatch(r"(.+?)\s*\(([^()]+)\)", full)
    if not match:
        return []
    return [short_name(match.group(1)), match.group(2)]


def _newest(files: Mapping[str, re.Match[str]], read: Callable[[str], bytes]) -> list[tuple[str, dict[str, object]]]:
    """Metadata of the newest API version per service, sorted by service name."""
    newest: dict[str, tuple[str, str]] = {}
    for name, match in files.items():
        service, version = match.group("service"), match.group("version")
        if service not in newest or version > newest[service][0]:
            newest[service] = (version, name)
    return [(service, _metadata(name, read(name))) for service, (_, name) in sorted(newest.items())]


def _metadata(name: str, raw: bytes) -> dict[str, object]:
    """The ``metadata`` block of a (possibly gzipped) model file."""
    if name.endswith(".gz"):
        raw = gzip.decompress(raw)
    return dict(json.loads(raw)["metadata"])


def _wheel_version(path: Path, wheel: zipfile.ZipFile) -> str:
    """The botocore version of a wheel, from its METADATA (or its file name)."""
    for name in wheel.namelist():
        if name.endswith(".dist-info/METADATA"):
            for line in wheel.read(name).decode("utf-8").splitlines():
                if line.startswith("Version:"):
                    return line.split(":", 1)[1].strip()
    return path.name.split("-")[1]


def _package_version(package: Path) -> str:
    """The ``__version__`` of a botocore package folder."""
    init = package / "__init__.py"
    if init.is_file():
        match = re.search(r"""__version__\s*=\s*['"]([^'"]+)['"]""", init.read_text(encoding="utf-8"))
        if match:
            return match.group(1)
    return "unknown"


def _installed_botocore() -> Path | None:
    """The folder of an importable botocore, if there is one."""
    try:
        import botocore  # noqa: PLC0415  (optional, dev-time only)
    except ImportError:
        return None
    return Path(botocore.__file__).parent


if __name__ == "__main__":
    raise SystemExit(main())
