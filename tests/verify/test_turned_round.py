"""Claims that keep the evidence's words and turn its meaning round: a comparison or an order of events
reversed, a rate said in other words, an amount in another currency, the start of a change given as
its end. Each contradiction is a case a small cross-encoder calls entailed; each non-finding is the
same evidence read the right way round, which a careless rule would contradict too.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from grounding.types import Effect
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import SubstitutionRule
from grounding.verify.rules.negation import NegationRule
from grounding.verify.rules.novelty import novel_mentions
from grounding.verify.rules.order import ComparisonRule
from grounding.verify.rules.reading import _rates

COMPARISONS = ComparisonRule()
SOUND = "Sound travels about four times faster in water than in air."
WALL = "The Berlin Wall fell in November 1989, two years before the Soviet Union dissolved in December 1991."
LAKE = "Lake Superior is the largest freshwater lake in the world by surface area, larger than Lake Victoria."


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Sound travels faster in air than in water.", SOUND, True),
        ("Sound travels slower in water than in air.", SOUND, True),
        ("Sound travels faster in water than in air.", SOUND, False),
        ("Sound travels slower in air than in water.", SOUND, False),
        ("The Soviet Union dissolved before the Berlin Wall fell.", WALL, True),
        ("The Berlin Wall fell after the Soviet Union dissolved.", WALL, True),
        ("The Berlin Wall fell before the Soviet Union dissolved.", WALL, False),
        ("The Soviet Union dissolved after the Berlin Wall fell.", WALL, False),
        ("Lake Superior is smaller than Lake Victoria by surface area.", LAKE, True),
        ("Lake Victoria is smaller than Lake Superior.", LAKE, False),
        # a bound on a number is not two sides; a denial is the model's to read; other things compared
        ("More than 100 people died in the fire.", "More than 200 people died in the fire.", False),
        ("Russia is larger than Canada.", "No country in the world is larger than Russia.", False),
        ("Sound travels faster in steel than in air.", SOUND, False),
        # a side found but for one word ("invented" where the evidence says "patented")
        (
            "The telephone was invented after the television.",
            "Bell patented the telephone in 1876, decades before the first television was shown in 1926.",
            True,
        ),
        ("The telephone was invented after the radio.", "Bell patented the telephone before the television.", False),
        # comparatives of opposites with a middle are still each other's converse
        ("Venus's surface is colder than Mercury's.", "Venus's surface is hotter than Mercury's.", True),
        ("Mercury's surface is colder than Venus's.", "Venus's surface is hotter than Mercury's.", False),
        ("The new alloy is weaker than steel.", "The new alloy is stronger than steel and lighter.", True),
    ],
)
def test_a_comparison_turned_round_is_contradicted(claim: str, evidence: str, contradicted: bool) -> None:
    findings = COMPARISONS.check(claim, evidence)
    assert bool(findings) == contradicted, findings
    assert all(f.effect == Effect.CONTRADICTS and f.cite == evidence for f in findings)


def test_the_finding_names_the_opposite_comparative() -> None:
    (finding,) = COMPARISONS.check("Lake Superior is smaller than Lake Victoria by surface area.", LAKE)
    assert "'larger'" in finding.detail and "'smaller'" in finding.detail


@pytest.mark.parametrize(
    ("words", "rates"),
    [
        ("backups run every night", ["backups", "run", "daily"]),
        ("backups run nightly", ["backups", "run", "daily"]),
        ("used four times a day", ["used", "4-times", "daily"]),
        ("used 2 times a day", ["used", "twice", "daily"]),
        ("it meets once a week", ["it", "meets", "once", "weekly"]),
        ("take it twice a day", ["take", "it", "twice", "daily"]),
        ("paid each month and annually", ["paid", "monthly", "and", "yearly"]),
        ("a day at the beach", ["a", "day", "at", "the", "beach"]),  # no rate: nothing counted before it
    ],
)
def test_a_rate_in_words_is_one_word(words: str, rates: list[str]) -> None:
    assert _rates(words.split()) == rates


@settings(derandomize=True, max_examples=200)
@given(st.lists(st.sampled_from(["every", "each", "once", "a", "twice", "week", "night", "runs", "it", "the"])))
def test_rates_never_lengthen_a_sentence_or_lose_its_last_word(words: list[str]) -> None:
    out = _rates(words)
    assert len(out) <= len(words)
    assert bool(out) == bool(words)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The server's backups run every night.", True),
        ("The server's backups run daily.", True),
        ("The server's backups run once a week.", False),
        ("The server's backups run weekly.", False),
    ],
)
def test_another_rate_in_other_words_is_contradicted(claim: str, contradicted: bool) -> None:
    evidence = "The server's backups run once a week, on Sunday night."
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("evidence", "contradicted"),
    [
        ("The lake is one of the deepest in Europe, reaching 400 metres.", True),
        ("The lake is among the deepest in the Alps.", True),
        ("The lake is the deepest in the country.", True),
        ("The deepest point of the lake is 12 metres.", False),  # a part of it, not the lake, ranked
        ("The lake is shallow, and its deepest point is 3 metres.", False),
    ],
)
def test_a_thing_ranked_among_the_most_is_what_the_opposite_superlative_says(evidence: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check("The lake is shallow.", evidence)) == contradicted


def test_yearly_and_annually_are_one_rate() -> None:
    assert AntonymRule().check("The report is published annually.", "The report is published every year.") == []


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The committee meets every two weeks.", False),
        ("The committee meets every other week.", False),
        ("The committee meets weekly.", True),
        ("The committee meets every week.", True),
    ],
)
def test_every_two_weeks_is_fortnightly(claim: str, contradicted: bool) -> None:
    evidence = "The committee meets fortnightly on Thursday evenings."
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "said"),
    [
        ("Solar power is now more expensive than coal.", "Solar power is now cheaper than coal.", "more expensive"),
        ("Solar power is now cheaper than coal.", "Solar power is now more costly than coal.", "cheaper"),
        ("The trade deficit narrowed in March.", "The trade deficit widened in March as imports jumped.", "narrowed"),
        ("Beta blockers increase the heart rate.", "Beta blockers slow the heart rate.", "increase"),
    ],
)
def test_a_comparison_or_a_move_said_the_other_way_is_contradicted(claim: str, evidence: str, said: str) -> None:
    (finding,) = AntonymRule().check(claim, evidence)
    assert f"the claim says {said!r}" in finding.detail
    assert (
        AntonymRule().check("Solar power is now less expensive than coal.", "Solar power is now cheaper than coal.")
        == []
    )


@pytest.mark.parametrize("claim", ["The database is backed up daily.", "The database is backed up nightly."])
def test_every_night_is_once_a_day(claim: str) -> None:
    evidence = "The database is backed up every night at 2 am and the backups are kept for 30 days."
    assert AntonymRule().check(claim, evidence) == []
    assert AntonymRule().check("The database is backed up weekly.", evidence)


@pytest.mark.parametrize(
    ("claim", "evidence", "wrong", "right"),
    [
        (
            "The bridge repair cost 3 million euros.",
            "The bridge repair cost 3 million dollars, paid by the state.",
            "euros",
            "dollars",
        ),
        ("The bridge repair cost £3 million.", "The bridge repair cost $3 million, paid by the state.", "£", "$"),
    ],
)
def test_the_same_amount_in_another_currency_is_contradicted(claim: str, evidence: str, wrong: str, right: str) -> None:
    (finding,) = QuantityRule().check(claim, evidence)
    assert finding.correction is not None
    assert (finding.correction.wrong, finding.correction.right) == (wrong, right)


def test_the_same_amount_in_the_same_currency_agrees() -> None:
    evidence = "The bridge repair cost 3 million dollars, paid by the state."
    assert QuantityRule().check("The bridge repair cost $3 million.", evidence) == []


@pytest.mark.parametrize(
    ("claim", "evidence", "wrong", "right"),
    [
        (
            "The board meeting was moved to Thursday.",
            "The board meeting was moved from Thursday to Friday because of the holiday.",
            "Thursday",
            "Friday",
        ),
        ("The bank raised its rate to 3%.", "The bank raised its rate from 3% to 3.5% on Monday.", "3%", "3.5%"),
        (
            "The official currency of Denmark is the euro.",
            "The official currency of Denmark is the Danish krone; the country has an opt-out from adopting the euro.",
            "euro",
            "Danish krone",
        ),
    ],
)
def test_where_a_change_started_or_another_currency_is_a_substitution(
    claim: str, evidence: str, wrong: str, right: str
) -> None:
    (finding,) = SubstitutionRule().check(claim, evidence)
    assert finding.correction is not None
    assert (finding.correction.wrong, finding.correction.right) == (wrong, right)


@pytest.mark.parametrize(
    "claim",
    [
        "The board meeting was moved to Friday.",
        "The board meeting was moved from Thursday to Friday.",
        "The bank raised its rate to 3.5%.",
        "The official currency of Denmark is the Danish krone.",
    ],
)
def test_where_a_change_ended_agrees(claim: str) -> None:
    evidence = (
        "The board meeting was moved from Thursday to Friday because of the holiday. The bank raised its rate "
        "from 3% to 3.5% on Monday. The official currency of Denmark is the Danish krone."
    )
    assert SubstitutionRule().check(claim, evidence) == []


@pytest.mark.parametrize(
    ("claim", "evidence", "novel"),
    [
        ("Smoking increases the risk of lung cancer.", "People who smoke are more likely to get lung cancer.", []),
        ("Nelson Mandela was released from prison in 1990.", "Mandela was freed in February 1990.", []),
        ("Winnie Mandela was released from prison in 1990.", "Nelson Mandela was freed in February 1990.", ["Winnie"]),
        (
            "Gandhi increases the risk of lung cancer.",
            "People who smoke are more likely to get lung cancer.",
            ["Gandhi"],
        ),
        # a number the evidence spells out is no new number; another one is
        ("The team won 12 games in a row.", "The team won twelve games in a row before losing.", []),
        ("The team won 11 games in a row.", "The team won twelve games in a row before losing.", ["11"]),
        ("Nobody was injured in the fire.", "No one was injured in the fire.", []),  # a pronoun, no name
        # a hedge or a bound opening the claim is no name; a measure inside the bound is mentioned
        ("Almost 2 feet of ash fell.", "Almost 2 feet of ash fell in some areas.", []),
        ("Up to 40 people were hurt.", "Up to 40 people were hurt in the crash.", []),
        ("The race took under three hours.", "The race took 2 hours 54 minutes.", []),
        ("The race took under 150 minutes.", "The race took 2 hours 54 minutes.", ["150"]),
        # a bare count under a bound holds of any larger number, whatever it counts: still new
        ("Police arrested more than 100 people.", "Police said 114 people were killed.", ["100"]),
    ],
)
def test_a_capitalised_common_word_or_a_short_name_is_not_new(claim: str, evidence: str, novel: list[str]) -> None:
    assert novel_mentions(claim, evidence) == novel


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        # the second clause denies the claim, read through its pronoun and the plural
        (
            "Steroids are useful against the common cold.",
            "Steroids do not cure infections, so they are not useful against colds or flu.",
            True,
        ),
        (
            "Steroids are useful against colds.",
            "Steroids do not cure infections, so they are useful against colds.",
            False,
        ),
        # the clause that says the claim is the one whose pronoun stands for its subject
        ("Owls can swim.", "Owls are nocturnal birds: they cannot swim, and they hunt at night.", True),
        # a negated claim against a sentence that says it with the same denial stays agreed
        (
            "The driver, who has not been named, said he was robbed.",
            "The driver, who has not been named, said he was robbed at the pump.",
            False,
        ),
        (
            "Its love will never go out of fashion.",
            "It's obvious that its love, so strong, will never go out of fashion.",
            False,
        ),
        # two denials in two clauses are no agreement with a claim that has none
        (
            "The flu shot contains a live virus.",
            "The flu shot does not contain a live virus, so it cannot give you the flu.",
            True,
        ),
        (
            "Lane did not molest the boy because they had never met.",
            "His mother said that Lane did not molest the boy because they had never met.",
            False,
        ),
        # "non-" denies its word
        ("The paint is toxic.", "The paint is non-toxic and safe for children.", True),
        ("The paint is non-toxic.", "The paint is non-toxic and safe for children.", False),
    ],
)
def test_a_denial_in_a_later_clause_is_read_through_its_pronoun(claim: str, evidence: str, contradicted: bool) -> None:
    findings = NegationRule().check(claim, evidence)
    assert bool(findings) == contradicted
    assert all(f.effect == Effect.CONTRADICTS for f in findings)


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        # a verbless "not a ..." (a caption run into the sentence) denies a noun, not the clause
        (
            "Her owner throws a broccoli spear into the mix.",
            "To trick her, her owner throws a broccoli spear into the mix not a broccoli fan : she spits it out",
            False,
        ),
        ("He is a doctor at the clinic.", "He is not a doctor at the clinic.", True),
        # a denial after everything the claim says denies something else
        (
            "Hinton is free after nearly 30 years on death row.",
            "Hinton is free after nearly 30 years on death row for murders he says he didn't commit.",
            False,
        ),
        ("Hinton did commit the murders.", "Hinton says he didn't commit the murders.", True),
        (
            "This is the first time the look has made a comeback.",
            "It's not the first time the look has made a comeback.",
            True,
        ),
        (
            "This is the first time the look has made a comeback.",
            "it 's not the first time the look has made a comeback .",
            True,
        ),
    ],
)
def test_a_denial_counts_only_where_it_denies_what_the_claim_says(
    claim: str, evidence: str, contradicted: bool
) -> None:
    assert bool(NegationRule().check(claim, evidence)) == contradicted


def test_a_value_the_claim_gives_elsewhere_is_its_own_not_another() -> None:
    claim = "The 28-year-old will fight the former world champion on may 30."
    assert QuantityRule().check(claim, "He will fight the former world champion on may 30 .") == []
    assert QuantityRule().check("The 30-year-old boxer fought 12 rounds.", "The 28-year-old boxer fought 12 rounds.")
    # an age set off by commas after a name is compared with ages only
    mother = "Valerie Khan, 56, appeared on the show with daughter Aimee."
    assert QuantityRule().check(mother, "Valerie Khan appeared on the show with her daughter, Aimee, now 19.") == []
    assert QuantityRule().check(mother, "Valerie Khan, 54, appeared on the show with daughter Aimee.")
    (finding,) = QuantityRule().check("The patient takes 20 mg twice a day.", "The patient takes 40 mg twice a day.")
    assert finding.correction is not None and (finding.correction.wrong, finding.correction.right) == ("20 mg", "40 mg")


def test_the_same_number_in_another_unit_is_a_slip_whatever_the_wording() -> None:
    evidence = "Paracetamol is safe at the usual dose. Adults should not take more than 4 g in 24 hours."
    (finding,) = QuantityRule().check("The maximum daily dose is 4 mg.", evidence)
    assert finding.correction is not None and (finding.correction.wrong, finding.correction.right) == ("4 mg", "4 g")
    assert QuantityRule().check("The maximum daily dose is 4,000 mg.", evidence) == []
    assert QuantityRule().check("The trail is 5 km long.", "The trail is 5 miles long.")
    assert QuantityRule().check("The trail is 8 km long.", "The trail is 5 miles long.") == []  # 8 km is 5 miles
    # a temperature's scale is a measure of its own, left to the check below
    assert QuantityRule().check("It melts at 30 degrees Celsius.", "It melts at 86 degrees Fahrenheit.") == []


def test_a_temperature_on_another_scale_is_not_the_same_value() -> None:
    evidence = "At sea level water boils at 100 degrees Celsius, or 212 degrees Fahrenheit."
    (finding,) = QuantityRule().check("Water boils at 100 degrees Fahrenheit at sea level.", evidence)
    assert "212 degrees Fahrenheit" in finding.detail
    assert QuantityRule().check("Water boils at 212 degrees Fahrenheit at sea level.", evidence) == []
    assert QuantityRule().check("Water boils at 100 degrees Celsius at sea level.", evidence) == []


FUND = "The fund charges no entry fee, but an annual management fee of 0.4% applies."


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The fund does not charge an entry fee.", False),  # "charges no entry fee" says it
        ("The fund charges no entry fee.", False),
        ("The fund charges an entry fee.", True),
        ("The fund charges an annual management fee.", False),  # another clause, another fee
        ("The fund charges no fee.", False),  # "no entry fee" leaves other fees open: no finding either way
    ],
)
def test_a_no_before_the_claims_noun_denies_it(claim: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, FUND)) == contradicted


def test_a_no_before_another_noun_denies_nothing_the_claim_says() -> None:
    evidence = "Aspirin is not recommended for children under 16 because there is no cure for Reye's syndrome."
    assert NegationRule().check("Aspirin is recommended for children under 16.", evidence)
    same = "Children who share iPads do better than those who don't, researchers claim."
    assert NegationRule().check(same, same + " Some classes had no iPads at all.") == []


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The printing press was invented after the French Revolution.", True),
        ("The printing press was invented before the French Revolution.", False),
        ("The printing press was invented after the Black Death.", False),
    ],
)
def test_an_opposite_is_found_by_what_follows_it_in_another_clause(claim: str, contradicted: bool) -> None:
    evidence = (
        "Gutenberg invented the printing press around 1440, more than three centuries before the French Revolution."
    )
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Arctic sea ice has been growing since 1979.", "Arctic sea ice has been shrinking since 1979.", True),
        ("The drug increases the risk of bleeding.", "The drug reduces the risk of bleeding.", True),
        ("The drug reduces the risk of bleeding.", "The drug reduces the risk of bleeding.", False),
    ],
)
def test_growing_and_shrinking_increasing_and_reducing_are_opposites(claim, evidence, contradicted) -> None:
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The Summer Olympics are held every two years.", True),
        ("The Summer Olympics are held every four years.", False),
        ("The Summer Olympics are held every 4 years.", False),
    ],
)
def test_a_count_of_years_in_words_is_a_number(claim: str, contradicted: bool) -> None:
    evidence = "The Summer Olympic Games are held every four years in a different host city."
    assert bool(QuantityRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("The company still sells the Model X phone.", "The company no longer sells the Model X phone.", True),
        ("The company no longer sells the Model X phone.", "The company no longer sells the Model X phone.", False),
        ("The company does not sell the Model X phone.", "The company no longer sells the Model X phone.", False),
    ],
)
def test_no_longer_is_a_denial(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        # a denial that affirms: as far apart as can be, what must not be forgotten is so
        (
            "Van Gerwen and Van Barneveld are in Manchester.",
            "Van Gerwen and Van Barneveld couldn't be further apart as they head into the event in Manchester.",
            False,
        ),
        (
            "The review was precipitated by months of protests.",
            "It should not be forgotten that the review was precipitated by months of protests.",
            False,
        ),
        ("He won the appeal.", "It cannot be denied that he won the appeal.", False),
        # a bound and a plain denial still deny
        ("The dose can be more than 20 mg.", "The dose cannot be more than 20 mg.", True),
        ("He could be happier in Paris.", "He could not be happier than he was in Paris.", True),
    ],
)
def test_a_denial_that_affirms_is_no_denial(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        # a denial inside a condition states nothing the evidence denies
        (
            "Broccoli is often boiled or steamed but I also like it when it is not boiled.",
            "Broccoli is often boiled or steamed but may be eaten raw.",
            False,
        ),
        ("Aspirin is recommended if the child is not feverish.", "Aspirin is recommended for adults.", False),
        # a denial before the condition still denies the clause
        (
            "Aspirin is not recommended when children have a fever.",
            "Aspirin is recommended when children have a fever.",
            True,
        ),
    ],
)
def test_a_denial_inside_a_condition_is_no_denial_of_the_fact(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("The patient was able to walk after the surgery.", "After the surgery the patient was unable to walk."),
        ("The minister admitted receiving the payment.", "The minister denied receiving the payment."),
        ("Norway imports most of its oil.", "Norway exports most of the oil it produces."),
        ("Lake Baikal is the shallowest lake in the world.", "Lake Baikal is the deepest lake in the world."),
        ("Cases of measles increased last year.", "Cases of measles fell last year after a campaign."),
        ("The drops are used twice a day.", "The eye drops are used four times a day for a week."),
    ],
)
def test_complements_and_other_opposites_contradict(claim: str, evidence: str) -> None:
    assert AntonymRule().check(claim, evidence)


def test_the_same_count_said_two_ways_agrees() -> None:
    evidence = "The eye drops are used 4 times a day for a week."
    assert AntonymRule().check("The drops are used four times a day.", evidence) == []
    (finding,) = AntonymRule().check("The drops are used twice a day.", evidence)
    assert "'4 times'" in finding.detail and "'twice'" in finding.detail


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        # the claim's word said of something else, its opposite of the claim's thing
        ("The library is open on Sundays.", "The library is open Monday to Saturday and closed on Sundays.", True),
        ("The library is open on Mondays.", "The library is open Monday to Saturday and closed on Sundays.", False),
        ("Spain lost the final.", "Spain beat England 2-1 in the final.", True),
        ("England lost the final.", "Spain beat England 2-1 in the final.", False),  # the other side
    ],
)
def test_an_opposite_in_another_clause_or_a_result_contradicts(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("The drug is taken every 12 hours.", "The drug is taken twice daily.", False),
        ("The board meets twice a year.", "The board meets every six months.", False),
        ("The drug is taken three times a day.", "The drug is taken every 12 hours.", True),
        ("The drug is taken every 12 hours.", "The drug is taken once daily.", True),
        ("Reports are filed every 3 months.", "Reports are filed quarterly.", False),
    ],
)
def test_a_rate_said_by_its_span_compares_with_one_said_by_its_count(
    claim: str, evidence: str, contradicted: bool
) -> None:
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


def test_one_event_said_by_two_verbs_has_its_values_compared() -> None:
    (finding,) = QuantityRule().check("The match ended 3-1.", "The match finished 3-2 after extra time.")
    assert "3-2" in finding.detail
    assert QuantityRule().check("The match ended 2-3.", "The match finished 3-2 after extra time.") == []


def test_a_unit_the_evidence_measures_in_other_words_is_no_new_name() -> None:
    assert novel_mentions("The phone has 128 GB of storage.", "The phone comes with 128 gigabytes of storage.") == []
    assert novel_mentions("The last train leaves at 11 PM.", "The final train departs at 23:00.") == []
    unmeasured = novel_mentions("The phone has 128 GB of storage.", "The phone comes with plenty of storage.")
    assert unmeasured == ["GB", "128"]


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        # another sentence gives the claim's value after the claim's own words: the evidence says it
        (
            "Data was viewed more than 1,000 times.",
            "The data was viewed more than 200 times within days. Overall, the data was viewed more than 1,000 times.",
            False,
        ),
        (
            "Durst, 71, is wanted for murder.",
            "Durst, 55, is wanted for murder in Texas. Robert Durst, 71, pleaded.",
            False,
        ),
        # a value said only after a common word ("in 2011") is no such sentence
        ("The school was opened in 2011.", "The school was opened in 2010. It was sold in 2011.", True),
    ],
)
def test_a_value_the_evidence_also_gives_in_the_claims_words_is_not_contradicted(
    claim: str, evidence: str, contradicted: bool
) -> None:
    assert bool(QuantityRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Tickets can be refunded.", "Tickets are non-refundable but can be exchanged.", True),
        ("The deposit is returned.", "The deposit is non-returnable.", True),
        ("Tickets cannot be refunded.", "Tickets are non-refundable but can be exchanged.", False),
        ("Tickets can be exchanged.", "Tickets are non-refundable but can be exchanged.", False),
        ("Tickets are refundable.", "Tickets are refundable within 14 days.", False),
    ],
)
def test_a_non_adjective_denies_its_verb(claim: str, evidence: str, contradicted: bool) -> None:
    """ "non-refundable" states that the tickets cannot be refunded, whatever form the claim's verb takes."""
    assert bool(NegationRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Residents need a permit to build a shed.", "Residents may build a shed under 10 m2 without a permit.", True),
        ("Residents do not need a permit to build a shed.", "Residents may build a shed without a permit.", False),
        ("Residents need a permit to build a shed.", "Residents cannot build a shed without a permit.", False),
        ("Residents do not need a permit to build a shed.", "Residents cannot build a shed without a permit.", True),
        ("Visitors need a visa to enter Japan.", "Visitors can enter Japan without a visa for 90 days.", True),
        ("The bakery needs flour to make bread.", "The bakery makes bread without sugar.", False),
        ("Residents need a permit to build a shed.", "Residents may paint a fence without a permit.", False),
    ],
)
def test_what_is_done_without_a_thing_does_not_need_it(claim: str, evidence: str, contradicted: bool) -> None:
    """ "Need a permit to build" against "may build without a permit"; "cannot build without" agrees."""
    assert bool(NegationRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Glass is a good conductor of electricity.", "Glass is an excellent electrical insulator.", True),
        ("Glass is a poor conductor of electricity.", "Glass is an excellent electrical insulator.", False),
        ("Copper is a good conductor of electricity.", "Copper is an excellent electrical conductor.", False),
        ("Rubber is a very good conductor of heat.", "Rubber is a good insulator of heat.", True),
    ],
)
def test_a_grading_word_does_not_hide_an_opposite(claim: str, evidence: str, contradicted: bool) -> None:
    """ "a good conductor" against "an excellent insulator": the grades differ, the opposite stands."""
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("The suspect was released on bail.", "The magistrate refused bail and remanded the suspect in custody.", True),
        ("The suspect was not released on bail.", "The magistrate refused bail and remanded the suspect.", False),
        ("The company was awarded the licence.", "The regulator refused the licence to the company.", True),
        ("The company applied for a licence.", "The regulator refused the licence to the company.", False),
        ("The suspect was released on bail.", "The magistrate granted bail and the suspect was released.", False),
        (
            "The suspect was released on bail.",
            "The magistrate refused bail at first. The suspect was released on bail a week later.",
            False,
        ),
    ],
)
def test_what_was_refused_was_not_granted(claim: str, evidence: str, contradicted: bool) -> None:
    """ "released on bail" against "refused bail", unless the evidence also says it the claim's way."""
    assert bool(NegationRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("The vaccine contains animal products.", "The vaccine is free of animal products.", True),
        ("The vaccine is free of animal products.", "The vaccine is free of animal products.", False),
        ("She left £500 free of tax to him.", "He was left £500, free of inheritance tax.", False),
    ],
)
def test_free_of_a_thing_denies_it(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("The lake is deep.", "The lake is very shallow, nowhere deeper than two metres.", True),
        ("The patient is alive.", "The patient was declared dead.", True),
        ("The lake is deep.", "The river near the lake is shallow.", False),
        ("The shop is open.", "The shop is closed on Sundays.", False),
        ("The newsletter is sent every day.", "The newsletter goes out once a week, on Mondays.", True),
        ("The newsletter is sent every day.", "The newsletter is sent daily; the digest goes out once a week.", False),
    ],
)
def test_an_opposite_said_of_the_claims_subject_is_read_whatever_else_differs(
    claim: str, evidence: str, contradicted: bool
) -> None:
    """A clause that opens on the claim's subject and ends on the opposite word, unqualified, contradicts
    even where the claim's other words are not there ("sent" / "goes out")."""
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


CLINIC = "The clinic is open from Monday to Friday, 8 am to 6 pm. It is closed at weekends and on public holidays."


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        # a sentence opening on a pronoun is read with the previous sentence's subject
        ("The clinic is open at weekends.", CLINIC, True),
        ("The clinic is closed at weekends.", CLINIC, False),
        ("Anna Berg is poor.", "Anna Berg was born in Oslo. She is not poor.", True),
        ("Anna Berg is poor.", "Anna Berg was born in Oslo. It is not poor.", False),
        # "it" is no thing where the previous sentence opens on a name, nor "It is likely that ..." a pronoun
        ("Paris is closed at weekends.", "Anna Berg is open to offers. It is closed at weekends.", False),
        ("The road is open at night.", "The road is busy. It is likely that the tunnel is closed at night.", False),
        # a day of the week is read as the span of days the evidence names that holds it
        ("The clinic is open on Saturdays.", CLINIC, True),
        ("The clinic is closed on Sundays.", CLINIC, False),
        ("The clinic is open on Tuesdays.", CLINIC, False),
        ("The office is open on Tuesdays.", "The office is closed on weekdays.", True),
        # not where the evidence names the day itself
        ("The shop is open on Sundays.", "The shop is closed on Saturdays but open at weekends otherwise.", False),
    ],
)
def test_a_pronoun_is_read_through_the_previous_sentence_and_a_day_through_its_span(
    claim: str, evidence: str, contradicted: bool
) -> None:
    assert bool(AntonymRule().check(claim, evidence) or NegationRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("The club hired the coach.", "The club fired the coach after five straight defeats.", True),
        ("The club hired the coach in 2019.", "The club hired the coach in 2019 and fired him in 2021.", False),
        ("The bank promoted the analyst.", "The bank demoted the analyst last spring.", True),
        # "made" carries nothing: the profit is what the claim says, and the evidence says a loss
        ("The airline made a profit last year.", "The airline reported a loss of 120 million dollars last year.", True),
        ("The airline made a profit last year.", "The airline reported a profit of 90 million euros last year.", False),
    ],
)
def test_hiring_against_firing_and_a_profit_made_against_a_loss_reported(
    claim: str, evidence: str, contradicted: bool
) -> None:
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        # a denied knowing or believing leaves what follows it open
        ("Father fell from the window.", 'The father said: "I don\'t know how he fell out of the window."', False),
        (
            "Porto host Bayern in the Champions League.",
            "Porto's coach does not believe that Bayern's injuries "
            "will play a part when Porto host Bayern in the Champions League.",
            False,
        ),
        ("The coach believes Bayern will win.", "The coach does not believe Bayern will win.", True),
        ("The father was injured in the fall.", "The father was not injured in the fall.", True),
    ],
)
def test_a_denied_belief_is_no_denial_of_what_is_believed(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "His sculptures are on display at the gallery.",
            "'People either like it or they don't,' he said of the sculptures on display at the gallery.",
            False,
        ),
        ("He will attend the meeting.", "He may or may not attend the meeting.", False),
        ("He will attend the meeting.", "He said he will not attend the meeting.", True),
    ],
)
def test_a_denial_that_is_one_side_of_a_choice_denies_nothing(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(NegationRule().check(claim, evidence)) == contradicted


def test_a_month_of_a_year_is_compared_with_the_evidence_dates_in_that_year() -> None:
    listed = "The company's shares began trading on the stock exchange on 12 May 2015."
    (finding,) = QuantityRule().check("The company was listed on the stock exchange in March 2015.", listed)
    assert finding.correction is not None and finding.correction.right == "May 2015"
    assert QuantityRule().check("The company was listed on the stock exchange in May 2015.", listed) == []
    # the year alone agrees; another month of that year said too leaves it open
    assert QuantityRule().check("The company was listed on the stock exchange in 2015.", listed) == []
    both = "The album was released in July 2007 and topped the charts in June 2007."
    assert QuantityRule().check("The album topped the charts in 2007.", both) == []
    # the month another act has, where the evidence dates the claim's own act otherwise (`acts.py`)
    (released,) = QuantityRule().check("The album was released in June 2007.", both)
    assert released.correction is not None and released.correction.right == "July 2007"


def test_a_match_is_compared_by_its_sets_whole() -> None:
    doubles = "Williams and Riske were thrashed 6-0 6-3 in the doubles by Errani and Pennetta."
    assert QuantityRule().check("Williams defeated Errani 4-6 7-6(3) 6-3.", doubles) == []
    (finding,) = QuantityRule().check("She beat Lisicki 4-6, 7-6 (4), 7-6.", "She beat Lisicki 4-6, 7-6 (4), 6-3.")
    assert "6-3" in finding.detail


def test_a_year_counted_from_another_and_a_ruled_out_thing_are_read_as_the_evidence_says_them() -> None:
    chernova = "Chernova failed a drugs test two years before beating Ennis-Hill in South Korea in 2011."
    assert QuantityRule().check("Chernova failed a drugs test in 2009.", chernova) == []
    assert QuantityRule().check("Chernova failed a drugs test in 2008.", chernova)
    ruled_out = "The minister ruled out an inquiry into the claims."
    assert NegationRule().check(ruled_out, "The minister said there would be no inquiry into the claims.") == []
    assert NegationRule().check(ruled_out, "The minister did not rule out an inquiry into the claims.")
