"""The demo knowledge base: a countries graph, real Wikipedia passages and questions to ask them.

It exists so that a fresh install can show groundqa answering from a graph, from text, or from both,
without downloading anything: the graph is generated from the `countryinfo` package (a declared
dependency) and the passages are vendored in `demo_data/` with their licence and provenance.
"""

from __future__ import annotations

import json
import math
import re
import unicodedata
from collections.abc import Iterable, Iterator
from decimal import Decimal
from importlib.metadata import PackageNotFoundError, version
from pathlib import Path
from typing import Any

from countryinfo import CountryInfo
from rdflib import RDF, RDFS, SKOS, XSD, Graph, Literal, Namespace, URIRef

from knowledge.errors import DocumentError, GraphParseError, KnowledgeBaseError
from knowledge.types import Document

GQ = Namespace("http://groundqa.org/ontology#")
GQR = Namespace("http://groundqa.org/resource/")

COUNTRIES_LICENCE = "MIT (countryinfo by Porimol Chandro, https://github.com/porimol/countryinfo)"

DEMO_QUESTIONS: list[str] = [
    # Answerable from the graph alone.
    "What is the capital of Australia?",
    "Which countries border Switzerland?",
    "What is the population of Iceland?",
    # Answerable from the passages alone.
    "Which national research university is located in Canberra?",
    "In which city is the Bern Minster?",
    "Which city is the westernmost city in the Old World?",
    # Need a passage and a graph fact together.
    "Carleton University is in the capital of which country, and what currency does that country use?",
    "The Bern Minster is in the capital of which country, and what are its official languages?",
]

_DATA_DIR = Path(__file__).parent / "demo_data"
_SAME_CITY_DEGREES = 1.0
_SAME_COUNTRY_DEGREES = 10.0
_LANGUAGE_CODE_FIXES = {"rs": "sr"}  # countryinfo gives Serbia's country code as its language
# altSpellings that are English words, first names or fragments of a longer name: as aliases they would
# link "Long Island" to Iceland and "Thomas Mann" to the Isle of Man.
_NOT_ALIASES = {"Island", "Mann", "Maurice", "Prathet", "Zhonghua", "Mexicanos", "Portuguesa"}


def demo_data_dir() -> Path:
    """The folder of vendored demo files, inside the installed package so it ships with the wheel."""
    return _DATA_DIR


def ontology_path() -> Path:
    return _DATA_DIR / "ontology.ttl"


def demo_passages_path() -> Path:
    return _DATA_DIR / "passages.jsonl"


def demo_notes_path() -> Path:
    """Short passages written for groundqa (CC0): facts the demo's own examples need and HaluEval lacks."""
    return _DATA_DIR / "notes.jsonl"


def countries_source() -> str:
    """Named-graph IRI of the countries facts; it carries the package version because figures change."""
    try:
        package_version = version("countryinfo")
    except PackageNotFoundError as exc:
        raise KnowledgeBaseError("countryinfo is not installed; the demo graph is built from it") from exc
    return f"http://groundqa.org/source/countryinfo/{package_version}"


def ontology_graph() -> Graph:
    """The hand-written ontology: property labels, synonyms, domains, ranges and verbalisation templates."""
    path = ontology_path()
    graph = Graph()
    try:
        graph.parse(path, format="turtle")
    except FileNotFoundError as exc:
        raise KnowledgeBaseError(f"demo ontology missing: {path}") from exc
    except Exception as exc:  # rdflib raises several unrelated types for bad Turtle
        raise GraphParseError(f"cannot parse demo ontology {path}: {exc}") from exc
    return graph


def demo_documents() -> list[Document]:
    """The vendored passages and the groundqa notes as documents, ready for ingestion into the text index."""
    return [*_read_passages(demo_passages_path()), *_read_passages(demo_notes_path())]


def _read_passages(path: Path) -> Iterator[Document]:
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise DocumentError(f"cannot read demo passages {path}: {exc}") from exc
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            row = json.loads(line)
            yield Document(
                id=row["id"],
                text=row["text"],
                source=row["source"],
                title=row.get("title"),
                licence=row["licence"],
            )
        except (json.JSONDecodeError, KeyError, TypeError, ValueError) as exc:
            raise DocumentError(f"{path}:{number}: malformed passage: {exc}") from exc


def countries_graph() -> Graph:
    """Every country of countryinfo as RDF, built afresh so callers may add to it freely.

    Triples are added in a fixed order from records sorted by ISO alpha-3 code, so the same package
    version always yields the same graph.
    """
    records = _country_records()
    names = _code_names()
    graph = Graph(identifier=URIRef(countries_source()))
    graph.bind("gq", GQ)
    graph.bind("gqr", GQR)
    graph.bind("skos", SKOS)
    codes = {record["ISO"]["alpha3"] for record in records}
    alpha2_to_3 = {record["ISO"]["alpha2"]: record["ISO"]["alpha3"] for record in records}
    cities = _capital_iris(records)
    for record in records:
        for triple in _country_triples(record, codes, alpha2_to_3, cities, names):
            graph.add(triple)
    return graph


def _country_triples(
    record: dict[str, Any],
    codes: set[str],
    alpha2_to_3: dict[str, str],
    cities: dict[str, URIRef],
    names: dict[tuple[str, str], tuple[str, tuple[str, ...]]],
) -> Iterator[tuple[URIRef, URIRef, Literal | URIRef]]:
    iso = record["ISO"]
    alpha3 = iso["alpha3"]
    country = GQR[alpha3]
    label = record["name"].strip()
    yield country, RDF.type, GQ.Country
    yield country, RDFS.label, Literal(label)
    yield country, GQ.isoAlpha3, Literal(alpha3)
    if _text(iso.get("alpha2")):
        yield country, GQ.isoAlpha2, Literal(iso["alpha2"].strip())
    if _text(iso.get("numeric")):
        yield country, GQ.isoNumeric, Literal(iso["numeric"].strip())
    for alias in _aliases(record, label, {alpha3, _text(iso.get("alpha2"))}):
        yield country, SKOS.altLabel, Literal(alias)

    capital = _single_capital(record)
    if capital and alpha3 in cities:
        city = cities[alpha3]
        yield country, GQ.capital, city
        yield city, RDF.type, GQ.City
        yield city, RDFS.label, Literal(capital)

    region = _text(record.get("region"))
    subregion = _text(record.get("subregion"))
    if region:
        region_iri = GQR["region/" + _slug(region)]
        yield country, GQ.region, region_iri
        yield region_iri, RDF.type, GQ.Region
        yield region_iri, RDFS.label, Literal(region)
    if subregion:
        subregion_iri = GQR["subregion/" + _slug(subregion)]
        yield country, GQ.subregion, subregion_iri
        yield subregion_iri, RDF.type, GQ.Subregion
        yield subregion_iri, RDFS.label, Literal(subregion)
        if region:
            yield subregion_iri, GQ.partOf, GQR["region/" + _slug(region)]

    population = record.get("population")
    if isinstance(population, int) and not isinstance(population, bool) and population >= 0:
        yield country, GQ.population, Literal(population, datatype=XSD.integer)
    area = record.get("area")
    if isinstance(area, int | float) and not isinstance(area, bool) and math.isfinite(area) and area > 0:
        yield country, GQ.area, Literal(Decimal(str(area)), datatype=XSD.decimal)
    demonym = _text(record.get("demonym"))
    if demonym:
        yield country, GQ.demonym, Literal(demonym)
    for calling_code in _strings(record.get("callingCodes")):
        code = calling_code.lstrip("+").strip()
        if code:
            yield country, GQ.callingCode, Literal(code)

    for border in _strings(record.get("borders")):
        neighbour = border if border in codes else alpha2_to_3.get(border)
        if neighbour and neighbour != alpha3:
            yield country, GQ.borders, GQR[neighbour]

    for raw in _strings(record.get("languages")):
        code = _LANGUAGE_CODE_FIXES.get(raw, raw)
        yield from _coded_entity(country, GQ.language, GQ.Language, GQ.languageCode, "language", code, names)
    for code in _strings(record.get("currencies")):
        yield from _coded_entity(country, GQ.currency, GQ.Currency, GQ.currencyCode, "currency", code, names)


def _coded_entity(
    country: URIRef,
    predicate: URIRef,
    cls: URIRef,
    code_property: URIRef,
    kind: str,
    code: str,
    names: dict[tuple[str, str], tuple[str, tuple[str, ...]]],
) -> Iterator[tuple[URIRef, URIRef, Literal | URIRef]]:
    """A language or currency, labelled from code_names.tsv; an unknown code labels itself."""
    entity = GQR[f"{kind}/{_slug(code)}"]
    label, aliases = names.get((kind, code), (code, ()))
    yield country, predicate, entity
    yield entity, RDF.type, cls
    yield entity, RDFS.label, Literal(label)
    yield entity, code_property, Literal(code)
    for alias in aliases:
        yield entity, SKOS.altLabel, Literal(alias)


def _country_records() -> list[dict[str, Any]]:
    """One record per ISO alpha-3 code, sorted by it.

    countryinfo repeats some codes (Wales under GBR, Burma beside Myanmar, two Palestine entries, two
    Vatican entries); the record with an ISO numeric code and the most filled fields wins. Records
    without an alpha-3 code (Scotland) or a name are left out.
    """
    best: dict[str, tuple[tuple[int, int, str], dict[str, Any]]] = {}
    for key, record in CountryInfo.all().items():
        iso = record.get("ISO") or {}
        alpha3 = _text(iso.get("alpha3"))
        if not alpha3 or not _text(record.get("name")):
            continue
        filled = sum(1 for value in record.values() if value not in (None, "", [], {}))
        rank = (int(bool(_text(iso.get("numeric")))), filled, key)
        if alpha3 not in best or rank > best[alpha3][0]:
            best[alpha3] = (rank, record)
    return [best[code][1] for code in sorted(best)]


def _capital_iris(records: list[dict[str, Any]]) -> dict[str, URIRef]:
    """City IRIs by country code; two capitals of one name share an IRI only if they are one place."""
    by_name: dict[str, list[dict[str, Any]]] = {}
    for record in records:
        capital = _single_capital(record)
        if capital:
            by_name.setdefault(capital, []).append(record)
    iris: dict[str, URIRef] = {}
    for capital, holders in by_name.items():
        capitals = [r.get("capital_latlng") for r in holders]
        centres = [r.get("latlng") for r in holders if r.get("latlng")]
        same_place = _one_place(capitals, _SAME_CITY_DEGREES) and _one_place(centres, _SAME_COUNTRY_DEGREES)
        for record in holders:
            alpha3 = record["ISO"]["alpha3"]
            suffix = "" if same_place else f"_{alpha3}"
            iris[alpha3] = GQR[f"city/{_slug(capital)}{suffix}"]
    return iris


def _one_place(points: list[Any], degrees: float) -> bool:
    """Whether all points lie within `degrees` of each other; unreadable points count as elsewhere.

    Country centres are checked as well as capital coordinates because countryinfo copied Jamaica's
    Kingston coordinates onto Norfolk Island's Kingston.
    """
    coordinates = [tuple(p) for p in points if isinstance(p, list) and len(p) == 2 and _numbers(p)]
    if len(coordinates) < len(points):
        return len(points) <= 1
    return all(abs(a[0] - b[0]) <= degrees and abs(a[1] - b[1]) <= degrees for a in coordinates for b in coordinates)


def _single_capital(record: dict[str, Any]) -> str | None:
    """The capital name, or None where countryinfo gives none or several ("A / B / C")."""
    capital = record.get("capital")
    if isinstance(capital, list):
        capital = capital[0] if len(capital) == 1 else None
    capital = _text(capital)
    if not capital or "/" in capital:
        return None
    return capital


def _aliases(record: dict[str, Any], label: str, own_codes: set[str | None]) -> list[str]:
    """Alternative names, without the label, the country's ISO codes, its demonym or misleading words."""
    candidates = [*_strings(record.get("altSpellings")), *_strings(record.get("alt"))]
    native = _text(record.get("nativeName"))
    if native:
        candidates.extend(native.split("/"))
    demonym = _text(record.get("demonym"))
    seen = {label.casefold(), demonym.casefold() if demonym else ""}
    aliases = []
    for alias in candidates:
        alias = alias.strip()
        if not alias or "/" in alias or alias in own_codes or alias in _NOT_ALIASES or alias.casefold() in seen:
            continue
        seen.add(alias.casefold())
        aliases.append(alias)
    return sorted(aliases)


def _code_names() -> dict[tuple[str, str], tuple[str, tuple[str, ...]]]:
    """English names of language and currency codes, from the vendored code_names.tsv."""
    path = _DATA_DIR / "code_names.tsv"
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise KnowledgeBaseError(f"cannot read {path}: {exc}") from exc
    names: dict[tuple[str, str], tuple[str, tuple[str, ...]]] = {}
    for number, line in enumerate(lines, start=1):
        if not line.strip() or line.startswith("#"):
            continue
        fields = line.split("\t")
        if len(fields) != 4 or not all(fields[:3]):
            raise KnowledgeBaseError(f"{path}:{number}: expected kind, code, name, aliases separated by tabs")
        kind, code, name, aliases = fields
        names[(kind, code)] = (name, tuple(a for a in aliases.split("|") if a))
    return names


def _slug(text: str) -> str:
    """An IRI-safe local name that stays readable: 'Buenos Aires' -> 'Buenos_Aires'."""
    normalised = unicodedata.normalize("NFC", text.strip())
    return re.sub(r"[^\w.\-]+", "_", normalised).strip("_")


def _text(value: Any) -> str | None:
    return value.strip() if isinstance(value, str) and value.strip() else None


def _strings(values: Any) -> list[str]:
    if not isinstance(values, list):
        return []
    return [value.strip() for value in values if isinstance(value, str) and value.strip()]


def _numbers(values: Iterable[Any]) -> bool:
    return all(isinstance(v, int | float) and not isinstance(v, bool) for v in values)
