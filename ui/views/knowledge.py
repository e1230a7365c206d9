"""Knowledge: what the KB holds, adding to it, searching it and walking its graph."""

from __future__ import annotations

import streamlit as st

from grounding.factory import retrieval_options
from knowledge.errors import GroundQAError
from ui import components, state, uploads
from ui.graph_view import USED_COLOUR, neighbourhood_html


def stats(kb) -> None:
    info = kb.info()
    st.caption(f"{info.path} · generation {info.generation} · embeddings {info.embedding_model}")
    cells = st.columns(6)
    figures = [
        ("Documents", info.documents),
        ("Passages", info.chunks),
        ("Facts", info.triples),
        ("Entities", info.entities),
        ("Predicates", info.predicates),
        ("Index", info.index_kind),
    ]
    for cell, (label, value) in zip(cells, figures, strict=True):
        cell.metric(label, f"{value:,}" if isinstance(value, int) else value)
    if info.graph_sources:
        st.dataframe(
            [{"graph source": s, "licence": kb.licence_of_source(s) or "not recorded"} for s in info.graph_sources],
            hide_index=True,
            width="stretch",
        )


def search(kb, page: state.PageSettings) -> None:
    with st.form("knowledge.search"):
        text = st.text_input("Search passages and facts", key="knowledge.query")
        k = st.slider("Results", 1, 30, 8, key="knowledge.k")
        submitted = st.form_submit_button("Search")
    if submitted:
        if not text.strip():
            st.warning("Type something to search for.")
            return
        try:
            evidence = kb.search(text, retrieval_options(state.settings_for(page), k))
        except GroundQAError as exc:
            st.error(str(exc))
            return
        components.render_evidence_list(evidence)


def graph(kb) -> None:
    used = state.last_facts()
    default = kb.graph.label(sorted(used)[0][0]) if used else ""
    left, middle, right = st.columns([3, 1, 1])
    name = left.text_input("Entity", value=default, key="knowledge.entity", placeholder="Australia")
    hops = middle.slider("Hops", 1, 3, 1, key="knowledge.hops")
    limit = right.slider("At most (facts)", 10, 300, 60, step=10, key="knowledge.limit")
    if not name.strip():
        st.caption("Name an entity to draw its neighbourhood; after an answer, it starts at the answer's subject.")
        return
    try:
        matches = kb.linker.lookup(name.strip(), k=5)
    except GroundQAError as exc:
        st.error(str(exc))
        return
    if not matches:
        st.warning(f"No entity of the graph is called {name.strip()!r}.")
        return
    match = matches[0]
    html, drawn, marked = neighbourhood_html(kb, [match.iri], hops=hops, limit=limit, used=used)
    st.caption(
        f"{match.label} ({match.method} match, {match.iri}) · {drawn} facts drawn · "
        f"{marked} used by the last answer, drawn in red"
        if marked
        else f"{match.label} ({match.method} match, {match.iri}) · {drawn} facts drawn"
    )
    st.iframe(html, height=580)
    st.html(
        f'<div class="gq-legend"><span style="color:{USED_COLOUR}">━ used by the last answer</span>'
        "<span>━ other facts</span></div>"
    )


def add_files(kb) -> None:
    with st.form("knowledge.add", clear_on_submit=True):
        documents = st.file_uploader(
            "Documents",
            type=[s.lstrip(".") for s in uploads.DOCUMENT_SUFFIXES],
            accept_multiple_files=True,
            key="knowledge.documents",
        )
        graphs = st.file_uploader(
            "Graph files",
            type=[s.lstrip(".") for s in uploads.GRAPH_SUFFIXES],
            accept_multiple_files=True,
            key="knowledge.graphs",
        )
        licence = st.text_input("Licence of these sources (optional)", key="knowledge.licence")
        submitted = st.form_submit_button("Add to the knowledge base")
    if submitted:
        try:
            with st.spinner("Reading, embedding and indexing..."):
                summary = uploads.ingest(kb, documents or [], graphs or [], licence)
        except GroundQAError as exc:
            st.error(f"Nothing was added: {exc}")
        else:
            counts = summary.model_dump(exclude={"warnings"})
            parts = [f"{key.replace('_', ' ')}: {value}" for key, value in counts.items() if value]
            st.success("Added as one atomic change. " + ", ".join(parts))
            for warning in summary.warnings:
                st.warning(warning)


def main() -> None:
    st.title("Knowledge")
    page = state.current()
    try:
        kb = state.knowledge_base(page)
    except GroundQAError as exc:
        st.error(f"Cannot open the knowledge base: {exc}")
        return
    header = st.container()
    tab_graph, tab_search, tab_add = st.tabs(["Graph", "Search", "Add files"])
    with tab_graph:
        graph(kb)
    with tab_search:
        search(kb, page)
    with tab_add:
        add_files(kb)
    with header:  # drawn last, so figures include what was just added
        stats(kb)


main()
