"""Temperature scaling of the verifier's probabilities on held-out dev pairs.

A fine-tuned cross-encoder is overconfident; one temperature fitted on dev pairs (minimum negative
log-likelihood, Guo et al. 2017) makes "confidence 0.8" mean right about 80% of the time, without
changing any prediction's ranking. The temperature is stored in the model folder's
`groundqa_verifier.json` and applied at load.

    python -m grounding.train.calibrate [--model DIR] [--per-source 200]
"""

from __future__ import annotations

import argparse
import json
import random
from collections.abc import Sequence
from pathlib import Path

import numpy as np

from grounding.train import LABELS, Pair
from grounding.train.nli_data import load_nli_pairs
from grounding.train.synthetic_pairs import synthetic_pairs
from grounding.train.train import _split_pairs
from grounding.verify.nli import DEFAULT_VERIFIER_MODEL, open_nli_model, resolve_verifier_path


def scaled(probabilities: np.ndarray, temperature: float) -> np.ndarray:
    logits = np.log(np.clip(probabilities, 1e-12, 1.0)) / temperature
    logits -= logits.max(axis=1, keepdims=True)
    exp = np.exp(logits)
    return exp / exp.sum(axis=1, keepdims=True)


def nll(probabilities: np.ndarray, gold: np.ndarray) -> float:
    return float(-np.log(np.clip(probabilities[np.arange(len(gold)), gold], 1e-12, 1.0)).mean())


def expected_calibration_error(probabilities: np.ndarray, gold: np.ndarray, bins: int = 10) -> float:
    confidence = probabilities.max(axis=1)
    correct = probabilities.argmax(axis=1) == gold
    edges = np.linspace(0.0, 1.0, bins + 1)
    error = 0.0
    for low, high in zip(edges[:-1], edges[1:], strict=True):
        inside = (confidence > low) & (confidence <= high)
        if inside.any():
            error += inside.mean() * abs(correct[inside].mean() - confidence[inside].mean())
    return float(error)


def fit_temperature(probabilities: np.ndarray, gold: np.ndarray) -> float:
    grid = np.exp(np.linspace(np.log(0.25), np.log(8.0), 121))
    losses = [nll(scaled(probabilities, t), gold) for t in grid]
    return float(grid[int(np.argmin(losses))])


def dev_pairs(per_source: int, seed: int = 0) -> list[Pair]:
    """Held-out dev pairs of the permissive NLI sets and the graph-generated pairs, never trained on."""
    pools = _split_pairs(load_nli_pairs("permissive"))
    pools.update(_split_pairs(synthetic_pairs(20000, seed=seed)))
    rng = random.Random(seed + 1)
    chosen: list[Pair] = []
    for source in sorted(pools):
        held_out = pools[source]["dev"]
        chosen.extend(rng.sample(held_out, min(per_source, len(held_out))))
    return chosen


def calibrate(model: str = DEFAULT_VERIFIER_MODEL, per_source: int = 200, seed: int = 0) -> dict[str, float]:
    nli = open_nli_model(model, max_length=None, runtime="torch")  # the trained weights, not a quantized copy
    nli.temperature = 1.0
    pairs = dev_pairs(per_source, seed)
    probabilities = nli.predict([(p.premise, p.hypothesis) for p in pairs])
    gold = np.array([LABELS.index(p.label) for p in pairs])
    temperature = fit_temperature(probabilities, gold)
    calibrated = scaled(probabilities, temperature)
    result = {
        "temperature": round(temperature, 4),
        "pairs": len(pairs),
        "nll_before": round(nll(probabilities, gold), 4),
        "nll_after": round(nll(calibrated, gold), 4),
        "ece_before": round(expected_calibration_error(probabilities, gold), 4),
        "ece_after": round(expected_calibration_error(calibrated, gold), 4),
    }
    meta_path = Path(resolve_verifier_path(model)) / "groundqa_verifier.json"
    meta = json.loads(meta_path.read_text(encoding="utf-8")) if meta_path.exists() else {}
    meta["temperature"] = result["temperature"]
    meta["calibration"] = result
    meta_path.write_text(json.dumps(meta, indent=2), encoding="utf-8")
    return result


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", default=DEFAULT_VERIFIER_MODEL)
    parser.add_argument("--per-source", type=int, default=200)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args(argv)
    print(json.dumps(calibrate(args.model, args.per_source, args.seed), indent=2))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
