"""``translate`` and ``check`` agree: translate's exit code says what check says of its own program.

A program translate prints is checked with the translation's spec, as ``autodsl check``
does. Whenever check finds errors in it, translate must have reported errors too (exit 1),
and the operations the domain does not have (``unknown-operation``) are the same for both.
"""

import random
from pathlib import Path

import pytest

from autodsl.corpus import load_protocol
from autodsl.diagnostics import has_errors
from autodsl.driver import translate
from autodsl.emit.printer import print_program
from autodsl.validate import check_text

ROOT = Path(__file__).resolve().parents[1]
EXAMPLES = sorted(p for p in (ROOT / "protocols").iterdir() if p.suffix in (".txt", ".md"))
# corpus protocols with verbs their domain's DSL has no operation for, as the audit found them
WITH_UNKNOWN_VERBS = [ROOT / "corpora" / "wlp" / "dev" / f"protocol_{n}.txt" for n in (102, 266, 340)] + [
    ROOT / "corpora" / "protocol-exchange" / "protocol_1444.json"]
SAMPLE = sorted(random.Random(4).sample(sorted((ROOT / "corpora" / "wlp" / "dev").glob("*.txt")), 4)
                + random.Random(4).sample(sorted((ROOT / "corpora" / "protocol-exchange").glob("*.json")), 3))


def _both(path: Path):
    translation = translate(load_protocol(path))
    return translation, check_text(print_program(translation.pdg), translation.spec)


def _unknown_opcodes(diagnostics):
    """The opcodes of the ``unknown-operation`` findings ("... has no operation SIEVE; did you mean ...")."""
    return sorted(d.message.split(" no operation ")[-1].split(";")[0] for d in diagnostics
                  if d.code == "unknown-operation")


@pytest.mark.parametrize("path", EXAMPLES + WITH_UNKNOWN_VERBS + SAMPLE, ids=lambda p: p.name)
def test_check_finds_no_error_translate_did_not_report(path):
    translation, checked = _both(path)
    if has_errors(checked):
        assert has_errors(translation.diagnostics), [d.message for d in checked if d.severity == "error"]
    assert _unknown_opcodes(translation.diagnostics) == _unknown_opcodes(checked)
    assert all(d.severity == "error" for d in translation.diagnostics if d.code == "unknown-operation")


@pytest.mark.parametrize("path", EXAMPLES + WITH_UNKNOWN_VERBS, ids=lambda p: p.name)
def test_exit_codes_agree(path):
    translation, checked = _both(path)
    assert has_errors(translation.diagnostics) == has_errors(checked)


def test_translate_and_check_exit_codes_on_the_audit_case(tmp_path, capsys):
    from autodsl.cli import main

    program = tmp_path / "o.dsl"
    code = main(["translate", str(ROOT / "protocols" / "organic_workup.txt"), "--format", "dsl", "-o", str(program)])
    err = capsys.readouterr().err
    assert code == 1 and "error unknown-operation" in err and "DISCARD" in err
    assert main(["check", str(program)]) == 1
    captured = capsys.readouterr()
    assert "unknown-operation" in captured.out + captured.err


def test_an_unknown_operation_is_offered_the_operation_of_its_kind_of_work_not_a_look_alike():
    from autodsl.induce.spec import DslSpec, OperationSpec

    spec = DslSpec(domain="d", operations=[
        OperationSpec(opcode="FILTER", verbs={"filter": 9, "filter sterilize": 2}),
        OperationSpec(opcode="STAIN", verbs={"stain": 4}),
        OperationSpec(opcode="INCUBATE", verbs={"incubate": 9})])
    text = 'protocol "x" domain d\ninput cells\na = SIEVE(cells)\nb = MAINTAIN(a)\nc = INCUBAT(b)\n'
    found = {d.message for d in check_text(text, spec) if d.code == "unknown-operation"}
    assert found == {"the d domain has no operation SIEVE; did you mean FILTER (filter work)?",
                     "the d domain has no operation MAINTAIN",  # STAIN is only spelt alike
                     "the d domain has no operation INCUBAT; did you mean INCUBATE?"}
