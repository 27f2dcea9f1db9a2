"""Translated programs read right to a bench scientist (issue 4): one kind of wrong
statement per test — an observation or a calculation making a product, the product phrase
of a making read as an input, a portion taken read as a reagent, a stock's second portion lost.
"""

from pdg_helpers import program, statements

from autodsl.pdg.complete import operation_flow


def test_an_observation_leaves_the_material_as_it_was():
    pdg, text = program("{Grow} the [culture:Reagent/Acts-on] for [16 h:Time/Setting].\n"
                        "{Measure} the [OD600:Measure-Type/Measure-Type] of the [culture:Reagent/Acts-on].\n"
                        "{Count} the [cells:Reagent/Acts-on].\n"
                        "{Centrifuge} the [culture:Reagent/Acts-on] for [5 min:Time/Setting].")
    grow, measure, count, spin = statements(text)
    assert grow.startswith("culture_2 = GROW(culture")
    # the culture flows on through the observations under its own name
    assert measure.startswith("culture_2 = MEASURE(culture_2")
    assert count.startswith("culture_2 = COUNT(culture_2")
    assert spin.startswith("culture_3 = CENTRIFUGE(culture_2")
    ops = {d["opcode"]: n for n, d in pdg.nodes("operation")}
    assert (ops["COUNT"], ops["CENTRIFUGE"]) in operation_flow(pdg, through_references=True)


def test_an_observation_of_a_stock_makes_nothing():
    _, text = program("{Image} the [gel:Reagent/Acts-on].\n"
                      "{Stain} the [gel:Reagent/Acts-on] with [SYBR:Reagent/Using].")
    image, stain = statements(text)
    assert image == "IMAGE(gel)"
    assert stain.startswith("gel_2 = STAIN(gel")


def test_weighing_out_an_amount_is_no_observation():
    _, text = program("{Weigh} [2 g:Amount/Measure] of [NaCl:Reagent/Acts-on].\n"
                      "{Dissolve} it in [water:Reagent/Using].")
    assert statements(text)[0].startswith("NaCl_2 = WEIGH(NaCl")


def test_a_calculation_takes_no_material():
    _, text = program("{Resuspend} the [cells:Reagent/Acts-on] in [PBS:Reagent/Using].\n"
                      "{Calculate} the [titer:Measure-Type/Acts-on].\n"
                      "{Add} these to your original [count:Reagent/Site].\n"
                      "{Dilute} the [cells:Reagent/Acts-on] in [medium:Reagent/Using].")
    resuspend, calculate, add, dilute = statements(text)
    assert calculate == 'CALCULATE(measure_type: "titer")'
    assert add == "ADD()" and "input count" not in text
    assert dilute.startswith("dilution = DILUTE(suspension,")


def test_the_product_a_making_names_is_no_input():
    _, text = program("{Thaw} the [virus prep:Reagent/Acts-on] on [ice:Temperature/Setting].\n"
                      "{Make} a [dilution:Reagent/Acts-on] of the [virus prep:Reagent/Using] "
                      "in [seawater:Reagent/Site].")
    assert "input dilution" not in text
    assert statements(text)[1].startswith("dilution = MAKE(")


def test_a_sample_taken_is_a_portion_of_what_is_worked_on():
    _, text = program("{Dilute} the [infection:Reagent/Acts-on] in [medium:Reagent/Using].\n"
                      "{Take} a [sample:Reagent/Acts-on].\n"
                      "{Centrifuge} the [sample:Reagent/Acts-on].")
    assert "input sample" not in text
    # named by its own phrase (tests/test_pdg_semantics5.py), taken from the dilution
    assert statements(text)[1].startswith("sample = TAKE(dilution)")


def test_a_second_portion_of_a_stock_is_not_lost_in_what_it_went_into():
    # WLP train 130: the seawater the dilution was made in, then 1 ml more of it
    _, text = program("{Make} a [dilution:Reagent/Acts-on] of [virus prep:Reagent/Using] "
                      "in [seawater:Reagent/Site].\n"
                      "{Add} diluted [virus:Reagent/Acts-on] to 1 ml filtered [seawater:Reagent/Site].")
    make_, add = statements(text)
    assert "seawater" in make_
    assert add.startswith("mixture = ADD(dilution, seawater")


def test_a_name_given_at_an_observation_finds_the_material_later():
    # WLP train 111: "Calculate the volume of host culture needed: [this amount]. Pipet this amount"
    _, text = program("{Grow} the [host culture:Reagent/Acts-on] for [16 h:Time/Setting].\n"
                      "{Calculate} the volume of [host culture:Reagent/Acts-on] as [this amount:Reagent/Product].\n"
                      "{Pipet} [this amount:Reagent/Acts-on] into a [tube:Location/Site].")
    grow, calculate, pipet = statements(text)
    name = grow.split(" = ")[0]
    assert calculate.startswith(f"{name} = CALCULATE({name})")
    assert pipet.split(" = ")[1].startswith(f"PIPETTE({name}") and "this_amount" not in text
