"""What `groundqa eval` does, as functions: pick the corpus, load the questions, run, summarise.

The CLI only parses and renders; these functions hold the decisions that make a figure mean
something (which KB a set retrieves from, which MetaQA questions are answerable, which split
calibrates), so the Python API and the command give the same numbers.
"""

from __future__ import annotations

import functools
import json
from pathlib import Path
from typing import TYPE_CHECKING, Any

from grounding.evaluate.datasets import load_dataset
from grounding.evaluate.detection import VerifierSpec, run_detection
from grounding.evaluate.generation import PipelineSpec, run_generation
from grounding.evaluate.qa_datasets import QA_DATASETS, answerable_in, load_qa_dataset
from grounding.evaluate.report import _num
from grounding.factory import DEFAULT_MITIGATION
from knowledge.atomic import write_text_atomic
from knowledge.errors import InputError

if TYPE_CHECKING:
    from grounding.settings import Settings

MODES = ("detection", "generation")
ABLATIONS = ("graph", "entailment", "both", "both+llm")
ABLATION_FIGURES = ("balanced_accuracy", "auroc", "f1")


def corpus_kb(name: str, settings: Settings, kb: Path | None, progress: bool = True):
    """The KB a generation set retrieves from: --kb when given, else the set's whole corpus."""
    from grounding.data.sources import resolve
    from grounding.evaluate.corpora import halueval_qa_kb, metaqa_kb
    from grounding.factory import open_kb

    if kb is not None:
        return open_kb(settings.model_copy(update={"kb": Path(kb)}), progress=progress)
    if name == "halueval-qa":
        return halueval_qa_kb(resolve(name, None), progress=progress)
    if name.startswith("metaqa-"):
        return metaqa_kb(progress=progress)
    raise InputError(
        f"{name} has no corpus of its own to retrieve from (its answers cite web pages that are not "
        "shipped): pass --kb with a knowledge base that covers its questions"
    )


def generation_eval(
    name: str,
    settings: Settings,
    out: Path,
    *,
    data: Path | None = None,
    split: str | None = "test",
    limit: int | None = None,
    seed: int = 0,
    kb: Path | None = None,
    llm: str = "default",
    answerer: str = "auto",
    mitigation: tuple[str, ...] = DEFAULT_MITIGATION,
    k: int | None = None,
    workers: int = 1,
    progress: bool = True,
    n_bootstrap: int = 1000,
    ray: str | None = None,
) -> tuple[dict[str, Any], Any]:
    """(metrics, load report) of the pipeline answering one set's questions over its corpus."""
    if name not in QA_DATASETS:
        raise InputError(f"generation mode needs questions with gold answers; {name!r} is not one of {QA_DATASETS}")
    knowledge_base = corpus_kb(name, settings, kb, progress)
    keep = None
    if name.startswith("metaqa-"):
        keep = answerable_in(knowledge_base, int(name.split("-")[1][0]))
    items, load = load_qa_dataset(name, data, split, limit, seed, keep=keep)
    spec = PipelineSpec(
        settings=settings,
        kb=str(knowledge_base.root),
        llm=llm,
        answerer=answerer,
        mitigation=tuple(mitigation),
        k=k,
    )
    meta = {
        "dataset": name,
        "mode": "generation",
        "source": load.source,
        "split": split,
        "limit": limit,
        "seed": seed,
        "kb": str(knowledge_base.root),
        "llm": llm,
        "answerer": answerer,
        "mitigation": ",".join(mitigation),
        "answerable_filter": "gold answers within the hops of the topic" if keep else "none",
        "rows_malformed": load.rows_malformed,
        "rows_filtered": load.rows_filtered,
    }
    # worker processes open their own KB; in this process the open one is shared
    factory = spec if workers > 1 or ray is not None else functools.partial(spec.build, knowledge_base)
    metrics = run_generation(
        items, factory, out, workers=workers, progress=progress, n_bootstrap=n_bootstrap, seed=seed, meta=meta, ray=ray
    )
    return metrics, load


def detection_eval(
    name: str,
    settings: Settings,
    out: Path,
    *,
    data: Path | None = None,
    limit: int | None = None,
    dev_limit: int = 150,
    seed: int = 0,
    kb: Path | None = None,
    options: Any = None,
    llm_judge: str | None = None,
    workers: int = 1,
    progress: bool = True,
    n_bootstrap: int = 1000,
    ray: str | None = None,
) -> tuple[dict[str, Any], Any]:
    """(metrics, load report) of the verifier on labelled answers; the dev split calibrates."""
    test, load = load_dataset(name, data, "test", limit, seed)
    dev, _ = load_dataset(name, data, "dev", dev_limit, seed) if dev_limit else ([], None)
    spec = VerifierSpec(settings=settings, options=options, kb=str(kb) if kb else None, llm_judge=llm_judge)
    meta = {
        "dataset": name,
        "mode": "detection",
        "source": load.source,
        "limit": limit,
        "seed": seed,
        "kb": str(kb) if kb else "none (items' own evidence)",
        "rows_malformed": load.rows_malformed,
    }
    metrics = run_detection(
        test,
        spec,
        out,
        dev_items=dev,
        workers=workers,
        progress=progress,
        seed=seed,
        meta=meta,
        n_bootstrap=n_bootstrap,
        ray=ray,
    )
    return metrics, load


def ablation_options(variant: str) -> Any:
    from grounding.verify.verifier import VerifierOptions

    if variant not in ABLATIONS:
        raise InputError(f"unknown ablation {variant!r}; known: {list(ABLATIONS)}")
    return VerifierOptions(
        use_graph=variant != "entailment",
        use_entailment=variant != "graph",
        use_llm=variant == "both+llm",
    )


def ablation_eval(
    name: str,
    settings: Settings,
    out: Path,
    *,
    variants: tuple[str, ...] = ABLATIONS,
    llm: str = "default",
    **kwargs: Any,
) -> dict[str, Any]:
    """The detection run once per checker combination, each in out/<variant>/, and one summary table.

    The graph checker can only decide claims against a graph, so without --kb its variant
    leaves every claim unverifiable: the summary says so instead of hiding it.
    """
    summary: dict[str, Any] = {"dataset": name, "kb": str(kwargs.get("kb") or "none"), "variants": {}}
    for variant in variants:
        metrics, _ = detection_eval(
            name,
            settings,
            Path(out) / variant.replace("+", "-"),
            options=ablation_options(variant),
            llm_judge=llm if variant == "both+llm" else None,
            **kwargs,
        )
        summary["variants"][variant] = {key: metrics.get(key) for key in (*ABLATION_FIGURES, "threshold", "n")}
        summary["variants"][variant]["ci95"] = metrics.get("ci95", {})
        summary["variants"][variant]["items_per_second"] = metrics.get("items_per_second")
    write_text_atomic(Path(out) / "ablation.json", json.dumps(summary, indent=2) + "\n")
    write_text_atomic(Path(out) / "ablation.md", ablation_markdown(summary))
    return summary


def ablation_markdown(summary: dict[str, Any]) -> str:
    lines = [
        f"# Checker ablation: {summary['dataset']}",
        "",
        f"KB for the graph checker: `{summary['kb']}`",
        "",
        "| checkers | balanced accuracy [95% CI] | AUROC [95% CI] | F1 [95% CI] | items/s |",
        "|---|---|---|---|---|",
    ]
    for variant, f in summary["variants"].items():
        cells = []
        for key in ABLATION_FIGURES:
            low, high = (f.get("ci95", {}).get(key) or [None, None])[:2]
            cells.append(f"{_num(f.get(key))} [{_num(low)}, {_num(high)}]")
        lines.append(f"| {variant} | " + " | ".join(cells) + f" | {_num(f.get('items_per_second'), 2)} |")
    return "\n".join(lines) + "\n"
