"""A claim that says what its evidence says, but negated: the `negation` rule.

A small cross-encoder reads "Aspirin is recommended for children under 16" as entailed by "Aspirin is
not recommended for children under 16 ...": every word matches but one. The rule compares the claim
with the evidence sentences that state the same thing in nearly the same words (most of the claim's
content words, near one another: `reading.py`), and looks for the one edit that flips the meaning: one
says "not"/"never"/"no longer", or "no" before the claim's noun ("charges no entry fee"), or "non-" before
the claim's verb ("non-refundable"), the other does not; or the claim says a thing is needed for what the
evidence does without it ("need a permit to build" / "may build without a permit"), or granted what the
evidence refuses ("released on bail" / "refused bail").

It finds a contradiction only where the evidence states the other version outright; a claim the evidence
merely does not mention is left to the model.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterator, Sequence

from grounding.text.lexicon import ANTONYMS, DAYS_OF_THE_WEEK, STOPWORDS, days_named
from grounding.text.quantities import MONTHS
from grounding.types import RuleFinding
from grounding.verify.rules.base import CLAUSE_BREAK, contradiction, quote
from grounding.verify.rules.reading import (
    _ARTICLES,
    _NOT_A_VERB,
    CLAUSE_OVERLAP,
    _clause,
    _clauses,
    _content,
    _days_as_spans,
    _done,
    _matching,
    _negated,
    _negators,
    _Sentence,
    _sentences,
    _stem,
    _stems,
    _with_antecedent,
    _words,
)


def _denies_the_claim(clause: list[str], wanted: set[str]) -> bool:
    """Some of the claim's words come after the clause's last negator: "... on death row for murders he
    says he didn't commit" denies the murders, not the years on death row that the claim states."""
    where = _negators(clause)
    return bool(where) and bool(wanted & _stems(clause[where[-1] :]))  # from the negator: "non-refundable"


_NO_COMPARISON = frozenset({"longer", "less", "more", "fewer", "later", "earlier", "sooner"})
"""Words after "no" that make it a comparison, not a denial: "no less than 13 players" says there were 13."""


def _denies_a_thing(words: Sequence[str], wanted: set[str]) -> bool | None:
    """Whether a "no" after a verb denies one of the claim's things: "charges no entry fee" denies what
    "charges an entry fee" states, as "does not charge an entry fee" does. None where a "no" denies a thing
    the claim does not name ("charges no entry fee" against "charges no fee": a fee of another kind may
    still be charged), so that the clause is left alone. "with no warning", "No. 10" deny nothing here."""
    found: bool | None = False
    for i, word in enumerate(words):
        free = word == "free" and words[i + 1 : i + 2] == ["of"] and words[i - 1 : i] in (["is"], ["are"])
        if free and _stems(words[i + 2 : i + 4]) & wanted:
            return True  # "is free of animal products" denies "contains animal products"
        denial = 0 < i < len(words) - 1 and words[i - 1] not in _NOT_A_VERB and words[i + 1] not in _NO_COMPARISON
        if word == "no" and denial:
            following = words[i + 1]
            if _stem(following) in wanted:
                return True
            if following not in STOPWORDS and not following.isdigit():
                found = None
    return found


_CONDITIONS = frozenset({"when", "whenever", "if", "unless", "once"})


def _only_conditions_denied(words: list[str], where: list[int]) -> bool:
    """Every denial of the claim (at `where`) sits in a condition ("I like it when it is not boiled"): the
    claim states nothing the evidence could deny, whatever the evidence says of the unconditioned fact."""
    condition = next((i for i, word in enumerate(words) if word in _CONDITIONS), None)
    return bool(where) and condition is not None and condition < where[0]


_NEEDS = frozenset({"need", "needs", "needed", "require", "requires", "required"})
"""Verbs that make a thing a condition: "need a permit to build" is denied by "may build without a permit"."""


def _object(words: Sequence[str], i: int, reach: int = 2) -> str:
    """The word `words[i]` acts on, its article aside ("refused the licence": "licence"); "" where none."""
    return next((w for w in words[i + 1 : i + 1 + reach] if w not in _ARTICLES), "")


def _clauses_about(wanted: set[str], evidence: str) -> Iterator[tuple[_Sentence, tuple[str, ...]]]:
    """The clauses of the evidence sentences that hold most of the claim's words (`CLAUSE_OVERLAP`)."""
    for sentence in _sentences(evidence):
        if len(wanted & sentence.stems) >= CLAUSE_OVERLAP * len(wanted):
            for clause in _clauses(sentence.read):
                yield sentence, clause


def _needed(words: list[str]) -> str | None:
    """The thing a claim says is needed, or not ("Residents need a permit to build a shed": "permit")."""
    for i, word in enumerate(words[:-1]):
        thing = _object(words, i, reach=3) if word in _NEEDS else ""
        if thing and thing not in STOPWORDS:
            return thing
    return None


def _without(claim: list[str], thing: str, evidence: str) -> tuple[bool, str] | None:
    """(whether the need holds, the sentence) where an evidence clause does what the claim speaks of with or
    without `thing`: "may build a garden shed without a permit" (it does not), "cannot build a garden shed
    without a permit" (it does)."""
    for sentence, clause in _clauses_about(_stems(_content(claim, _NEEDS | {thing})), evidence):
        if any(w == "without" and _stem(_object(clause, i)) == _stem(thing) for i, w in enumerate(clause)):
            return _negated(list(clause)), sentence.text
    return None


_GRANTED = frozenset({"granted", "given", "awarded", "released", "received", "approved", "obtained", "got", "won"})
_REFUSED = frozenset({"refused", "denied", "rejected", "withheld", "declined"})
"""What a claim says was granted ("released on bail", "awarded a licence") and what refuses it in the
evidence ("refused bail", "denied a licence")."""


def _refused(claim: list[str], evidence: str) -> str | None:
    """An evidence clause that refuses the thing an unnegated claim says was granted: "The suspect was
    released on bail" against "The magistrate refused bail and remanded the suspect in custody"."""
    granted = [i for i, w in enumerate(claim) if w in _GRANTED]
    things = {_stem(w) for i in granted for w in claim[i + 1 : i + 4] if w not in STOPWORDS and w not in _GRANTED}
    if not things or _negated(claim):
        return None
    whole = _stems(_content(claim))
    if any(whole <= s.stems and not _negated(list(s.words)) for s in _sentences(evidence)):
        return None  # "refused at first, then released on bail": some sentence says it the claim's way
    for sentence, clause in _clauses_about(_stems(_content(claim, _GRANTED)), evidence):
        refuses = any(w in _REFUSED and _stem(_object(clause, i)) in things for i, w in enumerate(clause))
        if refuses and not _negated(list(clause)):
            return sentence.text
    return None


_INSTEAD = re.compile(r"\b(?:instead\s+of|rather\s+than|in\s+place\s+of)\s+(?P<what>[^,.;:]{1,60})", re.I)
_NAMES = re.compile(r"\b[A-Z][\w'’-]*(?:\s+(?:of\s+)?[A-Z][\w'’-]*)*")


def _instead_of(claim: str, evidence: str) -> tuple[str, str] | None:
    """(name, sentence) where a sentence that says the rest of the claim puts the claim's name after "instead of" or
    "rather than": "In winter, Ravensholm's Saturday market moves to Church Square" against "From November to
    February, Ravensholm's Saturday market is held in the covered Corn Hall instead of its usual site on Church
    Square". Not where the claim itself sets one thing against another, or denies."""
    lowered = evidence.lower()
    if not ("instead" in lowered or "rather" in lowered or "in place" in lowered):
        return None  # most evidence: read once per claim
    words = _words(claim)
    if _INSTEAD.search(claim) or _negated(words):
        return None
    names = {re.sub(r"^(?:The|A|An|In|On|At)\s+", "", m.group()) for m in _NAMES.finditer(claim)}
    names = {n for n in names if n.lower() not in STOPWORDS}
    for sentence in _sentences(evidence):
        for found in _INSTEAD.finditer(sentence.text):
            for name in (n for n in names if re.search(rf"\b{re.escape(n)}\b", found["what"])):
                rest = _stems(_content(_words(claim.replace(name, " "))))
                said_before = _stems(_content(_words(sentence.text[: found.start()])))
                if (
                    rest
                    and len(rest & said_before) >= CLAUSE_OVERLAP * len(rest)
                    and name not in sentence.text[: found.start()]
                ):
                    return name, sentence.text
    return None


_TAKEN_WITH = re.compile(
    r"\b(?P<can>can|may|should|must|cannot|can't|should not|shouldn't|do not|don't|never)\s+(?:safely\s+)?"
    r"(?:drink|eat|have)\s+"
    r"(?P<thing>[\w\s-]{2,40}?)\s+(?:while|when)\s+(?:you(?:'re| are)\s+)?(?:taking|on)\s+(?P<drug>[A-Z][\w-]+)",
    re.I,
)
"""What a leaflet says as "Do not take Velorin with grapefruit juice", a claim says as "you can drink grapefruit
juice while you're taking Velorin": one act, read the leaflet's way, and a leaflet that says "Do not drink grapefruit
juice while you are taking Dorvalex" is read the same way."""


_WHILE_TAKING = re.compile(r"\b(?:while|when)\b", re.I)


@functools.lru_cache(maxsize=1024)
def _as_the_leaflet_says(text: str) -> str:
    """ "can drink grapefruit juice while taking Velorin" as "can take Velorin with grapefruit juice" (cached: the
    evidence is read so once per answer, not once per claim)."""
    if not _WHILE_TAKING.search(text):
        return text
    return _TAKEN_WITH.sub(r"\g<can> take \g<drug> with \g<thing>", text)


def _quoting_the_evidence(finding: RuleFinding, evidence: str) -> RuleFinding:
    """A finding made on the evidence read the leaflet's way, quoting the sentence the evidence wrote."""
    for sentence in _sentences(evidence):
        if finding.cite and _as_the_leaflet_says(sentence.text) == finding.cite:
            return contradiction(finding.rule, f"The evidence denies it: {quote(sentence.text)}", sentence.text)
    return finding


_CONDITION = re.compile(
    r"(?<!\bsay)(?<!\bsaid)(?<!\bknow)(?<!\bknew)(?<!\bask)(?<!\basked)(?<!\btell)(?<!\bsure)(?<!\bclear)(?<!\bsee)"
    r"(?<!\bcheck)(?<!\bdecide)(?<!\bwonder)(?<!\bconfirm)\s+(?:if|whenever|in\s+case)\s+[^,;.]+(?=[.!]?$)",
    re.I,
)
"""A case the claim closes on ("if plans change"), said of what the evidence denies in every case; not what someone
would not "say if" it was so."""


_BUT_NOT = re.compile(
    r"(?P<subject>(?:^|(?<=[.!?]\s))[A-Z][^.;!?]*?\b(?:is|are|was|were)\b)\s+(?P<a>[a-z][\w-]*)\s+but\s+not\s+"
    r"(?P<b>[a-z][\w-]*)"
)


def _said_twice(match: re.Match[str]) -> str:
    """ "A chemistry qualification is recommended but not required" as what it says of its subject twice: "... is
    recommended. A chemistry qualification is not required", so that the denial is read with the subject."""
    return f"{match['subject']} {match['a']}. {match['subject']} not {match['b']}"


class NegationRule:
    name = "negation"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        denied = _BUT_NOT.sub(_said_twice, evidence)
        found = self._read(claim, denied)
        if denied == evidence or not found or not found[0].cite or found[0].cite in evidence:
            return found
        # quote the sentence as the evidence wrote it
        said = next(
            (s.text for s in _sentences(evidence) if _BUT_NOT.sub(_said_twice, s.text).find(found[0].cite) >= 0), None
        )
        return [contradiction(self.name, f"The evidence denies it: {quote(said)}", said)] if said else found

    def _read(self, claim: str, evidence: str) -> list[RuleFinding]:
        claim = _what_is_reported(claim)
        taken = _as_the_leaflet_says(claim)
        leaflet = _as_the_leaflet_says(evidence)
        found = self._denied(claim, evidence) or (self._denied(taken, evidence) if taken != claim else [])
        # "that deposit can be refunded if plans change": what is said, whatever the case it is said for
        unconditioned = _CONDITION.sub("", claim)
        found = found or (self._denied(unconditioned, evidence) if unconditioned != claim else [])
        if found or leaflet == evidence:
            return found
        # both in the leaflet's form: a claim said the other way is read that way too
        return [_quoting_the_evidence(f, evidence) for f in self._denied(taken, leaflet)]

    def _denied(self, claim: str, evidence: str) -> list[RuleFinding]:
        if limited := _beyond_the_limit(claim, evidence):
            return [
                contradiction(self.name, f"The evidence says it only {limited[0]!r}: {quote(limited[1])}", limited[1])
            ]
        if excepted := _excepted(claim, evidence):
            what, sentence = excepted
            detail = f"The evidence makes an exception of {what!r}: {quote(sentence)}"
            return [contradiction(self.name, detail, sentence)]
        words = _words(_days_as_spans(claim, evidence))
        if refused := _refused(words, evidence):
            return [contradiction(self.name, f"The evidence says it was refused: {quote(refused)}", refused)]
        if instead := _instead_of(claim, evidence):
            name, sentence = instead
            return [
                contradiction(self.name, f"The evidence says it is instead of {name!r}: {quote(sentence)}", sentence)
            ]
        thing = _needed(words)
        said = _without(words, thing, evidence) if thing else None
        if said is not None:
            needed, sentence = said
            if needed != _negated(words):
                return []  # "need a permit" is what "cannot build without a permit" says
            which = "does not need" if not needed else "needs"
            return [contradiction(self.name, f"The evidence says it {which} {thing!r}: {quote(sentence)}", sentence)]
        seeing = _witnessed(words) | _permitting(words)
        wanted = _stems(_content(words)) - seeing
        denies_a_thing = _denies_a_thing(words, wanted)
        if denies_a_thing is None:
            return []
        denials = _negators(words)
        if _only_conditions_denied(words, denials):
            return []
        negated = (len(denials) % 2 == 1) != denies_a_thing
        claim_denials = len(denials)
        own_clauses = [
            (_stems(_content(part)) - seeing, _negated(part))
            for part in (_words(text) for text in CLAUSE_BREAK.split(claim))
        ]
        matches = []
        for sentence in _matching(words, evidence, seeing):
            clause = _clause(words, sentence.read)
            in_clause, in_sentence = _denies_a_thing(clause, wanted), _denies_a_thing(sentence.words, wanted)
            if in_clause is None:
                continue
            denied = _negated(clause) != in_clause
            says_no = _negated(sentence.words) != bool(in_sentence)
            if says_no == negated and claim_denials == len(_negators(sentence.words)) and wanted <= sentence.stems:
                return []  # a sentence says all of it with the claim's denials (not two denials against none)
            # "X, who has not been named, said ..." says it the claim's way, unless the claim states a thing
            # the clause that says it denies ("do not work ..., so they are not effective" has two denials);
            # and the negated clause itself must say most of the claim, not only its sentence
            said = _with_antecedent(clause, sentence.read)
            guarded = (
                not _opposite_word(words, clause)  # "does not open" says "is closed"
                and not _denies_an_attitude(clause, words)
                and not _ranks_by_denial(clause, words)
                # "Only vehicles weighing up to 3.5 tonnes may use the road" denies the road to the rest
                and not (negated and not denied and _restricted(sentence.words))
            )
            if (
                (says_no != negated or (not negated and denied))
                and len(wanted & said) >= CLAUSE_OVERLAP * len(wanted)
                and (negated or not denied or in_clause or _denies_the_claim(clause, wanted))
                # a clause states what the claim denies only with all of it: "take one tablet before breakfast"
                # does not say "should not be taken with milk" the other way round
                and (not negated or denied or not denials or _states_the_denied(words[denials[0] + 1 :], said))
                and guarded
            ):
                matches.append((sentence, denied, negated))
            elif (own := _own_clause_said(wanted, own_clauses, said)) and guarded:
                stems, own_negated = own
                if own_negated != denied and (own_negated or not denied or _denies_the_claim(clause, stems)):
                    matches.append((sentence, denied, own_negated))
        if any(stated == mine for _, stated, mine in matches):
            return []  # some sentence says it the claim's way: the evidence disagrees with itself, not the claim
        for sentence, stated, mine in matches:
            if stated != mine:
                which = "denies" if not mine else "states"
                return [contradiction(self.name, f"The evidence {which} it: {quote(sentence.text)}", sentence.text)]
        return []


_COUNTING = frozenset({"about", "around", "some", "a", "one", "two", "three", "few", "several", "nearly", "roughly"})


def _restricted(words: Sequence[str]) -> bool:
    """The sentence grants what it says to some only ("Only vehicles weighing up to 3.5 tonnes may use the road",
    "but only when the phone is on Wi-Fi"), denying it to the rest; "only about ten of her poems were published" is
    a count, and says some were."""
    return any(
        w == "only" and k + 1 < len(words) and words[k + 1] not in _COUNTING and not words[k + 1][:1].isdigit()
        for k, w in enumerate(words)
    )


_TIMES = "|".join(
    ("day", "days", "week", "weeks", "month", "months", "year", "years", "morning", "evening", "night", "time", "times")
)
_WIDENING = re.compile(
    r"\b(?:any|anyone|anybody|everyone|everybody|both|as\s+well\s+as|regardless\s+of|at\s+all\s+times|whatever"
    r"|no\s+matter)\b"
    r"|\beven\s+(?:outside|out\s+of|when|if|during|after|before|without|on|in)\b"
    rf"|\b(?:every|all)\s+(?!(?:(?:the|of|its|their)\s+)?(?:{_TIMES}|{'|'.join(DAYS_OF_THE_WEEK)})s?\b)",
    re.I,
)
"""Words that widen a claim to all of something ("any player", "every field"): not a period ("every day", "all
year") nor a day of the week, which `_on_other_days` reads."""
_ONLY = re.compile(
    r"\bonly\s+(?P<limit>(?:when|if|while|to|for|the|by|on|at|in|with|after|before|during|between)\b[^,.;]*"
    rf"|(?!(?:{_TIMES})\b)[a-z]+(?:ers|ents|ants|ees|ists|ians|ors|ren|ople)\b[^,.;]*"
    r"|(?:[\w-]+\s+){1,3}?(?:with|that|which|whose|above|below|over|under|aged)\s[^,.;]*)",
    re.I,
)
"""A limit said with "only": a condition ("only when the phone is on Wi-Fi"), a group ("only the team captain"),
people named by a plural ("only passengers travelling beyond Kilncross"), or things singled out by what they have
("only Tramazol solutions with a concentration of at least 1 mM")."""
_ONLY_AFTER = re.compile(r"\b(?P<limit>(?:in|during|on|at|for|by|within)\s+[a-z][^,.;]{0,30}?)\s+only\b", re.I)
"""A limit said before "only": "prohibited in competition only"."""


def _only(text: str) -> re.Match[str] | None:
    return _ONLY.search(text) or _ONLY_AFTER.search(text)


def _beyond_the_limit(claim: str, evidence: str) -> tuple[str, str] | None:
    """(the limit, its sentence) where the claim widens to any what the evidence allows only to some: "any player may
    question the referee" against "only the team captain may speak to the referee about a decision"; "backs up photos
    over mobile data as well as over Wi-Fi" against "backs up photos automatically, but only when the phone is
    connected to Wi-Fi". The sentence must say most of the rest of the claim, and say it without a denial."""
    if re.search(r"\bonly\b", claim, re.I):
        return None
    widening = _WIDENING.search(claim)
    if not widening:
        return _on_other_days(claim, evidence)
    wanted = _stems(_content(_words(claim))) - _stems(_words(widening.group()))
    for sentence in _sentences(evidence):
        limited = _only(sentence.text)
        if limited and not _negated(list(sentence.words)) and len(wanted & sentence.stems) >= 0.6 * len(wanted):
            return limited["limit"].strip(), sentence.text
    return None


_INCLUDING = re.compile(r"\b(?:including|even)\s+(?P<what>[a-z][\w-]*(?:\s+[a-z][\w-]*){0,2})", re.I)
_EXCEPT = re.compile(
    r"\b(?:except(?:\s+for)?|excluding|other\s+than|apart\s+from|but\s+not)\s+"
    r"(?P<what>[a-z][\w-]*(?:\s+[\w-]+){0,6})",
    re.I,
)


def _excepted(claim: str, evidence: str) -> tuple[str, str] | None:
    """(the exception, its sentence) where the claim takes in what the evidence excepts: "Every worker ..., including
    contractors brought in for just a couple of weeks, must complete the training" against "All staff ... must complete
    anti-money-laundering training once a year, except contractors engaged for fewer than 30 days". The sentence must
    say most of the rest of the claim, and the exception one of the inclusion's words."""
    included = _INCLUDING.search(claim)
    if included is None:
        return _all_without_exception(claim, evidence)
    those = _stems(_content(_words(included["what"])))
    wanted = _stems(_content(_words(claim[: included.start()] + " " + claim[included.end() :]))) - those
    return _exception_made(
        evidence, wanted, lambda sentence, excepted: bool(those & _stems(_content(_words(excepted["what"]))))
    )


_EVERY_ONE = re.compile(r"\b(?:every|all|each)\b", re.I)
_NOT_ALL = re.compile(r"\b(?:almost|nearly|virtually|practically|most|except|excluding|but|other\s+than|apart)\b", re.I)


def _all_without_exception(claim: str, evidence: str) -> tuple[str, str] | None:
    """(the exception, its sentence) where the claim says every one of a group and the evidence, saying the rest of
    it of every one too, makes an exception: "above average in every single district" against "Every district ...
    reported above-average rainfall in April except Tessel"."""
    if not _EVERY_ONE.search(claim) or _NOT_ALL.search(claim):
        return None
    return _exception_made(
        evidence,
        _stems(_content(_words(claim))),
        lambda sentence, excepted: (
            bool(_EVERY_ONE.search(sentence.text[: excepted.start()])) and not _negated(list(sentence.words))
        ),
    )


def _exception_made(
    evidence: str, wanted: set[str], fits: Callable[[_Sentence, re.Match[str]], bool]
) -> tuple[str, str] | None:
    """(the exception, its sentence): the first sentence that makes one the claim's reading `fits` and says most of
    the rest of the claim."""
    for sentence in _sentences(evidence):
        excepted = _EXCEPT.search(sentence.text)
        if excepted and fits(sentence, excepted) and len(wanted & sentence.stems) >= 0.6 * len(wanted):
            return excepted["what"].strip(), sentence.text
    return None


_DAY_WORDS = frozenset({*DAYS_OF_THE_WEEK, "weekday", "weekend"})


def _on_other_days(claim: str, evidence: str) -> tuple[str, str] | None:
    """(the limit, its sentence) where the evidence allows it only on days the claim's day is not one of: "may bring
    a guest on a Saturday morning" against "may bring guests only on weekdays"."""
    mine = days_named(claim)
    if not mine:
        return None
    wanted = _stems(_content(_words(claim))) - _DAY_WORDS
    for sentence in _sentences(evidence):
        limited = _only(sentence.text)
        allowed = days_named(limited["limit"]) if limited else frozenset()
        if (
            allowed
            and not mine & allowed
            and not _negated(list(sentence.words))
            and len(wanted & sentence.stems) >= 0.6 * len(wanted)
        ):
            return limited["limit"].strip(), sentence.text
    return None


_REPORTED = re.compile(
    r"^[\w\s'’.-]{0,40}?\b(?:leaflet|label|guide|guidance|guidelines|manual|notice|policy|contract|lease|website"
    r"|handbook|timetable|instructions|documentation|terms)\s+(?:says|states|warns|notes|explains|advises)"
    r"\s+(?:that\s+)?"
    r"|^[\w\s'’.-]{0,40}?\b(?:court|judge|tribunal|jury)\s+(?:has\s+)?(?:ruled|found|held|decided|concluded)\s+that\s+",
    re.I,
)
"""A document that says it, before what it says: the evidence is the document's content ("The Veltrazine leaflet
says it's safe to drink alcohol" / "Do not drink alcohol while you are taking Veltrazine"), and a court's finding
its content ("The court ruled that Pellmont had breached the contract"). Not a person who
says it ("Lawyer says it looks like his client's handwriting"): who said what is the evidence's to report."""


def _what_is_reported(claim: str) -> str:
    """What a claim reports without who reports it, unless that part denies ("never said that")."""
    match = _REPORTED.match(claim)
    if not match or _negators(_words(match.group())) or re.search(r"n['’]t\b", match.group()):
        return claim
    return claim[match.end() :]


def _own_clause_said(
    wanted: set[str], own_clauses: list[tuple[set[str], bool]], said: set[str]
) -> tuple[set[str], bool] | None:
    """The claim's own clause that an evidence clause says all of, and whether it is negated, where the claim
    breaks where the evidence does: "You can drink alcohol while taking Veltrazine" / "Do not drink alcohol while
    you are taking Veltrazine" (the denial is in the clause before "while"); None where no clause of it is said."""
    return next(((own, no) for own, no in own_clauses if len(own) >= 2 and own != wanted and own <= said), None)


_NONE = frozenset({"no", "nothing", "nobody", "none", "neither"})


_FOR_USE = frozenset({"use"})
"""The "use" of "not approved for use in children": approving a drug for children is approving its use."""


def _states_the_denied(denied: list[str], said: set[str]) -> bool:
    """The clause says what the claim denies, all of it but one word in four: "take one tablet before breakfast"
    does not say "should not be taken with milk" the other way round; "Arthur Conan Doyle wrote The Adventures of
    Sherlock Holmes" says what "was not written by Arthur Conan Doyle" denies. A month or a number the clause gives
    another way is left to the clause ("takes effect on 24 October" says what "does not take effect until
    November" denies), and "for use in" says no more than "for"."""
    wanted = {w for w in _stems(_content(denied)) if w not in MONTHS and not w[:1].isdigit()} - _FOR_USE
    return len(wanted - said) <= len(wanted) // 4


def _ranks_by_denial(clause: list[str], claim: list[str]) -> bool:
    """ "No country in the world is larger than Russia" ranks Russia first: a superlative said by denying any
    comparison, which states what "Russia is the largest" states. A claim that compares ("larger than") is
    read against it as usual."""
    return bool(_NONE & set(clause)) and "than" in clause and "than" not in claim


_PERMISSION = frozenset({"safe", "fine", "okay", "ok", "alright"})


def _permitting(words: list[str]) -> frozenset[str]:
    """ "It is safe to drink alcohol" says what "you can drink alcohol" says, so the evidence need not say
    "safe": "Do not drink alcohol" denies it. Only before "to" and a verb: "safe for children" is a claim of
    safety, which "not effective for children" does not deny. "Safely" after a modal says it too ("can be safely
    taken with grapefruit juice")."""
    allowed = {w for w, after in zip(words, words[1:], strict=False) if w in _PERMISSION and after == "to"}
    safely = {w for i, w in enumerate(words) if w == "safely" and {"can", "may", "be"} & set(words[max(0, i - 2) : i])}
    return frozenset(allowed | safely)


_PERCEIVING = frozenset({"saw", "see", "sees", "seen", "watched", "witnessed"})


def _witnessed(words: list[str]) -> frozenset[str]:
    """A verb of seeing before what was done ("never saw any of her poems published"): the claim is about the
    deed ("her poems were published"), which is what the evidence will say, without the seeing."""
    return frozenset(
        w
        for i, w in enumerate(words)
        if w in _PERCEIVING and any(v.endswith("ed") and v not in _PERCEIVING for v in words[i + 2 : i + 8])
    )


_ATTITUDES = frozenset(
    "know knew known believe believed think thought expect expected remember recall understand imagine suppose".split()
)
"""Verbs whose denial leaves what follows them open: "I don't know how he fell out of the window" says he fell."""
_ATTITUDE_ROOTS = {"knew": "know", "known": "know", "thought": "think", "believed": "believe", "expected": "expect"}


def _denies_an_attitude(clause: list[str], claim: list[str]) -> bool:
    """Every denial of the clause denies a knowing or believing the claim does not state ("does not believe
    that Bayern's injuries will play a part" denies no match against Bayern), not the event after it."""
    where = _negators(clause)
    stated = {_ATTITUDE_ROOTS.get(w, w) for w in _stems(claim)}
    return bool(where) and all(
        any(w in _ATTITUDES and _ATTITUDE_ROOTS.get(_stem(w), _stem(w)) not in stated for w in clause[i + 1 : i + 3])
        for i in where
    )


def _opposite_word(claim: list[str], clause: list[str]) -> bool:
    """The clause says one of the claim's words by its opposite (a negated opposite agrees: "did not approve"
    says what "rejected" says)."""
    said = set(clause)
    return any(word not in said and ANTONYMS.get(word, frozenset()) & said for word in {*claim, *_done(claim)})
