"""Measuring how well a detector (the verifier, or a baseline) tells hallucinated answers from right ones,
and how well the whole pipeline answers questions.

`datasets` loads labelled answers, `qa_datasets` questions with gold answers, `sources` finds
their files, `metrics` and `answers` hold the figures, `baselines` the cheap scorers every figure
is shown beside, `detection` and `generation` run with resumable caching (in worker processes with
`workers`), `corpora` builds the KBs generation retrieves from, `runner` ties them together for
`groundqa eval`, `compare` pairs two runs, `report` and `generation_report` write report.md, `probes`
scores the verifier on hand-written claim/evidence cases.
"""

from grounding.evaluate.baselines import BASELINES, length_matched
from grounding.evaluate.compare import compare_runs
from grounding.evaluate.datasets import DATASETS, DetectionItem, LoadReport, load_dataset
from grounding.evaluate.detection import Scorer, VerifierSpec, run_detection, verifier_scorer
from grounding.evaluate.generation import PipelineSpec, generation_metrics, run_generation
from grounding.evaluate.probes import load_probes, score_probes
from grounding.evaluate.qa_datasets import QA_DATASETS, QAItem, load_qa_dataset
from grounding.evaluate.report import write_report

__all__ = [
    "BASELINES",
    "DATASETS",
    "QA_DATASETS",
    "DetectionItem",
    "LoadReport",
    "PipelineSpec",
    "QAItem",
    "Scorer",
    "VerifierSpec",
    "compare_runs",
    "generation_metrics",
    "length_matched",
    "load_dataset",
    "load_probes",
    "load_qa_dataset",
    "run_detection",
    "run_generation",
    "score_probes",
    "verifier_scorer",
    "write_report",
]
