"""Every swappable part by name: the one list the CLI, the HTTP API and the page are built from.

An entry names its implementation as "module:attribute" and imports it only when asked, so
`groundqa --help` and the HTTP client load no model code. To add a policy, checker, rule, answerer,
LLM backend or dataset, add one `Entry` here next to its implementation; the CLI's choices and
help, the API's schema enums and the page's widgets follow.
"""

from __future__ import annotations

import importlib
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any, Literal

from knowledge.errors import InputError


@dataclass(frozen=True)
class Entry:
    name: str
    help: str
    target: str | None = None
    default: bool = True
    """For rules and checkers: on unless switched off. For policies: part of the default chain."""

    def load(self) -> Any:
        if self.target is None:
            raise InputError(f"{self.name!r} has no implementation to load")
        module, _, attribute = self.target.partition(":")
        loaded = importlib.import_module(module)
        return getattr(loaded, attribute) if attribute else loaded


class Registry:
    """Names of one kind of part, in a fixed order (the order users see)."""

    def __init__(self, kind: str, entries: list[Entry]) -> None:
        self.kind = kind
        self._entries = {entry.name: entry for entry in entries}

    def __iter__(self) -> Iterator[Entry]:
        return iter(self._entries.values())

    def __contains__(self, name: object) -> bool:
        return name in self._entries

    def names(self) -> tuple[str, ...]:
        return tuple(self._entries)

    def defaults(self) -> tuple[str, ...]:
        return tuple(name for name, entry in self._entries.items() if entry.default)

    def get(self, name: str) -> Entry:
        """The entry, or an InputError that lists the choices."""
        try:
            return self._entries[name]
        except KeyError:
            raise InputError(f"unknown {self.kind} {name!r}; choose from {', '.join(self._entries)}") from None

    def check(self, names: Any) -> tuple[str, ...]:
        """Validate a sequence of names, keeping its order."""
        names = tuple(names)
        for name in names:
            self.get(name)
        return names

    def parse(self, text: str) -> tuple[str, ...]:
        """'a, b' -> ('a', 'b'); an unknown name fails here, before anything loads."""
        return self.check(name.strip() for name in text.split(",") if name.strip())

    def literal(self) -> Any:
        """`Literal[...]` of the names, for API schemas (strict models take the plain strings)."""
        return Literal[self.names()]  # type: ignore[valid-type]

    def describe(self) -> str:
        """One line for CLI help: 'a (what a does), b (what b does)'."""
        return ", ".join(f"{entry.name} ({entry.help})" for entry in self)


ANSWERERS = Registry(
    "answerer",
    [
        Entry("auto", "the graph when it answers with confidence, else the LLM"),
        Entry("llm", "the LLM over retrieved evidence"),
        Entry("graph", "the knowledge graph alone, or abstain"),
        Entry("both", "the graph's facts handed to the LLM"),
    ],
)

POLICIES = Registry(
    "mitigation policy",
    [
        Entry("annotate", "mark each claim's verdict in the text", "grounding.mitigate.policies:annotate", False),
        Entry("correct", "substitute the value the graph or evidence holds", "grounding.mitigate.policies:correct"),
        Entry("strip", "drop contradicted and unverifiable sentences", "grounding.mitigate.policies:strip"),
        Entry("regenerate", "ask the LLM again with the findings", "grounding.mitigate.policies:regenerate", False),
        Entry("quote", "answer with the evidence's own words", "grounding.mitigate.policies:quote"),
        Entry("abstain", "refuse when too little is grounded", "grounding.mitigate.policies:abstain"),
    ],
)

LLM_BACKENDS = Registry(
    "LLM backend",
    [
        Entry("default", "the bundled SmolLM2-135M-Instruct", "grounding.answer.llm:load_chat_model"),
        Entry("hf", "hf:ID_OR_PATH, a transformers causal LM", "grounding.answer.llm:load_chat_model"),
        Entry("gguf", "gguf:PATH, a GGUF file", "grounding.answer.llm:load_chat_model"),
        Entry(
            "llamacpp", "llamacpp:PATH, a GGUF file through llama-cpp-python", "grounding.answer.llm:load_chat_model"
        ),
        Entry("openai", "openai:MODEL, any OpenAI-compatible server", "grounding.answer.llm:load_chat_model"),
    ],
)

CHECKERS = Registry(
    "checker",
    [
        Entry(
            "graph", "claims about the knowledge graph, decided exactly", "grounding.verify.checkers.graph:GraphChecker"
        ),
        Entry(
            "entailment",
            "the bundled cross-encoder over evidence windows",
            "grounding.verify.checkers.entailment:EntailmentChecker",
        ),
        Entry("llm", "an LLM judge for claims left uncertain", "grounding.verify.checkers.llm_judge:LLMJudge", False),
    ],
)

# Defaults chosen on the dev halves of the broad dev suite (docs/evaluation.md, "Which rules earn their
# place"): a rule is on only where switching it off lowers the suite's mean AUROC, or (antonyms, roles) where it
# changes no figure of the suite and the hand-written probes need it.
RULES = Registry(
    "rule",
    [
        Entry(
            "novelty",
            "a name or number the evidence never states blocks support",
            "grounding.verify.rules.novelty:NoveltyRule",
        ),
        Entry(
            "near_miss",
            "a name one letter or word off the evidence's name blocks support",
            "grounding.verify.rules.near_miss:NearMissRule",
        ),
        Entry(
            "credits",
            "a work credited to someone its evidence does not credit is contradicted (films, books)",
            "grounding.verify.rules.credits:CreditRule",
            default=False,
        ),
        Entry(
            "release_years",
            "a work dated to a year its evidence does not give is contradicted (films, books)",
            "grounding.verify.rules.release_years:ReleaseYearRule",
            default=False,
        ),
        Entry(
            "negation",
            "the evidence states the claim's words negated (or the claim negates them): contradicted",
            "grounding.verify.rules.negation:NegationRule",
        ),
        Entry(
            "antonyms",
            "the evidence says the opposite word of the same subject (rose/fell, once/twice daily): contradicted",
            "grounding.verify.rules.antonyms:AntonymRule",
        ),
        Entry(
            "quantities",
            "the evidence gives the same measure another value (20 mg / 40 mg): contradicted",
            "grounding.verify.rules.figures:QuantityRule",
        ),
        Entry(
            "substitutions",
            "the evidence's clause says the claim word for word but one name, date or number: contradicted",
            "grounding.verify.rules.frames:SubstitutionRule",
        ),
        Entry(
            "roles",
            "the same act with agent and patient swapped, or another agent of it: contradicted",
            "grounding.verify.rules.frames:RoleRule",
        ),
        Entry(
            "comparisons",
            "a comparison or order of events turned round (faster in air than in water), or one the evidence's own "
            "figures refute (older than, twice the size of, more than half of): contradicted",
            "grounding.verify.rules.order:ComparisonRule",
        ),
        Entry(
            "modality",
            "the evidence forbids, requires, makes optional or advises against what the claim says it permits, "
            "requires or recommends (may / must not, required / voluntary): contradicted",
            "grounding.verify.rules.modality:ModalityRule",
        ),
        Entry(
            "equivalents",
            "show the model the claim in its evidence's words where both say the same amount, date or rate",
            None,
        ),
        Entry(
            "arithmetic",
            "show the model a sum or difference of two evidence values where the claim states it (9:00 plus 2 hours), "
            "or the figures behind a comparison it draws that they bear out",
            None,
        ),
        Entry("whole_answer", "blend the riskiest claim with the whole answer's judgement", None),
        Entry(
            "word_coverage",
            "blend the answer's score with the share of its content words no evidence uses",
            None,
        ),
        Entry(
            "similarity",
            "blend the answer's score with how far its claims are in meaning from the nearest evidence sentence",
            None,
        ),
        Entry("pronouns", "read a claim's pronoun as the answer's earlier name", None, default=False),
    ],
)

# The CPU default is int8, one pair per run: the fastest on a 2-core CPU, and judged by its accuracy on the broad
# dev suite and the probes, not by agreement with fp32 (docs/evaluation.md and docs/benchmarks.md, "ONNX runtime").
VERIFIER_RUNTIMES = Registry(
    "verifier runtime",
    [
        Entry("torch", "PyTorch fp32: what training uses, and what runs on a GPU", default=False),
        Entry("onnx", "ONNX Runtime on the CPU, fp32, exported once into the cache", default=False),
        Entry("onnx-int8", "ONNX Runtime on the CPU, int8 weights (per channel), one pair per run, exported once"),
    ],
)
DEFAULT_VERIFIER_RUNTIME = VERIFIER_RUNTIMES.defaults()[0]

DATASETS = Registry(
    "dataset",
    [
        Entry("halueval-qa", "HaluEval QA: right vs hallucinated answers with knowledge"),
        Entry("halueval-dialogue", "HaluEval dialogue responses with knowledge"),
        Entry("halueval-summarization", "HaluEval summaries against their articles"),
        Entry("halueval-general", "HaluEval ChatGPT responses, no evidence"),
        Entry("truthfulqa", "TruthfulQA questions"),
        Entry("metaqa-1hop", "MetaQA 1-hop questions over the movie graph"),
        Entry("metaqa-2hop", "MetaQA 2-hop questions"),
        Entry("metaqa-3hop", "MetaQA 3-hop questions"),
        Entry("generic", "any JSONL of claim, evidence, hallucinated (--data FILE)"),
    ],
)


def graph_formats() -> tuple[str, ...]:
    """Graph file formats the knowledge base reads (the knowledge layer owns the parsers)."""
    from knowledge.formats import GRAPH_FORMATS

    return GRAPH_FORMATS


def document_suffixes() -> tuple[str, ...]:
    from knowledge.formats import DOCUMENT_SUFFIXES

    return tuple(sorted(DOCUMENT_SUFFIXES))
