"""Questions with gold answers, for generation mode: HaluEval QA, TruthfulQA and MetaQA (1-3 hops).

A row's split comes from `grounding.data.splits.split_of(name, row)`, as in detection, so HaluEval QA
test questions were never seen by the verifier's training. MetaQA's files are its own dev set;
the split divides that file again. Malformed rows are counted in the `LoadReport` with their line
numbers, never dropped silently.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

from pydantic import BaseModel, Field

from grounding.data.sources import resolve
from grounding.data.splits import split_of
from grounding.evaluate.datasets import (
    LoadReport,
    _csv_rows,
    _json_lines,
    _read,
    _RowError,
    _text,
    check_selection,
    require_valid_rows,
    seeded_subset,
    split_answers,
)
from knowledge.errors import InputError

QA_DATASETS = ("halueval-qa", "truthfulqa", "metaqa-1hop", "metaqa-2hop", "metaqa-3hop")


class QAItem(BaseModel):
    id: str
    question: str
    answers: list[str] = Field(description="Gold answers; any one of them counts as right.")
    incorrect: list[str] = Field(default_factory=list, description="Known wrong answers (TruthfulQA).")
    topic: str | None = Field(default=None, description="MetaQA's [bracketed] topic entity.")
    category: str | None = None
    split: str = "test"


def halueval_qa_item(index: int, row: dict[str, Any]) -> QAItem:
    return QAItem(
        id=f"halueval-qa:{index}",
        question=_text(row, "question"),  # type: ignore[arg-type]
        answers=[_text(row, "right_answer")],  # type: ignore[list-item]
        split=split_of("halueval-qa", index),
    )


def truthfulqa_item(index: int, row: dict[str, Any]) -> QAItem:
    right = split_answers(row.get("Correct Answers"))
    best = _text(row, "Best Answer", required=False)
    if best and best not in right:
        right.insert(0, best)
    if not right:
        raise _RowError("missing or empty 'Correct Answers'")
    return QAItem(
        id=f"truthfulqa:{index}",
        question=_text(row, "Question"),  # type: ignore[arg-type]
        answers=right,
        incorrect=split_answers(row.get("Incorrect Answers")),
        category=_text(row, "Category", required=False),
        split=split_of("truthfulqa", index),
    )


def metaqa_item(name: str, index: int, line: str, qtype: str | None) -> QAItem:
    """`question with [topic]<TAB>answer1|answer2`, as MetaQA writes it."""
    text, tab, answers = line.rstrip("\n").partition("\t")
    start, end = text.find("["), text.find("]")
    if not tab or not answers.strip():
        raise _RowError("expected 'question<TAB>answer1|answer2'")
    if start < 0 or end <= start + 1:
        raise _RowError("the question has no [topic entity]")
    gold = [a.strip() for a in answers.split("|") if a.strip()]
    return QAItem(
        id=f"{name}:{index}",
        question=text.strip(),
        answers=list(dict.fromkeys(gold)),
        topic=text[start + 1 : end],
        category=qtype,
        split=split_of(name, index),
    )


def _metaqa_rows(path: Path, report: LoadReport) -> Iterator[tuple[int, dict[str, Any]]]:
    qtype_file = path.with_name(path.stem + "_qtype.txt")
    qtypes = qtype_file.read_text(encoding="utf-8").splitlines() if qtype_file.is_file() else []
    with path.open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if not line.strip():
                continue
            report.rows_read += 1
            yield index, {"line": line, "qtype": qtypes[index] if index < len(qtypes) else None}


def load_qa_dataset(
    name: str,
    data: Path | None = None,
    split: str | None = "test",
    limit: int | None = None,
    seed: int = 0,
    keep: Callable[[QAItem], bool] | None = None,
) -> tuple[list[QAItem], LoadReport]:
    """Questions of one set, one split, and a seeded subset of `limit` of them in file order.

    `keep` filters before the subset is drawn (MetaQA: only questions answerable in the graph),
    so `limit` counts kept questions; the refused ones are counted in `rows_filtered`.
    """
    if name not in QA_DATASETS:
        raise InputError(f"no generation set {name!r}; known: {list(QA_DATASETS)}")
    check_selection(split, limit)
    path = resolve(name, data)
    report = LoadReport(dataset=name, source=str(path), split=split, limit=limit, seed=seed)
    if name == "truthfulqa":
        rows: Callable[[], Iterator[tuple[int, dict[str, Any]]]] = lambda: _csv_rows(path, report)  # noqa: E731
    elif name == "halueval-qa":
        rows = lambda: _json_lines(path, report)  # noqa: E731
    else:
        rows = lambda: _metaqa_rows(path, report)  # noqa: E731

    items: list[QAItem] = []
    for index, row in _read(path, report, rows):
        try:
            if name == "truthfulqa":
                item = truthfulqa_item(index, row)
            elif name == "halueval-qa":
                item = halueval_qa_item(index, row)
            else:
                item = metaqa_item(name, index, row["line"], row["qtype"])
        except _RowError as exc:
            report.problem(index + 1, str(exc))
            continue
        report.rows_valid += 1
        if split is not None and item.split != split:
            report.rows_other_split += 1
            continue
        if keep is not None and not keep(item):
            report.rows_filtered += 1
            continue
        items.append(item)
    require_valid_rows(report, path, name)
    items = seeded_subset(items, limit, seed)
    report.rows_selected = report.items = len(items)
    return items, report


def answerable_in(kb: Any, hops: int) -> Callable[[QAItem], bool]:
    """MetaQA questions whose every gold answer lies within `hops` of the topic in this (rebuilt) graph."""
    from grounding.evaluate.metaqa import reachable_labels

    def keep(item: QAItem) -> bool:
        return item.topic is not None and set(item.answers) <= reachable_labels(kb, item.topic, hops)

    return keep
