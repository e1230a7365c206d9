"""The symbolic checker against a real rdflib graph with an ontology of functional properties."""

import time

import pytest

from grounding.types import Verdict
from grounding.verify.checkers.graph import check_against_graph, context_entities
from knowledge.embeddings import embed
from knowledge.kb import KnowledgeBase


@pytest.fixture(scope="module")
def kb(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("graphcheck") / "kb"
    return KnowledgeBase.build(root, graphs=[kb_fixtures / "graph.ttl"], ontology=kb_fixtures / "ontology.ttl")


def check(kb, text, context=None):
    named = (lambda: context_entities(kb, context)) if context is not None else None
    return check_against_graph(kb, text, embed([text], kb.embedding_model)[0], named)


@pytest.mark.parametrize(
    ("claim", "verdict"),
    [
        ("The capital of Australia is Canberra.", Verdict.SUPPORTED),
        ("Canberra is the capital of Australia.", Verdict.SUPPORTED),
        ("The capital of Australia is Sydney.", Verdict.CONTRADICTED),
        ("Sydney is the capital of Australia.", Verdict.CONTRADICTED),
        ("The capital city of Switzerland is Paris.", Verdict.CONTRADICTED),
        ("Switzerland borders Italy.", Verdict.SUPPORTED),
        ("Switzerland shares a border with Austria.", Verdict.SUPPORTED),
        ("Australia has a population of about 25 million.", Verdict.SUPPORTED),
        ("The population of Australia is 40 million.", Verdict.CONTRADICTED),
    ],
)
def test_graph_decides(kb, claim, verdict):
    finding = check(kb, claim)
    assert finding is not None and finding.verdict == verdict, finding
    assert finding.facts, "a graph verdict always names its deciding triple"


@pytest.mark.parametrize(
    "claim",
    [
        "Switzerland borders Spain.",  # borders is not functional: a missing edge proves nothing
        "Sydney is the largest city in Australia.",  # no predicate of the graph is named
        "Coffee contains caffeine.",  # no entity of the graph
        "The capital of France is a beautiful city.",  # not the template's shape: object unknown
    ],
)
def test_graph_abstains_when_it_cannot_know(kb, claim):
    assert check(kb, claim) is None


def test_negation_flips_the_verdict(kb):
    assert check(kb, "Canberra is not the capital of Australia.").verdict == Verdict.CONTRADICTED
    assert check(kb, "Sydney is not the capital of Australia.").verdict == Verdict.SUPPORTED
    assert check(kb, "The capital of Australia isn't Canberra.").verdict == Verdict.CONTRADICTED


def test_reasons_explain_with_the_graph_value(kb):
    finding = check(kb, "The capital of Australia is Sydney.")
    assert finding.reason == "The graph says the capital of Australia is Canberra, not Sydney."
    numeric = check(kb, "The population of Australia is 40 million.")
    assert "25,000,000" in numeric.reason and "40 million" in numeric.reason and "60%" in numeric.reason


def test_graph_checker_is_fast(kb):
    text = "The capital of Australia is Sydney."
    vector = embed([text], kb.embedding_model)[0]
    check_against_graph(kb, text, vector)
    start = time.perf_counter()
    for _ in range(20):
        check_against_graph(kb, text, vector)
    assert (time.perf_counter() - start) / 20 < 0.25  # generous bound; real figures in docs/benchmarks.md


FILMS = """@prefix ex: <http://example.org/film/> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
ex:Good rdfs:label "Good" ; ex:rating ex:good .
ex:good rdfs:label "good" .
ex:Chronicle rdfs:label "Chronicle" ; ex:releaseYear "2012"^^xsd:gYear .
ex:Expendables rdfs:label "The Expendables" ; ex:writtenBy ex:Stallone ; ex:releaseYear "2010"^^xsd:gYear .
ex:Stallone rdfs:label "Sylvester Stallone" .
ex:LionKing rdfs:label "The Lion King" ; ex:directedBy ex:Allers .
ex:Allers rdfs:label "Roger Allers" .
ex:Fockers rdfs:label "Meet the Fockers" ; ex:directedBy ex:Roach .
ex:Campaign rdfs:label "The Campaign" ; ex:directedBy ex:Roach .
ex:Roach rdfs:label "Jay Roach" .
ex:Yes rdfs:label "Yes" ; ex:directedBy ex:Potter .
ex:Potter rdfs:label "Sally Potter" .
ex:Phantom rdfs:label "The Phantom" ; ex:starring ex:Williams, ex:Swanson .
ex:Williams rdfs:label "Treat Williams" .
ex:Swanson rdfs:label "Kristy Swanson" .
ex:Ransom rdfs:label "Ransom" ; ex:starring ex:Gibson ; ex:genre ex:Thriller .
ex:Thriller rdfs:label "Thriller" .
ex:Gibson rdfs:label "Mel Gibson" .
"""
FILM_ONTOLOGY = """@prefix ex: <http://example.org/film/> .
@prefix gq: <http://groundqa.org/ontology#> .
@prefix owl: <http://www.w3.org/2002/07/owl#> .
@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
ex:rating a owl:ObjectProperty ; rdfs:label "rated" ; gq:template "{s} is rated {o}." .
ex:releaseYear a owl:DatatypeProperty, owl:FunctionalProperty ; rdfs:label "release year" ;
    skos:altLabel "released in" ; gq:template "{s} was released in {o}." .
ex:writtenBy a owl:ObjectProperty ; rdfs:label "written by" ; gq:template "{s} was written by {o}." .
ex:directedBy a owl:ObjectProperty ; rdfs:label "directed by" ; gq:template "{s} was directed by {o}." .
ex:genre a owl:ObjectProperty ; rdfs:label "genre" ; gq:template "{s} has genre {o}." .
ex:starring a owl:ObjectProperty ; rdfs:label "starring" ; skos:altLabel "stars", "starred in" ;
    gq:template "{s} stars {o}." .
"""


@pytest.fixture(scope="module")
def film_kb(tmp_path_factory):
    folder = tmp_path_factory.mktemp("films")
    (folder / "films.ttl").write_text(FILMS, encoding="utf-8")
    (folder / "ontology.ttl").write_text(FILM_ONTOLOGY, encoding="utf-8")
    return KnowledgeBase.build(folder / "kb", graphs=[folder / "films.ttl"], ontology=folder / "ontology.ttl")


@pytest.mark.parametrize(
    "claim",
    [
        "I've heard good things about it.",  # a lowercase word is not the film "Good", nor both ends of a fact
        "She was rated good in that movie.",
        "Chronicles was released in 1970.",  # fuzzy subject: not enough to refute
        "The Chronicles of Amber series was released in 1970.",  # a near-spelling of a title decides nothing
    ],
)
def test_words_that_only_resemble_a_name_decide_nothing(film_kb, claim):
    assert check(film_kb, claim) is None


def test_the_film_still_links_when_named(film_kb):
    assert check(film_kb, "Chronicle was released in 1970.").verdict == Verdict.CONTRADICTED
    assert check(film_kb, "Chronicle was released in 2012.").verdict == Verdict.SUPPORTED
    assert check(film_kb, "the expendables was released in 2010.").verdict == Verdict.SUPPORTED


def test_not_only_is_no_negation(film_kb):
    assert check(film_kb, "The Lion King was not only directed by Roger Allers.").verdict == Verdict.SUPPORTED
    assert check(film_kb, "The Lion King was not directed by Roger Allers.").verdict == Verdict.CONTRADICTED


ASKED_ABOUT_ROACH = ["Do you have any good movies by Jay Roach?"]


@pytest.mark.parametrize(
    ("claim", "context"),
    [
        ("He also directed Meet the Fockers.", ASKED_ABOUT_ROACH),
        ("Yes he also directed Meet the Fockers and The Campaign.", ASKED_ABOUT_ROACH),  # the film "Yes" is no answer
        ("Treat Williams and Kristy Swanson starred in it.", ["Who else is in The Phantom?"]),
    ],
)
def test_a_pronoun_reads_as_whom_the_conversation_named(film_kb, claim, context):
    finding = check(film_kb, claim, context)
    assert finding is not None and finding.verdict == Verdict.SUPPORTED
    assert finding.reason.startswith("Reading ")
    assert check(film_kb, claim) is None  # without the conversation the graph cannot tell


@pytest.mark.parametrize(
    ("claim", "context"),
    [
        ("Mel Gibson and Treat Williams both starred in it.", ["Who else is in The Phantom?"]),  # one name unheld
        ("He didn't direct Meet the Fockers.", ASKED_ABOUT_ROACH),  # a guessed reading never refutes
        ("He also directed Ransom.", ASKED_ABOUT_ROACH),
        ("Roger Allers directed Meet the Fockers.", ASKED_ABOUT_ROACH),  # names its own subject: no guess
        ("It has a similar thriller genre like Ransom.", ["Ransom has genre Thriller"]),  # "it" is not the genre
        ("It has a similar thriller-genre like Ransom.", ["Ransom has genre Thriller"]),
    ],
)
def test_a_guessed_reading_only_ever_supports(film_kb, claim, context):
    assert check(film_kb, claim, context) is None


@pytest.mark.parametrize(
    ("claim", "context"),
    [
        ("Mel Gibson was also in The Phantom starring Treat Williams.", None),  # the fact is about Williams only
        ("Jay Roach directed Meet the Fockers and Casablanca.", None),  # a title the graph does not know
        ("He also directed Meet the Fockers with Ben Stiller.", ASKED_ABOUT_ROACH),
        ("Ransom and The Expendables were written by Sylvester Stallone.", None),  # an opening title is a name too
    ],
)
def test_support_needs_every_name_the_claim_states(film_kb, claim, context):
    assert check(film_kb, claim, context) is None


@pytest.mark.parametrize(
    "claim",
    [
        "The Phantom stars Treat Williams and Kristy Swanson.",
        "Ransom is a Thriller starring Mel Gibson.",  # two facts, each joining two of its names
        "Yes, The Campaign was directed by Jay Roach.",
        "Mel Gibson starred in Ransom, which was a good movie.",  # a lowercase word that matches a tag is no name
        "Ransom stars Mel Gibson, and Ransom is worth seeing.",  # a name said twice is one name
    ],
)
def test_every_name_joined_by_a_fact_is_support(film_kb, claim):
    finding = check(film_kb, claim)
    assert finding is not None and finding.verdict == Verdict.SUPPORTED, finding


def test_a_negated_part_the_graph_holds_still_refutes_the_claim(film_kb):
    finding = check(film_kb, "Actually, Mel Gibson starred in The Phantom, not Ransom.")
    assert finding is not None and finding.verdict == Verdict.CONTRADICTED
