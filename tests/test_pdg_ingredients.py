"""Verbless ingredient lists become the input of an operation (autodsl.pdg.ingredients)."""

from __future__ import annotations

from autodsl.pdg.ingredients import IMPLICIT_NOTE
from tests.pdg_helpers import program

RECIPE = ("{Thaw} the [enzyme:Reagent/Acts-on] on ice.\n"
          "[66 µl:Amount/Mention] [TE:Reagent/Mention]\n"
          "[20 µl:Amount/Mention] [plasmid:Reagent/Mention]\n"
          "[2 µl:Amount/Mention] [BplI enzyme:Reagent/Mention]\n"
          "[100 µl:Amount/Mention] total\n"
          "{Incubate} overnight at [37 °C:Temperature/Setting].")


def _ops(pdg):
    return sorted(pdg.nodes("operation"), key=lambda item: item[1]["order"])


def _inputs(pdg, node):
    return {pdg.graph.nodes[src]["label"] for src, _, d in pdg.graph.in_edges(node, data=True)
            if d["kind"] == "consumes"}


def _products(pdg, node):
    return {dst for _, dst, d in pdg.graph.out_edges(node, data=True) if d["kind"] == "produces"}


def test_a_run_of_list_lines_is_one_operation_whose_product_the_next_step_takes():
    pdg, _ = program(RECIPE, unheld=True)
    ops = _ops(pdg)
    assert len(ops) == 3  # thaw, the implicit combination, incubate
    node, data = ops[1]
    assert data["action"] == "I1" and data["step"] == 2
    assert IMPLICIT_NOTE in data["comment"]
    assert {"TE", "plasmid", "BplI enzyme"} <= _inputs(pdg, node)
    start, end = data["span"]
    assert pdg.text[start:end] == "66 µl TE"
    incubate = ops[2][0]
    fed = {src for src, _, d in pdg.graph.in_edges(incubate, data=True) if d["kind"] == "consumes"}
    assert fed and fed <= _products(pdg, node)  # the mixture, and nothing else, goes on to the incubation


def test_the_total_line_is_the_final_volume_not_a_reagent():
    pdg, _ = program(RECIPE, unheld=True)
    node, data = _ops(pdg)[1]
    assert not any("total" in label.lower() for label in _inputs(pdg, node))
    volumes = [s for s in data["slots"].values() if isinstance(s, dict) and s.get("dimension") == "volume"]
    assert [s["value"] for s in volumes] == [100.0]


def test_an_announced_list_goes_to_the_announcing_verb():
    marked = ("{Add} the following to the [tube:Location/Site]:\n"
              "[2 µl:Amount/Mention] [Tango buffer:Reagent/Mention]\n"
              "[1 µl:Amount/Mention] [ligase:Reagent/Mention]\n"
              "{Incubate} for [1 h:Time/Setting].")
    pdg, _ = program(marked, unheld=True)
    ops = _ops(pdg)
    assert len(ops) == 2  # no implicit operation: the list belongs to "Add"
    assert {"Tango buffer", "ligase"} <= _inputs(pdg, ops[0][0])


def test_prose_and_single_lines_and_per_well_amounts_are_no_list():
    marked = ("{Add} [10 µl:Amount/Mention] [buffer:Reagent/Acts-on] to the cells.\n"
              "[5 µl:Amount/Mention] [enzyme:Reagent/Mention]\n"
              "{Wash} the [plate:Location/Acts-on].\n"
              "[1 ml:Amount/Mention] per [well:Location/Mention]\n"
              "[2 ml:Amount/Mention] per [dish:Location/Mention]\n"
              "[1 ml:Amount/Mention] water is {added} slowly.\n"
              "[1 ml:Amount/Mention] dye is {added} slowly.\n"
              "{Incubate} for [1 h:Time/Setting].")
    pdg, _ = program(marked, unheld=True)
    assert all(d["action"].startswith("A") for _, d in _ops(pdg))  # no implicit operation


def test_every_span_lies_inside_the_text():
    pdg, _ = program(RECIPE, unheld=True)
    for _, data in pdg.graph.nodes(data=True):
        if data.get("span"):
            assert 0 <= data["span"][0] <= data["span"][1] <= len(pdg.text)
