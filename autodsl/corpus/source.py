"""Spans in the file a protocol was read from, for formats whose text autodsl builds.

A text, markdown or BRAT protocol's :attr:`~autodsl.corpus.models.Protocol.text` is the
file's text as read, so its offsets need no translation. A Protocol Exchange JSON
protocol's text is built from the file: the title and the ``procedures`` strings,
JSON escapes decoded, HTML tags and entities cleaned (:mod:`autodsl.corpus.jsonproto`).
:func:`source_map` maps each character of that text back to the characters of the JSON
file it came from, so output spans can point into the file exactly as read:

* each JSON string value is located in the file by a small scanner that follows the
  document's structure, and each decoded character maps to its escape sequence (``\\n``,
  ``\\u00b5``) or to itself;
* cleaning deletes tags and backslashes, turns entities into one character and tags into
  ``\\n``/``**``/``\\t``/``^``: a cleaned character maps to the next equal character of the
  decoded string within a short window; an inserted one (a line break for ``<p>``, ``µ``
  for ``&#xB5;``) maps to where the decoded string stands.

Words map exactly; a span that starts or ends at an entity or a tag starts or ends at that
markup in the file. :func:`to_source` turns a ``(start, end)`` span of the text into one of
the file.

>>> import json
>>> raw = json.dumps({"title": "T", "procedures": ["<p>Add 5&#xB5;l \\\\(1 M) NaCl.</p>"]})
>>> from autodsl.corpus.jsonproto import parse_json_protocol
>>> p = parse_json_protocol(json.loads(raw), "p")
>>> i = p.text.index("NaCl")
>>> s, e = to_source(source_map(p, raw), i, i + 4)
>>> raw[s:e]
'NaCl'
"""

from __future__ import annotations

import html
import json.decoder
import re
from pathlib import Path
from typing import Any, Sequence

from autodsl.corpus.models import Protocol

__all__ = ["source_map", "to_source", "protocol_source_map", "read_source"]

Location = tuple[int, int]  # start and end of one character's representation in the file
_WINDOW = 400  # how far ahead a character is looked for when cleaning dropped text before it
_WS = " \t\n\r"


def read_source(protocol: Protocol) -> str | None:
    """The text of the JSON file a JSON protocol was read from; None when the protocol's
    offsets already index its file (or it has no readable source)."""
    if protocol.format != "json" or not protocol.source:
        return None
    try:
        return Path(protocol.source).read_bytes().decode("utf-8")
    except (OSError, UnicodeDecodeError):
        return None


def protocol_source_map(protocol: Protocol) -> list[Location] | None:
    """The map of :func:`source_map` for a JSON protocol read from a file, else None."""
    raw = read_source(protocol)
    return None if raw is None else source_map(protocol, raw)


def to_source(mapping: Sequence[Location] | None, start: int, end: int) -> tuple[int, int]:
    """The file span of the text span ``[start, end)`` (unchanged without a mapping)."""
    if mapping is None or not mapping:
        return start, end
    if end <= start:
        at = mapping[min(start, len(mapping) - 1)][0]
        return at, at
    first = mapping[min(start, len(mapping) - 1)][0]
    last = mapping[min(end - 1, len(mapping) - 1)][1]
    return first, max(first, last)


def source_map(protocol: Protocol, raw: str) -> list[Location]:
    """For each character of a JSON protocol's text, where it stands in the file text ``raw``."""
    from autodsl.corpus.jsonproto import clean_markup

    strings = _string_values(raw)
    title_loc = strings.get(("title",))
    procedures = [strings.get(("procedures", k)) for k in range(_count(strings, "procedures"))]
    text = protocol.text
    out: list[Location] = []
    pos = 0
    title_len = len(protocol.title)
    if title_loc is not None:
        decoded, locs = title_loc
        out += _align(" ".join(clean_markup(decoded).split()), decoded, locs)[:title_len]
    else:
        out += [(0, 0)] * title_len
    pos = title_len
    for item in procedures:
        if item is None:
            continue
        decoded, locs = item
        chunk = clean_markup(decoded)
        if not chunk:
            continue
        gap = out[-1][1] if out else 0
        out += [(gap, gap)] * 2  # the blank line joining the parts
        pos += 2
        out += _align(chunk, decoded, locs)
        pos += len(chunk)
    if len(out) < len(text):  # a text that does not come from this file: no mapping past here
        tail = out[-1][1] if out else 0
        out += [(tail, tail)] * (len(text) - len(out))
    return out[:len(text)]


_ENTITY = re.compile(r"&(?:#[0-9]+|#[xX][0-9a-fA-F]+|[A-Za-z][A-Za-z0-9]*);")
_RESYNC = 12  # characters of cleaned text that must agree to pick up after dropped text
_TAG = re.compile(r"</?[A-Za-z][^<>]*>")
_INSERTED = "\n*\t^"  # what cleaning puts where a tag was


def _align(cleaned: str, decoded: str, locs: Sequence[Location]) -> list[Location]:
    """File locations of the characters of ``cleaned`` (``decoded`` after clean_markup)."""
    out: list[Location] = []
    j, n = 0, len(decoded)

    def at(k: int) -> Location:
        return locs[k] if k < n else ((locs[-1][1], locs[-1][1]) if locs else (0, 0))

    for i, ch in enumerate(cleaned):
        while True:
            if j >= n:
                out.append(at(j))
                break
            d = decoded[j]
            tag = _TAG.match(decoded, j) if d == "<" else None
            entity = _ENTITY.match(decoded, j) if d == "&" else None
            escape = d == "\\" and j + 1 < n and decoded[j + 1] == ch
            if d == ch and tag is None and entity is None:
                out.append(locs[j])
                j += 1
                break
            if entity is not None:
                value = html.unescape(entity.group()).replace("\u00a0", " ")
                if value == ch:
                    out.append((locs[j][0], locs[entity.end() - 1][1]))
                    j = entity.end()
                    break
                if value.isspace():
                    j = entity.end()
                    continue
            if escape:  # a markdown escape
                out.append((locs[j][0], locs[j + 1][1]))
                j += 2
                break
            if tag is not None:
                close = tag.end() - 1
                if ch in _INSERTED:
                    out.append((locs[j][0], locs[close][1]))
                    break
                j = close + 1
                continue
            if d.isspace():
                j += 1
                continue
            # cleaning dropped text here (a figure link): find where the cleaned text goes on
            k = decoded.find(cleaned[i:i + _RESYNC], j, min(n, j + _WINDOW))
            if k >= 0 and not ch.isspace():
                out.append(locs[k])
                j = k + 1
            else:
                out.append(at(j))
            break
    return out


def _count(strings: dict[tuple[Any, ...], Any], key: str) -> int:
    return sum(1 for path in strings if len(path) == 2 and path[0] == key)


def _string_values(raw: str) -> dict[tuple[Any, ...], tuple[str, list[Location]]]:
    """Every string value of the JSON document ``raw`` by its path, decoded, with the file
    location of each decoded character (object keys are not values)."""
    found: dict[tuple[Any, ...], tuple[str, list[Location]]] = {}
    i = len(raw) - len(raw.lstrip("\ufeff" + _WS))
    _value(raw, i, (), found)
    return found


def _skip(raw: str, i: int) -> int:
    while i < len(raw) and raw[i] in _WS:
        i += 1
    return i


def _value(raw: str, i: int, path: tuple[Any, ...], found: dict) -> int:
    """Parse the value at ``raw[i]``; return the index after it."""
    i = _skip(raw, i)
    if i >= len(raw):
        return i
    c = raw[i]
    if c == '"':
        decoded, end = json.decoder.scanstring(raw, i + 1)
        found[path] = (decoded, _locations(raw, i + 1, end - 1))
        return end
    if c == "{":
        i = _skip(raw, i + 1)
        while i < len(raw) and raw[i] != "}":
            key, i = json.decoder.scanstring(raw, _skip(raw, i) + 1)
            i = _skip(raw, i) + 1  # the colon
            i = _skip(raw, _value(raw, i, path + (key,), found))
            if i < len(raw) and raw[i] == ",":
                i = _skip(raw, i + 1)
        return i + 1
    if c == "[":
        i = _skip(raw, i + 1)
        k = 0
        while i < len(raw) and raw[i] != "]":
            i = _skip(raw, _value(raw, i, path + (k,), found))
            k += 1
            if i < len(raw) and raw[i] == ",":
                i = _skip(raw, i + 1)
        return i + 1
    while i < len(raw) and raw[i] not in ",]}" + _WS:  # number, true, false, null
        i += 1
    return i


def _locations(raw: str, start: int, end: int) -> list[Location]:
    """File locations of the characters a JSON string literal's body ``raw[start:end]`` decodes to."""
    out: list[Location] = []
    i = start
    while i < end:
        if raw[i] != "\\":
            out.append((i, i + 1))
            i += 1
        elif raw[i + 1] == "u":
            code = int(raw[i + 2:i + 6], 16)
            if 0xD800 <= code < 0xDC00 and raw[i + 6:i + 8] == "\\u":  # a surrogate pair: one character
                out.append((i, i + 12))
                i += 12
            else:
                out.append((i, i + 6))
                i += 6
        else:
            out.append((i, i + 2))
            i += 2
    return out
