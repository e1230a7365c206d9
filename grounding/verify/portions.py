"""What a portion holds, from a label's values per 100 g or 100 ml and the portion's size: "per 100 g: ... fat 16 g"
and "a serving is 5 crackers (25 g)" give 4 g of fat a serving; "per 100 ml: energy 46 kcal" and "Each bottle holds
330 ml" give about 152 kcal a bottle.

A claim that gives a portion's amount of a nutrient ("A five-cracker serving ... has 4 g of fat", "a whole bottle ...
about 46 calories") is held against the label's value scaled to the portion it names. The small model does not scale,
and reads the per-100 g figure said of a bar as the bar's.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from grounding.text.sentences import split_sentences

_NUTRIENT_NAMES = {
    "energy": "energy",
    "calories": "energy",
    "calorie": "energy",
    "kcal": "energy",
    "fat": "fat",
    "fats": "fat",
    "saturates": "saturates",
    "sugars": "sugars",
    "sugar": "sugars",
    "protein": "protein",
    "salt": "salt",
    "fibre": "fibre",
    "fiber": "fibre",
    "carbohydrate": "carbohydrate",
    "carbohydrates": "carbohydrate",
    "sodium": "sodium",
}
_NAME = "|".join(sorted(_NUTRIENT_NAMES, key=len, reverse=True))
_UNIT = r"kcal|calories|g|grams?|mg|milligrams?"
_PER_100 = re.compile(r"\bper\s+100\s*(?P<unit>g|ml|grams?|millilit(?:re|er)s?)\b", re.I)
_NAME_FIRST = re.compile(rf"\b(?P<name>{_NAME})\s*:?\s*(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT})\b", re.I)
_VALUE_FIRST = re.compile(
    rf"\b(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>{_UNIT})(?:\s+of)?\s+(?:[a-z]+\s+)?(?P<name>{_NAME})\b", re.I
)
_ENERGY = re.compile(r"\b(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>kcal|calories)\b", re.I)
_PORTIONS = (
    r"bar|bottle|can|serving|portion|pack|packet|tub|pot|slice|biscuit|cracker|carton|sachet|cup|glass|piece|bag|box"
)
_PORTION = re.compile(rf"\b(?P<portion>{_PORTIONS})s?\b", re.I)
_SIZE = re.compile(r"(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>g|grams?|ml|millilit(?:re|er)s?)\b", re.I)
_HEDGED = re.compile(r"\b(?:about|around|roughly|approximately|nearly|almost|just\s+(?:over|under)|some)\s+$", re.I)
_LINE = re.compile(r"(?<=[.;])\s+(?=[A-Z])")
"""Where a label's line ends even after a unit's full stop ("sugars 24 g. One bar (40 g) ...")."""
_MILLI = {"mg": 0.001, "milligram": 0.001, "milligrams": 0.001}


@dataclass(frozen=True)
class Portion:
    """A portion's amount of a nutrient, worked out from the label: the value, its unit ("g" or "kcal"), how."""

    nutrient: str
    value: float
    unit: str
    how: str
    sentences: tuple[str, ...]


def _unit(unit: str) -> str:
    low = unit.lower()
    return "kcal" if low in ("kcal", "calories") else "mg" if low in _MILLI else "g"


def _in_grams(value: float, unit: str) -> float:
    return value / 1000 if _unit(unit) == "mg" else value


def _per_100(sentences: list[str]) -> list[tuple[str, float, str, str]]:
    """(nutrient, value, unit, sentence) of each value a label gives per 100 g or 100 ml."""
    found = []
    for sentence in sentences:
        per = _PER_100.search(sentence)
        if per is None:
            continue
        for match in (*_NAME_FIRST.finditer(sentence), *_VALUE_FIRST.finditer(sentence)):
            name = _NUTRIENT_NAMES[match["name"].lower()]
            found.append((name, float(match["value"]), _unit(match["unit"]), sentence))
    return list(dict.fromkeys(found))


def _sizes(sentences: list[str]) -> dict[str, list[tuple[float, str]]]:
    """Each portion word the label sizes, with its size in grams or millilitres and the sentence."""
    sizes: dict[str, list[tuple[float, str]]] = {}
    for sentence in sentences:
        values = [m.span("value") for m in (*_NAME_FIRST.finditer(sentence), *_VALUE_FIRST.finditer(sentence))]
        for size in _SIZE.finditer(sentence):
            if re.search(r"\bper\s+$", sentence[max(0, size.start() - 5) : size.start()]):
                continue  # "per 100 g": no portion
            if any(a <= size.start() < b for a, b in values):
                continue  # "fat 18 g": a nutrient's amount, no portion's size
            before = sentence[max(0, size.start() - 30) : size.start()]
            after = sentence[size.end() : size.end() + 12]
            near = list(_PORTION.finditer(before)) or list(_PORTION.finditer(after))[:1]  # "The 500 g tub"
            for word in {m["portion"].lower() for m in near}:  # "a serving is 5 crackers (25 g)": either
                sizes.setdefault(word, []).append((float(size["value"]), sentence))
    return sizes


def portions(claim: str, evidence: str) -> list[tuple[float, str, bool, Portion]]:
    """(claimed value, unit, hedged, the label's amount for the claim's portion) for each nutrient amount the claim
    gives a portion the label sizes."""
    sentences = [line for a, b in split_sentences(evidence) for line in _LINE.split(evidence[a:b].strip())]
    per_100 = _per_100(sentences)
    sizes = _sizes(sentences)
    named = [m for m in _PORTION.finditer(claim) if m["portion"].lower() in sizes]
    if not per_100 or not named:
        return []
    served = [m for m in named if m["portion"].lower() in ("serving", "portion")]
    portion = (served or named)[-1]  # "A five-cracker serving of Marlow Crackers": the serving
    sized = sizes[portion["portion"].lower()]
    if len({size for size, _ in sized}) != 1:
        return []
    size, where = sized[0]
    claimed = [(m, _NUTRIENT_NAMES[m["name"].lower()]) for m in _VALUE_FIRST.finditer(claim)]
    claimed += [(m, "energy") for m in _ENERGY.finditer(claim)]
    found = []
    for match, nutrient in claimed:
        values = [(v, u, s) for n, v, u, s in per_100 if n == nutrient]
        if len({(v, u) for v, u, _ in values}) != 1:
            continue
        value, unit, sentence = values[0]
        amount = value * size / 100
        how = f"{value:g} {unit} per 100 times {size:g} is {amount:.3g} {unit} a {portion['portion'].lower()}"
        said = float(match["value"])
        said_unit = _unit(match["unit"])
        if said_unit != unit and {said_unit, unit} != {"g", "mg"}:
            continue
        hedged = bool(_HEDGED.search(claim[: match.start()]))
        in_unit = _in_grams(said, said_unit) if unit != "kcal" else said
        base = _in_grams(amount, unit) if unit != "kcal" else amount
        found.append((in_unit, unit, hedged, Portion(nutrient, base, unit, how, (sentence, where))))
    return found
