"""The page's long-lived objects: the KB, the verifier and the pipeline, built once per process.

Streamlit reruns a page script on every click, so everything expensive is built through
`st.cache_resource`, keyed by the settings that shape it: a second question, a new claim selected
or a page switch reuses the same loaded models. Everything is built by `grounding.factory`, like
the CLI and the HTTP service, so the page answers exactly as they do.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

import streamlit as st

from grounding.factory import DEFAULT_MITIGATION, make_pipeline, make_verifier, open_kb, warm_up
from grounding.settings import Settings, load_settings

if TYPE_CHECKING:
    from grounding.pipeline import Pipeline
    from grounding.verify.verifier import Verifier
    from knowledge.kb import KnowledgeBase

LAST_FACTS = "groundqa.last_facts"
SETTINGS = "groundqa.page_settings"


@dataclass(frozen=True)
class PageSettings:
    """What the sidebar chooses; hashable, so it can key the caches."""

    kb: str | None = None
    llm: str = "default"
    answerer: str = "auto"
    mitigation: tuple[str, ...] = DEFAULT_MITIGATION
    support_threshold: float = 0.5
    contradiction_threshold: float = 0.5
    llm_judge: bool = False
    top_k: int | None = None


def settings_for(page: PageSettings) -> Settings:
    """GROUNDQA_* variables and the config file, with the sidebar's choices on top (like CLI flags)."""
    return load_settings(
        kb=Path(page.kb) if page.kb else None,
        support_threshold=page.support_threshold,
        contradiction_threshold=page.contradiction_threshold,
        top_k=page.top_k,
    )


def current() -> PageSettings:
    """The sidebar's settings of this session (the defaults before the sidebar has run)."""
    value = st.session_state.get(SETTINGS)
    return value if isinstance(value, PageSettings) else PageSettings()


@st.cache_resource(show_spinner="Opening the knowledge base (the demo KB is built on first use)...")
def _knowledge_base(kb_dir: str, _settings: Settings) -> KnowledgeBase:
    return open_kb(_settings, progress=True)


def knowledge_base(page: PageSettings) -> KnowledgeBase:
    settings = settings_for(page)
    return _knowledge_base(str(settings.kb_dir.resolve()), settings)


@st.cache_resource(show_spinner="Loading the verifier...")
def _verifier(
    kb_dir: str,
    model: str,
    runtime: str,
    support: float,
    contradiction: float,
    judge_llm: str | None,
    _settings: Settings,
) -> Verifier:
    verifier = make_verifier(_settings, _knowledge_base(kb_dir, _settings), judge_llm=judge_llm)
    warm_up(verifier)
    return verifier


def verifier(page: PageSettings) -> Verifier:
    settings = settings_for(page)
    return _verifier(
        str(settings.kb_dir.resolve()),
        settings.verifier_model,
        settings.verifier_runtime,
        settings.support_threshold,
        settings.contradiction_threshold,
        page.llm if page.llm_judge else None,
        settings,
    )


@st.cache_resource(show_spinner="Preparing the pipeline...")
def _pipeline(page: PageSettings, kb_dir: str, _settings: Settings) -> Pipeline:
    return make_pipeline(
        _settings,
        _knowledge_base(kb_dir, _settings),
        llm=page.llm,
        answerer=page.answerer,  # type: ignore[arg-type]  # the pipeline rejects unknown names clearly
        mitigation=page.mitigation,
        k=page.top_k,
        verifier=verifier(page),
    )


def pipeline(page: PageSettings) -> Pipeline:
    settings = settings_for(page)
    return _pipeline(page, str(settings.kb_dir.resolve()), settings)


def remember_facts(triples: set[tuple[str, str, str]]) -> None:
    """The graph facts the last answer rested on, for the Knowledge page to mark."""
    st.session_state[LAST_FACTS] = triples


def last_facts() -> set[tuple[str, str, str]]:
    return st.session_state.get(LAST_FACTS, set())
