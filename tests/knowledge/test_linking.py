import pytest
from hypothesis import given
from hypothesis import strategies as st

from knowledge.linking import EntityLinker, normalize

ENTITIES = [
    ("ex:AUS", "Australia", ["Commonwealth of Australia"]),
    ("ex:CBR", "Canberra", []),
    ("ex:CHE", "Switzerland", ["Swiss Confederation"]),
    ("ex:USA", "United States", ["United States of America", "USA"]),
    ("ex:CIV", "Côte d'Ivoire", ["Ivory Coast"]),
    ("ex:BHS", "The Bahamas", []),
    ("ex:TUR", "Turkey", []),
]


@pytest.fixture(scope="module")
def linker():
    return EntityLinker.build(ENTITIES, "all-MiniLM-L6-v2")


def _linked(linker, text):
    return {m.iri: m for m in linker.link(text)}


def test_exact_and_alias_with_offsets(linker):
    text = "Is Canberra the capital of the Commonwealth of Australia?"
    found = _linked(linker, text)
    assert set(found) == {"ex:CBR", "ex:AUS"}
    assert found["ex:CBR"].method == "exact" and found["ex:CBR"].score == 1.0
    alias = found["ex:AUS"]
    assert alias.method == "alias" and text[alias.start : alias.end] == "Commonwealth of Australia"


def test_longest_mention_wins(linker):
    found = linker.link("He moved to the United States of America in 1990.")
    assert [m.iri for m in found] == ["ex:USA"]
    assert found[0].mention == "United States of America"


def test_case_accents_punctuation_and_articles(linker):
    assert "ex:CIV" in _linked(linker, "Exports of cote d ivoire grew.")
    assert "ex:CIV" in _linked(linker, "the Ivory Coast is in West Africa")
    assert "ex:BHS" in _linked(linker, "Where are the Bahamas?")
    lower = _linked(linker, "which countries border switzerland")
    assert lower["ex:CHE"].score < 1.0  # lowercase: linked, with less confidence


def test_lowercase_common_word_is_less_certain_than_the_name(linker):
    assert _linked(linker, "We ate turkey.")["ex:TUR"].score < _linked(linker, "We visited Turkey.")["ex:TUR"].score


def test_misspelled_names_found_by_fuzzy_match(linker):
    found = _linked(linker, "Is Canbera in Australlia?")
    assert found["ex:CBR"].method == "fuzzy" and found["ex:AUS"].method == "fuzzy"
    assert 0.7 < found["ex:CBR"].score < 1.0


def test_unrelated_text_links_nothing(linker):
    assert linker.link("What is the boiling point of water at sea level?") == []


def test_lookup_by_name(linker):
    assert linker.lookup("swiss confederation")[0].iri == "ex:CHE"
    assert linker.lookup("Swizerland")[0].iri == "ex:CHE"


def test_save_and_load_keep_the_embedding_index(linker, tmp_path):
    linker.save(tmp_path)
    again = EntityLinker.load(tmp_path, ENTITIES)
    assert again.label_index is not None and again.label_index.ntotal == linker.label_index.ntotal


@given(st.text(max_size=60))
def test_normalize_is_idempotent(text):
    assert normalize(normalize(text)) == normalize(text)
