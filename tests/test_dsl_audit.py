"""Regressions from an acceptance audit of the checker: names, BOM, unreadable input,
huge lines, negative amounts, bundled spec names and the commands' examples."""

import json
import random
import shlex
from pathlib import Path

import pytest

from autodsl.emit.parse import parse_source
from autodsl.validate import check_text
from autodsl.validate.render import WINDOW, render

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "dsl"
VALID = DATA / "valid" / "miniprep.dsl"
H = 'protocol "t"\ninput culture\n'


@pytest.fixture
def main():
    from autodsl.cli import main as cli_main

    return cli_main


def _messages(text: str, fast: bool = True) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.message) for d in parse_source(text, fast=fast).diagnostics]


@pytest.mark.parametrize("line, column, word", [
    ('input repeat "x"', 7, "repeat"), ("container if", 11, "if"), ("device times", 8, "times"),
    ("protocol = MIX(culture)", 1, "protocol"), ("a = MIX(repeat)", 9, "repeat"),
    ("a, domain = MIX(culture)", 4, "domain"), ("MIX(culture, site: capacity)", 20, "capacity"),
    ("a = MIX(unknown)", 9, "unknown"),
])
def test_reserved_words_cannot_name_anything(line, column, word):
    for fast in (True, False):  # the fast path leaves such lines to the grammar
        found = _messages(H + line + "\n", fast)
        assert found == [(3, column, f"a reserved word cannot be used as a name: '{word}'")]


@pytest.mark.parametrize("line, column", [("optional = MIX(culture)", 10), ("if = MIX(culture)", 4),
                                          ("container = MIX(culture)", 11)])
def test_line_keywords_as_names_fail_in_the_grammar_with_the_same_words(line, column):
    assert _messages(H + line + "\n") == [(3, column, "a reserved word cannot be used as a name")]


def test_reserved_words_stay_usable_as_slot_names_and_give_no_echoes():
    assert _messages(H + "a = MIX(culture, device: culture, times: 3, unknown: unknown)\n") == []
    found = check_text(H + "repeat_ = MIX(culture)\ntimes = MIX(repeat_)\n")
    assert [d.code for d in found] == ["syntax-error"]  # 'times' not also unused-product


@pytest.mark.parametrize("line, column, word", [
    ("2a = MIX(culture)", 1, "2a"), ("a, 3b = MIX(culture)", 4, "3b"), ("input 2a", 7, "2a"),
    ("container 3tube", 11, "3tube"), ("a = MIX(culture, 2a)", 18, "2a"), ("a = MIX(2a)", 9, "2a"),
])
def test_a_name_starting_with_a_digit_is_named_as_such(line, column, word):
    found = _messages(H + line + "\n")
    assert found == [(3, column, f"a name starts with a letter or _, not a digit: '{word}'")]


def test_numbers_with_units_are_not_mistaken_for_names():
    assert _messages(H + "a = MIX(culture, time: 5min, site: 2x)\n") == []


def test_a_byte_order_mark_is_skipped_and_columns_stay_right():
    text = VALID.read_text(encoding="utf-8")
    assert check_text("\ufeff" + text) == check_text(text)
    crlf = "\ufeff" + text.replace("\n", "\r\n")
    assert [d.code for d in check_text(crlf)] == [d.code for d in check_text(text)]
    bad = 'protocol "t" domain wetlab\ninput c\na = MIX(c, time: 5 mL)\n'
    [d] = [d for d in check_text("\ufeff" + bad) if d.code == "unit-mismatch"]
    assert (d.line, d.column) == (3, 20)  # under the unit, as without the mark
    assert d == next(d for d in check_text(bad) if d.code == "unit-mismatch")
    assert parse_source('\ufeffprotocol "t"\n').program.title == "t"


def test_cli_accepts_a_byte_order_mark(main, tmp_path, capsys):
    path = tmp_path / "bom.dsl"
    path.write_bytes(b"\xef\xbb\xbf" + VALID.read_bytes().replace(b"\n", b"\r\n"))
    assert main(["check", str(path), "--dsl", str(DATA / "spec_wetlab.dsl.json")]) == 0
    assert capsys.readouterr().out.strip() == "no problems"


def test_random_bytes_give_one_json_diagnostic_and_exit_2(main, tmp_path, capsys):
    path = tmp_path / "r.dsl"
    path.write_bytes(random.Random(0).randbytes(4000))
    assert main(["check", str(path), "--json"]) == 2
    captured = capsys.readouterr()
    [d] = json.loads(captured.out)["diagnostics"]
    assert (d["code"], d["severity"]) == ("unreadable-file", "error")
    assert "not UTF-8" in d["message"] and list(d) == ["code", "severity", "message", "line", "column", "hint"]
    assert main(["check", str(path)]) == 2  # text mode: the one line on stderr
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1 and "not UTF-8" in captured.err
    assert main(["check", str(tmp_path / "missing.dsl"), "--json"]) == 2
    assert json.loads(capsys.readouterr().out)["diagnostics"][0]["code"] == "unreadable-file"


def test_random_text_only_produces_diagnostics():
    rng = random.Random(1)
    for _ in range(20):
        text = "".join(chr(rng.choice([rng.randrange(32, 127), rng.randrange(0, 0x3000), 10]))
                       for _ in range(300))
        assert all(d.code for d in check_text(text, resolve_spec=True))


def test_unused_product_once_per_name():
    found = check_text(H + "a, a = SPIN(culture)\nb = MIX(culture)\n")
    assert [(d.code, d.column) for d in found] == [("duplicate-name", 4), ("unused-product", 4)]


def test_a_huge_line_shows_a_window_around_the_column():
    n = 20000
    text = 'protocol "t"\ninput x\na = ADD(' + ", ".join(["x"] * n) + ", )\n"
    found = check_text(text)
    assert [(d.code, d.message) for d in found] == [("syntax-error", "an argument is missing")]
    out = render(found, text, "p.dsl").splitlines()
    source, caret = out[1][4:], out[2][4:]
    assert len(source) <= WINDOW + 2 and source.startswith("…") and source.endswith(", )")
    assert source[caret.index("^")] == ")"
    assert len("\n".join(out)) < 600


def test_a_long_line_window_in_the_middle_is_cut_on_both_sides():
    text = 'protocol "t"\ninput x\na = ADD(' + "x, " * 100 + "x time: 1 min, " + "x, " * 100 + "x)\n"
    [d] = check_text(text)
    source, caret = render([d], text).splitlines()[1:3]
    assert source.startswith("    …") and source.endswith("…")
    assert source[caret.index("^"):].startswith("time")


def test_negative_amounts_are_errors_and_temperatures_are_not():
    spec_text = 'protocol "t"\ninput c\na = SPIN(c, time: -5 min, volume: -1 uL, temperature: -20 degC, count: -2)\n'
    found = [(d.code, d.severity, d.column) for d in check_text(spec_text)]
    assert found == [("negative-quantity", "error", 19), ("negative-quantity", "error", 35)] + [
        ("negative-quantity", "error", 72)]


def test_a_negative_value_is_not_also_out_of_range():
    text = 'protocol "t" domain wetlab\ninput c\nsup, p = CENTRIFUGE(c, time: -5 min)\nDISCARD(sup)\n'
    assert [d.code for d in check_text(text, resolve_spec=True)] == ["negative-quantity"]


@pytest.mark.parametrize("command", ["check", "compile"])
def test_dsl_takes_a_bundled_domain_name(main, command, tmp_path, capsys):
    program = tmp_path / "p.dsl"
    program.write_text('protocol "t" domain wetlab\ninput c\nc_2 = MIX(c, time: 1 min)\n', encoding="utf-8")
    args = [command, str(program), "--dsl", "wetlab"] + (["-o", str(tmp_path / "p.json")] if command == "compile" else [])
    assert main(args) == 0
    assert "domain-mismatch" not in capsys.readouterr().out
    assert main([command, str(program), "--dsl", "no_such_domain"]) == 2
    assert "no DSL spec for domain 'no_such_domain'" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["check", "compile"])
def test_help_example_runs_from_the_repository_root(main, command, tmp_path, monkeypatch, capsys):
    from autodsl.cli.commands.check import check
    from autodsl.cli.commands.compile import compile_program

    doc = (check if command == "check" else compile_program).__doc__
    example = next(line.strip() for line in doc.splitlines() if line.strip().startswith("Example:"))
    parts = [shlex.split(part) for part in example.removeprefix("Example:").split("&&")]
    assert parts[-1][:2] == ["autodsl", command]
    for argv in parts:
        assert argv[0] == "autodsl"
        # repository files as they are; what the example writes goes to a scratch folder
        args = [str(ROOT / a) if (ROOT / a).is_file() else a for a in argv[1:]]
        monkeypatch.chdir(tmp_path)
        assert main(args) == 0, argv
