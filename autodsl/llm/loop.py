"""The LLM in the loop: propose, check, repair, merge — and keep the offline result safe.

:func:`assist_pdg` finds the gaps of a translated protocol (:mod:`autodsl.llm.merge`),
asks the LLM to fill them and checks every answer against the domain's DSL spec
(:mod:`autodsl.llm.proposals`). The problems found go back to the LLM, which answers
again, up to ``config.rounds`` times (as CLAIRify does); what passes is merged, marked
``source: "llm"``, and what never passes is dropped with an ``llm-proposal-rejected``
warning. Two tasks run in turn: *propose* (statements for steps with no operation and for
operations with no opcode in the DSL) and *complete* (values for known-unknown
parameters). The first failure to get a usable answer (``llm-unavailable``,
``llm-bad-reply``) stops all LLM work of the run with one warning. The PDG given is never
changed: the result is a copy.

>>> from autodsl.induce.spec import DslSpec
>>> from autodsl.llm.config import LLMConfig
>>> from autodsl.pdg.model import PDG
>>> g, report = assist_pdg(PDG(text=""), DslSpec(domain="d"),
...                        LLMConfig(base_url="http://127.0.0.1:9/v1", model="m", api_key="k"), steps={})
>>> report.usage.requests, g.meta["llm"]["accepted"]
(0, 0)
"""

from __future__ import annotations

import dataclasses
import functools
import re
import sys
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, NoReturn, Sequence, TextIO

from autodsl.diagnostics import Diagnostic, sort_diagnostics
from autodsl.driver import Translation
from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
from autodsl.llm.cache import CACHE_FILE, CacheError, ResponseCache
from autodsl.llm.client import LLMClient, LLMReplyError, LLMUnavailableError, TokenUsage
from autodsl.llm.config import LLMConfig
from autodsl.llm.merge import EmptyStep, Unknown, copy_pdg, fill_unknown, find_gaps, insert_statements, \
    known_materials, retype_operation
from autodsl.llm.messages import PROMPTS_DIGEST, chat, load_prompt
from autodsl.llm.proposals import SCHEMA_DIGEST, AcceptedStatement, CompletionsAnswer, ProposalError, \
    ProposedStatement, StatementsAnswer, check_quantity, check_statement, parse_answer
from autodsl.llm.verify import Verdict, compiler_problems
from autodsl.pdg.model import PDG

__all__ = ["LLMReport", "assist", "assist_pdg", "describe_operations", "print_report"]

_DIGEST = f"{PROMPTS_DIGEST}:{SCHEMA_DIGEST}"
_MAX_MATERIALS = 200
# Operations shown in full in a prompt; a large domain (80+ operations) would fill a small
# model's context, so the rest are listed by name only.
_MAX_OPERATIONS = 20


class _Stop(Exception):
    """No usable answer: stop all LLM work of this run (its diagnostic is already recorded)."""


@dataclass
class LLMReport:
    """What the LLM did in a run: diagnostics, cost, proposals accepted and rejected."""

    config: LLMConfig
    usage: TokenUsage = field(default_factory=TokenUsage)
    diagnostics: list[Diagnostic] = field(default_factory=list)
    accepted: int = 0
    rejected: int = 0
    rounds: int = 0
    stopped: str | None = None

    def meta(self) -> dict[str, Any]:
        """The ``meta["llm"]`` entry of the output: settings (no key), tokens, outcome."""
        return {**self.config.describe(), **self.usage.as_dict(), "rounds_used": self.rounds,
                "accepted": self.accepted, "rejected": self.rejected, "stopped": self.stopped}


def assist_pdg(pdg: PDG, spec: DslSpec, config: LLMConfig, *,
               steps: Mapping[int, tuple[int, int]]) -> tuple[PDG, LLMReport]:
    """A copy of ``pdg`` with checked LLM proposals merged, and the report of the run.

    ``steps`` maps step numbers to their ``(start, end)`` spans in ``pdg.text``.
    """
    work = copy_pdg(pdg)
    report = LLMReport(config)
    opcodes = {op.opcode for op in spec.operations}
    gaps = find_gaps(work, steps, opcodes)
    if gaps.empty_steps or gaps.untyped or gaps.unknowns:
        cache = _open_cache(config, report)
        client = LLMClient(config, cache=cache)
        try:
            if gaps.empty_steps or gaps.untyped:
                _propose(work, spec, client, report, gaps.empty_steps, gaps.untyped, steps)
            unknowns = find_gaps(work, steps, opcodes).unknowns
            if unknowns:
                _complete(work, spec, client, report, unknowns)
        except _Stop:
            pass
        finally:
            report.usage = client.usage
            client.close()
            if cache is not None:
                cache.close()
    work.diagnostics.extend(report.diagnostics)
    work.meta["llm"] = report.meta()
    return work, report


def assist(translation: Translation, spec: DslSpec | None, config: LLMConfig) -> Translation:
    """``translation`` with checked LLM proposals merged (see :func:`assist_pdg`).

    The report is in ``pdg.meta["llm"]`` and the LLM's diagnostics join the others. Without a
    domain DSL there is nothing to check proposals against, so the LLM is not asked.
    """
    if spec is None or not spec.operations:
        work = copy_pdg(translation.pdg)
        report = LLMReport(config, stopped="skipped")
        work.diagnostics.append(Diagnostic(
            code="llm-skipped", severity="warning",
            message="the LLM was not asked: no domain DSL to check its proposals against",
            hint="pass --dsl SPEC or --domain NAME"))
        work.meta["llm"] = report.meta()
    else:
        steps = {s.index: (s.start, s.end) for s in translation.protocol.steps}
        work, report = assist_pdg(translation.pdg, spec, config, steps=steps)
    work.diagnostics = sort_diagnostics(work.diagnostics)
    return dataclasses.replace(translation, pdg=work, diagnostics=work.diagnostics)


def print_report(pdg: PDG, stream: TextIO | None = None, *, warnings: bool = True) -> None:
    """Write the LLM's warnings (unless ``warnings`` is False) and the tokens used, from
    ``pdg.meta["llm"]``, to ``stream`` (default stderr)."""
    out = stream if stream is not None else sys.stderr
    meta = pdg.meta.get("llm") or {}
    if warnings:
        for diag in pdg.diagnostics:
            if diag.code.startswith("llm-") and diag.severity == "warning":
                print(f"autodsl: warning {diag.code}: {diag.message}", file=out)
    usage = TokenUsage(**{k: int(meta.get(k, 0)) for k in ("requests", "cached", "prompt_tokens",
                                                            "completion_tokens")})
    print(f"autodsl: {usage.summary()}; {meta.get('accepted', 0)} proposal(s) accepted, "
          f"{meta.get('rejected', 0)} rejected", file=out)


def describe_operations(spec: DslSpec, texts: Sequence[str] = (), limit: int = _MAX_OPERATIONS) -> dict[str, Any]:
    """The DSL's operations as the prompt shows them: the ``limit`` most relevant in full
    (those whose verbs occur in ``texts`` first, then the most frequent), the rest by name.

    >>> from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
    >>> spec = DslSpec(domain="d", operations=[
    ...     OperationSpec(opcode="SPIN", verbs={"spin": 9}, count=9, slots=[
    ...         SlotSpec(name="time", role="Setting", type="Time", dimension="time", required=True)]),
    ...     OperationSpec(opcode="MIX", verbs={"mix": 3}, count=3)])
    >>> describe_operations(spec, ["Mix gently."], limit=1)
    {'operations': [{'opcode': 'MIX', 'verbs': ['mix'], 'slots': {}}], 'other_opcodes': ['SPIN']}
    """
    joined = " ".join(texts).lower()

    def relevance(op: OperationSpec) -> tuple[int, int, str]:
        named = any(re.search(rf"\b{re.escape(verb)}", joined) for verb in op.verbs)
        return (0 if named else 1, -op.count, op.opcode)

    ranked = sorted(spec.operations, key=relevance)
    shown = []
    for op in ranked[:limit]:
        slots: dict[str, str] = {}
        for slot in op.slots:
            if slot.dimension:
                text = f"{slot.dimension.replace('_', ' ')} in {slot.unit}"
                if slot.range is not None and slot.range.n:
                    text += f", typically {slot.range.p05:g} to {slot.range.p95:g}"
            else:
                text = f"text ({slot.type})"
            slots[slot.name] = text + (", required" if slot.required else "")
        verbs = [v for v, _ in sorted(op.verbs.items(), key=lambda kv: (-kv[1], kv[0]))[:6]]
        entry: dict[str, Any] = {"opcode": op.opcode, "verbs": verbs, "slots": slots}
        if op.description:
            entry["description"] = op.description
        shown.append(entry)
    described: dict[str, Any] = {"operations": shown}
    if ranked[limit:]:
        described["other_opcodes"] = sorted(op.opcode for op in ranked[limit:])
    return described


_Accepted = tuple[AcceptedStatement, list[str]]  # a checked statement and its warnings


@dataclass
class _Round:
    """The outcome of checking one answer of the propose task."""

    new: dict[int, list[_Accepted]] = field(default_factory=dict)  # statements of empty steps
    retyped: dict[str, _Accepted] = field(default_factory=dict)  # by untyped operation
    problems: list[_Problem] = field(default_factory=list)
    failed: set[str | int] = field(default_factory=set)  # operations and steps that failed


@dataclass
class _ProposeTask:
    """What the propose task asks about, and the checker's verdict before any proposal."""

    work: PDG
    spec: DslSpec
    empty_by_step: dict[int, EmptyStep]
    op_step: dict[str, int]  # untyped operation -> its step
    step_span: dict[int, tuple[int, int] | None]
    step_text: dict[int, str]

    @functools.cached_property
    def base(self) -> Verdict:
        """The checker's verdict on the PDG before any proposal (only needed once one parses)."""
        return Verdict.of(self.work, self.spec)

    def review(self, parsed: StatementsAnswer) -> _Round:
        """Check each statement against the spec, then each group against the compiler."""
        outcome = _Round()
        for proposed in parsed.statements:
            if proposed.op is not None:
                self._review_retype(proposed, outcome)
            elif proposed.step not in self.empty_by_step:
                outcome.problems.append(_Problem(
                    f"statement for step {proposed.step}: step {proposed.step} is not a step without "
                    "operations; give the listed operation's id as 'op'", span=self.step_span.get(proposed.step)))
            else:
                # an input may be a product of an earlier statement of the same step
                earlier = {p.lower(): "" for s, _ in outcome.new.get(proposed.step, []) for p in s.products}
                materials = {**known_materials(self.work, before_step=proposed.step), **earlier}
                review = check_statement(proposed, self.spec, steps=self.step_text, materials=materials)
                if review.statement is None:
                    outcome.problems.extend(_Problem(p, span=self.step_span[proposed.step]) for p in review.problems)
                    outcome.failed.add(proposed.step)
                else:
                    outcome.new.setdefault(proposed.step, []).append((review.statement, review.warnings))
        self._compile(outcome)
        return outcome

    def _review_retype(self, proposed: ProposedStatement, outcome: _Round) -> None:
        op = proposed.op or ""
        if op not in self.op_step:
            outcome.problems.append(_Problem(f"statement for step {proposed.step}: 'op' {op!r} is not one of the "
                                             "untranslated operations", span=self.step_span.get(proposed.step)))
            return
        proposed = proposed.model_copy(update={"step": self.op_step[op]})
        review = check_statement(proposed, self.spec, steps=self.step_text, materials=None)
        if review.statement is None:
            outcome.problems.extend(_Problem(p, node=op) for p in review.problems)
            outcome.failed.add(op)
        else:
            outcome.retyped[op] = (review.statement, review.warnings)

    def _compile(self, outcome: _Round) -> None:
        """Merge each re-typing and each step's statements into a copy, and ask the checker."""
        for op, (statement, _) in list(outcome.retyped.items()):
            candidate = copy_pdg(self.work)
            retype_operation(candidate, op, statement, self.spec)
            found = compiler_problems(candidate, self.base, {op}, self.spec)
            if found:
                outcome.problems.extend(_Problem(f"{statement.opcode} for step {statement.step}: {p}", node=op)
                                        for p in found)
                outcome.failed.add(op)
                del outcome.retyped[op]
        for number, accepted in list(outcome.new.items()):
            if number in outcome.failed:  # a step's statements stand or fall together
                del outcome.new[number]
                continue
            candidate = copy_pdg(self.work)
            ids = insert_statements(candidate, self.empty_by_step[number], [s for s, _ in accepted], self.spec)
            found = compiler_problems(candidate, self.base, ids, self.spec)
            if found:
                outcome.problems.extend(_Problem(f"statements for step {number}: {p}", span=self.step_span[number])
                                        for p in found)
                outcome.failed.add(number)
                del outcome.new[number]


def _propose(work: PDG, spec: DslSpec, client: LLMClient, report: LLMReport, empty: list[EmptyStep],
             untyped: list[str], steps: Mapping[int, tuple[int, int]]) -> None:
    """Statements for empty steps and opcodes for untyped operations, with repair rounds."""
    op_step = {op: int(work.graph.nodes[op].get("step") or 0) for op in untyped}
    step_span: dict[int, tuple[int, int] | None] = {s.step: s.span for s in empty}
    for op, number in op_step.items():
        step_span.setdefault(number, steps.get(number) or _node_span(work, op))
    step_text = {n: work.text[span[0]:span[1]] if span else "" for n, span in step_span.items()}
    task = _ProposeTask(work, spec, {s.step: s for s in empty}, op_step, step_span, step_text)
    asked = [{"step": n, "text": step_text[n],
              "untranslated": [{"op": op, "verb": work.graph.nodes[op].get("verb", "")}
                               for op in untyped if op_step[op] == n]}
             for n in sorted(step_text)]
    texts = [*step_text.values(), *(str(work.graph.nodes[op].get("verb", "")) for op in untyped)]
    messages = chat("propose", operations=describe_operations(spec, texts),
                    materials=sorted(known_materials(work))[:_MAX_MATERIALS], steps=asked)
    new: dict[int, list[_Accepted]] = {}
    retyped: dict[str, _Accepted] = {}
    problems: list[_Problem] = []
    unparsed = False
    for round_number in range(1, client.config.rounds + 1):
        parsed = _ask(client, report, messages, StatementsAnswer, round_number)
        unparsed = isinstance(parsed, list)
        if unparsed:
            problems = [_Problem(p) for p in parsed]
        else:
            outcome = task.review(parsed)
            problems = outcome.problems
            # The latest answer about a step or an operation replaces earlier ones.
            for key in outcome.failed:
                if isinstance(key, int):
                    new.pop(key, None)
                else:
                    retyped.pop(key, None)
            new.update(outcome.new)
            retyped.update(outcome.retyped)
        if not problems:
            break
        if round_number < client.config.rounds:
            messages = _repair(messages, problems)
    for number, accepted in sorted(new.items(), reverse=True):
        # from the last step back, so each insertion leaves the earlier steps' order alone
        ids = insert_statements(work, task.empty_by_step[number], [s for s, _ in accepted], spec)
        for node_id, (statement, warnings) in zip(ids, accepted):
            _accepted(work, report, node_id, statement, warnings)
    for op, (statement, warnings) in retyped.items():
        retype_operation(work, op, statement, spec)
        _accepted(work, report, op, statement, warnings)
    _rejected(work, report, problems, unparsed)


def _complete(work: PDG, spec: DslSpec, client: LLMClient, report: LLMReport, unknowns: list[Unknown]) -> None:
    """Values for known-unknown parameters, checked into each slot's dimension."""
    by_id = {u.id: u for u in unknowns}
    asked = []
    for u in unknowns:
        node = work.graph.nodes[u.node]
        slot = _slot_spec(spec, node.get("opcode", ""), u.slot)
        span = _node_span(work, u.node)
        entry: dict[str, Any] = {"id": u.id, "opcode": node.get("opcode"), "slot": u.slot,
                                 "dimension": slot.dimension if slot else None, "unit": slot.unit if slot else None,
                                 "step_text": work.text[span[0]:span[1]] if span else ""}
        if slot is not None and slot.range is not None and slot.range.n:
            entry["typical"] = f"{slot.range.p05:g} to {slot.range.p95:g} {slot.range.unit}"
        asked.append(entry)
    messages = chat("complete", parameters=asked)
    base = functools.cache(lambda: Verdict.of(work, spec))  # only needed once an answer parses
    filled: dict[str, tuple[dict[str, Any], str | None]] = {}
    problems: list[_Problem] = []
    unparsed = False
    for round_number in range(1, client.config.rounds + 1):
        parsed = _ask(client, report, messages, CompletionsAnswer, round_number)
        unparsed = isinstance(parsed, list)
        if unparsed:
            problems = [_Problem(p) for p in parsed]
        else:
            problems = []
            for completion in parsed.completions:
                unknown = by_id.get(completion.id)
                if unknown is None:
                    problems.append(_Problem(f"{completion.id!r} is not a parameter that was asked about"))
                    continue
                if completion.value is None:
                    continue  # the model cannot tell: the parameter stays a known unknown
                value, warning, found = _review_completion(work, spec, base, unknown, completion.value)
                if value is None:
                    problems.extend(_Problem(p, node=unknown.node) for p in found)
                    filled.pop(completion.id, None)
                else:
                    filled[completion.id] = (value, warning)
        if not problems:
            break
        if round_number < client.config.rounds:
            messages = _repair(messages, problems)
    for key, (value, warning) in filled.items():
        unknown = by_id[key]
        fill_unknown(work, unknown, value)
        report.accepted += 1
        report.diagnostics.append(_diag(work, "llm-proposal-accepted", "info",
                                        f"{key} = {value['text']} proposed by the LLM", node=unknown.node))
        if warning:
            report.diagnostics.append(_diag(work, "value-out-of-range", "warning", warning, node=unknown.node))
    _rejected(work, report, problems, unparsed)


def _review_completion(work: PDG, spec: DslSpec, base: Callable[[], Verdict], unknown: Unknown,
                       text: str) -> tuple[dict[str, Any] | None, str | None, list[str]]:
    """The slot value for a proposed ``text`` and its range warning, or None and the problems."""
    slot = _slot_spec(spec, work.graph.nodes[unknown.node].get("opcode", ""), unknown.slot)
    if slot is None:
        return None, None, [f"{unknown.id}: the slot is not in the DSL"]
    result = check_quantity(text, slot, where=unknown.id)
    if result.value is None:
        return None, None, [result.problem or f"{unknown.id}: {text!r} is not accepted"]
    candidate = copy_pdg(work)
    fill_unknown(candidate, unknown, result.value)
    found = compiler_problems(candidate, base(), {unknown.node}, spec)
    if found:
        return None, None, [f"{unknown.id}: {p}" for p in found]
    return result.value, result.warning, []


# ---------------------------------------------------------------- helpers


@dataclass
class _Problem:
    """Why (part of) an answer was not accepted, and where it points."""

    message: str
    node: str | None = None
    span: tuple[int, int] | None = None


def _ask(client: LLMClient, report: LLMReport, messages: list[dict[str, str]],
         model: type[StatementsAnswer] | type[CompletionsAnswer], round_number: int) -> Any:
    """The parsed answer, or the list of reasons it does not parse; stops the run on failure.

    The answer is appended to ``messages`` so a repair round can quote it.
    """
    report.rounds = max(report.rounds, round_number)
    try:
        answer = client.chat(messages, schema=_DIGEST)
    except LLMUnavailableError as err:
        _stop(report, "llm-unavailable", f"{err}; the offline result stands")
    except LLMReplyError as err:
        _stop(report, "llm-bad-reply", f"{err}; the offline result stands")
    messages.append({"role": "assistant", "content": answer.content})
    try:
        return parse_answer(answer.content, model)
    except ProposalError as err:
        return err.problems


def _stop(report: LLMReport, code: str, message: str) -> NoReturn:
    report.stopped = code.removeprefix("llm-")
    report.diagnostics.append(Diagnostic(code=code, severity="warning", message=message))
    raise _Stop


def _repair(messages: list[dict[str, str]], problems: list[_Problem]) -> list[dict[str, str]]:
    listed = [p.message for p in problems[:40]]
    return [*messages, {"role": "user", "content": load_prompt("repair").render(problems=listed)}]


def _rejected(work: PDG, report: LLMReport, problems: list[_Problem], unparsed: bool) -> None:
    """Warnings for what still fails after the last round; an unparsable answer stops the run."""
    if unparsed and problems:
        reasons = "; ".join(p.message for p in problems[:3])
        _stop(report, "llm-bad-reply", f"the LLM's answer is not the JSON object asked for after "
                                       f"{report.rounds} round(s): {reasons}; the offline result stands")
    for problem in problems:
        report.rejected += 1
        report.diagnostics.append(_diag(work, "llm-proposal-rejected", "warning",
                                        f"{problem.message}; the proposal is discarded",
                                        node=problem.node, span=problem.span))


def _accepted(work: PDG, report: LLMReport, node_id: str, statement: AcceptedStatement, warnings: list[str]) -> None:
    report.accepted += 1
    args = [*statement.inputs, *(f"{k}: {v.get('text', v.get('value'))}" for k, v in statement.slots.items())]
    report.diagnostics.append(_diag(work, "llm-proposal-accepted", "info",
                                    f"step {statement.step}: {statement.opcode}({', '.join(args)}) "
                                    "proposed by the LLM", node=node_id))
    for warning in warnings:
        report.diagnostics.append(_diag(work, "value-out-of-range", "warning", warning, node=node_id))


def _diag(work: PDG, code: str, severity: str, message: str, *, node: str | None = None,
          span: tuple[int, int] | None = None) -> Diagnostic:
    """A diagnostic at ``span`` (default: the node's sentence or span), with line and column."""
    span = span or (_node_span(work, node) if node is not None else None)
    where: dict[str, Any] = {}
    if span is not None:
        line = work.text.count("\n", 0, span[0]) + 1
        column = span[0] - (work.text.rfind("\n", 0, span[0]) + 1) + 1
        where = {"line": line, "column": column, "start": span[0], "end": span[1]}
    return Diagnostic(code=code, severity=severity, message=message, node=node, **where)  # type: ignore[arg-type]


def _node_span(work: PDG, node: str) -> tuple[int, int] | None:
    if node not in work.graph:
        return None
    data = work.graph.nodes[node]
    sentence = data.get("sentence")
    if isinstance(sentence, dict):
        return int(sentence["start"]), int(sentence["end"])
    span = data.get("span")
    return (int(span[0]), int(span[1])) if span else None


def _slot_spec(spec: DslSpec, opcode: str, name: str) -> SlotSpec | None:
    op = next((o for o in spec.operations if o.opcode == opcode), None)
    return op.slot(name) if op is not None else None


def _open_cache(config: LLMConfig, report: LLMReport) -> ResponseCache | None:
    if not config.cache:
        return None
    try:
        return ResponseCache(config.cache_dir / CACHE_FILE)
    except CacheError as err:
        report.diagnostics.append(Diagnostic(code="llm-cache-unavailable", severity="warning",
                                             message=f"{err}; going on without it"))
        return None
