"""Mutation tests: each kind of injected error is reported with the right code (>= 95%)."""

from pathlib import Path

import pytest

from autodsl.emit.sample import sample_program
from autodsl.validate.mutate import MUTATIONS, detection_rates
from dsl_strategies import SPEC

VALID = sorted((Path(__file__).parent / "data" / "dsl" / "valid").glob("*.dsl"))


@pytest.fixture(scope="module")
def rates():
    programs = [p.read_text(encoding="utf-8") for p in VALID]
    programs += [sample_program(SPEC, 30, seed=seed) for seed in range(4)]
    return detection_rates(programs, SPEC, seed=1, per_program=3)


@pytest.mark.parametrize("kind", sorted(MUTATIONS))
def test_each_kind_of_error_is_detected(rates, kind):
    rate = rates[kind]
    assert rate.applied >= 10, f"{kind}: too few mutants to measure"
    assert rate.rate >= 0.95, f"{kind}: {rate.detected}/{rate.applied}"


def test_base_programs_that_do_not_parse_are_refused():
    with pytest.raises(ValueError):
        detection_rates(['protocol "x" domain wetlab\nSPIN(ghost\n'], SPEC)


def test_programs_with_diagnostics_count_only_new_reports():
    """Mutants aimed at a line that already has their code are not counted; the rest are caught."""
    text = ('protocol "x" domain wetlab\ninput c\nsup, pellet = CENTRIFUGE(c, time: 1 min)\nDISCARD(sup)\n'
            'x = MIX(sup, pellet)\nSTORE(x, temperature: 4 degC)\n')
    for seed in range(5):
        rates = detection_rates([(text, SPEC)], seed=seed, per_program=6)
        assert rates["use after consume"].applied > 0
        assert rates["use after consume"].rate == 1.0


def test_sampled_programs_are_valid_and_reproducible():
    from autodsl.validate import check_text

    text = sample_program(SPEC, 200, seed=3)
    assert text == sample_program(SPEC, 200, seed=3)
    assert text != sample_program(SPEC, 200, seed=4)
    assert [d for d in check_text(text, SPEC) if d.severity == "error"] == []


@pytest.fixture(scope="module")
def translated_rates():
    """Mutants of programs that ``autodsl translate`` wrote for the example protocols."""
    from autodsl.corpus import load_protocol
    from autodsl.driver import translate
    from autodsl.emit.printer import print_program

    pairs = []
    for path in sorted((Path(__file__).parents[1] / "protocols").glob("*.[mt][dx]*")):
        if path.suffix not in (".md", ".txt"):
            continue
        result = translate(load_protocol(path))
        pairs.append((print_program(result.pdg), result.spec))
    return detection_rates(pairs, seed=2, per_program=4)


def test_errors_injected_into_translated_programs_are_detected(translated_rates):
    """Each kind with enough mutants is caught >= 95%; the examples hold no container with a
    capacity to overfill, so that kind may not apply (it is measured on the programs above)."""
    measured = {kind: rate for kind, rate in translated_rates.items() if rate.applied >= 5}
    assert len(measured) >= len(MUTATIONS) - 1, sorted(set(MUTATIONS) - set(measured))
    missed = {kind: f"{r.detected}/{r.applied}" for kind, r in measured.items() if r.rate < 0.95}
    assert not missed, missed
