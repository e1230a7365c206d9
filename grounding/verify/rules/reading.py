"""How the negation, antonym and quantity rules read a claim and its evidence.

Words are tokenised and joined where two say one thing (a rate said in words, a move or a comparison said
in two), content words stemmed, denials found; the evidence is split into sentences (one opening on "it",
"he", "she" or "they" read with the previous sentence's subject), clauses and headings, and `_matching`
finds the sentences that state the claim in nearly the same words (most of the claim's content words, near
one another). The days a claim or a sentence holds for are read here too.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from grounding.text.lexicon import (
    COUNT_WORDS,
    DAYS_OF_THE_WEEK,
    FREQUENCY_UNITS,
    NEGATORS,
    PHRASAL_MOVES,
    PHRASED_COMPARATIVES,
    RATE_SYNONYMS,
    STOPWORDS,
    count_of,
    days_named,
    every_few,
    past_of,
    times_per_period,
)
from grounding.text.names import subject_name
from grounding.text.quantities import MONTHS
from grounding.text.sentences import split_sentences
from grounding.verify.claims.pronouns import EXPLETIVE_IT, is_person_name
from grounding.verify.rules.base import CLAUSE_BREAK

_TOKEN = re.compile(r"[A-Za-z0-9]+(?:['’][a-z]+)?|\d+(?:[.,]\d+)*")
MIN_OVERLAP = 0.75
"""Share of the claim's content words (the flipped word aside) an evidence sentence must contain to be
read as stating the same thing."""


CLAUSE_OVERLAP = 0.6
"""Share of the claim's content words the negated clause must hold: a long sentence may hold the words
while its "not" belongs to another clause."""


@dataclass(frozen=True)
class _Sentence:
    text: str
    """As the evidence writes it: what a finding quotes."""
    words: tuple[str, ...]
    stems: frozenset[str]
    read: str
    """As the rules read it: a leading "it", "he", "she" or "they" in the words of the previous sentence's
    subject ("It is closed at weekends" after "The clinic is open from Monday to Friday")."""


def _words(text: str) -> list[str]:
    """Lower-case words, a possessive's "'s" dropped ("fund's" is "fund"), a rate said in words made one
    word ("every night" is "daily"), a move said in two ("went up") as the one word it means ("rose")."""
    words = [re.sub(r"'s$", "", w.lower().replace("’", "'")) for w in _TOKEN.findall(text)]
    return _moves_from(_comparatives(_rates(_phrasal(_votes(_routes(words))))))


_VOTE_HOW = frozenset({"unanimously", "narrowly", "overwhelmingly", "by", "a", "majority", "of"})


def _votes(words: list[str]) -> list[str]:
    """ "voted 5-2 to approve" as "approved", "voted against" as "opposed": what a vote decided or whom it
    backed, in the tense its opposites are said in ("rejected", "backed")."""
    if "voted" not in words:
        return words
    out: list[str] = []
    i = 0
    while i < len(words):
        j = i + 1
        while words[i] == "voted" and j < len(words) and (words[j].isdigit() or words[j] in _VOTE_HOW):
            j += 1
        if words[i] == "voted" and words[j : j + 1] == ["to"] and j + 1 < len(words):
            out.append(past_of(words[j + 1]))
            i = j + 2
        elif words[i] == "voted" and words[j : j + 1] in (["for"], ["against"]):
            out.append("backed" if words[j] == "for" else "opposed")  # "voted against it": opposed it
            i = j + 1
        else:
            out.append(words[i])
            i += 1
    return out


_SERVICES = frozenset({"bus", "buses", "tram", "trams", "train", "trains", "service", "services", "coach", "coaches"})


def _routes(words: list[str]) -> list[str]:
    """ "the number 14 bus" as "the route 14 bus": a service's number is its route ("Route 14 buses run ...")."""
    return [
        "route" if word == "number" and _numbers_a_service(words[i + 1 : i + 3]) else word
        for i, word in enumerate(words)
    ]


def _numbers_a_service(after: list[str]) -> bool:
    return len(after) == 2 and after[0].isdigit() and after[1] in _SERVICES


def _phrasal(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if out and (out[-1], word) in PHRASAL_MOVES:
            out[-1] = PHRASAL_MOVES[out[-1], word]
        else:
            out.append(word)
    return out


_FIGURE_OPENERS = frozenset({"just", "about", "around", "nearly", "almost", "roughly", "some", "over", "under"})


def _moves_from(words: list[str]) -> list[str]:
    """ "410 million, up from 352 million" as one word, "up-from", a rise of what it follows: it meets any verb
    that moves an amount down ("reduced its net debt"), and "down-from" any that moves one up."""
    out: list[str] = []
    for i, word in enumerate(words):
        figure = words[i + 1 : i + 2]
        if out and out[-1] in {"up", "down"} and word == "from" and figure:
            if figure[0][:1].isdigit() or figure[0] in _FIGURE_OPENERS or count_of(figure[0]) is not None:
                out[-1] = f"{out[-1]}-from"
                continue
        if word in {"up", "down"} and figure[:1] and figure[0][:1].isdigit() and _SINCE & set(words[i + 2 : i + 5]):
            word = f"{word}-from"  # "$412 million, down 8% from the same quarter", "up 5% on last year"
        out.append(word)
    return out


_SINCE = frozenset({"from", "on", "year", "compared", "against", "versus"})
"""Words that name what a move is measured against ("down 8% from the same quarter", "rose compared with a year
earlier"): after a verb they are no object it moves."""


def _comparatives(words: list[str]) -> list[str]:
    """ "more expensive" as one word, "more-expensive", so that it meets "cheaper" (`PHRASED_COMPARATIVES`),
    and any "less dense than" as "less-dense than", so that it meets "denser" (`_phrased_opposites`)."""
    out: list[str] = []
    for i, word in enumerate(words):
        compared = words[i + 1 : i + 2] == ["than"] and word.isalpha() and word not in STOPWORDS
        if out and ((out[-1], word) in PHRASED_COMPARATIVES or out[-1] in {"more", "less"} and compared):
            out[-1] = f"{out[-1]}-{word}"
        else:
            out.append(word)
    return out


_EVERY = frozenset({"every", "each", "per"})
_RATE_UNITS = frozenset(FREQUENCY_UNITS.values())
_TIMES = frozenset({"twice", "thrice", "times"})
_COUNTED = {n: word for word, n in COUNT_WORDS.items()}


def _times(count: str) -> str | None:
    """ "four times" as one word, "4-times", and "two times" as "twice": counts compare word for word."""
    n = count_of(count)
    return None if n is None or not 1 <= n <= 24 else _count_word(n)


def _count_word(n: int) -> str:
    return _COUNTED.get(n, f"{n}-times")


_AMOUNT_WORDS = frozenset({"hundred", "thousand", "million", "billion"})


def _amount_of_things(out: list[str]) -> bool:
    """Whether the words so far end on an amount of things ("1.2 million streams"), which "a week" makes a rate."""
    return len(out) >= 2 and out[-1].endswith("s") and any(w.isdigit() or w in _AMOUNT_WORDS for w in out[-3:-1])


def _rates(words: list[str]) -> list[str]:
    """ "every week" and "each week" are "weekly"; "once a week" is "once weekly", so "once" still meets
    "twice"; "annually" is "yearly" and "nightly" "daily" (`RATE_SYNONYMS`). Rates then compare word for word
    (`FREQUENCIES`)."""
    out: list[str] = []
    i = 0
    while i < len(words):
        word, following = words[i], words[i + 1] if i + 1 < len(words) else ""
        after = words[i + 2] if i + 2 < len(words) else ""
        if following == "times" and (counted := _times(word)):
            out.append(counted)  # "four times a day": the rate follows on the next word
            i += 2
        elif word in _EVERY and following in FREQUENCY_UNITS:
            out.append(FREQUENCY_UNITS[following])
            i += 2
        elif word in _EVERY and (rate := every_few(following, after)):
            # "every two weeks" is "fortnightly", "every 12 hours" "twice daily"
            counted = times_per_period(following, after) if rate.startswith("every-") else None
            out += [_count_word(counted[0]), FREQUENCY_UNITS[counted[1]]] if counted else [rate]
            i += 3
        elif word in {"a", "an", "per"} and following in FREQUENCY_UNITS and out and _counts(out[-1]):
            out.append(FREQUENCY_UNITS[following])
            i += 2
        elif word in {"a", "an"} and following in FREQUENCY_UNITS and _amount_of_things(out):
            out.append(FREQUENCY_UNITS[following])  # "1.2 million streams a week" is as many "weekly"
            i += 2
        elif word in {"seven", "7"} and following == "days" and [after, *words[i + 3 : i + 4]] in (["a", "week"],):
            out.append("daily")  # "seven days a week"
            i += 4
        elif word == "once" and following in {"a", "an", "per", "every", "each"} and after in FREQUENCY_UNITS:
            out += ["once", FREQUENCY_UNITS[after]]
            i += 3
        elif word == "once" and following in _EVERY and every_few(after, words[i + 3] if i + 3 < len(words) else ""):
            i += 1  # "once every two hours" is "every two hours": the count is the rate's own
        elif word == "single" and RATE_SYNONYMS.get(following, following) in _RATE_UNITS:
            out += ["once", RATE_SYNONYMS.get(following, following)]  # "a single daily sailing"
            i += 2
        elif word in {"on", "every"} and (listed := _days_listed(words, i + 1))[0] >= 2:
            out += [_count_word(listed[0]), "weekly"]  # "on Tuesdays and Fridays" is "twice weekly"
            i = listed[1]
        elif word == "every" and following == "other" and (listed := _days_listed(words, i + 2))[0] == 1:
            out.append("fortnightly")  # "every other Thursday"
            i = listed[1]
        elif word in {"every", "each"} and (listed := _days_listed(words, i + 1))[0] == 1:
            out += ["once", "weekly"]  # "every Tuesday"; "on Tuesdays" alone may say when, not how often
            i = listed[1]
        elif word == "the" and (monthly := _days_of_the_month(words, i + 1))[0]:
            out += [_count_word(monthly[0]), "monthly"]  # "the first and third Tuesdays of each month"
            i = monthly[1]
        else:
            out.append(RATE_SYNONYMS.get(word, word))
            i += 1
    return out


def _days_listed(words: list[str], start: int) -> tuple[int, int]:
    """(how many days of the week, where the list ends) for a list of days from `start`: "tuesdays and
    fridays", "monday wednesday and friday", "monday and every thursday"."""
    days, i = set(), start
    joining = {"and", "every", "on"}
    while i < len(words) and (words[i].rstrip("s") in DAYS_OF_THE_WEEK or (words[i] in joining and days)):
        if words[i] not in joining:
            days.add(words[i].rstrip("s"))
        i += 1
    while i > start and words[i - 1] in joining:
        i -= 1
    return len(days), i


_NTH = frozenset({"first", "second", "third", "fourth", "last", "1st", "2nd", "3rd", "4th"})


def _days_of_the_month(words: list[str], start: int) -> tuple[int, int]:
    """(how many days a month, where the phrase ends) for weekdays named by their place in the month from
    `start`: "second tuesday of every month" is once a month, "first and third tuesdays of the month" twice;
    (0, start) for anything else."""
    i, nth = start, 0
    while i < len(words) and (words[i] in _NTH or words[i] == "and" and nth):
        nth += words[i] != "and"
        i += 1
    day = words[i].rstrip("s") if i < len(words) else ""
    if nth and day in DAYS_OF_THE_WEEK and words[i + 1 : i + 2] == ["of"] and words[i + 3 : i + 4] == ["month"]:
        if words[i + 2] in {"every", "each", "the", "a"}:
            return nth, i + 4
    return 0, start


def _counts(word: str) -> bool:
    return word in _TIMES or word.endswith("-times")


_PRONOUN_CONTRACTED = re.compile(r"^(?:i|you|we|they|he|she|it|that|there|who|what)'")


def _content(words: list[str], drop: frozenset[str] = frozenset()) -> set[str]:
    """The words that say what a text is about: no stopword, denial, pronoun contracted ("you've") or "ones"
    standing for a noun already said ("than untreated ones")."""
    return {
        w
        for w in words
        if w not in STOPWORDS
        and w != "ones"
        and w not in NEGATORS
        and w not in drop
        and len(w) > 1
        and not _PRONOUN_CONTRACTED.match(w)
    }


_SAME_VERBS = {
    **dict.fromkeys(("started", "commenced"), "began"),
    **dict.fromkeys(("starts", "commences"), "begins"),
    **dict.fromkeys(("finished", "concluded"), "ended"),
    **dict.fromkeys(("finishes", "concludes"), "ends"),
    **dict.fromkeys(("keep", "keeps", "kept", "store", "stores", "stored"), "keep"),
    **dict.fromkeys(("freeze", "freezes", "frozen", "froze", "freezer", "freezing"), "freeze"),
    **dict.fromkeys(("reported", "announced", "stated", "says", "reports", "announces"), "said"),
    **dict.fromkeys(("take", "takes", "taken", "took"), "take"),
    **dict.fromkeys(("write", "writes", "wrote", "written", "writing"), "write"),
    **dict.fromkeys(("pregnant", "pregnancy"), "pregnant"),
    **dict.fromkeys(("alive", "lifetime"), "alive"),
    **dict.fromkeys(("released", "shipped", "launched"), "released"),
    **dict.fromkeys(("releases", "ships", "launches"), "releases"),
    **dict.fromkeys(("jobs", "positions"), "jobs"),
    **dict.fromkeys(("food", "meal", "meals"), "food"),
    **dict.fromkeys(("shed", "axe", "cut"), "cut"),
    **dict.fromkeys(("reduced", "lowered"), "reduced"),
    **dict.fromkeys(("reduces", "lowers"), "reduces"),
    **dict.fromkeys(("moved", "pushed", "rescheduled", "shifted", "brought"), "moved"),
    **dict.fromkeys(("lies", "sits", "located", "situated"), "lies"),
}
"""Words for one event, counted as one word where overlap is measured: "the match finished 3-2" is about
what "the match ended 3-1" is; "kept in the freezer" is about what "store it; do not freeze it" is; "Harbeck
reported ..." says what "Harbeck said ..." does; "is taken" is "take", "during pregnancy" "if you are pregnant", "during
her lifetime" "while she was alive", "shipped" a product "released"."""


@functools.lru_cache(maxsize=16384)
def _stem(word: str) -> str:
    """A plural read as its singular ("colds" is "cold"), so overlap counts the same noun either way, and an
    "-ical" or "-icity" word as its "-ic" root ("electrical", "electricity")."""
    word = _SAME_VERBS.get(word, word)
    for ending in ("icity", "ical"):  # "electricity", "electrical" and "electric" say one thing
        if word.endswith(ending) and len(word) > len(ending) + 3:
            return word[: -len(ending)] + "ic"
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")) else word


def _stems(words: Iterable[str]) -> set[str]:
    """The words' stems, and after a "non" what the adjective denies: "non-refundable" states of "refunded"."""
    words = list(words)
    found = {_stem(w) for w in words}
    for before, word in zip(words, words[1:], strict=False):
        if before == "non" and word.endswith(("able", "ible")) and len(word) >= 8:
            root = word[:-4]
            found |= {root, root + "ed", root + "d"}
    return found


_VERB_NEGATORS = frozenset({"not", "never", "cannot"})
"""Negators that deny a verb phrase; "no", "none" and "without" negate a noun and too often sit in
sentences that otherwise agree ("No. 10", "no one else", "without warning")."""


_DENYING_VERBS = frozenset({"refuse", "refuses", "refused", "fail", "fails", "failed"})
_RULED = frozenset({"rule", "rules", "ruled", "ruling"})


_AUXILIARIES = frozenset(
    """is are was were be been being am do does did will would shall should can could may might must has have
    had s re m ve ll d it he she that there this what who here where""".split()
)
"""Verbs that a "not" after them denies, their contracted ends ("it 's not"), and the pronouns whose "'s"
the word reader drops ("it's not" reads "it not")."""
_ARTICLES = frozenset({"a", "an", "the"})
_NOT_A_VERB = frozenset({"with", "by", "in", "of", "and", "or", "to", "at", "for", "on"})
"""Words before a "no" that make it a phrase's ("with no warning", "by no means"), not a verb's denial."""


def _denies_a_noun(words: list[str], i: int) -> bool:
    """ "not a broccoli fan" with no verb before it: a caption or an aside that denies a noun, not the
    clause's verb ("is not a doctor" denies the clause)."""
    following = words[i + 1] if i + 1 < len(words) else ""
    return following in _ARTICLES and not _AUXILIARIES & set(words[max(0, i - 2) : i])


_DEGREES = frozenset({"more", "less", "further", "farther", "better", "worse", "happier", "closer", "prouder"})
_FACTIVE_DENIALS = frozenset({"forget", "forgotten", "overlook", "overlooked", "ignore", "ignored", "denied"})


def _affirms(words: list[str], i: int) -> bool:
    """A denial that says the opposite of no: "could not be further apart" (as far apart as can be), "it
    should not be forgotten that ..." and "cannot be denied that ..." (what follows is so)."""
    after = words[i + 1 : i + 5]
    could = words[i] in {"couldn't", "cannot", "can't"} or words[i - 1 : i] in (["could"], ["can"])
    if could and after[:1] in (["be"], ["have"]):
        rest = after[1:] if after[0] == "be" else after[2:] if after[1:2] == ["been"] else []
        if rest[:1] and rest[0] in _DEGREES and rest[1:2] != ["than"]:
            return True  # "could not be more different", never "cannot be more than 20 mg"
    return any(w in _FACTIVE_DENIALS and after[k + 1 : k + 2] == ["that"] for k, w in enumerate(after))


_LITOTES = frozenset(
    """uncommon unusual unknown unlikely unreasonable unimportant unfamiliar unheard unexpected unaware unlike
    unrelated unfounded insignificant infrequent inconsiderable inconsequential impossible rare""".split()
)
"""Denials a "not" turns back into a plain statement: "not uncommon" says "common", "not unlike" "like"."""


def _litotes(words: list[str], i: int) -> bool:
    after = words[i + 1 : i + 3]
    if after[:1] and after[0] in _ARTICLES:
        after = after[1:]
    return bool(after) and after[0] in _LITOTES


def _negators(words: list[str]) -> list[int]:
    """Where the verb negators are ("not only", a verbless "not a ..." aside and a "not uncommon" are none)."""
    found = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word == "not" and (following in {"only", "just", "merely"} or _denies_a_noun(words, i)):
            continue
        if word == "not" and _litotes(words, i):
            continue
        choice = "or" in words[max(0, i - 2) : i]  # "either like it or they don't", "may or may not", "or not"
        if (word in _VERB_NEGATORS or word.endswith("n't")) and (_affirms(words, i) or choice):
            continue
        if word == "no" and following == "longer":
            found.append(i)  # "no longer sells" is "does not sell any more"
        elif word == "non" and following:
            found.append(i)  # "non-refundable", "non-toxic": the word's denial
        elif word in _RULED and following == "out":
            found.append(i)  # "ruled out an inquiry" says "there will be no inquiry"
        elif word in _VERB_NEGATORS or word.endswith("n't") or (word in _DENYING_VERBS and following == "to"):
            found.append(i)  # "refuses to look beyond" is "is not looking beyond"
    return found


def _negated(words: list[str]) -> bool:
    """Odd number of verb negators: the clause denies what it states."""
    return len(_negators(words)) % 2 == 1


@functools.lru_cache(maxsize=64)
def _sentences(evidence: str) -> tuple[_Sentence, ...]:
    """The evidence's sentences with their words, read once per evidence: every claim of an answer, and
    every rule, is matched against the same sentences. A terse line after a heading is read under it."""
    sentences: list[_Sentence] = []
    label = ""
    for start, end in split_sentences(evidence):
        text = evidence[start:end]
        read = _with_subject(text, sentences[-1].text, sentences[-1].read) if sentences else text
        if own := _label(text):
            label = own
        elif label and read == text and len(_TOKEN.findall(text)) <= 15:
            read = f"{label}: {text}"  # a terse line under a heading says it of the heading's thing
        words = tuple(_words(read))
        sentences.append(_Sentence(text, words, frozenset(_stems(words) | _stems(_done(words))), read))
    return tuple(sentences)


_DO = frozenset({"did", "does", "do", "didn't", "doesn't", "don't"})


def _done(words: Sequence[str]) -> set[str]:
    """The past and present forms of a verb after "did" or "does" ("did not concede" says what "conceded" is
    about), so that the claim's "conceded" meets the evidence's denial of it; verbs are not stemmed elsewhere."""
    forms = set()
    for i, word in enumerate(words[:-1]):
        verb = words[i + 2] if words[i + 1] in {"not", "never"} and i + 2 < len(words) else words[i + 1]
        if word in _DO and verb.isalpha() and len(verb) > 2 and verb not in STOPWORDS:
            forms |= {past_of(verb), verb + "s"}
    return forms


_LEADING_PRONOUN = re.compile(r"^(?P<pronoun>It|He|She|They)\s+(?=\w)")
_SUBJECT = re.compile(
    r"^(?P<subject>(?:(?P<article>The|This|That|These|Those)\s+)?(?:[\w'’-]+\s+){0,3}?[\w'’-]+)"
    r"\s+(?:is|are|was|were|has|have|had|will|would|can|could|may|might|must|should|does|do|did)\b"
)


def _with_subject(sentence: str, previous: str, previous_read: str = "") -> str:
    """`sentence` with a leading pronoun replaced by the previous sentence's subject, where that subject is
    plain (a name, or "the" and a noun, before the first auxiliary verb) and fits the pronoun: "it" a thing
    ("the clinic"), "he" or "she" a name ("Anna Berg"), "they" either. "It is likely that ..." is left as
    it is, as is a pronoun after a sentence whose subject is not plain; then a "he", "she" or "its" may still
    stand for the one name the previous sentence (as read) puts before its verb (`_named_back`)."""
    if again := _named_again(sentence, previous):
        return again
    pronoun = _LEADING_PRONOUN.match(sentence)
    subject = _SUBJECT.match(previous.strip())
    if not pronoun or not subject or EXPLETIVE_IT.match(sentence):
        return _named_back(sentence, previous_read or previous)
    thing = subject["article"] is not None
    named = not thing and is_person_name(subject["subject"])  # "Sales fell sharply" is no name
    fits = {"It": thing, "He": named, "She": named, "They": thing or named}[pronoun["pronoun"]]
    if not fits:
        return _named_back(sentence, previous_read or previous)
    said = subject["subject"] if named else subject["subject"][:1].lower() + subject["subject"][1:]
    return f"{said[:1].upper()}{said[1:]} {sentence[pronoun.end() :]}"


_THE_NOUN = re.compile(r"^\s*The\s+(?P<noun>[a-z]{3,})\s+(?=[a-z])")
_NAMED_NOUN = re.compile(r"^\s*(?P<named>(?:[A-Z][\w'’-]*\s+){0,4}[A-Z][\w'’-]*(?:['’]s)?\s+(?P<noun>[a-z]{3,}))\b")


def _named_again(sentence: str, previous: str) -> str | None:
    """A sentence opening on "the" and a noun, read with the name the sentence before gave that noun as its subject:
    "Brenmoor Leisure Centre's pool follows its normal timetable. The pool is closed on all public holidays" is
    about Brenmoor Leisure Centre's pool. None where the sentence before opens on no name with that noun."""
    the = _THE_NOUN.match(sentence)
    named = _NAMED_NOUN.match(previous) if the else None
    if not the or not named or named["noun"] != the["noun"]:
        return None
    return f"{named['named']} {sentence[the.end() :]}"


_BACK_REFERENCE = re.compile(
    r"^(?P<front>(?:[A-Z][^,]{0,40},\s+|(?:Between|From|In|During|After|Before|Since|By|On)\b[^,]{0,40}?\s+(?=its\s))?)"
    r"(?:(?P<person>[Hh]e|[Ss]he)\s+(?=[a-z])|(?P<thing>[Ii]ts)\s+(?=[A-Za-z]))"
)
"""A "he", "she" or "its" opening a sentence, or after a phrase set before it, with or without its comma; "its" also
before a name ("Its Classic card has no annual fee": the bank's)."""


def _named_back(sentence: str, previous: str) -> str:
    """A "he", "she" or "its" that opens the sentence or its clause after a phrase set before it, read as the one
    name the sentence before puts before its verb: "Lake Orvane lies in a basin. Between 2010 and 2020 its surface
    area shrank" is Lake Orvane's area; "After studying engineering, she opened her own practice" is the architect
    the sentence before names."""
    found = _BACK_REFERENCE.match(sentence)
    name = subject_name(previous) if found else None
    if not found or not name:
        return sentence
    said = f"{name}'s" if found["thing"] else name
    return f"{sentence[: found.end('front')]}{said} {sentence[found.end() :]}"


_FRONTED = frozenset(
    "in on at from during after before for by under across since until throughout within among".split()
)
"""Prepositions that open a phrase set before a sentence's clause ("In the United Kingdom, jaywalking is not
an offence"): the phrase belongs to that clause, it is not one of its own."""


@functools.lru_cache(maxsize=1024)
def _clauses(sentence: str) -> tuple[tuple[str, ...], ...]:
    texts = [part for part in CLAUSE_BREAK.split(sentence) if part.strip()]
    parts = [tuple(_words(part)) for part in texts]
    fronted = len(parts) > 1 and parts[0][:1] and parts[0][0] in _FRONTED and len(parts[0]) <= 6
    if fronted and sentence.lstrip().startswith(texts[0].lstrip() + ","):
        parts[:2] = [parts[0] + parts[1]]
    elif len(parts) > 1 and len(parts[0]) <= 5 and _heading(texts[0], sentence):
        parts[:2] = [parts[0] + parts[1]]  # a heading is what its line is about: "Clarimel 1% cream: Apply ..."
    return tuple(parts)


def _label(sentence: str) -> str:
    """The capitalised label a sentence opens with, as a heading ("Lunoprazine 20 mg: take one tablet ..."), or "".
    The lines after it that are terse say what they say of it ("Do not take with food, milk or antacids")."""
    found = re.match(r"\s*([A-Z][^:.!?]{0,40}):\s", sentence)
    return found[1] if found and len(found[1].split()) <= 5 and _heading(found[1], sentence) else ""


def _heading(text: str, sentence: str) -> bool:
    """A capitalised label set before a colon, as a heading is written ("Clarimel 1% cream: Apply ..."), not a
    colon in running or tokenised text ("racial slur : this racial slur ...")."""
    label = text.lstrip()
    return label[:1].isupper() and sentence.lstrip().startswith(label + ":")


def _matching(
    claim: list[str], evidence: str, drop: frozenset[str] = frozenset(), overlap: float = MIN_OVERLAP, least: int = 2
) -> list[_Sentence]:
    """Evidence sentences holding at least `overlap` of the claim's content words (and `least` of them)."""
    wanted = _stems(_content(claim, drop))
    if len(wanted) < least:
        return []
    return [s for s in _sentences(evidence) if len(wanted & s.stems) >= overlap * len(wanted)]


def _under_a_heading(claim: str, evidence: str, drop: frozenset[str], overlap: float = 0.6) -> list[_Sentence]:
    """Terse sentences that say the claim with the one before, a list's heading ("CloudNest plans: Free includes
    5 GB of storage. Plus includes 100 GB of storage."), and name what the claim names ("Plus")."""
    wanted = _stems(_content(_words(claim), drop))
    names = {w.lower() for w in re.findall(r"(?<!^)(?<![.:]\s)\b[A-Z][\w-]+", claim)}
    sentences = _sentences(evidence)
    return [
        s
        for before, s in zip(sentences, sentences[1:], strict=False)
        if ":" in before.text
        and len(s.words) <= 15
        and len(wanted & s.stems) >= 2
        and names & set(s.words)
        and len(wanted & (s.stems | before.stems)) >= overlap * len(wanted)
    ]


def _clause(claim: list[str], sentence: str) -> list[str]:
    """The clause of an evidence sentence that shares most of the claim's content: negation counts there.

    "Antibiotics do not work against viruses, so they are effective against bacteria" negates one
    clause; a claim about bacteria must be read against the other. A clause opening on a pronoun is read
    with what it stands for ("Penguins are flightless birds: they cannot fly"). Where two clauses share as
    much, the one that holds what the claim opens on: "Net income rose in the third quarter" is read against
    "while net income fell 3%", not "Revenue grew 5% in the third quarter"."""
    content = _content(claim)
    wanted, head = _stems(content), _stems([w for w in claim if w in content][:2])

    def shared(words: Sequence[str]) -> tuple[int, int]:
        said = _with_antecedent(list(words), sentence)
        return len(wanted & said), len(head & said)

    return list(max(_clauses(sentence), key=shared, default=()))


_CONNECTIVES = frozenset({"so", "and", "but", "yet", "then", "because", "while", "although", "though", "thus"})
_ANAPHORS = frozenset({"they", "it", "he", "she"})


def _with_antecedent(clause: list[str], sentence: str) -> set[str]:
    """The clause's words, with the first clause's where it opens on a pronoun: in "Antibiotics do not work
    against viruses, so they are not effective against colds", "they" are the antibiotics."""
    said = _stems(clause)
    opening = next((w for w in clause if w not in _CONNECTIVES), "")
    if opening in _ANAPHORS or (len(clause) <= 6 and {"it", "them"} & set(clause)):
        said |= _stems(_clauses(sentence)[0])  # and a short clause's object: "store insulin; do not freeze it"
    return said


_WORKING_DAYS = DAYS_OF_THE_WEEK[:5]
_DAY = re.compile(rf"\bon\s+(?P<day>{'|'.join(DAYS_OF_THE_WEEK)})s?\b", re.I)
_SPAN_OF_DAYS = re.compile(r"\b(?P<said>(?:at|on)\s+(?:the\s+)?(?P<span>weekend|weekday)s?)\b", re.I)


def _days_as_spans(claim: str, evidence: str) -> str:
    """The claim with a day of the week said as the span the evidence names that holds it, where the evidence
    names the span and never the day: "open on Saturdays" read as "open at weekends" against "It is closed at
    weekends", "on Tuesdays" as "on weekdays". What holds for every day of a span holds for each."""
    if "week" not in evidence.lower():
        return claim  # no "weekend" or "weekday": most evidence, read once per claim and rule
    spans = {m["span"].lower(): m["said"] for m in _SPAN_OF_DAYS.finditer(evidence)}
    if not spans:
        return claim

    def said(match: re.Match[str]) -> str:
        day = match["day"].lower()
        span = "weekday" if day in _WORKING_DAYS else "weekend"
        if span not in spans or re.search(rf"\b{day}", evidence, re.I):
            return match.group()
        return spans[span]

    return _DAY.sub(said, claim)


def _said_for_other_days(claim: str, words: Sequence[str], position: int, reach: int = 4) -> bool:
    """The word at `position` holds for the days named right after it, none of them the claim's: "every 15
    minutes on weekdays and every 30 minutes on Saturdays" gives the weekday rate, not the Saturday one."""
    after = []
    for word in words[position + 1 : position + 1 + reach]:
        if word in _RATE_UNITS:
            continue  # "4-times hourly on weekdays"
        if word[:1].isdigit() or word in _EVERY or word in COUNT_WORDS or _counts(word) or "-" in word:
            break  # the next value's days are its own
        after.append(word)
    return _other_days(claim, " ".join(after))


def _other_days(claim: str, sentence: str) -> bool:
    """The claim and the sentence each say which days they hold for, and no day is in both. A weekday that names a
    date ("on Thursday, 14 March") says which day, not which days: the dates are compared instead."""
    mine, theirs = days_named(_DATED_WEEKDAY.sub("", claim)), days_named(_DATED_WEEKDAY.sub("", sentence))
    return bool(mine and theirs) and not mine & theirs


_MONTH_NAMES = "|".join(MONTHS)
_DATED_WEEKDAY = re.compile(
    rf"\b(?:{'|'.join(DAYS_OF_THE_WEEK)}),?\s+(?=(?:the\s+)?\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?(?:{_MONTH_NAMES})\b"
    rf"|(?:{_MONTH_NAMES})\s+\d{{1,2}}\b)",
    re.I,
)
