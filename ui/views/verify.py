"""Verify: paste an answer from any LLM and see every claim checked, as on the Ask page."""

from __future__ import annotations

import streamlit as st

from grounding.types import VerificationReport
from knowledge.errors import GroundQAError
from ui import components, state
from ui.uploads import gather_evidence

REPORT = "verify.report"


def main() -> None:
    st.title("Verify")
    st.caption(
        "Paste an answer (from your own LLM, say) to check every claim in it. Without evidence, the "
        "claims are checked against the knowledge base."
    )
    page = state.current()
    with st.form("verify.form"):
        answer = st.text_area("Answer to check", key="verify.answer", height=120)
        question = st.text_input("Question it answers (optional)", key="verify.question")
        pasted = st.text_area(
            "Evidence (optional): paragraphs separated by blank lines, a JSON list or JSON lines",
            key="verify.evidence",
            height=100,
        )
        upload = st.file_uploader("...or an evidence file", type=["txt", "json", "jsonl", "md"], key="verify.file")
        use_graph = st.toggle("Use the graph checker", value=True, key="verify.graph")
        submitted = st.form_submit_button("Verify", type="primary")
    if submitted:
        if not answer.strip():
            st.warning("Paste an answer to check first.")
        else:
            try:
                evidence = gather_evidence(pasted, upload)
                verifier = state.verifier(page)
                options = verifier.options.model_copy(update={"use_graph": use_graph})
                with st.spinner("Checking every claim..."):
                    report = verifier.verify(
                        answer, question=question.strip() or None, evidence=evidence, options=options
                    )
            except GroundQAError as exc:
                st.error(str(exc))
            else:
                st.session_state[REPORT] = report
                state.remember_facts(components.facts_of([report]))
    report = st.session_state.get(REPORT)
    if isinstance(report, VerificationReport):
        st.markdown("#### Claims")
        components.render_claim_view(report, key="verify.claim")
        with st.expander(f"Evidence checked against ({len(report.evidence)} items)"):
            components.render_evidence_list(report.evidence)
        st.markdown("#### Time per stage")
        components.render_timings(report.timings_ms)


main()
