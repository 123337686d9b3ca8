"""graph.rdf.remote against a real Oxigraph server: the same answers as the embedded store."""

from __future__ import annotations

import pyoxigraph as ox
import pytest
from rdflib import Graph
from rdflib.compare import isomorphic

from graph.errors import InputError
from graph.network.build import to_networkx
from graph.network.derive import add_derived
from graph.query.sparql import run_query
from graph.rdf.pipeline import BUNDLED_NOTES, build_store
from graph.rdf.remote import RemoteStore
from graph.rdf.store import Store

pytest_plugins = ["tests.oxigraph_server"]

RDS_ENGINES = "SELECT ?engine WHERE { cid:rds ca:supportsEngine ?engine } ORDER BY ?engine"


@pytest.fixture(scope="module")
def bundled() -> Store:
    """The bundled notes with their derived relations, in memory."""
    store = build_store([BUNDLED_NOTES])
    add_derived(store)
    return store


@pytest.fixture
def loaded(remote_store: RemoteStore, bundled: Store) -> RemoteStore:
    remote_store.publish(bundled)
    return remote_store


def test_build_into_remote_gives_the_same_quads(loaded: RemoteStore, bundled: Store) -> None:
    assert len(loaded) == len(bundled)
    assert {str(q) for q in loaded.ox} == {str(q) for q in bundled.ox}


def test_remote_answers_like_the_embedded_store(loaded: RemoteStore, bundled: Store) -> None:
    assert bool(loaded.query("ASK { cid:rds ca:supportsEngine cid:mysql }")) is True
    assert bool(loaded.query("ASK { cid:dax ca:caches cid:dynamodb }")) is True
    assert bool(loaded.query("ASK { cid:dynamodb ca:caches cid:dax }")) is False
    remote = [row["engine"].value for row in loaded.query(RDS_ENGINES)]
    local = [row["engine"].value for row in bundled.query(RDS_ENGINES)]
    assert remote == local and "https://w3id.org/cloudatlas/id/mysql" in remote


def test_run_query_on_remote_store(loaded: RemoteStore) -> None:
    result = run_query(loaded, RDS_ENGINES, timeout=None)
    assert {"engine": "cid:mysql"} in result.rows
    caches = run_query(loaded, "SELECT ?c WHERE { ?c ca:caches cid:dynamodb }", timeout=None)
    assert {"c": "cid:dax"} in caches.rows
    graph = run_query(loaded, "CONSTRUCT WHERE { cid:dax ca:caches ?x }", timeout=None)
    assert graph.kind == "graph"
    assert (
        "https://w3id.org/cloudatlas/id/dax",
        "https://w3id.org/cloudatlas/ontology#caches",
        "https://w3id.org/cloudatlas/id/dynamodb",
    ) in graph.triples


def test_construct_returns_triples(loaded: RemoteStore) -> None:
    triples = list(loaded.query("CONSTRUCT WHERE { cid:dax ca:caches ?x }"))
    assert all(isinstance(t, ox.Triple) for t in triples)
    assert ox.NamedNode("https://w3id.org/cloudatlas/id/dynamodb") in {t.object for t in triples}


def test_network_has_the_same_nodes_and_edges(loaded: RemoteStore, bundled: Store) -> None:
    remote, local = to_networkx(loaded), to_networkx(bundled)
    assert set(remote.nodes) == set(local.nodes)
    assert sorted(remote.edges(keys=True)) == sorted(local.edges(keys=True))
    assert remote.nodes["https://w3id.org/cloudatlas/id/dax"]["label"] == "DAX"


def test_turtle_export_is_isomorphic(loaded: RemoteStore, bundled: Store) -> None:
    remote = Graph().parse(data=loaded.dump("turtle"), format="turtle")
    local = Graph().parse(data=bundled.dump("turtle"), format="turtle")
    assert len(remote) > 500
    assert isomorphic(remote, local)


def test_named_graphs_without_fetching_everything(loaded: RemoteStore) -> None:
    loaded.refresh()
    names = {g.value for g in loaded.named_graphs()}
    assert names == {"https://w3id.org/cloudatlas/graph/provenance", "https://w3id.org/cloudatlas/graph/derived"}
    assert loaded._mirror is None


@pytest.mark.parametrize("graph_store", ["auto", None], ids=["graph-store-protocol", "sparql-update"])
def test_loads_replace_and_blank_nodes(oxigraph_server, graph_store) -> None:
    store = RemoteStore(
        oxigraph_server.query_endpoint, oxigraph_server.update_endpoint, graph_store=graph_store, batch_bytes=200
    )
    store.clear()
    lines = [f'<https://e.org/s{i}> <https://e.org/p> "v{i}" .\n' for i in range(20)]
    lines.append('<https://e.org/s0> <https://e.org/p> "in g" <https://e.org/g> .\n')
    lines += ["_:b <https://e.org/p> _:c .\n", "_:c <https://e.org/p> _:b .\n"]
    assert store.load_quads(lines) == 23
    assert len(store) == 23
    cycle = store.query("ASK { ?x <https://e.org/p> ?y . ?y <https://e.org/p> ?x . FILTER(isBlank(?x)) }")
    assert bool(cycle), "a blank node must stay one node across batches"
    store.replace_graph("https://e.org/g", '<https://e.org/a> <https://e.org/p> "new" .', "nt")
    in_g = [row["o"].value for row in store.query("SELECT ?o WHERE { GRAPH <https://e.org/g> { ?s ?p ?o } }")]
    assert in_g == ["new"]
    store.replace_graph(None, '<https://e.org/only> <https://e.org/p> "one" .', "nt")
    assert len(store) == 2
    assert store.dump("nt") == b'<https://e.org/only> <https://e.org/p> "one" .\n'


def test_mirror_of_a_union_default_graph_server(oxigraph_factory, bundled: Store) -> None:
    """Servers whose default graph is the union of all graphs (GraphDB, Neptune) still give the facts only."""
    server = oxigraph_factory(union_default_graph=True)
    store = RemoteStore(server.query_endpoint, server.update_endpoint, graph_store=None)
    store.publish(bundled)
    served = sum(1 for _ in store.query("CONSTRUCT WHERE { ?s ?p ?o }"))
    assert served > sum(1 for _ in bundled.ox.quads_for_pattern(None, None, None, ox.DefaultGraph()))
    assert {str(q) for q in store.ox} == {str(q) for q in bundled.ox}
    assert set(to_networkx(store).nodes) == set(to_networkx(bundled).nodes)


def test_writes_need_an_update_endpoint(oxigraph_server) -> None:
    store = RemoteStore(oxigraph_server.query_endpoint)
    with pytest.raises(InputError, match="read-only: no update endpoint"):
        store.load_quads(['<https://e.org/a> <https://e.org/b> "c" .\n'])


def test_dead_endpoint_is_one_clear_line(oxigraph_factory) -> None:
    server = oxigraph_factory()
    server.stop()
    store = RemoteStore(server.query_endpoint, server.update_endpoint, timeout=5)
    with pytest.raises(InputError) as caught:
        store.query("ASK { ?s ?p ?o }")
    message = str(caught.value)
    assert message == f"{server.query_endpoint}:0: cannot reach the SPARQL endpoint (Connection refused)"
    assert "\n" not in message
    with pytest.raises(InputError, match="cannot reach"):
        len(store)
    with pytest.raises(InputError, match="cannot reach"):
        to_networkx(store)


def test_http_errors_name_endpoint_and_status(remote_store: RemoteStore, oxigraph_server) -> None:
    with pytest.raises(InputError) as caught:
        remote_store.query("SELECT ?x WHERE {\n  ?x ?y }")
    message = str(caught.value)
    assert message.startswith(f"{oxigraph_server.query_endpoint}:0: HTTP 400 Bad Request: error at 2:")
    assert "\n" not in message
    missing = RemoteStore(oxigraph_server.url + "/no-such-endpoint")
    with pytest.raises(InputError, match=r"no-such-endpoint:0: HTTP 404"):
        missing.query("ASK {}")


def test_not_an_http_url() -> None:
    with pytest.raises(InputError, match="not an http"):
        RemoteStore("file:///etc/passwd")


def test_credentials_are_sent_and_not_shown() -> None:
    store = RemoteStore("https://user:secret@db.example.org/sparql")
    assert store.endpoint == "https://db.example.org/sparql"
    assert store._auth == "Basic dXNlcjpzZWNyZXQ="
    assert store.allow_hosts == ("db.example.org",)
