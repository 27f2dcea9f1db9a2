"""Kinds of lab work: operations are named by their kind."""

from autodsl.induce.effects import VerbEffects
from autodsl.induce.kinds import kind_name, kinds_conflict, operation_kind, verb_kind
from autodsl.induce.learn import naming_verb


def test_an_operation_has_a_kind_only_when_its_verbs_of_that_kind_weigh():
    assert operation_kind({"heat": 196, "prewarm": 108, "autoclave": 53, "evacuate": 3}) == "heat"
    assert operation_kind({"incubate": 612, "store": 205, "cool": 34}) is None
    assert operation_kind({"mix": 10}) is None
    assert operation_kind({"dry": 117, "culture": 51, "air-dry": 19}) is None
    assert operation_kind({"grow": 185, "amplify": 92, "equilibrate": 81}) == "grow"


def test_growing_dialysing_and_anaesthetizing_are_kinds_and_expanding_is_not():
    # "expand the clones" grows cells, "expand the option" and "expand sections" do not;
    # passaging splits cells into fresh vessels, an operation of its own
    grow = ["grow", "grow up", "culture", "coculture", "subculture", "cultivate", "propagate"]
    assert [verb_kind(v) for v in grow] == ["grow"] * len(grow)
    assert [verb_kind(v) for v in ["expand", "passage"]] == [None] * 2
    assert [verb_kind(v) for v in ["dialyze", "dialyse", "step dialyze", "step-dialyze"]] == ["dialyze"] * 4
    assert kind_name("grow", ["culture", "cultivate"]) == "culture"
    assert [verb_kind(v) for v in ["anaesthetize", "deeply anesthetize", "euthanize"]] == ["anesthetize", "anesthetize", None]


def test_lysing_transfecting_dissecting_and_precipitating_are_kinds():
    # electroporating is a technique of its own (a kind since round 12), and lysing is no
    # disrupting by force; annealing was tried as a kind and not kept
    assert [verb_kind(v) for v in ["lyse", "relyse", "lyze"]] == ["lyse"] * 3
    assert [verb_kind(v) for v in ["transfect", "co-transfect", "transduce", "transform"]] == ["transfect"] * 4
    assert [verb_kind(v) for v in ["dissect", "microdissect"]] == ["dissect"] * 2
    assert [verb_kind(v) for v in ["precipitate", "reprecipitate", "immunoprecipitate"]] == ["precipitate"] * 3
    assert [verb_kind(v) for v in ["anneal", "hybridize"]] == [None] * 2
    assert kinds_conflict(verb_kind("electroporate"), verb_kind("transfect"))
    assert verb_kind("sonicate") == "disrupt" and kinds_conflict(verb_kind("lyse"), verb_kind("sonicate"))
    # transforming and transfecting weigh together (genetics PURIFY held them beside purify)
    assert operation_kind({"purify": 390, "extract": 177, "transform": 113, "transfect": 47}) is None
    assert operation_kind({"transform": 113, "transfect": 47, "detect": 32}) == "transfect"

def test_amplifying_electroporating_and_agitating_are_kinds_and_shaking_is_mixing():
    # PCR in its spellings; a rotator or rocker agitates for a time, shaking and inverting mix
    assert [verb_kind(v) for v in ["amplify", "reamplify", "pcr amplify", "pcr-amplify"]] == ["amplify"] * 4
    assert [verb_kind(v) for v in ["electroporate", "nucleofect", "electrotransform"]] == ["electroporate"] * 3
    assert [verb_kind(v) for v in ["rotate", "rock", "nutate", "tumble", "agitate"]] == ["agitate"] * 5
    assert [verb_kind(v) for v in ["shake", "invert", "swirl", "mix", "anneal", "pcr run"]] == [None] * 6
    assert kinds_conflict(verb_kind("amplify"), verb_kind("grow"))
    # genetics ROTATE held anneal, pcr and hybridize beside rotate: no longer an agitating operation
    assert operation_kind({"rotate": 126, "anneal": 53, "pcr": 29, "hybridize": 25, "solidify": 29}) == "agitate"
    assert operation_kind({"anneal": 53, "hybridize": 25, "solidify": 29, "rotate": 5}) is None

def test_an_operation_of_a_kind_is_named_by_the_kind():
    no_evidence = VerbEffects({})
    assert naming_verb(["check", "calculate", "measure", "count"], "measure", no_evidence, "observe") == "measure"
    assert naming_verb(["image", "verify", "confirm"], "other", no_evidence, "observe") == "image"
    assert naming_verb(["chill", "freeze", "flash freeze"], "temperature", no_evidence, "cool") == "chill"
    assert naming_verb(["freeze", "flash freeze"], "temperature", no_evidence, "cool") == "freeze"
    assert kind_name("filter", ["filter sterilize"]) is None


def test_verbs_of_a_kind_are_gathered_into_the_kind_s_largest_operation():
    from autodsl.induce.gathering import gather_kinds

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
    from autodsl.induce.gathering import gather_kinds

    # 'autoclave' of another known effect than the heating operation's verbs stays apart
    sense = {"heat": ("temperature", "heat"), "autoclave": ("wash", "heat")}
    assert gather_kinds(["heat", "autoclave"], [0, 1], sense, {"heat": 100, "autoclave": 30}) == [0, 1]


def test_a_kind_that_is_no_majority_of_its_operation_leaves_for_its_own():
    from autodsl.induce.gathering import split_minority_kinds

    sense = {
        "soak": (None, "immerse"), "dip": (None, "immerse"), "lyophilize": (None, None), "treat": (None, None),
        "open": (None, "open"), "take": (None, None), "acquire": (None, None),
    }
    keys = ["lyophilize", "treat", "soak", "dip", "open", "take", "acquire"]
    counts = {"lyophilize": 3, "treat": 3, "soak": 2, "dip": 4, "open": 10, "take": 8, "acquire": 5}
    # ecology: half of SOAK was lyophilize and treat, OPEN was mostly take and acquire
    labels = split_minority_kinds(keys, [0, 0, 0, 0, 1, 1, 1], sense, counts, least=3)
    assert labels[0] == labels[1] == 0 and labels[5] == labels[6] == 1
    assert labels[2] == labels[3] and labels[2] not in (0, 1)
    assert labels[4] not in (0, 1, labels[2])
    # a kind that is most of its operation keeps it; one too rare to found an operation stays
    assert split_minority_kinds(keys[:4], [0] * 4, sense, {**counts, "dip": 5}, least=3) == [0] * 4
    assert split_minority_kinds(keys[4:], [1] * 3, sense, counts, least=11) == [1] * 3


def test_an_operation_of_a_settled_kind_keeps_only_its_kind():
    from autodsl.induce.gathering import separate_kinds, settled_only

    sense = {"dip": (None, "immerse"), "rest": (None, None), "adhere": (None, None), "sonicate": (None, "disrupt")}
    # genetics: the sampler, blind to immersing, seated rest and adhere with dip; they stay together
    labels = separate_kinds(["dip", "rest", "adhere"], [0, 0, 0], sense, {"dip": 30, "rest": 20, "adhere": 18})
    assert labels[1] == labels[2] != labels[0]
    # a rare verb of no kind never joins such an operation by usage; one of the kind may
    assert settled_only((None, None), {(None, "immerse"), (None, "disrupt")})
    assert not settled_only((None, "immerse"), {(None, "immerse")})
    assert not settled_only((None, None), {(None, "immerse"), (None, None)})
