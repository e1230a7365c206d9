"""The graph answerer on a real knowledge base built from Turtle: countries and films, real MiniLM."""

from pathlib import Path

import pytest

from grounding.answer.graph import GraphAnswer, answer_from_graph, stem
from knowledge.kb import KnowledgeBase
from knowledge.types import EvidenceKind

FIXTURES = Path(__file__).parents[1] / "fixtures" / "answerer"
DREYFUSS_FILMS = ["American Graffiti", "Close Encounters of the Third Kind", "Jaws"]


@pytest.fixture(scope="module")
def kb(tmp_path_factory) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("answerer") / "kb"
    return KnowledgeBase.build(root, graphs=[FIXTURES / "graph.ttl"], ontology=FIXTURES / "ontology.ttl")


def ask(kb: KnowledgeBase, question: str, **options) -> GraphAnswer:
    answer = answer_from_graph(kb, question, **options)
    assert answer is not None, f"no answer to {question!r}"
    return answer


def assert_grounded(kb: KnowledgeBase, answer: GraphAnswer) -> None:
    """Every citation is a real fact, verbalised as the graph says it, and every value is cited."""
    assert answer.citations
    for citation in answer.citations:
        assert citation.kind == EvidenceKind.FACT and citation.triple is not None
        triple = citation.triple
        assert kb.graph.facts(subject=triple.subject, predicate=triple.predicate, obj=triple.object)
        assert citation.text == kb.graph.verbalize(triple)
    for value in answer.values:
        assert any(value in c.text for c in answer.citations), f"{value!r} has no citation"


@pytest.mark.parametrize(
    ("question", "values", "sentence"),
    [
        ("What is the capital of Australia?", ["Canberra"], "The capital of Australia is Canberra."),
        ("Who directed Jaws?", ["Steven Spielberg"], "Jaws was directed by Steven Spielberg."),
        (
            "Who acted in Jaws?",
            ["Richard Dreyfuss", "Robert Shaw", "Roy Scheider"],
            "Richard Dreyfuss, Robert Shaw and Roy Scheider acted in Jaws.",
        ),
        ("When was Jaws released?", ["1975"], "Jaws was released in 1975."),
    ],
)
def test_one_hop_forward(kb, question, values, sentence):
    answer = ask(kb, question)
    assert answer.values == values
    assert answer.answer == sentence
    assert answer.hops == 1 and answer.confidence >= 0.5
    assert len(answer.citations) == len(values)
    assert_grounded(kb, answer)


@pytest.mark.parametrize(
    ("question", "values", "sentence"),
    [
        ("Canberra is the capital of which country?", ["Australia"], "The capital of Australia is Canberra."),
        (
            "Which films did Steven Spielberg direct?",
            ["Close Encounters of the Third Kind", "Jaws", "Jurassic Park"],
            "Close Encounters of the Third Kind, Jaws and Jurassic Park were directed by Steven Spielberg.",
        ),
        (
            "What movies did Richard Dreyfuss act in?",
            DREYFUSS_FILMS,
            "Richard Dreyfuss acted in American Graffiti, Close Encounters of the Third Kind and Jaws.",
        ),
    ],
)
def test_one_hop_inverse(kb, question, values, sentence):
    answer = ask(kb, question)
    assert answer.values == values
    assert answer.answer == sentence
    assert answer.hops == 1
    topic = {c.triple.object for c in answer.citations}
    assert len(topic) == 1, "an inverse hop cites facts that all end at the topic"
    assert_grounded(kb, answer)


def test_symmetric_relation_is_read_both_ways(kb):
    # The graph only states "Spain borders Portugal"; borders is an owl:SymmetricProperty.
    answer = ask(kb, "Which countries does Portugal share a border with?")
    assert answer.values == ["Spain"]
    assert answer.answer == "Portugal borders Spain."
    assert_grounded(kb, answer)


def test_brackets_mark_the_topic(kb):
    bracketed = ask(kb, "what movies did [Richard Dreyfuss] act in")
    assert bracketed.values == DREYFUSS_FILMS
    assert bracketed.question == "what movies did [Richard Dreyfuss] act in"


def test_two_hop_chain(kb):
    answer = ask(kb, "Who directed the films Richard Dreyfuss acted in?")
    assert answer.hops == 2
    assert set(answer.values) == {"Steven Spielberg", "George Lucas"}
    assert answer.values[0] == "Steven Spielberg", "two of his films star Dreyfuss: best supported first"
    assert_grounded(kb, answer)
    first = [c.triple for c in answer.citations if c.triple.predicate.endswith("#starring")]
    second = [c.triple for c in answer.citations if c.triple.predicate.endswith("#directedBy")]
    assert answer.citations[: len(first)] == [c for c in answer.citations if c.triple in first], "path order"
    assert {t.object_label for t in first} == {"Richard Dreyfuss"}
    assert {t.subject for t in second} <= {t.subject for t in first}, "hop 2 starts where hop 1 ended"
    assert answer.answer.startswith("Richard Dreyfuss acted in ")


def test_a_later_hop_says_each_source_s_own_values(kb):
    """ "Star Wars and American Graffiti were directed by ..." is true; "... acted in Star Wars and
    American Graffiti" after it would say every actor is in both films."""
    answer = ask(kb, "Which actors starred in films directed by George Lucas?")
    assert answer.answer == (
        "Star Wars and American Graffiti were directed by George Lucas. Harrison Ford and Mark Hamill acted in "
        "Star Wars. Richard Dreyfuss and Ron Howard acted in American Graffiti."
    )


@pytest.mark.parametrize(
    ("question", "values"),
    [
        ("What are the capitals of the countries bordering Portugal?", ["Madrid"]),
        ("Which actors starred in films directed by George Lucas?", None),
        ("Who co-starred with Ron Howard?", ["Richard Dreyfuss"]),
    ],
)
def test_two_hop_questions(kb, question, values):
    answer = ask(kb, question)
    assert answer.hops == 2
    if values is not None:
        assert answer.values == values
    else:
        assert set(answer.values) == {"Harrison Ford", "Mark Hamill", "Richard Dreyfuss", "Ron Howard"}
    assert_grounded(kb, answer)


def test_the_topic_is_not_its_own_co_star(kb):
    answer = ask(kb, "Who co-starred with Richard Dreyfuss?")
    assert "Richard Dreyfuss" not in answer.values
    assert {"Roy Scheider", "Ron Howard", "François Truffaut"} <= set(answer.values)


def test_a_named_relation_the_graph_lacks_is_not_ignored(kb):
    # Australia borders nothing in the graph: answering "Canberra" would drop "bordering".
    question = "What are the capitals of the countries bordering Australia?"
    assert answer_from_graph(kb, question) is None
    guess = answer_from_graph(kb, question, min_confidence=0.0)
    assert guess is None or guess.confidence < 0.5


def test_max_hops_caps_the_chain(kb):
    answer = answer_from_graph(kb, "Who directed the films Richard Dreyfuss acted in?", max_hops=1)
    assert answer is None or answer.hops == 1


@pytest.mark.parametrize(
    "question",
    [
        "Who directed Casablanca?",  # no entity of the graph
        "What is the boiling point of water?",
    ],
)
def test_no_linked_entity_gives_none(kb, question):
    assert answer_from_graph(kb, question) is None


@pytest.mark.parametrize(
    "question",
    [
        "What currency does France use?",
        "What is the population of Spain?",
        "How tall is Mark Hamill?",
        "Where was Harrison Ford born?",
    ],
)
def test_relation_not_in_graph_gives_none(kb, question):
    assert answer_from_graph(kb, question) is None
    guess = answer_from_graph(kb, question, min_confidence=0.0)
    assert guess is None or guess.confidence < 0.5, "abstaining is the confidence threshold's doing"


def test_deterministic(kb):
    question = "Who directed the films Richard Dreyfuss acted in?"
    assert ask(kb, question).model_dump() == ask(kb, question).model_dump()


@pytest.mark.parametrize(
    "forms",
    [
        ("direct", "directed", "director", "directors"),
        ("act", "acted", "actor", "actors"),
        ("star", "stars", "starred", "starring"),
        ("release", "released", "releases"),
        ("border", "borders", "bordering"),
    ],
)
def test_inflections_share_a_stem(forms):
    assert len({stem(word) for word in forms}) == 1
