"""Kinds of lab work: operations are named by their kind."""

from autodsl.induce.effects import VerbEffects
from autodsl.induce.kinds import kind_name, operation_kind
from autodsl.induce.learn import naming_verb


def test_an_operation_has_a_kind_only_when_its_verbs_of_that_kind_weigh():
    assert operation_kind({"heat": 196, "prewarm": 108, "autoclave": 53, "evacuate": 3}) == "heat"
    assert operation_kind({"incubate": 612, "store": 205, "cool": 34}) is None
    assert operation_kind({"grow": 10}) is None


def test_an_operation_of_a_kind_is_named_by_the_kind():
    no_evidence = VerbEffects({})
    assert naming_verb(["check", "calculate", "measure", "count"], "measure", no_evidence, "observe") == "measure"
    assert naming_verb(["image", "verify", "confirm"], "other", no_evidence, "observe") == "image"
    assert naming_verb(["chill", "freeze", "flash freeze"], "temperature", no_evidence, "cool") == "chill"
    assert naming_verb(["freeze", "flash freeze"], "temperature", no_evidence, "cool") == "freeze"
    assert kind_name("filter", ["filter sterilize"]) is None
