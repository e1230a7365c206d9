"""Answering factoid questions from the knowledge graph alone: a generator that cannot hallucinate.

Every value it returns is a label read off the graph and every value comes with the facts that
reach it, so the answer is grounded by construction. It answers only when it is confident that it
understood the question (one topic entity, relations the question names); otherwise it returns
None and the pipeline falls back to the LLM.

The method needs no training. Link the topic entity; find the relations the question names by
spotting the distinctive words of each relation's labels; read each named relation as one hop; a
word such as "also", "same" or "co-" means the answer shares a relation with the topic, which
adds a hop that goes back along a named relation ("who co-starred with X": X's films, then their
actors). Which relation and which direction (subject to object, or back) each hop takes is
decided by beam search over the relations the graph actually has at the current entities, each
hop scored by how well the relation's phrasings (labels, altLabels, `gq:inverseLabel`s) fit its
part of the question: embedding similarity plus shared words. The graph itself settles most
directions: a director only has incoming `directed by` edges.

Confidence is the weakest hop's: its predicate must fit its part of the question well, and no
other predicate may fit that part much better. A question read with fewer hops than it names
relations (because the graph lacks a path) is not confidently answered.

Known limit: one relation named twice without a marker ("the films directed by the director of
X") is read as one hop, so such three-hop questions are mostly left to the LLM or answered wrong.
"""

from __future__ import annotations

import functools
import math
import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TypeVar

import numpy as np
from pydantic import BaseModel, Field
from rdflib import Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS

from grounding.text.lexicon import QUESTION_STOPWORDS
from knowledge.embeddings import embed
from knowledge.errors import KnowledgeBaseError
from knowledge.graph import GQ, LABEL_PREDICATES, KnowledgeGraph, node_text
from knowledge.kb import KnowledgeBase
from knowledge.linking import normalize
from knowledge.retriever import fact_evidence
from knowledge.types import EntityMatch, Evidence, Triple

INVERSE_LABEL = GQ.inverseLabel
BEAM_WIDTH = 5
MAX_TOPICS = 4
MIN_LINK_SCORE = 0.75
OVERLAP_WEIGHT = 0.5  # as in knowledge.retriever.predicate_fit_scores: shared words add to similarity
FIT_FLOOR = 0.35  # a hop fitting this badly is a guess: confidence 0
FIT_FULL = 0.75  # a hop fitting this well (roughly: its words are in the question) is certain
RELATIVE_FLOOR = 0.7  # a hop whose predicate fits its part 70% as well as the best predicate: confidence 0
ORDER_PRIOR = 0.01  # per position a part is taken away from its closeness order; only breaks ties
FALLBACK_PENALTY = 0.4  # below the default threshold: such an answer ignores a named relation
CONFIDENT = 0.5  # a chain this sure ends the search; simpler readings are tried only below it
CASE_PENALTY = 0.9  # a [bracketed] mention cased unlike the label: 'house' is the tag, not the film
LISTED_VALUES = 10
FIT_CACHE_SIZE = 20_000
GENERIC_SHARE = 1 / 3  # a word in the phrasings of this share of relations (e.g. "film") names none
MAX_CUE_PREDICATES = 2  # a word of more relations' phrasings ("country" in four) is no sign of a hop

_PLURAL_VERBS = ((" was ", " were "), (" is ", " are "), (" has ", " have "))
_WORD = re.compile(r"\w+")
_BRACKET = re.compile(r"\[([^\[\]]+)\]")
_SUFFIXES = ("ering", "ered", "ing", "er", "or", "ed", "en")
# Words that say the answer shares a relation with the topic rather than being its value.
_SIBLING_MARKERS = frozenset("also same co together fellow alongside share shared shares".split())


class GraphAnswer(BaseModel):
    """An answer read off the graph, with the facts that reach every value."""

    question: str
    answer: str = Field(description="A sentence stating the values: 'The capital of Australia is Canberra.'")
    values: list[str] = Field(description="Labels of the answer entities or literals, best supported first.")
    confidence: float = Field(ge=0.0, le=1.0)
    citations: list[Evidence] = Field(description="The facts used, hop by hop in path order.")
    hops: int = Field(ge=1)


@dataclass(frozen=True, order=True)
class Reading:
    """One way a hop can go along a predicate: forward answers objects, inverse answers subjects."""

    predicate: str
    inverse: bool


Edge = tuple[str, str, str]
T = TypeVar("T")


@dataclass(frozen=True)
class RelationTable:
    """Phrasings of every (predicate, direction) of one graph, embedded once and reused."""

    readings: tuple[Reading, ...]
    index: dict[Reading, int]
    phrasing_rows: tuple[tuple[int, int], ...]  # per reading: its rows in `vectors`
    phrasing_stems: tuple[frozenset[str], ...]  # per row: distinctive stems
    vectors: np.ndarray
    cues: dict[str, frozenset[str]]  # distinctive stem -> the predicates whose phrasings use it
    symmetric: frozenset[str]
    embedding_model: str
    fits: dict[str, np.ndarray]  # question part -> fit per reading; templated questions repeat parts


@dataclass(frozen=True)
class _Plan:
    """How one topic reading of the question splits into hops."""

    topic: EntityMatch
    link: float
    whole: str  # the question without the topic mention, normalised
    parts: tuple[str, ...]  # one per named relation, or just `whole`
    sibling: bool  # one extra hop may reuse any named relation


@dataclass
class _State:
    readings: tuple[Reading, ...]
    fits: tuple[float, ...]
    parts: tuple[str, ...]  # the part of the question each hop was matched to
    used: frozenset[int]
    prior: float
    frontier: dict[str, tuple[Edge, ...]]  # node -> first path reaching it
    support: dict[str, int]  # node -> number of paths reaching it

    @property
    def score(self) -> float:
        return sum(self.fits) + self.prior


def answer_from_graph(
    kb: KnowledgeBase, question: str, max_hops: int = 3, min_confidence: float = 0.5
) -> GraphAnswer | None:
    """The graph's answer to a factoid question, or None when the graph cannot answer it with confidence."""
    table = relation_table(kb.graph, kb.embedding_model)
    if not table.readings or max_hops < 1:
        return None
    plans = [_plan(table, topic, left, right, link, max_hops) for topic, left, right, link in _topics(kb, question)]
    texts = sorted({text for plan in plans for text in (plan.whole, *plan.parts)})
    if not texts:
        return None
    fits = _fits(table, texts)
    steps: dict[str, dict[Reading, list[Edge]]] = {}
    best: tuple[float, float, _Plan, _State] | None = None
    for plan in plans:
        found = _search(kb, table, plan, fits, steps)
        if found is None:
            continue
        state, confidence = found
        rank = plan.link * state.score / len(state.readings)
        if best is None or (confidence, rank) > (best[0], best[1] + 1e-9):
            best = (confidence, rank, plan, state)
    if best is None or best[0] < min_confidence:
        return None
    confidence, _, plan, state = best
    return _compose(kb, question, plan, state, round(confidence, 4))


# -- the relation table --------------------------------------------------------------------------


@functools.lru_cache(maxsize=4)
def relation_table(graph: KnowledgeGraph, embedding_model: str) -> RelationTable:
    """Both readings of every data predicate with their phrasings; cached per graph object.

    A predicate without `gq:inverseLabel` is phrased the same both ways: the graph then decides
    the direction, since the topic sits on one side of its edges only. Names of classes are no
    cues ("which country", "the movie" name the answer's type, not a hop) unless a predicate is
    called by them ("currency").
    """
    symmetric = frozenset(str(p) for p in graph.subjects(RDF.type, OWL.SymmetricProperty))
    readings: list[Reading] = []
    phrasings: list[list[str]] = []
    for iri, label, aliases in graph.predicates():
        forward = _unique([_readable(label), *(_readable(a) for a in aliases)])
        inverse = _unique(_readable(str(lit)) for lit in graph.objects(URIRef(iri), INVERSE_LABEL))
        readings.append(Reading(iri, False))
        phrasings.append(forward)
        if iri in symmetric:
            continue
        readings.append(Reading(iri, True))
        phrasings.append(inverse or forward)
    generic = _generic_stems(readings, phrasings)
    rows: list[tuple[int, int]] = []
    stems: list[frozenset[str]] = []
    users: dict[str, set[str]] = {}
    texts: list[str] = []
    for reading, texts_of_reading in zip(readings, phrasings, strict=True):
        rows.append((len(texts), len(texts) + len(texts_of_reading)))
        for text in texts_of_reading:
            distinctive = _stems(text) - generic
            stems.append(distinctive)
            texts.append(text)
            for word in distinctive:
                users.setdefault(word, set()).add(reading.predicate)
    vectors = embed(texts, embedding_model) if texts else np.zeros((0, 1), dtype=np.float32)
    types = _class_stems(graph) - {w for _, label, _ in graph.predicates() for w in _stems(_readable(label))}
    return RelationTable(
        readings=tuple(readings),
        index={reading: i for i, reading in enumerate(readings)},
        phrasing_rows=tuple(rows),
        phrasing_stems=tuple(stems),
        vectors=vectors,
        cues={
            word: frozenset(preds)
            for word, preds in users.items()
            if len(preds) <= MAX_CUE_PREDICATES and word not in types
        },
        symmetric=symmetric,
        embedding_model=embedding_model,
        fits={},
    )


def _class_stems(graph: KnowledgeGraph) -> frozenset[str]:
    classes = {c for kind in (OWL.Class, RDFS.Class) for c in graph.subjects(RDF.type, kind)}
    names = [name for c in classes for name in (graph.label(str(c)), *graph.aliases(str(c)))]
    return frozenset(word for name in names for word in _stems(name))


def _readable(text: str) -> str:
    """`directed_by` and `officialLanguage` read as words, so they embed and match like words."""
    spaced = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", text.replace("_", " "))
    return " ".join(spaced.split()).lower() if spaced != text else " ".join(text.split())


def _unique(items: Iterable[T]) -> list[T]:
    return list(dict.fromkeys(item for item in items if item))


def _generic_stems(readings: list[Reading], phrasings: list[list[str]]) -> frozenset[str]:
    """Stems used by the phrasings of many predicates (type nouns like 'film') name no relation."""
    users: dict[str, set[str]] = {}
    for reading, texts in zip(readings, phrasings, strict=True):
        for text in texts:
            for stem in _stems(text):
                users.setdefault(stem, set()).add(reading.predicate)
    predicates = {reading.predicate for reading in readings}
    limit = max(3, math.ceil(GENERIC_SHARE * len(predicates)))
    return frozenset(stem for stem, preds in users.items() if len(preds) >= limit)


def stem(word: str) -> str:
    """A crude stemmer: 'directed', 'director' and 'directors' all become 'direct'.

    Only the matching of question words to relation phrasings uses it, and both sides go through
    it, so over-stemming is harmless as long as it is consistent; irregular forms ('wrote') are
    left to the ontology's altLabels.
    """
    word = word.lower()
    if word.endswith("s") and not word.endswith("ss") and len(word) > 3:
        word = word[:-1]
    for suffix in _SUFFIXES:
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            word = word[: -len(suffix)]
            if len(word) >= 4 and word[-1] == word[-2] and word[-1] not in "aeiouls":
                word = word[:-1]
            break
    if word.endswith("e") and len(word) >= 4:
        word = word[:-1]
    if word.endswith("y") and len(word) >= 4:
        word = word[:-1] + "i"
    return word


def _stems(text: str) -> frozenset[str]:
    return frozenset(stem(w) for w in _WORD.findall(normalize(text)) if w not in QUESTION_STOPWORDS and len(w) > 1)


def _fit(table: RelationTable, vector: np.ndarray, stems: frozenset[str]) -> np.ndarray:
    """Per reading: best phrasing similarity plus the share of a phrasing's words the text contains."""
    sims = table.vectors @ vector
    fit = np.zeros(len(table.readings), dtype=np.float64)
    for i, (start, end) in enumerate(table.phrasing_rows):
        if start == end:
            continue
        overlap = max(
            (len(stems & own) / len(own) for own in table.phrasing_stems[start:end] if own),
            default=0.0,
        )
        fit[i] = max(0.0, float(sims[start:end].max())) + OVERLAP_WEIGHT * overlap
    return fit


def _fits(table: RelationTable, texts: list[str]) -> dict[str, np.ndarray]:
    """Fits of question parts, embedded in one batch; remembered per graph, a bounded number of them."""
    missing = [text for text in texts if text not in table.fits]
    if missing:
        for text, vector in zip(missing, embed(missing, table.embedding_model), strict=True):
            table.fits[text] = _fit(table, vector, _stems(text))
        while len(table.fits) > FIT_CACHE_SIZE:
            table.fits.pop(next(iter(table.fits)))
    return {text: table.fits[text] for text in texts}


def _hop_confidence(table: RelationTable, part_fits: np.ndarray, reading: Reading) -> float:
    """How sure a hop is: its predicate fits its part well, and no other predicate fits it much better.

    The direction is the graph's to decide (the topic sits on one side of the edges), so the
    predicate's better direction counts. The relative test catches a hop forced onto a part that
    names another relation the graph lacks here.
    """
    own = max(
        float(part_fits[table.index[r]])
        for r in (reading, Reading(reading.predicate, not reading.inverse))
        if r in table.index
    )
    absolute = (own - FIT_FLOOR) / (FIT_FULL - FIT_FLOOR)
    relative = (own / max(float(part_fits.max()), 1e-9) - RELATIVE_FLOOR) / (1.0 - RELATIVE_FLOOR)
    return min(1.0, max(0.0, absolute)) * min(1.0, max(0.0, relative))


# -- topics and the shape of the question --------------------------------------------------------


def _topics(kb: KnowledgeBase, question: str) -> list[tuple[EntityMatch, str, str, float]]:
    """Candidate topic entities with the question's text left and right of them and a link weight.

    A [bracketed] span (MetaQA's convention) is the topic as written: when the graph has no such
    entity there is no topic, and a label cased differently is a weaker match, as the linker
    treats lowercase mentions: the tag 'mark ruffalo' is not the actor 'Mark Ruffalo'.
    """
    bracket = _BRACKET.search(question)
    if bracket:
        left, right = question[: bracket.start()], question[bracket.end() :]
        mention = bracket.group(1).strip()
        return [
            (m, left, right, m.score * (1.0 if m.label == mention else CASE_PENALTY))
            for m in kb.linker.lookup(mention, k=10)
            if m.score >= MIN_LINK_SCORE
        ]
    return [
        (m, question[: m.start], question[m.end :], m.score)
        for m in kb.linker.link(question)[:MAX_TOPICS]
        if m.score >= MIN_LINK_SCORE and m.start is not None and m.end is not None
    ]


def _plan(table: RelationTable, topic: EntityMatch, left: str, right: str, link: float, max_hops: int) -> _Plan:
    """Split the question (topic masked) into one part per relation it names.

    A relation is named by a cue, a word of its phrasings that is not generic. All cues of one
    relation form one part ("release year ... released" names one relation twice): its cue words
    with their neighbours, in question order. A cue shared by a few relations ("language": the
    official language, the language code) adds nothing where one of them is named unambiguously,
    else it joins the cues it shares a relation with. A question naming at most one relation is
    matched as a whole. A sibling marker ("same", "also", "co-") that is itself a cue ("share a
    border with") names that relation instead.

    Parts are ordered by how close their nearest cue is to the topic, the left side first on a
    tie: the phrase attached to the topic ("the films starred by [X]") is usually the first hop.
    """
    before, after = _WORD.findall(normalize(left)), _WORD.findall(normalize(right))
    words = before + after
    cued: list[tuple[int, frozenset[str]]] = []
    sibling = False
    for position, word in enumerate(words):
        if word in QUESTION_STOPWORDS:
            continue
        predicates = table.cues.get(stem(word))
        if predicates:
            cued.append((position, predicates))
        elif word in _SIBLING_MARKERS:
            sibling = True
    groups: list[tuple[list[int], set[str]]] = []
    for position, predicates in sorted(cued, key=lambda item: (len(item[1]), item[0])):
        named = [g for g in groups if g[1] & predicates]
        if len(predicates) > 1 and any(len(g[1]) == 1 for g in named):
            continue
        merged = ([position], set(predicates))
        for group in named:
            merged[0].extend(group[0])
            merged[1].intersection_update(group[1])
            groups.remove(group)
        groups.append(merged)
    whole = " ".join(words)
    sibling = sibling and bool(groups)
    if len(groups) <= 1:
        return _Plan(topic, link, whole, (whole,), sibling and max_hops >= 2)

    def distance(position: int) -> tuple[int, int]:
        return (len(before) - position, 0) if position < len(before) else (position - len(before) + 1, 1)

    groups.sort(key=lambda g: min(distance(p) for p in g[0]))
    parts = []
    for positions, _ in groups[:max_hops]:
        near = sorted({p + d for p in positions for d in (-1, 0, 1) if 0 <= p + d < len(words)})
        parts.append(" ".join(words[p] for p in near))
    return _Plan(topic, link, whole, tuple(parts), sibling and len(parts) < max_hops)


# -- beam search over relation chains ------------------------------------------------------------


def _search(
    kb: KnowledgeBase,
    table: RelationTable,
    plan: _Plan,
    fits: dict[str, np.ndarray],
    steps: dict[str, dict[Reading, list[Edge]]],
) -> tuple[_State, float] | None:
    """The best complete chain for the plan with its confidence; simpler readings are tried next.

    Hops may take the question's parts in any order ("when did the movies acted by X release"
    names the year before the acting, but the acting comes first); a small prior prefers the
    order of the parts' closeness to the topic when the fits tie. The sibling hop goes back along
    the relation of an earlier hop, so it has no part of its own. When no chain answers, the
    question is read with the sibling hop left out, then as a whole in one hop: such an answer
    ignores relations the question names, so its confidence is halved.
    """
    attempts = [(plan.parts, plan.sibling)]
    if plan.sibling:
        attempts.append((plan.parts, False))
    if len(plan.parts) > 1:
        attempts.append(((plan.whole,), False))
    best: tuple[_State, float] | None = None
    for attempt, (parts, sibling) in enumerate(attempts):
        slots = len(parts) + int(sibling)
        beam = [_State((), (), (), frozenset(), 0.0, {plan.topic.iri: ()}, {plan.topic.iri: 1})]
        for _ in range(slots):
            expanded = [child for state in beam for child in _expand(kb, table, state, parts, sibling, fits, steps)]
            expanded.sort(key=lambda s: (-s.score, s.readings))
            beam = expanded[:BEAM_WIDTH]
        for state in beam:
            if not _answers(state, plan.topic.iri):
                continue
            confidence = plan.link * min(
                _hop_confidence(table, fits[part], reading)
                for part, reading in zip(state.parts, state.readings, strict=True)
            )
            confidence *= FALLBACK_PENALTY if attempt else 1.0
            if best is None or confidence > best[1] + 1e-9:
                best = (state, confidence)
            break
        if best is not None and best[1] >= CONFIDENT:
            return best
    return best


def _answers(state: _State, topic: str) -> list[str]:
    """The chain's end nodes; a multi-hop chain that comes back to its topic does not answer with it."""
    return [node for node in state.frontier if len(state.readings) == 1 or node != topic]


def _expand(
    kb: KnowledgeBase,
    table: RelationTable,
    state: _State,
    parts: tuple[str, ...],
    sibling: bool,
    fits: dict[str, np.ndarray],
    steps: dict[str, dict[Reading, list[Edge]]],
) -> list[_State]:
    successors: dict[Reading, tuple[dict[str, tuple[Edge, ...]], dict[str, int]]] = {}
    for node in sorted(state.frontier):
        for reading, edges in _step(kb, table, node, steps).items():
            frontier, support = successors.setdefault(reading, ({}, {}))
            for edge in edges:
                other = edge[2] if edge[0] == node else edge[0]
                frontier.setdefault(other, (*state.frontier[node], edge))
                support[other] = support.get(other, 0) + state.support[node]
    hop = len(state.readings)
    free = [i for i in range(len(parts)) if i not in state.used]
    reversals = {}
    if sibling and len(state.used) == hop:
        for earlier, part in zip(state.readings, state.parts, strict=True):
            back = earlier if earlier.predicate in table.symmetric else Reading(earlier.predicate, not earlier.inverse)
            reversals.setdefault(back, part)
    children = []
    for reading, (frontier, support) in sorted(successors.items()):
        column = table.index[reading]
        options = [(float(fits[parts[i]][column]), -abs(i - hop) * ORDER_PRIOR, i) for i in free]
        if reading in reversals:
            options.append((float(fits[reversals[reading]][column]), 0.0, -1))
        if not options:
            continue
        fit, prior, index = max(options)
        part = reversals[reading] if index < 0 else parts[index]
        used = state.used if index < 0 else state.used | {index}
        children.append(
            _State(
                state.readings + (reading,),
                state.fits + (fit,),
                state.parts + (part,),
                used,
                state.prior + prior,
                frontier,
                support,
            )
        )
    return children


def _step(
    kb: KnowledgeBase, table: RelationTable, node: str, memo: dict[str, dict[Reading, list[Edge]]]
) -> dict[Reading, list[Edge]]:
    """The edges at `node` in their true direction, grouped by how a hop would read them.

    Entity edges come from the networkx view (which leaves out labels, schema links and the
    ontology); literal values from the store. A literal has no edges: it ends a chain.
    """
    if node in memo:
        return memo[node]
    found: dict[Reading, set[Edge]] = {}
    view = kb.view
    if node in view:
        for other, keyed in view.succ[node].items():
            for predicate in keyed:
                found.setdefault(Reading(predicate, False), set()).add((node, predicate, other))
        for other, keyed in view.pred[node].items():
            for predicate in keyed:
                reading = Reading(predicate, predicate not in table.symmetric)
                found.setdefault(reading, set()).add((other, predicate, node))
    if not node.startswith(('"', "_:")):
        for predicate, obj in kb.graph.predicate_objects(URIRef(node)):
            if isinstance(obj, Literal) and predicate not in LABEL_PREDICATES:
                edge = (node, str(predicate), node_text(obj))
                found.setdefault(Reading(str(predicate), False), set()).add(edge)
    memo[node] = {reading: sorted(edges) for reading, edges in found.items() if reading in table.index}
    return memo[node]


# -- the answer ----------------------------------------------------------------------------------


def _compose(kb: KnowledgeBase, question: str, plan: _Plan, state: _State, confidence: float) -> GraphAnswer:
    """One supporting path per value is cited: enough to show that every value is in the graph.

    The answer says each hop in the relation's own words, from the entities reached so far to
    the next ones: 'Ron Howard acted in American Graffiti. Richard Dreyfuss acted in American
    Graffiti.' Every sentence is thus backed by the citations of its hop.
    """
    answers = _answers(state, plan.topic.iri)
    hop_facts: list[dict[Edge, Triple]] = [{} for _ in state.readings]
    labels: dict[str, str] = {}
    for node in answers:
        for hop, edge in enumerate(state.frontier[node]):
            if edge not in hop_facts[hop]:
                triple = hop_facts[hop][edge] = _fact(kb, edge)
                labels.setdefault(triple.subject, triple.subject_label)
                labels.setdefault(triple.object, triple.object_label)
    nodes = sorted(answers, key=lambda n: (-state.support[n], labels[n].casefold(), n))
    sentences = []
    reached = [plan.topic.iri]
    for hop, reading in enumerate(state.readings):
        edges = _unique(state.frontier[n][hop] for n in nodes)
        ends = nodes if hop == len(state.readings) - 1 else _unique(_far_end(edge, reached) for edge in edges)
        if len(reached) == 1:
            example = next(iter(hop_facts[hop].values()))
            sentences.append(_hop_sentence(kb, example, reading, [labels[reached[0]]], [labels[n] for n in ends]))
        else:
            # "Fitzwilly and Smile were written by A, B and C" would say each wrote both: one sentence per source
            by_source: dict[str, list[Edge]] = {}
            for edge in edges:
                far = _far_end(edge, reached)
                by_source.setdefault(edge[0] if far == edge[2] else edge[2], []).append(edge)
            for source in reached[:LISTED_VALUES]:  # the sources' own sentence already says "and N more"
                if source in by_source:
                    own = {_far_end(edge, reached) for edge in by_source[source]}
                    fact = hop_facts[hop][by_source[source][0]]
                    sentences.append(
                        _hop_sentence(kb, fact, reading, [labels[source]], [labels[n] for n in ends if n in own])
                    )
        reached = ends
    return GraphAnswer(
        question=question,
        answer=" ".join(sentences),
        values=[labels[n] for n in nodes],
        confidence=confidence,
        citations=[fact_evidence(kb, triple, score=1.0) for facts in hop_facts for triple in facts.values()],
        hops=len(state.readings),
    )


def _far_end(edge: Edge, reached: list[str]) -> str:
    """The end of a hop's edge away from the entities the chain has reached."""
    return edge[2] if edge[0] in reached else edge[0]


def _fact(kb: KnowledgeBase, edge: Edge) -> Triple:
    subject, predicate, obj = edge
    found = kb.graph.facts(subject=subject, predicate=predicate, obj=obj, limit=1)
    if not found:  # the view and the store are read from the same graph
        raise KnowledgeBaseError(f"fact {edge} is in the graph view but not in the store of {kb.root}")
    return found[0]


def _hop_sentence(kb: KnowledgeBase, fact: Triple, reading: Reading, sources: list[str], ends: list[str]) -> str:
    """The relation's own verbalisation with lists in it: 'X acted in A, B and C.'"""
    subjects, objects = (ends, sources) if reading.inverse else (sources, ends)
    filled = fact.model_copy(update={"subject_label": _join(subjects), "object_label": _join(objects)})
    sentence = kb.graph.verbalize(filled)
    for names in (subjects, objects):
        head = _join(names)
        head = head[:1].upper() + head[1:]
        if len(names) > 1 and sentence.startswith(head + " "):
            return head + _plural_verb(sentence[len(head) :])
    return sentence


def _plural_verb(rest: str) -> str:
    """' was directed by X.' -> ' were directed by X.', ' uses Y.' -> ' use Y.'"""
    for singular, plural in _PLURAL_VERBS:
        if rest.startswith(singular):
            return plural + rest[len(singular) :]
    verb, _, tail = rest[1:].partition(" ")
    if verb.endswith("s") and not verb.endswith(("ss", "us", "is")):
        return f" {verb[:-1]} {tail}"
    return rest


def _join(values: list[str]) -> str:
    shown = values[:LISTED_VALUES]
    rest = len(values) - len(shown)
    if rest:
        return ", ".join(shown) + f" and {rest} more"
    if len(shown) == 1:
        return shown[0]
    return ", ".join(shown[:-1]) + " and " + shown[-1]
