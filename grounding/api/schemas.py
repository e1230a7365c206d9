"""Request bodies and the error body of the HTTP API.

Responses are the core types themselves (VerificationReport, Evidence, AskResult, KBInfo,
SparqlResult, ChangeSummary), so the JSON a client gets is the JSON the Python API produces. Only
what exists solely on the wire is defined here. Schema bounds are hard caps; the service settings
may set tighter limits, checked per request.
"""

from __future__ import annotations

from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from grounding.registry import ANSWERERS, POLICIES, RULES
from grounding.types import MAX_ANSWER_CHARS, Evidence, VerificationReport
from knowledge.types import EvidenceKind, Triple

MAX_QUESTION_CHARS = 2_000
MAX_TEXT_CHARS = 500_000  # even written as \uXXXX escapes, fits the default 4 MiB body limit
MAX_QUERY_CHARS = 100_000

Answerer = ANSWERERS.literal()
Policy = POLICIES.literal()
Rule = RULES.literal()
GraphFormat = Literal["turtle", "nt", "nquads", "trig", "csv", "tsv"]


class _Strict(BaseModel):
    """No unknown fields and no coercion (false is not 0.0, "5" is not 5): a client's mistake is a 422."""

    model_config = ConfigDict(extra="forbid", strict=True)


class StrictTriple(Triple):
    """A graph fact as a client sends it back: the fields of Triple, without coercion."""

    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class EvidenceIn(Evidence):
    """Evidence as a client sends it: exactly the fields of Evidence, strictly typed ("end": true is a
    422, not 1), so a report's evidence objects can be sent back as they came."""

    model_config = ConfigDict(extra="forbid", strict=True)

    kind: EvidenceKind = Field(strict=False, description="'passage' or 'fact'.")
    triple: StrictTriple | None = None


class VerifyOptions(_Strict):
    """What a caller may tune per request; unset fields keep the server's configuration."""

    use_graph: bool | None = Field(default=None, description="Run the graph checker (needs use_kb).")
    use_entailment: bool | None = Field(default=None, description="Run the entailment model.")
    use_llm: bool | None = Field(default=None, description="Ask the LLM judge; refused when none is configured.")
    support_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    contradiction_threshold: float | None = Field(default=None, ge=0.0, le=1.0)
    evidence_sentences: int | None = Field(default=None, ge=1, le=10)
    rules: list[Rule] | None = Field(  # type: ignore[valid-type]
        default=None, description="Rules and steps to switch on (the rest are off); unset keeps the server's."
    )
    retrieve_k: int | None = Field(default=None, ge=1, le=100, description="Evidence items per claim from the KB.")
    llm_max_calls: int | None = Field(default=None, ge=0, le=100)
    llm_max_seconds: float | None = Field(default=None, ge=0.0, le=600.0)


class VerifyItemRequest(_Strict):
    answer: str = Field(min_length=1, max_length=MAX_ANSWER_CHARS, description="The answer to check.")
    question: str | None = Field(default=None, max_length=MAX_QUESTION_CHARS)
    evidence: list[EvidenceIn | str] | None = Field(
        default=None,
        description="Your evidence: texts or evidence objects. Without it, evidence is retrieved from the KB.",
    )
    use_kb: bool = Field(
        default=True,
        description="Check against the served KB: the graph checker always, retrieval when no evidence is given.",
    )


class VerifyRequest(VerifyItemRequest):
    options: VerifyOptions = Field(default_factory=VerifyOptions)


class BatchRequest(_Strict):
    items: list[VerifyItemRequest] = Field(min_length=1, description="Answers to verify; results keep this order.")
    options: VerifyOptions = Field(default_factory=VerifyOptions, description="Applies to every item.")


class ErrorDetail(BaseModel):
    code: str = Field(description="Stable machine-readable code, e.g. 'validation_error', 'timeout'.")
    message: str
    field: str | None = Field(default=None, description="The request field at fault, dotted (items.3.answer).")


class BatchItemResult(BaseModel):
    index: int = Field(ge=0)
    ok: bool
    report: VerificationReport | None = None
    error: ErrorDetail | None = None


class BatchResponse(BaseModel):
    results: list[BatchItemResult]


class ErrorBody(BaseModel):
    error: ErrorDetail
    request_id: str | None = None
    finished: list[BatchItemResult] | None = Field(
        default=None, description="On a timeout of a batch: the items finished before it."
    )


class AskRequest(_Strict):
    question: str = Field(min_length=1, max_length=MAX_QUESTION_CHARS)
    answerer: Answerer | None = Field(default=None, description="Who writes the answer (server default: auto).")
    mitigation: list[Policy] | None = Field(default=None, max_length=5, description="Policies in the order they run.")
    k: int | None = Field(default=None, ge=1, le=200, description="Evidence items in the prompt.")


class SparqlRequest(_Strict):
    query: str = Field(min_length=1, max_length=MAX_QUERY_CHARS, description="SELECT, ASK, CONSTRUCT or DESCRIBE.")


class DocumentIn(_Strict):
    text: str = Field(min_length=1, max_length=MAX_TEXT_CHARS)
    id: str | None = Field(
        default=None, min_length=1, max_length=200, description="Default: a hash of source and text."
    )
    title: str | None = Field(default=None, max_length=1_000)
    source: str | None = Field(default=None, max_length=2_000, description="Provenance shown with evidence.")
    licence: str | None = Field(default=None, max_length=200)


class DocumentsRequest(_Strict):
    documents: list[DocumentIn] = Field(min_length=1)
    licence: str | None = Field(default=None, max_length=200, description="Default licence of these documents.")

    @model_validator(mode="after")
    def _unique_ids(self) -> DocumentsRequest:
        ids = [d.id for d in self.documents if d.id is not None]
        if len(ids) != len(set(ids)):
            raise ValueError("document ids must be unique within a request")
        return self


class TripleIn(_Strict):
    """Plain names (or IRIs in <...>, or literals) as in a subject,predicate,object CSV row."""

    subject: str = Field(min_length=1, max_length=2_000)
    predicate: str = Field(min_length=1, max_length=2_000)
    object: str = Field(min_length=1, max_length=2_000)


class TriplesRequest(_Strict):
    triples: list[TripleIn] | None = Field(default=None, min_length=1)
    data: str | None = Field(default=None, min_length=1, max_length=MAX_TEXT_CHARS, description="A graph document.")
    format: GraphFormat = Field(default="turtle", description="Format of `data`.")
    source: str | None = Field(
        default=None,
        max_length=2_000,
        description="Named graph (an absolute IRI) the facts go to; default urn:groundqa:api.",
    )
    licence: str | None = Field(default=None, max_length=200)

    @model_validator(mode="after")
    def _one_payload(self) -> TriplesRequest:
        if (self.triples is None) == (self.data is None):
            raise ValueError("give exactly one of 'triples' or 'data'")
        return self


class Health(BaseModel):
    status: Literal["ok", "loading", "failed"]
    detail: str | None = None
    generation: int | None = None
