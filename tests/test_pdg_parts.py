"""A removal or transfer that names one part of a separation (issue 4, audit pattern 7c).

"Spin ... to separate the phases" splits once: the purpose, which names the parts, splits what
the spin spun (no second split of one layer). "Transfer the aqueous phase" takes that layer only;
the other part stays where it was. A layer named by its qualifier ("the oil phase") is the layer
of that kind, even when the other layer inherited the name from what was spun.
"""

from pdg_helpers import program, statements

from autodsl.induce.registry import get_spec
from autodsl.pdg.materials import Material, Use
from autodsl.pdg.separation import named_part, one_part_only

_PHENOL = "{Add} [phenol:Reagent/Acts-on] to the [sample:Reagent/Site].\n"


def _splits(lines: list[str]) -> list[str]:
    """Statements that make two products."""
    return [line for line in lines if " = " in line and "," in line.split(" = ")[0]]


def test_a_spin_to_separate_the_phases_splits_once():
    _, text = program(_PHENOL + "{Spin} for 2 min to {separate} the [phases:Reagent/Product].\n"
                                "{Transfer} the [aqueous phase:Reagent/Acts-on] to a [new tube:Location/Site].\n"
                                "{Add} [ethanol:Reagent/Acts-on].", spec=get_spec("wetlab"))
    lines = statements(text)
    splits = _splits(lines)
    assert len(splits) == 1, text
    liquid, solid = (name.strip() for name in splits[0].split(" = ")[0].split(","))
    transfer = lines[lines.index(splits[0]) + 1]
    assert f"({liquid}," in transfer and solid not in transfer, text


def test_a_transfer_of_the_supernatant_leaves_the_pellet():
    _, text = program("{Add} [buffer:Reagent/Acts-on] to the [cells:Reagent/Site].\n{Centrifuge} for 5 min.\n"
                      "{Transfer} the [supernatant:Reagent/Acts-on] from each [tube:Location/Site] to "
                      "[fresh tubes:Location/Site].", spec=get_spec("wetlab"))
    lines = statements(text)
    (split,) = _splits(lines)
    liquid, solid = (name.strip() for name in split.split(" = ")[0].split(","))
    transfer = lines[lines.index(split) + 1]
    assert f"({liquid}," in transfer and solid not in transfer, text


def _layers() -> tuple[Material, Material]:
    aqueous = Material(node="m2", kind="aqueous layer", names=[frozenset({"oil", "phase"})], heads={"layer"},
                       producer="op1", own=[frozenset({"aqueous", "layer"})])
    organic = Material(node="m3", kind="organic layer", names=[], heads={"layer"}, producer="op1",
                       own=[frozenset({"organic", "layer"}), frozenset({"upper", "layer"})])
    return aqueous, organic


def test_the_oil_phase_is_the_organic_layer_though_the_other_inherited_the_name():
    aqueous, organic = _layers()
    made = {"op1": [aqueous, organic]}
    assert named_part(made, Use(aqueous, "Acts-on", "name", "the oil phase")).material is organic
    assert named_part(made, Use(aqueous, "Acts-on", "name", "the aqueous phase")).material is aqueous


def test_upper_and_lower_do_not_choose_a_layer():
    # which layer is on top depends on the solvent: "the top layer (aqueous phase)" after phenol
    aqueous, organic = _layers()
    assert named_part({"op1": [aqueous, organic]}, Use(aqueous, "Acts-on", "name", "the top layer")).material is aqueous
    assert named_part({"op1": [aqueous, organic]}, Use(aqueous, "Acts-on", "name", "the upper phase")).material \
        is aqueous


def test_both_parts_named_are_both_taken_and_a_discard_keeps_its_site():
    aqueous, organic = _layers()
    made = {"op1": [aqueous, organic]}
    both = [Use(aqueous, "Acts-on", "own", "the aqueous layer"), Use(organic, "Acts-on", "own", "the organic layer")]
    assert one_part_only(made, both) == both
    site = [Use(aqueous, "Acts-on", "own", "the aqueous layer"), Use(organic, "Site", "current", "the tube")]
    assert one_part_only(made, site, ("Acts-on",)) == site
    assert [u.material for u in one_part_only(made, site)] == [aqueous]
