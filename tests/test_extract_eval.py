"""Scoring of extractions: exact and overlap span matching, role triples, sums."""

from __future__ import annotations

from autodsl.evaluate.extract import ExtractScore, score_extraction
from autodsl.extract.models import Action, Argument, Entity, Extraction


def _x(entities: list[tuple[str, int, int, str]], actions: list[tuple[str, int, int, list[tuple[str, str]]]]) -> Extraction:
    return Extraction(
        protocol={},
        entities=[Entity(id=i, type=t, start=a, end=b, text="x" * (b - a)) for i, a, b, t in entities],
        actions=[Action(id=i, start=a, end=b, text="x" * (b - a), lemma="x", step=1,
                        args=[Argument(role=r, entity=e) for r, e in args]) for i, a, b, args in actions],
    )


GOLD = _x(
    [("T1", 4, 14, "Reagent"), ("T2", 18, 22, "Location"), ("T3", 30, 35, "Time")],
    [("A1", 0, 3, [("Acts-on", "T1"), ("Site", "T2")]), ("A2", 24, 28, [("Setting", "T3"), ("Acts-on", "A1")])],
)


def test_perfect_prediction_scores_one_everywhere() -> None:
    s = score_extraction(GOLD, GOLD)
    for m in (s.actions, s.entities, s.all_spans, s.roles):
        assert m.exact.f1 == 1.0 and m.overlap.f1 == 1.0
    assert s.by_type["Reagent"].exact.tp == 1


def test_partial_spans_count_only_under_overlap_matching() -> None:
    pred = _x(
        [("T1", 8, 14, "Reagent"), ("T2", 18, 22, "Device"), ("T3", 30, 35, "Time"), ("T4", 40, 44, "Reagent")],
        [("A1", 0, 3, [("Acts-on", "T1"), ("Site", "T2")]), ("A2", 24, 28, [("Setting", "T3")])],
    )
    s = score_extraction(GOLD, pred)
    assert (s.actions.exact.tp, s.actions.exact.fp, s.actions.exact.fn) == (2, 0, 0)
    # exact: only Time matches; the Reagent is cut short, the Location mistyped, one extra Reagent
    assert (s.entities.exact.tp, s.entities.exact.fp, s.entities.exact.fn) == (1, 3, 2)
    assert (s.entities.overlap.tp, s.entities.overlap.fp, s.entities.overlap.fn) == (2, 2, 1)
    assert s.by_type["Reagent"].overlap.tp == 1 and s.by_type["Reagent"].overlap.fp == 1
    # roles: Setting exact; Acts-on only with overlap; Site points at a mistyped span but the
    # same offsets, so it counts; the Acts-on to A1 is missed
    assert (s.roles.exact.tp, s.roles.exact.fp, s.roles.exact.fn) == (2, 1, 2)
    assert s.roles.overlap.tp == 3
    assert round(s.entities.exact.precision, 3) == 0.25 and round(s.entities.exact.recall, 3) == 0.333


def test_overlap_matching_is_one_to_one() -> None:
    gold = _x([("T1", 0, 10, "Reagent")], [])
    pred = _x([("T1", 0, 4, "Reagent"), ("T2", 5, 10, "Reagent")], [])
    s = score_extraction(gold, pred)
    assert (s.entities.overlap.tp, s.entities.overlap.fp) == (1, 1)


def test_scores_add_up_over_protocols_and_report_is_json_ready() -> None:
    total = ExtractScore() + score_extraction(GOLD, GOLD) + score_extraction(GOLD, _x([], []))
    assert total.protocols == 2
    assert total.actions.exact.tp == 2 and total.actions.exact.fn == 2
    assert total.actions.exact.recall == 0.5 and total.actions.exact.precision == 1.0
    report = total.report()
    assert report["actions"]["exact"]["f1"] == round(2 / 3, 4)
    assert set(report) == {"protocols", "actions", "entities_micro", "all_spans_micro", "entity_types",
                           "roles_micro", "roles"}


def test_empty_prediction_has_zero_scores_not_errors() -> None:
    s = score_extraction(GOLD, _x([], []))
    assert s.actions.exact.f1 == 0.0 and s.actions.exact.precision == 0.0
