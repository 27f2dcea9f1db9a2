"""Fresh portions and products named again (issue 4, audit patterns 10 and 3).

* "Add 100 µl X. ... Add 40µL 50mM X": the second amount measures a fresh portion of the
  stock X, not the mixture holding the first portion (which inherited X's name); an amount
  glued to its unit or followed by a modifier still measures the mention.
* "Cut the tissue into small pieces. Transfer the tissue fragments into a tube": the fragments
  are what the cut made, not a new input.

The checks read the flow (which material each operation consumes), never opcode names.
"""

from pdg_helpers import program

from autodsl.pdg.resolve import measured_before

_MIXTURE = ("{Add} [100 µl:Amount/Measure] [ammonium bicarbonate solution:Reagent/Acts-on] to the "
            "[retentate:Reagent/Site].\n"
            "{Add} [75 µl:Amount/Measure] [digestion solution:Reagent/Acts-on].\n"
            "{Incubate} at [37 °C:Temperature/Setting].\n")


def _op(pdg, verb: str, nth: int = 0) -> str:
    ops = [n for n, d in pdg.nodes("operation") if d["verb"].lower() == verb]
    return sorted(ops, key=lambda n: pdg.graph.nodes[n]["order"])[nth]


def _consumed(pdg, op: str) -> list[dict]:
    """What ``op`` consumes, a reference followed to the material it names."""
    found = []
    for source, _, d in pdg.graph.in_edges(op, data=True):
        if d["kind"] != "consumes":
            continue
        node = pdg.graph.nodes[source]
        if node.get("role") == "reference":
            source = next(t for _, t, e in pdg.graph.out_edges(source, data=True) if e["kind"] == "constraint")
        found.append({"role": d.get("role"), **pdg.graph.nodes[source], "node": source})
    return found


def _inputs(pdg) -> dict[str, str]:
    return {n: d["label"] for n, d in pdg.nodes("material") if d.get("role") == "input"}


def test_a_measured_second_portion_of_a_stock_is_the_stock_not_the_mixture_holding_it():
    pdg, text = program(_MIXTURE + "{Add} [40µL:Amount/Measure] 50mM [ammonium bicarbonate solution:Reagent/Acts-on].")
    added = _consumed(pdg, _op(pdg, "add", 2))
    stock = [u for u in added if u.get("role") == "input"]
    assert [u["label"] for u in stock] == ["ammonium bicarbonate solution"], text
    # the incubated mixture is what the portion goes into, not what is added
    assert any(u.get("role") == "product" for u in added), text


def test_a_modifier_between_amount_and_stock_still_measures_a_fresh_portion():
    pdg, text = program(_MIXTURE + "{Add} [7 ml:Amount/Measure] of ice-cold "
                                   "[ammonium bicarbonate solution:Reagent/Acts-on].")
    added = _consumed(pdg, _op(pdg, "add", 2))
    assert "ammonium bicarbonate solution" in [u["label"] for u in added if u.get("role") == "input"], text


def test_a_stock_named_again_without_an_amount_is_still_the_mixture():
    # no amount of its own: the mention names the mixture that holds the solution (unchanged)
    pdg, text = program(_MIXTURE + "{Centrifuge} the [ammonium bicarbonate solution:Reagent/Acts-on].")
    spun = _consumed(pdg, _op(pdg, "centrifuge"))
    assert not [u for u in spun if u.get("role") == "input"], text


def test_an_amount_of_a_particular_material_or_of_a_participle_is_no_fresh_portion():
    text = ("Add 7 ml of the lysate. Add the 5 ml culture. Add 3 µl of purified PCR product. "
            "Bring it to 100 ul by adding water. Add 40µL 50mM ammonium bicarbonate.")
    assert [measured_before(text, text.index(w)) for w in ("lysate", "culture", "PCR", "water", "ammonium")] \
        == [False, False, False, False, True]


def test_the_pieces_a_cut_made_are_that_product_not_a_new_input():
    pdg, text = program("{Cut} the [tissue:Reagent/Acts-on] into small pieces.\n"
                        "{Transfer} the [tissue fragments:Reagent/Acts-on] into a [15 ml tube:Location/Site].")
    assert "tissue fragments" not in _inputs(pdg).values(), text
    moved = _consumed(pdg, _op(pdg, "transfer"))
    cut = _op(pdg, "cut")
    assert any(pdg.graph.has_edge(cut, u["node"]) for u in moved), text


def test_fragments_written_without_an_article_may_be_new():
    pdg, text = program("{Cut} the [tissue:Reagent/Acts-on] into small pieces.\n"
                        "{Add} [DNA fragments:Reagent/Acts-on] to a [tube:Location/Site].")
    assert "DNA fragments" in _inputs(pdg).values(), text
