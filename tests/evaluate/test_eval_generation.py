"""Generation mode end to end on a tiny KB: real retrieval, verifier and mitigation, scripted LLM.

The LLM is LangChain's FakeListChatModel, so each raw answer is known and every figure of the
run can be checked by hand: three questions, all three raw answers hallucinate, mitigation fixes
two and abstains on one.
"""

from __future__ import annotations

import functools
import json
import operator
from pathlib import Path

import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from typer.testing import CliRunner

from grounding.cli import app
from grounding.evaluate.compare import compare_runs
from grounding.evaluate.generation import ask_row, generation_metrics, run_generation
from grounding.evaluate.qa_datasets import QAItem
from grounding.evaluate.workers import map_ordered
from grounding.pipeline import Pipeline
from grounding.verify.verifier import Verifier
from knowledge.errors import InputError
from knowledge.kb import KnowledgeBase

EVAL = Path(__file__).parents[1] / "fixtures" / "eval"
QUESTIONS = [
    QAItem(id="q1", question="What is the capital of Australia?", answers=["Canberra"], category="capital"),
    QAItem(id="q2", question="Who won the 1998 FIFA World Cup?", answers=["France"], category="sport"),
    QAItem(id="q3", question="Which city is the capital of Australia?", answers=["Canberra"], category="capital"),
]
SCRIPT = [
    "The capital of Australia is Sydney.",
    "Germany won the 1998 FIFA World Cup [2]. The final was played in Berlin.",
    "The capital of Australia is Canberra [1]. The Moon is made of green cheese [2].",
]


@pytest.fixture(scope="module")
def kb(tmp_path_factory, kb_fixtures) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("generation") / "kb"
    return KnowledgeBase.build(
        root, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"], ontology=kb_fixtures / "ontology.ttl"
    )


@pytest.fixture(scope="module")
def verifier(kb) -> Verifier:
    return Verifier(kb)


class CountingAsker:
    """The pipeline's per-question function, counting calls (to prove a rerun asks nothing)."""

    def __init__(self, kb: KnowledgeBase, verifier: Verifier) -> None:
        llm = FakeListChatModel(responses=[*SCRIPT, "(unused)"])
        self.pipeline = Pipeline(kb, llm=llm, verifier=verifier, answerer="llm")
        self.asked: list[str] = []

    def __call__(self, item: QAItem) -> dict:
        self.asked.append(item.id)
        return ask_row(self.pipeline, item)


@pytest.fixture(scope="module")
def run(tmp_path_factory, kb, verifier) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("gen-run") / "run"
    asker = CountingAsker(kb, verifier)
    metrics = run_generation(QUESTIONS, lambda: asker, out, progress=False, n_bootstrap=200)
    assert asker.asked == ["q1", "q2", "q3"]
    return out, metrics


def _rows(out: Path) -> list[dict]:
    return [json.loads(line) for line in (out / "predictions.jsonl").read_text().splitlines()]


def test_every_file_and_plot_is_written(run) -> None:
    out, metrics = run
    for name in ("metrics.json", "predictions.jsonl", "report.md", "rates.png", "latency.png"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "rates.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads((out / "metrics.json").read_text()) == metrics
    report = (out / "report.md").read_text()
    assert "| hallucination rate | 1.000" in report and "![rates](rates.png)" in report
    assert "| quote rate (evidence quoted verbatim) | - | 0.000" in report and "quoted answers: 0" in report


def test_figures_match_the_scripted_answers(run) -> None:
    _, metrics = run
    rows = {row["id"]: row for row in _rows(run[0])}
    # q1: Sydney contradicted by the graph, corrected to Canberra
    assert rows["q1"]["raw_hallucinated"] and not rows["q1"]["raw_correct"]
    assert rows["q1"]["correct"] and not rows["q1"]["hallucinated"] and "correct" in rows["q1"]["changes"]
    # q2: nothing supported, so it abstains: neither right nor hallucinated
    assert rows["q2"]["abstained"] and not rows["q2"]["hallucinated"] and not rows["q2"]["correct"]
    # q3: the unsupported sentence is stripped, the right one stays
    assert rows["q3"]["raw_hallucinated"] and rows["q3"]["raw_correct"] and rows["q3"]["correct"]
    assert not rows["q3"]["hallucinated"]
    assert metrics["n"] == 3 and metrics["errors"] == 0
    assert metrics["hallucination_rate_raw"] == pytest.approx(1.0)
    assert metrics["hallucination_rate"] == pytest.approx(0.0)
    assert metrics["abstention_rate"] == pytest.approx(1 / 3, abs=1e-6)
    assert metrics["accuracy"] == pytest.approx(2 / 3, abs=1e-6)
    assert metrics["accuracy_raw"] == pytest.approx(1 / 3, abs=1e-6)
    assert metrics["accuracy_when_answered"] == pytest.approx(1.0)
    assert metrics["targets"] == {"hallucination_halved": True, "abstention_below_quarter": False}
    assert metrics["answerers"] == {"llm": 3}
    assert set(metrics["latency_ms_per_stage"]) >= {"retrieve", "generate", "verify", "mitigate", "total"}
    assert metrics["per_category"]["capital"]["n"] == 2


def test_a_rerun_asks_nothing_and_a_torn_line_is_asked_again(run, kb, verifier, tmp_path) -> None:
    out = tmp_path / "copy"
    out.mkdir()
    lines = (run[0] / "predictions.jsonl").read_text().splitlines()
    (out / "predictions.jsonl").write_text("\n".join(lines[:2]) + "\n" + lines[2][:40])
    asker = CountingAsker(kb, verifier)
    asker.pipeline.llm.responses = [SCRIPT[2], "(unused)"]
    metrics = run_generation(QUESTIONS, lambda: asker, out, progress=False, n_bootstrap=200)
    assert asker.asked == ["q3"] and metrics["answered_this_run"] == 1
    assert metrics["hallucination_rate_raw"] == pytest.approx(1.0) and len(_rows(out)) == 3
    again = run_generation(QUESTIONS, lambda: asker, out, progress=False, n_bootstrap=200)
    assert asker.asked == ["q3"] and again["answered_this_run"] == 0


def test_cached_answers_to_other_questions_are_refused(run, tmp_path) -> None:
    out = tmp_path / "clash"
    out.mkdir()
    (out / "predictions.jsonl").write_text((run[0] / "predictions.jsonl").read_text())
    other = [QAItem(id="q1", question="Something else entirely?", answers=["x"])]
    with pytest.raises(InputError, match="another question"):
        run_generation(other, lambda: None, out, progress=False)


def test_compare_pairs_the_runs(run, tmp_path) -> None:
    out_b = tmp_path / "b"
    out_b.mkdir()
    rows = _rows(run[0])
    rows[1]["abstained"], rows[1]["hallucinated"] = False, True  # run B does not abstain on q2
    (out_b / "predictions.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    (out_b / "metrics.json").write_text((run[0] / "metrics.json").read_text())
    result = compare_runs(run[0], out_b, n_bootstrap=200)
    assert result["mode"] == "generation" and result["n_common"] == 3
    hallucination = result["figures"]["hallucination_rate"]
    assert hallucination["a"] == pytest.approx(0.0) and hallucination["b"] == pytest.approx(1 / 3)
    assert hallucination["diff"] == pytest.approx(1 / 3) and 0.0 <= hallucination["diff_ci95"][0]
    assert result["figures"]["abstention_rate"]["diff"] == pytest.approx(-1 / 3)
    assert result["figures"]["accuracy"]["diff"] == pytest.approx(0.0)

    cli = CliRunner().invoke(app, ["eval", "compare", str(run[0]), str(out_b), "--json"])
    assert cli.exit_code == 0, cli.output
    assert json.loads(cli.stdout)["figures"]["hallucination_rate"]["diff"] == pytest.approx(1 / 3)


def test_cli_eval_keeps_its_detection_form_and_checks_compare_arguments(tmp_path) -> None:
    runner = CliRunner()
    missing = runner.invoke(app, ["eval", "generic", "--limit", "10"])  # parsed as before: NAME and options
    assert missing.exit_code == 2 and "--data" in missing.output
    one = runner.invoke(app, ["eval", "compare", str(tmp_path)])
    assert one.exit_code == 2 and "RUN_A RUN_B" in one.output
    extra = runner.invoke(app, ["eval", "halueval-dialogue", str(tmp_path)])
    assert extra.exit_code == 2 and "only 'eval compare'" in extra.output
    mode = runner.invoke(app, ["eval", "truthfulqa", "--mode", "both"])
    assert mode.exit_code == 2 and "--mode" in mode.output


def test_cli_generation_with_the_graph_answerer_writes_the_run(kb, tmp_path) -> None:
    out = tmp_path / "cli-run"
    result = CliRunner().invoke(
        app,
        [
            "eval", "metaqa-1hop", "--mode", "generation", "--data", str(EVAL / "metaqa" / "1-hop" / "qa_dev.txt"),
            "--kb", str(kb.root), "--answerer", "graph", "--split", "all", "--out", str(out), "--json",
        ],
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    # three well-formed questions; each gold answer is reachable in one hop, so none is filtered out
    assert metrics["n"] == 3 and metrics["answerers"] == {"graph": 3}
    assert metrics["accuracy"] == pytest.approx(1.0) and metrics["hallucination_rate"] == pytest.approx(0.0)
    assert {p.name for p in out.iterdir()} >= {"metrics.json", "predictions.jsonl", "report.md", "rates.png"}


def test_worker_processes_keep_the_input_order() -> None:
    factory = functools.partial(functools.partial, operator.mul, 3)  # picklable: each worker builds x -> 3x
    assert list(map_ordered(factory, range(7), workers=2)) == [0, 3, 6, 9, 12, 15, 18]
    assert list(map_ordered(factory, range(3), workers=1)) == [0, 3, 6]


def _scored(id_: str, *, correct: bool = False, abstained: bool = False, quoted: bool = False) -> dict:
    return {
        "id": id_,
        "question": id_,
        "category": None,
        "answerer": "llm",
        "correct": correct,
        "f1": float(correct),
        "raw_correct": False,
        "raw_f1": 0.0,
        "hallucinated": False,
        "raw_hallucinated": True,
        "abstained": abstained,
        "raw_abstained": False,
        "quoted": quoted,
        "timings_ms": {"total": 1.0},
        "latency_ms": 1.0,
    }


def test_quoted_answers_are_counted_apart_from_refusals_and_from_the_answerers_own() -> None:
    rows = [
        _scored("a", correct=True, quoted=True),
        _scored("b", quoted=True),
        _scored("c", quoted=True),
        _scored("d", correct=True),
        _scored("e", abstained=True),
        {**_scored("f"), "quoted": None},  # a row of a run before the quote policy
    ]
    metrics = generation_metrics(rows, n_bootstrap=100)
    assert metrics["quote_rate"] == pytest.approx(3 / 6)
    assert metrics["quoted"] == 3
    assert metrics["accuracy_quoted"] == pytest.approx(1 / 3)
    assert metrics["accuracy_unquoted_answers"] == pytest.approx(1 / 2), "d and f: the answerer's own words"
    assert metrics["abstention_rate"] == pytest.approx(1 / 6), "a quote is not a refusal"
    assert metrics["accuracy"] == pytest.approx(2 / 6)
    low, high = metrics["ci95"]["quote_rate"]
    assert low <= 0.5 <= high


def test_without_quotes_the_quote_figures_say_so() -> None:
    metrics = generation_metrics([_scored("a", correct=True), _scored("b", abstained=True)], n_bootstrap=50)
    assert metrics["quote_rate"] == 0.0 and metrics["quoted"] == 0
    assert metrics["accuracy_quoted"] != metrics["accuracy_quoted"], "NaN: no quoted answer to score"
