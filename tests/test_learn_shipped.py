"""The shipped grammars/ files: consistent, loadable, and accepted by the program checker."""

from pathlib import Path

import lark
import pytest

from autodsl.emit.grammar import emit_grammar
from autodsl.induce.registry import BUNDLED_GRAMMARS
from autodsl.induce.report import render_report
from autodsl.induce.spec import DslSpec, load_spec
from autodsl.units import CANONICAL_UNITS

SHIPPED = sorted(BUNDLED_GRAMMARS.glob("*.dsl.json"))
EXPECTED = {"genetics", "bioengineering", "medical", "ecology", "wetlab", "materials"}


def test_every_corpus_domain_is_shipped():
    assert {p.name[: -len(".dsl.json")] for p in SHIPPED} == EXPECTED


def program_from(spec: DslSpec) -> str:
    """One statement per operation giving every slot a typical value (the median for quantities)."""
    lines = [f'protocol "generated" domain {spec.domain}', "input sample"]
    for i, op in enumerate(spec.operations):
        args = ["sample"]
        for slot in op.slots:
            if slot.range is not None:
                args.append(f"{slot.name}: {slot.range.median:g} {slot.range.unit}")
            elif slot.dimension in CANONICAL_UNITS:  # a dimension but no value seen: any of its unit
                args.append(f"{slot.name}: 1 {CANONICAL_UNITS[slot.dimension]}")
            else:
                args.append(f'{slot.name}: "as written"')
        lines.append(f"p{i} = {op.opcode}({', '.join(args)})")
    return "\n".join(lines) + "\n"


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_files_agree_with_the_spec(path: Path):
    spec = load_spec(path)
    domain = spec.domain
    assert path.name == f"{domain}.dsl.json"
    assert path.read_text(encoding="utf-8") == spec.to_json()
    assert (path.parent / f"{domain}.lark").read_text(encoding="utf-8") == emit_grammar(spec)
    assert (path.parent / f"{domain}.md").read_text(encoding="utf-8") == render_report(spec)
    assert spec.corpus.protocols > 0 and spec.operations


@pytest.mark.parametrize("path", SHIPPED, ids=lambda p: p.name)
def test_shipped_grammar_parses_programs_and_checker_accepts_them(path: Path):
    from autodsl.validate import check_text

    spec = load_spec(path)
    program = program_from(spec)
    grammar = lark.Lark((path.parent / f"{spec.domain}.lark").read_text(encoding="utf-8"), parser="lalr")
    assert len(list(grammar.parse(program).find_data("statement"))) == len(spec.operations)
    errors = [d for d in check_text(program, spec) if d.severity == "error"]
    assert errors == []
