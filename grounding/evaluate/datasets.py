"""Labelled answers for measuring hallucination detection: HaluEval and the user's own files.

Each paired HaluEval row gives two items, its right answer (hallucinated=False) and its
hallucinated one (True), sharing a `group` so that subsets, limits and bootstrap resampling keep
the pair together. HaluEval rows take their split from `grounding.data.splits.split_of` with the line
number, the same split training used, so no test row was seen in training.

Malformed rows are never dropped silently: they are counted in a `LoadReport`, with the first few
problems and their line numbers, and a file without a single valid row is an error.
"""

from __future__ import annotations

import csv
import json
import random
import re
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TypeVar

from pydantic import BaseModel, Field

from grounding import paths
from grounding.data.splits import split_of
from knowledge.errors import InputError

HALUEVAL_FILES = {
    "halueval-qa": "qa_data.json",
    "halueval-dialogue": "dialogue_data.json",
    "halueval-summarization": "summarization_data.json",
    "halueval-general": "general_data.json",
}
DATASETS = (*HALUEVAL_FILES, "truthfulqa", "generic")
QA_ONLY = ("metaqa-1hop", "metaqa-2hop", "metaqa-3hop")
SPLITS = ("train", "dev", "test")
HALUEVAL_URL = "https://github.com/RUCAIBox/HaluEval (folder data/)"
SHARED_HALUEVAL = paths.shared_data() / "halueval"
MAX_PROBLEMS = 10
_TRUE = {"true", "1", "yes", "y", "t"}
_FALSE = {"false", "0", "no", "n", "f"}


T = TypeVar("T")


class DetectionItem(BaseModel):
    id: str
    answer: str
    question: str | None = None
    evidence: list[str] = Field(default_factory=list)
    hallucinated: bool
    category: str | None = None
    split: str = "test"
    group: str = Field(default="", description="Source row; the two answers of a HaluEval row share it.")


class LoadReport(BaseModel):
    """What a loader read, kept, and refused, so a user can see why a count is not what they expected."""

    dataset: str
    source: str
    rows_read: int = 0
    rows_valid: int = 0
    rows_malformed: int = 0
    rows_other_split: int = 0
    rows_filtered: int = Field(default=0, description="Valid rows a filter refused (MetaQA: not answerable).")
    rows_selected: int = 0
    items: int = 0
    split: str | None = None
    limit: int | None = None
    seed: int = 0
    problems: list[str] = Field(default_factory=list, description=f"The first {MAX_PROBLEMS} problems.")

    def problem(self, line: int, message: str) -> None:
        self.rows_malformed += 1
        if len(self.problems) < MAX_PROBLEMS:
            self.problems.append(f"line {line}: {message}")


class _RowError(ValueError):
    """A row that cannot become items; the message goes into the LoadReport."""


def default_halueval_path(name: str) -> Path:
    """The shared copy next to the repository (dev machines, tests), else a hub download, else --data."""
    from grounding.data.sources import resolve

    return resolve(name, None, shared=SHARED_HALUEVAL.parent)


def _text(row: dict[str, Any], key: str, required: bool = True) -> str | None:
    value = row.get(key)
    if value is None or (isinstance(value, str) and not value.strip()):
        if required:
            raise _RowError(f"missing or empty {key!r}")
        return None
    if not isinstance(value, str):
        raise _RowError(f"{key!r} must be a string, got {type(value).__name__}")
    return value.strip()


def parse_label(value: Any) -> bool:
    """true/false, 1/0, yes/no in any case; anything else is an error, never a guess."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str) and value.strip().lower() in _TRUE | _FALSE:
        return value.strip().lower() in _TRUE
    raise _RowError(f"'hallucinated' must be true/false, 1/0 or yes/no, got {value!r}")


def parse_evidence(value: Any) -> list[str]:
    """A list of strings, one string, or (from CSV) a JSON list written as a string."""
    if value is None:
        return []
    if isinstance(value, list):
        if not all(isinstance(v, str) for v in value):
            raise _RowError("'evidence' list must hold only strings")
        return [v.strip() for v in value if v.strip()]
    if isinstance(value, str):
        text = value.strip()
        if text.startswith("["):
            try:
                parsed = json.loads(text)
            except json.JSONDecodeError:
                return [text]
            return parse_evidence(parsed)
        return [text] if text else []
    raise _RowError(f"'evidence' must be a string or a list of strings, got {type(value).__name__}")


def _pair_items(
    name: str,
    index: int,
    row: dict[str, Any],
    keys: tuple[str, str],
    evidence: list[str],
    question: str | None,
) -> list[DetectionItem]:
    right, wrong = _text(row, keys[0]), _text(row, keys[1])
    group = f"{name}:{index}"
    return [
        DetectionItem(
            id=f"{group}:{'hallucinated' if hallucinated else 'right'}",
            answer=answer,  # type: ignore[arg-type]
            question=question,
            evidence=evidence,
            hallucinated=hallucinated,
            split=split_of(name, index),
            group=group,
        )
        for hallucinated, answer in ((False, right), (True, wrong))
    ]


_TURN = re.compile(r"\[(Human|Assistant)\]:")
HISTORY_AS_EVIDENCE = False
"""Whether a dialogue reply is also checked against what was said before it.

The knowledge is HaluEval's evidence; the history only sets the scene. With the verifier trained
on knowledge-only premises, adding the history lowers dev AUROC (whole replies: 0.928 -> 0.905 on
500 dev rows) because a hallucinated reply often repeats a name the user just said.
"""


def dialogue_context(history: str | None) -> tuple[str | None, str]:
    """(the user's last turn, everything said so far) of a "[Human]: ... [Assistant]: ..." history.

    A reply is grounded by what was already said as much as by the knowledge, so the history is
    evidence; the last user turn is what the reply answers, so it is the question a terse reply
    ("Kevin Corrigan.") is rewritten with. The whole history as the question would turn a short
    reply into a claim made of the entire conversation.
    """
    parts = _TURN.split(history or "")
    if len(parts) == 1:
        return None, " ".join(parts[0].split())
    turns = [(parts[i], " ".join(parts[i + 1].split())) for i in range(1, len(parts) - 1, 2)]
    turns = [(speaker, text) for speaker, text in turns if text]
    asked = [text for speaker, text in turns if speaker == "Human"]
    return (asked[-1] if asked else None), "\n".join(text for _, text in turns)


def halueval_items(name: str, index: int, row: dict[str, Any], clean: bool = True) -> list[DetectionItem]:
    """The items of one HaluEval row (two for the paired sets, one for `general`)."""
    from grounding.data.halueval import clean_knowledge

    if name == "halueval-general":
        query = _text(row, "user_query", required=False)
        answer = _text(row, "chatgpt_response")
        return [
            DetectionItem(
                id=f"{name}:{index}",  # the file's own IDs repeat and are sometimes blank
                answer=answer,  # type: ignore[arg-type]
                question=query,
                evidence=[],
                hallucinated=parse_label(row.get("hallucination")),
                split=split_of(name, index),
                group=f"{name}:{index}",
            )
        ]
    if name == "halueval-summarization":
        document = _text(row, "document")
        return _pair_items(name, index, row, ("right_summary", "hallucinated_summary"), [document], None)  # type: ignore[list-item]
    knowledge = _text(row, "knowledge")
    # HaluEval glues its facts ("Jr.Robert", "Film)Zodiac"); the sentence splitter needs them apart,
    # and training saw them cleaned the same way.
    evidence = [clean_knowledge(knowledge) if clean else knowledge]  # type: ignore[arg-type]
    if name == "halueval-dialogue":
        question, said = dialogue_context(_text(row, "dialogue_history", required=False))
        keys = ("right_response", "hallucinated_response")
        if HISTORY_AS_EVIDENCE and said:
            evidence = [*evidence, said]
    elif name == "halueval-qa":
        keys, question = ("right_answer", "hallucinated_answer"), _text(row, "question")
    else:
        raise InputError(f"unknown HaluEval set {name!r}; known: {list(HALUEVAL_FILES)}")
    return _pair_items(name, index, row, keys, evidence, question)


def split_answers(value: Any) -> list[str]:
    """TruthfulQA's answer lists: one string, answers separated by semicolons; duplicates dropped."""
    if not isinstance(value, str):
        return []
    return list(dict.fromkeys(part.strip() for part in value.split(";") if part.strip()))


def truthfulqa_items(index: int, row: dict[str, Any]) -> list[DetectionItem]:
    """Every correct answer of a question as a right item, every incorrect one as a hallucinated item.

    TruthfulQA has no evidence passage (its Source is a URL whose text is not shipped), so the
    items carry none: the verifier then checks them against a KB when it has one, and otherwise
    can only say unverifiable, which is the honest result.
    """
    question = _text(row, "Question")
    right = split_answers(row.get("Correct Answers"))
    best = _text(row, "Best Answer", required=False)
    if best and best not in right:
        right.insert(0, best)
    wrong = split_answers(row.get("Incorrect Answers"))
    if not right or not wrong:
        raise _RowError("needs at least one 'Correct Answers' and one 'Incorrect Answers' entry")
    group = f"truthfulqa:{index}"
    category = _text(row, "Category", required=False)
    return [
        DetectionItem(
            id=f"{group}:{'hallucinated' if hallucinated else 'right'}:{k}",
            answer=answer,
            question=question,
            hallucinated=hallucinated,
            category=category,
            split=split_of("truthfulqa", index),
            group=group,
        )
        for hallucinated, answers in ((False, right), (True, wrong))
        for k, answer in enumerate(answers)
    ]


def generic_item(row: dict[str, Any], line: int, stem: str) -> DetectionItem:
    answer = _text(row, "answer", required=False) or _text(row, "claim", required=False)
    if answer is None:
        raise _RowError("missing or empty 'answer' (or 'claim')")
    if "hallucinated" not in row or row["hallucinated"] in (None, ""):
        raise _RowError("missing 'hallucinated'")
    split = (str(row.get("split") or "test")).strip().lower()
    if split not in SPLITS:
        raise _RowError(f"'split' must be one of {list(SPLITS)}, got {row.get('split')!r}")
    item_id = str(row.get("id") or "").strip() or f"{stem}:{line}"
    category = row.get("category")
    return DetectionItem(
        id=item_id,
        answer=answer,
        question=_text(row, "question", required=False),
        evidence=parse_evidence(row.get("evidence")),
        hallucinated=parse_label(row["hallucinated"]),
        category=str(category).strip() if category not in (None, "") else None,
        split=split,
        group=item_id,
    )


def _json_lines(
    path: Path, report: LoadReport, wanted: Callable[[int], bool] | None = None
) -> Iterator[tuple[int, dict[str, Any]]]:
    """(0-based line number, object); blank lines are skipped, bad JSON is counted.

    Lines `wanted` refuses (other splits) are counted but neither parsed nor validated.
    """
    with path.open(encoding="utf-8") as handle:
        for index, line in enumerate(handle):
            if not line.strip():
                continue
            report.rows_read += 1
            if wanted is not None and not wanted(index):
                report.rows_other_split += 1
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                report.problem(index + 1, f"invalid JSON ({exc.msg})")
                continue
            if not isinstance(row, dict):
                report.problem(index + 1, f"expected a JSON object, got {type(row).__name__}")
                continue
            yield index, row


def _csv_rows(path: Path, report: LoadReport) -> Iterator[tuple[int, dict[str, Any]]]:
    with path.open(encoding="utf-8", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None:
            return
        for row in reader:
            report.rows_read += 1
            if None in row:
                report.problem(reader.line_num, "more fields than the header has")
                continue
            yield reader.line_num - 1, row


def _read(path: Path, report: LoadReport, rows: Callable[[], Iterator[tuple[int, dict[str, Any]]]]):
    try:
        yield from rows()
    except UnicodeDecodeError as exc:
        raise InputError(f"{path} is not UTF-8 text: {exc}") from exc
    except csv.Error as exc:
        raise InputError(f"{path}: malformed CSV: {exc}") from exc
    except OSError as exc:
        raise InputError(f"cannot read {path}: {exc}") from exc


def check_selection(split: str | None, limit: int | None) -> None:
    """Refuse a split or a --limit no loader could honour, before any file is read."""
    if split is not None and split not in SPLITS:
        raise InputError(f"unknown split {split!r}; use one of {list(SPLITS)} or none for all")
    if limit is not None and limit < 1:
        raise InputError(f"--limit must be at least 1, got {limit}")


def require_valid_rows(report: LoadReport, path: Path, name: str) -> None:
    """A file with no usable row is an input error that shows its first problems, never an empty run."""
    if report.rows_valid == 0:
        shown = "; ".join(report.problems[:3]) or "the file is empty"
        raise InputError(f"{path}: no valid rows for {name} ({report.rows_malformed} malformed: {shown})")


def seeded_subset(rows: list[T], limit: int | None, seed: int) -> list[T]:
    """`limit` rows drawn with `seed`, kept in file order, so a subset is reproducible and stable."""
    if limit is None or limit >= len(rows):
        return rows
    return [rows[i] for i in sorted(random.Random(seed).sample(range(len(rows)), limit))]


def load_dataset(
    name: str,
    data: Path | None = None,
    split: str | None = None,
    limit: int | None = None,
    seed: int = 0,
    clean_knowledge: bool = True,
) -> tuple[list[DetectionItem], LoadReport]:
    """Items of one dataset, optionally one split and a seeded random subset of `limit` source rows.

    `split=None` keeps every split. Generic files take a row's `split` column when present and
    otherwise count the row as test data. The subset is drawn among valid source rows and kept in
    file order, so the same (limit, seed) always gives the same items.
    """
    if name in QA_ONLY:
        raise InputError(f"{name} has questions and gold answers but no labelled answers: use --mode generation")
    if name not in DATASETS:
        raise InputError(f"unknown dataset {name!r}; known: {list(DATASETS)}")
    check_selection(split, limit)
    path = Path(data) if data is not None else (default_halueval_path(name) if name != "generic" else None)
    if path is None:
        raise InputError("the generic dataset needs a file: pass --data PATH (.jsonl or .csv)")
    if not path.is_file():
        raise InputError(f"data file {path} does not exist or is not a file")
    report = LoadReport(dataset=name, source=str(path), split=split, limit=limit, seed=seed)

    if name == "truthfulqa":
        rows = lambda: _csv_rows(path, report)  # noqa: E731
    elif name == "generic":
        suffix = path.suffix.lower()
        if suffix not in {".jsonl", ".json", ".ndjson", ".csv"}:
            raise InputError(f"{path}: generic data must be .jsonl or .csv, got {suffix or 'no suffix'!r}")
        rows = (lambda: _csv_rows(path, report)) if suffix == ".csv" else (lambda: _json_lines(path, report))
    else:
        wanted = None if split is None else (lambda index: split_of(name, index) == split)
        rows = lambda: _json_lines(path, report, wanted)  # noqa: E731

    groups: list[list[DetectionItem]] = []
    seen: set[str] = set()
    for index, row in _read(path, report, rows):
        try:
            if name == "generic":
                items = [generic_item(row, index + 1, path.stem)]
            elif name == "truthfulqa":
                items = truthfulqa_items(index, row)
            else:
                items = halueval_items(name, index, row, clean_knowledge)
        except _RowError as exc:
            report.problem(index + 1, str(exc))
            continue
        duplicate = next((item.id for item in items if item.id in seen), None)
        if duplicate is not None:
            report.problem(index + 1, f"duplicate id {duplicate!r}")
            continue
        seen.update(item.id for item in items)
        report.rows_valid += 1
        if split is not None and items[0].split != split:
            report.rows_other_split += 1
            continue
        groups.append(items)

    require_valid_rows(report, path, name)
    groups = seeded_subset(groups, limit, seed)
    items = [item for group in groups for item in group]
    report.rows_selected = len(groups)
    report.items = len(items)
    return items, report
