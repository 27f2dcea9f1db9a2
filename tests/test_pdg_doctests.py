"""The runnable examples in the docstrings of the PDG, driver and flow-evaluation modules."""

import doctest
import importlib

import pytest

MODULES = [
    "autodsl.pdg.model", "autodsl.pdg.cues", "autodsl.pdg.slots", "autodsl.pdg.lexicon", "autodsl.pdg.structure",
    "autodsl.pdg.complete", "autodsl.pdg.link", "autodsl.pdg.export", "autodsl.pdg.invariants", "autodsl.driver",
    "autodsl.evaluate.flow", "autodsl.pdg.direct", "autodsl.pdg.train_direct", "autodsl.pdg.measures",
    "autodsl.pdg.separation", "autodsl.pdg.materials", "autodsl.pdg.products", "autodsl.pdg.capacity",
    "autodsl.pdg.removals", "autodsl.pdg.remarks", "autodsl.pdg.alternatives", "autodsl.pdg.remention",
    "autodsl.pdg.settings", "autodsl.pdg.lost", "autodsl.pdg.storage", "autodsl.pdg.labwork", "autodsl.pdg.prose",
    "autodsl.pdg.aliases", "autodsl.pdg.recipes", "autodsl.pdg.places", "autodsl.pdg.purposes",
    "autodsl.pdg.sidelines", "autodsl.pdg.ingredients", "autodsl.pdg.made", "autodsl.pdg.resolve",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name):
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no runnable example"
    assert result.failed == 0
