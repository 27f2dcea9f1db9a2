"""The protocol language's grammar: the fixed core, and each domain's grammar from its spec.

The core grammar (:data:`CORE_GRAMMAR`) is what ``autodsl check`` parses with: any
upper-case opcode, any slot, any unit, so that one parse finds every problem and the
semantic passes (``autodsl.validate``) can name each with its own diagnostic code.
:func:`emit_grammar` writes a domain's grammar from its learned :class:`DslSpec`: the same
core, with statements restricted to the spec's opcodes, each opcode to its own slot names,
and each quantity slot to the unit spellings of its dimension. ``autodsl learn`` writes it
as ``grammars/<domain>.lark``; it accepts exactly the programs whose operations, slots and
units fit the domain. Both load with ``lark.Lark(text)`` and with ``parser="lalr"``.

The language itself is described in ``docs/language.md``.

>>> from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
>>> spin = OperationSpec(opcode="CENTRIFUGE", slots=[
...     SlotSpec(name="time", role="Setting", type="Time", dimension="time")])
>>> text = emit_grammar(DslSpec(domain="demo", operations=[spin]))
>>> import lark
>>> parser = lark.Lark(text, parser="lalr")
>>> program = 'protocol "Spin" domain demo\\ninput culture\\npellet = CENTRIFUGE(culture, time: 10 min)\\n'
>>> parser.parse(program).data
Token('RULE', 'start')
"""

from __future__ import annotations

import re

from autodsl.errors import SpecError
from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec

__all__ = [
    "CORE_GRAMMAR",
    "UNIT_SPELLINGS",
    "KEYWORDS",
    "NAME_PATTERN",
    "OPCODE_PATTERN",
    "emit_grammar",
    "unit_dimension",
]

# The unit spellings the language accepts, by dimension (keys of autodsl.units.CANONICAL_UNITS).
# A closed list keeps programs portable and lets a domain grammar restrict each quantity
# slot to its dimension; tests check that autodsl.units reads every spelling as its dimension.
UNIT_SPELLINGS: dict[str, tuple[str, ...]] = {
    "volume": ("uL", "µL", "μL", "ul", "µl", "mL", "ml", "L", "l", "nL", "nl"),
    "mass": ("mg", "g", "ug", "µg", "μg", "ng", "pg", "kg"),
    "time": ("ms", "s", "sec", "secs", "second", "seconds", "min", "mins", "minute", "minutes",
             "h", "hr", "hrs", "hour", "hours", "d", "day", "days"),
    "temperature": ("degC", "°C", "ºC"),
    "force": ("xg", "x g", "×g", "× g"),
    "rotation": ("rpm",),
    "molar_concentration": ("M", "mM", "uM", "µM", "μM", "nM", "pM"),
    "mass_concentration": ("mg/mL", "mg/ml", "g/L", "g/l", "ug/uL", "ug/ul", "µg/µL", "ug/mL",
                           "ug/ml", "µg/mL", "ng/uL", "ng/ul", "ng/µL", "ng/mL", "ng/ml", "mg/L"),
    "percent": ("%",),
    "length": ("nm", "um", "µm", "μm", "mm", "cm", "m"),
    "ph": ("pH",),
    "fold": ("X", "x", "×"),
    "ratio": ("ratio",),  # a ratio 1:10 is written 0.1 ratio
}

_SPELLING_DIMENSION: dict[str, str] = {
    spelling: dim for dim, spellings in UNIT_SPELLINGS.items() for spelling in spellings
}

# Reserved words: they cannot name materials, containers or devices (slot names may use them).
KEYWORDS: tuple[str, ...] = (
    "protocol", "domain", "input", "container", "device", "capacity",
    "repeat", "times", "if", "parallel", "optional", "unknown",
)
NAME_PATTERN = r"[A-Za-z_][A-Za-z0-9_]*"
OPCODE_PATTERN = r"[A-Z][A-Z0-9_]*"

# The statement-independent part, shared by the core and every domain grammar.
_FRAME = r"""
// autodsl protocol language (docs/language.md)
start: _NL? header (_NL _item)* _NL?

header: "protocol" STRING ("domain" NAME)?

_item: input_decl | container_decl | device_decl | _step
_step: statement | repeat_block | if_block | parallel_block | optional_block

input_decl: "input" NAME STRING? quantity?
container_decl: "container" NAME STRING? ("capacity" quantity)?
device_decl: "device" NAME STRING?

repeat_block: "repeat" INT "times"? "{" _body "}"
if_block: "if" STRING "{" _body "}"
parallel_block: "parallel" "{" _body "}"
optional_block: "optional" "{" _body "}"
_body: (_NL _step)* _NL

statement: (targets "=")? call
targets: NAME ("," NAME)*

quantity: NUMBER ("to" NUMBER)? unit
unit: UNIT+
number: NUMBER
string: STRING
ref: NAME
unknown: "unknown"
marker: "(" MARKER ")"
"""

_TERMINALS = r"""
NAME: /[A-Za-z_][A-Za-z0-9_]*/
INT: /[0-9]+/
NUMBER: /[-+]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][-+]?[0-9]+)?/
STRING: /"([^"\\\r\n]|\\.)*"/
UNIT: /[A-Za-zµμ°º×%][A-Za-z0-9µμ°º×%\/]*/
MARKER: /default|suggested/
_NL: (/\r?\n[\t ]*/ | COMMENT)+
COMMENT: /#[^\r\n]*/
WS: /[ \t\f]+/
%ignore WS
"""

_NAME_TERMINAL = "NAME: /[A-Za-z_][A-Za-z0-9_]*/"
_STRICT_NAME_TERMINAL = "NAME: /(?!(?:" + "|".join(KEYWORDS) + r")(?![A-Za-z0-9_]))[A-Za-z_][A-Za-z0-9_]*/"
assert _NAME_TERMINAL in _TERMINALS

# Generic statements: any opcode, slot and unit; the checker's passes judge them.
_CORE_CALL = r"""
material_arg: NAME
call: NAME "(" [_arg ("," _arg)*] ")"
_arg: material_arg | slot_arg
slot_arg: NAME ":" value
value: (quantity | number | string | ref | unknown) marker?
"""

CORE_GRAMMAR: str = _FRAME + _CORE_CALL + _TERMINALS


def unit_dimension(spelling: str) -> str | None:
    """The dimension of a unit as the language spells it, or None if it is not one of them.

    >>> unit_dimension("min"), unit_dimension("x g"), unit_dimension("flurbs")
    ('time', 'force', None)
    """
    return _SPELLING_DIMENSION.get(spelling)


def _rule_name(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "_", text.lower()).strip("_") or "x"


def _unit_terminal(dimension: str) -> str:
    # Longest spelling first, and never a prefix of a longer unit word ("s" in "sec").
    spellings = sorted(UNIT_SPELLINGS[dimension], key=lambda s: (-len(s), s))
    # '/' ends a Lark regexp literal, so it is escaped ("mg/mL")
    alternatives = "|".join(re.escape(s).replace(r"\ ", " ?").replace("/", r"\/") for s in spellings)
    return f"/(?:{alternatives})(?![A-Za-z0-9µμ°º×%\\/])/"


def _check_names(spec: DslSpec) -> None:
    seen: set[str] = set()
    for op in spec.operations:
        if not re.fullmatch(OPCODE_PATTERN, op.opcode):
            raise SpecError(f"spec {spec.domain!r}: opcode {op.opcode!r} is not an upper-case name")
        if op.opcode in seen:
            raise SpecError(f"spec {spec.domain!r}: opcode {op.opcode} is defined twice")
        seen.add(op.opcode)
        names = [slot.name for slot in op.slots]
        for name in names:
            if not re.fullmatch(NAME_PATTERN, name):
                raise SpecError(f"spec {spec.domain!r}: slot {name!r} of {op.opcode} is not a usable name")
        if len(set(names)) != len(names):
            raise SpecError(f"spec {spec.domain!r}: {op.opcode} has a slot name twice")


def _slot_value_rule(slot: SlotSpec, dimensions: set[str]) -> str:
    if slot.dimension is None:
        return "text_value"
    if slot.dimension in UNIT_SPELLINGS:
        dimensions.add(slot.dimension)
        return f"{_rule_name(slot.dimension)}_value"
    return "measure_value"


def _operation_rules(op: OperationSpec, dimensions: set[str]) -> list[str]:
    base = f"op_{_rule_name(op.opcode)}"
    alternatives = ["material_arg"]
    rules = []
    for slot in op.slots:
        rule = f"{base}__{_rule_name(slot.name)}"
        alternatives.append(rule)
        rules.append(f'{rule}: "{slot.name}" ":" {_slot_value_rule(slot, dimensions)}')
    head = [
        f'{base}: "{op.opcode}" "(" [_{base}_arg ("," _{base}_arg)*] ")"',
        f"_{base}_arg: " + " | ".join(alternatives),
    ]
    return head + rules


def emit_grammar(spec: DslSpec) -> str:
    """The Lark grammar of ``spec``'s domain: core syntax, the spec's opcodes, slots and units.

    Raises :class:`SpecError` if the spec has no operations, or an opcode or slot name that
    programs could not spell.

    >>> from autodsl.induce.spec import DslSpec, OperationSpec
    >>> text = emit_grammar(DslSpec(domain="demo", operations=[OperationSpec(opcode="MIX")]))
    >>> 'op_mix: "MIX"' in text
    True
    """
    if not spec.operations:
        raise SpecError(f"spec {spec.domain!r} has no operations; cannot write its grammar")
    _check_names(spec)
    dimensions: set[str] = set()
    rules: list[str] = []
    for op in sorted(spec.operations, key=lambda o: o.opcode):
        rules.extend(_operation_rules(op, dimensions))
    ordered = sorted(spec.operations, key=lambda o: o.opcode)
    calls = " | ".join(f"op_{_rule_name(op.opcode)}" for op in ordered)
    # slot names are keywords here; a material may still be called like one ("temperature")
    slot_words = sorted({slot.name for op in ordered for slot in op.slots})
    lines = [
        f"// grammar of domain {spec.domain!r}, emitted by autodsl from its DSL spec",
        _FRAME,
        "!material_arg: " + " | ".join(["NAME", *(f'"{word}"' for word in slot_words)]),
        f"call: {calls}",
        *rules,
        "",
        "text_value: (string | ref | number | unknown) marker?",
        "measure_value: (quantity | number | string | unknown) marker?",
    ]
    for dim in sorted(dimensions):
        name = _rule_name(dim)
        lines.append(f"{name}_value: ({name}_quantity | unknown) marker?")
        lines.append(f'{name}_quantity: NUMBER ("to" NUMBER)? {name.upper()}_UNIT')
        lines.append(f"{name.upper()}_UNIT: {_unit_terminal(dim)}")
    # The published grammar rejects reserved words as names itself (the core grammar reads
    # them as names so that the checker can word its own syntax error).
    lines.append(_TERMINALS.replace(_NAME_TERMINAL, _STRICT_NAME_TERMINAL))
    return "\n".join(lines)
