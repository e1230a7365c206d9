"""The grounded prompt and the citations an answer carries back: parse, strip, render."""

import re

from hypothesis import given, settings
from hypothesis import strategies as st
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from grounding.answer.llm import _message_dicts
from grounding.answer.prompts import (
    DONT_KNOW,
    EXAMPLE_ANSWER,
    build_messages,
    build_repair_messages,
    evidence_body,
    format_evidence,
    is_example_echo,
)
from grounding.mitigate.citations import cited_evidence, find_citations, parse_answer, render_answer, strip_citations
from grounding.types import Evidence, EvidenceKind, Triple

CANBERRA = Evidence(
    id="chunk:2",
    kind=EvidenceKind.PASSAGE,
    text="# Canberra\n\nCanberra is the capital city of Australia. It was designed by Walter Burley Griffin.",
    source="docs/canberra.md",
    title="Canberra",
)
FACT = Evidence(
    id="fact:1",
    kind=EvidenceKind.FACT,
    text="The capital of Australia is Canberra.",
    source="graph",
    triple=Triple(
        subject="http://example.org/Australia",
        predicate="http://example.org/capital",
        object="http://example.org/Canberra",
        subject_label="Australia",
        predicate_label="capital",
        object_label="Canberra",
    ),
)


# -- the prompt ------------------------------------------------------------------------------------


def test_the_worked_example_copied_back_is_an_echo_whatever_its_citations_or_wording():
    question = "Ezhou and Yangzhong are both cities in what country?"
    assert EXAMPLE_ANSWER in [m.content for m in build_messages(question, [CANBERRA])]
    for copy in (
        EXAMPLE_ANSWER,
        "The capital of France is Paris [9].",
        "Paris is the capital of France.",
        "the seine flows through paris",
    ):
        assert is_example_echo(copy, question), copy


def test_a_real_answer_is_never_an_echo():
    assert not is_example_echo("Ezhou is a city in China [1].", "Ezhou and Yangzhong are both cities in what country?")
    assert not is_example_echo("Paris, Texas is a city in Lamar County.", "Where is Paris, Texas?")
    assert not is_example_echo("The capital of France is Lyon.", "Which city?"), "a word outside the example"
    # the example's own subject: the same words are a real answer
    assert not is_example_echo("The capital of France is Paris [1].", "What is the capital of France?")


def test_the_title_heading_is_not_part_of_a_passage_body():
    assert evidence_body(CANBERRA).startswith("Canberra is the capital city")
    assert evidence_body(FACT) == FACT.text


def test_evidence_is_numbered_in_order_with_titles_and_fact_sentences():
    shown = format_evidence([FACT, CANBERRA]).splitlines()
    assert shown[0] == "[1] The capital of Australia is Canberra."
    assert shown[1].startswith("[2] (Canberra) Canberra is the capital city of Australia.")
    assert "#" not in shown[1], "the markdown heading repeats the title and is dropped"


def test_long_passages_are_cut_at_a_sentence_end():
    long = CANBERRA.model_copy(update={"text": "First sentence here. " * 40})
    line = format_evidence([long], max_chars=100)
    body = line.removeprefix("[1] (Canberra) ")
    assert len(body) <= 100 and body.endswith("here.")


def test_messages_ask_for_citations_and_an_honest_dont_know():
    messages = build_messages("What is the capital of Australia?", [FACT, CANBERRA])
    assert isinstance(messages[0], SystemMessage) and isinstance(messages[-1], HumanMessage)
    system = messages[0].content
    assert "only" in system and "[1]" in system and DONT_KNOW in system
    assert messages[-1].content.endswith("Question: What is the capital of Australia?")
    assert "[2] (Canberra)" in messages[-1].content
    example = [m for m in messages if isinstance(m, AIMessage)]
    assert example and find_citations(example[0].content), "the worked example shows the citation format"
    roles = [d["role"] for d in _message_dicts(messages)]
    assert roles[0] == "system" and roles[-1] == "user"


def test_messages_without_evidence_still_allow_dont_know():
    messages = build_messages("Who won?", [])
    assert "(no evidence)" in messages[-1].content


def test_repair_prompt_names_each_failed_claim_and_why():
    messages = build_repair_messages(
        "What is the capital of Australia?",
        "The capital of Australia is Sydney [1].",
        [("The capital of Australia is Sydney.", "The graph says the capital of Australia is Canberra, not Sydney.")],
        [FACT],
    )
    assert isinstance(messages[-2], AIMessage) and "Sydney" in messages[-2].content
    assert "- The capital of Australia is Sydney. (The graph says" in messages[-1].content
    assert "[1] The capital of Australia is Canberra." in messages[-3].content


# -- citations -------------------------------------------------------------------------------------


def test_citations_are_parsed_per_sentence_in_every_common_style():
    parsed = parse_answer("Canberra is the capital [1]. It was designed by Griffin [2, 3]. Done.[4][5]")
    assert parsed.text == "Canberra is the capital. It was designed by Griffin. Done."
    assert [s.citations for s in parsed.sentences] == [[1], [2, 3], [4, 5]]
    assert parsed.cited_numbers == [1, 2, 3, 4, 5]


def test_a_marker_after_the_full_stop_belongs_to_the_sentence_it_ends():
    parsed = parse_answer("Canberra is the capital. [1] It was designed by Griffin. [2]")
    assert parsed.text == "Canberra is the capital. It was designed by Griffin."
    assert [s.citations for s in parsed.sentences] == [[1], [2]]


def test_ranges_duplicates_and_leading_markers():
    parsed = parse_answer("[3] Canberra is the capital [1-2][1].")
    assert parsed.text == "Canberra is the capital."
    assert parsed.sentences[0].citations == [3, 1, 2]


def test_brackets_that_are_not_citations_stay():
    text = "The list [a] and [] and [1st] stay."
    assert strip_citations(text) == text and find_citations(text) == []


def test_markers_between_words_leave_a_space():
    assert strip_citations("word[1]word") == "word word"
    assert strip_citations("Canberra [1]is") == "Canberra is"


def test_render_puts_markers_before_the_final_punctuation():
    parsed = parse_answer("Canberra is the capital.[1] Bullets:\n- Griffin [2]\n")
    assert render_answer(parsed.text, parsed.sentences) == "Canberra is the capital [1]. Bullets:\n- Griffin [2]\n"


def test_cited_numbers_map_to_evidence_and_unknown_numbers_are_reported():
    found, unknown = cited_evidence([2, 1, 7], [FACT, CANBERRA])
    assert [e.id for e in found] == ["chunk:2", "fact:1"] and unknown == [7]


_WORDS = st.sampled_from(["Canberra", "is", "the", "capital", "of", "Australia", "x", "[a]", "(1)", "3", "1998"])
_PUNCT = st.sampled_from([".", ",", "!", "?", ";", ":", ")", "(", '"', "["])
_SPACE = st.sampled_from([" ", "  ", "\n", "\n\n", "\t", ""])
_MARK = st.builds(
    lambda numbers, style: style(numbers),
    st.lists(st.integers(1, 30), min_size=1, max_size=3),
    st.sampled_from(
        [
            lambda ns: "".join(f"[{n}]" for n in ns),
            lambda ns: "[" + ", ".join(map(str, ns)) + "]",
            lambda ns: "[" + ",".join(map(str, ns)) + "]",
        ]
    ),
)
_TEXT = st.lists(st.one_of(_WORDS, _PUNCT, _SPACE, _MARK), max_size=40).map("".join)


def _without_markers(text: str) -> str:
    out, cursor = [], 0
    for marker in find_citations(text):
        out.append(text[cursor : marker.start])
        cursor = marker.end
    return "".join(out) + text[cursor:]


@settings(max_examples=300, deadline=None)
@given(_TEXT)
def test_stripping_citations_never_loses_other_text(text):
    stripped = strip_citations(text)
    assert re.sub(r"\s", "", stripped) == re.sub(r"\s", "", _without_markers(text))
    assert len(stripped) <= len(text) + text.count("]")


@settings(max_examples=200, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.lists(
                st.sampled_from(["Canberra", "is", "the", "capital", "Bern", "lies", "north"]), min_size=1, max_size=6
            ),
            st.lists(st.integers(1, 12), max_size=3, unique=True),
        ),
        min_size=1,
        max_size=5,
    )
)
def test_render_and_parse_round_trip(sentences):
    raw = " ".join(
        " ".join(words).capitalize() + (" [" + ", ".join(map(str, cites)) + "]" if cites else "") + "."
        for words, cites in sentences
    )
    parsed = parse_answer(raw)
    assert [s.citations for s in parsed.sentences] == [cites for _, cites in sentences]
    again = parse_answer(render_answer(parsed.text, parsed.sentences))
    assert again.text == parsed.text
    assert [s.citations for s in again.sentences] == [s.citations for s in parsed.sentences]
