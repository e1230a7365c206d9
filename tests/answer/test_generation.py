import importlib.machinery
import sys
import threading
import types
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from langchain_core.language_models.fake_chat_models import GenericFakeChatModel
from langchain_core.messages import AIMessage, HumanMessage, SystemMessage

from grounding.answer import llm as generation
from grounding.answer.llm import (
    SMOLLM2_CACHE_NAME,
    LlamaCppChatModel,
    LocalChatModel,
    load_chat_model,
    parse_spec,
    smollm2_gguf_path,
)
from knowledge.errors import InputError, ModelError

QUESTION = "What is the capital of France?"


@pytest.fixture(scope="module")
def cache_dir(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("models")


@pytest.fixture(scope="module")
def smollm2(cache_dir) -> LocalChatModel:
    """The first load dequantises the bundled GGUF and writes the cache (the slow part of this file)."""
    generation._load_pretrained.cache_clear()
    return load_chat_model("default", cache_dir, max_new_tokens=12)


@pytest.fixture(scope="module")
def answer(smollm2) -> str:
    return smollm2.invoke(QUESTION).content


def test_default_answers_greedily_and_deterministically(smollm2, answer):
    assert isinstance(smollm2, LocalChatModel)
    assert "Paris" in answer
    assert smollm2.invoke(QUESTION).content == answer


def test_stream_joins_to_the_invoked_answer(smollm2, answer):
    chunks = list(smollm2.stream(QUESTION))
    assert len([c for c in chunks if c.content]) > 1
    assert "".join(c.content for c in chunks) == answer
    assert chunks[-1].usage_metadata["output_tokens"] > 0


def test_stop_strings_cut_invoke_and_stream_alike(smollm2, answer):
    expected = answer.split(" Paris")[0]
    assert smollm2.invoke(QUESTION, stop=[" Paris"]).content == expected
    assert "".join(c.content for c in smollm2.stream(QUESTION, stop=[" Paris"])) == expected


def test_closing_a_stream_early_ends_its_generation_thread(smollm2):
    stream = smollm2.stream("Count from one to one hundred.")
    assert next(stream).content
    stream.close()
    assert not [t for t in threading.enumerate() if t.name == "groundqa-generate"]


def test_second_load_reads_the_cache_not_the_gguf(smollm2, answer, cache_dir, monkeypatch):
    folder = cache_dir / SMOLLM2_CACHE_NAME
    assert (folder / "config.json").is_file() and (folder / "model.safetensors").is_file()
    assert [p.name for p in cache_dir.iterdir()] == [SMOLLM2_CACHE_NAME]  # no staging folder left

    from transformers import AutoModelForCausalLM

    original = AutoModelForCausalLM.from_pretrained
    calls = []

    def recording(source, *args, **kwargs):
        calls.append((str(source), kwargs))
        return original(source, *args, **kwargs)

    def no_gguf():
        raise AssertionError("the GGUF must not be read once the cache exists")

    monkeypatch.setattr(AutoModelForCausalLM, "from_pretrained", recording)
    monkeypatch.setattr(generation, "smollm2_gguf_path", no_gguf)
    generation._load_pretrained.cache_clear()
    reloaded = load_chat_model("smollm2", cache_dir, max_new_tokens=12)
    assert calls == [(str(folder), {})]
    assert reloaded.model is not smollm2.model
    assert reloaded.invoke(QUESTION).content == answer


def test_hf_spec_takes_a_local_folder_and_shares_loaded_weights(smollm2, cache_dir):
    model = load_chat_model(
        f"hf:{cache_dir / SMOLLM2_CACHE_NAME}", cache_dir, max_new_tokens=5, temperature=0.5
    )
    assert isinstance(model, LocalChatModel)
    assert (model.max_new_tokens, model.temperature) == (5, 0.5)
    again = load_chat_model(f"hf:{cache_dir / SMOLLM2_CACHE_NAME}", cache_dir)
    assert again.model is model.model


def test_hf_spec_with_an_unreachable_id_raises_model_error(tmp_path):
    with pytest.raises(ModelError, match="no-such-org/no-such-model"):
        load_chat_model("hf:no-such-org/no-such-model", tmp_path)


@pytest.mark.parametrize(
    ("spec", "expected"),
    [
        ("default", ("smollm2", "")),
        (" SmolLM2 ", ("smollm2", "")),
        ("hf:HuggingFaceTB/SmolLM2-360M-Instruct", ("hf", "HuggingFaceTB/SmolLM2-360M-Instruct")),
        ("gguf:/models/a b.gguf", ("gguf", "/models/a b.gguf")),
        ("llamacpp:~/m.gguf", ("llamacpp", "~/m.gguf")),
        ("OpenAI:gpt-4o-mini", ("openai", "gpt-4o-mini")),
        ("openai:llama3.1:8b", ("openai", "llama3.1:8b")),
    ],
)
def test_parse_spec_accepts_each_form(spec, expected):
    assert parse_spec(spec) == expected


@pytest.mark.parametrize(
    "spec", ["", "gpt-4", "smollm", "hf:", "openai:  ", "ollama:llama3", "C:\\model.gguf"]
)
def test_unknown_or_empty_specs_list_the_accepted_forms(spec):
    with pytest.raises(ModelError, match="hf:ID_OR_PATH|names no model"):
        parse_spec(spec)


@given(
    kind=st.sampled_from(["hf", "gguf", "llamacpp", "openai", "HF", "Gguf"]),
    target=st.text(min_size=1).map(str.strip).filter(bool),
)
def test_parse_spec_keeps_the_target_verbatim(kind, target):
    assert parse_spec(f"{kind}:{target}") == (kind.lower(), target)


@given(
    st.text().filter(
        lambda s: s.partition(":")[0].strip().lower() not in {"hf", "gguf", "llamacpp", "openai"}
    )
)
def test_anything_without_a_known_prefix_is_rejected(spec):
    if spec.strip().lower() in {"default", "smollm2"}:
        return
    with pytest.raises(ModelError):
        parse_spec(spec)


def test_llamacpp_spec_without_llama_cpp_says_how_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    generation._load_llama.cache_clear()
    with pytest.raises(ModelError, match="pip install llama-cpp-python") as error:
        load_chat_model(f"llamacpp:{smollm2_gguf_path()}", tmp_path)
    assert "CMAKE_ARGS" in str(error.value) and "-DGGML_NATIVE=OFF" in str(error.value)


def test_gguf_spec_falls_back_to_transformers_without_llama_cpp(smollm2, monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "llama_cpp", None)
    calls = []

    def recording(source, gguf_file, device):
        calls.append((source, gguf_file, device))
        return smollm2.model, smollm2.tokenizer

    monkeypatch.setattr(generation, "_load_pretrained", recording)
    gguf = smollm2_gguf_path()
    model = load_chat_model(f"gguf:{gguf}", tmp_path, device="cpu")
    assert isinstance(model, LocalChatModel) and model.model_name == gguf.name
    assert calls == [(str(gguf.parent), gguf.name, "cpu")]


def test_gguf_spec_names_a_missing_file(tmp_path):
    with pytest.raises(ModelError, match="GGUF file not found.*missing.gguf"):
        load_chat_model(f"gguf:{tmp_path / 'missing.gguf'}", tmp_path)


class FakeLlama:
    """Stands in for llama_cpp.Llama, which is optional and slow to build here."""

    def __init__(self, **kwargs):
        self.kwargs = kwargs
        self.requests = []

    def create_chat_completion(self, messages, max_tokens, temperature, stop, stream=False):
        self.requests.append({"messages": messages, "max_tokens": max_tokens, "stop": stop})
        words = ["Paris", " is", " the", " capital", "."]
        if stream:
            return iter(
                [{"choices": [{"delta": {"role": "assistant"}}]}]
                + [{"choices": [{"delta": {"content": w}}]} for w in words]
            )
        usage = {"prompt_tokens": 9, "completion_tokens": 5, "total_tokens": 14}
        message = {"role": "assistant", "content": "".join(words)}
        return {"choices": [{"message": message, "finish_reason": "stop"}], "usage": usage}


def test_gguf_spec_uses_llama_cpp_when_installed(monkeypatch, tmp_path):
    fake = types.ModuleType("llama_cpp")
    fake.__spec__ = importlib.machinery.ModuleSpec("llama_cpp", None)
    fake.Llama = FakeLlama
    monkeypatch.setitem(sys.modules, "llama_cpp", fake)
    generation._load_llama.cache_clear()
    gguf = smollm2_gguf_path()
    model = load_chat_model(f"gguf:{gguf}", tmp_path, device="cpu", max_new_tokens=7, stop=["\n"])
    assert isinstance(model, LlamaCppChatModel)
    assert model.llama.kwargs["model_path"] == str(gguf) and model.llama.kwargs["n_gpu_layers"] == 0

    conversation = [
        SystemMessage("Be brief."),
        HumanMessage(QUESTION),
        AIMessage("Paris."),
        HumanMessage("Sure?"),
    ]
    reply = model.invoke(conversation, stop=["!"])
    assert reply.content == "Paris is the capital." and reply.usage_metadata["total_tokens"] == 14
    assert "".join(c.content for c in model.stream(conversation)) == reply.content
    request = model.llama.requests[0]
    assert [m["role"] for m in request["messages"]] == ["system", "user", "assistant", "user"]
    assert request["messages"][1]["content"] == QUESTION
    assert (request["max_tokens"], request["stop"]) == (7, ["\n", "!"])
    generation._load_llama.cache_clear()


def test_openai_spec_builds_a_chat_openai_client_without_calling_it(monkeypatch, tmp_path):
    pytest.importorskip("langchain_openai")
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    model = load_chat_model(
        "openai:llama3.1:8b", tmp_path, base_url="http://localhost:8000/v1", max_new_tokens=64, stop=["\n\n"]
    )
    assert type(model).__name__ == "ChatOpenAI"
    assert model.model_name == "llama3.1:8b" and model.openai_api_base == "http://localhost:8000/v1"
    assert (model.temperature, model.max_tokens, model.stop) == (0.0, 64, ["\n\n"])
    keyed = load_chat_model(
        "openai:gpt-4o-mini", tmp_path, base_url="http://localhost:1/v1", api_key="sk-test"
    )
    assert keyed.openai_api_key.get_secret_value() == "sk-test"


def test_openai_spec_without_the_extra_says_what_to_install(monkeypatch, tmp_path):
    monkeypatch.setitem(sys.modules, "langchain_openai", None)
    with pytest.raises(ModelError, match="langchain-openai"):
        load_chat_model("openai:gpt-4o-mini", tmp_path)


def test_a_langchain_chat_model_is_used_as_is(tmp_path):
    fake = GenericFakeChatModel(messages=iter(["hello"]))
    assert load_chat_model(fake, tmp_path) is fake


@pytest.mark.parametrize("options", [{"max_new_tokens": 0}, {"temperature": -0.1}])
def test_invalid_generation_options_are_input_errors(options, tmp_path):
    with pytest.raises(InputError, match="generation options"):
        load_chat_model("default", tmp_path, **options)
