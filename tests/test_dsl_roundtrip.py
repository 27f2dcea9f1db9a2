"""Printing: PDG -> program text, and print(parse(text)) is stable."""

from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings

from autodsl.emit.build import program_to_pdg
from autodsl.emit.parse import parse, parse_program, parse_source
from autodsl.emit.printer import print_program
from autodsl.pdg.model import PDG
from autodsl.validate import check_text
from dsl_strategies import SPEC, programs

ROOT = Path(__file__).resolve().parents[1]
VALID = sorted((Path(__file__).parent / "data" / "dsl" / "valid").glob("*.dsl"))


def test_a_program_keeps_its_own_names_inside_an_if_block():
    # the translator's rebinding in blocks (suspension = VORTEX(suspension)) is for names it
    # makes; a program's own names print as written, so printing is stable (hypothesis found
    # 'pellet, pellet = ADD(culture)' printed as 'pellet = ...', then 'culture = ...')
    text = 'protocol "Spin"\nif "the pellet is visible" {\n    culture = ADD()\n    pellet, pellet = ADD(culture)\n}\n'
    printed = print_program(parse(text))
    assert "pellet = ADD(culture)" in printed
    assert print_program(parse(printed)) == printed
    kept = 'protocol "Wash"\nif "cloudy" {\n    cells = ADD()\n    washed = WASH(cells)\n}\n'
    assert "washed = WASH(cells)" in print_program(parse(kept))


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_printing_the_parse_of_a_printed_program_gives_the_same_text(text):
    printed = print_program(parse(text))
    assert print_program(parse(printed)) == printed


@pytest.mark.parametrize("path", VALID, ids=lambda p: p.name)
def test_printed_valid_programs_stay_valid_and_keep_their_meaning(path):
    text = path.read_text(encoding="utf-8")
    printed = print_program(parse(text))
    assert [d for d in check_text(printed, SPEC) if d.severity != "info"] == []
    original, again = program_to_pdg(parse_program(text)), program_to_pdg(parse_program(printed))
    strip = lambda g: [(n, {k: v for k, v in d.items() if k not in ("span", "slots")}) for n, d in g.nodes()]
    assert strip(original) == strip(again)
    slots = lambda g: [{k: {f: v for f, v in r.items() if f not in ("start", "end")} for k, r in d["slots"].items()}
                       for _, d in g.nodes("operation")]
    assert slots(original) == slots(again)
    edges = lambda g: sorted((s, t, d["kind"]) for s, t, d in g.edges())
    assert edges(original) == edges(again)


def test_canonical_text_is_a_fixed_point():
    text = (Path(__file__).parent / "data" / "dsl" / "valid" / "miniprep.dsl").read_text(encoding="utf-8")
    printed = print_program(parse(text))
    assert print_program(parse(printed)) == printed
    assert "    bound = WASH(bound, buffer: \"PE\", volume: 500 uL)  # step 10" in printed.splitlines()


def _translator_style_pdg() -> PDG:
    """A PDG as the translator builds one: labels from the text, quantities it could not spell."""
    g = PDG(text="...", stage="linked", meta={"title": 'Mini "prep"\nv2', "domain": "wet-lab"})
    g.add_node("m1", "material", "the E. coli culture", role="input", quantity={
        "value": 1500.0, "unit": "uL", "dimension": "volume", "text": "1,5 ml"})
    g.add_node("m9", "material", "repeat", role="input")
    g.add_node("c1", "container", "1.5 ml tube", capacity={"value": 1500.0, "unit": "uL"})
    g.add_node("d1", "device", "centrifuge")
    slots = {
        "force": {"value": 12000.0, "unit": "xg", "dimension": "force", "text": "12,000 x g", "source": "text"},
        "temperature": {"value": [20.0, 25.0], "unit": "degC", "dimension": "temperature",
                        "text": "room temperature", "source": "default"},
        "time": {"value": None, "unit": "s", "dimension": "time", "text": "", "source": "unknown"},
        "measure-type": {"text": 'OD "600"', "source": "text"},
        "count": {"text": "3", "value": 3.0, "source": "llm"},
        "fold": {"value": 10.0, "unit": "X", "dimension": "fold", "text": "10x", "source": "text"},
        "ratio": {"value": 0.5, "unit": "ratio", "dimension": "ratio", "text": "1:2", "source": "text"},
    }
    g.add_node("op1", "operation", "Spin", opcode="spin down", verb="spin down", step=2, order=0, slots=slots,
               blocks=[{"id": "b1", "kind": "repeat", "count": 2}, {"id": "b2", "kind": "if", "condition": "cloudy"}])
    g.add_node("op2", "operation", "Discard", opcode="DISCARD", verb="discard", step=3, order=1, slots={},
               blocks=[{"id": "b1", "kind": "repeat", "count": 2}])
    g.add_node("op3", "operation", "Mix", opcode="MIX", verb="mix", step=0, order=2, slots={},
               blocks=[{"id": "b3", "kind": "optional", "condition": "optional"}, {"id": "b4", "kind": "strange"}])
    g.add_node("m2", "material", "the supernatant", role="product")
    g.add_node("m3", "material", "pellet", role="product")
    g.add_edge("m1", "op1", "consumes", role="Acts-on", position=0)
    g.add_edge("m9", "op1", "consumes", role="Acts-on", position=1)
    g.add_edge("op1", "m2", "produces", name="supernatant")
    g.add_edge("op1", "m3", "produces", name="pellet")
    g.add_edge("m2", "op2", "consumes", role="Acts-on", position=0)
    g.add_edge("m3", "op3", "consumes", role="Acts-on", position=0)
    g.add_edge("m9", "op3", "consumes", role="Using", position=None, slot="buffer")
    g.add_edge("op1", "d1", "uses", slot="device")
    return g


def test_printer_writes_a_parsable_program_for_a_translator_style_graph():
    text = print_program(_translator_style_pdg())
    assert parse_source(text).diagnostics == []
    lines = text.splitlines()
    assert lines[0] == 'protocol "Mini \\"prep\\" v2"'  # no domain: 'wet-lab' is not a name
    # the text's unit, with the value in the language's notation (the text's "1,5" is not)
    assert 'input E_coli_culture "the E. coli culture" 1.5 ml' in lines
    assert 'input repeat_' in " ".join(lines)
    assert "container tube \"1.5 ml tube\" capacity 1500 uL" not in lines  # named from its label
    spin = next(line for line in lines if "SPIN_DOWN(" in line)
    for part in ("force: 12000 xg", "temperature: 20 to 25 degC (default)", "time: unknown",
                 'measure_type: "OD \\"600\\""', "count: 3 (suggested)", "fold: 10 x", 'ratio: 0.5 ratio',
                 "device: centrifuge", "# step 2"):
        assert part in spin, part
    mix = next(line for line in lines if "MIX(" in line)
    assert mix.strip() == "MIX(pellet, buffer: repeat_)"
    assert print_program(parse(text)) == text


def test_blocks_that_close_and_reopen_print_as_separate_blocks():
    text = print_program(_translator_style_pdg())
    assert [line.strip() for line in text.splitlines() if line.strip().endswith("{") or line.strip() == "}"] == [
        "repeat 2 times {", 'if "cloudy" {', "}", "}", "optional {", "}"]


@pytest.mark.slow
@pytest.mark.parametrize("path", sorted((ROOT / "protocols").glob("*.[tm][xd]*")), ids=lambda p: p.name)
def test_translated_protocols_print_parsable_stable_programs(path):
    from autodsl.corpus import load_protocol
    from autodsl.driver import translate

    translation = translate(load_protocol(path))
    text = print_program(translation.pdg)
    assert [d for d in check_text(text, translation.spec) if d.code == "syntax-error"] == []
    assert print_program(parse(text)) == text


def test_a_step_comment_keeps_a_signed_or_decimal_number_after_its_separator():
    text = ('protocol "Store"\ninput cells\n\n'
            'cells_2 = INCUBATE(cells)  # step 4: -20 °C (no slot)\n'
            'cells_3 = INCUBATE(cells_2)  # step 5: .5 ml of cells_2\n')
    ops = [d for _, d in parse(text).nodes("operation")]
    assert [(d["step"], d["comment"]) for d in ops] == [(4, "-20 °C (no slot)"), (5, ".5 ml of cells_2")]
    assert print_program(parse(text)) == text
