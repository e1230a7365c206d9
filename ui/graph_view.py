"""The graph neighbourhood of an entity as an interactive pyvis (vis-network) drawing.

The facts the last answer rested on are drawn in a distinct colour, so a reader sees where in the
graph the answer came from. Literal facts (a population, an area) are not edges of the traversal
view; the used ones are drawn as value boxes so that they are visible too.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from typing import TYPE_CHECKING

from pyvis.network import Network

from knowledge.traversal import neighbourhood

if TYPE_CHECKING:
    from knowledge.kb import KnowledgeBase

USED_COLOUR = "#d12c2c"
EDGE_COLOUR = "#9aa5b1"
SEED_COLOUR = "#1f6feb"
NODE_COLOUR = "#b6d4fe"
VALUE_COLOUR = "#fdebc4"
# pyvis' template links Bootstrap from a CDN it does not need; the page must work offline.
_CDN_TAGS = re.compile(r"<link[^>]*cdn\.jsdelivr\.net[^>]*/?>|<script[^>]*cdn\.jsdelivr\.net[^>]*>\s*</script>", re.S)


def neighbourhood_html(
    kb: KnowledgeBase,
    seeds: list[str],
    hops: int = 1,
    limit: int = 60,
    used: Iterable[tuple[str, str, str]] = (),
    height: int = 560,
) -> tuple[str, int, int]:
    """HTML of the drawing, the number of edges drawn and how many of them the last answer used."""
    used = set(used)
    edges = neighbourhood(kb.view, seeds, hops=hops, limit=limit)
    graph = kb.graph
    net = Network(height=f"{height}px", width="100%", directed=True, cdn_resources="in_line", bgcolor="#ffffff")
    nodes: set[str] = set()

    def add_node(iri: str) -> None:
        if iri not in nodes:
            nodes.add(iri)
            seed = iri in seeds
            net.add_node(
                iri,
                label=graph.label(iri),
                title=iri,
                color=SEED_COLOUR if seed else NODE_COLOUR,
                font={"color": "#ffffff" if seed else "#1b1f24"},
                shape="box" if seed else "ellipse",
            )

    drawn = 0
    marked = 0
    for s, p, o in edges:
        add_node(s)
        add_node(o)
        is_used = (s, p, o) in used
        marked += is_used
        net.add_edge(
            s,
            o,
            label=graph.label(p),
            title=p,
            color=USED_COLOUR if is_used else EDGE_COLOUR,
            width=4 if is_used else 1,
        )
        drawn += 1
    for s, p, o in sorted(used - set(edges)):
        if s not in nodes:
            continue
        target = o if o in nodes else f"value:{s}|{p}|{o}"
        if target not in nodes:
            nodes.add(target)
            net.add_node(target, label=_value_label(o), title=o, color=VALUE_COLOUR, shape="box")
        net.add_edge(s, target, label=graph.label(p), title=p, color=USED_COLOUR, width=4)
        drawn += 1
        marked += 1
    net.repulsion(node_distance=180, spring_length=170)
    net.set_edge_smooth("dynamic")
    html = _CDN_TAGS.sub("", net.generate_html(notebook=False))
    return html, drawn, marked


def _value_label(term: str) -> str:
    """A literal in N3 form ('"25000000"^^<...#integer>') shown as its value."""
    match = re.match(r'^"(.*)"(?:\^\^<[^>]*>|@[\w-]+)?$', term, re.S)
    return match.group(1) if match else term
