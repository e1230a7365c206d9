"""`groundqa ui`: the command it runs, the settings it hands over, and its failures in the terminal."""

from pathlib import Path

import pytest
from typer.testing import CliRunner

from grounding.cli import app
from grounding.cli import page as launch
from knowledge.errors import InputError, KnowledgeBaseError


def test_the_page_runs_headless_on_the_chosen_port():
    command = launch.streamlit_command(port=8600, host="127.0.0.1")
    assert command[1:4] == ["-m", "streamlit", "run"]
    assert Path(command[4]) == launch.page_script() and launch.page_script().is_file()
    assert {"--server.headless=true", "--server.port=8600", "--server.address=127.0.0.1"} <= set(command)
    assert "--browser.gatherUsageStats=false" in command


def test_kb_and_config_travel_as_the_variables_settings_read(tmp_path):
    env = launch.page_environment(Path("kb-dir"), tmp_path / "c.toml", base={"PATH": "/bin"})
    assert env["GROUNDQA_KB"] == str(Path("kb-dir").resolve())
    assert env["GROUNDQA_CONFIG"] == str(tmp_path / "c.toml")
    assert env["HF_HUB_OFFLINE"] == "1" and env["PATH"] == "/bin"
    assert "GROUNDQA_KB" not in launch.page_environment(base={})


def test_a_missing_kb_or_bad_config_fails_before_the_server_starts(tmp_path):
    with pytest.raises(KnowledgeBaseError, match="no knowledge base at"):
        launch.check(tmp_path / "nowhere")
    bad = tmp_path / "bad.toml"
    bad.write_text("top_k = [", encoding="utf-8")
    with pytest.raises(InputError, match="cannot read config file"):
        launch.check(None, bad)
    launch.check()  # the demo KB is built by the page on first use, so it need not exist yet


def test_cli_ui_reports_errors_and_execs_streamlit(tmp_path, monkeypatch):
    runner = CliRunner()
    result = runner.invoke(app, ["ui", "--kb", str(tmp_path / "nowhere")])
    assert result.exit_code == 2 and "no knowledge base at" in result.output

    calls = []
    monkeypatch.setattr(launch.os, "execve", lambda path, args, env: calls.append((path, args, env)))
    monkeypatch.setattr(launch, "check", lambda kb, config: None)
    result = runner.invoke(app, ["ui", "--kb", str(tmp_path), "--port", "8765"])
    assert result.exit_code == 0, result.output
    ((path, args, env),) = calls
    assert "--server.port=8765" in args and env["GROUNDQA_KB"] == str(tmp_path.resolve())
    assert "http://localhost:8765" in result.output
