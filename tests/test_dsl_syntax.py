"""Parsing programs: readable syntax errors, recovery, the fast path, and robustness."""

import random

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autodsl.diagnostics import DiagnosticsError
from autodsl.emit.fastpath import PLACEHOLDER, fast_statement, mask_statements
from autodsl.emit.parse import MAX_SYNTAX_ERRORS, SYNTAX_EXAMPLES, parse_program, parse_source
from autodsl.validate import check_text
from dsl_strategies import SPEC, programs, statements

CASES = [(message, example) for (message, _), examples in SYNTAX_EXAMPLES for example in examples]


@pytest.mark.parametrize("message,example", CASES)
def test_each_catalogue_example_gets_its_own_message(message, example):
    result = parse_source(example)
    assert result.diagnostics, example
    assert result.diagnostics[0].code == "syntax-error"
    assert result.diagnostics[0].message == message


def _statement_line(example: str) -> bool:
    lines = example.split("\n")
    return (len(lines) == 4 and bool(lines[2]) and not any(c in lines[2] for c in "{}")
            and lines[2].split()[0] not in ("input", "container", "device"))


@pytest.mark.parametrize("message,example", [(m, e) for m, e in CASES if _statement_line(e)])
def test_catalogue_messages_hold_inside_blocks_too(message, example):
    """A mistake on a statement line reads the same inside a block (matched by parser state)."""
    lines = example.split("\n")
    nested = "\n".join(lines[:2] + ["repeat 2 times {", "    " + lines[2], "}", ""])
    assert parse_source(nested).diagnostics[0].message == message


def test_errors_point_at_the_offending_token():
    d = parse_source('protocol "x"\npellet = SPIN(culture time: 1 min)\n').diagnostics[0]
    assert (d.line, d.column, d.message) == (2, 23, "missing ',' between arguments")


def test_recovery_reports_several_errors_and_skipped_names_are_not_echoed():
    text = ('protocol "x" domain wetlab\ninput culture\nsup, pellet = CENTRIFUGE(culture time: 1 min)\n'
            'DISCARD(sup)\nx = MIX(pellet, method: gentle shaking)\nSTORE(x, temperature: 4 degC)\n')
    found = check_text(text, SPEC)
    assert [(d.line, d.code) for d in found] == [(3, "syntax-error"), (5, "syntax-error")]


def test_recovery_stops_after_the_limit():
    text = 'protocol "x"\n' + "a = SPIN(b c)\n" * (MAX_SYNTAX_ERRORS + 10)
    assert len(parse_source(text).diagnostics) == MAX_SYNTAX_ERRORS


def test_parse_program_raises_with_the_syntax_errors():
    with pytest.raises(DiagnosticsError) as err:
        parse_program('protocol "x"\na = SPIN(\n')
    assert err.value.diagnostics[0].code == "syntax-error"


def test_non_finite_numbers_and_zero_repeats_are_syntax_errors():
    found = parse_source('protocol "x"\na = SPIN(b, time: 1e999 s)\nrepeat 0 times {\n}\n').diagnostics
    assert [(d.line, d.code) for d in found] == [(2, "syntax-error"), (3, "syntax-error")]


def test_crlf_line_ends_and_tabs_parse():
    text = 'protocol "x"\r\ninput c\r\n\trepeat 2 times {\r\n\t\ta = SPIN(c)  # step 4\r\n\t}\r\n'
    program = parse_program(text)
    (statement, blocks), = program.steps()
    assert (statement.step, blocks[0].count) == (4, 2)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(statements())
def test_fast_path_reads_a_line_exactly_as_the_grammar_does(line):
    text = f'protocol "x"\n{line}\n'
    slow = parse_source(text, fast=False)
    fast = parse_source(text)
    assert [d.format() for d in fast.diagnostics] == [d.format() for d in slow.diagnostics]
    if slow.program is not None:
        assert fast.program.steps() == slow.program.steps()


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(programs())
def test_fast_path_reads_whole_programs_as_the_grammar_does(text):
    slow, fast = parse_source(text, fast=False), parse_source(text)
    assert slow.diagnostics == [] and fast.diagnostics == []
    assert fast.program == slow.program


@pytest.mark.parametrize("line", [
    'a, b = SPIN(c, time: 5 to 10 min (default), note: "x \\" y")  # step 2',
    "MIX(x, speed: 300 rpm)",
    "    p = ADD(q, volume: 1.5e3 uL, into: tube, ph: 7 pH, force: 3000 x g)",
    "q=MIX( )",
])
def test_fast_path_takes_well_formed_lines(line):
    assert fast_statement(line, 2, 0) is not None


@pytest.mark.parametrize("line", [
    "repeat = SPIN(a)",  # a keyword at the start of a line: the grammar decides
    "a = SPIN(b) c",  # trailing words
    "a = SPIN(b, t: 5 to min)",  # 'to' without a second number
    "a = SPIN(b, t: 1e999 s)",  # not a finite number
    "a = SPIN(b, t: 5 min (defaults))",  # a misspelt marker
    "a = SPIN(b, t: 5 min)\r # x",  # a stray carriage return
])
def test_fast_path_declines_lines_it_is_not_sure_of(line):
    assert fast_statement(line, 2, 0) is None


def test_placeholder_in_the_text_turns_the_fast_path_off():
    text = f'protocol "{PLACEHOLDER}"\na = SPIN(b)\n'
    assert mask_statements(text) == (text, [])
    assert parse_source(text).program.steps()[0][0].opcode == "SPIN"


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=300))
def test_random_bytes_only_produce_diagnostics(data):
    text = data.decode("utf-8", errors="replace")
    for spec in (None, SPEC):
        for d in check_text(text, spec):
            assert d.line is None or d.line >= 1


@settings(max_examples=100, deadline=None)
@given(st.text(max_size=200))
def test_random_text_after_a_header_only_produces_diagnostics(text):
    check_text('protocol "x" domain wetlab\n' + text, SPEC)


def test_random_edits_of_a_valid_program_never_crash_and_read_the_same_both_ways():
    from pathlib import Path

    base = (Path(__file__).parent / "data" / "dsl" / "valid" / "miniprep.dsl").read_text(encoding="utf-8")
    rng = random.Random(7)
    alphabet = '(){},:="#\n x0-.'
    for _ in range(300):
        text = list(base)
        for _ in range(rng.randint(1, 4)):
            i = rng.randrange(len(text))
            op = rng.randrange(3)
            if op == 0:
                del text[i]
            elif op == 1:
                text.insert(i, rng.choice(alphabet))
            else:
                text[i] = rng.choice(alphabet)
        mutated = "".join(text)
        check_text(mutated, SPEC)
        fast, slow = parse_source(mutated), parse_source(mutated, fast=False)
        assert [d.format() for d in fast.diagnostics] == [d.format() for d in slow.diagnostics]
        assert fast.program == slow.program
