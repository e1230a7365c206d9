"""Training data for the verifier: licences, label mappings, dedup, synthetic labels, split hygiene."""

from __future__ import annotations

import json
import os
import random
import re
from collections import Counter
from pathlib import Path

import pytest

os.environ.setdefault("HF_HUB_OFFLINE", "1")
os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")

from grounding.data.halueval import halueval_root  # noqa: E402
from grounding.data.splits import split_of  # noqa: E402
from grounding.train import LABELS  # noqa: E402
from grounding.train.halueval_pairs import (  # noqa: E402
    clean_knowledge,
    halueval_eval_items,
    halueval_pairs,
)
from grounding.train.nli_data import load_nli_pairs, normalise_key, select_sets  # noqa: E402
from grounding.train.synthetic_pairs import (  # noqa: E402
    COUNTRY_RELATIONS,
    Chain,
    Graph,
    _chain_pair,
    _single_fact_pair,
    synthetic_pairs,
)
from grounding.train.train import build_training_data  # noqa: E402
from knowledge.errors import InputError  # noqa: E402


@pytest.fixture(scope="module")
def permissive():
    return load_nli_pairs("permissive")


@pytest.fixture(scope="module")
def everything():
    return load_nli_pairs("all")


def test_permissive_selection_excludes_nc_and_unlicensed_sets(permissive) -> None:
    sources = {p.source for p in permissive}
    assert {"snli", "mnli", "cad_nli", "conjnli", "taxinli", "scitail", "fool_me_twice"} <= sources
    assert not sources & {"anli", "sick", "xnli_en", "rte_glue", "covidfact", "healthver", "mpe", "joci"}
    assert all(p.permissive and p.licence for p in permissive)


def test_all_selection_adds_the_restricted_sets_with_their_licences(everything) -> None:
    by_source = {p.source: p for p in everything}
    assert "NC" in by_source["anli"].licence and not by_source["anli"].permissive
    assert by_source["covidfact"].licence == "none stated"


def test_two_way_sets_are_mapped_onto_three_labels(everything) -> None:
    labels = {
        s: Counter(p.label for p in everything if p.source == s)
        for s in ("fool_me_twice", "scitail", "rte_glue")
    }
    assert set(labels["fool_me_twice"]) == {"entailment", "contradiction"}  # REFUTES -> contradiction
    assert set(labels["scitail"]) == {"entailment", "neutral"}  # N -> neutral
    assert set(labels["rte_glue"]) == {"entailment", "neutral"}  # not_entailment -> neutral
    assert all(p.label in LABELS for p in everything)


def test_pairs_are_unique_after_normalisation(everything) -> None:
    keys = [normalise_key(p.premise, p.hypothesis) for p in everything]
    assert len(keys) == len(set(keys))
    # e-SNLI holds the same SNLI pairs, tokenised: every one of them is a duplicate.
    assert not any(p.source == "esnli" for p in everything)


def test_junk_rows_are_cleaned_or_skipped(everything) -> None:
    assert not any("<b>" in p.premise or "</" in p.hypothesis for p in everything)
    assert not any(re.search(r"\d+jpg\d", p.premise) for p in everything if p.source == "mpe")
    assert all(p.premise.strip() and p.hypothesis.strip() for p in everything)


def test_unknown_licence_or_set_is_an_input_error() -> None:
    with pytest.raises(InputError, match="licenses"):
        select_sets("nc-only")
    with pytest.raises(InputError, match="unknown NLI sets"):
        select_sets("all", ["nope"])


def test_missing_folder_names_the_file(tmp_path: Path) -> None:
    with pytest.raises(InputError, match=str(tmp_path)):
        load_nli_pairs("permissive", sets=["snli"], root=tmp_path)


def _toy_country_graph() -> Graph:
    graph = Graph("countryinfo", COUNTRY_RELATIONS)
    for name, capital, population, region in (
        ("France", "Paris", 66000000, "Europe"),
        ("Peru", "Lima", 31000000, "Americas"),
        ("Japan", "Tokyo", 127000000, "Asia"),
    ):
        graph.add(name, "capital", capital)
        graph.add(name, "population", str(population))
        graph.add(name, "region", region)
    graph.add("France", "borders", "Spain")
    return graph


def _numbers(text: str) -> list[float]:
    return [float(x.replace(",", "")) for x in re.findall(r"\d[\d,.]*\d|\d", text)]


def test_single_fact_labels_hold_by_construction() -> None:
    graph, rng = _toy_country_graph(), random.Random(3)
    for _ in range(200):
        made = _single_fact_pair(graph, rng, rng.choice(LABELS))
        if made is None:
            continue
        premise, hypothesis, label = made
        if label == "contradiction" and "population" in hypothesis.lower() or "home to" in hypothesis:
            if label == "contradiction":
                true_value = next(v for v in (66e6, 31e6, 127e6) if f"{int(v):,}" in premise)
                stated = _numbers(hypothesis)[0] * (1e6 if "million" in hypothesis else 1)
                assert 0.05 < abs(stated - true_value) / true_value < 0.65
        if label == "contradiction" and "capital" in hypothesis:
            stated = next(c for c in ("Paris", "Lima", "Tokyo") if c in hypothesis)
            assert f"is {stated}." not in premise
        if label == "neutral":
            assert hypothesis.rstrip(".") not in premise


def test_two_hop_pairs_hide_the_chain_among_distractors() -> None:
    graph, rng = _toy_country_graph(), random.Random(0)
    chain = Chain("capital^-1", "region", ("{a} is the capital of a country in {c}.",))
    seen = Counter()
    for _ in range(300):
        made = _chain_pair(graph, chain, rng, rng.choice(LABELS))
        if made is None:
            continue
        premise, hypothesis, label = made
        seen[label] += 1
        city = hypothesis.split(" is the capital")[0]
        country = {"Paris": "France", "Lima": "Peru", "Tokyo": "Japan"}[city]
        links = [f"The capital of {country} is {city}.", f"{country} is in"]
        present = [link in premise for link in links]
        if label == "neutral":
            assert present.count(True) == 1
        else:
            assert all(present)
        true_region = {"France": "Europe", "Peru": "Americas", "Japan": "Asia"}[country]
        assert (hypothesis.endswith(f"in {true_region}.")) == (label != "contradiction")
    assert set(seen) == set(LABELS)


@pytest.fixture(scope="module")
def synthetic():
    return synthetic_pairs(600, seed=7)


def test_synthetic_pairs_are_balanced_unique_and_permissive(synthetic) -> None:
    assert len(synthetic) == 600
    labels = Counter(p.label for p in synthetic)
    assert all(180 <= labels[label] <= 220 for label in LABELS)
    assert len({(p.premise, p.hypothesis) for p in synthetic}) == 600
    assert all(p.permissive for p in synthetic)
    sources = {p.source for p in synthetic}
    assert {"synthetic-metaqa", "synthetic-fb15k237", "synthetic-countryinfo"} <= sources
    assert any(s.endswith("-2hop") for s in sources)


def test_multi_hop_premises_carry_distractors(synthetic) -> None:
    for pair in (p for p in synthetic if p.source.endswith("-2hop")):
        assert pair.premise.count(". ") >= 3


def test_synthetic_generation_is_reproducible(synthetic) -> None:
    assert synthetic_pairs(50, seed=7) == synthetic[:50]


def test_halueval_pairs_come_from_the_train_split_only() -> None:
    pairs = halueval_pairs("train", {"dialogue": 40, "qa": 20, "summarization": 0})
    rows = [json.loads(line) for line in (halueval_root() / "dialogue_data.json").open()][:200]
    train_knowledge = {
        clean_knowledge(r["knowledge"])
        for i, r in enumerate(rows)
        if split_of("halueval-dialogue", i) == "train"
    }
    dialogue = [p for p in pairs if p.source == "halueval-dialogue"]
    assert len(dialogue) == 80
    assert {p.premise for p in dialogue} <= train_knowledge
    assert Counter(p.label for p in dialogue) == {"entailment": 40, "neutral": 40}
    qa = [p for p in pairs if p.source == "halueval-qa"]
    qa_rows = [json.loads(line) for line in (halueval_root() / "qa_data.json").open()][:200]
    questions = {
        r["question"].strip() for i, r in enumerate(qa_rows) if split_of("halueval-qa", i) == "train"
    }
    assert len(qa) == 40 and all(any(p.hypothesis.startswith(q) for q in questions) for p in qa)


def test_halueval_dev_items_are_disjoint_from_training() -> None:
    items = halueval_eval_items("dialogue", "dev", 30)
    assert all(split_of("halueval-dialogue", item.index) == "dev" for item in items)
    assert Counter(item.hallucinated for item in items) == {False: 30, True: 30}


def test_summarization_pairs_use_aligned_sentences_not_the_whole_article() -> None:
    pairs = halueval_pairs("train", {"summarization": 2})
    assert {p.label for p in pairs} >= {"entailment", "neutral"}
    rows = [
        json.loads(line)
        for _, line in zip(
            range(10), (halueval_root() / "summarization_data.json").open(), strict=False
        )
    ]
    documents = [r["document"] for r in rows]
    for pair in pairs:
        assert len(pair.premise) < 0.6 * max(len(d) for d in documents)
        assert any(pair.premise.split(". ")[0][:40] in d for d in documents)


def test_clean_knowledge_unglues_repeated_names() -> None:
    glued = "Ryan Reynolds starred in TurboTurbo is starring Snoop DoggSnoop Dogg starred in Turbo"
    assert (
        clean_knowledge(glued)
        == "Ryan Reynolds starred in Turbo. Turbo is starring Snoop Dogg. Snoop Dogg starred in Turbo"
    )


def test_training_mix_respects_caps_and_keeps_dev_apart(tmp_path: Path) -> None:
    caps = {"snli": 50, "fool_me_twice": 20, "synthetic-metaqa": 30, "halueval-dialogue": 10}
    data = build_training_data(
        caps=caps,
        synthetic_count=300,
        halueval_limits={"dialogue": 20},
        halueval_dev_limits={"dialogue": 5},
        dev_per_source=15,
        cache_dir=tmp_path,
    )
    counts = Counter(p.source for p in data.train)
    assert counts == {"snli": 50, "fool_me_twice": 20, "synthetic-metaqa": 30, "halueval-dialogue": 10}
    train_keys = {normalise_key(p.premise, p.hypothesis) for p in data.train}
    for source, pairs in data.dev.items():
        assert pairs and not {normalise_key(p.premise, p.hypothesis) for p in pairs} & train_keys, source
    assert data.sources["snli"]["licence"] == "CC BY-SA 4.0"
    assert list(tmp_path.glob("halueval-train-*.jsonl"))
    scaled = build_training_data(
        caps=caps,
        max_pairs=55,
        synthetic_count=300,
        halueval_limits={"dialogue": 20},
        halueval_dev_limits={"dialogue": 5},
        cache_dir=tmp_path,
    )
    assert 50 <= len(scaled.train) <= 60
