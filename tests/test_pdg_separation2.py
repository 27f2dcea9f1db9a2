"""Which two products a separation makes (issue 4, audit pattern 7): a spin through a spin
filter makes a filtrate and a retentate, not a supernatant and a pellet; aqueous and organic
layers only come from a mixture that had a phase-forming reagent.
"""

from pdg_helpers import program

from autodsl.pdg.separation import separation_kind, splitting_actions


def _made(pdg, op: str) -> list[str]:  # type: ignore[no-untyped-def]
    g = pdg.graph
    return [g.nodes[m]["product_kind"] for _, m, d in g.out_edges(op, data=True) if d["kind"] == "produces"]


def _taken(pdg, op: str) -> list[str]:  # type: ignore[no-untyped-def]
    g = pdg.graph
    return [g.nodes[m]["label"] for m, _, d in g.in_edges(op, data=True)
            if d["kind"] == "consumes" and g.nodes[m]["kind"] == "material"]


def _op(pdg, verb: str) -> str:  # type: ignore[no-untyped-def]
    return next(n for n, d in pdg.graph.nodes(data=True) if d["kind"] == "operation" and d.get("verb") == verb)


_SPIN_FILTER = ("{Transfer} the [sample:Reagent/Acts-on] to a [spin filter:Location/Site].\n"
                "{Centrifuge} at [14,000 x g:Speed/Setting] for [15 min:Time/Setting].\n"
                "{Discard} the [flow-through:Reagent/Acts-on].\n"
                "{Add} [200 µl:Amount/Measure] of [urea solution:Reagent/Acts-on].")


def test_a_spin_through_a_spin_filter_makes_a_filtrate_and_a_retentate():
    pdg, text = program(_SPIN_FILTER)
    spin = _op(pdg, "centrifuge")
    assert _made(pdg, spin) == ["filtrate", "retentate"], text
    assert "pellet" not in text and "supernatant" not in text, text
    # the flow-through goes; the next reagent goes onto what the filter holds
    retentate = [m for _, m, d in pdg.graph.out_edges(spin, data=True) if d["kind"] == "produces"][1]
    assert _taken(pdg, _op(pdg, "discard")) == ["filtrate"], text
    assert any(s == retentate for s, _ in pdg.graph.in_edges(_op(pdg, "add"))), text


def test_a_flow_through_named_after_a_spin_says_it_went_through_a_filter():
    pdg, text = program("{Centrifuge} the [sample:Reagent/Acts-on] for [15 min:Time/Setting].\n"
                        "{Discard} the [flow-through:Reagent/Acts-on].")
    assert _made(pdg, _op(pdg, "centrifuge")) == ["filtrate", "retentate"], text


def test_a_column_stays_a_column_and_a_named_supernatant_stays_a_spin():
    assert separation_kind("centrifuge", set(), {"column", "filter"}, frozenset({"flow"})) == "column"
    assert separation_kind("centrifuge", set(), {"tube"}, frozenset({"supernatant"})) == "spin"
    assert separation_kind("centrifuge", set(), {"filter"}) == "spin filter"
    # beads held back by a magnet ("collect the supernatant ('flow-through')") went through no filter
    assert separation_kind("separate", set(), {"magnet", "tube"}, frozenset({"flow-through"})) == "spin"


_BEADS = ("{Add} [EDC:Reagent/Acts-on] to the [beads:Reagent/Site].\n"
          "Gently {spin} for [1 min:Time/Setting] to {collect} all beads at the bottom of the tube.\n"
          "{Incubate} at [25 °C:Temperature/Setting] overnight.\n"
          "{Prepare} the [oil phase:Reagent/Product].")


def test_no_layers_without_a_phase_forming_reagent_before_the_spin():
    # "the oil phase" prepared later names no layer of a spin of beads in water
    pdg, text = program(_BEADS)
    assert not {"aqueous layer", "organic layer"} & set(_made(pdg, _op(pdg, "spin"))), text
    assert "aqueous_layer" not in text and "organic_layer" not in text, text


def test_layers_when_a_phase_forming_reagent_was_added():
    pdg, text = program("{Add} an equal volume of [phenol:Reagent/Acts-on] to the [lysate:Reagent/Site].\n"
                        "{Spin} for [2 min:Time/Setting].\n"
                        "{Transfer} the [aqueous phase:Reagent/Acts-on] to a [new tube:Location/Site].")
    assert _made(pdg, _op(pdg, "spin")) == ["aqueous layer", "organic layer"], text


def test_splitting_words_keep_layers_only_after_a_phase_former():
    from pdg_helpers import make

    p, x = make(_BEADS)
    assert not any(words & {"phase", "layer"} for words in splitting_actions(x, p.text).values())
    p, x = make(_BEADS.replace("[EDC:Reagent/Acts-on]", "[chloroform:Reagent/Acts-on]"))
    assert any("phase" in words for words in splitting_actions(x, p.text).values())
