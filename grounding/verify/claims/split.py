"""`split_claims`: segments, sentences, clauses and list items tied together into atomic claims."""

from __future__ import annotations

from grounding.text.lexicon import SUBJECT_PRONOUNS
from grounding.types import Claim
from grounding.verify.claims.clauses import _clauses
from grounding.verify.claims.pieces import _body_words, _finish, _Piece, _sentence_pieces
from grounding.verify.claims.pronouns import _is_named_thing, _resolve, is_person_name
from grounding.verify.claims.questions import _answer_to_question
from grounding.verify.claims.segments import _asserted_in_question, _clean, _content, _Segment, _segments, is_non_claim
from grounding.verify.claims.words import _ALNUM


def split_claims(answer: str, question: str | None = None, resolve_pronouns: bool = True) -> list[Claim]:
    """Atomic claims of an answer, in answer order, each with the span of the words it came from.

    Sentences are split into clauses at '; ', ', but', ', while', ', whereas' and 'and' (a clause
    without a subject borrows the sentence's), enumerations after a shared predicate become one
    claim per item, and greetings, hedges, questions and abstentions yield no claim. A short answer
    with its question ("Delhi" to "Where ...?") is rewritten into one checkable statement, and a
    leading "He"/"She" ("It") takes the name of the person (named thing) an earlier claim was about.
    """
    if not answer or not answer.strip():
        return []
    segments = _segments(answer)
    content = _content(answer, segments)
    pieces: list[_Piece] = []
    if question and question.strip():
        piece = _answer_to_question(answer, segments, content, question)
        if piece is not None:
            pieces.append(piece)
            content = [i for i in content if segments[i].end <= piece.start or segments[i].start >= piece.end]
    lending = _lending_intros(answer, segments, content)
    for i, segment in enumerate(segments):
        if segment.kind == "text" and i not in content and answer[segment.start : segment.end].rstrip().endswith("?"):
            for start, end in _asserted_in_question(answer, segment.start, segment.end):
                pieces.extend(_sentence_pieces(answer, _Segment(start, end, "text"), i, ""))
    for i in content:
        segment = segments[i]
        if i in lending:
            continue
        intro = ""
        if segment.intro in lending:
            intro = _clean(answer[segments[segment.intro].start : segments[segment.intro].end]).rstrip(": ") + ": "
        pieces.extend(_sentence_pieces(answer, segment, i, intro))
    pieces.sort(key=lambda p: (p.start, p.end))
    claims: list[Claim] = []
    person: str | None = None
    thing: str | None = None
    for piece in pieces:
        text = _finish(piece.text)
        if not _ALNUM.search(text) or not _ALNUM.search(answer[piece.start : piece.end]):
            continue
        if resolve_pronouns:
            text = _resolve(text, person, thing)
        subject = _clean(piece.subject).strip("\"'“”") if piece.subject else None
        if subject and is_person_name(subject):
            person = subject
        if subject and _is_named_thing(subject):
            thing = subject
        elif subject and subject.lower() not in SUBJECT_PRONOUNS:
            thing = None
        claims.append(Claim(index=len(claims), text=text, start=piece.start, end=piece.end, sentence=piece.sentence))
    return claims


def _lending_intros(answer: str, segments: list[_Segment], content: list[int]) -> set[int]:
    """Intros ending in ':' whose words complete the subject-less items below them.

    Such an intro ("Switzerland borders:") is no claim of its own; each item becomes one
    ("Switzerland borders: France").
    """
    lending: set[int] = set()
    for i in content:
        intro = segments[i].intro
        if intro is None or intro in lending:
            continue
        text = answer[segments[intro].start : segments[intro].end].rstrip()
        if is_non_claim(text[:-1] + ".") or not text.endswith(":"):
            continue
        words = _body_words(answer, segments[i])
        clauses = _clauses(words) if words else []
        if clauses and clauses[0].subject is None:
            lending.add(intro)
    return lending
