"""Translated programs are right by the slot conventions (issue 4, round 17): a reagent given
as the place of a treatment ("rinse the membrane in [TBST]") is the medium it is done in, the
spec's ``using`` slot, not a site with ``using`` marked unknown beside it.
"""

from pdg_helpers import program, statements

from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec


def _spec() -> DslSpec:
    reagent = dict(type="Reagent")
    return DslSpec(domain="d", operations=[
        OperationSpec(opcode="CUT", verbs={"cut": 3}),
        # learned as in bioengineering: the wash liquid is required, a reagent place optional
        OperationSpec(opcode="WASH", verbs={"rinse": 3, "wash": 5}, slots=[
            SlotSpec(name="using", role="Using", required=True, frequency=0.6, **reagent),
            SlotSpec(name="site", role="Site", frequency=0.2, **reagent)]),
        # learned as in wetlab: a soak's liquid is written as its place, and required
        OperationSpec(opcode="SOAK", verbs={"soak": 3}, slots=[
            SlotSpec(name="site", role="Site", required=True, frequency=0.7, **reagent),
            SlotSpec(name="using", role="Using", frequency=0.1, **reagent)]),
        # a transfer's place is its destination
        OperationSpec(opcode="ADD", verbs={"add": 3}, slots=[
            SlotSpec(name="site", role="Site", type="Location", required=True, frequency=0.8),
            SlotSpec(name="using", role="Using", frequency=0.2, **reagent)]),
    ])


def test_a_reagent_a_material_is_rinsed_in_is_the_wash_liquid():
    pdg, text = program("{Cut} a [PVDF membrane:Reagent/Acts-on].\n"
                        "{Rinse} the [membrane:Reagent/Acts-on] briefly in [TBST:Reagent/Site].", spec=_spec())
    _, rinse = statements(text)
    assert rinse.endswith("WASH(PVDF_membrane_2, using: TBST)")
    assert not [d for d in pdg.diagnostics if d.code == "unknown-parameter"]
    # still consumed: the flow is the same, only the slot's name changed
    tbst = next(n for n, d in pdg.nodes("material") if d["label"] == "TBST")
    assert any(e["kind"] == "consumes" for _, _, e in pdg.graph.out_edges(tbst, data=True))


def test_what_the_text_rinses_with_keeps_the_using_slot_and_a_container_stays_a_place():
    _, text = program("{Cut} a [PVDF membrane:Reagent/Acts-on].\n"
                      "{Rinse} the [membrane:Reagent/Acts-on] with [water:Reagent/Using] in [TBST:Reagent/Site].\n"
                      "{Rinse} the [membrane:Reagent/Acts-on] in the [tube:Reagent/Site].", spec=_spec())
    _, with_water, in_tube = statements(text)
    assert "using: water" in with_water and "using: TBST" not in with_water
    assert "using: unknown" in in_tube and "using: tube" not in in_tube


def test_a_required_reagent_place_and_a_transfer_destination_stay_sites():
    _, text = program("{Cut} a [PVDF membrane:Reagent/Acts-on].\n"
                      "{Soak} the [membrane:Reagent/Acts-on] in [transfer buffer:Reagent/Site].\n"
                      "{Add} [methanol:Reagent/Acts-on] to [TBST:Reagent/Site].", spec=_spec())
    _, soak, add = statements(text)
    assert "site: transfer_buffer" in soak and "using:" not in soak
    assert "site: TBST" in add and "using:" not in add
