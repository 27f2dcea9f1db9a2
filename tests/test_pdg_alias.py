"""A reagent named again by the core of its name binds to it (issue 4, translator round 24).

"Dissolve Na2EDTA·2H2O ... Add EDTA", "Prepare 10 mM Tris-HCl ... in 1 ml Tris": the later
phrase is the reagent named before, not a second stock on the shelf; only the one earlier
name whose core it is counts (autodsl.pdg.aliases).
"""

from pdg_helpers import program


def consumed(pdg, verb):  # type: ignore[no-untyped-def]
    """Labels of the materials the operation of ``verb`` takes, through re-mentions to what they name."""
    op = next(n for n, d in pdg.nodes("operation") if d["verb"].lower() == verb.lower())
    return {pdg.graph.nodes[pdg.referent(s)]["label"] for s, _, d in pdg.graph.in_edges(op, data=True)
            if d["kind"] == "consumes"}


def inputs(pdg):  # type: ignore[no-untyped-def]
    return {d["label"] for _, d in pdg.nodes("material") if d.get("role") == "input"}


def test_a_salt_weighed_as_a_hydrate_is_the_reagent_named_by_its_core():
    pdg, _ = program(
        "{Grow} the [cells:Reagent/Acts-on] in [medium:Reagent/Site].\n"
        "{Weigh} 0.2 g [Na2EDTA·2H2O:Reagent/Acts-on].\n"
        "{Add} 10 ul [EDTA:Reagent/Acts-on] to the [cells:Reagent/Site].")
    assert "EDTA" not in inputs(pdg)
    assert "Na2EDTA·2H2O" in consumed(pdg, "Add")


def test_a_buffer_with_its_counter_ion_is_the_buffer_named_without_it():
    pdg, _ = program(
        "{Thaw} [Tris-HCl:Reagent/Acts-on].\n"
        "{Grow} the [cells:Reagent/Acts-on] in [medium:Reagent/Site].\n"
        "{Resuspend} the [cells:Reagent/Acts-on] in 1 ml [Tris:Reagent/Site].")
    assert "Tris" not in inputs(pdg)
    assert "Tris-HCl" in consumed(pdg, "Resuspend")


def test_no_alias_when_two_earlier_names_share_the_core_or_a_name_is_another_reagent():
    # "Tris-HCl" and "Tris base" both have the core "tris": which one "Tris" is, the text does not say;
    # "PBS-T" is PBS with Tween, not PBS
    pdg, _ = program(
        "{Thaw} [Tris-HCl:Reagent/Acts-on] and [Tris-base:Reagent/Acts-on] and [PBS-T:Reagent/Acts-on].\n"
        "{Grow} the [cells:Reagent/Acts-on] in [medium:Reagent/Site].\n"
        "{Resuspend} the [cells:Reagent/Acts-on] in 1 ml [Tris:Reagent/Site].\n"
        "{Wash} the [cells:Reagent/Acts-on] with [PBS:Reagent/Using].")
    assert {"Tris", "PBS"} <= inputs(pdg)
    assert "Tris" in consumed(pdg, "Resuspend") and "PBS" in consumed(pdg, "Wash")


def test_warming_a_stock_prepared_earlier_takes_that_stock_alone():
    # "warm the reconstituted probe solution": the probe is readied for a later step; the cells
    # worked on so far do not go into the warming
    pdg, _ = program(
        "{Fix} the [cells:Reagent/Acts-on] with [paraformaldehyde:Reagent/Using].\n"
        "{Warm} the reconstituted [probe solution:Reagent/Acts-on] to [37 C:Temperature/Temperature].\n"
        "{Add} the [probe solution:Reagent/Acts-on] to the [cells:Reagent/Site].")
    assert consumed(pdg, "Warm") == {"probe solution"}
