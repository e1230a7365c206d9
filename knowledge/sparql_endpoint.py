"""HTTP access to a SPARQL 1.1 server (Oxigraph, Fuseki, GraphDB ...), with timeouts and clear errors.

rdflib's SPARQLConnector calls urlopen without a timeout, so a stalled server would hang a
request forever; this speaks the same SPARQL 1.1 Protocol over httpx and turns every failure
into a StoreError that names the endpoint and says what went wrong (unreachable, refusing,
timing out). Result rows come back as rdflib terms, so callers work with the same node types
as the in-process store.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import httpx
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.term import Node

from knowledge.errors import QueryError, StoreError

DEFAULT_TIMEOUT_S = 30.0
_SELECT_TYPES = "application/sparql-results+json"
# RDF 1.1 plain literals are xsd:string; rdflib keeps them untyped, so the two stores compare equal.
_XSD_STRING = "http://www.w3.org/2001/XMLSchema#string"
_RDF_LANG_STRING = "http://www.w3.org/1999/02/22-rdf-syntax-ns#langString"


@dataclass(frozen=True)
class EndpointSpec:
    """Where the graph lives: the query URL and the update URL of one SPARQL dataset."""

    query_url: str
    update_url: str

    @property
    def spec(self) -> str:
        return f"sparql:{self.query_url},{self.update_url}"


def parse_endpoint(text: str) -> EndpointSpec:
    """`http://host:port[/dataset]` (Oxigraph and Fuseki both serve `/query` and `/update` under it),
    an explicit query URL ending in /query or /sparql, or `QUERY_URL,UPDATE_URL`."""
    text = text.strip()
    if "," in text:
        query, update = (part.strip() for part in text.split(",", 1))
    else:
        base = text.rstrip("/")
        tail = base.rsplit("/", 1)[-1]
        if tail in ("query", "sparql"):
            query, update = base, base[: -len(tail)] + "update"
        else:
            query, update = base + "/query", base + "/update"
    for url in (query, update):
        if not url.startswith(("http://", "https://")):
            raise QueryError(f"not an http(s) SPARQL endpoint: {url!r} (from {text!r})")
    return EndpointSpec(query_url=query, update_url=update)


class SparqlEndpoint:
    """One SPARQL dataset on a server; thread-safe (httpx clients are)."""

    def __init__(self, spec: EndpointSpec, timeout_s: float = DEFAULT_TIMEOUT_S) -> None:
        self.spec = spec
        self.timeout_s = timeout_s
        self._client = httpx.Client(timeout=timeout_s)

    def close(self) -> None:
        self._client.close()

    def select(
        self, query: str, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
    ) -> tuple[list[str], list[dict[str, Node]]]:
        """Variables and rows (unbound variables are absent from a row)."""
        data = self._query(query, _SELECT_TYPES, default_graphs, named_graphs).json()
        variables = list(data.get("head", {}).get("vars", []))
        rows = [{name: _term(value) for name, value in binding.items()} for binding in data["results"]["bindings"]]
        return variables, rows

    def ask(self, query: str, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()) -> bool:
        return bool(self._query(query, _SELECT_TYPES, default_graphs, named_graphs).json()["boolean"])

    def construct(
        self, query: str, default_graphs: Sequence[str] = (), named_graphs: Sequence[str] = ()
    ) -> Graph:
        response = self._query(query, "application/n-triples", default_graphs, named_graphs)
        graph = Graph()
        graph.parse(data=response.text, format="nt")
        return graph

    def update(self, update: str) -> None:
        self._post(
            self.spec.update_url,
            update.encode("utf-8"),
            {"Content-Type": "application/sparql-update"},
            "update",
        )

    def _query(
        self, query: str, accept: str, default_graphs: Sequence[str], named_graphs: Sequence[str]
    ) -> httpx.Response:
        params = [("default-graph-uri", g) for g in default_graphs] + [("named-graph-uri", g) for g in named_graphs]
        return self._post(
            self.spec.query_url,
            query.encode("utf-8"),
            {"Content-Type": "application/sparql-query", "Accept": accept},
            "query",
            params,
        )

    def _post(
        self, url: str, body: bytes, headers: dict[str, str], what: str, params: list[tuple[str, str]] | None = None
    ) -> httpx.Response:
        try:
            response = self._client.post(url, content=body, headers=headers, params=params or None)
        except httpx.TimeoutException as exc:
            raise StoreError(f"SPARQL endpoint {url} timed out after {self.timeout_s:g} s on a {what}") from exc
        except httpx.TransportError as exc:
            raise StoreError(f"SPARQL endpoint {url} is unreachable: {exc}") from exc
        if response.status_code in (401, 403, 404, 405) and what == "update":
            raise StoreError(
                f"SPARQL endpoint {url} refuses updates (HTTP {response.status_code}): "
                "give the graph store a writable update URL"
            )
        if response.status_code == 400 and what == "query":
            raise QueryError(f"SPARQL endpoint {url} rejected the query: {response.text.strip()[:500]}")
        if response.status_code >= 400:
            detail = response.text.strip()[:500]
            raise StoreError(f"SPARQL endpoint {url} answered HTTP {response.status_code}: {detail}")
        return response


def _term(value: dict[str, str]) -> Node:
    kind = value["type"]
    if kind == "uri":
        return URIRef(value["value"])
    if kind == "bnode":
        return BNode(value["value"])
    if "xml:lang" in value:
        return Literal(value["value"], lang=value["xml:lang"])
    datatype = value.get("datatype")
    if datatype in (None, _XSD_STRING, _RDF_LANG_STRING):
        return Literal(value["value"])
    return Literal(value["value"], datatype=URIRef(datatype))
