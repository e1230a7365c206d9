"""groundqa: question answering that checks every claim against a knowledge graph and retrieved text.

    from grounding import Verifier
    report = Verifier().verify("Canberra is the capital of Australia.", evidence=["..."])

The names below are the public API; everything else is an implementation detail.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "Verifier": "grounding.verify.verifier",
    "VerifierOptions": "grounding.verify.options",
    "VerifyItem": "grounding.verify.verifier",
    "Pipeline": "grounding.pipeline",
    "Settings": "grounding.settings",
    "load_settings": "grounding.settings",
    "AskResult": "grounding.types",
    "Change": "grounding.types",
    "Citation": "grounding.types",
    "CitationCheck": "grounding.types",
    "CitedSentence": "grounding.types",
    "Claim": "grounding.types",
    "ClaimVerdict": "grounding.types",
    "Correction": "grounding.types",
    "Effect": "grounding.types",
    "Evidence": "grounding.types",
    "EvidenceKind": "grounding.types",
    "Method": "grounding.types",
    "RuleFinding": "grounding.types",
    "Triple": "grounding.types",
    "Verdict": "grounding.types",
    "VerificationReport": "grounding.types",
    "GroundQAError": "knowledge.errors",
    "InputError": "knowledge.errors",
    "DocumentError": "knowledge.errors",
    "GraphParseError": "knowledge.errors",
    "QueryError": "knowledge.errors",
    "KnowledgeBaseError": "knowledge.errors",
    "ModelError": "knowledge.errors",
    "GroundQAClient": "grounding.client",
    "AsyncGroundQAClient": "grounding.client",
    "APIError": "grounding.client",
    "GroundedQA": "grounding.langchain",
    "VerifyAnswer": "grounding.langchain",
    "GroundingCallbackHandler": "grounding.langchain",
}

__all__ = [
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
    "GroundedQA",
    "GroundingCallbackHandler",
    "GroundQAError",
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
]

if TYPE_CHECKING:
    from grounding.client import APIError, AsyncGroundQAClient, GroundQAClient
    from grounding.langchain import GroundedQA, GroundingCallbackHandler, VerifyAnswer
    from grounding.pipeline import Pipeline
    from grounding.settings import Settings, load_settings
    from grounding.types import (
        AskResult,
        Change,
        Citation,
        CitationCheck,
        CitedSentence,
        Claim,
        ClaimVerdict,
        Correction,
        Effect,
        Evidence,
        EvidenceKind,
        Method,
        RuleFinding,
        Triple,
        Verdict,
        VerificationReport,
    )
    from grounding.verify.options import VerifierOptions
    from grounding.verify.verifier import Verifier, VerifyItem
    from knowledge.errors import (
        DocumentError,
        GraphParseError,
        GroundQAError,
        InputError,
        KnowledgeBaseError,
        ModelError,
        QueryError,
    )


def __getattr__(name: str) -> Any:
    """Imported on first use, so `import grounding` stays light (no torch, faiss or rdflib)."""
    if name not in _EXPORTS:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted([*globals(), *_EXPORTS])
