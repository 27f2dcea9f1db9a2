"""PDG stage 3: containers and devices, volumes and capacities, occupancy, pre/postconditions."""

import pytest
from pdg_helpers import make

from autodsl.pdg.complete import complete
from autodsl.pdg.link import capacity_of, link
from autodsl.pdg.structure import structure


def build(marked):
    p, x = make(marked)
    return link(complete(structure(p, x), x), x)


def codes(g):
    return [d.code for d in g.diagnostics]


def test_containers_with_capacity_and_volume_accounting():
    g = build("{Add} [500 ul:Amount/Measure] of [buffer A:Reagent/Acts-on] to a [1.5 ml tube:Location/Site].\n"
              "{Add} [500 ul:Amount/Measure] of [buffer B:Reagent/Acts-on] to the [tube:Location/Site].")
    containers = list(g.nodes("container"))
    assert len(containers) == 1  # "the tube" is the tube of step 1
    node, data = containers[0]
    assert data["capacity"] == {"value": 1500.0, "unit": "uL"}
    assert [v["total"] for v in data["volumes"]] == [500.0, 1000.0]
    assert ("op1", node) in [(s, t) for s, t, _ in g.edges("uses")]
    located = [(s, t) for s, t, _ in g.edges("located-in")]
    assert all(t == node for _, t in located) and len(located) == 2
    assert codes(g) == []


def test_over_capacity_is_an_error_naming_the_container():
    g = build("{Add} [1 ml:Amount/Measure] of [buffer:Reagent/Acts-on] to a [1.5 ml tube:Location/Site].\n"
              "{Add} [800 ul:Amount/Measure] of [ethanol:Reagent/Acts-on] to the [tube:Location/Site].")
    assert codes(g) == ["container-over-capacity"]
    d = g.diagnostics[0]
    assert d.severity == "error" and "1800 uL" in d.message and "1500 uL" in d.message and d.node == "op2"


def test_discarding_an_unknown_amount_resets_what_is_known():
    g = build("{Add} [1 ml:Amount/Measure] of [culture:Reagent/Acts-on] to a [1.5 ml tube:Location/Site].\n"
              "{Centrifuge} for [1 min:Time/Setting].\n{Discard} the [supernatant:Reagent/Acts-on].\n"
              "{Add} [1 ml:Amount/Measure] of [buffer:Reagent/Acts-on].")
    assert codes(g) == []
    _, tube = next(g.nodes("container"))
    assert [v["change"] for v in tube["volumes"]] == [1000.0, None, 1000.0]


def test_devices_and_occupancy_in_parallel_work():
    g = build("{Centrifuge} the [cells:Reagent/Acts-on] in a [centrifuge:Device/Using] for [10 min:Time/Setting].\n"
              "Meanwhile, {spin} the [lysate:Reagent/Acts-on] in the [centrifuge:Device/Using] for [5 min:Time/Setting].")
    devices = list(g.nodes("device"))
    assert len(devices) == 1
    busy = devices[0][1]["busy"]
    assert [(b["op"], b["start"], b["end"]) for b in busy] == [("op1", 0.0, 600.0), ("op2", 0.0, 300.0)]
    assert codes(g) == ["device-busy"]


def test_sequential_use_of_a_device_is_fine_and_unnamed_centrifuges_are_implicit():
    g = build("{Centrifuge} for [10 min:Time/Setting].\n{Centrifuge} for [5 min:Time/Setting].")
    (_, device), = g.nodes("device")
    # no device is named: the verb of the first centrifugation is the words that imply it
    assert device["label"] == "centrifuge" and g.text[slice(*device["span"])] == "Centrifuge"
    assert [(b["start"], b["end"]) for b in device["busy"]] == [(0.0, 600.0), (600.0, 900.0)]
    assert codes(g) == []


def test_discarded_material_used_later_is_an_error():
    g = build("{Centrifuge} the [lysate:Reagent/Acts-on].\n{Discard} the [supernatant:Reagent/Acts-on].\n"
              "{Transfer} the [supernatant:Reagent/Acts-on] to a new [tube:Location/Site].")
    assert "use-after-consume" in codes(g)


def test_a_portion_of_a_discarded_material_is_a_use_after_consume_not_a_new_input():
    # "100 ul of the supernatant" after discarding it takes from that very supernatant
    g = build("{Centrifuge} the [culture:Reagent/Acts-on].\n{Discard} the [supernatant:Reagent/Acts-on].\n"
              "{Add} 100 ul of the [supernatant:Reagent/Acts-on] to a new [tube:Location/Site].")
    assert codes(g) == ["use-after-consume"]
    assert g.diagnostics[0].node == "op3" and "100 ul of the supernatant" in g.diagnostics[0].message
    inputs = [d["label"] for _, d in g.nodes("material") if d.get("role") == "input"]
    assert inputs == ["culture"]


def test_a_portion_of_a_kept_or_unseen_material_is_no_finding():
    # the supernatant moved on lives under its name; "each primer" is no particular material
    g = build("{Centrifuge} the [culture:Reagent/Acts-on].\n"
              "{Transfer} the [supernatant:Reagent/Acts-on] to a new [tube:Location/Site].\n"
              "{Add} 100 ul of the [supernatant:Reagent/Acts-on] to a new [plate:Location/Site].\n"
              "{Add} 2 ul of each [primer:Reagent/Acts-on].")
    assert "use-after-consume" not in codes(g)


def test_pellet_before_any_centrifugation_is_reported():
    g = build("{Add} [buffer:Reagent/Acts-on] to the [cells:Reagent/Site].\n{Resuspend} the [pellet:Reagent/Acts-on].")
    assert codes(g) == ["product-not-made"]
    assert g.diagnostics[0].severity == "warning" and "pellet" in g.diagnostics[0].message


def test_capacity_of_reads_the_containers_name():
    assert capacity_of("50 ml Falcon tube") == {"value": 50000.0, "unit": "uL"}
    assert capacity_of("Collection Tube (2 ml)") == {"value": 2000.0, "unit": "uL"}
    assert capacity_of("the tube") is None


@pytest.mark.parametrize("line, capacity, moved", [
    ("{Add} [1 ml:Amount/Measure] [buffer:Reagent/Acts-on] to a [0.5 ml:Amount/Measure] [tube:Location/Site].",
     500.0, 1000.0),
    ("{Transfer} [3 mL:Amount/Measure] of the [lysate:Reagent/Acts-on] into a [1.5 mL:Amount/Setting] "
     "[tube:Location/Site].", 1500.0, 3000.0),
    ("{Add} [2 ml:Amount/Measure] of [buffer:Reagent/Acts-on] to a 1.5-mL [microcentrifuge tube:Location/Site].",
     1500.0, 2000.0),
    ("{Pour} [20 ml:Amount/Measure] of [medium:Reagent/Acts-on] into a [15 ml:Size/Measure] conical "
     "[tube:Location/Site].", 15000.0, 20000.0),
])
def test_a_volume_right_before_a_container_is_its_capacity_not_the_amount_moved(line, capacity, moved):
    g = build(line)
    (_, container), = g.nodes("container")
    assert container["capacity"] == {"value": capacity, "unit": "uL"}
    assert [v["change"] for v in container["volumes"]] == [moved]
    assert codes(g) == ["container-over-capacity"]
    slots = g.graph.nodes["op1"]["slots"]
    assert slots["volume"]["value"] == moved and not g.graph.nodes["op1"].get("extra_slots")


@pytest.mark.parametrize("line", [
    "{Add} [300 ul:Amount/Measure] of [buffer:Reagent/Acts-on] to a [96-well plate:Location/Site].",
    "{Add} [1 ml:Amount/Measure] to the [tube:Location/Site].",
])
def test_no_capacity_where_the_volume_is_not_the_containers_size(line):
    g = build(line)
    (_, container), = g.nodes("container")
    assert "capacity" not in container and codes(g) == []


def test_a_tube_of_another_size_or_a_new_tube_is_another_container():
    g = build("{Add} [1 ml:Amount/Measure] of [water:Reagent/Acts-on] to a 1.5 ml [tube:Location/Site].\n"
              "{Pour} [10 ml:Amount/Measure] of [medium:Reagent/Acts-on] into a 15 ml [tube:Location/Site].\n"
              "{Add} [1 ml:Amount/Measure] of [ethanol:Reagent/Acts-on] to a new [tube:Location/Site].")
    capacities = [data.get("capacity", {}).get("value") for _, data in g.nodes("container")]
    assert capacities == [1500.0, 15000.0, None] and codes(g) == []
