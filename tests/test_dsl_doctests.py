"""The runnable examples in the docstrings of the DSL modules."""

import doctest
import importlib

import pytest

MODULES = [
    "autodsl.emit.grammar", "autodsl.emit.quantity", "autodsl.emit.program", "autodsl.emit.parse",
    "autodsl.emit.fastpath", "autodsl.emit.build", "autodsl.emit.printer", "autodsl.emit.sample",
    "autodsl.validate", "autodsl.validate.common", "autodsl.validate.render", "autodsl.validate.mutate",
    "autodsl.validate.unknown_operation", "autodsl.validate.unknown_slot",
    "autodsl.validate.missing_required_slot", "autodsl.validate.unit_mismatch",
    "autodsl.validate.value_out_of_range", "autodsl.validate.undefined_material",
    "autodsl.validate.use_after_consume", "autodsl.validate.conditional_product", "autodsl.validate.duplicate_name",
    "autodsl.validate.container_over_capacity", "autodsl.validate.unused_product",
    "autodsl.validate.negative_quantity", "autodsl.cli.commands.check",
]


@pytest.mark.parametrize("name", MODULES)
def test_doctests(name):
    result = doctest.testmod(importlib.import_module(name))
    assert result.attempted > 0, f"{name} has no examples"
    assert result.failed == 0
