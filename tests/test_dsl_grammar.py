"""The core grammar and the per-domain grammars emitted from a DSL spec."""

from pathlib import Path

import lark
import pytest

from autodsl.emit.grammar import CORE_GRAMMAR, UNIT_SPELLINGS, emit_grammar, unit_dimension
from autodsl.emit.quantity import to_canonical
from autodsl.errors import SpecError
from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec, load_spec
from autodsl.units import CANONICAL_UNITS, parse_quantity

DATA = Path(__file__).parent / "data" / "dsl"
SPEC = load_spec(DATA / "spec_wetlab.dsl.json")
VALID = sorted((DATA / "valid").glob("*.dsl"))


@pytest.mark.parametrize("parser", ["lalr", "earley"])
def test_core_grammar_loads_and_parses_the_valid_programs(parser):
    p = lark.Lark(CORE_GRAMMAR, parser=parser)
    for path in VALID:
        assert p.parse(path.read_text(encoding="utf-8")).data == "start"


@pytest.mark.parametrize("parser", ["lalr", "earley"])
def test_domain_grammar_loads_and_accepts_the_valid_programs(parser):
    p = lark.Lark(emit_grammar(SPEC), parser=parser)
    for path in VALID:
        assert p.parse(path.read_text(encoding="utf-8")).data == "start"


@pytest.mark.parametrize("bad", [
    "pellet = SPIN(culture, time: 1 min)",  # not an operation of the domain
    "pellet = CENTRIFUGE(culture, tme: 1 min)",  # not a slot of CENTRIFUGE
    "pellet = CENTRIFUGE(culture, time: 1 mL)",  # a volume for a time
    "pellet = CENTRIFUGE(culture, time: 5)",  # no unit
    'pellet = CENTRIFUGE(culture, time: "long")',  # text for a quantity
    "pellet = CENTRIFUGE(culture, force: 3000 rpm)",  # a rotation for a force
    "lysate = RESUSPEND(culture, buffer: 5 mL)",  # a quantity for a reagent slot
])
def test_domain_grammar_rejects_what_the_spec_does_not_allow(bad):
    program = f'protocol "x" domain wetlab\ninput culture\n{bad}\n'
    lark.Lark(CORE_GRAMMAR, parser="lalr").parse(program)  # fine for the core grammar
    with pytest.raises(lark.exceptions.UnexpectedInput):
        lark.Lark(emit_grammar(SPEC), parser="lalr").parse(program)


def test_domain_grammar_accepts_every_spelling_of_each_slots_dimension():
    p = lark.Lark(emit_grammar(SPEC), parser="lalr")
    for unit in UNIT_SPELLINGS["time"]:
        p.parse(f'protocol "x"\nCENTRIFUGE(c, time: 2 {unit})\n')
        p.parse(f'protocol "x"\nCENTRIFUGE(c, time: 2 to 3{unit} (default))\n')


def test_grammars_have_no_lalr_conflicts(caplog):
    import logging

    lark.logger.setLevel(logging.DEBUG)
    try:
        for text in (CORE_GRAMMAR, emit_grammar(SPEC)):
            caplog.clear()
            lark.Lark(text, parser="lalr", debug=True)
            assert not [r for r in caplog.records if "conflict" in r.getMessage().lower()]
    finally:
        lark.logger.setLevel(logging.WARNING)


def test_domain_grammar_with_a_slot_of_every_dimension():
    slots = [SlotSpec(name=f"s_{dim}", role="Setting", type="Measure", dimension=dim) for dim in UNIT_SPELLINGS]
    slots.append(SlotSpec(name="n", role="Setting", type="Measure", dimension="count"))  # not a unit dimension
    spec = DslSpec(domain="all", operations=[OperationSpec(opcode="MEASURE", slots=slots)])
    p = lark.Lark(emit_grammar(spec), parser="lalr")
    for dim, spellings in UNIT_SPELLINGS.items():
        for unit in spellings:
            p.parse(f'protocol "x"\nMEASURE(c, s_{dim}: 1.5 {unit}, n: 2)\n')
    with pytest.raises(lark.exceptions.UnexpectedInput):
        p.parse('protocol "x"\nMEASURE(c, s_mass_concentration: 1.5 mg)\n')


def test_emit_grammar_is_deterministic_and_names_every_opcode():
    text = emit_grammar(SPEC)
    assert text == emit_grammar(DslSpec.model_validate_json(SPEC.to_json()))
    for op in SPEC.operations:
        assert f'"{op.opcode}" "("' in text


@pytest.mark.parametrize("spec", [
    DslSpec(domain="d"),
    DslSpec(domain="d", operations=[OperationSpec(opcode="spin")]),
    DslSpec(domain="d", operations=[OperationSpec(opcode="MIX"), OperationSpec(opcode="MIX")]),
    DslSpec(domain="d", operations=[OperationSpec(opcode="MIX", slots=[
        SlotSpec(name="two words", role="Setting", type="Method")])]),
])
def test_emit_grammar_refuses_specs_programs_could_not_spell(spec):
    with pytest.raises(SpecError):
        emit_grammar(spec)


@pytest.mark.parametrize("dimension", sorted(UNIT_SPELLINGS))
def test_every_unit_spelling_means_its_dimension_to_autodsl_units(dimension):
    for spelling in UNIT_SPELLINGS[dimension]:
        assert unit_dimension(spelling) == dimension
        converted = to_canonical(2.0, spelling)
        assert converted is not None and converted[0] == dimension, spelling
        if spelling not in ("pH", "ratio"):  # units reads pH before the number, and has no word 'ratio'
            q = parse_quantity(f"2 {spelling}")
            assert (q.dimension, q.value) == (dimension, pytest.approx(converted[1]))


def test_every_canonical_unit_can_be_written():
    for dimension, unit in CANONICAL_UNITS.items():
        if dimension in UNIT_SPELLINGS:
            assert unit in UNIT_SPELLINGS[dimension]


@pytest.mark.parametrize("parser", ["lalr", "earley"])
@pytest.mark.parametrize("line", ["input repeat", "input c\nMIX(times)", "input c\nx, if = MIX(c)",
                                  "input c\nx, unknown = MIX(c)", 'container device "tube"'])
def test_domain_grammar_rejects_reserved_words_as_names(parser, line):
    program = f'protocol "x" domain wetlab\n{line}\n'
    lark.Lark(CORE_GRAMMAR, parser="lalr").parse(program)  # the core grammar reads them as names
    with pytest.raises(lark.exceptions.UnexpectedInput):
        lark.Lark(emit_grammar(SPEC), parser=parser).parse(program)


def test_domain_grammar_accepts_names_that_start_with_a_reserved_word():
    p = lark.Lark(emit_grammar(SPEC), parser="lalr")
    p.parse('protocol "x" domain wetlab\ninput repeats\ninput if_cloudy\ndevice device_1\nMIX(repeats, if_cloudy)\n')
