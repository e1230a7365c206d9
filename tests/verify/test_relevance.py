"""The relevance check: the asked type, and the asked relation rather than another fact."""

from __future__ import annotations

import pytest

from grounding.verify.relevance import AnswerType, expected_type, judge_relevance


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("How many people live in Bern?", AnswerType.NUMBER),
        ("What is the population of Ostrelia's capital?", AnswerType.NUMBER),
        ("When was Inception released?", AnswerType.DATE),
        ("In what year was the film directed by Ang Lee released?", AnswerType.DATE),
        ("Who designed Canberra?", AnswerType.PERSON),
        ("Where is Canberra?", AnswerType.PLACE),
        ("What is the capital of France?", AnswerType.NAME),
        ("What language is spoken in Brazil?", AnswerType.ANY),
    ],
)
def test_expected_type(question, expected):
    assert expected_type(question) == expected


@pytest.mark.parametrize(
    ("question", "answer", "answers"),
    [
        ("What is the population of Ostrelia's capital?", "The capital of Ostrelia is Quenville [1].", False),
        ("What is the population of Ostrelia's capital?", "Quenville has a population of 412,000 people.", True),
        ("What is the population of Ostrelia's capital?", "412,000 people", True),
        ("Who designed Canberra?", "Canberra is the capital of Australia.", False),
        ("Who designed Canberra?", "Canberra was designed by Walter Burley Griffin.", True),
        ("Who designed Canberra?", "Walter Burley Griffin", True),
        ("When was Inception released?", "Inception was directed by Christopher Nolan.", False),
        ("When was Inception released?", "Inception was released in 2010.", True),
        ("What language is spoken in Brazil?", "The capital of Brazil is Brasília.", False),
        ("What language is spoken in Brazil?", "Portuguese is spoken in Brazil.", True),
        ("Who starred in the films directed by Ang Lee?", "Ang Lee directed Hulk.", False),
        ("Who starred in the films directed by Ang Lee?", "Eric Bana starred in Hulk.", True),
        ("Who directed Envy?", "Envy is in Turkish.", False),
        ("Who wrote Envy?", "Envy was written by Zeki Demirkubuz.", True),
        ("What is the capital of France?", "I don't know.", False),
        ("What is the capital of France?", "", False),
    ],
)
def test_judge_relevance(question, answer, answers):
    judged = judge_relevance(question, answer)
    assert judged.answers_question is answers, judged.reason
    assert judged.reason


def test_reason_names_the_missing_type():
    judged = judge_relevance("How many moons does Mars have?", "Mars is the fourth planet.")
    assert "a number" in judged.reason and judged.expected == AnswerType.NUMBER
