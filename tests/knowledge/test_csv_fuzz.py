"""Property tests for the CSV/TSV facts parser, an untrusted-input parser: whatever the file holds,
the result is a graph or a GraphParseError naming the file, never another exception; well-formed
rows all arrive, labelled with the text they were written with. Derandomised: the same examples
every run."""

import csv
import io

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from knowledge.errors import GraphParseError
from knowledge.graph import KnowledgeGraph

SETTINGS = settings(
    max_examples=150, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck)
)
field = st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp")), min_size=1, max_size=30).filter(
    lambda s: s.strip() == s and s
)


def load(tmp_path_factory, text: str, suffix: str = ".csv") -> KnowledgeGraph:
    path = tmp_path_factory.mktemp("fuzz") / f"facts{suffix}"
    path.write_text(text, encoding="utf-8")
    graph = KnowledgeGraph()
    graph.load_file(path)
    return graph


@SETTINGS
@given(text=st.text(max_size=300), suffix=st.sampled_from([".csv", ".tsv"]))
def test_any_text_is_a_graph_or_a_parse_error(tmp_path_factory, text, suffix):
    try:
        graph = load(tmp_path_factory, text, suffix)
    except GraphParseError as exc:
        assert "facts" in str(exc)
    else:
        assert len(graph) > 0


@SETTINGS
@given(rows=st.lists(st.tuples(field, field, field), min_size=1, max_size=8))
def test_well_formed_rows_all_arrive_with_their_labels(tmp_path_factory, rows):
    out = io.StringIO()
    csv.writer(out).writerows(rows)
    try:
        graph = load(tmp_path_factory, out.getvalue())
    except GraphParseError as exc:  # only a header-like first row that leaves nothing, or a bad IRI
        assert "no triples" in str(exc) or "syntax" in str(exc) or "IRI" in str(exc), exc
        return
    facts = graph.facts()
    predicates = {fact.predicate_label for fact in facts}
    for _, predicate, _ in rows[1:]:  # the first row may be read as a header
        if not predicate.lower().startswith(("http", "urn:", "<")):
            assert predicate in predicates
    assert len(facts) <= len(rows)
