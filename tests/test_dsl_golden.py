"""Golden programs: for each diagnostic code, programs and the diagnostics they must get.

``tests/data/dsl/<code>/<name>.dsl`` is checked against the fixture spec (files named
``no_spec*`` without a spec, their domain left to the registry); ``<name>.expected`` holds
the expected diagnostics, one ``line:col: severity code: message`` per line. Each folder's
programs must report its code at least once, except files ending in ``_ok`` which show what
must not be reported.
"""

from pathlib import Path

import pytest

from autodsl.induce.spec import load_spec
from autodsl.validate import check_text

DATA = Path(__file__).parent / "data" / "dsl"
SPEC = load_spec(DATA / "spec_wetlab.dsl.json")
PROGRAMS = sorted(DATA.glob("*/*.dsl"))


def _check(path: Path) -> list[str]:
    spec = None if path.name.startswith("no_spec") else SPEC
    found = check_text(path.read_text(encoding="utf-8"), spec, resolve_spec=True)
    return [d.format("")[1:] for d in found]


@pytest.mark.parametrize("path", PROGRAMS, ids=lambda p: f"{p.parent.name}/{p.name}")
def test_golden_program(path):
    expected = path.with_suffix(".expected").read_text(encoding="utf-8").splitlines()
    assert _check(path) == expected


@pytest.mark.parametrize("folder", sorted({p.parent for p in PROGRAMS if p.parent.name != "valid"}),
                         ids=lambda p: p.name)
def test_each_code_folder_reports_its_code(folder):
    code = folder.name
    for path in sorted(folder.glob("*.dsl")):
        codes = [line.split(" ")[2].rstrip(":") for line in _check(path)]
        if path.stem.endswith("_ok"):
            assert code not in codes, path
        else:
            assert code in codes, path


def test_valid_programs_have_no_diagnostics():
    for path in sorted((DATA / "valid").glob("*.dsl")):
        assert _check(path) == [], path


def test_every_dsl_code_has_a_golden_folder():
    from autodsl.diagnostics import CODES

    dsl_codes = [c for c in CODES if c in {
        "syntax-error", "unknown-operation", "unknown-slot", "missing-required-slot", "unit-mismatch",
        "value-out-of-range", "undefined-material", "use-after-consume", "container-over-capacity",
        "unused-product", "duplicate-name", "domain-mismatch", "unknown-unit", "domain-not-checked",
        "negative-quantity", "conditional-product"}]
    assert sorted(dsl_codes) == sorted(p.name for p in DATA.iterdir() if p.is_dir() and p.name != "valid")
