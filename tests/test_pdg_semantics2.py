"""Translated programs read right to a bench scientist (issue 4): one kind of wrong
statement per test — made-up inputs, a discarded material used again, alternatives, spins.
"""

from pdg_helpers import program, statements


def test_what_a_discard_just_took_is_no_argument_of_the_next_action_of_its_sentence():
    # the extractor linked "supernatant" to both "Pour off" and "dissolve"
    _, text = program("{Centrifuge} the [samples:Reagent/Acts-on].\n"
                      "{Pour off} the [supernatant:Reagent/Acts-on] and {dissolve} the [pellet:Reagent/Acts-on] "
                      "in [PBS:Reagent/Site].", extra_args=[("A3", "Acts-on", "T2")])
    lines = statements(text)
    assert lines[1] == "POUR_OFF(supernatant)"
    assert lines[2].startswith("solution = DISSOLVE(pellet")
    assert "supernatant" not in lines[2] and "input supernatant" not in text


def test_a_spin_whose_linked_product_names_no_part_does_not_split():
    # "Spin PCR tubes to mix the DNA": no supernatant, no pellet, and nothing later names one
    _, text = program("{Spin} the [PCR tubes:Location/Acts-on] to mix the [DNA:Reagent/Product].\n"
                      "{Place} the [PCR tubes:Location/Acts-on] in the [thermal cycler:Device/Site].",
                      )
    assert "pellet" not in text and "supernatant" not in text


def test_of_two_alternative_reagents_the_first_is_used_and_the_other_is_a_note():
    _, text = program("{Centrifuge} the [culture:Reagent/Acts-on].\n"
                      "{Discard} the [supernatant:Reagent/Acts-on].\n"
                      "{Resuspend} the [pellet:Reagent/Acts-on] in [water:Reagent/Site] or [TE buffer:Reagent/Site].")
    resuspend = next(line for line in text.splitlines() if "RESUSPEND(" in line)
    assert "water" in resuspend.split("#")[0] and "TE_buffer" not in resuspend.split("#")[0]
    assert resuspend.endswith("or TE buffer")
    assert "input TE_buffer" not in text


def test_aliquots_are_a_portion_of_what_is_worked_on_not_an_input():
    _, text = program("{Vortex} the [lysate:Reagent/Acts-on].\n"
                      "{Transfer} 100 ul [aliquots:Reagent/Acts-on] to [new tubes:Location/Site].")
    assert "input aliquots" not in text
    # taken from the lysate, named by its own phrase (round 10, tests/test_pdg_semantics5.py)
    assert statements(text)[1].startswith("aliquots = TRANSFER(lysate_2")


def test_a_generic_mention_beside_a_new_reagent_is_what_was_worked_on():
    # "Add 400 ul BCP per ml of sample": BCP is new, the sample is the lysate worked on
    _, text = program("{Incubate} the [lysate:Reagent/Acts-on] for 5 min.\n"
                      "{Add} 400 ul [BCP:Reagent/Acts-on] per ml of [sample:Reagent/Site].")
    assert "input sample" not in text
    assert "lysate_2" in statements(text)[1]


def test_data_named_by_a_computational_step_is_no_input():
    _, text = program("{Sequence} the [library:Reagent/Acts-on].\n"
                      "{Trim} [raw reads:Reagent/Acts-on] with [Trimmomatic:Reagent/Using].")
    assert "input raw_reads" not in text


# ---------------------------------------------------------------- round 5 (WLP protocol 0)
def test_a_participle_that_prepares_a_reagent_acts_on_the_reagent_alone_and_first():
    # "wash with buffer pre-warmed to 50 C": the buffer is warmed, before the wash; the column is washed
    _, text = program("{Place} the [column:Reagent/Acts-on] in a [tube:Location/Site].\n"
                      "{Wash} with 500 ul [PB4 buffer:Reagent/Using] {pre-warmed} to [50 C:Temperature/Setting].\n"
                      "{Centrifuge} for [1 min:Time/Setting].",
                      extra_args=[("A3", "Acts-on", "T3")])
    lines = statements(text)
    warm = next(i for i, line in enumerate(lines) if "PREWARM" in line)
    wash = next(i for i, line in enumerate(lines) if "WASH(" in line)
    assert warm < wash
    assert lines[warm].startswith("PB4_buffer_2 = PREWARM(PB4_buffer,") and "column" not in lines[warm]
    assert "column" in lines[wash] and "PB4_buffer_2" in lines[wash]
    assert "CENTRIFUGE(column" in lines[wash + 1]


def test_centrifuge_again_spins_the_supernatant_and_keeps_its_name_after_the_if_block():
    _, text = program("{Centrifuge} for [5 min:Time/Setting].\n"
                      "If the lysate is not clear, {centrifuge} again for [5 min:Time/Setting].\n"
                      "{Load} 750 ul of the [supernatant:Reagent/Acts-on] onto the [column:Location/Site].",
                      extra_args=[("A2", "Product", "T3")])
    lines = statements(text)
    again = next(line for line in lines if line.startswith("supernatant") and "CENTRIFUGE(supernatant" in line)
    assert again.startswith("supernatant, pellet_2 = CENTRIFUGE(supernatant,")
    assert "LOAD(supernatant," in lines[-1]


def test_a_consumable_placed_in_a_container_is_what_is_placed_and_later_loaded():
    _, text = program("{Centrifuge} the [lysate:Reagent/Acts-on]. {Discard} the [pellet:Reagent/Acts-on].\n"
                      "{Place} a [spin column:Location/Acts-on] in a [collection tube:Location/Site] and "
                      "{load} the [supernatant:Reagent/Acts-on] onto the [column:Location/Site].")
    lines = statements(text)
    assert "input spin_column" in text and "product" not in text
    assert lines[2] == 'spin_column_2 = PLACE(spin_column, site: "collection tube")'
    assert lines[3].startswith("mixture = LOAD(supernatant, spin_column_2")


def test_a_placing_with_nothing_placed_makes_no_product():
    _, text = program("{Place} a [new tube:Location/Acts-on] in the [rack:Location/Site].")
    assert "product" not in text and statements(text) == ['PLACE(site: "rack")']


def test_discarding_the_tube_under_a_spun_column_discards_the_flow_through_not_the_column():
    _, text = program("{Place} a [spin column:Location/Acts-on] in a [collection tube:Location/Site].\n"
                      "{Centrifuge} for [2 min:Time/Setting] and {discard} the [collection tube:Location/Acts-on].\n"
                      "{Place} the [column:Location/Acts-on] in a [clean tube:Location/Site].")
    lines = statements(text)
    assert lines[1].startswith("flow_through, column = CENTRIFUGE(spin_column_2")
    assert lines[2] == "DISCARD(flow_through)"
    assert lines[3].startswith("column_2 = PLACE(column,")


# ---------------------------------------------------------------- round 6 (issue 4)
def test_unless_prints_its_condition_negated_in_words():
    _, text = program("{Centrifuge} the [cells:Reagent/Acts-on] for [10 min:Time/Setting].\n"
                      "Unless proceeding directly with RNA isolation, {freeze} the [pellet:Reagent/Acts-on].")
    assert 'if "not proceeding directly with RNA isolation" {' in text
    _, text = program("{Centrifuge} the [cells:Reagent/Acts-on].\n"
                      "Unless the pellet is visible, {centrifuge} again for [5 min:Time/Setting].")
    assert 'if "the pellet is not visible" {' in text


def test_otherwise_and_if_not_take_the_condition_before_negated():
    _, text = program("If the lysate is clear, {load} it onto the [column:Location/Site].\n"
                      "Otherwise, {centrifuge} for [5 min:Time/Setting].")
    assert 'if "the lysate is clear" {' in text and 'if "the lysate is not clear" {' in text
    _, text = program("{Check} whether the [pellet:Reagent/Acts-on] is white.\n"
                      "If not, {wash} it with [ethanol:Reagent/Using].")
    assert 'if "the pellet is not white" {' in text and 'if "not"' not in text


def test_a_stock_named_again_in_another_spelling_is_the_same_input():
    _, text = program("{Resuspend} the [pellet:Reagent/Acts-on] in [nuclease free water:Reagent/Site].\n"
                      "{Elute} the [RNA:Reagent/Acts-on] in [Nuclease-free water:Reagent/Site].")
    assert "input nuclease_free_water " in text and "nuclease_free_water_2" not in text and "Nuclease_free" not in text


def test_the_subject_of_a_passive_discard_is_what_is_discarded():
    # the extractor linked nothing to "discarded" and the supernatant to the spin
    _, text = program("{Add} [TCA:Reagent/Acts-on] to the [plasma:Reagent/Site] and {incubate}.\n"
                      "The [tube:Location/Product] was {centrifuged} and the [supernatant:Reagent/Product] "
                      "was {discarded}.\n"
                      "The [tube:Location/Product] was {centrifuged} and the [supernatant:Reagent/Acts-on] "
                      "was {discarded}.")
    lines = statements(text)
    assert lines[2].startswith("supernatant, pellet = CENTRIFUGE(mixture_2")
    assert lines[3] == "DISCARD(supernatant)"
    assert lines[4].startswith("supernatant_2, pellet_2 = CENTRIFUGE(pellet")  # not the discarded supernatant
    assert lines[5] == "DISCARD(supernatant_2)"


def test_pouring_off_a_wash_reagent_after_a_spin_pours_off_the_liquid_over_the_pellet():
    _, text = program("{Centrifuge} the [lysate:Reagent/Acts-on]. {Discard} the [supernatant:Reagent/Acts-on].\n"
                      "{Add} 500 ul [70% ethanol:Reagent/Acts-on] to the [pellet:Reagent/Site].\n"
                      "{Centrifuge} for [5 min:Time/Setting].\n"
                      "{Pour off} [70% ethanol:Reagent/Acts-on] and {air-dry} the [pellet:Reagent/Acts-on].")
    lines = statements(text)
    assert lines[4].startswith("POUR_OFF(supernatant_2")
    assert "ethanol" not in lines[4]


def test_a_measured_transfer_naming_nothing_after_a_spin_takes_the_supernatant():
    _, text = program("{Centrifuge} the [sample:Reagent/Acts-on] for [4 min:Time/Setting].\n"
                      "{Transfer} 300 ul to a [well:Location/Site].\n"
                      "{Resuspend} the [pellet:Reagent/Acts-on] in [water:Reagent/Site].")
    lines = statements(text)
    assert lines[0].startswith("supernatant, pellet = CENTRIFUGE(sample")
    assert "TRANSFER(supernatant" in lines[1]
