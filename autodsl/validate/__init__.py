"""Checks of protocol programs: one pass per module, run in order by :func:`check_program`.

Each pass is a function ``(program, spec) -> list[Diagnostic]`` of the same name as its
module, listed in :data:`RULES`; passes always collect, and the strictness setting of the
driver decides whether to raise. :func:`check_text` parses first (syntax errors are
diagnostics too) and is what ``autodsl check`` runs. Every pass is linear in the size of
the program.

>>> text = 'protocol "Spin"\\ninput culture\\npellet = CENTRIFUGE(culture, time: 5 mL)\\n'
>>> [(d.line, d.code) for d in check_text(text)]
[(3, 'unit-mismatch')]
"""

from __future__ import annotations

import gc
import importlib
from contextlib import contextmanager
from typing import Callable, Iterator

from autodsl.diagnostics import Diagnostic, Strictness, raise_for, sort_diagnostics
from autodsl.emit.grammar import KEYWORDS
from autodsl.emit.parse import BOM, parse_source
from autodsl.emit.program import Program
from autodsl.errors import SpecError
from autodsl.induce.spec import DslSpec
from autodsl.validate.conditional_product import conditional_product
from autodsl.validate.container_over_capacity import container_over_capacity
from autodsl.validate.duplicate_name import duplicate_name
from autodsl.validate.missing_required_slot import missing_required_slot
from autodsl.validate.negative_quantity import negative_quantity
from autodsl.validate.undefined_material import undefined_material
from autodsl.validate.unit_mismatch import unit_mismatch
from autodsl.validate.unknown_operation import unknown_operation
from autodsl.validate.unknown_slot import unknown_slot
from autodsl.validate.unused_product import unused_product
from autodsl.validate.use_after_consume import use_after_consume
from autodsl.validate.value_out_of_range import value_out_of_range

__all__ = ["RULES", "Rule", "check_program", "check_text", "spec_for"]

Rule = Callable[[Program, "DslSpec | None"], list[Diagnostic]]

RULES: tuple[Rule, ...] = (
    unknown_operation,
    unknown_slot,
    missing_required_slot,
    unit_mismatch,
    negative_quantity,
    value_out_of_range,
    undefined_material,
    use_after_consume,
    conditional_product,
    duplicate_name,
    container_over_capacity,
    unused_product,
)

# Codes about names: not reported for names on lines a syntax error made the parser skip,
# nor for reserved words used as names (a syntax error already).
_RESERVED = frozenset(KEYWORDS)
_NAME_CODES = frozenset({"undefined-material", "use-after-consume", "unused-product", "duplicate-name"})


def check_program(program: Program, spec: DslSpec | None = None, *, rules: tuple[Rule, ...] = RULES,
                  strictness: Strictness = Strictness.IGNORE) -> list[Diagnostic]:
    """Run ``rules`` over a parsed program; sorted diagnostics (raises on errors if asked)."""
    found: list[Diagnostic] = []
    for rule in rules:
        found.extend(rule(program, spec))
    found = sort_diagnostics(found)
    raise_for(found, strictness)
    return found


def spec_for(domain: str | None, spec: DslSpec | None = None, *,
             line: int = 1) -> tuple[DslSpec | None, list[Diagnostic]]:
    """The spec to check a program of ``domain`` against, and info/warnings about the choice.

    An explicit ``spec`` wins (with a ``domain-mismatch`` warning if the header names
    another domain); else the domain's bundled spec through ``autodsl.induce.registry``
    when that module exists; else None, with a ``domain-not-checked`` note (at ``line``,
    the header's).
    """
    notes: list[Diagnostic] = []
    if spec is not None:
        if domain is not None and domain != spec.domain:
            notes.append(Diagnostic(
                code="domain-mismatch", severity="warning", line=line, column=1,
                message=f"the program's domain is {domain}, but it is checked against the {spec.domain} DSL",
                hint=f"change the header to 'domain {spec.domain}', or pass the {domain} spec"))
        return spec, notes
    reason, hint = "the program's header names no domain", ""
    if domain is not None:
        try:
            registry = importlib.import_module("autodsl.induce.registry")
        except ModuleNotFoundError as err:
            if err.name != "autodsl.induce.registry":
                raise
            reason = "no DSL specs are bundled yet"
        else:
            try:
                return registry.get_spec(domain), notes
            except SpecError:
                reason = f"no DSL spec for domain {domain!r}"
                hint = f"; bundled domains: {', '.join(registry.available_domains()) or 'none'}"
    notes.append(Diagnostic(
        code="domain-not-checked", severity="info", line=line, column=1,
        message=f"checked syntax and domain-independent rules only: {reason}",
        hint=f"pass --dsl grammars/DOMAIN.dsl.json to check operations, slots, units and ranges{hint}"))
    return None, notes


@contextmanager
def _without_cycle_collection() -> Iterator[None]:
    """Pause the cyclic garbage collector: parsing allocates a million small objects, none
    in cycles, and repeated full collections over them would cost a third of the time."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


def check_text(text: str, spec: DslSpec | None = None, *, rules: tuple[Rule, ...] = RULES,
               strictness: Strictness = Strictness.IGNORE, resolve_spec: bool = False) -> list[Diagnostic]:
    """Parse and check program text; never raises on bad input (unless ``strictness`` says so).

    With ``resolve_spec``, the spec is chosen by :func:`spec_for` (and its notes reported);
    otherwise ``spec`` (possibly None) is used as given.
    """
    with _without_cycle_collection():
        found = _check_text(text, spec, rules, resolve_spec)
    raise_for(found, strictness)
    return found


def _check_text(text: str, spec: DslSpec | None, rules: tuple[Rule, ...], resolve_spec: bool) -> list[Diagnostic]:
    text = text.removeprefix(BOM)  # as parse_source does: positions are those after it
    parsed = parse_source(text)
    found = list(parsed.diagnostics)
    program = parsed.program
    if program is not None:
        if resolve_spec:
            spec, notes = spec_for(program.domain, spec, line=program.header_line)
            found.extend(notes)
        for diag in check_program(program, spec, rules=rules):
            if diag.code in _NAME_CODES and diag.start is not None and (
                    text[diag.start:diag.end] in parsed.skipped_names or text[diag.start:diag.end] in _RESERVED):
                continue  # echoes of a syntax error (a skipped line, a reserved word as a name)
            found.append(diag)
    return sort_diagnostics(found)
