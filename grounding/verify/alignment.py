"""Align before you judge: pick the few sentences of the evidence that bear on a claim.

A sentence-level NLI model fails on long evidence (hundreds to thousands of words): the signal
drowns in the window, or the window is truncated before the relevant sentence. Training pairs and
inference both go through this module, so the verifier always sees the same kind of premise: the
claim's best-matching sentences, in document order, with the sentence before a pronoun kept.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from typing import NamedTuple

import numpy as np

from grounding.text.lexicon import ANAPHORIC_STARTS, KEYWORD_FILLERS, SENTENCE_STARTERS, STOPWORDS
from grounding.text.names import CAPITALISED_WORD
from grounding.text.quantities import parse_quantities
from grounding.text.sentences import split_sentences
from knowledge.embeddings import DEFAULT_EMBEDDING_MODEL, embed, embed_cached

_NUMBER = re.compile(r"\d+(?:[.,]\d+)*")
_TOKEN = re.compile(r"[A-Za-z0-9]+")


@dataclass(frozen=True, slots=True)
class AlignedSpan:
    """One evidence sentence chosen for a claim; `passages[passage][start:end] == text`."""

    passage: int
    start: int
    end: int
    text: str
    score: float


def _entities(text: str) -> set[str]:
    """Capitalised tokens, minus sentence-initial function words that are capitalised only by position."""
    found = {m.group().lower() for m in CAPITALISED_WORD.finditer(text)}
    return found - SENTENCE_STARTERS


def _numbers(text: str) -> set[str]:
    return {m.group().replace(",", "") for m in _NUMBER.finditer(text)}


def _overlap(needles: set[str], haystack: set[str]) -> float:
    return len(needles & haystack) / len(needles) if needles else 0.0


def shares_topic(claim: str, premise: str) -> bool:
    """Whether the premise is about what the claim is about: a shared name when the claim names
    something, else a shared content word. A sentence about something else cannot contradict a
    claim, however confidently a small NLI model says so ("Melbourne is the capital of Victoria"
    against "The city was designed by Walter Burley Griffin")."""
    names = _claim_names(claim, premise)
    if names:
        return bool(names & _entities(premise)) or bool(
            {n for n in names if len(n) > 3} & {t.lower() for t in _TOKEN.findall(premise)}
        )
    words = {t.lower() for t in _TOKEN.findall(claim) if len(t) > 2} - SENTENCE_STARTERS - KEYWORD_FILLERS
    return bool(words & {t.lower() for t in _TOKEN.findall(premise)})


_NAME_RUN = re.compile(r"[A-Z][\w\-'’]*(?: [A-Z][\w\-'’]*)*")
_OF_SUBJECT = re.compile(r"(?:The|A|An) (?:[a-z][\w\-]* ){1,3}of (?:the )?(?P<name>[A-Z][\w\-'’]*(?: [A-Z][\w\-'’]*)*)")


def _claim_names(claim: str, premise: str) -> set[str]:
    """The claim's capitalised words, but none where the only one is its opening word and the premise never
    says that word: "People with rheumatoid arthritis take methotrexate daily" names nothing the premise must
    name; it is capitalised by position ("Patients", "Doctors"), and the claim is about its content words."""
    names = _entities(claim)
    first = _TOKEN.match(claim.strip().lstrip("\"'“‘("))
    if first and names == {first.group().lower()} and first.group().lower() not in premise.lower():
        return set()
    return names


def _name_runs(sentence: str) -> list[str]:
    """Maximal runs of capitalised words, lower-cased, with a capitalised sentence opener dropped."""
    runs = []
    for match in _NAME_RUN.finditer(sentence):
        words = match.group().split()
        if match.start() == 0 and words[0].lower() in SENTENCE_STARTERS:
            words = words[1:]
        if words:
            runs.append(" ".join(words).lower())
    return runs


def _subject(sentence: str) -> str | None:
    """The name a sentence is about: the name it opens with, or X in "The capital of X ..."."""
    sentence = sentence.strip().lstrip("\"'“‘(")
    of = _OF_SUBJECT.match(sentence)
    if of:
        return of["name"].lower()
    opener = _NAME_RUN.match(sentence)
    if opener is None:
        return None
    runs = _name_runs(opener.group())
    return runs[0] if runs else None


def shares_subject(claim: str, premise: str) -> bool:
    """Whether some premise sentence is about a name the claim states: that name is its subject.

    Mentioning a name is not being about it: "Canberra Outlet Centre ... is located in Fyshwick,
    Canberra" names Canberra but is about a shopping centre, and cannot contradict "Canberra was
    designed by Walter Burley Griffin". A sentence's subject is read as its first name (after a
    capitalised opener: "The capital of Australia ..." is about Australia); it must equal one of
    the claim's names whole, not sit inside a longer one. A sentence that opens without a name
    ("The city was designed by ...") has no subject to compare. A claim that names nothing falls
    back to `shares_topic`.
    """
    names = set(_name_runs(claim)) | ({_subject(claim)} - {None})
    if not names or not _claim_names(claim, premise):
        return shares_topic(claim, premise)
    return any(
        _subject(premise[start:end]) in names or _named_by_its_head(premise[start:end], names)
        for start, end in split_sentences(premise)
    )


_THE_NOUN = re.compile(r"\s*[\"'“‘(]?(?:The|This|That)\s+(?P<noun>[a-z]+)\b")


def _named_by_its_head(sentence: str, names: set[str]) -> bool:
    """The sentence opens on a name's last word as a common noun: "The canal was opened in 1869" is about the
    Suez Canal, "The bank cut its dividend" about Nordvik Bank."""
    opening = _THE_NOUN.match(sentence)
    return bool(opening) and any(" " in name and name.rsplit(" ", 1)[1] == opening["noun"] for name in names)


def measures_alike(claim: str, premise: str) -> bool:
    """Whether the premise can speak to what the claim measures: a claim that gives a measure (a duration, a
    mass, a length) against evidence that measures only other things, and shares no more than one content
    word with the claim (its subject), is about something the evidence does not say. A small NLI model reads
    "The laptop's battery lasts twelve hours" against "The laptop weighs 1.2 kg and has a 14-inch screen"
    as a contradiction: two numbers that differ. A claim with no measure, or evidence that measures the
    same thing ("eight years" / "six years"), is left to the model."""
    measured = {q.dimension for q in parse_quantities(claim) if q.dimension}
    if not measured or measured & {q.dimension for q in parse_quantities(premise)}:
        return True
    return _shares_more_than_a_word(claim, premise)


UNRELATED_DISTANCE = 0.5
"""One minus the cosine beyond which a claim's nearest evidence sentence is about something else."""


def near_in_meaning(claim: str, premise: str, distance: float) -> bool:
    """Whether the premise is about what the claim says: near it in meaning (`distance`, one minus the best
    cosine between the claim and an evidence sentence, at most `UNRELATED_DISTANCE`), or sharing more than
    one content word with it. A small NLI model reads "The bank charges no fees for international transfers"
    against "The bank has 300 branches and employs 12,000 people" as a contradiction: the same subject, and
    nothing else in common. A swapped value ("The Danube flows into the North Sea" / "... the Black Sea")
    stays near in meaning, so it is left to the model."""
    return distance <= UNRELATED_DISTANCE or _shares_more_than_a_word(claim, premise)


def _shares_more_than_a_word(claim: str, premise: str) -> bool:
    """More in common than the claim's subject: two content words or more."""
    return len(_content_stems(claim) & _content_stems(premise)) >= 2


def _content_stems(text: str) -> set[str]:
    return {t.lower()[:5] for t in _TOKEN.findall(text) if len(t) > 2 and t.lower() not in STOPWORDS}


def _starts_with_pronoun(sentence: str) -> bool:
    match = _TOKEN.search(sentence)
    return bool(match) and match.group().lower() in ANAPHORIC_STARTS


def _lexical_scores(
    claims: Sequence[str], texts: Sequence[str], entity_weight: float, number_weight: float
) -> np.ndarray:
    """Claims x sentences: content-word recall plus entity and number overlap (cheap, no model)."""
    sentence_tokens = [{t.lower() for t in _TOKEN.findall(x)} for x in texts]
    sentence_entities = [_entities(x) for x in texts]
    sentence_numbers = [_numbers(x) for x in texts]
    rows = []
    for claim in claims:
        words = {t.lower() for t in _TOKEN.findall(claim) if len(t) > 3}
        ents, nums = _entities(claim), _numbers(claim)
        rows.append(
            [
                _overlap(words, tok) + entity_weight * _overlap(ents, se) + number_weight * _overlap(nums, sn)
                for tok, se, sn in zip(sentence_tokens, sentence_entities, sentence_numbers, strict=True)
            ]
        )
    return np.asarray(rows, dtype=np.float64).reshape(len(claims), len(texts))


class Alignment(NamedTuple):
    spans: list[list[AlignedSpan]]
    """Per claim, its aligned sentences, best first."""
    distances: list[float]
    """Per claim, one minus its best cosine with any sentence read (1 where the evidence has none): how far
    the claim is in meaning from the nearest thing the evidence says (`grounding.verify.similarity`)."""


def align(
    claims: Sequence[str],
    passages: Sequence[str],
    k: int = 3,
    entity_weight: float = 0.3,
    number_weight: float = 0.3,
    max_candidates: int | None = 64,
    model: str = DEFAULT_EMBEDDING_MODEL,
    claim_vectors: np.ndarray | None = None,
) -> Alignment:
    """Evidence for many claims at once: every candidate sentence is embedded a single time.

    An answer's claims are checked against the same retrieved passages, so one embedding pass over
    the sentences serves them all, and sentence vectors are remembered across calls
    (`embed_cached`), since the same evidence recurs across answers. Embedding dominates the cost
    (about 10 ms per sentence on a 2-core CPU), so when the passages hold more than
    `max_candidates` sentences a lexical pre-ranking keeps only the most promising ones.
    Score = cosine similarity + entity_weight * entity overlap + number_weight * number/year overlap.
    `claim_vectors` (normalised, from `model`) skips embedding the claims again when the caller has them.
    """
    if not claims:
        return Alignment([], [])
    sentences = [(p, s, e) for p, passage in enumerate(passages) for s, e in split_sentences(passage)]
    if not sentences:
        return Alignment([[] for _ in claims], [1.0] * len(claims))
    texts = [passages[p][s:e] for p, s, e in sentences]
    lexical = _lexical_scores(claims, texts, entity_weight, number_weight)
    bonus = lexical - _lexical_scores(claims, texts, 0.0, 0.0)
    candidates = np.arange(len(texts))
    if max_candidates is not None and len(texts) > max_candidates:
        candidates = np.sort(np.argsort(-lexical.max(axis=0), kind="stable")[:max_candidates])
    if claim_vectors is None or len(claim_vectors) != len(claims):
        claim_vectors = embed(list(claims), name=model)
    sentence_vectors = embed_cached([texts[i] for i in candidates], name=model)
    vectors = np.vstack([claim_vectors, sentence_vectors])
    cosine = np.full((len(claims), len(texts)), -1.0)
    cosine[:, candidates] = vectors[: len(claims)] @ vectors[len(claims) :].T
    scores = cosine + bonus
    results: list[list[AlignedSpan]] = []
    for c in range(len(claims)):
        chosen = {int(i) for i in candidates[np.argsort(-scores[c, candidates], kind="stable")[:k]]}
        for i in list(chosen):
            if _starts_with_pronoun(texts[i]) and i > 0 and sentences[i - 1][0] == sentences[i][0]:
                chosen.add(i - 1)
        results.append(
            [
                AlignedSpan(sentences[i][0], sentences[i][1], sentences[i][2], texts[i], float(scores[c, i]))
                for i in sorted(chosen, key=lambda i: -scores[c, i])
            ]
        )
    nearest = cosine[:, candidates].max(axis=1)
    return Alignment(results, [float(np.clip(1.0 - best, 0.0, 1.0)) for best in nearest])


def select_evidence(
    claim: str,
    passages: Sequence[str],
    k: int = 3,
    entity_weight: float = 0.3,
    number_weight: float = 0.3,
    max_candidates: int | None = 64,
    model: str = DEFAULT_EMBEDDING_MODEL,
) -> list[AlignedSpan]:
    """The sentences (across all passages) that bear on one claim, best first; see `align`."""
    return align([claim], passages, k, entity_weight, number_weight, max_candidates, model).spans[0]


def build_premise(spans: Sequence[AlignedSpan]) -> str:
    """Selected sentences joined in document order, so the verifier reads them as the author wrote them."""
    unique = {(s.passage, s.start, s.end): s for s in spans}
    return " ".join(unique[key].text for key in sorted(unique))


def evidence_windows(
    passages: Sequence[str], sentence_tokens: Sequence[int] | None = None, budget: int = 200, overlap: int = 1
) -> list[list[AlignedSpan]]:
    """Windows of consecutive evidence sentences, each as long as fits `budget` tokens, overlapping.

    Support that spans several sentences is only visible to the model when they are read together;
    a window keeps them in the author's order (across passage boundaries too: retrieved facts and
    knowledge lines are one text to the reader). Consecutive windows share `overlap` sentences so
    a fact told across a cut is still read whole once. `sentence_tokens` (per sentence, in order)
    comes from the model's tokenizer; without it a word count stands in.
    """
    sentences = [(p, s, e) for p, passage in enumerate(passages) for s, e in split_sentences(passage)]
    if not sentences:
        return []
    texts = [passages[p][s:e] for p, s, e in sentences]
    sizes = list(sentence_tokens) if sentence_tokens is not None else [int(1.4 * len(t.split())) + 1 for t in texts]
    windows: list[list[AlignedSpan]] = []
    start = 0
    while start < len(sentences):
        end, used = start, 0
        while end < len(sentences) and (end == start or used + sizes[end] <= budget):
            used += sizes[end]
            end += 1
        windows.append([AlignedSpan(*sentences[i], texts[i], 0.0) for i in range(start, end)])
        if end >= len(sentences):
            break
        start = max(start + 1, end - overlap)
    return windows
