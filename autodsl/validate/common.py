"""What several checks share: diagnostics at a position, suggestions, and the consumption rules.

Consumption rules (``docs/language.md``, "Flow"): a statement *uses up* a material it acts
on (a positional argument) when

1. it is a discard operation (the spec gives it the ``effect`` ``discard``; for a spec
   without effects or no spec, its opcode or the spec's most frequent verb for it is one
   of :data:`DISCARD_WORDS`): every intermediate product it acts on is gone (a declared
   input is a stock: discarding some of the medium leaves medium to use); or
2. it binds products and the material is an intermediate product (not a declared input,
   which is a stock used in portions), unless the statement takes a measured portion
   (it has a volume or mass slot): the pellet *becomes* the lysate; or
3. it binds a product of the same name (``pellet = WASH(pellet)``): the old one is replaced.

>>> from autodsl.emit.parse import parse_program
>>> p = parse_program('protocol "x"\\ninput c\\np = SPIN(c)\\nq = MIX(p)\\nDISCARD(q)\\n')
>>> discards = discard_opcodes(p, None)
>>> [used_up(s, {"c"}, s.opcode in discards) for s, _ in p.steps()]
[[], ['p'], ['q']]
"""

from __future__ import annotations

import difflib
from typing import Iterable, Iterator

from autodsl.diagnostics import Diagnostic, Severity
from autodsl.emit.grammar import unit_dimension
from autodsl.emit.program import Program, Statement, Value
from autodsl.induce.spec import DslSpec, OperationSpec

__all__ = ["diagnostic", "did_you_mean", "suggest_operation", "specified_statements", "is_discard", "discard_opcodes", "used_up", "value_dimension", "PORTION_DIMENSIONS",
           "DISCARD_WORDS"]

DISCARD_WORDS = frozenset({"discard", "dispose", "decant", "remove", "throw", "waste"})
# A statement with a slot of these dimensions takes a measured portion of what it acts on.
PORTION_DIMENSIONS = frozenset({"volume", "mass"})


def diagnostic(code: str, severity: Severity, message: str, hint: str, *, line: int, column: int,
               start: int | None = None, end: int | None = None, node: str | None = None) -> Diagnostic:
    """A diagnostic at a position (keyword arguments keep the many call sites readable)."""
    return Diagnostic(code=code, severity=severity, message=message, hint=hint, line=line, column=column,
                      start=start, end=end, node=node)


def specified_statements(program: Program, spec: DslSpec) -> Iterator[tuple[str, Statement, OperationSpec]]:
    """``(node id, statement, its operation's spec)`` for each statement whose opcode the spec has."""
    operations = {op.opcode: op for op in spec.operations}
    for index, (statement, _) in enumerate(program.steps()):
        op = operations.get(statement.opcode)
        if op is not None:
            yield f"op{index + 1}", statement, op


def did_you_mean(word: str, choices: Iterable[str]) -> str | None:
    """The closest of ``choices`` to ``word`` (case-insensitive), or None.

    >>> did_you_mean("CENTRIFGE", ["CENTRIFUGE", "MIX"])
    'CENTRIFUGE'
    """
    by_lower: dict[str, str] = {}
    for choice in choices:
        by_lower.setdefault(choice.lower(), choice)
    close = difflib.get_close_matches(word.lower(), list(by_lower), n=1, cutoff=0.6)
    return by_lower[close[0]] if close else None


# how alike an unknown opcode must be spelt to one of the domain's to be offered as a typo
# ("CENTRIFGE" -> CENTRIFUGE is .95); at difflib's default .6, "MAINTAIN" was offered STAIN
OPCODE_SPELLING_CUTOFF = 0.8


def suggest_operation(opcode: str, spec: DslSpec) -> str | None:
    """What to offer for an opcode the domain does not have, or None.

    In order: the operation whose verbs include the opcode as a verb (``SPIN`` ->
    ``CENTRIFUGE ('spin')``); the operation holding most instances of the verb's kind of lab
    work (:func:`autodsl.induce.kinds.verb_kind`: ``SIEVE`` -> ``FILTER (filter work)``);
    an operation spelt nearly the same (a typo: ``CENTRIFGE`` -> ``CENTRIFUGE``).

    >>> spec = DslSpec(domain="d", operations=[OperationSpec(opcode="CENTRIFUGE", verbs={"spin": 3}),
    ...     OperationSpec(opcode="FILTER", verbs={"filter": 5}), OperationSpec(opcode="STAIN", verbs={"stain": 2})])
    >>> [suggest_operation(o, spec) for o in ("SPIN", "SIEVE", "CENTRIFGE", "MAINTAIN")]
    ["CENTRIFUGE ('spin')", 'FILTER (filter work)', 'CENTRIFUGE', None]
    """
    from autodsl.induce.kinds import verb_kind

    verb = opcode.lower().replace("_", " ")
    for op in spec.operations:
        if any(v.lower() == verb for v in op.verbs):
            return f"{op.opcode} ('{verb}')"
    kind = verb_kind(verb)
    if kind is not None:
        shares = {op.opcode: sum(n for v, n in op.verbs.items() if verb_kind(v) == kind) for op in spec.operations}
        home = max(sorted(shares), key=lambda o: shares[o], default=None)
        if home is not None and shares[home] > 0:
            return f"{home} ({kind} work)"
    by_lower = {op.opcode.lower(): op.opcode for op in spec.operations}
    close = difflib.get_close_matches(opcode.lower(), list(by_lower), n=1, cutoff=OPCODE_SPELLING_CUTOFF)
    return by_lower[close[0]] if close else None


def is_discard(opcode: str, spec: DslSpec | None) -> bool:
    """Whether an operation disposes of what it acts on (see the module doc).

    >>> is_discard("DISCARD", None), is_discard("MIX", None)
    (True, False)
    """
    op = spec.operation(opcode) if spec else None
    if op is not None and op.opcode == opcode.upper() and op.effect is not None:
        return op.effect == "discard"  # learned from what its verbs are known to do
    if opcode.lower() in DISCARD_WORDS:
        return True
    if op is None or op.opcode != opcode.upper() or not op.verbs:
        return False
    top = max(sorted(op.verbs), key=op.verbs.__getitem__)
    return top in DISCARD_WORDS


def value_dimension(value: Value) -> str | None:
    """The dimension of a quantity value's unit, or None."""
    return unit_dimension(value.unit) if value.kind == "quantity" and value.unit else None


def discard_opcodes(program: Program, spec: DslSpec | None) -> frozenset[str]:
    """The opcodes of ``program`` that are discard operations (see :func:`is_discard`)."""
    return frozenset(op for op in {s.opcode for s, _ in program.steps()} if is_discard(op, spec))


def used_up(statement: Statement, stocks: set[str], discard: bool) -> list[str]:
    """Names of the materials ``statement`` uses up.

    ``stocks``: the names now bound to declared inputs, containers and devices (not
    products); ``discard``: whether the statement's operation is a discard.
    """
    acted_on = [a.value.text for a in statement.args if a.slot is None]
    if discard:
        return list(dict.fromkeys(name for name in acted_on if name not in stocks))
    if not statement.targets:
        return []
    rebound = {t.name for t in statement.targets}
    portion = any(a.slot is not None and value_dimension(a.value) in PORTION_DIMENSIONS for a in statement.args)
    gone = [name for name in acted_on if name in rebound or (name not in stocks and not portion)]
    return list(dict.fromkeys(gone))
