"""MetaQA's movie graph as a knowledge base: the conversion and its cache, shared by the evaluation
harness (`groundqa eval metaqa-*`) and the graph-answerer benchmark.

The graph (`subject|relation|object`, 9 relations) becomes N-Triples: names are entities with an
rdfs:label, years are xsd:gYear literals, the IMDb rating and vote buckets are plain literals. The
relation vocabulary is the hand-written `data/metaqa-ontology.ttl`. A built KB is cached under
`<cache>/<fingerprint>/` and reused while the data, the ontology and the conversion stay the same.
"""

from __future__ import annotations

from pathlib import Path

from rdflib import Literal, URIRef
from rdflib.namespace import RDFS, XSD

from grounding.evaluate.converted_kb import converted_kb
from knowledge.errors import GraphParseError
from knowledge.graph import mint_iri
from knowledge.kb import KnowledgeBase

ONTOLOGY = Path(__file__).resolve().parent / "data" / "metaqa-ontology.ttl"
NAMESPACE = "http://groundqa.org/metaqa#"
SOURCE = "https://github.com/yuyuz/MetaQA"
LICENCE = "CC BY 3.0"
CONVERSION = "2"  # bump when `convert` changes, so a cached KB of the old conversion is not reused
LITERAL_TYPES = {"release_year": XSD.gYear, "has_imdb_rating": None, "has_imdb_votes": None}
DEFAULT_CACHE = Path("runs") / "metaqa-kb"


def convert(kb_txt: Path, out: Path) -> int:
    """`subject|relation|object` lines as N-Triples, with a label for every entity; the triple count."""
    labelled: set[str] = set()
    lines: list[str] = []
    for number, raw in enumerate(kb_txt.read_text(encoding="utf-8").splitlines(), start=1):
        if not raw.strip():
            continue
        fields = raw.split("|")
        if len(fields) != 3 or not all(f.strip() for f in fields):
            raise GraphParseError(f"{kb_txt}: line {number}: expected subject|relation|object, got {raw!r}")
        subject, relation, obj = (f.strip() for f in fields)
        terms = [subject]
        if relation in LITERAL_TYPES:
            datatype = LITERAL_TYPES[relation]
            object_n3 = Literal(obj, datatype=datatype).n3() if datatype else Literal(obj).n3()
        else:
            object_n3 = mint_iri(obj).n3()
            terms.append(obj)
        lines.append(f"{mint_iri(subject).n3()} <{NAMESPACE}{relation}> {object_n3} .")
        for name in terms:
            if name not in labelled:
                labelled.add(name)
                lines.append(f"{mint_iri(name).n3()} {RDFS.label.n3()} {Literal(name).n3()} .")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(lines) - len(labelled)


def metaqa_kb(data: Path, progress: bool = True, cache: Path = DEFAULT_CACHE) -> KnowledgeBase:
    """The MetaQA knowledge base, built once per (data, ontology, conversion) and reused."""
    kb_txt = data / "kb_reconstructed_97pct.txt"
    return converted_kb(
        [kb_txt],
        ONTOLOGY,
        CONVERSION,
        cache,
        lambda out: convert(kb_txt, out),
        name="metaqa",
        source=SOURCE,
        licence=LICENCE,
        progress=progress,
    )


def reachable_labels(kb: KnowledgeBase, topic: str, hops: int) -> set[str]:
    """Labels of everything within `hops` undirected edges of the entity named `topic`, literals included."""
    view = kb.view
    frontier = {iri for iri in _iris_named(kb, topic) if iri in view}
    seen = set(frontier)
    labels: set[str] = set()
    for _ in range(hops):
        for node in frontier:
            values = kb.graph.dataset.objects(URIRef(node), None)
            labels.update(str(value) for value in values if isinstance(value, Literal))
        nxt = {other for node in frontier for other in (*view.succ[node], *view.pred[node])} - seen
        seen |= nxt
        frontier = nxt
    return labels | {kb.graph.label(node) for node in seen}


def _iris_named(kb: KnowledgeBase, name: str) -> list[str]:
    return [m.iri for m in kb.linker.lookup(name, k=10) if m.method in ("exact", "alias") and m.label == name]
