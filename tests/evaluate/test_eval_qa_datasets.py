"""Loaders for TruthfulQA and MetaQA (and HaluEval QA as questions) on small fixture files.

Every malformed row must be counted with its line number, never dropped silently; the source of a
set is --data, else the shared copy, else a cached copy, else a message that says where to get the file.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from grounding.data import sources
from grounding.data.splits import split_of
from grounding.evaluate.datasets import load_dataset
from grounding.evaluate.qa_datasets import load_qa_dataset
from knowledge.errors import InputError

EVAL = Path(__file__).parents[1] / "fixtures" / "eval"
TRUTHFULQA = EVAL / "truthfulqa.csv"
METAQA = EVAL / "metaqa" / "1-hop" / "qa_dev.txt"


def test_truthfulqa_detection_items_label_correct_and_incorrect_answers() -> None:
    items, report = load_dataset("truthfulqa", TRUTHFULQA)
    assert report.rows_read == 4 and report.rows_valid == 2 and report.rows_malformed == 2
    assert report.problems == [
        "line 3: needs at least one 'Correct Answers' and one 'Incorrect Answers' entry",
        "line 4: more fields than the header has",
    ]
    first = [i for i in items if i.group == "truthfulqa:1"]
    # the best answer is a correct answer too, listed first; duplicates are dropped
    assert [(i.answer, i.hallucinated) for i in first] == [
        ("Canberra is the capital", False),
        ("Canberra", False),
        ("The capital is Canberra", False),
        ("Sydney", True),
        ("Melbourne", True),
    ]
    last = [i for i in items if i.group == "truthfulqa:4"]
    assert [(i.answer, i.hallucinated) for i in last] == [("Rome", False), ("Milan", True), ("Naples", True)]
    assert all(i.evidence == [] and i.category in {"Geography", "Science"} for i in items)
    assert all(i.question for i in items) and len({i.id for i in items}) == len(items)
    assert {i.split for i in first} == {split_of("truthfulqa", 1)}


def test_truthfulqa_questions_keep_every_correct_answer_as_gold() -> None:
    items, report = load_qa_dataset("truthfulqa", TRUTHFULQA, split=None)
    assert report.rows_valid == 3 and report.rows_malformed == 1
    assert [i.id for i in items] == ["truthfulqa:1", "truthfulqa:2", "truthfulqa:4"]
    assert items[1].answers == ["Bern", "Bern is the capital"] and items[1].incorrect == []
    assert items[0].incorrect == ["Sydney", "Melbourne"]


def test_metaqa_rows_topics_answers_and_malformed_lines() -> None:
    items, report = load_qa_dataset("metaqa-1hop", METAQA, split=None)
    assert report.rows_read == 6 and report.rows_valid == 3 and report.rows_malformed == 3
    assert report.problems == [
        "line 3: expected 'question<TAB>answer1|answer2'",
        "line 4: the question has no [topic entity]",
        "line 7: expected 'question<TAB>answer1|answer2'",
    ]
    assert [(i.topic, i.answers, i.category) for i in items] == [
        ("Australia", ["Canberra"], "country_to_capital"),
        ("Switzerland", ["Bern"], "country_to_capital"),
        ("Switzerland", ["France", "Italy", "Austria"], "country_to_neighbour"),
    ]
    assert items[0].question == "what is the capital of [Australia]" and items[2].id == "metaqa-1hop:4"


def test_filter_is_counted_and_applied_before_the_seeded_subset() -> None:
    keep = lambda item: item.topic == "Switzerland"  # noqa: E731
    items, report = load_qa_dataset("metaqa-1hop", METAQA, split=None, keep=keep)
    assert len(items) == 2 and report.rows_filtered == 1
    one, _ = load_qa_dataset("metaqa-1hop", METAQA, split=None, limit=1, seed=3, keep=keep)
    again, _ = load_qa_dataset("metaqa-1hop", METAQA, split=None, limit=1, seed=3, keep=keep)
    assert one == again and one[0].topic == "Switzerland"


def test_halueval_qa_questions_with_right_answer_as_gold() -> None:
    items, report = load_qa_dataset("halueval-qa", EVAL / "halueval_qa.json", split=None)
    assert report.rows_malformed == 1 and report.problems == ["line 3: missing or empty 'right_answer'"]
    assert [i.answers for i in items] == [["Arthur's Magazine"], ["Delhi"], ["Canberra"]]


def test_splits_partition_the_questions() -> None:
    every, _ = load_qa_dataset("metaqa-1hop", METAQA, split=None)
    parts = [load_qa_dataset("metaqa-1hop", METAQA, split=s)[0] for s in ("train", "dev", "test")]
    assert sorted(i.id for part in parts for i in part) == sorted(i.id for i in every)


def test_metaqa_has_no_detection_mode() -> None:
    with pytest.raises(InputError, match="--mode generation"):
        load_dataset("metaqa-2hop")


def test_missing_copy_says_where_to_get_the_file(monkeypatch, tmp_path) -> None:
    monkeypatch.setenv("GROUNDQA_DATA_DIR", str(tmp_path / "nowhere"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    with pytest.raises(InputError, match=r"TruthfulQA\.csv.*github\.com/sylinrl/TruthfulQA.*--data"):
        load_qa_dataset("truthfulqa")
    with pytest.raises(InputError, match=r"no local copy of metaqa-2hop.*github\.com/yuyuz/MetaQA"):
        load_qa_dataset("metaqa-2hop")
    assert not (tmp_path / "cache").exists()


def test_shared_copy_is_the_default_when_present(tmp_path, monkeypatch) -> None:
    (tmp_path / "metaqa" / "1-hop").mkdir(parents=True)
    (tmp_path / "metaqa" / "1-hop" / "qa_dev.txt").write_text(METAQA.read_text(), encoding="utf-8")
    assert sources.resolve("metaqa-1hop", None, shared=tmp_path) == tmp_path / "metaqa" / "1-hop" / "qa_dev.txt"
    with pytest.raises(InputError, match="does not exist"):
        sources.resolve("metaqa-1hop", tmp_path / "missing.txt")
