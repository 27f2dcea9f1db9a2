"""What the LLM may propose, and the checks a proposal must pass before it is used.

An answer is parsed leniently (a ```json fence or a sentence around the object is
tolerated) into strict, frozen pydantic models with tight limits: short single-line
strings, identifiers for product names, a bounded number of statements. Each proposed
statement is then checked against the domain's :class:`~autodsl.induce.spec.DslSpec`: the
opcode and every slot must exist, every quantity must parse (``autodsl.units``) into its
slot's dimension, inputs must be known materials or be named in the step's text. Nothing
a proposal says is executed; free text only ever becomes a string value.

>>> from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
>>> spec = DslSpec(domain="d", operations=[OperationSpec(opcode="MIX", slots=[
...     SlotSpec(name="method", role="Using", type="Method")])])
>>> answer = parse_answer('```json\\n{"statements": [{"step": 1, "opcode": "mix", '
...                       '"inputs": ["buffer"], "slots": {"method": "by pipetting"}}]}\\n```',
...                       StatementsAnswer)
>>> review = check_statement(answer.statements[0], spec, steps={1: "Mix the buffer."}, materials={})
>>> review.problems, review.statement.opcode, review.statement.slots["method"]["source"]
([], 'MIX', 'llm')
"""

from __future__ import annotations

import difflib
import hashlib
import json
import re
from dataclasses import dataclass, field
from typing import Annotated, Any, Mapping, TypeVar

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, StringConstraints, ValidationError

from autodsl.errors import QuantityError
from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
from autodsl.units import Quantity, parse_quantity
from autodsl.validate.value_out_of_range import MIN_OBSERVATIONS

__all__ = [
    "AcceptedStatement",
    "Completion",
    "CompletionsAnswer",
    "ProposalError",
    "ProposedStatement",
    "SCHEMA_DIGEST",
    "SlotReview",
    "StatementReview",
    "StatementsAnswer",
    "check_quantity",
    "check_statement",
    "parse_answer",
]

TEXT_MAX = 200
_CONTROL = re.compile(r"[\x00-\x1f\x7f\u2028\u2029]")


def _single_line(text: str) -> str:
    # A newline or control character in a value could break out of a DSL string
    # literal or a log line; nothing in a slot value needs one.
    if _CONTROL.search(text):
        raise ValueError("must be one line of text without control characters")
    return text.strip()


Text = Annotated[str, StringConstraints(min_length=1, max_length=TEXT_MAX), AfterValidator(_single_line)]
Identifier = Annotated[str, StringConstraints(pattern=r"^[A-Za-z_][A-Za-z0-9_]{0,63}$")]
SlotName = Annotated[str, StringConstraints(pattern=r"^[A-Za-z][A-Za-z0-9_]{0,63}$")]
_frozen = ConfigDict(frozen=True, extra="forbid")


class ProposedStatement(BaseModel):
    """One DSL statement the LLM proposes for a protocol step."""

    model_config = _frozen
    step: int = Field(ge=0, le=100_000, description="number of the step it translates")
    op: Identifier | None = Field(default=None, description="id of the untranslated operation it re-types")
    opcode: Identifier = Field(description="an opcode of the domain's DSL")
    inputs: list[Text] = Field(default_factory=list, max_length=8, description="materials acted on")
    slots: dict[SlotName, Text] = Field(default_factory=dict, max_length=16,
                                        description="slot name -> value as text, e.g. '10 min'")
    products: list[Identifier] = Field(default_factory=list, max_length=4,
                                       description="names of the materials it makes")


class StatementsAnswer(BaseModel):
    """The LLM's answer to the ``propose`` prompt."""

    model_config = _frozen
    statements: list[ProposedStatement] = Field(max_length=64, description="statements, in order")


class Completion(BaseModel):
    """A proposed value for one known-unknown parameter."""

    model_config = _frozen
    id: Text = Field(description="the parameter id as given, e.g. 'op3.time'")
    value: Text | None = Field(description="a quantity of the slot's dimension, or null")


class CompletionsAnswer(BaseModel):
    """The LLM's answer to the ``complete`` prompt."""

    model_config = _frozen
    completions: list[Completion] = Field(max_length=256, description="one per parameter asked about")


def _schema_digest() -> str:
    schemas = [m.model_json_schema() for m in (StatementsAnswer, CompletionsAnswer)]
    return hashlib.sha256(json.dumps(schemas, sort_keys=True).encode("utf-8")).hexdigest()


SCHEMA_DIGEST: str = _schema_digest()


class ProposalError(ValueError):
    """An answer that is not the JSON object asked for; ``problems`` says why, one per line."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = problems
        super().__init__("; ".join(problems))


_Answer = TypeVar("_Answer", StatementsAnswer, CompletionsAnswer)
_FENCE = re.compile(r"```(?:json|JSON)?\s*\n(.*?)```", re.DOTALL)


def parse_answer(text: str, model: type[_Answer]) -> _Answer:
    """The JSON object in ``text`` validated as ``model``; raises :class:`ProposalError`.

    >>> parse_answer('Sure! {"completions": []} Hope it helps.', CompletionsAnswer).completions
    []
    """
    fenced = _FENCE.search(text)
    body = fenced.group(1) if fenced else text
    start = body.find("{")
    if start < 0:
        raise ProposalError(["the answer holds no JSON object"])
    try:
        data, _ = json.JSONDecoder().raw_decode(body, start)
    except json.JSONDecodeError as err:
        raise ProposalError([f"the answer is not valid JSON: {err.msg} at character {err.pos}"]) from None
    except RecursionError:
        raise ProposalError(["the answer's JSON is nested too deeply"]) from None
    try:
        return model.model_validate(data)
    except ValidationError as err:
        problems = []
        for item in err.errors()[:20]:
            where = ".".join(str(p) for p in item["loc"]) or "the answer"
            problems.append(f"{where}: {item['msg']}")
        raise ProposalError(problems) from None


# ---------------------------------------------------------------- checks against the spec


@dataclass
class AcceptedStatement:
    """A statement that passed the checks, in the PDG's slot convention (source ``llm``)."""

    step: int
    opcode: str
    inputs: list[str]
    slots: dict[str, dict[str, Any]]
    products: list[str]


@dataclass
class StatementReview:
    """The outcome of checking one proposed statement: problems reject it, warnings do not."""

    problems: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    statement: AcceptedStatement | None = None


@dataclass
class SlotReview:
    """The outcome of checking one proposed quantity for a slot."""

    problem: str | None = None
    warning: str | None = None
    value: dict[str, Any] | None = None


def check_statement(
    proposed: ProposedStatement,
    spec: DslSpec,
    *,
    steps: Mapping[int, str],
    materials: Mapping[str, str] | None,
) -> StatementReview:
    """Check ``proposed`` against ``spec``; ``steps`` are the step texts asked about and
    ``materials`` the known material names (lower case); None: inputs are not used, not checked."""
    review = StatementReview()
    where = f"statement for step {proposed.step}"
    if proposed.step not in steps:
        asked = ", ".join(str(s) for s in sorted(steps)) or "none"
        review.problems.append(f"{where}: step {proposed.step} was not asked about (asked: {asked})")
        return review
    op = _operation(spec, proposed.opcode)
    if op is None:
        review.problems.append(f"{where}: unknown operation {proposed.opcode!r}{_suggest(proposed.opcode, spec)}")
        return review
    where = f"{op.opcode} for step {proposed.step}"
    slots: dict[str, dict[str, Any]] = {}
    for raw_name, text in proposed.slots.items():
        name = raw_name.lower()
        slot = op.slot(name)
        if slot is None:
            names = ", ".join(s.name for s in op.slots) or "none"
            review.problems.append(f"{where}: {op.opcode} has no slot {raw_name!r} (its slots: {names})")
            continue
        if slot.dimension is None:
            slots[name] = {"text": text, "source": "llm"}
            continue
        result = check_quantity(text, slot, where=f"{where}: slot {name!r}")
        if result.problem:
            review.problems.append(result.problem)
        elif result.value is not None:
            slots[name] = result.value
            if result.warning:
                review.warnings.append(result.warning)
    step_text = steps[proposed.step].lower()
    for name in proposed.inputs if materials is not None else ():
        if name.lower() not in materials and name.lower() not in step_text:
            review.problems.append(f"{where}: input {name!r} is neither a defined material nor named "
                                   f"in the step's text")
    if not review.problems:
        review.statement = AcceptedStatement(proposed.step, op.opcode, list(proposed.inputs), slots,
                                             list(proposed.products))
    return review


def check_quantity(text: str, slot: SlotSpec, *, where: str = "") -> SlotReview:
    """Parse ``text`` as a quantity of ``slot``'s dimension; out of the learned range warns.

    >>> slot = SlotSpec(name="time", role="Setting", type="Time", dimension="time")
    >>> check_quantity("whenever it suits", slot).problem is not None
    True
    """
    prefix = f"{where}: " if where else ""
    if slot.dimension is None:
        return SlotReview(problem=f"{prefix}slot {slot.name!r} takes text, not a quantity")
    try:
        quantity = parse_quantity(text, context=slot.type)
    except QuantityError as err:
        return SlotReview(problem=f"{prefix}{text!r} is not a quantity autodsl reads: {err}")
    if quantity.dimension != slot.dimension:
        need, got = slot.dimension.replace("_", " "), quantity.dimension.replace("_", " ")
        return SlotReview(problem=f"{prefix}needs a {need} (in {slot.unit or 'its unit'}), "
                                  f"not a {got} ({text!r})")
    value = {"value": _json_value(quantity), "unit": quantity.unit, "dimension": quantity.dimension,
             "text": text, "source": "llm"}
    return SlotReview(warning=_range_warning(quantity, slot, prefix), value=value)


def _json_value(quantity: Quantity) -> float | list[float]:
    return list(quantity.value) if isinstance(quantity.value, tuple) else quantity.value


def _range_warning(quantity: Quantity, slot: SlotSpec, prefix: str) -> str | None:
    learned = slot.range
    if learned is None or learned.n < MIN_OBSERVATIONS or learned.unit != quantity.unit:
        return None
    low, high = quantity.value if isinstance(quantity.value, tuple) else (quantity.value, quantity.value)
    if low < learned.min or high > learned.max:
        return (f"{prefix}{quantity.text!r} is outside the range learned from the corpus "
                f"({learned.min:g}–{learned.max:g} {learned.unit})")
    return None


def _operation(spec: DslSpec, opcode: str) -> OperationSpec | None:
    # Exact opcodes only: a verb that happens to name an operation is the extractor's
    # business, and the prompt lists the opcodes.
    upper = opcode.upper()
    return next((op for op in spec.operations if op.opcode == upper), None)


def _suggest(name: str, spec: DslSpec) -> str:
    choices = [op.opcode for op in spec.operations]
    close = difflib.get_close_matches(name.upper(), choices, n=1)
    return f"; did you mean {close[0]}?" if close else f"; use one of {', '.join(choices[:12])}"
