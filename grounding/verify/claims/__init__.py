"""Split an LLM answer into atomic claims, the unit every checker verifies.

A verifier gives one verdict per statement; a sentence that packs two facts ("born in 1879 and won
the Nobel Prize in 1921") gets one verdict for both, so a false half hides behind a true one. The
splitter is rule-based (regexes and a small verb lexicon, no tagger), so it is deterministic, fast
and free of heavy dependencies. Where a rule is unsure it keeps words together: a wrong split puts
words in the answer's mouth, a missed split only makes a claim a little less atomic.

One module per job: `words` (tokens and verb forms), `clauses` (main verb, subject, clause cuts),
`lists` (enumerations), `segments` (paragraphs, bullets, sentences, fillers, non-claims), `pieces`
(a sentence's claims), `questions` (terse answers read with their question), `pronouns` and
`split` (`split_claims`, tying them together).
"""

from __future__ import annotations

from grounding.verify.claims.questions import TEMPLATE_WORDS, read_with_question
from grounding.verify.claims.segments import is_abstention, is_non_claim, segment_answer
from grounding.verify.claims.split import split_claims
from grounding.verify.claims.words import _IRREGULAR as _IRREGULAR

__all__ = ["TEMPLATE_WORDS", "is_abstention", "is_non_claim", "read_with_question", "segment_answer", "split_claims"]
