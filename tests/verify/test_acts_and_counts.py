"""Readings the sixty-third to sixty-sixth probe batches (written blind) exposed, each beside the case a careless rule
would get wrong: a date the evidence gives for another act, a move said the other way round, counts that add up or
multiply, a journey's time between two times of day, a post before a name, a platform another named service uses,
and "inflows" against "outflows"."""

from __future__ import annotations

import pytest

from grounding.text.names import of_another_name
from grounding.text.quantities import parse_quantities, same_quantity
from grounding.verify.arithmetic import computed
from grounding.verify.comparing import compare
from grounding.verify.rules.acts import other_act_date
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.counts import other_count
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule
from grounding.verify.rules.spans import other_clock_span
from grounding.verify.wording import reword

QUILLPAD = (
    "Velorin Labs announced the Quillpad 3 tablet on 9 May 2023. The device went on sale in stores on 14 August 2023."
)
TRELVAXIN = (
    "The regulator accepted the marketing application for Trelvaxin on 4 April 2020. "
    "It granted approval on 22 January 2021, and the drug reached pharmacies on 15 March 2021."
)
HARROWDALE = (
    "Settlers from the Harrowdale valley began arriving in Penmoor in 1846. "
    "The migration peaked in 1851, when more than 3,000 people made the journey."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "right"),
    [
        ("The Quillpad 3 tablet went on sale in May 2023.", QUILLPAD, "14 August 2023"),
        ("Trelvaxin was approved by the regulator in April 2020.", TRELVAXIN, "22 January 2021"),
        ("The migration from the Harrowdale valley to Penmoor began in 1851.", HARROWDALE, "1846"),
        # the act's own date, and the date of an act the evidence gives only once
        ("The Quillpad 3 tablet went on sale in August 2023.", QUILLPAD, None),
        ("The Quillpad 3 tablet was announced in May 2023.", QUILLPAD, None),
        ("Trelvaxin was approved in January 2021.", TRELVAXIN, None),
        # no sentence says the claim's act: "released" is no other act than "went on sale"
        ("The Quillpad 3 tablet was released in May 2023.", QUILLPAD, None),
        # a day or a month without its year, against the day the claim's act has
        (
            "The Harrowgate Kestrels' new stadium is scheduled to open in July.",
            "On 3 June, the Harrowgate Kestrels announced that their new stadium will open on 21 August.",
            "21 August",
        ),
        (
            "The new fees take effect on 1 March.",
            "The new fees were announced on 1 March. They take effect on 1 April.",
            "1 April",
        ),
        (
            "The Harrowgate Kestrels' new stadium is scheduled to open in August.",
            "On 3 June, the Harrowgate Kestrels announced that their new stadium will open on 21 August.",
            None,
        ),
        # a date said before its clause dates that clause's act
        (
            "The Harrowgate Kestrels announced the new stadium in June.",
            "On 3 June, the Harrowgate Kestrels announced that their new stadium will open on 21 August.",
            None,
        ),
        # the act's sentence is about another thing
        (
            "Dexelon was withdrawn in June 2022.",
            "Dexelon was approved on 9 June 2022. Fibrastat was withdrawn from the market on 2 May 2024.",
            None,
        ),
    ],
)
def test_a_date_the_evidence_gives_for_another_act_is_not_the_claim_s(
    claim: str, evidence: str, right: str | None
) -> None:
    found = other_act_date(claim, evidence)
    assert (found is not None and found[2].right == right) if right else found is None
    if right:
        assert [f.effect.value for f in QuantityRule().check(claim, evidence)] == ["contradicts"]


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Striker Tomas Varga joined Kessing Rovers from Harlow Athletic in January.",
            "In January, Harlow Athletic signed striker Tomas Varga from Kessing Rovers for a fee of 4 million euros.",
            True,
        ),
        (
            "The patient was moved from the Merriton Cardiac Centre to Saint Aldric Hospital.",
            "The patient was transferred from Saint Aldric Hospital to the Merriton Cardiac Centre.",
            True,
        ),
        (
            "The patient was moved to Saint Aldric Hospital from the Merriton Cardiac Centre.",
            "The patient was transferred from Saint Aldric Hospital to the Merriton Cardiac Centre.",
            True,
        ),
        # the same way, said otherwise
        (
            "Striker Tomas Varga joined Harlow Athletic from Kessing Rovers in January.",
            "In January, Harlow Athletic signed striker Tomas Varga from Kessing Rovers for a fee of 4 million euros.",
            False,
        ),
        (
            "The patient was moved to the Merriton Cardiac Centre from Saint Aldric Hospital.",
            "The patient was transferred from Saint Aldric Hospital to the Merriton Cardiac Centre.",
            False,
        ),
        # something else moved the other way between the same places
        (
            "Grain was shipped from Ardmouth to Kelby.",
            "Timber was shipped from Kelby to Ardmouth.",
            False,
        ),
    ],
)
def test_a_move_said_the_other_way_round_is_contradicted(claim: str, evidence: str, contradicted: bool) -> None:
    effects = [f.effect.value for f in RoleRule().check(claim, evidence)]
    assert effects == (["contradicts"] if contradicted else [])


@pytest.mark.parametrize(
    ("claim", "evidence", "shown"),
    [
        (
            "Mirela Quint has four children.",
            "Mirela Quint and her husband raised two sons and two daughters in the town of Harwick.",
            "2 sons and 2 daughters are four children",
        ),
        (
            "Tobias Vrenn has four grandchildren.",
            "Tobias Vrenn's grandchildren are a pair of twin girls born in 2019, a grandson born in 2021 and a "
            "granddaughter born in 2023.",
            "2 girls, 1 grandson and 1 granddaughter are four grandchildren",
        ),
        (
            "Calvera Foods paid out $12 million in dividends in 2022.",
            "Calvera Foods paid a dividend of $3 million in each of the four quarters of 2022.",
            "4 times $3 million is $12 million",
        ),
        (
            "A single Lumio hub can connect as many as 24 devices.",
            "Each Lumio hub has three ports, and each port can handle up to eight devices.",
            "three ports of 8 devices each is 24 devices",
        ),
        (
            "The laptop comes with 512 GB of storage.",
            "The laptop ships with two 256 GB solid-state drives.",
            "2 times 256 GB is 512 GB",
        ),
        (
            "The Corlan pottery workshop lasts a fortnight.",
            "The Corlan pottery workshop begins on Monday 3 June and finishes on Sunday 16 June.",
            "from 3 June to 16 June is a fortnight",
        ),
        # a total that is not the claim's, and a sum of the claim's own kind with another
        ("Mirela Quint has three children.", "Mirela Quint raised two sons and two daughters.", None),
        ("The shelter has four cats.", "The shelter has two dogs and two cats.", None),
        ("Calvera Foods paid out $9 million.", "Calvera Foods paid $3 million in each of the four quarters.", None),
    ],
)
def test_counts_add_up_and_multiply_where_the_claim_states_the_result(
    claim: str, evidence: str, shown: str | None
) -> None:
    sums = computed(claim, evidence)
    assert shown in sums if shown else not sums


def test_a_product_is_no_other_value_of_the_claim_s() -> None:
    claim = "Calvera Foods paid out $12 million in dividends over the whole of 2022."
    evidence = "Calvera Foods paid a dividend of $3 million in each of the four quarters of 2022."
    assert QuantityRule().check(claim, evidence) == []


@pytest.mark.parametrize(
    ("claim", "evidence", "between"),
    [
        (
            "The 7:15 train from Harlow Junction to Penmere takes about 40 minutes.",
            "The 7:15 departure from Harlow Junction arrives in Penmere at 8:25. It calls at Brisk Lane on the way.",
            "1 hour 10 minutes",
        ),
        (
            "Passengers changing at Orrin Cross have about 15 minutes to catch the Tallow Bay service.",
            "The Northbank service arrives at Orrin Cross at 14:52. "
            "The Tallow Bay service departs Orrin Cross at 14:58.",
            "6 minutes",
        ),
        # the time between, said either way
        (
            "The 7:15 train from Harlow Junction to Penmere takes about 70 minutes.",
            "The 7:15 departure from Harlow Junction arrives in Penmere at 8:25.",
            None,
        ),
        (
            "The train from Harlow Junction to Penmere takes an hour and ten minutes.",
            "The 7:15 departure from Harlow Junction arrives in Penmere at 8:25.",
            None,
        ),
        # a duration the evidence gives itself, and times of day of other things
        (
            "The train to Penmere takes 40 minutes.",
            "The train to Penmere leaves at 7:15 and takes 40 minutes. The next one leaves at 9:30.",
            None,
        ),
        (
            "The museum tour takes 40 minutes.",
            "The museum opens at 9:00 and closes at 17:00.",
            None,
        ),
    ],
)
def test_a_journey_s_time_is_read_against_the_two_times_of_day(claim: str, evidence: str, between: str | None) -> None:
    found = other_clock_span(claim, evidence)
    assert (found is not None and f", {between}, not" in found[0]) if between else found is None


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Rennick Buses' chief executive, Priya Osterfeld, announced the withdrawal of route 9.", True),
        ("Rennick Buses chief executive Priya Osterfeld announced the withdrawal of route 9.", True),
        ("Priya Osterfeld is the chief executive of Rennick Buses.", True),
        ("Operations director Priya Osterfeld announced the withdrawal of route 9.", False),
        ("Chief executive Tomas Aldridge announced the withdrawal of route 9.", False),
    ],
)
def test_a_post_said_before_a_name_is_read_against_the_evidence_s_posts(claim: str, contradicted: bool) -> None:
    evidence = (
        "Priya Osterfeld, operations director at Rennick Buses, announced that route 9 would be withdrawn. "
        "The chief executive of Rennick Buses is Tomas Aldridge."
    )
    effects = [f.effect.value for f in RoleRule().check(claim, evidence)]
    assert effects == (["contradicts"] if contradicted else [])


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "At Linton Central, trains to Corvale depart from platform 4.",
            "At Linton Central, trains to Corvale leave from platform 2. Platform 4 is used by trains to Hessby.",
            True,
        ),
        (
            "At Linton Central, trains to Corvale depart from platform 2.",
            "At Linton Central, trains to Corvale leave from platform 2. Platform 4 is used by trains to Hessby.",
            False,
        ),
        ("The Norvik X2 comes with a terabyte of storage.", "The Norvik X2 ships with 256 GB of storage.", True),
        (
            "Ardley Bank's share buyback ran from March through June 2023.",
            "Ardley Bank announced a share buyback on 10 February 2023. "
            "The buyback program began on 1 March 2023 and was completed on 30 June 2023.",
            False,
        ),
    ],
)
def test_figures_of_other_named_things_and_spans_edges(claim: str, evidence: str, contradicted: bool) -> None:
    effects = [f.effect.value for f in QuantityRule().check(claim, evidence)]
    assert effects == (["contradicts"] if contradicted else [])


def test_a_terabyte_in_words_is_a_quantity() -> None:
    assert [(q.text, q.value, q.dimension) for q in parse_quantities("comes with a terabyte of storage")] == [
        ("a terabyte", 1e12, "data")
    ]


def test_inflows_are_the_opposite_of_outflows() -> None:
    claim = "The Quenley Pension Fund saw net outflows of money in the second quarter."
    evidence = "The Quenley Pension Fund recorded net inflows of 2.3 billion dollars in the second quarter."
    assert [f.effect.value for f in AntonymRule().check(claim, evidence)] == ["contradicts"]


def test_a_day_of_another_named_thing_is_not_written_as_the_claim_s() -> None:
    claim = "Dexelon was withdrawn from the market in 2024."
    evidence = "Fibrastat was withdrawn from the market on 2 May 2024. Dexelon remains on sale."
    assert "2 May" not in reword(claim, evidence)
    assert of_another_name(claim, "Fibrastat was withdrawn from the market on 2 May 2024.")
    assert not of_another_name(claim, "Dexelon was approved on 9 June 2022 and Fibrastat on 14 November 2022.")


CO_FOUNDERS = (
    "Brackwell Studio was started by three co-founders. Marta Quillen was born in 1971. "
    "Desmond Arkwright was born in 1964. Priya Venn was born in 1968."
)
LAKES = (
    "The Orrin district has three lakes. Lake Vessin reaches a maximum depth of 48 metres. "
    "Lake Orrel is 112 metres deep at its deepest point, and Lake Tamsby 67 metres."
)
LAPTOPS = (
    "Tessaro sells three laptops: the Arden 14, the Arden 16 and the Pulse 13. The Arden 14 weighs 1.1 kg. "
    "The Arden 16 weighs 1.6 kg, and the Pulse 13 weighs 1.25 kg."
)
PHONES = (
    "Corvane has released three phones. The Lumen X1 launched in March 2019. The Lumen X2 launched in October 2020. "
    "The Lumen S launched in June 2021."
)
BANKS = (
    "Pruett County has three banks. Harlan Mutual was founded in 1908. Copperline Savings was founded in 1921. "
    "The third bank, Ridgeway Trust, is known mainly for farm lending."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "holds"),
    [
        ("Of Brackwell Studio's three co-founders, Marta Quillen is the oldest.", CO_FOUNDERS, False),
        ("Of Brackwell Studio's three co-founders, Desmond Arkwright is the oldest.", CO_FOUNDERS, True),
        ("Marta Quillen is the youngest of the three co-founders.", CO_FOUNDERS, True),
        ("Lake Vessin is the deepest of the three lakes in the Orrin district.", LAKES, False),
        ("The Arden 14 is the lightest laptop Tessaro sells.", LAPTOPS, True),
        ("The Lumen X2 was the most recently released of Corvane's three phones.", PHONES, False),
        ("The Lumen S was the most recently released of Corvane's three phones.", PHONES, True),
        # the third bank has no year: the oldest of three is not known from two
        ("Harlan Mutual is the oldest of the three banks in Pruett County.", BANKS, None),
        # "the first" of a deed is an order of events, not a figure compared
        ("Marta Quillen was the first woman to lead Brackwell Studio.", CO_FOUNDERS, None),
    ],
)
def test_a_superlative_is_computed_from_each_thing_s_own_figure(claim: str, evidence: str, holds: bool | None) -> None:
    found = compare(claim, evidence)
    assert (found is not None and found.holds is holds) if holds is not None else found is None


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Adults may take up to 60 mg of Velarinex per day.",
            "Dosing of Velarinex for adults must not exceed 40 mg per day. "
            "Treatment is usually started at 10 mg daily.",
            True,
        ),
        (
            "The Brackenshire Tenancy Act allows landlords to charge a deposit of up to three months' rent.",
            "Under the Brackenshire Tenancy Act, a security deposit may not exceed two months' rent.",
            True,
        ),
        ("Adults may take up to 40 mg of Velarinex a day.", "Dosing for adults must not exceed 40 mg a day.", False),
        ("Adults may take 30 mg of Velarinex a day.", "Dosing for adults must not exceed 40 mg a day.", False),
    ],
)
def test_a_limit_is_read_against_the_evidence_s_limit(claim: str, evidence: str, contradicted: bool) -> None:
    effects = [f.effect.value for f in QuantityRule().check(claim, evidence)]
    assert effects == (["contradicts"] if contradicted else [])


def test_a_limit_is_never_written_as_a_dose_the_evidence_gives_beside_it() -> None:
    claim = "Adults may take up to 30 mg of Velarinex per day."
    evidence = "Dosing of Velarinex must not exceed 40 mg per day. Treatment is usually started at 10 mg daily."
    assert "10 mg" not in reword(claim, evidence)[0]


def test_a_bound_is_written_as_the_evidence_words_the_same_bound() -> None:
    claim = "No more than 64 devices can be connected to the Quorix T9 router at the same time."
    evidence = "The Quorix T9 router supports up to 64 simultaneously connected devices."
    assert reword(claim, evidence)[0].startswith("up to 64 devices")


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Midfielder Tomas Reyvik joined Harlow Athletic on loan from Dunmere Rovers.",
            "Dunmere Rovers have signed midfielder Tomas Reyvik on a season-long loan from Harlow Athletic.",
            True,
        ),
        (
            "Defender Ilse Marrow was named club captain of Wrenfield Ladies.",
            "Wrenfield Ladies have named defender Ilse Marrow as vice-captain for the new season.",
            True,
        ),
        (
            "Priya Menadue has been appointed chief executive of Halbrook Foods.",
            "Halbrook Foods today announced the appointment of Priya Menadue as chief financial officer. "
            "Tomas Ferrell will remain chief executive of the company.",
            True,
        ),
        (
            "Ilse Marrow was named vice-captain of Wrenfield Ladies.",
            "Wrenfield Ladies have named defender Ilse Marrow as vice-captain for the new season.",
            False,
        ),
        (
            "Priya Menadue has been appointed chief financial officer of Halbrook Foods.",
            "Halbrook Foods today announced the appointment of Priya Menadue as chief financial officer.",
            False,
        ),
    ],
)
def test_loans_and_appointments_said_as_nouns_or_past_a_description(
    claim: str, evidence: str, contradicted: bool
) -> None:
    effects = [f.effect.value for f in RoleRule().check(claim, evidence)]
    assert effects == (["contradicts"] if contradicted else [])


@pytest.mark.parametrize(
    ("claimed", "stated", "same"),
    [("5.0%", "5.1%", False), ("5%", "5.1%", True), ("3.5%", "3.54%", True), ("4%", "4.25%", False)],
)
def test_a_share_is_read_to_the_places_the_claim_gives(claimed: str, stated: str, same: bool) -> None:
    assert same_quantity(parse_quantities(claimed)[0], parse_quantities(stated)[0]) is same


def test_a_month_another_sentence_gives_a_day_of_is_left_to_the_model() -> None:
    claim = "The Lumo X2 router reached shops in April 2024, the month after it was announced."
    evidence = (
        "Korvana Systems announced the Lumo X2 router on 4 March 2024. "
        "The router went on sale in stores on 18 April 2024."
    )
    assert QuantityRule().check(claim, evidence) == []


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("The number 14 bus runs every 10 minutes on Sundays.", True),
        ("The number 14 bus runs every 30 minutes on Sundays.", False),
        ("The number 14 bus runs every 10 minutes on Mondays.", False),
    ],
)
def test_a_service_s_number_is_its_route(claim: str, contradicted: bool) -> None:
    evidence = (
        "Route 14 buses run every 10 minutes from Monday to Saturday. On Sundays, Route 14 runs every 30 minutes."
    )
    effects = {f.effect.value for f in QuantityRule().check(claim, evidence) + AntonymRule().check(claim, evidence)}
    assert effects == ({"contradicts"} if contradicted else set())


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "A disciplinary panel banned Kestrel Park manager Owen Trask for four matches.",
            "An independent disciplinary panel suspended Kestrel Park manager Owen Trask for six matches.",
            True,
        ),
        ("Mirela Quint has three children.", "Mirela Quint has four children.", True),
        ("Mirela Quint has three children.", "Mirela Quint has 4 children.", True),
        # the same count, a bound, a part, a difference, or the count given by another sentence
        (
            "A disciplinary panel banned Kestrel Park manager Owen Trask for six matches.",
            "An independent disciplinary panel suspended Kestrel Park manager Owen Trask for six matches.",
            False,
        ),
        (
            "Tobias Wrennfield authored more than twenty novels.",
            "Tobias Wrennfield wrote 23 novels over his career.",
            False,
        ),
        (
            "Fort Ambry was built before the other two forts on the Marle River.",
            "Three forts were built along the Marle River.",
            False,
        ),
        (
            "The Aldermoor Trust funded five more community groups this year than last year.",
            "The Aldermoor Trust awarded grants to fourteen community groups this year.",
            False,
        ),
        ("Mirela Quint has four children.", "Mirela Quint has three children. In all she has four children.", False),
    ],
)
def test_a_count_in_words_is_read_against_a_count_of_the_same_things(
    claim: str, evidence: str, contradicted: bool
) -> None:
    found = other_count(claim, evidence)
    assert (found is not None) is contradicted
