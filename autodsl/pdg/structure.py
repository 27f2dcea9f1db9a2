"""PDG stage 1, *structured*: one operation per instance action, control flow from the text.

Each extracted action becomes an ``operation`` node (opcode, verb, step, execution order,
slots with normalised quantities, the verb's span) and consecutive operations are joined
by ``next`` edges. The text's control structure becomes blocks (see :mod:`autodsl.pdg.model`):

* repeats: "repeat steps 3-5 twice" (a ``repeat`` edge from the last to the first operation
  of steps 3-5), "repeat the wash" (the wash's cycle, from the separation that began it),
  "wash three times" and "2 x 5 min" (a repeat block around one operation); ``count`` is the
  total number of runs, so "repeat twice" (two more runs) counts 3; the same repeat sentence
  twice in a row is one instruction. A repeat instruction is read from the sentence's text,
  tagged or not; one that cannot be resolved is reported (``unresolved-step-reference``,
  ``unresolved-repeat``);
* conditionals: "If the pellet is not visible, ..." (an ``if`` block entered by a ``branch``
  edge carrying the condition; the operation before it also continues past the block);
  "Unless X", "Otherwise" and "If not" negate a condition in words (:func:`cues.negate`);
* optional work: "Optional:", "if desired" (an ``optional`` block, entered by a ``branch``
  edge with condition ``"optional"``);
* parallel work: "Meanwhile, ...", "While ..." (a ``parallel`` block: it runs alongside the
  operation before it);
* cross-references: "as in step 4" copies the parameters the sentence leaves out from the
  matching operation of step 4 (slots marked ``ref_step``);
* purposes: "Invert the tube to *mix*", "*To permeabilize* the section, immerse ..." keep the
  purpose as an operation marked ``purpose_of`` the operation it says why of, run after it
  (stage 2 passes material through it; :mod:`autodsl.pdg.purposes`);
* means of making: "Make 6 M urea solution *by adding* urea to the buffer" runs the means
  first; the making, marked ``means`` (that operation), names what it made;
* reagents readied on the way: "wash with buffer *pre-warmed* to 50 C" runs the warming first,
  marked ``prepares`` the wash (:mod:`autodsl.pdg.preparations`);
* stages: "incubate at 37 °C for 10 min, then at 65 °C for 20 min" is one operation per stage,
  in order, all of the same action (:func:`autodsl.pdg.settings.sequential_stages`).

"Repeat" instructions are control structure, not operations, so they get no node. Nor do
actions that are no lab operation (:func:`non_operation`): prohibitions ("Do not vortex",
"avoid touching", "be careful not to disturb"), conditions ("Once lysed, ..."), verbs the
domain's corpus shows are not operations (``use``, ``follow`` in ``DslSpec.ignored_verbs``) and,
with a domain DSL, words that are no verb (an extraction error such as ``depletion``) or that
the text says will happen by themselves ("The bubbles will ... dissipate"). Each becomes a
note on the operation before it (its ``comment``, printed after the statement) and an info
diagnostic ``not-an-operation``.

>>> from autodsl.corpus.models import Protocol, Step
>>> from autodsl.extract.models import Action, Entity, Extraction
>>> text = "T\\nSpin the tube.\\nRepeat step 1 twice."
>>> p = Protocol(id="p", title="T", text=text, format="text", steps=[
...     Step(index=1, text="Spin the tube.", start=2, end=16),
...     Step(index=2, text="Repeat step 1 twice.", start=17, end=37)])
>>> x = Extraction(protocol={"id": "p"}, actions=[
...     Action(id="A1", start=2, end=6, text="Spin", lemma="spin", step=1),
...     Action(id="A2", start=17, end=23, text="Repeat", lemma="repeat", step=2)])
>>> g = structure(p, x)
>>> [n for n, _ in g.nodes("operation")], [(s, t, d["count"]) for s, t, d in g.edges("repeat")]
(['op1'], [('op1', 'op1', 3)])
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Any

from autodsl.corpus.models import Protocol
from autodsl.diagnostics import Diagnostic
from autodsl.extract.models import Action, Entity, Extraction
from autodsl.extract.segment import Sentence, sentences
from autodsl.induce.spec import DslSpec, OperationSpec
from autodsl.pdg import cues
from autodsl.pdg.alternatives import alternative_to
from autodsl.pdg.lexicon import op_class
from autodsl.pdg.model import PDG
from autodsl.pdg.preparations import prepare_first, preparing_participles
from autodsl.pdg.prose import description, heading
from autodsl.pdg.purposes import fronted, own_amount, place_fronted, purpose_after
from autodsl.pdg.remarks import (advice, attach_notes, future_description, in_parentheses, not_instructed,
                                 on_note_line, reads_as_a_verb)
from autodsl.pdg.settings import operation_slots, sequential_stages

__all__ = ["structure", "opcode_of", "spec_operation", "non_operation", "CONTROL_VERBS", "COUNT_SLOT_VERBS"]

# "Do not vortex", "avoid touching", "without disturbing", and "(be careful / take care / so as)
# not to disturb the pellet": X-WLP's gold has an operation on 1 of 6 "not to" on half 0
_PROHIBITION = re.compile(r"\b(?:do\s+not|don'?t|never|avoid|without|not\s+to)\s+(?:\w+ly\s+)?$",
                          re.IGNORECASE)
_PROHIBITION_LEMMA = re.compile(r"^(?:do not|don't|never|avoid|without)\b")
# "Make 6 M urea solution [by] adding ...": the words between a making and its means
_MEANS = re.compile(r"^[^.;:]*\bby\s+(?:\w+ly\s+)?$", re.IGNORECASE)
# a step label before a sentence's words ("12. ", "3) ")
_STEP_LABEL = re.compile(r"^\W*\d+[.)]\s*")
# how many operations back a repeated cycle may begin
_CYCLE_OPS = 8
# work done in cycles that each begin with a separation (spin or magnet, then fresh liquid)
_CYCLES = ("wash", "rinse", "extraction")
# nouns the extractor may mistake for actions in unfamiliar text ("depletion", "researchers")
_NOMINAL = re.compile(r"(?:tion|sion|ment|ness|ity|ance|ence|ysis|osis|ogy|ers|ors|ists?)$")

# Verbs that only say how to run other steps; they get no operation node.
CONTROL_VERBS = frozenset({"repeat"})
# For these verbs "N times" is a parameter of one action (invert 6-8 times), not a repeat.
COUNT_SLOT_VERBS = frozenset(
    "invert mix pipette pipet flick shake vortex tap triturate stroke swirl rock pump aspirate".split()
)


def opcode_of(lemma: str) -> str:
    """The opcode of a verb when no DSL spec names it: upper case, non-letters as ``_``.

    >>> opcode_of("spin down"), opcode_of("air-dry")
    ('SPIN_DOWN', 'AIR_DRY')
    """
    return re.sub(r"[^A-Z]+", "_", lemma.upper()).strip("_") or "OP"


# hyphens and dashes, with the spaces text extraction may leave around them ("Air–dry", "Co - cultivate")
_DASHES = re.compile(r"\s*[-\u2010-\u2015]\s*")
# other spellings of a verb's ending: British and American ("sterilise", "analyse"), one or two l ("instal")
_SPELLINGS = ((re.compile(r"ise$"), "ize"), (re.compile(r"yse$"), "yze"), (re.compile(r"([aeiou])l$"), r"\1ll"),
              (re.compile(r"([aeiou])ll$"), r"\1l"))


def spec_operation(spec: DslSpec, lemma: str) -> OperationSpec | None:
    """The operation of ``spec`` a verb maps to, trying harder than :meth:`DslSpec.operation`.

    The verb as written first (with the spec's own general forms: negation, particles, light
    verbs); then with its dashes made plain hyphens, in the other spelling of its ending,
    and as the opcode it would be given (an operation is named after its most frequent verb).

    >>> from autodsl.induce.spec import OperationSpec
    >>> spec = DslSpec(domain="d", operations=[OperationSpec(opcode="AIR_DRY", verbs={"air-dry": 2}),
    ...                                        OperationSpec(opcode="INSTALL", verbs={"install": 1})])
    >>> [op.opcode if op else None for op in (spec_operation(spec, v) for v in ("Air–dry", "instal", "sieve"))]
    ['AIR_DRY', 'INSTALL', None]
    """
    found = spec.operation(lemma)
    if found is not None:
        return found
    plain = _DASHES.sub("-", lemma.strip()).strip("-")
    forms = [plain] + [pattern.sub(other, plain) for pattern, other in _SPELLINGS if pattern.search(plain)]
    forms.append(opcode_of(lemma))
    for form in dict.fromkeys(f for f in forms if f and f != lemma):
        found = spec.operation(form)
        if found is not None:
            return found
    return None


@dataclass
class _Block:
    kind: str
    members: list[str]
    count: int | None = None
    condition: str | None = None
    span: tuple[int, int] | None = None
    attrs: dict[str, Any] = field(default_factory=dict)


def structure(protocol: Protocol, extraction: Extraction, spec: DslSpec | None = None) -> PDG:
    """Build the stage-1 PDG of ``protocol`` from its instance actions (see the module doc)."""
    pdg = PDG(text=protocol.text, stage="structured",
              meta={"protocol": protocol.id, "title": protocol.title, "domain": spec.domain if spec else None})
    sents = _sentences(protocol)
    sent_starts = [s.start for s in sents]

    def sentence_of(offset: int) -> Sentence | None:
        i = bisect.bisect_right(sent_starts, offset) - 1
        return sents[i] if i >= 0 and offset < sents[i].end else None

    step_number = _written_step_numbers(protocol)
    entities = {e.id: e for e in extraction.entities}
    ops: list[tuple[str, Action]] = []
    control: list[Action] = []
    notes: list[tuple[Action, str]] = []
    fronts: list[tuple[str, Action]] = []  # "To V ..., <imperative>": purposes of what follows
    for action in sorted(extraction.actions, key=lambda a: (a.start, a.id)):
        if action.lemma in CONTROL_VERBS:
            control.append(action)
            continue
        reason = non_operation(protocol.text, action, spec)
        if reason is None:  # "Dilute the sample or divide it": one of the two runs, the first
            reason = alternative_to(protocol.text, action, ops[-1][1] if ops else None)
        if reason is not None:
            notes.append((action, reason))
            continue
        op_id = f"op{len(ops) + 1}"
        sent = sentence_of(action.start)
        opcode, slots, extra = _operation_slots(action, entities, spec, pdg, op_id)
        sent_span = (sent.start, sent.end) if sent else None
        main = purpose_after(protocol.text, action, sent_span, ops)
        if main is not None and own_amount(slots):
            main = None  # "..., then dilute to 1 mg/ml": an amount of its own makes it work, not a why
        if main is not None and spec is not None and not slots and pdg.graph.nodes[main]["opcode"] == opcode:
            # "Centrifuge at 5000 x g to pellet the cells": in the domain's language the purpose
            # is the very operation it explains, so it is said once
            notes.append((action, f"the purpose of the {opcode} before it"))
            continue
        # "at 37 °C for 10 min, then at 65 °C for 20 min": one operation per stage, in order; a
        # later stage's span is its settings' (stage 2 visits the action again, after stage 1)
        stages = sequential_stages(protocol.text, sent.text if sent else "", slots, extra) or [
            (slots, extra, (action.start, action.end))]
        for number, (stage_slots, stage_extra, span) in enumerate(stages):
            op_id = f"op{len(ops) + 1}"
            ops.append((op_id, action))
            attrs: dict[str, Any] = dict(
                opcode=opcode, verb=action.lemma, step=action.step, order=len(ops) - 1,
                slots=stage_slots, blocks=[], action=action.id,
                sentence={"start": sent.start, "end": sent.end} if sent else None,
            )
            if stage_extra:
                attrs["extra_slots"] = stage_extra
            if main is not None and number == 0:
                attrs["purpose_of"] = main
            if number == 0 and main is None and not own_amount(slots) and fronted(protocol.text, action, sent_span):
                fronts.append((op_id, action))
            pdg.add_node(op_id, "operation", action.text, span=span if number else (action.start, action.end),
                         **attrs)

    attach_notes(pdg, ops, notes)
    place_fronted(pdg, ops, fronts)
    _means_first(pdg, ops)
    # "wash with buffer pre-warmed to 50 C": the buffer is warmed first, on its own
    prepare_first(pdg, preparing_participles(protocol.text, ops, entities,
                                             lambda op_id: pdg.graph.nodes[op_id].get("sentence") and
                                             pdg.graph.nodes[op_id]["sentence"]["start"]))
    op_ids = sorted((op_id for op_id, _ in ops), key=lambda op_id: pdg.graph.nodes[op_id]["order"])
    by_step: dict[int, list[str]] = {}
    for op_id, action in ops:
        by_step.setdefault(action.step, []).append(op_id)

    blocks: list[_Block] = []
    blocks += _sentence_blocks(pdg, ops, sents, protocol)
    blocks += _repeat_blocks(pdg, ops, sents, control, sentence_of, by_step, step_number, spec)
    _cross_references(pdg, ops, sentence_of, by_step, step_number, spec)
    _assign_blocks(pdg, blocks)
    _control_edges(pdg, op_ids, blocks)
    return pdg


# ---------------------------------------------------------------------------- helpers
def non_operation(text: str, action: Action, spec: DslSpec | None) -> str | None:
    """Why ``action`` is no lab operation (a prohibition, a verb the domain ignores, no verb
    at all), or None when it is one.

    >>> from autodsl.extract.models import Action
    >>> t = "Invert 6 times. Do not vortex."
    >>> non_operation(t, Action(id="A", start=23, end=29, text="vortex", lemma="vortex", step=1), None)
    'a prohibition'
    >>> non_operation(t, Action(id="A", start=0, end=6, text="Invert", lemma="invert", step=1), None)
    >>> non_operation("Dry (evaporate the ethanol).", Action(id="A", start=5, end=13, text="evaporate",
    ...               lemma="evaporate", step=1), None)
    'a remark in parentheses'
    >>> non_operation("Spin.\\nNote: keep it on ice.", Action(id="A", start=12, end=16, text="keep", lemma="keep",
    ...               step=2), None)
    'in a note'
    """
    before = text[max(0, action.start - 30) : action.start]
    if _PROHIBITION_LEMMA.match(action.lemma) or _PROHIBITION.search(before):
        return "a prohibition"
    if in_parentheses(text, action.start):
        return "a remark in parentheses"
    if on_note_line(text, action.start):
        return "in a note"
    said = (advice(text, action) or not_instructed(text, action) or heading(text, action)
            or description(text, action))
    if said is not None:
        return said
    if spec is None or spec_operation(spec, action.lemma) is not None:
        return None
    if future_description(text, action):
        return "a description"
    words = action.lemma.split()
    head = words[0] if words else ""
    if head in spec.ignored_verbs or action.lemma in spec.ignored_verbs:
        return f"not an operation of the {spec.domain} DSL"
    if len(head) <= 2 or any(ch.isdigit() for ch in head) or _NOMINAL.search(head):
        return "not a verb"
    if not reads_as_a_verb(text, action, head):
        return "not a verb"
    return None


def _sentences(protocol: Protocol) -> list[Sentence]:
    if protocol.steps:
        found: list[Sentence] = []
        for step in protocol.steps:
            found.extend(sentences(protocol.text, step.start, step.end))
        return found
    return sentences(protocol.text)


def _means_first(pdg: PDG, ops: list[tuple[str, Action]]) -> None:
    """Run a making's means first: in "Make 6 M urea solution by adding urea to the buffer" the
    adding makes the solution the making names, so the making (marked ``means``) follows it.

    >>> from autodsl.extract.models import Action
    >>> g = PDG(text="Make the mix by adding salt to water.")
    >>> acts = [Action(id="A1", start=0, end=4, text="Make", lemma="make", step=1),
    ...         Action(id="A2", start=16, end=22, text="adding", lemma="add", step=1)]
    >>> for i, (op, a) in enumerate(zip(["op1", "op2"], acts)):
    ...     g.add_node(op, "operation", a.text, span=(a.start, a.end), order=i, sentence={"start": 0, "end": 37})
    >>> _means_first(g, list(zip(["op1", "op2"], acts)))
    >>> [(op, d["order"], d.get("means")) for op, d in g.nodes("operation")]
    [('op1', 1, 'op2'), ('op2', 0, None)]
    """
    moved: set[str] = set()
    for (made_id, made), (means_id, means) in zip(ops, ops[1:]):
        node, other = pdg.graph.nodes[made_id], pdg.graph.nodes[means_id]
        if made_id in moved or op_class(made.lemma) != "create" or node.get("sentence") is None \
                or node["sentence"] != other.get("sentence") or not _MEANS.search(pdg.text[made.end:means.start]):
            continue
        node["order"], other["order"] = other["order"], node["order"]
        node["means"] = means_id
        moved |= {made_id, means_id}


def _written_step_numbers(protocol: Protocol) -> dict[int, int]:
    """Step number as written in the text ('3)' -> 3) -> step index; the index itself otherwise."""
    numbers: dict[int, int] = {}
    for step in protocol.steps:
        written = re.search(r"\d+", step.label or "")
        numbers.setdefault(int(written.group()) if written else step.index, step.index)
    return numbers


def _operation_slots(
    action: Action, by_id: dict[str, Entity], spec: DslSpec | None, pdg: PDG, op_id: str
) -> tuple[str, dict[str, Any], list[dict[str, Any]]]:
    """Opcode, slots and the arguments no slot of the spec takes."""
    op_spec = spec_operation(spec, action.lemma) if spec else None
    # a verb no operation of the spec takes keeps an opcode of its own; the driver reports it
    # (``unknown-operation``), as ``autodsl check`` does on the printed program
    opcode = op_spec.opcode if op_spec else opcode_of(action.lemma)
    return (opcode, *operation_slots(action, by_id, op_spec, pdg.text))


def _sentence_blocks(pdg: PDG, ops: list[tuple[str, Action]], sents: list[Sentence],
                     protocol: Protocol) -> list[_Block]:
    """Optional, conditional and parallel blocks, one per sentence that carries the cue."""
    optional_steps = {s.index for s in protocol.steps if cues.is_optional(s.text[:40])}
    blocks: list[_Block] = []
    in_sentence: dict[int, list[str]] = {}
    starts = [sent.start for sent in sents]
    for op_id, action in ops:
        i = bisect.bisect_right(starts, action.start) - 1
        if i >= 0 and action.start < sents[i].end:
            in_sentence.setdefault(i, []).append(op_id)
    stated: str | None = None  # the condition the sentence before stated
    for i, sent in enumerate(sents):
        # "Otherwise, ...", "If not, ...": the condition of the sentence before, negated
        condition = cues.find_condition(sent.text) or (
            cues.condition_after(sent.text, sents[i - 1].text, stated) if i else None)
        stated = condition
        members = in_sentence.get(i)
        if not members:
            continue
        step = pdg.graph.nodes[members[0]]["step"]
        span = (sent.start, sent.end)
        if step in optional_steps or cues.is_optional(sent.text):
            blocks.append(_Block("optional", members, condition="optional", span=span))
        if condition:
            blocks.append(_Block("if", members, condition=condition, span=span))
        if cues.find_parallel(sent.text):
            blocks.append(_Block("parallel", members, span=span))
    return _merge_adjacent(blocks)


def _merge_adjacent(blocks: list[_Block]) -> list[_Block]:
    """Join consecutive optional blocks (an "Optional:" step of several sentences is one block)."""
    merged: list[_Block] = []
    for block in blocks:
        last = merged[-1] if merged else None
        if (last is not None and block.kind == "optional" == last.kind and last.span and block.span
                and block.span[0] - last.span[1] <= 2):
            last.members.extend(block.members)
            last.span = (last.span[0], block.span[1])
            continue
        merged.append(block)
    return merged


def _repeat_instructions(sents: list[Sentence], control: list[Action], sentence_of: Any) -> list[tuple[int, int, int]]:
    """(offset of "repeat", sentence start, sentence end) of each repeat instruction, in text order.

    A sentence is one when its text says so (:func:`cues.repeat_instruction`), whether or not
    the extractor tagged "Repeat" as an action, or when the extractor tagged "repeat" in it.
    """
    found: dict[int, tuple[int, int, int]] = {}
    for sent in sents:
        at = cues.repeat_instruction(sent.text)
        if at is not None:
            found[sent.start] = (sent.start + at, sent.start, sent.end)
    for action in control:
        sent = sentence_of(action.start)
        start, end = (sent.start, sent.end) if sent else (action.start, action.end)
        found.setdefault(start, (action.start, start, end))
    return sorted(found.values())


def _repeat_blocks(pdg: PDG, ops: list[tuple[str, Action]], sents: list[Sentence], control: list[Action],
                   sentence_of: Any, by_step: dict[int, list[str]], step_number: dict[int, int],
                   spec: DslSpec | None = None) -> list[_Block]:
    """Repeat blocks: one per repeat instruction, one per operation run "N times" or "N x 5 min".

    An instruction repeats the steps it names ("repeat steps 3–4"), else the latest operation
    whose verb the noun it names ("repeat the wash") stands for, else the step before it. One
    that names steps without operations, or comes before any operation, is reported
    (``unresolved-step-reference``, ``unresolved-repeat``) and makes no block.
    """
    blocks: list[_Block] = []
    last_said: tuple[str, int] | None = None  # the instruction before, and how many operations preceded it
    for at, start, end in _repeat_instructions(sents, control, sentence_of):
        said = " ".join(pdg.text[start:end].split())
        cue = cues.find_repeat(pdg.text[at:end]) or cues.RepeatCue(None, None, None, None)
        earlier = [op_id for op_id, a in ops if a.start < at]
        instruction = (_STEP_LABEL.sub("", said).lower(), len(earlier))
        if instruction == last_said and blocks and blocks[-1].kind == "repeat":
            # "Repeat the extraction." written twice in a row is one instruction: two more runs
            blocks[-1].count = (blocks[-1].count or 1) + (cue.count if cue.count is not None else 1)
            continue
        last_said = instruction
        members: list[str] = []
        if cue.first_step is not None and cue.last_step is not None:
            for written in range(cue.first_step, cue.last_step + 1):
                members += by_step.get(step_number.get(written, -1), [])
            if not members:
                pdg.diagnostics.append(Diagnostic(
                    code="unresolved-step-reference", severity="warning", start=start, end=end,
                    node=earlier[-1] if earlier else None,
                    message=f"'{said[:60]}' repeats steps {cue.first_step}-{cue.last_step}, which have no operation",
                    hint="check the step numbers, or write the repeated steps out",
                ))
                continue
        elif cue.target is not None:
            members = _cycle(pdg, earlier, cue.target)
        if not members and earlier:
            last_step = pdg.graph.nodes[earlier[-1]]["step"]
            members = [o for o in earlier if pdg.graph.nodes[o]["step"] == last_step]
        if not members:
            pdg.diagnostics.append(Diagnostic(
                code="unresolved-repeat", severity="warning", start=start, end=end,
                message=f"'{said[:60]}' says to repeat work, but no operation comes before it",
                hint="name the steps to repeat (\"repeat steps 2-3 twice\") after the steps themselves",
            ))
            continue
        further = cue.count if cue.count is not None else 1
        blocks.append(_Block("repeat", members, count=further + 1, span=(start, end)))
    for op_id, action in ops:
        node = pdg.graph.nodes[op_id]
        count = _times_of(pdg, op_id, action)
        if count and count > 1:
            if action.lemma in COUNT_SLOT_VERBS:
                # "invert 6-8 times" is how to mix, not a repeated operation: the count is a slot
                _count_slot(pdg, op_id, action, spec)
            else:
                # "wash twice" runs the wash twice: the block says so, and only the block; a
                # count slot as well would read as two washes each done twice
                node["slots"].pop("count", None)
                blocks.append(_Block("repeat", [op_id], count=count, span=(action.start, action.end)))
        for record in node["slots"].values():
            if record.get("dimension") == "time" and record.get("repeat"):
                blocks.append(_Block("repeat", [op_id], count=record["repeat"], span=(action.start, action.end)))
    return blocks


def _cycle(pdg: PDG, earlier: list[str], target: str) -> list[str]:
    """The cycle "repeat the wash" names: the operations that end at the latest one ``target``
    stands for: for a wash or an extraction back to the separation that began it ("Place on
    the magnet, discard, add water, vortex, wash"), else the operations of that one's own
    sentence ("repeat the count"). Only the last ``_CYCLE_OPS`` operations count: a target
    matched no closer is none (the step before is repeated)."""
    recent = earlier[-_CYCLE_OPS:]
    matched = [i for i, o in enumerate(recent) if cues.same_operation(target, pdg.graph.nodes[o]["verb"])]
    if not matched:
        return []
    end = begin = matched[-1]
    if any(cues.same_operation(target, word) for word in _CYCLES):
        separations = [i for i in range(end) if op_class(pdg.graph.nodes[recent[i]]["verb"]) == "separate"]
        begin = separations[-1] if separations else end
    return recent[_sentence_begin(pdg, recent, begin):end + 1]


def _sentence_begin(pdg: PDG, ops: list[str], i: int) -> int:
    """Index of the first of ``ops`` in the sentence of ``ops[i]`` (ops in text order)."""
    sentence = pdg.graph.nodes[ops[i]].get("sentence")
    while i > 0 and sentence is not None and pdg.graph.nodes[ops[i - 1]].get("sentence") == sentence:
        i -= 1
    return i


def _times_of(pdg: PDG, op_id: str, action: Action) -> int | None:
    """How many times an operation is to run: its count slot, or 'N times' right after the verb."""
    slots = pdg.graph.nodes[op_id]["slots"]
    count = slots.get("count")
    if count is not None:
        found = cues.find_times(count["text"] + " times") or cues.count_word(count["text"].split()[0])
        if found:
            return found
    return cues.find_times(_clause_after(pdg, op_id, action))


def _clause_after(pdg: PDG, op_id: str, action: Action) -> str:
    """The words after the verb up to the end of its clause ("Invert [the tube 6 times], then ...")."""
    sentence = pdg.graph.nodes[op_id]["sentence"]
    if sentence is None:
        return ""
    clause = pdg.text[action.end:sentence["end"]]
    return re.split(r"[;,]|\band\b|\bthen\b", clause, maxsplit=1)[0]


def _count_slot(pdg: PDG, op_id: str, action: Action, spec: DslSpec | None) -> None:
    """Give an operation run "N times" as one action ("invert 6-8 times") its count as a slot,
    when the extractor did not and the operation takes one: the count is then said once, here."""
    slots = pdg.graph.nodes[op_id]["slots"]
    if "count" in slots:
        return
    op_spec = spec.operation(pdg.graph.nodes[op_id]["opcode"]) if spec is not None else None
    if op_spec is not None and all(slot.name != "count" for slot in op_spec.slots):
        return
    clause = _clause_after(pdg, op_id, action)
    said = cues.times_phrase(clause)
    if said is not None:
        start = action.end + clause.index(said)
        slots["count"] = {"text": said, "source": "text", "start": start, "end": start + len(said)}


def _cross_references(pdg: PDG, ops: list[tuple[str, Action]], sentence_of: Any,
                      by_step: dict[int, list[str]], step_number: dict[int, int], spec: DslSpec | None) -> None:
    for op_id, action in ops:
        sent = sentence_of(action.start)
        if sent is None:
            continue
        written = cues.find_step_reference(sent.text)
        if written is None:
            continue
        node = pdg.graph.nodes[op_id]
        targets = [t for t in by_step.get(step_number.get(written, -1), []) if t != op_id]
        if not targets:
            pdg.diagnostics.append(Diagnostic(
                code="unresolved-step-reference", severity="warning", start=sent.start, end=sent.end,
                node=op_id, message=f"'{sent.text[:60]}' refers to step {written}, which has no operation",
                hint="check the step number, or write the parameters out",
            ))
            continue
        same = [t for t in targets if pdg.graph.nodes[t]["opcode"] == node["opcode"]]
        source = (same or targets)[0]
        node["refers_to"] = source
        op_spec = spec.operation(node["opcode"]) if spec is not None else None
        takes = {slot.name for slot in op_spec.slots} if op_spec is not None else None
        for name, record in pdg.graph.nodes[source]["slots"].items():
            if name not in node["slots"] and (takes is None or name in takes):
                node["slots"][name] = {**record, "ref_step": written}


def _assign_blocks(pdg: PDG, blocks: list[_Block]) -> None:
    """Give each block an id and list, on each operation, its blocks outermost first."""
    order = {op_id: data["order"] for op_id, data in pdg.nodes("operation")}
    for block in blocks:
        block.members = sorted(set(block.members), key=order.__getitem__)
    ranked = sorted(blocks, key=lambda b: (order[b.members[0]], -len(b.members), b.kind))
    for number, block in enumerate(ranked, start=1):
        record: dict[str, Any] = {"id": f"b{number}", "kind": block.kind}
        if block.count is not None:
            record["count"] = block.count
        if block.condition is not None:
            record["condition"] = block.condition
        block.attrs = record
        for op_id in block.members:
            pdg.graph.nodes[op_id]["blocks"].append(record)


def _control_edges(pdg: PDG, op_ids: list[str], blocks: list[_Block]) -> None:
    """``next`` between consecutive operations, ``branch`` into conditional blocks, ``repeat`` back."""
    entries = {}
    for block in blocks:
        if block.kind in ("if", "optional"):
            entries.setdefault(block.members[0], block)
    position = {op_id: i for i, op_id in enumerate(op_ids)}
    for i in range(1, len(op_ids)):
        prev, cur = op_ids[i - 1], op_ids[i]
        block = entries.get(cur)
        if block is None:
            pdg.add_edge(prev, cur, "next")
            continue
        pdg.add_edge(prev, cur, "branch", condition=block.condition)
        after = position[block.members[-1]] + 1
        if after < len(op_ids) and not pdg.graph.has_edge(prev, op_ids[after], "next"):
            pdg.add_edge(prev, op_ids[after], "next", skip=block.attrs["id"])
    for block in blocks:
        if block.kind == "repeat":
            first, last = block.members[0], block.members[-1]
            if not pdg.graph.has_edge(last, first, "repeat"):
                pdg.add_edge(last, first, "repeat", count=block.count, block=block.attrs["id"])
