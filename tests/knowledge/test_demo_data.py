"""The demo knowledge base: countries graph, ontology and vendored passages."""

from __future__ import annotations

import importlib.util
import json
import re
import sys
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from rdflib import OWL, RDF, RDFS, SKOS, Graph, Literal, URIRef
from rdflib import namespace as ns
from rdflib.compare import isomorphic

from knowledge import demo
from knowledge.demo import GQ, GQR
from knowledge.errors import DocumentError, GraphParseError

REPO = Path(__file__).resolve().parents[2]

# The entity each demo question hinges on; the passages must mention it so that text retrieval has
# something to find, even for the graph-only questions.
QUESTION_ENTITIES = {
    "What is the capital of Australia?": "Australia",
    "Which countries border Switzerland?": "Switzerland",
    "What is the population of Iceland?": "Iceland",
    "Which national research university is located in Canberra?": "Australian National University",
    "In which city is the Bern Minster?": "Bern Minster",
    "Which city is the westernmost city in the Old World?": "westernmost city in the Old World",
    "Carleton University is in the capital of which country, and what currency does that country use?": (
        "Carleton University"
    ),
    "The Bern Minster is in the capital of which country, and what are its official languages?": ("Bern Minster"),
}


@pytest.fixture(scope="module")
def graph() -> Graph:
    return demo.countries_graph()


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return demo.ontology_graph()


@pytest.fixture(scope="module")
def passages() -> list[dict]:
    lines = demo.demo_passages_path().read_text(encoding="utf-8").splitlines()
    return [json.loads(line) for line in lines]


def _label(graph: Graph, node: URIRef) -> str:
    return str(graph.value(node, RDFS.label))


# Countries graph


def test_about_250_countries(graph: Graph) -> None:
    countries = set(graph.subjects(RDF.type, GQ.Country))
    assert 240 <= len(countries) <= 260
    assert all(str(c).startswith(str(GQR)) and re.fullmatch(r"[A-Z]{3}", str(c)[len(GQR) :]) for c in countries)


def test_france_capital_is_paris(graph: Graph) -> None:
    capital = graph.value(GQR.FRA, GQ.capital)
    assert capital == GQR["city/Paris"]
    assert _label(graph, capital) == "Paris"
    assert (capital, RDF.type, GQ.City) in graph
    assert _label(graph, GQR.FRA) == "France"


def test_demo_graph_facts(graph: Graph) -> None:
    assert _label(graph, graph.value(GQR.AUS, GQ.capital)) == "Canberra"
    neighbours = {_label(graph, n) for n in graph.objects(GQR.CHE, GQ.borders)}
    assert neighbours == {"Austria", "France", "Germany", "Italy", "Liechtenstein"}
    assert graph.value(GQR.ISL, GQ.population).toPython() > 0
    languages = {_label(graph, lang) for lang in graph.objects(GQR.CHE, GQ.language)}
    assert {"German", "French", "Italian"} <= languages
    assert _label(graph, graph.value(GQR.CAN, GQ.capital)) == "Ottawa"
    assert {_label(graph, c) for c in graph.objects(GQR.CAN, GQ.currency)} == {"Canadian dollar"}


def test_literal_datatypes(graph: Graph) -> None:
    populations = list(graph.objects(None, GQ.population))
    areas = list(graph.objects(None, GQ.area))
    assert len(populations) > 200 and len(areas) > 200
    assert all(
        isinstance(p, Literal) and p.datatype == ns.XSD.integer and isinstance(p.toPython(), int) for p in populations
    )
    assert all(isinstance(a, Literal) and a.datatype == ns.XSD.decimal for a in areas)
    assert graph.value(GQR.FRA, GQ.population) == Literal(66078000, datatype=ns.XSD.integer)


def test_every_entity_has_a_label(graph: Graph) -> None:
    entities = {s for s in graph.subjects() if isinstance(s, URIRef)}
    entities |= {o for o in graph.objects() if isinstance(o, URIRef) and str(o).startswith(str(GQR))}
    assert len(entities) > 700
    unlabelled = [e for e in entities if graph.value(e, RDFS.label) is None]
    assert not unlabelled
    assert all(len(list(graph.objects(e, RDFS.label))) == 1 for e in entities)
    assert all(graph.value(e, RDF.type) is not None for e in entities)


def test_alt_labels(graph: Graph) -> None:
    france = {str(a) for a in graph.objects(GQR.FRA, SKOS.altLabel)}
    assert {"French Republic", "République française"} <= france
    assert "FR" not in france and "FRA" not in france and "France" not in france
    with_alt = {s for s in graph.subjects(SKOS.altLabel, None) if (s, RDF.type, GQ.Country) in graph}
    assert len(with_alt) > 200
    assert {"Vatican City", "Holy See"} & {str(a) for a in graph.objects(GQR.VAT, SKOS.altLabel)}


def test_misleading_aliases_left_out(graph: Graph) -> None:
    aliases = {code: {str(a) for a in graph.objects(GQR[code], SKOS.altLabel)} for code in ("ISL", "THA", "CHE")}
    assert "Island" not in aliases["ISL"] and "Ísland" in aliases["ISL"]
    assert "Thai" not in aliases["THA"]
    assert {"Suisse", "Svizzera"} <= aliases["CHE"] and not any("/" in a for a in aliases["CHE"])


def test_iso_codes_kept_as_literals(graph: Graph) -> None:
    assert graph.value(GQR.FRA, GQ.isoAlpha2) == Literal("FR")
    assert graph.value(GQR.FRA, GQ.isoAlpha3) == Literal("FRA")
    for country in graph.subjects(RDF.type, GQ.Country):
        assert str(graph.value(country, GQ.isoAlpha3)) == str(country)[len(GQR) :]


def test_duplicate_codes_resolved(graph: Graph) -> None:
    assert _label(graph, GQR.GBR) == "United Kingdom"
    assert _label(graph, GQR.MMR) == "Myanmar"
    jamaica, norfolk = graph.value(GQR.JAM, GQ.capital), graph.value(GQR.NFK, GQ.capital)
    assert jamaica != norfolk and _label(graph, jamaica) == _label(graph, norfolk) == "Kingston"
    assert graph.value(GQR.SRB, GQ.capital) == graph.value(GQR.SCG, GQ.capital)


def test_borders_point_at_countries(graph: Graph) -> None:
    for country, neighbour in graph.subject_objects(GQ.borders):
        assert (neighbour, RDF.type, GQ.Country) in graph
        assert country != neighbour


def test_functional_properties_hold(graph: Graph, ontology: Graph) -> None:
    functional = set(ontology.subjects(RDF.type, OWL.FunctionalProperty))
    assert GQ.capital in functional
    for prop in functional:
        counts = Counter(s for s, _ in graph.subject_objects(prop))
        assert not [s for s, n in counts.items() if n > 1], prop


def test_deterministic(graph: Graph) -> None:
    again = demo.countries_graph()
    assert set(again) == set(graph)
    assert isomorphic(again, graph)
    assert sorted(again.serialize(format="nt").splitlines()) == sorted(graph.serialize(format="nt").splitlines())


def test_countries_source_names_package_version() -> None:
    source = demo.countries_source()
    assert re.fullmatch(r"http://groundqa\.org/source/countryinfo/\d+\.\d+.*", source)
    assert demo.COUNTRIES_LICENCE.startswith("MIT")


# Ontology


def test_ontology_declares_every_property_used(graph: Graph, ontology: Graph) -> None:
    used = {p for p in graph.predicates() if str(p).startswith(str(GQ))}
    assert {GQ.capital, GQ.borders, GQ.population, GQ.language, GQ.currency} <= used
    for prop in used:
        assert ontology.value(prop, RDFS.label) is not None, prop
        template = ontology.value(prop, GQ.template)
        assert template is not None and "{s}" in template and "{o}" in template, prop
        assert ontology.value(prop, RDFS.domain) is not None and ontology.value(prop, RDFS.range) is not None


def test_ontology_ranges_match_data(graph: Graph, ontology: Graph) -> None:
    for prop in {p for p in graph.predicates() if str(p).startswith(str(GQ))}:
        declared = ontology.value(prop, RDFS.range)
        for value in graph.objects(None, prop):
            if isinstance(value, Literal):
                assert (prop, RDF.type, OWL.DatatypeProperty) in ontology
                assert (value.datatype or ns.XSD.string) == declared, (prop, value)
            else:
                assert (prop, RDF.type, OWL.ObjectProperty) in ontology
                assert (value, RDF.type, declared) in graph, (prop, value)


def test_ontology_classes_and_annotation(graph: Graph, ontology: Graph) -> None:
    assert (GQ.template, RDF.type, OWL.AnnotationProperty) in ontology
    for cls in set(graph.objects(None, RDF.type)):
        assert (cls, RDF.type, OWL.Class) in ontology and ontology.value(cls, RDFS.label) is not None
    synonyms = {str(a) for a in ontology.objects(GQ.capital, SKOS.altLabel)}
    assert "capital city" in synonyms
    assert "number of inhabitants" in {str(a) for a in ontology.objects(GQ.population, SKOS.altLabel)}
    assert "shares a border with" in {str(a) for a in ontology.objects(GQ.borders, SKOS.altLabel)}


def test_bad_ontology_raises_graph_parse_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text("@prefix gq: <http://groundqa.org/ontology#> .\ngq:capital gq:template .\n")
    monkeypatch.setattr(demo, "ontology_path", lambda: broken)
    with pytest.raises(GraphParseError, match="broken.ttl"):
        demo.ontology_graph()


# Passages


def test_passages_file_is_small() -> None:
    assert demo.demo_passages_path().stat().st_size < 1_500_000


def test_passages_well_formed(passages: list[dict]) -> None:
    assert 800 <= len(passages) <= 1500
    ids = [p["id"] for p in passages]
    assert len(set(ids)) == len(ids)
    assert len({p["text"] for p in passages}) == len(passages)
    for passage in passages:
        assert set(passage) == {"id", "title", "text", "source", "licence"}
        assert re.fullmatch(r"halueval-qa-\d+-\d+", passage["id"])
        assert passage["text"].strip() and passage["title"].strip()
        assert passage["licence"] == "CC BY-SA 4.0"
        assert passage["source"] == "HaluEval qa_data.json (HotpotQA / Wikipedia)"


def test_passages_mention_demo_entities(passages: list[dict]) -> None:
    assert set(QUESTION_ENTITIES) == set(demo.DEMO_QUESTIONS)
    texts = [p["text"] for p in passages]
    for question, entity in QUESTION_ENTITIES.items():
        assert any(entity in text for text in texts), question


def test_passages_are_about_countries(graph: Graph, passages: list[dict]) -> None:
    names = {
        str(name)
        for country in graph.subjects(RDF.type, GQ.Country)
        for prop in (RDFS.label, SKOS.altLabel)
        for name in graph.objects(country, prop)
    }
    names |= {_label(graph, c) for c in graph.objects(None, GQ.capital)}
    pattern = re.compile("|".join(re.escape(n) for n in sorted(names, key=len, reverse=True)))
    assert all(pattern.search(p["text"]) for p in passages)


def test_demo_documents(passages: list[dict]) -> None:
    documents = demo.demo_documents()
    notes = demo.demo_notes_path().read_text(encoding="utf-8").splitlines()
    assert len(documents) == len(passages) + len(notes) and notes
    assert documents[0].id == passages[0]["id"] and documents[0].licence == "CC BY-SA 4.0"
    assert {d.licence for d in documents[len(passages) :]} == {"CC0 1.0"}


def test_notes_are_groundqa_own_and_say_who_designed_canberra() -> None:
    notes = [json.loads(line) for line in demo.demo_notes_path().read_text(encoding="utf-8").splitlines()]
    assert all(set(n) == {"id", "title", "text", "source", "licence"} for n in notes)
    assert all(n["id"].startswith("groundqa-note-") and n["licence"] == "CC0 1.0" for n in notes)
    assert all(n["source"] == "groundqa demo notes (written for groundqa)" for n in notes)
    assert any("designed by Walter Burley Griffin" in n["text"] for n in notes)


def test_malformed_passage_names_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    bad = tmp_path / "passages.jsonl"
    bad.write_text('{"id": "a", "text": "x", "source": "s", "licence": "l"}\n{"id": "b"\n', encoding="utf-8")
    monkeypatch.setattr(demo, "demo_passages_path", lambda: bad)
    with pytest.raises(DocumentError, match=r"passages\.jsonl:2"):
        demo.demo_documents()


def test_licence_files_present() -> None:
    folder = demo.demo_data_dir()
    for name in ("PROVENANCE.md", "LICENSE-passages.txt", "LICENSE-HaluEval.txt", "LICENSE-countryinfo.txt"):
        assert (folder / name).stat().st_size > 200, name
    assert "CC BY-SA 4.0" in (folder / "LICENSE-passages.txt").read_text(encoding="utf-8")
    assert "MIT License" in (folder / "LICENSE-countryinfo.txt").read_text(encoding="utf-8")


# The vendoring script's paragraph splitter


def _vendor_module():
    spec = importlib.util.spec_from_file_location("vendor_demo_passages", REPO / "scripts" / "vendor_demo_passages.py")
    assert spec and spec.loader
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module
    spec.loader.exec_module(module)
    return module


VENDOR = _vendor_module()

_word = st.from_regex(r"[a-z]{1,8}", fullmatch=True)
_sentence = st.lists(_word, min_size=2, max_size=7).map(lambda words: " ".join(words).capitalize() + ".")
_paragraph = st.lists(_sentence, min_size=1, max_size=3).map(" ".join)


@given(st.lists(_paragraph, min_size=1, max_size=5))
def test_split_recovers_glued_paragraphs(paragraphs: list[str]) -> None:
    assert VENDOR.split_paragraphs("".join(paragraphs)) == paragraphs


def test_split_keeps_initialisms_and_handles_examples() -> None:
    glued = "It was made in the U.S.A. by them.First for Women is a magazine.Öresund is a strait."
    assert VENDOR.split_paragraphs(glued) == [
        "It was made in the U.S.A. by them.",
        "First for Women is a magazine.",
        "Öresund is a strait.",
    ]
    assert VENDOR.title_of("The Bern Minster (German: x) is a cathedral.") == "The Bern Minster"


def test_ontology_gives_inverse_phrasings_for_questions_about_the_subject():
    from knowledge.demo import GQ, ontology_graph

    graph = ontology_graph()
    for name in ("capital", "region", "subregion", "language", "currency"):
        phrasings = {str(o) for o in graph.objects(GQ[name], GQ.inverseLabel)}
        assert phrasings, f"gq:{name} has no gq:inverseLabel"
    assert "countries in" in {str(o) for o in graph.objects(GQ.subregion, GQ.inverseLabel)}
