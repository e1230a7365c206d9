"""A KB whose graph lives on a real Oxigraph server, next to the same KB in process.

The remote KB must give the same lookups, walks and verdicts as the in-process one, keep one
named graph per source on the server, and fail clearly on a bad endpoint.
"""

import json
import shutil
import socket
import subprocess
import threading

import httpx
import pytest
from rdflib import Literal, URIRef
from typer.testing import CliRunner

from grounding.cli import app
from knowledge.errors import QueryError, StoreError
from knowledge.kb import BuildOptions, KnowledgeBase
from knowledge.remote_graph import RemoteGraph
from knowledge.sparql_endpoint import EndpointSpec, SparqlEndpoint, parse_endpoint
from knowledge.traversal import neighbourhood, paths
from tests.scale.servers import executable, oxigraph

runner = CliRunner()
EX = "http://example.org/"
AUSTRALIA_CAPITAL = f"SELECT ?g ?c WHERE {{ GRAPH ?g {{ <{EX}Australia> <{EX}capital> ?c }} }}"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def direct_select(base: str, query: str) -> list[dict]:
    """Ask the server itself, not through groundqa."""
    response = httpx.post(
        base + "/query",
        content=query,
        headers={"Content-Type": "application/sparql-query", "Accept": "application/sparql-results+json"},
    )
    response.raise_for_status()
    return [{k: v["value"] for k, v in row.items()} for row in response.json()["results"]["bindings"]]


def build(root, kb_fixtures, graph_store="local"):
    return KnowledgeBase.build(
        root,
        docs=[kb_fixtures / "docs"],
        graphs=[kb_fixtures / "graph.ttl"],
        ontology=kb_fixtures / "ontology.ttl",
        options=BuildOptions(graph_store=graph_store),
    )


@pytest.fixture(scope="module")
def server():
    with oxigraph() as base:
        yield base


@pytest.fixture(scope="module")
def kbs(server, tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("sparql")
    result = invoke(
        "kb", "build", root / "remote", "--docs", kb_fixtures / "docs", "--graph", kb_fixtures / "graph.ttl",
        "--ontology", kb_fixtures / "ontology.ttl", "--graph-store", f"sparql:{server}", "--json",
    )
    assert result.exit_code == 0, result.output
    return build(root / "local", kb_fixtures), KnowledgeBase.open(root / "remote")


def test_verify_finds_the_contradiction_in_the_remote_graph(kbs, server, kb_fixtures):
    _, remote = kbs
    assert isinstance(remote.graph, RemoteGraph)
    assert not (remote._directory / "graph.nq").exists()
    result = invoke("verify", "--kb", remote.root, "--answer", "The capital of Australia is Sydney.", "--json")
    assert result.exit_code == 0, result.output
    [claim] = json.loads(result.stdout)["claims"]
    assert (claim["verdict"], claim["method"]) == ("contradicted", "graph")
    assert "Canberra" in claim["reason"]
    rows = direct_select(server, AUSTRALIA_CAPITAL)
    assert rows == [{"g": (kb_fixtures / "graph.ttl").resolve().as_uri(), "c": f"{EX}Canberra"}]


def test_the_manifest_names_the_store_for_every_later_command(kbs, server):
    _, remote = kbs
    assert remote.manifest.options.graph_store == f"sparql:{server}/query,{server}/update"
    result = invoke("sparql", "--kb", remote.root, f"SELECT ?c WHERE {{ <{EX}Australia> <{EX}capital> ?c }}", "--json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["rows"] == [{"c": f"{EX}Canberra"}]


def test_remote_lookups_equal_the_in_process_ones(kbs):
    local, remote = kbs
    for kg in (local.graph, remote.graph):
        kg._clear_caches()
    assert remote.graph.sources() == local.graph.sources()
    assert len(remote.graph) == len(local.graph)
    assert remote.graph.entities() == local.graph.entities()
    assert remote.graph.predicates() == local.graph.predicates()
    assert remote.graph.stats() == local.graph.stats()
    for iri in (f"{EX}Australia", f"{EX}Switzerland", f"{EX}Sydney"):
        assert remote.graph.facts(subject=iri) == local.graph.facts(subject=iri)
        assert remote.graph.facts(obj=iri, limit=2) == local.graph.facts(obj=iri, limit=2)
        assert remote.graph.aliases(iri) == local.graph.aliases(iri)
    for predicate in (f"{EX}capital", f"{EX}borders", f"{EX}population"):
        assert remote.graph.is_functional(predicate) == local.graph.is_functional(predicate)
        assert remote.graph.template_of(predicate) == local.graph.template_of(predicate)
        assert remote.graph.datatype_of(predicate) == local.graph.datatype_of(predicate)
    query = "SELECT ?s ?o WHERE { ?s <http://example.org/borders> ?o } ORDER BY ?s ?o"
    assert remote.sparql(query) == local.sparql(query)
    ask = "ASK { <http://example.org/France> <http://example.org/capital> <http://example.org/Paris> }"
    assert remote.sparql(ask) == local.sparql(ask)


def test_walks_fetch_neighbourhoods_by_sparql_and_match_the_in_process_view(kbs):
    local, remote = kbs
    seeds = [f"{EX}Switzerland"]
    assert neighbourhood(remote.view, seeds, hops=2, limit=50) == neighbourhood(local.view, seeds, hops=2, limit=50)
    assert paths(remote.view, f"{EX}Sydney", f"{EX}Canberra") == paths(local.view, f"{EX}Sydney", f"{EX}Canberra")
    assert len(remote.view._cache) < local.view.number_of_nodes()  # only the nodes walked were fetched
    query = "Which countries border Switzerland?"
    assert [e.id for e in remote.search(query)] == [e.id for e in local.search(query)]


def test_sparql_stays_read_only_against_the_server(kbs, server):
    _, remote = kbs
    with pytest.raises(QueryError, match="updates are not allowed"):
        remote.sparql(f"INSERT DATA {{ <{EX}a> <{EX}b> <{EX}c> }}")
    with pytest.raises(QueryError, match="SERVICE"):
        remote.sparql(f"SELECT * WHERE {{ SERVICE <{server}/query> {{ ?s ?p ?o }} }}")
    assert not direct_select(server, f"SELECT * WHERE {{ GRAPH ?g {{ <{EX}a> ?p ?o }} }}")


def test_add_and_remove_keep_one_named_graph_per_source(sparql_server, tmp_path, kb_fixtures):
    kb = build(tmp_path / "kb", kb_fixtures, graph_store=f"sparql:{sparql_server}")
    extra = (kb_fixtures / "extra.ttl").resolve().as_uri()
    added = kb.add(graphs=[kb_fixtures / "extra.ttl"])
    assert added.triples_added > 0
    graphs = {row["g"] for row in direct_select(sparql_server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert extra in graphs and (kb_fixtures / "graph.ttl").resolve().as_uri() in graphs
    removed = kb.remove([extra])
    assert removed.triples_removed == added.triples_added
    graphs = {row["g"] for row in direct_select(sparql_server, "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")}
    assert extra not in graphs
    assert extra not in KnowledgeBase.open(tmp_path / "kb").graph.sources()


def test_a_second_kb_is_refused_on_a_dataset_that_is_not_empty(sparql_server, tmp_path, kb_fixtures):
    build(tmp_path / "one", kb_fixtures, graph_store=f"sparql:{sparql_server}")
    with pytest.raises(StoreError, match="already holds"):
        build(tmp_path / "two", kb_fixtures, graph_store=f"sparql:{sparql_server}")
    assert not KnowledgeBase.exists(tmp_path / "two")


def test_an_unreachable_endpoint_is_named(tmp_path, kb_fixtures):
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]  # bound, never listening: connections are refused
        result = invoke(
            "kb", "build", tmp_path / "kb", "--graph", kb_fixtures / "graph.ttl",
            "--graph-store", f"sparql:http://127.0.0.1:{port}",
        )
    assert result.exit_code != 0
    assert f"http://127.0.0.1:{port}/query is unreachable" in result.output
    assert not KnowledgeBase.exists(tmp_path / "kb")


def test_an_endpoint_refusing_updates_is_named(tmp_path, kb_fixtures):
    store = tmp_path / "store"
    subprocess.run([executable("oxigraph"), "update", "--location", str(store), "--update", "CLEAR ALL"], check=True)
    with oxigraph(store, read_only=True) as base:
        with pytest.raises(StoreError, match="refuses updates"):
            build(tmp_path / "kb", kb_fixtures, graph_store=f"sparql:{base}")
    assert not KnowledgeBase.exists(tmp_path / "kb")


def test_a_silent_endpoint_times_out_clearly():
    with socket.socket() as listener:
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        accepted = []
        threading.Thread(target=lambda: accepted.append(listener.accept()), daemon=True).start()
        port = listener.getsockname()[1]
        endpoint = SparqlEndpoint(parse_endpoint(f"http://127.0.0.1:{port}"), timeout_s=0.5)
        with pytest.raises(StoreError, match="timed out after 0.5 s"):
            RemoteGraph(endpoint).add_triples([(URIRef(f"{EX}a"), URIRef(f"{EX}b"), Literal("c"))], source="s")
        for conn, _ in accepted:
            conn.close()


def test_endpoint_urls_are_derived_or_given():
    assert parse_endpoint("http://h:7878") == EndpointSpec("http://h:7878/query", "http://h:7878/update")
    assert parse_endpoint("http://h:3030/ds/sparql") == EndpointSpec("http://h:3030/ds/sparql", "http://h:3030/ds/update")
    assert parse_endpoint("http://h/q,http://h/u") == EndpointSpec("http://h/q", "http://h/u")
    with pytest.raises(QueryError, match="not an http"):
        parse_endpoint("ftp://h")


def test_a_local_kb_copy_still_works_without_a_server(kbs, tmp_path):
    local, _ = kbs
    shutil.copytree(local.root, tmp_path / "copy")
    assert KnowledgeBase.open(tmp_path / "copy").graph.facts(subject=f"{EX}Australia")


def test_graph_answerer_and_page_drawing_work_against_the_server(kbs):
    from grounding.answer.graph import answer_from_graph
    from ui.graph_view import neighbourhood_html

    local, remote = kbs
    for question in ("What is the capital of Austria?", "Which countries does Switzerland border?"):
        assert answer_from_graph(remote, question) == answer_from_graph(local, question)
    assert "Vienna" in answer_from_graph(remote, "What is the capital of Austria?").answer
    html, drawn, _ = neighbourhood_html(remote, [f"{EX}Switzerland"])
    assert (drawn, "Bern" in html) == (neighbourhood_html(local, [f"{EX}Switzerland"])[1], True)
    result = invoke("ask", "What is the capital of Austria?", "--kb", remote.root, "--answerer", "graph", "--json")
    assert result.exit_code == 0, result.output
    assert "Vienna" in json.loads(result.stdout)["answer"]
