"""The demo knowledge base, built on first use from the repo and declared dependencies alone."""

from __future__ import annotations

import tempfile
from pathlib import Path

from knowledge.kb import BuildOptions, GraphInput, KnowledgeBase


def build_demo_kb(root: Path, options: BuildOptions | None = None, progress: bool = False) -> KnowledgeBase:
    """Countries graph (generated from `countryinfo`) + ontology + vendored Wikipedia passages."""
    from knowledge.demo import (
        COUNTRIES_LICENCE,
        countries_graph,
        countries_source,
        demo_passages_path,
        ontology_path,
    )

    with tempfile.TemporaryDirectory(prefix="groundqa-demo-") as scratch:
        countries = Path(scratch) / "countries.ttl"
        countries_graph().serialize(destination=countries, format="turtle")
        graph = GraphInput(path=countries, source=countries_source(), licence=COUNTRIES_LICENCE)
        return KnowledgeBase.build(
            root,
            docs=[demo_passages_path()],
            graphs=[graph],
            ontology=ontology_path(),
            options=options,
            progress=progress,
        )


def ensure_demo_kb(root: Path, progress: bool = False) -> KnowledgeBase:
    if not KnowledgeBase.exists(root):
        return build_demo_kb(root, progress=progress)
    return KnowledgeBase.open(root)
