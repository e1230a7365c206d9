"""Reading a claim in its evidence's words: only an equal amount, date or rate is written in.

The model sees the reworded claim, so a rewording that changed what the claim says would let a wrong
claim through: these tests pin that nothing but an equal value moves, and that a verdict says so.
"""

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from grounding.types import Claim, Effect, Evidence, EvidenceKind, Verdict
from grounding.verify.checkers.entailment import EntailmentThresholds, plan_pairs
from grounding.verify.wording import reword


def test_an_equal_duration_date_or_rate_is_written_as_the_evidence_writes_it():
    assert reword("The flight takes 90 minutes.", "The flight takes an hour and a half.") == (
        "The flight takes an hour and a half.",
        (("90 minutes", "an hour and a half"),),
    )
    assert reword("It is published every month.", "It comes out monthly.")[0] == "It is published monthly."
    assert reword("It is held monthly.", "It is held each month.")[0] == "It is held each month."
    assert reword("The drive takes 2 hours.", "The drive takes 120 minutes.")[0] == "The drive takes 120 minutes."
    assert reword("It cost 2,000,000 dollars.", "It cost two million dollars.")[0] == "It cost two million dollars."


def test_a_year_is_read_as_the_one_full_date_the_evidence_gives_in_it():
    assert reword("They first flew in 1903.", "On December 17, 1903, Orville and Wilbur Wright flew.") == (
        "They first flew on December 17, 1903.",
        (("in 1903", "on December 17, 1903"),),
    )
    assert reword("1903 saw the first flight.", "The first flight was on 17 December 1903.")[0] == (
        "17 December 1903 saw the first flight."
    )


def test_a_verb_moving_an_amount_is_read_as_the_evidence_verb_for_the_same_move():
    assert reword("The bank lowered its rate to 3.5%.", "The bank cut its rate to 3.5% on Thursday.") == (
        "The bank cut its rate to 3.5%.",
        (("lowered", "cut"),),
    )
    assert reword("Exports rose in May.", "In May exports grew by 2%.")[0] == "Exports grew in May."
    assert reword("Sales rose.", "Sales fell.") == ("Sales rose.", ())  # the other way: the rules' case
    assert reword("Sales increased.", "Sales dropped while costs rose.") == ("Sales increased.", ())  # both ways
    assert reword("Shares rose 2%.", "Shares soared 2%.") == ("Shares rose 2%.", ())  # a word of size


def test_a_state_is_read_as_the_evidence_denial_of_its_complement():
    assert reword("The clinic is closed on holidays.", "On holidays the clinic does not open.") == (
        "The clinic does not open on holidays.",
        (("is closed", "does not open"),),
    )
    assert reword("The drug is ineffective.", "The drug isn't effective.")[0] == "The drug is not effective."
    assert reword("It was closed in 1990.", "It was not open in 1990.")[0] == "It was not open in 1990."
    for claim, premise in [
        ("It was closed in 1990.", "It did not open in 1990."),  # "was closed" may say it was shut
        ("The soup is hot.", "The soup is not cold."),  # a middle case: warm
        ("The shop is closed on Sundays.", "It is closed on Mondays and does not open on Sundays."),  # own word
        ("The pool is closed on Mondays.", "It does not open on Tuesdays; on Mondays it is open."),  # both
        ("The shop is not closed.", "The shop does not open."),  # the claim denies
    ]:
        assert reword(claim, premise) == (claim, ())


def test_a_hedged_measure_is_read_as_the_value_the_evidence_gives_inside_the_hedge():
    said, changes = reword("The rover weighs about 1,000 kilograms.", "The rover has a mass of 1,025 kg.")
    assert said == "The rover weighs about 1,025 kg." and changes == (("1,000 kilograms", "1,025 kg"),)


def test_a_different_value_a_year_or_another_rate_stays_as_the_claim_says_it():
    for claim, premise in [
        ("The flight takes 80 minutes.", "The flight takes an hour and a half."),
        ("It cost 3 million.", "It cost 4 million."),
        ("It opened in 1905.", "Founded in 1905, it opened on June 1, 1905."),  # the year is also said plainly
        ("In 1905 it opened.", "It opened on June 1, 1905 and closed on May 2, 1905."),  # which date?
        ("It opened in 1904.", "It opened on June 1, 1905."),
        ("She was born on 17 December 1903.", "She was born on December 17, 1903."),  # formatting alone
        ("Turnout was 43%.", "Turnout was 43 per cent."),
        ("It cost $3 million.", "It cost $3,000,000."),
        ("It is published every week.", "It comes out monthly."),
        ("Take it twice daily.", "Take it daily."),
        ("Take it once a week.", "Take it twice weekly."),  # the count stays for the rules to compare
        ("The bridge is 90 metres long.", "The crossing takes 90 minutes."),  # another measure
        ("The rover weighs about 1,000 kilograms.", "The rover has a mass of 1,325 kg."),  # outside the hedge
        ("About 300 people came.", "310 cars came."),  # a hedge with no unit says nothing of what is counted
    ]:
        assert reword(claim, premise) == (claim, ())


@settings(max_examples=80, derandomize=True)
@given(minutes=st.integers(min_value=1, max_value=600), quarters=st.integers(min_value=1, max_value=40))
def test_minutes_are_rewritten_only_into_the_same_number_of_hours(minutes, quarters):
    premise = f"The trip takes {quarters / 4:g} hours."
    said, changes = reword(f"The trip takes {minutes} minutes.", premise)
    if minutes == 15 * quarters:
        assert said == premise and changes == ((f"{minutes} minutes", f"{quarters / 4:g} hours"),)
    else:
        assert said == f"The trip takes {minutes} minutes." and not changes


def test_the_verdict_says_it_read_the_claim_in_the_evidence_words():
    text = "The flight from Lyon to Rome takes an hour and a half."
    evidence = [Evidence(id="e", kind=EvidenceKind.PASSAGE, text=text, source="test")]
    claim = Claim(index=0, text="The flight from Lyon to Rome takes 90 minutes.", start=0, end=47)
    thresholds = EntailmentThresholds()
    plan = plan_pairs([claim], evidence, thresholds)
    assert plan.pairs == [(text, text)] and plan.rewordings == {0: (("90 minutes", "an hour and a half"),)}
    from grounding.verify.checkers.entailment import decide

    (verdict,) = decide(plan, np.array([[0.95, 0.04, 0.01]]), thresholds)
    assert verdict.verdict == Verdict.SUPPORTED
    assert [f.rule for f in verdict.findings if f.effect == Effect.READS_AS] == ["equivalents"]
    assert "'90 minutes' as 'an hour and a half'" in verdict.findings[-1].detail
    off = EntailmentThresholds(rules=tuple(r for r in thresholds.rules if r != "equivalents"))
    assert plan_pairs([claim], evidence, off).pairs == [(text, claim.text)]
