"""A functional property decides with or without classes: untyped Turtle, typed Turtle, CSV facts."""

from __future__ import annotations

import pytest

from grounding.types import Method, Verdict
from grounding.verify.checkers.graph import check_against_graph
from grounding.verify.verifier import Verifier
from knowledge.embeddings import embed
from knowledge.kb import KnowledgeBase

PREFIXES = """
@prefix ex: <http://example.org/> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
"""
UNTYPED = (
    PREFIXES
    + """
ex:capital a owl:FunctionalProperty ; rdfs:label "capital" .
ex:Australia rdfs:label "Australia" ; ex:capital ex:Canberra .
ex:Canberra rdfs:label "Canberra" .
ex:Sydney rdfs:label "Sydney" .
"""
)
TYPED = (
    UNTYPED
    + """
ex:Country a owl:Class ; rdfs:label "country" .
ex:City a owl:Class ; rdfs:label "city" .
ex:Airport a owl:Class ; rdfs:label "airport" .
ex:capital rdfs:domain ex:Country ; rdfs:range ex:City .
ex:Australia a ex:Country .
ex:Canberra a ex:City .
ex:Sydney a ex:City .
ex:Kingsford_Smith rdfs:label "Kingsford Smith" ; a ex:Airport .
"""
)
CSV = (
    "subject,predicate,object\nAustralia,capital,Canberra\nCanberra,located in,Australia\nSydney,located in,Australia\n"
)
CSV_ONTOLOGY = PREFIXES + '<urn:groundqa:relation:capital> a owl:FunctionalProperty ; rdfs:label "capital" .\n'


def _kb(root, **files: str) -> KnowledgeBase:
    root.mkdir()
    graphs = []
    ontology = None
    for name, text in files.items():
        path = root / name.replace("_", ".")
        path.write_text(text, encoding="utf-8")
        if name.startswith("ontology"):
            ontology = path
        else:
            graphs.append(path)
    return KnowledgeBase.build(root / "kb", graphs=graphs, ontology=ontology)


@pytest.fixture(scope="module")
def kbs(tmp_path_factory):
    base = tmp_path_factory.mktemp("functional")
    return {
        "untyped": _kb(base / "untyped", graph_ttl=UNTYPED),
        "typed": _kb(base / "typed", graph_ttl=TYPED),
        "csv": _kb(base / "csv", facts_csv=CSV, ontology_ttl=CSV_ONTOLOGY),
    }


def check(kb, text):
    return check_against_graph(kb, text, embed([text], kb.embedding_model)[0])


@pytest.mark.parametrize("name", ["untyped", "typed", "csv"])
@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("The capital of Australia is Sydney.", Verdict.CONTRADICTED),
        ("Sydney is the capital of Australia.", Verdict.CONTRADICTED),
        ("The capital of Australia is Canberra.", Verdict.SUPPORTED),
    ],
)
def test_functional_value_decides_typed_or_not(kbs, name, claim, verdict):
    finding = check(kbs[name], claim)
    assert finding is not None and finding.verdict == verdict, finding
    if verdict == Verdict.CONTRADICTED:
        assert finding.correction.right == "Canberra" and finding.correction.wrong == "Sydney"


def test_types_that_disagree_are_named_in_the_reason(kbs):
    finding = check(kbs["typed"], "The capital of Australia is Kingsford Smith.")
    assert finding is not None and finding.verdict == Verdict.CONTRADICTED
    assert "Kingsford Smith is a airport" in finding.reason and "city" in finding.reason


def test_shared_type_needs_no_note(kbs):
    finding = check(kbs["typed"], "The capital of Australia is Sydney.")
    assert "while the graph's value" not in finding.reason


def test_unknown_object_is_not_contradicted_through_a_second_name(kbs):
    """A claim naming two other entities does not say which is the value: the graph stays out of it."""
    for claim in (
        "The capital of Australia, a long way from Sydney, is Canberra.",
        "Sydney and Canberra are in Australia.",
    ):
        finding = check(kbs["untyped"], claim)
        assert finding is None or finding.verdict != Verdict.CONTRADICTED, finding


def test_issue_example_end_to_end(kbs):
    report = Verifier(kb=kbs["untyped"]).verify("The capital of Australia is Sydney.")
    (claim,) = report.claims
    assert claim.verdict == Verdict.CONTRADICTED and claim.method == Method.GRAPH
    assert claim.citations[0].evidence.triple.object_label == "Canberra"
