"""Self-supervised verifier pairs written from knowledge-graph facts.

Human NLI data is single-sentence and off-domain; RAG claims are checked against several
retrieved sentences about named entities, numbers and dates. Facts from licence-clean graphs give
such pairs for free, with labels that hold by construction:

- a fact reworded with another template is entailed by its statement;
- a swapped object, a number moved by 10-60% or a year moved by 1-15 years contradicts it, but only
  for functional relations (one object per subject) or quantities, where the change cannot be true;
- another fact about the same subject is neutral: on topic, not supported;
- a 2-hop chain written as two sentences among 3-8 distractors entails the composed claim; dropping
  one link makes it neutral; swapping the end of a functional chain makes it a contradiction.

Sources: MetaQA's movie graph (CC BY 3.0), FB15k-237 with names (Freebase, CC BY 2.5) and the
`countryinfo` package (MIT).
"""

from __future__ import annotations

import random
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from grounding import paths
from grounding.train import LABELS, Label, Pair
from knowledge.errors import InputError

DEFAULT_DATA_ROOT = paths.shared_data()
LICENCES = {
    "metaqa": "CC BY 3.0 (MetaQA)",
    "fb15k237": "CC BY 2.5 (Freebase; FB15k-237 names from KG-BERT, Apache-2.0)",
    "countryinfo": "MIT (countryinfo package)",
}


@dataclass(frozen=True, slots=True)
class Spec:
    """How a relation reads in English; `templates[0]` states it in premises, the rest paraphrase."""

    templates: tuple[str, ...]
    functional: bool = False
    kind: str = "entity"
    inverse_functional: bool = False


INVERSE = "^-1"
METAQA_RELATIONS = {
    "directed_by": Spec(("{s} was directed by {o}.", "{o} directed {s}.", "{o} is the director of {s}."), True),
    "written_by": Spec(("{s} was written by {o}.", "{o} wrote {s}.", "{o} is one of the writers of {s}.")),
    "starred_actors": Spec(
        ("{o} starred in {s}.", "{s} stars {o}.", "{o} appears in {s}.", "{o} is in the cast of {s}.")
    ),
    "release_year": Spec(("{s} was released in {o}.", "{s} came out in {o}.", "{s} premiered in {o}."), True, "year"),
    "in_language": Spec(("{s} is in {o}.", "The language of {s} is {o}.", "{s} is a {o}-language film."), True),
    "has_genre": Spec(("{s} is a {o} film.", "{s} belongs to the {o} genre.", "The genre of {s} is {o}.")),
}
FB_RELATIONS = {
    "/people/person/place_of_birth": Spec(
        ("{s} was born in {o}.", "{s}'s birthplace is {o}.", "{o} is the birthplace of {s}."), True
    ),
    "/people/deceased_person/place_of_death": Spec(
        ("{s} died in {o}.", "{s}'s place of death was {o}.", "{o} is where {s} died."), True
    ),
    "/people/person/nationality": Spec(("{s} is a citizen of {o}.", "{s} holds {o} nationality.")),
    "/people/person/places_lived./people/place_lived/location": Spec(("{s} lived in {o}.", "{s} has lived in {o}.")),
    "/people/person/religion": Spec(("{s} is a follower of {o}.", "{s}'s religion is {o}.")),
    "/people/person/spouse_s./people/marriage/spouse": Spec(
        ("{s} was married to {o}.", "{o} was the spouse of {s}.", "{s} and {o} were married.")
    ),
    "/film/film/language": Spec(("{s} is in {o}.", "One language of {s} is {o}.")),
    "/film/film/country": Spec(("{s} was produced in {o}.", "{s} is a film from {o}.")),
    "/film/film/produced_by": Spec(("{s} was produced by {o}.", "{o} produced {s}.", "{o} was a producer of {s}.")),
    "/film/film/music": Spec(
        (
            "The music of {s} was composed by {o}.",
            "{o} composed the music for {s}.",
            "{o} wrote the score of {s}.",
        )
    ),
    "/film/film/written_by": Spec(("{s} was written by {o}.", "{o} wrote {s}.", "{o} is one of the writers of {s}.")),
    "/film/director/film" + INVERSE: Spec(
        ("{s} was directed by {o}.", "{o} directed {s}.", "{o} is the director of {s}."), True
    ),
    "/organization/organization/headquarters./location/mailing_address/citytown": Spec(
        (
            "{s} is headquartered in {o}.",
            "The headquarters of {s} are in {o}.",
            "{s} has its head office in {o}.",
        ),
        True,
    ),
    "/location/country/capital": Spec(
        ("The capital of {s} is {o}.", "{o} is the capital of {s}.", "{s}'s capital city is {o}."), True
    ),
    "/location/location/adjoin_s./location/adjoining_relationship/adjoins": Spec(
        ("{s} borders {o}.", "{s} shares a border with {o}.")
    ),
    "/music/artist/origin": Spec(("{s} comes from {o}.", "{s} originated in {o}."), True),
    "/education/educational_institution/students_graduates./education/education/student" + INVERSE: Spec(
        ("{s} studied at {o}.", "{s} attended {o}.", "{s} is an alumnus of {o}.")
    ),
    "/film/actor/film./film/performance/film": Spec(("{s} acted in {o}.", "{s} appeared in {o}.", "{o} features {s}.")),
    "/location/country/official_language": Spec(
        ("{o} is an official language of {s}.", "{s} has {o} as an official language.")
    ),
}
COUNTRY_RELATIONS = {
    "capital": Spec(
        ("The capital of {s} is {o}.", "{o} is the capital of {s}.", "{s}'s capital city is {o}."),
        True,
        inverse_functional=True,
    ),
    "population": Spec(
        ("{s} has a population of {o}.", "{s} is home to {o} people.", "The population of {s} is {o}."),
        True,
        "number",
    ),
    "area": Spec(
        (
            "{s} has an area of {o} square kilometres.",
            "{s} covers {o} square kilometres.",
            "The area of {s} is {o} km2.",
        ),
        True,
        "number",
    ),
    "region": Spec(("{s} is in {o}.", "{s} is a country in {o}.", "{s} lies in {o}."), True),
    "subregion": Spec(("{s} is in {o}.", "{s} is part of {o}.", "{s} is located in {o}."), True),
    "borders": Spec(("{s} borders {o}.", "{s} shares a border with {o}.", "{o} is a neighbour of {s}.")),
}


@dataclass(frozen=True, slots=True)
class Chain:
    """A 2-hop composition (a r1 b), (b r2 c) -> claim about a and c; or, as a conjunction,
    (a r1 b), (a r2 c) -> one sentence stating both."""

    first: str
    second: str
    claims: tuple[str, ...]
    conjunction: bool = False


CHAINS = {
    "metaqa": (
        Chain("directed_by", "directed_by" + INVERSE, ("{a} and {c} were directed by the same person.",)),
        Chain("starred_actors", "starred_actors" + INVERSE, ("{a} and {c} share a cast member.",)),
        Chain("directed_by", "written_by" + INVERSE, ("The director of {a} also wrote {c}.",)),
        Chain(
            "directed_by",
            "release_year",
            ("{a}, directed by {b}, was released in {c}.", "{b} directed {a}, which came out in {c}."),
            conjunction=True,
        ),
    ),
    "fb15k237": (
        Chain(
            "/film/director/film" + INVERSE,
            "/people/person/place_of_birth",
            ("The director of {a} was born in {c}.", "{a} was directed by someone born in {c}."),
        ),
        Chain("/film/film/written_by", "/people/person/place_of_birth", ("A writer of {a} was born in {c}.",)),
        Chain(
            "/people/person/spouse_s./people/marriage/spouse",
            "/people/person/place_of_birth",
            ("{a} was married to someone born in {c}.",),
        ),
        Chain(
            "/people/person/place_of_birth",
            "/location/country/capital",
            ("{a} was born in the country whose capital is {c}.",),
        ),
        Chain(
            "/people/person/place_of_birth",
            "/people/deceased_person/place_of_death",
            ("{a} was born in {b} and died in {c}.",),
            conjunction=True,
        ),
    ),
    "countryinfo": (
        Chain("borders", "capital", ("{a} borders the country whose capital is {c}.",)),
        Chain("capital" + INVERSE, "region", ("{a} is the capital of a country in {c}.",)),
        Chain("capital" + INVERSE, "population", ("{a} is the capital of a country with {c} inhabitants.",)),
    ),
}


@dataclass
class Graph:
    """Facts indexed both ways, so chains and swaps can be sampled in constant time."""

    name: str
    specs: dict[str, Spec]
    objects: dict[tuple[str, str], list[str]] = field(default_factory=lambda: defaultdict(list))
    subjects_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    relations_of: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))
    pool: dict[str, list[str]] = field(default_factory=lambda: defaultdict(list))

    def add(self, subject: str, relation: str, obj: str) -> None:
        if relation.endswith(INVERSE):
            subject, relation, obj = obj, relation[: -len(INVERSE)], subject
        for s, r, o in ((subject, relation, obj), (obj, relation + INVERSE, subject)):
            key = (s, r)
            if not self.objects[key]:
                self.subjects_of[r].append(s)
                self.relations_of[s].append(r)
            if o not in self.objects[key]:
                self.objects[key].append(o)
        self.pool[relation].append(obj)
        self.pool[relation + INVERSE].append(subject)

    def spec(self, relation: str) -> Spec | None:
        """Specs exist for the stated direction; an inverse reads with the same templates, s and o swapped."""
        if relation in self.specs:
            return self.specs[relation]
        base = relation[: -len(INVERSE)] if relation.endswith(INVERSE) else relation + INVERSE
        found = self.specs.get(base)
        if found is None:
            return None
        return Spec(tuple(_swap_roles(t) for t in found.templates), found.inverse_functional, "entity")

    def is_functional(self, subject: str, relation: str) -> bool:
        spec = self.spec(relation)
        return bool(spec and spec.functional and len(self.objects[(subject, relation)]) == 1)


def _swap_roles(template: str) -> str:
    return template.replace("{s}", "\0").replace("{o}", "{s}").replace("\0", "{o}")


_METAQA_LINE = re.compile(r"^(.*)\|(" + "|".join(METAQA_RELATIONS) + r")\|(.*)$")


def load_metaqa(path: Path) -> Graph:
    graph = Graph("metaqa", METAQA_RELATIONS)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as exc:
        raise InputError(f"cannot read MetaQA graph {path}: {exc}") from exc
    for line in lines:
        match = _METAQA_LINE.match(line.strip())
        if match and match.group(1) and match.group(3):
            graph.add(match.group(1), match.group(2), match.group(3))
    if not graph.objects:
        raise InputError(f"no subject|relation|object lines found in MetaQA graph {path}")
    return graph


def load_fb15k237(folder: Path) -> Graph:
    graph = Graph("fb15k237", FB_RELATIONS)
    wanted = {r.removesuffix(INVERSE): r for r in FB_RELATIONS}
    path = folder / "train_named.tsv"
    try:
        with path.open(encoding="utf-8") as handle:
            for number, line in enumerate(handle, 1):
                parts = line.rstrip("\n").split("\t")
                if len(parts) != 3:
                    raise InputError(f"{path} line {number}: expected head<TAB>relation<TAB>tail")
                head, relation, tail = parts
                if relation in wanted and head and tail:
                    graph.add(head, relation, tail)
    except OSError as exc:
        raise InputError(f"cannot read FB15k-237 file {path}: {exc}") from exc
    return graph


def load_countries() -> Graph:
    """Capital, population, area, region and borders of every country `countryinfo` knows."""
    import countryinfo

    countries = countryinfo.all_countries()
    graph = Graph("countryinfo", COUNTRY_RELATIONS)
    names = {}
    for country in countries:
        info = country.info()
        names[(info.get("ISO") or {}).get("alpha3")] = info.get("name")
    for country in countries:
        info = country.info()
        name = info.get("name")
        if not name:
            continue
        for relation in ("capital", "region", "subregion"):
            if info.get(relation):
                graph.add(name, relation, str(info[relation]))
        for relation in ("population", "area"):
            if isinstance(info.get(relation), int | float) and info[relation] > 0:
                graph.add(name, relation, str(int(info[relation])))
        for code in info.get("borders") or []:
            if names.get(code):
                graph.add(name, "borders", names[code])
    return graph


def _approximate(value: int) -> str:
    if value >= 1_000_000_000:
        return f"about {value / 1e9:.1f} billion"
    if value >= 1_000_000:
        return f"about {value / 1e6:.1f} million"
    if value >= 10_000:
        return f"about {round(value / 1000):,} thousand"
    return f"{value:,}"


def _render(graph: Graph, subject: str, relation: str, obj: str, template: int, exact: bool = True) -> str:
    spec = graph.spec(relation)
    if spec is None:
        raise InputError(f"no template for relation {relation!r} in graph {graph.name}")
    text = obj
    if spec.kind == "number":
        text = f"{int(obj):,}" if exact else _approximate(int(obj))
    pattern = spec.templates[template % len(spec.templates)]
    sentence = pattern.format(s=subject, o=text)
    if " a {o}" in pattern and text[:1].lower() in "aeiou":
        sentence = sentence.replace(f" a {text}", f" an {text}", 1)
    return sentence[0].upper() + sentence[1:]


def _corrupt(graph: Graph, subject: str, relation: str, obj: str, rng: random.Random) -> str | None:
    """A value that cannot hold if `obj` does: a moved number or year, or another object of the relation."""
    spec = graph.spec(relation)
    if spec is None:
        return None
    if spec.kind == "number":
        factor = 1 + rng.choice((-1, 1)) * rng.uniform(0.1, 0.6)
        return str(max(1, int(int(obj) * factor)))
    if spec.kind == "year" and obj.isdigit():
        return str(int(obj) + rng.choice((-1, 1)) * rng.randint(1, 15))
    if not graph.is_functional(subject, relation):
        return None
    candidates = graph.pool[relation]
    for _ in range(20):
        other = rng.choice(candidates)
        if other != obj and other not in graph.objects[(subject, relation)]:
            return other
    return None


def _paraphrase(graph: Graph, subject: str, relation: str, obj: str, rng: random.Random) -> str:
    spec = graph.spec(relation)
    count = len(spec.templates) if spec else 1
    return _render(graph, subject, relation, obj, rng.randrange(1, count) if count > 1 else 0, exact=rng.random() < 0.5)


def _random_fact(graph: Graph, rng: random.Random, relations: list[str]) -> tuple[str, str, str]:
    relation = rng.choice(relations)
    subject = rng.choice(graph.subjects_of[relation])
    return subject, relation, rng.choice(graph.objects[(subject, relation)])


def _distractors(graph: Graph, rng: random.Random, avoid: set[str], count: int) -> list[str]:
    relations = [r for r in graph.specs if graph.subjects_of[r]]
    found: list[str] = []
    for _ in range(count * 5):
        if len(found) == count:
            break
        s, r, o = _random_fact(graph, rng, relations)
        if s not in avoid and o not in avoid:
            found.append(_render(graph, s, r, o, 0))
    return found


def _single_fact_pair(graph: Graph, rng: random.Random, label: Label) -> tuple[str, str, Label] | None:
    relations = [r for r in graph.specs if graph.subjects_of[r]]
    subject, relation, obj = _random_fact(graph, rng, relations)
    others = [
        (r, o)
        for r in graph.relations_of[subject]
        if graph.spec(r) is not None
        for o in graph.objects[(subject, r)]
        if (r, o) != (relation, obj)
    ]
    rng.shuffle(others)
    context = others[: rng.randint(0, 3)]
    if label == "entailment":
        hypothesis = _paraphrase(graph, subject, relation, obj, rng)
    elif label == "contradiction":
        wrong = _corrupt(graph, subject, relation, obj, rng)
        if wrong is None:
            return None
        hypothesis = _paraphrase(graph, subject, relation, wrong, rng)
    else:
        # On topic but unstated: the premise keeps other facts about the subject, never this one.
        context = others[: rng.randint(1, 4)]
        if not context:
            return None
        hypothesis = _paraphrase(graph, subject, relation, obj, rng)
    sentences = [_render(graph, subject, r, o, 0) for r, o in context]
    if label != "neutral":
        sentences.append(_render(graph, subject, relation, obj, 0))
    rng.shuffle(sentences)
    return " ".join(sentences), hypothesis, label


def _shown(graph: Graph, relation: str, value: str) -> str:
    spec = graph.spec(relation)
    return _approximate(int(value)) if spec is not None and spec.kind == "number" else value


def _chain_pair(graph: Graph, chain: Chain, rng: random.Random, label: Label) -> tuple[str, str, Label] | None:
    starts = graph.subjects_of[chain.first]
    if not starts:
        return None
    a = rng.choice(starts)
    firsts = graph.objects[(a, chain.first)]
    bridges = firsts if chain.conjunction else [b for b in firsts if graph.objects.get((b, chain.second))]
    if not bridges or (chain.conjunction and not graph.objects.get((a, chain.second))):
        return None
    b = rng.choice(bridges)
    holder = a if chain.conjunction else b
    ends = [x for x in graph.objects[(holder, chain.second)] if x != a]
    if not ends:
        return None
    c = rng.choice(ends)
    links = [_render(graph, a, chain.first, b, 0), _render(graph, holder, chain.second, c, 0)]
    template = rng.choice(chain.claims)
    shown = _shown(graph, chain.second, c)
    same_claim = "same" in template or "share" in template
    if label == "contradiction" and same_claim:
        # Two subjects with different single objects of a functional relation.
        if not graph.is_functional(a, chain.first):
            return None
        other = rng.choice(starts)
        if other == a or not graph.is_functional(other, chain.first):
            return None
        other_object = graph.objects[(other, chain.first)][0]
        if other_object == b:
            return None
        c = other
        links = [_render(graph, a, chain.first, b, 0), _render(graph, other, chain.first, other_object, 0)]
        shown = other
    elif label == "contradiction":
        spec = graph.spec(chain.second)
        end_fixed = graph.is_functional(holder, chain.second) or (spec is not None and spec.kind != "entity")
        path_fixed = chain.conjunction or graph.is_functional(a, chain.first)
        wrong = _corrupt(graph, holder, chain.second, c, rng) if end_fixed and path_fixed else None
        if wrong is None:
            return None
        shown = _shown(graph, chain.second, wrong)
    claim = template.format(a=a, b=b, c=shown)
    if label == "neutral":
        links.pop(rng.randrange(2))
    sentences = links + _distractors(graph, rng, {a, b, c}, rng.randint(3, 8))
    rng.shuffle(sentences)
    return " ".join(sentences), claim[0].upper() + claim[1:], label


def _load_graphs(data_root: Path, sources: Iterable[str]) -> list[Graph]:
    loaders = {
        "metaqa": lambda: load_metaqa(data_root / "metaqa" / "kb_reconstructed_97pct.txt"),
        "fb15k237": lambda: load_fb15k237(data_root / "fb15k237"),
        "countryinfo": load_countries,
    }
    unknown = sorted(set(sources) - set(loaders))
    if unknown:
        raise InputError(f"unknown synthetic sources {unknown}; known: {sorted(loaders)}")
    return [loaders[name]() for name in sources]


def synthetic_pairs(
    n: int,
    seed: int = 0,
    multi_fraction: float = 0.4,
    sources: Iterable[str] = ("metaqa", "fb15k237", "countryinfo"),
    weights: Iterable[float] = (0.4, 0.4, 0.2),
    data_root: Path = DEFAULT_DATA_ROOT,
) -> list[Pair]:
    """`n` unique pairs, about a third per label, `multi_fraction` of them multi-sentence 2-hop pairs.

    Source names become `synthetic-<graph>` (single fact) and `synthetic-<graph>-2hop`.
    """
    rng = random.Random(seed)
    graphs = _load_graphs(data_root, list(sources))
    weight_list = list(weights)
    seen: set[tuple[str, str]] = set()
    pairs: list[Pair] = []
    attempts = 0
    while len(pairs) < n and attempts < n * 30:
        attempts += 1
        label = LABELS[len(pairs) % len(LABELS)]
        graph = rng.choices(graphs, weights=weight_list[: len(graphs)])[0]
        multi = rng.random() < multi_fraction
        if multi:
            made = _chain_pair(graph, rng.choice(CHAINS[graph.name]), rng, label)
        else:
            made = _single_fact_pair(graph, rng, label)
        if made is None or (made[0], made[1]) in seen:
            continue
        seen.add((made[0], made[1]))
        source = f"synthetic-{graph.name}" + ("-2hop" if multi else "")
        pairs.append(Pair(made[0], made[1], made[2], source, LICENCES[graph.name], True))
    return pairs
