"""`groundqa eval suite`: every set of a folder, one table with the means, beside the baselines."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from grounding.evaluate.suite import SUITE_METRICS, SUITE_PLOT, SUITE_REPORT, run_suite, suite_sets
from grounding.settings import Settings
from knowledge.errors import InputError

EVAL = Path(__file__).resolve().parents[1] / "fixtures" / "eval"


def _folder(tmp_path: Path) -> Path:
    folder = tmp_path / "suite"
    folder.mkdir()
    rows = [json.loads(line) for line in (EVAL / "detection.jsonl").read_text().splitlines() if line.strip()]
    for name in ("alpha", "beta"):
        with (folder / f"{name}.jsonl").open("w") as handle:
            for i, row in enumerate(rows):
                handle.write(
                    json.dumps({**row, "id": f"{name}-{row['id']}", "split": "dev" if i % 2 else "test"}) + "\n"
                )
    return folder


def test_a_folder_without_sets_is_refused(tmp_path) -> None:
    with pytest.raises(InputError, match="no .jsonl"):
        suite_sets(tmp_path)
    with pytest.raises(InputError, match="does not exist"):
        suite_sets(tmp_path / "missing")


def test_every_set_gets_a_row_and_the_mean_is_over_them(tmp_path) -> None:
    folder = _folder(tmp_path)
    summary = run_suite(
        Settings(home=tmp_path / "home"), tmp_path / "out", directory=folder, halueval=False, progress=False
    )
    assert [row["set"] for row in summary["sets"]] == ["alpha", "beta"]
    for row in summary["sets"]:
        assert {"auroc", "ba_default", "ba_dev", "baselines", "best_baseline"} <= set(row)
        assert {"token_overlap", "embedding_similarity", "answer_length"} <= set(row["baselines"])
    aurocs = [row["auroc"] for row in summary["sets"]]
    assert summary["mean"]["auroc"] == pytest.approx(sum(aurocs) / len(aurocs), abs=1e-3)
    for row in summary["sets"]:
        against = row["vs_best_baseline"]
        low, high = against["ci95"]
        assert low <= against["diff"] <= high
        assert against["standing"] == ("ahead" if low > 0 else "behind" if high < 0 else "level")
    assert sum(summary["mean"]["sets_vs_best_baseline"].values()) == 2
    report = (tmp_path / "out" / SUITE_REPORT).read_text()
    assert "| alpha |" in report and "**mean**" in report and "paired 95%" in report
    assert (tmp_path / "out" / SUITE_PLOT).stat().st_size > 1000
    assert json.loads((tmp_path / "out" / SUITE_METRICS).read_text())["mean"] == summary["mean"]
    shutil.rmtree(tmp_path / "out")
