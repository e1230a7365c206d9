"""The write path from the command line: clean errors, empty graphs refused, `kb list`, `kb remove`
messages, readable CSV facts, capped pathological documents and no third-party parser noise."""

import json
import shutil
import subprocess
import sys

import pytest
from typer.testing import CliRunner

from grounding.cli import app
from knowledge.graph import KnowledgeGraph
from knowledge.kb import KnowledgeBase

runner = CliRunner()


def invoke(*args, env=None):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False, env=env)


def generation(root) -> int:
    return KnowledgeBase.open(root).manifest.generation


@pytest.fixture(scope="module")
def built(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("write") / "kb"
    result = invoke(
        "kb", "build", root, "--docs", kb_fixtures / "docs" / "canberra.md", "--graph", kb_fixtures / "graph.ttl",
        env={"GROUNDQA_MAX_DOCUMENT_CHARS": "5000"},
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    return root


@pytest.fixture
def kb_dir(built, tmp_path):
    copy = tmp_path / "kb"
    shutil.copytree(built, copy)
    return copy


def test_build_onto_a_file_a_kb_or_a_full_folder_is_one_clean_line(kb_dir, tmp_path, kb_fixtures):
    target = tmp_path / "taken.txt"
    target.write_text("mine", encoding="utf-8")
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.md").write_text("# A\nmine", encoding="utf-8")
    for path, words in [(target, "is a file"), (kb_dir, "already exists"), (folder, "not empty")]:
        result = invoke("kb", "build", path, "--docs", kb_fixtures / "docs" / "alps.txt")
        assert result.exit_code == 2 and words in result.stderr, result.output
        assert "Traceback" not in result.output and len(result.stderr.strip().splitlines()) <= 2
    assert target.read_text(encoding="utf-8") == "mine" and sorted(p.name for p in folder.iterdir()) == ["a.md"]


@pytest.mark.parametrize("name", ["empty.ttl", "prefixes.ttl", "empty.csv", "header.csv"])
def test_empty_graph_files_are_refused_like_empty_documents(kb_dir, tmp_path, name):
    text = {"prefixes.ttl": "@prefix ex: <http://example.org/> .\n", "header.csv": "subject,predicate,object\n"}
    path = tmp_path / name
    path.write_text(text.get(name, ""), encoding="utf-8")
    before = generation(kb_dir)
    result = invoke("kb", "add", "--kb", kb_dir, "--graph", path)
    assert result.exit_code == 2 and "no triples" in result.stderr and name in result.stderr
    assert generation(kb_dir) == before


def test_kb_list_shows_what_remove_takes(kb_dir, kb_fixtures):
    listed = invoke("kb", "list", "--kb", kb_dir, "--json")
    assert listed.exit_code == 0, listed.output
    contents = json.loads(listed.stdout)
    [doc] = contents["documents"]
    assert set(doc) == {"id", "title", "source", "chunks"} and doc["chunks"] >= 1 and doc["title"]
    [source] = contents["graph_sources"]
    assert source["iri"] == (kb_fixtures / "graph.ttl").resolve().as_uri() and source["triples"] > 10
    table = invoke("kb", "list", "--kb", kb_dir)
    assert table.exit_code == 0 and doc["id"] in table.stdout and "Graph sources (1)" in table.stdout
    removed = invoke("kb", "remove", "--kb", kb_dir, doc["id"], source["iri"], "--json")
    assert removed.exit_code == 0
    assert json.loads(invoke("kb", "list", "--kb", kb_dir, "--json").stdout) == {"documents": [], "graph_sources": []}


def test_remove_says_what_was_not_found(kb_dir):
    before = generation(kb_dir)
    result = invoke("kb", "remove", "--kb", kb_dir, "nonexistent-id")
    assert result.exit_code == 2 and "no document with id 'nonexistent-id'" in result.stderr
    assert "gen-" not in result.stderr and "kb list" in result.stderr
    iri = invoke("kb", "remove", "--kb", kb_dir, "file:///nowhere/more.csv")
    assert "no graph source 'file:///nowhere/more.csv'" in iri.stderr and "document id" not in iri.stderr
    assert generation(kb_dir) == before


def test_csv_predicates_read_as_sentences(tmp_path):
    path = tmp_path / "rivers.csv"
    path.write_text("Quenville River,flows through,Quenville\nQuenville,lies between,Arnor\n", encoding="utf-8")
    graph = KnowledgeGraph()
    graph.load_file(path)
    sentences = {graph.verbalize(fact) for fact in graph.facts()}
    assert {"Quenville River flows through Quenville.", "Quenville lies between Arnor."} <= sentences


def test_a_pathological_document_is_cut_with_a_warning(kb_dir, tmp_path):
    path = tmp_path / "one-line.txt"
    path.write_text("word " * 4_000, encoding="utf-8")  # 20,000 characters on one line, over the cap of 5,000
    result = invoke("kb", "add", "--kb", kb_dir, "--docs", path, "--json")
    assert result.exit_code == 0, result.output
    summary = json.loads(result.stdout)
    assert summary["warnings"] and "cut to the first 5,000" in summary["warnings"][0]
    assert "warning:" in result.stderr and "GROUNDQA_MAX_DOCUMENT_CHARS" in result.stderr
    [doc] = [d for d in KnowledgeBase.open(kb_dir).store.documents() if d.source.endswith("one-line.txt")]
    assert doc.characters == 5_000 and doc.metadata["cut_at"] == 5_000


def test_a_garbage_pdf_gives_only_the_clean_error(kb_dir, tmp_path):
    path = tmp_path / "garbage.pdf"
    path.write_bytes(
        b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ngarbage\nstartxref\n99999\n%%EOF\n"
    )
    # A real process: pytest's log capture would hide pypdf's log lines from an in-process runner.
    result = subprocess.run(
        [sys.executable, "-m", "grounding.cli", "kb", "add", "--kb", str(kb_dir), "--docs", str(path)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 2
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert lines[0].startswith("error:") and "broken or unreadable PDF" in result.stderr
    assert "startxref pointer" not in result.stderr and "Searching object" not in result.stderr


COMMANDS = [
    [], ["search"], ["sparql"], ["verify"], ["ask"], ["ui"], ["serve"], ["demo"], ["eval"], ["train-verifier"],
    ["kb"], ["kb", "build"], ["kb", "add"], ["kb", "list"], ["kb", "remove"], ["kb", "info"], ["kb", "demo"],
]  # fmt: skip


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: " ".join(c) or "groundqa")
def test_help_reads_cleanly(command):
    result = runner.invoke(app, [*command, "--help"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    usage = result.stdout.strip().splitlines()[0]
    if command != ["train-verifier"]:  # argparse's own help, where {a,b} lists choices
        assert "{" not in usage, usage
    for noise in ("<list[", "<bool>"):
        assert noise not in result.stdout, (noise, result.stdout)
