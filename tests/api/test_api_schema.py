"""Schemathesis against the service's own OpenAPI schema, served by a real uvicorn server.

Examples are bounded so the file stays quick on two cores; every response must be a documented
status with a body that matches the schema, and nothing may be a 5xx. Every operation of the schema is
covered but /v1/chat/completions (tests/api/test_openai_compat.py covers it): reads with more
examples, /v1/ask (a fake chat model answers) and ingest (a triples ingest rebuilds the entity
linker: seconds each) with a few. Generation is derandomised (a fixed seed, no example database),
so a red run is always the same run: a real regression, never bad luck.
"""

import time

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, Phase, settings
from langchain_core.language_models.fake_chat_models import FakeListChatModel
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    ignored_auth,
    negative_data_rejection,
    response_schema_conformance,
    status_code_conformance,
)

from grounding.api.app import create_app
from grounding.api.config import ServiceSettings
from grounding.api.server import background_server
from grounding.settings import Settings
from knowledge.kb import KnowledgeBase

TOKEN = "schema-token"
DETERMINISTIC = {
    "deadline": None,
    "suppress_health_check": list(HealthCheck),
    "phases": [Phase.generate],
    "derandomize": True,
    "database": None,
}
QUICK = settings(max_examples=20, **DETERMINISTIC)
FEW = settings(max_examples=3, **DETERMINISTIC)
# Schema-valid requests the service still refuses on meaning (a SPARQL syntax error, duplicate document ids,
# a blank answer) are right to be 4xx, so positive_data_acceptance is not among the checks.
CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    negative_data_rejection,
    ignored_auth,
]


@pytest.fixture(scope="module")
def served(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("schema") / "kb"
    KnowledgeBase.build(root, docs=[kb_fixtures / "docs" / "canberra.md"], graphs=[kb_fixtures / "graph.ttl"])
    llm = FakeListChatModel(responses=["The capital of Australia is Canberra [1]."] * 1000)
    app = create_app(Settings(kb=root, home=root.parent / "home"), SERVICE, llm=llm)
    with background_server(app) as url:
        deadline = time.monotonic() + 120
        while httpx.get(url + "/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        yield url


# The schema comes from an app built the same way (building loads nothing); requests go to the live server.
# (schemathesis.pytest.from_fixture does not work with pytest 9: it reads a removed `_nodeid`.)
SERVICE = ServiceSettings(token=TOKEN, max_batch=4, request_timeout_s=30, inference_batch=8)
schema = schemathesis.openapi.from_dict(create_app(Settings(), SERVICE).openapi())


def call_and_validate(case, url: str, timeout: float) -> None:
    response = case.call(base_url=url, headers={"Authorization": f"Bearer {TOKEN}"}, timeout=timeout)
    if response.status_code == 400 and "x-request-id" not in response.headers:
        return  # uvicorn's HTTP parser refused the request line (e.g. control bytes) before the app saw it
    case.validate_response(response, checks=CHECKS, headers={"Authorization": f"Bearer {TOKEN}"})


@schema.exclude(path_regex=r"^/v1/(ask|kb/|chat/)").parametrize()
@QUICK
def test_read_endpoints_conform(case, served):
    call_and_validate(case, served, timeout=60)


@schema.include(path_regex=r"^/v1/(ask|kb/)").parametrize()
@FEW
def test_ask_and_ingest_endpoints_conform(case, served):
    call_and_validate(case, served, timeout=120)
