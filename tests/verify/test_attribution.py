"""Credits read off evidence text and compared with the credits a claim states."""

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grounding.text.lexicon import FUNCTION_WORDS
from grounding.verify.rules.credits import credit_conflicts, credits_in

EVIDENCE = (
    "Young-adult fiction has examples: What My Mother Doesn't Know. What My Mother Doesn't Know is written by "
    "Sonya Sones. Rupert Wyatt directed Rise of the Planet of the Apes. Rise of the Planet of the Apes is "
    "starring James Franco. Lee Unkrich wrote Toy Story 3. Toy Story 3 is written by Michael Arndt. "
    "The Quiet American : `Subject`: Cold WarThe Quiet American is written by Graham Greene. "
    "Wonder is written by R.J. Palacio."
)


def test_credits_are_read_in_both_voices():
    found = {(c.work, c.role, c.who) for c in credits_in(EVIDENCE)}
    assert ("What My Mother Doesn't Know", "written", "Sonya Sones") in found
    assert ("Rise of the Planet of the Apes", "directed", "Rupert Wyatt") in found
    assert ("Toy Story 3", "written", "Lee Unkrich") in found and ("Toy Story 3", "written", "Michael Arndt") in found
    assert ("Wonder", "written", "R.J. Palacio") in found
    assert not any(c.who.endswith(".") for c in credits_in(EVIDENCE))


@pytest.mark.parametrize(
    ("claim", "claimed", "known"),
    [
        ("Then you need to read What my mother doesn't know by David Sedaris.", "David Sedaris", "Sonya Sones"),
        ("James Franco actually directed Rise of the Planet of the Apes.", "James Franco", "Rupert Wyatt"),
        ("Rise of the Planet of the Apes, directed by Tim Burton, is great.", "Tim Burton", "Rupert Wyatt"),
        ("John Lasseter wrote Toy Story 3.", "John Lasseter", "Lee Unkrich"),
        ("You might enjoy The Quiet American by John le Carre.", "John le Carre", "Graham Greene"),
    ],
)
def test_a_work_credited_to_someone_else_conflicts(claim, claimed, known):
    conflicts = credit_conflicts(claim, EVIDENCE)
    assert len(conflicts) == 1
    assert conflicts[0].claimed == claimed and known in conflicts[0].known
    assert claimed in conflicts[0].reason() and known in conflicts[0].reason()


@pytest.mark.parametrize(
    "claim",
    [
        "You need to read What my mother doesn't know by Sonia Sones.",  # a misspelt family name: same person
        "Toy Story 3 was written by Lee Unkrich.",  # one of two credited writers
        "Toy Story 3 was written by John Lasseter and Michael Arndt.",  # names a credited one
        "You might enjoy The Quiet American by Graham Greene.",  # credited in a glued fact
        "RJ Palacio also wrote Wonder.",
        "He directed Rise of the Planet of the Apes.",  # a pronoun is not a different person
        "James Franco starred in Rise of the Planet of the Apes.",  # another role entirely
        "Steven Spielberg directed Jaws.",  # a work the evidence does not credit
    ],
)
def test_no_conflict_without_a_different_credit(claim):
    assert credit_conflicts(claim, EVIDENCE) == []


# "Was Aaa directed X." opens with a verb, not a name: function words are no name words.
_CAPITALISED = st.from_regex(r"[A-Z][a-z]{2,8}", fullmatch=True).filter(lambda w: w.lower() not in FUNCTION_WORDS)


@given(
    work=st.lists(_CAPITALISED, min_size=1, max_size=4).map(" ".join),
    person=st.lists(_CAPITALISED, min_size=2, max_size=3).map(" ".join),
    other=st.lists(_CAPITALISED, min_size=2, max_size=3).map(" ".join),
    role=st.sampled_from(["directed", "written"]),
)
def test_restating_a_credit_never_conflicts_and_changing_the_person_always_does(work, person, other, role):
    evidence = f"{work} was {role} by {person}."
    assert credit_conflicts(f"{work} was {role} by {person}.", evidence) == []
    verb = "directed" if role == "directed" else "wrote"
    assert credit_conflicts(f"{person} {verb} {work}.", evidence) == []
    if other.split()[-1] != person.split()[-1]:
        conflicts = credit_conflicts(f"{other} {verb} {work}.", evidence)
        assert [c.claimed for c in conflicts] == [other]
