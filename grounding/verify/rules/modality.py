"""A claim that turns what the evidence permits, requires, forbids or advises into another of them: the
`modality` rule.

"Patients taking Velorazine may drink alcohol in moderation" against "Patients taking Velorazine must not
consume alcohol at any point during treatment": every content word but the modal matches, and a small
cross-encoder reads the two as near paraphrases. The rule reads one modality in the claim (an obligation, a
permission, an option, a prohibition, a recommendation or advice against) and, in an evidence sentence that
says the same act of the same thing, only modalities that exclude it: "required" against "voluntary",
"recommends" against "advises against", "may" against "must not". A permission is not read as ruling out an
obligation ("the captain may request a new ball" leaves open whether the rules demand one), and a sentence with
a condition or an exception ("unless", "only", "if", "except") is left to the model.
"""

from __future__ import annotations

import re
from enum import StrEnum

from grounding.text.lexicon import MONTHS, STOPWORDS
from grounding.types import Effect, RuleFinding
from grounding.verify.rules.base import CLAUSE_BREAK, contradiction, quote
from grounding.verify.rules.reading import _SAME_VERBS, _other_days, _sentences, _words


class Modality(StrEnum):
    OPTIONAL = "optional"
    DISCOURAGED = "advised against"
    FORBIDDEN = "forbidden"
    REQUIRED = "required"
    RECOMMENDED = "recommended"
    PERMITTED = "permitted"


_REQUIRED = r"required|obliged|mandatory|compulsory|obligatory"
_SAID = (
    (
        Modality.OPTIONAL,
        rf"\b(?:not|never|isn't|aren't|wasn't|weren't)\s+(?:{_REQUIRED})\b|\bneed\s+not\b|\bno\s+(?:\w+\s+){{1,2}}"
        rf"(?:is|are)\s+(?:{_REQUIRED})\b|\b(?:do|does|did)\s+not\s+(?:have|need)\s+to\b|\b(?:optional|voluntary)\b"
        r"|\b(?:no|under\s+no)\s+obligation\s+to\b",
    ),
    (
        Modality.DISCOURAGED,
        r"\b(?:advises?|advised|recommends?|recommended|warns?|warned|cautions?|cautioned)\s+against\b"
        r"|\bnot\s+(?:recommended|advised|advisable)\b|\bdiscouraged?\b|\bshould\s+not\b|\bshouldn't\b"
        r"|\bshould\s+be\s+avoided\b|\b(?:warned|advised|told)\s+not\s+to\b",
    ),
    (
        Modality.FORBIDDEN,
        r"\b(?:must|may)\s+not\b|\bmustn't\b|\bnot\s+(?:allowed|permitted)\s+to\b|\b(?:forbidden|prohibited|banned)\b"
        r"|\b(?:is|are)\s+not\s+(?:allowed|permitted)\b|\bno\s+longer\s+(?:allowed|permitted)\b"
        r"|\b(?:barred|banned|prohibited|forbidden)\s+from\b",
    ),
    (Modality.REQUIRED, rf"\bmust\b|\b(?:{_REQUIRED})\b|\b(?:has|have)\s+to\b"),
    (Modality.RECOMMENDED, r"\b(?:recommends?|recommended|advises?|advised|encouraged)\b|\bshould\b"),
    (
        Modality.PERMITTED,
        r"\bmay\b|\b(?:allowed|permitted)\b|\bfree\s+to\b|\b(?:is|are)\s+fine\b|\bentitled\s+to\b"
        r"|\b(?:permit|allow)s?\b(?=\s+(?:[\w-]+\s+){1,5}?to\s+(?:be\s+)?[a-z]+)",
    ),
)
"""Each modality as said, read in this order so that a denial ("not required", "must not") is taken before the
word it denies ("required", "must")."""

_PATTERNS = tuple((modality, re.compile(pattern, re.I)) for modality, pattern in _SAID)

_EXCLUDES = {
    Modality.REQUIRED: {Modality.OPTIONAL, Modality.FORBIDDEN, Modality.DISCOURAGED},
    Modality.PERMITTED: {Modality.FORBIDDEN},
    Modality.OPTIONAL: {Modality.REQUIRED, Modality.FORBIDDEN},
    Modality.FORBIDDEN: {Modality.PERMITTED, Modality.OPTIONAL, Modality.REQUIRED, Modality.RECOMMENDED},
    Modality.RECOMMENDED: {Modality.DISCOURAGED, Modality.FORBIDDEN},
    Modality.DISCOURAGED: {Modality.RECOMMENDED, Modality.REQUIRED},
}
"""What each modality rules out. A permission does not rule out an obligation, nor a recommendation an option."""

_CONDITIONS = re.compile(r"\b(?:unless|except|only|if|provided|as\s+long\s+as|until|when|whether)\b", re.I)
_MODAL_WORDS = frozenset(
    """required obliged mandatory compulsory obligatory optional voluntary need must may should shouldn mustn advises
    advise advised recommends recommend recommended warns warned cautions cautioned against discouraged discourage
    avoided forbidden prohibited banned barred allowed permitted free fine longer has have not never obligation
    entitled encouraged warned told permit permits allow allows""".split()
)
_ACTS = {"drink": "consume", "drank": "consume", "consume": "consume", "store": "keep", "provide": "give"}
"""Verbs for one act where a rule of conduct is said, read as one: "drink alcohol" / "consume alcohol"."""


def _said(text: str) -> list[tuple[Modality, int, int]]:
    """Every modality the text says, with its span, none inside another's."""
    found: list[tuple[Modality, int, int]] = []
    for modality, pattern in _PATTERNS:
        for match in pattern.finditer(text):
            if not any(a < match.end() and match.start() < b for _, a, b in found):
                found.append((modality, match.start(), match.end()))
    return sorted(found, key=lambda m: m[1])


def _root(word: str) -> str:
    """A word as the act it names, its endings off, so that "registering" meets "register", "installation" meets
    "installed" and "storing" meets "keep"."""
    for base in (word, *(word[: -len(end)] for end in ("ing", "ed", "es", "s") if word.endswith(end))):
        for form in (base, base + "e"):
            if form in _SAME_VERBS or form in _ACTS:
                return _ACTS.get(form, _SAME_VERBS.get(form, form))
    for end in ("ation", "ing", "ed", "es", "s"):  # "the installation of generators" is installing them
        if word.endswith(end) and len(word) - len(end) >= 4:
            return word[: -len(end)].rstrip("e")
    return word.rstrip("e") if len(word) > 4 else word


def _roots(text: str) -> list[str]:
    return [_root(w) for w in _words(text) if w not in STOPWORDS and w not in _MODAL_WORDS and len(w) > 1]


def _act(clause: str, start: int, end: int) -> tuple[set[str], set[str]]:
    """The act a modality is said of, and the act with what follows it: the words after it up to the next small
    word ("may take Velorin with food": take, Velorin) and on through one phrase more (take, Velorin, food), or
    the words before it where it ends its clause ("registering a backyard beehive is voluntary": backyard,
    beehive)."""
    after, before = _words(clause[end:]), _words(clause[:start])[::-1]
    core, whole = _phrase(after)
    if core:
        return core, whole
    core, _ = _phrase(before)
    return core, core


def _phrase(words: list[str]) -> tuple[set[str], set[str]]:
    """The first run of content words, and that run with the next one after a small word; a date is no act
    ("is prohibited from 1 January 2026")."""
    runs: list[list[str]] = [[]]
    for word in words:
        if word in STOPWORDS or word in _MODAL_WORDS or len(word) < 2 or word in MONTHS or word[0].isdigit():
            if runs[-1]:
                if len(runs) == 2:
                    break
                runs.append([])
            continue
        runs[-1].append(_root(word))
    return set(runs[0]), {w for run in runs for w in run}


_ANY_WAY = re.compile(r"\b(?:at\s+any|at\s+all|in\s+any|under\s+any|any\s+amount|whatsoever)\b", re.I)
"""A rule said of every way of doing the act ("must not consume alcohol at any point"): what the claim adds
after the act ("in moderation") is one of those ways."""


def _same_act(act: tuple[set[str], set[str]], own: set[str], other: set[str], sentence: str) -> bool:
    """One side's act, and what follows it, is all said by the other side ("may take Velorin with food" is no
    act of "must not take Velorin with alcohol", nor "may take Velorin" of "must not take it with food"), but
    where the evidence's rule holds every way ("at any point"), the bare act."""
    core, whole = act
    return bool(core) and (whole <= other or bool(_ANY_WAY.search(sentence)) and core <= other)


def _stated(sentence: str) -> list[tuple[Modality, tuple[set[str], set[str]]]]:
    """Each modality of the sentence with its act, read in its clause, or where the clause gives none, on past it
    ("but not required, to attend the open evening")."""
    found = []
    at = 0
    for clause in CLAUSE_BREAK.split(sentence):
        at = sentence.find(clause, at)
        for modality, start, end in _said(clause):
            act = _act(clause, start, end)
            if not act[0]:
                act = _act(sentence, at + start, at + end)
            found.append((modality, act))
    return found


_FORECAST = re.compile(
    r"\b(?:forecasts?|forecast(?:er|ers)|predict(?:s|ed|ion|ions)?|projected\s+to|expected\s+to|(?:is|are)\s+due\s+to|will)\b",
    re.I,
)
_HEDGED = re.compile(r"\b(?:going\s+to|would|could|might|may|rumou?red|plans?|planned|likely)\b", re.I)
_PAST = re.compile(r"\b(?:was|were|had|did|\w{3,}ed)\b", re.I)


def _forecast_only(claim: str, evidence: str) -> RuleFinding | None:
    """A claim that says as done what the evidence only forecasts or expects: "Marrick's temperature climbed to 28°C
    on Friday" against "The forecast for Marrick calls for a high of 28°C on Friday". The sentence must say the
    claim's figures and most of its words; where any sentence says it without a forecast, the claim stands."""
    figures = re.findall(r"\d[\d,.]*", claim)
    if not figures or _FORECAST.search(claim) or _HEDGED.search(claim) or not _PAST.search(claim):
        return None
    wanted = set(_roots(claim))
    forecast = None
    for sentence in _sentences(evidence):
        said = set(_roots(sentence.text))
        if not all(f.rstrip(".,") in sentence.text for f in figures) or len(wanted & said) < 0.5 * len(wanted):
            continue
        if not _forecast_before(sentence.text, figures[0].rstrip(".,")):
            return None
        forecast = forecast or sentence.text
    if forecast is None:
        return None
    detail = f"The evidence only forecasts it: {quote(forecast)}"
    return RuleFinding(rule="modality", effect=Effect.BLOCKS_SUPPORT, detail=detail, cite=forecast)


def _forecast_before(sentence: str, figure: str) -> bool:
    """Whether a forecast's word stands before the figure in its clause ("calls for a high of 28°C"), not in another
    ("which employed 500 workers, will close")."""
    at = sentence.find(figure)
    clause = re.split(r"[,;:]", sentence[:at])[-1]
    return bool(_FORECAST.search(clause))


class ModalityRule:
    name = "modality"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        if forecast := _forecast_only(claim, evidence):
            return [forecast]
        if _CONDITIONS.search(claim):
            return []
        clauses = [c for c in CLAUSE_BREAK.split(claim) if _said(c)]
        if len(clauses) != 1 or len(said := _said(clauses[0])) != 1:
            return []
        modality, start, end = said[0]
        act, whole = _act(clauses[0], start, end)
        wanted = set(_roots(claim))
        if not act or len(wanted) < 3:
            return []
        for sentence in _sentences(evidence):
            if _CONDITIONS.search(sentence.text) or _other_days(claim, sentence.text):
                continue
            stated = _stated(sentence.text)
            # "Parents are encouraged, but not required, to attend": the option excludes the claim's obligation,
            # the encouragement neither excludes nor says it; a sentence that also says the claim's is left alone
            excluding = [(m, evidence_act) for m, evidence_act in stated if m in _EXCLUDES[modality]]
            theirs = set(_roots(sentence.text))
            if (
                excluding
                and all(m != modality for m, _ in stated)
                and _same_act((act, whole), wanted, theirs, sentence.text)
                and all(_same_act(evidence_act, theirs, wanted, sentence.text) for _, evidence_act in excluding)
                and len(wanted & theirs) >= 0.6 * len(wanted)
            ):
                which = ", ".join(sorted({m.value for m, _ in excluding}))
                detail = f"The claim says it is {modality.value}; the evidence says {which}: {quote(sentence.text)}"
                return [contradiction(self.name, detail, sentence.text)]
        return []
