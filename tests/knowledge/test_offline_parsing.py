"""Parsing a user's file never fetches anything: a recording HTTP listener on a loopback port
proves that no request arrives, through the library, the CLI and the page's upload code."""

import json
import shutil
import urllib.request
from dataclasses import dataclass

import pytest
from typer.testing import CliRunner

from grounding.cli import app
from knowledge.errors import InputError
from knowledge.graph import KnowledgeGraph
from knowledge.kb import KnowledgeBase
from knowledge.offline import NetworkRefused, no_network
from ui.uploads import ingest


@dataclass
class Upload:
    name: str
    data: bytes

    def getvalue(self) -> bytes:
        return self.data


def remote_context(url: str) -> str:
    return json.dumps({"@context": f"{url}/context.jsonld", "@id": "urn:x:alice", "name": "Alice"})


def xxe(url: str) -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF [<!ENTITY secret SYSTEM "{url}/xxe">]>
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:note>&secret;</ex:note></rdf:Description>
</rdf:RDF>
"""


def dtd(url: str) -> str:
    return f"""<?xml version="1.0"?>
<!DOCTYPE rdf:RDF SYSTEM "{url}/dtd">
<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns:ex="http://example.org/">
  <rdf:Description rdf:about="http://example.org/a"><ex:note>x</ex:note></rdf:Description>
</rdf:RDF>
"""


def imports(url: str) -> str:
    return (
        f"<http://example.org/onto> a <http://www.w3.org/2002/07/owl#Ontology> ; "
        f"<http://www.w3.org/2002/07/owl#imports> <{url}/imported.ttl> .\n"
    )


@pytest.fixture(scope="module")
def small_kb(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("offline") / "kb"
    KnowledgeBase.build(root, docs=[kb_fixtures / "docs" / "canberra.md"])
    return root


@pytest.fixture
def kb_dir(small_kb, tmp_path):
    copy = tmp_path / "kb"
    shutil.copytree(small_kb, copy)
    return copy


def test_the_guard_refuses_any_url_in_its_thread(listener):
    url, hits = listener
    with pytest.raises(NetworkRefused, match="not fetched"), no_network("test"):
        urllib.request.urlopen(url + "/direct", timeout=5)
    assert urllib.request.urlopen(url + "/outside", timeout=5).status == 200  # only inside the block
    assert hits == ["/outside"]


def test_remote_jsonld_context_is_refused_with_advice(listener, tmp_path):
    url, hits = listener
    path = tmp_path / "ctx.jsonld"
    path.write_text(remote_context(url), encoding="utf-8")
    with pytest.raises(NetworkRefused, match=r"remote JSON-LD context .* not fetched; inline"):
        KnowledgeGraph().load_file(path)
    nested = tmp_path / "nested.jsonld"
    nested.write_text(json.dumps({"@context": [{"@import": url + "/i.jsonld"}], "@id": "urn:x:a"}), encoding="utf-8")
    with pytest.raises(NetworkRefused):
        KnowledgeGraph().load_file(nested)
    assert hits == []


def test_xml_external_entities_and_dtds_are_not_fetched(listener, tmp_path):
    url, hits = listener
    for name, text in [("xxe.rdf", xxe(url)), ("dtd.rdf", dtd(url))]:
        path = tmp_path / name
        path.write_text(text, encoding="utf-8")
        try:
            KnowledgeGraph().load_file(path)
        except InputError as exc:
            assert str(path) in str(exc)
    assert hits == []


def test_owl_imports_is_a_fact_not_a_fetch(listener, tmp_path):
    url, hits = listener
    path = tmp_path / "onto.ttl"
    path.write_text(imports(url), encoding="utf-8")
    assert KnowledgeGraph().load_file(path) == 2
    assert hits == []


def test_the_cli_refuses_a_remote_context_and_adds_nothing(listener, kb_dir, tmp_path):
    url, hits = listener
    path = tmp_path / "ctx.jsonld"
    path.write_text(remote_context(url), encoding="utf-8")
    generation = KnowledgeBase.open(kb_dir).manifest.generation
    result = CliRunner().invoke(app, ["kb", "add", "--kb", str(kb_dir), "--graph", str(path)])
    assert result.exit_code == 2 and "not fetched; inline the context" in result.stderr
    assert "Traceback" not in result.output
    assert KnowledgeBase.open(kb_dir).manifest.generation == generation
    assert hits == []


def test_page_uploads_fetch_nothing(listener, kb_dir):
    url, hits = listener
    kb = KnowledgeBase.open(kb_dir)
    with pytest.raises(InputError, match="not fetched"):
        ingest(kb, graphs=[Upload("ctx.jsonld", remote_context(url).encode())])
    for name, text in [("xxe.rdf", xxe(url)), ("dtd.rdf", dtd(url)), ("onto.ttl", imports(url))]:
        try:
            ingest(kb, graphs=[Upload(name, text.encode())])
        except InputError:
            pass
    html = (
        f'<html><head><link rel="stylesheet" href="{url}/s.css"></head><body><p>Hi there.</p>'
        f'<img src="{url}/i.png"></body></html>'
    )
    ingest(kb, documents=[Upload("page.html", html.encode())])
    assert hits == []
