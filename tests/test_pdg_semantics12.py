"""A solution another material was held in, named again as what goes into a place, is a
fresh portion of that solution's stock (issue 4, round 19): "Soak the membrane in transfer
buffer. Fill the tank with transfer buffer" fills the tank with the buffer, not with the
membrane that merely inherited the buffer's name by soaking in it.
"""

import re

from pdg_helpers import program, statements

from autodsl.induce.registry import get_spec

_SOAK = "{Soak} the [membrane:Reagent/Acts-on] in [transfer buffer:Reagent/Site] for [10 min:Time/Setting].\n"


def _consumed_labels(pdg, op_index: int) -> list[str]:  # type: ignore[no-untyped-def]
    """The labels of what the ``op_index``-th operation consumes, references followed to their target."""
    graph = pdg.graph
    ops = sorted((n for n, d in graph.nodes(data=True) if d["kind"] == "operation"), key=lambda n: graph.nodes[n]["order"])
    labels = []
    for source, _, d in graph.in_edges(ops[op_index], data=True):
        if d["kind"] != "consumes":
            continue
        same = [t for _, t, e in graph.out_edges(source, data=True) if e["kind"] == "constraint"]
        node = same[0] if same else source
        labels.append((graph.nodes[node]["label"], graph.nodes[node].get("role")))
    return labels


def test_filling_a_place_with_the_soaking_buffer_takes_the_buffer_stock():
    pdg, text = program(_SOAK + "{Fill} the [tank:Location/Acts-on] with [transfer buffer:Reagent/Acts-on].",
                        spec=get_spec("bioengineering"))
    assert ("transfer buffer", "input") in _consumed_labels(pdg, 1), text
    # the opcode is the learned DSL's (FILL); what it takes is the point
    assert re.match(r"membrane_3 = [A-Z_]+\(transfer_buffer, membrane_2\)", statements(text)[1]), text


def test_adding_the_soaking_buffer_to_a_place_takes_the_buffer_stock():
    pdg, text = program(_SOAK + "{Add} [transfer buffer:Reagent/Acts-on] to the [tank:Location/Site].",
                        spec=get_spec("bioengineering"))
    assert ("transfer buffer", "input") in _consumed_labels(pdg, 1), text
    assert "ADD(transfer_buffer" in statements(text)[1], text


def test_working_on_the_solution_in_place_is_the_mixture_not_the_stock():
    # no place named: "Stir the solution" stirs what the solution now holds
    pdg, text = program("{Suspend} the [tissue:Reagent/Acts-on] in [L-15 solution:Reagent/Site].\n"
                        "{Stir} the [solution:Reagent/Acts-on] for [40 min:Time/Setting].")
    assert ("L-15 solution", "input") not in _consumed_labels(pdg, 1), text
