"""The public API: what `grounding` and `knowledge` export, and what importing them costs."""

from __future__ import annotations

import subprocess
import sys

import pytest

import grounding
import knowledge
from grounding.registry import ANSWERERS, CHECKERS, POLICIES, RULES

GROUNDING_API = {
    "APIError",
    "AskResult",
    "AsyncGroundQAClient",
    "Change",
    "Citation",
    "CitationCheck",
    "CitedSentence",
    "Claim",
    "ClaimVerdict",
    "Correction",
    "DocumentError",
    "Effect",
    "Evidence",
    "EvidenceKind",
    "GraphParseError",
    "GroundQAClient",
    "GroundQAError",
    "GroundedQA",
    "GroundingCallbackHandler",
    "InputError",
    "KnowledgeBaseError",
    "Method",
    "ModelError",
    "Pipeline",
    "QueryError",
    "RuleFinding",
    "Settings",
    "Triple",
    "Verdict",
    "VerificationReport",
    "Verifier",
    "VerifierOptions",
    "VerifyAnswer",
    "VerifyItem",
    "load_settings",
}


def test_grounding_exports_exactly_its_curated_api() -> None:
    assert set(grounding.__all__) == GROUNDING_API
    for name in grounding.__all__:
        assert getattr(grounding, name) is not None, name


def test_knowledge_exports_resolve() -> None:
    assert {"KnowledgeBase", "Evidence", "RetrievalOptions", "Triple"} <= set(knowledge.__all__)
    for name in knowledge.__all__:
        assert getattr(knowledge, name) is not None, name


def test_an_unknown_name_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="Verifyer"):
        grounding.Verifyer  # noqa: B018


@pytest.mark.parametrize(
    "module", ["grounding", "knowledge", "grounding.client", "grounding.registry", "grounding.langchain"]
)
def test_light_modules_import_no_heavy_library(module: str) -> None:
    code = (
        f"import sys, {module}; heavy = [m for m in ('torch', 'faiss', 'rdflib', 'transformers') if m in sys.modules]; "
        "print(heavy); raise SystemExit(1 if heavy else 0)"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stdout + done.stderr


def test_from_grounding_import_verifier_verifies() -> None:
    from grounding import Verdict, Verifier

    report = Verifier().verify("Canberra is the capital of Australia.", evidence=["Canberra is Australia's capital."])
    assert report.claims[0].verdict == Verdict.SUPPORTED


def test_registry_names_are_what_the_api_schema_and_cli_offer() -> None:
    from typing import get_args

    from grounding.api.schemas import Answerer, Policy, Rule

    assert get_args(Answerer) == ANSWERERS.names()
    assert get_args(Policy) == POLICIES.names()
    assert get_args(Rule) == RULES.names()
    for registry in (POLICIES, CHECKERS, RULES):
        for entry in registry:
            if entry.target is not None:
                assert entry.load() is not None, entry.name
