"""Shared test settings: Hypothesis profiles, paths to the repository and seed notes, the ontology and shapes.

Profiles (pick one with ``HYPOTHESIS_PROFILE``): ``default`` (500 examples), ``fuzz`` (10,000
examples, for ``make fuzz``) and ``dev`` (50 examples, for quick local runs). Under CI the default
profile is derandomized, so a run gives the same result each time.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

settings.register_profile("default", max_examples=500, deadline=None, derandomize=bool(os.environ.get("CI")))
settings.register_profile("fuzz", max_examples=10_000, deadline=None)
settings.register_profile("dev", max_examples=50)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))

REPO_ROOT = Path(__file__).resolve().parent.parent


@pytest.fixture(scope="session")
def repo_root() -> Path:
    """The repository's top folder."""
    return REPO_ROOT


@pytest.fixture(scope="session")
def seed_notes(repo_root: Path) -> Path:
    """The raw seed notes: ``tests/fixtures/seed/aws-database-notes.txt``."""
    path = repo_root / "tests" / "fixtures" / "seed" / "aws-database-notes.txt"
    assert path.is_file(), f"missing fixture {path}"
    return path


@pytest.fixture(scope="module")
def onto():
    """``ontology/cloudatlas.ttl`` as an rdflib graph."""
    from rdflib import Graph

    from ontology import ONTOLOGY_FILE

    return Graph().parse(ONTOLOGY_FILE, format="turtle")


@pytest.fixture(scope="module")
def shapes():
    """``ontology/shapes.ttl`` as an rdflib graph."""
    from rdflib import Graph

    from ontology import SHAPES_FILE

    return Graph().parse(SHAPES_FILE, format="turtle")
