"""Self-supervised claim-vs-document pairs from real documents, with hard negatives.

Two premise shapes: a window of consecutive sentences of a document (`document_pairs`, what the
`windows` reading shows the model), or the few sentences the verifier's alignment picks for the claim,
joined in document order (`aligned_pairs`, what the default reading shows it). As hypothesis

- a sentence of the window, or two of its sentences fused into one (entailment);
- the same after one perturbation: a name swapped for another of the document, a number or year
  shifted, a negation added or removed, a word replaced by its antonym (rose/fell, before/after,
  once/twice), the two names around a verb exchanged (contradiction);
- a sentence of the same document outside the window, or of another document (neutral); in the
  aligned shape, also a sentence read against its document with that sentence taken out (neutral).

Perturbations are the mistakes summaries and answers make (FactCC's transformations, and the probe
cases of the product), and each negative differs from a supported claim by one edit, so the model
cannot learn "echoing the evidence means support" or its inverse. Documents: HaluEval QA knowledge
passages and HaluEval summarization articles (MIT, HaluEval's TRAIN split only).
"""

from __future__ import annotations

import json
import random
import re
from collections.abc import Iterator
from pathlib import Path

from grounding.data.halueval import clean_knowledge, halueval_root
from grounding.data.splits import split_of
from grounding.text.sentences import split_sentences
from grounding.train import Label, Pair
from grounding.train.rewording import reword

LICENCE = "MIT (HaluEval documents)"
WINDOW_WORDS = 140
_NAME = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*\b")
_NUMBER = re.compile(r"\b\d+(?:[.,]\d+)?\b")
_YEAR = re.compile(r"\b(1[5-9]\d\d|20\d\d)\b")
_AUX = re.compile(r"\b(is|was|are|were|has|have|had|will|can|could|would|should|does|did|do)\b(?! not\b)")
_NEGATED = re.compile(r"\b(is|was|are|were|has|have|had|will|can|could|would|should|does|did|do) not\b")
_OPENERS = {"The", "A", "An", "In", "On", "At", "But", "And", "He", "She", "It", "They", "This", "That", "However"}
ANTONYMS = {
    "rose": "fell",
    "fell": "rose",
    "increased": "decreased",
    "decreased": "increased",
    "rising": "falling",
    "falling": "rising",
    "higher": "lower",
    "lower": "higher",
    "more": "less",
    "less": "more",
    "before": "after",
    "after": "before",
    "won": "lost",
    "lost": "won",
    "larger": "smaller",
    "smaller": "larger",
    "first": "last",
    "last": "first",
    "gained": "lost",
    "opened": "closed",
    "closed": "opened",
    "early": "late",
    "late": "early",
    "largest": "smallest",
    "smallest": "largest",
    "highest": "lowest",
    "lowest": "highest",
    "north": "south",
    "south": "north",
    "east": "west",
    "west": "east",
    "once": "twice",
    "twice": "once",
    "daily": "weekly",
    "weekly": "daily",
    "monthly": "yearly",
    "yearly": "monthly",
    "above": "below",
    "below": "above",
    "older": "younger",
    "younger": "older",
    "approved": "rejected",
    "rejected": "approved",
    "accepted": "refused",
    "increase": "decrease",
    "decrease": "increase",
    "up": "down",
    "down": "up",
    "entered": "left",
    "allowed": "banned",
    "banned": "allowed",
    "supported": "opposed",
    "opposed": "supported",
    "born": "died",
    "died": "born",
    "best": "worst",
    "worst": "best",
    "majority": "minority",
    "minority": "majority",
}
_ANTONYM = re.compile(r"\b(" + "|".join(sorted(ANTONYMS, key=len, reverse=True)) + r")\b")
_ROLE = re.compile(
    r"^(?P<a>[A-Z][a-z]+(?: [A-Z][a-z]+)*) (?P<verb>\w+ed|beat|defeated|married|met|hired|sued|bought)"
    r" (?P<b>[A-Z][a-z]+(?: [A-Z][a-z]+)*)"
)


def documents(limit_qa: int = 3000, limit_articles: int = 1500, root: Path | None = None) -> list[str]:
    """HaluEval QA knowledge passages and summarization articles of the TRAIN split, cleaned."""
    root = root or halueval_root()
    docs: list[str] = []
    for name, field, limit in (("qa", "knowledge", limit_qa), ("summarization", "document", limit_articles)):
        seen: set[str] = set()
        with (root / f"{name}_data.json").open(encoding="utf-8") as handle:
            for index, line in enumerate(handle):
                if len(seen) >= limit:
                    break
                if split_of(f"halueval-{name}", index) != "train" or not line.strip():
                    continue
                text = clean_knowledge(str(json.loads(line).get(field) or "")).strip()
                if len(text.split()) >= 25 and text not in seen:
                    seen.add(text)
                    docs.append(text)
    return docs


def _sentences(text: str) -> list[str]:
    return [text[s:e] for s, e in split_sentences(text) if 4 <= len(text[s:e].split()) <= 45]


def _windows(sentences: list[str], rng: random.Random) -> Iterator[tuple[int, int]]:
    """(start, end) windows of consecutive sentences of about WINDOW_WORDS words, random offsets."""
    start = rng.randrange(min(2, len(sentences)))
    while start < len(sentences):
        end, words = start, 0
        while end < len(sentences) and (end == start or words + len(sentences[end].split()) <= WINDOW_WORDS):
            words += len(sentences[end].split())
            end += 1
        yield start, end
        start = end


def perturb(sentence: str, document: str, rng: random.Random) -> tuple[str, str] | None:
    """(kind, the sentence after one meaning-changing edit), or None when no edit applies."""
    rare = ["antonym", "number", "year", "role"]
    rng.shuffle(rare)
    common = ["negation", "name"]
    rng.shuffle(common)
    kinds = rare + common  # the edits most sentences allow would otherwise crowd out the rest
    for kind in kinds:
        edited = _edit(kind, sentence, document, rng)
        if edited and edited != sentence:
            return kind, edited
    return None


def _edit(kind: str, sentence: str, document: str, rng: random.Random) -> str | None:
    if kind == "negation":
        if _NEGATED.search(sentence):
            return _NEGATED.sub(lambda m: m.group(1) or "", sentence, count=1).replace("  ", " ")
        match = _AUX.search(sentence)
        return sentence[: match.end()] + " not" + sentence[match.end() :] if match else None
    if kind == "antonym":
        match = _ANTONYM.search(sentence)
        return sentence[: match.start()] + ANTONYMS[match.group(1)] + sentence[match.end() :] if match else None
    if kind == "year":
        match = _YEAR.search(sentence)
        if not match:
            return None
        year = int(match.group(1)) + rng.choice([-3, -2, -1, 1, 2, 4])
        return sentence[: match.start()] + str(year) + sentence[match.end() :]
    if kind == "number":
        numbers = [m for m in _NUMBER.finditer(sentence) if not _YEAR.fullmatch(m.group())]
        if not numbers:
            return None
        match = rng.choice(numbers)
        value = float(match.group().replace(",", ""))
        shifted = value * rng.choice([0.5, 0.8, 1.25, 1.5, 2, 3]) if value > 3 else value + rng.choice([1, 2, 3])
        text = (
            f"{shifted:,.0f}"
            if "," in match.group()
            else (f"{shifted:g}" if "." in match.group() else str(int(shifted)))
        )
        return sentence[: match.start()] + text + sentence[match.end() :]
    if kind == "name":
        names = [m for m in _NAME.finditer(sentence) if m.group() not in _OPENERS]
        others = sorted({m.group() for m in _NAME.finditer(document)} - {m.group() for m in names} - _OPENERS)
        if not names or not others:
            return None
        match = rng.choice(names)
        return sentence[: match.start()] + rng.choice(others) + sentence[match.end() :]
    if kind == "role":
        match = _ROLE.match(sentence)
        if not match or match["a"] == match["b"]:
            return None
        return f"{match['b']} {match['verb']} {match['a']}" + sentence[match.end() :]
    return None


def _fuse(first: str, second: str) -> str:
    """Two sentences of a window as one claim: support only a reader of both can confirm."""
    return first.rstrip(" .!?") + ", and " + second[0].lower() + second[1:] if second[:1].isupper() else None


def _supported(pool: list[str], rng: random.Random, reworded: float = 0.0) -> list[tuple[str, Label, str]]:
    """A sentence of the pool, now and then two of its sentences fused into one claim, and with chance
    `reworded` a sentence said in other words, as a summary would say it (`grounding.train.rewording`)."""
    made: list[tuple[str, Label, str]] = [(rng.choice(pool), "entailment", "sentence")]
    if rng.random() < reworded:
        # most sentences allow some rewrite; a few tries find one
        said = next((s for s in (reword(rng.choice(pool), rng) for _ in range(3)) if s), None)
        if said:
            made.append((said, "entailment", "reworded"))
    if len(pool) >= 2 and rng.random() < 0.4:
        a, b = sorted(rng.sample(range(len(pool)), 2))
        fused = _fuse(pool[a], pool[b])
        if fused:
            made.append((fused, "entailment", "fusion"))
    return made


def _negative(pool: list[str], document: str, rng: random.Random, reworded: float) -> tuple[str, str] | None:
    """(kind, claim) one edit away from a sentence of the pool; with chance `reworded` the sentence is
    reworded first, so that rewording alone never tells a supported claim from a contradicted one."""
    sentence = rng.choice(pool)
    if rng.random() < reworded:
        sentence = reword(sentence, rng) or sentence
    return perturb(sentence, document, rng)


def _shuffled(docs: list[str], rng: random.Random, least: int) -> Iterator[tuple[int, list[str]]]:
    """(index, sentences) of the documents in a random order, those of at least `least` sentences."""
    order = list(range(len(docs)))
    rng.shuffle(order)
    for d in order:
        sentences = _sentences(docs[d])
        if len(sentences) >= least:
            yield d, sentences


def document_pairs(count: int = 8000, seed: int = 0, docs: list[str] | None = None) -> list[Pair]:
    """About `count` pairs: 40% entailment, 45% contradiction (hard negatives), 15% neutral."""
    rng = random.Random(seed)
    docs = docs if docs is not None else documents()
    pairs: list[Pair] = []
    for d, sentences in _shuffled(docs, rng, least=2):
        if len(pairs) >= count:
            break
        for start, end in _windows(sentences, rng):
            premise = " ".join(sentences[start:end])
            inside = sentences[start:end]
            made = _supported(inside, rng)
            edited = perturb(rng.choice(inside), docs[d], rng)
            if edited:
                made.append((edited[1], "contradiction", edited[0]))
            edited = perturb(rng.choice(inside), docs[d], rng)
            if edited and rng.random() < 0.6:
                made.append((edited[1], "contradiction", edited[0]))
            outside = sentences[:start] + sentences[end:]
            if rng.random() < 0.35:
                stranger = outside if outside and rng.random() < 0.6 else _sentences(docs[rng.randrange(len(docs))])
                if stranger:
                    made.append((rng.choice(stranger), "neutral", "unrelated"))
            for hypothesis, label, kind in made:
                pairs.append(Pair(premise, hypothesis, label, f"document-{kind}", LICENCE, True))
    rng.shuffle(pairs)
    return pairs[:count]


def aligned_pairs(
    count: int = 8000, seed: int = 0, docs: list[str] | None = None, k: int = 3, reworded: float = 0.0
) -> list[Pair]:
    """About `count` pairs in the shape the verifier reads by default: a claim against the `k` sentences of
    its document that the verifier's own alignment picks for it, joined in document order.

    Claims are made as in `document_pairs` (a sentence or a fusion of two, one-edit hard negatives, a
    sentence of another document; with chance `reworded` a supported sentence, and the sentence a hard
    negative edits, said in other words), plus a sentence read against its document with that sentence taken out
    (neutral, "removed"): its nearest neighbours look like support and are not, which is what a summary's
    invented detail looks like to the reader. A removed sentence whose content another sentence repeats is
    skipped, since it would still be supported.
    """
    from grounding.verify.alignment import align, build_premise

    rng = random.Random(seed)
    docs = docs if docs is not None else documents()
    pairs: list[Pair] = []
    for d, sentences in _shuffled(docs, rng, least=4):
        if len(pairs) >= count:
            break
        document = " ".join(sentences)
        made = _supported(sentences, rng, reworded)
        for chance in (1.0, 0.6):
            edited = _negative(sentences, docs[d], rng, reworded)
            if edited and rng.random() < chance:
                made.append((edited[1], "contradiction", edited[0]))
        if rng.random() < 0.15:
            stranger = _sentences(docs[rng.randrange(len(docs))])
            if stranger:
                made.append((rng.choice(stranger), "neutral", "unrelated"))
        spans = align([claim for claim, _, _ in made], [document], k=k).spans
        for (claim, label, kind), chosen in zip(made, spans, strict=True):
            pairs.append(Pair(build_premise(chosen), claim, label, f"aligned-{kind}", LICENCE, True))
        if rng.random() < 0.45:
            index = rng.randrange(len(sentences))
            rest = sentences[:index] + sentences[index + 1 :]
            if not _repeated(sentences[index], rest):
                chosen = align([sentences[index]], [" ".join(rest)], k=k).spans[0]
                pairs.append(Pair(build_premise(chosen), sentences[index], "neutral", "aligned-removed", LICENCE, True))
    rng.shuffle(pairs)
    return pairs[:count]


def _repeated(sentence: str, others: list[str], share: float = 0.6) -> bool:
    """Whether another sentence holds most of this one's content words (the document says it twice)."""
    words = {w.lower() for w in re.findall(r"[A-Za-z0-9]{4,}", sentence)}
    if not words:
        return True
    return any(
        len(words & {w.lower() for w in re.findall(r"[A-Za-z0-9]{4,}", o)}) >= share * len(words) for o in others
    )


def factcg_pairs(root: Path | None = None) -> list[Pair]:
    """FactCG's synthetic document-level pairs (MIT): graph-derived claims against news paragraphs and
    multi-hop contexts; label 1 = supported (entailment), 0 = not (neutral). Rows without a document skip."""
    from grounding import paths

    folder = (root or paths.shared_data() / "nli") / "factcg"
    pairs: list[Pair] = []
    for name, source in (
        ("CG2C_doc.json", "factcg-doc"),
        ("CG2C_musique_minhop3_rbt_mnli_failed.json", "factcg-multihop"),
    ):
        with (folder / name).open(encoding="utf-8") as handle:
            for line in handle:
                if not line.strip():
                    continue
                row = json.loads(line)
                document = str(row.get("text_a") or "").strip()
                claims = row.get("text_b") or []
                claim = str(claims[0] if isinstance(claims, list) and claims else claims).strip()
                if not document or not claim:
                    continue
                label: Label = "entailment" if int(row.get("orig_label", 0)) == 1 else "neutral"
                pairs.append(Pair(document, claim, label, source, "MIT (FactCG)", True))
    return pairs
