"""Verifier pairs and evaluation items from HaluEval (MIT), shaped like what the verifier sees.

At inference groundqa splits an answer into claims and scores each claim against its aligned
premise (`grounding.verify.alignment`). Training pairs are built the same way, and only from the TRAIN
split of `grounding.data.splits` (dataset names "halueval-dialogue", "halueval-summarization",
"halueval-qa", index = line number); the dev split is kept for threshold calibration and the test
split for evaluation.

Labels: HaluEval says only "hallucinated", i.e. not supported by the knowledge. Hallucinated
responses mix invented facts with contradictions and cannot be told apart without a model, so
they are all labelled neutral (not supported); the verifier's decision is entailment vs not, and
the 3-way head keeps contradiction for the clean cases the NLI and synthetic data provide.

- dialogue: premise = the knowledge (its glued sentences re-split); hypothesis = the response. The
  dialogue turns are not evidence, so they stay out of the premise.
- summarization: a hallucinated summary is a rewrite in which only some sentences are wrong, so
  per-sentence labels would be noisy. Pairs: one right-summary sentence with its aligned premise
  (entailment); each whole summary against the union of its sentences' aligned evidence (right:
  entailment, hallucinated: neutral); and a hallucinated sentence that names an entity or number
  absent from the document, with its aligned premise (neutral: surely unsupported).
- qa: premise = knowledge; hypothesis = question followed by the answer. Right answers are short
  spans and hallucinated ones full sentences (a length shortcut), so QA gets a small share.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from pathlib import Path

from grounding.data.halueval import TASKS, clean_knowledge, read_rows, sentences_of
from grounding.data.splits import Split
from grounding.train import Pair
from grounding.verify.alignment import align, build_premise
from knowledge.errors import InputError
from knowledge.progress import track

LICENCE = "MIT (HaluEval)"

MAX_CANDIDATES = 24
_NAMES = re.compile(r"\b[A-Z][a-z]+(?:\s+[A-Z][a-z]+)*|\d+(?:[.,]\d+)*")


@dataclass(frozen=True, slots=True)
class EvalItem:
    """One right or hallucinated response, as the claims the verifier would score."""

    task: str
    index: int
    hallucinated: bool
    claims: tuple[tuple[str, str], ...]


def qa_statement(question: str, answer: str) -> str:
    return f"{question.strip()} {answer.strip()}"


def _novel_names(sentence: str, document: str) -> bool:
    lowered = document.lower()
    return any(m.group().lower() not in lowered for m in _NAMES.finditer(sentence) if len(m.group()) > 1)


def _summary_pairs(row: dict, rng: random.Random, k: int) -> list[tuple[str, str, str]]:
    document = row.get("document", "")
    right, wrong = (
        sentences_of(row.get("right_summary", "")),
        sentences_of(row.get("hallucinated_summary", "")),
    )
    if not document or not right or not wrong:
        return []
    alignments = align(right + wrong, [document], k=k, max_candidates=MAX_CANDIDATES).spans
    right_spans, wrong_spans = alignments[: len(right)], alignments[len(right) :]
    pairs = []
    pick = rng.randrange(len(right))
    pairs.append((build_premise(right_spans[pick]), right[pick], "entailment"))
    pairs.append((build_premise([s for spans in right_spans for s in spans[:2]]), " ".join(right), "entailment"))
    pairs.append((build_premise([s for spans in wrong_spans for s in spans[:2]]), " ".join(wrong), "neutral"))
    right_text = " ".join(right).lower()
    novel = [i for i, s in enumerate(wrong) if s.lower() not in right_text and _novel_names(s, document)]
    if novel:
        i = rng.choice(novel)
        pairs.append((build_premise(wrong_spans[i]), wrong[i], "neutral"))
    return pairs


def halueval_pairs(
    split: Split = "train",
    limits: dict[str, int] | None = None,
    seed: int = 0,
    k: int = 3,
    root: Path | None = None,
    progress: bool = False,
) -> list[Pair]:
    """Pairs from the first `limits[task]` rows (in line order) of each task in `split`.

    Summarization runs the embedding-based alignment (0.3-1.2 s per document on 2 shared CPU cores),
    hence the limits.
    """
    limits = limits if limits is not None else {"dialogue": 3000, "summarization": 1200, "qa": 600}
    rng = random.Random(seed)
    pairs: list[Pair] = []
    for task in TASKS:
        limit = limits.get(task, 0)
        if limit <= 0:
            continue
        rows = [row for _, (_, row) in zip(range(limit), read_rows(task, split, root), strict=False)]
        for row in track(rows, f"HaluEval {task} pairs", total=len(rows), enabled=progress):
            if task == "dialogue":
                knowledge = clean_knowledge(row.get("knowledge", ""))
                made = [
                    (knowledge, row.get("right_response", "").strip(), "entailment"),
                    (knowledge, row.get("hallucinated_response", "").strip(), "neutral"),
                ]
            elif task == "qa":
                knowledge = clean_knowledge(row.get("knowledge", ""))
                question = row.get("question", "")
                made = [
                    (knowledge, qa_statement(question, row.get("right_answer", "")), "entailment"),
                    (knowledge, qa_statement(question, row.get("hallucinated_answer", "")), "neutral"),
                ]
            else:
                made = _summary_pairs(row, rng, k)
            pairs.extend(
                Pair(p, h, label, f"halueval-{task}", LICENCE, True)  # type: ignore[arg-type]
                for p, h, label in made
                if p and h
            )
    return pairs


def halueval_eval_items(
    task: str, split: Split = "dev", limit: int = 200, k: int = 3, root: Path | None = None
) -> list[EvalItem]:
    """Right and hallucinated responses of `split` as claim lists (summaries: one claim per sentence)."""
    items: list[EvalItem] = []
    for _, (index, row) in zip(range(limit), read_rows(task, split, root), strict=False):
        if task == "dialogue":
            knowledge = clean_knowledge(row.get("knowledge", ""))
            for hallucinated, key in ((False, "right_response"), (True, "hallucinated_response")):
                items.append(EvalItem(task, index, hallucinated, ((knowledge, row.get(key, "").strip()),)))
        elif task == "summarization":
            document = row.get("document", "")
            right = sentences_of(row.get("right_summary", ""))
            wrong = sentences_of(row.get("hallucinated_summary", ""))
            if not right or not wrong:
                continue
            alignments = align(right + wrong, [document], k=k, max_candidates=MAX_CANDIDATES).spans
            for hallucinated, claims, spans in (
                (False, right, alignments[: len(right)]),
                (True, wrong, alignments[len(right) :]),
            ):
                items.append(
                    EvalItem(
                        task,
                        index,
                        hallucinated,
                        tuple((build_premise(s), c) for c, s in zip(claims, spans, strict=True)),
                    )
                )
        elif task == "qa":
            knowledge = clean_knowledge(row.get("knowledge", ""))
            question = row.get("question", "")
            for hallucinated, key in ((False, "right_answer"), (True, "hallucinated_answer")):
                items.append(
                    EvalItem(task, index, hallucinated, ((knowledge, qa_statement(question, row.get(key, ""))),))
                )
        else:
            raise InputError(f"unknown HaluEval task {task!r}; known: {list(TASKS)}")
    return items
