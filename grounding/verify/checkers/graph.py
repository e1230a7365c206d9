"""The symbolic checker: a claim against the knowledge graph itself.

Link the claim's entities, match its wording to a predicate, look the triple up. The graph
supports a claim when it holds the triple; it contradicts one when the predicate is functional
(one capital, one population) and the graph holds another value of a compatible type, or when a
number or date differs beyond tolerance. Anything else is left to the next checker: the graph is
open-world, so a missing fact is no evidence against a claim.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

import numpy as np

from grounding.text.lexicon import FUNCTION_WORDS
from grounding.text.names import CAPITALISED_TOKEN
from grounding.text.quantities import (
    Quantity,
    QuantityKind,
    literal_quantity,
    parse_quantities,
    relative_difference,
    same_quantity,
    unit_in_template,
)
from grounding.types import Citation, Claim, ClaimVerdict, Correction, Effect, Method, RuleFinding, Verdict
from grounding.verify.checkers.base import AnswerUnderCheck
from grounding.verify.options import VerifierOptions
from knowledge.kb import KnowledgeBase
from knowledge.linking import normalize
from knowledge.retriever import RDF_TYPE, fact_evidence
from knowledge.types import EntityMatch, Triple

NEGATION = re.compile(
    r"\b(?:not(?!\s+(?:only|just|merely)\b)|never|no longer|isn't|wasn't|aren't|weren't|doesn't|didn't|hasn't"
    r"|haven't)\b|n't\b",
    re.I,
)
NEGATION_FINDING = RuleFinding(
    rule="graph_negation", effect=Effect.CONTRADICTS, detail="The claim negates what the graph holds, or the reverse."
)
MIN_LINK_SCORE = 0.8
MIN_PREDICATE_FIT = 0.7  # the claim names the relation (label or alias words), not just resembles it
MIN_NUMERIC_SUPPORT_FIT = 0.3  # a matching number under a loosely named numeric relation still supports
# A claim that names someone or something only by a pronoun ("He also directed Meet the Fockers",
# "Martin Short stars in it") names them in the conversation: the question or the evidence.
PRONOUN = re.compile(r"\b(?P<pronoun>he|she|they|it|him|his|her|its|their|them)\b", re.I)
CONTEXT_LINK_METHODS = ("exact", "alias")
INTERJECTION = re.compile(r"yes|yeah|yep|no|nope|oh|ok|okay|well|sure|wow|hi|hello|actually|indeed", re.I)


@dataclass
class GraphFinding:
    verdict: Verdict
    confidence: float
    reason: str
    facts: list[Triple]
    scores: dict[str, float] = field(default_factory=dict)
    correction: Correction | None = None
    negated: bool = False


def _contradiction(
    triple: Triple, right: str, wrong: str, confidence: float, scores: dict[str, float], note: str = ""
) -> GraphFinding:
    """The graph holds `right` where the claim says `wrong`: one wording, one correction."""
    return GraphFinding(
        Verdict.CONTRADICTED,
        confidence,
        f"The graph says the {triple.predicate_label} of {triple.subject_label} is {right}, not {wrong}{note}.",
        [triple],
        scores,
        Correction(wrong=wrong, right=right),
    )


def check_claims(
    kb: KnowledgeBase, claims: list[Claim], claim_vectors: np.ndarray, context: Sequence[str] = ()
) -> list[ClaimVerdict | None]:
    """A verdict per claim where the graph decides, None where it cannot.

    `context` is what the answer replies to (the question, the evidence it was given): the entities
    named there are who a claim's bare "he" or "it" can mean.
    """
    named = functools.cache(lambda: context_entities(kb, context))
    verdicts: list[ClaimVerdict | None] = []
    for claim, vector in zip(claims, claim_vectors, strict=True):
        finding = check_against_graph(kb, claim.text, vector, named)
        if finding is None:
            verdicts.append(None)
            continue
        citations = [Citation(evidence=fact_evidence(kb, t, score=1.0)) for t in finding.facts]
        verdicts.append(
            ClaimVerdict(
                claim=claim,
                verdict=finding.verdict,
                confidence=round(finding.confidence, 4),
                method=Method.GRAPH,
                reason=finding.reason,
                citations=citations,
                scores=finding.scores,
                correction=finding.correction,
                findings=[NEGATION_FINDING] if finding.negated else [],
            )
        )
    return verdicts


def context_entities(kb: KnowledgeBase, texts: Sequence[str]) -> list[EntityMatch]:
    """Graph entities the context names exactly, each once, the latest mention first."""
    found: dict[str, EntityMatch] = {}
    for text in reversed([t for t in texts if t and t.strip()]):
        matches = [
            m
            for m in kb.linker.link(text, fuzzy=False, embedding=False)
            if m.score >= MIN_LINK_SCORE and m.method in CONTEXT_LINK_METHODS and _names(m, text)
        ]
        for match in sorted(matches, key=lambda m: -(m.start or 0)):
            found.setdefault(match.iri, match)
    return list(found.values())


def check_against_graph(
    kb: KnowledgeBase,
    text: str,
    vector: np.ndarray,
    context: Callable[[], list[EntityMatch]] | None = None,
) -> GraphFinding | None:
    linked = kb.linker.link(text, embedding=False)
    entities = [m for m in linked if m.score >= MIN_LINK_SCORE and _names(m, text) and not _interjection(m)]
    if not entities:
        return None
    fit = kb.predicate_fit(text, vector)
    quantities = [q for q in parse_quantities(text) if not _inside_mention(q, entities)]
    negated = bool(NEGATION.search(text))
    findings: list[tuple[float, GraphFinding]] = []
    for predicate, predicate_fit in sorted(fit.items(), key=lambda item: -item[1]):
        if predicate_fit < MIN_NUMERIC_SUPPORT_FIT or predicate == RDF_TYPE:
            continue
        for subject in entities:
            values = kb.graph.facts(subject=subject.iri, predicate=predicate)
            if not values:
                continue
            if values[0].object_is_literal:
                finding = _check_literal(kb, text, subject, values, quantities, predicate_fit)
            elif predicate_fit >= MIN_PREDICATE_FIT:
                finding = _check_object(kb, text, subject, entities, values, predicate_fit)
            else:
                finding = None
            if finding is None:
                continue
            contradicts = (finding.verdict == Verdict.CONTRADICTED) != negated
            if contradicts and subject.method not in ("exact", "alias"):
                continue  # "Chronicles of Amber" is not the film "Chronicle": a near-spelling refutes nothing
            findings.append((predicate_fit, finding))
    if not findings:
        pronoun = PRONOUN.search(text)
        if pronoun is None or negated or context is None:
            return None
        mentioned = {m.iri for m in linked}
        found = _support_through_context(kb, text, entities, mentioned, fit, pronoun["pronoun"], context())
        return found if found is not None and _accounts_for_every_name(kb, text, entities, found) else None
    _, best = max(findings, key=lambda item: (item[0], item[1].confidence))
    result = _negate(best) if negated else best
    if result.verdict == Verdict.SUPPORTED and not _accounts_for_every_name(kb, text, entities, result):
        return None
    return result


def _accounts_for_every_name(kb: KnowledgeBase, text: str, entities: list[EntityMatch], finding: GraphFinding) -> bool:
    """Does the graph speak to every name the claim states, not just to the two its fact joins?

    "Vin Diesel was also in Dances with Wolves starring Kevin Costner" holds the fact that Costner acted
    in it and says nothing true about Diesel; "Will Smith produced Lakeview Terrace, one of his best"
    names a film the graph does not know. Support needs each mention joined by some fact to another
    name of the claim (or to the entity its pronoun means), and no capitalised name the graph cannot
    link. A mention is one stretch of words: the film "Gold" and the tag "gold" read there, or "Haunted
    Hill" inside "House on Haunted Hill", are readings of it, and one joined reading accounts for it.
    Sentence-initial words are not names here.
    """
    accounted = {t.subject for t in finding.facts} | {t.object for t in finding.facts if not t.object_is_literal}
    mentions: list[list[EntityMatch]] = []
    for entity in sorted(entities, key=lambda e: (e.start or 0, -(e.end or 0))):
        last = mentions[-1][0] if mentions else None
        inside = (
            last is not None and entity.start is not None and last.start is not None and entity.start < (last.end or 0)
        )
        if inside:
            mentions[-1].append(entity)
        else:
            mentions.append([entity])
    mentions = [m for m in mentions if _is_name(text, m[0])]
    names = accounted | {e.iri for m in mentions for e in m}
    for mention in mentions:
        readings = {e.iri for e in mention}
        if readings & accounted:
            continue
        if not any(_joined(kb, iri, other) for iri in readings for other in names - readings):
            return False
    covered = [(e.start, e.end) for e in entities if e.start is not None and e.end is not None]
    named = {w.lower() for e in entities for w in CAPITALISED_TOKEN.findall(e.mention)}  # "Titanic ... Titanic"
    for word in CAPITALISED_TOKEN.finditer(text):
        if any(start <= word.start() < end for start, end in covered) or _opens_sentence(text, word.start()):
            continue
        if word.group().lower() in named:
            continue
        if word.group().lower() in FUNCTION_WORDS or INTERJECTION.fullmatch(word.group()) or word.group() == "I":
            continue
        return False
    return True


def _joined(kb: KnowledgeBase, a: str, b: str) -> bool:
    """Does any fact link the two entities, either way round?"""
    return bool(kb.graph.facts(subject=a, obj=b, limit=1) or kb.graph.facts(subject=b, obj=a, limit=1))


def _is_name(text: str, mention: EntityMatch) -> bool:
    """Is a linked mention a name the claim states? Not a lowercase word that matches a tag ("a great
    movie"), not a bare number ("released in 2014"). All-lowercase text gets the benefit of the doubt.

    A linked word that opens a sentence stays a name even though openers are capitalised anyway:
    exempting it let "Fitzwilly and Smile were written by Jeffrey Kramer" pass on Smile alone. The cost
    is an ordinary opener that happens to be a title ("Fun fact: ...", the film *Fun*), which now keeps
    the claim from graph support; a wrong "supported" is the worse error.
    """
    if not any(ch.isalpha() for ch in mention.mention):
        return False
    return text == text.lower() or mention.mention[:1].isupper()


def _opens_sentence(text: str, start: int) -> bool:
    """A sentence's first word is capitalised whatever it is."""
    before = text[:start].rstrip(" \"'“‘(")
    return not before or before[-1] in ".!?:"


def _support_through_context(
    kb: KnowledgeBase,
    text: str,
    entities: list[EntityMatch],
    mentioned: set[str],
    fit: dict[str, float],
    pronoun: str,
    context: list[EntityMatch],
) -> GraphFinding | None:
    """A pronoun-led claim the graph holds when the pronoun means an entity the context names.

    Only support is read this way: which entity the pronoun means is a guess, and a guess that
    makes the graph hold the claim is strong evidence, while one that does not proves nothing.
    `mentioned` is every entity linked in the claim's own words: none of them is what its pronoun means.
    """
    claimed = {e.iri: e for e in entities if e.method in CONTEXT_LINK_METHODS and e.score >= 1.0}
    if not claimed:
        return None
    for predicate, predicate_fit in sorted(fit.items(), key=lambda item: -item[1]):
        if predicate_fit < MIN_PREDICATE_FIT or predicate == RDF_TYPE:
            continue
        neighbours = [_neighbours(kb, iri, predicate) for iri in claimed]
        for meant in context:
            if meant.iri in mentioned or _written_in(meant.label, text):
                continue  # "it has a drama-genre like X": "it" is not the drama the claim names
            if not all(meant.iri in held for held in neighbours):
                continue
            facts = [held[meant.iri] for held in neighbours]
            return GraphFinding(
                Verdict.SUPPORTED,
                0.9 * min(meant.score, *(e.score for e in claimed.values())),
                f'Reading "{pronoun}" as {meant.label}, the graph holds '
                + ("this fact: " if len(facts) == 1 else "these facts: ")
                + " ".join(kb.graph.verbalize(t) for t in facts),
                facts,
                {"predicate_fit": round(predicate_fit, 4), "pronoun_resolved": 1.0},
            )
    return None


def _written_in(label: str, text: str) -> bool:
    return bool(re.search(rf"(?<!\w){re.escape(label.lower())}(?!\w)", text.lower()))


def _neighbours(kb: KnowledgeBase, iri: str, predicate: str) -> dict[str, Triple]:
    """What `iri` is linked to through `predicate`, either way round, with the linking fact."""
    held = {t.object: t for t in kb.graph.facts(subject=iri, predicate=predicate)}
    held.update({t.subject: t for t in kb.graph.facts(predicate=predicate, obj=iri)})
    return held


def _check_object(
    kb: KnowledgeBase,
    text: str,
    subject: EntityMatch,
    entities: list[EntityMatch],
    values: list[Triple],
    fit: float,
) -> GraphFinding | None:
    others = [e for e in entities if e.iri != subject.iri and (e.start is None or e.start != subject.start)]
    held = {v.object: v for v in values}
    if not others:
        return _check_unlinked_object(kb, text, subject, values, fit)
    for other in others:
        if other.iri in held:
            triple = held[other.iri]
            return GraphFinding(
                Verdict.SUPPORTED,
                0.97 * min(subject.score, other.score),
                f"The graph holds this fact: {kb.graph.verbalize(triple)}",
                [triple],
                {"predicate_fit": round(fit, 4)},
            )
    if not kb.graph.is_functional(values[0].predicate):
        return None
    triple = values[0]
    value_types = _types(kb, triple.object)
    scores = {"predicate_fit": round(fit, 4), "functional": 1.0}
    for other in others:
        if value_types & _types(kb, other.iri):
            return _contradiction(
                triple, triple.object_label, other.label, 0.93 * min(subject.score, other.score), scores
            )
    if len(others) == 1 and others[0].iri != triple.object:
        return _functional_value_differs(kb, triple, subject, others[0], value_types, scores)
    return _check_unlinked_object(kb, text, subject, values, fit)


def _functional_value_differs(
    kb: KnowledgeBase,
    triple: Triple,
    subject: EntityMatch,
    other: EntityMatch,
    value_types: set[str],
    scores: dict[str, float],
) -> GraphFinding:
    """One value of a functional property, and the claim names another known entity in its place.

    Most user graphs (CSV facts, extracts) carry no classes, so this cannot wait for a shared
    type: a different entity where only one can be is a contradiction. It is read only when the
    claim names exactly one entity besides its subject, so the other name is the claimed value
    and not an aside ("The capital of Australia, in Oceania, ..."). Where both sides are typed
    and the types differ, the reason says so: the claim puts the wrong kind of thing there.
    """
    other_types = _types(kb, other.iri)
    note = ""
    if value_types and other_types:
        held = ", ".join(sorted(kb.graph.label(t) for t in value_types))
        claimed = ", ".join(sorted(kb.graph.label(t) for t in other_types))
        note = f"; {other.label} is a {claimed}, while the graph's value is a {held}"
    confidence = 0.9 * min(subject.score, other.score) * (0.95 if note else 1.0)
    return _contradiction(
        triple, triple.object_label, other.label, confidence, {**scores, "typed": float(bool(value_types))}, note
    )


def _check_unlinked_object(
    kb: KnowledgeBase, text: str, subject: EntityMatch, values: list[Triple], fit: float
) -> GraphFinding | None:
    """The object is no graph entity ("... is Sydney"): read it off the predicate's sentence shape.

    Only a claim phrased like the predicate's template ("The capital of {s} is {o}." or its
    inverse "{o} is the capital of {s}.") is read this way, so the object slot is certain.
    """
    triple = values[0]
    if not kb.graph.is_functional(triple.predicate):
        return None
    names_of_predicate = [triple.predicate_label, *kb.graph.aliases(triple.predicate)]
    claimed = _object_in_template_shape(kb.graph.template_of(triple.predicate), names_of_predicate, text, subject)
    if claimed is None:
        return None
    names = {normalize(triple.object_label), *(normalize(a) for a in kb.graph.aliases(triple.object))}
    if normalize(claimed) in names:
        return GraphFinding(
            Verdict.SUPPORTED,
            0.95 * subject.score,
            f"The graph holds this fact: {kb.graph.verbalize(triple)}",
            [triple],
            {"predicate_fit": round(fit, 4)},
        )
    return _contradiction(
        triple, triple.object_label, claimed, 0.88 * subject.score, {"predicate_fit": round(fit, 4), "functional": 1.0}
    )


def _object_in_template_shape(
    template: str | None, predicate_names: list[str], text: str, subject: EntityMatch
) -> str | None:
    """The object slot of a claim phrased like the template, with the predicate's aliases too."""
    if not template or "{s}" not in template or "{o}" not in template:
        return None
    core = template.strip().rstrip(".")
    shapes = [core]
    noun = re.fullmatch(r"The (.+) of \{s\} is \{o\}", core)
    if noun:
        for name in dict.fromkeys([noun[1], *predicate_names]):
            shapes += [f"The {name} of {{s}} is {{o}}", f"{{o}} is the {name} of {{s}}", f"{{s}}'s {name} is {{o}}"]
    sentence = re.sub(r"\s+", " ", NEGATION.sub(" ", text.strip().rstrip("."))).strip()
    subject_names = {normalize(subject.label), normalize(subject.mention)}
    for shape in shapes:
        pattern = re.escape(shape).replace(r"\{s\}", r"(?P<s>.+?)").replace(r"\{o\}", r"(?P<o>.+?)")
        match = re.fullmatch(pattern.replace(r"\ ", r"\s+"), sentence, re.I)
        if match and normalize(match["s"]) in subject_names:
            claimed = match["o"].strip(" ,;:")
            return claimed if _looks_like_a_name(claimed) else None
    return None


def _looks_like_a_name(phrase: str) -> bool:
    """'Sydney' or 'New Delhi' fills an object slot; 'a beautiful city' describes, and is not compared."""
    words = phrase.split()
    if words and words[0].lower() == "the":
        words = words[1:]
    return bool(words) and len(words) <= 6 and (words[0][:1].isupper() or words[0][:1].isdigit())


def _check_literal(
    kb: KnowledgeBase,
    text: str,
    subject: EntityMatch,
    values: list[Triple],
    quantities: list[Quantity],
    fit: float,
) -> GraphFinding | None:
    triple = values[0]
    unit = unit_in_template(kb.graph.template_of(triple.predicate))
    actual = literal_quantity(triple.object_label, triple.datatype, unit)
    functional = kb.graph.is_functional(triple.predicate)
    if actual is None:
        if fit >= MIN_PREDICATE_FIT and normalize(triple.object_label) in normalize(text):
            return GraphFinding(
                Verdict.SUPPORTED,
                0.95 * subject.score,
                f"The graph holds this fact: {kb.graph.verbalize(triple)}",
                [triple],
            )
        return None
    comparable = [q for q in quantities if _comparable(q, actual)]
    if not comparable:
        return None
    matches = [q for q in comparable if same_quantity(q, actual)]
    scores = {"predicate_fit": round(fit, 4), "graph_value": actual.value}
    if matches:
        return GraphFinding(
            Verdict.SUPPORTED,
            0.96 * subject.score,
            f"The graph gives the {triple.predicate_label} of {triple.subject_label} as {_shown(triple, actual)}, "
            f"which matches {matches[0].text!r}.",
            [triple],
            {**scores, "claimed_value": matches[0].value},
        )
    if not functional or fit < MIN_PREDICATE_FIT:
        return None
    closest = min(comparable, key=lambda q: relative_difference(q, actual))
    off = relative_difference(closest, actual)
    how = f" (off by {off:.0%})" if actual.kind == QuantityKind.NUMBER else ""
    return _contradiction(
        triple,
        _shown(triple, actual),
        closest.text,
        0.95 * subject.score,
        {**scores, "claimed_value": closest.value, "relative_difference": round(off, 4)},
        how,
    )


def _comparable(claimed: Quantity, actual: Quantity) -> bool:
    if actual.kind in (QuantityKind.YEAR, QuantityKind.DATE):
        return claimed.kind in (QuantityKind.YEAR, QuantityKind.DATE)
    if claimed.kind != QuantityKind.NUMBER:
        return False
    return not (claimed.dimension and actual.dimension and claimed.dimension != actual.dimension)


def _shown(triple: Triple, actual: Quantity) -> str:
    if actual.kind == QuantityKind.NUMBER:
        value = float(triple.object_label)
        text = f"{value:,.0f}" if value.is_integer() else f"{value:,}"
        return f"{text} {actual.unit}" if actual.unit else text
    return triple.object_label


def _names(match: EntityMatch, text: str) -> bool:
    """A capitalised name is only meant where it is written capitalised: "good things" is not the film
    "Good". Text written all in lower case gets the benefit of the doubt."""
    return not match.label[:1].isupper() or not match.mention[:1].islower() or text == text.lower()


def _interjection(match: EntityMatch) -> bool:
    """ "Yes he also directed ...": the film *Yes* is not what a reply opens with."""
    return match.start == 0 and bool(INTERJECTION.fullmatch(match.mention))


def _inside_mention(quantity: Quantity, entities: list[EntityMatch]) -> bool:
    return any(e.start is not None and e.start <= quantity.start < (e.end or 0) for e in entities)


def _types(kb: KnowledgeBase, iri: str) -> set[str]:
    return {t.object for t in kb.graph.facts(subject=iri, predicate=RDF_TYPE)}


def _negate(finding: GraphFinding) -> GraphFinding:
    flipped = Verdict.CONTRADICTED if finding.verdict == Verdict.SUPPORTED else Verdict.SUPPORTED
    return GraphFinding(
        flipped,
        finding.confidence,
        f"The claim is negated; {finding.reason[0].lower()}{finding.reason[1:]}",
        finding.facts,
        finding.scores,
        negated=True,
    )


class GraphChecker:
    """Claims about the knowledge graph, decided exactly; the rest are left open."""

    name = "graph"
    reads_evidence = False

    def __init__(self, kb: KnowledgeBase) -> None:
        self.kb = kb

    def check(self, answers: Sequence[AnswerUnderCheck], options: VerifierOptions) -> None:
        for answer in answers:
            context = [answer.question or "", *(e.text for e in answer.given or [])]
            found = check_claims(self.kb, answer.claims, answer.vectors, context)
            answer.verdicts = [v if v is not None else f for v, f in zip(answer.verdicts, found, strict=True)]
