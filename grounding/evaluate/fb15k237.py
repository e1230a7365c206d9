"""A slice of FB15k-237 as a knowledge base: world knowledge about films, television, people, sport
and music for checking conversational claims (HaluEval dialogue comes from OpenDialKG, which was
written over Freebase).

The named TSV files (`head<TAB>Freebase path<TAB>tail`) become N-Triples: names are entities with an
rdfs:label; the Freebase paths listed in RELATIONS become the properties of the hand-written
`data/fb15k237-ontology.ttl`; every other path is left out, because a claim can only be matched to a
relation that has words. A built KB is cached under `<cache>/<fingerprint>/` and reused while the
data, the ontology and the conversion stay the same.

    python -m grounding.evaluate.fb15k237 [--data DIR] [--cache DIR]
"""

from __future__ import annotations

import argparse
from pathlib import Path

from rdflib import Literal
from rdflib.namespace import RDFS

from grounding import paths
from grounding.evaluate.converted_kb import converted_kb
from knowledge.errors import GraphParseError
from knowledge.graph import mint_iri
from knowledge.kb import KnowledgeBase

ONTOLOGY = Path(__file__).resolve().parent / "data" / "fb15k237-ontology.ttl"
NAMESPACE = "http://groundqa.org/fb15k237#"
SOURCE = "https://www.microsoft.com/en-us/download/details.aspx?id=52312"
LICENCE = "CC BY 2.5 (Freebase); names from KG-BERT (Apache-2.0)"
CONVERSION = "1"  # bump when `convert` changes, so a cached KB of the old conversion is not reused
FILES = ("train_named.tsv", "valid_named.tsv", "test_named.tsv")
DEFAULT_DATA = paths.shared_data() / "fb15k237"
DEFAULT_CACHE = Path("runs") / "fb15k237-kb"

RELATIONS = {
    "/film/actor/film./film/performance/film": "acted_in",
    "/film/director/film": "directed",
    "/film/film/written_by": "written_by",
    "/film/film/story_by": "story_by",
    "/film/film/produced_by": "produced_by",
    "/film/film/executive_produced_by": "executive_produced_by",
    "/film/film/music": "music_by",
    "/film/film/genre": "film_genre",
    "/film/film/language": "film_language",
    "/film/film/country": "film_country",
    "/film/film/prequel": "prequel",
    "/tv/tv_program/regular_cast./tv/regular_tv_appearance/actor": "tv_cast",
    "/tv/tv_program/program_creator": "tv_creator",
    "/tv/tv_program/genre": "tv_genre",
    "/people/person/place_of_birth": "place_of_birth",
    "/people/deceased_person/place_of_death": "place_of_death",
    "/people/person/nationality": "nationality",
    "/people/person/profession": "profession",
    "/people/person/spouse_s./people/marriage/spouse": "spouse",
    "/people/person/sibling_s./people/sibling_relationship/sibling": "sibling",
    "/sports/pro_athlete/teams./sports/sports_team_roster/team": "played_for",
    "/soccer/football_player/current_team./sports/sports_team_roster/team": "plays_for",
    "/sports/sports_team/sport": "team_sport",
    "/sports/sports_team_location/teams": "home_of_team",
    "/music/genre/artists": "genre_artists",
    "/music/group_member/membership./music/group_membership/group": "member_of",
    "/music/artist/origin": "origin",
    "/music/record_label/artist": "label_artist",
    "/award/award_winning_work/awards_won./award/award_honor/award": "work_award",
    "/award/award_nominee/award_nominations./award/award_nomination/award": "nominated_for_award",
}
"""Freebase path -> property of the ontology. Chosen for what people say about films, shows,
people, teams and bands; paths through awards ceremonies, release regions and crew roles are
left out because no claim phrases them."""


def convert(files: list[Path], out: Path) -> int:
    """The selected relations of the named TSV files as N-Triples, with a label for every entity;
    the number of facts written (duplicates across files written once)."""
    labelled: set[str] = set()
    facts: set[str] = set()
    lines: list[str] = []
    for path in files:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as exc:
            raise GraphParseError(f"cannot read FB15k-237 file {path}: {exc}") from exc
        for number, raw in enumerate(text.splitlines(), start=1):
            if not raw.strip():
                continue
            fields = raw.split("\t")
            if len(fields) != 3 or not all(f.strip() for f in fields):
                raise GraphParseError(f"{path}: line {number}: expected head<TAB>relation<TAB>tail, got {raw!r}")
            head, path_name, tail = (f.strip() for f in fields)
            relation = RELATIONS.get(path_name)
            if relation is None:
                continue
            fact = f"{mint_iri(head).n3()} <{NAMESPACE}{relation}> {mint_iri(tail).n3()} ."
            if fact in facts:
                continue
            facts.add(fact)
            lines.append(fact)
            for name in (head, tail):
                if name not in labelled:
                    labelled.add(name)
                    lines.append(f"{mint_iri(name).n3()} {RDFS.label.n3()} {Literal(name).n3()} .")
    out.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return len(facts)


def fb15k237_kb(data: Path = DEFAULT_DATA, progress: bool = True, cache: Path = DEFAULT_CACHE) -> KnowledgeBase:
    """The FB15k-237 knowledge base, built once per (data, ontology, conversion) and reused."""
    files = [Path(data) / name for name in FILES]
    missing = [str(f) for f in files if not f.is_file()]
    if missing:
        raise GraphParseError(f"FB15k-237 files not found: {', '.join(missing)} (see ../shared/data/README.md)")
    return converted_kb(
        files,
        ONTOLOGY,
        CONVERSION,
        cache,
        lambda out: convert(files, out),
        name="fb15k237",
        source=SOURCE,
        licence=LICENCE,
        progress=progress,
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description="Build (once) the FB15k-237 knowledge base and print its folder.")
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--cache", type=Path, default=DEFAULT_CACHE)
    args = parser.parse_args(argv)
    kb = fb15k237_kb(args.data, cache=args.cache)
    print(kb.root)


if __name__ == "__main__":
    main()
