"""The hand-written probe file (tests/verify/probes.jsonl) through the shipped verifier: the fraction
of probes it gets right, per kind, per domain and per expected verdict, and which probes it misses.

    python -m benchmarks.probes [--path tests/verify/probes.jsonl] [--name probes]
"""

from __future__ import annotations

import argparse
import os
import time
from pathlib import Path

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TOKENIZERS_PARALLELISM", "false")

from benchmarks.common import write_result  # noqa: E402
from grounding.evaluate.probes import format_scores, score_probes  # noqa: E402
from grounding.registry import VERIFIER_RUNTIMES  # noqa: E402
from grounding.verify.nli import DEFAULT_VERIFIER_MODEL  # noqa: E402
from grounding.verify.verifier import Verifier  # noqa: E402

PROBES = Path(__file__).resolve().parents[1] / "tests" / "verify" / "probes.jsonl"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--path", type=Path, default=PROBES, help="a JSONL file of probes")
    parser.add_argument("--name", default="probes", help="result file name under benchmarks/results/")
    parser.add_argument("--model", default=None, help="verifier model (default: the bundled one)")
    parser.add_argument(
        "--runtime", default=None, choices=VERIFIER_RUNTIMES.names(), help="what runs the model (default: the default)"
    )
    args = parser.parse_args()
    verifier = Verifier(model=args.model or DEFAULT_VERIFIER_MODEL, runtime=args.runtime)
    started = time.perf_counter()
    scores = score_probes(verifier, args.path)
    seconds = round(time.perf_counter() - started, 1)
    print(format_scores(scores))
    write_result(
        args.name,
        {
            "command": f"python -m benchmarks.probes --name {args.name} --runtime {verifier.nli.runtime}",
            "verifier_model": verifier.model_name,
            "runtime": verifier.nli.runtime,
            "probes": scores["n"],
            "correct": scores["correct"],
            "accuracy": scores["accuracy"],
            "balanced_accuracy": scores["balanced_accuracy"],
            "wrongly_supported": scores["wrongly_supported"],
            "per_kind": scores["per_kind"],
            "per_domain": scores["per_domain"],
            "per_expected": scores["per_expected"],
            "missed": {f["id"]: f"expected {f['expected']}, got {f['verdict']}" for f in scores["failures"]},
            "seconds_with_model_load": seconds,
        },
    )


if __name__ == "__main__":
    main()
