"""The command line against a real knowledge base; --json output parsed as a machine would."""

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from grounding.cli import app

runner = CliRunner()


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


@pytest.fixture(scope="module")
def built_kb(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("cli") / "kb"
    result = invoke(
        "kb", "build", root, "--docs", kb_fixtures / "docs", "--graph", kb_fixtures / "graph.ttl",
        "--ontology", kb_fixtures / "ontology.ttl", "--licence", "CC0-1.0", "--json",
    )
    assert result.exit_code == 0, result.output
    info = json.loads(result.stdout)
    assert info["documents"] == 3 and info["triples"] > 20
    return root


@pytest.fixture
def kb_dir(built_kb, tmp_path):
    copy = tmp_path / "kb"
    shutil.copytree(built_kb, copy)
    return copy


def test_search_json_is_a_list_of_evidence(kb_dir):
    result = invoke("search", "What is the capital of Austria?", "--kb", kb_dir, "-k", "3", "--json")
    assert result.exit_code == 0
    items = json.loads(result.stdout)
    assert len(items) == 3
    assert items[0]["kind"] == "fact" and items[0]["triple"]["object_label"] == "Vienna"
    assert {"id", "kind", "text", "score", "source", "licence"} <= set(items[0])


def test_search_table_for_people(kb_dir):
    result = invoke("search", "Mont Blanc height", "--kb", kb_dir)
    assert result.exit_code == 0 and "4,808" in result.stdout


def test_sparql_json_and_syntax_error(kb_dir):
    ok = invoke("sparql", "ASK { ?s <http://example.org/capital> ?o }", "--kb", kb_dir, "--json")
    assert ok.exit_code == 0 and json.loads(ok.stdout)["boolean"] is True
    bad = invoke("sparql", "SELECT ?x WHERE { ?x", "--kb", kb_dir)
    assert bad.exit_code == 2 and "error" in bad.stderr


def test_info_add_remove_round_trip(kb_dir, tmp_path):
    doc = tmp_path / "new.jsonl"
    doc.write_text(json.dumps({"id": "doc-42", "text": "Lake Geneva lies between Switzerland and France."}) + "\n")
    added = invoke("kb", "add", "--kb", kb_dir, "--docs", doc, "--json")
    assert added.exit_code == 0 and json.loads(added.stdout)["documents_added"] == 1
    removed = invoke("kb", "remove", "doc-42", "--kb", kb_dir, "--json")
    assert removed.exit_code == 0 and json.loads(removed.stdout)["documents_removed"] == 1
    info = json.loads(invoke("kb", "info", "--kb", kb_dir, "--json").stdout)
    assert info["documents"] == 3 and info["generation"] == 3


def test_malformed_graph_is_a_clear_error_and_the_kb_is_unchanged(kb_dir, kb_fixtures):
    before = json.loads(invoke("kb", "info", "--kb", kb_dir, "--json").stdout)
    result = invoke("kb", "add", "--kb", kb_dir, "--graph", kb_fixtures / "broken.ttl")
    assert result.exit_code == 2
    assert "broken.ttl" in result.stderr and "Traceback" not in result.stderr
    after = json.loads(invoke("kb", "info", "--kb", kb_dir, "--json").stdout)
    assert after["triples"] == before["triples"] and after["generation"] == before["generation"]


def test_non_utf8_document_is_named(kb_dir, kb_fixtures):
    result = invoke("kb", "add", "--kb", kb_dir, "--docs", kb_fixtures / "latin1.txt")
    assert result.exit_code == 2 and "latin1.txt" in result.stderr and "UTF-8" in result.stderr


def test_unknown_kb_path(tmp_path):
    result = invoke("kb", "info", "--kb", tmp_path / "missing", "--json")
    assert result.exit_code == 2 and "no knowledge base" in result.stderr


def test_help_does_not_import_torch():
    code = "import sys; from grounding.cli import app; assert 'torch' not in sys.modules, 'torch imported'"
    subprocess.run([sys.executable, "-c", code], check=True)


def test_ask_from_the_graph_json(kb_dir):
    result = invoke("ask", "What is the capital of Austria?", "--kb", kb_dir, "--answerer", "graph", "--json")
    assert result.exit_code == 0, result.output
    answer = json.loads(result.stdout)
    assert answer["answerer"] == "graph" and "Vienna" in answer["answer"]
    assert answer["report"]["grounded"] is True


def test_ask_refuses_an_empty_question_and_a_bad_backend(kb_dir):
    assert invoke("ask", "  ", "--kb", kb_dir).exit_code == 2
    bad = invoke("ask", "What is the capital of Austria?", "--kb", kb_dir, "--llm", "nonsense:thing")
    assert bad.exit_code == 2 and "nonsense" in bad.stderr


def test_eval_detection_writes_metrics_predictions_and_report(tmp_path, kb_fixtures):
    data = kb_fixtures.parent / "eval" / "generic.jsonl"
    out = tmp_path / "run"
    result = invoke("eval", "generic", "--data", data, "--dev-limit", "0", "--out", out, "--json")
    assert result.exit_code == 0, result.output
    metrics = json.loads(result.stdout)
    assert metrics["n"] > 0 and 0.0 <= metrics["balanced_accuracy"] <= 1.0 and "answer_length" in metrics["baselines"]
    assert (out / "metrics.json").exists() and (out / "predictions.jsonl").exists() and (out / "report.md").exists()
    assert invoke("eval", "generic", "--data", tmp_path / "missing.jsonl").exit_code == 2
