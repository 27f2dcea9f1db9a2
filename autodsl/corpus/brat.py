"""Read BRAT standoff annotations (``.ann``) against their text (``.txt``).

Offsets are character offsets into the ``.txt`` exactly as read (``newline=""``, so CRLF
stays two characters). Annotators' tools sometimes counted CRLF as one character or wrote
a plain space where the text has a non-breaking space; each span is checked against the
text and, when the offsets disagree, the recorded span text is searched for nearby.

>>> ann = "T1\\tAction 0 3\\tMix\\nT2\\tReagent 8 14\\tbuffer\\nE1\\tAction:T1 Acts-on:T2\\n"
>>> a = parse_ann(ann, "Mix the buffer.", path="x.ann")
>>> [e.text for e in a.entities], a.events[0].args[0].role
(['Mix', 'buffer'], 'Acts-on')
"""

from __future__ import annotations

import re
from pathlib import Path

from autodsl.corpus.models import (
    BratAnnotations,
    GoldArgument,
    GoldAttribute,
    GoldEntity,
    GoldEvent,
    GoldRelation,
    Protocol,
    Span,
    Step,
)
from autodsl.corpus.problems import (
    AnnotationRangeError,
    EmptyFileError,
    MalformedFileError,
    UnreadableFileError,
)
from autodsl.errors import InputFileError
from autodsl.extract.segment import sentences

__all__ = ["parse_ann", "read_ann", "read_text_file", "line_steps", "load_brat_protocol"]

_ROLE_SUFFIX = re.compile(r"\d+$")
_SEARCH_WINDOW = 200


def _canon(text: str) -> str:
    """Compare span texts ignoring whitespace kind (NBSP vs space, CR/LF)."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ")).strip()


def _locate(fragments: list[Span], recorded: str, text: str) -> list[Span] | None:
    """Return fragments that match ``recorded`` in ``text``, shifting them if needed."""
    found = " ".join(text[f.start : f.end] for f in fragments)
    if fragments[-1].end <= len(text) and _canon(found) == _canon(recorded):
        return fragments
    if len(fragments) != 1 or not recorded.strip():
        return fragments if fragments[-1].end <= len(text) else None
    # Offsets drifted (e.g. CRLF counted as one character): look near the recorded position.
    start = fragments[0].start
    needle = recorded.strip()
    lo = max(0, start - _SEARCH_WINDOW)
    hi = min(len(text), fragments[0].end + _SEARCH_WINDOW + len(needle))
    window = text[lo:hi].replace("\u00a0", " ")
    hits = [m.start() + lo for m in re.finditer(re.escape(needle.replace("\u00a0", " ")), window)]
    if not hits:
        return None
    best = min(hits, key=lambda h: abs(h - start))
    return [Span(start=best, end=best + len(needle))]


def parse_ann(ann_text: str, text: str, path: str = "<ann>") -> BratAnnotations:
    """Parse the contents of an ``.ann`` file against its text.

    Raises :class:`~autodsl.errors.InputFileError` naming the line for a malformed line or
    a span that lies outside the text.
    """
    entities: list[GoldEntity] = []
    events: list[GoldEvent] = []
    relations: list[GoldRelation] = []
    attributes: list[GoldAttribute] = []
    # split on "\n" only: recorded span texts may hold other line-break characters (U+2028 ...)
    for lineno, raw in enumerate(ann_text.split("\n"), start=1):
        line = raw.rstrip("\r")
        if not line.strip() or line.startswith("#"):
            continue
        kind = line[0]
        fields = line.split("\t")
        try:
            if kind == "T":
                entities.append(_entity(fields, text, path, lineno))
            elif kind == "E":
                events.append(_event(fields))
            elif kind == "R":
                relations.append(_relation(fields))
            elif kind in "AM":
                parts = fields[1].split()
                attributes.append(
                    GoldAttribute(
                        id=fields[0],
                        name=parts[0],
                        target=parts[1],
                        value=parts[2] if len(parts) > 2 else None,
                    )
                )
            elif kind in "N*":
                continue  # normalisations and equivalences carry nothing we use
            else:
                raise ValueError(f"unknown annotation kind {kind!r}")
        except InputFileError:
            raise
        except IndexError:
            raise MalformedFileError(
                path,
                f"malformed annotation {line[:60]!r}: missing tab-separated fields",
                line=lineno,
            ) from None
        except ValueError as err:
            raise MalformedFileError(
                path, f"malformed annotation {line[:60]!r}: {err}", line=lineno
            ) from None
    _check_references(entities, events, relations, ann_text, path)
    return BratAnnotations(
        entities=tuple(entities),
        events=tuple(events),
        relations=tuple(relations),
        attributes=tuple(attributes),
    )


def _check_references(entities: list[GoldEntity], events: list[GoldEvent], relations: list[GoldRelation],
                      ann_text: str, path: str) -> None:
    """Raise MalformedFileError for an event or relation naming an id the file never defines."""
    known = {e.id for e in entities} | {e.id for e in events}
    for item in [*events, *relations]:
        refs = ([item.trigger, *(a.target for a in item.args)] if isinstance(item, GoldEvent)
                else [item.arg1, item.arg2])
        missing = [r for r in refs if r not in known]
        if missing:
            line = next((n for n, raw in enumerate(ann_text.split("\n"), start=1)
                         if raw.split("\t", 1)[0] == item.id), None)
            raise MalformedFileError(path, f"annotation {item.id} refers to {missing[0]}, which the "
                                     "file does not define", line=line)


def _entity(fields: list[str], text: str, path: str, lineno: int) -> GoldEntity:
    ann_id, type_and_offsets = fields[0], fields[1]
    recorded = fields[2] if len(fields) > 2 else ""
    type_name, _, offsets = type_and_offsets.partition(" ")
    fragments = []
    for piece in offsets.split(";"):
        start_s, end_s = piece.split()
        start, end = int(start_s), int(end_s)
        if not 0 <= start <= end:
            raise ValueError(f"bad offsets {start} {end}")
        fragments.append(Span(start=start, end=end))
    if fragments[-1].end > len(text):
        located = _locate(fragments, recorded, text) if recorded else None
        if located is None:
            raise AnnotationRangeError(
                path,
                f"annotation {ann_id} ends at offset {fragments[-1].end}, past the end of the "
                f"text ({len(text)} characters)",
                line=lineno,
            )
    located = _locate(fragments, recorded, text) or fragments
    start, end = located[0].start, located[-1].end
    return GoldEntity(
        id=ann_id,
        type=type_name,
        start=start,
        end=end,
        text=" ".join(text[f.start : f.end] for f in located),
        fragments=tuple(located) if len(located) > 1 else (),
    )


def _event(fields: list[str]) -> GoldEvent:
    ann_id = fields[0]
    parts = fields[1].split()
    type_name, trigger = parts[0].split(":", 1)
    args = []
    for part in parts[1:]:
        role, target = part.split(":", 1)
        args.append(GoldArgument(role=_ROLE_SUFFIX.sub("", role), target=target))
    return GoldEvent(id=ann_id, type=type_name, trigger=trigger, args=tuple(args))


def _relation(fields: list[str]) -> GoldRelation:
    type_name, arg1, arg2 = fields[1].split()[:3]
    return GoldRelation(
        id=fields[0],
        type=type_name,
        arg1=arg1.split(":", 1)[1],
        arg2=arg2.split(":", 1)[1],
    )


def read_ann(ann_path: str | Path, text: str) -> BratAnnotations:
    """Read an ``.ann`` file (UTF-8) and resolve it against ``text``."""
    path = Path(ann_path)
    try:
        raw_bytes = path.read_bytes()
    except OSError as err:
        raise UnreadableFileError(str(path), err.strerror or str(err)) from None
    try:
        raw = raw_bytes.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw_bytes[: err.start].count(b"\n") + 1
        raise UnreadableFileError(
            str(path), f"not UTF-8 text (undecodable byte at offset {err.start})", line=line
        ) from None
    return parse_ann(raw, text, path=str(path))


_DOI = re.compile(r"^\s*(doi:\s*)?10\.\d{4,9}/\S+\s*$", re.IGNORECASE)


def read_text_file(path: str | Path) -> str:
    """Read a text file as UTF-8 exactly as stored: no newline translation, and a byte-order
    mark is kept as the text's first character (U+FEFF), so offsets count it as editors do."""
    p = Path(path)
    try:
        data = p.read_bytes()
    except OSError as err:
        raise UnreadableFileError(str(p), err.strerror or str(err)) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        raise UnreadableFileError(
            str(p), f"not UTF-8 text (undecodable byte at offset {err.start})", line=line
        ) from None
    if not text.strip().lstrip("\ufeff"):
        raise EmptyFileError(str(p), "empty file")
    return text


# whitespace, and the byte-order mark a file may start with
_BLANK = " \t\r\n\f\v\u00a0\ufeff"


def line_steps(text: str) -> tuple[str, list[Step]]:
    """The title and the steps of a line-per-step text (the WLP and X-WLP layout).

    The first non-empty line is the title and each further line a step. In the
    materials-synthesis layout (a DOI line, a title line, then paragraphs) the steps are the
    sentences of the paragraphs.

    >>> title, steps = line_steps("Miniprep\\nSpin cells.\\n\\nAdd 250 ul P1.\\n")
    >>> title, [s.text for s in steps], steps[1].start
    ('Miniprep', ['Spin cells.', 'Add 250 ul P1.'], 22)
    """
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\r\n]+", text) if m.group().strip(_BLANK)]
    if not lines:
        return "", []
    paragraphs = bool(_DOI.match(text[lines[0][0] : lines[0][1]])) and len(lines) > 1
    if paragraphs:
        lines = lines[1:]
    title = text[lines[0][0] : lines[0][1]].strip(_BLANK)
    spans: list[tuple[int, int]] = []
    for start, end in lines[1:]:
        if paragraphs:
            spans.extend((s.start, s.end) for s in sentences(text, start, end))
        else:
            spans.append((start, end))
    steps: list[Step] = []
    for start, end in spans:
        while end > start and text[end - 1].isspace():
            end -= 1
        while start < end and (text[start].isspace() or text[start] == "\ufeff"):
            start += 1
        steps.append(Step(index=len(steps) + 1, text=text[start:end], start=start, end=end))
    return title, steps


def load_brat_protocol(txt_path: str | Path, domains: tuple[str, ...] = ()) -> Protocol:
    """Load a BRAT ``.txt`` (and its ``.ann`` if present) as a :class:`Protocol`.

    The title and steps come from :func:`line_steps` (WLP: a step per line; materials
    synthesis: the sentences of the paragraphs). Raises an
    :class:`~autodsl.errors.InputFileError` subclass naming the file (and the ``.ann`` line)
    when the text or its annotations cannot be read.

    >>> p = load_brat_protocol("corpora/wlp/train/protocol_0.txt")  # doctest: +SKIP
    >>> p.brat.entities[0].type  # doctest: +SKIP
    'Action'
    """
    path = Path(txt_path)
    text = read_text_file(path)
    title, steps = line_steps(text)
    ann_path = path.with_suffix(".ann")
    brat = read_ann(ann_path, text) if ann_path.exists() else None
    return Protocol(
        id=path.stem,
        title=title,
        domains=domains,
        source=str(path),
        format="brat",
        text=text,
        steps=steps,
        brat=brat,
    )
