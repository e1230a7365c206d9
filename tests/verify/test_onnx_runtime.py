"""The ONNX runtimes of the cross-encoder: a real export of the bundled model into a fresh cache,
checked against the torch model it came from, and read back without a second export."""

import sys

import numpy as np
import pytest
from typer.testing import CliRunner

from grounding.cli import app
from grounding.registry import DEFAULT_VERIFIER_RUNTIME, VERIFIER_RUNTIMES
from grounding.settings import load_settings
from grounding.verify import onnx_runtime
from grounding.verify.nli import load_nli_model, open_nli_model
from grounding.verify.verifier import Verifier
from knowledge.errors import InputError, ModelError

PAIRS = [
    ("Canberra is the capital of Australia.", "Canberra is the capital of Australia."),
    ("The meeting was moved to Friday morning.", "The meeting is on Monday."),
    ("Insulin is produced by the beta cells of the pancreas.", "Insulin is made in the pancreas."),
    ("The river floods every spring.", "The mayor was re-elected in 2019."),
    ("Penguins are flightless birds: they cannot fly, and they use their wings to swim.", "Penguins can fly."),
]
# Plain cases from the probe file's kinds (paraphrase, number, unrelated, antonym): claim, evidence, verdict.
OBVIOUS = [
    ("Canberra is the capital of Australia.", "Canberra is the capital city of Australia.", "supported"),
    ("The bridge is 500 metres long.", "The bridge is 800 metres long.", "contradicted"),
    ("The museum opens at nine.", "Rainfall in the region averages 600 mm a year.", "unverifiable"),
    ("Water boils at 100 degrees at sea level.", "At sea level, water boils at 100 degrees.", "supported"),
    ("Sales rose in 2020.", "Sales fell sharply in 2020.", "contradicted"),
]


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The bundled model in torch, and exported (fp32 and int8) into a cache folder of its own."""
    cache = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache))
        torch_model = open_nli_model(device="cpu", runtime="torch")
        fp32 = open_nli_model(device="cpu", runtime="onnx")
        int8 = open_nli_model(device="cpu", runtime="onnx-int8")
        files = sorted(cache.rglob("*.onnx"))
        stats = {file.name: (file.stat().st_ino, file.stat().st_mtime_ns) for file in files}
        again = open_nli_model(device="cpu", runtime="onnx-int8")
        after = sorted((cache / "groundqa").rglob("*"))
        restats = {file.name: (file.stat().st_ino, file.stat().st_mtime_ns) for file in files}
    return {
        "torch": torch_model,
        "onnx": fp32,
        "onnx-int8": int8,
        "again": again,
        "cache": cache,
        "files": files,
        "stats": stats,
        "after": after,
        "restats": restats,
    }


def test_the_export_lands_in_the_cache_keyed_by_the_model(exported):
    assert [f.name for f in exported["files"]] == ["model.int8.onnx", "model.onnx"]
    folder = exported["files"][0].parent
    assert folder.parent == exported["cache"] / "groundqa" / "onnx"
    assert folder.name.startswith("groundqa-nli-minilm-")
    assert exported["files"][0].stat().st_size < exported["files"][1].stat().st_size / 3  # int8 weights
    assert not [f for f in folder.iterdir() if f.name.endswith(".tmp")]


def test_a_second_load_reads_the_cache_without_exporting_again(exported):
    assert exported["restats"] == exported["stats"]  # same files, same inodes: nothing rewritten
    assert [p for p in exported["after"] if p.is_file()] == exported["files"]
    assert exported["again"].runtime == "onnx-int8"
    np.testing.assert_array_equal(exported["again"].predict(PAIRS), exported["onnx-int8"].predict(PAIRS))


def test_onnx_fp32_gives_the_torch_probabilities(exported):
    torch_probs = exported["torch"].predict(PAIRS)
    onnx_probs = exported["onnx"].predict(PAIRS)
    assert exported["onnx"].runtime == "onnx" and exported["torch"].runtime == "torch"
    np.testing.assert_allclose(onnx_probs, torch_probs, atol=1e-3)
    assert torch_probs[0].argmax() == 0 and torch_probs[1].argmax() == 2  # the pairs are not all alike


def test_onnx_runs_batches_of_any_length(exported):
    long_premise = " ".join(["The committee met again in the old town hall to discuss the budget."] * 20)
    pairs = [*PAIRS, (long_premise, "The committee met.")]
    model = exported["onnx"]
    model.forget()
    probs = model.predict(pairs, batch_size=2)
    np.testing.assert_allclose(probs, exported["torch"].predict(pairs, batch_size=2), atol=1e-3)
    np.testing.assert_allclose(probs.sum(axis=1), 1.0, rtol=1e-5)


@pytest.mark.parametrize(("claim", "evidence", "verdict"), OBVIOUS)
def test_int8_reaches_the_torch_verdicts_on_obvious_claims(exported, claim, evidence, verdict):
    reports = {}
    for runtime in ("torch", "onnx-int8"):
        verifier = Verifier()
        verifier.nli = exported[runtime]
        reports[runtime] = verifier.verify(claim, evidence=[evidence]).claims[0].verdict.value
    assert reports == {"torch": verdict, "onnx-int8": verdict}


def test_an_int8_probability_does_not_depend_on_the_pairs_beside_it(exported):
    """int8 activations are quantized with one scale per input: batched with longer pairs (and their
    padding) a pair would read differently, so int8 runs one pair at a time."""
    model = exported["onnx-int8"]
    model.forget()
    together = model.predict(PAIRS)
    model.forget()
    alone = np.vstack([model.predict([pair]) for pair in PAIRS])
    model.forget()
    reversed_order = model.predict(PAIRS[::-1])[::-1]
    assert np.array_equal(together, alone) and np.array_equal(together, reversed_order)


def test_a_bad_runtime_name_is_a_clear_error():
    with pytest.raises(InputError, match="unknown verifier runtime 'tensorrt'; choose from torch, onnx, onnx-int8"):
        load_nli_model(runtime="tensorrt")
    with pytest.raises(InputError, match="verifier_runtime.*choose from torch, onnx, onnx-int8"):
        load_settings(verifier_runtime="fast")


def test_the_cli_names_the_runtime_choices_and_rejects_others():
    runner = CliRunner()
    result = runner.invoke(app, ["verify", "-a", "Paris is in France.", "--no-graph", "--runtime", "fast"])
    assert result.exit_code == 2
    assert "unknown verifier runtime 'fast'; choose from torch, onnx, onnx-int8" in result.output
    assert "--runtime" in runner.invoke(app, ["verify", "--help"], terminal_width=200).output


def test_the_runtime_setting_comes_from_the_environment(monkeypatch):
    assert load_settings().verifier_runtime == DEFAULT_VERIFIER_RUNTIME
    monkeypatch.setenv("GROUNDQA_VERIFIER_RUNTIME", "torch")
    assert load_settings().verifier_runtime == "torch"
    assert DEFAULT_VERIFIER_RUNTIME in VERIFIER_RUNTIMES


def test_missing_onnxruntime_names_the_setting(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # what an environment without the wheel imports
    with pytest.raises(ModelError, match="onnxruntime is not installed.*verifier_runtime"):
        onnx_runtime.require_onnxruntime()


def test_the_cache_key_follows_the_weights(tmp_path):
    folder = tmp_path / "my-model"
    folder.mkdir()
    (folder / "config.json").write_text("{}")
    (folder / "model.safetensors").write_bytes(b"0" * 10)
    first = onnx_runtime.cache_key(str(folder), str(folder))
    assert first == onnx_runtime.cache_key(str(folder), str(folder))
    assert first.startswith("my-model-")
    (folder / "model.safetensors").write_bytes(b"1" * 11)  # retrained: other weights
    assert onnx_runtime.cache_key(str(folder), str(folder)) != first
    assert onnx_runtime.cache_key("org/unknown-model", "org/unknown-model").startswith("org--unknown-model-")
