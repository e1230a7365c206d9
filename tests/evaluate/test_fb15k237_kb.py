"""FB15k-237's named triples as a knowledge base the graph checker can read (real rdflib, real linker)."""

import pytest

from grounding.evaluate.fb15k237 import FILES, convert, fb15k237_kb
from grounding.types import Verdict
from grounding.verify.checkers.graph import check_against_graph
from knowledge.embeddings import embed
from knowledge.errors import GraphParseError

ROWS = {
    "train_named.tsv": [
        "Keanu Reeves\t/film/actor/film./film/performance/film\tSpeed",
        "Keanu Reeves\t/film/actor/film./film/performance/film\tThe Matrix",
        "Speed\t/film/film/genre\tAction Film",
        "Speed\t/film/film/release_date_s./film/film_regional_release_date/film_release_region\tUnited States",
    ],
    "valid_named.tsv": ["Jan de Bont\t/film/director/film\tSpeed"],
    "test_named.tsv": [
        "Keanu Reeves\t/film/actor/film./film/performance/film\tSpeed",  # repeated across files
        "Sandra Bullock\t/film/actor/film./film/performance/film\tSpeed",
    ],
}


@pytest.fixture(scope="module")
def data(tmp_path_factory):
    folder = tmp_path_factory.mktemp("fb15k237")
    for name, rows in ROWS.items():
        (folder / name).write_text("\n".join(rows) + "\n", encoding="utf-8")
    return folder


@pytest.fixture(scope="module")
def kb(data, tmp_path_factory):
    return fb15k237_kb(data, progress=False, cache=tmp_path_factory.mktemp("cache"))


def check(kb, text):
    return check_against_graph(kb, text, embed([text], kb.embedding_model)[0])


def test_only_relations_with_words_are_kept_and_each_fact_once(data, tmp_path):
    out = tmp_path / "fb.nt"
    assert convert([data / name for name in FILES], out) == 5
    text = out.read_text(encoding="utf-8")
    assert "film_release_region" not in text and "United_States" not in text
    assert text.count("<http://groundqa.org/fb15k237#acted_in>") == 3
    assert '"Jan de Bont"' in text


def test_a_fact_the_graph_holds_supports_the_claim_either_way_round(kb):
    for claim in ("Keanu Reeves starred in Speed.", "Speed was directed by Jan de Bont."):
        finding = check(kb, claim)
        assert finding is not None and finding.verdict == Verdict.SUPPORTED, (claim, finding)
        assert finding.facts


def test_a_missing_edge_refutes_nothing(kb):
    """Freebase is incomplete and no property is functional: absence is not a contradiction."""
    assert check(kb, "Sandra Bullock starred in The Matrix.") is None


def test_the_built_base_is_reused(data, kb, tmp_path_factory):
    again = fb15k237_kb(data, progress=False, cache=kb.root.parent)
    assert again.root == kb.root


def test_a_malformed_row_names_its_file_and_line(data, tmp_path):
    bad = tmp_path / "train_named.tsv"
    bad.write_text("Keanu Reeves\t/film/actor/film./film/performance/film\tSpeed\nonly two\tfields\n", encoding="utf-8")
    with pytest.raises(GraphParseError, match=r"train_named\.tsv: line 2"):
        convert([bad], tmp_path / "out.nt")


def test_missing_files_are_named(tmp_path):
    with pytest.raises(GraphParseError, match="valid_named.tsv"):
        (tmp_path / "train_named.tsv").write_text("", encoding="utf-8")
        fb15k237_kb(tmp_path, progress=False, cache=tmp_path / "cache")
