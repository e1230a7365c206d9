"""`groundqa ui`: start Streamlit on the page with the KB and config handed over by environment.

Settings travel as GROUNDQA_* variables because that is how `load_settings` already reads them:
the page sees exactly the settings the command was given.
"""

from __future__ import annotations

import importlib.util
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import NoReturn

from grounding.settings import load_settings
from knowledge.errors import KnowledgeBaseError


def page_script() -> Path:
    """The page's entry file, found without importing it (the page depends on this package, not the reverse)."""
    spec = importlib.util.find_spec("ui")
    if spec is None or not spec.submodule_search_locations:
        raise KnowledgeBaseError("the page (package 'ui') is not installed; reinstall groundqa")
    return Path(next(iter(spec.submodule_search_locations))) / "app.py"


def streamlit_command(port: int = 8501, host: str = "localhost") -> list[str]:
    """`streamlit run` headless (no browser launched, no telemetry, no e-mail prompt, no file watcher)."""
    return [
        sys.executable,
        "-m",
        "streamlit",
        "run",
        str(page_script()),
        "--server.headless=true",
        f"--server.port={port}",
        f"--server.address={host}",
        "--server.fileWatcherType=none",
        "--browser.gatherUsageStats=false",
        "--client.toolbarMode=minimal",
    ]


def page_environment(
    kb: Path | None = None, config: Path | None = None, base: Mapping[str, str] | None = None
) -> dict[str, str]:
    env = dict(os.environ if base is None else base)
    env.setdefault("HF_HUB_OFFLINE", "1")
    env.setdefault("TRANSFORMERS_OFFLINE", "1")
    env.setdefault("TOKENIZERS_PARALLELISM", "false")
    if kb is not None:
        env["GROUNDQA_KB"] = str(Path(kb).resolve())
    if config is not None:
        env["GROUNDQA_CONFIG"] = str(Path(config).resolve())
    return env


def check(kb: Path | None = None, config: Path | None = None) -> None:
    """Fail in the terminal, before the server starts, on a bad config or a missing KB."""
    from knowledge.kb import KnowledgeBase

    settings = load_settings(config, kb=kb)
    if not settings.uses_demo_kb and not KnowledgeBase.exists(settings.kb_dir):
        raise KnowledgeBaseError(
            f"no knowledge base at {settings.kb_dir}; build one with `groundqa kb build {settings.kb_dir}`"
        )


def launch(kb: Path | None = None, port: int = 8501, host: str = "localhost", config: Path | None = None) -> NoReturn:
    """Replace this process with the Streamlit server (Ctrl-C stops it)."""
    check(kb, config)
    command = streamlit_command(port, host)
    print(f"groundqa: the page will be at http://{host}:{port}", flush=True)
    os.execve(command[0], command, page_environment(kb, config))
