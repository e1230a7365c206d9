"""The README's Canberra examples on the demo KB's own inputs: the search finds who designed Canberra,
and the verify example has no false contradiction."""

from __future__ import annotations

import json

import pytest
from rdflib import RDF, RDFS, Graph, URIRef
from typer.testing import CliRunner

from grounding.cli import app
from knowledge import demo
from knowledge.kb import GraphInput, KnowledgeBase

runner = CliRunner()
NOTE = "groundqa-note-canberra-design"


def invoke(*args):
    return runner.invoke(app, [str(a) for a in args], catch_exceptions=False)


def australia_graph() -> Graph:
    """The demo countries graph around Australia and Canberra (their facts, and the label and class of
    every entity those facts name): the facts the examples touch, without linking 250 countries."""
    full = demo.countries_graph()
    focus = {demo.GQR.AUS, full.value(demo.GQR.AUS, demo.GQ.capital)}
    part = Graph()
    named = set(focus)
    for subject in focus:
        for _, p, o in full.triples((subject, None, None)):
            part.add((subject, p, o))
            if isinstance(o, URIRef):
                named.add(o)
    for entity in named - focus:
        for p in (RDF.type, RDFS.label):
            for o in full.objects(entity, p):
                part.add((entity, p, o))
    return part


@pytest.fixture(scope="module")
def demo_like_kb(tmp_path_factory):
    """The demo KB's ontology and notes, its graph around Australia, and the demo passages that name
    Canberra or Australia: every passage that competes for "Who designed Canberra?", without
    embedding all 826 passages and 700 entity labels (the full demo KB takes minutes to build)."""
    folder = tmp_path_factory.mktemp("griffin-demo")
    rows = [json.loads(line) for line in demo.demo_passages_path().read_text(encoding="utf-8").splitlines()]
    near = [r for r in rows if "Canberra" in r["text"] or "Australia" in r["text"]]
    assert len(near) > 20 and not any("Griffin" in r["text"] for r in near)
    passages = folder / "passages.jsonl"
    passages.write_text("".join(json.dumps(r) + "\n" for r in near), encoding="utf-8")
    countries = folder / "countries.ttl"
    australia_graph().serialize(destination=countries, format="turtle")
    graph = GraphInput(path=countries, source=demo.countries_source(), licence=demo.COUNTRIES_LICENCE)
    KnowledgeBase.build(
        folder / "kb", docs=[passages, demo.demo_notes_path()], graphs=[graph], ontology=demo.ontology_path()
    )
    return folder / "kb"


def test_search_puts_the_griffin_note_in_the_top_three(demo_like_kb):
    result = invoke("search", "Who designed Canberra?", "--kb", demo_like_kb, "-k", "5", "--json")
    assert result.exit_code == 0, result.output
    top = [item.get("doc_id") for item in json.loads(result.stdout)][:3]
    assert NOTE in top, top


def test_verify_example_does_not_contradict_the_true_claim(demo_like_kb):
    answer = "The capital of Australia is Sydney. Canberra was designed by Walter Burley Griffin."
    result = invoke("verify", "--answer", answer, "--kb", demo_like_kb, "--json")
    assert result.exit_code == 0, result.output
    claims = {c["claim"]["text"]: c["verdict"] for c in json.loads(result.stdout)["claims"]}
    griffin = [verdict for text, verdict in claims.items() if "Griffin" in text]
    sydney = [verdict for text, verdict in claims.items() if "Sydney" in text]
    assert griffin == ["supported"], claims  # the note entails it; at the least it must not be contradicted
    assert sydney == ["contradicted"], claims
