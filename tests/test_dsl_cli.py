"""``autodsl check`` and ``autodsl compile``: output, exit codes, atomic output."""

import json
from pathlib import Path

import pytest

DATA = Path(__file__).parent / "data" / "dsl"
SPEC = DATA / "spec_wetlab.dsl.json"
VALID = DATA / "valid" / "miniprep.dsl"


@pytest.fixture
def main():
    """The CLI entry point, imported per test so a broken CLI fails these tests, not collection."""
    from autodsl.cli import main as cli_main

    return cli_main


def test_check_valid_program_exits_0(main, capsys):
    assert main(["check", str(VALID), "--dsl", str(SPEC)]) == 0
    assert capsys.readouterr().out.strip().endswith("no problems")


def test_check_prints_like_a_compiler_and_exits_1(main, capsys):
    path = DATA / "unknown-slot" / "slots.dsl"
    assert main(["check", str(path), "--dsl", str(SPEC)]) == 1
    out = capsys.readouterr().out.splitlines()
    assert out[0] == f"{path}:3:30: error unknown-slot: CENTRIFUGE has no slot 'tme'; did you mean 'time'?"
    assert out[1] == "    pellet = CENTRIFUGE(culture, tme: 1 min, time: 1 min, colour: \"blue\")"
    assert out[2] == "    " + " " * 29 + "^"
    assert out[3] == "    hint: write time: ..."
    assert out[-1] == "3 errors"


def test_check_json(main, capsys):
    path = DATA / "value-out-of-range" / "range.dsl"
    assert main(["check", str(path), "--dsl", str(SPEC), "--json"]) == 0  # warnings only
    data = json.loads(capsys.readouterr().out)
    assert set(data) == {"diagnostics"}
    first = data["diagnostics"][0]
    assert list(first) == ["code", "severity", "message", "line", "column", "hint"]
    assert (first["code"], first["severity"], first["line"], first["column"]) == ("value-out-of-range", "warning", 3, 36)


def test_check_without_spec_says_so(main, capsys):
    path = DATA / "domain-not-checked" / "no_spec_domain.dsl"  # a domain no spec is bundled for
    assert main(["check", str(path), "--json"]) == 0
    codes = [d["code"] for d in json.loads(capsys.readouterr().out)["diagnostics"]]
    assert codes == ["domain-not-checked"]


def test_check_unreadable_inputs_exit_2(main, tmp_path, capsys):
    assert main(["check", str(tmp_path / "missing.dsl")]) == 2
    binary = tmp_path / "binary.dsl"
    binary.write_bytes(b'protocol "x"\n\xff\xfe\x00')
    assert main(["check", str(binary)]) == 2
    bad_spec = tmp_path / "bad.dsl.json"
    bad_spec.write_text("{", encoding="utf-8")
    assert main(["check", str(VALID), "--dsl", str(bad_spec)]) == 2
    err = capsys.readouterr().err
    assert "not UTF-8" in err and "Traceback" not in err


def test_compile_writes_the_pdg(main, tmp_path):
    out = tmp_path / "out.json"
    assert main(["compile", str(VALID), "--dsl", str(SPEC), "-o", str(out)]) == 0
    data = json.loads(out.read_text(encoding="utf-8"))
    assert data["stage"] == "linked" and data["meta"]["domain"] == "wetlab"
    ops = [n for n in data["nodes"] if n["kind"] == "operation"]
    assert ops[1]["opcode"] == "CENTRIFUGE" and ops[1]["slots"]["force"]["value"] == 12000.0
    assert ops[1]["slots"]["temperature"]["source"] == "default"
    assert {e["kind"] for e in data["edges"]} >= {"next", "produces", "consumes", "uses", "repeat", "branch"}


def test_compile_refuses_programs_with_errors_and_writes_nothing(main, tmp_path, capsys):
    out = tmp_path / "out.json"
    out.write_text("previous", encoding="utf-8")
    path = DATA / "use-after-consume" / "discard.dsl"
    assert main(["compile", str(path), "--dsl", str(SPEC), "-o", str(out)]) == 1
    assert out.read_text(encoding="utf-8") == "previous"
    assert "use-after-consume" in capsys.readouterr().err
    assert main(["compile", str(DATA / "syntax-error" / "several.dsl"), "-o", str(tmp_path / "new.json")]) == 1
    assert not (tmp_path / "new.json").exists()
    assert [p.name for p in tmp_path.iterdir()] == ["out.json"]  # no temporary files left


def test_compile_to_stdout(main, capsys):
    assert main(["compile", str(DATA / "valid" / "enzyme.dsl"), "--dsl", str(SPEC)]) == 0
    assert json.loads(capsys.readouterr().out)["meta"]["title"] == "Enzyme assay with optional controls"


def test_help_shows_examples(main, capsys):
    for command in ("check", "compile"):
        assert main([command, "--help"]) == 0
        out = capsys.readouterr().out
        assert "Example: autodsl " in out and f"autodsl {command} " in " ".join(out.split())
