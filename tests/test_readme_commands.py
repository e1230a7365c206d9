"""Every shell command in the README's ```bash blocks, run as written against a temporary KB.

Commands are taken from README.md itself, so a command added or changed there is tested here: one
that no rule below covers fails the test. Each rule says how the command runs: as written (the
`groundqa` ones in this process through the same Typer app the console script calls, so the models
load once), with smaller limits where the README's would take minutes (an eval's --limit), with a
placeholder filled in (DOC_ID, the port, `...`), against a local stand-in (an OpenAI-compatible
server on a loopback port), or, for the few that train for minutes or build a world-sized graph,
by checking every flag it uses against the command's --help. Nothing is skipped silently: the
rules that do not run a command as written say why, in `NOT_AS_WRITTEN`.
"""

from __future__ import annotations

import http.server
import json
import os
import re
import shlex
import shutil
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from grounding.cli import app
from grounding.paths import shared_data
from knowledge.demo_kb import FINGERPRINT_FILE, demo_fingerprint
from knowledge.kb import KnowledgeBase

ROOT = Path(__file__).resolve().parents[1]
README = ROOT / "README.md"

# Commands not run exactly as written, and why (every other command runs verbatim).
NOT_AS_WRITTEN = {
    "kb demo": "finds a small stand-in demo KB already built (the real one embeds its passages for minutes; "
    "tests/knowledge/test_demo_kb.py builds it), which the commands without --kb then read",
    "make run": "installs and then serves the page until stopped: `make -n run` checks it ends with the CLI hint",
    "make test": "is this suite: `make -n test` checks the target",
    "groundqa serve": "runs with a free port instead of 8000, without the optional [--workers 2] [--auth-reads]",
    "curl": "goes to the port the server above got",
    "--limit": "evals run with --limit 2 --dev-limit 2 (the README's limits take minutes); without the "
    "benchmark data in shared_data() they are reported as not run, with the reason",
    "eval metaqa-1hop": "loads MetaQA's 135k-fact graph for minutes: every flag is checked against --help",
    "--ablation": "runs the detection four times, once with the LLM judge (minutes): flags checked against --help",
    "eval compare": "compares two copies of the generic run made above",
    "openai:": "talks to a local OpenAI-compatible stand-in (OPENAI_BASE_URL) instead of api.openai.com",
    "hf:/models/qwen": "the README's placeholder path does not exist here: a clean error (exit 2) is expected",
    "DOC_ID": "DOC_ID and file:///path/to/more.csv become the ids `kb list` shows",
    "train-verifier": "trains or builds pairs for minutes: every flag used is checked against --help",
    "grounding.train.calibrate": "needs a trained model folder: every flag used is checked against --help",
    "grounding.evaluate.fb15k237": "builds a 300k-fact graph for minutes: every flag is checked against --help",
}


def readme_commands() -> list[str]:
    """The commands of every ```bash block, continuation lines joined, comments dropped."""
    commands = []
    for block in re.findall(r"```bash\n(.*?)```", README.read_text(encoding="utf-8"), flags=re.DOTALL):
        joined = re.sub(r"\\\n\s*", " ", block)
        for line in joined.splitlines():
            words = shlex.split(line, comments=True)
            if words:
                commands.append(shlex.join(words))
    return commands


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class FakeOpenAI(http.server.BaseHTTPRequestHandler):
    """The chat-completions endpoint of an OpenAI-compatible server, answering one fixed sentence."""

    ANSWER = "Canberra is the capital of Australia."

    def do_POST(self):  # noqa: N802
        request = json.loads(self.rfile.read(int(self.headers.get("content-length", 0))) or b"{}")
        if request.get("stream"):
            self._stream()
            return
        body = json.dumps(
            {
                "id": "chatcmpl-1",
                "object": "chat.completion",
                "created": 0,
                "model": "gpt-4o-mini",
                "choices": [
                    {
                        "index": 0,
                        "message": {"role": "assistant", "content": self.ANSWER},
                        "finish_reason": "stop",
                    }
                ],
                "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
            }
        ).encode()
        self.send_response(200)
        self.send_header("content-type", "application/json")
        self.send_header("content-length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def _stream(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/event-stream")
        self.end_headers()
        for delta, finish in (({"role": "assistant", "content": self.ANSWER}, None), ({}, "stop")):
            chunk = {
                "id": "chatcmpl-1",
                "object": "chat.completion.chunk",
                "created": 0,
                "model": "gpt-4o-mini",
                "choices": [{"index": 0, "delta": delta, "finish_reason": finish}],
            }
            self.wfile.write(f"data: {json.dumps(chunk)}\n\n".encode())
        self.wfile.write(b"data: [DONE]\n\n")
        self.wfile.flush()

    def log_message(self, *args):
        pass


def minimal_pdf(text: str) -> bytes:
    """A one-page PDF with `text` in Helvetica, with a correct cross-reference table."""
    stream = f"BT /F1 12 Tf 10 50 Td ({text}) Tj ET".encode()
    objects = [
        b"<</Type/Catalog/Pages 2 0 R>>",
        b"<</Type/Pages/Kids[3 0 R]/Count 1>>",
        b"<</Type/Page/Parent 2 0 R/MediaBox[0 0 400 100]/Contents 4 0 R/Resources<</Font<</F1 5 0 R>>>>>>",
        b"<</Length %d>>stream\n" % len(stream) + stream + b"\nendstream",
        b"<</Type/Font/Subtype/Type1/BaseFont/Helvetica>>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % offset for offset in offsets)
    out += b"trailer<</Size %d/Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


@pytest.fixture
def workspace(tmp_path, kb_fixtures, monkeypatch):
    """The files the README's commands name, in a scratch folder that is the working directory."""
    monkeypatch.chdir(tmp_path)
    (tmp_path / "notes").mkdir()
    shutil.copy(kb_fixtures / "docs" / "canberra.md", tmp_path / "notes" / "canberra.md")
    (tmp_path / "papers").mkdir()
    shutil.copy(kb_fixtures / "docs" / "alps.txt", tmp_path / "papers" / "alps.txt")
    shutil.copy(kb_fixtures / "graph.ttl", tmp_path / "facts.ttl")
    shutil.copy(kb_fixtures / "ontology.ttl", tmp_path / "onto.ttl")
    (tmp_path / "more.pdf").write_bytes(minimal_pdf("The Quenville River is long."))
    (tmp_path / "more.csv").write_text("Quenville River,flows through,Quenville\n", encoding="utf-8")
    (tmp_path / "passages.json").write_text(json.dumps(["Canberra is the capital of Australia."]), encoding="utf-8")
    rows = [
        {"answer": "Canberra is the capital of Australia.", "evidence": ["Canberra is the capital of Australia."]},
        {"answer": "Sydney is the capital of Australia.", "evidence": ["Canberra is the capital of Australia."]},
    ]
    with open(tmp_path / "my_set.jsonl", "w", encoding="utf-8") as handle:
        for i in range(6):
            row = rows[i % 2]
            split = "dev" if i < 2 else "test"
            handle.write(json.dumps({**row, "hallucinated": i % 2 == 1, "split": split}) + "\n")
    home = tmp_path / "home"
    monkeypatch.setenv("GROUNDQA_HOME", str(home))
    demo = home / "demo-kb"  # a stand-in that `groundqa kb demo` finds built and current
    KnowledgeBase.build(demo, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"])
    (demo / FINGERPRINT_FILE).write_text(demo_fingerprint() + "\n", encoding="utf-8")
    return tmp_path


def flags_of(command: str) -> list[str]:
    return [word.split("=")[0] for word in shlex.split(command) if word.startswith("--")]


def help_of(words: list[str]) -> str:
    env = {**os.environ, "COLUMNS": "250"}
    result = subprocess.run([sys.executable, *words, "--help"], capture_output=True, text=True, env=env, timeout=120)
    assert result.returncode == 0, result.stderr
    return result.stdout


def test_every_readme_command_runs(workspace):
    runner = CliRunner()
    commands = readme_commands()
    assert len(commands) > 20, commands
    failures: list[str] = []
    ran: list[str] = []
    ids: dict[str, str] = {}
    llm_server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), FakeOpenAI)
    threading.Thread(target=llm_server.serve_forever, daemon=True).start()
    served: dict[str, object] = {}

    def cli(words: list[str], expect: int = 0, env: dict | None = None) -> str:
        result = runner.invoke(app, words, env=env)
        if result.exit_code != expect:
            failures.append(f"{shlex.join(words)}: exit {result.exit_code}\n{result.output[-2000:]}")
        elif expect == 2 and not result.stderr.startswith("error:"):
            failures.append(f"{shlex.join(words)}: expected a one-line error, got {result.stderr[:500]}")
        if result.exception and not isinstance(result.exception, SystemExit):
            failures.append(f"{shlex.join(words)}: raised {result.exception!r}")
        return result.stdout

    try:
        for command in commands:
            words = shlex.split(command)
            ran.append(command)
            started = time.perf_counter()
            if words[:1] == ["make"]:
                dry = subprocess.run(["make", "-n", words[1]], cwd=ROOT, capture_output=True, text=True, timeout=60)
                if dry.returncode != 0 or (words[1] == "run" and ".venv/bin/groundqa --help" not in dry.stdout):
                    failures.append(f"{command}: {dry.stdout[-500:]} {dry.stderr[-500:]}")
            elif words[0].startswith("GROUNDQA_API_TOKEN=") and "serve" in words:
                served["port"] = port = free_port()
                kb = words[words.index("--kb") + 1]
                env = {**os.environ, "GROUNDQA_API_TOKEN": "readme-token", "PYTHONPATH": str(ROOT)}
                served["process"] = subprocess.Popen(
                    [sys.executable, "-m", "grounding.cli", "serve", "--kb", kb, "--port", str(port)],
                    env=env,
                    stdout=subprocess.DEVNULL,
                    stderr=subprocess.PIPE,
                    start_new_session=True,
                )
                deadline = time.monotonic() + 120
                while True:
                    try:
                        if httpx.get(f"http://127.0.0.1:{port}/readyz").status_code == 200:
                            break
                    except httpx.TransportError:
                        pass
                    if time.monotonic() > deadline or served["process"].poll() is not None:
                        failures.append(f"{command}: the server did not become ready")
                        break
                    time.sleep(0.3)
            elif words[0] == "curl":
                port = served.get("port", 8000)
                args = [w.replace("localhost:8000", f"127.0.0.1:{port}") for w in words]
                result = subprocess.run(args, capture_output=True, text=True, timeout=60)
                try:
                    report = json.loads(result.stdout)
                    assert report["claims"][0]["verdict"] == "contradicted"
                except (ValueError, KeyError, IndexError, AssertionError):
                    failures.append(f"{command}: {result.stdout[:500]} {result.stderr[:500]}")
            elif words[:2] == ["python", "-m"]:
                usage = help_of(words[1:3])
                missing = [flag for flag in flags_of(command) if flag not in usage]
                if missing:
                    failures.append(f"{command}: flags not in --help: {missing}")
            elif words[:2] == ["groundqa", "train-verifier"] or FLAGS_ONLY.search(command):
                usage = help_of(["-m", "grounding.cli", *words[1:2]])
                missing = [flag for flag in flags_of(command) if flag not in usage]
                if missing:
                    failures.append(f"{command}: flags not in --help: {missing}")
            elif words[0] == "groundqa":
                run_groundqa(words[1:], command, cli, ids, llm_server, failures, workspace)
            else:
                failures.append(f"no rule for README command: {command}")
            print(f"{time.perf_counter() - started:6.1f} s  {command}")
    finally:
        llm_server.shutdown()
        process = served.get("process")
        if process is not None:
            os.killpg(process.pid, signal.SIGTERM)
            process.wait(timeout=30)
    stale = [key for key in NOT_AS_WRITTEN if not any(key in command for command in commands)]
    assert not stale, f"NOT_AS_WRITTEN names commands the README no longer has: {stale}"
    assert not failures, "\n\n".join(failures)
    assert any(c.startswith("groundqa kb build") for c in ran) and any(c.startswith("curl") for c in ran)


def run_groundqa(args, command, cli, ids, llm_server, failures, workspace) -> None:
    if args[:2] == ["kb", "remove"]:
        listed = json.loads(cli(["kb", "list", "--kb", "./my-kb", "--json"]))
        doc = next(d["id"] for d in listed["documents"] if d["source"].endswith("more.pdf"))
        csv_iri = next(s["iri"] for s in listed["graph_sources"] if s["iri"].endswith("more.csv"))
        args = [doc if a == "DOC_ID" else csv_iri if a == "file:///path/to/more.csv" else a for a in args]
        removed = json.loads(cli([*args, "--json"]))
        if removed["documents_removed"] != 1 or removed["triples_removed"] < 1:
            failures.append(f"{command}: {removed}")
        return
    if args[0] == "eval":
        args = shrink_eval(args, workspace)
        missing = [name for name, path in DATA.items() if args[1].startswith(name) and not path().exists()]
        if missing:
            print(f"NOT RUN (no local copy of the {missing[0]} data in {shared_data()}): {command}")
            return
    expect = 0
    env = None
    if any(a.startswith("hf:/models/") for a in args):
        expect = 2
    if any(a.startswith("openai:") for a in args):
        env = {"OPENAI_BASE_URL": f"http://127.0.0.1:{llm_server.server_address[1]}/v1", "OPENAI_API_KEY": "test"}
    cli(args, expect=expect, env=env)


FLAGS_ONLY = re.compile(r"groundqa eval (metaqa|.*--ablation)")
DATA = {
    "halueval-dialogue": lambda: shared_data() / "halueval" / "dialogue_data.json",
}


def shrink_eval(args: list[str], workspace: Path) -> list[str]:
    """The README's limits take minutes; two items show the command works."""
    args = list(args)
    if args[1] == "compare":
        for name in ("a", "b"):
            shutil.copytree(workspace / "runs" / "generic", workspace / "runs" / name, dirs_exist_ok=True)
        return args
    if "--limit" in args:
        args[args.index("--limit") + 1] = "2"
        args += ["--dev-limit", "2"]
    if args[1] == "generic":
        args += ["--out", str(workspace / "runs" / "generic")]
    return args
