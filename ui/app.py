"""groundqa's page: `groundqa ui` (or `streamlit run ui/app.py`) starts it.

This script draws the sidebar (the settings every page shares) and hands over to the chosen page.
The knowledge base comes from `--kb` through GROUNDQA_KB, or is the demo KB.
"""

from __future__ import annotations

from pathlib import Path

import streamlit as st

from grounding.registry import ANSWERERS, LLM_BACKENDS, POLICIES
from grounding.settings import load_settings
from knowledge.errors import GroundQAError
from ui import state
from ui.components import inject_css

HERE = Path(__file__).parent


def sidebar() -> state.PageSettings:
    """The sidebar's widgets; their values persist in the session under their keys."""
    try:
        base = load_settings()
    except GroundQAError as exc:
        st.sidebar.error(str(exc))
        base = None
    default_kb = str(base.kb_dir) if base is not None else ""
    with st.sidebar:
        st.header("Settings")
        kb = st.text_input(
            "Knowledge base folder",
            value=default_kb,
            key="settings.kb",
            help="A folder made by `groundqa kb build`; the demo KB is built on first use.",
        ).strip()
        llm = st.text_input(
            "Generation backend",
            value="default",
            key="settings.llm",
            help="; ".join(f"{entry.name}: {entry.help}" for entry in LLM_BACKENDS) + ".",
        ).strip()
        answerer = st.selectbox(
            "Who answers",
            ANSWERERS.names(),
            key="settings.answerer",
            help="; ".join(f"{entry.name}: {entry.help}" for entry in ANSWERERS) + ".",
        )
        mitigation = st.multiselect(
            "Mitigation policies, in order",
            list(POLICIES.names()),
            default=list(POLICIES.defaults()),
            key="settings.mitigation",
        )
        # The sliders start at the configured thresholds (GROUNDQA_SUPPORT_THRESHOLD, the config file).
        support = st.slider(
            "Support threshold", 0.0, 1.0, base.support_threshold if base else 0.5, 0.05, key="settings.support"
        )
        contradiction = st.slider(
            "Contradiction threshold",
            0.0,
            1.0,
            base.contradiction_threshold if base else 0.5,
            0.05,
            key="settings.contradiction",
        )
        judge = st.toggle(
            "LLM judge for uncertain claims",
            value=False,
            key="settings.judge",
            help="Asks the generation backend about claims the graph and the NLI model left uncertain.",
        )
    # The demo KB stays "the demo KB" (built on first use) unless GROUNDQA_KB or --kb chose another.
    demo = base is not None and base.uses_demo_kb and Path(kb) == base.kb_dir
    return state.PageSettings(
        kb=None if demo or not kb else kb,
        llm=llm or "default",
        answerer=answerer,
        mitigation=tuple(mitigation),
        support_threshold=support,
        contradiction_threshold=contradiction,
        llm_judge=judge,
    )


def main() -> None:
    st.set_page_config(page_title="groundqa", page_icon=":material/fact_check:", layout="wide")
    inject_css()
    st.session_state[state.SETTINGS] = sidebar()
    page = st.navigation(
        [
            st.Page(HERE / "views" / "ask.py", title="Ask", icon=":material/chat:", default=True),
            st.Page(HERE / "views" / "verify.py", title="Verify", icon=":material/rule:"),
            st.Page(HERE / "views" / "knowledge.py", title="Knowledge", icon=":material/hub:"),
            st.Page(HERE / "views" / "evaluation.py", title="Evaluation", icon=":material/monitoring:"),
        ]
    )
    page.run()


main()
