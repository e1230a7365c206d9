"""An answer cut into segments: paragraphs, bullet items and headings, then sentences, with greetings
and hedges ("Sure, ", "I think ") peeled off the front; and the tests for segments that hold
nothing to verify (questions, fillers, abstentions).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from grounding.text.sentences import split_sentences
from grounding.verify.claims.clauses import _has_verb, _main_verb
from grounding.verify.claims.words import _ALNUM, _words

_BULLET = re.compile(r"[ \t]*(?:[-*•‣◦+]|\d{1,3}[.)]|[a-z][.)])[ \t]+(?=\S)")
_HEADING = re.compile(r"[ \t]*#{1,6}[ \t]")
# Emphasis and code marks at word edges; underscores stay, as they are part of words.
_MARKDOWN = re.compile(r"(?<![\w*`])(?:\*\*|\*|`)(?=[^\s*`])|(?<=[^\s*`])(?:\*\*|\*|`)(?![\w*`])")
_EXCLAMATIONS = (
    r"(?:sure|certainly|absolutely|of course|definitely|indeed|yes|yeah|yep|no|nope|okay|ok|alright|right"
    r"|well|great|gladly|thanks|thank you(?: (?:very much|so much))?|you're welcome|no problem"
    r"|(?:great|good|excellent|interesting) question|happy to help|hi|hello|hey|greetings|hi there"
    r"|hello there|good (?:morning|afternoon|evening)|in summary|in conclusion|overall|to summarize"
    r"|to summarise|in short|in brief|short answer|answer|final answer)"
)
_DOUBTS = (
    r"(?:i'm not sure|i am not sure|i'm not certain|i am not certain|i'm not 100% sure|i don't know for sure"
    r"|i do not know for sure|i don't know exactly|i'm unsure|i am unsure|i may be wrong|i could be wrong"
    r"|i might be wrong|i don't think so|i do not think so|i don't believe so|i'm afraid not|not really"
    r"|i have no idea|i've no idea|i have no clue|no idea|no clue|i don't know|i do not know|i dont know)"
)
_HEDGE_PHRASES = (
    r"(?:the answer is|the short answer is|the correct answer is|the final answer is|i think(?: that)?"
    r"|i believe(?: that)?|i guess|i suppose|i'd say|i would say|in my opinion|to the best of my knowledge"
    r"|i (?:do )?know that"
    r"|as far as i know|if i recall correctly"
    r"|as of my (?:last|latest|knowledge) (?:update|cutoff|cut-off)(?: in \w+(?: \d{4})?)?"
    r"|based on (?:the|my) (?:provided |given )?(?:information|context|knowledge|passages?|documents?|sources?)"
    r"(?: provided| given)?|according to (?:the|my) (?:provided |given )?(?:information|context|knowledge"
    r"|passages?|documents?|sources?|training data|records?|filing|report|article|data)|please note(?: that)?|note that"
    r"|it is worth noting(?: that)?|it's worth noting(?: that)?|it is important to note(?: that)?"
    r"|it's important to note(?: that)?|as an ai(?: language model)?)"
)
# A greeting or hedge in front of the real sentence: "Sure, ...", "I think ...", "No, but ...".
_FILLER_PREFIX = re.compile(
    rf"(?:\*\*)?(?:{_EXCLAMATIONS}|{_DOUBTS}|{_HEDGE_PHRASES})(?:\*\*)?(?:\s*[,:!]+|\s+[-–—]+)\s*"
    r"(?:but\s+|however,?\s+)?"
    rf"|{_HEDGE_PHRASES}\s+(?=\S)",
    re.IGNORECASE,
)
_FILLER_ONLY = re.compile(
    rf"(?:{_EXCLAMATIONS}|{_DOUBTS}|{_HEDGE_PHRASES})[\s,.!:;]*(?:(?:but|however)[\s,.!:;]*)?", re.IGNORECASE
)
_TAG = re.compile(
    r"(?:it|he|she|they|that|there|this|we|i|you)\s+(?:is|was|are|were|does|did|do|has|have|had|can|could"
    r"|will|would)(?:n't|\s+not)?\W*",
    re.IGNORECASE,
)
_HEDGE = re.compile(
    r"(?:i )?hope (?:this|that|it) (?:helps|answers|clarifies|is helpful)|let me know|feel free"
    r"|(?:please )?(?:don't|do not) hesitate|if you have (?:any )?(?:other|more|further|additional) questions"
    r"|i(?:'d| would) be (?:happy|glad)|happy to help|good luck|have a (?:great|nice|good|wonderful) day"
    r"|is there anything else|(?:let me|i'll|i will) (?:explain|break|walk|summarize|summarise|provide|give"
    r"|clarify|help)|here(?: is|'s| are) (?:the |a |an |some |my |what |how |a few |more )"
    r"|as an ai\b|i(?:'m| am) (?:just )?an ai\b",
    re.IGNORECASE,
)
_ABSTENTION = re.compile(
    r"\bi (?:do not|don't|dont|did not|didn't) (?:know|have (?:enough|sufficient|any|the|access|specific)"
    r"|find|see)\b|\bi(?:'m| am) (?:not sure|unsure|not certain|uncertain|unable to|not able to|sorry)\b"
    r"|\bi (?:cannot|can't|can not|could not|couldn't|am unable to|was unable to) (?:answer|determine|find"
    r"|say|tell|confirm|verify|provide|know|be certain|access|browse|help)\b"
    r"|\b(?:not enough|insufficient|no sufficient|no relevant) (?:information|context|data|evidence|details)\b"
    r"|\bno (?:information|context|data) (?:is |was )?(?:available|provided|given)\b"
    r"|\bcannot be (?:answered|determined|verified|confirmed)\b|\bunable to (?:answer|determine|find|provide)\b"
    r"|\b(?:context|passages?|text|documents?|sources?|information)(?: provided| given)? (?:does not|doesn't"
    r"|do not|don't) (?:contain|provide|mention|say|specify|include|give|state|indicate)\b"
    r"|\bbeyond (?:my|the scope of my) knowledge\b|\bi have no (?:idea|information|knowledge|data)\b"
    r"|^(?:unknown|no idea|not sure|unsure|no answer|cannot answer|can't answer|n/a)\W*$"
    r"|^(?:sorry|i apologi[sz]e)\b",
    re.IGNORECASE,
)


@dataclass(frozen=True, slots=True)
class _Segment:
    start: int
    end: int
    kind: str  # "text", "item", "heading" or "filler"
    intro: int | None = None


def _line_blocks(answer: str) -> list[tuple[int, int, str]]:
    """Paragraphs, bullet items and headings, as (start, end, kind) in answer order."""
    blocks: list[tuple[int, int, str]] = []
    start = 0
    for text in answer.split("\n"):
        end = start + len(text)
        line_start = start
        start = end + 1
        if not text.strip():
            if blocks and blocks[-1][2] != "gap":
                blocks.append((line_start, line_start, "gap"))
            continue
        bullet = _BULLET.match(text)
        if _HEADING.match(text):
            blocks.append((line_start + len(text) - len(text.lstrip()), end, "heading"))
        elif bullet:
            blocks.append((line_start + bullet.end(), end, "item"))
        elif blocks and blocks[-1][2] == "item" and text[:1].isspace():
            blocks[-1] = (blocks[-1][0], end, "item")
        elif blocks and blocks[-1][2] == "text":
            blocks[-1] = (blocks[-1][0], end, "text")
        else:
            blocks.append((line_start, end, "text"))
    return [b for b in blocks if b[2] != "gap"]


def _split_filler(answer: str, start: int, end: int) -> list[tuple[int, int, str]]:
    """Peel greetings and hedges ("Sure, ", "I think ") off the front of a sentence."""
    parts: list[tuple[int, int, str]] = []
    while start < end:
        match = _FILLER_PREFIX.match(answer, start, end)
        if not match or not _ALNUM.search(answer, match.end(), end):
            break
        parts.append((start, _rstrip(answer, start, match.end()), "filler"))
        start = match.end()
    parts.append((start, end, "text"))
    return parts


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


_SOFT_WRAP = re.compile(
    r"(?:,|\b(?:the|a|an|of|in|on|at|to|for|from|by|with|and|or|but|is|are|was|were|that|which|who|its|his"
    r"|her|their))[ \t]*\n(?=[ \t]*\S)",
    re.IGNORECASE,
)


def _unwrap(block: str) -> str:
    """Join hard-wrapped lines that end mid-phrase ("flows into the\nMediterranean"), length kept."""
    return _SOFT_WRAP.sub(lambda m: m.group()[:-1] + " ", block)


def _segments(answer: str) -> list[_Segment]:
    segments: list[_Segment] = []
    last_intro: int | None = None
    for start, end, kind in _line_blocks(answer):
        if kind == "heading":
            segments.append(_Segment(start, _rstrip(answer, start, end), "heading"))
            last_intro = None
            continue
        block = answer[start:end]
        sentences = split_sentences(block.replace("\n", " ") if kind == "item" else _unwrap(block))
        for n, (s, e) in enumerate(sentences):
            for ps, pe, pkind in _split_filler(answer, start + s, start + e):
                if pe <= ps:
                    continue
                seg_kind = "item" if kind == "item" and n == 0 and pkind == "text" else pkind
                intro = last_intro if seg_kind == "item" else None
                segments.append(_Segment(ps, pe, seg_kind, intro))
        if kind == "text" and segments and segments[-1].kind == "text":
            last = segments[-1]
            last_intro = len(segments) - 1 if answer[last.start : last.end].rstrip().endswith(":") else None
        elif kind == "text":
            last_intro = None
    return segments


def segment_answer(answer: str) -> list[tuple[int, int]]:
    """Spans of the answer's sentences, as `Claim.sentence` numbers them.

    Bullet items and headings are sentences of their own, and a greeting or hedge at the front of
    a sentence ("Sure, ...", "I think ...") is split off so it can be discarded without the rest.
    """
    return [(s.start, s.end) for s in _segments(answer)]


def _clean(text: str) -> str:
    return " ".join(_MARKDOWN.sub("", text).split()).strip()


def is_abstention(text: str) -> bool:
    """True for an answer that declines to answer ("I don't know", "not enough information").

    The pipeline must not score such an answer as grounded or hallucinated: there is nothing to
    check. An answer that hedges but still states something ("I'm not sure, but it was 1921") is
    not an abstention.
    """
    segments = _segments(text)
    found = False
    for segment in segments:
        part = _clean(text[segment.start : segment.end])
        if _ABSTENTION.search(part):
            found = True
        elif not is_non_claim(part):
            return False
    return found


_KNOW_QUESTION = re.compile(r"(?:did|do)\s+you\s+know(?:\s+that)?\s+(?=\S)", re.IGNORECASE)
_QUESTION_TAG = re.compile(
    r"[,;]?\s+(?:right|correct|no|agreed|true|(?:don'?t|dont|doesn'?t|isn'?t|aren'?t|wasn'?t|weren'?t|didn'?t"
    r"|haven'?t|hasn'?t|won'?t|wouldn'?t|can'?t)\s+(?:you|it|he|she|they|we|there)(?:\s+(?:think|agree|say))?)"
    r"\W*\?\W*$",
    re.IGNORECASE,
)
_QUESTION_START = re.compile(
    r"(?:what|which|who|whom|whose|where|when|why|how|is|are|was|were|do|does|did|have|has|had|can|could"
    r"|will|would|should|shall|may|might)\b",
    re.IGNORECASE,
)
_SPLICED_QUESTION = re.compile(r",\s+(?=" + _QUESTION_START.pattern + r")", re.IGNORECASE)


def _asserted_in_question(answer: str, start: int, end: int) -> list[tuple[int, int]]:
    """Spans a question sentence still asserts: what "Did you know X?" presupposes, a statement
    before a tag ("X, don't you agree?") and a statement spliced before a question ("X, did you know Y?").

    A reply that says "RJ Palacio also wrote Wonder Woman, did you know it is based on a true story?"
    makes two claims; judged as one question it would make none.
    """
    text = answer[start:end]
    spans: list[tuple[int, int]] = []
    splice = _SPLICED_QUESTION.search(text)
    if splice and not _QUESTION_START.match(text) and _has_verb(text[: splice.start()]):
        spans.append((start, start + splice.start()))
        text_start = start + splice.end()
    else:
        text_start = start
    rest = answer[text_start:end]
    know = _KNOW_QUESTION.match(rest)
    if know:
        body = rest[know.end() :].rstrip()
        body_end = text_start + know.end() + len(body.rstrip("?\"'”’)] ").rstrip())
        if _has_verb(answer[text_start + know.end() : body_end]):
            spans.append((text_start + know.end(), body_end))
    elif not spans and not _QUESTION_START.match(rest):
        tag = _QUESTION_TAG.search(rest)
        if tag and _has_verb(rest[: tag.start()]):
            spans.append((text_start, text_start + tag.start()))
    return [(a, b) for a, b in spans if _ALNUM.search(answer[a:b])]


def is_non_claim(sentence: str) -> bool:
    """Sentences with nothing to verify: questions, greetings, hedges, abstentions, headings."""
    text = _clean(sentence)
    if not _ALNUM.search(text):
        return True
    if text.startswith("#") or re.fullmatch(r"\*\*[^*]+\*\*:?", sentence.strip()):
        return True
    if text.rstrip("\"'”’)] ").endswith("?"):
        return True
    if text.endswith(":"):
        words = _words(text, 0, len(text))
        if _main_verb(words, 0, len(words)) is None:
            return True
    if _FILLER_ONLY.fullmatch(text) or _TAG.fullmatch(text) or _ABSTENTION.search(text):
        return True
    return bool(_HEDGE.match(text))


def _content(answer: str, segments: list[_Segment]) -> list[int]:
    """Indexes of the segments that can hold a claim (text and list items, not greetings or hedges)."""
    return [
        i for i, s in enumerate(segments) if s.kind in ("text", "item") and not is_non_claim(answer[s.start : s.end])
    ]
