"""The demo knowledge base, built on first use from the repo and declared dependencies alone.

It is rebuilt when its inputs change (the vendored passages and notes, the ontology, the graph generator or
the `countryinfo` release), so an upgrade never leaves a user asking questions of stale data.
"""

from __future__ import annotations

import hashlib
import importlib.metadata
import shutil
import tempfile
from pathlib import Path

from knowledge.atomic import write_text_atomic
from knowledge.kb import BuildOptions, GraphInput, KnowledgeBase

FINGERPRINT_FILE = "DEMO_FINGERPRINT"


def demo_fingerprint() -> str:
    """A digest of everything the demo KB is built from."""
    from knowledge import demo

    digest = hashlib.sha256()
    inputs = (demo.ontology_path(), demo.demo_passages_path(), demo.demo_notes_path())
    for path in (*inputs, Path(demo.__file__), Path(__file__)):
        digest.update(path.read_bytes())
    digest.update(importlib.metadata.version("countryinfo").encode())
    return digest.hexdigest()[:16]


def build_demo_kb(root: Path, options: BuildOptions | None = None, progress: bool = False) -> KnowledgeBase:
    """Countries graph (generated from `countryinfo`) + ontology + vendored Wikipedia passages + groundqa notes."""
    from knowledge.demo import (
        COUNTRIES_LICENCE,
        countries_graph,
        countries_source,
        demo_notes_path,
        demo_passages_path,
        ontology_path,
    )

    with tempfile.TemporaryDirectory(prefix="groundqa-demo-") as scratch:
        countries = Path(scratch) / "countries.ttl"
        countries_graph().serialize(destination=countries, format="turtle")
        graph = GraphInput(path=countries, source=countries_source(), licence=COUNTRIES_LICENCE)
        kb = KnowledgeBase.build(
            root,
            docs=[demo_passages_path(), demo_notes_path()],
            graphs=[graph],
            ontology=ontology_path(),
            options=options,
            progress=progress,
        )
    write_text_atomic(Path(root) / FINGERPRINT_FILE, demo_fingerprint() + "\n")
    return kb


def _is_current(root: Path) -> bool:
    try:
        return (root / FINGERPRINT_FILE).read_text(encoding="utf-8").strip() == demo_fingerprint()
    except OSError:
        return False


def ensure_demo_kb(root: Path, progress: bool = False) -> KnowledgeBase:
    """Open the demo KB, building it on first use or rebuilding it when its inputs changed.

    A rebuild happens beside the old KB and replaces it only once complete, so an interrupted
    rebuild leaves the old one in place."""
    root = Path(root)
    if KnowledgeBase.exists(root) and _is_current(root):
        return KnowledgeBase.open(root)
    if not KnowledgeBase.exists(root):
        return build_demo_kb(root, progress=progress)
    fresh = root.with_name(root.name + ".rebuilding")
    shutil.rmtree(fresh, ignore_errors=True)
    build_demo_kb(fresh, progress=progress)
    stale = root.with_name(root.name + ".stale")
    shutil.rmtree(stale, ignore_errors=True)
    root.rename(stale)
    fresh.rename(root)
    shutil.rmtree(stale, ignore_errors=True)
    return KnowledgeBase.open(root)
