"""Human-labelled NLI pairs from ../shared/data/nli, each tagged with its set's licence.

Licence policy for the shipped weights (`licenses="permissive"`): a set counts as permissive when
its licence allows training and redistributing a model without a non-commercial or unknown-terms
restriction. Apache-2.0, MIT, BSD, CC BY and CC BY-SA (share-alike binds redistributions of the
data, and is widely accepted for model training) qualify; so does C-UDA 1.0, which states outright
that models trained on the data are "Results" free of any restriction. NC sets (ANLI, SICK, XNLI)
and sets with no stated terms or "research use" only (RTE/GLUE, COVID-Fact, HealthVer, and the
misc_csv subsets whose upstream terms are unknown) are left out of the permissive selection.

Two-way sets are mapped onto three labels: REFUTES/Refutes and COVID-Fact's counter-claims (written
to be refuted by the evidence) -> contradiction; "not_entailment" and SciTail's N -> neutral, since
those sets do not tell unsupported from contradicted and neutral is the safe, weaker reading.
"""

from __future__ import annotations

import csv
import json
import re
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from grounding import paths
from grounding.train import Label, Pair
from knowledge.errors import InputError

DEFAULT_NLI_ROOT = paths.shared_data() / "nli"

_LABEL_MAP: dict[str, Label] = {
    "entailment": "entailment",
    "e": "entailment",
    "supports": "entailment",
    "neutral": "neutral",
    "n": "neutral",
    "not_entailment": "neutral",
    "contradiction": "contradiction",
    "c": "contradiction",
    "refutes": "contradiction",
}
_TAG = re.compile(r"<[^>]+>")
_MPE_IMAGE_ID = re.compile(r"\s*\d+jpg\d")
_SPACE = re.compile(r"\s+")
_DETOKENISE = re.compile(r" ([.,!?;:%)'])|(\() | (n't|'s|'re|'ve|'ll|'d|'m)\b")


@dataclass(frozen=True, slots=True)
class NLISet:
    """A folder (or subset) of the shared NLI data with the terms it was published under."""

    name: str
    licence: str
    permissive: bool
    load: Callable[[Path], Iterator[tuple[str, str, str]]]
    default: bool = True


def _read_rows(path: Path, delimiter: str = ",") -> Iterator[dict[str, str]]:
    try:
        with path.open(encoding="utf-8-sig", newline="") as handle:
            yield from csv.DictReader(handle, delimiter=delimiter, quoting=csv.QUOTE_MINIMAL)
    except (OSError, UnicodeDecodeError, csv.Error) as exc:
        raise InputError(f"cannot read NLI file {path}: {exc}") from exc


def _read_jsonl(path: Path) -> Iterator[dict]:
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                if line.strip():
                    try:
                        yield json.loads(line)
                    except json.JSONDecodeError as exc:
                        raise InputError(f"malformed JSON in {path} line {number}: {exc}") from exc
    except OSError as exc:
        raise InputError(f"cannot read NLI file {path}: {exc}") from exc


def _columns(path: Path, premise: str, hypothesis: str, label: str, delimiter: str = ",") -> Iterator:
    for row in _read_rows(path, delimiter):
        yield row.get(premise) or "", row.get(hypothesis) or "", row.get(label) or ""


def _esnli(root: Path) -> Iterator[tuple[str, str, str]]:
    """SNLI dev/test as tokenised parallel line files; detokenised so dedup meets the raw copies."""
    folder = root / "esnli_snli_devtest"
    for split in ("dev", "test"):
        files = [folder / f"dataset_eSNLI_{kind}.{split}" for kind in ("s1", "s2", "labels")]
        try:
            columns = [f.read_text(encoding="utf-8").splitlines() for f in files]
        except OSError as exc:
            raise InputError(f"cannot read e-SNLI files in {folder}: {exc}") from exc
        if len({len(c) for c in columns}) != 1:
            raise InputError(f"e-SNLI {split} files in {folder} have different line counts")
        for s1, s2, label in zip(*columns, strict=True):
            yield _detokenise(s1), _detokenise(s2), label


def _detokenise(text: str) -> str:
    return _DETOKENISE.sub(lambda m: m.group(1) or m.group(2) or m.group(3), text.strip())


def _snli_raw(root: Path) -> Iterator[tuple[str, str, str]]:
    for name in ("Stanford-nli_snli_1.0_dev.csv", "Stanford-nli_snli_1.0_test.csv"):
        yield from _columns(root / "mnli_snli_csv" / name, "sentence1", "sentence2", "label")


def _mnli(root: Path) -> Iterator[tuple[str, str, str]]:
    path = root / "mnli_snli_csv" / "Multi-genre-nli_multinli_1.0_dev_matched.csv"
    yield from _columns(path, "sentence1", "sentence2", "label")


def _cad(root: Path) -> Iterator[tuple[str, str, str]]:
    for split in ("train", "dev", "test"):
        path = root / "cad_nli" / f"NLI_all_combined_{split}.tsv"
        yield from _columns(path, "sentence1", "sentence2", "gold_label", "\t")


def _conjnli(root: Path) -> Iterator[tuple[str, str, str]]:
    for name in ("data_NLI_adversarial_train_15k.tsv", "data_NLI_conj_dev.tsv"):
        yield from _columns(root / "conjnli" / name, "Premise", "Hypothesis", "Label", "\t")


def _taxinli(root: Path) -> Iterator[tuple[str, str, str]]:
    yield from _columns(root / "taxinli" / "taxinli10k.tsv", "prem", "hyp", "label", "\t")


def _tracie(root: Path) -> Iterator[tuple[str, str, str]]:
    for row in _read_jsonl(root / "tracie" / "tracie_data_train_uniform.jsonl"):
        query = re.sub(r"^event:\s*", "", row.get("query", "")).strip()
        yield row.get("story", ""), query[:1].upper() + query[1:] + ".", row.get("label", "")


def _scitail(root: Path) -> Iterator[tuple[str, str, str]]:
    for row in _read_jsonl(root / "scitail" / "scitail_data_dev_answers.jsonl"):
        yield row.get("sentence1", ""), row.get("sentence2", ""), row.get("gold_label", "")


def _fool_me_twice(root: Path) -> Iterator[tuple[str, str, str]]:
    for row in _read_jsonl(root / "fool_me_twice" / "dataset_dev.jsonl"):
        evidence = " ".join(e.get("text", "").strip() for e in row.get("gold_evidence", []))
        yield evidence, row.get("text", ""), row.get("label", "")


def _rte_glue(root: Path) -> Iterator[tuple[str, str, str]]:
    for split in ("train", "dev"):
        path = root / "rte_glue" / f"RTE_{split}.tsv"
        for p, h, label in _columns(path, "sentence1", "sentence2", "label", "\t"):
            yield p, h, {"0": "entailment", "1": "not_entailment"}.get(label, label)


def _covidfact(root: Path) -> Iterator[tuple[str, str, str]]:
    for split, label_column in (("train", "label"), ("dev", "entailment")):
        path = root / "covidfact" / f"RTE-covidfact_{split}.tsv"
        for p, h, label in _columns(path, "sentence1", "Sentence2", label_column, "\t"):
            yield p, h, "contradiction" if label == "not_entailment" else label


def _healthver(root: Path) -> Iterator[tuple[str, str, str]]:
    yield from _columns(root / "healthver" / "data_healthver_dev.csv", "evidence", "claim", "label")


def _anli(root: Path) -> Iterator[tuple[str, str, str]]:
    for round_ in ("R1", "R2", "R3"):
        for row in _read_jsonl(root / "anli" / f"data_anli_v1.0_{round_}_dev.jsonl"):
            yield row.get("context", ""), row.get("hypothesis", ""), row.get("label", "")


def _sick(root: Path) -> Iterator[tuple[str, str, str]]:
    yield from _columns(root / "sick" / "SICK.txt", "sentence_A", "sentence_B", "entailment_label", "\t")


def _xnli(root: Path) -> Iterator[tuple[str, str, str]]:
    names = {"0": "entailment", "1": "neutral", "2": "contradiction"}
    path = root / "xnli_en" / "xnli_validation_en.tsv"
    for p, h, label in _columns(path, "premise", "hypothesis", "label", "\t"):
        yield p, h, names.get(label, label)


def _misc(subset: str) -> Callable[[Path], Iterator[tuple[str, str, str]]]:
    def load(root: Path) -> Iterator[tuple[str, str, str]]:
        for split in ("train", "dev"):
            path = root / "misc_csv" / f"nli_datasets_{subset}_{split}.csv"
            for premise, hypothesis, label in _columns(path, "premise", "hypothesis", "label"):
                if subset == "mpe":
                    premise = ". ".join(p.strip() for p in _MPE_IMAGE_ID.split(premise) if p.strip())
                if subset == "add_one_rte":
                    premise, hypothesis = _TAG.sub("", premise), _TAG.sub("", hypothesis)
                yield premise, hypothesis, label

    return load


NLI_SETS: tuple[NLISet, ...] = (
    NLISet("snli", "CC BY-SA 4.0", True, _snli_raw),
    NLISet("esnli", "CC BY-SA 4.0 (SNLI; e-SNLI repo MIT)", True, _esnli),
    NLISet("mnli", "OANC / CC BY-SA 3.0 / CC BY 3.0 (MultiNLI)", True, _mnli),
    NLISet("cad_nli", "Apache-2.0 (revisions of SNLI, CC BY-SA 4.0)", True, _cad),
    NLISet("conjnli", "MIT (Wikipedia text, CC BY-SA)", True, _conjnli),
    NLISet("taxinli", "C-UDA 1.0 (trained models are unrestricted Results)", True, _taxinli),
    NLISet("scitail", "Apache-2.0", True, _scitail),
    NLISet("fool_me_twice", "Apache-2.0", True, _fool_me_twice),
    NLISet("tracie", "Apache-2.0", True, _tracie),
    NLISet("copa", "BSD-2-Clause", True, _misc("copa"), default=False),
    NLISet("wnli", "CC BY 4.0", True, _misc("wnli"), default=False),
    NLISet("rte_glue", "research use (RTE/GLUE)", False, _rte_glue),
    NLISet("covidfact", "none stated", False, _covidfact),
    NLISet("healthver", "none stated", False, _healthver),
    NLISet("commitment_bank", "none stated upstream", False, _misc("commitment_bank")),
    NLISet("fracas", "none stated upstream", False, _misc("fracas")),
    NLISet("joci", "none stated upstream", False, _misc("joci")),
    NLISet("mpe", "research use (Flickr30k captions)", False, _misc("mpe")),
    NLISet("add_one_rte", "none stated upstream", False, _misc("add_one_rte")),
    NLISet("anli", "CC BY-NC 4.0 (NC)", False, _anli),
    NLISet("sick", "CC BY-NC-SA 3.0 (NC)", False, _sick),
    NLISet("xnli_en", "CC BY-NC 4.0 (NC)", False, _xnli),
)
"""COPA (a plausible-alternative task recast as entailment) and WNLI (adversarial by design, below
the majority baseline for most models) are permissive but teach the wrong task: opt-in only."""


def normalise_key(premise: str, hypothesis: str) -> tuple[str, str]:
    """Case, spacing and punctuation-insensitive identity of a pair, so copies across sets collapse."""
    squash = lambda text: re.sub(r"[^a-z0-9]+", "", text.lower())  # noqa: E731
    return squash(premise), squash(hypothesis)


def _clean(text: str) -> str:
    return _SPACE.sub(" ", text).strip()


def _is_junk(premise: str, hypothesis: str) -> bool:
    """Empty sides, leftover markup or absurd lengths are noise, not signal."""
    if len(premise) < 3 or len(hypothesis) < 3 or len(premise) > 6000:
        return True
    markers = ("<b>", "</", "&nbsp;", "&amp;")
    return any(marker in text for text in (premise, hypothesis) for marker in markers)


def select_sets(licenses: str = "permissive", sets: Iterable[str] | None = None) -> list[NLISet]:
    """`licenses` is 'permissive' (the shipped default) or 'all'; `sets` names sets explicitly."""
    if licenses not in {"permissive", "all"}:
        raise InputError(f"licenses must be 'permissive' or 'all', got {licenses!r}")
    known = {s.name: s for s in NLI_SETS}
    if sets is not None:
        unknown = sorted(set(sets) - set(known))
        if unknown:
            raise InputError(f"unknown NLI sets {unknown}; known: {sorted(known)}")
        chosen = [known[name] for name in sets]
    else:
        chosen = [s for s in NLI_SETS if s.default]
    return [s for s in chosen if s.permissive or licenses == "all"]


def load_nli_pairs(
    licenses: str = "permissive", sets: Iterable[str] | None = None, root: Path = DEFAULT_NLI_ROOT
) -> list[Pair]:
    """Deduplicated pairs from the chosen sets; the first set (in NLI_SETS order) keeps a shared pair."""
    seen: set[tuple[str, str]] = set()
    pairs: list[Pair] = []
    for nli_set in select_sets(licenses, sets):
        for raw_premise, raw_hypothesis, raw_label in nli_set.load(root):
            label = _LABEL_MAP.get(raw_label.strip().lower())
            premise, hypothesis = _clean(raw_premise), _clean(raw_hypothesis)
            if label is None or _is_junk(premise, hypothesis):
                continue
            key = normalise_key(premise, hypothesis)
            if key in seen:
                continue
            seen.add(key)
            pairs.append(Pair(premise, hypothesis, label, nli_set.name, nli_set.licence, nli_set.permissive))
    return pairs
