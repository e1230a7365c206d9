"""One typed settings object for every entry point (CLI, HTTP service, page).

Precedence, highest first: explicit overrides (CLI flags), `GROUNDQA_*` environment variables,
the TOML file (`--config` or `GROUNDQA_CONFIG`), defaults. Settings are read once at the entry
point and passed inward as typed arguments; library code never reads the environment.
"""

from __future__ import annotations

import os
import tomllib
from pathlib import Path
from typing import Any, Literal

from pydantic import Field, ValidationError, field_validator
from pydantic_settings import (
    BaseSettings,
    PydanticBaseSettingsSource,
    SettingsConfigDict,
    TomlConfigSettingsSource,
)

from grounding import paths
from grounding.registry import DEFAULT_VERIFIER_RUNTIME, VERIFIER_RUNTIMES
from knowledge.errors import InputError


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="GROUNDQA_", extra="ignore")

    home: Path = Field(default_factory=paths.home, description="Where the demo KB and caches live.")
    kb: Path | None = Field(default=None, description="Knowledge base directory; unset means the demo KB.")
    embedding_model: str = "all-MiniLM-L6-v2"
    device: str = Field(default="auto", description="'auto', 'cpu' or 'cuda'.")
    chunk_size: int = Field(default=800, ge=50, le=20_000)
    chunk_overlap: int = Field(default=100, ge=0, le=5_000)
    max_document_chars: int = Field(
        default=1_000_000, ge=1_000, description="Ingest cuts longer documents here and warns (a KB build option)."
    )
    index_kind: Literal["auto", "flat", "hnsw", "ivf"] = "auto"
    graph_store: str = Field(
        default="local", description="Where a new KB keeps its graph: 'local' or 'sparql:http://HOST:PORT'."
    )
    vector_store: str = Field(
        default="faiss", description="Where a new KB keeps its vectors: 'faiss', 'milvus:PATH.db' or 'milvus:URI'."
    )
    top_k: int = Field(default=8, ge=1, le=200)
    passage_weight: float = Field(default=1.0, ge=0.0)
    fact_weight: float = Field(default=1.0, ge=0.0)
    rrf_k: int = Field(default=60, ge=1)
    hops: int = Field(default=2, ge=0, le=4)
    verifier_model: str = Field(default="groundqa-nli-minilm", description="Bundled name, a folder or a hub id.")
    verifier_runtime: str = Field(
        default=DEFAULT_VERIFIER_RUNTIME,
        description="What runs the verifier's cross-encoder: " + VERIFIER_RUNTIMES.describe() + ".",
    )
    support_threshold: float = Field(default=0.5, ge=0.0, le=1.0)
    contradiction_threshold: float = Field(default=0.5, ge=0.0, le=1.0)

    @field_validator("verifier_runtime")
    @classmethod
    def _known_runtime(cls, value: str) -> str:
        if value not in VERIFIER_RUNTIMES:
            raise ValueError(f"unknown verifier runtime {value!r}; choose from {', '.join(VERIFIER_RUNTIMES.names())}")
        return value

    @property
    def kb_dir(self) -> Path:
        return self.kb if self.kb is not None else self.home / "demo-kb"

    @property
    def uses_demo_kb(self) -> bool:
        return self.kb is None

    @classmethod
    def settings_customise_sources(
        cls,
        settings_cls: type[BaseSettings],
        init_settings: PydanticBaseSettingsSource,
        env_settings: PydanticBaseSettingsSource,
        dotenv_settings: PydanticBaseSettingsSource,
        file_secret_settings: PydanticBaseSettingsSource,
    ) -> tuple[PydanticBaseSettingsSource, ...]:
        toml_file = settings_cls.model_config.get("toml_file")
        if toml_file is None:
            return (init_settings, env_settings)
        return (init_settings, env_settings, TomlConfigSettingsSource(settings_cls, toml_file=toml_file))


def _check_toml(path: Path) -> None:
    try:
        tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError as exc:
        raise InputError(f"config file not found: {path}") from exc
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
        raise InputError(f"cannot read config file {path}: {exc}") from exc


def load_settings(config: Path | None = None, **overrides: Any) -> Settings:
    """Build the settings; overrides whose value is None are ignored so unset CLI flags fall through."""
    env_config = os.environ.get("GROUNDQA_CONFIG")
    path = config or (Path(env_config) if env_config else None)
    settings_cls: type[Settings] = Settings
    if path is not None:
        _check_toml(path)
        settings_cls = type("Settings", (Settings,), {"model_config": {**Settings.model_config, "toml_file": path}})
    given = {key: value for key, value in overrides.items() if value is not None}
    try:
        return settings_cls(**given)
    except ValidationError as exc:
        origin = f"flags, GROUNDQA_* variables or {path}" if path else "flags or GROUNDQA_* variables"
        problems = "; ".join(f"{'.'.join(map(str, e['loc']))}: {e['msg']}" for e in exc.errors())
        raise InputError(f"invalid settings (from {origin}): {problems}") from exc
