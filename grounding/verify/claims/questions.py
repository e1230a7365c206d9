"""Terse answers read with their question: "Delhi" to "What is the capital of India?" states
"The capital of India is Delhi." (wh-, how, yes/no and either-or questions).

Only the question's own words, its answer and a little template glue (`TEMPLATE_WORDS`) go into
the statement, so the rewrite never adds a fact the answer did not give.
"""

from __future__ import annotations

import re

from grounding.text.lexicon import (
    AUXILIARIES,
    BE_FORMS,
    DETERMINERS,
    MODALS_AND_DO,
    MONTHS,
    NAME_CONNECTORS,
    PREPOSITIONS,
    WH_WORDS,
)
from grounding.verify.claims.clauses import _has_verb
from grounding.verify.claims.pieces import _finish, _Piece
from grounding.verify.claims.segments import _clean, _content, _rstrip, _Segment, _segments
from grounding.verify.claims.words import _ALNUM, _LEAD_STRIP, _TRAIL_STRIP, _conjugate, _verb_form

# Words a claim may contain that come from neither the answer nor the question: the glue of the
# question templates ("The capital of Australia *is* Canberra", "X was born *in* 1879") and the
# possessive "'s" of a resolved pronoun. Inflections of question verbs ("did ... win" -> "won")
# are the only other new words.
TEMPLATE_WORDS = frozenset("is are was were the of not in on did does do has have had years s".split())

_YES_NO = re.compile(
    r"\s*(?P<word>yes|yeah|yep|correct|true|right|no|nope|incorrect|false)\b"
    r"(?:[\s,.!;:-]*(?:(?:it|he|she|they|that|there|this|we|i|you)\s+)?(?:is|was|are|were|does|did|do|has"
    r"|have|had|can|could|will|would)(?:n't|\s+not)?)?[\s.!]*",
    re.IGNORECASE,
)
_NEGATIVE = frozenset("no nope incorrect false".split())


def _is_short(text: str) -> bool:
    words = text.split()
    return 0 < len(words) <= 8 and not _has_verb(text)


_PRONOUN_CLAUSE = re.compile(
    r"\b(?:(?:i|you|he|she|it|we|they|that|there)(?:['’](?:s|re|m|ve|ll|d)\b|\s+(?:\w+ly\s+|also\s+|still\s+|even\s+"
    r"|only\s+|just\s+|never\s+|always\s+|often\s+)*\w+(?:s|ed)\b)|\w+n['’]t\b)",
    re.IGNORECASE,
)


def _states_something(text: str) -> bool:
    """ "It also stars X", "it's actually a thriller", "he didn't compose it": a clause of its own,
    though its pronoun subject and short length make it look like a bare answer."""
    words = re.findall(r"[\w'’]+", text)
    if len(words) >= 2 and all(w[:1].isupper() or w[:1].isdigit() for w in words):
        return False  # "She's Gotta Have It" is a title, the answer to "Which film ...?"
    return bool(_PRONOUN_CLAUSE.search(text))


def _np_length(words: list[str], stop_at_verbs: bool, leave_predicate: bool = False) -> int:
    """How many leading words form the subject noun phrase of a question's remainder."""
    if not words:
        return 0
    head = words[1] if words[0].lower() in DETERMINERS and len(words) > 1 else words[0]
    capital_run = head[:1].isupper()
    i = 1
    while i < len(words):
        w = words[i].strip(_TRAIL_STRIP + _LEAD_STRIP)
        lw = w.lower()
        prev = words[i - 1]
        if not w:
            break
        if lw in AUXILIARIES or lw in DETERMINERS or lw in WH_WORDS:
            break
        if lw in PREPOSITIONS and lw != "of":
            break
        form = _verb_form(lw)
        if form in ("part", "past") and not w[:1].isupper():
            break
        after_determiner = prev.lower() in DETERMINERS
        if stop_at_verbs and form in ("base", "pres") and not w[:1].isupper() and not after_determiner:
            break
        if lw.endswith(("'s", "’s")) and i > 0 and prev[:1].isupper():
            break
        if lw == "of":
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if capital_run and not nxt[:1].isupper():
                break
        elif lw == "and":
            nxt = words[i + 1] if i + 1 < len(words) else ""
            if not nxt[:1].isupper():
                break
        elif capital_run and not w[:1].isupper() and not w[:1].isdigit():
            break
        elif not capital_run and w[:1].isupper() and not prev[:1].isupper() and prev.lower() != "of":
            if not (i == 2 and words[0].lower() in ("the", "a", "an")):
                break
            capital_run = True
        i += 1
    if i >= len(words) and len(words) > 1 and leave_predicate:
        i = len(words) - 1
    return max(i, 1)


def _wh_np_end(words: list[str], start: int) -> int:
    """End of the noun after 'which'/'what' ("which magazine", "what government position")."""
    i = start
    while i < len(words):
        w = words[i]
        lw = w.lower().strip(",")
        if lw in AUXILIARIES:
            break
        if i > start and not w[:1].isupper():
            form = _verb_form(lw)
            if form in ("past", "pres", "base", "part") and lw not in ("of",):
                break
        if w.endswith(",") and i > start:
            close = next((j for j in range(i + 1, len(words)) if words[j].endswith(",")), None)
            if close is not None:
                return close + 1
        i += 1
    return i


def _join(*parts: str) -> str:
    return " ".join(p.strip() for p in parts if p and p.strip())


def _lower_article(answer: str) -> str:
    """'The Nobel Prize' in the middle of a sentence reads 'the Nobel Prize'."""
    first, _, rest = answer.partition(" ")
    if first in ("The", "A", "An") and rest:
        return first.lower() + " " + rest
    return answer


def _time_place(answer: str, wh: str, prep: str | None) -> str:
    low = answer.lower()
    first = low.split()[0] if low.split() else ""
    if first in PREPOSITIONS or first in ("around", "circa", "approximately", "about"):
        return answer
    if prep:
        return f"{prep} {answer}"
    if wh == "where":
        return f"in {answer}"
    tokens = re.findall(r"\w+", low)
    has_month = any(t in MONTHS for t in tokens)
    has_day = any(t.isdigit() and len(t) <= 2 for t in tokens)
    if has_month and has_day:
        return f"on {answer}"
    if tokens and (tokens[0].isdigit() or has_month or tokens[0] in ("the", "early", "late", "mid")):
        return f"in {answer}"
    return answer


def _yes_no_claim(words: list[str], negative: bool) -> str | None:
    aux = words[0].lower()
    rest = words[1:]
    if not rest:
        return None
    if aux in ("do", "does", "did"):
        n = _np_length(rest, stop_at_verbs=True)
        if n >= len(rest):
            return None
        subject, verb, tail = rest[:n], rest[n], rest[n + 1 :]
        if negative:
            return _join(" ".join(subject), aux, "not", verb, " ".join(tail))
        return _join(" ".join(subject), _conjugate(aux, verb), " ".join(tail))
    n = _np_length(rest, stop_at_verbs=False, leave_predicate=True)
    if n >= len(rest):
        return None
    return _join(" ".join(rest[:n]), aux, "not" if negative else "", " ".join(rest[n:]))


def _rest_clause(aux: str, rest: list[str], answer: str, wh: str, prep: str | None) -> str | None:
    """'[aux] S V rest' after a wh-phrase, with the answer put where the wh-phrase stood."""
    if not rest:
        return None
    do_support = aux in ("do", "does", "did")
    n = _np_length(rest, stop_at_verbs=do_support)
    if n > len(rest):
        return None
    subject = " ".join(rest[:n])
    tail = rest[n:]
    if do_support:
        if not tail:
            return None
        verb = _conjugate(aux, tail[0])
        tail = tail[1:]
    else:
        verb = aux
    tail_text = " ".join(tail)
    if wh in ("where", "when") or prep:
        return _join(subject, verb, tail_text, _time_place(answer, wh, prep))
    if tail and tail[-1].lower() in PREPOSITIONS:
        return _join(subject, verb, tail_text, answer)
    if do_support:
        return _join(subject, verb, _lower_article(answer), tail_text)
    return _join(subject, verb, tail_text, _lower_article(answer))


def _how_claim(words: list[str], answer: str) -> str | None:
    second = words[1].lower() if len(words) > 1 else ""
    if second in ("many", "much"):
        end = _wh_np_end(words, 2)
        noun = " ".join(words[2:end])
        rest = words[end:]
        if not rest:
            return None
        amount = answer if not noun or noun.split()[-1].lower()[:4] in answer.lower() else f"{answer} {noun}"
        aux = rest[0].lower()
        if aux in ("do", "does", "did", "has", "have", "had", "will", "can", "could", "would"):
            tail = rest[1:]
            n = _np_length(tail, stop_at_verbs=aux in ("do", "does", "did"))
            if n >= len(tail) and aux in ("do", "does", "did"):
                return None
            subject = " ".join(tail[:n])
            after = tail[n:]
            if aux in ("do", "does", "did"):
                return _join(subject, _conjugate(aux, after[0]), amount, " ".join(after[1:]))
            if after:
                return _join(subject, aux, after[0], amount, " ".join(after[1:]))
            return _join(subject, aux, amount)
        if rest[0].lower() == "there" or (len(rest) > 1 and rest[1].lower() == "there"):
            return None
        return _join(amount, " ".join(rest))
    if len(words) > 2 and words[2].lower() in BE_FORMS:
        adjective = words[1]
        tail = words[3:]
        n = _np_length(tail, stop_at_verbs=False)
        subject = " ".join(tail[:n])
        unit = " years" if adjective.lower() == "old" and answer.strip().replace(".", "").isdigit() else ""
        return _join(subject, words[2], f"{answer}{unit}", adjective, " ".join(tail[n:]))
    return None


def _strip_choices(question: str) -> str:
    """'Which came first, A or B' -> 'Which came first'."""
    match = re.match(r"(.+?),\s*(?:[^,]+,\s*)*[^,]+\s+or\s+[^,]+$", question)
    if match and question.split()[0].lower() in WH_WORDS | AUXILIARIES:
        return match.group(1)
    return question


def _is_bare_predicate(rest: list[str]) -> bool:
    """'younger', 'older than Bob', 'taller': what 'Who is ___' asks about its answer, not a noun phrase."""
    head = rest[0].strip(",").lower()
    return (
        not rest[0][:1].isupper()
        and head not in DETERMINERS
        and (head.endswith("er") or head.endswith("est") or head in ("first", "last", "older", "elder"))
    )


def _choice_claim(words: list[str], answer: str) -> str | None:
    """'Was A or B published first' + 'A' -> 'A was published first' (also with did/does/do)."""
    aux = words[0].lower()
    text = " ".join(words[1:])
    left, sep, right = text.partition(" or ")
    if not sep or aux not in BE_FORMS | MODALS_AND_DO:
        return None
    right_words = right.split()
    n = 0
    while n < len(right_words) and (
        right_words[n][:1].isupper()
        or right_words[n][:1].isdigit()
        or (n and right_words[n].lower() in NAME_CONNECTORS)
    ):
        n += 1
    option_b, tail = " ".join(right_words[:n]), right_words[n:]
    if not option_b or not tail:
        return None
    picked = answer.strip().rstrip(".!").lower()
    if picked not in (left.lower(), option_b.lower()) and not any(
        picked.startswith(option.lower()) or option.lower().startswith(picked) for option in (left, option_b)
    ):
        return None
    if aux in ("do", "does", "did"):
        return _join(answer.strip().rstrip(".!"), _conjugate(aux, tail[0]), " ".join(tail[1:]))
    return _join(answer.strip().rstrip(".!"), aux, " ".join(tail))


def _question_claim(question: str, answer: str) -> str | None:
    """A statement that says what the short answer says, built from its question; None where the
    question's shape is not one the rewriting knows."""
    q = " ".join(question.split()).strip().rstrip("?.! ").strip()
    if not q:
        return answer
    q = _strip_choices(q)
    words = q.split()
    first = words[0].lower()
    result: str | None = None
    if first in AUXILIARIES and len(words) > 3:
        result = _choice_claim(words, answer)
    if result:
        return result
    if first in PREPOSITIONS and len(words) > 3 and words[1].lower() in ("which", "what"):
        end = _wh_np_end(words, 2)
        if end < len(words) and words[end].lower() in AUXILIARIES:
            result = _rest_clause(words[end].lower(), words[end + 1 :], answer, "", first)
    elif first in ("where", "when") and len(words) > 2 and words[1].lower() in AUXILIARIES:
        result = _rest_clause(words[1].lower(), words[2:], answer, first, None)
    elif first == "how" and len(words) > 2:
        result = _how_claim(words, answer)
    elif first in ("who", "whom", "what", "which") and len(words) > 1:
        result = _wh_claim(words, answer)
    elif first not in WH_WORDS:
        result = _embedded_wh(words, answer)
    return result


def _wh_claim(words: list[str], answer: str) -> str | None:
    first = words[0].lower()
    second = words[1].lower()
    if second in AUXILIARIES:
        aux, rest = second, words[2:]
        if not rest:
            return None
        if aux in ("do", "does", "did"):
            return _rest_clause(aux, rest, answer, "", None)
        if rest[-1].lower() in PREPOSITIONS:
            return _rest_clause(aux, rest, answer, "", None)
        starts_np = rest[0].lower() in DETERMINERS or rest[0].lower().endswith(("'s", "’s"))
        participle = _verb_form(rest[0].lower()) in ("part", "past") and not rest[0][:1].isupper()
        if first == "what" and not participle:
            return _join(" ".join(rest), aux, _lower_article(answer))
        if first in ("who", "which") and (starts_np or participle or first == "which"):
            return _join(answer, aux, " ".join(rest))
        if first in ("who", "whom") and not _is_bare_predicate(rest):
            return _join(" ".join(rest), aux, _lower_article(answer))
        return _join(answer, aux, " ".join(rest))
    if first in ("who", "what") and _verb_form(second) is not None and not words[1][:1].isupper():
        return _join(answer, " ".join(words[1:]))
    if first in ("what", "which"):
        end = _wh_np_end(words, 1)
        if end >= len(words):
            return None
        verb = words[end].lower()
        rest = words[end + 1 :]
        if verb in ("do", "does", "did"):
            return _rest_clause(verb, rest, answer, "", None)
        if verb in AUXILIARIES and rest and rest[-1].lower() in PREPOSITIONS:
            return _rest_clause(verb, rest, answer, "", None)
        return _join(answer, " ".join(words[end:]))
    return None


def _embedded_wh(words: list[str], answer: str) -> str | None:
    """'X is based in what city' -> 'X is based in <answer>'."""
    positions = [i for i, w in enumerate(words) if w.lower().strip(",") in ("what", "which", "who", "whom")]
    if not positions:
        return None
    i = positions[-1]
    if words[i].lower() in ("who", "whom"):
        end = i + 1
    else:
        end = i + 1
        while (
            end < len(words)
            and words[end].lower() not in PREPOSITIONS | AUXILIARIES
            and _verb_form(words[end].lower()) not in ("past", "pres", "part")
        ):
            end += 1
    tail = words[end:]
    spoken = answer.rstrip(" .!").split()
    while tail and len(spoken) > len(tail) and [w.lower() for w in spoken[-len(tail) :]] == [w.lower() for w in tail]:
        tail = []
    return _join(" ".join(words[:i]), _lower_article(answer.rstrip(" .!") if not tail else answer), " ".join(tail))


def read_with_question(answer: str, question: str | None) -> str:
    """A terse answer as the statement it makes with its question; any other answer unchanged.

    "Delhi" to "What is the capital of India?" reads "The capital of India is Delhi.". Used where
    the whole answer is judged at once, so that a one-word answer is not judged as a bare name. An
    answer that says more ("Exactly. She played in London in 2012.") is left as it is: its opening
    word is a reply to the conversation, not a statement to complete.
    """
    if not question or not question.strip() or not answer.strip():
        return answer.strip()
    segments = _segments(answer)
    content = _content(answer, segments)
    piece = _answer_to_question(answer, segments, content, question)
    if piece is None or _ALNUM.search(answer[: piece.start] + " " + answer[piece.end :]):
        return answer.strip()
    if piece.text.startswith(f"{question.strip().rstrip('?').strip()}:"):
        return answer.strip()  # no statement could be made of it, only "turn: reply"
    return _finish(piece.text)


def _answer_to_question(answer: str, segments: list[_Segment], content: list[int], question: str) -> _Piece | None:
    """The one claim of a terse answer ("Delhi", "Yes, it is") read together with its question."""
    whole = _clean(answer)
    yes_no = _YES_NO.fullmatch(whole)
    if yes_no:
        negative = yes_no.group("word").lower() in _NEGATIVE
        q = " ".join(question.split()).strip().rstrip("?.! ")
        text = _yes_no_claim(q.split(), negative) if q and q.split()[0].lower() in AUXILIARIES else None
        first = next((i for i, s in enumerate(segments) if _ALNUM.search(answer[s.start : s.end])), 0)
        start = len(answer) - len(answer.lstrip())
        text = text or f"{question.strip().rstrip('?').strip()}: {yes_no.group('word')}"
        return _Piece(start, _rstrip(answer, start, len(answer)), text, first)
    if not content:
        return None
    first = content[0]
    if any(s.kind not in ("filler", "heading") for s in segments[:first]):
        return None
    segment = segments[first]
    value = _clean(answer[segment.start : segment.end]).rstrip(".!;: ")
    if not value or not _is_short(value):
        return None
    end = _rstrip(answer, segment.start, segment.end)
    if _states_something(value):
        return None  # "It also stars X" is a sentence of its own; the question adds no content to it
    claim = _question_claim(question, value) or f"{question.strip().rstrip('?').strip()}: {value}"
    return _Piece(segment.start, end, claim, first)
