"""The diagnostic codes in code and in docs/errors.md agree, and diagnostics behave."""

import re
from pathlib import Path

import pytest

from autodsl.diagnostics import CODES, Diagnostic, DiagnosticsError, Strictness, has_errors, raise_for

DOCS = Path(__file__).resolve().parents[1] / "docs" / "errors.md"


def documented_codes() -> dict[str, str]:
    """code -> section text, from the ### `code` headings of docs/errors.md."""
    text = DOCS.read_text(encoding="utf-8")
    parts = re.split(r"^### `([a-z0-9-]+)`\s*$", text, flags=re.MULTILINE)
    return {parts[i]: parts[i + 1] for i in range(1, len(parts), 2)}


def test_every_code_is_documented_and_every_documented_code_exists():
    docs = documented_codes()
    assert sorted(docs) == sorted(CODES)


@pytest.mark.parametrize("code", sorted(CODES))
def test_each_documented_code_has_severity_and_example(code):
    section = documented_codes()[code]
    assert re.search(r"Severity: (error|warning|info)", section), code
    assert re.search(rf"^    .*{re.escape(code)}", section, flags=re.MULTILINE), f"{code}: no example line"


def test_codes_are_kebab_case():
    for code in CODES:
        assert re.fullmatch(r"[a-z]+(-[a-z]+)*", code), code


def test_unknown_code_is_rejected():
    with pytest.raises(ValueError):
        Diagnostic(code="no-such-code", severity="error", message="x")


def test_strictness_raises_only_on_errors():
    warn = Diagnostic(code="empty-file", severity="warning", message="empty")
    err = Diagnostic(code="malformed-file", severity="error", message="bad", line=3, column=1)
    raise_for([warn], Strictness.RAISE)
    raise_for([err], Strictness.WARN)
    assert has_errors([warn, err])
    with pytest.raises(DiagnosticsError):
        raise_for([warn, err], Strictness.RAISE)
    assert err.format("f.txt") == "f.txt:3:1: error malformed-file: bad"
