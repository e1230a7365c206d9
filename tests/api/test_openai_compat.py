"""The OpenAI-compatible endpoint and guard proxy, driven by the official `openai` SDK.

A real `groundqa serve` app (uvicorn on a loopback port, the real KB, verifier and pipeline) sits
in front of a small fake OpenAI-compatible upstream on another loopback port, whose answers are
scripted by model name. The SDK is the client throughout: plain, streaming and proxied.
"""

from __future__ import annotations

import asyncio
import os
import re
import signal
import time

import httpx
import openai
import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, PlainTextResponse
from fastapi.testclient import TestClient
from langchain_core.language_models.fake_chat_models import FakeListChatModel

from grounding.api.app import create_app
from grounding.api.config import ServiceSettings, load_service_settings
from grounding.api.server import background_server
from grounding.settings import Settings
from knowledge.errors import InputError
from knowledge.kb import KnowledgeBase
from tests.scale.servers import free_port, groundqa_serve, wait_ready

TOKEN = "openai-test-token-0123456789"
CAPITAL = [{"role": "user", "content": "What is the capital of Australia?"}]
SCRIPT = {
    "fake-sydney": "The capital of Australia is Sydney.",
    "fake-bern": "Bern is the capital of Switzerland.",
}


def upstream_app(received: list[dict]) -> FastAPI:
    """An OpenAI-compatible server whose behaviour the model name picks: an answer, slowness or an error."""
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def complete(request: Request) -> JSONResponse:
        body = await request.json()
        received.append({"body": body, "authorization": request.headers.get("authorization")})
        model = body["model"]
        if model == "fake-slow":
            await asyncio.sleep(5)
        if model == "fake-broken":
            return JSONResponse({"error": {"message": "the GPU caught fire", "type": "server_error"}}, status_code=500)
        if model == "fake-garbage":
            return PlainTextResponse("<html>bad gateway</html>")
        if model == "fake-refusing":
            return JSONResponse({"error": {"message": "invalid api key", "type": "auth"}}, status_code=401)
        return JSONResponse(
            {
                "id": "chatcmpl-upstream",
                "object": "chat.completion",
                "created": 1,
                "model": model,
                "choices": [
                    {"index": 0, "message": {"role": "assistant", "content": SCRIPT[model]}, "finish_reason": "stop"}
                ],
                "usage": {"prompt_tokens": 9, "completion_tokens": 7, "total_tokens": 16},
            }
        )

    return app


@pytest.fixture(scope="module")
def kb_root(tmp_path_factory, kb_fixtures):
    root = tmp_path_factory.mktemp("openai") / "kb"
    KnowledgeBase.build(
        root, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"], ontology=kb_fixtures / "ontology.ttl"
    )
    return root


@pytest.fixture(scope="module")
def upstream():
    received: list[dict] = []
    with background_server(upstream_app(received)) as url:
        yield url + "/v1", received


@pytest.fixture(scope="module")
def served(kb_root, upstream):
    service = ServiceSettings(
        token=TOKEN, auth_reads=True, upstream=f"openai:{upstream[0]}", upstream_timeout_s=1.5, request_timeout_s=60
    )
    llm = FakeListChatModel(responses=["Canberra is the capital of Australia [1]."] * 20)
    app = create_app(Settings(kb=kb_root, home=kb_root.parent / "home"), service, llm=llm)
    with background_server(app) as url:
        deadline = time.monotonic() + 120
        while httpx.get(url + "/readyz").status_code != 200:
            assert time.monotonic() < deadline, httpx.get(url + "/readyz").text
            time.sleep(0.1)
        yield url


@pytest.fixture
def client(served):
    with openai.OpenAI(base_url=served + "/v1", api_key=TOKEN, max_retries=0, timeout=60) as c:
        yield c


def claims(groundqa: dict, key: str = "report") -> list[str]:
    return [claim["verdict"] for claim in groundqa[key]["claims"]]


def test_the_grounded_model_answers_with_a_supported_report(client):
    completion = client.chat.completions.create(model="groundqa", messages=CAPITAL)
    assert completion.object == "chat.completion" and completion.model == "groundqa"
    answer = completion.choices[0].message.content
    assert "Canberra" in answer and completion.choices[0].finish_reason == "stop"
    groundqa = completion.groundqa  # the extra field, kept by the SDK's models
    assert groundqa["mode"] == "grounded" and "supported" in claims(groundqa) and groundqa["report"]["grounded"]
    assert groundqa["evidence"] and "[1]" in answer  # citations in the text, into groundqa.evidence


def test_streaming_through_the_sdk(client):
    stream = client.chat.completions.create(model="groundqa", messages=CAPITAL, stream=True)
    chunks = list(stream)
    assert chunks[0].choices[0].delta.role == "assistant"
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert "Canberra" in text and len(chunks) > 3
    last = chunks[-1]
    assert last.choices[0].finish_reason == "stop" and "supported" in claims(last.groundqa)
    assert last.groundqa["report"]["answer"] == re.sub(r" \[\d+\]", "", text)  # the report describes the stream


def test_the_grounded_model_answers_from_documents_in_the_request(client):
    completion = client.chat.completions.create(
        model="groundqa",
        messages=[{"role": "user", "content": "What is the capital of Australia?"}],
        extra_body={"groundqa": {"documents": ["Canberra is the capital city of Australia."], "answerer": "llm"}},
    )
    groundqa = completion.groundqa
    assert "Canberra" in completion.choices[0].message.content
    assert [e["source"] for e in groundqa["evidence"]] == ["request"] and groundqa["report"]["grounded"]


def test_models_lists_groundqa(client):
    assert "groundqa" in [model.id for model in client.models.list()]


def test_the_guard_corrects_the_upstream_hallucination(client, upstream):
    completion = client.chat.completions.create(model="fake-sydney", messages=CAPITAL, temperature=0.2)
    answer = completion.choices[0].message.content
    assert "Canberra" in answer and "Sydney" not in answer
    groundqa = completion.groundqa
    assert groundqa["mode"] == "guard" and groundqa["raw_answer"] == SCRIPT["fake-sydney"]
    assert claims(groundqa, "raw_report") == ["contradicted"] and groundqa["report"]["grounded"]
    assert groundqa["changes"][0]["policy"] == "correct" and groundqa["upstream_model"] == "fake-sydney"
    assert completion.usage.total_tokens == 16  # the upstream's own fields pass through
    sent = upstream[1][-1]
    assert sent["body"]["temperature"] == 0.2 and sent["body"]["stream"] is False and "groundqa" not in sent["body"]
    assert sent["authorization"] is None  # our token is ours; it never travels upstream


def test_the_guard_streams_the_checked_answer(client):
    chunks = list(client.chat.completions.create(model="fake-sydney", messages=CAPITAL, stream=True))
    text = "".join(c.choices[0].delta.content or "" for c in chunks)
    assert "Canberra" in text and "Sydney" not in text
    assert chunks[-1].groundqa["raw_answer"] == SCRIPT["fake-sydney"]


def test_the_guard_checks_against_the_documents_the_caller_passes(client):
    completion = client.chat.completions.create(
        model="fake-bern",
        messages=[{"role": "user", "content": "What is the capital of Switzerland?"}],
        extra_body={"groundqa": {"documents": ["Bern is the federal city and capital of Switzerland."]}},
    )
    groundqa = completion.groundqa
    assert completion.choices[0].message.content == SCRIPT["fake-bern"]
    assert claims(groundqa) == ["supported"] and [e["source"] for e in groundqa["evidence"]] == ["request"]


def test_upstream_failures_are_passed_on_clearly(client):
    with pytest.raises(openai.APIStatusError) as slow:
        client.chat.completions.create(model="fake-slow", messages=CAPITAL)
    assert slow.value.status_code == 504 and slow.value.code == "upstream_timeout"
    assert "1.5 s" in slow.value.message
    with pytest.raises(openai.APIStatusError) as broken:
        client.chat.completions.create(model="fake-broken", messages=CAPITAL)
    assert broken.value.status_code == 502 and broken.value.type == "upstream_error"
    assert "GPU caught fire" in broken.value.message
    with pytest.raises(openai.AuthenticationError) as refused:
        client.chat.completions.create(model="fake-refusing", messages=CAPITAL)
    assert "upstream answered 401" in refused.value.message
    with pytest.raises(openai.APIStatusError) as garbage:
        client.chat.completions.create(model="fake-garbage", messages=CAPITAL)
    assert garbage.value.status_code == 502 and "other than JSON" in garbage.value.message


def test_an_unreachable_upstream_is_a_502(kb_root):
    closed = free_port()  # a port nobody listens on
    service = ServiceSettings(upstream=f"openai:http://127.0.0.1:{closed}/v1")
    app = create_app(Settings(kb=kb_root, home=kb_root.parent / "home4"), service)
    with background_server(app) as url:
        deadline = time.monotonic() + 120
        while httpx.get(url + "/readyz").status_code != 200:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        response = httpx.post(url + "/v1/chat/completions", json={"model": "gpt-4o", "messages": CAPITAL})
    assert response.status_code == 502
    assert response.json()["error"]["code"] == "upstream_unreachable" and str(closed) in response.text


def test_errors_take_the_openai_shape(served, client):
    with pytest.raises(openai.AuthenticationError) as wrong:
        openai.OpenAI(base_url=served + "/v1", api_key="wrong", max_retries=0).models.list()
    assert wrong.value.body["type"] == "authentication_error" and wrong.value.code == "unauthorized"
    with pytest.raises(openai.BadRequestError) as empty:
        client.chat.completions.create(model="groundqa", messages=[])
    assert empty.value.param == "messages" and empty.value.type == "invalid_request_error"
    with pytest.raises(openai.BadRequestError) as no_user:
        client.chat.completions.create(model="groundqa", messages=[{"role": "system", "content": "Be brief."}])
    assert no_user.value.param == "messages" and "no user message" in no_user.value.message
    with pytest.raises(openai.BadRequestError) as policy:
        client.chat.completions.create(
            model="groundqa", messages=CAPITAL, extra_body={"groundqa": {"mitigation": ["x"]}}
        )
    assert policy.value.param == "groundqa.mitigation.0"
    raw = httpx.post(served + "/v1/chat/completions", content=b"{", headers={"Authorization": f"Bearer {TOKEN}"})
    assert raw.status_code == 400 and set(raw.json()["error"]) == {"message", "type", "param", "code"}
    ours = httpx.post(served + "/v1/verify", content=b"{", headers={"Authorization": f"Bearer {TOKEN}"})
    assert ours.status_code == 422 and "type" not in ours.json()["error"]  # the other routes keep groundqa's shape


def test_without_an_upstream_other_models_are_not_found(kb_root):
    app = create_app(Settings(kb=kb_root, home=kb_root.parent / "home2"), ServiceSettings(upstream_model="ignored"))
    http = TestClient(app)  # no lifespan: these answers need no model
    response = http.post("/v1/chat/completions", json={"model": "gpt-4o", "messages": CAPITAL})
    assert response.status_code == 404
    assert response.json()["error"]["code"] == "model_not_found" and "--upstream" in response.json()["error"]["message"]
    assert [m["id"] for m in http.get("/v1/models").json()["data"]] == ["groundqa"]


def test_the_upstream_model_is_listed_and_asked(kb_root, upstream):
    service = ServiceSettings(upstream=f"openai:{upstream[0]}", upstream_model="fake-sydney")
    app = create_app(Settings(kb=kb_root, home=kb_root.parent / "home3"), service)
    assert [m["id"] for m in TestClient(app).get("/v1/models").json()["data"]] == ["groundqa", "fake-sydney"]


def test_a_bad_upstream_spec_is_refused_naming_the_form():
    with pytest.raises(InputError, match="openai:BASE_URL"):
        load_service_settings(upstream="http://localhost:8080/v1")
    assert load_service_settings(upstream="openai:http://h:1/v1").upstream_base == "http://h:1/v1"


def test_serve_refuses_a_bad_upstream_before_starting(kb_root):
    from typer.testing import CliRunner

    from grounding.cli import app

    done = CliRunner().invoke(app, ["serve", "--kb", str(kb_root), "--upstream", "localhost:8080"])
    assert done.exit_code != 0 and "openai:BASE_URL" in done.output


@pytest.mark.slow
def test_groundqa_serve_as_a_guard_proxy(kb_root, upstream, tmp_path):
    """The command itself, flags to answer: --upstream and --upstream-model, the upstream key from the environment."""
    env = {**os.environ, "GROUNDQA_HOME": str(tmp_path / "home"), "GROUNDQA_API_UPSTREAM_KEY": "upstream-key-42"}
    flags = ("--upstream", f"openai:{upstream[0]}", "--upstream-model", "fake-sydney")
    process, url = groundqa_serve(kb_root, env, *flags)
    try:
        wait_ready(process, url, time.monotonic() + 120)
        with openai.OpenAI(base_url=url + "/v1", api_key="callers-own-key", max_retries=0) as client:
            assert [m.id for m in client.models.list()] == ["groundqa", "fake-sydney"]
            completion = client.chat.completions.create(model="my-app-model", messages=CAPITAL)
        assert "Canberra" in completion.choices[0].message.content and completion.model == "fake-sydney"
        assert completion.groundqa["raw_answer"] == SCRIPT["fake-sydney"]
        sent = upstream[1][-1]
        assert sent["body"]["model"] == "fake-sydney" and sent["authorization"] == "Bearer upstream-key-42"
    finally:
        process.send_signal(signal.SIGTERM)
        _, stderr = process.communicate(timeout=60)
    assert "Traceback" not in stderr and "upstream-key-42" not in stderr
