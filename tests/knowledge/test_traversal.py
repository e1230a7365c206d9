"""Graph walks on networkx views built from real KnowledgeGraphs."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest
from rdflib import Literal, URIRef
from rdflib.namespace import RDF, RDFS

import knowledge.traversal as traversal
from knowledge.graph import ONTOLOGY_GRAPH, KnowledgeGraph
from knowledge.traversal import build_view, neighbourhood, paths, personalized_pagerank

pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")

FIXTURES = Path(__file__).parents[1] / "fixtures" / "graph"
EX = "http://example.org/geo/"
N = "urn:t:"
HUB_DEGREE = 3000


def iri(name: str) -> URIRef:
    return URIRef(N + name)


@pytest.fixture(scope="module")
def kg() -> KnowledgeGraph:
    """A chain a-b-c-d-e, a diamond x-{y1,y2}-z, a hub with thousands of leaves, plus noise.

    Directions are mixed on purpose so that walks must ignore them and reports must keep them.
    """
    graph = KnowledgeGraph()
    link, near = iri("link"), iri("near")
    edges = [
        (iri("a"), link, iri("b")),
        (iri("c"), link, iri("b")),
        (iri("c"), near, iri("d")),
        (iri("d"), link, iri("e")),
        (iri("x"), link, iri("y1")),
        (iri("x"), link, iri("y2")),
        (iri("z"), near, iri("y1")),
        (iri("y2"), near, iri("z")),
        (iri("a"), near, iri("hub")),
    ]
    edges += [(iri("hub"), link, iri(f"leaf{i}")) for i in range(HUB_DEGREE)]
    graph.add_triples(edges, source="edges")
    noise = [
        (iri("a"), RDFS.label, Literal("A")),
        (iri("a"), iri("age"), Literal(42)),
        (iri("a"), RDF.type, iri("Thing")),
        (iri("e"), RDF.type, iri("Thing")),
    ]
    graph.add_triples(noise, source="noise")
    graph.add_triples([(iri("a"), iri("schema"), iri("e"))], source=ONTOLOGY_GRAPH)
    return graph


@pytest.fixture(scope="module")
def view(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    return build_view(kg)


def test_view_holds_entity_edges_only(view: nx.MultiDiGraph) -> None:
    assert view.number_of_edges() == 9 + HUB_DEGREE
    assert N + "Thing" not in view  # rdf:type links classes, not entities
    assert not any(isinstance(node, Literal) or node.startswith('"') for node in view)
    assert not view.has_edge(N + "a", N + "e")  # ontology-graph facts stay out
    data = view.get_edge_data(N + "a", N + "b", key=N + "link")
    assert data == {"predicate": N + "link", "graph": "edges"}


def test_view_from_fixture_files() -> None:
    countries = KnowledgeGraph()
    countries.load_file(FIXTURES / "countries.ttl")
    countries.load_file(FIXTURES / "ontology.ttl", source=ONTOLOGY_GRAPH)
    view = build_view(countries)
    assert set(view.nodes) == {
        EX + name for name in ("France", "Germany", "Spain", "Paris", "Berlin", "Madrid")
    }
    assert view.has_edge(EX + "France", EX + "Paris", key=EX + "capital")
    assert view.number_of_edges() == 7


def test_one_hop_reports_true_directions(view: nx.MultiDiGraph) -> None:
    edges = neighbourhood(view, [N + "b"], hops=1)
    assert sorted(edges) == [(N + "a", N + "link", N + "b"), (N + "c", N + "link", N + "b")]


def test_two_hops_nearest_first(view: nx.MultiDiGraph) -> None:
    edges = neighbourhood(view, [N + "c"], hops=2)
    first_hop = {(N + "c", N + "link", N + "b"), (N + "c", N + "near", N + "d")}
    second_hop = {(N + "a", N + "link", N + "b"), (N + "d", N + "link", N + "e")}
    assert set(edges[:2]) == first_hop
    assert set(edges[2:]) == second_hop
    assert neighbourhood(view, [N + "c"], hops=3)[:4] == edges
    assert (N + "a", N + "near", N + "hub") in neighbourhood(view, [N + "c"], hops=3, limit=10)


def test_unknown_seeds_and_zero_hops(view: nx.MultiDiGraph) -> None:
    assert neighbourhood(view, [N + "nowhere"]) == []
    assert neighbourhood(view, [N + "a"], hops=0) == []
    assert neighbourhood(view, [N + "nowhere", N + "b"], hops=1) == neighbourhood(view, [N + "b"], hops=1)


def test_hub_respects_limit_and_shares_it_between_seeds(view: nx.MultiDiGraph) -> None:
    from_hub = neighbourhood(view, [N + "hub"], hops=2, limit=50)
    assert len(from_hub) == 50
    assert all(N + "hub" in (s, o) for s, _, o in from_hub)
    shared = neighbourhood(view, [N + "hub", N + "d"], hops=2, limit=10)
    assert len(shared) == 10
    assert (N + "c", N + "near", N + "d") in shared and (N + "d", N + "link", N + "e") in shared
    assert len(neighbourhood(view, [N + "a"], hops=2, limit=200)) == 200


def test_paths_are_shortest_and_keep_directions(view: nx.MultiDiGraph) -> None:
    (path,) = paths(view, N + "a", N + "d")
    assert path == [
        (N + "a", N + "link", N + "b"),
        (N + "c", N + "link", N + "b"),
        (N + "c", N + "near", N + "d"),
    ]
    assert paths(view, N + "a", N + "d", max_hops=2) == []
    assert paths(view, N + "a", N + "e", max_hops=4) == [path + [(N + "d", N + "link", N + "e")]]
    assert paths(view, N + "leaf7", N + "b") == [
        [
            (N + "hub", N + "link", N + "leaf7"),
            (N + "a", N + "near", N + "hub"),
            (N + "a", N + "link", N + "b"),
        ]
    ]


def test_paths_list_every_shortest_route_up_to_the_limit(view: nx.MultiDiGraph) -> None:
    found = paths(view, N + "x", N + "z")
    assert found == [
        [(N + "x", N + "link", N + "y1"), (N + "z", N + "near", N + "y1")],
        [(N + "x", N + "link", N + "y2"), (N + "y2", N + "near", N + "z")],
    ]
    assert paths(view, N + "x", N + "z", limit=1) == found[:1]
    assert paths(view, N + "x", N + "a") == []  # different components
    assert paths(view, N + "x", N + "nowhere") == []
    assert paths(view, N + "x", N + "x") == [[]]


def test_paths_agree_with_networkx_on_distances(view: nx.MultiDiGraph) -> None:
    undirected = nx.Graph(view.to_undirected(as_view=True))
    for source, target in [("a", "e"), ("leaf1", "leaf2"), ("leaf9", "d"), ("y1", "y2"), ("b", "hub")]:
        expected = nx.shortest_path_length(undirected, N + source, N + target)
        found = paths(view, N + source, N + target, max_hops=5, limit=50)
        assert found and {len(p) for p in found} == {expected}
        assert len(found) == len(list(nx.all_shortest_paths(undirected, N + source, N + target)))


def test_personalized_pagerank_ranks_neighbours_above_far_nodes(view: nx.MultiDiGraph) -> None:
    ranked = personalized_pagerank(view, {N + "c": 1.0}, top=len(view))
    score = dict(ranked)
    assert ranked[0][0] == N + "c"
    for near in ("b", "d"):
        for far in ("a", "e", "hub", "leaf3"):
            assert score[N + near] > score.get(N + far, 0.0)
    assert N + "x" not in score  # other component gets nothing
    assert len(personalized_pagerank(view, {N + "c": 1.0}, top=3)) == 3
    assert personalized_pagerank(view, {N + "nowhere": 1.0}) == []


def test_personalized_pagerank_on_a_large_graph_uses_the_seed_neighbourhood(
    view: nx.MultiDiGraph, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(traversal, "PPR_SUBGRAPH_NODES", 100)
    ranked = dict(personalized_pagerank(view, {N + "d": 1.0, N + "x": 0.5}, top=50))
    assert N + "leaf0" not in ranked  # beyond two hops of the seeds
    assert ranked[N + "d"] > ranked[N + "c"] > ranked[N + "b"]
    assert ranked[N + "x"] > ranked[N + "y1"]
