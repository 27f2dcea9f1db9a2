"""The learned DSL spec of a domain: operations (opcodes) with typed slots.

A :class:`DslSpec` is the single source for the grammar emitter (``autodsl.emit``) and the
checks (``autodsl.validate``). It is written as ``grammars/<domain>.dsl.json`` and its
JSON Schema is documented in ``docs/spec.md``.

>>> slot = SlotSpec(name="time", role="Setting", type="Time", dimension="time",
...                 required=True, frequency=0.9)
>>> op = OperationSpec(opcode="CENTRIFUGE", verbs={"centrifuge": 10, "spin": 4},
...                    slots=[slot], count=14)
>>> spec = DslSpec(domain="wetlab", operations=[op])
>>> spec.operation("centrifuge").opcode, spec.operation("CENTRIFUGE").slot("time").unit
('CENTRIFUGE', 's')
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field

from autodsl.errors import SpecError
from autodsl.induce.effects import Effect
from autodsl.units import CANONICAL_UNITS

__all__ = [
    "ValueRange",
    "Example",
    "SlotSpec",
    "Pattern",
    "OperationSpec",
    "SyntaxFeatures",
    "CorpusStats",
    "DslSpec",
    "load_spec",
    "SPEC_VERSION",
]

SPEC_VERSION = 1
_frozen = ConfigDict(frozen=True, extra="forbid")


class ValueRange(BaseModel):
    """Observed values of a quantity slot, in the canonical unit of its dimension."""

    model_config = _frozen
    unit: str = Field(description="canonical unit the figures are in")
    min: float = Field(description="smallest observed value")
    p05: float = Field(description="5th percentile")
    median: float = Field(description="median")
    p95: float = Field(description="95th percentile")
    max: float = Field(description="largest observed value")
    n: int = Field(ge=0, description="number of observed values")


class Example(BaseModel):
    """A source text that illustrates an operation or slot, and the protocol it is from."""

    model_config = _frozen
    text: str = Field(description="the text as written")
    protocol: str = Field(description="id of the source protocol")


class SlotSpec(BaseModel):
    """A typed parameter slot of an operation."""

    model_config = _frozen
    name: str = Field(description="slot name as written in programs, lower case, e.g. 'time'")
    role: str = Field(description="WLP role it comes from, e.g. 'Setting', 'Site', 'Using'")
    type: str = Field(description="argument type, e.g. 'Time', 'Location', 'Device', 'Reagent'")
    dimension: str | None = Field(default=None, description="unit dimension for quantity slots")
    required: bool = Field(default=False, description="whether programs must give it")
    frequency: float = Field(default=0.0, ge=0, le=1, description="share of the operation's instances that have it")
    range: ValueRange | None = Field(default=None, description="observed values for quantity slots")
    examples: list[Example] = Field(default_factory=list, description="a few source examples")

    @property
    def unit(self) -> str | None:
        """The canonical unit of this slot's dimension, if it has one."""
        return CANONICAL_UNITS.get(self.dimension) if self.dimension else None


class Pattern(BaseModel):
    """One parameter pattern of an operation: a set of slots that occur together."""

    model_config = _frozen
    slots: list[str] = Field(description="slot names, sorted")
    count: int = Field(ge=0, description="instances with this pattern")


class OperationSpec(BaseModel):
    """A generalized operation (opcode) of the domain's DSL."""

    model_config = _frozen
    opcode: str = Field(description="upper-case operation name, e.g. 'CENTRIFUGE'")
    verbs: dict[str, int] = Field(default_factory=dict, description="verb lemma -> instances (synonyms)")
    description: str = Field(default="", description="one line saying what it does")
    slots: list[SlotSpec] = Field(default_factory=list, description="parameter slots")
    patterns: list[Pattern] = Field(default_factory=list, description="parameter patterns")
    inputs: int = Field(default=1, ge=0, description="typical number of materials acted on")
    products: list[str] = Field(default_factory=list, description="kinds of products it emits, e.g. 'pellet'")
    predecessors: dict[str, int] = Field(default_factory=dict, description="opcode -> times it came before")
    successors: dict[str, int] = Field(default_factory=dict, description="opcode -> times it came after")
    count: int = Field(default=0, ge=0, description="instances in the corpus")
    examples: list[Example] = Field(default_factory=list, description="a few source sentences")
    effect: Effect | None = Field(
        default=None,
        description="what it does to the material it acts on, from what its verbs are known to do "
        "(X-WLP operation types, the translator's lexicon); 'other' when unknown, null in specs learned "
        "before effects existed",
    )

    def slot(self, name: str) -> SlotSpec | None:
        """The slot called ``name``, or None."""
        return next((s for s in self.slots if s.name == name), None)


class SyntaxFeatures(BaseModel):
    """How much the domain needs each syntactic construct (share of protocols using it)."""

    model_config = _frozen
    repeat: float = Field(default=0.0, description="protocols with repeated steps")
    branch: float = Field(default=0.0, description="protocols with conditionals")
    parallel: float = Field(default=0.0, description="protocols with parallel work ('meanwhile')")
    timer: float = Field(default=0.0, description="protocols with timed waits")
    declaration: float = Field(default=0.0, description="protocols that list reagents or equipment up front")


class CorpusStats(BaseModel):
    """Size of the corpus a spec was learned from."""

    model_config = _frozen
    protocols: int = Field(default=0, ge=0, description="protocols of the domain learned from")
    steps: int = Field(default=0, ge=0, description="steps of those protocols")
    actions: int = Field(default=0, ge=0, description="instance actions extracted from them")
    source: str = Field(
        default="",
        description="corpus folder learned from: relative to the folder learn ran in when under it, "
        "else absolute (posix)",
    )


class DslSpec(BaseModel):
    """The learned DSL of one domain."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    version: int = Field(default=SPEC_VERSION, description="spec format version")
    domain: str = Field(description="domain slug, e.g. 'genetics'")
    seed: int = Field(default=0, description="seed the spec was learned with")
    corpus: CorpusStats = Field(default_factory=CorpusStats, description="the corpus it was learned from")
    features: SyntaxFeatures = Field(default_factory=SyntaxFeatures, description="syntactic constructs the domain needs")
    operations: list[OperationSpec] = Field(default_factory=list, description="the operations, sorted by opcode")
    ignored_verbs: dict[str, int] = Field(
        default_factory=dict,
        description="verb -> instances: verbs the corpus shows are not lab operations (e.g. 'see', 'use')",
    )

    def operation(self, name: str) -> OperationSpec | None:
        """Look an operation up by opcode (any case) or by one of its verbs.

        A verb not found as written is tried in more general forms (without negation,
        first conjunct, without particles: see :func:`autodsl.induce.verbs.verb_candidates`),
        so ``"do not spin down"`` finds the operation of ``spin``.
        """
        from autodsl.induce.verbs import verb_candidates

        upper = name.upper()
        for op in self.operations:
            if op.opcode == upper:
                return op
        for form in verb_candidates(name):
            for op in self.operations:
                if form in op.verbs:
                    return op
        return None

    def to_json(self) -> str:
        """Stable JSON text (sorted keys, two-space indent, trailing newline)."""
        return json.dumps(self.model_dump(mode="json"), indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def load_spec(path: str | Path) -> DslSpec:
    """Read a ``.dsl.json`` spec; raises :class:`SpecError` naming the file on failure."""
    p = Path(path)
    try:
        return DslSpec.model_validate_json(p.read_bytes())
    except OSError as err:
        raise SpecError(f"{p}: cannot read spec: {err.strerror or err}") from None
    except ValueError as err:
        first = str(err).splitlines()[0]
        raise SpecError(f"{p}: not a valid DSL spec: {first}") from None
