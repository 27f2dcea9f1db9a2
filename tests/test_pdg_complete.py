"""PDG stage 2: reagent flow as reaching definitions, implicit products, defaults, known unknowns."""

from pdg_helpers import make

from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec
from autodsl.pdg.complete import complete, operation_flow
from autodsl.pdg.structure import structure


def build(marked, spec=None):
    p, x = make(marked)
    return complete(structure(p, x, spec), x, spec)


def consumed(g, op):
    return sorted(g.graph.nodes[m]["label"] for m, _, d in g.graph.in_edges(op, data=True) if d["kind"] == "consumes")


def produced(g, op):
    return [g.graph.nodes[m]["product_kind"] for _, m, d in g.graph.out_edges(op, data=True) if d["kind"] == "produces"]


def test_centrifuge_makes_supernatant_and_pellet_and_discard_kills_the_supernatant():
    g = build("{Centrifuge} the [lysate:Reagent/Acts-on].\n{Discard} the [supernatant:Reagent/Acts-on].\n"
              "{Resuspend} the [pellet:Reagent/Acts-on] in [buffer:Reagent/Using].\n{Incubate} for [5 min:Time/Setting].")
    assert produced(g, "op1") == ["supernatant", "pellet"]
    assert consumed(g, "op2") == ["supernatant"] and produced(g, "op2") == []
    assert consumed(g, "op3") == ["buffer", "pellet"]
    assert sorted(operation_flow(g)) == [("op1", "op2"), ("op1", "op3"), ("op3", "op4")]


def test_supernatant_named_later_binds_to_the_centrifugation_not_the_previous_step():
    g = build("{Centrifuge} the [sample:Reagent/Acts-on].\n{Place} a [column:Location/Acts-on] in a [tube:Location/Site].\n"
              "{Load} the [supernatant:Reagent/Acts-on] onto the [column:Location/Site].")
    through = operation_flow(g, through_references=True)
    assert ("op1", "op3") in through and ("op2", "op3") in through
    assert ("op1", "op2") not in through  # placing an empty column in a new tube starts something new
    # the supernatant is named for the first time: op3 takes the spin's product itself;
    # "the column" names the placed column again: a reference, flow through a re-mention
    assert operation_flow(g) == {("op1", "op3")}
    column = next(m for m, _, d in g.graph.in_edges("op3", data=True)
                  if d["kind"] == "consumes" and g.graph.nodes[m]["role"] == "reference")
    assert g.graph.nodes[column]["label"] == "column" and g.referent(column) in {
        t for s, t, d in g.edges("produces") if s == "op2"}


def test_add_a_new_reagent_goes_into_the_current_material():
    g = build("{Resuspend} the [cells:Reagent/Acts-on] in [PBS:Reagent/Using].\n"
              "{Add} [250 ul:Amount/Measure] [lysis buffer:Reagent/Acts-on].")
    assert consumed(g, "op2") == ["lysis buffer", "suspension"]
    assert produced(g, "op2") == ["mixture"]
    assert [(a, b) for a, b in operation_flow(g)] == [("op1", "op2")]


def test_pronoun_and_generic_mentions_are_the_current_material():
    g = build("{Add} [buffer:Reagent/Acts-on] to the [cells:Reagent/Site].\n{Mix} [it:Mention/Acts-on] gently.\n"
              "{Incubate} the [mixture:Reagent/Acts-on] for [10 min:Time/Setting].")
    assert sorted(operation_flow(g, through_references=True)) == [("op1", "op2"), ("op2", "op3")]
    # "the mixture" names what the operation before made again: a reference, with its span;
    # "it" right after the making continues on it directly (as X-WLP annotates pronouns)
    references = {m: d for m, d in g.nodes("material") if d["role"] == "reference"}
    assert sorted(d["label"] for d in references.values()) == ["mixture"]
    assert all(g.text[d["span"][0]:d["span"][1]] == d["label"] for d in references.values())
    assert operation_flow(g) == {("op1", "op2")}


def test_prepared_solution_is_used_later_by_name():
    g = build("{Prepare} [wash buffer:Reagent/Product].\n{Centrifuge} the [culture:Reagent/Acts-on].\n"
              "{Discard} the [supernatant:Reagent/Acts-on].\n{Add} [500 ul:Amount/Measure] [wash buffer:Reagent/Acts-on].")
    flow = operation_flow(g, through_references=True)
    assert ("op1", "op4") in flow and ("op2", "op4") in flow
    assert not any(b == "op1" for _, b in flow)  # preparing starts something new
    # the wash buffer is named again (a reference); the pellet is added to without a word
    assert ("op2", "op4") in operation_flow(g) and ("op1", "op4") not in operation_flow(g)


def test_column_spin_makes_flow_through_and_column():
    g = build("{Load} the [lysate:Reagent/Acts-on] onto a [spin column:Location/Site].\n{Centrifuge} for [1 min:Time/Setting].\n"
              "{Discard} the [flow-through:Reagent/Acts-on].\n{Add} [Buffer PE:Reagent/Acts-on].")
    assert produced(g, "op2") == ["flow-through", "column"]
    assert consumed(g, "op3") == ["flow-through"]
    assert ("op2", "op4") in operation_flow(g)


def test_purpose_works_on_its_operations_product():
    g = build("{Centrifuge} the [tube:Location/Acts-on] to {pellet} the [nuclei:Reagent/Acts-on].\n"
              "{Transfer} the [supernatant:Reagent/Acts-on] to a new [tube:Location/Site].")
    flow = operation_flow(g)
    assert ("op1", "op2") in flow and ("op2", "op3") in flow


def test_materials_carry_their_state_history():
    g = build("{Thaw} the [cells:Reagent/Acts-on] on ice.\n{Centrifuge} for [1 min:Time/Setting].\n"
              "{Resuspend} the [pellet:Reagent/Acts-on].")
    pellet = next(m for _, m, d in g.graph.out_edges("op2", data=True) if d["kind"] == "produces"
                  and g.graph.nodes[m]["product_kind"] == "pellet")
    assert [s["state"] for s in g.graph.nodes[pellet]["states"]] == ["thawed", "centrifuged"]


def test_every_product_has_a_unique_variable_name():
    g = build("{Centrifuge} the [cells:Reagent/Acts-on].\n{Discard} the [supernatant:Reagent/Acts-on].\n"
              "{Centrifuge} again.\n{Discard} the [supernatant:Reagent/Acts-on].")
    names = [d["name"] for _, _, d in g.edges("produces")]
    assert names == ["supernatant", "pellet", "supernatant_2", "pellet_2"]


SPEC = DslSpec(domain="wetlab", operations=[
    OperationSpec(opcode="INCUBATE", verbs={"incubate": 9}, slots=[
        SlotSpec(name="time", role="Setting", type="Time", dimension="time", required=True),
        SlotSpec(name="temperature", role="Setting", type="Temperature", dimension="temperature", required=True)]),
    OperationSpec(opcode="CENTRIFUGE", verbs={"centrifuge": 9}, slots=[
        SlotSpec(name="time", role="Setting", type="Time", dimension="time", required=True),
        SlotSpec(name="force", role="Setting", type="Speed", dimension="force", required=True)]),
])


def test_required_slots_get_lab_defaults_or_are_marked_unknown():
    g = build("{Incubate} the [cells:Reagent/Acts-on] for [10 min:Time/Setting].\n{Centrifuge} for [5 min:Time/Setting].",
              spec=SPEC)
    temperature = g.graph.nodes["op1"]["slots"]["temperature"]
    assert temperature["source"] == "default" and temperature["value"] == [20.0, 25.0]
    assert g.graph.nodes["op1"]["slots"]["time"]["source"] == "text"
    force = g.graph.nodes["op2"]["slots"]["force"]
    assert force["source"] == "unknown" and force["value"] is None  # never invented
    codes = sorted(d.code for d in g.diagnostics)
    assert codes == ["defaulted-parameter", "unknown-parameter"]
    # without a spec nothing is filled in
    plain = build("{Incubate} the [cells:Reagent/Acts-on] for [10 min:Time/Setting].")
    assert "temperature" not in plain.graph.nodes["op1"]["slots"]


def test_the_place_of_a_step_settles_its_temperature_before_the_room_convention():
    g = build("{Incubate} the [cells:Reagent/Acts-on] on [ice:Location/Site] for [10 min:Time/Setting].\n"
              "{Incubate} the [cells:Reagent/Acts-on] in the [incubator:Device/Using] for [2 h:Time/Setting].\n"
              "{Incubate} the [cells:Reagent/Acts-on] on the [bench:Location/Site] for [5 min:Time/Setting].\n"
              "{Incubate} the [cells:Reagent/Acts-on] on [dry ice:Location/Site] for [5 min:Time/Setting].",
              spec=SPEC)
    on_ice, incubator, bench, dry_ice = (g.graph.nodes[f"op{i}"]["slots"]["temperature"] for i in range(1, 5))
    assert on_ice["source"] == "default" and on_ice["value"] == [0.0, 4.0] and "ice" in on_ice["text"]
    assert incubator["source"] == "unknown" and incubator["value"] is None  # warm, but how warm is not said
    assert bench["value"] == [20.0, 25.0]
    assert dry_ice["value"] == [-80.0, -70.0]


def test_transferring_the_supernatant_away_leaves_the_pellet_of_the_spin():
    # the extractor links the transfer to a later mention of the pellet as its product (WLP style)
    for discard in ("", "{Discard} the [supernatant:Reagent/Acts-on].\n"):
        g = build("{Centrifuge} the [lysate:Reagent/Acts-on].\n" + discard +
                  "{Transfer} the [supernatant:Reagent/Acts-on] to a new [tube:Location/Site] [pellet:Reagent/Product].\n"
                  "{Resuspend} the [pellet:Reagent/Acts-on] in [TE:Reagent/Using].")
        spin_pellet = next(m for _, m, d in g.graph.out_edges("op1", data=True)
                           if d["kind"] == "produces" and g.graph.nodes[m]["product_kind"] == "pellet")
        transfer, resuspend = ("op3", "op4") if discard else ("op2", "op3")
        assert produced(g, transfer) == ["supernatant"]
        assert {g.referent(m) for m, _, d in g.graph.in_edges(resuspend, data=True)
                if d["kind"] == "consumes" and d["role"] == "Acts-on"} == {spin_pellet}
        assert ("op1", resuspend) in operation_flow(g) and (transfer, resuspend) not in operation_flow(g)


def test_states_are_spelled_as_english_participles():
    g = build("{Transfer} the [lysate:Reagent/Acts-on] to a [tube:Location/Site].\n{Stir} it.\n{Run} it.\n{Filter} it.")
    (last,) = [m for _, m, d in g.graph.out_edges("op4", data=True) if d["kind"] == "produces"]
    assert [s["state"] for s in g.graph.nodes[last]["states"]] == ["transferred", "stirred", "run", "filtered"]


def test_every_material_has_the_span_of_the_mention_that_introduces_it():
    g = build("{Centrifuge} the [lysate:Reagent/Acts-on].\n{Discard} the [supernatant:Reagent/Acts-on].\n"
              "{Resuspend} the [pellet:Reagent/Acts-on] in [buffer:Reagent/Using].\n{Incubate} for [5 min:Time/Setting].")
    said = [(data["label"], g.text[slice(*data["span"])]) for _, data in g.nodes("material")]
    # named products: their first mention; unnamed ones: the verb that makes them
    assert said == [("lysate", "lysate"), ("supernatant", "supernatant"), ("pellet", "pellet"), ("buffer", "buffer"),
                    ("suspension", "Resuspend"), ("suspension", "Incubate")]


def test_discarding_the_pellet_after_moving_the_supernatant_keeps_what_was_moved():
    # the extractor links the discard to the transfer action as well as to "the pellet"
    p, x = make(
        "{Centrifuge} the [sample:Reagent/Acts-on].\n"
        "{Transfer} the [supernatant:Reagent/Acts-on] to a new [tube:Location/Site] and {discard} the "
        "[pellet:Reagent/Acts-on].\n{Centrifuge} the [sample:Reagent/Acts-on] again.")
    x.actions[2].args.insert(0, x.actions[2].args[0].model_copy(update={"entity": "A2"}))
    g = complete(structure(p, x), x)
    pellet = next(m for _, m, d in g.graph.out_edges("op1", data=True)
                  if d["kind"] == "produces" and g.graph.nodes[m]["product_kind"] == "pellet")
    moved = produced(g, "op2")
    assert moved == ["supernatant"]
    assert [g.referent(m) for m, _, d in g.graph.in_edges("op3", data=True) if d["kind"] == "consumes"] == [pellet]
    assert ("op2", "op4") in operation_flow(g, through_references=True)
    assert not any(d.get("via") == "discarded" for _, _, d in g.edges("consumes"))


def test_the_sample_after_keeping_the_supernatant_and_discarding_the_pellet_is_what_was_kept():
    g = build("{Lyse} the [cells:Reagent/Acts-on] [sample:Reagent/Product].\n{Centrifuge} the [sample:Reagent/Acts-on].\n"
              "{Transfer} the [supernatant:Reagent/Acts-on] to a new [tube:Location/Site].\n"
              "{Discard} the [pellet:Reagent/Acts-on].\n{Centrifuge} the [sample:Reagent/Acts-on] again.")
    (moved,) = [m for _, m, d in g.graph.out_edges("op3", data=True) if d["kind"] == "produces"]
    uses = [(g.referent(m), d["via"]) for m, _, d in g.graph.in_edges("op5", data=True) if d["kind"] == "consumes"]
    assert uses == [(moved, "current")]  # not the discarded pellet, which also carried the name
