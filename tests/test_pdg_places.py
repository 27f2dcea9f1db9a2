"""Stage 3: Location phrases that are positions, conditions, forms or the adverb "well" make no
container; a position of a container ("the top of the tube") puts the work in that container;
a medium typed Device makes no device."""

from pdg_helpers import make

from autodsl.pdg.complete import complete
from autodsl.pdg.link import link
from autodsl.pdg.structure import structure


def build(marked):
    p, x = make(marked)
    return link(complete(structure(p, x), x), x)


def containers(g):
    return sorted(str(d["label"]) for _, d in g.nodes("container"))


def test_condition_and_form_make_no_container():
    g = build("{Incubate} the [cells:Reagent/Acts-on] in the [dark:Location/Site].\n"
              "{Cut} the [tissue:Reagent/Acts-on] into [small pieces:Location/Site].")
    assert containers(g) == []
    assert not list(g.edges("uses")) and not list(g.edges("located-in"))


def test_adverb_well_is_no_container_but_each_well_is():
    g = build("{Cool} the [rotor:Device/Using] to [4 C:Temperature/Setting] [well:Location/Site] in advance.\n"
              "{Add} [100 ul:Amount/Measure] of [medium:Reagent/Acts-on] to each [well:Location/Site].")
    assert containers(g) == ["well"]
    (node, _), = g.nodes("container")
    uses = {(s, t) for s, t, _ in g.edges("uses")}
    assert ("op2", node) in uses and ("op1", node) not in uses


def test_position_of_a_material_is_no_container_position_of_a_tube_is_the_tube():
    g = build("{Spot} the [phage:Reagent/Acts-on] on [top:Location/Site] of the soft agar.\n"
              "{Add} [50 ul:Amount/Measure] of [buffer:Reagent/Acts-on] to a [tube:Location/Site].\n"
              "{Collect} the [beads:Reagent/Acts-on] at the [bottom:Location/Site] of the column.")
    assert containers(g) == ["column", "tube"]  # no "top" or "bottom"
    node = next(n for n, d in g.nodes("container") if d["label"] == "column")
    collect = next(op for op, d in g.nodes("operation") if d["verb"].lower() == "collect")
    assert (collect, node) in {(s, t) for s, t, _ in g.edges("uses")}
    made = [t for s, t, _ in g.edges("produces") if s == collect]
    assert made and all((m, node) in {(s, t) for s, t, _ in g.edges("located-in")} for m in made)


def test_medium_typed_device_is_no_device():
    g = build("{Dissolve} the [pellet:Reagent/Acts-on] in [Advanced DMEM/F12:Device/Using].\n"
              "{Spin} the [suspension:Reagent/Acts-on] in a [microcentrifuge:Device/Using].")
    assert sorted(str(d["label"]) for _, d in g.nodes("device")) == ["microcentrifuge"]


def test_generic_place_words_make_no_container():
    g = build("{Store} the [plates:Reagent/Acts-on] at the [desired location:Location/Site].\n"
              "{Remove} the [coverglass:Reagent/Acts-on] from [underneath:Location/Site] the slide.")
    assert containers(g) == []

