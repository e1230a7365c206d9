"""Readings the forty-first to forty-fourth probe batches (written blind) exposed, each beside the case a careless
rule would get wrong: what is permitted, required, optional, forbidden, recommended or advised against
(`modality`); bearings and their converses ("north of", "upstream of"); opposites the lexicon lacked; a denial
turned back ("not uncommon"), a denied act said by its opposite ("did not approve" / "rejected"); counts of one
thing added up; parts of a month, centuries, fortnights, a weekday's rate and years counted in words past twelve;
comparisons between sides that no capitalised name tells apart."""

from __future__ import annotations

import pytest

from grounding.text.quantities import days_counted_on, parse_quantities, years_of_sentences
from grounding.verify.arithmetic import computed
from grounding.verify.comparing import compare
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule, SubstitutionRule
from grounding.verify.rules.modality import ModalityRule
from grounding.verify.rules.negation import NegationRule
from grounding.verify.rules.order import ComparisonRule
from grounding.verify.wording import reword


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "Patients taking Velorazine may drink alcohol in moderation.",
            "Patients taking Velorazine must not consume alcohol at any point during treatment.",
            True,
        ),
        (
            "In the town of Pellbrook, residents are required to register backyard beehives with the council.",
            "Pellbrook council regulations state that registering a backyard beehive is voluntary.",
            True,
        ),
        (
            "The Harlow Institute lab manual recommends storing compound TX-44 at room temperature.",
            "The Harlow Institute lab manual advises against keeping compound TX-44 at room temperature.",
            True,
        ),
        (
            "Swimming is allowed at Lake Ardelow's northern beach.",
            "Swimming at the northern beach of Lake Ardelow is prohibited because of strong currents.",
            True,
        ),
        # another act: the thing after the verb differs
        ("Patients may take Velorin with food.", "Patients must not take Velorin with alcohol.", False),
        ("Patients may drink water during the fast.", "Patients must not drink alcohol during the fast.", False),
        # the evidence forbids only one way of doing it
        ("Patients may take Velorin.", "Patients must not take Velorin with food.", False),
        # the same modality, said another way
        ("Visitors must register at reception.", "Registering at reception is mandatory for all visitors.", False),
        # a permission leaves open whether the rules demand it
        (
            "Teams must use a new ball at the start of each innings.",
            "The fielding captain may request a new ball at the start of an innings.",
            False,
        ),
        # a condition is the model's to read
        (
            "Members may bring guests on Saturdays.",
            "Members must not bring guests unless they have booked a court in advance.",
            False,
        ),
    ],
)
def test_what_is_permitted_required_or_advised(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(ModalityRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Farrowgate lies to the north of Brisley.", "Brisley is located 30 km due north of Farrowgate.", True),
        ("Farrowgate lies to the south of Brisley.", "Brisley is located 30 km due north of Farrowgate.", False),
        (
            "The village of Ostvik is situated south of the Halden Pass.",
            "The Halden Pass lies directly north of the village of Ostvik.",
            False,
        ),
        (
            "The town of Kellbrook lies downstream of Harnett Falls on the Ovra River.",
            "Kellbrook sits on the Ovra River about 12 km upstream of Harnett Falls.",
            True,
        ),
    ],
)
def test_bearings_and_their_converses(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(ComparisonRule().check(claim, evidence)) is contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "The Harriers' match against Dunfield Rovers was pushed back to a later kickoff.",
            "The Marlow Harriers' home match against Dunfield Rovers has been moved to an earlier kickoff.",
            True,
        ),
        (
            "At the Dunmore field station, the frost season usually ends in late October.",
            "At the Dunmore field station, the frost season usually begins in late October. It typically ends in "
            "mid-April.",
            True,
        ),
        (
            "The Harrow festival begins in June.",
            "The Harrow festival begins in June and ends in August.",
            False,
        ),
        (
            "Sorvanil raised blood pressure compared with placebo over 12 weeks.",
            "After 12 weeks, patients taking Sorvanil had lower blood pressure than those taking placebo.",
            True,
        ),
        (
            "Dravonite salt dissolves readily in water.",
            "Dravonite, a synthetic calcium salt, is practically insoluble in water but dissolves in dilute "
            "hydrochloric acid.",
            True,
        ),
        ("The salt dissolves in water.", "The salt is insoluble in oil but dissolves in water.", False),
        # the claim's word said of its own subject, its anchor by a pronoun
        ("Barrow is south of the river.", "Holm is north of the river, and Barrow is south of it.", False),
        ("Barrow is north of the river.", "Holm is north of the river, and Barrow is south of it.", True),
    ],
)
def test_opposites_the_lexicon_lacked(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(AntonymRule().check(claim, evidence)) is contradicted


def test_a_denial_turned_back_and_a_denied_act_said_by_its_opposite() -> None:
    side_effect = "Headache was the most often reported side effect of Velorazine, affecting one in three patients."
    assert not NegationRule().check("Headaches are not an uncommon side effect of Velorazine.", side_effect)
    assert NegationRule().check("Headaches are not a side effect of Velorazine.", side_effect)
    rejected = "The Dunmore county council rejected the Hollins Road zoning amendment by a vote of 7 to 2."
    approved = rejected.replace("rejected", "approved")
    claim = "The Dunmore county council did not approve the Hollins Road zoning amendment."
    assert not NegationRule().check(claim, rejected)
    assert NegationRule().check(claim, approved)
    assert reword(claim, rejected)[1] == (("did not approve", "rejected"),)
    assert reword(claim, approved)[1] == ()


def test_counts_of_one_thing_add_up() -> None:
    evidence = (
        "Galloway Foods opened 12 new stores in the first half of 2023. In the second half of the year, the company "
        "opened another 9 stores."
    )
    claim = "Galloway Foods opened 21 new stores in 2023."
    assert computed(claim, evidence) == ("12 plus 9 is 21",)
    assert not QuantityRule().check(claim, evidence)
    assert not SubstitutionRule().check(claim, evidence)
    wrong = "Galloway Foods opened 22 new stores in 2023."
    assert computed(wrong, evidence) == ()
    assert QuantityRule().check(wrong, evidence)
    # two counts of different things are no sum
    assert computed("The clinic saw 21 patients.", "The clinic saw 12 patients and 9 doctors.") == ()


@pytest.mark.parametrize(
    ("claim", "changes"),
    [
        ("The Ardelle Accord was signed in mid-May 1821.", (("in mid-May 1821", "on 14 May 1821"),)),
        ("The Ardelle Accord was signed in early May 1821.", ()),
        ("The Ardelle Accord was signed in May 1821.", (("in May 1821", "on 14 May 1821"),)),
    ],
)
def test_a_part_of_a_month_is_read_with_its_day(claim: str, changes: tuple) -> None:
    assert reword(claim, "The Ardelle Accord was signed at Castle Wendmoor on 14 May 1821, a Monday.")[1] == changes


def test_a_century_against_a_year() -> None:
    evidence = "The library of Orsley Abbey was completed in 1592."
    assert SubstitutionRule().check("Orsley Abbey's library was completed in the 15th century.", evidence)
    assert not SubstitutionRule().check("Orsley Abbey's library was completed in the 16th century.", evidence)


def test_fortnights_rates_of_a_weekday_and_years_counted_in_words() -> None:
    assert [q.value for q in parse_quantities("A course lasts a fortnight.")] == [14 * 86400.0]
    assert parse_quantities("The committee meets once a fortnight.") == []
    said, changes = reword("A standard course of Dorazine lasts a fortnight.", "Dorazine is a 14-day course.")
    assert said == "A standard course of Dorazine lasts 14 days." and changes
    market = "The Linden Park farmers' market is held every Saturday morning from April to October."
    assert reword("The Linden Park farmers' market takes place weekly.", market)[1] == (("weekly", "every Saturday"),)
    weekend = "The Linden Park farmers' market is held every Saturday and Sunday."
    assert reword("The Linden Park farmers' market takes place weekly.", weekend)[1] == ()
    founded = ["Aldric Venholm founded the glassworks in 1821.", "Thirty years after the founding, Mirela took over."]
    assert years_of_sentences(founded) == [{1821}, {1851}]


@pytest.mark.parametrize(
    ("claim", "holds"),
    [
        ("Kessmere's clock tower is older than its stone bridge.", False),
        ("Kessmere's stone bridge is older than its clock tower.", True),
    ],
)
def test_sides_no_name_tells_apart_are_read_by_their_words(claim: str, holds: bool) -> None:
    evidence = (
        "The town of Kessmere built its stone bridge over the Lenn in 1712. A clock tower was added to the market "
        "square in 1748."
    )
    found = compare(claim, evidence)
    assert found is not None and found.holds is holds


@pytest.mark.parametrize(
    ("claim", "contradicted"),
    [
        ("Dornell Tennis Club members may bring a guest to play on a Saturday morning.", True),
        ("Dornell Tennis Club members may bring a guest on Tuesdays.", False),
    ],
)
def test_what_the_evidence_allows_only_on_some_days(claim: str, contradicted: bool) -> None:
    evidence = "Members of Dornell Tennis Club may bring guests only on weekdays."
    assert bool(NegationRule().check(claim, evidence)) is contradicted


def test_a_bearing_said_from_the_other_side_is_shown_the_evidences_way() -> None:
    said, _ = reword(
        "The village of Ostvik is situated south of the Halden Pass.",
        "The Halden Pass lies directly north of the village of Ostvik.",
    )
    assert said == "The Halden Pass lies north of the village of Ostvik."
    assert reword("Farrowgate lies north of Brisley.", "Brisley is located 30 km due north of Farrowgate.")[1] == ()


def test_half_a_million_within_a_hedge() -> None:
    assert [(q.value, q.approximate) for q in parse_quantities("roughly half a million people")] == [(500000.0, True)]
    claim = "Varnholt has a population of roughly half a million people."
    near = "The 2020 census recorded a population of 503,000 in the city of Varnholt."
    assert reword(claim, near)[1] == (("half a million", "503,000"),)
    assert reword(claim, near.replace("503,000", "803,000"))[1] == ()


def test_batches_45_to_47_readings() -> None:
    # "no obligation to" makes optional what the claim requires
    assert ModalityRule().check(
        "Tessaly Credit Union members are required to keep a minimum balance in their savings accounts.",
        "Members of the Tessaly Credit Union have no obligation to keep a minimum balance in their savings accounts.",
    )
    # "for use in" says no more than "for"
    approved = "The regulator approved Velmorin for children aged 6 to 11 in March 2021."
    assert NegationRule().check("Velmorin is not approved for use in children.", approved)
    assert not NegationRule().check("Velmorin is not approved for use in adults.", approved)
    # a bearing said in an aside
    said, _ = reword(
        "Harnby lies to the south of Coldwater Fell.",
        "Coldwater Fell, some 12 miles to the north of Harnby, is the nearest market town for Harnby's farmers.",
    )
    assert said == "Coldwater Fell lies north of Harnby."
    # opposites: coastal / inland; a grading word before the claim's own
    assert AntonymRule().check(
        "Trevanne is a coastal town on the Marlow Peninsula.",
        "Trevanne is the Marlow Peninsula's largest inland settlement, roughly 30 km from the nearest shoreline.",
    )
    assert AntonymRule().check(
        "Dravonite is readily soluble in water.",
        "Dravonite, a pale green mineral, is insoluble in water but dissolves slowly in warm hydrochloric acid.",
    )


def test_a_year_said_with_the_claims_own_act_is_no_other_value() -> None:
    career = (
        "Tomas Reyval signed with the Westbury Comets in 2018. He played six seasons for the club before announcing "
        "his retirement in 2024."
    )
    assert not QuantityRule().check("Tomas Reyval retired in 2024.", career)
    assert QuantityRule().check("Tomas Reyval joined the Westbury Comets in 2019.", career)


@pytest.mark.parametrize(
    ("claim", "evidence", "holds"),
    [
        # a side with two figures: the comparison comes out the same with each
        (
            "The lighthouse at Fennick Point is older than the harbour wall it overlooks.",
            "Fennick Point lighthouse was first lit in 1823. Construction of the harbour wall below the lighthouse "
            "began in 1861 and was finished in 1867.",
            True,
        ),
        (
            "The lighthouse at Fennick Point is older than the harbour wall it overlooks.",
            "Fennick Point lighthouse was first lit in 1863. Construction of the harbour wall below the lighthouse "
            "began in 1861 and was finished in 1867.",
            None,
        ),
        # two sides set against each other in one sentence
        (
            "At Vashti Hollow, the inner spring is cooler than the outer pool.",
            "At Vashti Hollow, the inner spring emerges at 71 °C, while the outer pool, fed largely by runoff, "
            "averages only 34 °C.",
            False,
        ),
    ],
)
def test_comparisons_with_two_figures_or_in_one_sentence(claim: str, evidence: str, holds: bool | None) -> None:
    found = compare(claim, evidence)
    assert (found.holds if found else None) is holds


def test_a_name_refilled_whole_though_a_word_inside_it_is_the_same() -> None:
    claim = "The Vaskel-9 probe was launched by the Meridian Space Agency."
    evidence = "The Vaskel-9 probe was launched by the Caldera Space Institute in 2020."
    assert SubstitutionRule().check(claim, evidence)
    # a name's last word shared is still the sign of one name said two ways
    assert not SubstitutionRule().check(
        "The Vaskel-9 probe was launched by Ana Ruiz Smith.", "The Vaskel-9 probe was launched by Dr. Ana Smith."
    )


def test_a_modality_said_of_an_act_past_its_clause() -> None:
    claim = "Attending the Kestrel Bay Academy spring open evening is compulsory for parents."
    evidence = "Parents are encouraged, but not required, to attend the Kestrel Bay Academy spring open evening."
    assert ModalityRule().check(claim, evidence)
    # a sentence that also says the claim's own modality is left to the model
    assert not ModalityRule().check(
        "Helmets are required for passengers on the Orrin ferry.",
        "On the Orrin ferry, helmets are required for riders and optional for passengers.",
    )


def test_days_counted_on_from_the_day_before() -> None:
    market = "The Pellingham farmers' market takes place on Saturday, 12 April. The next market is held one week later."
    assert computed("The next market is on Saturday, 19 April.", market) == ("one week after 12 April is 19 April",)
    assert computed("The next market is on Saturday, 26 April.", market) == ()
    assert days_counted_on(["The hearing opened on 28 February 2024.", "The verdict came three days later."]) == [
        None,
        ((3, 2), "three days after", "28 February 2024"),
    ]
    # a sentence with a day of its own counts from nothing
    assert days_counted_on(["It opened on 2 May.", "Two weeks later, on 20 May, it closed."]) == [None, None]


def test_dates_of_other_events_and_spans_between_dates() -> None:
    road = "The seasonal ice road to Kettering Island opened on January 9, 2024. It stayed open for 45 days."
    assert not QuantityRule().check("The ice road to Kettering Island shut down in late February 2024.", road)
    assert QuantityRule().check("The ice road to Kettering Island opened in late February 2024.", road)
    siege = "The siege of Carrow Hill began on October 5, 1643. The defenders surrendered on November 2, 1643."
    assert computed("The siege of Carrow Hill lasted four weeks.", siege) == (
        "from October 5, 1643 to November 2, 1643 is four weeks",
    )
    assert computed("The siege of Carrow Hill lasted three weeks.", siege) == ()
    born = "Dorian Maclowe was born on May 9, 1978. He founded the design studio Quillfern in September 2003."
    assert computed("Dorian Maclowe was 25 years old when he founded Quillfern.", born) == (
        "2003 is 25 years after 1978",
    )
    # a distance on a bearing is no sum or difference of two other legs
    towns = "The town of Brisby lies 40 km north of Hollin. Hollin lies 25 km north of Camber."
    assert computed("The town of Brisby lies 15 km south of Camber.", towns) == ()


def test_batches_48_to_50_readings() -> None:
    suspended = "Corvell Shipping suspended its quarterly dividend for the rest of the year to preserve cash."
    assert AntonymRule().check(
        "Corvell Shipping will keep paying its quarterly dividend for the rest of the year.", suspended
    )
    court = (
        "Former Brightwell Bank treasurer Colm Haverty was sentenced to four years in prison by Judge Leonie Strand. "
        "Prosecutor Amara Osei had asked the court for a six-year term."
    )
    assert RoleRule().check(
        "Amara Osei was the judge who sentenced former Brightwell Bank treasurer Colm Haverty.", court
    )
    assert not RoleRule().check("Leonie Strand was the judge who sentenced Colm Haverty.", court)
