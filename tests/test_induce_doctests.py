"""The examples in the induction modules' docstrings run and give what they show."""

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "autodsl.induce.corpus",
    "autodsl.induce.dpmm",
    "autodsl.induce.features",
    "autodsl.induce.flow",
    "autodsl.induce.kinds",
    "autodsl.induce.learn",
    "autodsl.induce.metrics",
    "autodsl.induce.operations",
    "autodsl.induce.registry",
    "autodsl.induce.report",
    "autodsl.induce.slots",
    "autodsl.induce.spec",
    "autodsl.induce.syntax",
    "autodsl.induce.verbs",
    "autodsl.evaluate.dsl",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)
    monkeypatch.delenv("AUTODSL_GRAMMARS", raising=False)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
