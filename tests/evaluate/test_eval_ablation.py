"""Per-checker ablation and detection through `VerifierSpec` (the picklable scorer worker processes build).

Real verifier (bundled NLI model) on a tiny KB; the LLM-judge variant is left out here because it
loads SmolLM2 (tests/test_llm_judge.py covers the judge itself).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from grounding.evaluate.compare import compare_runs
from grounding.evaluate.runner import ablation_eval, ablation_options, detection_eval
from grounding.settings import Settings
from knowledge.errors import InputError
from knowledge.kb import KnowledgeBase

EVAL = Path(__file__).parents[1] / "fixtures" / "eval"
FAST = dict(dev_limit=0, n_bootstrap=50, progress=False)


@pytest.fixture(scope="module")
def kb(tmp_path_factory, kb_fixtures) -> KnowledgeBase:
    root = tmp_path_factory.mktemp("ablation") / "kb"
    return KnowledgeBase.build(
        root, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"], ontology=kb_fixtures / "ontology.ttl"
    )


def test_variants_switch_the_checkers() -> None:
    graph, entailment, both, judge = (ablation_options(v) for v in ("graph", "entailment", "both", "both+llm"))
    assert (graph.use_graph, graph.use_entailment, graph.use_llm) == (True, False, False)
    assert (entailment.use_graph, entailment.use_entailment) == (False, True)
    assert (both.use_graph, both.use_entailment, both.use_llm) == (True, True, False)
    assert judge.use_llm and judge.use_graph and judge.use_entailment
    with pytest.raises(InputError, match="unknown ablation"):
        ablation_options("nli")


def test_ablation_runs_each_variant_and_writes_one_table(kb, tmp_path) -> None:
    data = tmp_path / "capitals.jsonl"
    rows = [
        {"id": "r1", "question": "What is the capital of Australia?", "answer": "Canberra", "hallucinated": False},
        {"id": "h1", "question": "What is the capital of Australia?", "answer": "Sydney", "hallucinated": True},
        {"id": "r2", "question": "What is the capital of France?", "answer": "Paris", "hallucinated": False},
        {"id": "h2", "question": "What is the capital of France?", "answer": "Lyon", "hallucinated": True},
    ]
    data.write_text("".join(json.dumps(r) + "\n" for r in rows))
    summary = ablation_eval(
        "generic", Settings(), tmp_path / "run", variants=("graph", "entailment", "both"), data=data, kb=kb.root, **FAST
    )
    assert list(summary["variants"]) == ["graph", "entailment", "both"]
    for variant in ("graph", "entailment", "both"):
        assert (tmp_path / "run" / variant / "metrics.json").exists()
        assert (tmp_path / "run" / variant / "report.md").exists()
    # the graph knows every capital: alone it separates the answers perfectly
    assert summary["variants"]["graph"]["auroc"] == pytest.approx(1.0)
    table = (tmp_path / "run" / "ablation.md").read_text()
    assert "| graph |" in table and "| entailment |" in table
    assert json.loads((tmp_path / "run" / "ablation.json").read_text()) == summary

    compared = compare_runs(tmp_path / "run" / "graph", tmp_path / "run" / "both", n_bootstrap=50)
    assert compared["mode"] == "detection" and compared["n_common"] == 4
    auroc = compared["figures"]["auroc"]
    assert auroc["a"] == pytest.approx(1.0) and auroc["diff"] == pytest.approx(auroc["b"] - 1.0)


def test_truthfulqa_detection_without_evidence_retrieves_from_the_kb(kb, tmp_path) -> None:
    metrics, load = detection_eval(
        "truthfulqa", Settings(), tmp_path / "tqa", data=EVAL / "truthfulqa.csv", kb=kb.root, **FAST
    )
    assert load.rows_malformed == 2 and metrics["n"] == load.items
    rows = [json.loads(line) for line in (tmp_path / "tqa" / "predictions.jsonl").read_text().splitlines()]
    by_answer = {row["id"]: row for row in rows}
    # "Sydney" as the capital of Australia is contradicted by the KB's graph; "Canberra" is supported
    assert by_answer["truthfulqa:1:hallucinated:0"]["score"] > by_answer["truthfulqa:1:right:1"]["score"]


def test_specs_for_worker_processes_pickle() -> None:
    import pickle

    from grounding.evaluate.detection import VerifierSpec
    from grounding.evaluate.generation import PipelineSpec

    verifier = VerifierSpec(Settings(), ablation_options("both"), kb="/some/kb", llm_judge="default")
    pipeline = PipelineSpec(Settings(), kb="/some/kb", answerer="graph", mitigation=("strip",))
    assert pickle.loads(pickle.dumps(verifier)) == verifier
    assert pickle.loads(pickle.dumps(pipeline)) == pipeline
