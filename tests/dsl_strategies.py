"""Hypothesis strategies for protocol programs (shared by the DSL tests).

Programs are built from the fixture spec's opcodes and slots plus unknown ones, with
random quantities in every unit spelling, ranges, markers, strings with escapes, blocks,
comments and spacing, so that they are syntactically valid but not necessarily correct.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import strategies as st

from autodsl.emit.grammar import KEYWORDS, UNIT_SPELLINGS
from autodsl.induce.spec import load_spec

SPEC = load_spec(Path(__file__).parent / "data" / "dsl" / "spec_wetlab.dsl.json")
OPCODES = sorted(op.opcode for op in SPEC.operations) + ["SPIN", "FROB_2"]
SLOTS = sorted({s.name for op in SPEC.operations for s in op.slots}) + ["colour", "device", "repeat"]
UNITS = [u for spellings in UNIT_SPELLINGS.values() for u in spellings] + ["flurbs", "mL/min"]

names = st.sampled_from(["culture", "pellet", "sup", "lysate", "x_1", "Buffer_P1", "tube", "t2"])
spaces = st.sampled_from(["", " ", "  ", "\t"])
numbers = st.one_of(
    st.integers(min_value=-100000, max_value=10**9).map(str),
    st.floats(min_value=-1e6, max_value=1e9, allow_nan=False, allow_infinity=False).map(repr),
    st.sampled_from(["0.5", ".5", "1.", "1e3", "2.5E-3", "+4"]),
)


@st.composite
def values(draw: st.DrawFn) -> str:
    kind = draw(st.sampled_from(["quantity", "range", "number", "string", "ref", "unknown"]))
    if kind == "quantity":
        text = f"{draw(numbers)}{draw(st.sampled_from([' ', '']))}{draw(st.sampled_from(UNITS))}"
    elif kind == "range":
        text = f"{draw(numbers)} to {draw(numbers)} {draw(st.sampled_from(UNITS))}"
    elif kind == "number":
        text = draw(numbers)
    elif kind == "string":
        raw = draw(st.text(st.characters(blacklist_categories=("Cs", "Cc")), max_size=20))
        text = '"' + raw.replace("\\", "\\\\").replace('"', '\\"') + '"'
    elif kind == "ref":
        text = draw(names)
    else:
        text = "unknown"
    marker = draw(st.sampled_from(["", "", " (default)", " (suggested)", "(default)", " ( suggested )"]))
    return text + marker


@st.composite
def statements(draw: st.DrawFn) -> str:
    s = draw(spaces)
    targets = draw(st.lists(names, max_size=2))
    args = [draw(names) for _ in range(draw(st.integers(0, 2)))]
    args += [f"{draw(st.sampled_from(SLOTS))}{draw(spaces)}:{draw(spaces)}{draw(values())}"
             for _ in range(draw(st.integers(0, 4)))]
    call = f"{draw(st.sampled_from(OPCODES))}{s}({s}{(s + ',' + draw(spaces)).join(args)}{s})"
    head = f"{(s + ',' + s).join(targets)}{s}={s}" if targets else ""
    comment = draw(st.sampled_from(["", "  # step 3", "# step 12: spin it", " # a note", "  #"]))
    return head + call + comment


@st.composite
def bodies(draw: st.DrawFn, depth: int = 0) -> list[str]:
    lines: list[str] = []
    for _ in range(draw(st.integers(0 if depth else 1, 4))):
        choice = draw(st.integers(0, 9))
        if choice < 7 or depth >= 2:
            lines.append(draw(statements()))
        else:
            opening = draw(st.sampled_from(['repeat 3 times {', 'repeat 2 {', 'if "the pellet \\"is\\" visible" {',
                                            'parallel {', 'optional {']))
            inner = draw(bodies(depth + 1))
            lines += [opening, *["    " + line for line in inner], "}"]
        if draw(st.integers(0, 6)) == 0:
            lines.append(draw(st.sampled_from(["", "# a comment line", "   "])))
    return lines


@st.composite
def programs(draw: st.DrawFn) -> str:
    decls = []
    for _ in range(draw(st.integers(0, 4))):
        kind = draw(st.sampled_from(["input", "container", "device"]))
        name = draw(names)
        label = draw(st.sampled_from(["", ' "a label"', ' "with \\"quotes\\""']))
        amount = ""
        if kind == "input":
            amount = draw(st.sampled_from(["", " 5 mL", " 2 to 3 g"]))
        elif kind == "container":
            amount = draw(st.sampled_from(["", " capacity 1.5 mL", " capacity 200 uL"]))
        decls.append(f"{kind} {name}{label}{amount}")
    domain = draw(st.sampled_from(["", " domain wetlab"]))
    title = draw(st.sampled_from(['"Spin"', '"A \\"quoted\\" title"', '"x"']))
    header = f"protocol {title}{domain}"
    ending = draw(st.sampled_from(["\n", "", "\n\n"]))
    return "\n".join([header, *decls, *draw(bodies())]) + ending


assert not set(KEYWORDS) & {"culture", "pellet", "sup", "lysate", "x_1", "Buffer_P1", "tube", "t2"}
