"""A claim that says what its evidence says, but turned around: negated, reversed, at another rate or value.

A small cross-encoder reads "Aspirin is recommended for children under 16" as entailed by "Aspirin is
not recommended for children under 16 ...": every word matches but one. These rules compare the claim
with the evidence sentences that state the same thing in nearly the same words (most of the claim's
content words, near one another), and look for the one edit that flips the meaning:

- `negation`: one says "not"/"never"/"no longer", or "no" before the claim's noun ("charges no entry
  fee"), or "non-" before the claim's verb ("non-refundable"), the other does not; or the claim says a
  thing is needed for what the evidence does without it ("need a permit to build" / "may build without a
  permit"), or granted what the evidence refuses ("released on bail" / "refused bail");
- `antonyms`: one word is replaced by its opposite about the same subject ("net income rose" vs
  "net income fell") or before the same words ("after the French Revolution" vs "before the French
  Revolution"), frequencies included ("once daily" vs "twice daily"), whatever grades them ("a good
  conductor" vs "an excellent insulator");
- `quantities`: the same measured thing with another number, unit-aware ("20 mg" vs "40 mg"; "about
  25 million" still matches "25.7 million"; "100 degrees Celsius" is not "100 degrees Fahrenheit"), or the
  claim's number in another unit of the same measure, whatever the wording ("4 mg" vs "4 g").

Each finds a contradiction only where the evidence states the other version outright; a claim the
evidence merely does not mention is left to the model.
"""

from __future__ import annotations

import calendar
import functools
import math
import re
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass

from grounding.text.lexicon import (
    ANTONYMS,
    CLAIM_OPENERS,
    COUNT_WORDS,
    CURRENCIES,
    DAYS_OF_THE_WEEK,
    FREQUENCIES,
    FREQUENCY_UNITS,
    MOVES_DOWN,
    MOVES_UP,
    NEGATORS,
    PHRASAL_MOVES,
    PHRASED_COMPARATIVES,
    RATE_SYNONYMS,
    STOPWORDS,
    count_of,
    currency_of,
    days_named,
    every_few,
    times_per_period,
)
from grounding.text.names import subject_name
from grounding.text.quantities import (
    MONTHS,
    TIME_OF_DAY,
    Quantity,
    QuantityKind,
    month_years,
    parse_quantities,
    quarters,
    same_quantity,
    unit_factor,
    years_in,
    years_of_sentences,
)
from grounding.text.sentences import split_sentences
from grounding.types import Correction, RuleFinding
from grounding.verify.claims.pronouns import EXPLETIVE_IT, is_person_name
from grounding.verify.rules.base import CLAUSE_BREAK, contradiction, quote

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
    return _moves_from(_comparatives(_rates(_phrasal(words))))


def _phrasal(words: list[str]) -> list[str]:
    out: list[str] = []
    for word in words:
        if out and (out[-1], word) in PHRASAL_MOVES:
            out[-1] = PHRASAL_MOVES[out[-1], word]
        else:
            out.append(word)
    return out


_MOVED = frozenset({"up-from", "down-from"})
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


_TIMES_OF = frozenset({"last", "this", "next", "again", "today", "yesterday", "overnight"})


def _has_object(words: list[str], i: int) -> bool:
    """The verb at `i` moves a thing named after it ("reduced its net debt", "cut prices"), not its subject
    ("fell last year", "rose sharply", "increased in May", "rose 5%")."""
    after = words[i + 1] if i + 1 < len(words) else ""
    if after in {"its", "their", "his", "her", "our", "the", "a", "an", "my", "your"}:
        return True
    return (
        bool(after)
        and after not in STOPWORDS | _TIMES_OF | _SINCE
        and not after.endswith("ly")
        and not after[0].isdigit()
    )


def _moved_opposites(word: str) -> frozenset[str]:
    if word == "up-from":
        return MOVES_DOWN
    if word == "down-from":
        return MOVES_UP
    return frozenset({"up-from"} if word in MOVES_DOWN else {"down-from"} if word in MOVES_UP else ())


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


def _phrased_opposites(word: str) -> frozenset[str]:
    """ "denser" and "less-dense" say opposite things, as "more-dense" and "less-dense" do: a comparison in one
    word against the other direction in two."""
    if word.startswith(("less-", "more-")):
        more, base = word.split("-", 1)
        other = {"less-": "more-", "more-": "less-"}[more + "-"] + base
        if more == "more":
            return frozenset({other})
        return frozenset({other, base + "er", base + "r", base[:-1] + "ier", base + base[-1:] + "er"})
    if len(word) > 4 and word.endswith("er"):
        bases = {word[:-2], word[:-1], word[:-3] + "y", word[:-3]}
        return frozenset(f"less-{b}" for b in bases if len(b) > 2)
    return frozenset()


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
    fridays", "monday wednesday and friday"."""
    days, i = set(), start
    while i < len(words) and (words[i].rstrip("s") in DAYS_OF_THE_WEEK or (words[i] == "and" and days)):
        if words[i] != "and":
            days.add(words[i].rstrip("s"))
        i += 1
    while i > start and words[i - 1] == "and":
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


def _counted(words: Sequence[str], position: int) -> str:
    """The word at `position`, with the count before a rate ("12-times daily"), so a finding says the rate."""
    before = words[position - 1] if position else ""
    return f"{before} {words[position]}" if words[position] in _RATE_UNITS and _counts(before) else words[position]


def _spoken(word: str) -> str:
    spoken = word.replace("-times", " times").replace("more-", "more ").replace("less-", "less ")
    spoken = spoken.replace("-from", " from")
    return spoken.replace("-", " ") if spoken.startswith("every-") else spoken


def _as_written(word: str, text: str) -> str:
    """A move quoted as `text` says it: "went up", not the "rose" it was read as."""
    for (verb, particle), moved in PHRASAL_MOVES.items():
        if moved == word and re.search(rf"\b{verb}\s+{particle}\b", text, re.I):
            return f"{verb} {particle}"
    return word


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
    **dict.fromkeys(("shed", "axe", "cut"), "cut"),
    **dict.fromkeys(("reduced", "lowered"), "reduced"),
    **dict.fromkeys(("reduces", "lowers"), "reduces"),
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


def _negators(words: list[str]) -> list[int]:
    """Where the verb negators are ("not only" and a verbless "not a ..." aside)."""
    found = []
    for i, word in enumerate(words):
        following = words[i + 1] if i + 1 < len(words) else ""
        if word == "not" and (following in {"only", "just", "merely"} or _denies_a_noun(words, i)):
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


def _denies_the_claim(clause: list[str], wanted: set[str]) -> bool:
    """Some of the claim's words come after the clause's last negator: "... on death row for murders he
    says he didn't commit" denies the murders, not the years on death row that the claim states."""
    where = _negators(clause)
    return bool(where) and bool(wanted & _stems(clause[where[-1] :]))  # from the negator: "non-refundable"


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
            forms |= {verb + ("d" if verb.endswith("e") else "ed"), verb + "s"}
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


_BACK_REFERENCE = re.compile(
    r"^(?P<front>(?:[A-Z][^,]{0,40},\s+)?)(?:(?P<person>[Hh]e|[Ss]he)|(?P<thing>[Ii]ts))\s+(?=[a-z])"
)


def _named_back(sentence: str, previous: str) -> str:
    """A "he", "she" or "its" that opens the sentence or its clause after a phrase set before it, read as the one
    name the sentence before puts before its verb: "Lake Orvane lies in a basin. Between 2010 and 2020 its surface
    area shrank" is Lake Orvane's area; "After studying engineering, she opened her own practice" is the architect
    the sentence before names."""
    found = _BACK_REFERENCE.match(sentence)
    if not found and (
        fronted := re.match(r"^(?:Between|From|In|During|After|Before|Since|By|On)\b[^,]{0,40}?\s+(?=its\s)", sentence)
    ):
        found = _BACK_REFERENCE.match(sentence[fronted.end() :])
        offset = fronted.end()
    else:
        offset = 0
    name = subject_name(previous) if found else None
    if not found or not name:
        return sentence
    said = f"{name}'s" if found["thing"] else name
    return f"{sentence[: offset + found.end('front')]}{said} {sentence[offset + found.end() :]}"


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


_NO_COMPARISON = frozenset({"longer", "less", "more", "fewer", "later", "earlier", "sooner"})
"""Words after "no" that make it a comparison, not a denial: "no less than 13 players" says there were 13."""


def _denies_a_thing(words: Sequence[str], wanted: set[str]) -> bool | None:
    """Whether a "no" after a verb denies one of the claim's things: "charges no entry fee" denies what
    "charges an entry fee" states, as "does not charge an entry fee" does. None where a "no" denies a thing
    the claim does not name ("charges no entry fee" against "charges no fee": a fee of another kind may
    still be charged), so that the clause is left alone. "with no warning", "No. 10" deny nothing here."""
    found: bool | None = False
    for i, word in enumerate(words):
        free = word == "free" and words[i + 1 : i + 2] == ["of"] and words[i - 1 : i] in (["is"], ["are"])
        if free and _stems(words[i + 2 : i + 4]) & wanted:
            return True  # "is free of animal products" denies "contains animal products"
        denial = 0 < i < len(words) - 1 and words[i - 1] not in _NOT_A_VERB and words[i + 1] not in _NO_COMPARISON
        if word == "no" and denial:
            following = words[i + 1]
            if _stem(following) in wanted:
                return True
            if following not in STOPWORDS and not following.isdigit():
                found = None
    return found


_CONDITIONS = frozenset({"when", "whenever", "if", "unless", "once"})


def _only_conditions_denied(words: list[str], where: list[int]) -> bool:
    """Every denial of the claim (at `where`) sits in a condition ("I like it when it is not boiled"): the
    claim states nothing the evidence could deny, whatever the evidence says of the unconditioned fact."""
    condition = next((i for i, word in enumerate(words) if word in _CONDITIONS), None)
    return bool(where) and condition is not None and condition < where[0]


_NEEDS = frozenset({"need", "needs", "needed", "require", "requires", "required"})
"""Verbs that make a thing a condition: "need a permit to build" is denied by "may build without a permit"."""


def _object(words: Sequence[str], i: int, reach: int = 2) -> str:
    """The word `words[i]` acts on, its article aside ("refused the licence": "licence"); "" where none."""
    return next((w for w in words[i + 1 : i + 1 + reach] if w not in _ARTICLES), "")


def _clauses_about(wanted: set[str], evidence: str) -> Iterator[tuple[_Sentence, tuple[str, ...]]]:
    """The clauses of the evidence sentences that hold most of the claim's words (`CLAUSE_OVERLAP`)."""
    for sentence in _sentences(evidence):
        if len(wanted & sentence.stems) >= CLAUSE_OVERLAP * len(wanted):
            for clause in _clauses(sentence.read):
                yield sentence, clause


def _needed(words: list[str]) -> str | None:
    """The thing a claim says is needed, or not ("Residents need a permit to build a shed": "permit")."""
    for i, word in enumerate(words[:-1]):
        thing = _object(words, i, reach=3) if word in _NEEDS else ""
        if thing and thing not in STOPWORDS:
            return thing
    return None


def _without(claim: list[str], thing: str, evidence: str) -> tuple[bool, str] | None:
    """(whether the need holds, the sentence) where an evidence clause does what the claim speaks of with or
    without `thing`: "may build a garden shed without a permit" (it does not), "cannot build a garden shed
    without a permit" (it does)."""
    for sentence, clause in _clauses_about(_stems(_content(claim, _NEEDS | {thing})), evidence):
        if any(w == "without" and _stem(_object(clause, i)) == _stem(thing) for i, w in enumerate(clause)):
            return _negated(list(clause)), sentence.text
    return None


_GRANTED = frozenset({"granted", "given", "awarded", "released", "received", "approved", "obtained", "got", "won"})
_REFUSED = frozenset({"refused", "denied", "rejected", "withheld", "declined"})
"""What a claim says was granted ("released on bail", "awarded a licence") and what refuses it in the
evidence ("refused bail", "denied a licence")."""


def _refused(claim: list[str], evidence: str) -> str | None:
    """An evidence clause that refuses the thing an unnegated claim says was granted: "The suspect was
    released on bail" against "The magistrate refused bail and remanded the suspect in custody"."""
    granted = [i for i, w in enumerate(claim) if w in _GRANTED]
    things = {_stem(w) for i in granted for w in claim[i + 1 : i + 4] if w not in STOPWORDS and w not in _GRANTED}
    if not things or _negated(claim):
        return None
    whole = _stems(_content(claim))
    if any(whole <= s.stems and not _negated(list(s.words)) for s in _sentences(evidence)):
        return None  # "refused at first, then released on bail": some sentence says it the claim's way
    for sentence, clause in _clauses_about(_stems(_content(claim, _GRANTED)), evidence):
        refuses = any(w in _REFUSED and _stem(_object(clause, i)) in things for i, w in enumerate(clause))
        if refuses and not _negated(list(clause)):
            return sentence.text
    return None


_TAKEN_WITH = re.compile(
    r"\b(?P<can>can|may|should|must|cannot|can't|should not|shouldn't|do not|don't|never)\s+(?:safely\s+)?"
    r"(?:drink|eat|have)\s+"
    r"(?P<thing>[\w\s-]{2,40}?)\s+(?:while|when)\s+(?:you(?:'re| are)\s+)?(?:taking|on)\s+(?P<drug>[A-Z][\w-]+)",
    re.I,
)
"""What a leaflet says as "Do not take Velorin with grapefruit juice", a claim says as "you can drink grapefruit
juice while you're taking Velorin": one act, read the leaflet's way, and a leaflet that says "Do not drink grapefruit
juice while you are taking Dorvalex" is read the same way."""


def _as_the_leaflet_says(text: str) -> str:
    """ "can drink grapefruit juice while taking Velorin" as "can take Velorin with grapefruit juice"."""
    return _TAKEN_WITH.sub(r"\g<can> take \g<drug> with \g<thing>", text)


def _quoting_the_evidence(finding: RuleFinding, evidence: str) -> RuleFinding:
    """A finding made on the evidence read the leaflet's way, quoting the sentence the evidence wrote."""
    for sentence in _sentences(evidence):
        if finding.cite and _as_the_leaflet_says(sentence.text) == finding.cite:
            return contradiction(finding.rule, f"The evidence denies it: {quote(sentence.text)}", sentence.text)
    return finding


class NegationRule:
    name = "negation"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        claim = _what_is_reported(claim)
        taken = _as_the_leaflet_says(claim)
        leaflet = _as_the_leaflet_says(evidence)
        found = self._denied(claim, evidence) or (self._denied(taken, evidence) if taken != claim else [])
        if found or leaflet == evidence:
            return found
        # both in the leaflet's form: a claim said the other way is read that way too
        return [_quoting_the_evidence(f, evidence) for f in self._denied(taken, leaflet)]

    def _denied(self, claim: str, evidence: str) -> list[RuleFinding]:
        if limited := _beyond_the_limit(claim, evidence):
            return [
                contradiction(self.name, f"The evidence allows it only {limited[0]!r}: {quote(limited[1])}", limited[1])
            ]
        words = _words(_days_as_spans(claim, evidence))
        if refused := _refused(words, evidence):
            return [contradiction(self.name, f"The evidence says it was refused: {quote(refused)}", refused)]
        thing = _needed(words)
        said = _without(words, thing, evidence) if thing else None
        if said is not None:
            needed, sentence = said
            if needed != _negated(words):
                return []  # "need a permit" is what "cannot build without a permit" says
            which = "does not need" if not needed else "needs"
            return [contradiction(self.name, f"The evidence says it {which} {thing!r}: {quote(sentence)}", sentence)]
        seeing = _witnessed(words) | _permitting(words)
        wanted = _stems(_content(words)) - seeing
        denies_a_thing = _denies_a_thing(words, wanted)
        if denies_a_thing is None:
            return []
        denials = _negators(words)
        if _only_conditions_denied(words, denials):
            return []
        negated = (len(denials) % 2 == 1) != denies_a_thing
        claim_denials = len(denials)
        own_clauses = [
            (_stems(_content(part)) - seeing, _negated(part))
            for part in (_words(text) for text in CLAUSE_BREAK.split(claim))
        ]
        matches = []
        for sentence in _matching(words, evidence, seeing):
            clause = _clause(words, sentence.read)
            in_clause, in_sentence = _denies_a_thing(clause, wanted), _denies_a_thing(sentence.words, wanted)
            if in_clause is None:
                continue
            denied = _negated(clause) != in_clause
            says_no = _negated(sentence.words) != bool(in_sentence)
            if says_no == negated and claim_denials == len(_negators(sentence.words)) and wanted <= sentence.stems:
                return []  # a sentence says all of it with the claim's denials (not two denials against none)
            # "X, who has not been named, said ..." says it the claim's way, unless the claim states a thing
            # the clause that says it denies ("do not work ..., so they are not effective" has two denials);
            # and the negated clause itself must say most of the claim, not only its sentence
            said = _with_antecedent(clause, sentence.read)
            guarded = (
                not _opposite_word(words, clause)  # "does not open" says "is closed"
                and not _denies_an_attitude(clause, words)
                and not _ranks_by_denial(clause, words)
                # "Only vehicles weighing up to 3.5 tonnes may use the road" denies the road to the rest
                and not (negated and not denied and _restricted(sentence.words))
            )
            if (
                (says_no != negated or (not negated and denied))
                and len(wanted & said) >= CLAUSE_OVERLAP * len(wanted)
                and (negated or not denied or in_clause or _denies_the_claim(clause, wanted))
                # a clause states what the claim denies only with all of it: "take one tablet before breakfast"
                # does not say "should not be taken with milk" the other way round
                and (not negated or denied or not denials or _states_the_denied(words[denials[0] + 1 :], said))
                and guarded
            ):
                matches.append((sentence, denied, negated))
            elif (own := _own_clause_said(wanted, own_clauses, said)) and guarded:
                stems, own_negated = own
                if own_negated != denied and (own_negated or not denied or _denies_the_claim(clause, stems)):
                    matches.append((sentence, denied, own_negated))
        if any(stated == mine for _, stated, mine in matches):
            return []  # some sentence says it the claim's way: the evidence disagrees with itself, not the claim
        for sentence, stated, mine in matches:
            if stated != mine:
                which = "denies" if not mine else "states"
                return [contradiction(self.name, f"The evidence {which} it: {quote(sentence.text)}", sentence.text)]
        return []


_COUNTING = frozenset({"about", "around", "some", "a", "one", "two", "three", "few", "several", "nearly", "roughly"})


def _restricted(words: Sequence[str]) -> bool:
    """The sentence grants what it says to some only ("Only vehicles weighing up to 3.5 tonnes may use the road",
    "but only when the phone is on Wi-Fi"), denying it to the rest; "only about ten of her poems were published" is
    a count, and says some were."""
    return any(
        w == "only" and k + 1 < len(words) and words[k + 1] not in _COUNTING and not words[k + 1][:1].isdigit()
        for k, w in enumerate(words)
    )


_WIDENING = re.compile(r"\b(?:any|anyone|anybody|everyone|everybody|as\s+well\s+as|regardless\s+of)\b", re.I)
_ONLY = re.compile(
    r"\bonly\s+(?P<limit>(?:when|if|while|to|for|the|by|on|at|with|after|before|during|between)\b[^,.;]*)", re.I
)


def _beyond_the_limit(claim: str, evidence: str) -> tuple[str, str] | None:
    """(the limit, its sentence) where the claim widens to any what the evidence allows only to some: "any player may
    question the referee" against "only the team captain may speak to the referee about a decision"; "backs up photos
    over mobile data as well as over Wi-Fi" against "backs up photos automatically, but only when the phone is
    connected to Wi-Fi". The sentence must say most of the rest of the claim, and say it without a denial."""
    widening = _WIDENING.search(claim)
    if not widening or re.search(r"\bonly\b", claim, re.I):
        return None
    wanted = _stems(_content(_words(claim))) - _stems(_words(widening.group()))
    for sentence in _sentences(evidence):
        limited = _ONLY.search(sentence.text)
        if limited and not _negated(list(sentence.words)) and len(wanted & sentence.stems) >= 0.6 * len(wanted):
            return limited["limit"].strip(), sentence.text
    return None


_REPORTED = re.compile(
    r"^[\w\s'’.-]{0,40}?\b(?:leaflet|label|guide|guidance|guidelines|manual|notice|policy|contract|lease|website"
    r"|handbook|timetable|instructions|documentation|terms)\s+(?:says|states|warns|notes|explains|advises)"
    r"\s+(?:that\s+)?"
    r"|^[\w\s'’.-]{0,40}?\b(?:court|judge|tribunal|jury)\s+(?:has\s+)?(?:ruled|found|held|decided|concluded)\s+that\s+",
    re.I,
)
"""A document that says it, before what it says: the evidence is the document's content ("The Veltrazine leaflet
says it's safe to drink alcohol" / "Do not drink alcohol while you are taking Veltrazine"), and a court's finding
its content ("The court ruled that Pellmont had breached the contract"). Not a person who
says it ("Lawyer says it looks like his client's handwriting"): who said what is the evidence's to report."""


def _what_is_reported(claim: str) -> str:
    """What a claim reports without who reports it, unless that part denies ("never said that")."""
    match = _REPORTED.match(claim)
    if not match or _negators(_words(match.group())) or re.search(r"n['’]t\b", match.group()):
        return claim
    return claim[match.end() :]


def _own_clause_said(
    wanted: set[str], own_clauses: list[tuple[set[str], bool]], said: set[str]
) -> tuple[set[str], bool] | None:
    """The claim's own clause that an evidence clause says all of, and whether it is negated, where the claim
    breaks where the evidence does: "You can drink alcohol while taking Veltrazine" / "Do not drink alcohol while
    you are taking Veltrazine" (the denial is in the clause before "while"); None where no clause of it is said."""
    return next(((own, no) for own, no in own_clauses if len(own) >= 2 and own != wanted and own <= said), None)


_NONE = frozenset({"no", "nothing", "nobody", "none", "neither"})


def _states_the_denied(denied: list[str], said: set[str]) -> bool:
    """The clause says what the claim denies, all of it but one word in four: "take one tablet before breakfast"
    does not say "should not be taken with milk" the other way round; "Arthur Conan Doyle wrote The Adventures of
    Sherlock Holmes" says what "was not written by Arthur Conan Doyle" denies. A month or a number the clause gives
    another way is left to the clause ("takes effect on 24 October" says what "does not take effect until
    November" denies)."""
    wanted = {w for w in _stems(_content(denied)) if w not in MONTHS and not w[:1].isdigit()}
    return len(wanted - said) <= len(wanted) // 4


def _ranks_by_denial(clause: list[str], claim: list[str]) -> bool:
    """ "No country in the world is larger than Russia" ranks Russia first: a superlative said by denying any
    comparison, which states what "Russia is the largest" states. A claim that compares ("larger than") is
    read against it as usual."""
    return bool(_NONE & set(clause)) and "than" in clause and "than" not in claim


_PERMISSION = frozenset({"safe", "fine", "okay", "ok", "alright"})


def _permitting(words: list[str]) -> frozenset[str]:
    """ "It is safe to drink alcohol" says what "you can drink alcohol" says, so the evidence need not say
    "safe": "Do not drink alcohol" denies it. Only before "to" and a verb: "safe for children" is a claim of
    safety, which "not effective for children" does not deny. "Safely" after a modal says it too ("can be safely
    taken with grapefruit juice")."""
    allowed = {w for w, after in zip(words, words[1:], strict=False) if w in _PERMISSION and after == "to"}
    safely = {w for i, w in enumerate(words) if w == "safely" and {"can", "may", "be"} & set(words[max(0, i - 2) : i])}
    return frozenset(allowed | safely)


_PERCEIVING = frozenset({"saw", "see", "sees", "seen", "watched", "witnessed"})


def _witnessed(words: list[str]) -> frozenset[str]:
    """A verb of seeing before what was done ("never saw any of her poems published"): the claim is about the
    deed ("her poems were published"), which is what the evidence will say, without the seeing."""
    return frozenset(
        w
        for i, w in enumerate(words)
        if w in _PERCEIVING and any(v.endswith("ed") and v not in _PERCEIVING for v in words[i + 2 : i + 8])
    )


_ATTITUDES = frozenset(
    "know knew known believe believed think thought expect expected remember recall understand imagine suppose".split()
)
"""Verbs whose denial leaves what follows them open: "I don't know how he fell out of the window" says he fell."""
_ATTITUDE_ROOTS = {"knew": "know", "known": "know", "thought": "think", "believed": "believe", "expected": "expect"}


def _denies_an_attitude(clause: list[str], claim: list[str]) -> bool:
    """Every denial of the clause denies a knowing or believing the claim does not state ("does not believe
    that Bayern's injuries will play a part" denies no match against Bayern), not the event after it."""
    where = _negators(clause)
    stated = {_ATTITUDE_ROOTS.get(w, w) for w in _stems(claim)}
    return bool(where) and all(
        any(w in _ATTITUDES and _ATTITUDE_ROOTS.get(_stem(w), _stem(w)) not in stated for w in clause[i + 1 : i + 3])
        for i in where
    )


def _opposite_word(claim: list[str], clause: list[str]) -> bool:
    """The clause says one of the claim's words by its opposite (a negated opposite agrees)."""
    said = set(clause)
    return any(word not in said and ANTONYMS.get(word, frozenset()) & said for word in claim)


_GRADING = frozenset({"good", "great", "excellent", "very", "highly", "extremely", "efficient"})
"""Words that grade the claim's word without turning it: "a good conductor" and "an excellent insulator"
still say opposite things, so they are neither the subject nor words the evidence must repeat."""
_WEAKENING = frozenset({"poor", "bad", "weak", "inefficient"})
"""Words that turn the claim's word: "a poor conductor" is no contradiction of "an insulator"."""


_PLACES = frozenset({"second", "third", "fourth", "fifth", "2nd", "3rd", "4th", "5th"})


def _placed_lower(words: list[str], evidence: str) -> RuleFinding | None:
    """ "Orlis Airport was Velmark's busiest airport" against "Orlis Airport was the second-busiest": a clause
    about what the claim opens on ranks it below the top by the claim's own superlative."""
    head = [w for w in words if w not in STOPWORDS][:1]
    for i, word in enumerate(words):
        if not head or not word.endswith("est") or (i and words[i - 1] in _PLACES) or word in head:
            continue
        for sentence in _sentences(evidence):
            for clause in _clauses(sentence.read):
                places = [j for j in range(1, len(clause)) if clause[j] == word and clause[j - 1] in _PLACES]
                if places and head[0] in clause[: places[0]]:
                    place = clause[places[0] - 1]
                    detail = f"The evidence ranks it {place}, not first: {quote(sentence.text)}"
                    return contradiction("antonyms", detail, sentence.text)
    return None


class AntonymRule:
    name = "antonyms"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        if placed := _placed_lower(_words(claim), evidence):
            return [placed]
        if opening := _hours_on_a_closed_day(claim, evidence):
            return [opening]
        unexplained = _REASON.sub("", claim)  # "won the final thanks to a late goal": the win is what is turned
        return self._turned(claim, evidence) or (self._turned(unexplained, evidence) if unexplained != claim else [])

    def _turned(self, claim: str, evidence: str) -> list[RuleFinding]:
        said = _days_as_spans(_as_verb(claim), evidence)
        words = _words(said)
        head = [w for w in words if w not in STOPWORDS][:1]
        parts = _clause_of_each_word(said, words)
        for i, word in enumerate(words):
            rate = word not in ANTONYMS and bool(_other_frequencies(word))
            opposites = (
                ANTONYMS.get(word, frozenset())
                | _other_frequencies(word)
                | _phrased_opposites(word)
                | _moved_opposites(word)
            )
            if not opposites:
                continue
            ranked = _superlative_opposites(word)
            if words[i - 1 : i] and words[i - 1] in _WEAKENING:
                continue  # "a poor conductor" says what "an insulator" says
            first, last = parts[i]
            subject = (
                _subject_before(words[max(first, i - 4) : i])
                or _subject_before(words[max(0, i - 4) : i])
                or _subject_before(words[first:i])  # "Wendhall is located on the south bank"
            )
            anchor = [w for w in words[i + 1 : i + 5] if w not in STOPWORDS][:2]
            drop = frozenset({word, *opposites, *ranked}) | _GRADING
            # a comparison is read in its own clause: "Argon is lighter than air, so it rises"
            matched = _matching(words[first:last] if words[i + 1 : i + 2] == ["than"] else words, evidence, drop)
            # or a clause that opens on the claim's subject and ends on the opposite, unqualified, whatever else
            # the claim says ("The lake is deep" / "The lake is very shallow"; "The newsletter is sent daily" /
            # "The newsletter goes out once a week"; not "The shop is closed on Sundays")
            loose = [(s, True) for s in _sentences(evidence) if s not in matched]
            for sentence, is_loose in [(s, False) for s in matched] + loose:
                clause = _clause(words, sentence.read)
                ends_opposite = clause[-1:] and clause[-1] in opposites or _ranked_among(clause, ranked)
                # a rate said of what the claim is about, wherever it stands: "Adalimumab injections are given
                # once a week" / "Adalimumab is injected once every two weeks"; and a figure "up from" another
                # said of what the claim moves: "Brentwick Foods reduced its net debt" / "Brentwick Foods ended
                # the year with net debt of £410 million, up from £352 million"
                of_the_head = bool(opposites & _MOVED or rate) and word not in clause and _opens_on(clause, head, rate)
                # "the board's monthly meetings" / "The board ..., chaired by ..., meets four times a year"
                of_the_rated = rate and _rate_of(_rated(words, i), sentence.words, opposites)
                # or a rate said of the thing the claim puts it on, just before it: "take their methotrexate tablets
                # every morning" / "For rheumatoid arthritis, methotrexate is taken once a week"
                named = (
                    rate
                    and not _counts(word)
                    and word not in clause
                    and (_rate_of(subject + _rated(words, i), clause, opposites) or of_the_rated)
                    and _says_most_of_a_rate(words, clause, sentence, evidence)
                    and not _other_days(claim, sentence.text)  # "Monday to Saturday, ... hourly": another timetable
                )
                of_the_head = of_the_head or named
                if is_loose and not (_opens_on(clause, subject) and ends_opposite) and not of_the_head:
                    continue
                only_figures = is_loose and not rate and not (_opens_on(clause, subject) and ends_opposite)
                who = [] if of_the_head and rate else subject[:1] if is_loose else subject
                if not is_loose:
                    # a matched sentence may name the subject without a modifier: "revenue for the third quarter fell"
                    # says of "quarterly revenue" what its "revenue" does; never without its head noun ("the total
                    # vale" is no "total"), and a word the sentence gives in another clause still picks the subject
                    # out ("Quellon X1" / "Quellon X2")
                    if who and who[-1] in sentence.words:
                        who = [w for w in who if w in sentence.words]
                moved = anchor if _has_object(words, i) else subject
                found = None
                if word not in clause and _negated(clause) == _negated(words):  # "does not open" is "is closed"
                    near = (
                        _counted(clause, j)
                        for j, o in enumerate(clause)
                        if not only_figures
                        and o not in _MOVED
                        and (o in opposites or o in ranked and _ranked(clause, j))
                        and (
                            _near(who, clause, j)
                            or bool(who)
                            and set(who) <= set(clause[: min(j, 5)])
                            # a clause about the subject says its opposite after all its words: "seeds treated
                            # with the new polymer coating germinated on average 2.3 days faster"
                            or bool(who)
                            and _opens_on(clause, who)
                            and set(who) <= set(clause[:j])
                        )
                        and not _said_for_other_days(claim, clause, j)
                    )
                    # "up from" follows its figure's clause after a comma: read in the whole sentence
                    whole = sentence.words
                    figures = (
                        o for j, o in enumerate(whole) if o in _MOVED & opposites and _near(moved[-1:], whole, j)
                    )
                    found = next(near, None) or next(figures, None)
                    # what the claim puts right after its word may stand in another clause of the sentence:
                    # "invented the press around 1440, three centuries before the French Revolution"
                    # and the clause itself where it names what the claim opens on, the opposite before what the
                    # claim's word stands before: "Oskeby lies on the north bank of the Tarn, opposite Wendhall on
                    # the south bank"
                    candidates = (
                        [list(sentence.words)]
                        if word not in sentence.words
                        else [clause]
                        if set(head) <= set(clause)
                        else []
                    )
                else:
                    # or the sentence says the claim's word of something else and the opposite of the claim's
                    # thing: "open Monday to Saturday and closed on Sundays"
                    # unless that clause says the claim's own phrase of the claim's subject: "opposite Wendhall on
                    # the south bank" is where "Wendhall is located on the south bank" is said
                    k = clause.index(word) if word in clause else -1
                    own = k >= 0 and set(head) <= set(clause) and bool(anchor) and clause[k + 1 : k + 2] == anchor[:1]
                    candidates = [] if own else [list(c) for c in _clauses(sentence.read) if word not in c]
                for said in (c for c in candidates if _negated(c) == _negated(words)):
                    found = found or next(
                        (
                            o
                            for j, o in enumerate(said)
                            if o in opposites - _MOVED
                            and _anchored(anchor, said, j)
                            and not _said_for_other_days(claim, said, j)
                        ),
                        None,
                    )
                if not found and _opens_on(clause, subject):
                    found = _in_a_clause_sharing_the_subject(opposites, clause, sentence.read, claim, _negated(words))
                if not found and len(subject) >= 2 and not is_loose:
                    found = _in_another_clause_of_the_subject(opposites, subject, sentence.read, claim, _negated(words))
                if not found and words[i - 1 : i] and words[i - 1] in _ARTICLES:
                    found = _apposed(opposites, subject, sentence.text)
                if not found and not _has_object(words, i):
                    found = _moved_in(word, subject, sentence.words)
                if not found and of_the_rated and named:
                    rates = (j for j, o in enumerate(sentence.words) if o in opposites and o in _RATE_UNITS)
                    found = next((_counted(sentence.words, j) for j in rates), None)
                if found:
                    theirs, ours = _as_written(_spoken(found), sentence.text), _as_written(_spoken(word), claim)
                    if ours.lower() not in claim.lower():  # said as a noun: "a 12% rise in quarterly revenue"
                        ours = next((n for n, v in _NOUN_AS_VERB.items() if v == ours and n in claim.lower()), ours)
                    detail = f"The evidence says {theirs!r} where the claim says {ours!r}: {quote(sentence.text)}"
                    return [contradiction(self.name, detail, sentence.text)]
        return []


_REASON = re.compile(r"[,\s]+(?:thanks to|because of|because|due to|owing to|as a result of)\b[^,;]*(?=[.!]?$)", re.I)
"""A reason the claim gives after what it says: the rest of the claim is said without it."""


def _own_part(claim: str, quantity: Quantity) -> str:
    """The claim up to the "and" that joins a second thing to the quantity's ("The Corvane Z8 comes with 32 GB of
    RAM and a 14-inch display"): a sentence that gives one of the two says the quantity's part."""
    joined = re.search(r"\s+and\s+(?:a|an|the|its|their)\b", claim[quantity.end :])
    return claim[: quantity.end + joined.start()] if joined else claim


def _own_clause(claim: str, quantity: Quantity) -> str:
    """The clause of the claim that holds the quantity ("Orvane's planned Redgrove plant, due to open in 2028, is
    expected to bring 800 jobs"): a summary fuses what the evidence says in several sentences, and one of them may
    give this clause's figure alone ("The plant is expected to create 1,800 jobs")."""
    start = max((m.end() for m in CLAUSE_BREAK.finditer(claim[: quantity.start])), default=0)
    end = next((m.start() for m in CLAUSE_BREAK.finditer(claim, quantity.end)), len(claim))
    return claim[start:end]


_ASIDE = re.compile(r",\s+(?:which|who|whose|where)\b[^,]{3,80},")
"""A clause set off by commas that says something more of what precedes it: the claim says its figure without it."""

_NOUN_MOVE = re.compile(
    r"\b(?:a|an)\s+(?P<figure>[\d.,]+\s?(?:%|per\s?cent)\s+)?(?P<move>rise|increase|jump|gain|fall|drop|decline|decrease)"
    r"\s+in\s+(?P<what>(?:[\w'’-]+\s+){0,3}?[\w'’-]+)(?=\s+(?:to|from|of|at|in|for|on|over|during|compared)\b|[.,;]|$)",
    re.I,
)
_NOUN_AS_VERB = {"rise": "rose", "increase": "increased", "jump": "jumped", "gain": "gained", "fall": "fell"}
_NOUN_AS_VERB |= {"drop": "dropped", "decline": "declined", "decrease": "decreased"}


def _as_verb(claim: str) -> str:
    """A move the claim says as a noun, said as its verb: "reported a 12% rise in quarterly revenue to £48
    million" says "quarterly revenue rose 12% to £48 million", whose subject the evidence's "fell" is about."""
    return _NOUN_MOVE.sub(
        lambda m: f"{m['what']} {_NOUN_AS_VERB[m['move'].lower()]} {m['figure'] or ''}".rstrip(), claim
    )


_RISES = frozenset({"rise", "increase", "jump", "gain", "growth", "surge", "climb", "rebound"})
_FALLS = frozenset({"fall", "drop", "decline", "decrease", "slump", "dip", "slide", "reduction", "contraction"})


def _moved_in(word: str, subject: list[str], sentence: Sequence[str]) -> str | None:
    """The move said as a noun before what moved: "reported a 12% fall in third-quarter profit" against
    "third-quarter profit rose"; the claim's head noun must follow the noun's "in" closely, or come just before
    a move "of" a figure."""
    opposite = _FALLS if word in MOVES_UP else _RISES if word in MOVES_DOWN else frozenset()
    for k, said in enumerate(sentence[:-2]):
        if said in opposite and sentence[k + 1] == "in" and subject and subject[-1] in sentence[k + 2 : k + 6]:
            return said
        # or set after the figure it moved: "third-quarter revenue of 412 million kroner, a decline of 6 percent"
        if said in opposite and sentence[k + 1] == "of" and subject and subject[-1] in sentence[max(0, k - 8) : k]:
            return said
    return None


def _rate_of(thing: list[str], clause: Sequence[str], rates: frozenset[str], reach: int = 5) -> bool:
    """Some word of the thing the claim gives a rate stands shortly before another rate of a period in the clause
    (a count, "11 times", is no rate of a period; "twice daily" is)."""
    named = _stems(thing)
    return any(
        o in rates
        and (not _counts(o) or clause[j + 1 : j + 2] and clause[j + 1] in _RATE_UNITS)
        and named & _stems(clause[max(0, j - reach) : j])
        for j, o in enumerate(clause)
    )


def _rated(words: list[str], i: int) -> list[str]:
    """The thing a rate stands before as its adjective ("a single daily sailing", "the board's monthly meetings"):
    the rate is the thing's as much as the subject's."""
    k = i + 1 if words[i + 1 : i + 2] and words[i + 1] in _RATE_UNITS and words[i] not in _RATE_UNITS else i
    after = words[k + 1 : k + 2]
    if words[k] not in _RATE_UNITS or not after or after[0] in STOPWORDS or not after[0].isalpha():
        return []
    act = re.sub(r"ings?$", "", after[0])  # "meetings" are what the board "meets" to hold
    return after + ([act] if act != after[0] and len(act) >= 3 else [])


def _says_most_of_a_rate(claim: list[str], clause: Sequence[str], sentence: _Sentence, evidence: str) -> bool:
    """No other sentence that gives a rate says as much of the claim as the clause does: "General waste collections
    will remain weekly" is where "General waste on Tenby Road is collected every week" is said, not "recycling
    bins on Tenby Road will be emptied every other Thursday"."""
    wanted = _stems(_content(claim))
    here = len(wanted & _stems(clause))
    return all(
        len(wanted & other.stems) < here
        for other in _sentences(evidence)
        if other is not sentence and any(_other_frequencies(w) for w in other.words)
    )


def _in_a_clause_sharing_the_subject(
    opposites: frozenset[str], clause: Sequence[str], sentence: str, claim: str, negated: bool
) -> str | None:
    """The opposite said in a later clause of the sentence that has no subject of its own, so says it of the
    clause's: "Ashford Rovers finished 22nd of 24 teams and were relegated" against "were promoted"."""
    parts = _clauses(sentence)
    if tuple(clause) not in parts:
        return None
    for later in parts[parts.index(tuple(clause)) + 1 :]:
        if later[:1] and later[0] in _SUBJECTLESS and _negated(list(later)) == negated:
            return next(
                (
                    w
                    for j, w in enumerate(later[:3])
                    if w in opposites - _MOVED and not _said_for_other_days(claim, later, j)
                ),
                None,
            )
    return None


def _in_another_clause_of_the_subject(
    opposites: frozenset[str], subject: list[str], sentence: str, claim: str, negated: bool
) -> str | None:
    """The opposite said right after the claim's subject in any clause of the sentence: "Flooding forced the closure
    of 14 schools in Brinton, while schools in neighbouring Ashby Vale remained open" against "forced schools in
    Ashby Vale to close"."""
    for part in _clauses(sentence):
        words = list(part)
        if _negated(words) != negated:
            continue
        for j, word in enumerate(words):
            if word in opposites - _MOVED and _near(subject, words, j) and not _said_for_other_days(claim, words, j):
                return word
    return None


_SUBJECTLESS = frozenset({"is", "are", "was", "were", "has", "have", "had", "been"})


def _apposed(opposites: frozenset[str], subject: list[str], sentence: str) -> str | None:
    """The opposite set beside the claim's subject by commas: "the plaintiff, former engineer Mira Halvorsen,"
    or "Mira Halvorsen, the plaintiff," against "Mira Halvorsen was the defendant"."""
    if not subject:
        return None
    named = r"\W+".join(map(re.escape, subject))
    for opposite in opposites - _MOVED:
        word = re.escape(opposite)
        before = rf"\b{word}\s*,\s*(?:[\w-]+\s+){{0,3}}{named}\b"
        after = rf"\b{named}\s*,\s*(?:the|a|an)\s+(?:[\w-]+\s+){{0,2}}{word}\b"
        if re.search(before, sentence, re.I) or re.search(after, sentence, re.I):
            return opposite
    return None


def _subject_before(words: list[str]) -> list[str]:
    """What the word is said of, without the count of a rate ("once" of "once weekly" says how often)."""
    said = [w for w in words if w not in STOPWORDS | _GRADING | _LIGHT_VERBS | _PLACING_VERBS]
    while said and said[-1] in _RATE_COUNTS:
        said.pop()
    return said[-2:]


_RATE_COUNTS = frozenset({"once", "twice", "thrice"})


def _clause_of_each_word(claim: str, words: list[str]) -> list[tuple[int, int]]:
    """For each of the claim's words, where its clause starts and ends among the words: a comparison is looked
    for in sentences that say what its own clause says, not the consequence the claim draws ("so it tends to
    rise"), and a word's subject is in its own clause, not a phrase set before it ("In March, the krona")."""
    starts = [0, *(m.start() for m in CLAUSE_BREAK.finditer(claim)), len(claim)]
    sizes = [len(_words(claim[a:b])) for a, b in zip(starts, starts[1:], strict=False)]
    if sum(sizes) != len(words):
        return [(0, len(words))] * len(words)  # a rate or comparison read across a break: the claim stays whole
    spans, first = [], 0
    for size in sizes:
        spans += [(first, first + size)] * size
        first += size
    return spans


_LIGHT_VERBS = frozenset({"make", "makes", "made", "making"})
"""Verbs whose object carries the meaning ("made a profit" is "reported a profit"): no part of a subject."""
_PLACING_VERBS = frozenset({"located", "situated", "lies", "lie", "lay", "sits", "stands", "based"})
"""Verbs that only place the subject ("Tarnholm is located downstream"): no word of the subject."""

_WORKING_DAYS = DAYS_OF_THE_WEEK[:5]
_DAY = re.compile(rf"\bon\s+(?P<day>{'|'.join(DAYS_OF_THE_WEEK)})s?\b", re.I)
_SPAN_OF_DAYS = re.compile(r"\b(?P<said>(?:at|on)\s+(?:the\s+)?(?P<span>weekend|weekday)s?)\b", re.I)


_CLOSED_ON = re.compile(
    rf"\b(?:is|are|will be|stays?|remains?)\s+closed\s+on\s+(?P<day>{'|'.join(DAYS_OF_THE_WEEK)})s?\b", re.I
)
_HOURS = r"\s*:?\s*\d{1,2}(?:[:.]\d{2})?\s*(?:a\.?m\.?|p\.?m\.?)?\s*(?:–|-|to)\s*\d{1,2}(?:[:.]\d{2})?"
_DAY_NAME = rf"(?:{'|'.join(d[:3] for d in DAYS_OF_THE_WEEK)})[a-z]*\.?"
_OPENING_HOURS = re.compile(
    rf"\b(?P<first>{_DAY_NAME})(?:\s*(?:–|-|to|through|until)\s*(?P<last>{_DAY_NAME}))?{_HOURS}", re.I
)


def _hours_on_a_closed_day(claim: str, evidence: str) -> RuleFinding | None:
    """ "The library is closed on Mondays" against "Opening hours: Monday to Friday 9:00–18:00": hours given for
    a span of days that holds the claim's day say it is open then."""
    closed = _CLOSED_ON.search(claim)
    if not closed:
        return None
    day = DAYS_OF_THE_WEEK.index(closed["day"].lower())
    subject = set(_content(_words(claim[: closed.start()])))
    sentences = _sentences(evidence)
    for before, sentence in zip((None, *sentences), sentences, strict=False):
        if not subject & {*sentence.words, *(before.words if before else ())}:
            continue  # the hours of another place
        for hours in _OPENING_HOURS.finditer(sentence.text):
            first = _weekday(hours["first"])
            last = _weekday(hours["last"]) if hours["last"] else first
            if first is not None and last is not None and first <= day <= last:
                detail = f"The evidence gives opening hours on {hours.group().strip()!r}: {quote(sentence.text)}"
                return contradiction("antonyms", detail, sentence.text)
    return None


def _weekday(name: str) -> int | None:
    return next((k for k, d in enumerate(DAYS_OF_THE_WEEK) if name.lower().startswith(d[:3])), None)


def _days_as_spans(claim: str, evidence: str) -> str:
    """The claim with a day of the week said as the span the evidence names that holds it, where the evidence
    names the span and never the day: "open on Saturdays" read as "open at weekends" against "It is closed at
    weekends", "on Tuesdays" as "on weekdays". What holds for every day of a span holds for each."""
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


def _opens_on(clause: Sequence[str], subject: list[str], fronted: bool = False) -> bool:
    """The clause's subject is the claim's: "the lake is very shallow", not "the river near the lake is"; with
    `fronted`, a phrase the clause opens with may be the claim's first ("On Sundays, services run ...")."""
    skipped = _ARTICLES | (_NOT_A_VERB if fronted else frozenset())
    opening = [w for w in clause[:3] if w not in skipped][:1]
    if fronted and clause[:1] and clause[0] in _FRONTING:
        # a span of time before the subject: "From November until March, the Harrowgate ferry will operate"
        opening += [w for k, w in enumerate(clause[1:7], start=1) if clause[k - 1] in _ARTICLES][:1]
    return bool(subject) and any(_stems([w]) == _stems(subject[:1]) for w in opening)


_FRONTING = frozenset({"from", "during", "until", "between", "throughout", "since", "after", "before", "in", "on"})


def _anchored(anchor: list[str], words: Sequence[str], position: int, reach: int = 4) -> bool:
    """The words the claim puts right after its word follow the opposite word: "invented after the French
    Revolution" against "three centuries before the French Revolution", whose subject stands far off."""
    return bool(anchor) and all(w in words[position + 1 : position + 1 + reach] for w in anchor)


def _superlative_opposites(word: str) -> frozenset[str]:
    """The superlative of the word's opposite ("deepest" for "shallow"), by the superlative's own entry."""
    forms = {f"{word}est", f"{word}st", f"{word[:-1]}iest", f"{word}{word[-1:]}est"} & ANTONYMS.keys()
    return frozenset(o for form in forms for o in ANTONYMS[form])


def _ranked(words: Sequence[str], position: int) -> bool:
    """The superlative ranks the thing itself among the most ("is one of the deepest lakes", "is the deepest"),
    not a part of it ("the deepest point of the lake")."""
    before = list(words[max(0, position - 3) : position])
    return before == ["one", "of", "the"] or before[-2:] in (["among", "the"], ["is", "the"], ["was", "the"])


def _ranked_among(clause: Sequence[str], superlatives: frozenset[str]) -> bool:
    return any(w in superlatives and _ranked(clause, j) for j, w in enumerate(clause))


def _other_frequencies(word: str) -> frozenset[str]:
    for group in FREQUENCIES:
        if word in group:
            return group - {word}
    return frozenset()


def _near(subject: list[str], words: list[str], position: int, reach: int = 6) -> bool:
    """The claim's subject words stand just before the opposite word (or the claim names none)."""
    if not subject:
        return True
    window = set(words[max(0, position - reach) : position])
    return all(w in window for w in subject)


class QuantityRule:
    name = "quantities"

    def check(self, claim: str, evidence: str) -> list[RuleFinding]:
        claimed = parse_quantities(claim)
        if not claimed:
            return []
        words = _words(claim)
        numbers = frozenset(w for q in claimed for w in _words(_figure(q)))
        said = [q for q in claimed if _said_elsewhere(claim, q, evidence)]
        slip = self._other_unit(claimed, evidence)
        if slip:
            return [slip]
        months = list(month_years(claim))
        numbers |= {w for start, end, _ in months for w in _words(claim[start:end])}
        if counted := self._counted_year(claimed, words, numbers, evidence) or _counted_on(claimed, words, evidence):
            return [counted]
        # the claim whole, without an aside ("Lake Orvanne, which drains into the Tarn River, covers 31 km²") and
        # each quantity's own part ("comes with 32 GB of RAM and a 14-inch display": the RAM's sentence)
        readings = dict.fromkeys([claim, _ASIDE.sub("", claim), *(_own_part(claim, q) for q in claimed)])
        readings.update(dict.fromkeys(c for q in claimed if len(_content(_words(c := _own_clause(claim, q)))) >= 4))
        matched = [s for reading in readings for s in _matching(_words(reading), evidence, numbers, overlap=0.6)]
        matched += _under_a_heading(claim, evidence, numbers)
        for sentence in dict.fromkeys(matched):
            if _other_days(claim, sentence.text) or _of_a_sibling(claim, sentence.text):
                continue  # "leaves at 5:10 on Sundays" / "on weekdays ... at 6:40": another timetable
            stated = parse_quantities(sentence.text)
            month = self._other_month(claim, months, sentence.text, stated) or _other_quarter(claim, sentence.text)
            if month:
                return [month]
            for quantity in claimed:
                if _PER.search(claim[: quantity.start]):
                    continue  # "twice an hour" is a rate, read by `antonyms` against "every 30 minutes"
                found = self._other_currency(claim, quantity, sentence.text, stated)
                if not found and quantity not in said:
                    found = self._other_value(claim, quantity, sentence.text, stated, claimed)
                if found:
                    return [found]
        return []

    def _other_currency(
        self, claim: str, quantity: Quantity, sentence: str, stated: list[Quantity]
    ) -> RuleFinding | None:
        """The same amount in another currency ("3 million euros" / "3 million dollars")."""
        paid = currency_of(claim, quantity)
        for q in stated if paid else []:
            other = currency_of(sentence, q)
            if other and other[0] != paid[0] and q.kind == quantity.kind and same_quantity(quantity, q):
                detail = f"The evidence gives the amount in {other[1]!r}, not {paid[1]!r}: {quote(sentence)}"
                return contradiction(self.name, detail, sentence, Correction(wrong=paid[1], right=other[1]))
        return None

    def _counted_year(
        self, claimed: list[Quantity], words: list[str], numbers: frozenset[str], evidence: str
    ) -> RuleFinding | None:
        """A year against a sentence that gives none but counts from the one before ("joined in 2004. Three
        years later she was appointed director" puts the appointment in 2007): the two sentences together say
        what the claim says, and the counting one says the claim's own words (two of them at least)."""
        mine = [q for q in claimed if q.kind == QuantityKind.YEAR]
        sentences = _sentences(evidence)
        if not mine or len(sentences) < 2:
            return None
        stated = [years_in(s.text) for s in sentences]
        counted = [
            (n, next(iter(years)))
            for n, years in enumerate(years_of_sentences([s.text for s in sentences]))
            if n and len(years) == 1 and not stated[n] and not any(int(q.value) in years for q in mine)
        ]
        wanted = _stems(_content(words, numbers))
        if not counted or any(
            wanted <= s.stems and said & {int(q.value) for q in mine} for s, said in zip(sentences, stated, strict=True)
        ):
            return None  # a sentence says it all in its year: "He won it in 2014. He had won it a year earlier"
        for n, year in counted:
            sentence = sentences[n]
            together = sentence.stems | sentences[n - 1].stems
            if len(wanted & sentence.stems) < 2 or len(wanted & together) < MIN_OVERLAP * len(wanted):
                continue
            detail = f"The evidence counts to {year}, not {mine[0].text!r}: {quote(sentence.text)}"
            return contradiction(self.name, detail, sentence.text, Correction(wrong=mine[0].text, right=str(year)))
        return None

    def _other_month(
        self, claim: str, months: list[tuple[int, int, int]], sentence: str, stated: list[Quantity]
    ) -> RuleFinding | None:
        """A month of a year against the sentence's dates and months of that year, none in the claim's month
        ("listed in March 2015" / "began trading on 12 May 2015"): the year alone agrees."""
        for start, end, year in months:
            mine = claim[start:end]
            theirs = [(q.text, q.day.month) for q in stated if q.day is not None and q.day.year == year]
            theirs += [(sentence[a:b], _month(sentence[a:b])) for a, b, said in month_years(sentence) if said == year]
            if theirs and all(month != _month(mine) for _, month in theirs):
                right = f"{calendar.month_name[theirs[0][1]]} {year}"
                correction = Correction(wrong=mine, right=right) if len(theirs) == 1 else None
                detail = f"The evidence gives {theirs[0][0]!r}, not {mine!r}: {quote(sentence)}"
                return contradiction(self.name, detail, sentence, correction)
        return None

    def _other_unit(self, claimed: list[Quantity], evidence: str) -> RuleFinding | None:
        """The claim's number in another unit of the same measure ("4 mg" / "4 g", "5 km" / "5 miles"), and
        the claim's amount nowhere: a slip of the unit, which no wording of the same thing explains, so the
        sentence need not share the claim's words ("The maximum daily dose is 4 mg" / "Adults should not
        take more than 4 g in 24 hours")."""
        measured = [q for q in claimed if q.dimension is not None and q.unit is not None]
        if not measured:
            return None
        sentences = [(s.text, parse_quantities(s.text)) for s in _sentences(evidence)]
        for quantity in measured:
            # the amount itself, a bound aside: "up to 40 g" is no amount "10 mg" says, though 10 mg is below it
            amount = quantity.model_copy(update={"bound": None, "approximate": False})
            if any(
                same_quantity(amount, q.model_copy(update={"bound": None}))
                for _, stated in sentences
                for q in stated
                if q.kind == quantity.kind
            ):
                continue
            slip = next(((text, q) for text, stated in sentences for q in stated if _slipped(quantity, q)), None)
            if slip:
                sentence, q = slip
                detail = f"The evidence gives {q.text!r}, not {quantity.text!r}: {quote(sentence)}"
                return contradiction(self.name, detail, sentence, Correction(wrong=quantity.text, right=q.text))
        return None

    def _other_value(
        self, claim: str, quantity: Quantity, sentence: str, stated: list[Quantity], claimed: list[Quantity]
    ) -> RuleFinding | None:
        """The same measure with another value ("20 mg" / "40 mg"), none of the sentence's values the claim's; a
        year against a day of another year ("born in 1913" / "Born on 14 March 1931"). A value the claim itself
        gives elsewhere is its own, not another ("the 28-year-old ... on may 30" against "... on may 30")."""
        measure = _measure(claim, quantity)
        thing = _thing_of(claim, quantity)
        stated = [q for q in stated if not _someone_elses(claim, sentence[: q.start])]
        if thing and any(_thing_of(sentence, q) == thing for q in stated if q.kind == quantity.kind):
            # "4 GB of RAM" against "512 MB of RAM and 4 GB of flash storage": the RAM's value, not the flash's
            stated = [q for q in stated if q.kind != quantity.kind or _thing_of(sentence, q) == thing]
        days = [q for q in stated if q.kind == QuantityKind.DATE]
        if quantity.kind == QuantityKind.YEAR and any(int(q.value) == int(quantity.value) for q in days):
            return None
        # a year against the one day a sentence gives and no year besides ("born in 1913" / "Born on 14 March
        # 1931"); not a decade ("the early 1970's"), nor a span of days ("(January 8, 1935 - August 16, 1977)")
        year = (
            quantity.kind == QuantityKind.YEAR
            and len(days) == 1
            and not any(q.kind == QuantityKind.YEAR for q in stated)
            and not re.match(r"'?s\b", claim[quantity.end :])
        )
        alike = [
            q
            for q in stated
            if (q.kind == quantity.kind and _measure(sentence, q) == measure or year and q.kind == QuantityKind.DATE)
            and not _said_for_other_days(claim, _words(sentence[q.end :]), -1)
            and _event_of(sentence, q) in (_event_of(claim, quantity), None)
            and not any(same_quantity(q, own) for own in claimed if own is not quantity)
        ]
        if not alike or any(same_quantity(quantity, q) for q in stated if q.kind == quantity.kind):
            return None
        if any(q.bound is not None and same_quantity(quantity, q) is None for q in alike):
            return None  # the evidence's bound leaves the claim's value open: "5,800" / "more than 5,000"
        if quantity.kind == QuantityKind.YEAR and int(quantity.value) in _years_counted(sentence, stated, claim):
            return None  # "failed a test in 2009" / "failed a test two years before ... in 2011"
        correction = Correction(wrong=quantity.text, right=alike[0].text) if len(alike) == 1 else None
        detail = f"The evidence gives {alike[0].text!r}, not {quantity.text!r}: {quote(sentence)}"
        return contradiction(self.name, detail, sentence, correction)


_EVENTS = {
    **dict.fromkeys("open opens opened opening start starts started starting begin begins began".split(), "start"),
    **dict.fromkeys("close closes closed closing end ends ended ending finish finishes finished".split(), "end"),
    **dict.fromkeys("leave leaves left leaving depart departs departed departing".split(), "departure"),
    **dict.fromkeys("arrive arrives arrived arriving".split(), "arrival"),
}
"""What happens at a time of day: a library that "opens at 10 a.m." and "closes at 1 p.m." states two times."""


def _event_of(text: str, quantity: Quantity) -> str | None:
    """What happens at a time of day, by the nearest verb before it ("closes at 1 p.m."); None for no event or
    another measure."""
    if quantity.dimension != TIME_OF_DAY:
        return None
    before = _TOKEN.findall(text[: quantity.start])[-4:]
    return next((_EVENTS[w.lower()] for w in reversed(before) if w.lower() in _EVENTS), None)


def _other_quarter(claim: str, sentence: str) -> RuleFinding | None:
    """A quarter of a year against the sentence's quarters of that year, none the claim's ("in Q3 2024" /
    "Norvane Systems Q2 2024 results: revenue €412m")."""
    for start, end, quarter, year in quarters(claim):
        theirs = [(sentence[a:b], q) for a, b, q, y in quarters(sentence) if y == year]
        if theirs and all(q != quarter for _, q in theirs):
            mine = claim[start:end]
            correction = Correction(wrong=mine, right=theirs[0][0]) if len(theirs) == 1 else None
            detail = f"The evidence gives {theirs[0][0]!r}, not {mine!r}: {quote(sentence)}"
            return contradiction("quantities", detail, sentence, correction)
    return None


_PER = re.compile(r"\b(?:once|twice|thrice|times)\s+(?:(?:an?|per|each|every)\s+)?$", re.I)


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
    """The claim and the sentence each say which days they hold for, and no day is in both."""
    mine, theirs = days_named(claim), days_named(sentence)
    return bool(mine and theirs) and not mine & theirs


_COUNTED_YEARS = re.compile(r"\b(?P<count>\w+)\s+years?\s+(?P<way>before|after|earlier|later|previously)\b", re.I)


_LATER = re.compile(r"\b(?P<count>\w+)\s+years?\s+(?:later|afterwards|on)\b", re.I)


def _figure(quantity: Quantity) -> str:
    """The words that give a quantity's value, which say nothing of what a sentence is about: "5 mg", but of
    "a 6.1-inch screen" only "6.1" (the unit joined by its hyphen describes the thing, as "inch" a screen)."""
    number, hyphen, unit = quantity.text.partition("-")
    return number if hyphen and quantity.unit and unit.lower() == quantity.unit.lower() else quantity.text


def _counted_on(claimed: list[Quantity], words: list[str], evidence: str) -> RuleFinding | None:
    """The claim's year taken from the wrong part of a sentence that counts on from it: "He published his first
    novel in 1979, and won the Halvard Prize for it two years later" puts the prize in 1981, so "won the Halvard
    Prize in 1979" is contradicted. The clause that counts gives no year of its own and says more of the claim
    (two of its words at least) than the clause with the year does."""
    mine = {int(q.value) for q in claimed if q.kind == QuantityKind.YEAR}
    if not mine:
        return None
    wanted = _stems(_content(words))
    for sentence in _sentences(evidence):
        parts = [part for part in CLAUSE_BREAK.split(sentence.text) if part.strip()]
        for k, part in enumerate(parts[1:], start=1):
            later = _LATER.search(part)
            count = later and (1 if later["count"].lower() == "a" else count_of(later["count"].lower()))
            if not count or years_in(part):
                continue
            dated = next((p for p in reversed(parts[:k]) if years_in(p)), "")
            year = next(iter(years_in(dated)), None) if len(years_in(dated)) == 1 else None
            if year not in mine:
                continue
            counting, dating = wanted & _stems(_words(part)), wanted & _stems(_words(dated))
            if len(counting) >= 2 and len(counting) > len(dating):
                right = str(year + count)
                detail = f"The evidence counts {later.group()} from {year}, to {right}: {quote(sentence.text)}"
                return contradiction("quantities", detail, sentence.text, Correction(wrong=str(year), right=right))
    return None


def _years_counted(sentence: str, stated: list[Quantity], claim: str = "") -> set[int]:
    """The years a sentence gives by counting from one it names: "two years before ... in 2011" gives 2009,
    "a year earlier" one year either way, "a decade" aside. Each count is read from every year of the sentence,
    either way: the sentence says which year it counts from in words no rule parses. The counted year is the
    other event's, on the side of the count without the year: "The canal opened to traffic in 1847, three years
    after work started" dates the start to 1844, not the opening, so a `claim` that says more of the side with
    the year than of the other gets no counted year from it ("after a profit a year earlier" counts on the side
    of its year)."""
    years = [int(q.value) for q in stated if q.kind == QuantityKind.YEAR]
    wanted = _stems(_content(_words(claim)))
    found = set()
    for match in _COUNTED_YEARS.finditer(sentence):
        count = 1 if match["count"].lower() == "a" else count_of(match["count"].lower())
        if not count:
            continue
        sides = [sentence[: match.start()], sentence[match.end() :]]
        dated = [side for side in sides if any(str(year) in side for year in years)]
        if wanted and len(dated) == 1 and match["way"].lower() in {"before", "after"}:
            other = sides[1] if dated[0] is sides[0] else sides[0]
            if len(wanted & _stems(_words(other))) < len(wanted & _stems(_words(dated[0]))):
                continue
        found |= {year + sign * count for year in years for sign in (-1, 1)}
    return found


def _month(said: str) -> int:
    """The month of "March 2015" or "Sept. 1939"."""
    return MONTHS[said.split()[0].lower().rstrip(".")]


def _slipped(claimed: Quantity, stated: Quantity) -> bool:
    """The same number in another unit of the same measure: 4 in "4 mg" and in "4 g"."""
    return (
        stated.dimension == claimed.dimension
        and stated.unit is not None
        and unit_factor(stated) != unit_factor(claimed)
        and math.isclose(stated.value / unit_factor(stated), claimed.value / unit_factor(claimed))
    )


def _said_elsewhere(claim: str, quantity: Quantity, evidence: str) -> bool:
    """The evidence also gives the claim's value after the claim's own words, back to the first content word
    ("Durst, 71", "viewed more than 1,000", "BMI of 25 to 29) had an 18 per cent", not "in 2011"): a summary
    often takes its figure from one sentence while another sentence gives a figure of its own."""
    lead = re.findall(r"[\w£$€%]+", claim[: quantity.start])[-3:]
    content = next((k for k in range(len(lead) - 1, -1, -1) if lead[k].lower() not in STOPWORDS), None)
    if content is None:
        return False
    words = r"\W+".join(map(re.escape, lead[content:]))
    figure = r"\W+".join(map(re.escape, re.findall(r"[\w£$€%]+", quantity.text)))
    said = re.compile(rf"\b{words}\W+(?P<figure>{figure})", re.I)
    return any(
        (found := said.search(sentence.text))
        and not _of_a_sibling(claim, sentence.text)
        and not _someone_elses(claim, sentence.text[: found.start("figure")])
        for sentence in _sentences(evidence)
    )


def _someone_elses(claim: str, before: str) -> bool:
    """The figure is what a name the claim does not give did: "a month after rival Pexa Systems announced 450
    job losses" is Pexa's figure, not Orlan Technologies'; "compound KX-9 reduced them by 67%" is KX-9's. A
    name and its verb right before the figure say so ("the neighbouring Lake Sessil covers 31 square kilometres"
    is Sessil's, though the claim's "Lake Orvanne" is a lake too), as does a thing with "which" and its verb
    ("the reference sample, which boiled at 87 °C"); "512 MB of RAM and" or "in South Korea in" name no doer."""
    done = _DONE_BY.search(before) or _WHICH_DID.search(before)
    if not done:
        return False
    named = [w for w in done["name"].split() if w.lower() not in STOPWORDS | MONTHS.keys() | _WEEKDAY_NAMES]
    return bool(named) and not all(re.search(rf"\b{re.escape(n)}\b", claim, re.I) for n in named)


_DONE_BY = re.compile(
    r"(?P<name>\b[A-Z][\w-]*(?:\s+[A-Z][\w-]*){0,3})\s+(?:[a-z]+ed|[a-z]{2,}s)\b(?:\s+[a-z]+){0,2}\s*$"
)


_WHICH_DID = re.compile(
    r"\bthe\s+(?P<name>[a-z][\w-]*(?:\s+[a-z][\w-]*)?),\s+which\s+(?:[a-z]+ed|[a-z]{2,}s)\b(?:\s+[a-z]+){0,2}\s*$"
)
"""A thing the sentence compares with, and what it did: "about nine degrees lower than the reference sample, which
boiled at 87 °C" is the sample's figure, not the mixture's."""

_WEEKDAY_NAMES = frozenset(DAYS_OF_THE_WEEK)


_MODEL_NAME = re.compile(r"\b[A-Z][\w-]*(?:\s+(?:[A-Z][\w-]*|\d[\w.]*))*\s+(?:\d|[A-Z]{1,3}-?\d)[\w.]*")
"""A name that ends on a number, as products and models are named: "Tessel Home 200", "Aurix 16", "Corvane Z8"."""


def _of_a_sibling(claim: str, sentence: str) -> bool:
    """The sentence names a sibling of the model the claim opens on ("Tessel Home 300" of "Tessel Home 200")
    and not that model: what it says is said of the other one. Only a model the claim opens on is its
    subject; a later one ("supports Wi-Fi 6") is what it says of it."""
    match = _MODEL_NAME.match(claim.lstrip())
    words = [w for w in match.group().split() if w.lower() not in CLAIM_OPENERS] if match else []
    if len(words) < 2 or re.search(rf"\b{re.escape(' '.join(words))}\b", sentence):
        return False
    return any(m.group().split()[-len(words) :][:1] == words[:1] for m in _MODEL_NAME.finditer(sentence))


_OF_A_THING = re.compile(r"\s+of\s+(?:the\s+|its\s+)?(?P<thing>[A-Za-z][\w-]*)")


def _thing_of(text: str, quantity: Quantity) -> str | None:
    """What an amount is of, where it says: "ram" for "4 GB of RAM"."""
    match = _OF_A_THING.match(text, quantity.end)
    return match["thing"].lower() if match else None


_APPOSITION = re.compile(r"[A-Z][\w'’-]*\s*,\s*$")


_ADVERBS_AFTER = r"(?:only|each|too|also|alone|apiece|respectively)\b"
_WORD_AFTER = re.compile(rf"\s*-?\s*(?:{_ADVERBS_AFTER}\s*)*(?!{_ADVERBS_AFTER})([A-Za-z%]+)")
"""The word after a number that says what it counts, past an adverb: "5 only" counts nothing."""


def _measure(text: str, quantity: Quantity) -> str:
    """What a number counts: its unit, an age where commas set it after a name ("Ann Lee, 56,"), a currency
    named after it ("4.2 billion euros") or by its code before it where no word after says what it counts ("EUR
    4.3 billion in 2022"), else the word after it ("20 mg", "412,000 people", "28-year-old"), else its kind."""
    if quantity.dimension:
        return quantity.dimension
    if quantity.unit:
        return quantity.unit
    if quantity.kind == QuantityKind.DATE:
        return "date"  # "until 14 May 2025" / "close on Friday 14 March 2025": a day, whatever word follows
    if _APPOSITION.search(text[: quantity.start]) and re.match(r"\s*(?:,|$)", text[quantity.end :]):
        return "age"  # "Valerie Cadman-Khan, 56, appeared": set off by commas after a name
    after = _WORD_AFTER.match(text, quantity.end)
    word = after.group(1).lower() if after else ""
    if word in CURRENCIES:
        return CURRENCIES[word]
    currency = currency_of(text, quantity) if not word or word in STOPWORDS else None
    if currency and len(currency[1]) == 3 and currency[1].isupper():
        return currency[0]  # "EUR 4.3 billion in 2022" counts what "4.2 billion euros" does
    if not after:
        return quantity.kind.value
    if re.match(r"[\s-]old\b", text[after.end() :]):
        return "age"  # "47-year-old", "12 years old": an age, not a span of 12 years
    return _stem(word)  # "jobs" count what "job" and "positions" do
