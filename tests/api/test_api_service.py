"""The HTTP service against a real uvicorn server on localhost: endpoints, errors, auth, concurrency.

One server (a thread of this process, real sockets) serves a private copy of the test KB with the
real bundled verifier; the typed client in grounding/client.py talks to it. One test also starts
`groundqa serve` as a subprocess to check the command, the JSON logs and the request id end to end.
"""

import asyncio
import json
import logging
import os
import shutil
import signal
import threading
import time

import httpx
import pytest
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from grounding.api.app import create_app
from grounding.api.config import ServiceSettings
from grounding.api.observability import JsonFormatter
from grounding.api.server import background_server
from grounding.client import APIError, AsyncGroundQAClient, GroundQAClient
from grounding.settings import Settings
from knowledge.kb import KnowledgeBase
from tests.scale.servers import groundqa_serve, wait_ready

TOKEN = "test-token-0123456789"
ANSWER5 = (
    "Canberra is the capital of Australia. Bern is the capital of Switzerland. "
    "Canberra was designed by Walter Burley Griffin. Mont Blanc is in the Alps. Coffee is a drink."
)


@pytest.fixture(scope="module")
def built(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("api") / "kb"
    KnowledgeBase.build(
        root, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"], ontology=kb_fixtures / "ontology.ttl"
    )
    return root


@pytest.fixture(scope="module")
def live(built, tmp_path_factory):
    """A served copy of the KB: (base URL, KB directory, the service settings object in use)."""
    root = tmp_path_factory.mktemp("served") / "kb"
    shutil.copytree(built, root)
    service = ServiceSettings(
        token=TOKEN, max_batch=8, max_body_bytes=64 * 1024, max_evidence=12, max_claims=20, request_timeout_s=60
    )
    llm = FakeListChatModel(responses=["The capital of Switzerland is Bern [1]."] * 50)
    app = create_app(Settings(kb=root, home=root.parent / "home"), service, llm=llm)
    with background_server(app) as url:
        deadline = time.monotonic() + 120
        while httpx.get(url + "/readyz").status_code != 200:
            assert time.monotonic() < deadline, httpx.get(url + "/readyz").text
            time.sleep(0.1)
        yield url, root, service


@pytest.fixture
def client(live):
    with GroundQAClient(live[0], token=TOKEN) as c:
        yield c


@pytest.fixture
def url(live):
    return live[0]


def error_of(response: httpx.Response) -> dict:
    body = response.json()
    assert "Traceback" not in response.text
    assert body["request_id"] == response.headers["x-request-id"]
    return body["error"]


# -- probes -----------------------------------------------------------------------------------------


def test_probes_and_request_id(url):
    assert httpx.get(url + "/healthz").json()["status"] == "ok"
    ready = httpx.get(url + "/readyz").json()
    assert ready["status"] == "ok" and ready["generation"] >= 1
    echoed = httpx.get(url + "/healthz", headers={"X-Request-ID": "abc-123"})
    assert echoed.headers["x-request-id"] == "abc-123"
    fresh = httpx.get(url + "/healthz", headers={"X-Request-ID": "bad id\twith space"})
    assert fresh.headers["x-request-id"] != "bad id\twith space" and len(fresh.headers["x-request-id"]) == 32
    schema = httpx.get(url + "/openapi.json").json()
    assert schema["openapi"].startswith("3.") and "/v1/verify/batch" in schema["paths"]


# -- verification -----------------------------------------------------------------------------------


def test_verify_against_the_kb_names_the_graph_contradiction(client):
    report = client.verify("The capital of Australia is Sydney.")
    claim = report.claims[0]
    assert claim.verdict == "contradicted" and claim.method == "graph"
    assert not report.grounded and report.hallucination_score > 0.5


def test_verify_with_given_evidence_only(client):
    evidence = ["Bern is the federal city and capital of Switzerland."]
    report = client.verify("Bern is the capital of Switzerland.", evidence=evidence, use_kb=False)
    assert report.claims[0].verdict == "supported" and report.claims[0].method == "entailment"
    assert [e.source for e in report.evidence] == ["request"]
    nothing = client.verify("Bern is the capital of Switzerland.", use_kb=False)
    assert nothing.claims[0].verdict == "unverifiable" and nothing.evidence == []


def test_verify_accepts_evidence_objects_and_options(client):
    evidence = [{"id": "mine:1", "kind": "passage", "text": "Bern is the capital of Switzerland.", "source": "wiki"}]
    strict = client.verify(
        "Bern is the capital of Switzerland.", evidence=evidence, use_kb=False, options={"support_threshold": 1.0}
    )
    lenient = client.verify("Bern is the capital of Switzerland.", evidence=evidence, use_kb=False)
    assert lenient.claims[0].verdict == "supported" and strict.claims[0].verdict != "supported"
    assert lenient.evidence[0].id == "mine:1"
    with pytest.raises(APIError) as refused:
        client.verify("Bern is the capital.", options={"use_llm": True})
    assert refused.value.status == 422 and refused.value.field == "options.use_llm"


def test_batch_keeps_order_and_isolates_failures(client):
    items = [
        {"answer": "The capital of Australia is Sydney."},
        {"answer": "   "},
        {"answer": "Bern is the capital of Switzerland.", "evidence": ["x"] * 13},
        {"answer": "Bern is the capital of Switzerland.", "use_kb": False, "evidence": ["Bern is the Swiss capital."]},
    ]
    results = client.verify_batch(items)
    assert [r.index for r in results] == [0, 1, 2, 3]
    assert results[0].ok and results[0].report.claims[0].verdict == "contradicted"
    assert not results[1].ok and results[1].error.field == "items.1.answer"
    assert not results[2].ok and results[2].error.code == "limit_exceeded"
    assert results[2].error.field == "items.2.evidence"
    assert results[3].ok and results[3].report.answer == items[3]["answer"]
    with pytest.raises(APIError) as too_many:
        client.verify_batch(["Bern is in Switzerland."] * 9)
    assert too_many.value.status == 422 and too_many.value.field == "items"


def test_claim_limit_is_per_answer(client):
    long_answer = " ".join(f"Town {i} lies in Switzerland." for i in range(25))
    with pytest.raises(APIError) as refused:
        client.verify(long_answer, use_kb=False)
    assert refused.value.code == "limit_exceeded" and refused.value.field == "answer"


def test_async_client_concurrent_verifies_batch_together(live):
    async def run():
        async with AsyncGroundQAClient(live[0], token=TOKEN) as c:
            answers = [f"The capital of Australia is {city}." for city in ("Sydney", "Canberra", "Perth", "Canberra")]
            return answers, await asyncio.gather(*(c.verify(a) for a in answers))

    answers, reports = asyncio.run(run())
    assert [r.answer for r in reports] == answers
    verdicts = [r.claims[0].verdict for r in reports]
    assert verdicts == ["contradicted", "supported", "contradicted", "supported"]


def test_health_answers_while_a_long_batch_runs(url):
    # every item its own evidence: no pair repeats, so the model's memo cannot make the batch short
    items = [
        {
            "answer": ANSWER5,
            "evidence": [f"Passage {i} of {k}: Canberra was designed by Walter Burley Griffin." for i in range(12)],
            "use_kb": False,
        }
        for k in range(8)
    ]
    finished = threading.Event()
    statuses = []

    def batch():
        statuses.append(httpx.post(url + "/v1/verify/batch", json={"items": items}, timeout=120).status_code)
        finished.set()

    thread = threading.Thread(target=batch)
    thread.start()
    time.sleep(0.2)
    health = httpx.get(url + "/healthz", timeout=5)
    answered_during_batch = not finished.is_set()
    thread.join()
    assert statuses == [200]
    assert health.status_code == 200 and answered_during_batch


# -- the pipeline and the KB ------------------------------------------------------------------------


def test_ask_with_the_graph_and_with_an_llm(client, url):
    graph = client.ask("What is the capital of Switzerland?", answerer="graph")
    assert graph.answerer == "graph" and "Bern" in graph.answer and graph.report.grounded
    llm = client.ask("What is the capital of Switzerland?", answerer="llm", mitigation=["strip", "abstain"])
    assert llm.answerer == "llm" and "Bern" in llm.answer
    bad = httpx.post(url + "/v1/ask", json={"question": "Where?", "answerer": "oracle"})
    assert bad.status_code == 422 and error_of(bad)["field"] == "answerer"


def test_search_and_kb_info(client, url):
    evidence = client.search("What is the capital of Switzerland?", k=3)
    assert len(evidence) <= 3 and evidence[0].text == "The capital of Switzerland is Bern."
    info = client.kb_info()
    assert info.documents >= 3 and info.triples > 20
    missing = httpx.get(url + "/v1/search", params={"k": 3})
    assert missing.status_code == 422 and error_of(missing)["field"] == "q"
    assert httpx.get(url + "/v1/search", params={"q": "x", "k": 0}).status_code == 422


def test_sparql_reads_and_refuses_updates(client, url):
    rows = client.sparql("SELECT ?o WHERE { ?s <http://example.org/capital> ?o } LIMIT 50")
    assert rows.kind == "select" and rows.rows
    assert client.sparql("ASK { ?s ?p ?o }").boolean is True
    assert client.sparql("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o } LIMIT 3").kind == "graph"
    for query, words in [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "updates are not allowed"),
        ("DROP ALL", "updates are not allowed"),
        ("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }", "SERVICE"),
        ("SELECT ?x WHERE { ?x", "syntax error"),
    ]:
        response = httpx.post(url + "/v1/sparql", json={"query": query}, headers={"Authorization": f"Bearer {TOKEN}"})
        error = error_of(response)
        assert response.status_code == 400 and error["code"] == "invalid_query" and words in error["message"]
    assert client.sparql("ASK { <urn:a> <urn:b> <urn:c> }").boolean is False


# -- errors -----------------------------------------------------------------------------------------


def test_malformed_json_and_schema_violations_name_the_field(url):
    broken = httpx.post(url + "/v1/verify", content=b'{"answer": "x",', headers={"content-type": "application/json"})
    assert broken.status_code == 422 and error_of(broken)["code"] == "malformed_json"
    missing = httpx.post(url + "/v1/verify", json={"question": "q"})
    assert missing.status_code == 422 and error_of(missing)["field"] == "answer"
    wrong_type = httpx.post(url + "/v1/verify/batch", json={"items": [{"answer": "a"}, {"answer": 5}]})
    assert error_of(wrong_type)["field"] == "items.1.answer"
    extra = httpx.post(url + "/v1/verify", json={"answer": "a", "options": {"threshold": 2}})
    assert error_of(extra)["field"] == "options.threshold"
    out_of_range = httpx.post(url + "/v1/verify", json={"answer": "a", "options": {"support_threshold": 2}})
    assert error_of(out_of_range)["field"] == "options.support_threshold"


def test_body_size_limit_is_413(url):
    big = {"answer": "Bern is the capital.", "evidence": ["x" * 70_000]}
    declared = httpx.post(url + "/v1/verify", json=big)
    assert declared.status_code == 413 and error_of(declared)["code"] == "payload_too_large"

    def chunks():
        data = json.dumps(big).encode()
        for i in range(0, len(data), 8192):
            yield data[i : i + 8192]

    streamed = httpx.post(url + "/v1/verify", content=chunks(), headers={"content-type": "application/json"})
    assert streamed.status_code == 413 and "content-length" not in streamed.request.headers


def test_text_limits_are_422_with_field(url):
    too_long = httpx.post(url + "/v1/verify", json={"answer": "a" * 20_001})
    assert too_long.status_code == 422 and error_of(too_long)["field"] == "answer"


def test_unknown_routes_and_methods_are_json(url):
    missing = httpx.get(url + "/v2/nothing")
    assert missing.status_code == 404 and error_of(missing)["code"] == "not_found"
    wrong = httpx.get(url + "/v1/verify")
    assert wrong.status_code == 405 and error_of(wrong)["code"] == "method_not_allowed"


def test_timeout_is_504_with_what_finished(live, monkeypatch):
    url, _, service = live
    monkeypatch.setattr(service, "request_timeout_s", 0.001)
    single = httpx.post(url + "/v1/verify", json={"answer": ANSWER5})
    assert single.status_code == 504 and error_of(single)["code"] == "timeout"
    batch = httpx.post(url + "/v1/verify/batch", json={"items": [{"answer": " "}, {"answer": ANSWER5}]})
    body = batch.json()
    assert batch.status_code == 504 and body["error"]["code"] == "timeout"
    assert [slot["index"] for slot in body["finished"]] == [0] and body["finished"][0]["ok"] is False


# -- auth -------------------------------------------------------------------------------------------


def test_writes_need_the_token(url):
    body = {"documents": [{"text": "Nothing to see."}]}
    missing = httpx.post(url + "/v1/kb/documents", json=body)
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    assert error_of(missing)["code"] == "unauthorized"
    wrong = httpx.post(
        url + "/v1/kb/triples",
        json={"triples": [{"subject": "a", "predicate": "b", "object": "c"}]},
        headers={"Authorization": "Bearer " + TOKEN[:-1] + "x"},
    )
    assert wrong.status_code == 401
    basic = httpx.post(url + "/v1/kb/documents", json=body, headers={"Authorization": "Basic " + TOKEN})
    assert basic.status_code == 401
    assert httpx.get(url + "/v1/kb").status_code == 200  # reads stay open without auth_reads


def test_auth_reads_flag_guards_every_endpoint_but_probes(live, monkeypatch):
    url, _, service = live
    monkeypatch.setattr(service, "auth_reads", True)
    assert httpx.post(url + "/v1/verify", json={"answer": "Bern is in Switzerland."}).status_code == 401
    assert httpx.get(url + "/v1/search", params={"q": "Bern"}).status_code == 401
    assert httpx.get(url + "/metrics").status_code == 401
    assert httpx.get(url + "/healthz").status_code == 200 and httpx.get(url + "/readyz").status_code == 200
    authed = httpx.get(url + "/v1/kb", headers={"Authorization": f"Bearer {TOKEN}"})
    assert authed.status_code == 200


# -- writes -----------------------------------------------------------------------------------------


def test_concurrent_ingests_lose_nothing(client, live):
    url, root, _ = live
    before = client.kb_info()
    documents = [
        {"id": f"doc-{i}", "text": f"Quuxville {i} is a town of {i * 100} people.", "title": f"T{i}"} for i in range(6)
    ]

    def post_document(doc):
        return httpx.post(
            url + "/v1/kb/documents",
            json={"documents": [doc], "licence": "CC0-1.0"},
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=120,
        )

    def post_triple(i):
        triple = {"subject": f"Quuxville {i}", "predicate": "located in", "object": "Quuxland"}
        return httpx.post(
            url + "/v1/kb/triples",
            json={"triples": [triple], "source": f"urn:test:q{i}"},
            headers={"Authorization": f"Bearer {TOKEN}"},
            timeout=120,
        )

    results: list = []
    threads = [threading.Thread(target=lambda d=d: results.append(post_document(d))) for d in documents]
    threads += [threading.Thread(target=lambda i=i: results.append(post_triple(i))) for i in range(2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert [r.status_code for r in results] == [200] * 8, [r.text for r in results if r.status_code != 200]
    generations = sorted(r.json()["generation"] for r in results)
    assert generations == list(range(before.generation + 1, before.generation + 9))

    after = client.kb_info()
    assert after.generation == before.generation + 8
    assert after.documents == before.documents + 6
    assert {f"urn:test:q{i}" for i in range(2)} <= set(after.graph_sources)
    reopened = KnowledgeBase.open(root)  # loadable from disk, every document present
    assert all(reopened.store.document(f"doc-{i}") is not None for i in range(6))
    found = client.search("Quuxville 3 town people", k=5)
    assert any(e.doc_id == "doc-3" for e in found)
    located = client.sparql('ASK { ?s ?p ?o . ?o <http://www.w3.org/2000/01/rdf-schema#label> "Quuxland" }')
    assert located.boolean is True


def test_bad_graph_data_is_422_and_changes_nothing(client, url):
    before = client.kb_info().generation
    with pytest.raises(APIError) as bad:
        client.add_triples(data="<urn:a> <urn:b> .", format="turtle")
    assert bad.value.status == 422 and "/tmp" not in bad.value.message
    both = {"triples": [{"subject": "a", "predicate": "b", "object": "c"}], "data": "<urn:a> <urn:b> <urn:c> ."}
    refused = httpx.post(url + "/v1/kb/triples", json=both, headers={"Authorization": f"Bearer {TOKEN}"})
    assert refused.status_code == 422 and error_of(refused)["code"] == "validation_error"
    assert client.kb_info().generation == before


def test_a_write_by_another_process_is_served_next(client, live):
    _, root, _ = live
    before = client.kb_info().generation
    other = KnowledgeBase.open(root)
    other.add(documents=[_document("elsewhere", "Glorbix is the largest moon of Quuxland.")])
    assert client.kb_info().generation == before + 1
    assert any(e.doc_id == "elsewhere" for e in client.search("largest moon of Quuxland", k=5))


def _document(doc_id: str, text: str):
    from knowledge.types import Document

    return Document(id=doc_id, text=text, source="test")


# -- observability ----------------------------------------------------------------------------------


def test_metrics_count_requests_claims_and_verdicts(client, url):
    client.verify("The capital of Australia is Sydney.")
    text = httpx.get(url + "/metrics").text
    assert 'groundqa_http_requests_total{method="POST",route="/v1/verify",status="200"}' in text
    assert "groundqa_http_request_duration_seconds_bucket" in text
    claims = [line for line in text.splitlines() if line.startswith("groundqa_claims_checked_total")]
    assert claims and float(claims[0].split()[-1]) >= 1
    assert 'groundqa_verdicts_total{verdict="contradicted"}' in text


def test_logs_are_json_with_the_request_id(url):
    lines: list[str] = []

    class Collect(logging.Handler):
        def emit(self, record):
            lines.append(self.format(record))

    handler = Collect()
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("groundqa.api")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    try:
        httpx.get(url + "/v1/kb", headers={"X-Request-ID": "trace-42"})
    finally:
        logger.removeHandler(handler)
        logger.setLevel(level)
    entries = [json.loads(line) for line in lines]
    access = [e for e in entries if e.get("request_id") == "trace-42" and e["msg"] == "request"]
    assert access and access[0]["status"] == 200 and access[0]["route"] == "/v1/kb"


@pytest.mark.slow
def test_groundqa_serve_subprocess(built, tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(built, root)
    env = {**os.environ, "GROUNDQA_API_TOKEN": TOKEN, "GROUNDQA_HOME": str(tmp_path / "home")}
    process, url = groundqa_serve(root, env)
    try:
        wait_ready(process, url, time.monotonic() + 120)
        with GroundQAClient(url, token=TOKEN) as c:
            assert c.verify("The capital of Australia is Sydney.").claims[0].verdict == "contradicted"
        assert httpx.post(url + "/v1/kb/documents", json={"documents": [{"text": "x"}]}).status_code == 401
        httpx.get(url + "/healthz", headers={"X-Request-ID": "sub-7"})
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    entries = [json.loads(line) for line in stderr.splitlines() if line.startswith("{")]
    assert any(e.get("request_id") == "sub-7" and e.get("route") == "/healthz" for e in entries), stderr[-2000:]
    assert "Traceback" not in stderr and TOKEN not in stderr


def test_service_settings_from_the_environment_and_cors(monkeypatch):
    from starlette.testclient import TestClient

    monkeypatch.setenv("GROUNDQA_API_TOKEN", "from-env")
    monkeypatch.setenv("GROUNDQA_API_CORS_ORIGINS", "https://a.example, https://b.example")
    monkeypatch.setenv("GROUNDQA_API_MAX_BATCH", "5")
    service = ServiceSettings()
    assert service.token.get_secret_value() == "from-env" and "from-env" not in repr(service)
    assert service.cors_origins == ["https://a.example", "https://b.example"] and service.max_batch == 5
    client = TestClient(create_app(Settings(), service))  # no lifespan: CORS and probes need no models
    preflight = client.options(
        "/v1/verify", headers={"Origin": "https://b.example", "Access-Control-Request-Method": "POST"}
    )
    assert preflight.headers["access-control-allow-origin"] == "https://b.example"
    other = client.get("/healthz", headers={"Origin": "https://evil.example"})
    assert other.status_code == 200 and "access-control-allow-origin" not in other.headers


def test_judge_flag_lets_requests_ask_the_llm(built, tmp_path):
    root = tmp_path / "kb"
    shutil.copytree(built, root)
    verdict = '{"verdict": "supported", "evidence": [1], "reason": "The passage says so."}'
    llm = FakeListChatModel(responses=[verdict] * 20)
    app = create_app(Settings(kb=root, home=tmp_path / "home"), ServiceSettings(judge=True), llm=llm)
    with background_server(app) as base:
        deadline = time.monotonic() + 120
        while httpx.get(base + "/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        evidence = ["The Federal Palace in Bern houses the Swiss parliament."]
        with GroundQAClient(base) as judged:
            asked = judged.verify("The Federal Palace was designed by Hans Auer.", evidence=evidence, use_kb=False)
            plain = judged.verify(
                "The Federal Palace was designed by Hans Auer.",
                evidence=evidence,
                use_kb=False,
                options={"use_llm": False},
            )
    assert asked.claims[0].method == "llm" and asked.claims[0].verdict == "supported"
    assert plain.claims[0].method == "entailment"
