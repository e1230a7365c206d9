"""Each page's main flow and error paths through Streamlit's AppTest, on a small real KB.

The graph answers "What is the capital of Australia?" by itself, so no LLM is loaded; the LLM path
runs with a LangChain fake chat model in place of SmolLM2.
"""

import json
import re
import shutil
from pathlib import Path

import pytest
import streamlit as st
from langchain_core.language_models import FakeListChatModel
from streamlit.testing.v1 import AppTest

from knowledge.kb import KnowledgeBase

APP = Path(__file__).resolve().parents[2] / "ui" / "app.py"
QUESTION = "What is the capital of Australia?"
TIMEOUT = 120


@pytest.fixture(scope="module")
def ui_kb(tmp_path_factory, kb_fixtures) -> Path:
    root = tmp_path_factory.mktemp("ui") / "kb"
    KnowledgeBase.build(
        root, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"], ontology=kb_fixtures / "ontology.ttl"
    )
    return root


@pytest.fixture
def app(ui_kb, monkeypatch):
    monkeypatch.setenv("GROUNDQA_KB", str(ui_kb))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    assert not at.exception, [e.value for e in at.exception]
    return at


def html_of(at) -> str:
    return "\n".join(element.value for element in at.get("html"))


def texts(elements) -> list[str]:
    return [element.value for element in elements]


SIDEBAR = {"answerer": "selectbox", "llm": "text_input", "kb": "text_input", "judge": "toggle"}


def configure(at, **values):
    """Set the sidebar's widgets as a user would (the page reads them on the next run)."""
    for name, value in values.items():
        getattr(at.sidebar, SIDEBAR[name])(key=f"settings.{name}").set_value(value)
    return at


def ask(at, question=QUESTION, answerer="graph"):
    configure(at, answerer=answerer)
    at.text_input(key="ask.question").set_value(question)
    return at.button(key="FormSubmitter:ask.form-Ask").click().run()


# -- Ask -------------------------------------------------------------------------------------------


def test_a_demo_question_shows_its_claims_their_evidence_and_timings(app):
    assert app.selectbox(key="settings.answerer").options == ["auto", "llm", "graph", "both"]
    configure(app, answerer="graph").run()
    app.pills(key="ask.example").set_value(QUESTION).run()
    assert not app.exception and not app.error
    page = html_of(app)
    assert 'class="gq-claim gq-supported"' in page and "Canberra" in page
    assert app.text_input(key="ask.question").value == QUESTION
    claims = app.radio(key="ask.claim.answer shown")
    assert len(claims.options) == 1 and "supported (0.97)" in claims.options[0]
    # the selected claim's evidence: the graph fact as a triple, with its source
    assert 'class="gq-evidence gq-fact"' in page and ">capital</td>" in page and "graph.ttl" in page
    assert any("The graph holds this fact" in h for h in texts(app.get("html")))
    assert any(s.label.startswith("Answered and verified in") for s in app.status)
    assert any("retrieve" in c and "verify" in c and "total" in c for c in texts(app.caption))


def test_a_second_question_reloads_nothing(ui_kb, monkeypatch):
    import ui.state

    st.cache_resource.clear()
    built = {"kb": 0, "verifier": 0, "pipeline": 0}

    def counting(name, function):
        def wrapper(*args, **kwargs):
            built[name] += 1
            return function(*args, **kwargs)

        return wrapper

    monkeypatch.setattr(ui.state, "open_kb", counting("kb", ui.state.open_kb))
    monkeypatch.setattr(ui.state, "make_verifier", counting("verifier", ui.state.make_verifier))
    monkeypatch.setattr(ui.state, "make_pipeline", counting("pipeline", ui.state.make_pipeline))
    monkeypatch.setenv("GROUNDQA_KB", str(ui_kb))
    at = AppTest.from_file(str(APP), default_timeout=TIMEOUT).run()
    ask(at)
    ask(at, "Which countries border Switzerland?")
    assert not at.exception and not at.error
    assert "Austria" in html_of(at)
    at.switch_page("views/verify.py").run()
    at.text_area(key="verify.answer").set_value("Canberra is the capital of Australia.")
    at.button(key="FormSubmitter:verify.form-Verify").click().run()
    assert built == {"kb": 1, "verifier": 1, "pipeline": 1}


def test_the_llm_path_shows_raw_beside_mitigated_and_what_changed(app, monkeypatch):
    import grounding.answer.llm

    fake = FakeListChatModel(responses=["The capital of Australia is Sydney."] * 4)
    monkeypatch.setattr(grounding.answer.llm, "load_chat_model", lambda *args, **kwargs: fake)
    configure(app, llm="hf:fake-model-for-ui-tests")
    ask(app, answerer="llm")
    assert not app.exception and not app.error, texts(app.error)
    page = html_of(app)
    assert "Sydney" in page and "gq-contradicted" in page  # the raw answer, as the LLM wrote it
    assert any("Canberra" in h and "gq-supported" in h for h in texts(app.get("html")))  # corrected
    changes = app.dataframe[0].value
    assert "correct" in set(changes["policy"]) and changes["before"].str.contains("Sydney").any()
    assert app.segmented_control(key="ask.which").options == ["answer shown", "raw answer"]


def test_ask_errors_are_shown_on_the_page(app, tmp_path):
    app.button(key="FormSubmitter:ask.form-Ask").click().run()
    assert texts(app.warning) == ["Type a question first."]
    configure(app, llm="nonsense")
    ask(app, answerer="llm")
    assert any("unknown LLM spec 'nonsense'" in e for e in texts(app.error))
    configure(app, kb=str(tmp_path / "missing"))
    ask(app)
    assert any("no knowledge base at" in e for e in texts(app.error))
    assert not app.exception


# -- Verify ----------------------------------------------------------------------------------------


def verify(at, answer, evidence="", question=""):
    at.text_area(key="verify.answer").set_value(answer)
    at.text_input(key="verify.question").set_value(question)
    at.text_area(key="verify.evidence").set_value(evidence)
    return at.button(key="FormSubmitter:verify.form-Verify").click().run()


def test_verify_checks_a_pasted_answer_claim_by_claim(app):
    app.switch_page("views/verify.py").run()
    verify(app, "Canberra is the capital of Australia. Paris is the capital of Italy.")
    assert not app.exception and not app.error
    page = html_of(app)
    assert "gq-supported" in page and "gq-contradicted" in page
    claims = app.radio(key="verify.claim")
    assert len(claims.options) == 2
    claims.set_value(claims.options[1]).run()
    assert any("capital of Italy is Rome" in h for h in texts(app.get("html")))


def test_verify_uses_given_evidence_and_reports_bad_input(app):
    app.switch_page("views/verify.py").run()
    verify(app, "The Alps are in Europe.", evidence="The Alps are a mountain range in Europe.\n\nCoffee is a drink.")
    assert not app.error
    assert "source: request" in html_of(app) and "The Alps are a mountain range in Europe." in html_of(app)
    verify(app, "The Alps are in Europe and full of glaciers.", evidence="The Alps are a mountain range in Europe.")
    assert re.search(r'class="gq-uncovered"[^>]*>glaciers</span>', html_of(app))  # the word no evidence uses
    assert any("not in the evidence" in c.value for c in app.caption)
    verify(app, "The Alps are in Europe.", evidence='["unclosed", ')
    assert any("pasted evidence: invalid JSON at line 1" in e for e in texts(app.error))
    verify(app, "   ")
    assert texts(app.warning) == ["Paste an answer to check first."]


# -- Knowledge -------------------------------------------------------------------------------------


def metric(at, label):
    return next(m.value for m in at.metric if m.label == label)


def test_knowledge_shows_statistics_search_and_the_graph_with_the_last_answers_facts(app):
    ask(app)
    app.switch_page("views/knowledge.py").run()
    assert not app.exception and not app.error
    assert metric(app, "Documents") == "3" and int(metric(app, "Facts")) > 10
    # the entity starts at the last answer's subject, and the fact it used is marked
    assert app.text_input(key="knowledge.entity").value == "Australia"
    assert any("1 used by the last answer" in c for c in texts(app.caption))
    app.text_input(key="knowledge.entity").set_value("Switzerland").run()
    assert any("Switzerland (exact match" in c and "0 used" not in c for c in texts(app.caption))
    app.text_input(key="knowledge.entity").set_value("Atlantis").run()
    assert texts(app.warning) == ["No entity of the graph is called 'Atlantis'."]
    app.text_input(key="knowledge.query").set_value("coffee")
    app.button(key="FormSubmitter:knowledge.search-Search").click().run()
    assert "gq-passage" in html_of(app) and "coffee.txt" in html_of(app)


def test_uploads_are_ingested_atomically_and_errors_change_nothing(app, ui_kb, kb_fixtures, tmp_path):
    copy = tmp_path / "kb"
    shutil.copytree(ui_kb, copy)
    configure(app, kb=str(copy))
    app.switch_page("views/knowledge.py").run()
    facts = int(metric(app, "Facts"))
    extra = (kb_fixtures / "extra.ttl").read_bytes()
    broken = (kb_fixtures / "broken.ttl").read_bytes()

    app.get("file_uploader")[1].set_value([("extra.ttl", extra, "text/turtle"), ("broken.ttl", broken, "text/turtle")])
    app.get("file_uploader")[0].set_value(("volcano.txt", b"Mount Etna is a volcano in Sicily.", "text/plain"))
    app.button(key="FormSubmitter:knowledge.add-Add to the knowledge base").click().run()
    assert any(e.startswith("Nothing was added:") and "broken.ttl" in e for e in texts(app.error))
    assert int(metric(app, "Facts")) == facts and metric(app, "Documents") == "3"

    app.get("file_uploader")[1].set_value(("extra.ttl", extra, "text/turtle"))
    app.get("file_uploader")[0].set_value(("volcano.txt", b"Mount Etna is a volcano in Sicily.", "text/plain"))
    app.text_input(key="knowledge.licence").set_value("CC0")
    app.button(key="FormSubmitter:knowledge.add-Add to the knowledge base").click().run()
    assert not app.error, texts(app.error)
    assert any("Added as one atomic change" in s for s in texts(app.success))
    assert int(metric(app, "Facts")) > facts and metric(app, "Documents") == "4"
    kb = KnowledgeBase.open(copy)
    assert "upload:extra.ttl" in kb.info().graph_sources and kb.licence_of_source("upload:extra.ttl") == "CC0"
    assert any(e.source == "upload:volcano.txt" for e in kb.search("Etna volcano"))


# -- Evaluation ------------------------------------------------------------------------------------


def test_evaluation_shows_a_runs_metrics_and_plots(app, tmp_path):
    run = tmp_path / "runs" / "halueval-qa"
    run.mkdir(parents=True)
    metrics = {"balanced_accuracy": 0.7, "auroc": 0.8, "f1": 0.6, "threshold": 0.4, "n": 20, "meta": {"dataset": "qa"}}
    metrics["baselines"] = {"answer_length": {"balanced_accuracy": 0.55, "auroc": 0.6, "f1": 0.5, "threshold": 80}}
    (run / "metrics.json").write_text(json.dumps(metrics), encoding="utf-8")
    shutil.copy(Path(st.__file__).parent / "static" / "favicon.png", run / "roc.png")
    app.switch_page("views/evaluation.py").run()
    app.text_input(key="evaluation.folder").set_value(str(tmp_path / "runs")).run()
    assert not app.exception and not app.error
    table = app.dataframe[0].value
    assert list(table["scorer"]) == ["verifier", "answer_length"] and table["auroc"][0] == "0.800"
    assert len(app.image) == 1

    (run / "metrics.json").write_text("{oops", encoding="utf-8")
    app.run()
    assert any("metrics.json: invalid JSON" in e for e in texts(app.error))
    app.text_input(key="evaluation.folder").set_value(str(tmp_path / "nothing")).run()
    assert any("No such folder" in e for e in texts(app.error))


def test_the_llm_judge_switch_gives_the_verifier_a_judge(ui_kb, monkeypatch):
    import grounding.answer.llm
    from ui import state

    fake = FakeListChatModel(responses=['{"verdict": "supported", "evidence": [1], "reason": "It says so."}'])
    monkeypatch.setattr(grounding.answer.llm, "load_chat_model", lambda *args, **kwargs: fake)
    judged = state.verifier(state.PageSettings(kb=str(ui_kb), llm="hf:judge-for-ui-tests", llm_judge=True))
    assert judged.judge is not None and judged.judge.chat_model is fake and judged.options.use_llm
    plain = state.verifier(state.PageSettings(kb=str(ui_kb), llm="hf:judge-for-ui-tests"))
    assert plain.judge is None and not plain.options.use_llm
