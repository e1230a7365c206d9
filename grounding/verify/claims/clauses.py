"""Clauses of a sentence: the main verb, the subject, and where a sentence splits into clauses.

A sentence is cut at '; ', ', but', ', while', ', whereas' and 'and' between clauses; a clause
without a subject of its own ("... and won the Nobel Prize") borrows the one it continues.
"""

from __future__ import annotations

from dataclasses import dataclass

from grounding.text.lexicon import (
    AUX_PRESENT,
    BE_FORMS,
    DETERMINERS,
    HAVE_FORMS,
    MODALS_AND_DO,
    NAME_SUFFIXES,
    PREPOSITIONS,
    RELATIVE_PRONOUNS,
    SUBJECT_PRONOUNS,
    SUBORDINATORS,
)
from grounding.verify.claims.words import (
    _ADJECTIVES,
    _ADVERBS,
    _ALNUM,
    _BASES,
    _CLOSE_QUOTES,
    _OPEN_QUOTES,
    _PASSIVE_PARTICIPLES,
    _PAST_ONLY,
    _STRONG_S,
    _Word,
    _words,
)


def _finite(words: list[_Word], k: int, start: int) -> str | None:
    """The verb reading of words[k] in context, or None where context says noun or adjective."""
    word = words[k]
    form = word.form
    if form is None and k > start and not word.cap and not word.masked:
        if words[k - 1].low in ("he", "she", "it") and word.low.endswith("s") and not word.low.endswith("ss"):
            return "pres"
    if form is None or form == "part":
        return None
    if word.cap and k != start:
        return None
    if form == "aux":
        return form
    if k == start:
        return form if form == "past" or not word.cap else None
    prev = words[k - 1]
    pl = prev.low
    if pl in DETERMINERS or pl == "to" or pl.endswith(("'s", "’s")):
        return None
    if form in ("pres", "base"):
        if pl in PREPOSITIONS or pl in _ADJECTIVES or pl[:1].isdigit() or prev.comma:
            return None
        if form == "base" and not (
            pl in {"they", "we", "i", "you"} or (pl.endswith("s") and not pl.endswith("ss")) or pl in MODALS_AND_DO
        ):
            return None
    return form


def _is_gerund(low: str) -> bool:
    return low.endswith("ing") and (low[:-3] in _BASES or low[:-3] + "e" in _BASES or low[:-4] in _BASES)


def _opens_phrase(words: list[_Word], start: int) -> bool:
    """Does a clause start with a subordinate or participle phrase ("Designed by X, it ...")?"""
    word = words[start]
    if word.low in SUBORDINATORS or word.form == "part" or _is_gerund(word.low):
        return True
    nxt = words[start + 1].low if start + 1 < len(words) else ""
    return word.form == "past" and word.low.endswith("ed") and nxt in PREPOSITIONS


def _main_verb(words: list[_Word], start: int, end: int) -> int | None:
    """Index of the clause's main verb, skipping a leading subordinate phrase and relative clauses."""
    begin = start
    if _opens_phrase(words, start):
        for k in range(start, end - 1):
            if words[k].comma and not words[k].masked:
                begin = k + 1
                break
    found: int | None = None
    for k in range(begin, end):
        if words[k].masked or _finite(words, k, begin) is None:
            continue
        if found is None:
            found = k
            if not any(words[m].low in RELATIVE_PRONOUNS and not words[m].masked for m in range(begin + 1, k)):
                return k
        else:
            return k
    return found


def _subject(words: list[_Word], start: int, verb: int) -> str | None:
    """The words before the main verb, cleaned for reuse: no parentheticals, appositives or adverbs."""
    begin = start
    if _opens_phrase(words, start):
        for k in range(start, verb):
            if words[k].comma and not words[k].masked:
                begin = k + 1
                break
    kept = [w for w in words[begin:verb] if not w.bracketed]
    if not kept:
        return None
    chunks: list[list[_Word]] = [[]]
    for w in kept:
        chunks[-1].append(w)
        if w.comma:
            chunks.append([])
    chunks = [c for c in chunks if c]
    while (
        len(chunks) > 1
        and len(chunks[0]) == 1
        and chunks[0][0].low
        in _ADVERBS | {"however", "moreover", "additionally", "furthermore", "notably", "today", "interestingly"}
    ):
        chunks = chunks[1:]
    if len(chunks) > 1 and chunks[0][0].cap and chunks[0][0].low not in PREPOSITIONS | SUBORDINATORS:
        suffix = len(chunks[1]) == 1 and chunks[1][0].low.rstrip(".") in NAME_SUFFIXES
        chunks = chunks[:2] if suffix else chunks[:1]
    chosen = [w for chunk in chunks for w in chunk]
    if chosen[-1].low in SUBJECT_PRONOUNS - {"this", "these", "there"} and len(chosen) > 1:
        chosen = chosen[-1:]
    text = " ".join(w.raw for w in chosen).rstrip(",;: ")
    return text or None


def _aux_info(words: list[_Word], verb: int, end: int) -> tuple[str | None, bool, bool]:
    """The auxiliary of a clause and whether it builds a passive or a perfect."""
    word = words[verb]
    if word.form != "aux":
        return None, False, False
    aux = word.raw
    nxt = verb + 1
    if nxt < end and words[nxt].low == "been":
        nxt += 1
    participle = nxt < end and words[nxt].form in ("part", "past")
    passive = participle and (word.low in BE_FORMS or (nxt > verb + 1))
    perfect = participle and word.low in HAVE_FORMS and nxt == verb + 1
    return aux, passive, perfect


def _tense(words: list[_Word], verb: int) -> str:
    word = words[verb]
    if word.form == "aux":
        return "present" if word.low in AUX_PRESENT else "past"
    return {"pres": "present", "base": "base"}.get(word.form or "", "past")


def _right_kind(words: list[_Word], r: int, end: int) -> str | None:
    """Is words[r:end] a full clause ('full'), a subject-less verb phrase ('vp') or neither?"""
    if r >= end:
        return None
    if words[r].masked:
        return "full" if _full_clause(words, r, end) else None
    k = r
    while k < end - 1 and words[k].low in _ADVERBS and not words[k].comma:
        k += 1
    word = words[k]
    if word.form is not None and not word.cap and word.low not in DETERMINERS:
        if word.form == "past" and word.low.endswith("ed") and k + 1 < end:
            nxt = words[k + 1]
            if not (
                nxt.cap
                or nxt.masked
                or nxt.low in DETERMINERS | PREPOSITIONS | _ADVERBS | {"to", "up", "out", "down", "off"}
                or nxt.low[:1].isdigit()
                or nxt.low.endswith("ly")
                or words[k].comma
            ):
                return None
        return "vp"
    if words[r].low in PREPOSITIONS:
        for j in range(r + 1, min(end, r + 7)):
            if words[j - 1].comma or words[j].low in SUBJECT_PRONOUNS:
                return "full" if _full_clause(words, j, end) else None
        return None
    return "full" if _full_clause(words, r, end) else None


_NO_NOUN = DETERMINERS | SUBJECT_PRONOUNS | PREPOSITIONS | SUBORDINATORS | RELATIVE_PRONOUNS
_POINTED_VERBS = frozenset("is was can could will would should may might must has had does did".split())


def _full_clause(words: list[_Word], r: int, end: int) -> bool:
    """Does words[r:] open with a subject and a finite verb ("his family moved", "she was")?"""
    if r >= end:
        return False
    first = words[r]
    if first.raw.startswith(_OPEN_QUOTES):
        close = next((k for k in range(r, end) if words[k].raw.rstrip(",;:").endswith(_CLOSE_QUOTES)), None)
        return close is not None and _verb_with_complement(words, close + 1, r, end)
    if first.masked:
        return False
    if first.low in SUBJECT_PRONOUNS:
        return _verb_with_complement(words, r + 1, r, end)
    # "that deposit can be refunded": "that" pointing at a noun, not opening a clause ("that the deposit ...")
    pointing = (
        first.low == "that"
        and r + 2 < end
        and words[r + 1].form is None
        and not (words[r + 1].cap or words[r + 1].low in _NO_NOUN)
        and (words[r + 2].low in _POINTED_VERBS or words[r + 2].low.endswith("ed"))
    )  # "that deposit can", "that victory sealed"; not "that exclusion diets are" (a clause said, not a thing)
    if not (first.low in DETERMINERS or pointing or first.cap or first.low[:1].isdigit() or first.low.endswith("'s")):
        return False
    for k in range(r + 1, min(end, r + 6)):
        word = words[k]
        if words[k - 1].comma or word.masked:
            return False
        if word.low in (PREPOSITIONS | SUBORDINATORS | RELATIVE_PRONOUNS | SUBJECT_PRONOUNS) - {"of"}:
            return False
        if _finite(words, k, r) is not None:
            return _verb_with_complement(words, k, r, end)
    return False


def _verb_with_complement(words: list[_Word], k: int, start: int, end: int) -> bool:
    """A finite verb at k, not an elided one ("...; Canberra is." says nothing on its own)."""
    if k >= end or _finite(words, k, start) is None:
        return False
    return words[k].form != "aux" or k + 1 < end


def _vp_carry(
    words: list[_Word], r: int, end: int, subject: str, left_verb: int, left_end: int, joiner: int
) -> str | None:
    """The words a subject-less clause needs in front ("Einstein", "Einstein was"), or None: no split."""
    k = r
    while k < end - 1 and words[k].low in _ADVERBS and not words[k].comma:
        k += 1
    word = words[k]
    form = word.form
    aux, passive, perfect = _aux_info(words, left_verb, left_end)
    tense = _tense(words, left_verb)
    nxt = words[k + 1].low if k + 1 < end else None
    if form == "aux":
        return subject
    if form == "past":
        if joiner > 0 and words[joiner - 1].low in _ADJECTIVES and word.low.endswith("ed"):
            return None
        if word.low in _PAST_ONLY:
            return subject
        if aux and perfect:
            return f"{subject} {aux}"
        by_agent = nxt == "by"
        typical = word.low in _PASSIVE_PARTICIPLES and (nxt is None or nxt in PREPOSITIONS)
        if aux and passive and (by_agent or typical):
            return f"{subject} {aux}"
        return subject
    if form == "part":
        return f"{subject} {aux}" if aux and (passive or perfect) else None
    if form == "pres":
        if tense == "present" or word.low in _STRONG_S:
            return subject
        before = words[joiner - 1] if joiner > 0 else None
        plural_before = before is not None and before.low.endswith("s") and not before.cap
        after = words[k + 1] if k + 1 < end else None
        takes_object = after is not None and (
            after.cap
            or after.low in DETERMINERS | PREPOSITIONS | {"more", "over", "about", "nearly", "almost"}
            or after.low[:1].isdigit()
        )
        return subject if takes_object and not plural_before else None
    if form == "base":
        if tense == "base":
            return subject
        negated = any(w.low in ("not", "never", "n't") for w in words[left_verb:left_end])
        if aux and words[left_verb].low in MODALS_AND_DO and not negated:
            return f"{subject} {aux}"
    return None


@dataclass(slots=True)
class _Clause:
    start: int
    end: int
    lead: str  # words carried in front: a subject, a subject and its auxiliary, or nothing
    subject: str | None = None  # its own, or the one it borrowed
    verb: int | None = None


def _clauses(words: list[_Word]) -> list[_Clause]:
    """Cut a sentence at '; ', ', but', ', while', ', whereas' and 'and' between clauses."""
    n = len(words)
    clauses = [_Clause(0, n, "")]
    _describe(words, clauses[0])
    i = 1
    while i < n:
        current = clauses[-1]
        word = words[i]
        right: int | None = None
        joiner = i
        if words[i - 1].semi and not words[i - 1].masked:
            right = i
        elif not word.masked and word.low in ("and", "but", "while", "whereas", "yet"):
            if word.low == "and" or word.low == "but" or words[i - 1].comma:
                right = i + 1
        if right is None or right >= n or i <= current.start:
            i += 1
            continue
        kind = _right_kind(words, right, n)
        owner = _owner(clauses)
        left_has_verb = current.verb is not None and current.verb < i
        complement = any(
            words[m].low in ("that", "whether", "if") and not words[m].masked
            for m in range((current.verb or current.start) + 1, i)
        )
        if complement and words[right].low == "that":
            kind = None  # "explained that ..., but that medication should be ...": the same verb's second complement
        if kind == "full" and left_has_verb and (right == i or words[i - 1].comma or not complement):
            current.end = i
            clause = _Clause(right, n, "")
            _describe(words, clause)
            clauses.append(clause)
            i = right + 1
            continue
        if (
            kind == "vp"
            and owner.subject
            and owner.verb is not None
            and owner.verb < i
            and word.low not in ("while", "whereas", "yet")
        ):
            carry = _vp_carry(words, right, n, owner.subject, owner.verb, i, joiner)
            if carry:
                series = _vp_series(words, owner, current.start, i) if word.low == "and" else []
                for cut in series:
                    lead = _vp_carry(words, cut, i, owner.subject, owner.verb, cut - 1, cut - 1)
                    if not lead:
                        continue
                    clauses[-1].end = cut
                    clauses.append(_carried(words, cut, i, lead, owner.subject))
                clauses[-1].end = i
                clauses.append(_carried(words, right, n, carry, owner.subject))
                i = right + 1
                continue
        i += 1
    for clause in clauses:
        while clause.end > clause.start and not _ALNUM.search(words[clause.end - 1].raw):
            clause.end -= 1
    return [c for c in clauses if c.end > c.start]


def _carried(words: list[_Word], start: int, end: int, lead: str, subject: str) -> _Clause:
    """A subject-less clause with the words it borrows; its own verb still counts for later cuts."""
    return _Clause(start, end, lead + " ", subject, _main_verb(words, start, end))


def _owner(clauses: list[_Clause]) -> _Clause:
    """The nearest clause with a subject of its own: the one a subject-less clause borrows from."""
    for clause in reversed(clauses):
        if not clause.lead:
            return clause
    return clauses[0]


def _describe(words: list[_Word], clause: _Clause) -> None:
    verb = _main_verb(words, clause.start, clause.end)
    clause.verb = verb
    clause.subject = _subject(words, clause.start, verb) if verb is not None and verb > clause.start else None


def _vp_series(words: list[_Word], owner: _Clause, start: int, stop: int) -> list[int]:
    """Earlier ', verb ...' items of 'was born in Ulm, grew up in Munich and studied in Zurich'."""
    begin = max(start, (owner.verb or start) + 1)
    cuts = []
    for k in range(begin, stop - 1):
        if words[k].comma and not words[k].masked and _right_kind(words, k + 1, stop) == "vp":
            cuts.append(k + 1)
    return cuts


def _has_verb(text: str) -> bool:
    """A verb that makes a span a statement rather than a bare answer ("Delhi", "the 1921 prize")."""
    words = _words(text, 0, len(text))
    for k, word in enumerate(words):
        if word.masked or word.form is None or (word.cap and k > 0):
            continue
        prev = words[k - 1].low if k else ""
        if word.form == "aux" or (word.form in ("past", "part") and prev not in DETERMINERS):
            return True
        if word.form in ("pres", "base") and prev in SUBJECT_PRONOUNS - {"this", "these"}:
            return True
        if word.form == "pres" and k and words[k - 1].cap and k + 1 < len(words) and not prev.endswith("'s"):
            return True
    return False
