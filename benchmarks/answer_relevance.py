"""Relevance-check accuracy on question/answer pairs built from the MetaQA movie graph.

    python -m benchmarks.answer_relevance [--movies 40] [--seed 7]

For each sampled film with a director, a writer, a release year and a language, the script builds
questions from the graph's facts and three kinds of answers:

- the right answer (answers: yes), as a sentence and tersely;
- the answer to another question about the same film (answers: no): the director for "when";
- for a two-hop question ("When were the films directed by D released?", "Who starred in the films
  written by W?"), the first hop alone ("D directed F.") (answers: no) beside the full answer (yes).

Questions and answers are written by this script from the graph's facts (MetaQA, CC BY 3.0), so
the check is measured on phrasings it was not tuned to. Accuracy is the share of pairs judged as
labelled; errors are listed in the result file.
"""

from __future__ import annotations

import argparse
import random
from collections import defaultdict

from benchmarks.common import write_result
from grounding import paths
from grounding.verify.relevance import judge_relevance

RELATIONS = ("directed_by", "written_by", "release_year", "in_language", "starred_actors")


def load_facts() -> dict[str, dict[str, list[str]]]:
    facts: dict[str, dict[str, list[str]]] = defaultdict(lambda: defaultdict(list))
    path = paths.shared_data() / "metaqa" / "kb_reconstructed_97pct.txt"
    with path.open(encoding="utf-8") as handle:
        for line in handle:
            parts = line.rstrip("\n").split("|")
            if len(parts) == 3 and parts[1] in RELATIONS:
                facts[parts[0]][parts[1]].append(parts[2])
    return facts


def pairs_for(film: str, f: dict[str, list[str]]) -> list[tuple[str, str, bool, str]]:
    d, w, y, lang, actor = (f[r][0] for r in RELATIONS)
    return [
        (f"When was {film} released?", f"{film} was released in {y}.", True, "right"),
        (f"When was {film} released?", y, True, "right-terse"),
        (f"When was {film} released?", f"{film} was directed by {d}.", False, "other-question"),
        (f"Who directed {film}?", f"{film} was directed by {d}.", True, "right"),
        (f"Who directed {film}?", d, True, "right-terse"),
        (f"Who directed {film}?", f"{film} was released in {y}.", False, "other-question"),
        (f"Who directed {film}?", f"{film} is in {lang}.", False, "other-question"),
        (f"Who wrote {film}?", f"{film} was written by {w}.", True, "right"),
        (f"Who wrote {film}?", f"{film} came out in {y}.", False, "other-question"),
        (f"What language is {film} in?", f"{film} is in {lang}.", True, "right"),
        (f"What language is {film} in?", f"{film} was written by {w}.", False, "other-question"),
        (f"In what year was the film directed by {d} released?", f"{d} directed {film}.", False, "first-hop"),
        (f"In what year was the film directed by {d} released?", f"{film} was released in {y}.", True, "right"),
        (f"Who starred in the films written by {w}?", f"{w} wrote {film}.", False, "first-hop"),
        (f"Who starred in the films written by {w}?", f"{actor} starred in {film}.", True, "right"),
    ]


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--movies", type=int, default=40)
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args()
    facts = load_facts()
    eligible = sorted(
        film
        for film, f in facts.items()
        if all(f.get(r) for r in RELATIONS) and film[:1].isupper() and not film[:1].isdigit()
    )
    films = random.Random(args.seed).sample(eligible, args.movies)
    pairs = [p for film in films for p in pairs_for(film, facts[film])]
    by_kind: dict[str, list[bool]] = defaultdict(list)
    errors = []
    for question, answer, label, kind in pairs:
        judged = judge_relevance(question, answer)
        by_kind[kind].append(judged.answers_question == label)
        if judged.answers_question != label:
            errors.append({"question": question, "answer": answer, "label": label, "reason": judged.reason})
    correct = sum(sum(v) for v in by_kind.values())
    write_result(
        "answer_relevance",
        {
            "pairs": len(pairs),
            "films": len(films),
            "accuracy": round(correct / len(pairs), 4),
            "by_kind": {k: {"pairs": len(v), "accuracy": round(sum(v) / len(v), 4)} for k, v in by_kind.items()},
            "always_yes_baseline": round(sum(p[2] for p in pairs) / len(pairs), 4),
            "errors": errors[:40],
        },
    )


if __name__ == "__main__":
    main()
