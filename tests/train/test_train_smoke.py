"""A few training steps on a tiny BERT: the loop runs, stops, saves a folder that loads and predicts."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

torch = pytest.importorskip("torch")
transformers = pytest.importorskip("transformers")

from grounding.train import LABELS, Pair  # noqa: E402
from grounding.train.train import (  # noqa: E402
    CONFIG_NAME,
    TrainingData,
    auroc,
    predict_proba,
    train_verifier,
)


@pytest.fixture(scope="module")
def tiny_base(tmp_path_factory: pytest.TempPathFactory, tiny_bert) -> Path:
    """A bare tiny encoder: trains in a second."""
    return tiny_bert(tmp_path_factory.mktemp("tiny-bert"), max_positions=128)


def _pairs(n: int) -> list[Pair]:
    made = []
    for i in range(n):
        label = LABELS[i % 3]
        hypothesis = {
            "entailment": f"Item {i} is red.",
            "neutral": f"Item {i} is heavy.",
            "contradiction": f"Item {i} is blue.",
        }[label]
        made.append(Pair(f"Item {i} is red. It sits on a table.", hypothesis, label, "toy", "CC0", True))
    return made


@pytest.fixture(scope="module")
def trained(tiny_base: Path, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("out") / "verifier"
    data = TrainingData(
        train=_pairs(32),
        dev={"toy": _pairs(9)},
        sources={
            "toy": {
                "licence": "CC0",
                "permissive": True,
                "train_pairs": 32,
                "train_available": 32,
                "dev_pairs": 9,
                "labels": {},
            }
        },
    )
    meta = train_verifier(
        out_dir=out,
        data=data,
        base_model=str(tiny_base),
        epochs=2,
        batch_size=8,
        max_length=32,
        lr=1e-3,
        max_minutes=2,
        progress=False,
        halueval_eval_limits={},
        threads=2,
    )
    return out, meta


def test_training_runs_every_planned_step(trained: tuple[Path, dict]) -> None:
    _, meta = trained
    assert meta["steps"] == meta["planned_steps"] == 8
    assert meta["pairs_seen"] == 64
    assert meta["stopped_by"] == "completed"
    assert 0.0 <= meta["metrics"]["dev"]["toy"]["accuracy"] <= 1.0


def test_saved_folder_loads_and_predicts_three_labels(trained: tuple[Path, dict]) -> None:
    out, _ = trained
    assert {"config.json", "model.safetensors", "tokenizer.json", CONFIG_NAME, "MODEL_CARD.md"} <= {
        p.name for p in out.iterdir()
    }
    model = transformers.AutoModelForSequenceClassification.from_pretrained(out)
    assert next(model.parameters()).dtype == torch.float32  # fp16 on disk, fp32 in memory
    tokenizer = transformers.AutoTokenizer.from_pretrained(out)
    assert model.config.num_labels == 3
    assert [model.config.id2label[i] for i in range(3)] == list(LABELS)
    probs = predict_proba(model, tokenizer, [("Item 1 is red.", "Item 1 is red."), ("A", "B")], max_length=32)
    assert probs.shape == (2, 3)
    assert probs.sum(axis=1) == pytest.approx([1.0, 1.0], abs=1e-4)


def test_weights_are_stored_in_fp16(trained: tuple[Path, dict]) -> None:
    from safetensors import safe_open

    out, _ = trained
    with safe_open(str(out / "model.safetensors"), framework="pt") as handle:
        dtypes = {handle.get_tensor(name).dtype for name in handle.keys()}
    assert dtypes == {torch.float16}


def test_metadata_describes_the_run(trained: tuple[Path, dict]) -> None:
    out, _ = trained
    meta = json.loads((out / CONFIG_NAME).read_text())
    assert meta["labels"] == list(LABELS)
    assert meta["max_length"] == 32
    assert meta["data"]["toy"]["licence"] == "CC0"
    assert meta["machine"]["nproc"] >= 1
    card = (out / "MODEL_CARD.md").read_text()
    assert "| toy | CC0 | 32 |" in card


def test_time_budget_stops_cleanly_and_still_saves(tiny_base: Path, tmp_path: Path) -> None:
    out = tmp_path / "budget"
    data = TrainingData(train=_pairs(32), dev={}, sources={})
    meta = train_verifier(
        out_dir=out,
        data=data,
        base_model=str(tiny_base),
        epochs=3,
        batch_size=4,
        max_length=32,
        max_minutes=1e-9,
        progress=False,
        halueval_eval_limits={},
    )
    assert meta["steps"] == 0 and meta["stopped_by"].startswith("time budget")
    assert (out / "model.safetensors").exists()


def test_auroc_matches_hand_computed_values() -> None:
    assert auroc([0.1, 0.4, 0.35, 0.8], [False, False, True, True]) == pytest.approx(0.75)
    assert auroc([0.5, 0.5], [True, False]) == pytest.approx(0.5)
    assert auroc([1, 2, 3], [True, True, True]) != auroc([1, 2, 3], [True, True, True])  # NaN


def _toy_data() -> TrainingData:
    source = {"licence": "CC0", "permissive": True, "train_pairs": 24, "train_available": 24, "dev_pairs": 6}
    return TrainingData(train=_pairs(24), dev={"toy": _pairs(6)}, sources={"toy": {**source, "labels": {}}})


def test_exported_data_trains_elsewhere_with_the_same_pairs(tiny_base: Path, tmp_path: Path) -> None:
    from grounding.train.data_file import load_training_data, save_training_data
    from grounding.train.halueval_pairs import EvalItem
    from grounding.train.train import main

    items = {
        "dialogue": [
            EvalItem("dialogue", 7, False, (("Item 7 is red.", "Item 7 is red."),)),
            EvalItem("dialogue", 7, True, (("Item 7 is red.", "Item 7 is green."), ("Item 7 is red.", "It is old."))),
        ]
    }
    path = tmp_path / "data.json.gz"
    save_training_data(path, _toy_data(), items, command="python -m grounding.train.train --export-data x")
    loaded = load_training_data(path)
    assert loaded.data.train == _toy_data().train and loaded.data.dev == _toy_data().dev
    assert loaded.data.sources["toy"]["licence"] == "CC0" and loaded.halueval_items == items

    out = tmp_path / "verifier"
    argv = ["--data", str(path), "--base-model", str(tiny_base), "--out-dir", str(out), "--batch-size", "8"]
    assert main([*argv, "--max-length", "32", "--threads", "2", "--no-progress"]) == 0
    meta = json.loads((out / CONFIG_NAME).read_text())
    assert meta["train_pairs"] == 24 and meta["steps"] == 3
    assert meta["metrics"]["halueval_dev"]["dialogue"]["n_items"] == 2
    assert meta["command"].startswith("python -m grounding.train.train --export-data x && ")
    assert "--data" in meta["command"]


def test_unreadable_or_foreign_data_file_names_the_file(tmp_path: Path) -> None:
    import gzip

    from grounding.train.data_file import load_training_data
    from knowledge.errors import InputError

    broken = tmp_path / "broken.json.gz"
    broken.write_bytes(b"not gzip at all")
    with pytest.raises(InputError, match="broken.json.gz"):
        load_training_data(broken)
    foreign = tmp_path / "foreign.json.gz"
    foreign.write_bytes(gzip.compress(b'{"format": "something-else"}'))
    with pytest.raises(InputError, match="foreign.json.gz"):
        load_training_data(foreign)


def test_bad_cap_option_is_an_input_error() -> None:
    from grounding.train.train import main
    from knowledge.errors import InputError

    with pytest.raises(InputError, match="snli=lots"):
        main(["--cap", "snli=lots", "--export-data", "unused.json.gz"])


def test_the_command_line_sets_every_knob_of_the_training_data(tmp_path: Path, monkeypatch) -> None:
    """A model card's command must rebuild its data: held-out size, graph pairs and HaluEval rows included."""
    from grounding.train import train
    from grounding.train.data_file import load_training_data

    monkeypatch.setattr(train, "dev_eval_items", lambda limits=None: {})
    zero = {"dialogue": 0, "summarization": 0, "qa": 0}
    argv = ["--export-data", str(tmp_path / "data.json.gz"), "--synthetic-pairs", "300", "--dev-per-source", "5"]
    argv += ["--seed", "3", "--cap", "snli=40", "--no-progress"]
    for task in zero:
        argv += ["--halueval-train", f"{task}=0", "--halueval-dev", f"{task}=0"]
    assert train.main(argv) == 0
    exported = load_training_data(tmp_path / "data.json.gz").data
    direct = train.build_training_data(
        "permissive",
        None,
        3,
        caps={**train.DEFAULT_CAPS, "snli": 40},
        dev_per_source=5,
        synthetic_count=300,
        halueval_limits=zero,
        halueval_dev_limits=zero,
    )
    assert exported.train == direct.train and exported.dev == direct.dev
    assert max(len(pairs) for pairs in exported.dev.values()) == 5
    assert exported.sources["snli"]["train_pairs"] == 40 and not any(s.startswith("halueval") for s in exported.sources)
