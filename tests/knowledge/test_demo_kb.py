"""The demo KB follows its inputs: built once, reopened while current, rebuilt when they change."""

from __future__ import annotations

import pytest

from knowledge import demo_kb
from knowledge.kb import KnowledgeBase


@pytest.fixture
def small_demo(monkeypatch, kb_fixtures):
    """The real ensure/rebuild logic over a small KB, so the test does not embed 826 passages."""
    builds = []

    def build(root, options=None, progress=False):
        builds.append(root)
        kb = KnowledgeBase.build(root, docs=[kb_fixtures / "docs"], graphs=[kb_fixtures / "graph.ttl"])
        (root / demo_kb.FINGERPRINT_FILE).write_text(demo_kb.demo_fingerprint() + "\n")
        return kb

    monkeypatch.setattr(demo_kb, "build_demo_kb", build)
    return builds


def test_built_once_then_reopened(tmp_path, small_demo):
    root = tmp_path / "demo-kb"
    first = demo_kb.ensure_demo_kb(root)
    again = demo_kb.ensure_demo_kb(root)
    assert len(small_demo) == 1 and again.info().documents == first.info().documents > 0


def test_rebuilt_when_its_inputs_change(tmp_path, small_demo, monkeypatch):
    root = tmp_path / "demo-kb"
    demo_kb.ensure_demo_kb(root)
    (root / "stale-marker").write_text("from the old build")
    monkeypatch.setattr(demo_kb, "demo_fingerprint", lambda: "0123456789abcdef")
    rebuilt = demo_kb.ensure_demo_kb(root)
    assert len(small_demo) == 2
    assert not (root / "stale-marker").exists()
    assert (root / demo_kb.FINGERPRINT_FILE).read_text().strip() == "0123456789abcdef"
    assert rebuilt.info().documents > 0
    assert sorted(p.name for p in tmp_path.iterdir()) == ["demo-kb"]


def test_fingerprint_tracks_the_inputs():
    assert demo_kb.demo_fingerprint() == demo_kb.demo_fingerprint()
    assert len(demo_kb.demo_fingerprint()) == 16
