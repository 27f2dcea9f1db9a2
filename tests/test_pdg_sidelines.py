"""Work beside the main material line (issue 4, autodsl.pdg.sidelines): equipment turned on or
cooled takes no material (what it readies is set aside), a fresh stock set on ice is readied
aside, and a recipe takes its ingredients from the shelf; the material worked on before stays
what the next step works on.
"""

from pdg_helpers import program

from autodsl.pdg.complete import operation_flow

_GROWN = "{Shake} the [culture:Reagent/Acts-on] at [37 C:Temperature/Temperature].\n"


def _op(pdg, verb):  # type: ignore[no-untyped-def]
    """The operation whose verb is ``verb``."""
    return next(n for n, d in pdg.nodes("operation") if d["verb"].lower() == verb.lower())


def _inputs(pdg, op):  # type: ignore[no-untyped-def]
    """The materials an operation consumes (what each reference names)."""
    return {pdg.referent(m) for m, _, d in pdg.graph.in_edges(op, data=True) if d["kind"] == "consumes"}


def test_equipment_turned_on_takes_no_material_and_the_culture_goes_on():
    pdg, text = program(_GROWN + "{Turn on} [centrifuge:Device/Acts-on].\n"
                                 "{Centrifuge} at [5000 rpm:Speed/Speed].")
    turn, shake, spin = _op(pdg, "Turn on"), _op(pdg, "Shake"), _op(pdg, "Centrifuge")
    assert not _inputs(pdg, turn), text
    flow = operation_flow(pdg, through_references=True)
    assert (shake, spin) in flow and (turn, spin) not in flow, text


def test_cooling_a_rotor_after_turning_on_the_centrifuge_stays_off_the_line():
    # the extractor links the first verb as what the second acts on ("Turn on centrifuge and cool rotor")
    pdg, text = program(_GROWN + "{Turn on} [centrifuge:Device/Acts-on] and {cool} [rotor:Device/Acts-on] "
                                 "to [4 C:Temperature/Temperature].\n"
                                 "{Centrifuge} at [5000 rpm:Speed/Speed].", extra_args=[("A3", "Acts-on", "A2")])
    turn, cool, spin = _op(pdg, "Turn on"), _op(pdg, "cool"), _op(pdg, "Centrifuge")
    flow = operation_flow(pdg)
    assert (turn, cool) in flow and (_op(pdg, "Shake"), cool) not in flow, text  # the instrument's own line
    assert (_op(pdg, "Shake"), spin) in flow and (cool, spin) not in flow, text


def test_a_fresh_stock_placed_on_ice_is_readied_aside_not_added_to_the_culture():
    pdg, text = program(_GROWN + "{Place} [1 L of 10 % glycerol:Reagent/Acts-on] on [ice:Location/Site].\n"
                                 "{Centrifuge} at [5000 rpm:Speed/Speed].\n"
                                 "{Add} [250 ml of glycerol:Reagent/Acts-on] to the [pellet:Reagent/Site].")
    shake, place, spin, add = (_op(pdg, v) for v in ("Shake", "Place", "Centrifuge", "Add"))
    flow = operation_flow(pdg, through_references=True)
    assert (shake, place) not in flow, text
    assert (shake, spin) in flow, text  # the culture, not the glycerol, is spun
    assert (place, add) in flow, text  # the chilled glycerol is what is added later


def test_placing_what_is_worked_on_on_ice_still_takes_it():
    pdg, text = program(_GROWN + "{Place} the [culture:Reagent/Acts-on] on [ice:Location/Site].")
    assert (_op(pdg, "Shake"), _op(pdg, "Place")) in operation_flow(pdg, through_references=True), text


def test_a_second_recipe_takes_its_ingredients_from_the_shelf():
    pdg, text = program("{Prepare} [medium A:Reagent/Product] using [DMEM:Reagent/Acts-on] and [N2:Reagent/Acts-on].\n"
                        "{Prepare} [medium B:Reagent/Product] using [DMEM:Reagent/Acts-on] and [B27:Reagent/Acts-on].")
    first, second = (n for n, d in sorted(pdg.nodes("operation"), key=lambda item: item[1]["order"]))
    assert (first, second) not in operation_flow(pdg, through_references=True), text
    assert _inputs(pdg, first) & _inputs(pdg, second), text  # the same DMEM stock
