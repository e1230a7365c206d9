"""The detection harness end to end with fake scorers: files written, figures right, runs resumable.

The real verifier model is never loaded here; the embedding baseline uses the real MiniLM.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from grounding.evaluate import baselines as b
from grounding.evaluate.datasets import DetectionItem, load_dataset
from grounding.evaluate.detection import run_detection, verifier_scorer
from grounding.types import Claim, ClaimVerdict, Method, Verdict, VerificationReport
from knowledge.errors import GroundQAError, InputError

EVAL = Path(__file__).parents[1] / "fixtures" / "eval"
FAST = ("answer_length", "token_overlap", "always_hallucinated")
TIMING = {"items_per_second", "latency_ms_per_item", "scored_this_run"}
FAKE_SCORES = {
    json.loads(line)["id"]: json.loads(line)["fake_score"]
    for line in (EVAL / "detection.jsonl").read_text().splitlines()
}


def fake_summary(score: float) -> dict[str, Any]:
    verdict = "contradicted" if score >= 0.5 else "supported"
    return {"grounded": score < 0.5, "counts": {verdict: 1}, "claims": [{"text": "c", "verdict": verdict}]}


class TableScorer:
    """Returns the fixture's fake_score; records every id it was asked about; can fail on call k."""

    def __init__(self, fail_on_call: int | None = None) -> None:
        self.calls: list[list[str]] = []
        self.fail_on_call = fail_on_call

    def __call__(self, items: list[DetectionItem]) -> list[tuple[float, dict[str, Any]]]:
        self.calls.append([item.id for item in items])
        if self.fail_on_call is not None and len(self.calls) == self.fail_on_call:
            raise KeyboardInterrupt("simulated interruption")
        return [(FAKE_SCORES[item.id], fake_summary(FAKE_SCORES[item.id])) for item in items]


@pytest.fixture(scope="module")
def detection_items() -> tuple[list[DetectionItem], list[DetectionItem]]:
    test, _ = load_dataset("generic", EVAL / "detection.jsonl", split="test")
    dev, _ = load_dataset("generic", EVAL / "detection.jsonl", split="dev")
    return test, dev


def _without_timing(rows: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [{k: v for k, v in row.items() if k != "latency_ms"} for row in rows]


def _read_rows(path: Path) -> list[dict[str, Any]]:
    return [json.loads(line) for line in path.read_text().splitlines()]


def test_end_to_end_writes_every_file_with_hand_checked_figures(tmp_path, detection_items) -> None:
    test, dev = detection_items
    out = tmp_path / "run"
    metrics = run_detection(
        test, TableScorer(), out, dev_items=dev, progress=False, baselines=FAST, n_bootstrap=100
    )

    for name in ("metrics.json", "predictions.jsonl", "report.md", "roc.png", "reliability.png"):
        assert (out / name).stat().st_size > 0, name
    assert (out / "score_histogram.png").exists() and (out / "categories.png").exists()
    assert (out / "roc.png").read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    assert json.loads((out / "metrics.json").read_text()) == metrics

    # dev: 0.9 and 0.6 hallucinated, 0.4 and 0.2 right -> cut halfway between 0.6 and 0.4
    assert metrics["threshold"] == pytest.approx(0.5) and metrics["threshold_source"] == "dev"
    assert metrics["n"] == 6 and metrics["n_dev"] == 4
    assert metrics["confusion"] == {"tp": 2, "fp": 1, "tn": 2, "fn": 1}
    assert metrics["balanced_accuracy"] == pytest.approx(2 / 3, abs=1e-5)
    assert metrics["f1"] == pytest.approx(2 / 3, abs=1e-5)
    assert metrics["auroc"] == pytest.approx(8 / 9, abs=1e-5)
    assert metrics["ece"] is not None and metrics["latency_ms_per_item"]["p50_ms"] >= 0
    assert set(metrics["ci95"]) == {"balanced_accuracy", "auroc", "f1"}
    assert metrics["per_category"]["places"]["balanced_accuracy"] == 1.0
    assert metrics["per_category"]["people"]["balanced_accuracy"] == 0.5
    assert metrics["per_category"]["numbers"]["n"] == 2

    assert set(metrics["baselines"]) == set(FAST)
    constant = metrics["baselines"]["always_hallucinated"]
    assert constant["balanced_accuracy"] == 0.5 and constant["auroc"] == 0.5
    assert metrics["baselines"]["answer_length"]["threshold_source"] == "dev"
    assert metrics["baselines"]["answer_length"]["ece"] is None, "lengths are not probabilities"
    assert "length_matched" not in metrics, "generic rows are not paired"

    rows = _read_rows(out / "predictions.jsonl")
    assert [r["id"] for r in rows] == [i.id for i in dev + test]
    t3 = next(r for r in rows if r["id"] == "t3")
    assert (
        t3["score"] == 0.7 and t3["label"] is False and t3["predicted"] is True and t3["category"] == "people"
    )
    assert t3["verdict"]["grounded"] is False and t3["claims"][0]["verdict"] == "contradicted"
    assert set(t3["baselines"]) == set(FAST) and t3["split"] == "test"

    report = (out / "report.md").read_text()
    assert "| verifier | 0.667 [" in report and "| answer_length |" in report
    assert "![roc](roc.png)" in report and "## By category" in report


def test_resume_after_an_interruption_scores_only_the_rest(tmp_path, detection_items) -> None:
    test, dev = detection_items
    kwargs = {"dev_items": dev, "progress": False, "baselines": FAST, "n_bootstrap": 50, "batch_size": 3}
    clean = run_detection(test, TableScorer(), tmp_path / "clean", **kwargs)

    out = tmp_path / "resumed"
    interrupted = TableScorer(fail_on_call=3)
    with pytest.raises(KeyboardInterrupt):
        run_detection(test, interrupted, out, **kwargs)
    done = [r["id"] for r in _read_rows(out / "predictions.jsonl")]
    assert done == [i for call in interrupted.calls[:2] for i in call] and len(done) == 6
    assert not (out / "metrics.json").exists()

    rest = TableScorer()
    resumed = run_detection(test, rest, out, **kwargs)
    assert sorted(i for call in rest.calls for i in call) == sorted(
        i.id for i in dev + test if i.id not in done
    )
    assert resumed["scored_this_run"] == 4
    assert {k: v for k, v in resumed.items() if k not in TIMING} == {
        k: v for k, v in clean.items() if k not in TIMING
    }
    assert _without_timing(_read_rows(out / "predictions.jsonl")) == _without_timing(
        _read_rows(tmp_path / "clean" / "predictions.jsonl")
    )

    again = TableScorer()
    run_detection(test, again, out, **kwargs)
    assert again.calls == [], "a finished run rescoring nothing"


def test_a_torn_last_line_is_rescored(tmp_path, detection_items) -> None:
    test, dev = detection_items
    out = tmp_path / "torn"
    run_detection(test, TableScorer(), out, dev_items=dev, progress=False, baselines=(), n_bootstrap=10)
    lines = (out / "predictions.jsonl").read_text().splitlines()
    (out / "predictions.jsonl").write_text("\n".join(lines[:-1]) + "\n" + lines[-1][:25])
    scorer = TableScorer()
    run_detection(test, scorer, out, dev_items=dev, progress=False, baselines=(), n_bootstrap=10)
    assert scorer.calls == [[json.loads(lines[-1])["id"]]]


def test_a_cache_from_another_dataset_is_refused(tmp_path, detection_items) -> None:
    test, dev = detection_items
    out = tmp_path / "other"
    run_detection(test, TableScorer(), out, progress=False, baselines=(), n_bootstrap=10)
    flipped = [item.model_copy(update={"hallucinated": not item.hallucinated}) for item in test]
    with pytest.raises(InputError, match="another label"):
        run_detection(flipped, TableScorer(), out, progress=False, baselines=(), n_bootstrap=10)


def test_bad_inputs(tmp_path, detection_items) -> None:
    test, _ = detection_items
    with pytest.raises(InputError, match="unique"):
        run_detection(test + test[:1], TableScorer(), tmp_path / "a", progress=False, baselines=())
    with pytest.raises(InputError, match="no items"):
        run_detection([], TableScorer(), tmp_path / "b", progress=False, baselines=())
    with pytest.raises(InputError, match="unknown baselines"):
        run_detection(test, TableScorer(), tmp_path / "c", progress=False, baselines=("coin",))
    with pytest.raises(GroundQAError, match="returned 0 results"):
        run_detection(test, lambda items: [], tmp_path / "d", progress=False, baselines=())


def test_without_dev_the_threshold_is_one_half_and_workers_give_the_same_result(
    tmp_path, detection_items
) -> None:
    test, _ = detection_items
    one = run_detection(test, TableScorer(), tmp_path / "one", progress=False, baselines=(), n_bootstrap=20)
    two = run_detection(
        test,
        TableScorer(),
        tmp_path / "two",
        progress=False,
        baselines=(),
        n_bootstrap=20,
        workers=2,
        batch_size=1,
    )
    assert one["threshold"] == 0.5 and one["threshold_source"] == "default"
    assert one["balanced_accuracy"] == two["balanced_accuracy"] and one["auroc"] == two["auroc"]


def test_paired_halueval_items_get_a_length_matched_section(tmp_path) -> None:
    items, _ = load_dataset("halueval-dialogue", EVAL / "halueval_dialogue.json")
    test = [i for i in items if i.split == "test"]
    dev = [i for i in items if i.split == "dev"]

    def by_content(batch: list[DetectionItem]) -> list[tuple[float, dict[str, Any]]]:
        return [(0.9 if "Tarantino" in i.answer else 0.1, fake_summary(0.5)) for i in batch]

    metrics = run_detection(
        test, by_content, tmp_path, dev_items=dev, progress=False, baselines=FAST, n_bootstrap=20
    )
    assert metrics["balanced_accuracy"] == 1.0 and metrics["auroc"] == 1.0
    # right answers are short, hallucinated ones long: no pair survives length matching
    assert metrics["length_matched"] == {"pairs": 0, "pairs_total": 2, "tolerance": 0.2}
    assert "Length-matched pairs" in (tmp_path / "report.md").read_text()


def _item(id_: str, answer: str, evidence: list[str], hallucinated: bool, group: str = "") -> DetectionItem:
    return DetectionItem(
        id=id_, answer=answer, evidence=evidence, hallucinated=hallucinated, group=group or id_
    )


def test_token_overlap_and_length_by_hand() -> None:
    items = [
        _item("a", "Canberra is the capital.", ["Canberra is the capital city of Australia."], False),
        _item(
            "b", "Sydney is the capital of Australia.", ["Canberra is the capital city of Australia."], True
        ),
        _item("c", "It is.", ["Anything."], False),
        _item("d", "Paris.", [], True),
    ]
    # content tokens: a {canberra, capital}: all found; b {sydney, capital, australia}: sydney missing
    assert b.token_overlap(items).tolist() == pytest.approx([0.0, 1 / 3, 0.0, 1.0])
    assert b.answer_length(items).tolist() == [24, 35, 6, 6]
    assert b.always_hallucinated(items).tolist() == [1, 1, 1, 1]


def test_embedding_similarity_with_the_real_minilm() -> None:
    evidence = ["The Eiffel Tower is in Paris. It was completed in 1889.", "Bananas are rich in potassium."]
    items = [
        _item("same", "It was completed in 1889.", evidence, False),
        _item("near", "The Eiffel Tower stands in Paris.", evidence, False),
        _item("far", "Quantum chromodynamics describes the strong interaction.", evidence, True),
        _item("none", "Anything at all.", [], True),
    ]
    scores = b.embedding_similarity(items)
    assert scores[0] == pytest.approx(0.0, abs=1e-3)
    assert scores[1] < 0.3 < scores[2]
    assert scores[3] == 1.0


def test_length_matched_keeps_pairs_within_twenty_percent() -> None:
    items = [
        _item("1r", "x" * 100, [], False, "g1"),
        _item("1h", "y" * 81, [], True, "g1"),  # 19% shorter: kept
        _item("2r", "x" * 100, [], False, "g2"),
        _item("2h", "y" * 79, [], True, "g2"),  # 21% shorter: dropped
        _item("3r", "Delhi", [], False, "g3"),
        _item("3h", "The company is based in Mumbai.", [], True, "g3"),
        _item("4h", "unpaired", [], True, "g4"),
    ]
    kept = b.length_matched(items)
    assert [i.id for i in kept] == ["1r", "1h"]
    assert b.count_pairs(items) == 3 and b.count_pairs(kept) == 1


class StubVerifier:
    def __init__(self) -> None:
        self.seen: list[Any] = []

    def verify_many(self, items: list[Any], options: Any = None) -> list[VerificationReport]:
        self.seen.extend(items)
        reports = []
        for item in items:
            claim = Claim(index=0, text=item.answer, start=0, end=len(item.answer))
            verdict = ClaimVerdict(
                claim=claim,
                verdict=Verdict.CONTRADICTED,
                confidence=0.8,
                method=Method.ENTAILMENT,
                reason="stub",
            )
            reports.append(
                VerificationReport(
                    answer=item.answer, claims=[verdict], grounded=False, hallucination_score=0.8,
                    counts={Verdict.SUPPORTED: 0, Verdict.CONTRADICTED: 1, Verdict.UNVERIFIABLE: 0},
                )
            )  # fmt: skip
        return reports


def test_verifier_scorer_passes_the_items_evidence_and_summarises_reports() -> None:
    stub = StubVerifier()
    items = [
        _item("a", "Sydney is the capital.", ["Canberra is the capital."], True),
        _item("b", "Paris.", [], False),
    ]
    results = verifier_scorer(stub)(items)  # type: ignore[arg-type]
    assert [s for s, _ in results] == [0.8, 0.8]
    summary = results[0][1]
    assert summary["grounded"] is False and summary["counts"]["contradicted"] == 1
    assert summary["claims"] == [
        {
            "text": "Sydney is the capital.",
            "verdict": "contradicted",
            "confidence": 0.8,
            "method": "entailment",
        }
    ]
    assert stub.seen[0].evidence == ["Canberra is the capital."]
    assert stub.seen[1].evidence == [], "no evidence stays an empty list, so the verifier never retrieves"
    assert np.isclose(results[1][0], 0.8)


def test_a_smaller_rerun_reuses_the_cache_and_keeps_the_rest(tmp_path, detection_items) -> None:
    test, dev = detection_items
    run_detection(test, TableScorer(), tmp_path, dev_items=dev, progress=False, baselines=(), n_bootstrap=10)
    scorer = TableScorer()
    metrics = run_detection(
        test[:4], scorer, tmp_path, dev_items=dev, progress=False, baselines=(), n_bootstrap=10
    )
    assert scorer.calls == [] and metrics["n"] == 4
    ids = [r["id"] for r in _read_rows(tmp_path / "predictions.jsonl")]
    assert ids[:8] == [i.id for i in dev + test[:4]] and sorted(ids[8:]) == ["t5", "t6"]


def test_a_second_run_into_a_busy_folder_is_refused(tmp_path, detection_items) -> None:
    from grounding.evaluate.detection import exclusive

    test, _ = detection_items
    with exclusive(tmp_path), pytest.raises(InputError, match="another run is writing"):
        run_detection(test, TableScorer(), tmp_path, progress=False, baselines=(), n_bootstrap=10)
    run_detection(test, TableScorer(), tmp_path, progress=False, baselines=(), n_bootstrap=10)


def test_a_run_folder_resumes_only_with_the_verifier_that_filled_it(tmp_path: Path) -> None:
    """Predictions of one model or one set of options must never mix into another's figure."""
    import shutil

    from grounding.evaluate.detection import PREDICTIONS, SCORER_FILE, VerifierSpec, check_resumable
    from grounding.settings import Settings
    from grounding.verify.nli import resolve_verifier_path
    from grounding.verify.options import VerifierOptions

    out = tmp_path / "run"
    out.mkdir()
    shipped = VerifierSpec(settings=Settings())
    check_resumable(out, shipped.signature())  # a fresh folder records who scores it
    (out / PREDICTIONS).write_text("")
    check_resumable(out, VerifierSpec(settings=Settings()).signature())  # the same verifier resumes
    fewer_rules = VerifierSpec(settings=Settings(), options=VerifierOptions().without("word_coverage"))
    with pytest.raises(InputError, match=r"run holds predictions scored with another options"):
        check_resumable(out, fewer_rules.signature())
    copy = tmp_path / "copy"
    shutil.copytree(resolve_verifier_path("groundqa-nli-minilm"), copy)
    assert VerifierSpec(settings=Settings(verifier_model=str(copy))).signature()["weights"] == (
        shipped.signature()["weights"]
    )  # the same weights elsewhere, with other dates, are the same model
    weights = copy / "model.safetensors"
    weights.write_bytes(weights.read_bytes()[:-1] + b"\x00")
    with pytest.raises(InputError, match="another verifier_model, weights"):
        check_resumable(out, VerifierSpec(settings=Settings(verifier_model=str(copy))).signature())
    (out / SCORER_FILE).unlink()
    with pytest.raises(InputError, match="settings it did not record"):
        check_resumable(out, shipped.signature())
