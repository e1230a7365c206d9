"""The page's HTML renderers and file readers: no KB, no models, no Streamlit server."""

import html
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grounding.types import (
    Citation,
    CitedSentence,
    Claim,
    ClaimVerdict,
    Evidence,
    EvidenceKind,
    Method,
    Triple,
    Verdict,
    VerificationReport,
)
from knowledge.errors import InputError
from ui import components, runs, uploads

TAG = re.compile(r"<[^>]+>")


def verdict(index, start, end, text, kind=Verdict.SUPPORTED, confidence=0.9, citations=()):
    return ClaimVerdict(
        claim=Claim(index=index, text=text, start=start, end=end),
        verdict=kind,
        confidence=confidence,
        method=Method.ENTAILMENT,
        reason="because",
        citations=list(citations),
    )


def visible_text(markup: str) -> str:
    """What a reader sees, without the claim tags and citation markers."""
    markup = re.sub(r"<sup[^>]*>.*?</sup>", "", markup)
    return html.unescape(TAG.sub("", markup))


def test_each_claim_is_coloured_by_its_verdict_with_its_confidence():
    answer = "Canberra is the capital. Paris is in Italy. Bees make honey on Mars."
    claims = [
        verdict(0, 0, 24, "Canberra is the capital.", Verdict.SUPPORTED, 0.97),
        verdict(1, 25, 43, "Paris is in Italy.", Verdict.CONTRADICTED, 0.88),
        verdict(2, 44, len(answer), "Bees make honey on Mars.", Verdict.UNVERIFIABLE, 1.0),
    ]
    markup = components.highlight_html(answer, claims)
    assert '<span class="gq-claim gq-supported" data-claims="1"' in markup
    assert re.search(r'gq-contradicted" data-claims="2"[^>]*>Paris is in Italy\.</span>', markup)
    assert re.search(r'gq-unverifiable" data-claims="3"[^>]*>Bees make honey on Mars\.</span>', markup)
    assert "1 · 0.97" in markup and "2 · 0.88" in markup and "3 · 1.00" in markup
    assert visible_text(markup) == answer


def test_words_no_evidence_uses_are_underlined_whole_words_only():
    answer = "Bees make honey on Mars & Venus; beeswax too."
    claims = [verdict(0, 0, len(answer), answer, Verdict.UNVERIFIABLE, 0.6)]
    markup = components.highlight_html(answer, claims, uncovered=["mars", "bees", "amp"])
    marked = re.findall(r'<span class="gq-uncovered"[^>]*>([^<]*)</span>', markup)
    assert marked == ["Bees", "Mars"]  # not the "bees" inside "beeswax", not the escaped "&amp;"
    assert visible_text(markup) == answer
    assert "gq-uncovered" not in components.highlight_html(answer, claims)


def test_overlapping_claims_take_the_worse_verdict_where_they_share_words():
    answer = "Switzerland borders France and Spain."
    claims = [
        verdict(0, 0, 36, "Switzerland borders France.", Verdict.SUPPORTED),
        verdict(1, 0, 36, "Switzerland borders Spain.", Verdict.CONTRADICTED),
    ]
    markup = components.highlight_html(answer, claims)
    assert 'class="gq-claim gq-contradicted" data-claims="1, 2"' in markup
    assert "gq-claim gq-supported" not in markup


def test_citations_follow_their_sentence():
    answer = "Canberra is the capital. It is inland."
    sentences = [
        CitedSentence(index=0, start=0, end=24, text="Canberra is the capital.", citations=[1, 2]),
        CitedSentence(index=1, start=25, end=38, text="It is inland.", citations=[]),
    ]
    markup = components.highlight_html(answer, [verdict(0, 0, 24, "Canberra is the capital.")], sentences)
    assert markup.index('<sup class="gq-cite">[1, 2]</sup>') > markup.index("capital.")
    assert markup.count("gq-cite") == 1


def test_user_text_is_escaped_everywhere():
    answer = '<script>alert("x")</script> & <img src=x onerror=alert(1)>'
    markup = components.highlight_html(answer, [verdict(0, 0, len(answer), answer, Verdict.CONTRADICTED)])
    assert "<script>" not in markup and "<img" not in markup
    assert visible_text(markup) == answer
    evidence = Evidence(
        id="chunk:1", kind=EvidenceKind.PASSAGE, text="<b>bold</b>", source="javascript:alert(1)", licence="<i>CC</i>"
    )
    card = components.passage_html(evidence, 0, 3)
    assert "<b>" not in card and "<i>" not in card and "href" not in card


@given(
    text=st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=60),
    spans=st.lists(st.tuples(st.integers(0, 60), st.integers(0, 60), st.sampled_from(list(Verdict))), max_size=5),
)
def test_highlighting_never_loses_duplicates_or_unescapes_text(text, spans):
    claims = [
        verdict(i, min(a, b, len(text)), min(max(a, b), len(text)), "claim", kind)
        for i, (a, b, kind) in enumerate(spans)
    ]
    markup = components.highlight_html(text, claims)
    assert visible_text(markup) == text
    for raw in re.findall(r">([^<]*)<", markup):
        assert "<" not in raw and ">" not in raw


def test_passage_marks_the_deciding_span_and_shows_provenance():
    evidence = Evidence(
        id="chunk:3",
        kind=EvidenceKind.PASSAGE,
        text="Canberra is the capital city of Australia. It was founded in 1913.",
        source="https://en.wikipedia.org/wiki/Canberra",
        licence="CC BY-SA 4.0",
        title="Canberra",
        start=120,
        end=186,
    )
    card = components.citation_html(Citation(evidence=evidence, start=0, end=42))
    assert '<mark class="gq-deciding">Canberra is the capital city of Australia.</mark>' in card
    assert 'href="https://en.wikipedia.org/wiki/Canberra"' in card
    assert "CC BY-SA 4.0" in card and "characters 120–186" in card


def test_a_fact_is_shown_as_its_triple():
    triple = Triple(
        subject="http://x/AUS",
        predicate="http://x/capital",
        object="http://x/CBR",
        subject_label="Australia",
        predicate_label="capital",
        object_label="Canberra",
    )
    fact = Evidence(
        id="fact:1", kind=EvidenceKind.FACT, text="The capital of Australia is Canberra.", source="g", triple=triple
    )
    card = components.fact_html(fact)
    assert re.search(r"gq-subject[^>]*>Australia</td>.*gq-predicate[^>]*>capital</td>.*gq-object[^>]*>Canberra", card)
    assert "licence: not recorded" in card
    report_claim = verdict(0, 0, 5, "x", citations=[Citation(evidence=fact)])
    report = VerificationReport(answer="xxxxx", claims=[report_claim], grounded=True, hallucination_score=0.1)
    assert components.facts_of([report]) == {("http://x/AUS", "http://x/capital", "http://x/CBR")}


def test_claim_labels_keep_markdown_literal():
    label = components.claim_label(verdict(0, 0, 3, "**a** [b](c)", Verdict.CONTRADICTED, 0.5))
    assert r"\*\*a\*\* \[b\]\(c\)" in label and "contradicted (0.50)" in label


# -- evidence and run folders --------------------------------------------------------------------


def test_pasted_evidence_reads_like_the_cli_evidence_file():
    assert uploads.read_evidence("First passage.\n\nSecond passage.") == ["First passage.", "Second passage."]
    assert uploads.read_evidence(json.dumps(["a", {"text": "b"}])) == ["a", "b"]
    with pytest.raises(InputError, match="pasted evidence: invalid JSON at line 1"):
        uploads.read_evidence('["a", ', "pasted evidence")
    assert uploads.gather_evidence("  ", None) is None


def write_run(folder, metrics):
    folder.mkdir(parents=True)
    (folder / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    return folder


def test_run_folders_are_found_and_tabled_ours_first(tmp_path):
    metrics = {
        "balanced_accuracy": 0.7,
        "auroc": 0.8,
        "f1": 0.6,
        "threshold": 0.5,
        "ci95": {"auroc": [0.75, 0.85]},
        "baselines": {"answer_length": {"balanced_accuracy": 0.6, "auroc": None, "f1": 0.5, "threshold": 90}},
    }
    run = write_run(tmp_path / "runs" / "qa", metrics)
    (tmp_path / "runs" / "empty").mkdir()
    (run / "roc.png").write_bytes(b"png")
    (run / "extra.png").write_bytes(b"png")
    assert runs.find_runs(tmp_path / "runs") == [run]
    assert runs.find_runs(run) == [run]
    rows = runs.metrics_rows(runs.read_metrics(run))
    assert [r["scorer"] for r in rows] == ["verifier", "answer_length"]
    assert rows[0]["auroc"] == "0.800 [0.750, 0.850]" and rows[1]["auroc"] == "n/a"
    assert [p.name for p in runs.plot_files(run)] == ["roc.png", "extra.png"]


def test_a_broken_metrics_file_is_reported_by_name(tmp_path):
    run = tmp_path / "bad"
    run.mkdir()
    (run / "metrics.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(InputError, match=r"bad/metrics.json: invalid JSON at line 1"):
        runs.read_metrics(run)
    (run / "metrics.json").write_text("[1, 2]", encoding="utf-8")
    with pytest.raises(InputError, match="expected a JSON object"):
        runs.read_metrics(run)


def test_relevance_judgement_is_shown_and_escaped():
    from ui.components import relevance_html

    off = relevance_html(False, "The question asks for a number; the answer gives <none>.")
    assert "does not answer the question" in off and "&lt;none&gt;" in off
    assert "answers the question" in relevance_html(True, "The answer gives a number.")
    assert relevance_html(None, None) == ""
