"""``autodsl quantity``: JSON output, human output and exit codes."""

from __future__ import annotations

import json

import pytest

from autodsl.cli import main


def run_json(capsys: pytest.CaptureFixture[str], *args: str) -> dict:
    assert main(["quantity", "--json", *args]) == 0
    return json.loads(capsys.readouterr().out)


def test_json_has_the_documented_keys(capsys):
    data = run_json(capsys, "11,000 x g")
    assert {"text", "value", "unit", "dimension", "original_unit"} <= set(data)
    keys = ("text", "value", "unit", "dimension", "original_unit")
    assert tuple(data[k] for k in keys) == ("11,000 x g", 11000.0, "xg", "force", "x g")


def test_a_range_prints_low_high(capsys):
    data = run_json(capsys, "5 - 10 min")
    assert (data["value"], data["unit"], data["canonical"]) == ([300.0, 600.0], "s", "300..600 s")


def test_defaults_and_repeats_are_reported(capsys):
    assert run_json(capsys, "room temperature")["default"] is True
    repeated = run_json(capsys, "2 x 5 min")
    assert (repeated["repeat"], repeated["value"]) == (2, 300.0)


def test_context_settles_a_bare_g(capsys):
    assert main(["quantity", "12,000 g"]) == 2
    err = capsys.readouterr().err
    assert "x g" in err and err.count("\n") == 1 and "Traceback" not in err
    assert run_json(capsys, "--context", "Speed", "12,000 g")["unit"] == "xg"
    assert run_json(capsys, "-c", "Amount", "5 g")["unit"] == "mg"


def test_a_leading_minus_goes_after_double_dash(capsys):
    assert run_json(capsys, "--", "-80 °C")["value"] == -80.0


@pytest.mark.parametrize("text", ["hello", "5 flurbs", "5", "1,5 ml", "5 ml of water"])
def test_not_a_quantity_exits_2_with_one_line(capsys, text):
    assert main(["quantity", "--json", text]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("autodsl: error:") and captured.err.count("\n") == 1


def test_human_output_names_the_canonical_form(capsys):
    assert main(["quantity", "37 ° C"]) == 0
    assert capsys.readouterr().out.strip() == "37 ° C -> 37 degC (temperature)"


def test_help_shows_an_example(capsys):
    assert main(["quantity", "--help"]) == 0
    assert "Example:" in capsys.readouterr().out
