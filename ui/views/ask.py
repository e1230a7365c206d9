"""Ask: a question in, an answer out with every claim checked and the evidence one click away."""

from __future__ import annotations

import streamlit as st

from grounding.types import AskResult
from knowledge.demo import DEMO_QUESTIONS
from knowledge.errors import GroundQAError
from ui import components, state

QUESTION = "ask.question"
EXAMPLE = "ask.example"
PENDING = "ask.pending"
RESULT = "ask.result"


def _pick_example() -> None:
    """A demo question clicked is a question asked: copy it into the box and ask at once."""
    choice = st.session_state.get(EXAMPLE)
    if choice:
        st.session_state[QUESTION] = choice
        st.session_state[PENDING] = True
        st.session_state[EXAMPLE] = None


def answer(page: state.PageSettings, question: str) -> AskResult | None:
    """Run the pipeline with a visible status; the draft appears while the LLM writes it."""
    if not question.strip():
        st.warning("Type a question first.")
        return None
    try:
        pipeline = state.pipeline(page)
    except GroundQAError as exc:
        st.error(f"Cannot prepare the pipeline: {exc}")
        return None
    result: AskResult | None = None
    with st.status("Retrieving evidence and answering...", expanded=True) as status:
        draft = st.empty()
        text = ""
        try:
            for item in pipeline.stream(question):
                if isinstance(item, AskResult):
                    result = item
                    continue
                text += item
                status.update(label="Drafting the answer; every claim is verified next...")
                draft.caption(f"Draft, not yet verified: {components.escape_markdown(text)}")
        except GroundQAError as exc:
            status.update(label="The question could not be answered", state="error", expanded=True)
            st.error(str(exc))
            return None
        draft.empty()
        if result is None:
            status.update(label="The pipeline gave no result", state="error")
            return None
        seconds = result.timings_ms.get("total", 0.0) / 1000
        status.update(label=f"Answered and verified in {seconds:.1f} s", state="complete", expanded=False)
    return result


def show(result: AskResult) -> None:
    st.subheader(result.question)
    st.caption(f"Answered by the {result.answerer}: {result.choice}")
    if result.abstained:
        st.warning("Too little of the answer is grounded in the knowledge base, so it abstains.")
    st.html(components.relevance_html(result.answers_question, result.relevance_reason))
    final, raw = st.columns(2)
    with final:
        st.markdown("**Answer shown** (after verification and mitigation)")
        st.html(
            components.highlight_html(
                result.report.answer, result.report.claims, result.sentences, uncovered=result.report.uncovered_words
            )
        )
    with raw:
        st.markdown("**Raw answer** (as the " + result.answerer + " wrote it)")
        st.html(
            components.highlight_html(
                result.raw_report.answer, result.raw_report.claims, uncovered=result.raw_report.uncovered_words
            )
        )
        if result.raw_report.answer.strip() == result.report.answer.strip():
            st.caption("Mitigation left the answer unchanged.")

    st.markdown("#### What mitigation changed")
    components.render_changes(result.changes)

    st.markdown("#### Claims")
    reports = {"answer shown": result.report}
    if result.raw_report.answer.strip() != result.report.answer.strip():
        reports["raw answer"] = result.raw_report
    reports = {name: report for name, report in reports.items() if report.claims}
    if not reports:
        st.info("Neither answer holds a checkable claim.")
    else:
        which = next(iter(reports))
        if len(reports) > 1:
            which = st.segmented_control("Claims of", list(reports), default=which, key="ask.which") or which
        components.render_claim_view(reports[which], key=f"ask.claim.{which}", show_answer=False)

    with st.expander(f"All evidence ({len(result.evidence)} items; citation [n] is item n)"):
        components.render_evidence_list(result.evidence)
    if result.citation_checks:
        with st.expander("The LLM's own citations, checked"):
            st.dataframe([c.model_dump(mode="json") for c in result.citation_checks], hide_index=True)
    st.markdown("#### Time per stage")
    components.render_timings(result.timings_ms)


def main() -> None:
    st.title("Ask")
    st.caption("Every claim of the answer is checked against the knowledge base before it is shown.")
    page = state.current()
    st.pills(
        "Try a demo question",
        DEMO_QUESTIONS,
        key=EXAMPLE,
        on_change=_pick_example,
        help="Written for the demo KB (countries graph and Wikipedia passages); clicking one asks it.",
    )
    with st.form("ask.form", border=False):
        question = st.text_input("Question", key=QUESTION, placeholder="What is the capital of Australia?")
        submitted = st.form_submit_button("Ask", type="primary")
    if submitted or st.session_state.pop(PENDING, False):
        result = answer(page, question)
        if result is not None:
            st.session_state[RESULT] = result
            graph_facts = result.graph_answer.citations if result.graph_answer is not None else []
            state.remember_facts(components.facts_of([result.report, result.raw_report], graph_facts))
    result = st.session_state.get(RESULT)
    if isinstance(result, AskResult):
        show(result)


main()
