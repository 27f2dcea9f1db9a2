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


def test_verbs_of_a_kind_are_gathered_into_the_kind_s_largest_operation():
    from autodsl.induce.operations import gather_kinds

    sense = {
        "heat": ("temperature", "heat"), "prewarm": (None, "heat"), "bake": (None, "heat"),
        "mix": ("mix", None), "grow": (None, None), "cool": ("temperature", "cool"),
    }
    items = ["heat", "prewarm", "bake", "mix", "grow", "cool"]
    counts = {"heat": 150, "prewarm": 110, "bake": 20, "mix": 300, "grow": 90, "cool": 40}
    # prewarm sits with grow, bake with mix: both join heat; grow, mix and cool stay where they are
    labels = gather_kinds(items, [0, 1, 2, 2, 1, 3], sense, counts)
    assert labels[0] == labels[1] == labels[2]
    assert len({labels[0], labels[3], labels[4], labels[5]}) == 4
    assert labels == [0, 0, 0, 1, 2, 3]  # renumbered by first appearance


def test_a_verb_of_a_kind_never_joins_an_operation_it_may_not_share():
    from autodsl.induce.operations import gather_kinds

    # 'autoclave' of another known effect than the heating operation's verbs stays apart
    sense = {"heat": ("temperature", "heat"), "autoclave": ("wash", "heat")}
    assert gather_kinds(["heat", "autoclave"], [0, 1], sense, {"heat": 100, "autoclave": 30}) == [0, 1]
