"""The one lexicon: closed-class English words the text helpers agree on.

Every stage that needs "a word that carries no content" or "a word that opens a sentence" asks here,
so a fix to a list reaches the claim splitter, alignment, the rules and the baselines alike.
"""

from __future__ import annotations

SENTENCE_STARTERS = frozenset(
    """the a an he she it they we i you his her its their our this these that those there here but and
    so yet in on at for from after before when while however meanwhile then also as if since""".split()
)
"""Function words that may open a sentence and so are capitalised only by position."""


STOPWORDS = frozenset(
    """a about above after again against all also am an and any are as at be because been before being below
    between both but by can could did do does doing down during each few for from further had has have having
    he her here hers herself him himself his how i if in into is it its itself just me more most my myself no
    nor not now of off on once only or other our ours ourselves out over own same she should so some such than
    that the their theirs them themselves then there these they this those through to too under until up very
    was we were what when where which while who whom why will with would you your yours yourself yourselves
    yes s t don didn doesn isn wasn aren weren ll ve re d m o y im""".split()
)
"""Words that carry no content of their own (for overlap: the naive baseline and the polarity rules)."""

NEGATORS = frozenset({"not", "never", "no", "none", "nor", "neither", "cannot", "without"})
"""Words that deny what their clause states ("n't" is recognised by its ending)."""

_OPPOSITE_PAIRS = """rose fell|rises falls|rising falling|risen fallen|increased decreased|increases decreases
increase decrease|increasing decreasing|grew shrank|gained lost|higher lower|highest lowest|larger smaller
largest smallest|bigger smaller|more fewer|above below|before after|earlier later|won lost|wins loses
approved rejected|accepted rejected|allowed banned|permitted prohibited|recommended discouraged|opened closed
expanded contracted|strengthened weakened|improved worsened|better worse|best worst|increase decline
older younger|oldest youngest|north south|east west|northern southern|eastern western|minimum maximum
positive negative|success failure|succeeded failed|profit loss|surplus deficit|majority minority
hot cold|warmer cooler|faster slower|heavier lighter|longer shorter|lengthened shortened|bought sold
import export|imported exported|entered left|arrived departed|began ended|started stopped|first last
innocent guilty|acquitted convicted|alive dead|legal illegal|safe unsafe|effective ineffective""".replace("\n", "|").split("|")
ANTONYMS: dict[str, frozenset[str]] = {}
for _pair in _OPPOSITE_PAIRS:
    _a, _b = _pair.split()
    ANTONYMS.setdefault(_a, frozenset())
    ANTONYMS.setdefault(_b, frozenset())
    ANTONYMS[_a] = ANTONYMS[_a] | {_b}
    ANTONYMS[_b] = ANTONYMS[_b] | {_a}
"""Words and the words that say the opposite of the same subject (direction, comparison, outcome)."""

FREQUENCIES: tuple[frozenset[str], ...] = (
    frozenset({"once", "twice", "thrice"}),
    frozenset({"hourly", "daily", "nightly", "weekly", "fortnightly", "monthly", "quarterly", "yearly", "annually"}),
)
"""How often: a claim naming one member of a group where the evidence names another states another rate."""
