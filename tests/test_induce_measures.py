"""Amounts written with materials ("10 µl of buffer") become slots of learned operations, named
as the translator names them, counted by coverage, and printed as slots by translated programs."""

from pdg_helpers import make

from autodsl.driver import translate
from autodsl.emit.printer import print_program
from autodsl.extract.models import Extraction
from autodsl.induce.features import InstanceAction, ProtocolDigest, SlotValue, instance_actions
from autodsl.induce.learn import learn_spec
from autodsl.induce.metrics import VerbIndex
from autodsl.induce.slots import MEASURE_ROLE, measure_slot_name
from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
from autodsl.pdg.slots import spec_slot
from autodsl.validate import check_text


def unheld(marked):
    """``make`` with the spans marked "Mention" held by no action, as the extractor leaves amounts."""
    p, x = make(marked)
    held = [a.model_copy(update={"args": [g for g in a.args if g.role != "Mention"]}) for a in x.actions]
    return p, Extraction(protocol=x.protocol, entities=x.entities, actions=held)


PCR = ("{Add} [10 µl:Amount/Mention] of [5X:Concentration/Mention] [reaction buffer:Reagent/Acts-on] to a "
       "[PCR tube:Location/Site].\n"
       "{Add} [2.5 µl:Amount/Mention] of each [primer:Reagent/Acts-on] and [1 µl:Amount/Mention] "
       "[dNTPs:Reagent/Mention].\n"
       "{Add} [nuclease-free water:Reagent/Acts-on] to [49.5 µl:Amount/Mention].\n"
       "{Add} [500 µl:Amount/Setting] of [buffer:Reagent/Acts-on].")


def slots_of(inst):
    return [(s.name, s.role, s.dimension, s.value) for s in inst.slots]


def test_instance_actions_take_the_amounts_written_with_their_materials():
    p, x = unheld(PCR)
    first, second, water, held = instance_actions(x, p)
    assert slots_of(first) == [("site", "Site", None, None), ("volume", MEASURE_ROLE, "volume", 10.0),
                               ("fold", MEASURE_ROLE, "fold", 5.0)]
    # a coordinated object's amount counts too, as in the translator
    assert [s[3] for s in slots_of(second) if s[0] == "volume"] == [2.5, 1.0]
    assert slots_of(water) == [("final_volume", MEASURE_ROLE, "volume", 49.5)]
    # an amount the action holds itself is its slot once, not twice
    assert slots_of(held) == [("volume", "Setting", "volume", 500.0)]
    # without the text there is nothing to read amounts from
    assert all(s.role != MEASURE_ROLE for inst in instance_actions(x) for s in inst.slots)


def test_measure_slot_names_agree_with_the_learned_slot_table():
    assert measure_slot_name("Amount", "mass") == "mass"
    assert measure_slot_name("Concentration", "percent") == "percent"
    assert measure_slot_name("Concentration", "percent", final=True) == "final_percent"


def volume(value, role=MEASURE_ROLE):
    return SlotValue(name="volume", role=role, type="Amount", dimension="volume", value=value, text=f"{value} µl")


def test_learned_operations_get_a_volume_slot_with_its_range_in_microlitres():
    amounts = [10.0, 20.0, 2.5, 1000.0]
    digests = [ProtocolDigest(id=f"p{i}", actions=(
        InstanceAction(protocol=f"p{i}", lemma="add", index=0, inputs=("buffer",), slots=(volume(amounts[i]),)),
        InstanceAction(protocol=f"p{i}", lemma="add", index=1, inputs=("water",)),
        InstanceAction(protocol=f"p{i}", lemma="spin", index=2, inputs=("product",)))) for i in range(4)]
    slot = learn_spec(digests, "demo", seed=0).operation("add").slot("volume")
    assert slot is not None and slot.role == MEASURE_ROLE and slot.unit == "uL"
    assert (slot.range.min, slot.range.max, slot.range.n) == (2.5, 1000.0, 4)
    assert slot.frequency == 0.5 and not slot.required  # given by half the additions: optional


def test_coverage_counts_measure_arguments_like_any_other():
    with_volume = DslSpec(domain="d", operations=[OperationSpec(opcode="ADD", verbs={"add": 3}, slots=[
        SlotSpec(name="volume", role=MEASURE_ROLE, type="Amount", dimension="volume")])])
    without = DslSpec(domain="d", operations=[OperationSpec(opcode="ADD", verbs={"add": 3})])
    inst = InstanceAction(protocol="p", lemma="add", slots=(volume(10.0),))
    assert VerbIndex(with_volume).fit(inst).covered
    assert VerbIndex(without).fit(inst).reason == "unfit-slot"


SPEC = DslSpec(domain="wetlab", operations=[OperationSpec(opcode="ADD", verbs={"add": 9}, slots=[
    SlotSpec(name="site", role="Site", type="Location"),
    SlotSpec(name="final_volume", role=MEASURE_ROLE, type="Amount", dimension="volume"),
    # a slot for amounts the units parser could not read, learned from the action's own arguments
    SlotSpec(name="amount", role="Setting", type="Amount"),
    SlotSpec(name="volume", role=MEASURE_ROLE, type="Amount", dimension="volume"),
    SlotSpec(name="fold", role=MEASURE_ROLE, type="Concentration", dimension="fold")])])


def test_the_translator_names_amounts_by_the_learned_slots():
    op = SPEC.operations[0]
    # a plain amount is a volume, never the final volume, nor the text slot of its role and type
    assert spec_slot(op, "Setting", "Amount", "volume").name == "volume"
    assert spec_slot(op, MEASURE_ROLE, "Amount", "volume").name == "volume"
    p, x = unheld(PCR)
    text = print_program(translate(p, extraction=x, spec=SPEC, auto_domain=False).pdg)
    lines = [line.split("  #")[0] for line in text.splitlines() if "ADD(" in line]
    assert lines[0] == 'mixture = ADD(reaction_buffer, site: "PCR tube", volume: 10 µl, fold: 5 X)'
    # amounts of two reagents are each its own reagent's, not the statement's (tests/test_pdg_settings.py)
    assert "volume:" not in lines[1] and "# step 2: 2.5 µl of primer, 1 µl of dNTPs" in text
    assert "final_volume: 49.5 µl" in lines[2]
    assert "volume: 500 µl" in lines[3]
    assert [d.code for d in check_text(text, SPEC) if d.severity == "error"] == []
