"""The knowledge graph: an rdflib Dataset where every fact sits in a named graph naming its source.

Named graphs carry provenance, so a verdict can cite the file a fact came from and a source can be
removed again. Lookups the verifier makes many times (labels, entity lists) are cached and the
caches are dropped on any change.
"""

from __future__ import annotations

import csv
import heapq
import io
import re
from collections.abc import Iterable, Iterator
from datetime import date
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any
from urllib.parse import quote, unquote

from rdflib import BNode, Dataset, Literal, Namespace, URIRef
from rdflib.graph import DATASET_DEFAULT_GRAPH_ID
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD
from rdflib.term import Identifier, Node
from rdflib.util import from_n3

from knowledge.atomic import atomic_path
from knowledge.errors import GraphParseError, InputError, KnowledgeBaseError, QueryError
from knowledge.formats import FORMAT_ALIASES as _FORMAT_ALIASES
from knowledge.formats import SUFFIX_FORMATS as _SUFFIX_FORMATS
from knowledge.offline import NetworkRefused, check_jsonld_contexts, no_network
from knowledge.types import SparqlResult, Triple

ONTOLOGY_GRAPH = "urn:groundqa:ontology"
GQ = Namespace("http://groundqa.org/ontology#")
ENTITY_NS = "urn:groundqa:entity:"
RELATION_NS = "urn:groundqa:relation:"
SOURCE_NS = "urn:groundqa:source:"

LABEL_PREDICATES = frozenset({RDFS.label, SKOS.prefLabel, SKOS.altLabel})
_PROPERTY_TYPES = (
    RDF.Property,
    OWL.ObjectProperty,
    OWL.DatatypeProperty,
    OWL.AnnotationProperty,
    OWL.FunctionalProperty,
    OWL.InverseFunctionalProperty,
    OWL.TransitiveProperty,
    OWL.SymmetricProperty,
)
_CLASS_TYPES = (RDFS.Class, OWL.Class)

_LINE_FORMATS = {"nt", "nquads"}
_HEADER_WORDS = (
    {"subject", "s", "head", "source", "from", "entity"},
    {"predicate", "p", "relation", "property", "rel", "edge"},
    {"object", "o", "tail", "target", "to", "value"},
)
_IRI_TERM = re.compile(r"^(?:https?://|urn:)[^\s<>\"{}|\\^`]*$", re.IGNORECASE)
_INTEGER = re.compile(r"^(?:0|-?[1-9][0-9]*)$")
_DECIMAL = re.compile(r"^-?(?:0|[1-9][0-9]*)\.[0-9]+$")
_ISO_DATE = re.compile(r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$")
_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:\S*$")
_PLACEHOLDER = re.compile(r"\{([so])\}")
_CAMEL = re.compile(r"(?<=[a-z0-9])(?=[A-Z])")
_VERB_HEADS = {"has", "have", "is", "was", "are", "were", "had"}
_PREPOSITIONS = {
    "by", "in", "of", "to", "at", "from", "with", "for", "on", "into", "as", "through", "across", "along", "near",
    "over", "under", "onto", "within", "between", "around", "past", "towards", "toward", "via", "against", "beside",
    "behind", "beyond", "inside", "outside", "above", "below", "about", "after", "before", "than", "like",
}  # fmt: skip


def mint_iri(name: str, kind: str = "entity") -> URIRef:
    """An IRI for a plain name; injective and readable: spaces become '_', a real '_' is escaped."""
    namespace = RELATION_NS if kind == "relation" else ENTITY_NS
    return URIRef(namespace + quote(name, safe="").replace("_", "%5F").replace("%20", "_"))


def local_name(iri: str) -> str:
    """The readable tail of an IRI, so unlabelled nodes still print as words (inverse of mint_iri)."""
    tail = re.split(r"[#/:]", iri.rstrip("#/:"))[-1] or iri
    return unquote(tail.replace("_", " "))


def parse_term(text: str, position: str, entity_names: frozenset[str] | set[str] = frozenset()) -> Identifier:
    """Turn one CSV/TSV field into an RDF term.

    IRIs stay IRIs; an object that reads as an integer, decimal or ISO date is a typed literal unless
    the same text is used as a subject in the file (FB15k-237 has films called '2012' and '300');
    everything else is a name and becomes a minted IRI. Numbers are only taken in canonical form
    ('007' is a code name, not seven), so a literal keeps exactly the text it was written with.
    """
    if text.startswith("<") and text.endswith(">") and len(text) > 2 and _IRI_TERM.match(text[1:-1]):
        return URIRef(text[1:-1])
    if _IRI_TERM.match(text):
        return URIRef(text)
    if position == "object" and text not in entity_names:
        literal = _typed_literal(text)
        if literal is not None:
            return literal
    return mint_iri(text, "relation" if position == "predicate" else "entity")


def _typed_literal(text: str) -> Literal | None:
    if _INTEGER.match(text):
        return Literal(text, datatype=XSD.integer)
    if _DECIMAL.match(text):
        try:
            Decimal(text)
        except InvalidOperation:
            return None
        return Literal(text, datatype=XSD.decimal)
    if _ISO_DATE.match(text):
        try:
            date.fromisoformat(text)
        except ValueError:
            return None
        return Literal(text, datatype=XSD.date)
    return None


def node_text(node: Node) -> str:
    """The string form used in Triple: IRIs bare, blank nodes as '_:id', literals in N3."""
    if isinstance(node, Literal | BNode):
        return node.n3()
    return str(node)


def to_node(text: str) -> Node:
    """Inverse of node_text, so callers can pass back what facts() gave them."""
    if text.startswith("_:"):
        return BNode(text[2:])
    if text.startswith('"'):
        try:
            return from_n3(text)
        except Exception as exc:  # from_n3 raises several kinds on a bad literal
            raise QueryError(f"not a literal in N3 form: {text!r} ({exc})") from exc
    if text.startswith("<") and text.endswith(">"):
        return URIRef(text[1:-1])
    return URIRef(text)


def _graph_iri(source: str) -> URIRef:
    """Sources that are IRIs name their graph directly; any other string is wrapped reversibly."""
    if _SCHEME.match(source):
        return URIRef(source)
    return URIRef(SOURCE_NS + quote(source, safe=""))


def source_name(graph: Node | None) -> str | None:
    """The source string a named graph was created for (inverse of the graph-IRI mapping)."""
    if graph is None or graph == DATASET_DEFAULT_GRAPH_ID:
        return None
    text = str(graph)
    return unquote(text[len(SOURCE_NS) :]) if text.startswith(SOURCE_NS) else text


def _pick_label(literals: Iterable[Node]) -> list[str]:
    """Labels ordered so English or untagged ones come first; the order is deterministic."""
    found = [lit for lit in literals if isinstance(lit, Literal)]
    found.sort(key=lambda lit: (0 if (lit.language or "en").lower().startswith("en") else 1, str(lit)))
    return [str(lit) for lit in found]


class KnowledgeGraph:
    """A provenance-keeping RDF store with the lookups grounding needs (labels, ontology, facts)."""

    def __init__(self) -> None:
        self._ds = Dataset(default_union=True)
        self._clear_caches()

    # ---- persistence -------------------------------------------------------------------------

    @classmethod
    def open(cls, path: Path) -> KnowledgeGraph:
        path = Path(path)
        if not path.is_file():
            raise KnowledgeBaseError(f"knowledge graph file {path} does not exist or is not a file")
        kg = cls()
        text = _read_text(path)
        try:
            kg._ds.parse(data=text, format="nquads")
        except Exception as exc:
            raise _parse_error(path, "nquads", text, exc) from exc
        kg._clear_caches()
        return kg

    def save(self, path: Path) -> None:
        """Write N-Quads atomically with sorted lines, so saves are reproducible and diffable."""
        path = Path(path)
        data = self._ds.serialize(format="nquads", encoding="utf-8")
        lines = sorted(line for line in data.splitlines() if line.strip())
        with atomic_path(path) as tmp:
            tmp.write_bytes(b"\n".join(lines) + (b"\n" if lines else b""))

    # ---- loading -----------------------------------------------------------------------------

    def load_file(self, path: Path, format: str | None = None, source: str | None = None) -> int:
        """Parse a graph file into the named graph `source`; a failure leaves the graph untouched.

        N-Quads, TriG and JSON-LD keep the graph names written in the file; only their triples
        outside any named graph go to `source`.
        """
        path = Path(path)
        fmt = _resolve_format(path, format)
        text = _read_text(path)
        source = source or path.resolve().as_uri()
        target = _graph_iri(source)
        if fmt in ("csv", "tsv"):
            quads = [(s, p, o, target) for s, p, o in _tabular_triples(path, text, fmt)]
        else:
            quads = _rdf_quads(path, text, fmt, target)
        if not quads:
            raise GraphParseError(f"{path}: no triples in the file (an empty graph adds nothing)")
        return self._add_quads(quads)

    def add_triples(self, triples: Iterable[tuple[Node, Node, Node]], source: str) -> int:
        """Add rdflib terms to `source`; plain strings are refused, as rdflib would store them as is."""
        target = _graph_iri(source)
        quads = []
        for s, p, o in triples:
            if not (
                isinstance(s, URIRef | BNode) and isinstance(p, URIRef) and isinstance(o, URIRef | BNode | Literal)
            ):
                raise InputError(f"not an RDF triple of rdflib terms for source {source!r}: {(s, p, o)!r}")
            quads.append((s, p, o, target))
        return self._add_quads(quads)

    def _add_quads(self, quads: list[tuple[Node, Node, Node, URIRef]]) -> int:
        graphs = {g: self._ds.graph(g) for g in {quad[3] for quad in quads}}
        before = sum(len(graph) for graph in graphs.values())
        self._ds.addN((s, p, o, graphs[g]) for s, p, o, g in quads)
        self._clear_caches()
        return sum(len(graph) for graph in graphs.values()) - before

    def remove_source(self, source: str) -> int:
        target = _graph_iri(source)
        if target not in self._graph_ids():
            return 0
        removed = len(self._ds.graph(target))
        self._ds.remove_graph(target)
        self._clear_caches()
        return removed

    def sources(self) -> list[str]:
        names = (source_name(g) for g in self._graph_ids() if len(self._ds.graph(g)))
        return sorted(name for name in names if name is not None)

    def source_sizes(self) -> dict[str, int]:
        """Triples per source, for listing what `remove_source` would take away."""
        sizes = {}
        for graph in self._ds.graphs():
            name = source_name(graph.identifier)
            if name is not None and len(graph):
                sizes[name] = len(graph)
        return dict(sorted(sizes.items()))

    def _graph_ids(self) -> set[URIRef]:
        return {g.identifier for g in self._ds.graphs()}

    def __len__(self) -> int:
        return len(self._ds)

    @property
    def dataset(self) -> Dataset:
        """The underlying store, for read-only use by traversal and retrieval."""
        return self._ds

    # ---- node lookups (the store-neutral way to read single nodes; RemoteGraph answers them by SPARQL) --

    def objects(self, subject: Node, predicate: Node) -> list[Node]:
        return list(dict.fromkeys(self._ds.objects(subject, predicate)))

    def subjects(self, predicate: Node, obj: Node) -> list[Node]:
        return list(dict.fromkeys(self._ds.subjects(predicate, obj)))

    def predicate_objects(self, subject: Node) -> list[tuple[Node, Node]]:
        return list(dict.fromkeys(self._ds.predicate_objects(subject)))

    def _clear_caches(self) -> None:
        self._labels: dict[str, str] = {}
        self._aliases: dict[str, list[str]] = {}
        self._entities: list[tuple[str, str, list[str]]] | None = None
        self._predicates: list[tuple[str, str, list[str]]] | None = None
        self._functional: frozenset[str] | None = None

    # ---- labels ------------------------------------------------------------------------------

    def label(self, iri: str) -> str:
        cached = self._labels.get(iri)
        if cached is None:
            node = to_node(iri)
            names = _pick_label(self._ds.objects(node, RDFS.label)) or _pick_label(
                self._ds.objects(node, SKOS.prefLabel)
            )
            cached = names[0] if names else local_name(iri)
            self._labels[iri] = cached
        return cached

    def aliases(self, iri: str) -> list[str]:
        cached = self._aliases.get(iri)
        if cached is None:
            node = to_node(iri)
            primary = self.label(iri)
            names = (
                _pick_label(self._ds.objects(node, RDFS.label))
                + _pick_label(self._ds.objects(node, SKOS.prefLabel))
                + _pick_label(self._ds.objects(node, SKOS.altLabel))
            )
            cached = list(dict.fromkeys(name for name in names if name != primary))
            self._aliases[iri] = cached
        return list(cached)

    def entities(self) -> list[tuple[str, str, list[str]]]:
        """Labelled IRIs that are things, not properties or classes: the targets of entity linking."""
        if self._entities is None:
            labelled = {
                s for p in (RDFS.label, SKOS.prefLabel) for s in self._ds.subjects(p, None) if isinstance(s, URIRef)
            }
            excluded = self._schema_terms()
            self._entities = [
                (str(iri), self.label(str(iri)), self.aliases(str(iri))) for iri in sorted(labelled - excluded)
            ]
        return list(self._entities)

    def _schema_terms(self) -> set[Node]:
        terms: set[Node] = set(self._ds.predicates())
        for kind in (*_PROPERTY_TYPES, *_CLASS_TYPES):
            terms.update(self._ds.subjects(RDF.type, kind))
        terms.update(self._ds.objects(None, RDF.type))
        for s, o in self._ds.subject_objects(RDFS.subClassOf):
            terms.update((s, o))
        return terms

    # ---- ontology ----------------------------------------------------------------------------

    def is_functional(self, predicate_iri: str) -> bool:
        return predicate_iri in self._functional_properties()

    def _functional_properties(self) -> frozenset[str]:
        if self._functional is None:
            self._functional = frozenset(str(p) for p in self._ds.subjects(RDF.type, OWL.FunctionalProperty))
        return self._functional

    def datatype_of(self, predicate_iri: str) -> str | None:
        ranges = sorted(str(r) for r in self.objects(URIRef(predicate_iri), RDFS.range))
        return next((r for r in ranges if r.startswith(str(XSD))), None)

    def template_of(self, predicate_iri: str) -> str | None:
        templates = _pick_label(self.objects(URIRef(predicate_iri), GQ.template))
        return templates[0] if templates else None

    # ---- facts -------------------------------------------------------------------------------

    def facts(
        self,
        subject: str | None = None,
        predicate: str | None = None,
        obj: str | None = None,
        limit: int | None = None,
    ) -> list[Triple]:
        """Facts matching the pattern, one per (fact, source), in a stable order.

        Without a predicate, label triples and the ontology graph's schema are left out: they
        describe names and vocabulary, not the world, and would crowd out real facts.
        """
        pattern = (
            to_node(subject) if subject else None,
            to_node(predicate) if predicate else None,
            to_node(obj) if obj else None,
            None,
        )
        ontology = URIRef(ONTOLOGY_GRAPH)
        quads = {
            (s, p, o, g)
            for s, p, o, g in self._ds.quads(pattern)
            if predicate is not None or (g != ontology and p not in LABEL_PREDICATES)
        }

        def order(quad: tuple[Node, Node, Node, Any]) -> tuple[str, str, str, str]:
            return (str(quad[0]), str(quad[1]), quad[2].n3(), str(quad[3]))

        chosen = heapq.nsmallest(limit, quads, key=order) if limit is not None else sorted(quads, key=order)
        return [self._triple(s, p, o, g) for s, p, o, g in chosen]

    def _triple(self, s: Node, p: Node, o: Node, g: Node | None) -> Triple:
        literal = isinstance(o, Literal)
        return Triple(
            subject=node_text(s),
            predicate=str(p),
            object=node_text(o),
            subject_label=self.label(node_text(s)),
            predicate_label=self.label(str(p)),
            object_label=str(o) if literal else self.label(node_text(o)),
            object_is_literal=literal,
            datatype=str(o.datatype) if literal and o.datatype else None,
            graph=source_name(g),
        )

    def predicates(self) -> list[tuple[str, str, list[str]]]:
        """Predicates used in data graphs, with names, so questions can be matched to relations."""
        if self._predicates is None:
            used: set[Node] = set()
            ontology = URIRef(ONTOLOGY_GRAPH)
            for graph in self._ds.graphs():
                if graph.identifier != ontology:
                    used.update(graph.predicates(unique=True))
            used -= LABEL_PREDICATES
            self._predicates = [(str(p), self.label(str(p)), self.aliases(str(p))) for p in sorted(used)]
        return list(self._predicates)

    def verbalize(self, triple: Triple) -> str:
        """A sentence for a fact: the ontology's template if there is one, else a fixed heuristic."""
        template = self.template_of(triple.predicate)
        if template is None and triple.predicate == str(RDF.type):
            template = "{s} is a {o}."
        if template is None:
            template = _heuristic_template(triple.predicate_label)
        names = {"s": triple.subject_label, "o": triple.object_label}
        sentence = _PLACEHOLDER.sub(lambda m: names[m.group(1)], template)
        return sentence[:1].upper() + sentence[1:]

    # ---- SPARQL ------------------------------------------------------------------------------

    def sparql(self, query: str, max_rows: int | None = None, max_bytes: int | None = None) -> SparqlResult:
        """Run a read-only query over the union of all sources; updates and remote access are refused.

        `max_rows` and `max_bytes` (the rough size of the strings returned) cut a large answer short
        and mark it `truncated`, so a client cannot make the server hold an unbounded result.
        """
        prepared = _prepare_query(query)
        try:
            result = self._ds.query(prepared)
            if result.type == "ASK":
                return SparqlResult(kind="ask", boolean=bool(result.askAnswer))
            budget = _Budget(max_rows, max_bytes)
            if result.type in ("CONSTRUCT", "DESCRIBE"):
                triples = []
                for s, p, o in result.graph:
                    triple = (node_text(s), node_text(p), node_text(o))
                    if not budget.take(triple):
                        break
                    triples.append(triple)
                return SparqlResult(kind="graph", triples=sorted(triples), truncated=budget.exceeded)
            variables = [str(v) for v in result.vars or []]
            rows = []
            for row in result:
                values = [None if value is None else str(value) for value in row]
                if not budget.take(values):
                    break
                rows.append(dict(zip(variables, values, strict=True)))
        except QueryError:
            raise
        except Exception as exc:  # evaluation errors come as many library types
            raise QueryError(f"SPARQL query failed: {exc}") from exc
        return SparqlResult(kind="select", variables=variables, rows=rows, truncated=budget.exceeded)

    # ---- stats -------------------------------------------------------------------------------

    def stats(self) -> dict[str, int]:
        return {
            "triples": len(self),
            "entities": len(self.entities()),
            "predicates": len(self.predicates()),
            "sources": len(self.sources()),
            "functional_properties": len(self._functional_properties()),
        }


class _Budget:
    """Counts rows and their string sizes against optional caps; `take` says whether one more fits."""

    def __init__(self, max_rows: int | None, max_bytes: int | None) -> None:
        self.max_rows, self.max_bytes = max_rows, max_bytes
        self.rows = self.size = 0
        self.exceeded = False

    def take(self, values: Iterable[str | None]) -> bool:
        size = sum(len(value) + 8 for value in values if value is not None) + 4
        if (self.max_rows is not None and self.rows >= self.max_rows) or (
            self.max_bytes is not None and self.size + size > self.max_bytes
        ):
            self.exceeded = True
            return False
        self.rows += 1
        self.size += size
        return True


def _heuristic_template(predicate_label: str) -> str:
    text = predicate_label.replace("_", " ").strip()
    if " " not in text:
        text = _CAMEL.sub(" ", text).lower()
    words = text.split()
    if not words:
        return "{s} is related to {o}."
    first, last = words[0].lower(), words[-1].lower()
    single_verb = len(words) == 1 and first.endswith("s") and not first.endswith(("ss", "us", "is"))
    if first in _VERB_HEADS or first.endswith("ed") or last in _PREPOSITIONS or single_verb:
        return "{s} " + " ".join(words) + " {o}."
    return "The " + " ".join(words) + " of {s} is {o}."


def _prepare_query(query: str) -> Any:
    from pyparsing import ParseException
    from rdflib.plugins.sparql.algebra import translateQuery
    from rdflib.plugins.sparql.parser import parseQuery, parseUpdate

    try:
        parsed = parseQuery(query)
    except ParseException as exc:
        try:
            parseUpdate(query)
        except ParseException:
            raise QueryError(f"SPARQL syntax error: {exc}") from exc
        raise QueryError("SPARQL updates are not allowed: the knowledge graph is read-only here") from exc
    try:
        prepared = translateQuery(parsed)
    except Exception as exc:  # undefined prefixes and similar surface here
        raise QueryError(f"SPARQL query is invalid: {exc}") from exc
    if prepared.algebra.get("datasetClause"):
        raise QueryError("FROM / FROM NAMED are not supported: queries run over the loaded sources; use GRAPH")
    if _mentions(prepared.algebra, "ServiceGraphPattern"):
        raise QueryError("SERVICE is not allowed: queries may not reach remote endpoints")
    return prepared


def _mentions(node: Any, name: str) -> bool:
    stack = [node]
    while stack:
        item = stack.pop()
        if getattr(item, "name", None) == name:
            return True
        if isinstance(item, dict):
            stack.extend(item.values())
        elif isinstance(item, list | tuple):
            stack.extend(item)
    return False


def _resolve_format(path: Path, format: str | None) -> str:
    if format is not None:
        fmt = _FORMAT_ALIASES.get(format.lower())
        if fmt is None:
            raise GraphParseError(f"{path}: unknown graph format {format!r}; known: {sorted(_FORMAT_ALIASES)}")
        return fmt
    name = path.name.lower()
    for suffix, fmt in _SUFFIX_FORMATS.items():
        if name.endswith(suffix):
            return fmt
    raise GraphParseError(
        f"{path}: cannot tell the graph format from the suffix; use one of {sorted(_SUFFIX_FORMATS)} or pass format="
    )


def _read_text(path: Path) -> str:
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise GraphParseError(f"{path}: cannot read graph file: {exc.strerror or exc}") from exc
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        line = raw.count(b"\n", 0, exc.start) + 1
        raise GraphParseError(
            f"{path}: line {line}: not valid UTF-8 (byte {raw[exc.start]:#04x} at offset {exc.start})"
        ) from exc


def _rdf_quads(path: Path, text: str, fmt: str, target: URIRef) -> list[tuple[Node, Node, Node, URIRef]]:
    """Parse into a scratch dataset; triples outside any named graph go to `target`."""
    scratch = Dataset()
    if fmt == "json-ld":
        check_jsonld_contexts(text, str(path))
    try:
        with no_network(str(path)):
            scratch.parse(data=text, format=fmt, publicID=path.resolve().as_uri())
    except NetworkRefused:
        raise
    except Exception as exc:  # every rdflib parser raises its own types
        raise _parse_error(path, fmt, text, exc) from exc
    keeps_names = fmt in ("nquads", "trig", "json-ld")
    return [
        (s, p, o, g if keeps_names and g is not None and g != DATASET_DEFAULT_GRAPH_ID else target)
        for s, p, o, g in scratch.quads((None, None, None, None))
    ]


def _parse_error(path: Path, fmt: str, text: str, exc: Exception) -> GraphParseError:
    """A message naming the file and, where it can be found, the line."""
    from rdflib.plugins.parsers.notation3 import BadSyntax

    if isinstance(exc, BadSyntax):
        return GraphParseError(f"{path}: line {exc.lines + 1}: {fmt} syntax error: {exc._why}")
    line_getter = getattr(exc, "getLineNumber", None)
    if callable(line_getter):
        return GraphParseError(f"{path}: line {line_getter()}: {fmt} syntax error: {exc.getMessage()}")
    if fmt in _LINE_FORMATS:
        line = _first_bad_line(text, fmt)
        if line is not None:
            return GraphParseError(f"{path}: line {line}: {fmt} syntax error: {exc}")
    return GraphParseError(f"{path}: {fmt} syntax error: {exc}")


def _first_bad_line(text: str, fmt: str) -> int | None:
    """N-Triples/N-Quads errors carry no line number; the formats are line based, so find it."""
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        try:
            with no_network("a line"):
                Dataset().parse(data=line + "\n", format=fmt)
        except Exception:
            return number
    return None


def _tabular_triples(path: Path, text: str, fmt: str) -> Iterator[tuple[Identifier, Identifier, Identifier]]:
    """Plain `subject,predicate,object` rows; names get minted IRIs plus an rdfs:label."""
    if fmt == "tsv":
        reader = csv.reader(io.StringIO(text, newline=""), delimiter="\t", quoting=csv.QUOTE_NONE)
    else:
        reader = csv.reader(io.StringIO(text, newline=""))
    rows: list[tuple[str, str, str]] = []
    try:
        for number, row in enumerate(reader, start=1):
            if not row or all(not field.strip() for field in row):
                continue
            if len(row) != 3:
                raise GraphParseError(
                    f"{path}: row {number} (line {reader.line_num}): expected 3 fields "
                    f"(subject, predicate, object), found {len(row)}"
                )
            fields = tuple(field.strip() for field in row)
            if not rows and all(f.lower() in words for f, words in zip(fields, _HEADER_WORDS, strict=True)):
                continue
            if not all(fields):
                raise GraphParseError(f"{path}: row {number} (line {reader.line_num}): empty field")
            rows.append(fields)  # type: ignore[arg-type]
    except csv.Error as exc:
        raise GraphParseError(f"{path}: line {reader.line_num}: {exc}") from exc
    subjects = {s for s, _, _ in rows}
    labelled: set[URIRef] = set()
    for s_text, p_text, o_text in rows:
        terms = (
            parse_term(s_text, "subject"),
            parse_term(p_text, "predicate"),
            parse_term(o_text, "object", subjects),
        )
        for term, original in zip(terms, (s_text, p_text, o_text), strict=True):
            if isinstance(term, URIRef) and str(term).startswith((ENTITY_NS, RELATION_NS)) and term not in labelled:
                labelled.add(term)
                yield term, RDFS.label, Literal(original)
        yield terms
