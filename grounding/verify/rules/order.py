"""A claim that turns a comparison or an order of events round.

"Sound travels faster in air than in water" against "Sound travels about four times faster in water
than in air"; "The Soviet Union dissolved before the Berlin Wall fell" against "The Berlin Wall fell in
1989, two years before the Soviet Union dissolved". Every word of the claim is in the evidence, and a
small cross-encoder calls it entailed. The rule reads both sentences as two sides of a relation word
("than", "before", "after", a bearing: "north of", "upstream of") and finds the contradiction where:

- the sides are swapped under the same relation (water/air around "faster ... than"), or
- the sides stay in place under the opposite relation ("smaller than" / "larger than", "before" /
  "after").

A side is known by its pivot words: the content words on one side of the claim and not the other
("air", "water"; not "sound", which both sides share by position). Both pivots must be found on the
evidence's sides, but for one word at most, so a sentence comparing other things never counts; a negated
sentence ("no country is larger than Russia") is left to the model.

A comparison no sentence states but two sentences' figures decide ("Corrin Peak is lower than Mount Hale" / "Mount
Hale rises to 2,310 metres. Corrin Peak ... reaches 2,645 metres") is computed in `grounding.verify.comparing`.
"""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass

from grounding.text.lexicon import ANTONYMS, BEARINGS, DETERMINERS, PREPOSITIONS, STOPWORDS
from grounding.text.quantities import years_in, years_of_sentences
from grounding.text.sentences import split_sentences
from grounding.types import RuleFinding
from grounding.verify.comparing import compare
from grounding.verify.rules.base import contradiction, quote

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?")
_CONVERSE = {"before": "after", "after": "before", **BEARINGS}
"""Relations and their converses: "A is north of B" says what "B is south of A" does."""
_PLACING = frozenset("lies lie lying sits sit sitting located situated stands stand directly due just".split())
"""Words that place a side without naming it ("Kellbrook lies upstream of", "Brisley is located due north of")."""
_NOT_A_RELATION = {("rather", "than"), ("other", "than"), ("named", "after"), ("shortly", "before")}
_NEGATORS = frozenset({"not", "never", "no", "none", "nothing", "nobody", "cannot"})
_QUANTIFIERS = frozenset({"more", "less", "fewer", "greater"})
_INTRODUCERS = DETERMINERS | PREPOSITIONS
_REACH = 6
"""Words back from "than" to look for the comparative ("faster in air than")."""


def _words(text: str) -> list[str]:
    words = [re.sub(r"['’]s$", "", w.lower()) for w in _TOKEN.findall(text)]
    return [said for w in words for said in _OUTDONE.get(w, (w,))]


_OUTDONE = {
    **dict.fromkeys(("outrun", "outruns", "outran", "outpace", "outpaces", "outpaced"), ("faster", "than")),
    **dict.fromkeys(("outlive", "outlives", "outlived", "outlasted", "outlasts", "outlast"), ("longer", "than")),
}
"""Verbs that compare, read as their comparison: "can outrun the fox" says it is "faster than the fox"."""


def _content(words: list[str]) -> set[str]:
    return {w for w in words if w not in STOPWORDS and len(w) > 1}


def _negated(words: list[str]) -> bool:
    return any(w in _NEGATORS or w.endswith("n't") for w in words)


def _comparative(words: list[str], marker: int) -> str | None:
    """The comparative a "than" completes: the nearest word paired with an opposite ("faster", "larger"),
    else the nearest -er word that no article or preposition introduces ("in water" is a place)."""
    window = range(marker - 1, max(-1, marker - 1 - _REACH), -1)
    for k in window:
        if words[k] in ANTONYMS or words[k] in _QUANTIFIERS:
            return words[k]
    for k in window:
        if words[k].endswith("er") and len(words[k]) > 4 and (k == 0 or words[k - 1] not in _INTRODUCERS):
            return words[k]
    return None


@dataclass(frozen=True)
class _Relation:
    """A sentence read as two sides of a relation word: "than" with its comparative, "before", "after"."""

    marker: str
    comparative: str | None
    before: frozenset[str]  # content words on the marker's left, the comparative aside
    after: frozenset[str]

    @property
    def word(self) -> str:
        return self.comparative or self.marker


def _relation(text: str) -> _Relation | None:
    """The text's first relation word and its two sides; None where it has none, or denies it."""
    words = _words(text)
    if _negated(words):
        return None  # "no country is larger than Russia": the model's to read
    for i, word in enumerate(words):
        if word in BEARINGS and i and words[i + 1 : i + 2] == ["of"]:
            # "Brisley is located 30 km due north of Farrowgate"
            return _Relation(word, None, frozenset(_content(words[:i]) - _PLACING), frozenset(_content(words[i + 2 :])))
        if word not in ("than", "before", "after") or i == 0 or (words[i - 1], word) in _NOT_A_RELATION:
            continue
        comparative = _comparative(words, i) if word == "than" else None
        if word == "than" and (
            comparative is None or comparative in _QUANTIFIERS and i + 1 < len(words) and words[i + 1][:1].isdigit()
        ):
            return None  # "more than 100 people": a bound on a number, not two sides
        return _Relation(
            word, comparative, frozenset(_content(words[:i]) - {comparative}), frozenset(_content(words[i + 1 :]))
        )
    return None


@functools.lru_cache(maxsize=64)
def _stated(evidence: str) -> tuple[tuple[str, _Relation], ...]:
    """The evidence's sentences that relate two sides, read once per evidence, not once per claim."""
    found = ((evidence[start:end], _relation(evidence[start:end])) for start, end in split_sentences(evidence))
    return tuple((sentence, relation) for sentence, relation in found if relation is not None)


def _agrees(claimed: _Relation, stated: _Relation) -> bool | None:
    """Whether two relations say the same (True), the opposite (False), or cannot be compared (None)."""
    if claimed.marker == "than":
        if stated.marker != "than" or claimed.comparative is None or stated.comparative is None:
            return None
        if claimed.comparative == stated.comparative:
            return True
        return False if stated.comparative in ANTONYMS.get(claimed.comparative, frozenset()) else None
    if stated.marker == claimed.marker:
        return True
    return False if _CONVERSE.get(claimed.marker) == stated.marker else None


def _found(pivot: frozenset[str], said: frozenset[str]) -> bool:
    """A side's pivot words are in the sentence but for one at most: "the telephone was invented" is the
    side of "Bell patented the telephone" that the telephone names, though the sentence says "patented"."""
    return bool(pivot & said) and len(pivot - said) <= 1


_AGES = re.compile(
    r"^(?P<left>.+?)\s+(?:is|was|are|were)\s+(?P<word>older|younger)\s+than\s+(?P<right>.+?)[.!]?$", re.I
)
_BORN = re.compile(r"\bborn\b\D{0,40}?\b(?P<year>1\d{3}|20\d{2})\b", re.I)


def _birth_year(side: str, sentences: list[str]) -> tuple[str, int] | None:
    """The one evidence sentence that gives a birth year and names the side ("her sister": "Her sister was
    born in 1986"), with that year; None where no sentence or several do."""
    wanted = {w.lower() for w in _TOKEN.findall(side)} - STOPWORDS - DETERMINERS
    found = [
        (sentence, int(born["year"]))
        for sentence in sentences
        if wanted and wanted <= {w.lower() for w in _TOKEN.findall(sentence)} and (born := _BORN.search(sentence))
    ]
    return found[0] if len(found) == 1 else None


def _birth_order(claim: str, evidence: str) -> RuleFinding | None:
    """ "Anna is older than her sister" against "Anna was born in 1990. Her sister was born in 1986.": who is
    older follows from the years the evidence gives, each in a sentence of its own."""
    asked = _AGES.match(claim.strip())
    if asked is None:
        return None
    sentences = [evidence[a:b] for a, b in split_sentences(evidence)]
    left, right = _birth_year(asked["left"], sentences), _birth_year(asked["right"], sentences)
    if left is None or right is None or left[0] == right[0] or left[1] == right[1]:
        return None
    if (left[1] < right[1]) == (asked["word"].lower() == "older"):
        return None
    detail = f"The evidence gives the birth years {left[1]} and {right[1]}: {quote(left[0])} {quote(right[0])}"
    return contradiction("comparisons", detail, right[0])


def _dated_order(claim: str, evidence: str) -> RuleFinding | None:
    """ "Sato joined Kestrel Labs after completing her PhD" against "Sato joined Kestrel Labs in 2011. She
    completed her PhD in 2016.": which came first follows from the year each side's own sentence gives."""
    mine = _relation(claim)
    if mine is None or mine.marker not in ("before", "after") or years_in(claim):
        return None
    sentences = [evidence[a:b] for a, b in split_sentences(evidence)]
    left = _dated(mine.before - mine.after, sentences)
    right = _dated(mine.after - mine.before, sentences)
    if left is None or right is None or left[0] == right[0] or left[1] == right[1]:
        return None
    if (left[1] > right[1]) == (mine.marker == "after"):
        return None
    detail = f"The evidence dates them {left[1]} and {right[1]}: {quote(left[0])} {quote(right[0])}"
    return contradiction("comparisons", detail, right[0])


_STEP = re.compile(r"^\W*(?:step\s+(?P<n>\d{1,2})\b|(?P<m>\d{1,2})[.)]\s)", re.I)
_LEADS_IN = frozenset("to should must then first you says said say that and".split())
"""Words after which a side of a claim says its act: "The manual says to empty the water tank"."""


def _stepped_order(claim: str, evidence: str) -> RuleFinding | None:
    """ "The manual says to empty the water tank before unplugging the unit" against "Step 1: Unplug the Halvex
    dehumidifier. Step 2: Remove the water tank and empty it.": which comes first follows from the numbers of the
    steps that say each side's act (the side's first word, read by its first five letters), where each act is in
    one step alone."""
    marker = re.search(r"\b(before|after)\b", claim)
    if marker is None or _negated(_words(claim)):
        return None
    steps = {
        int(step["n"] or step["m"]): sentence
        for start, end in split_sentences(evidence)
        if (step := _STEP.match(sentence := evidence[start:end].strip()))
    }
    if len(steps) < 2:
        return None
    left = _words(claim[: marker.start()])
    cut = max((k + 1 for k, w in enumerate(left) if w in _LEADS_IN), default=0)
    acts = [next((w for w in side if _content([w])), None) for side in (left[cut:], _words(claim[marker.end() :]))]
    if None in acts:
        return None
    placed = [[n for n, s in steps.items() if act[:5] in {w[:5] for w in _words(s)}] for act in acts]
    if any(len(found) != 1 for found in placed) or placed[0] == placed[1]:
        return None
    first, second = placed[0][0], placed[1][0]
    if (first < second) == (marker[1].lower() == "before"):
        return None
    detail = f"The evidence gives them as steps {first} and {second}: {quote(steps[first])} {quote(steps[second])}"
    return contradiction("comparisons", detail, steps[second])


def _computed(claim: str, evidence: str) -> RuleFinding | None:
    """ "Lake Varren is more than twice the size of Lake Sobel" against "Lake Sobel covers about 84 square
    kilometres. Lake Varren ... has a surface area of 151 square kilometres.": the comparison computed from each
    side's own figure (`grounding.verify.comparing`) fails."""
    comparison = compare(claim, evidence)
    if comparison is None or comparison.holds:
        return None
    cited = " ".join(quote(s) for s in comparison.sentences)
    return contradiction("comparisons", f"The evidence gives {comparison.figures}: {cited}", comparison.sentences[-1])


_PRONOUN_OPENING = re.compile(r"^\W*(?:\w+\s+){0,3}(?:he|she|they|it|his|her|its|their)\b", re.I)


def _dated(side: frozenset[str], sentences: list[str]) -> tuple[str, int] | None:
    """The one sentence that says a side (two of its words at least, and all but one, read by their first five
    letters, so "completing" is "completed") and gives one year, with that year (counted from the sentence
    before where it opens "Eight years later")."""
    wanted = {w[:5] for w in side}
    found = []
    previous = ""
    for sentence, years in zip(sentences, years_of_sentences(sentences), strict=True):
        said = {w[:5] for w in _content(_words(sentence))}
        if _PRONOUN_OPENING.match(sentence):  # "Eight years later she was appointed": she is whom it names
            said |= {w.lower()[:5] for w in re.findall(r"\b[A-Z][a-z]+", previous)}
        previous = sentence
        if len(years) == 1 and len(wanted & said) >= 2 and len(wanted - said) <= 1:
            found.append((sentence, next(iter(years))))
    return found[0] if len(found) == 1 else None


def _sides(
    left: frozenset[str], right: frozenset[str], before: frozenset[str], after: frozenset[str]
) -> tuple[bool, bool]:
    """Whether the evidence puts the claim's two sides the other way round, or as the claim does: by the words
    of each side found on each side, where one reading has at least twice the words of the other ("Penhallow's
    first bank opened after the railway had reached the town" / "The railway reached Penhallow in 1868, three
    years after the town's first bank opened": the town's name on both sides counts little)."""
    across = ((right & before) - after, (left & after) - before)
    along = ((right & after) - before, (left & before) - after)
    swapped = sum(map(len, across)) if all(across) else 0
    kept = sum(map(len, along)) if all(along) else 0
    return swapped > 0 and swapped >= 2 * kept, kept > 0 and kept >= 2 * swapped


class ComparisonRule:
    name = "comparisons"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        found = _birth_order(claim, evidence) or _dated_order(claim, evidence) or _stepped_order(claim, evidence)
        if found := found or _computed(claim, evidence):
            return [found]
        mine = _relation(claim)
        if mine is None:
            return []
        left_pivot, right_pivot = mine.before - mine.after, mine.after - mine.before
        if not left_pivot or not right_pivot:
            return []
        for sentence, stated in _stated(evidence):
            agrees = _agrees(mine, stated)
            before, after = stated.before, stated.after
            if agrees is None or not (_found(left_pivot, before | after) and _found(right_pivot, before | after)):
                continue  # another relation, or a sentence that does not speak of what the claim compares
            swapped, kept = _sides(left_pivot, right_pivot, before, after)
            if swapped == kept or swapped != agrees:
                continue  # swapped under the same relation, or kept under the opposite one: contradicted
            if swapped:
                how = "The evidence has it the other way round"
            else:
                how = f"The evidence says {stated.word!r} where the claim says {mine.word!r}"
            return [contradiction(self.name, f"{how}: {quote(sentence)}", sentence)]
        return []
