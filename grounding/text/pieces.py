"""Cutting a finished answer into stream pieces.

The grounded answer is known only once it is verified, so streams (LangChain's `stream`, the
OpenAI-compatible SSE) send the verified text in word-aligned pieces rather than raw tokens.
"""

from __future__ import annotations

STREAM_PIECE_CHARS = 24


def answer_pieces(text: str, size: int = STREAM_PIECE_CHARS) -> list[str]:
    """The text cut at word boundaries into pieces of about `size` characters; they join back to `text`."""
    pieces: list[str] = []
    start = 0
    while start < len(text):
        end = min(len(text), start + size)
        if end < len(text):
            space = text.rfind(" ", start + 1, end + 1)
            end = space if space > start else end
        pieces.append(text[start:end])
        start = end
    return pieces
