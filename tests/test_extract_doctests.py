"""The examples in the extraction modules' docstrings run and give what they show."""

import doctest
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
MODULES = [
    "autodsl.extract.clusters",
    "autodsl.extract.extractor",
    "autodsl.extract.features",
    "autodsl.extract.lemma",
    "autodsl.extract.linker",
    "autodsl.extract.models",
    "autodsl.extract.postrules",
    "autodsl.extract.scorer",
    "autodsl.extract.segment",
    "autodsl.extract.sites",
    "autodsl.extract.tagger",
    "autodsl.extract.train",
    "autodsl.evaluate.extract",
]


@pytest.mark.parametrize("name", MODULES)
def test_docstring_examples(name: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT)
    result = doctest.testmod(importlib.import_module(name), optionflags=doctest.ELLIPSIS)
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
