"""The knowledge base end to end: real MiniLM, real FAISS, real rdflib, real SQLite."""

import shutil

import pytest

from knowledge.errors import DocumentError, GraphParseError, InputError, KnowledgeBaseError, QueryError
from knowledge.kb import KnowledgeBase
from knowledge.retriever import HybridRetriever, RetrievalOptions


@pytest.fixture(scope="module")
def built(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("kb") / "kb"
    KnowledgeBase.build(
        root,
        docs=[kb_fixtures / "docs"],
        graphs=[kb_fixtures / "graph.ttl"],
        ontology=kb_fixtures / "ontology.ttl",
        licence="CC0-1.0",
    )
    return root


@pytest.fixture
def kb(built, tmp_path):
    """A private copy per test, so writes in one test never leak into another."""
    copy = tmp_path / "kb"
    shutil.copytree(built, copy)
    return KnowledgeBase.open(copy)


def test_build_counts_and_provenance(kb):
    info = kb.info()
    assert info.documents == 3 and info.chunks >= 3 and info.vectors == info.chunks
    assert info.triples > 20 and info.functional_properties == 2
    assert info.generation == 1 and len(info.graph_sources) == 1


def test_text_question_finds_the_passage_with_offsets(kb):
    evidence = kb.search("Who designed the city of Canberra?", RetrievalOptions(k=5))
    passages = [e for e in evidence if e.kind == "passage"]
    assert passages and "Griffin" in passages[0].text
    top = passages[0]
    document = kb.store.document(top.doc_id)
    assert document.text[top.start : top.end] == top.text
    assert top.source.endswith("canberra.md") and top.licence == "CC0-1.0"


def test_graph_question_puts_the_deciding_fact_first(kb):
    evidence = kb.search("What is the capital of Switzerland?", RetrievalOptions(k=5))
    facts = [e for e in evidence if e.kind == "fact"]
    assert facts[0].triple.predicate_label == "capital"
    assert facts[0].triple.object_label == "Bern"
    assert facts[0].text == "The capital of Switzerland is Bern."
    assert facts[0].id.startswith("fact:") and facts[0].licence == "CC0-1.0"
    assert facts[0].source.startswith("file://")


def test_alias_in_question_links_the_entity(kb):
    evidence = kb.search("Which countries share a border with the Swiss Confederation?", RetrievalOptions(k=6))
    objects = {e.triple.object_label for e in evidence if e.kind == "fact" and e.triple.predicate_label == "borders"}
    assert {"France", "Italy", "Austria"} <= objects


def test_fusion_ranks_agreement_first(kb):
    evidence = kb.search("Canberra capital of Australia", RetrievalOptions(k=8))
    top = evidence[0]
    assert top.text == "The capital of Australia is Canberra."
    assert {"dense", "graph"} <= set(top.scores)  # signals kept for explanation
    passages = [e for e in evidence if e.kind == "passage"]
    assert passages[0].source.endswith("canberra.md")
    assert evidence.index(passages[0]) < 5


def test_entities_of_top_passages_seed_the_graph(kb):
    """No entity in the question; the Alps passage names Switzerland, whose capital fact follows."""
    evidence = kb.search("capital of the country where Mont Blanc stands", RetrievalOptions(k=8))
    assert any(e.kind == "fact" and e.triple.predicate_label == "capital" for e in evidence)


def test_weights_can_switch_a_source_off(kb):
    only_text = kb.search("capital of Australia", RetrievalOptions(k=5, fact_weight=0.0))
    assert only_text and all(e.kind == "passage" for e in only_text)
    only_graph = kb.search("capital of Australia", RetrievalOptions(k=5, passage_weight=0.0, mention_weight=0.0))
    assert only_graph and all(e.kind == "fact" for e in only_graph)


def test_two_hop_path_between_linked_entities(kb):
    evidence = kb.search("How is Sydney related to Canberra?", RetrievalOptions(k=8))
    texts = {e.text for e in evidence if e.kind == "fact"}
    assert "Sydney is located in Australia." in texts and "The capital of Australia is Canberra." in texts


def test_langchain_retriever_interface(kb):
    documents = HybridRetriever(kb=kb, options=RetrievalOptions(k=3)).invoke("capital of France")
    assert len(documents) == 3
    assert {"id", "kind", "score", "source"} <= set(documents[0].metadata)


def test_add_and_remove_documents_without_rebuild(kb, kb_fixtures, tmp_path):
    note = tmp_path / "tea.txt"
    note.write_text("Matcha is a finely ground powder of green tea leaves from Japan.")
    summary = kb.add(docs=[note], licence="CC-BY-4.0")
    assert summary.documents_added == 1 and kb.info().generation == 2
    hit = kb.search("powdered green tea", RetrievalOptions(k=1, fact_weight=0))[0]
    assert "Matcha" in hit.text and hit.licence == "CC-BY-4.0"
    kb.remove([hit.doc_id])
    assert all("Matcha" not in e.text for e in kb.search("powdered green tea", RetrievalOptions(k=5)))
    again = KnowledgeBase.open(kb.root)
    assert again.info().documents == 3 and again.info().generation == 3


def test_add_and_remove_a_graph_source(kb, kb_fixtures):
    kb.add(graphs=[kb_fixtures / "extra.ttl"])
    assert kb.search("capital of Japan", RetrievalOptions(k=3))[0].text == "The capital of Japan is Tokyo."
    source = (kb_fixtures / "extra.ttl").resolve().as_uri()
    kb.remove([source])
    assert all("Tokyo" not in e.text for e in kb.search("capital of Japan", RetrievalOptions(k=5)))


def test_sparql_over_the_kb(kb):
    result = kb.sparql(
        "SELECT ?o WHERE { ?c <http://www.w3.org/2000/01/rdf-schema#label> 'Italy' ; <http://example.org/capital> ?x ."
        " ?x <http://www.w3.org/2000/01/rdf-schema#label> ?o }"
    )
    assert [row["o"] for row in result.rows] == ["Rome"]
    with pytest.raises(QueryError):
        kb.sparql("DELETE WHERE { ?s ?p ?o }")


@pytest.mark.parametrize(
    ("kwargs", "error", "name"),
    [
        ({"graphs": ["broken.ttl"]}, GraphParseError, "broken.ttl"),
        ({"docs": ["latin1.txt"]}, DocumentError, "latin1.txt"),
        ({"docs": ["empty.txt"]}, DocumentError, "empty.txt"),
        ({"docs": ["docs/nowhere.txt"]}, DocumentError, "nowhere.txt"),
    ],
)
def test_bad_input_names_the_file_and_changes_nothing(kb, kb_fixtures, kwargs, error, name):
    before = kb.info()
    resolved = {key: [kb_fixtures / p for p in value] for key, value in kwargs.items()}
    with pytest.raises(error, match=name):
        kb.add(**resolved)
    after = KnowledgeBase.open(kb.root).info()
    assert after.model_dump(exclude={"updated"}) == before.model_dump(exclude={"updated"})


def test_crash_in_the_middle_of_a_write_leaves_the_old_kb(kb, tmp_path, monkeypatch):
    import knowledge.kb as kb_module

    before = kb.info()
    note = tmp_path / "note.txt"
    note.write_text("Tea is an aromatic beverage.")

    def crash(*args, **kwargs):
        raise KeyboardInterrupt("power cut while writing the graph")

    monkeypatch.setattr(kb_module.KnowledgeGraph, "save", crash)
    with pytest.raises(KeyboardInterrupt):
        kb.add(docs=[note])
    monkeypatch.undo()
    reopened = KnowledgeBase.open(kb.root)
    assert reopened.info().documents == before.documents and reopened.info().generation == before.generation
    assert sorted(p.name for p in kb.root.glob("gen-*")) == ["gen-00000001"]
    assert reopened.add(docs=[note]).documents_added == 1


def test_unknown_kb_and_refusal_to_overwrite(tmp_path, built):
    with pytest.raises(KnowledgeBaseError, match="no knowledge base"):
        KnowledgeBase.open(tmp_path / "nothing-here")
    with pytest.raises(KnowledgeBaseError, match="already exists"):
        KnowledgeBase.build(built)


def test_unknown_document_id_is_refused(kb):
    with pytest.raises(InputError, match="no document with id 'no-such-doc'"):
        kb.remove(["no-such-doc"])
    assert kb.info().generation == 1


def test_auto_index_moves_to_hnsw_when_the_kb_outgrows_exact_search(kb, tmp_path, monkeypatch):
    import knowledge.vector_index as vector_index

    monkeypatch.setattr(vector_index, "AUTO_HNSW_FROM", kb.info().vectors + 1)
    note = tmp_path / "tea.txt"
    note.write_text("Matcha is a finely ground powder of green tea leaves.")
    kb.add(docs=[note])
    assert kb.info().index_kind == "hnsw" and kb.info().vectors == kb.info().chunks
    hit = kb.search("Who designed Canberra?", RetrievalOptions(k=1, fact_weight=0))[0]
    assert "Griffin" in hit.text
