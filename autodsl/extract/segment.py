"""Split protocol text into sentences and tokens, keeping character offsets.

Offsets always point into the text given, so every later span (entities, actions, PDG
nodes) can be traced back to the input file exactly as read.

>>> [t.text for t in tokenize("Spin at 11,000 x g for 30 sec.")]
['Spin', 'at', '11,000', 'x', 'g', 'for', '30', 'sec', '.']
>>> [s.text for s in sentences("Add 5 ml. Mix well! Spin E. coli cells.")]
['Add 5 ml.', 'Mix well!', 'Spin E. coli cells.']
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import accumulate

__all__ = ["Token", "Sentence", "tokenize", "token_bounds", "sentences"]

# numbers with thousands separators or decimals stay whole; words keep inner apostrophes;
# everything else that is not a space is a token of one character.
_TOKEN = re.compile(r"\d+(?:[.,]\d+)*|[^\W_]+(?:'[^\W_]+)?|\S", re.UNICODE)
_SPLIT = re.compile(f"({_TOKEN.pattern})", re.UNICODE)
_LINE = re.compile(r"[^\r\n]+")
_SENTENCE_END = re.compile(r"[.!?]+[\"')\]]*(?=\s+)")
_LAST_WORD = re.compile(r"([^\s(]+)$")  # the word before a full stop
# longer sentences are cut into pieces (real protocol sentences stay far below: WLP's
# longest has 135 tokens)
MAX_SENTENCE_TOKENS = 300
_ABBREVIATIONS = frozenset(
    "e.g i.e approx ca cf etc fig figs no vs min mins sec hr hrs h resp st dr al eq eqs vol".split()
)


@dataclass(frozen=True, slots=True)
class Token:
    """A token: its text and ``[start, end)`` offsets in the text it came from."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class Sentence:
    """A sentence: its text and ``[start, end)`` offsets."""

    text: str
    start: int
    end: int


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[Token]:
    """Tokens of ``text[start:end]`` with offsets into ``text``."""
    stop = len(text) if end is None else end
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN.finditer(text, start, stop)]


def token_bounds(text: str, start: int = 0, end: int | None = None) -> tuple[list[str], list[int]]:
    """The tokens of :func:`tokenize` as their words and where they lie: word ``i`` is
    ``text[start + bounds[2 * i] : start + bounds[2 * i + 1]]``.

    For callers that need the offsets of only a few tokens: it makes no object per token
    but the word (building a :class:`Token`, or a regex match, costs more than finding the
    token, and keeps the garbage collector busy).

    >>> token_bounds("Add  5 ml")
    (['Add', '5', 'ml'], [0, 3, 5, 6, 7, 9, 9])
    """
    # split with the token pattern as a group: [space, token, space, token, ..., space]
    parts = _SPLIT.split(text[start : len(text) if end is None else end])
    return parts[1::2], list(accumulate(map(len, parts)))


def _ends_sentence(text: str, dot: int, next_start: int) -> bool:
    """Whether the punctuation at ``dot`` ends a sentence, given the next token's start."""
    nxt = text[next_start] if next_start < len(text) else ""
    if not (nxt.isupper() or nxt.isdigit() or nxt in "(\"'["):
        return False
    if text[dot] != ".":
        return True
    word = _LAST_WORD.search(text, max(0, dot - 12), dot)
    prev = word.group(1).lower() if word else ""
    if prev in _ABBREVIATIONS or (len(prev) == 1 and prev.isalpha()):
        return False  # "approx. 5", "E. Coli" style initials
    return True


def sentences(text: str, start: int = 0, end: int | None = None) -> list[Sentence]:
    """Sentences of ``text[start:end]``: split at line breaks and at sentence punctuation."""
    stop = len(text) if end is None else end
    result: list[Sentence] = []
    for line_m in _LINE.finditer(text[start:stop]):
        line_start, line_end = start + line_m.start(), start + line_m.end()
        cut = line_start
        for m in _SENTENCE_END.finditer(text[line_start:line_end]):
            dot = line_start + m.start()
            after = line_start + m.end()
            nxt = after
            while nxt < line_end and text[nxt].isspace():
                nxt += 1
            if nxt < line_end and _ends_sentence(text, dot, nxt):
                _append(result, text, cut, after)
                cut = nxt
        _append(result, text, cut, line_end)
    return result


def _append(out: list[Sentence], text: str, start: int, end: int) -> None:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if end <= start:
        return
    if end - start > MAX_SENTENCE_TOKENS:  # cheap bound: a token has at least one character
        tokens = tokenize(text, start, end)
        if len(tokens) > MAX_SENTENCE_TOKENS:
            for piece_start, piece_end in _pieces(text, tokens):
                _append(out, text, piece_start, piece_end)
            return
    out.append(Sentence(text[start:end], start, end))


def _pieces(text: str, tokens: list[Token]) -> list[tuple[int, int]]:
    """An over-long sentence (a run-on line, pasted data) cut into pieces of at most
    :data:`MAX_SENTENCE_TOKENS` tokens, after a ';' or ',' in a piece's last third when
    there is one, so tagging and role linking stay linear in the text's length.

    >>> text = " ".join(["Add 5 ml buffer, mix"] * 200)
    >>> pieces = _pieces(text, tokenize(text))
    >>> max(len(tokenize(text, s, e)) for s, e in pieces) <= MAX_SENTENCE_TOKENS, text[pieces[0][1] - 1]
    (True, ',')
    """
    pieces: list[tuple[int, int]] = []
    first = 0
    while first < len(tokens):
        last = min(first + MAX_SENTENCE_TOKENS, len(tokens))
        if last < len(tokens):
            floor = first + 2 * MAX_SENTENCE_TOKENS // 3
            for k in range(last - 1, floor - 1, -1):
                if tokens[k].text in ";,":
                    last = k + 1
                    break
        pieces.append((tokens[first].start, tokens[last - 1].end))
        first = last
    return pieces
