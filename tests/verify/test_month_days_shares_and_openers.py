"""Readings the fifteenth and sixteenth probe batches exposed, each beside the case a careless rule would get
wrong: weekdays placed in the month as a monthly rate, "every Tuesday" and a morning as rates, a rate said of
what the claim is about wherever it stands, "less dense" against "denser", "up from" a figure against a fall,
a share said as "one in ten", a claim's opening word that is no name (a preposition, or a common word
capitalised only by its position), "the canal" naming the Suez Canal, a name in apposition, a value for other
days of the week, and "a year earlier"."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grounding.text.quantities import fraction_shares
from grounding.verify.alignment import shares_subject, shares_topic
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.base import CLAUSE_BREAK
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule
from grounding.verify.rules.novelty import novel_mentions
from grounding.verify.rules.order import ComparisonRule
from grounding.verify.rules.reading import _rates, _words
from grounding.verify.wording import reword

MONTHLY = "The council meets on the second Tuesday of every month."


def test_weekdays_placed_in_the_month_are_a_monthly_rate() -> None:
    assert _rates("meets on the second tuesday of every month at 7".split()) == [
        "meets",
        "on",
        "once",
        "monthly",
        "at",
        "7",
    ]
    assert _rates("on the first and third mondays of the month".split())[1:] == ["twice", "monthly"]
    assert _rates("the second half of the month".split()) == "the second half of the month".split()
    assert _rates("every morning".split()) == ["daily"]
    assert _rates("held every sunday".split()) == ["held", "once", "weekly"]
    assert _rates("closed on sundays".split()) == ["closed", "on", "sundays"]  # when, not how often
    assert CLAUSE_BREAK.split("Sweeping is on the first and third Tuesday of each month, from 8am.") == [
        "Sweeping is on the first and third Tuesday of each month",
        "from 8am.",
    ]


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("The council meets twice a month.", MONTHLY, True),
        ("The council meets once a month.", MONTHLY, False),
        ("The club meets once a month.", "The club meets on the first and third Mondays of the month.", True),
        ("The club meets twice a month.", "The club meets on the first and third Mondays of the month.", False),
        ("The ferry leaves every morning.", "The ferry leaves once a week.", True),
        ("The ferry leaves every morning.", "The ferry leaves daily at 6 am.", False),
        ("The market is held every Sunday.", "The market is held on the last Sunday of each month.", True),
        (
            "Adalimumab injections are usually given once a week.",
            "Adalimumab is typically injected under the skin once every two weeks.",
            True,
        ),
        (
            "Adalimumab is injected every two weeks.",
            "Adalimumab is injected under the skin once every two weeks.",
            False,
        ),
        # a rate of something else in a clause about the same thing is no rate of the claim's
        ("Adalimumab injections are given once a week.", "Patients on adalimumab are seen monthly.", False),
        ("Warm air is denser than cold air.", "Warm air is less dense than cold air.", True),
        ("Warm air is less dense than cold air.", "Warm air is denser than cold air.", True),
        ("Warm air is less dense than cold air.", "Warm air is less dense than the air around it.", False),
        ("Cork floats in water.", "Cork sinks in water.", True),
        (
            "Brentwick Foods managed to reduce its net debt over the past year.",
            "Brentwick Foods ended the year with net debt of £410 million, up from £352 million a year earlier.",
            True,
        ),
        (
            "Brentwick Foods increased its net debt over the past year.",
            "Brentwick Foods ended the year with net debt of £410 million, up from £352 million a year earlier.",
            False,
        ),
        ("Sales fell last year.", "Sales reached $5 million last year, up from $4 million.", True),
        ("Sales fell last year.", "Sales reached $5 million last year, down from $6 million.", False),
        # a rise of something else, or "up from" that moves no figure, is no rise of the claim's thing
        ("The company cut prices.", "The company said costs were $5 million, up from $4 million.", False),
        ("Her income fell.", "She grew up from humble beginnings to earn $5 million.", False),
    ],
)
def test_rates_said_by_days_and_mornings(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("text", "shares"),
    [
        ("The firm will cut one in every ten jobs.", [0.1]),
        ("One out of three adults walks to work.", [1 / 3]),
        ("It is a one in a million chance.", []),
        ("He was one in 2019 and two in 2020.", []),
    ],
)
def test_one_in_so_many_is_a_share(text: str, shares: list[float]) -> None:
    assert [q.value for q in fraction_shares(text)] == pytest.approx(shares)


def test_a_share_in_words_is_read_as_the_premise_states_it() -> None:
    premise = "Brightmore will eliminate about 1,400 positions, around 10% of its workforce."
    said, changes = reword("The retailer plans to cut roughly one in every ten jobs.", premise)
    assert "10%" in said and changes
    # the same hedged figure in the same words is left as it is; another figure is not the premise's
    assert reword("The lake lies at about 3,812 metres.", "The lake sits at about 3,812 metres.")[1] == ()
    assert reword("The retailer plans to cut roughly one in every five jobs.", premise)[1] == ()


@pytest.mark.parametrize(
    ("claim", "evidence", "novel"),
    [
        ("According to the review, the battery lasts longer.", "The review found the battery lasts longer.", []),
        ("By the end of August the reservoir was nearly empty.", "On 31 August the reservoir was nearly empty.", []),
        ("Despite the rain, the match went ahead.", "The match went ahead in heavy rain.", []),
        ("Starting in September, the pool opens at 6:30.", "From 1 September the pool opens at 6:30.", []),
        # a name after the preposition is still a name the evidence must mention
        ("After Brexit, the bank moved to Dublin.", "Following the referendum, the bank moved to Dublin.", ["Brexit"]),
    ],
)
def test_a_preposition_opening_the_claim_is_no_name(claim: str, evidence: str, novel: list[str]) -> None:
    assert novel_mentions(claim, evidence) == novel


METHOTREXATE = "For rheumatoid arthritis, methotrexate is taken once a week, on the same day each week."


@pytest.mark.parametrize(
    ("claim", "premise", "about"),
    [
        ("Patients usually take methotrexate daily.", METHOTREXATE, True),
        ("People with rheumatoid arthritis take methotrexate every morning.", METHOTREXATE, True),
        # an opening name the premise never says, with nothing else in common, is still another topic
        ("Einstein was born in 1879.", "Paris is the capital of France.", False),
        ("Melbourne is the capital of Victoria.", "The city was designed by Walter Burley Griffin.", False),
    ],
)
def test_a_capitalised_opener_alone_is_no_name_the_premise_must_share(claim: str, premise: str, about: bool) -> None:
    assert shares_topic(claim, premise) is about
    assert shares_subject(claim, premise) is about


@pytest.mark.parametrize(
    ("premise", "about"),
    [
        ("The canal was officially opened on 17 November 1869.", True),
        ("Suez Canal Authority staff were paid on 17 November 1869.", False),
        ("The river was officially opened on 17 November 1869.", False),
    ],
)
def test_a_name_is_referred_to_by_its_last_word(premise: str, about: bool) -> None:
    assert shares_subject("The Suez Canal was officially opened in 1879.", premise) is about


NANDAKUMAR = "In the semi-final, Priya Nandakumar beat the defending champion, Lotte Verhaegen, 6-4, 6-3."


@pytest.mark.parametrize(
    ("claim", "detail"),
    [
        ("Lotte Verhaegen beat Priya Nandakumar in the semi-final.", "other way round"),
        ("Ana Ruiz beat Lotte Verhaegen in the semi-final.", "not 'Ana Ruiz'"),
        ("Priya Nandakumar beat Lotte Verhaegen in the semi-final.", None),
    ],
)
def test_a_name_in_apposition_is_who_the_description_is(claim: str, detail: str | None) -> None:
    findings = RoleRule().check(claim, NANDAKUMAR)
    if detail is None:
        assert findings == []
    else:
        assert detail in findings[0].detail


ORLA = "On weekdays, the last ferry from Orla Island leaves at 6:40 p.m."


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("On Sundays, the last ferry from Orla Island leaves at 5:10 p.m.", ORLA, False),
        ("On Sundays, the last ferry from Orla Island leaves at 5:10 p.m.", ORLA.replace("weekdays", "weekends"), True),
        ("On Tuesdays, the last ferry from Orla Island leaves at 5:10 p.m.", ORLA, True),
        (
            "Halden Foods was profitable in 2022.",
            "Halden Foods lost $12 million in 2023, after a profit a year earlier.",
            False,
        ),
        (
            "Halden Foods was profitable in 2019.",
            "Halden Foods lost $12 million in 2023, after a profit a year earlier.",
            True,
        ),
    ],
)
def test_a_value_for_other_days_or_a_counted_year_is_no_other_value(
    claim: str, evidence: str, contradicted: bool
) -> None:
    assert bool(QuantityRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Argon is lighter than air.", "Argon is about 38 percent denser than air.", True),
        # a comparison is read in its own clause, whatever consequence the claim draws from it
        (
            "Argon is lighter than air, so leaked argon tends to rise.",
            "Argon is about 38 percent denser than air.",
            True,
        ),
        (
            "Argon is denser than air, so leaked argon tends to sink.",
            "Argon is about 38 percent denser than air.",
            False,
        ),
        ("Halden Foods was profitable in 2023.", "Halden Foods reported a net loss of $12 million for 2023.", True),
        ("Halden Foods made a loss in 2023.", "Halden Foods reported a net loss of $12 million for 2023.", False),
        (
            "In March, the krona gained value against the euro.",
            "The krona depreciated against the euro in March.",
            True,
        ),
        ("In March, the krona lost value against the euro.", "The krona depreciated against the euro in March.", False),
    ],
)
def test_density_and_profit_have_opposites(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check(claim, evidence)) == contradicted


_WORDS = st.lists(
    st.sampled_from(
        "the on every each of and first second third last tuesday tuesdays sunday month week a up down from 5 "
        "just about net debt rose fell less dense than denser morning".split()
    ),
    max_size=14,
)


@given(_WORDS)
def test_reading_rates_and_movements_keeps_every_other_word(words: list[str]) -> None:
    """The rate, comparison and movement readings only ever join or replace the words of a phrase they read:
    they never raise, never lengthen the text, and leave a text with none of their phrases as it is."""
    read = _words(" ".join(words))
    assert len(read) <= len(words)
    if not {"every", "each", "the", "on", "from", "than", "morning"} & set(words):
        assert read == words


@given(st.text(alphabet="one in every ten out of 12 1000 0 a-", max_size=40))
def test_a_share_is_a_ratio_inside_its_text(text: str) -> None:
    for share in fraction_shares(text):
        assert 0 < share.value <= 1
        assert text[share.start : share.end] == share.text


CALDER = (
    "Monday to Saturday, direct trains to Pelham leave Calder Junction hourly. On Sundays, direct services run "
    "every two hours, starting at 09:12."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("On Sundays there's a direct train from Calder Junction to Pelham every hour.", CALDER, True),
        ("On Sundays there's a direct train from Calder Junction to Pelham every two hours.", CALDER, False),
        ("Brookfield Rovers were promoted.", "Brookfield Rovers were relegated to the First Division.", True),
    ],
)
def test_a_rate_after_the_same_fronted_phrase_and_promotion(claim: str, evidence: str, contradicted: bool) -> None:
    findings = AntonymRule().check(claim, evidence)
    assert bool(findings) == contradicted
    assert not findings or "'12 times daily'" in findings[0].detail or "relegated" in findings[0].detail


def test_a_multiple_is_read_where_the_premise_gives_the_move_the_other_way_round() -> None:
    premise = "Nordvik Bank cut its annual dividend to 0.60 kroner per share, down from 1.20 kroner a year earlier."
    said, changes = reword("Nordvik Bank halved its dividend.", premise)
    assert said == "Nordvik Bank cut from 1.20 to 0.60 its dividend." and changes
    assert reword("Nordvik Bank doubled its dividend.", premise)[1] == ()
    raised = "Acme lifted its revenue to $8 million, up from $4 million."
    assert reword("Acme doubled its revenue.", raised)[0] == "Acme lifted from $4 million to $8 million its revenue."


SATO = (
    "Sato joined Kestrel Labs as a research engineer in 2011. She completed her PhD at Delft in 2016, studying "
    "part-time while still working at the lab."
)


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Imani Sato joined Kestrel Labs after completing her PhD.", True),
        ("Imani Sato joined Kestrel Labs before completing her PhD.", False),
        # a side no one sentence dates is left to the model
        ("Imani Sato joined Kestrel Labs after moving to Delft.", False),
    ],
)
def test_the_order_of_two_events_follows_from_the_years_their_sentences_give(claim: str, contradicted: bool) -> None:
    findings = ComparisonRule().check(claim, SATO)
    assert bool(findings) == contradicted
    assert not findings or "2011 and 2016" in findings[0].detail


def test_a_move_by_a_share_is_read_as_the_premise_moves_it() -> None:
    premise = "Merrow Retail reported revenue of $40 million, down from $60 million a year earlier."
    said, changes = reword("Merrow Retail's revenue fell by a third.", premise)
    assert said == "Merrow Retail's revenue fell from $60 million to $40 million." and changes
    assert reword("Merrow Retail's revenue fell by a quarter.", premise)[1] == ()
    assert reword("Sales rose by a half.", "Sales rose from $4 million to $6 million.")[0] == (
        "Sales rose from $4 million to $6 million."
    )
