"""A claim that says what its evidence says, but reversed: the `antonyms` rule.

As with a negation (`negation.py`), every word of such a claim matches its evidence but one, and a small
cross-encoder reads it as entailed. The rule compares the claim with the evidence sentences that state
the same thing in nearly the same words (most of the claim's content words, near one another:
`reading.py`), and looks for one word replaced by its opposite about the same subject ("net income rose"
vs "net income fell") or before the same words ("after the French Revolution" vs "before the French
Revolution"), frequencies included ("once daily" vs "twice daily"), whatever grades them ("a good
conductor" vs "an excellent insulator").

It finds a contradiction only where the evidence states the other version outright; a claim the evidence
merely does not mention is left to the model.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

from grounding.text.lexicon import (
    ANTONYMS,
    DAYS_OF_THE_WEEK,
    FREQUENCIES,
    FREQUENCY_UNITS,
    MOVES_DOWN,
    MOVES_UP,
    PHRASAL_MOVES,
    SETTING,
    STOPWORDS,
    WORD_NUMBERS,
    count_of,
)
from grounding.types import RuleFinding
from grounding.verify.rules.base import CLAUSE_BREAK, contradiction, quote
from grounding.verify.rules.reading import (
    _ARTICLES,
    _NOT_A_VERB,
    _RATE_UNITS,
    _SINCE,
    _clause,
    _clauses,
    _content,
    _counts,
    _days_as_spans,
    _matching,
    _negated,
    _other_days,
    _said_for_other_days,
    _Sentence,
    _sentences,
    _stems,
    _words,
)

_MOVED = frozenset({"up-from", "down-from"})


_TIMES_OF = frozenset({"last", "this", "next", "again", "today", "yesterday", "overnight"})


def _has_object(words: list[str], i: int) -> bool:
    """The verb at `i` moves a thing named after it ("reduced its net debt", "cut prices"), not its subject
    ("fell last year", "rose sharply", "increased in May", "rose 5%")."""
    after = words[i + 1] if i + 1 < len(words) else ""
    if after in {"its", "their", "his", "her", "our", "the", "a", "an", "my", "your"}:
        return True
    return (
        bool(after)
        and after not in STOPWORDS | _TIMES_OF | _SINCE
        and not after.endswith("ly")
        and not after[0].isdigit()
    )


def _moved_opposites(word: str) -> frozenset[str]:
    if word == "up-from":
        return MOVES_DOWN
    if word == "down-from":
        return MOVES_UP
    return frozenset({"up-from"} if word in MOVES_DOWN else {"down-from"} if word in MOVES_UP else ())


def _phrased_opposites(word: str) -> frozenset[str]:
    """ "denser" and "less-dense" say opposite things, as "more-dense" and "less-dense" do: a comparison in one
    word against the other direction in two."""
    if word.startswith(("less-", "more-")):
        more, base = word.split("-", 1)
        other = {"less-": "more-", "more-": "less-"}[more + "-"] + base
        if more == "more":
            return frozenset({other})
        return frozenset({other, base + "er", base + "r", base[:-1] + "ier", base + base[-1:] + "er"})
    if len(word) > 4 and word.endswith("er"):
        bases = {word[:-2], word[:-1], word[:-3] + "y", word[:-3]}
        return frozenset(f"less-{b}" for b in bases if len(b) > 2)
    return frozenset()


def _counted(words: Sequence[str], position: int) -> str:
    """The word at `position`, with the count before a rate ("12-times daily"), so a finding says the rate."""
    before = words[position - 1] if position else ""
    return f"{before} {words[position]}" if words[position] in _RATE_UNITS and _counts(before) else words[position]


def _spoken(word: str) -> str:
    spoken = word.replace("-times", " times").replace("more-", "more ").replace("less-", "less ")
    spoken = spoken.replace("-from", " from")
    return spoken.replace("-", " ") if spoken.startswith("every-") else spoken


def _as_written(word: str, text: str) -> str:
    """A move quoted as `text` says it: "went up", not the "rose" it was read as."""
    for (verb, particle), moved in PHRASAL_MOVES.items():
        if moved == word and re.search(rf"\b{verb}\s+{particle}\b", text, re.I):
            return f"{verb} {particle}"
    return word


_GRADING = frozenset(
    {"good", "great", "excellent", "very", "highly", "extremely", "efficient"}
    | {"readily", "freely", "easily", "mildly", "slightly", "strongly", "weakly", "distinctly", "practically"}
)
"""Words that grade the claim's word without turning it: "a good conductor" and "an excellent insulator"
still say opposite things, so they are neither the subject nor words the evidence must repeat."""
_WEAKENING = frozenset({"poor", "bad", "weak", "inefficient"})
"""Words that turn the claim's word: "a poor conductor" is no contradiction of "an insulator"."""


_PLACES = frozenset({"second", "third", "fourth", "fifth", "2nd", "3rd", "4th", "5th"})


def _placed_lower(words: list[str], evidence: str) -> RuleFinding | None:
    """ "Orlis Airport was Velmark's busiest airport" against "Orlis Airport was the second-busiest": a clause
    about what the claim opens on ranks it below the top by the claim's own superlative."""
    head = [w for w in words if w not in STOPWORDS][:1]
    for i, word in enumerate(words):
        if not head or not word.endswith("est") or (i and words[i - 1] in _PLACES) or word in head:
            continue
        for sentence in _sentences(evidence):
            for clause in _clauses(sentence.read):
                places = [j for j in range(1, len(clause)) if clause[j] == word and clause[j - 1] in _PLACES]
                if places and head[0] in clause[: places[0]]:
                    place = clause[places[0] - 1]
                    detail = f"The evidence ranks it {place}, not first: {quote(sentence.text)}"
                    return contradiction("antonyms", detail, sentence.text)
    return None


class AntonymRule:
    name = "antonyms"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        if placed := _placed_lower(_words(claim), evidence):
            return [placed]
        if opening := _hours_on_a_closed_day(claim, evidence):
            return [opening]
        unexplained = _REASON.sub("", claim)  # "won the final thanks to a late goal": the win is what is turned
        found = self._turned(claim, evidence) or (self._turned(unexplained, evidence) if unexplained != claim else [])
        # "At the Dellory facility the fume hoods are recertified every week": the hoods are what the rate is of
        unframed = SETTING.sub("", claim, count=1)
        return found or (self._turned(unframed, evidence) if unframed != claim else [])

    def _turned(self, claim: str, evidence: str) -> list[RuleFinding]:
        said = _days_as_spans(_as_verb(claim), evidence)
        words = _words(said)
        head = [w for w in words if w not in STOPWORDS][:1]
        parts = _clause_of_each_word(said, words)
        for i, word in enumerate(words):
            rate = word not in ANTONYMS and bool(_other_frequencies(word))
            if rate and _counted_rate_said_as_a_span(words, i, evidence):
                continue
            opposites = (
                ANTONYMS.get(word, frozenset())
                | _other_frequencies(word)
                | _phrased_opposites(word)
                | _moved_opposites(word)
            )
            if not opposites:
                continue
            ranked = _superlative_opposites(word)
            if words[i - 1 : i] and words[i - 1] in _WEAKENING:
                continue  # "a poor conductor" says what "an insulator" says
            first, last = parts[i]
            subject = (
                _subject_before(words[max(first, i - 4) : i])
                or _subject_before(words[max(0, i - 4) : i])
                or _subject_before(words[first:i])  # "Wendhall is located on the south bank"
            )
            anchor = [w for w in words[i + 1 : i + 5] if w not in STOPWORDS and w not in _GRADING][:2]  # not "readily"
            drop = frozenset({word, *opposites, *ranked}) | _GRADING
            # a comparison is read in its own clause: "Argon is lighter than air, so it rises"
            matched = _matching(words[first:last] if words[i + 1 : i + 2] == ["than"] else words, evidence, drop)
            # or a clause that opens on the claim's subject and ends on the opposite, unqualified, whatever else
            # the claim says ("The lake is deep" / "The lake is very shallow"; "The newsletter is sent daily" /
            # "The newsletter goes out once a week"; not "The shop is closed on Sundays")
            loose = [(s, True) for s in _sentences(evidence) if s not in matched]
            for sentence, is_loose in [(s, False) for s in matched] + loose:
                clause = _clause(words, sentence.read)
                ends_opposite = clause[-1:] and clause[-1] in opposites or _ranked_among(clause, ranked)
                # a rate said of what the claim is about, wherever it stands: "Adalimumab injections are given
                # once a week" / "Adalimumab is injected once every two weeks"; and a figure "up from" another
                # said of what the claim moves: "Brentwick Foods reduced its net debt" / "Brentwick Foods ended
                # the year with net debt of £410 million, up from £352 million"
                of_the_head = bool(opposites & _MOVED or rate) and word not in clause and _opens_on(clause, head, rate)
                # "the board's monthly meetings" / "The board ..., chaired by ..., meets four times a year"
                of_the_rated = rate and _rate_of(_rated(words, i), sentence.words, opposites)
                # or a rate said of the thing the claim puts it on, just before it: "take their methotrexate tablets
                # every morning" / "For rheumatoid arthritis, methotrexate is taken once a week"
                named = (
                    rate
                    and not _counts(word)
                    and word not in clause
                    and (_rate_of(subject + _rated(words, i), clause, opposites) or of_the_rated)
                    and _says_most_of_a_rate(words, clause, sentence, evidence)
                    and not _other_days(claim, sentence.text)  # "Monday to Saturday, ... hourly": another timetable
                )
                of_the_head = of_the_head or named
                if is_loose and not (_opens_on(clause, subject) and ends_opposite) and not of_the_head:
                    continue
                only_figures = is_loose and not rate and not (_opens_on(clause, subject) and ends_opposite)
                who = [] if of_the_head and rate else subject[:1] if is_loose else subject
                if not is_loose:
                    # a matched sentence may name the subject without a modifier: "revenue for the third quarter fell"
                    # says of "quarterly revenue" what its "revenue" does; never without its head noun ("the total
                    # vale" is no "total"), and a word the sentence gives in another clause still picks the subject
                    # out ("Quellon X1" / "Quellon X2")
                    if who and who[-1] in sentence.words:
                        who = [w for w in who if w in sentence.words]
                moved = anchor if _has_object(words, i) else subject
                found = None
                if word not in clause and _negated(clause) == _negated(words):  # "does not open" is "is closed"
                    near = (
                        _counted(clause, j)
                        for j, o in enumerate(clause)
                        if not only_figures
                        and o not in _MOVED
                        and (o in opposites or o in ranked and _ranked(clause, j))
                        and (
                            _near(who, clause, j)
                            or bool(who)
                            and set(who) <= set(clause[: min(j, 5)])
                            # a clause about the subject says its opposite after all its words: "seeds treated
                            # with the new polymer coating germinated on average 2.3 days faster"
                            or bool(who)
                            and _opens_on(clause, who)
                            and set(who) <= set(clause[:j])
                        )
                        and not _said_for_other_days(claim, clause, j)
                    )
                    # "up from" follows its figure's clause after a comma: read in the whole sentence
                    whole = sentence.words
                    figures = (
                        o for j, o in enumerate(whole) if o in _MOVED & opposites and _near(moved[-1:], whole, j)
                    )
                    found = next(near, None) or next(figures, None)
                    # what the claim puts right after its word may stand in another clause of the sentence:
                    # "invented the press around 1440, three centuries before the French Revolution"
                    # and the clause itself where it names what the claim opens on, the opposite before what the
                    # claim's word stands before: "Oskeby lies on the north bank of the Tarn, opposite Wendhall on
                    # the south bank"
                    candidates = (
                        [list(sentence.words)]
                        if word not in sentence.words
                        else [clause]
                        if set(head) <= set(clause)
                        else []
                    )
                else:
                    # or the sentence says the claim's word of something else and the opposite of the claim's
                    # thing: "open Monday to Saturday and closed on Sundays"
                    # unless that clause says the claim's own phrase of the claim's subject: "opposite Wendhall on
                    # the south bank" is where "Wendhall is located on the south bank" is said
                    k = clause.index(word) if word in clause else -1
                    # "Barrow is south of it": the claim's word before its own anchor, or a pronoun for it
                    own = k >= 0 and set(head) <= set(clause) and bool(anchor) and _anchor_follows(anchor, clause, k)
                    candidates = [] if own else [list(c) for c in _clauses(sentence.read) if word not in c]
                for said in (c for c in candidates if _negated(c) == _negated(words)):
                    found = found or next(
                        (
                            o
                            for j, o in enumerate(said)
                            if o in opposites - _MOVED
                            and _anchored(anchor, said, j)
                            and not _said_for_other_days(claim, said, j)
                        ),
                        None,
                    )
                if not found and _opens_on(clause, subject):
                    found = _in_a_clause_sharing_the_subject(opposites, clause, sentence.read, claim, _negated(words))
                if not found and len(subject) >= 2 and not is_loose:
                    found = _in_another_clause_of_the_subject(opposites, subject, sentence.read, claim, _negated(words))
                if not found and words[i - 1 : i] and words[i - 1] in _ARTICLES:
                    found = _apposed(opposites, subject, sentence.text)
                if not found and not _has_object(words, i):
                    found = _moved_in(word, subject, sentence.words)
                if not found and of_the_rated and named:
                    rates = (j for j, o in enumerate(sentence.words) if o in opposites and o in _RATE_UNITS)
                    found = next((_counted(sentence.words, j) for j in rates), None)
                if found and _counts_of_each(word, claim, found, sentence.text):
                    continue  # "lost five games" / "won 11 of their 16 games": a count of each, not opposites
                if found:
                    theirs, ours = _as_written(_spoken(found), sentence.text), _as_written(_spoken(word), claim)
                    if ours.lower() not in claim.lower():  # said as a noun: "a 12% rise in quarterly revenue"
                        ours = next((n for n, v in _NOUN_AS_VERB.items() if v == ours and n in claim.lower()), ours)
                    detail = f"The evidence says {theirs!r} where the claim says {ours!r}: {quote(sentence.text)}"
                    return [contradiction(self.name, detail, sentence.text)]
        return []


def _counts_of_each(word: str, claim: str, found: str, sentence: str) -> bool:
    """The claim's word and the evidence's opposite each count something: "lost five league games" against "won 11
    of their 16 league games" says how many of each, which the claim's count may well fit."""
    if {word, found} & (MOVES_UP | MOVES_DOWN | _MOVED):
        return False  # "rose 4%" / "fell 4%", "rose 4 million" / "fell 4 million": one amount moved two ways
    return _counted_after(word, claim) and _counted_after(found, sentence)


_COUNT_AFTER = re.compile(
    rf"\s+(?:only\s+|just\s+)?(?:\d[\d,]*|{'|'.join(WORD_NUMBERS)})\b(?!\s*(?:%|percent|per\s+cent))", re.I
)


def _counted_after(word: str, text: str) -> bool:
    """The word stands right before a count in the text ("lost five", "won 11")."""
    return any(_COUNT_AFTER.match(text, m.end()) for m in re.finditer(rf"\b{re.escape(word)}\b", text, re.I))


_REASON = re.compile(r"[,\s]+(?:thanks to|because of|because|due to|owing to|as a result of)\b[^,;]*(?=[.!]?$)", re.I)
"""A reason the claim gives after what it says: the rest of the claim is said without it."""

_NOUN_MOVE = re.compile(
    r"\b(?:a|an)\s+(?P<figure>[\d.,]+\s?(?:%|per\s?cent)\s+)?(?P<move>rise|increase|jump|gain|fall|drop|decline|decrease)"
    r"\s+in\s+(?P<what>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)(?=\s+(?:to|from|of|at|in|for|on|over|during|compared)\b|[.,;]|$)",
    re.I,
)
_NOUN_AS_VERB = {"rise": "rose", "increase": "increased", "jump": "jumped", "gain": "gained", "fall": "fell"}
_NOUN_AS_VERB |= {"drop": "dropped", "decline": "declined", "decrease": "decreased"}


def _as_verb(claim: str) -> str:
    """A move the claim says as a noun, said as its verb: "reported a 12% rise in quarterly revenue to £48
    million" says "quarterly revenue rose 12% to £48 million", whose subject the evidence's "fell" is about."""
    return _NOUN_MOVE.sub(
        lambda m: f"{m['what']} {_NOUN_AS_VERB[m['move'].lower()]} {m['figure'] or ''}".rstrip(), claim
    )


_RISES = frozenset({"rise", "increase", "jump", "gain", "growth", "surge", "climb", "rebound"})
_FALLS = frozenset({"fall", "drop", "decline", "decrease", "slump", "dip", "slide", "reduction", "contraction"})


def _moved_in(word: str, subject: list[str], sentence: Sequence[str]) -> str | None:
    """The move said as a noun before what moved: "reported a 12% fall in third-quarter profit" against
    "third-quarter profit rose"; the claim's head noun must follow the noun's "in" closely, or come just before
    a move "of" a figure."""
    opposite = _FALLS if word in MOVES_UP else _RISES if word in MOVES_DOWN else frozenset()
    for k, said in enumerate(sentence[:-2]):
        if said in opposite and sentence[k + 1] == "in" and subject and subject[-1] in sentence[k + 2 : k + 6]:
            return said
        # or set after the figure it moved: "third-quarter revenue of 412 million kroner, a decline of 6 percent"
        if said in opposite and sentence[k + 1] == "of" and subject and subject[-1] in sentence[max(0, k - 8) : k]:
            return said
    return None


def _rate_of(thing: list[str], clause: Sequence[str], rates: frozenset[str], reach: int = 5) -> bool:
    """Some word of the thing the claim gives a rate stands shortly before another rate of a period in the clause
    (a count, "11 times", is no rate of a period; "twice daily" is)."""
    named = _stems(thing)
    return any(
        o in rates
        and (not _counts(o) or clause[j + 1 : j + 2] and clause[j + 1] in _RATE_UNITS)
        and named & _stems(clause[max(0, j - reach) : j])
        for j, o in enumerate(clause)
    )


def _rated(words: list[str], i: int) -> list[str]:
    """The thing a rate stands before as its adjective ("a single daily sailing", "the board's monthly meetings"):
    the rate is the thing's as much as the subject's."""
    k = i + 1 if words[i + 1 : i + 2] and words[i + 1] in _RATE_UNITS and words[i] not in _RATE_UNITS else i
    after = words[k + 1 : k + 2]
    if words[k] not in _RATE_UNITS or not after or after[0] in STOPWORDS or not after[0].isalpha():
        return []
    act = re.sub(r"ings?$", "", after[0])  # "meetings" are what the board "meets" to hold
    return after + ([act] if act != after[0] and len(act) >= 3 else [])


def _says_most_of_a_rate(claim: list[str], clause: Sequence[str], sentence: _Sentence, evidence: str) -> bool:
    """No other sentence that gives a rate says as much of the claim as the clause does: "General waste collections
    will remain weekly" is where "General waste on Tenby Road is collected every week" is said, not "recycling
    bins on Tenby Road will be emptied every other Thursday"."""
    wanted = _stems(_content(claim))
    here = len(wanted & _stems(clause))
    return all(
        len(wanted & other.stems) < here
        for other in _sentences(evidence)
        if other is not sentence and any(_other_frequencies(w) for w in other.words)
    )


def _in_a_clause_sharing_the_subject(
    opposites: frozenset[str], clause: Sequence[str], sentence: str, claim: str, negated: bool
) -> str | None:
    """The opposite said in a later clause of the sentence that has no subject of its own, so says it of the
    clause's: "Ashford Rovers finished 22nd of 24 teams and were relegated" against "were promoted"."""
    parts = _clauses(sentence)
    if tuple(clause) not in parts:
        return None
    for later in parts[parts.index(tuple(clause)) + 1 :]:
        if later[:1] and later[0] in _SUBJECTLESS and _negated(list(later)) == negated:
            return next(
                (
                    w
                    for j, w in enumerate(later[:3])
                    if w in opposites - _MOVED and not _said_for_other_days(claim, later, j)
                ),
                None,
            )
    return None


def _in_another_clause_of_the_subject(
    opposites: frozenset[str], subject: list[str], sentence: str, claim: str, negated: bool
) -> str | None:
    """The opposite said right after the claim's subject in any clause of the sentence: "Flooding forced the closure
    of 14 schools in Brinton, while schools in neighbouring Ashby Vale remained open" against "forced schools in
    Ashby Vale to close"."""
    for part in _clauses(sentence):
        words = list(part)
        if _negated(words) != negated:
            continue
        for j, word in enumerate(words):
            if word in opposites - _MOVED and _near(subject, words, j) and not _said_for_other_days(claim, words, j):
                return word
    return None


_SUBJECTLESS = frozenset({"is", "are", "was", "were", "has", "have", "had", "been"})


def _apposed(opposites: frozenset[str], subject: list[str], sentence: str) -> str | None:
    """The opposite set beside the claim's subject by commas: "the plaintiff, former engineer Mira Halvorsen,"
    or "Mira Halvorsen, the plaintiff," against "Mira Halvorsen was the defendant"."""
    if not subject:
        return None
    named = r"\W+".join(map(re.escape, subject))
    for opposite in opposites - _MOVED:
        word = re.escape(opposite)
        before = rf"\b{word}\s*,\s*(?:[\w-]+\s+){{0,3}}{named}\b"
        after = rf"\b{named}\s*,\s*(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}{word}\b"
        if re.search(before, sentence, re.I) or re.search(after, sentence, re.I):
            return opposite
    return None


def _subject_before(words: list[str]) -> list[str]:
    """What the word is said of, without the count of a rate ("once" of "once weekly" says how often)."""
    said = [w for w in words if w not in STOPWORDS | _GRADING | _LIGHT_VERBS | _PLACING_VERBS]
    while said and said[-1] in _RATE_COUNTS:
        said.pop()
    return said[-2:]


_RATE_COUNTS = frozenset({"once", "twice", "thrice"})


def _clause_of_each_word(claim: str, words: list[str]) -> list[tuple[int, int]]:
    """For each of the claim's words, where its clause starts and ends among the words: a comparison is looked
    for in sentences that say what its own clause says, not the consequence the claim draws ("so it tends to
    rise"), and a word's subject is in its own clause, not a phrase set before it ("In March, the krona")."""
    starts = [0, *(m.start() for m in CLAUSE_BREAK.finditer(claim)), len(claim)]
    sizes = [len(_words(claim[a:b])) for a, b in zip(starts, starts[1:], strict=False)]
    if sum(sizes) != len(words):
        return [(0, len(words))] * len(words)  # a rate or comparison read across a break: the claim stays whole
    spans, first = [], 0
    for size in sizes:
        spans += [(first, first + size)] * size
        first += size
    return spans


_LIGHT_VERBS = frozenset({"make", "makes", "made", "making"})
"""Verbs whose object carries the meaning ("made a profit" is "reported a profit"): no part of a subject."""
_PLACING_VERBS = frozenset({"located", "situated", "lies", "lie", "lay", "sits", "stands", "based"})
"""Verbs that only place the subject ("Tarnholm is located downstream"): no word of the subject."""


_CLOSED_ON = re.compile(
    rf"\b(?:is|are|will be|stays?|remains?)\s+closed\s+on\s+(?P<day>{'|'.join(DAYS_OF_THE_WEEK)})s?\b", re.I
)
_HOURS = r"\s*:?\s*\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?\s*(?:–|-|to)\s*\d{1,2}(?:[:.]\d{2})?"
_DAY_NAME = rf"(?:{'|'.join(d[:3] for d in DAYS_OF_THE_WEEK)})[a-z]*\.?"
_OPENING_HOURS = re.compile(
    rf"\b(?P<first>{_DAY_NAME})(?:\s*(?:–|-|to|through|until)\s*(?P<last>{_DAY_NAME}))?{_HOURS}", re.I
)


def _hours_on_a_closed_day(claim: str, evidence: str) -> RuleFinding | None:
    """ "The library is closed on Mondays" against "Opening hours: Monday to Friday 9:00–18:00": hours given for
    a span of days that holds the claim's day say it is open then."""
    closed = _CLOSED_ON.search(claim)
    if not closed:
        return None
    day = DAYS_OF_THE_WEEK.index(closed["day"].lower())
    subject = set(_content(_words(claim[: closed.start()])))
    sentences = _sentences(evidence)
    for before, sentence in zip((None, *sentences), sentences, strict=False):
        if not subject & {*sentence.words, *(before.words if before else ())}:
            continue  # the hours of another place
        for hours in _OPENING_HOURS.finditer(sentence.text):
            first = _weekday(hours["first"])
            last = _weekday(hours["last"]) if hours["last"] else first
            if first is not None and last is not None and first <= day <= last:
                detail = f"The evidence gives opening hours on {hours.group().strip()!r}: {quote(sentence.text)}"
                return contradiction("antonyms", detail, sentence.text)
    return None


def _weekday(name: str) -> int | None:
    return next((k for k, d in enumerate(DAYS_OF_THE_WEEK) if name.lower().startswith(d[:3])), None)


def _opens_on(clause: Sequence[str], subject: list[str], fronted: bool = False) -> bool:
    """The clause's subject is the claim's: "the lake is very shallow", not "the river near the lake is"; with
    `fronted`, a phrase the clause opens with may be the claim's first ("On Sundays, services run ...")."""
    skipped = _ARTICLES | (_NOT_A_VERB if fronted else frozenset())
    opening = [w for w in clause[:3] if w not in skipped][:1]
    if fronted and clause[:1] and clause[0] in _FRONTING:
        # a span of time before the subject: "From November until March, the Harrowgate ferry will operate"
        opening += [w for k, w in enumerate(clause[1:7], start=1) if clause[k - 1] in _ARTICLES][:1]
    return bool(subject) and any(_stems([w]) == _stems(subject[:1]) for w in opening)


_FRONTING = frozenset({"from", "during", "until", "between", "throughout", "since", "after", "before", "in", "on"})


def _anchored(anchor: list[str], words: Sequence[str], position: int, reach: int = 4) -> bool:
    """The words the claim puts right after its word follow the opposite word: "invented after the French
    Revolution" against "three centuries before the French Revolution", whose subject stands far off."""
    return bool(anchor) and all(w in words[position + 1 : position + 1 + reach] for w in anchor)


def _superlative_opposites(word: str) -> frozenset[str]:
    """The superlative of the word's opposite ("deepest" for "shallow"), by the superlative's own entry."""
    forms = {f"{word}est", f"{word}st", f"{word[:-1]}iest", f"{word}{word[-1:]}est"} & ANTONYMS.keys()
    return frozenset(o for form in forms for o in ANTONYMS[form])


def _ranked(words: Sequence[str], position: int) -> bool:
    """The superlative ranks the thing itself among the most ("is one of the deepest lakes", "is the deepest"),
    not a part of it ("the deepest point of the lake")."""
    before = list(words[max(0, position - 3) : position])
    return before == ["one", "of", "the"] or before[-2:] in (["among", "the"], ["is", "the"], ["was", "the"])


def _ranked_among(clause: Sequence[str], superlatives: frozenset[str]) -> bool:
    return any(w in superlatives and _ranked(clause, j) for j, w in enumerate(clause))


_PERIOD_DAYS = {"daily": 1.0, "weekly": 7.0, "fortnightly": 14.0, "monthly": 30.44, "quarterly": 91.3, "yearly": 365.25}
"""Days in the period of each rate word; a span "every ten days" is read through its unit's rate word."""
_EVERY_SPAN = re.compile(r"\bevery\s+(?P<count>\w+)\s+(?P<unit>hour|day|week|month)s?\b", re.I)


def _counted_rate_said_as_a_span(words: Sequence[str], i: int, evidence: str) -> bool:
    """ "roughly three times a month" against "every ten days", "about four times a year" against "once every
    quarter": one rate, said by its count in one period and by a span or another period, in a sentence that says
    most of the claim."""
    if words[i] in _PERIOD_DAYS and i:
        count, period = count_of(words[i - 1].removesuffix("-times")), words[i]
    elif i + 1 < len(words) and words[i + 1] in _PERIOD_DAYS:
        count, period = count_of(words[i].removesuffix("-times")), words[i + 1]  # "4-times yearly": the count read
    else:
        return False
    if not count:
        return False
    wanted = count / _PERIOD_DAYS[period]
    claimed = _stems(_content(list(words)))
    for sentence in _sentences(evidence):
        if len(claimed & sentence.stems) < 0.5 * len(claimed):
            continue
        for span in _EVERY_SPAN.finditer(sentence.text):
            every = count_of(span["count"])
            days = 1 / 24 if span["unit"].lower() == "hour" else _PERIOD_DAYS[FREQUENCY_UNITS[span["unit"].lower()]]
            if every and abs(1 / (every * days) - wanted) <= 0.15 * wanted:
                return True
        said = sentence.words
        for j, rate in enumerate(said):
            if rate not in _PERIOD_DAYS or rate == period:
                continue  # the same period said with another count is another rate
            times = count_of(said[j - 1].removesuffix("-times")) if j else None
            if abs((times or 1) / _PERIOD_DAYS[rate] - wanted) <= 0.15 * wanted:
                return True
    return False


def _other_frequencies(word: str) -> frozenset[str]:
    for group in FREQUENCIES:
        if word in group:
            return group - {word}
    return frozenset()


def _anchor_follows(anchor: list[str], clause: Sequence[str], position: int) -> bool:
    """The word at `position` stands before what the claim puts after it, past small words ("south of the river"),
    or before a pronoun for it ("south of it")."""
    after = set(clause[position + 1 : position + 4])
    return anchor[0] in after or bool({"it", "them"} & after)


def _near(subject: list[str], words: list[str], position: int, reach: int = 6) -> bool:
    """The claim's subject words stand just before the opposite word (or the claim names none)."""
    if not subject:
        return True
    window = set(words[max(0, position - reach) : position])
    return all(w in window for w in subject)
