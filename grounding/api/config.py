"""Settings of the HTTP service itself (auth, CORS, limits, timeouts), apart from the core Settings.

They come from `GROUNDQA_API_*` environment variables or `groundqa serve` flags. The token is
read from the environment only, so it never shows in a process list.
"""

from __future__ import annotations

from typing import Annotated, Any

from pydantic import Field, SecretStr, ValidationError, field_validator
from pydantic_settings import BaseSettings, NoDecode, SettingsConfigDict

from knowledge.errors import InputError


class ServiceSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GROUNDQA_API_", extra="ignore")

    token: SecretStr | None = Field(default=None, description="Bearer token; unset means no authentication.")
    auth_reads: bool = Field(default=False, description="With a token set, require it on every endpoint too.")
    cors_origins: Annotated[list[str], NoDecode] = Field(
        default_factory=list, description="Origins allowed by CORS (comma-separated in the environment)."
    )
    max_body_bytes: int = Field(default=4 * 1024 * 1024, ge=1024)
    max_batch: int = Field(default=64, ge=1, le=10_000, description="Items per /v1/verify/batch request.")
    max_evidence: int = Field(default=100, ge=1, description="Evidence items per answer.")
    max_evidence_chars: int = Field(default=20_000, ge=100, description="Characters per evidence item.")
    max_answer_chars: int = Field(default=20_000, ge=100, le=20_000)
    max_question_chars: int = Field(default=2_000, ge=10, le=2_000)
    max_claims: int = Field(default=100, ge=1, description="Claims per answer, after splitting.")
    max_documents: int = Field(default=100, ge=1, description="Documents per ingest request.")
    max_document_chars: int = Field(default=500_000, ge=100)
    max_triples: int = Field(default=10_000, ge=1, description="Triples per ingest request.")
    max_query_chars: int = Field(default=10_000, ge=10, description="Characters of a SPARQL query or search text.")
    request_timeout_s: float = Field(default=30.0, gt=0, description="Limit for verify and search.")
    sparql_timeout_s: float = Field(
        default=10.0, gt=0, description="Wall-clock limit of one SPARQL query; its process is killed then."
    )
    sparql_max_rows: int = Field(default=10_000, ge=1, description="Rows (or triples) a SPARQL answer returns at most.")
    sparql_max_bytes: int = Field(
        default=4 * 1024 * 1024, ge=1024, description="Approximate size of a SPARQL answer at most; the rest is cut."
    )
    sparql_max_memory_mb: int = Field(default=2048, ge=64, description="Memory one SPARQL query may add.")
    sparql_concurrency: int = Field(default=2, ge=1, le=64, description="SPARQL queries running at once.")
    sparql_per_client: int = Field(default=1, ge=1, le=64, description="SPARQL queries one client may run at once.")
    ask_timeout_s: float = Field(default=120.0, gt=0, description="Limit for /v1/ask (LLM generation).")
    ingest_timeout_s: float = Field(default=300.0, gt=0, description="Limit for ingest requests.")
    inference_batch: int = Field(default=32, ge=1, le=1024, description="Answers verified together at most.")
    llm: str = Field(default="default", description="LLM spec for /v1/ask (see `groundqa ask --llm`).")
    judge: bool = Field(
        default=False,
        description="Also use `llm` as the LLM judge for claims the checkers leave open (requests may turn it "
        "off with options.use_llm=false).",
    )
    upstream: str | None = Field(
        default=None,
        description="Guard proxy: openai:BASE_URL of an OpenAI-compatible server; /v1/chat/completions forwards "
        "every model but groundqa there and verifies the answer.",
    )
    upstream_model: str | None = Field(default=None, description="The model asked upstream (else the caller's).")
    upstream_key: SecretStr | None = Field(default=None, description="Bearer key for the upstream (env only).")
    upstream_timeout_s: float = Field(default=60.0, gt=0, description="Limit for one upstream request.")
    expose_paths: bool = Field(
        default=False,
        description="Show clients absolute server paths (KB directory, document files); off: names only.",
    )
    log_level: str = "info"

    @field_validator("upstream")
    @classmethod
    def _upstream_spec(cls, value: str | None) -> str | None:
        if value is None:
            return None
        kind, _, url = value.partition(":")
        if kind != "openai" or not url.startswith(("http://", "https://")):
            raise ValueError(f"expected openai:BASE_URL such as openai:http://localhost:8080/v1, got {value!r}")
        return value

    @property
    def upstream_base(self) -> str:
        """The upstream's base URL (what an OpenAI client's base_url would be)."""
        return (self.upstream or "").partition(":")[2]

    @field_validator("cors_origins", mode="before")
    @classmethod
    def _split_origins(cls, value: Any) -> Any:
        if isinstance(value, str):
            return [origin.strip() for origin in value.split(",") if origin.strip()]
        return value


def load_service_settings(**overrides: Any) -> ServiceSettings:
    """Flags over environment; None values are unset flags and fall through."""
    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        return ServiceSettings(**given)
    except ValidationError as exc:
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InputError(f"invalid service settings (from flags or GROUNDQA_API_* variables): {problems}") from exc
