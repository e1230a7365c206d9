"""The page in a real browser: `streamlit run` on localhost, driven by Debian's headless chromium.

Never a browser download: playwright launches /usr/bin/chromium, which `.ci/run` installs with
apt-get. Locally the test skips without chromium; under `.ci/run` (GROUNDQA_REQUIRE_BROWSER=1) it
fails instead. With GROUNDQA_UPDATE_SCREENSHOT=1 the screenshot replaces docs/screenshots/ask.png
(GROUNDQA_SCREENSHOT_KB may name the KB to show, e.g. the demo KB).
"""

import os
import re
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

import pytest

from grounding.cli.page import page_environment, streamlit_command
from knowledge.kb import KnowledgeBase

CHROMIUM = Path("/usr/bin/chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
]
QUESTION = "What is the capital of Australia?"
SCREENSHOT = Path(__file__).resolve().parents[2] / "docs" / "screenshots" / "ask.png"
STARTUP_SECONDS = 60
# Read at import: the autouse fixture of conftest.py clears GROUNDQA_* variables before each test.
REQUIRE_BROWSER = os.environ.get("GROUNDQA_REQUIRE_BROWSER") == "1"
UPDATE_SCREENSHOT = os.environ.get("GROUNDQA_UPDATE_SCREENSHOT") == "1"
SCREENSHOT_KB = os.environ.get("GROUNDQA_SCREENSHOT_KB")


def _require_chromium() -> None:
    if CHROMIUM.exists():
        return
    reason = f"{CHROMIUM} is missing; `.ci/run` installs it with apt-get (Debian package chromium)"
    if REQUIRE_BROWSER:
        pytest.fail(reason)
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_healthy(url: str, server: subprocess.Popen, log: Path) -> None:
    deadline = time.monotonic() + STARTUP_SECONDS
    while time.monotonic() < deadline:
        if server.poll() is not None:
            pytest.fail(f"streamlit exited with {server.returncode}:\n{log.read_text(errors='replace')}")
        try:
            with urllib.request.urlopen(f"{url}/_stcore/health", timeout=1) as response:
                if response.read() == b"ok":
                    return
        except OSError:
            time.sleep(0.3)
    pytest.fail(f"streamlit did not become healthy in {STARTUP_SECONDS} s:\n{log.read_text(errors='replace')}")


@pytest.fixture(scope="module")
def page_url(tmp_path_factory, kb_fixtures):
    _require_chromium()
    folder = tmp_path_factory.mktemp("browser")
    kb = SCREENSHOT_KB
    if kb is None:
        kb = folder / "kb"
        KnowledgeBase.build(
            kb, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"], ontology=kb_fixtures / "ontology.ttl"
        )
    base = {k: v for k, v in os.environ.items() if not k.startswith("GROUNDQA_")}
    env = page_environment(Path(kb), base=base | {"GROUNDQA_HOME": str(folder / "home")})
    port = _free_port()
    log = folder / "streamlit.log"
    with open(log, "w") as out:
        server = subprocess.Popen(
            streamlit_command(port, "127.0.0.1"), env=env, stdout=out, stderr=subprocess.STDOUT, cwd=folder
        )
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_healthy(url, server, log)
        yield url
    finally:
        server.terminate()
        try:
            server.wait(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def test_a_demo_question_shows_highlighted_claims_and_their_evidence(page_url, tmp_path):
    from playwright.sync_api import expect, sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=FLAGS, headless=True)
        try:
            page = browser.new_page(viewport={"width": 1400, "height": 2000})
            page.goto(page_url)
            page.get_by_text(QUESTION, exact=True).click()  # a demo question is asked when clicked

            answer = page.locator(".gq-answer").first
            expect(answer.locator(".gq-claim.gq-supported").first).to_be_visible(timeout=120_000)
            expect(answer).to_contain_text("Canberra")
            expect(page.get_by_text("Answered and verified in")).to_be_visible()
            # the selected claim's reason and evidence: the graph fact as a triple, with its provenance
            expect(page.get_by_text("The graph holds this fact")).to_be_visible()
            fact = page.locator(".gq-evidence.gq-fact").first
            expect(fact.locator(".gq-predicate")).to_have_text("capital")
            expect(fact.locator(".gq-object")).to_have_text("Canberra")
            expect(fact.locator(".gq-provenance")).to_contain_text("source:")
            expect(page.get_by_text(re.compile(r"· total \d+ ms"))).to_be_visible()  # per-stage timings
            expect(page.locator("canvas, svg.marks").last).to_be_visible()  # their chart
            page.wait_for_timeout(1000)  # let the status box finish collapsing before the picture

            target = SCREENSHOT if UPDATE_SCREENSHOT else tmp_path / "ask.png"
            target.parent.mkdir(parents=True, exist_ok=True)
            page.screenshot(path=str(target), full_page=True)
            assert target.stat().st_size > 10_000
        finally:
            browser.close()
