"""Translated programs read right to a bench scientist (issue 4, round 10): one kind of wrong
statement per test — a portion taken named after what it was taken from, arithmetic on a
count read as lab work, a container named again declared an input, the amount of the reagent
added read as the final volume.
"""

import re
from pathlib import Path

from pdg_helpers import program, statements

CORPORA = Path(__file__).resolve().parents[1] / "corpora"


def test_a_portion_taken_is_named_by_its_own_phrase():
    # WLP train 111: "Take a sample" of the dilution makes a sample, not dilution_2
    _, text = program("{Dilute} the [infection:Reagent/Acts-on] in [medium:Reagent/Using].\n"
                      "{Take} a [sample:Reagent/Acts-on].\n"
                      "{Centrifuge} the [sample:Reagent/Acts-on].")
    dilute, take, spin = statements(text)
    made = dilute.split(" = ")[0]
    assert take == f"sample = TAKE({made})"
    assert spin.startswith("sample_2 = CENTRIFUGE(sample)")


def test_aliquots_transferred_are_named_aliquots():
    _, text = program("{Grow} the [culture:Reagent/Acts-on].\n"
                      "{Transfer} 100 ul [aliquots:Reagent/Acts-on] to new [tubes:Location/Site].")
    grow, transfer = statements(text)
    assert transfer.startswith("aliquots = TRANSFER(culture_2")


def test_adding_to_a_count_is_arithmetic_not_lab_work():
    # WLP train 111: "add these to your original count", the count linked as a Setting
    _, text = program("{Plate} the [phages:Reagent/Acts-on] on [bacteria:Reagent/Site].\n"
                      "{Count} the [plaques:Reagent/Acts-on] on the [plates:Location/Site].\n"
                      "{Add} [these:Mention/Acts-on] to your [original count:Generic-Measure/Setting].\n"
                      "{Calculate} the [burst size:Measure-Type/Measure-Type].")
    plate, count, add, calculate = statements(text)
    counted = count.split(" = ")[0]
    # no new material: the sum makes nothing, or what was counted flows on through it as it was
    assert add.startswith("ADD(") or add.startswith(f"{counted} = ADD({counted}")
    assert calculate.startswith("CALCULATE(") or calculate.startswith(f"{counted} = CALCULATE({counted}")


def test_a_device_setting_is_no_record():
    # "variable power settings" are no number one adds to: the transfer still moves material
    _, text = program("{Run} the [proteins:Reagent/Acts-on] on a [gel:Reagent/Site].\n"
                      "{Transfer} the [proteins:Reagent/Acts-on] to [nitrocellulose:Reagent/Site] at "
                      "[variable power settings:Generic-Measure/Setting].")
    run, transfer = statements(text)
    made = run.split(" = ")[0]
    assert " = TRANSFER(" in transfer and transfer.split(" = ")[0] != made
    assert f"TRANSFER({made}, nitrocellulose" in transfer


def test_a_container_named_again_is_no_input():
    # Protocol Exchange 69 (the extractor's reading): the second "Place tubes in a thermocycler"
    # matched the first round's reactions by the name "tubes" and declared the tubes an input
    from autodsl.corpus.load import load_protocol
    from autodsl.driver import translate
    from autodsl.emit.printer import print_program

    text = print_program(translate(load_protocol(CORPORA / "protocol-exchange" / "protocol_69.json"),
                                   stage="completed", auto_domain=False).pdg)
    assert "\ninput tubes\n" not in text
    # the tubes placed in the thermocycler hold the reactions: no statement takes them as a material
    assert not any(re.search(r"[(, ]tubes[,)]", line) for line in statements(text))


def test_an_amount_written_before_a_reagent_measures_it_not_the_product():
    # WLP train 130: "to 1 ml filtered seawater" is how much seawater, not the final volume
    _, text = program("{Make} a [dilution:Reagent/Acts-on] of [virus prep:Reagent/Using].\n"
                      "{Add} diluted [virus:Reagent/Acts-on] to [1 ml:Amount/Mention] "
                      "[filtered seawater:Reagent/Site].\n"
                      "{Add} [water:Reagent/Acts-on] to [50 ul:Amount/Mention].", unheld=True)
    seawater, water = statements(text)[1:]
    assert "final_volume" not in seawater and "volume: 1 ml" in seawater
    assert "final_volume: 50 ul" in water  # a final volume written alone stays one


def test_ice_a_step_sits_on_is_a_site_not_a_reagent():
    # WLP train 334, 338, 346, 353, 360 mark "on ice" a Reagent: it was declared an input
    _, text = program("{Resuspend} the [cells:Reagent/Acts-on] in [buffer:Reagent/Using].\n"
                      "{Incubate} on [ice:Reagent/Site] for [30 min:Time/Setting].")
    resuspend, incubate = statements(text)
    assert "input ice" not in text
    assert incubate.startswith(f"INCUBATE({resuspend.split(' = ')[0]}") or \
        f"= INCUBATE({resuspend.split(' = ')[0]}, site: \"ice\"" in incubate
    # ice a step takes stays a reagent
    _, text = program("{Fill} a [bucket:Location/Site] with [ice:Reagent/Acts-on].")
    assert "input ice" in text
