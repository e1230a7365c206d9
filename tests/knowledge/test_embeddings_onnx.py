"""The embedding model through ONNX Runtime: a real export of the bundled MiniLM into a fresh cache,
checked against the sentence-transformers model it came from, and read back without a second export."""

import json
import sys
from pathlib import Path

import numpy as np
import pytest
from sentence_transformers import SentenceTransformer

from knowledge import embeddings
from knowledge.embeddings import RUNTIME_ENV, OnnxEmbedder, embed, load_embedder, open_embedder, resolve_model_path
from knowledge.errors import InputError, ModelError

LONG = " ".join(f"Sentence number {i} of the long report on the river, its floods and its bridges." for i in range(60))
SENTENCES = [
    "Canberra is the capital of Australia.",
    "x",
    "The Australian National University is located in Canberra, which was designed by Walter Burley Griffin.",
    LONG,
    "Penguins cannot fly.",
    "",
]


def _model_copy(root: Path, pooling: dict[str, bool]) -> Path:
    """The bundled model's files, linked, with another pooling config: a different model folder."""
    source = Path(resolve_model_path("all-MiniLM-L6-v2"))
    folder = root / "minilm-copy"
    for file in source.iterdir():
        if file.is_file():
            (folder / file.name).parent.mkdir(parents=True, exist_ok=True)
            (folder / file.name).symlink_to(file)
    (folder / "1_Pooling").mkdir()
    base = json.loads((source / "1_Pooling" / "config.json").read_text())
    modes = {key: False for key in base if key.startswith("pooling_mode_")}
    (folder / "1_Pooling" / "config.json").write_text(json.dumps({**base, **modes, **pooling}))
    return folder


@pytest.fixture(scope="module")
def exported(tmp_path_factory):
    """The bundled model on torch, and exported to ONNX into a cache folder of its own, then opened again."""
    cache = tmp_path_factory.mktemp("xdg-cache")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("XDG_CACHE_HOME", str(cache))
        onnx = open_embedder(runtime="onnx")
        files = sorted(p for p in (cache / "groundqa").rglob("*") if p.is_file())
        stats = {file: (file.stat().st_ino, file.stat().st_mtime_ns) for file in files}
        again = open_embedder(runtime="onnx")
        after = sorted(p for p in (cache / "groundqa").rglob("*") if p.is_file())
        restats = {file: (file.stat().st_ino, file.stat().st_mtime_ns) for file in after}
    torch_model = open_embedder(runtime="torch")
    return {
        "onnx": onnx,
        "again": again,
        "torch": torch_model,
        "cache": cache,
        "files": files,
        "stats": stats,
        "after": after,
        "restats": restats,
    }


def _torch_vectors(model: SentenceTransformer, texts: list[str]) -> np.ndarray:
    return model.encode(texts, batch_size=64, normalize_embeddings=True, convert_to_numpy=True)


def test_onnx_gives_the_torch_vectors(exported):
    first = exported
    assert isinstance(first["onnx"], OnnxEmbedder) and isinstance(first["torch"], SentenceTransformer)
    onnx = first["onnx"].encode(SENTENCES, batch_size=64)
    reference = _torch_vectors(first["torch"], SENTENCES)
    assert onnx.shape == reference.shape == (len(SENTENCES), 384) and onnx.dtype == np.float32
    np.testing.assert_allclose(np.linalg.norm(onnx, axis=1), 1.0, atol=1e-5)
    assert (onnx * reference).sum(axis=1).min() > 0.9999
    assert (reference[0] * reference[4]).sum() < 0.5  # the sentences are not all alike


def test_a_text_longer_than_the_model_limit_is_truncated(exported):
    model = exported["onnx"]
    assert model.max_seq_length == 256
    assert len(model.tokenizer(LONG)["input_ids"]) > 2 * 256
    longer = LONG + " And then the story goes on about something else entirely, at length." * 20
    vectors = model.encode([LONG, longer])
    np.testing.assert_allclose(vectors[0], vectors[1], atol=1e-6)  # only the first 256 tokens count


def test_a_vector_does_not_depend_on_its_batch_mates(exported):
    model = exported["onnx"]
    together = model.encode(SENTENCES, batch_size=64)
    alone = np.vstack([model.encode([text]) for text in SENTENCES])
    pairs = np.vstack([model.encode([text, LONG])[0] for text in SENTENCES])
    np.testing.assert_allclose(together, alone, atol=1e-5)
    np.testing.assert_allclose(pairs, alone, atol=1e-5)


def test_the_export_is_cached_by_the_model_and_written_atomically(exported):
    first = later = exported
    assert [f.name for f in first["files"]] == ["model.onnx"]
    folder = first["files"][0].parent
    assert folder.parent == first["cache"] / "groundqa" / "onnx" / "embeddings"
    assert folder.name.startswith("all-MiniLM-L6-v2-")
    assert not list((first["cache"] / "groundqa").rglob("*.tmp"))
    assert later["after"] == first["files"] and later["restats"] == first["stats"]  # not exported again
    assert isinstance(first["again"], OnnxEmbedder)
    np.testing.assert_array_equal(first["again"].encode(SENTENCES), first["onnx"].encode(SENTENCES))


def test_a_gpu_device_runs_torch_whatever_the_runtime_says(monkeypatch):
    monkeypatch.setenv(RUNTIME_ENV, "onnx")
    assert embeddings.pick_runtime(device="cuda") == "torch"
    assert embeddings.pick_runtime("onnx", device="cuda:0") == "torch"
    assert embeddings.pick_runtime(device="cpu") == "onnx"


@pytest.mark.skipif(embeddings.pick_device() != "cpu", reason="the default is torch where a GPU is visible")
def test_onnx_is_the_default_on_the_cpu_and_the_environment_switches_to_torch(exported, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(exported["cache"]))
    assert embeddings.pick_runtime() == "onnx"
    assert isinstance(load_embedder(), OnnxEmbedder)
    default = embed(SENTENCES[:3])
    monkeypatch.setenv(RUNTIME_ENV, "torch")
    assert embeddings.pick_runtime() == "torch"
    assert isinstance(load_embedder(), SentenceTransformer)
    on_torch = embed(SENTENCES[:3])
    assert (default * on_torch).sum(axis=1).min() > 0.9999
    assert isinstance(load_embedder(runtime="onnx"), OnnxEmbedder)  # an explicit choice wins


def test_an_unknown_runtime_names_the_setting(monkeypatch):
    monkeypatch.setenv(RUNTIME_ENV, "int8")
    with pytest.raises(InputError, match=r"unknown embedding runtime 'int8' \(GROUNDQA_EMBEDDING_RUNTIME\)"):
        embed(["a text"])
    with pytest.raises(InputError, match="choose from torch, onnx"):
        load_embedder(runtime="tensorrt")


def test_missing_onnxruntime_names_the_setting(monkeypatch):
    monkeypatch.setitem(sys.modules, "onnxruntime", None)  # what an environment without the wheel imports
    with pytest.raises(ModelError, match="onnxruntime is not installed.*GROUNDQA_EMBEDDING_RUNTIME"):
        open_embedder(runtime="onnx")


def test_cls_pooling_is_exported_and_max_pooling_falls_back_to_torch(exported, tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(exported["cache"]))
    cls_folder = _model_copy(tmp_path / "cls", {"pooling_mode_cls_token": True})
    onnx = open_embedder(str(cls_folder), runtime="onnx")
    reference = open_embedder(str(cls_folder), runtime="torch")
    assert isinstance(onnx, OnnxEmbedder)
    cls_vectors = onnx.encode(SENTENCES)
    assert (cls_vectors * _torch_vectors(reference, SENTENCES)).sum(axis=1).min() > 0.9999
    assert (cls_vectors * exported["onnx"].encode(SENTENCES)).sum(axis=1).max() < 0.99  # not the mean
    max_folder = _model_copy(tmp_path / "max", {"pooling_mode_max_tokens": True})
    assert isinstance(open_embedder(str(max_folder), runtime="onnx"), SentenceTransformer)


def test_a_failed_export_names_the_model_and_the_setting_and_leaves_no_file(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    folder = _model_copy(tmp_path, {"pooling_mode_mean_tokens": True})
    (folder / "model.safetensors").unlink()
    (folder / "model.safetensors").write_bytes(b"not a safetensors file")
    with pytest.raises(
        ModelError, match=r"cannot export embedding model '.*minilm-copy'.*GROUNDQA_EMBEDDING_RUNTIME=torch"
    ):
        open_embedder(str(folder), runtime="onnx")
    assert not [p for p in (tmp_path / "cache").rglob("*") if p.is_file() and "groundqa" in p.parts]
