"""Graph walks for retrieval: k-hop neighbourhoods, connecting paths and personalised PageRank.

rdflib answers pattern queries but walks slowly, so a networkx view of the entity-to-entity edges
is built once per graph. Literal facts stay in rdflib; the view only knows which entities touch.
Every walk treats edges as undirected (a question may follow a relation either way) but reports
each edge in its true direction.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator
from itertools import islice, product

import networkx as nx
from rdflib import URIRef
from rdflib.namespace import OWL, RDF, RDFS

from knowledge.graph import LABEL_PREDICATES, ONTOLOGY_GRAPH, KnowledgeGraph, source_name

Edge = tuple[str, str, str]

_SCHEMA_PREDICATES = frozenset(
    {RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.equivalentClass}
)
PPR_SUBGRAPH_NODES = 5000


def build_view(kg: KnowledgeGraph) -> nx.MultiDiGraph:
    """Entity-to-entity edges of every data graph, keyed by predicate, in a stable order.

    Schema links (rdf:type, subclass ...) are left out: class nodes would be hubs joining every
    instance, so two countries would always be 'two hops apart' via Country.
    """
    ontology = URIRef(ONTOLOGY_GRAPH)
    interned: dict[str, str] = {}

    def intern(node: object) -> str:
        text = str(node)
        return interned.setdefault(text, text)

    rows = sorted(
        {
            (intern(s), intern(p), intern(o), source_name(g) or "")
            for s, p, o, g in kg.dataset.quads((None, None, None, None))
            if isinstance(s, URIRef)
            and isinstance(o, URIRef)
            and g != ontology
            and p not in LABEL_PREDICATES
            and p not in _SCHEMA_PREDICATES
        }
    )
    view = nx.MultiDiGraph()
    for s, p, o, g in rows:
        if view.has_edge(s, o, key=p):
            continue
        view.add_edge(s, o, key=p, predicate=p, graph=g or None)
    return view


def _incident(view: nx.MultiDiGraph, node: str) -> Iterator[tuple[Edge, str]]:
    """Edges touching `node` as ((s, p, o), other end), lazily so hubs cost only what is taken."""
    for other, keyed in view.succ[node].items():
        for predicate in keyed:
            yield (node, predicate, other), other
    for other, keyed in view.pred[node].items():
        for predicate in keyed:
            yield (other, predicate, node), other


def neighbourhood(view: nx.MultiDiGraph, seeds: list[str], hops: int = 2, limit: int = 200) -> list[Edge]:
    """Edges within `hops` of the seeds, nearest first, at most `limit`.

    Within one hop level the frontier nodes take turns, one edge each, so a hub among them cannot
    use up the whole budget and every seed gets its nearest edges in; the work done is bounded
    by `limit`, not by the degree of the nodes met.
    """
    frontier = list(dict.fromkeys(seed for seed in seeds if seed in view))
    seen_nodes = set(frontier)
    taken: dict[Edge, None] = {}
    for _ in range(hops):
        if not frontier or len(taken) >= limit:
            break
        walkers = deque(_incident(view, node) for node in frontier)
        next_frontier: list[str] = []
        while walkers and len(taken) < limit:
            walker = walkers.popleft()
            step = next(walker, None)
            if step is None:
                continue
            walkers.append(walker)
            edge, other = step
            if edge in taken:
                continue
            taken[edge] = None
            if other not in seen_nodes:
                seen_nodes.add(other)
                next_frontier.append(other)
        frontier = next_frontier
    return list(taken)


def paths(view: nx.MultiDiGraph, source: str, target: str, max_hops: int = 3, limit: int = 5) -> list[list[Edge]]:
    """Shortest connecting paths, ignoring direction, each edge reported in its true direction.

    A bidirectional breadth-first search that keeps every shortest-path predecessor: it stops at
    the meeting depth, so it never explores the whole graph the way a one-sided BFS from a hub does.
    """
    if source not in view or target not in view or limit <= 0:
        return []
    if source == target:
        return [[]]
    found: list[list[Edge]] = []
    for nodes in _shortest_node_paths(view, source, target, max_hops):
        choices = [_edges_between(view, a, b) for a, b in zip(nodes, nodes[1:], strict=False)]
        for combo in product(*choices):
            found.append(list(combo))
            if len(found) >= limit:
                return found
    return found


def _neighbours(view: nx.MultiDiGraph, node: str) -> Iterator[str]:
    yield from view.succ[node]
    yield from view.pred[node]


def _edges_between(view: nx.MultiDiGraph, a: str, b: str) -> list[Edge]:
    forward = [(a, p, b) for p in view.succ[a].get(b, {})]
    backward = [(b, p, a) for p in view.succ[b].get(a, {})] if a != b else []
    return sorted(forward + backward)


def _shortest_node_paths(view: nx.MultiDiGraph, source: str, target: str, max_hops: int) -> Iterator[list[str]]:
    preds: tuple[dict[str, list[str]], dict[str, list[str]]] = ({source: []}, {target: []})
    frontiers: tuple[list[str], list[str]] = ([source], [target])
    depths = [0, 0]
    meeting: list[str] = []
    while not meeting and depths[0] + depths[1] < max_hops and frontiers[0] and frontiers[1]:
        side = 0 if len(frontiers[0]) <= len(frontiers[1]) else 1
        mine, theirs = preds[side], preds[1 - side]
        layer: dict[str, list[str]] = {}
        for node in frontiers[side]:
            for other in _neighbours(view, node):
                if other in mine:
                    continue
                parents = layer.setdefault(other, [])
                if not parents or parents[-1] != node:  # a node's repeats come together
                    parents.append(node)
        mine.update(layer)
        depths[side] += 1
        frontiers = (list(layer), frontiers[1]) if side == 0 else (frontiers[0], list(layer))
        meeting = sorted(node for node in layer if node in theirs)
    # Every shortest path crosses the meeting layer exactly once, so no path is produced twice.
    for middle in meeting:
        for head in _walk_back(preds[0], middle):
            for tail in _walk_back(preds[1], middle):
                yield list(reversed(head)) + tail[1:]


def _walk_back(preds: dict[str, list[str]], node: str) -> Iterator[list[str]]:
    """All predecessor chains from `node` back to the root of one search side."""
    parents = preds[node]
    if not parents:
        yield [node]
        return
    for parent in sorted(parents):
        for chain in _walk_back(preds, parent):
            yield [node, *chain]


def personalized_pagerank(view: nx.MultiDiGraph, seeds: dict[str, float], top: int = 20) -> list[tuple[str, float]]:
    """Nodes ranked by random-walk proximity to the weighted seeds (seeds included).

    Walks are undirected, like the other functions here. On a large graph PageRank runs on the
    neighbourhood of the seeds only: mass that far from the seeds is negligible anyway.
    """
    weights = {node: weight for node, weight in seeds.items() if node in view and weight > 0}
    if not weights or top <= 0:
        return []
    if not isinstance(view, nx.MultiDiGraph) or view.number_of_nodes() > PPR_SUBGRAPH_NODES:
        edges = neighbourhood(view, list(weights), hops=2, limit=PPR_SUBGRAPH_NODES * 4)
    else:
        edges = [(s, p, o) for s, o, p in view.edges(keys=True)]
    walk = nx.Graph()
    walk.add_nodes_from(weights)
    for s, _, o in edges:
        if s != o:
            previous = walk.get_edge_data(s, o, default={"weight": 0})["weight"]
            walk.add_edge(s, o, weight=previous + 1)
    # Starting from the seeds (not uniformly) keeps nodes the seeds cannot reach at exactly zero.
    scores = nx.pagerank(walk, personalization=weights, nstart=weights, weight="weight")
    ranked = sorted(((n, s) for n, s in scores.items() if s > 0), key=lambda item: (-item[1], item[0]))
    return [(node, float(score)) for node, score in islice(ranked, top)]
