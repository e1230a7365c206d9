"""The claims of one sentence as pieces: the span of the answer each comes from and the text it
will read, before the text is finished into a sentence.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from grounding.verify.claims.clauses import _clauses
from grounding.verify.claims.lists import _list_items
from grounding.verify.claims.segments import _MARKDOWN, _Segment
from grounding.verify.claims.words import _LEAD_STRIP, _Word, _words

_TERMINAL = re.compile(r"[\s.!?…]+$")


@dataclass(slots=True)
class _Piece:
    start: int
    end: int
    text: str
    sentence: int
    subject: str | None = None  # as written in the answer, before any pronoun is resolved


def _span(words: list[_Word], first: int, end: int) -> tuple[int, int]:
    last = words[end - 1]
    trimmed = last.raw.rstrip(",;:")
    return words[first].start, last.start + max(len(trimmed), 1)


def _finish(text: str) -> str:
    """A claim as a sentence: no markdown, one space between words, a capital and a full stop."""
    text = _MARKDOWN.sub("", text)
    text = " ".join(text.split()).strip().rstrip(",;:-–— ").strip()
    if not text:
        return text
    if not re.search(r"[.!?][\"'”’)\]]*$", text):
        text += "."
    for i, ch in enumerate(text):
        if ch.isalpha():
            if ch.islower() and len(ch.upper()) == 1 and not text[:i].strip(_LEAD_STRIP):
                text = text[:i] + ch.upper() + text[i + 1 :]
            break
    return text


def _body_words(answer: str, segment: _Segment) -> list[_Word]:
    """The words of a sentence without its closing punctuation."""
    body_end = segment.end
    match = _TERMINAL.search(answer, segment.start, segment.end)
    if match and match.start() > segment.start:
        body_end = match.start()
    return _words(answer, segment.start, body_end)


def _sentence_pieces(answer: str, segment: _Segment, index: int, intro: str) -> list[_Piece]:
    """The claims of one sentence: its clauses, each split further into list items."""
    words = _body_words(answer, segment)
    if not words:
        return []
    clauses = _clauses(words)
    if intro and clauses and clauses[0].subject is None:
        clauses[0].lead = intro
    subjects = [clause.subject if clause.lead != intro or not intro else None for clause in clauses]
    pieces: list[_Piece] = []
    for clause, subject in zip(clauses, subjects, strict=True):
        items = _list_items(words, clause)
        if not items:
            start, end = _span(words, clause.start, clause.end)
            text = clause.lead + answer[start:end]
            pieces.append(_Piece(start, end, text, index, subject))
            continue
        for f, b, prefix_end in items:
            start, end = _span(words, f, b)
            prefix = clause.lead
            if prefix_end is not None and prefix_end > clause.start:
                prefix += answer[words[clause.start].start : words[prefix_end].start]
            item = answer[start:end]
            if prefix.rstrip().lower().endswith(" the") and item.lower().startswith("the "):
                item = item[4:]
            pieces.append(_Piece(start, end, prefix + item, index, subject))
    if len(pieces) == 1 and not clauses[0].lead:
        pieces[0].start, pieces[0].end = segment.start, segment.end
    return pieces
