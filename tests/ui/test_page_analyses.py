"""The Analyses page, driven through Streamlit's AppTest, on the bundled notes."""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

PAGE = str(Path(__file__).resolve().parents[2] / "ui" / "pages" / "analyses.py")
CID = "https://w3id.org/cloudatlas/id/"


@pytest.fixture(scope="module")
def page() -> AppTest:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    assert not at.exception
    return at


def test_dax_sits_in_front_of_dynamodb(page: AppTest) -> None:
    assert page.selectbox(key="analyses.cache_service").value == CID + "dynamodb"
    table = page.dataframe[0].value
    dax = table[table["layer"] == "DAX"]
    assert set(dax["status"]) == {"noted"}
    assert set(dax["tier"]) == {"in-memory"}
    assert set(dax["or"]) == {"ElastiCache"}  # alternatives, not a series
    assert "caching.md:7" in set(dax["source"])
    # No CDN or API cache in front of a database; the chain goes through the compute tier the notes link.
    assert "edge (CDN)" not in set(table["tier"]) and "API" not in set(table["tier"])
    assert page.text[0].value.splitlines() == [
        "client → Lambda → DAX → DynamoDB",
        "client → Lambda → ElastiCache → DynamoDB",
    ]


def test_oracle_to_aurora_postgresql_needs_schema_conversion(page: AppTest) -> None:
    assert page.selectbox(key="analyses.source").value == "Oracle"
    assert page.selectbox(key="analyses.target").value == "Aurora PostgreSQL"
    paths = next(df.value for df in page.dataframe if "schema conversion" in df.value.columns)
    first = paths.iloc[0]
    assert (first["from"], first["to"], first["schema conversion"]) == ("Oracle", "Aurora PostgreSQL", "yes (SCT)")
    assert first["via"] == "DMS + Schema Conversion Tool"
    assert first["why"].startswith("The engines differ (Oracle → PostgreSQL): the schema is converted")
    steps = next(df.value for df in page.dataframe if list(df.value.columns) == ["step", "node", "link", "note"])
    assert list(steps["node"]) == ["Oracle", "DMS", "Schema Conversion Tool", "RDS", "Aurora", "PostgreSQL"]
    flagged = steps[steps["note"] != ""]
    assert list(flagged["node"]) == ["Schema Conversion Tool"]
    assert list(steps["link"])[1:] == [
        "DMS migrates from Oracle",
        "used alongside",
        "DMS migrates to RDS",
        "RDS runs Aurora",
        "Aurora is compatible with PostgreSQL",
    ]  # words, not relation ids
    assert first["route"] == "Oracle → DMS + Schema Conversion Tool → RDS → Aurora → PostgreSQL"
    assert any("Schema Conversion Tool" in w for w in page.warning.values)


def test_a_same_engine_migration_needs_no_schema_conversion() -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.selectbox(key="analyses.source").set_value("MySQL").run()
    at.selectbox(key="analyses.target").set_value("Aurora MySQL").run()
    paths = next(df.value for df in at.dataframe if "schema conversion" in df.value.columns)
    assert set(paths["schema conversion"]) == {"no"}
    assert not at.warning


def test_limit_matrix_compares_services_in_one_unit_per_quantity(page: AppTest) -> None:
    matrix = next(df.value for df in page.dataframe if "quantity" in df.value.columns and "Aurora" in df.value.columns)
    replicas = matrix[matrix["quantity"] == "Read Replicas"].iloc[0]
    assert (replicas["unit"], replicas["RDS"]) == ("count", "5")
    retention = matrix[matrix["quantity"] == "Backup retention"].iloc[0]
    assert (retention["unit"], retention["RDS"]) == ("days", "35")


def test_the_quantity_picker_narrows_the_matrix() -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.selectbox(key="analyses.quantity").set_value("Item size").run()
    matrix = next(df.value for df in at.dataframe if "quantity" in df.value.columns and "unit" in df.value.columns)
    assert list(matrix["quantity"]) == ["Item size"]
    assert matrix.iloc[0]["DynamoDB"] == "400"
    assert matrix.iloc[0]["unit"] == "KB"


def test_centrality_and_communities(page: AppTest) -> None:
    central = next(df.value for df in page.dataframe if "PageRank" in df.value.columns)
    assert len(central) == 15
    assert central.iloc[0]["node"] == "DynamoDB"
    assert central.iloc[0]["class"] == "Database service"  # the legend's words, not the class id
    assert list(central["PageRank"]) == sorted(central["PageRank"], reverse=True)
    groups = next(t.value for t in page.table if "members" in t.value.columns).reset_index()  # cells wrap
    assert list(groups["community"])[0].count(" & ") == 1  # named by its two most central members
    assert list(groups["#"]) == list(range(1, len(groups) + 1))
    assert list(groups["size"]) == sorted(groups["size"], reverse=True)
    members = [m for line in groups["members"] for m in line.split(", ")]
    assert "DynamoDB" in members and "DAX" in members
    assert groups["size"].sum() >= len(set(members)) > 100


def test_a_migration_path_and_a_community_go_to_the_graph_view() -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.button(key="analyses.path.1").click().run()
    path = at.session_state["ca.path"]
    assert len(path) == 5  # the Schema Conversion Tool is used alongside DMS, not a hop
    assert (path[0], path[-1]) == (CID + "oracle", CID + "postgresql")
    assert CID + "sct" not in path
    at.button(key="analyses.highlight").click().run()
    highlighted = at.session_state["ca.highlight"]
    first = next(t.value for t in at.table if "members" in t.value.columns).iloc[0]
    assert CID + first["community"].split(" & ")[0].lower() in highlighted  # its most central member
    assert len(highlighted) == first["size"]


def test_another_service_gets_its_own_layers() -> None:
    at = AppTest.from_file(PAGE, default_timeout=60).run()
    at.selectbox(key="analyses.cache_service").set_value(CID + "rds").run()
    table = at.dataframe[0].value
    assert "DAX" not in set(table["layer"])
    assert "ElastiCache" in set(table["layer"])
    assert at.text[0].value == "client → ElastiCache → RDS"
