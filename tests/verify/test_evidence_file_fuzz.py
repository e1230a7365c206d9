"""Property tests for evidence files (`verify --evidence`, the page's upload): any content gives a
list of non-blank texts or an InputError naming the file, never a crash; texts written as a JSON
list, JSON Lines or paragraphs come back as written. Derandomised."""

import json

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grounding.verify.evidence_file import read_evidence_file
from knowledge.errors import InputError

SETTINGS = settings(
    max_examples=200, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck)
)
texts = st.lists(st.text(min_size=1, max_size=40).filter(lambda s: s.strip()), min_size=1, max_size=5)
json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=10),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=5), inner, max_size=4),
    max_leaves=10,
)


def read(tmp_path_factory, content: str) -> list[str]:
    path = tmp_path_factory.mktemp("evidence") / "evidence.txt"
    path.write_text(content, encoding="utf-8")
    return read_evidence_file(str(path))


@SETTINGS
@given(content=st.text(max_size=200) | json_values.map(json.dumps))
def test_any_content_gives_texts_or_an_input_error(tmp_path_factory, content):
    try:
        result = read(tmp_path_factory, content)
    except InputError as exc:
        assert "evidence file" in str(exc)
    else:
        assert result and all(isinstance(t, str) and t.strip() for t in result)


@SETTINGS
@given(items=texts, form=st.sampled_from(["list", "objects", "jsonl"]))
def test_json_forms_round_trip(tmp_path_factory, items, form):
    if form == "list":
        content = json.dumps(items)
    elif form == "objects":
        content = json.dumps([{"text": t, "source": "x"} for t in items])
    else:
        content = "\n".join(json.dumps({"text": t}) for t in items)
    assert read(tmp_path_factory, content) == items


def test_the_cases_the_fuzzer_found(tmp_path_factory):
    for content, words in [
        ("[1, 2]", "item 1"),
        ('[{"title": "no text"}]', "item 1"),
        ('["", "  "]', "no evidence text"),
        ("[" * 100_000 + "]" * 100_000, "nested too deeply"),
        ('{"text": "a"}\n[1]', "line 2"),
    ]:
        with pytest.raises(InputError, match=words):
            read(tmp_path_factory, content)
