"""Loading any Hugging Face NLI model by path: a tiny model made here stands in for a hub download."""

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from grounding.verify.nli import PADDING_SLACK, label_columns, length_batches, load_nli_model, open_nli_model
from knowledge.errors import ModelError


@pytest.fixture(scope="module")
def tiny_model_dir(tmp_path_factory, tiny_bert):
    return tiny_bert(tmp_path_factory.mktemp("tiny-nli"), ["CONTRADICTION", "ENTAILMENT", "NEUTRAL"])


def test_a_model_folder_loads_with_its_own_label_order(tiny_model_dir):
    model = load_nli_model(str(tiny_model_dir), device="cpu", runtime="torch")
    assert model.columns == {"entailment": 1, "neutral": 2, "contradiction": 0}
    probs = model.predict([("Paris is in France.", "Paris is French."), ("A cat.", "A dog.")])
    assert probs.shape == (2, 3)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)


def test_two_way_fact_checkers_map_not_supported_to_neutral():
    assert label_columns({0: "not_supported", 1: "supported"}) == {"entailment": 1, "neutral": 0, "contradiction": None}
    assert label_columns({0: "hallucinated", 1: "consistent"}) == {"entailment": 1, "neutral": None, "contradiction": 0}
    assert label_columns({0: "entailment", 1: "not_entailment"})["entailment"] == 0


def test_unreadable_labels_and_unknown_models_are_clear_errors(tmp_path):
    with pytest.raises(ModelError, match="LABEL_0"):
        label_columns({0: "LABEL_0", 1: "LABEL_1"})
    with pytest.raises(ModelError, match="no-such-model"):
        load_nli_model(str(tmp_path / "no-such-model"))


@given(
    lengths=st.lists(st.integers(min_value=1, max_value=400), max_size=60),
    batch_size=st.integers(min_value=1, max_value=32),
)
def test_length_batches_keep_every_pair_in_order_within_limits(lengths, batch_size):
    pairs = sorted((("p" * n, f"h{i}") for i, n in enumerate(lengths)), key=lambda p: len(p[0]) + len(p[1]))
    batches = length_batches(pairs, batch_size)
    assert [pair for batch in batches for pair in batch] == pairs
    assert all(0 < len(batch) <= batch_size for batch in batches)
    for batch in batches:
        sizes = [len(p) + len(h) for p, h in batch]
        if len(batch) > 1:
            assert len(batch) * max(sizes) <= PADDING_SLACK * sum(sizes) + 1e-9


def test_short_pairs_are_not_padded_to_a_long_one():
    short = [("a" * 40, "claim")] * 1 + [("b" * 41, "claim"), ("c" * 42, "claim")]
    batches = length_batches([*short, ("d" * 400, "claim")], 16)
    assert batches == [short, [("d" * 400, "claim")]]


def test_fits_counts_the_pair_in_tokens_against_the_window(tiny_model_dir):
    model = load_nli_model(str(tiny_model_dir), device="cpu", max_length=32, runtime="torch")
    assert model.fits("Paris is in France.", "Paris is French.")
    assert not model.fits("Paris is in France. " * 6, "Paris is French.")
    assert not model.fits("x" * 1000, "y")
    wide = load_nli_model(str(tiny_model_dir), device="cpu", max_length=64, runtime="torch")
    assert wide.fits("Paris is in France. " * 6, "Paris is French.")


def test_any_model_folder_runs_through_onnx_with_its_own_labels(tiny_model_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    pairs = [("Paris is in France.", "Paris is French."), ("A cat.", "A dog.")]
    reference = load_nli_model(str(tiny_model_dir), device="cpu", runtime="torch").predict(pairs)
    model = open_nli_model(str(tiny_model_dir), device="cpu", runtime="onnx")
    assert model.runtime == "onnx" and model.columns == {"entailment": 1, "neutral": 2, "contradiction": 0}
    np.testing.assert_allclose(model.predict(pairs), reference, atol=1e-4)
    assert [f.name for f in (tmp_path / "cache").rglob("*.onnx")] == ["model.onnx"]
