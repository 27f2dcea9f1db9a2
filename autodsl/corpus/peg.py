"""X-WLP process execution graphs (``.peg``) with their protocol text (``.txt``).

A ``.peg`` file is networkx node-link JSON (see ``corpora/xwlp/call-graph-format.md``):
``graph.sentences`` (the protocol's lines), ``nodes`` whose ``data`` hold ``type``,
``parent_type`` (``op`` operation, ``im_ev`` implicit event, else an argument entity),
``display_name``, ``word_spans`` (``[sentence index, word index]`` pairs), ``spans``,
``inputs`` (role -> node id), ``outputs`` and an execution ``step``; ``links`` carry one
entry per argument routed along the edge (``{name: {"slot": ...}}``), or none for the
dummy ordering edges that keep the graph connected. Each routed argument becomes one
:class:`PegLink`; a dummy edge becomes a link with no argument.

The ``spans`` offsets often disagree with the ``.txt``, so positions are recovered from
``word_spans``: each sentence is found in the text searching forward from the end of the
previous one (whitespace kinds and amounts may differ), its words are the
whitespace-separated tokens the annotation counted (punctuation stays attached, as in
``4°C.``), and the node's ``display_name`` is looked for within, then near, those words. A
few graphs number sentences one off, so neighbouring sentences are tried next, then the
``spans`` offsets (:func:`recover_span`).

>>> g = parse_peg({"graph": {"sentences": ["Spin cells.", "Add 5 ml buffer."]},
...     "nodes": [{"id": "op_1", "data": {"type": "transfer_op", "parent_type": "op",
...                "display_name": "Add", "word_spans": [[1, 0]], "spans": [0, 3],
...                "inputs": {}, "outputs": [], "step": 2}}],
...     "links": []}, "Spin cells.\\nAdd 5 ml buffer.\\n")
>>> n = g.nodes[0]
>>> n.kind, n.start, n.end, n.sentence
('operation', 12, 15, 1)
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from pathlib import Path
from typing import Any, Literal

from autodsl.corpus.brat import line_steps, read_text_file
from autodsl.corpus.jsonproto import read_json
from autodsl.corpus.models import OperationGraph, PegLink, PegNode, Protocol
from autodsl.corpus.problems import MalformedFileError, UnreadableFileError

__all__ = ["locate_sentences", "recover_span", "parse_peg", "load_xwlp_protocol"]

_WORD = re.compile(r"\S+")
_NEAR_WORDS = 3  # how far (in words) a display name may sit from its recorded word index
_EDGE_PUNCT = ".,;:!?)]"

Tokens = list[tuple[int, int]]


def locate_sentences(text: str, sentences: Sequence[str]) -> list[Tokens | None]:
    """The word offsets of each sentence in ``text``, or None for a sentence not found.

    Words are the whitespace-separated tokens of the sentence. Each sentence is searched
    from where the previous one ended; any whitespace matches any whitespace.

    >>> locate_sentences("Title\\nSpin  cells.\\n", ["Title", "Spin cells."])
    [[(0, 5)], [(6, 10), (12, 18)]]
    """
    located: list[Tokens | None] = []
    pos = 0
    for sentence in sentences:
        words = sentence.split()
        if not words:
            located.append(None)
            continue
        m = re.compile(r"\s*".join(map(re.escape, words))).search(text, pos)
        if m is None:
            located.append(None)
            continue
        tokens, cur = [], m.start()
        for word in words:
            while text[cur].isspace():
                cur += 1
            tokens.append((cur, cur + len(word)))
            cur += len(word)
        located.append(tokens)
        pos = m.end()
    return located


def _name_pattern(name: str) -> re.Pattern[str] | None:
    words = name.split()
    return re.compile(r"\s+".join(map(re.escape, words))) if words else None


def _nearest(
    pattern: re.Pattern[str], text: str, lo: int, hi: int, anchor: int
) -> tuple[int, int] | None:
    hits = [(m.start(), m.end()) for m in pattern.finditer(text, lo, hi)]
    return min(hits, key=lambda h: abs(h[0] - anchor)) if hits else None


def _in_order(words: list[str], window: str) -> bool:
    """Whether ``words`` occur in ``window`` in this order (a discontinuous name)."""
    cur = 0
    for word in words:
        cur = window.find(word, cur)
        if cur < 0:
            return False
        cur += len(word)
    return True


def recover_span(
    text: str,
    located: Sequence[Tokens | None],
    display_name: str,
    word_spans: Sequence[Sequence[int]],
    spans: Sequence[int] = (),
) -> tuple[int, int, int | None] | None:
    """``(start, end, sentence index)`` of a node in ``text``, or None when not found.

    In order of trust: the display name within the recorded words; within a few words of
    them; within the same words of a neighbouring sentence; anywhere in the sentence, then
    in its neighbours; the recorded words themselves when the name is discontinuous
    (``Move off`` for "Move well off"); the ``spans`` offsets if the text there is the name;
    the occurrence of the name nearest to those offsets.

    >>> located = locate_sentences("Add 1 ul.\\nSpin.", ["Add 1 ul.", "Spin."])
    >>> recover_span("Add 1 ul.\\nSpin.", located, "1 ul", [[0, 2]])
    (4, 8, 0)
    """
    pattern = _name_pattern(display_name)
    if pattern is None or not word_spans:
        return None
    si = word_spans[0][0]
    first, last = word_spans[0][1], word_spans[-1][1]
    neighbours = [c for c in (si - 1, si + 1, si - 2, si + 2) if 0 <= c < len(located)]

    def window(c: int) -> tuple[int, int] | None:
        tokens = located[c] if 0 <= c < len(located) else None
        if tokens is None or not 0 <= first <= last < len(tokens):
            return None
        return tokens[first][0], tokens[last][1]

    def anchor(c: int) -> tuple[int, int, int] | None:
        """(sentence start, sentence end, offset of the recorded first word) of sentence c."""
        tokens = located[c] if 0 <= c < len(located) else None
        if tokens is None:
            return None
        at = tokens[min(first, len(tokens) - 1)][0]
        return tokens[0][0], tokens[-1][1], at

    own = window(si)
    if own is not None and (m := pattern.search(text, *own)):
        return m.start(), m.end(), si
    own_anchor = anchor(si)
    if own_anchor is not None:
        tokens = located[si]
        assert tokens is not None
        lo = tokens[min(max(0, first - _NEAR_WORDS), len(tokens) - 1)][0]
        hi = tokens[min(len(tokens) - 1, last + _NEAR_WORDS)][1]
        if hit := _nearest(pattern, text, lo, hi, own_anchor[2]):
            return hit[0], hit[1], si
    for c in neighbours:
        w = window(c)
        if w is not None and (m := pattern.search(text, *w)):
            return m.start(), m.end(), c
    for c in [si, *neighbours]:
        a = anchor(c)
        if a is not None and (hit := _nearest(pattern, text, a[0], a[1], a[2])):
            return hit[0], hit[1], c
    if own is not None and _in_order(display_name.split(), text[own[0] : own[1]]):
        start, end = own
        while (
            end > start
            and text[end - 1] in _EDGE_PUNCT
            and not display_name.endswith(text[end - 1])
        ):
            end -= 1
        return start, end, si
    if len(spans) == 2 and 0 <= spans[0] <= spans[1] <= len(text):
        if pattern.fullmatch(text, spans[0], spans[1]):
            return spans[0], spans[1], None
        if hit := _nearest(pattern, text, 0, len(text), spans[0]):
            return hit[0], hit[1], None
    return None


def _kind(parent_type: str) -> Literal["operation", "implicit", "entity"]:
    if parent_type == "op":
        return "operation"
    return "implicit" if parent_type == "im_ev" else "entity"


def parse_peg(data: Any, text: str, path: str = "<peg>") -> OperationGraph:
    """The operation graph of a parsed ``.peg`` object, with node spans recovered in ``text``.

    Raises :class:`~autodsl.corpus.problems.MalformedFileError` naming the node or link that
    does not follow the format.
    """
    if not isinstance(data, dict) or not isinstance(data.get("nodes"), list):
        raise MalformedFileError(path, "not a node-link graph (no 'nodes' list)")
    graph = data.get("graph") or {}
    sentences = graph.get("sentences") or []
    if not isinstance(sentences, list) or not all(isinstance(s, str) for s in sentences):
        raise MalformedFileError(path, "'graph.sentences' is not a list of strings")
    located = locate_sentences(text, sentences)
    nodes = []
    for raw in data["nodes"]:
        node_id = raw.get("id") if isinstance(raw, dict) else None
        try:
            d = raw["data"]
            parent_type = d.get("parent_type", "")
            found = (
                recover_span(
                    text,
                    located,
                    d["display_name"],
                    d.get("word_spans") or [],
                    d.get("spans") or [],
                )
                if parent_type != "im_ev"
                else None
            )
            nodes.append(
                PegNode(
                    id=raw["id"],
                    kind=_kind(parent_type),
                    type=d["type"],
                    label=d["display_name"],
                    start=found[0] if found else None,
                    end=found[1] if found else None,
                    sentence=found[2] if found else None,
                    inputs=d.get("inputs") or {},
                    outputs=tuple(d.get("outputs") or ()),
                    step=d.get("step"),
                )
            )
        except (KeyError, TypeError, ValueError, IndexError) as err:
            raise MalformedFileError(path, f"malformed node {node_id!r}: {err!r}") from None
    links = []
    for raw in data.get("links") or []:
        try:
            source, target = raw["source"], raw["target"]
            routed = [(k, v) for k, v in raw.items() if k not in ("source", "target", "key")]
            if not routed:
                links.append(PegLink(source=source, target=target))
            for name, info in routed:
                links.append(
                    PegLink(source=source, target=target, argument=name, slot=info.get("slot"))
                )
        except (KeyError, TypeError, ValueError, AttributeError) as err:
            raise MalformedFileError(path, f"malformed link {raw!r:.80}: {err!r}") from None
    proto_idx = graph.get("proto_idx")
    return OperationGraph(
        proto_idx=proto_idx if isinstance(proto_idx, int) else None,
        sentences=tuple(sentences),
        nodes=tuple(nodes),
        links=tuple(links),
    )


def load_xwlp_protocol(path: str | Path) -> Protocol:
    """Load an X-WLP protocol from its ``.peg`` (or its ``.txt``; the other must sit beside it).

    The text gives the title (first line) and the steps (each further line, as in WLP);
    the graph gives :attr:`Protocol.graph`. The id is the file stem (``proto_0``).

    >>> p = load_xwlp_protocol("corpora/xwlp/data/0/proto_0.peg")
    >>> op = p.graph.operations()[0]
    >>> op.type, p.text[op.start:op.end]
    ('create_op', 'Start')
    """
    p = Path(path)
    peg_path, txt_path = p.with_suffix(".peg"), p.with_suffix(".txt")
    data = read_json(peg_path)  # the graph's own faults first: it is the file asked for
    if not txt_path.exists():
        raise UnreadableFileError(str(peg_path), f"its protocol text {txt_path.name} is missing beside it")
    text = read_text_file(txt_path)
    title, steps = line_steps(text)
    return Protocol(
        id=p.stem,
        title=title,
        source=str(peg_path),
        format="xwlp",
        text=text,
        steps=steps,
        graph=parse_peg(data, text, str(peg_path)),
    )
