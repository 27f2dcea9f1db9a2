"""Which words may name a product: never a pronoun, a part of a separation for an operation
that separates nothing, or a later sentence's phrase that brings in a material of its own;
a plural of a product's name is that name (autodsl.pdg.products)."""

from __future__ import annotations

from pdg_helpers import program, statements

from autodsl.pdg.model import PDG
from autodsl.pdg.products import MaterialLedger


def _targets(text: str) -> list[str]:
    """The names the statements of a printed program bind."""
    return [s.split(" = ")[0] for s in statements(text) if " = " in s]


def _consumes(pdg: PDG, op_label: str) -> set[str]:
    """The materials (followed through re-mentions) an operation of that label takes."""
    op = next(n for n, d in pdg.nodes("operation") if d["label"] == op_label)
    return {pdg.referent(s) for s, _, d in pdg.graph.in_edges(op, data=True) if d["kind"] == "consumes"}


def _made(pdg: PDG, op_label: str) -> list[str]:
    op = next(n for n, d in pdg.nodes("operation") if d["label"] == op_label)
    return [t for _, t, d in pdg.graph.out_edges(op, data=True) if d["kind"] == "produces"]


def test_a_pronoun_names_no_product() -> None:
    pdg, text = program("{Prepare} the [smears:Reagent/Product].\n"
                        "{Wash} [them:Reagent/Product] with [water:Reagent/Using].\n"
                        "{Dry} the [smears:Reagent/Acts-on].")
    names = _targets(text)
    assert not any(n.startswith("them") for n in names), text
    assert names[1].startswith("smears"), text


def test_a_harvest_is_not_named_by_the_supernatants_discarded_after_it() -> None:
    # protocol_263: "Use sterile bottles to harvest the cells. Discard the supernatants."
    pdg, text = program("{Centrifuge} the [culture:Reagent/Acts-on].\n"
                        "{Harvest} the [cells:Reagent/Acts-on].\n"
                        "{Discard} the [supernatants:Reagent/Acts-on].\n"
                        "{Resuspend} the [cells:Reagent/Acts-on] in [BBM:Reagent/Using].",
                        extra_args=[("A2", "Product", "T3")])
    assert not any(d.code == "use-after-consume" for d in pdg.diagnostics), text
    supernatant, _pellet = _made(pdg, "Centrifuge")
    assert _consumes(pdg, "Discard") == {supernatant}, text
    assert _made(pdg, "Harvest")[0] in _consumes(pdg, "Resuspend"), text
    assert not _targets(text)[1].startswith("supernatant"), text


def test_a_mixing_is_not_named_by_the_supernatant_of_a_later_spin() -> None:
    pdg, text = program("{Mix} the [lysate:Reagent/Acts-on] gently.\n"
                        "{Centrifuge} and {transfer} the [supernatant:Reagent/Acts-on] to a [tube:Location/Site].",
                        extra_args=[("A1", "Product", "T2")])
    assert not _targets(text)[0].startswith("supernatant"), text
    supernatant = _made(pdg, "Centrifuge")[0]
    assert _consumes(pdg, "transfer") == {supernatant}, text


def test_a_supernatant_moved_stays_a_supernatant() -> None:
    # a part word names the product of an operation that works on such a part
    _, text = program("{Centrifuge} the [lysate:Reagent/Acts-on].\n"
                      "{Transfer} the [supernatant:Reagent/Acts-on] to a [new tube:Location/Site].\n"
                      "{Keep} the [cleared supernatant:Reagent/Product].")
    assert _targets(text)[-1] == "cleared_supernatant", text


def test_a_later_sentence_naming_a_new_material_names_nothing() -> None:
    # protocol_502: "transfer at least 3 times before use. Extract DNA from ..."
    _, text = program("{Grow} [cyanobacteria:Reagent/Acts-on] and {transfer} 3 times.\n"
                      "{Extract} [DNA:Reagent/Acts-on] from the [cells:Reagent/Site].",
                      extra_args=[("A2", "Product", "T2")])
    assert not _targets(text)[1].startswith("DNA"), text


def test_cooled_agar_is_not_named_by_the_competent_cells_spread_on_it() -> None:
    # protocol_494: "Pour plates and allow to cool. Spread transformed competent cells"
    _, text = program("{Cool} the [agar:Reagent/Acts-on] to room temperature.\n"
                      "{Spread} [competent cells:Reagent/Acts-on] on the plates.",
                      extra_args=[("A1", "Product", "T2")])
    assert _targets(text)[0].startswith("agar"), text


def test_a_later_sentence_may_name_what_was_made() -> None:
    # protocol_263: "Incubate overnight. This material is now termed lysate."
    _, text = program("{Incubate} the [culture:Reagent/Acts-on] overnight.\n"
                      "This material is now termed [lysate:Reagent/Product].")
    assert _targets(text)[0] == "lysate", text


def test_a_plural_of_a_products_name_is_that_name() -> None:
    ledger = MaterialLedger(PDG())
    assert [ledger.variable("x", written=w) for w in ("supernatant", "supernatants", "cells", "cell")] == \
        ["supernatant", "supernatant_2", "cells", "cells_2"]
