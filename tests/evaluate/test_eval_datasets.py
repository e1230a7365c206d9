"""Loaders of labelled answers: every format, the shared split, seeded limits, malformed rows reported."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grounding.data.splits import split_of
from grounding.evaluate import datasets
from grounding.evaluate.datasets import load_dataset, parse_evidence, parse_label
from knowledge.errors import InputError

EVAL = Path(__file__).parents[1] / "fixtures" / "eval"
SHARED_DIALOGUE = datasets.SHARED_HALUEVAL / "dialogue_data.json"


def test_dialogue_rows_give_a_right_and_a_hallucinated_item_with_the_knowledge_as_evidence() -> None:
    items, report = load_dataset("halueval-dialogue", EVAL / "halueval_dialogue.json")
    assert report.rows_read == 12 and report.rows_valid == 10 and report.items == 20
    first, second = items[0], items[1]
    assert (first.hallucinated, second.hallucinated) == (False, True)
    assert first.group == second.group == "halueval-dialogue:0"
    assert first.answer == "It was directed by Jon Favreau."
    assert first.question == "Who directed it?"
    # The glued facts ("Robert Downey Jr.Robert Downey Jr. starred") are split apart for the verifier.
    # The history sets the scene; the knowledge alone is the evidence (see HISTORY_AS_EVIDENCE).
    assert first.evidence == second.evidence and len(first.evidence) == 1
    assert "Jr.Robert" not in first.evidence[0] and "Jon Favreau" in first.evidence[0]
    assert "Do you like Iron Man?" not in first.evidence[0]
    raw, _ = load_dataset("halueval-dialogue", EVAL / "halueval_dialogue.json", clean_knowledge=False)
    assert "Jr.Robert" in raw[0].evidence[0]


def test_dialogue_history_joins_the_evidence_when_asked(monkeypatch) -> None:
    monkeypatch.setattr(datasets, "HISTORY_AS_EVIDENCE", True)
    items, _ = load_dataset("halueval-dialogue", EVAL / "halueval_dialogue.json")
    assert items[0].evidence[1] == "Do you like Iron Man?\nYes! Robert Downey Jr. is great in it.\nWho directed it?"


@pytest.mark.parametrize(
    ("history", "expected"),
    [
        ("[Human]: Hi [Assistant]: Hello [Human]:  ", ("Hi", "Hi\nHello")),
        ("[Assistant]: I can help.", (None, "I can help.")),
        ("no speaker tags at all", (None, "no speaker tags at all")),
        ("", (None, "")),
    ],
)
def test_dialogue_context_takes_the_last_user_turn_as_the_question(history, expected) -> None:
    assert datasets.dialogue_context(history) == expected


@given(st.lists(st.tuples(st.sampled_from(["Human", "Assistant"]), st.text(alphabet="ab .?", min_size=1)), max_size=6))
def test_dialogue_context_keeps_every_word_said(turns) -> None:
    history = " ".join(f"[{speaker}]: {text}" for speaker, text in turns)
    question, said = datasets.dialogue_context(history)
    assert said.split() == " ".join(text for _, text in turns).split()
    asked = [" ".join(text.split()) for speaker, text in turns if speaker == "Human" and text.strip()]
    assert question == (asked[-1] if asked else None)


def test_malformed_rows_are_counted_with_their_line_numbers() -> None:
    _, report = load_dataset("halueval-dialogue", EVAL / "halueval_dialogue.json")
    assert report.rows_malformed == 2
    assert report.problems[0].startswith("line 5: invalid JSON")
    assert report.problems[1] == "line 10: missing or empty 'hallucinated_response'"


def test_split_follows_the_shared_split_by_line_number() -> None:
    for split in ("train", "dev", "test"):
        items, report = load_dataset("halueval-dialogue", EVAL / "halueval_dialogue.json", split=split)
        rows = sorted({int(item.group.split(":")[1]) for item in items})
        expected = [i for i in range(12) if i not in (4, 9) and split_of("halueval-dialogue", i) == split]
        assert rows == expected
        assert all(item.split == split for item in items)
        assert report.rows_other_split == sum(split_of("halueval-dialogue", i) != split for i in range(12))
    dev, _ = load_dataset("halueval-dialogue", EVAL / "halueval_dialogue.json", split="dev")
    assert [item.group for item in dev[::2]] == [
        "halueval-dialogue:6",
        "halueval-dialogue:8",
        "halueval-dialogue:10",
    ]


def test_limit_is_a_seeded_subset_of_rows_that_keeps_pairs_together() -> None:
    path = EVAL / "halueval_dialogue.json"
    a, report = load_dataset("halueval-dialogue", path, limit=4, seed=7)
    b, _ = load_dataset("halueval-dialogue", path, limit=4, seed=7)
    assert [i.id for i in a] == [i.id for i in b]
    assert report.rows_selected == 4 and len(a) == 8
    groups = [i.group for i in a]
    assert all(groups.count(g) == 2 for g in groups)
    rows = [int(g.split(":")[1]) for g in groups[::2]]
    assert rows == sorted(rows), "the subset keeps file order"
    picks = {tuple(i.group for i in load_dataset("halueval-dialogue", path, limit=4, seed=s)[0]) for s in range(6)}
    assert len(picks) > 1, "different seeds draw different rows"


def test_qa_keeps_the_question_and_rejects_an_empty_answer() -> None:
    items, report = load_dataset("halueval-qa", EVAL / "halueval_qa.json")
    assert [i.id for i in items[:2]] == ["halueval-qa:0:right", "halueval-qa:0:hallucinated"]
    assert items[0].answer == "Arthur's Magazine" and items[1].answer == "First for Women was started first."
    assert items[0].question == "Which magazine was started first Arthur's Magazine or First for Women?"
    assert report.problems == ["line 3: missing or empty 'right_answer'"]


def test_summarization_uses_the_document_as_evidence_and_no_question() -> None:
    items, report = load_dataset("halueval-summarization", EVAL / "halueval_summarization.json")
    assert len(items) == 4 and report.rows_malformed == 1
    assert items[0].question is None
    assert items[0].evidence == [
        json.loads((EVAL / "halueval_summarization.json").read_text().splitlines()[0])["document"]
    ]
    assert [i.hallucinated for i in items] == [False, True, False, True]


def test_general_gives_one_item_per_row_without_evidence() -> None:
    items, report = load_dataset("halueval-general", EVAL / "halueval_general.json")
    assert [(i.answer, i.hallucinated, i.evidence) for i in items] == [
        ("Paris.", False, []),
        ("Hamlet was written by Charles Dickens in 1850.", True, []),
        ("Eight.", False, []),
    ]
    # The file's own IDs repeat ("2" twice); ids come from line numbers and stay unique.
    assert len({i.id for i in items}) == 3
    assert items[0].question == "Name the capital of France."
    assert report.rows_read == 4 and report.problems[0].startswith("line 4: 'hallucinated' must be")


def test_generic_jsonl_formats_and_problems() -> None:
    items, report = load_dataset("generic", EVAL / "generic.jsonl")
    by_id = {i.id: i for i in items}
    assert set(by_id) == {"g1", "g2", "generic:3", "g8"}
    assert by_id["g1"].evidence == ["Canberra is the capital city of Australia."]
    assert by_id["g2"].answer == "Sydney is the capital of Australia." and by_id["g2"].hallucinated
    assert len(by_id["g2"].evidence) == 2 and by_id["g2"].category == "geography"
    assert by_id["generic:3"].evidence == [] and by_id["generic:3"].hallucinated is False
    assert by_id["g8"].split == "dev" and by_id["g1"].split == "test"
    assert report.rows_malformed == 6
    assert [p.split(":")[0] for p in report.problems] == [
        "line 4",
        "line 5",
        "line 6",
        "line 7",
        "line 9",
        "line 10",
    ]
    assert "duplicate id 'g1'" in report.problems[3]
    dev, _ = load_dataset("generic", EVAL / "generic.jsonl", split="dev")
    assert [i.id for i in dev] == ["g8"]


def test_generic_csv_reads_json_list_evidence_and_plain_strings() -> None:
    items, report = load_dataset("generic", EVAL / "generic.csv")
    by_id = {i.id: i for i in items}
    assert by_id["c1"].evidence == ["Rome is the capital of Italy.", "Milan is in the north."]
    assert by_id["c1"].question == "Capital of Italy?" and by_id["c1"].category is None
    assert by_id["c2"].evidence == ["Rome is the capital of Italy."] and by_id["c2"].hallucinated
    assert by_id["c2b"].answer == "Multi\nline answer, quoted." and by_id["c2b"].evidence == []
    assert by_id["c2"].question is None
    assert report.rows_malformed == 3
    assert report.problems == [
        "line 6: 'hallucinated' must be true/false, 1/0 or yes/no, got 'sometimes'",
        "line 7: more fields than the header has",
        "line 8: missing or empty 'answer' (or 'claim')",
    ]


def test_a_file_without_valid_rows_is_an_input_error() -> None:
    with pytest.raises(InputError, match="no valid rows.*3 malformed"):
        load_dataset("generic", EVAL / "no_valid_rows.jsonl")


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"name": "halueval-nope"}, "unknown dataset"),
        ({"name": "generic"}, "needs a file"),
        ({"name": "generic", "data": EVAL / "missing.jsonl"}, "does not exist"),
        ({"name": "generic", "data": EVAL / "README.md"}, r"\.jsonl or \.csv"),
        ({"name": "halueval-qa", "data": EVAL / "halueval_qa.json", "split": "val"}, "unknown split"),
        ({"name": "halueval-qa", "data": EVAL / "halueval_qa.json", "limit": 0}, "at least 1"),
    ],
)
def test_bad_arguments_are_input_errors(kwargs: dict, message: str) -> None:
    with pytest.raises(InputError, match=message):
        load_dataset(**kwargs)


def test_missing_default_file_says_where_to_get_it_and_downloads_nothing(monkeypatch, tmp_path) -> None:
    monkeypatch.setattr(datasets, "SHARED_HALUEVAL", tmp_path / "nowhere")
    with pytest.raises(InputError, match=r"dialogue_data\.json.*github\.com/RUCAIBox/HaluEval.*--data"):
        load_dataset("halueval-dialogue")
    assert not (tmp_path / "nowhere").exists()


def test_default_path_reads_the_shared_copy() -> None:
    items, report = load_dataset("halueval-dialogue", split="test", limit=3, seed=0)
    assert report.rows_read == 10_000 and report.rows_malformed == 0 and len(items) == 6
    assert all(split_of("halueval-dialogue", int(i.group.split(":")[1])) == "test" for i in items)


@pytest.mark.parametrize(
    ("raw", "expected"),
    [(True, True), (0, False), (1, True), ("YES", True), ("no", False), (" true ", True), ("0", False)],
)
def test_labels(raw: object, expected: bool) -> None:
    assert parse_label(raw) is expected


@pytest.mark.parametrize("raw", ["maybe", 2, None, "", [True]])
def test_bad_labels_raise(raw: object) -> None:
    with pytest.raises(ValueError):
        parse_label(raw)


def test_evidence_forms() -> None:
    assert parse_evidence(None) == []
    assert parse_evidence("  ") == []
    assert parse_evidence("one passage") == ["one passage"]
    assert parse_evidence('["a", "b"]') == ["a", "b"]
    assert parse_evidence("[not json") == ["[not json"]
    assert parse_evidence(["a", " ", "b "]) == ["a", "b"]


_text = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=40).filter(
    lambda s: s.strip() == s and s.strip()
)
_rows = st.lists(
    st.fixed_dictionaries(
        {
            "answer": _text,
            "hallucinated": st.booleans(),
            "evidence": st.lists(_text, max_size=3),
            "category": st.one_of(st.none(), _text),
        }
    ),
    min_size=1,
    max_size=8,
)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(rows=_rows)
def test_generic_round_trip_jsonl_and_csv(tmp_path_factory, rows: list[dict]) -> None:
    """What a user writes in either format is what the harness reads back, row for row."""
    folder = tmp_path_factory.mktemp("roundtrip")
    jsonl = folder / "data.jsonl"
    jsonl.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    table = folder / "data.csv"
    with table.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, ["answer", "hallucinated", "evidence", "category"])
        writer.writeheader()
        for r in rows:
            writer.writerow({**r, "evidence": json.dumps(r["evidence"]), "category": r["category"] or ""})
    for path in (jsonl, table):
        items, report = load_dataset("generic", path)
        assert report.rows_malformed == 0
        assert [(i.answer, i.hallucinated, i.evidence, i.category) for i in items] == [
            (r["answer"], r["hallucinated"], r["evidence"], r["category"]) for r in rows
        ]
