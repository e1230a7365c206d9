"""Select the demo passages from HaluEval's QA knowledge and write knowledge/demo_data/passages.jsonl.

Maintainer script, kept for provenance: it reads the shared data folder, which groundqa never reads
at run time. HaluEval's `knowledge` field glues HotpotQA's Wikipedia paragraphs together without a
separator ("...the 19th century.First for Women is..."), so paragraphs are cut where a sentence end
is immediately followed by a capital letter. The paragraphs kept are about geography and mention a
country or capital that the countries graph knows, so questions can be answered from text, graph or
both.

    python -m scripts.vendor_demo_passages --source ../shared/data/halueval/qa_data.json
"""

from __future__ import annotations

import argparse
import json
import os
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path

from rdflib import RDF, RDFS, SKOS

from knowledge.demo import GQ, countries_graph

REPO = Path(__file__).resolve().parent.parent
DEFAULT_SOURCE = REPO.parent / "shared" / "data" / "halueval" / "qa_data.json"
DEFAULT_OUT = REPO / "knowledge" / "demo_data" / "passages.jsonl"
SOURCE_NAME = "HaluEval qa_data.json (HotpotQA / Wikipedia)"
LICENCE = "CC BY-SA 4.0"

# A sentence end touching the next paragraph's capital letter; only after a lowercase letter, digit
# or closing mark, which keeps initialisms ("U.S.A.") whole.
SENTENCE_END = re.compile(r"[.!?](?=\S)")
CLOSERS = set(")]\"'%”’")
BAD_START = re.compile(r"^(?:[a-z]|(?:He|She|It|They|His|Her|Its|Their|This|These|That|Those|In it)\b)")
GEOGRAPHY = re.compile(
    r"\b(?:capital|city|cities|town|village|country|countries|nation|language|languages|spoken|dialect|"
    r"border|borders|bordered|bordering|population|inhabitants|located|region|province|district|county|"
    r"municipality|river|lake|mountains?|island|islands|coast|sea|ocean|peninsula|archipelago|continent|"
    r"territory|kingdom|republic|currency|official|suburb|metropolitan|census|square kilometres|km)\b"
)
OFF_TOPIC = re.compile(
    r"\b(?:born|footballer|singer|actor|actress|album|song|single|film|band|rapper|season|episode|"
    r"novel|video game|wrestler|racing driver)\b"
)
PLACE_SUBJECT = re.compile(
    r"^[^.]{0,120}?\b(?:is|was)\s+(?:a|an|the)\s+(?:[\w-]+\s+){0,4}?"
    r"(?:city|town|village|country|capital|language|river|lake|island|region|province|state|district|"
    r"municipality|suburb|mountain|commune|county|territory|nation|sea|archipelago|peninsula|university)\b"
)
TITLE_VERB = re.compile(r"^(.{2,90}?)\s*(?:\([^)]*\)\s*)?,?\s+(?:is|was|are|were|has|had|refers)\b")
# Names that more often mean something else in HotpotQA text (US states, people, brands).
AMBIGUOUS = {
    "Georgia",
    "Jersey",
    "Jordan",
    "Chad",
    "Victoria",
    "Hamilton",
    "Kingston",
    "Washington",
    "Madrid",
}
MIN_CHARS = 60
MAX_CHARS = 1200


@dataclass(frozen=True)
class Paragraph:
    row: int
    index: int
    text: str

    @property
    def id(self) -> str:
        return f"halueval-qa-{self.row}-{self.index}"


def split_paragraphs(knowledge: str) -> list[str]:
    """Undo HaluEval's gluing of paragraphs; a seam is a sentence end touching a capital letter."""
    parts, start = [], 0
    for match in SENTENCE_END.finditer(knowledge):
        end = match.end()
        before = knowledge[match.start() - 1] if match.start() else ""
        if knowledge[end].isupper() and (before.islower() or before.isdigit() or before in CLOSERS):
            parts.append(knowledge[start:end])
            start = end
    parts.append(knowledge[start:])
    return [part.strip() for part in parts if part.strip()]


def read_paragraphs(source: Path) -> Iterator[Paragraph]:
    """Every paragraph of the file once, at its first occurrence, whitespace-normalised."""
    seen: set[str] = set()
    with source.open(encoding="utf-8") as handle:
        for row, line in enumerate(handle):
            if not line.strip():
                continue
            try:
                knowledge = json.loads(line)["knowledge"]
            except (json.JSONDecodeError, KeyError) as exc:
                raise SystemExit(f"{source}:{row + 1}: not a HaluEval QA record: {exc}") from exc
            for index, text in enumerate(split_paragraphs(knowledge)):
                text = " ".join(text.split())
                key = text.casefold()
                if key not in seen:
                    seen.add(key)
                    yield Paragraph(row, index, text)


def place_names() -> tuple[set[str], set[str]]:
    """Names of the demo graph's countries (labels and aliases) and of their capitals."""
    graph = countries_graph()
    countries = {
        str(name)
        for country in graph.subjects(RDF.type, GQ.Country)
        for prop in (RDFS.label, SKOS.altLabel)
        for name in graph.objects(country, prop)
        if len(str(name)) >= 4 and not str(name).isupper()
    }
    capitals = {str(graph.value(city, RDFS.label)) for city in graph.objects(None, GQ.capital)}
    return countries - AMBIGUOUS, capitals - AMBIGUOUS


def name_pattern(names: Iterable[str]) -> re.Pattern[str]:
    ordered = sorted(names, key=len, reverse=True)
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(n) for n in ordered) + r")(?!\w)")


def score(text: str, countries: re.Pattern[str], capitals: re.Pattern[str]) -> int:
    """Higher for paragraphs about places; zero for those that name no country or capital."""
    country_hits = {m.group(0) for m in countries.finditer(text)}
    capital_hits = {m.group(0) for m in capitals.finditer(text)}
    if not country_hits and not capital_hits:
        return 0
    geography = len({m.group(0).lower() for m in GEOGRAPHY.finditer(text)})
    off_topic = len({m.group(0).lower() for m in OFF_TOPIC.finditer(text)})
    value = 2 * min(geography, 5) + min(len(country_hits), 3) + 2 * min(len(capital_hits), 2)
    value += 4 if PLACE_SUBJECT.search(text) else 0
    value += 3 if re.search(r"\bcapital\b", text) else 0
    return value - 3 * off_topic


def title_of(text: str) -> str:
    """A best-effort title: the subject of the first sentence, else its first words."""
    match = TITLE_VERB.match(text)
    if match and len(match.group(1).split()) <= 10:
        title = match.group(1)
    else:
        title = " ".join(text.split()[:6])
    title = re.sub(r"\s*\([^)]*\)?", "", title).split(", ")[0]
    title = title.strip(" ,;:\"'“”")
    if title.count('"') % 2:
        title = title.replace('"', "")
    return title.strip() or " ".join(text.split()[:6])


def select(
    paragraphs: Iterable[Paragraph], limit: int, must: list[str], min_score: int
) -> list[tuple[Paragraph, int]]:
    """The `limit` best paragraphs, plus every acceptable one naming a `must` entity."""
    country_names, capital_names = place_names()
    countries, capitals = name_pattern(country_names), name_pattern(capital_names)
    required = name_pattern(must) if must else None
    scored: list[tuple[Paragraph, int, bool]] = []
    for paragraph in paragraphs:
        text = paragraph.text
        if not MIN_CHARS <= len(text) <= MAX_CHARS or BAD_START.match(text):
            continue
        value = score(text, countries, capitals)
        forced = bool(required and required.search(text)) and value > 0
        if value >= min_score or forced:
            scored.append((paragraph, value, forced))
    scored.sort(key=lambda item: (not item[2], -item[1], item[0].row, item[0].index))
    chosen = scored[: max(limit, sum(1 for item in scored if item[2]))]
    return sorted(((p, v) for p, v, _ in chosen), key=lambda item: (item[0].row, item[0].index))


def write_jsonl(rows: list[dict[str, str]], out: Path) -> None:
    out.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(dir=out.parent, prefix=f".{out.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as handle:
            for row in rows:
                handle.write(json.dumps(row, ensure_ascii=False) + "\n")
            handle.flush()
            os.fsync(handle.fileno())
            os.fchmod(handle.fileno(), 0o644)
        os.replace(tmp, out)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="HaluEval qa_data.json")
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--limit", type=int, default=1500, help="passages to keep, besides forced ones")
    parser.add_argument("--min-score", type=int, default=4)
    parser.add_argument(
        "--must",
        nargs="*",
        default=["Canberra", "Ottawa", "Bern", "Carleton University", "Dakar", "Switzerland", "Iceland"],
        help="keep every acceptable paragraph naming one of these (the demo questions' entities)",
    )
    args = parser.parse_args(argv)
    if not args.source.is_file():
        print(f"source not found: {args.source}", file=sys.stderr)
        return 2
    chosen = select(read_paragraphs(args.source), args.limit, args.must, args.min_score)
    rows = [
        {"id": p.id, "title": title_of(p.text), "text": p.text, "source": SOURCE_NAME, "licence": LICENCE}
        for p, _ in chosen
    ]
    write_jsonl(rows, args.out)
    size = args.out.stat().st_size
    print(f"wrote {len(rows)} passages, {size:,} bytes, to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
