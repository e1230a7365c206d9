"""Readings the fifty-first to fifty-fourth probe batches (written blind) exposed, each beside the case a careless
rule would get wrong: places in a ranking, a score's winning margin, a ruling "struck down", a rank or an office
before a name, a description before a name, a winner named by a participle ("won the final, defeating ..."), a plan
moved in the sentence after the one that gave it, a post of engineering, and a figure another named thing has."""

from __future__ import annotations

import pytest

from grounding.text.names import subject_name
from grounding.verify.arithmetic import computed
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.figures import QuantityRule
from grounding.verify.rules.frames import RoleRule, SubstitutionRule
from grounding.verify.rules.negation import NegationRule
from grounding.verify.rules.order import ComparisonRule
from grounding.verify.rules.places import other_place
from grounding.verify.rules.spans import other_span
from grounding.verify.wording import reword

TABLE = (
    "Final 2023 Western League table: 1. Carrick Vale, 68 pts; 2. Maddox Town, 64 pts; 3. Dunhollow, 61 pts; "
    "4. Esker United, 55 pts."
)
MEDALS = (
    "Marlow Isles topped the medal table with 31 gold medals. "
    "Kessington were second with 24 golds, ahead of Druvania in third place."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "place"),
    [
        ("Kessington finished third in the medal table.", MEDALS, "second"),
        ("Druvania came second in the medal table.", MEDALS, "third"),
        ("Dunhollow finished second in the 2023 Western League.", TABLE, "third"),
        ("Esker United ended the season in 2nd place.", TABLE, "fourth"),
        # the claim's own place, said any way
        ("Kessington finished second in the medal table.", MEDALS, None),
        ("Druvania finished third.", MEDALS, None),
        ("Dunhollow were third in the 2023 Western League.", TABLE, None),
        # another season's ranking
        ("Dunhollow finished second in the 2022 Western League.", TABLE, None),
        # two places for one name: two events, the model's to read
        ("Varn finished second.", "Varn finished third in the sprint. Varn finished first in the relay.", None),
        # an ordinal that is no place
        ("Halden was the first woman to win the race.", "Halden was second in the race.", None),
        ("It finished second.", "It was third.", None),
        ("Tessa Roan was first elected in 1990.", "Tessa Roan finished third in the 1990 election.", None),
    ],
)
def test_a_place_in_a_ranking_is_read_against_the_name_s_own(claim: str, evidence: str, place: str | None) -> None:
    found = other_place(claim, evidence)
    assert (found is not None and f"places it {place}," in found[0]) if place else found is None
    if place:
        assert [f.effect.value for f in QuantityRule().check(claim, evidence)] == ["contradicts"]


@pytest.mark.parametrize(
    ("claim", "evidence", "shown"),
    [
        (
            "The Corvale Hawks won by 12 points against the Tamsin Ridge Owls.",
            "The Corvale Hawks beat the Tamsin Ridge Owls 88-76 on Friday night.",
            "88-76 is a margin of 12 points",
        ),
        ("Arsenal secured a 3-goal win over Spurs.", "Arsenal beat Spurs 4-1 on Sunday.", "4-1 is a 3-goal win"),
        # another margin shows nothing: the evidence is read as it is
        ("The Corvale Hawks won by 10 points.", "The Corvale Hawks beat the Tamsin Ridge Owls 88-76.", None),
        # a number that is no margin
        ("The Corvale Hawks scored 12 points in the fourth quarter.", "The Hawks beat the Owls 88-76.", None),
    ],
)
def test_a_winning_margin_is_computed_from_the_score(claim: str, evidence: str, shown: str | None) -> None:
    assert computed(claim, evidence) == ((shown,) if shown else ())


@pytest.mark.parametrize(
    ("rule", "claim", "evidence", "contradicted"),
    [
        (
            AntonymRule(),
            "The court upheld Millhaven's ban on street trading.",
            "The High Court of Aldria struck down Millhaven's ban on street trading, ruling it disproportionate.",
            True,
        ),
        (
            AntonymRule(),
            "The court struck down Millhaven's ban on street trading.",
            "The High Court upheld Millhaven's ban on street trading.",
            True,
        ),
        # the denial of one is what the other says
        (
            NegationRule(),
            "The court did not uphold Millhaven's ban on street trading.",
            "The High Court of Aldria struck down Millhaven's ban on street trading, ruling it disproportionate.",
            False,
        ),
        (
            NegationRule(),
            "The court did not uphold Millhaven's ban on street trading.",
            "The High Court of Aldria upheld Millhaven's ban on street trading.",
            True,
        ),
        # "struck" alone is no ruling
        (AntonymRule(), "Eglin upheld the team's record.", "Eglin struck twice in the second half.", False),
    ],
)
def test_a_ruling_struck_down_is_the_opposite_of_one_upheld(
    rule, claim: str, evidence: str, contradicted: bool
) -> None:
    assert bool(rule.check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("rule", "claim", "evidence", "contradicted", "right"),
    [
        # a rank before two names is no name in common
        (
            RoleRule(),
            "Admiral Corwin Leste commanded the Velmarian fleet at the Battle of Grey Sound.",
            "At the Battle of Grey Sound, the Velmarian fleet was commanded by Admiral Hester Vane.",
            True,
            "Admiral Hester Vane",
        ),
        (
            RoleRule(),
            "Admiral Hester Vane commanded the Velmarian fleet.",
            "The Velmarian fleet was commanded by Admiral Hester Vane.",
            False,
            None,
        ),
        # a description in lower case before the names
        (
            SubstitutionRule(),
            "The jury found the subcontractor, Pell & Dorrit Roofing, liable for the worker's injuries.",
            "The jury found general contractor Ashgrove Builders liable for the worker's injuries.",
            True,
            "Ashgrove Builders",
        ),
        (
            SubstitutionRule(),
            "The jury found the contractor, Ashgrove Builders, liable for the worker's injuries.",
            "The jury found general contractor Ashgrove Builders liable for the worker's injuries.",
            False,
            None,
        ),
        # the winner named by a participle after the sentence's subject
        (
            RoleRule(),
            "The Dunmore Falcons beat the Kestrel Bay Pirates in the final.",
            "The Kestrel Bay Pirates won the final, defeating the Dunmore Falcons 24-17.",
            True,
            None,  # a swap of roles has no correction, only a contradiction
        ),
        (
            RoleRule(),
            "The Kestrel Bay Pirates beat the Dunmore Falcons in the final.",
            "The Kestrel Bay Pirates won the final, defeating the Dunmore Falcons 24-17.",
            False,
            None,
        ),
        # a participle after the clause of a fronted year and a "she" the sentence before names; a passive one
        (
            RoleRule(),
            "Tobias Renn succeeded Corinna Delaveau as chief executive of Quillmark Software in 2020.",
            "Corinna Delaveau joined Quillmark Software as chief financial officer in 2016. "
            "In 2020 she became chief executive officer, succeeding Tobias Renn.",
            True,
            None,
        ),
        (
            RoleRule(),
            "Corinna Delaveau succeeded Tobias Renn as chief executive of Quillmark Software in 2020.",
            "Corinna Delaveau joined Quillmark Software as chief financial officer in 2016. "
            "In 2020 she became chief executive officer, succeeding Tobias Renn.",
            False,
            None,
        ),
        (
            RoleRule(),
            "Hallam sued Quarry Vale Ltd for breach of contract.",
            "In Hallam v. Quarry Vale Ltd, Hallam was the defendant, having been sued by Quarry Vale Ltd for breach of "
            "contract.",
            True,
            None,
        ),
        (
            RoleRule(),
            "Quarry Vale Ltd sued Hallam for breach of contract.",
            "In Hallam v. Quarry Vale Ltd, Hallam was the defendant, having been sued by Quarry Vale Ltd for breach of "
            "contract.",
            False,
            None,
        ),
        # a plan the next sentence moves
        (
            SubstitutionRule(),
            "The software upgrade for Marlow's kiosks will take place on the weekend of 9–10 March.",
            "The upgrade of all Marlow kiosk terminals was originally planned for 9–10 March. "
            "It has since been postponed to the weekend of 16–17 March.",
            True,
            "16–17 March",
        ),
        (
            SubstitutionRule(),
            "The software upgrade for Marlow's kiosks will take place on the weekend of 16–17 March.",
            "The upgrade of all Marlow kiosk terminals was originally planned for 9–10 March. "
            "It has since been postponed to the weekend of 16–17 March.",
            False,
            None,
        ),
        # a post the evidence gives someone else while naming the claim's person for another
        (
            RoleRule(),
            "Mirela Osgood was the chief engineer behind the Tandro 5 phone.",
            "Mirela Osgood, Tandro's head of marketing, presented the Tandro 5 at its launch event. "
            "The phone's chief engineer was Devan Kurtz, who led a team of 140 people.",
            True,
            None,
        ),
    ],
)
def test_who_did_it_is_read_past_ranks_descriptions_and_participles(
    rule, claim: str, evidence: str, contradicted: bool, right: str | None
) -> None:
    found = rule.check(claim, evidence)
    assert [f.effect.value for f in found] == (["contradicts"] if contradicted else [])
    if right:
        assert found[0].correction is not None and found[0].correction.right == right


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        # the claim's figure given only for another named tier
        (
            "The Alpine tier of Nestwave Hosting includes 8 GB of RAM.",
            "Nestwave's Alpine tier includes 4 GB of RAM and 80 GB of disk. "
            "Its Summit tier includes 8 GB of RAM and 160 GB of disk.",
            True,
        ),
        (
            "The Summit tier of Nestwave Hosting includes 8 GB of RAM.",
            "Nestwave's Alpine tier includes 4 GB of RAM and 80 GB of disk. "
            "Its Summit tier includes 8 GB of RAM and 160 GB of disk.",
            False,
        ),
    ],
)
def test_a_figure_another_named_thing_has_is_not_the_claim_s(claim: str, evidence: str, contradicted: bool) -> None:
    assert bool(QuantityRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Emperor Castovan ruled Drelmark for 23 years.", "Castovan ruled Drelmark from 1601 to 1618.", True),
        ("The Halden mill operated for 40 years.", "The Halden mill operated between 1890 and 1910.", True),
        # the span's own count, or a year off either way
        ("Emperor Castovan ruled Drelmark for 17 years.", "Castovan ruled Drelmark from 1601 to 1618.", False),
        ("Emperor Castovan ruled Drelmark for 16 years.", "Castovan ruled Drelmark from 1601 to 1618.", False),
        # a span of something else, or a life in brackets
        ("Castovan ruled Drelmark for 23 years.", "Castovan studied in Orlen from 1590 to 1598.", False),
        ("Castovan ruled Drelmark for 23 years.", "Castovan (1580–1640) ruled Drelmark from 1601.", False),
        # a hedged count
        ("Castovan ruled Drelmark for nearly 20 years.", "Castovan ruled Drelmark from 1601 to 1618.", False),
    ],
)
def test_a_count_of_years_is_read_against_the_span_the_evidence_gives(
    claim: str, evidence: str, contradicted: bool
) -> None:
    assert bool(other_span(claim, evidence)) == contradicted
    assert bool(QuantityRule().check(claim, evidence)) == contradicted


def test_a_denied_upholding_reads_as_the_ruling_the_evidence_gives() -> None:
    claim = "The court did not uphold Millhaven's ban on street trading."
    struck = "The High Court of Aldria struck down Millhaven's ban on street trading, ruling it disproportionate."
    assert reword(claim, struck)[1] == (("did not uphold", "struck down"),)
    assert reword(claim, "The High Court upheld Millhaven's ban on street trading.")[1] == ()


def test_runners_up_read_as_second_place() -> None:
    claim = "Vellacourt FC finished the season as runners-up, behind champions Oakridge United."
    said = "Vellacourt FC ended the season in second place, four points behind Oakridge United."
    assert reword(claim, said)[1] == (("as runners-up", "in second place"),)
    assert other_place(claim, "Vellacourt FC finished third, behind Oakridge United and Tamsin Vale.") is not None


@pytest.mark.parametrize(
    ("rule", "claim", "evidence", "contradicted"),
    [
        # a day of a month without its year, against the day of the same event
        (
            QuantityRule(),
            "Dunmere's new parking fees take effect on 1 March.",
            "Dunmere town council approved the new parking fees at its meeting on 1 March. "
            "The new fees will take effect on 1 April, and the old rates apply until then.",
            True,
        ),
        (
            QuantityRule(),
            "Dunmere's new parking fees take effect on 1 April.",
            "Dunmere town council approved the new parking fees at its meeting on 1 March. "
            "The new fees will take effect on 1 April, and the old rates apply until then.",
            False,
        ),
        (
            QuantityRule(),
            "Applications for the Pembury summer swim camp close on 15 June.",
            "Registration for Pembury's summer swim camp opens on 15 May and closes on 31 May.",
            True,
        ),
        # two limits of one thing
        (
            QuantityRule(),
            "Landlords in Calverton have up to 30 days to return a tenant's deposit after the tenancy ends.",
            "Calverton's ordinance requires landlords to return a tenant's deposit no later than 14 days after the "
            "tenancy ends.",
            True,
        ),
        # a value for other days is not the claim's
        (
            QuantityRule(),
            "Route 14 runs every 10 minutes on Sundays.",
            "Route 14 buses run every 10 minutes from Monday to Saturday. On Sundays, Route 14 runs every 30 minutes.",
            True,
        ),
        (
            QuantityRule(),
            "Route 14 runs every 10 minutes on Saturdays.",
            "Route 14 buses run every 10 minutes from Monday to Saturday. On Sundays, Route 14 runs every 30 minutes.",
            False,
        ),
        # "the pool" after a sentence that names it
        (
            AntonymRule(),
            "The Brenmoor Leisure Centre pool is open on public holidays.",
            "Brenmoor Leisure Centre's pool follows its normal timetable from Monday through Sunday. "
            "The pool is closed on all public holidays.",
            True,
        ),
        (
            AntonymRule(),
            "The Brenmoor Leisure Centre pool is open on public holidays.",
            "Brenmoor Leisure Centre's gym follows its normal timetable. The pool is closed on all public holidays.",
            False,
        ),
        # a grading word is no anchor the evidence must repeat
        (
            AntonymRule(),
            "Dorsalite dissolves readily in water.",
            "Dorsalite is insoluble in water, although it dissolves slowly in dilute acetic acid.",
            True,
        ),
        (
            AntonymRule(),
            "Dorsalite dissolves readily in acetic acid.",
            "Dorsalite is insoluble in water, although it dissolves slowly in dilute acetic acid.",
            False,
        ),
        (
            AntonymRule(),
            "Dizziness is a rare side effect of Tavrolin.",
            "Dizziness is among the most common side effects of Tavrolin, affecting more than one in ten users.",
            True,
        ),
        # posts of a clinic
        (
            RoleRule(),
            "Dr. Amara Voss is the head pharmacist at Corrin Street Clinic.",
            "At Corrin Street Clinic, Dr. Amara Voss is the senior physician. "
            "The clinic's head pharmacist is Tomas Ellery.",
            True,
        ),
        # "replaced" says who succeeded whom
        (
            RoleRule(),
            "Greta Halloway replaced Desmond Ashe as managing partner of Ferrier & Coyle.",
            "Desmond Ashe succeeded Greta Halloway as managing partner of Ferrier & Coyle after she retired in 2021.",
            True,
        ),
        (
            RoleRule(),
            "Desmond Ashe replaced Greta Halloway as managing partner of Ferrier & Coyle.",
            "Desmond Ashe succeeded Greta Halloway as managing partner of Ferrier & Coyle after she retired in 2021.",
            False,
        ),
        # a verb that compares
        (
            ComparisonRule(),
            "Over short distances the Pallor hare can outrun the Greyfen fox.",
            "Over short distances, the Greyfen fox is noticeably faster than the Pallor hare.",
            True,
        ),
        (
            ComparisonRule(),
            "Over short distances the Greyfen fox can outrun the Pallor hare.",
            "Over short distances, the Greyfen fox is noticeably faster than the Pallor hare.",
            False,
        ),
    ],
)
def test_days_limits_timetables_and_opposites_read_in_their_own_place(
    rule, claim: str, evidence: str, contradicted: bool
) -> None:
    assert [f.effect.value for f in rule.check(claim, evidence)] == (["contradicts"] if contradicted else [])


def test_a_year_as_the_edge_of_a_span_is_not_read_as_a_day_in_it() -> None:
    said = "Wendeline Okafor stepped down as editor-in-chief of Brisco Media in September 2018."
    assert reword("Wendeline Okafor left Brisco Media before the end of 2018.", said)[1] == ()
    assert reword("Wendeline Okafor left Brisco Media in 2018.", said)[1] == (("2018", "September 2018"),)


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        (
            "In winter, Ravensholm's Saturday market moves to Church Square.",
            "From November to February, Ravensholm's Saturday market is held in the covered Corn Hall instead of its "
            "usual site on Church Square.",
            True,
        ),
        ("Jones was appointed chair.", "The board appointed Smith as chair rather than Jones.", True),
        # the name the evidence chose, or a claim that sets the two against each other itself
        ("Smith was appointed chair.", "The board appointed Smith as chair rather than Jones.", False),
        ("Smith rather than Jones was appointed.", "Smith, rather than Jones, was appointed.", False),
        # a sentence about something else
        ("Jones was appointed chair.", "Visitors may park at Harlow Road instead of Jones Street.", False),
    ],
)
def test_what_the_evidence_does_instead_rules_out_the_claim_s_name(
    claim: str, evidence: str, contradicted: bool
) -> None:
    assert bool(NegationRule().check(claim, evidence)) == contradicted


def test_weekdays_each_with_every_read_as_a_weekly_rate() -> None:
    said = "In Norcastle, household waste is collected every Monday and every Thursday."
    assert reword("Household bins in Norcastle are emptied twice a week.", said)[1] == (
        ("twice a week", "every Monday and every Thursday"),
    )
    assert reword("Household bins in Norcastle are emptied three times a week.", said)[1] == ()
    assert AntonymRule().check("Household bins in Norcastle are emptied once a week.", said)
    assert not AntonymRule().check("Household bins in Norcastle are emptied twice a week.", said)


def test_an_owner_is_no_subject_a_pronoun_can_stand_for() -> None:
    sentence = "Last week Mrs Shahzad, 32, pleaded guilty at St Albans Crown Court to causing Mr Bell’s death."
    assert subject_name(sentence) is None
    assert subject_name("Last week Iram Shahzad pleaded guilty to causing Mr Bell’s death.") == "Iram Shahzad"


LED = (
    "The 2011 Sarrow Trench survey was led by Captain Rafe Ostrander. "
    "Dr. Oona Feldkamp served on the expedition as its chief geologist."
)


@pytest.mark.parametrize(
    ("claim", "evidence", "contradicted"),
    [
        ("Dr. Oona Feldkamp led the 2011 expedition that measured the depth of the Sarrow Trench.", LED, True),
        (
            "Dr. Imogen Halvorsen was the lead investigator of the Ketravin trial.",
            "The Ketravin trial was led by Dr. Tobias Renfield. "
            "Dr. Imogen Halvorsen served as the trial's independent safety monitor.",
            True,
        ),
        # the leader the evidence names, or another undertaking
        ("Captain Rafe Ostrander led the 2011 expedition to the Sarrow Trench.", LED, False),
        ("Dr. Oona Feldkamp led the 2015 survey of Lake Orm.", LED, False),
        # no other part given to the claim's person: a co-leader is not ruled out
        (
            "Dr. Oona Feldkamp led the 2011 expedition that measured the depth of the Sarrow Trench.",
            "The 2011 Sarrow Trench survey was led by Captain Rafe Ostrander. Dr. Oona Feldkamp wrote its report.",
            False,
        ),
    ],
)
def test_a_leader_named_by_a_passive_rules_out_one_the_evidence_gives_another_part(
    claim: str, evidence: str, contradicted: bool
) -> None:
    assert bool(RoleRule().check(claim, evidence)) == contradicted


@pytest.mark.parametrize(
    ("rule", "claim", "evidence", "contradicted"),
    [
        # "has been" is no part of the name it follows
        (
            SubstitutionRule(),
            "The capital of the Republic of Ostravia is Pellun.",
            "Drevna has been the capital of the Republic of Ostravia since 1921. "
            "Pellun is Ostravia's largest port city.",
            True,
        ),
        # two names joined by "and" in one clause
        (
            SubstitutionRule(),
            "The Oska River forms the border between Tellmark and Vasse.",
            "The Oska River forms the border between Tellmark and Greywold.",
            True,
        ),
        (
            SubstitutionRule(),
            "The Oska River forms the border between Tellmark and Greywold.",
            "The Oska River forms the border between Tellmark and Greywold.",
            False,
        ),
        # any post said with "is the", and one an organisation is "directed by"
        (
            RoleRule(),
            "Ilse Marwen is the director of the Nordvel Survey Office.",
            "Ilse Marwen is the chief cartographer at the Nordvel Survey Office. "
            "The office has been directed by Tomas Reyk since 2019.",
            True,
        ),
        # a plain verb after "to", and a win "over" someone
        (
            RoleRule(),
            "Corvane Systems acquired Tallis Networks for $2.1 billion.",
            "Tallis Networks agreed to buy Corvane Systems in a $2.1 billion all-cash deal.",
            True,
        ),
        (
            RoleRule(),
            "Tallis Networks acquired Corvane Systems for $2.1 billion.",
            "Tallis Networks agreed to buy Corvane Systems in a $2.1 billion all-cash deal.",
            False,
        ),
        (
            RoleRule(),
            "The Harbor City Gulls beat the Redmont Foxes 3-1 in the final.",
            "The Redmont Foxes won the final 3-1 over the Harbor City Gulls.",
            True,
        ),
        # a day of the same act after other words ("reopens to traffic on" / "reopens on")
        (
            QuantityRule(),
            "The Corran Pass road reopens to traffic on 15 May each year.",
            "The Corran Pass road is closed for the winter from 1 November and reopens on 1 June each year.",
            True,
        ),
        # "every 24 months" is "every other year"
        (
            AntonymRule(),
            "Westbrook Care pays for a routine eye exam every other year.",
            "Under the Westbrook Care policy, a routine eye examination is covered once every 24 months.",
            False,
        ),
        # two counts, one of each: no opposites
        (
            AntonymRule(),
            "The Harlow Comets lost five league games this season.",
            "The Harlow Comets won 11 of their 16 league games this season.",
            False,
        ),
        # one amount moved two ways is still opposites
        (AntonymRule(), "The company's shares rose 4% on Tuesday.", "The company's shares fell 4% on Tuesday.", True),
        (AntonymRule(), "Sales rose 4 million units.", "Sales fell 4 million units.", True),
        # another leg of the journey, or the distance between two other places
        (
            QuantityRule(),
            "Tarnwick is about 44 kilometres north of Lindmouth.",
            "The village of Tarnwick lies 14 kilometres due north of Castelbrae. "
            "Castelbrae is 30 kilometres due north of the port of Lindmouth.",
            False,
        ),
        (
            QuantityRule(),
            "Tarnwick is about 44 kilometres north of Lindmouth.",
            "Tarnwick lies 14 kilometres due north of Lindmouth.",
            True,
        ),
        # a dose a few times a day is the day's amount
        (
            QuantityRule(),
            "Patients on Dorvaline take 750 mg of it per day.",
            "Patients take one 250 mg tablet of Dorvaline three times a day.",
            False,
        ),
    ],
)
def test_names_posts_days_rates_legs_and_doses_of_the_last_batches(
    rule, claim: str, evidence: str, contradicted: bool
) -> None:
    assert [f.effect.value for f in rule.check(claim, evidence)] == (["contradicts"] if contradicted else [])


@pytest.mark.parametrize(
    ("claim", "evidence", "shown"),
    [
        (
            "Tarnwick is about 44 kilometres north of Lindmouth.",
            "The village of Tarnwick lies 14 kilometres due north of Castelbrae. "
            "Castelbrae is 30 kilometres due north of the port of Lindmouth.",
            "14 kilometres plus 30 kilometres is 44 kilometres",
        ),
        # legs on two bearings add to nothing
        (
            "Tarnwick is about 44 kilometres north of Lindmouth.",
            "Tarnwick lies 14 kilometres due east of Castelbrae. Castelbrae is 30 kilometres due north of Lindmouth.",
            None,
        ),
        (
            "Patients on Dorvaline take 750 mg of it per day.",
            "Patients take one 250 mg tablet of Dorvaline three times a day.",
            "250 mg three times a day is 750 mg a day",
        ),
        ("Patients take 500 mg a day.", "Take one 250 mg tablet twice daily.", "250 mg twice daily is 500 mg a day"),
        ("Patients take 500 mg a day.", "Take one 250 mg tablet three times a day.", None),
        # the claim's own dose with its rate is no day's amount
        ("Adults should take one 500 mg tablet twice a day.", "Adults take one 250 mg tablet twice daily.", None),
    ],
)
def test_legs_on_one_bearing_and_doses_a_few_times_a_day_are_computed(
    claim: str, evidence: str, shown: str | None
) -> None:
    assert computed(claim, evidence) == ((shown,) if shown else ())


def test_a_form_of_be_opens_no_name() -> None:
    claim = "Farooq was the deputy commander of al qaeda's south asia branch."
    evidence = (
        "He was a Pakistani who acted as the group's liaison to the Pakistan Taliban and was the deputy commander of "
        "al Qaeda's South Asia branch."
    )
    assert SubstitutionRule().check(claim, evidence) == []


def test_a_nickname_before_its_verb_is_no_other_agent() -> None:
    claim = "Arsenal are in advanced talks with Velez Sarsfield over a £4.5million swoop."
    evidence = (
        "The Gunners are in advanced talks with Velez Sarsfield over a £4.5million swoop for the teenage sensation."
    )
    assert RoleRule().check(claim, evidence) == []
