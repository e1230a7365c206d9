"""Entity linking: which graph entities a question or a claim mentions.

Exact and alias matches come first (a dictionary scan over token n-grams), then fuzzy matches
(rapidfuzz) and embedding matches (labels in their own FAISS index) for capitalised spans the
dictionary missed, e.g. misspellings or paraphrased names.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections import defaultdict
from collections.abc import Sequence
from pathlib import Path

import faiss
from rapidfuzz import fuzz, process

from knowledge.atomic import atomic_path, write_text_atomic
from knowledge.embeddings import embed
from knowledge.errors import KnowledgeBaseError
from knowledge.types import EntityMatch

_TOKEN = re.compile(r"\w+(?:['’.\-&]\w+)*", re.UNICODE)
_ARTICLES = ("the ", "a ", "an ")
_MAX_NGRAM = 8
EXACT_SCORE = 1.0
ALIAS_SCORE = 0.95
FUZZY_CUTOFF = 88.0
EMBEDDING_CUTOFF = 0.85
LOWERCASE_PENALTY = 0.85  # "chad", "turkey": the word is more often not the country


def normalize(text: str) -> str:
    """Case, accents, punctuation and a leading article do not distinguish two names."""
    decomposed = unicodedata.normalize("NFKD", text)
    stripped = "".join(ch for ch in decomposed if not unicodedata.combining(ch)).casefold()
    spaced = re.sub(r"[^\w]+", " ", stripped).strip()
    while spaced.startswith(_ARTICLES):
        spaced = spaced.split(" ", 1)[1]
    return spaced


class EntityLinker:
    """Holds the label tables of one graph; build once per knowledge base and reuse."""

    def __init__(
        self,
        entities: Sequence[tuple[str, str, Sequence[str]]],
        embedding_model: str | None = None,
        label_index: faiss.Index | None = None,
    ) -> None:
        self.embedding_model = embedding_model
        self.label_index = label_index
        self.names: list[str] = []
        self.name_iris: list[str] = []
        self.labels: dict[str, str] = {}
        self._exact: dict[str, list[tuple[str, bool]]] = defaultdict(list)
        for iri, label, aliases in entities:
            self.labels[iri] = label
            for name, is_alias in [(label, False), *((alias, True) for alias in aliases)]:
                key = normalize(name)
                if not key:
                    continue
                self._exact[key].append((iri, is_alias))
                self.names.append(key)
                self.name_iris.append(iri)
        self._max_tokens = min(_MAX_NGRAM, max((len(n.split()) for n in self.names), default=1))

    @classmethod
    def build(
        cls,
        entities: Sequence[tuple[str, str, Sequence[str]]],
        embedding_model: str | None,
        progress: bool = False,
    ) -> EntityLinker:
        linker = cls(entities, embedding_model)
        if embedding_model and linker.names:
            vectors = embed(linker.names, embedding_model, progress=progress)
            index = faiss.IndexFlatIP(vectors.shape[1])
            index.add(vectors)
            linker.label_index = index
        return linker

    def save(self, directory: Path) -> None:
        """The entity tables come from the graph; only the label embeddings need storing."""
        if self.label_index is not None:
            with atomic_path(directory / "labels.faiss") as tmp:
                faiss.write_index(self.label_index, str(tmp))
        write_text_atomic(
            directory / "labels.json",
            json.dumps({"embedding_model": self.embedding_model, "names": len(self.names)}),
        )

    @classmethod
    def load(cls, directory: Path, entities: Sequence[tuple[str, str, Sequence[str]]]) -> EntityLinker:
        meta_path = directory / "labels.json"
        if not meta_path.exists():
            return cls.build(entities, None)
        meta = json.loads(meta_path.read_text(encoding="utf-8"))
        index = None
        if (directory / "labels.faiss").exists():
            try:
                index = faiss.read_index(str(directory / "labels.faiss"))
            except RuntimeError as exc:
                raise KnowledgeBaseError(f"corrupt label index {directory / 'labels.faiss'}: {exc}") from exc
        linker = cls(entities, meta.get("embedding_model"), index)
        if index is not None and index.ntotal != len(linker.names):
            return cls.build(entities, meta.get("embedding_model"))
        return linker

    def link(self, text: str, fuzzy: bool = True, embedding: bool = True) -> list[EntityMatch]:
        """Entities mentioned in `text`, longest mention first, without overlapping mentions."""
        tokens = [(m.start(), m.end()) for m in _TOKEN.finditer(text)]
        taken = [False] * len(tokens)
        matches: list[EntityMatch] = []
        for size in range(self._max_tokens, 0, -1):
            for i in range(len(tokens) - size + 1):
                if any(taken[i : i + size]):
                    continue
                start, end = tokens[i][0], tokens[i + size - 1][1]
                mention = text[start:end]
                found = self._exact.get(normalize(mention))
                if not found or not _plausible_mention(mention, size):
                    continue
                for j in range(i, i + size):
                    taken[j] = True
                for iri, is_alias in found:
                    score = ALIAS_SCORE if is_alias else EXACT_SCORE
                    if not (mention[:1].isupper() or mention[:1].isdigit()):
                        score *= LOWERCASE_PENALTY
                    matches.append(self._match(iri, mention, score, "alias" if is_alias else "exact", start, end))
        if fuzzy or embedding:
            for start, end in _capitalised_spans(text, tokens, taken):
                matches.extend(self._approximate(text[start:end], start, end, fuzzy, embedding))
        return _best_per_entity(matches)

    def lookup(self, name: str, k: int = 5) -> list[EntityMatch]:
        """Candidates for a bare name (e.g. a claim's subject), best first."""
        found = self._exact.get(normalize(name))
        if found:
            return _best_per_entity(
                [
                    self._match(iri, name, ALIAS_SCORE if a else EXACT_SCORE, "alias" if a else "exact")
                    for iri, a in found
                ]
            )[:k]
        return _best_per_entity(self._approximate(name, None, None, True, True, k))[:k]

    def _approximate(
        self, mention: str, start: int | None, end: int | None, fuzzy: bool, embedding: bool, k: int = 1
    ) -> list[EntityMatch]:
        key = normalize(mention)
        if len(key) < 4 or not self.names:
            return []
        if fuzzy:
            hits = process.extract(key, self.names, scorer=fuzz.ratio, score_cutoff=FUZZY_CUTOFF, limit=k)
            if hits:
                return [
                    self._match(self.name_iris[idx], mention, 0.9 * score / 100.0, "fuzzy", start, end)
                    for _, score, idx in hits
                ]
        if embedding and self.label_index is not None and self.embedding_model:
            vector = embed([key], self.embedding_model)
            scores, ids = self.label_index.search(vector, k)
            return [
                self._match(self.name_iris[idx], mention, 0.85 * float(score), "embedding", start, end)
                for score, idx in zip(scores[0], ids[0], strict=True)
                if idx >= 0 and score >= EMBEDDING_CUTOFF
            ]
        return []

    def _match(
        self,
        iri: str,
        mention: str,
        score: float,
        method: str,
        start: int | None = None,
        end: int | None = None,
    ) -> EntityMatch:
        return EntityMatch(
            iri=iri,
            label=self.labels[iri],
            mention=mention,
            score=min(1.0, score),
            method=method,
            start=start,
            end=end,
        )


def _plausible_mention(mention: str, size: int) -> bool:
    """A mention led by an article is left to its shorter n-gram, which keeps spans tight."""
    first = mention.split()[0].lower() if size > 1 else ""
    return first not in {"the", "a", "an"}


_FUNCTION_WORDS = {
    "what",
    "which",
    "who",
    "whom",
    "whose",
    "where",
    "when",
    "why",
    "how",
    "is",
    "are",
    "was",
    "were",
    "the",
    "a",
    "an",
    "does",
    "do",
    "did",
    "name",
    "list",
    "tell",
    "in",
    "of",
    "and",
    "or",
    "it",
    "its",
    "he",
    "she",
    "they",
    "this",
    "that",
    "these",
    "those",
    "i",
    "yes",
    "no",
}


def _capitalised_spans(text: str, tokens: list[tuple[int, int]], taken: list[bool]) -> list[tuple[int, int]]:
    """Runs of capitalised tokens that no dictionary match covers: candidate names."""
    spans: list[tuple[int, int]] = []
    run: list[int] = []
    for i in range(len(tokens) + 1):
        if i < len(tokens):
            start, end = tokens[i]
            word = text[start:end]
            if not taken[i] and word[:1].isupper() and not (not run and word.lower() in _FUNCTION_WORDS):
                run.append(i)
                continue
        if run:
            spans.append((tokens[run[0]][0], tokens[run[-1]][1]))
        run = []
    return spans


def _best_per_entity(matches: list[EntityMatch]) -> list[EntityMatch]:
    best: dict[str, EntityMatch] = {}
    for match in matches:
        if match.iri not in best or match.score > best[match.iri].score:
            best[match.iri] = match
    return sorted(best.values(), key=lambda m: (-m.score, m.start if m.start is not None else 0))
