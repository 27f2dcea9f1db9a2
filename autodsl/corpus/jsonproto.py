"""Protocol Exchange JSON protocols (the AutoDSL corpus format).

A file holds one object: ``title``, ``procedures`` (a list of markdown-ish text chunks),
``bigAreas`` (subject areas, mapped to domain slugs by :func:`domain_slug`) and fields we
do not use (``id``, ``origin_website``, ``subjectAreas``). The protocol id is the file stem
(``protocol_12``), not the JSON ``id``, which is an upstream-internal number.

The chunks carry HTML (``<p>``, ``<li>``, ``<sup>``, ``&#x3BC;``) and markdown escapes
(``\\(``). Each chunk (and the title) is cleaned by :func:`clean_markup`: block tags become
line breaks, links to the figures section are dropped, ``<strong>``/``<b>`` become ``**``
(so bold lines read as headings), ``<sup>x</sup>`` becomes ``^x`` (``10^3``), other known
tags are dropped keeping their text, entities are decoded (``&nbsp;`` to a plain space) and
escapes resolved.
:attr:`Protocol.text` is then ``title + "\\n\\n" + "\\n\\n".join(cleaned chunks)``; all spans
point into that text, and steps are split within each chunk as for markdown
(:func:`autodsl.corpus.text.split_steps`), section headings carrying over between chunks.

>>> p = parse_json_protocol(
...     {"title": "Lysis", "procedures": ["1) Add 5 &#xB5;l \\\\(1 M) NaCl.\\n2) Spin."],
...      "bigAreas": ["Molecular Biology & Genetics"]}, "protocol_1")
>>> p.domains, [s.text for s in p.steps]
(('genetics',), ['Add 5 µl (1 M) NaCl.', 'Spin.'])
"""

from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

from autodsl.corpus.brat import read_text_file
from autodsl.corpus.models import Protocol
from autodsl.corpus.problems import EmptyFileError, MalformedFileError
from autodsl.corpus.text import split_steps

__all__ = ["domain_slug", "clean_markup", "read_json", "parse_json_protocol", "load_json_protocol"]

# bigAreas values of the Protocol Exchange corpus -> domain slug (all four that occur are
# listed; anything else becomes a lower-case slug, see domain_slug)
_AREA_SLUGS: dict[str, str] = {
    "Molecular Biology & Genetics": "genetics",
    "Biomedical & Clinical Research": "medical",
    "Ecology & Environmental Biology": "ecology",
    "Bioengineering & Technology": "bioengineering",
}
_BLOCK_TAGS = "p|br|li|ul|ol|div|tr|table|tbody|thead|h[1-6]|pre"
_INLINE_TAGS = "em|i|u|a|font|code|span|img|sub"
_BLOCK = re.compile(rf"</?(?:{_BLOCK_TAGS})(?:\s[^<>]*)?/?>", re.IGNORECASE)
_BOLD = re.compile(r"</?(?:strong|b)(?:\s[^<>]*)?>", re.IGNORECASE)
_SUP = re.compile(r"<sup(?:\s[^<>]*)?>(.*?)</sup>", re.IGNORECASE | re.DOTALL)
_CELL = re.compile(r"</?t[dh](?:\s[^<>]*)?>", re.IGNORECASE)
_INLINE = re.compile(rf"</?(?:{_INLINE_TAGS}|sup)(?:\s[^<>]*)?/?>", re.IGNORECASE)
# CommonMark: a backslash before ASCII punctuation escapes it
_ESCAPE = re.compile(r"\\([!-/:-@\[-`{-~])")
_BLANK_RUNS = re.compile(r"[ \t]*\n(?:[ \t]*\n)+")
# links to the figures section ("See figure in Figures section.") are page furniture
_FIGURE_LINK = re.compile(r"<a\s[^<>]*href=\"#figures\"[^<>]*>.*?</a>", re.IGNORECASE | re.DOTALL)


def domain_slug(area: str) -> str:
    """The domain slug of a Protocol Exchange ``bigAreas`` value.

    >>> domain_slug("Biomedical & Clinical Research"), domain_slug("Computational Biology")
    ('medical', 'bioinformatics')
    >>> domain_slug("Plant Science & Agriculture")
    'plant-science-agriculture'
    """
    area = area.strip()
    if area in _AREA_SLUGS:
        return _AREA_SLUGS[area]
    if "bioinformatics" in area.lower() or "computational" in area.lower():
        return "bioinformatics"
    return re.sub(r"[^a-z0-9]+", "-", area.lower()).strip("-")


def clean_markup(chunk: str) -> str:
    """Plain markdown-ish text from a chunk with HTML tags, entities and markdown escapes.

    >>> clean_markup("<p>Plate 2x10<sup>6</sup> cells in 3&nbsp;ml \\\\(60-mm dish).</p>")
    'Plate 2x10^6 cells in 3 ml (60-mm dish).'
    """
    out = _FIGURE_LINK.sub("", chunk)
    out = _SUP.sub(lambda m: "^" + m.group(1), out)
    out = _BLOCK.sub("\n", out)
    out = _BOLD.sub("**", out)
    out = _CELL.sub("\t", out)
    out = _INLINE.sub("", out)
    out = _ESCAPE.sub(r"\1", out)
    out = html.unescape(out).replace("\u00a0", " ")
    return _BLANK_RUNS.sub("\n\n", out).strip()


def parse_json_protocol(data: Any, id: str, source: str | None = None) -> Protocol:
    """A protocol from the parsed JSON object of a Protocol Exchange file.

    Raises :class:`~autodsl.corpus.problems.MalformedFileError` when ``procedures`` is
    missing or not a list of strings, and :class:`~autodsl.corpus.problems.EmptyFileError`
    when the procedures hold no text.
    """
    where = source or id
    if not isinstance(data, dict):
        raise MalformedFileError(where, f"expected a JSON object, found {type(data).__name__}")
    procedures = data.get("procedures")
    if not isinstance(procedures, list) or not all(isinstance(c, str) for c in procedures):
        raise MalformedFileError(where, "no 'procedures' list of text chunks")
    raw_title = data.get("title")
    title = clean_markup(raw_title) if isinstance(raw_title, str) else ""
    title = " ".join(title.split()) or id
    areas = data.get("bigAreas") or []
    if not isinstance(areas, list) or not all(isinstance(a, str) for a in areas):
        raise MalformedFileError(where, "'bigAreas' is not a list of strings")
    domains = tuple(dict.fromkeys(domain_slug(a) for a in areas))
    chunks = [c for c in (clean_markup(chunk) for chunk in procedures) if c]
    if not chunks:
        raise EmptyFileError(where, "no procedure text")
    parts, regions, pos = [title], [], len(title)
    for chunk in chunks:
        pos += 2
        parts.append(chunk)
        regions.append((pos, pos + len(chunk)))
        pos += len(chunk)
    text = "\n\n".join(parts)
    return Protocol(
        id=id,
        title=title,
        domains=domains,
        source=source,
        format="json",
        text=text,
        steps=split_steps(text, regions),
    )


def read_json(path: str | Path) -> Any:
    """Parse a UTF-8 JSON file; a bad file raises an error naming it and the line.

    Raises :class:`~autodsl.corpus.problems.MalformedFileError` for invalid or truncated
    JSON (and the errors of :func:`~autodsl.corpus.brat.read_text_file`).

    >>> read_json("corpora/protocol-exchange/protocol_0.json")["origin_website"]
    'Nature'
    """
    raw = read_text_file(path)
    try:
        return json.loads(raw.removeprefix("\ufeff"))
    except json.JSONDecodeError as err:
        kind = "truncated JSON" if err.pos >= len(raw.rstrip()) else "invalid JSON"
        raise MalformedFileError(str(path), f"{kind}: {err.msg}", line=err.lineno) from None


def load_json_protocol(path: str | Path) -> Protocol:
    """Read a Protocol Exchange JSON file; its id is the file stem.

    >>> load_json_protocol("corpora/protocol-exchange/protocol_0.json").domains
    ('medical', 'bioengineering', 'genetics')
    """
    p = Path(path)
    return parse_json_protocol(read_json(p), p.stem, source=str(p))
