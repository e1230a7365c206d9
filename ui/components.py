"""The claim view shared by the Ask and Verify pages, and the small renderers around it.

Every piece of text shown here comes from users, LLMs or documents, so HTML is built only through
`html.escape`; Streamlit's own DOMPurify pass is a second line of defence, not the first.
"""

from __future__ import annotations

import html
import re
from collections.abc import Sequence

import streamlit as st

from grounding.types import (
    Change,
    Citation,
    CitedSentence,
    ClaimVerdict,
    Evidence,
    EvidenceKind,
    Verdict,
    VerificationReport,
)

VERDICT_CLASS = {
    Verdict.SUPPORTED: "gq-supported",
    Verdict.CONTRADICTED: "gq-contradicted",
    Verdict.UNVERIFIABLE: "gq-unverifiable",
}
VERDICT_ICON = {
    Verdict.SUPPORTED: ":green[:material/check_circle:]",
    Verdict.CONTRADICTED: ":red[:material/cancel:]",
    Verdict.UNVERIFIABLE: ":orange[:material/help:]",
}
# Where claims overlap, the worse verdict colours the shared words.
_SEVERITY = {Verdict.SUPPORTED: 0, Verdict.UNVERIFIABLE: 1, Verdict.CONTRADICTED: 2}
_MARKDOWN_SPECIALS = re.compile(r"([\\`*_{}\[\]()<>#+\-.!|~:$])")

CSS = """
.gq-answer { font-size: 1.1rem; line-height: 2.0; }
.gq-claim { border-radius: 0.25rem; padding: 0.1rem 0.15rem; }
.gq-supported { background: #d3f4dc; border-bottom: 2px solid #1e9e4a; }
.gq-contradicted { background: #fbd5d5; border-bottom: 2px solid #d12c2c; }
.gq-unverifiable { background: #fdebc4; border-bottom: 2px solid #d99100; }
.gq-tag { font-size: 0.7rem; font-weight: 600; margin-left: 0.1rem; padding: 0 0.2rem; border-radius: 0.2rem; }
.gq-cite { font-size: 0.7rem; color: #555; }
.gq-legend span { margin-right: 0.8rem; font-size: 0.85rem; }
.gq-evidence { border: 1px solid #ddd; border-radius: 0.4rem; padding: 0.6rem 0.8rem; margin: 0.4rem 0; }
.gq-evidence-text { white-space: pre-wrap; font-size: 0.92rem; }
.gq-uncovered { text-decoration: underline dotted #7a3cc2; text-decoration-thickness: 2px; }
.gq-deciding { background: #fff1a8; font-weight: 600; padding: 0 0.1rem; }
.gq-provenance { font-size: 0.78rem; color: #555; margin-top: 0.3rem; }
.gq-triple { border-collapse: collapse; margin: 0.2rem 0; font-size: 0.92rem; }
.gq-triple td { border: 1px solid #ccc; padding: 0.2rem 0.5rem; }
.gq-triple td.gq-predicate { font-style: italic; color: #333; }
"""


def inject_css() -> None:
    st.html(f"<style>{CSS}</style>")


def escape_markdown(text: str) -> str:
    """Widget labels are Markdown; a claim's own asterisks or brackets must stay literal."""
    return _MARKDOWN_SPECIALS.sub(r"\\\1", text)


def _esc(text: object) -> str:
    return html.escape(str(text), quote=True)


# -- the highlighted answer ----------------------------------------------------------------------


def _mark_uncovered(segment: str, words: re.Pattern[str] | None) -> str:
    if words is None:
        return segment
    return words.sub(
        lambda m: f'<span class="gq-uncovered" title="no evidence uses this word">{m.group()}</span>', segment
    )


def highlight_html(
    text: str,
    claims: Sequence[ClaimVerdict],
    sentences: Sequence[CitedSentence] = (),
    numbered: bool = True,
    uncovered: Sequence[str] = (),
) -> str:
    """The answer with every claim coloured by its verdict, tagged with its number and confidence, and
    the words no evidence uses (`uncovered`, the report's `uncovered_words`) underlined.

    Claims may overlap (several claims drawn from one clause), so the text is cut at every claim
    boundary and each piece takes the worst verdict of the claims covering it.
    """
    alternatives = "|".join(re.escape(w) for w in sorted(set(uncovered), key=len, reverse=True))
    words = re.compile(rf"(?<![A-Za-z0-9&#])(?:{alternatives})(?![A-Za-z0-9])", re.I) if alternatives else None
    inserts: dict[int, list[str]] = {}
    for verdict in claims:
        tag = f"{verdict.claim.index + 1} · {verdict.confidence:.2f}" if numbered else f"{verdict.confidence:.2f}"
        inserts.setdefault(min(verdict.claim.end, len(text)), []).append(
            f'<sup class="gq-tag {VERDICT_CLASS[verdict.verdict]}" '
            f'title="{_esc(verdict.verdict)}, confidence {verdict.confidence:.2f}">{_esc(tag)}</sup>'
        )
    for sentence in sentences:
        if sentence.citations:
            at = sentence.start + len(text[sentence.start : sentence.end].rstrip())
            marker = "[" + ", ".join(str(n) for n in sentence.citations) + "]"
            inserts.setdefault(at, []).append(f'<sup class="gq-cite">{_esc(marker)}</sup>')
    cuts = sorted({0, len(text), *inserts, *(c.claim.start for c in claims), *(c.claim.end for c in claims)})
    cuts = [c for c in cuts if 0 <= c <= len(text)]
    pieces: list[str] = []
    for a, b in zip(cuts, cuts[1:], strict=False):
        if a in inserts:
            pieces.extend(inserts.pop(a))
        covering = [c for c in claims if c.claim.start <= a and b <= c.claim.end and a < b]
        segment = _mark_uncovered(_esc(text[a:b]), words)
        if covering:
            worst = max(covering, key=lambda c: _SEVERITY[c.verdict])
            numbers = ", ".join(str(c.claim.index + 1) for c in covering)
            segment = (
                f'<span class="gq-claim {VERDICT_CLASS[worst.verdict]}" data-claims="{numbers}" '
                f'title="claim {numbers}: {_esc(worst.verdict)}">{segment}</span>'
            )
        pieces.append(segment)
    for at in sorted(inserts):
        pieces.extend(inserts[at])
    return f'<div class="gq-answer">{"".join(pieces)}</div>'


def legend_html(report: VerificationReport) -> str:
    parts = [
        f'<span><span class="gq-claim {VERDICT_CLASS[v]}">{_esc(v)}</span> {report.counts.get(v, 0)}</span>'
        for v in Verdict
    ]
    return f'<div class="gq-legend">{"".join(parts)}</div>'


def relevance_html(answers_question: bool | None, reason: str | None) -> str:
    """Whether the answer answers the question: a true, grounded answer to another question is no answer."""
    if answers_question is None:
        return ""
    label, css = (
        ("answers the question", "gq-supported")
        if answers_question
        else ("does not answer the question", "gq-contradicted")
    )
    return f'<div class="gq-relevance"><span class="gq-claim {css}">{label}</span> {_esc(reason or "")}</div>'


# -- evidence ------------------------------------------------------------------------------------


def _source_html(source: str) -> str:
    if source.startswith(("http://", "https://")):
        return f'<a href="{_esc(source)}" target="_blank" rel="noopener noreferrer">{_esc(source)}</a>'
    return _esc(source)


def provenance_html(evidence: Evidence) -> str:
    parts = []
    if evidence.title:
        parts.append(f"<b>{_esc(evidence.title)}</b>")
    parts.append(f"source: {_source_html(evidence.source)}")
    parts.append(f"licence: {_esc(evidence.licence)}" if evidence.licence else "licence: not recorded")
    if evidence.start is not None and evidence.end is not None:
        parts.append(f"characters {evidence.start}–{evidence.end} of the document")
    if evidence.score:
        parts.append(f"retrieval score {evidence.score:.3f}")
    return f'<div class="gq-provenance">{" · ".join(parts)}</div>'


def passage_html(evidence: Evidence, start: int | None = None, end: int | None = None) -> str:
    """A passage with the span that decided the verdict marked."""
    text = evidence.text
    if start is not None and end is not None and 0 <= start < end <= len(text):
        body = f'{_esc(text[:start])}<mark class="gq-deciding">{_esc(text[start:end])}</mark>{_esc(text[end:])}'
    else:
        body = _esc(text)
    return (
        f'<div class="gq-evidence gq-passage"><div class="gq-evidence-text">{body}</div>'
        f"{provenance_html(evidence)}</div>"
    )


def fact_html(evidence: Evidence) -> str:
    """A graph fact as its triple (subject, predicate, object) with the sentence it reads as."""
    triple = evidence.triple
    if triple is None:
        return passage_html(evidence)
    row = (
        f'<tr><td class="gq-subject" title="{_esc(triple.subject)}">{_esc(triple.subject_label)}</td>'
        f'<td class="gq-predicate" title="{_esc(triple.predicate)}">{_esc(triple.predicate_label)}</td>'
        f'<td class="gq-object" title="{_esc(triple.object)}">{_esc(triple.object_label)}</td></tr>'
    )
    return (
        f'<div class="gq-evidence gq-fact"><table class="gq-triple">{row}</table>'
        f'<div class="gq-evidence-text">{_esc(evidence.text)}</div>{provenance_html(evidence)}</div>'
    )


def citation_html(citation: Citation) -> str:
    if citation.evidence.kind == EvidenceKind.FACT:
        return fact_html(citation.evidence)
    return passage_html(citation.evidence, citation.start, citation.end)


def evidence_html(evidence: Evidence) -> str:
    return fact_html(evidence) if evidence.kind == EvidenceKind.FACT else passage_html(evidence)


# -- the claim view ------------------------------------------------------------------------------


def claim_label(verdict: ClaimVerdict) -> str:
    return (
        f"{VERDICT_ICON[verdict.verdict]} {verdict.claim.index + 1}. {escape_markdown(verdict.claim.text)} "
        f"— {verdict.verdict} ({verdict.confidence:.2f})"
    )


def render_claim_detail(verdict: ClaimVerdict) -> None:
    """Why the claim got its verdict, and the evidence that decided it."""
    st.html(
        f'<div><span class="gq-claim {VERDICT_CLASS[verdict.verdict]}">{_esc(verdict.verdict)}</span> '
        f"confidence {verdict.confidence:.2f} · checked by {_esc(verdict.method)}</div>"
        f'<p class="gq-reason">{_esc(verdict.reason)}</p>'
    )
    if verdict.correction is not None:
        st.caption(f"The graph's value: {verdict.correction.right} (the claim says {verdict.correction.wrong}).")
    if verdict.citations:
        facts = [c for c in verdict.citations if c.evidence.kind == EvidenceKind.FACT]
        passages = [c for c in verdict.citations if c.evidence.kind != EvidenceKind.FACT]
        if facts:
            st.markdown("**Graph facts**")
            st.html("".join(citation_html(c) for c in facts))
        if passages:
            st.markdown("**Passages** (the deciding span is marked)")
            st.html("".join(citation_html(c) for c in passages))
    else:
        st.caption("No evidence decided this claim.")
    if verdict.scores:
        st.caption("Checker scores: " + ", ".join(f"{k} {v:.3f}" for k, v in sorted(verdict.scores.items())))
    if verdict.distance is not None:
        st.caption(f"Meaning distance from the nearest evidence sentence: {verdict.distance:.2f}")


def render_claim_view(
    report: VerificationReport, key: str, sentences: Sequence[CitedSentence] = (), show_answer: bool = True
) -> ClaimVerdict | None:
    """Highlighted answer, a claim picker and the picked claim's reason and evidence."""
    if show_answer:
        st.html(highlight_html(report.answer, report.claims, sentences, uncovered=report.uncovered_words))
    if not report.claims:
        st.info("The answer holds no checkable claim.")
        return None
    st.html(legend_html(report))
    chosen = st.radio(
        "Claims (select one to see why)",
        report.claims,
        format_func=claim_label,
        key=key,
    )
    if chosen is not None:
        render_claim_detail(chosen)
    verdict = "grounded" if report.grounded else "not grounded"
    whole = "" if report.answer_support is None else f" · whole answer supported p={report.answer_support:.2f}"
    if report.uncovered_share is not None:
        whole += f" · {report.uncovered_share:.0%} of its content words (underlined) not in the evidence"
    if report.evidence_distance is not None:
        whole += f" · meaning distance from the evidence {report.evidence_distance:.2f}"
    st.caption(f"{verdict} · hallucination score {report.hallucination_score:.2f}{whole}")
    return chosen


def render_changes(changes: Sequence[Change]) -> None:
    if not changes:
        st.caption("Mitigation changed nothing: every claim was already grounded.")
        return
    st.dataframe(
        [{"policy": c.policy, "before": c.before, "after": c.after or "(removed)", "why": c.reason} for c in changes],
        hide_index=True,
        width="stretch",
    )


def render_timings(timings_ms: dict[str, float]) -> None:
    stages = {k: v for k, v in timings_ms.items() if k != "total"}
    if not stages:
        return
    st.bar_chart(
        {"stage": list(stages), "milliseconds": list(stages.values())},
        x="stage",
        y="milliseconds",
        x_label="",
        horizontal=True,
        sort=False,
        height=60 + 28 * len(stages),
    )
    total = timings_ms.get("total")
    line = " · ".join(f"{k} {v:.0f} ms" for k, v in stages.items())
    st.caption(f"{line}" + (f" · total {total:.0f} ms" if total is not None else ""))


def render_evidence_list(evidence: Sequence[Evidence], numbered: bool = True) -> None:
    if not evidence:
        st.caption("No evidence.")
        return
    st.html(
        "".join(
            (f'<div class="gq-cite">[{n}] {_esc(e.kind)}</div>' if numbered else "") + evidence_html(e)
            for n, e in enumerate(evidence, start=1)
        )
    )


def facts_of(reports: Sequence[VerificationReport], extra: Sequence[Evidence] = ()) -> set[tuple[str, str, str]]:
    """(subject, predicate, object) of every graph fact cited by a verdict (or given in `extra`)."""
    items = [c.evidence for r in reports for v in r.claims for c in v.citations] + list(extra)
    return {(e.triple.subject, e.triple.predicate, e.triple.object) for e in items if e.triple is not None}
