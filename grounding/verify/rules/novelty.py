"""Names and numbers a claim states that its evidence never mentions.

Small NLI models read "The highest mountain in the Alps is Mount Everest" as entailed by "Mont Blanc
is the highest mountain in the Alps": the sentences match but for the name. A claim that brings in a
name or number its evidence lacks is never supported by that evidence, and its score is discounted.
"""

from __future__ import annotations

import re

from grounding.text.lexicon import CLAIM_OPENERS
from grounding.text.names import NAME_RUN
from grounding.text.names import initials as name_initials
from grounding.text.quantities import (
    WORD_NUMBERS,
    Quantity,
    QuantityKind,
    decades,
    in_decade,
    parse_quantities,
    same_quantity,
    years_in,
    years_of_sentences,
)
from grounding.text.sentences import split_sentences
from grounding.types import Effect, RuleFinding

NOVELTY_DISCOUNT = 0.8
"""P(entailment) is multiplied by this where the premise lacks a name or number the claim states.

The verdict rule is strict: such a claim is never `supported`. The score is discounted only
mildly, because outside names are common in right answers too: 23% of HaluEval's right summaries
name someone or something their article never mentions (bylines, clubs, titles), as often as the
hallucinated ones do. Chosen on dev rows (mean AUROC over dialogue, summaries and length-matched
QA is flat from 0.65 to 0.9, and falls to 0.784 at the former 0.3): `python -m benchmarks.novelty_discount`.
"""


_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")


def novel_mentions(claim: str, premise: str) -> list[str]:
    """Names and numbers the claim states that the premise never mentions.

    Small NLI models read "The highest mountain in the Alps is Mount Everest" as entailed by
    "Mont Blanc is the highest mountain in the Alps": the sentences match but for the name. A claim
    that brings in a name or number its evidence lacks cannot be supported by that evidence.
    """
    text = premise.lower()
    words = set(re.findall(r"\w+", text))
    initials = {name_initials(m.group(), CLAIM_OPENERS) for m in NAME_RUN.finditer(premise)}
    novel = []
    units = _units_measured(claim, premise)
    claim = re.sub(r"\b\w+n['’]t\b|\bI['’](?:m|ve|ll|d)\b", " ", claim)
    for match in NAME_RUN.finditer(claim):
        tokens = [t for t in match.group().split() if t.lower() not in CLAIM_OPENERS or match.start() > 0]
        for position, token in enumerate(tokens):
            low = token.lower()
            if low in words or any(w.startswith(low[:5]) for w in words if len(low) >= 5 and len(w) >= 5):
                continue
            if "-" in low and re.search(rf"(?<![\w-]){re.escape(low)}(?![\w-])", text):  # "Wi-Fi" is one word
                continue
            if token.isupper() and len(token) <= 5 and low in initials or low in units:
                continue  # "GB" where the premise measures in gigabytes
            if match.start() == 0 and position == 0 and len(tokens) == 1 and (_inflects(low, words) or low in _ANYONE):
                continue  # "Smoking increases ..." against "People who smoke ...": a common word, capitalised
            if match.start() == 0 and position == 0 and len(tokens) == 1 and low in _READERS and _ADDRESSED & words:
                continue  # "Patients taking Veltrazine ..." against a leaflet's "Do not drink ... while you are taking"
            if position < len(tokens) - 1 and _surname_alone(tokens[-1], premise):
                continue  # "Nelson Mandela" against "Mandela was freed ...": the evidence names him short
            novel.append(token)
    dated = _dates_stated(claim, premise)
    missing = [
        m.group()
        for m in _NUMBER.finditer(claim)
        if m.group() not in text
        and m.group().replace(",", "") not in text.replace(",", "")
        and not any(start <= m.start() < end for start, end in dated)
    ]
    if missing:  # "in 2004. Three years later" says 2007
        counted = years_of_sentences([premise[a:b] for a, b in split_sentences(premise)])
        missing = [n for n in missing if not any(n == str(y) for years in counted for y in years)]
    if missing:
        claimed = [q for q in parse_quantities(claim) if q.kind == QuantityKind.NUMBER]  # a year is exact
        stated = parse_quantities(premise)
        spelled = {value for word, value in WORD_NUMBERS.items() if word in words}
        spans = _decades_stated(claim, premise)
        novel += [
            n for n in missing if not _approximated(n, claimed, stated) and not _spelled(n, spelled) and n not in spans
        ]
    return novel


def _units_measured(claim: str, premise: str) -> set[str]:
    """The claim's units ("GB", "PM") of which the premise gives an amount in some unit of the same measure."""
    measured = [q for q in parse_quantities(claim) if q.dimension]
    if not measured:
        return set()
    measures = {q.dimension for q in parse_quantities(premise) if q.dimension}
    return {word.lower() for q in measured if q.dimension in measures for word in re.findall(r"[A-Za-z]+", q.text)}


def _dates_stated(claim: str, premise: str) -> list[tuple[int, int]]:
    """Spans of the claim's dates that the premise gives as the same day in another form ("2018-05-25" /
    "25 May 2018"): the numbers inside them are mentioned."""
    days = {q.day for q in parse_quantities(premise) if q.day is not None}
    return [(q.start, q.end) for q in parse_quantities(claim) if q.day is not None and q.day in days]


def _decades_stated(claim: str, premise: str) -> set[str]:
    """The claim's decades ("1990" of "the 1990s") that the premise states by a year of them ("in 1997")."""
    claimed = decades(claim)
    years = years_in(premise) if claimed else set()
    return {str(first) for *_, first in claimed if any(in_decade(year, first) for year in years)}


def _spelled(number: str, spelled: set[int]) -> bool:
    """ "12 games" against "twelve games": the premise writes the number in words."""
    return number.isdigit() and int(number) in spelled


def _inflects(word: str, words: set[str]) -> bool:
    """Another form of the word is in the premise: a shared stem of four letters or more, all but the
    last three of the word ("smoking" / "smoke", "antibiotic" / "antibiotics")."""
    need = max(4, len(word) - 3)
    return any(w[:need] == word[:need] for w in words if len(w) >= need)


_ANYONE = frozenset({"people", "person"})
"""Words for any person or group of persons ("People on simvastatin ..." against "Patients taking simvastatin
..."): capitalised only because they open the claim ("Someone" and "Anyone" are `CLAIM_OPENERS`). Other
capitalised common words stay: an opener the evidence never mentions ("Experts have said", "Residents were
urged") marks an invented summary on the suite's dev halves more often than a right one."""


_READERS = frozenset(
    """patients women men children adults users customers drivers passengers residents tenants visitors travellers
    travelers students parents employees workers owners smokers members applicants guests shoppers buyers consumers
    pupils borrowers investors""".split()
)
_ADDRESSED = frozenset({"you", "your", "yours", "yourself"})
"""A text that speaks to its reader ("Tell your doctor if you are pregnant") speaks to whom a claim names as a
group ("Women who are expecting ..."): the group is its reader, not a name the text leaves out. Elsewhere a
group the evidence never mentions still counts as new (`_ANYONE`)."""


def _surname_alone(surname: str, premise: str) -> bool:
    """The premise names the claim's last name without a first name before it, and never with another one."""
    if surname.lower() not in premise.lower() or len(surname) < 3:
        return False
    before = re.findall(rf"([A-Z][\w'’-]*)\s+{re.escape(surname)}\b", premise)
    return not [word for word in before if word.lower() not in CLAIM_OPENERS]


def _approximated(number: str, claimed: list[Quantity], stated: list[Quantity]) -> bool:
    """ "about 300,000 km/s" against "299,792 km/s": a hedged or converted value the premise states, or a
    measure inside the claim's bound ("under three hours" / "2 hours 54 minutes"). A bare count under a bound
    ("more than 100") holds of any larger number the premise gives, whatever it counts, so it is mentioned only
    where the claim is read in the premise's words (`grounding.verify.wording`), which checks what is counted."""
    return any(
        number in q.text
        and any(same_quantity(q, s) for s in stated if s.kind == q.kind and (q.dimension or q.bound in (None, s.bound)))
        for q in claimed
    )


class NoveltyRule:
    name = "novelty"

    def __init__(self, discount: float = NOVELTY_DISCOUNT) -> None:
        self.discount = discount

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        novel = list(dict.fromkeys(novel_mentions(claim, evidence)))
        if not novel:
            return []
        return [RuleFinding(rule=self.name, effect=Effect.DISCOUNTS, detail=f"never mentioned: {', '.join(novel)}")]
