"""The examples in the corpus modules' docstrings run and give what they show."""

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "autodsl.corpus",
    "autodsl.corpus.brat",
    "autodsl.corpus.jsonproto",
    "autodsl.corpus.load",
    "autodsl.corpus.peg",
    "autodsl.corpus.problems",
    "autodsl.corpus.stats",
    "autodsl.corpus.text",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name, monkeypatch):
    monkeypatch.chdir(ROOT)  # the examples name files under corpora/
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
