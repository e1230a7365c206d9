"""KnowledgeGraph on real rdflib graphs loaded from the fixture files in every supported format."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from rdflib import Literal, URIRef
from rdflib import namespace as rdfns
from rdflib.namespace import RDF, RDFS

from knowledge.errors import GraphParseError, InputError, KnowledgeBaseError, QueryError
from knowledge.graph import (
    ENTITY_NS,
    GQ,
    ONTOLOGY_GRAPH,
    KnowledgeGraph,
    SparqlResult,
    local_name,
    mint_iri,
    parse_term,
)
from knowledge.types import Triple

FIXTURES = Path(__file__).parents[1] / "fixtures" / "graph"
EX = "http://example.org/geo/"
RDF_FORMATS = ["countries.ttl", "countries.nt", "countries.nq", "countries.jsonld", "countries.rdf"]
TABULAR_FORMATS = ["countries.csv", "countries.tsv"]
# rdflib's own parsers call its deprecated Dataset API; that noise is not ours to fix.
pytestmark = pytest.mark.filterwarnings("ignore::DeprecationWarning")


def loaded(*names: str, ontology: bool = False) -> KnowledgeGraph:
    kg = KnowledgeGraph()
    for name in names:
        kg.load_file(FIXTURES / name)
    if ontology:
        kg.load_file(FIXTURES / "ontology.ttl", source=ONTOLOGY_GRAPH)
    return kg


def snapshot(kg: KnowledgeGraph) -> set[tuple]:
    return set(kg.dataset.quads((None, None, None, None)))


def readable(kg: KnowledgeGraph) -> set[tuple[str, str, str, str | None]]:
    return {(t.subject_label, t.predicate_label, t.object_label, t.datatype) for t in kg.facts()}


@pytest.fixture(scope="module")
def geo() -> KnowledgeGraph:
    return loaded("countries.ttl", ontology=True)


# ---- loading ---------------------------------------------------------------------------------


def test_turtle_reference_has_the_expected_facts() -> None:
    kg = loaded("countries.ttl")
    assert len(kg) == 21
    facts = readable(kg)
    assert ("France", "capital", "Paris", None) in facts
    assert ("Germany", "area", "357592.0", str(rdfns.XSD.decimal)) in facts
    assert ("Spain", "joinedEU", "1986-01-01", str(rdfns.XSD.date)) in facts
    assert len(facts) == 12


@pytest.mark.parametrize("name", RDF_FORMATS[1:])
def test_every_rdf_format_loads_the_same_triples(name: str) -> None:
    reference = set(loaded("countries.ttl").dataset.triples((None, None, None)))
    other = loaded(name)
    assert set(other.dataset.triples((None, None, None))) == reference
    assert readable(other) == readable(loaded("countries.ttl"))


@pytest.mark.parametrize("name", TABULAR_FORMATS)
def test_tabular_formats_load_the_same_facts_by_name(name: str) -> None:
    kg = KnowledgeGraph()
    added = kg.load_file(FIXTURES / name)
    assert readable(kg) == readable(loaded("countries.ttl"))
    france = str(mint_iri("France"))
    capital = kg.facts(subject=france, predicate="urn:groundqa:relation:capital")
    assert [t.object for t in capital] == [f"{ENTITY_NS}Paris"]
    assert kg.facts(subject=france, predicate=str(RDF.type))[0].object == f"{ENTITY_NS}Country"
    assert added == 12 + 12  # the facts plus one rdfs:label per minted name


def test_csv_mints_one_label_per_name() -> None:
    kg = loaded("countries.csv")
    minted = {s for s in kg.dataset.subjects(RDFS.label, None)}
    names = {str(o) for o in kg.dataset.objects(None, RDFS.label)}
    assert names == {"France", "Germany", "Spain", "Paris", "Berlin", "Madrid", "Country"} | {
        "capital",
        "borders",
        "population",
        "area",
        "joinedEU",
    }
    assert len(minted) == len(names)


def test_csv_numbers_and_dates_become_typed_literals_unless_used_as_subjects(tmp_path: Path) -> None:
    path = tmp_path / "films.csv"
    path.write_text(
        "2012,genre,Disaster film\n"
        "Roland Emmerich,directed,2012\n"
        "2012,runtime,158\n"
        "2012,budget,200.5\n"
        "2012,released,2009-11-13\n"
        "2012,rating,2009-13-45\n"
        "2012,code,007\n"
        "2012,see also,<http://www.wikidata.org/entity/Q188652>\n",
        encoding="utf-8",
    )
    kg = KnowledgeGraph()
    kg.load_file(path)
    film = str(mint_iri("2012"))
    by_predicate = {t.predicate_label: t for t in kg.facts(subject=film)}
    assert by_predicate["runtime"].datatype == str(rdfns.XSD.integer)
    assert by_predicate["budget"].datatype == str(rdfns.XSD.decimal)
    assert by_predicate["released"].datatype == str(rdfns.XSD.date)
    assert not by_predicate["rating"].object_is_literal  # not a real date, so a name
    assert not by_predicate["code"].object_is_literal  # not a canonical number, so a name
    assert by_predicate["see also"].object == "http://www.wikidata.org/entity/Q188652"
    directed = kg.facts(predicate="urn:groundqa:relation:directed")
    assert [t.object for t in directed] == [film]  # '2012' is a subject here, so an entity


def test_tsv_keeps_quotes_literally(tmp_path: Path) -> None:
    path = tmp_path / "quotes.tsv"
    path.write_text('"Weird Al" Yankovic\tgenre\tParody music\n', encoding="utf-8")
    kg = KnowledgeGraph()
    kg.load_file(path)
    assert kg.label(str(mint_iri('"Weird Al" Yankovic'))) == '"Weird Al" Yankovic'


def test_nquads_keep_their_own_graph_names() -> None:
    kg = loaded("countries.nq")
    file_source = (FIXTURES / "countries.nq").resolve().as_uri()
    assert kg.sources() == sorted([file_source, "http://example.org/graphs/geo"])
    (joined,) = kg.facts(subject=EX + "Spain", predicate=EX + "joinedEU")
    assert joined.graph == file_source  # the one triple outside any graph
    (capital,) = kg.facts(subject=EX + "France", predicate=EX + "capital")
    assert capital.graph == "http://example.org/graphs/geo"


def test_format_argument_overrides_the_suffix(tmp_path: Path) -> None:
    path = tmp_path / "facts.data"
    path.write_text((FIXTURES / "countries.ttl").read_text(encoding="utf-8"), encoding="utf-8")
    kg = KnowledgeGraph()
    assert kg.load_file(path, format="turtle") == 21
    with pytest.raises(GraphParseError, match="facts.data"):
        KnowledgeGraph().load_file(path)


# ---- provenance ------------------------------------------------------------------------------


def test_sources_keep_provenance_and_remove_source_drops_one() -> None:
    kg = KnowledgeGraph()
    assert kg.load_file(FIXTURES / "countries.ttl", source="atlas 2024") == 21
    assert kg.load_file(FIXTURES / "countries.nt") == 21
    nt_source = (FIXTURES / "countries.nt").resolve().as_uri()
    assert kg.sources() == sorted(["atlas 2024", nt_source])
    assert len(kg) == 21  # the same facts from two sources are one fact each
    capital = kg.facts(subject=EX + "France", predicate=EX + "capital")
    assert {t.graph for t in capital} == {"atlas 2024", nt_source}

    assert kg.remove_source("atlas 2024") == 21
    assert kg.remove_source("atlas 2024") == 0
    assert kg.sources() == [nt_source]
    assert {t.graph for t in kg.facts(subject=EX + "France")} == {nt_source}
    assert kg.remove_source(nt_source) == 21
    assert len(kg) == 0 and kg.sources() == []


def test_add_triples_counts_only_new_ones() -> None:
    kg = KnowledgeGraph()
    lyon = URIRef(EX + "Lyon")
    triples = [(lyon, RDFS.label, Literal("Lyon")), (lyon, URIRef(EX + "country"), URIRef(EX + "France"))]
    assert kg.add_triples(triples, source="manual") == 2
    assert kg.add_triples(triples, source="manual") == 0
    assert kg.add_triples(triples[:1], source="other") == 1
    assert len(kg) == 2
    with pytest.raises(InputError, match="manual"):
        kg.add_triples([("urn:a", "urn:b", "urn:c")], source="manual")  # type: ignore[list-item]
    assert len(kg) == 2


# ---- labels ----------------------------------------------------------------------------------


def test_labels_aliases_and_case(geo: KnowledgeGraph) -> None:
    assert geo.label(EX + "France") == "France"
    assert geo.aliases(EX + "France") == ["French Republic"]
    assert geo.aliases(EX + "Germany") == ["Deutschland", "Federal Republic of Germany"]
    assert geo.label(EX + "capital") == "capital"
    assert geo.aliases(EX + "capital") == ["capital city", "seat of government"]
    # IRIs are case-sensitive: a differently cased IRI is another, unlabelled node.
    assert geo.label(EX + "france") == "france"
    assert geo.aliases(EX + "france") == []
    assert geo.label(EX + "New_Caledonia") == "New Caledonia"
    assert geo.label("http://example.org/ns#S%C3%A3o_Paulo") == "São Paulo"


def test_entities_exclude_properties_and_classes(geo: KnowledgeGraph) -> None:
    entities = {iri: (label, aliases) for iri, label, aliases in geo.entities()}
    assert set(entities) == {
        EX + name for name in ("France", "Germany", "Spain", "Paris", "Berlin", "Madrid")
    }
    assert entities[EX + "Germany"] == ("Germany", ["Deutschland", "Federal Republic of Germany"])


def test_label_cache_is_invalidated_on_change() -> None:
    kg = loaded("countries.ttl")
    lyon = EX + "Lyon"
    assert kg.label(lyon) == "Lyon"
    assert lyon not in {iri for iri, _, _ in kg.entities()}
    kg.add_triples([(URIRef(lyon), RDFS.label, Literal("Lyon (city)"))], source="extra")
    assert kg.label(lyon) == "Lyon (city)"
    assert lyon in {iri for iri, _, _ in kg.entities()}
    kg.remove_source("extra")
    assert kg.label(lyon) == "Lyon"


def test_english_label_is_preferred() -> None:
    kg = KnowledgeGraph()
    node = URIRef(EX + "Germany")
    kg.add_triples(
        [
            (node, RDFS.label, Literal("Allemagne", lang="fr")),
            (node, RDFS.label, Literal("Germany", lang="en")),
        ],
        source="labels",
    )
    assert kg.label(str(node)) == "Germany"
    assert kg.aliases(str(node)) == ["Allemagne"]


# ---- ontology and facts ----------------------------------------------------------------------


def test_ontology_lookups(geo: KnowledgeGraph) -> None:
    assert geo.is_functional(EX + "capital")
    assert geo.is_functional(EX + "population")
    assert not geo.is_functional(EX + "borders")
    assert geo.datatype_of(EX + "population") == str(rdfns.XSD.integer)
    assert geo.datatype_of(EX + "joinedEU") == str(rdfns.XSD.date)
    assert geo.datatype_of(EX + "borders") is None  # ranges over a class, not a datatype
    assert geo.template_of(EX + "capital") == "The capital of {s} is {o}."
    assert geo.template_of(EX + "borders") is None
    assert str(GQ.template) == "http://groundqa.org/ontology#template"


def test_facts_fill_labels_and_literal_fields(geo: KnowledgeGraph) -> None:
    (population,) = geo.facts(subject=EX + "France", predicate=EX + "population")
    assert population.object == f'"68000000"^^<{rdfns.XSD.integer}>'
    assert population.object_label == "68000000"
    assert population.object_is_literal and population.datatype == str(rdfns.XSD.integer)
    (capital,) = geo.facts(subject=EX + "France", predicate=EX + "capital")
    assert (capital.subject_label, capital.predicate_label, capital.object_label) == (
        "France",
        "capital",
        "Paris",
    )
    assert not capital.object_is_literal and capital.datatype is None
    assert capital.graph == (FIXTURES / "countries.ttl").resolve().as_uri()
    by_literal = geo.facts(obj=population.object)
    assert [t.subject for t in by_literal] == [EX + "France"]


def test_facts_skip_labels_and_ontology_unless_the_predicate_asks(geo: KnowledgeGraph) -> None:
    predicates = {t.predicate for t in geo.facts(subject=EX + "France")}
    assert str(RDFS.label) not in predicates
    assert predicates == {EX + "capital", EX + "borders", EX + "population", str(RDF.type)}
    assert geo.facts(subject=EX + "capital") == []
    schema = geo.facts(subject=EX + "capital", predicate=str(RDF.type))
    assert {t.graph for t in schema} == {ONTOLOGY_GRAPH} and len(schema) == 2
    assert [t.object_label for t in geo.facts(subject=EX + "France", predicate=str(RDFS.label))] == ["France"]


def test_facts_limit_and_order_are_stable(geo: KnowledgeGraph) -> None:
    everything = geo.facts()
    assert geo.facts(limit=4) == everything[:4]
    assert everything == sorted(everything, key=lambda t: (t.subject, t.predicate))
    assert len(everything) == 12


def test_predicates_are_the_data_relations(geo: KnowledgeGraph) -> None:
    predicates = {iri: (label, aliases) for iri, label, aliases in geo.predicates()}
    assert set(predicates) == {EX + p for p in ("capital", "borders", "population", "area", "joinedEU")} | {
        str(RDF.type)
    }
    assert predicates[EX + "capital"] == ("capital", ["capital city", "seat of government"])
    assert predicates[EX + "area"][0] == "area in square kilometres"


def test_verbalize_uses_templates_then_heuristics(geo: KnowledgeGraph) -> None:
    def say(subject: str, predicate: str) -> str:
        return geo.verbalize(geo.facts(subject=EX + subject, predicate=predicate)[0])

    assert say("France", EX + "capital") == "The capital of France is Paris."
    assert say("France", EX + "borders") == "France borders Germany."
    assert say("France", EX + "population") == "The population of France is 68000000."
    assert say("Spain", EX + "joinedEU") == "Spain joined the EU on 1986-01-01."
    assert say("France", str(RDF.type)) == "France is a Country."


@pytest.mark.parametrize(
    ("predicate_label", "sentence"),
    [
        ("directed by", "Inception directed by Christopher Nolan."),
        ("starred actors", "Inception starred actors Christopher Nolan."),
        ("has tags", "Inception has tags Christopher Nolan."),
        ("release year", "The release year of Inception is Christopher Nolan."),
        ("directedBy", "Inception directed by Christopher Nolan."),
        ("flows through", "Inception flows through Christopher Nolan."),
        ("lies between", "Inception lies between Christopher Nolan."),
    ],
)
def test_verbalize_heuristic(predicate_label: str, sentence: str) -> None:
    triple = Triple(
        subject="urn:x:Inception",
        predicate="urn:x:p",
        object="urn:x:Nolan",
        subject_label="Inception",
        predicate_label=predicate_label,
        object_label="Christopher Nolan",
    )
    assert KnowledgeGraph().verbalize(triple) == sentence


def test_template_placeholders_are_not_reexpanded() -> None:
    kg = KnowledgeGraph()
    kg.add_triples([(URIRef("urn:x:p"), GQ.template, Literal("{s} likes {o}."))], source=ONTOLOGY_GRAPH)
    triple = Triple(
        subject="urn:x:a",
        predicate="urn:x:p",
        object="urn:x:b",
        subject_label="Mr {o}",
        predicate_label="p",
        object_label="tea",
    )
    assert kg.verbalize(triple) == "Mr {o} likes tea."


def test_stats(geo: KnowledgeGraph) -> None:
    assert geo.stats() == {
        "triples": len(geo),
        "entities": 6,
        "predicates": 6,
        "sources": 2,
        "functional_properties": 2,
    }


# ---- SPARQL ----------------------------------------------------------------------------------


def test_sparql_select_ask_construct(geo: KnowledgeGraph) -> None:
    result = geo.sparql(
        "PREFIX ex: <http://example.org/geo/> "
        "SELECT ?country ?city WHERE { ?c ex:capital ?x . ?c rdfs:label ?country . "
        "OPTIONAL { ?x rdfs:label ?city } } ORDER BY ?country"
    )
    assert isinstance(result, SparqlResult) and result.kind == "select"
    assert result.variables == ["country", "city"]
    assert result.rows == [
        {"country": "France", "city": "Paris"},
        {"country": "Germany", "city": "Berlin"},
        {"country": "Spain", "city": "Madrid"},
    ]
    ask = geo.sparql("ASK { <http://example.org/geo/France> <http://example.org/geo/borders> ?x }")
    assert ask.kind == "ask" and ask.boolean is True
    assert (
        geo.sparql("ASK { <http://example.org/geo/Spain> <http://example.org/geo/borders> <urn:x> }").boolean
        is False
    )
    graph = geo.sparql("CONSTRUCT { ?x <urn:capitalOf> ?c } WHERE { ?c <http://example.org/geo/capital> ?x }")
    assert graph.kind == "graph"
    assert (EX + "Paris", "urn:capitalOf", EX + "France") in graph.triples and len(graph.triples) == 3


def test_sparql_sees_named_graphs_and_unbound_values(geo: KnowledgeGraph) -> None:
    result = geo.sparql(
        "SELECT DISTINCT ?g WHERE { GRAPH ?g { ?s a <http://www.w3.org/2002/07/owl#FunctionalProperty> } }"
    )
    assert result.rows == [{"g": ONTOLOGY_GRAPH}]
    optional = geo.sparql(
        "SELECT ?s ?alt WHERE { ?s <http://example.org/geo/capital> <http://example.org/geo/Madrid> "
        "OPTIONAL { ?s <http://www.w3.org/2004/02/skos/core#altLabel> ?alt } }"
    )
    assert optional.rows == [{"s": EX + "Spain", "alt": None}]


@pytest.mark.parametrize(
    "update",
    [
        "INSERT DATA { <urn:a> <urn:b> <urn:c> }",
        "DELETE WHERE { ?s ?p ?o }",
        "PREFIX ex: <http://example.org/geo/> DELETE { ?s ex:capital ?o } INSERT { ?s ex:capital ex:Lyon } "
        "WHERE { ?s ex:capital ?o }",
        "LOAD <http://example.org/data.ttl>",
        "CLEAR ALL",
        "DROP GRAPH <urn:groundqa:ontology>",
        "CREATE GRAPH <urn:new>",
    ],
)
def test_sparql_updates_are_refused(geo: KnowledgeGraph, update: str) -> None:
    before = snapshot(geo)
    with pytest.raises(QueryError, match="not allowed"):
        geo.sparql(update)
    assert snapshot(geo) == before


def test_sparql_syntax_error_names_the_position(geo: KnowledgeGraph) -> None:
    with pytest.raises(QueryError, match=r"syntax error.*line:2, col:") as info:
        geo.sparql("SELECT ?s\nWHERE { ?s ?p }")
    assert "SELECT" in str(info.value) or "Expected" in str(info.value)


@pytest.mark.parametrize(
    ("query", "reason"),
    [
        ("SELECT * WHERE { SERVICE <http://dbpedia.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT * FROM <http://example.org/remote.ttl> WHERE { ?s ?p ?o }", "FROM"),
        ("SELECT ?s WHERE { ?s undefined:p ?o }", "invalid"),
    ],
)
def test_sparql_remote_access_and_bad_prefixes_are_refused(
    geo: KnowledgeGraph, query: str, reason: str
) -> None:
    with pytest.raises(QueryError, match=reason):
        geo.sparql(query)


# ---- errors leave the graph unchanged --------------------------------------------------------


def _write(path: Path, text: str | bytes) -> Path:
    if isinstance(text, bytes):
        path.write_bytes(text)
    else:
        path.write_text(text, encoding="utf-8")
    return path


BAD_INPUTS = [
    (
        "broken.ttl",
        "@prefix ex: <http://example.org/geo/> .\nex:Lyon ex:country ex:France .\nex:Lyon ex:mayor .\n",
        r"broken\.ttl: line 3",
    ),
    (
        "broken.nt",
        "<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> <urn:c> .\n<urn:a> <urn:b> .\n",
        r"broken\.nt: line 3",
    ),
    ("broken.nq", "<urn:a> <urn:b> <urn:c> <urn:g> .\n\n<urn:a> <urn:b> \n", r"broken\.nq: line 3"),
    (
        "broken.trig",
        "<urn:g> {\n <urn:a> <urn:b> <urn:c> .\n <urn:a> <urn:b> .\n}\n",
        r"broken\.trig: line 3",
    ),
    ("broken.jsonld", '{\n  "@id": "urn:a",\n  "urn:b": \n}\n', r"broken\.jsonld.*line 4"),
    (
        "broken.rdf",
        "<rdf:RDF xmlns:rdf='http://www.w3.org/1999/02/22-rdf-syntax-ns#'>\n<a>\n</rdf:RDF>\n",
        r"broken\.rdf: line 3",
    ),
    (
        "rows.csv",
        "subject,predicate,object\nLyon,country,France\nLyon,mayor\nParis,country,France\n",
        r"rows\.csv: row 3",
    ),
    ("rows.tsv", "Lyon\tcountry\tFrance\nLyon\tmayor\tGrégory\tDoucet\n", r"rows\.tsv: row 2"),
    ("empty.csv", "Lyon,,France\n", r"empty\.csv: row 1.*empty field"),
    (
        "latin1.csv",
        "Lyon,country,France\nZürich,country,Switzerland\n".encode("latin-1"),
        r"latin1\.csv: line 2.*UTF-8",
    ),
    ("latin1.ttl", '<urn:a> <urn:b> "Zürich" .\n'.encode("latin-1"), r"latin1\.ttl: line 1.*UTF-8"),
]


@pytest.mark.parametrize(("name", "content", "message"), BAD_INPUTS, ids=[row[0] for row in BAD_INPUTS])
def test_malformed_input_names_file_and_line_and_changes_nothing(
    tmp_path: Path, name: str, content: str | bytes, message: str
) -> None:
    kg = loaded("countries.ttl", ontology=True)
    before, sources, label = snapshot(kg), kg.sources(), kg.label(EX + "Lyon")
    with pytest.raises(GraphParseError, match=message):
        kg.load_file(_write(tmp_path / name, content))
    assert snapshot(kg) == before
    assert kg.sources() == sources
    assert kg.label(EX + "Lyon") == label


def test_missing_file_and_unknown_suffix(tmp_path: Path) -> None:
    kg = loaded("countries.ttl")
    before = snapshot(kg)
    with pytest.raises(GraphParseError, match=r"nowhere\.ttl.*cannot read"):
        kg.load_file(tmp_path / "nowhere.ttl")
    with pytest.raises(GraphParseError, match=r"notes\.txt.*format"):
        kg.load_file(_write(tmp_path / "notes.txt", "hello"))
    with pytest.raises(GraphParseError, match="unknown graph format"):
        kg.load_file(FIXTURES / "countries.ttl", format="yaml")
    folder = tmp_path / "folder.ttl"
    folder.mkdir()
    with pytest.raises(GraphParseError, match=r"folder\.ttl.*cannot read"):
        kg.load_file(folder)
    assert snapshot(kg) == before


# ---- persistence -----------------------------------------------------------------------------


def test_save_open_round_trip_keeps_named_graphs(tmp_path: Path) -> None:
    kg = loaded("countries.nq", "countries.csv", ontology=True)
    kg.add_triples(
        [(URIRef(EX + "Lyon"), RDFS.label, Literal('Lyon\nsur "Rhône"', lang="fr"))], "my notes.txt"
    )
    path = tmp_path / "kb" / "graph.nq"
    kg.save(path)
    first = path.read_bytes()
    reopened = KnowledgeGraph.open(path)
    assert reopened.sources() == kg.sources()
    assert "my notes.txt" in reopened.sources() and ONTOLOGY_GRAPH in reopened.sources()
    assert snapshot(reopened) == snapshot(kg)
    assert reopened.facts() == kg.facts()
    assert reopened.is_functional(EX + "capital")
    assert reopened.label(EX + "Lyon") == 'Lyon\nsur "Rhône"'
    reopened.save(path)
    assert path.read_bytes() == first  # saves are deterministic
    assert [p.name for p in path.parent.iterdir()] == ["graph.nq"]  # no temp files left


def test_open_reports_missing_and_corrupt_stores(tmp_path: Path) -> None:
    with pytest.raises(KnowledgeBaseError, match="graph.nq"):
        KnowledgeGraph.open(tmp_path / "graph.nq")
    corrupt = _write(tmp_path / "corrupt.nq", "<urn:a> <urn:b> <urn:c> <urn:g> .\n<urn:a> oops\n")
    with pytest.raises(GraphParseError, match=r"corrupt\.nq: line 2"):
        KnowledgeGraph.open(corrupt)


# ---- CSV term parsing (property based) -------------------------------------------------------

names = st.text(min_size=1, max_size=40).filter(
    lambda s: (
        s == s.strip()
        and not s.lower().startswith(("http://", "https://", "urn:"))
        and not (s.startswith("<") and s.endswith(">"))
    )
)


@given(names)
def test_minted_iris_round_trip_to_their_name(name: str) -> None:
    term = parse_term(name, "subject")
    assert isinstance(term, URIRef) and str(term).startswith(ENTITY_NS)
    assert local_name(str(term)) == name
    assert not any(ch.isspace() for ch in str(term))


@given(names, names)
def test_minting_is_injective(a: str, b: str) -> None:
    assume(a != b)
    assert mint_iri(a) != mint_iri(b)
    assert mint_iri(a, "relation") != mint_iri(a)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(subject=names, obj=names)
def test_any_csv_name_round_trips_through_the_graph(tmp_path_factory, subject: str, obj: str) -> None:
    path = tmp_path_factory.mktemp("csv") / "names.csv"
    with path.open("w", encoding="utf-8", newline="") as handle:
        csv.writer(handle).writerow([subject, "related to", obj])
    kg = KnowledgeGraph()
    kg.load_file(path)
    (fact,) = kg.facts(subject=str(mint_iri(subject)))
    assert fact.subject_label == subject
    assert fact.object_label == obj
    assert fact.predicate_label == "related to"
