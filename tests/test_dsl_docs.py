"""Every complete program in docs/language.md checks as the page says.

A fenced block whose first line that is not blank or a comment is a ``protocol`` header is a
complete program. It must check clean against the bundled spec of its header's domain,
unless its first line is ``# expect: CODE ...``: then it must get exactly those codes.
"""

import re
from pathlib import Path

import pytest

from autodsl.validate import check_text

DOCS = Path(__file__).resolve().parents[1] / "docs" / "language.md"


def example_programs() -> list[str]:
    blocks = re.findall(r"^```\n(.*?)^```", DOCS.read_text(encoding="utf-8"), flags=re.MULTILINE | re.DOTALL)
    programs = []
    for block in blocks:
        lines = [line for line in block.splitlines() if line.strip() and not line.lstrip().startswith("#")]
        if lines and lines[0].startswith('protocol "'):
            programs.append(block)
    return programs


def test_the_page_has_its_example_programs():
    programs = example_programs()
    assert len(programs) >= 3
    assert any("repeat" in p and "if " in p and "# expect:" not in p for p in programs)  # the flagship
    assert any(p.startswith("# expect:") for p in programs)


@pytest.mark.parametrize("program", example_programs(), ids=lambda p: p.splitlines()[0][:40])
def test_example_program_checks_as_documented(program):
    found = check_text(program, resolve_spec=True)
    first = program.splitlines()[0]
    if first.startswith("# expect:"):
        assert sorted({d.code for d in found}) == sorted(first.split(":", 1)[1].split())
    else:
        assert [d.format("language.md") for d in found] == []
