"""Measuring how well a detector (the verifier, or a baseline) tells hallucinated answers from right ones.

`datasets` loads labelled answers, `metrics` holds the figures, `baselines` the cheap scorers every
figure is shown beside, `detection` runs a scorer with resumable caching, `report` writes report.md.
"""

from grounding.evaluation.baselines import BASELINES, length_matched
from grounding.evaluation.datasets import DATASETS, DetectionItem, LoadReport, load_dataset
from grounding.evaluation.detection import Scorer, run_detection, verifier_scorer
from grounding.evaluation.report import write_report

__all__ = [
    "BASELINES",
    "DATASETS",
    "DetectionItem",
    "LoadReport",
    "Scorer",
    "length_matched",
    "load_dataset",
    "run_detection",
    "verifier_scorer",
    "write_report",
]
