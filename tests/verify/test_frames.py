"""The frame rules: one slot of the evidence's sentence refilled, or its agent and patient swapped.

Each contradiction below is a probe a small cross-encoder calls entailed; each non-finding is a
sentence a careless rule would contradict (a list of co-authors, an acronym, a hedged number, a
pronoun for the claim's subject, a claim said word for word elsewhere in the evidence).
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from grounding.types import Effect
from grounding.verify.rules.antonyms import AntonymRule
from grounding.verify.rules.frames import RoleRule, SubstitutionRule
from grounding.verify.rules.negation import NegationRule

SUBSTITUTIONS = SubstitutionRule()
ROLES = RoleRule()


@pytest.mark.parametrize(
    ("claim", "evidence", "wrong", "right"),
    [
        (
            "The capital of Australia is Sydney.",
            "The capital of Australia is Canberra, while Sydney is its largest city.",
            "Sydney",
            "Canberra",
        ),
        ("The striker was born in Nigeria in 1990.", "The striker was born in Niger in 1990.", "Nigeria", "Niger"),
        (
            "The Mona Lisa was painted by Michelangelo.",
            "The Mona Lisa was painted by Leonardo da Vinci.",
            "Michelangelo",
            "Leonardo da Vinci",
        ),
        (
            "King Richard agreed to the Magna Carta at Runnymede in 1215.",
            "King John agreed to the Magna Carta at Runnymede, England, in 1215.",
            "Richard",
            "John",
        ),
        (
            "The summer sale starts on July 1.",
            "The summer sale starts on June 1 and runs for four weeks.",
            "July",
            "June",
        ),
        ("The Berlin Wall fell in 1991.", "The Berlin Wall fell on 9 November 1989.", "1991", "9 November 1989"),
        (
            "Acme Tools' revenue reached $10 billion in 2023.",
            "Acme Tools makes power tools. Its revenue reached $12 billion in 2023, up from $10 billion in 2022.",
            "10",
            "12",
        ),
        (
            "Mount Kilimanjaro is in Kenya.",
            "Mount Kilimanjaro is in northeastern Tanzania, close to Kenya.",
            "Kenya",
            "Tanzania",
        ),
        # the evidence says it the other way round
        (
            "The capital of Canada is Toronto.",
            "Ottawa is the capital of Canada, while Toronto is its largest city.",
            "Toronto",
            "Ottawa",
        ),
        # a currency named by "is", either way round
        (
            "The official currency of Switzerland is the euro.",
            "The Swiss franc is the official currency of Switzerland.",
            "euro",
            "Swiss franc",
        ),
        # one thing of one owner said with "of" or with "'s", and a currency a country uses
        (
            "The currency of Switzerland is the euro.",
            "Switzerland's currency is the Swiss franc, although some shops near the border accept euros.",
            "euro",
            "Swiss franc",
        ),
        ("Canada's capital is Toronto.", "The capital of Canada is Ottawa.", "Toronto", "Ottawa"),
        (
            "Switzerland uses the euro.",
            "Switzerland's currency is the Swiss franc, although some shops near the border accept euros.",
            "euro",
            "Swiss franc",
        ),
        # the claim gives the value a plan had before it was changed
        (
            "The concert will be held on Friday.",
            "The open-air concert, originally set for Friday, has been postponed to Sunday because of the storm.",
            "Friday",
            "Sunday",
        ),
        (
            "The annual meeting will take place on 14 May.",
            "The annual meeting, first planned for 14 May, has been moved to 21 May.",
            "14 May",
            "21 May",
        ),
        # a participle set off by commas says what its subject was
        ("The update was released in May.", "The update, released on 3 June, fixed the login bug.", "May", "June"),
        # a letter changed is another name, though one letter more is a spelling
        ("The talks were held in Iran last week.", "The talks were held in Iraq last week.", "Iran", "Iraq"),
        # a name with "the" is no nickname of another
        (
            "The Rolling Stones recorded Abbey Road.",
            "The Beatles recorded Abbey Road in 1969.",
            "Rolling Stones",
            "Beatles",
        ),
    ],
)
def test_a_refilled_slot_contradicts_and_names_both_fillers(claim, evidence, wrong, right) -> None:
    findings = SUBSTITUTIONS.check(claim, evidence)
    assert findings and findings[0].effect == Effect.CONTRADICTS
    assert repr(wrong) in findings[0].detail and right in findings[0].detail
    assert findings[0].cite and findings[0].cite in evidence


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        # co-founders, co-authors and squads are lists, not rivals
        ("Microsoft was founded by Bill Gates.", "Microsoft was founded by Paul Allen and Bill Gates in 1975."),
        (
            "United are without Michael Carrick.",
            "United will be without Marcos Rojo, Phil Jones, Michael Carrick and Daley Blind.",
        ),
        # an acronym and a title are other names for the same thing
        (
            "He became a steward for the Southern African Clothing and Textile Workers Union.",
            "He became a steward for SACTWU.",
        ),
        (
            "A complaint was filed against PM John Key.",
            "A complaint was filed against New Zealand Prime Minister John Key.",
        ),
        # one people said two ways
        ("Argentinian striker scored 84 league goals.", "The Argentine striker scored 84 league goals."),
        # a year of the decade the claim names
        ("The bridge opened in the 1990s.", "The bridge opened to traffic in 1997."),
        # one name spelt two ways, and a phrase opening on a preposition, are no other value
        (
            "Argentina is considering leasing 12 Sukhoi SU-24 bombers from Russia.",
            "Argentina is considering leasing 12 Suhkoi SU-24 bombers, pictured, from Russia.",
        ),
        ("Models include Sjana Earpe.", "The models will include Sjana Earp, Kate Kendall and Amanda Bisk."),
        (
            "Barcelona president Josep Bartomeu says the club are happy with Enrique.",
            "Barcelona president Josep Maria Bartemou says the club are 'very happy' with Enrique.",
        ),
        # a team's nickname stands for its name
        (
            "Arsenal are second in the Premier League after an eight-match winning run.",
            "The Gunners are second in the Barclays Premier League following an eight-match winning run.",
        ),
        (
            "He has compared Sterling's situation with Scott Sinclair.",
            "Toure compared Sterling's situation with that of Jack Rodwell (left) and Scott Sinclair.",
        ),
        # a common noun that opens a sentence is no name
        (
            "Police handled 115,000 crimes during the campaign.",
            "Authorities handled 115,000 crimes during the campaign, the police said.",
        ),
        # a description the name may well fit, not another name
        (
            "Christian Eriksen was spotted with girlfriend Sabrina Kvist Jensen.",
            "The Spurs midfielder was spotted smooching with girlfriend Sabrina Kvist Jensen in Copenhagen.",
        ),
        (
            "The newly discovered species looks a lot like Kermit.",
            "A newly discovered species of glassfrog looks an awful lot like the famous Muppet.",
        ),
        # a year and a count of years are not two values of one thing
        ("Gauthe was released in April 2010.", "In September 1995, Gauthe was released from prison 11 years early."),
        # a hedged number matches its precise value
        ("Australia has a population of about 25 million.", "Australia has a population of 25.7 million."),
        # the claim stated whole in one clause
        (
            "Canberra is the capital of Australia.",
            "Sydney is the largest city, and Canberra is the capital of Australia.",
        ),
        # an unrelated sentence
        ("The museum opens at 9 am.", "The river floods every spring."),
        # another sentence ties the two together: a place inside another
        (
            "Chopin was born in Poland.",
            "Frederic Chopin was born in Zelazowa Wola. Zelazowa Wola is a village in central Poland.",
        ),
        # a work's maker said the evidence's way
        ("Jane Austen wrote Pride and Prejudice.", "Pride and Prejudice is an 1813 novel by Jane Austen."),
        # the changed plan itself, or where it ended
        (
            "The annual meeting was first planned for 14 May.",
            "The annual meeting, first planned for 14 May, has been moved to 21 May.",
        ),
        (
            "The annual meeting will take place on 21 May.",
            "The annual meeting, first planned for 14 May, has been moved to 21 May.",
        ),
        # a common noun opening its sentence, on either side, and a bullet opening on its verb
        (
            "Officials said the rope was tied into a noose at about 2 a.m.",
            "Police said the rope was tied into a noose at about 2 a.m. Wednesday, and police are investigating.",
        ),
        ("Dumped his body in a creek.", "He said he tied James with a rope and left James's body in a creek."),
        # the owner's thing said the other way, and the currency the country uses
        ("The capital of Canada is Ottawa.", "Canada's capital, Ottawa, lies on the Ottawa River."),
        ("Switzerland uses the Swiss franc.", "Switzerland's currency is the Swiss franc."),
        ("Tourists in Zurich use the euro.", "Switzerland's currency is the Swiss franc."),  # no country's own
        # "is" that joins no description and name: nothing to turn round
        ("It is a black comedy written by Chuck Palahniuk.", "Fight Club is written by Chuck Palahniuk."),
    ],
)
def test_what_is_not_a_refilled_slot_is_left_alone(claim, evidence) -> None:
    assert SUBSTITUTIONS.check(claim, evidence) == []


@pytest.mark.parametrize(
    ("claim", "evidence", "agent"),
    [
        (
            "Instagram acquired Facebook in 2012.",
            "Facebook acquired Instagram in 2012 for about $1 billion.",
            "Facebook",
        ),
        ("The Earth orbits the Moon.", "The Moon orbits the Earth about once every 27 days.", "Moon"),
        (
            "Sam Neill directed Jurassic Park.",
            "Jurassic Park was directed by Steven Spielberg and starred Sam Neill.",
            "Steven Spielberg",
        ),
        (
            "Alexander Fleming discovered insulin.",
            "Alexander Fleming discovered penicillin in 1928, while insulin was discovered by Frederick Banting.",
            "Frederick Banting",
        ),
        # a work named with its maker by "by", its title holding an "and", the maker's name ending the phrase
        (
            "War and Peace was written by Dostoevsky.",
            "War and Peace is a novel by Leo Tolstoy, first published in 1869.",
            "Leo Tolstoy",
        ),
        (
            "Pride and Prejudice was written by Charlotte Bronte.",
            "Pride and Prejudice is an 1813 novel by Jane Austen.",
            "Jane Austen",
        ),
        # a part named by a noun: a student of someone was taught by them
        ("Socrates was taught by Plato.", "Plato was a student of Socrates and the teacher of Aristotle.", "Socrates"),
        ("Aristotle taught Plato.", "Plato was the teacher of Aristotle.", "Plato"),
        ("Iran signed the treaty.", "Iraq signed the treaty in 2004.", "Iraq"),  # a letter changed: another name
        (
            "Queen Elizabeth II is the daughter of King Charles III.",
            "King Charles III is the eldest son of Queen Elizabeth II.",
            "Queen Elizabeth II",
        ),
        # a part named by a possessive, and one act said by two verbs
        ("Anna is Peter's daughter.", "Peter is Anna's son.", "Anna"),
        ("Google bought the startup.", "The startup was acquired by Microsoft in 2021.", "Microsoft"),
        # an act named by a verb's noun: to file a lawsuit against someone is to sue them
        (
            "The tenant sued the landlord.",
            "The landlord filed a lawsuit against the tenant over unpaid rent.",
            "landlord",
        ),
        ("The rebels attacked the army.", "The army launched an attack on the rebels at dawn.", "army"),
    ],
)
def test_swapped_roles_or_another_agent_contradict(claim, evidence, agent) -> None:
    findings = ROLES.check(claim, evidence)
    assert findings and findings[0].effect == Effect.CONTRADICTS
    assert agent in findings[0].detail


@pytest.mark.parametrize(
    ("claim", "evidence"),
    [
        ("Facebook acquired Instagram in 2012.", "Facebook acquired Instagram in 2012 for about $1 billion."),
        ("Instagram was acquired by Facebook.", "Facebook acquired Instagram in 2012."),
        ("Bill Gates founded Microsoft.", "Microsoft was founded by Paul Allen and Bill Gates."),
        ("George Orwell wrote Animal Farm.", "George Orwell wrote Nineteen Eighty-Four."),  # one author, two books
        ("Homes faces 165 counts.", "Holmes faces 165 counts, including murder."),  # one letter more: a spelling
        # a passive without its "is": the hormone is what the pancreas produces
        ("Insulin is produced by the pancreas.", "Insulin is a hormone produced by the beta cells of the pancreas."),
        ("The ancient Greeks used these exercises.", "Gymnastics evolved from exercises used by the ancient Greeks."),
        ("Plato was taught by Socrates.", "Socrates was the teacher of Plato, who later taught Aristotle."),
        ("Plato taught Aristotle.", "Aristotle was a pupil of Plato."),
        # a part named by a noun has no single agent: two parents, several teachers
        ("Charles is the son of Prince Philip.", "Charles is the eldest son of Queen Elizabeth."),
        ("Plato was taught by Cratylus.", "Plato was a student of Socrates."),
        ("Anna is Peter's mother.", "Peter is Anna's son."),
        ("Anna is Peter's daughter.", "Maria is Peter's daughter."),
        ("Facebook purchased Instagram.", "Instagram was acquired by Facebook."),
        ("The tenant sued the landlord.", "The tenant filed a new lawsuit against the landlord."),
        ("The landlord filed the papers on Monday.", "The tenant sued the landlord on Friday."),
    ],
)
def test_the_same_act_said_another_way_is_no_role_conflict(claim, evidence) -> None:
    assert ROLES.check(claim, evidence) == []


JURASSIC = "Jurassic Park was directed by Steven Spielberg and starred Sam Neill, Laura Dern and Jeff Goldblum."


def test_a_person_the_cast_leaves_out_and_the_evidence_gives_another_part_is_never_supported() -> None:
    (finding,) = ROLES.check("Steven Spielberg starred in Jurassic Park.", JURASSIC)
    assert finding.effect == Effect.BLOCKS_SUPPORT  # a cast list may be partial: not a contradiction
    assert "'Sam Neill, Laura Dern and Jeff Goldblum'" in finding.detail and finding.cite == JURASSIC


@pytest.mark.parametrize(
    "claim",
    [
        "Sam Neill starred in Jurassic Park.",  # listed
        "Jeff Goldblum starred in Jurassic Park.",
        "Tom Hanks starred in Jurassic Park.",  # named nowhere: the model's to judge
    ],
)
def test_a_listed_or_unnamed_person_is_left_to_the_model(claim: str) -> None:
    assert ROLES.check(claim, JURASSIC) == []


_WORDS = st.sampled_from(
    "The Bank of Canada raised its rate to 5% in July after inflation rose while Paris and Lyon grew quickly".split()
)


@given(st.lists(_WORDS, min_size=3, max_size=14))
def test_a_claim_that_is_its_evidence_never_contradicts_it(words) -> None:
    sentence = " ".join(words) + "."
    for rule in (SUBSTITUTIONS, ROLES, NegationRule(), AntonymRule()):
        assert rule.check(sentence, sentence) == [], rule.name


def test_negation_reads_the_clause_that_says_the_claim() -> None:
    negation = NegationRule()
    assert negation.check(
        "Aspirin is recommended for children under 16.",
        "Aspirin is not recommended for children under 16 because of the risk of Reye's syndrome.",
    )
    # the "not" sits in a relative clause the claim repeats
    assert not negation.check(
        "The driver, who has not been identified, said he argued with the suspects.",
        "The driver of the car, who has not been identified, said he got into an argument with the suspects.",
    )
    # a negated opposite agrees: "does not open" is "closed"
    assert not negation.check(
        "The clinic is closed on public holidays.", "On public holidays the clinic does not open."
    )
    assert not AntonymRule().check(
        "The clinic is closed on public holidays.", "On public holidays the clinic does not open."
    )
