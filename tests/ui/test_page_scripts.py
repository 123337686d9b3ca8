"""The page scripts live in ui/pages/ (not pages/, which Streamlit would list on its own) under names no package has."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_no_pages_folder_beside_the_app() -> None:
    assert not (ROOT / "pages").exists()


def test_no_page_script_shadows_a_package() -> None:
    """A script's folder is put on the import path when it runs alone: ``graph.py`` there would hide ``graph``."""
    packages = {p.name for p in ROOT.iterdir() if (p / "__init__.py").exists()}
    scripts = {p.stem for p in (ROOT / "ui" / "pages").glob("*.py")}
    assert scripts == {"explorer", "sparql", "analyses", "export"}
    assert not scripts & packages
