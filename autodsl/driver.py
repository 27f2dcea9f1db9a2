"""The compiler driver: the one place that chains the stages of translation.

``protocol text -> instance actions -> structured PDG -> completed PDG -> linked PDG``.
Each stage is a function of its own module (:mod:`autodsl.pdg.structure`,
:mod:`autodsl.pdg.complete`, :mod:`autodsl.pdg.link`); the driver picks the domain DSL,
runs the stages up to the one asked for, and applies the strictness setting to the
diagnostics they collect (stages never raise on findings).

>>> from autodsl.corpus.models import Protocol
>>> from autodsl.extract.models import Action, Extraction
>>> p = Protocol(id="p", title="T", text="Spin.", format="text")
>>> x = Extraction(protocol={"id": "p"}, actions=[Action(id="A1", start=0, end=4, text="Spin", lemma="spin", step=0)])
>>> t = translate(p, extraction=x, stage="structured", auto_domain=False)
>>> t.pdg.stage, [d["opcode"] for _, d in t.pdg.nodes("operation")]
('structured', ['SPIN'])
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass, field
from typing import Literal

from autodsl.corpus.models import Protocol
from autodsl.diagnostics import Diagnostic, Strictness, raise_for, sort_diagnostics
from autodsl.extract.models import Extraction
from autodsl.induce.spec import DslSpec
from autodsl.pdg.model import PDG

__all__ = ["Translation", "translate", "unknown_operations", "no_operations", "recheck_operations", "with_lines", "STAGES", "Stage"]

Stage = Literal["structured", "completed", "linked"]
STAGES: tuple[str, ...] = ("structured", "completed", "linked")


@dataclass
class Translation:
    """The result of translating one protocol: its PDG, the domain used, and the findings."""

    protocol: Protocol
    extraction: Extraction
    pdg: PDG
    spec: DslSpec | None
    domain_score: float | None = None
    diagnostics: list[Diagnostic] = field(default_factory=list)

    @property
    def domain(self) -> str | None:
        """The domain whose DSL named the operations, or None when no spec was used."""
        return self.spec.domain if self.spec else None


def translate(
    protocol: Protocol,
    *,
    spec: DslSpec | None = None,
    stage: str = "linked",
    extraction: Extraction | None = None,
    auto_domain: bool = True,
    strictness: Strictness = Strictness.WARN,
) -> Translation:
    """Translate ``protocol`` into a PDG of the given ``stage``.

    ``extraction`` gives precomputed instance actions (gold, or from another extractor);
    otherwise the shipped extractor runs. Without ``spec`` and with ``auto_domain`` the
    bundled domain whose DSL fits the actions best is chosen. ``strictness=RAISE`` raises
    :class:`~autodsl.diagnostics.DiagnosticsError` when the diagnostics include errors.
    """
    from autodsl.pdg.complete import complete
    from autodsl.pdg.ingredients import implicit_ids, ingredient_lists, mark_implicit
    from autodsl.pdg.labwork import not_lab_work
    from autodsl.pdg.slots import cooling_sites
    from autodsl.pdg.structure import structure

    if stage not in STAGES:
        raise ValueError(f"unknown stage {stage!r}; expected one of {', '.join(STAGES)}")
    if extraction is None:
        from autodsl.extract.extractor import extract_protocol

        extraction = extract_protocol(protocol)
    score = None
    if spec is None and auto_domain:
        spec, score = _choose_domain(extraction)
    # stages read a cooling site ("on ice") as a place; the extraction returned stays as extracted
    # and a verbless ingredient list ("66 µl TE / 20 µl plasmid / 100 µl total") as one operation
    staged = ingredient_lists(protocol.text, cooling_sites(extraction), [s.start for s in protocol.steps])
    pdg = structure(protocol, staged, spec)
    mark_implicit(pdg, implicit_ids(staged))
    if stage != "structured":
        complete(pdg, staged, spec)
    if stage == "linked":
        from autodsl.pdg.link import link
        from autodsl.pdg.lost import lost_products

        link(pdg, staged)
        pdg.diagnostics += lost_products(pdg)
    pdg.meta["domain"] = spec.domain if spec else None
    if score is not None:
        pdg.meta["domain_score"] = round(score, 4)
    pdg.diagnostics = sort_diagnostics(with_lines(
        pdg.text, pdg.diagnostics + unknown_operations(pdg, spec) + no_operations(pdg) + not_lab_work(pdg)))
    raise_for(pdg.diagnostics, strictness)
    return Translation(protocol=protocol, extraction=extraction, pdg=pdg, spec=spec, domain_score=score,
                       diagnostics=pdg.diagnostics)


def unknown_operations(pdg: PDG, spec: DslSpec | None) -> list[Diagnostic]:
    """``unknown-operation`` errors for the operations whose opcode ``spec`` does not have.

    An action whose verb no operation of the domain takes keeps an opcode made from the verb
    (:func:`autodsl.pdg.structure.opcode_of`); ``autodsl check`` rejects that opcode in the
    printed program, so translation reports it too, with the checker's code and severity, at
    the verb in the protocol. Without a spec every opcode is the verb's own: nothing to report.

    >>> from autodsl.induce.spec import OperationSpec
    >>> g = PDG(text="Discard it.")
    >>> g.add_node("op1", "operation", "Discard", span=(0, 7), opcode="DISCARD")
    >>> spec = DslSpec(domain="d", operations=[OperationSpec(opcode="DECANT", verbs={"decant": 2})])
    >>> [(d.code, d.severity, d.message) for d in unknown_operations(g, spec)]
    [('unknown-operation', 'error', "'Discard': the d domain has no operation DISCARD")]
    """
    if spec is None:
        return []
    from autodsl.validate.common import suggest_operation

    opcodes = {op.opcode for op in spec.operations}
    found = []
    for node, data in pdg.nodes("operation"):
        opcode = data.get("opcode")
        if not opcode or opcode in opcodes:
            continue
        suggestion = suggest_operation(opcode, spec)
        message = f"'{data['label']}': the {spec.domain} domain has no operation {opcode}"
        start, end = data.get("span") or (None, None)
        found.append(Diagnostic(
            code="unknown-operation", severity="error", start=start, end=end, node=node,
            message=message + (f"; did you mean {suggestion}?" if suggestion else ""),
            hint=("pick a domain whose DSL has the operation (--domain), learn the DSL from a corpus that "
                  "uses it, or say the step with one of the domain's operations"),
        ))
    return found


def no_operations(pdg: PDG) -> list[Diagnostic]:
    """A ``no-operations`` warning when the translation found no lab operation at all.

    The program is then a bare header, which is valid but almost never what was meant: the
    text is no protocol, or its steps do not start with verbs the extractor knows.

    >>> [(d.code, d.severity) for d in no_operations(PDG(text="The weather was nice."))]
    [('no-operations', 'warning')]
    >>> g = PDG(text="Mix.")
    >>> g.add_node("op1", "operation", "Mix", span=(0, 3), opcode="MIX")
    >>> no_operations(g)
    []
    """
    if any(True for _ in pdg.nodes("operation")):
        return []
    first_line = len(pdg.text.split("\n", 1)[0].rstrip("\r"))
    return [Diagnostic(
        code="no-operations", severity="warning", start=0, end=first_line,
        message="no lab operation found in the text; the program has no statements",
        hint="write one step per line or numbered steps, each an instruction that starts with a verb "
             "(e.g. '1. Centrifuge the culture at 4000 x g for 10 min.')",
    )]


def recheck_operations(translation: Translation) -> Translation:
    """``translation`` with its ``unknown-operation`` diagnostics made anew from its PDG's opcodes,
    after something changed them (the LLM's help gives operations opcodes of the spec)."""
    pdg = translation.pdg
    kept = [d for d in pdg.diagnostics if d.code not in ("unknown-operation", "no-operations")]
    pdg.diagnostics = sort_diagnostics(with_lines(
        pdg.text, kept + unknown_operations(pdg, translation.spec) + no_operations(pdg)))
    translation.diagnostics = pdg.diagnostics
    return translation


def _choose_domain(extraction: Extraction) -> tuple[DslSpec | None, float | None]:
    """The bundled domain that fits best, or (None, None) when no domain is bundled."""
    from autodsl.errors import SpecError
    from autodsl.induce.registry import available_domains, choose_domain

    if not available_domains():
        return None, None
    try:
        spec, score = choose_domain(extraction)
    except SpecError:
        return None, None
    return spec, score


def with_lines(text: str, diagnostics: list[Diagnostic]) -> list[Diagnostic]:
    """Fill in line and column from character offsets, so diagnostics print as file:line:col."""
    newlines = [m.start() for m in re.finditer("\n", text)] if diagnostics else []
    filled = []
    for d in diagnostics:
        if d.start is not None and d.line is None and d.start <= len(text):
            before = bisect.bisect_left(newlines, d.start)  # line breaks before the offset
            line = before + 1
            column = d.start - (newlines[before - 1] + 1 if before else 0) + 1
            d = d.model_copy(update={"line": line, "column": column})
        filled.append(d)
    return filled
