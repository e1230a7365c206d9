"""Batch verification on a local Ray (`ray.init(num_cpus=2)`, one session for the module).

A Ray run must write exactly what the single-process run writes, for `verify-batch` and for
`groundqa eval`, and a job cut short must resume to the same output.
"""

import json

import pytest
import ray
from typer.testing import CliRunner

from grounding.cli import app
from knowledge.kb import KnowledgeBase

runner = CliRunner()
TIMING = {"latency_ms_per_item", "items_per_second", "scored_this_run", "meta"}
ANSWERS = [
    {"id": "sydney", "answer": "The capital of Australia is Sydney."},
    {"id": "canberra", "answer": "Canberra is the capital of Australia.", "question": "What is the capital?"},
    {"id": "bern", "answer": "Bern is the capital of Switzerland. Switzerland borders France."},
    {"id": "given", "answer": "Paris is in Italy.", "evidence": ["Paris is the capital of France."]},
    {"id": "blank", "answer": "   "},
    {"id": "rome", "answer": "Rome is the capital of Italy."},
    {"id": "vienna", "answer": "The capital of Austria is Vienna. Austria borders Italy."},
]


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def ray_session():
    ray.init(num_cpus=2, include_dashboard=False, log_to_driver=False)
    yield
    ray.shutdown()


@pytest.fixture(scope="module")
def batch(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("batch")
    fixtures = {"docs": [kb_fixtures / "docs"], "graphs": [kb_fixtures / "graph.ttl"]}
    KnowledgeBase.build(root / "kb", **fixtures, ontology=kb_fixtures / "ontology.ttl")
    answers = root / "answers.jsonl"
    answers.write_text("".join(json.dumps(a) + "\n" for a in ANSWERS), encoding="utf-8")
    single = root / "single.jsonl"
    result = invoke("verify-batch", "--kb", root / "kb", "-i", answers, "-o", single, "--batch-size", "2", "--json")
    assert result.exit_code == 0, result.output
    return root, answers, single.read_text(encoding="utf-8")


def run_batch(root, answers, output, *flags):
    flags = ("--batch-size", "2", "--json", *flags)
    result = invoke("verify-batch", "--kb", root / "kb", "-i", answers, "-o", output, *flags)
    assert result.exit_code == 0, result.output
    return json.loads(result.stdout)


def test_single_process_output_is_one_line_per_answer_in_order(batch):
    _, _, single = batch
    records = [json.loads(line) for line in single.splitlines()]
    assert [r["id"] for r in records] == [a["id"] for a in ANSWERS]
    verdicts = {r["id"]: [c["verdict"] for c in r["report"]["claims"]] for r in records if "report" in r}
    assert verdicts["sydney"] == ["contradicted"] and verdicts["canberra"] == ["supported"]
    assert "empty" in next(r["error"] for r in records if r["id"] == "blank")
    assert all("timings_ms" not in r.get("report", {}) for r in records)


def test_ray_actors_write_the_single_process_output(ray_session, batch, tmp_path):
    root, answers, single = batch
    summary = run_batch(root, answers, tmp_path / "ray.jsonl", "--ray", "local", "--workers", "2")
    assert (summary["verified_now"], summary["errors"], summary["ray"]) == (7, 1, "local")
    assert (tmp_path / "ray.jsonl").read_text(encoding="utf-8") == single


def test_an_interrupted_job_resumes_after_its_last_whole_batch(ray_session, batch, tmp_path):
    root, answers, single = batch
    lines = single.splitlines(keepends=True)
    torn = tmp_path / "torn.jsonl"
    torn.write_text("".join(lines[:3]) + lines[3][:40], encoding="utf-8")  # batch 2 cut mid-line
    summary = run_batch(root, answers, torn, "--ray", "local")
    assert (summary["resumed_from"], summary["verified_now"]) == (2, 5)
    assert torn.read_text(encoding="utf-8") == single
    assert run_batch(root, answers, torn)["verified_now"] == 0


def test_output_of_other_inputs_is_refused(batch, tmp_path):
    root, answers, _ = batch
    other = tmp_path / "other.jsonl"
    other.write_text(json.dumps({"id": "x", "report": {}}) + "\n", encoding="utf-8")
    result = invoke("verify-batch", "--kb", root / "kb", "-i", answers, "-o", other)
    assert result.exit_code != 0 and "verdicts of other inputs" in result.output


def test_eval_on_ray_gives_the_same_metrics(ray_session, kb_fixtures, tmp_path):
    data = kb_fixtures.parent / "eval" / "generic.jsonl"
    figures = []
    for flags, out in (((), tmp_path / "plain"), (("--ray", "local", "--workers", "2"), tmp_path / "ray")):
        result = invoke("eval", "generic", "--data", data, "--dev-limit", "0", "--out", out, "--json", *flags)
        assert result.exit_code == 0, result.output
        metrics = json.loads((out / "metrics.json").read_text(encoding="utf-8"))
        figures.append({k: v for k, v in metrics.items() if k not in TIMING | {"workers"}})
    assert figures[0] == figures[1] and figures[0]["n"] > 0
