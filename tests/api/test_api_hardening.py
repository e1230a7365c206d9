"""A runaway SPARQL query against a real server: killed at its deadline, after which SPARQL and
verification answer as fast as before; the token is required; per-client limits and caps hold."""

import json
import multiprocessing
import statistics
import threading
import time
from pathlib import Path

import httpx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from grounding.api.app import create_app
from grounding.api.config import ServiceSettings
from grounding.api.redact import public_json
from grounding.api.server import background_server
from grounding.settings import Settings
from knowledge.kb import KBInfo, KnowledgeBase

TOKEN = "sparql-token"
AUTH = {"Authorization": f"Bearer {TOKEN}"}
CARTESIAN = "SELECT (COUNT(*) AS ?n) WHERE {?a ?b ?c . ?d ?e ?f . ?g ?h ?i}"
FIELDS = ["answer", "question", "evidence", "items", "options", "query", "triples", "data", "format", "use_kb", "text"]
SPARQL_TIMEOUT_S = 4.0
VERIFY = {"answer": "Bern is the capital of Switzerland.", "evidence": ["The capital of Switzerland is Bern."]}


@pytest.fixture(scope="module")
def server(tmp_path_factory, kb_fixtures):
    folder = tmp_path_factory.mktemp("sparql")
    facts = folder / "many.csv"  # a few hundred triples: the cartesian query would run for hours
    facts.write_text("".join(f"Thing {i},linked to,Thing {i + 1}\n" for i in range(300)), encoding="utf-8")
    root = folder / "kb"
    KnowledgeBase.build(root, docs=[kb_fixtures / "docs" / "canberra.md"], graphs=[kb_fixtures / "graph.ttl", facts])
    # 4 s, not less: the limit counts the fork and the query together, and on a loaded 2-core box even the capped
    # full scan has once taken more than 1.5 s
    service = ServiceSettings(token=TOKEN, sparql_timeout_s=SPARQL_TIMEOUT_S, sparql_max_rows=50, request_timeout_s=60)
    with background_server(create_app(Settings(kb=root, home=folder / "home"), service)) as url:
        deadline = time.monotonic() + 120
        while httpx.get(url + "/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        yield url


def verify_latency(url: str, n: int = 5) -> float:
    times = []
    for _ in range(n):
        start = time.perf_counter()
        assert httpx.post(url + "/v1/verify", json=VERIFY, timeout=30).status_code == 200
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def sparql(url: str, query: str, timeout: float = 30) -> httpx.Response:
    return httpx.post(url + "/v1/sparql", json={"query": query}, headers=AUTH, timeout=timeout)


def test_a_runaway_query_is_killed_and_the_service_recovers(server):
    verify_latency(server, 2)  # warm
    before = verify_latency(server)
    start = time.perf_counter()
    runaway = sparql(server, CARTESIAN)
    assert runaway.status_code == 504 and runaway.json()["error"]["code"] == "timeout"
    assert time.perf_counter() - start < SPARQL_TIMEOUT_S + 3
    assert "stopped" in runaway.json()["error"]["message"]
    start = time.perf_counter()
    ask = sparql(server, "ASK {?s ?p ?o}", timeout=5)
    # a 200 (not 429 or 504) is what shows the killed query no longer holds the service; how fast a fresh worker
    # starts depends on the machine's load (1.15 s once on a loaded 2-core CI box), so only a hang is timed
    assert ask.status_code == 200 and ask.json()["boolean"] is True
    assert time.perf_counter() - start < 5
    assert not [p for p in multiprocessing.active_children() if p.name == "groundqa-sparql"]
    after = verify_latency(server)
    assert after < max(3 * before, before + 0.3), (before, after)


def test_the_token_is_required_whenever_configured(server):
    missing = httpx.post(server + "/v1/sparql", json={"query": "ASK {?s ?p ?o}"})
    assert missing.status_code == 401 and missing.headers["www-authenticate"] == "Bearer"
    schema = httpx.get(server + "/openapi.json").json()
    assert schema["paths"]["/v1/sparql"]["post"]["security"] == [{"HTTPBearer": []}]


def test_rows_are_capped_and_marked_truncated(server):
    body = sparql(server, "SELECT ?s ?o WHERE { ?s ?p ?o }").json()
    assert len(body["rows"]) == 50 and body["truncated"] is True
    small = sparql(server, "SELECT ?o WHERE { ?s <http://example.org/capital> ?o }").json()
    assert small["rows"] and small["truncated"] is False
    graph = sparql(server, "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }").json()
    assert len(graph["triples"]) == 50 and graph["truncated"] is True


def test_one_client_runs_one_query_at_a_time(server):
    first: list[httpx.Response] = []
    thread = threading.Thread(target=lambda: first.append(sparql(server, CARTESIAN)))
    thread.start()
    time.sleep(0.5)
    second = sparql(server, "ASK {?s ?p ?o}")
    thread.join()
    assert second.status_code == 429 and second.json()["error"]["code"] == "too_many_requests"
    assert first[0].status_code == 504
    assert sparql(server, "ASK {?s ?p ?o}").status_code == 200


def test_ingest_through_the_api_fetches_nothing(server, listener):
    url, hits = listener
    turtle = f"<http://example.org/onto> <http://www.w3.org/2002/07/owl#imports> <{url}/imported.ttl> .\n"
    added = httpx.post(server + "/v1/kb/triples", json={"data": turtle, "format": "turtle"}, headers=AUTH, timeout=60)
    assert added.status_code == 200, added.text
    html_like = {"documents": [{"text": f"See {url}/page for more.", "source": f"{url}/source"}]}
    assert httpx.post(server + "/v1/kb/documents", json=html_like, headers=AUTH, timeout=60).status_code == 200
    assert hits == []


# -- JSON bodies ------------------------------------------------------------------------------------


def test_coercion_nesting_and_bad_bytes_are_422(server):
    evidence = {"id": "e", "kind": "passage", "text": "Bern is the capital.", "source": "s", "end": True}
    coerced = httpx.post(server + "/v1/verify", json={"answer": "Bern.", "evidence": [evidence]})
    assert coerced.status_code == 422 and "evidence.0" in coerced.json()["error"]["field"]
    as_sent = {**evidence, "start": 0, "end": 20}
    assert httpx.post(server + "/v1/verify", json={"answer": "Bern.", "evidence": [as_sent]}).status_code == 200
    nested = b'{"answer": ' + b"[" * 50_000 + b"]" * 50_000 + b"}"
    for body in (nested, b'{"answer": "\xff\xfe"}'):
        response = httpx.post(server + "/v1/verify", content=body, headers={"content-type": "application/json"})
        assert response.status_code == 422, response.text
        assert response.json()["error"]["code"] == "malformed_json" and response.json()["request_id"]


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False, allow_infinity=False) | st.text(max_size=20),
    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.sampled_from(FIELDS) | st.text(max_size=8), inner),
    max_leaves=8,
)


@settings(max_examples=60, derandomize=True, database=None, deadline=None, suppress_health_check=list(HealthCheck))
@given(body=JSON, path=st.sampled_from(["/v1/verify", "/v1/verify/batch", "/v1/ask", "/v1/sparql", "/v1/kb/triples"]))
def test_any_json_body_is_answered_or_refused_never_a_5xx(server, body, path):
    response = httpx.post(server + path, json=body, headers=AUTH, timeout=60)
    assert response.status_code < 500 or response.status_code == 504, response.text
    if response.status_code >= 400:
        error = response.json()
        assert error["error"]["code"] and error["request_id"] == response.headers["x-request-id"]


# -- what clients see of the server -----------------------------------------------------------------


def test_clients_get_names_not_server_paths(server):
    info = httpx.get(server + "/v1/kb").json()
    assert info["path"] == "kb" and set(info["graph_sources"]) >= {"graph.ttl", "many.csv"}
    evidence = httpx.get(server + "/v1/search", params={"q": "Who designed Canberra?", "k": 5}).json()
    report = httpx.post(server + "/v1/verify", json={"answer": "Canberra was designed by Walter Burley Griffin."})
    sources = [item["source"] for item in evidence] + [
        citation["evidence"]["source"] for claim in report.json()["claims"] for citation in claim["citations"]
    ]
    assert "canberra.md" in sources and "graph.ttl" in sources
    assert not [s for s in sources if s.startswith(("/", "file:"))]
    everything = json.dumps([info, evidence, report.json()])
    assert str(Path(__file__).resolve().parents[1]) not in everything and "/tmp/" not in everything


def test_operators_may_expose_paths():
    info = KBInfo.model_validate(
        {**httpx_info_fields(), "path": "/srv/kbs/main", "graph_sources": ["file:///srv/data/facts.ttl"]}
    )
    assert json.loads(public_json(info, expose_paths=True))["path"] == "/srv/kbs/main"
    hidden = json.loads(public_json(info, expose_paths=False))
    assert hidden["path"] == "main" and hidden["graph_sources"] == ["facts.ttl"]


def httpx_info_fields() -> dict:
    return {
        "generation": 1, "documents": 0, "chunks": 0, "vectors": 0, "index_kind": "flat", "triples": 0,
        "entities": 0, "predicates": 0, "functional_properties": 0, "embedding_model": "m",
        "created": "2026-01-01T00:00:00Z", "updated": "2026-01-01T00:00:00Z",
    }  # fmt: skip
