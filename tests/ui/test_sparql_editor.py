"""The SPARQL editor component: what its messages mean for the page, and a frontend that stays offline."""

from __future__ import annotations

import doctest
import json
import re

import ui.sparql_editor as sparql_editor_module
from ui.sparql_editor import FRONTEND, editor_event

SRC = FRONTEND.parent / "src"


def test_the_module_examples_hold() -> None:
    assert doctest.testmod(sparql_editor_module).failed == 0


def test_only_a_new_run_id_runs_and_only_a_new_message_carries_text() -> None:
    seen = None
    steps = [
        ({"text": "A", "sent": "1", "run": None}, ("A", False)),  # a pause in typing
        ({"text": "A", "sent": "1", "run": None}, (None, False)),  # the same message, rerun for another reason
        ({"text": "AB", "sent": "2", "run": "r1"}, ("AB", True)),  # Run
        ({"text": "ABC", "sent": "3", "run": "r1"}, ("ABC", False)),  # typing after it
        ({"text": "ABC", "sent": "4", "run": "r2"}, ("ABC", True)),  # Run again, same text
        (None, (None, False)),  # the editor gone (plain text box)
    ]
    for value, expected in steps:
        event = editor_event(value, seen)
        assert (event.text, event.run) == expected, value
        seen = event.seen


def test_values_that_are_not_editor_messages_are_ignored() -> None:
    for value in (None, "text", 3, [], {"sent": "1"}, {"text": 5, "sent": "1", "run": "r"}):
        event = editor_event(value, ("0", None))
        assert (event.text, event.run, event.seen) == (None, False, ("0", None))


def test_the_frontend_is_served_from_the_repo_and_loads_nothing_from_the_network() -> None:
    page = (FRONTEND / "index.html").read_text(encoding="utf-8")
    assert "connect-src 'none'" in page
    for ref in re.findall(r'(?:src|href)="([^"]+)"', page):
        assert "//" not in ref and (FRONTEND / ref).is_file(), ref
    bundle = (FRONTEND / "editor.min.js").read_text(encoding="utf-8")
    assert set(re.findall(r"https?://[^\"' )]+", bundle)) <= {"http://www.w3.org/2000/svg"}
    assert len(bundle) < 600_000


def test_every_bundled_package_has_its_licence_beside_the_bundle() -> None:
    licences = (FRONTEND / "LICENSE-codemirror.txt").read_text(encoding="utf-8")
    pinned = json.loads((SRC / "package.json").read_text(encoding="utf-8"))["dependencies"]
    for name, version in pinned.items():
        assert f"{name} {version} (MIT)" in licences
    assert licences.count("Permission is hereby granted") >= len(pinned)
