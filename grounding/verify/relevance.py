"""Does an answer answer its question? The asked type, and the asked relation.

A claim can be true, grounded and beside the point: "The capital of Ostrelia is Quenville" for
"What is the population of Ostrelia's capital?". Verification judges claims against evidence;
this judges the answer against the question, without a model, in two steps:

1. the type the question asks for: a number ("how many", "what is the population"), a date
   ("when", "what year"), a name ("who", "where", "which city") must be in the answer, and a name
   counts only if the question does not already state it;
2. the relation: an answer written as a sentence must speak of what was asked (a word of the
   question's relation, stems compared, or its synonym), not of another fact about the same entity.

A terse answer ("Canberra", "412,000") is judged by its type alone: it has no relation to check.
"""

from __future__ import annotations

import re
from enum import StrEnum

from pydantic import BaseModel

from grounding.text.lexicon import SENTENCE_STARTERS
from grounding.text.quantities import QuantityKind, parse_quantities

_WORD = re.compile(r"[A-Za-z][A-Za-z'’\-]*|\d[\d,.]*")
_NAME = re.compile(r"(?<![\w'’])[A-Z][\w'’\-]*(?:\s+(?:of|de|la|the|von|van|da)?\s*[A-Z][\w'’\-]*)*")
_NUMBER_WORDS = frozenset(
    "one two three four five six seven eight nine ten eleven twelve twenty thirty forty fifty hundred "
    "thousand million billion dozen none zero".split()
)
_CITATION = re.compile(r"\s*\[\d+(?:\s*,\s*\d+)*\]")
_MONTHS = frozenset("january february march april may june july august september october november december".split())
_ABSTAIN = re.compile(
    r"\b(?:i (?:do not|don't|cannot|can't) (?:know|answer|say|tell)|not enough (?:grounded )?(?:information|evidence)"
    r"|(?:does|do) not (?:say|mention|state)|no (?:information|answer))\b",
    re.I,
)
_NUMERIC_NOUNS = frozenset(
    """population area number count size height length width depth elevation altitude age total amount
    budget revenue cost price salary distance capacity rating votes score percentage percent temperature
    weight density gdp""".split()
)
_QUESTION_WORDS = frozenset(
    "what which who whom whose when where why how is are was were does do did the a an of in on at to for".split()
)
_FUNCTION = frozenset(
    """the a an of in on at to for by with from and or is are was were be been has have had does do did
    that this these those it its their his her as into than about also both many much known called named
    whose which what who whom when where how why there here not no""".split()
)
# Words a relation is often answered in without repeating the question's own word.
_SYNONYMS = {
    "direct": {"director", "directed", "made"},
    "write": {"writer", "wrote", "written", "author", "screenplay", "novel"},
    "star": {"starred", "actor", "actress", "cast", "played", "role", "appear"},
    "release": {"released", "premiere", "came", "out"},
    "locat": {"located", "situated", "lies", "in", "seat", "headquarter", "based"},
    "born": {"birth", "native"},
    "speak": {"language", "spoken"},
    "languag": {"speak", "spoken", "in"},
    "found": {"founded", "established", "created", "formed"},
    "genr": {"genre", "comedy", "drama", "thriller", "horror", "action"},
    "currenc": {"currency", "money", "paid"},
    "design": {"architect", "designed", "planned"},
}


class AnswerType(StrEnum):
    NUMBER = "number"
    DATE = "date"
    PERSON = "person"
    PLACE = "place"
    NAME = "name"
    ANY = "any"


class Relevance(BaseModel):
    """The judgement: whether the answer answers the question, why, and the type that was asked."""

    answers_question: bool
    reason: str
    expected: AnswerType


def expected_type(question: str) -> AnswerType:
    """The kind of value a question asks for, from its wording."""
    q = question.strip().lower()
    words = _WORD.findall(q)
    if re.match(r"(?:in )?(?:when|what year|which year|in what year|what date|on what date)\b", q) or re.search(
        r"\b(?:what|which) (?:year|date|decade|century)\b", q
    ):
        return AnswerType.DATE
    if re.search(r"\bhow (?:many|much|old|long|tall|high|far|big|large|deep|wide)\b", q):
        return AnswerType.NUMBER
    if re.match(r"(?:what|which) (?:is|was|are|were) (?:the )?(?:\w+ )?(\w+)", q):
        noun = re.match(r"(?:what|which) (?:is|was|are|were) (?:the )?(?:(\w+) )?(\w+)", q)
        if noun and ({noun[1], noun[2]} & _NUMERIC_NOUNS):
            return AnswerType.NUMBER
    if (
        words
        and words[0] in ("who", "whom", "whose")
        or re.match(
            r"(?:which|what) (?:person|actor|actress|director|writer|author|architect|president|king|queen)\b", q
        )
    ):
        return AnswerType.PERSON
    if (
        words
        and words[0] == "where"
        or re.match(r"(?:which|what) (?:city|country|town|place|state|region|capital)\b", q)
    ):
        return AnswerType.PLACE
    if re.match(r"(?:what|which) (?:is|was|are|were) (?:the )?(?:capital|name|title|language|currency)\b", q):
        return AnswerType.NAME
    return AnswerType.ANY


_IRREGULAR = {"wrote": "writ", "written": "writ", "write": "writ", "writer": "writ", "spoke": "speak", "made": "make"}


def _stem(word: str) -> str:
    word = word.lower().strip("'’")
    if word in _IRREGULAR:
        return _IRREGULAR[word]
    for suffix in ("ings", "ing", "ions", "ion", "ers", "er", "ed", "es", "s", "e", "y"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 4:
            return word[: -len(suffix)]
    return word


def _names(text: str) -> set[str]:
    """Capitalised names, each lower-cased; a sentence opener like "The" is not a name."""
    found = set()
    for match in _NAME.finditer(text):
        words = match.group().split()
        while words and words[0].lower() in SENTENCE_STARTERS | _QUESTION_WORDS:
            words = words[1:]
        if words:
            found.add(" ".join(words).lower())
    return found


def _name_words(text: str) -> set[str]:
    return {w for name in _names(text) for w in name.split()}


def _has_number(answer: str) -> bool:
    if any(q.kind == QuantityKind.NUMBER for q in parse_quantities(answer)):
        return True
    return bool({w.lower() for w in _WORD.findall(answer)} & _NUMBER_WORDS)


def _has_date(answer: str) -> bool:
    if any(q.kind in (QuantityKind.YEAR, QuantityKind.DATE) for q in parse_quantities(answer)):
        return True
    words = {w.lower() for w in _WORD.findall(answer)}
    return bool(words & _MONTHS) or bool(re.search(r"\b1\d{3}s?\b|\b20\d{2}s?\b", answer))


def _new_name(question: str, answer: str) -> bool:
    """A name in the answer that the question does not already state."""
    asked = _name_words(question) | {w.lower() for w in _WORD.findall(question)}
    return any(set(name.split()) - asked for name in _names(answer))


_RESTRICTION = re.compile(
    r"\b(?:\w+ by|whose \w+ (?:is|was|are|were)|(?:that|which|who) \w+) (?:the )?[A-Z][\w'’\-]*(?: [A-Z][\w'’\-]*)*"
)


def _relation_words(question: str) -> set[str]:
    """Stems of what the question asks about its names: its content words, less names and restrictions.

    "Who starred in the films directed by Ang Lee?" asks about starring; "directed by Ang Lee" only
    says which films, so an answer that speaks of directing answers the first hop, not the question.
    """
    names = _name_words(question)
    words = [w.lower() for w in _WORD.findall(_RESTRICTION.sub(" ", question))]
    return {_stem(w) for w in words if w not in _FUNCTION and w not in names and not w[0].isdigit()}


def _speaks_of(relation: set[str], answer: str) -> bool:
    stems = {_stem(w) for w in _WORD.findall(answer)} | {w.lower() for w in _WORD.findall(answer)}
    for word in relation:
        if word in stems or any(s.startswith(word) or word.startswith(s) for s in stems if len(s) >= 4):
            return True
        if any(key in word or word.startswith(key) for key in _SYNONYMS if (syn := _SYNONYMS[key]) and syn & stems):
            return True
    return False


def judge_relevance(question: str, answer: str) -> Relevance:
    """Whether `answer` answers `question`: the asked type is present, and a sentence keeps to the asked relation."""
    expected = expected_type(question)
    text = _CITATION.sub("", answer).strip()
    if not text:
        return Relevance(answers_question=False, reason="The answer is empty.", expected=expected)
    if _ABSTAIN.search(text):
        return Relevance(answers_question=False, reason="The answer declines to answer.", expected=expected)
    checks = {
        AnswerType.NUMBER: (_has_number, "a number"),
        AnswerType.DATE: (_has_date, "a date or year"),
    }
    if expected in checks:
        present, what = checks[expected]
        if not present(text):
            return Relevance(
                answers_question=False,
                reason=f"The question asks for {what}; the answer gives none.",
                expected=expected,
            )
    elif expected in (AnswerType.PERSON, AnswerType.PLACE, AnswerType.NAME) and not _new_name(question, text):
        kind = {"person": "a person", "place": "a place", "name": "a name"}[expected.value]
        return Relevance(
            answers_question=False,
            reason=f"The question asks for {kind}; the answer names none the question does not already name.",
            expected=expected,
        )
    names = _name_words(text)
    bare = not (names & _name_words(question))  # a value alone, not a sentence about the question's names
    words = _WORD.findall(text)
    plain = all(w.lower() in names or w.lower() in _FUNCTION or w[0].isdigit() for w in words)
    terse = bare and (len(words) <= 3 or plain)
    relation = _relation_words(question) - _NUMERIC_NOUNS if expected == AnswerType.ANY else _relation_words(question)
    if not terse and relation and not _speaks_of(relation, text):
        asked = ", ".join(sorted(relation))
        return Relevance(
            answers_question=False,
            reason=f"The answer speaks of something else than what the question asks about ({asked}).",
            expected=expected,
        )
    return Relevance(
        answers_question=True,
        reason=f"The answer gives {_what(expected)} and keeps to the question.",
        expected=expected,
    )


def _what(expected: AnswerType) -> str:
    return {
        AnswerType.NUMBER: "a number",
        AnswerType.DATE: "a date",
        AnswerType.PERSON: "a person",
        AnswerType.PLACE: "a place",
        AnswerType.NAME: "a name",
        AnswerType.ANY: "an answer",
    }[expected]
