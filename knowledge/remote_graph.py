"""The knowledge graph on a SPARQL 1.1 server: the same lookups as KnowledgeGraph, each one a query.

Every fact sits in the named graph of its source on the server, as in the in-process store, so
provenance and `kb remove` work the same. Nothing copies the whole remote graph into memory:
lookups fetch what they ask about (one entity's facts, one node's edges), and the bulk tables the
linker needs (labels of every entity) are fetched once per opened generation, as the in-process
store computes them once. Blank nodes are skolemised on the way in, so every node a lookup
returns can be named in the next query.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

import networkx as nx
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS
from rdflib.term import Node

from knowledge.errors import KnowledgeBaseError, StoreError
from knowledge.graph import (
    _CLASS_TYPES,
    _PROPERTY_TYPES,
    LABEL_PREDICATES,
    ONTOLOGY_GRAPH,
    KnowledgeGraph,
    _graph_iri,
    _pick_label,
    _prepare_query,
    local_name,
    node_text,
    source_name,
    to_node,
)
from knowledge.sparql_endpoint import SparqlEndpoint
from knowledge.types import SparqlResult, Triple

INSERT_BATCH = 5_000
FACT_CAP = 50_000
EDGE_CAP = 5_000
_SCHEMA_LINKS = (RDF.type, RDFS.subClassOf, RDFS.subPropertyOf, RDFS.domain, RDFS.range, OWL.equivalentClass)


def _n3(node: Node) -> str:
    return node.n3()


def _values(name: str, nodes: Iterable[Node]) -> str:
    return f"VALUES ?{name} {{ {' '.join(_n3(n) for n in nodes)} }}"


_LABELS = _values("lp", (RDFS.label, SKOS.prefLabel, SKOS.altLabel))
_NOT_LABEL = f"FILTER(?p NOT IN ({', '.join(_n3(p) for p in sorted(LABEL_PREDICATES))}))"
_NOT_ONTOLOGY = f"FILTER(?g != <{ONTOLOGY_GRAPH}>)"


class RemoteGraph(KnowledgeGraph):
    """A KnowledgeGraph whose triples live in a SPARQL dataset; the writes go straight to the server."""

    def __init__(self, endpoint: SparqlEndpoint) -> None:
        self.endpoint = endpoint
        self._clear_caches()

    def _clear_caches(self) -> None:
        super()._clear_caches()
        self._names: dict[str, dict[Node, list[Node]]] = {}

    # ---- persistence and writes ----------------------------------------------------------------

    @classmethod
    def open(cls, path):  # type: ignore[override]
        raise KnowledgeBaseError("a remote graph is opened from its endpoint, not from a file")

    def save(self, path) -> None:
        """The server holds the graph; nothing is written beside the generation."""

    def _add_quads(self, quads: list[tuple[Node, Node, Node, URIRef]]) -> int:
        targets = sorted({quad[3] for quad in quads})
        before = self._count(targets)
        ordered = sorted(quads, key=lambda q: str(q[3]))
        for start in range(0, len(ordered), INSERT_BATCH):
            batch = ordered[start : start + INSERT_BATCH]
            groups: dict[URIRef, list[str]] = {}
            for s, p, o, g in batch:
                groups.setdefault(g, []).append(f"{_n3(_skolem(s))} {_n3(p)} {_n3(_skolem(o))} .")
            body = " ".join(f"GRAPH {_n3(g)} {{ {' '.join(lines)} }}" for g, lines in groups.items())
            self.endpoint.update(f"INSERT DATA {{ {body} }}")
        self._clear_caches()
        return self._count(targets) - before

    def remove_source(self, source: str) -> int:
        target = _graph_iri(source)
        removed = self._count([target])
        if removed:
            self.endpoint.update(f"DROP SILENT GRAPH {_n3(target)}")
        self._clear_caches()
        return removed

    def clear(self) -> None:
        """Drop every named graph: used to undo a failed build on a store the build found empty."""
        self.endpoint.update("DROP SILENT NAMED")
        self._clear_caches()

    def _count(self, graphs: Sequence[URIRef]) -> int:
        if not graphs:
            return 0
        _, rows = self.endpoint.select(
            f"SELECT (COUNT(*) AS ?n) WHERE {{ {_values('g', graphs)} GRAPH ?g {{ ?s ?p ?o }} }}"
        )
        return int(rows[0]["n"]) if rows else 0

    def sources(self) -> list[str]:
        names = (source_name(g) for g in self._graph_ids())
        return sorted(name for name in names if name is not None)

    def _graph_ids(self) -> set[URIRef]:
        _, rows = self.endpoint.select("SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s ?p ?o } }")
        return {row["g"] for row in rows if isinstance(row.get("g"), URIRef)}

    def __len__(self) -> int:
        _, rows = self.endpoint.select("SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        return int(rows[0]["n"]) if rows else 0

    @property
    def dataset(self):  # type: ignore[override]
        raise KnowledgeBaseError(
            f"the graph lives on {self.endpoint.spec.query_url}; there is no in-process dataset to read"
        )

    # ---- node lookups ----------------------------------------------------------------------------

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        _, rows = self.endpoint.select(
            f"SELECT DISTINCT ?o WHERE {{ GRAPH ?g {{ {_n3(subject)} {_n3(predicate)} ?o }} }}"
        )
        return [row["o"] for row in rows]

    def subjects(self, predicate: Node, obj: Node) -> list[Node]:
        _, rows = self.endpoint.select(
            f"SELECT DISTINCT ?s WHERE {{ GRAPH ?g {{ ?s {_n3(predicate)} {_n3(obj)} }} }}"
        )
        return [row["s"] for row in rows]

    def predicate_objects(self, subject: Node) -> list[tuple[Node, Node]]:
        _, rows = self.endpoint.select(
            f"SELECT DISTINCT ?p ?o WHERE {{ GRAPH ?g {{ {_n3(subject)} ?p ?o }} }} LIMIT {FACT_CAP}"
        )
        return [(row["p"], row["o"]) for row in rows]

    def _name_table(self, iri: str) -> dict[Node, list[Node]]:
        table = self._names.get(iri)
        if table is None:
            self._prefetch_names([iri])
            table = self._names[iri]
        return table

    def _prefetch_names(self, iris: Sequence[str]) -> None:
        missing = [iri for iri in dict.fromkeys(iris) if iri not in self._names]
        for start in range(0, len(missing), 500):
            chunk = missing[start : start + 500]
            nodes = [to_node(iri) for iri in chunk]
            _, rows = self.endpoint.select(
                f"SELECT DISTINCT ?s ?lp ?o WHERE {{ {_values('s', nodes)} {_LABELS} GRAPH ?g {{ ?s ?lp ?o }} }}"
            )
            for iri in chunk:
                self._names[iri] = {}
            for row in rows:
                self._names[node_text(row["s"])].setdefault(row["lp"], []).append(row["o"])

    def label(self, iri: str) -> str:
        cached = self._labels.get(iri)
        if cached is None:
            table = self._name_table(iri)
            names = _pick_label(table.get(RDFS.label, [])) or _pick_label(table.get(SKOS.prefLabel, []))
            cached = names[0] if names else local_name(iri)
            self._labels[iri] = cached
        return cached

    def aliases(self, iri: str) -> list[str]:
        cached = self._aliases.get(iri)
        if cached is None:
            table = self._name_table(iri)
            primary = self.label(iri)
            kinds = (RDFS.label, SKOS.prefLabel, SKOS.altLabel)
            names = [name for p in kinds for name in _pick_label(table.get(p, []))]
            cached = list(dict.fromkeys(name for name in names if name != primary))
            self._aliases[iri] = cached
        return list(cached)

    def entities(self) -> list[tuple[str, str, list[str]]]:
        if self._entities is None:
            _, rows = self.endpoint.select(
                f"SELECT DISTINCT ?s ?lp ?o WHERE {{ {_LABELS} GRAPH ?g {{ ?s ?lp ?o }} FILTER(isIRI(?s)) }}"
            )
            tables: dict[str, dict[Node, list[Node]]] = {}
            for row in rows:
                tables.setdefault(str(row["s"]), {}).setdefault(row["lp"], []).append(row["o"])
            self._names.update(tables)
            labelled = {
                iri for iri, table in tables.items() if RDFS.label in table or SKOS.prefLabel in table
            }
            excluded = {str(term) for term in self._schema_terms()}
            self._entities = [(iri, self.label(iri), self.aliases(iri)) for iri in sorted(labelled - excluded)]
        return list(self._entities)

    def _schema_terms(self) -> set[Node]:
        kinds = " ".join(_n3(k) for k in (*_PROPERTY_TYPES, *_CLASS_TYPES))
        query = f"""SELECT DISTINCT ?t WHERE {{
            {{ GRAPH ?g {{ ?s ?t ?o }} }}
            UNION {{ VALUES ?k {{ {kinds} }} GRAPH ?g {{ ?t {_n3(RDF.type)} ?k }} }}
            UNION {{ GRAPH ?g {{ ?s {_n3(RDF.type)} ?t }} }}
            UNION {{ GRAPH ?g {{ ?t {_n3(RDFS.subClassOf)} ?o }} }}
            UNION {{ GRAPH ?g {{ ?s {_n3(RDFS.subClassOf)} ?t }} }}
        }}"""
        _, rows = self.endpoint.select(query)
        return {row["t"] for row in rows}

    # ---- ontology --------------------------------------------------------------------------------

    def _functional_properties(self) -> frozenset[str]:
        if self._functional is None:
            self._functional = frozenset(str(p) for p in self.subjects(RDF.type, OWL.FunctionalProperty))
        return self._functional

    # ---- facts -----------------------------------------------------------------------------------

    def facts(
        self,
        subject: str | None = None,
        predicate: str | None = None,
        obj: str | None = None,
        limit: int | None = None,
    ) -> list[Triple]:
        """As KnowledgeGraph.facts: matches are ordered here, so both stores pick the same `limit` facts."""
        terms = {"s": subject, "p": predicate, "o": obj}
        nodes = {name: _skolem(to_node(text)) for name, text in terms.items() if text}
        pattern = " ".join(_n3(nodes[name]) if name in nodes else f"?{name}" for name in ("s", "p", "o"))
        filters = "" if predicate else f"{_NOT_ONTOLOGY} {_NOT_LABEL}"
        variables = " ".join(f"?{name}" for name in ("s", "p", "o") if name not in nodes)
        _, rows = self.endpoint.select(
            f"SELECT DISTINCT {variables} ?g WHERE {{ GRAPH ?g {{ {pattern} }} {filters} }} LIMIT {FACT_CAP}"
        )
        quads = {
            tuple(row[name] if name in row else nodes[name] for name in ("s", "p", "o")) + (row["g"],)
            for row in rows
        }
        ordered = sorted(quads, key=lambda q: (str(q[0]), str(q[1]), q[2].n3(), str(q[3])))
        if limit is not None:
            ordered = ordered[:limit]
        self._prefetch_names([node_text(n) for q in ordered for n in (q[0], q[1], q[2]) if not isinstance(n, Literal)])
        return [self._triple(s, p, o, g) for s, p, o, g in ordered]

    def predicates(self) -> list[tuple[str, str, list[str]]]:
        if self._predicates is None:
            _, rows = self.endpoint.select(
                f"SELECT DISTINCT ?p WHERE {{ GRAPH ?g {{ ?s ?p ?o }} {_NOT_ONTOLOGY} {_NOT_LABEL} }}"
            )
            used = sorted(str(row["p"]) for row in rows)
            self._prefetch_names(used)
            self._predicates = [(p, self.label(p), self.aliases(p)) for p in used]
        return list(self._predicates)

    # ---- SPARQL ------------------------------------------------------------------------------------

    def sparql(self, query: str, max_rows: int | None = None, max_bytes: int | None = None) -> SparqlResult:
        """A read-only query over the union of the sources, as in-process: every source graph is
        named as a default graph (SPARQL 1.1 Protocol), so no server-side union setting is needed.
        `max_rows` caps the rows (or triples) returned, marked `truncated`; the server bounds the rest."""
        result = self._sparql(query)
        if max_rows is not None and (len(result.rows) > max_rows or len(result.triples) > max_rows):
            result = result.model_copy(
                update={"rows": result.rows[:max_rows], "triples": result.triples[:max_rows], "truncated": True}
            )
        return result

    def _sparql(self, query: str) -> SparqlResult:
        prepared = _prepare_query(query)
        graphs = sorted(str(g) for g in self._graph_ids())
        kind = prepared.algebra.name
        if kind == "AskQuery":
            return SparqlResult(kind="ask", boolean=self.endpoint.ask(query, graphs, graphs))
        if kind in ("ConstructQuery", "DescribeQuery"):
            graph = self.endpoint.construct(query, graphs, graphs)
            triples = sorted((node_text(s), node_text(p), node_text(o)) for s, p, o in graph)
            return SparqlResult(kind="graph", triples=triples)
        variables, rows = self.endpoint.select(query, graphs, graphs)
        return SparqlResult(
            kind="select",
            variables=variables,
            rows=[{name: str(row[name]) if name in row else None for name in variables} for row in rows],
        )

    # ---- edges for traversal -------------------------------------------------------------------------

    def edges_at(self, node: str) -> list[tuple[str, str, str, str]]:
        """Entity-to-entity edges touching `node` as sorted (s, p, o, source) rows, at most EDGE_CAP each way.

        Labels, schema links and the ontology graph are left out, as in the in-process view.
        """
        term = _n3(to_node(node))
        excluded = ", ".join(_n3(p) for p in (*sorted(LABEL_PREDICATES), *_SCHEMA_LINKS))
        rows: set[tuple[str, str, str, str]] = set()
        for side, pattern in (("o", f"{term} ?p ?x"), ("s", f"?x ?p {term}")):
            _, found = self.endpoint.select(
                f"SELECT DISTINCT ?p ?x ?g WHERE {{ GRAPH ?g {{ {pattern} }} FILTER(isIRI(?x)) "
                f"FILTER(?p NOT IN ({excluded})) {_NOT_ONTOLOGY} }} LIMIT {EDGE_CAP}"
            )
            for row in found:
                other, source = str(row["x"]), source_name(row["g"]) or ""
                edge = (node, str(row["p"]), other) if side == "o" else (other, str(row["p"]), node)
                rows.add((*edge, source))
        return sorted(rows)


class RemoteView:
    """The part of networkx's MultiDiGraph API the walks use, filled one node at a time by SPARQL.

    Each node's edges are fetched when a walk first reaches it and kept (up to `cache_nodes`
    nodes), so a k-hop neighbourhood costs one query per node visited, never a copy of the graph.
    """

    def __init__(self, graph: RemoteGraph, cache_nodes: int = 20_000) -> None:
        self._graph = graph
        self._cache: dict[str, nx.MultiDiGraph] = {}
        self._cache_nodes = cache_nodes
        self.succ = _Adjacency(self, "succ")
        self.pred = _Adjacency(self, "pred")

    def local(self, node: str) -> nx.MultiDiGraph:
        view = self._cache.get(node)
        if view is None:
            view = nx.MultiDiGraph()
            view.add_node(node)
            for s, p, o, g in self._graph.edges_at(node):
                if not view.has_edge(s, o, key=p):
                    view.add_edge(s, o, key=p, predicate=p, graph=g or None)
            if len(self._cache) >= self._cache_nodes:
                self._cache.pop(next(iter(self._cache)))
            self._cache[node] = view
        return view

    def __contains__(self, node: object) -> bool:
        return isinstance(node, str) and not node.startswith(('"', "_:")) and self.local(node).degree(node) > 0


class _Adjacency:
    def __init__(self, view: RemoteView, side: str) -> None:
        self._view = view
        self._side = side

    def __getitem__(self, node: str):
        return getattr(self._view.local(node), self._side)[node]

    def __iter__(self) -> Iterator[str]:
        raise StoreError("a remote graph cannot list all its nodes; walk from seeds instead")


def _skolem(node: Node) -> Node:
    return node.skolemize() if isinstance(node, BNode) else node
