"""The Analyses page's "Conflicting notes" and "What your notes lack" tabs, driven through AppTest."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from ui.state import HIGHLIGHT, NOTES_ENV

PAGE = str(Path(__file__).resolve().parents[2] / "ui" / "pages" / "analyses.py")
CID = "https://w3id.org/cloudatlas/id/"


@pytest.fixture(scope="module")
def bundled() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    return at


@pytest.fixture
def disagreeing(tmp_path, monkeypatch) -> AppTest:
    (tmp_path / "a.md").write_text("# Lambda\n- Maximum timeout is 15 minutes\n", encoding="utf-8")
    (tmp_path / "b.md").write_text("# Lambda\n- Maximum timeout is 300 seconds\n", encoding="utf-8")
    monkeypatch.setenv(NOTES_ENV, f"{tmp_path / 'a.md'}:{tmp_path / 'b.md'}")
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    return at


def frame_with(at: AppTest, *columns: str):
    return next(df.value for df in at.dataframe if set(columns) <= set(df.value.columns))


def test_both_tabs_are_listed(bundled: AppTest) -> None:
    labels = [tab.label for tab in bundled.tabs]
    assert labels[-2:] == ["Conflicting notes", "What your notes lack"]


def test_the_bundled_notes_do_not_disagree(bundled: AppTest) -> None:
    assert any("No two lines disagree" in s.value for s in bundled.success)


def test_disagreeing_lines_are_listed_with_their_sources(disagreeing: AppTest) -> None:
    rows = frame_with(disagreeing, "other value", "other source")
    assert len(rows) == 1
    row = rows.iloc[0]
    assert (row["service"], row["bound"], row["value"], row["other value"]) == ("Lambda", "at most", "300 s", "15 min")
    assert (row["source"], row["other source"]) == ("b.md:2", "a.md:2")
    assert row["line"] == "- Maximum timeout is 300 seconds"
    assert row["other line"] == "- Maximum timeout is 15 minutes"
    disagreeing.button(key="analyses.conflict_show").click().run()
    assert CID + "lambda" in disagreeing.session_state[HIGHLIGHT]


def test_gaps_of_the_bundled_notes_in_plain_words(bundled: AppTest) -> None:
    gaps = frame_with(bundled, "lacks", "why")
    said = set(zip(gaps["service"], gaps["lacks"], strict=True))
    assert ("DocumentDB", "no engine noted") in said
    assert ("Schema Conversion Tool", "no migration source noted") in said
    assert not any(service == "DynamoDB" and lacks == "no engine noted" for service, lacks in said)
    assert not gaps["lacks"].str.contains("http|sh:|ca:").any()


def test_gaps_narrow_to_one_service_and_to_warnings() -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.selectbox(key="analyses.gap_service").set_value("DocumentDB").run()
    at.toggle(key="analyses.gap_infos").set_value(False).run()
    gaps = frame_with(at, "lacks", "why")
    assert set(gaps["service"]) == {"DocumentDB"}
    assert set(gaps["lacks"]) == {"no engine noted", "no backups noted", "no replication noted"}
    at.button(key="analyses.gap_show").click().run()
    assert at.session_state[HIGHLIGHT] == (CID + "documentdb",)
