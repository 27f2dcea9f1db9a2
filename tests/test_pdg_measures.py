"""Translated programs a bench scientist can trust: amounts kept, lazy separations, lists of
objects, reaching definitions, and agreement with the program checker on what is used up."""

from pdg_helpers import make

from autodsl.driver import translate
from autodsl.emit.parse import parse
from autodsl.emit.printer import print_program
from autodsl.extract.models import Extraction
from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
from autodsl.pdg import slots
from autodsl.pdg.complete import complete
from autodsl.pdg.structure import structure
from autodsl.validate import check_text
from autodsl.validate.common import PORTION_DIMENSIONS


def program(marked, spec=None):
    p, x = make(marked)
    pdg = translate(p, extraction=x, spec=spec, auto_domain=False).pdg
    return pdg, print_program(pdg)


def statements(text):
    return [line.split("  #")[0] for line in text.splitlines() if "(" in line and not line.startswith("protocol")]


PCR = ("{Thaw} the [primers:Reagent/Acts-on], [dNTPs:Reagent/Mention] and [5X:Concentration/Mention] "
       "[reaction buffer:Reagent/Mention] on ice.\n"
       "{Vortex} each [reagent:Reagent/Acts-on] briefly and {spin down}.\n"
       "{Add} [10 µl:Amount/Mention] of [5X:Concentration/Mention] [reaction buffer:Reagent/Acts-on] to a sterile "
       "[PCR tube:Location/Site].\n"
       "{Add} [2.5 µl:Amount/Mention] of each [primer:Reagent/Acts-on].\n"
       "{Add} [nuclease-free water:Reagent/Acts-on] to [49.5 µl:Amount/Mention].\n"
       "{Mix} gently and {spin} briefly.")


def _unheld(marked):
    """``make`` attaches every marked span to the action before it; "Mention" marks spans no action holds."""
    p, x = make(marked)
    held = [a.model_copy(update={"args": [g for g in a.args if g.role != "Mention"]}) for a in x.actions]
    return p, Extraction(protocol=x.protocol, entities=x.entities, actions=held)


def pcr():
    p, x = _unheld(PCR)
    pdg = translate(p, extraction=x, auto_domain=False).pdg
    return pdg, print_program(pdg)


def test_amounts_become_slots_of_the_operation_that_takes_the_reagent():
    pdg, text = pcr()
    lines = statements(text)
    add_buffer = next(line for line in lines if "sterile" not in line and "ADD(reaction_buffer" in line)
    assert "volume: 10 µl" in add_buffer
    assert any("ADD(primers" in line and "volume: 2.5 µl" in line for line in lines)
    water = next(line for line in lines if "nuclease_free_water" in line and "ADD" in line)
    assert "final_volume: 49.5 µl" in water and "volume: 49.5" not in water.replace("final_volume", "")
    slot = next(d["slots"]["volume"] for _, d in pdg.nodes("operation") if d["slots"].get("volume", {}).get(
        "value") == 10.0)
    assert slot["source"] == "text" and pdg.text[slot["start"]:slot["end"]] == "10 µl"
    assert pdg.graph.nodes[slot["measures"]]["kind"] == "material"


def test_a_final_volume_is_the_quantity_of_the_product_and_resets_the_container_total():
    pdg, _ = pcr()
    water = next(op for op, d in pdg.nodes("operation") if d["slots"].get("final_volume"))
    made = [t for _, t, d in pdg.graph.out_edges(water, data=True) if d["kind"] == "produces"]
    assert pdg.graph.nodes[made[0]]["quantity"]["value"] == 49.5
    tube = next(d for _, d in pdg.nodes("container") if d["label"] == "PCR tube")
    assert [v["total"] for v in tube["volumes"]] == [10.0, 12.5, 49.5]


def test_amounts_no_spec_slot_takes_are_kept_and_shown_in_the_comment():
    spec = DslSpec(domain="wetlab", operations=[
        OperationSpec(opcode="ADD", verbs={"add": 9}, slots=[SlotSpec(name="site", role="Site", type="Location")])])
    p, x = make("{Add} [10 µl:Amount/Setting] of [buffer:Reagent/Acts-on] to a [tube:Location/Site].")
    x = Extraction(protocol=x.protocol, entities=x.entities,
                   actions=[x.actions[0].model_copy(update={"args": x.actions[0].args[1:]})])
    pdg = translate(p, extraction=x, spec=spec, auto_domain=False).pdg
    op = pdg.graph.nodes["op1"]
    assert "volume" not in op["slots"] and op["extra_slots"][0]["text"] == "10 µl"
    text = print_program(pdg)
    assert "# step 1: 10 µl of buffer" in text
    assert print_program(parse(text)) == text
    assert not [d for d in check_text(text, spec) if d.severity == "error"]


def test_a_setting_no_spec_slot_takes_is_shown_in_the_comment_not_dropped():
    spec = DslSpec(domain="materials", operations=[
        OperationSpec(opcode="CONCENTRATE", verbs={"concentrate": 9},
                      slots=[SlotSpec(name="equipment", role="Using", type="Device")])])
    p, x = make("{Concentrate} the [filtrate:Reagent/Acts-on] on a [rotary evaporator:Device/Using] "
                "at [40 °C:Temperature/Setting].")
    pdg = translate(p, extraction=x, spec=spec, auto_domain=False).pdg
    assert [r["text"] for r in pdg.graph.nodes["op1"]["extra_slots"]] == ["40 °C"]
    text = print_program(pdg)
    assert "# step 1: 40 °C (no slot)" in text
    assert print_program(parse(text)) == text
    assert not [d for d in check_text(text, spec) if d.severity == "error"]


def test_a_spin_without_a_named_part_yields_the_spun_material():
    _, text = pcr()
    assert "supernatant" not in text and "pellet" not in text
    pdg, text = program("{Centrifuge} the [lysate:Reagent/Acts-on].\n{Discard} the [supernatant:Reagent/Acts-on].")
    assert "supernatant, pellet = CENTRIFUGE(lysate" in text
    _, text = program("{Centrifuge} the [lysate:Reagent/Acts-on].\n{Aspirate} and discard.")
    assert "supernatant, pellet = CENTRIFUGE" in text


def test_coordinated_objects_all_flow_in_and_each_stays_its_own_stock():
    _, text = pcr()
    lines = statements(text)
    # each product is named from its reagent as written ("primers", not the lemma "primer")
    assert lines[0].startswith("primers_2, dNTPs_2, reaction_buffer_2 = THAW(primers, dNTPs, reaction_buffer")
    assert lines[1].startswith("primers_3, dNTPs_3, reaction_buffer_3 = VORTEX(primers_2, dNTPs_2, reaction_buffer_2")
    # later mentions take the newest version of each reagent (its reaching definition)
    assert any(line.startswith("mixture = ADD(reaction_buffer_4") for line in lines)
    assert any("ADD(primers_4" in line for line in lines)


def test_translated_programs_pass_the_checker_and_real_misuse_is_still_reported():
    _, text = pcr()
    assert [d.code for d in check_text(text) if d.severity == "error"] == []
    # taking measured portions of a prepared solution leaves it for the next step
    p, x = _unheld("{Prepare} [wash buffer:Reagent/Product].\n"
                   "{Add} [500 µl:Amount/Mention] [wash buffer:Reagent/Acts-on] to the [cells:Reagent/Site].\n"
                   "{Add} [500 µl:Amount/Mention] [wash buffer:Reagent/Acts-on] again.")
    text = print_program(translate(p, extraction=x, auto_domain=False).pdg)
    assert [d.code for d in check_text(text) if d.severity == "error"] == []
    assert statements(text)[2].startswith("mixture_2 = ADD(wash_buffer")
    # a supernatant poured off and then used is a real problem, in the PDG and in the program
    pdg, text = program("{Centrifuge} the [lysate:Reagent/Acts-on].\n{Discard} the [supernatant:Reagent/Acts-on].\n"
                        "{Transfer} the [supernatant:Reagent/Acts-on] to a new [tube:Location/Site].")
    assert "use-after-consume" in [d.code for d in pdg.diagnostics]
    assert "use-after-consume" in [d.code for d in check_text(text)]


def test_a_used_up_product_is_not_bound_again():
    # vortexing makes a new version; "the primers" afterwards is that version, not the old one
    pdg, text = program("{Thaw} the [primers:Reagent/Acts-on].\n{Vortex} the [primers:Reagent/Acts-on].\n"
                        "{Add} the [primers:Reagent/Acts-on] to the [mix:Reagent/Site].")
    lines = statements(text)
    assert lines[1].startswith("primers_3 = VORTEX(primers_2")
    assert "ADD(primers_3" in lines[2]
    assert [d.code for d in check_text(text) if d.severity == "error"] == []


def test_capacity_accounting_sees_amounts_written_apart_from_the_reagent():
    p, x = _unheld("{Add} [1 ml:Amount/Mention] of [buffer:Reagent/Acts-on] to a [0.5 ml tube:Location/Site].")
    pdg = translate(p, extraction=x, auto_domain=False).pdg
    assert "container-over-capacity" in [d.code for d in pdg.diagnostics]


def test_without_a_translator_the_stage_functions_see_lists_and_amounts_too():
    p, x = _unheld("{Mix} [buffer A:Reagent/Acts-on] and [5 µl:Amount/Mention] [buffer B:Reagent/Mention].")
    pdg = complete(structure(p, x), x)
    consumed = sorted(pdg.graph.nodes[m]["label"] for m, _, d in pdg.edges("consumes"))
    assert consumed == ["buffer A", "buffer B"]
    assert pdg.graph.nodes["op1"]["slots"]["volume"]["value"] == 5.0


def test_the_translator_and_the_checker_count_the_same_portions():
    assert slots.PORTION_DIMENSIONS == PORTION_DIMENSIONS

