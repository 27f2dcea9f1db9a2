"""PDG -> program text: the printer behind ``translate --format dsl``.

It prints any PDG that follows the conventions of :mod:`autodsl.pdg.model` (the
translator's, or one parsed from a program) in the canonical layout of
``docs/language.md``: the header, declarations (inputs, containers, devices), a blank
line, then one statement per operation in execution order, blocks indented by four
spaces. Quantities keep the unit they were written in when the language can spell it
(``1.5 mL``), else they are printed in the canonical unit; markers ``(default)`` and
``(suggested)`` and the value ``unknown`` come from each slot's ``source``; amounts the text
gives that no slot of the operation takes (``extra_slots`` with ``measures``) are written in
the statement's comment (``# step 3: 10 µl of buffer``). Printing is
canonical: for any program text, ``print_program(parse(print_program(parse(text))))`` equals
``print_program(parse(text))``.

>>> from autodsl.emit.parse import parse
>>> print(print_program(parse('protocol "Spin"\\ninput culture\\n'
...                           'pellet=CENTRIFUGE(culture,time:10 min)  #step 2\\n')), end="")
protocol "Spin"
input culture
<BLANKLINE>
pellet = CENTRIFUGE(culture, time: 10 min)  # step 2
"""

from __future__ import annotations

import math
import re
from typing import Any

from autodsl.emit.grammar import KEYWORDS, NAME_PATTERN, UNIT_SPELLINGS
from autodsl.emit.quantity import format_number, quantity_text, to_canonical, written_quantity
from autodsl.pdg.model import PDG
from autodsl.pdg.products import identifier
from autodsl.units import CANONICAL_UNITS

__all__ = ["print_program", "quote", "INDENT"]

INDENT = "    "
_MARKERS = {"default": " (default)", "llm": " (suggested)"}


def quote(text: str) -> str:
    """A string literal of ``text`` on one line.

    >>> quote('say "hi"\\nnow')
    '"say \\\\"hi\\\\" now"'
    """
    flat = " ".join(str(text).split())
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _identifier(text: str, *, slot: bool = False) -> str:
    name = identifier(text)
    return name + "_" if name in KEYWORDS and not slot else name


def _opcode(text: str) -> str:
    opcode = re.sub(r"[^A-Z0-9_]+", "_", str(text).upper()).strip("_") or "OP"
    return opcode if opcode[0].isalpha() else "OP_" + opcode


class _Names:
    """Program names of material, container and device nodes: given names kept, others made unique."""

    def __init__(self, pdg: PDG) -> None:
        self.of: dict[str, str] = {}
        given: dict[str, str] = {}
        for source, target, data in pdg.edges("produces"):
            if data.get("name"):
                given.setdefault(target, str(data["name"]))
        for node, data in pdg.nodes():
            if data["kind"] != "operation" and data.get("name"):
                given[node] = str(data["name"])
        taken = {n for n in given.values() if re.fullmatch(NAME_PATTERN, n) and n not in KEYWORDS}
        # the last suffix tried per base: naming stays linear when thousands share a base
        tried: dict[str, int] = {}
        for node, data in pdg.nodes():
            if data["kind"] == "operation" or data.get("role") == "reference":
                continue
            name = given.get(node)
            if name is not None and re.fullmatch(NAME_PATTERN, name) and name not in KEYWORDS:
                self.of[node] = name
                continue
            base = _identifier(name if name is not None else data["label"])
            n = tried.get(base, 1)
            candidate = base if n == 1 else f"{base}_{n}"
            while candidate in taken:
                n += 1
                candidate = f"{base}_{n}"
            tried[base] = n
            taken.add(candidate)
            self.of[node] = candidate
        # a re-mention ("the tube") is printed as the material it names, so flow through
        # references reads as it always did
        self._rebind_in_conditional_blocks(pdg)
        for node, data in pdg.nodes("material"):
            if data.get("role") == "reference":
                self.of[node] = self.of.get(pdg.referent(node), _identifier(data["label"]))

    def _rebind_in_conditional_blocks(self, pdg: PDG) -> None:
        """In an ``if`` or ``optional`` block, an operation that turns one product into another
        binds the product's own name again (``pellet = WASH(pellet)``), so after the block the
        name holds whichever exists: the product when the block ran, else the one before it
        (language.md, "Blocks"). Only when nothing else uses, or refers back to, the old one,
        and never for a product a parsed program names itself (its node's ``name``, which
        :mod:`autodsl.emit.build` sets and the translator does not): a program's own names
        print as written."""
        users: dict[str, set[str]] = {}  # material -> the operations that take it, itself or by a reference
        for source, op, d in pdg.edges("consumes"):
            users.setdefault(pdg.referent(source), set()).add(op)
        ops = sorted(pdg.nodes("operation"), key=lambda item: item[1].get("order", 0))
        for op, data in ops:
            if not any(b.get("kind") in ("if", "optional") for b in data.get("blocks") or []):
                continue
            made = [t for _, t, d in pdg.graph.out_edges(op, data=True) if d["kind"] == "produces"]
            if any(pdg.graph.nodes[t].get("name") for t in made):
                continue
            taken = [s for s, _, d in pdg.graph.in_edges(op, data=True) if d["kind"] == "consumes" and not d.get("slot")]
            if len(taken) != 1:
                continue
            old = pdg.referent(taken[0])
            if len(made) == 2:
                # a spin again splits the supernatant it clears: the supernatant keeps its name
                kind = pdg.graph.nodes[old].get("product_kind")
                made = [m for m in made if pdg.graph.nodes[m].get("product_kind") == kind]
            if len(made) != 1 or pdg.graph.nodes[old].get("role") != "product" or users.get(old) != {op}:
                continue
            self.of[made[0]] = self.of[old]


def _quantity(record: dict[str, Any]) -> str | None:
    dimension, value = record.get("dimension"), record.get("value")
    text = str(record.get("text", ""))
    written = written_quantity(text, dimension) if dimension else None
    if written is not None:
        return written
    if not isinstance(value, (int, float, list, tuple)) or dimension not in UNIT_SPELLINGS:
        return None
    values = [float(v) for v in value] if isinstance(value, (list, tuple)) else [float(value)]
    unit = record.get("unit") or CANONICAL_UNITS[dimension]
    if unit not in UNIT_SPELLINGS[dimension]:
        unit = CANONICAL_UNITS[dimension]
    found = _readable(values, dimension, text, unit)
    if found is not None:
        unit, values = found
    return quantity_text(values[0], values[-1] if len(values) > 1 else None, unit)


# Units a scientist writes an amount in, smallest first (ASCII spellings of the language); the
# canonical unit stays for what no rung spells shortly ("1e-07 mg" reads "0.1 ng")
_LADDERS: dict[str, tuple[str, ...]] = {
    "volume": ("nL", "uL", "mL", "L"),
    "mass": ("pg", "ng", "ug", "mg", "g", "kg"),
    "time": ("s", "min", "h", "d"),
    "molar_concentration": ("pM", "nM", "uM", "mM", "M"),
    "mass_concentration": ("ng/mL", "ug/mL", "mg/mL"),
    "length": ("nm", "um", "mm", "m"),
}


def _in_unit(values: list[float], unit: str, digits: int) -> list[float] | None:
    """``values`` (canonical) in ``unit``, rounded to ``digits`` significant digits, or None
    unless every one reads back as the same canonical value."""
    zero, one = to_canonical(0.0, unit), to_canonical(1.0, unit)
    if zero is None or one is None or one[1] == zero[1]:
        return None
    scale, offset = one[1] - zero[1], zero[1]
    converted = [float(f"{(v - offset) / scale:.{digits}g}") for v in values]
    back = [to_canonical(x, unit) for x in converted]
    if all(b is not None and math.isclose(b[1], v, rel_tol=1e-9, abs_tol=1e-15) for b, v in zip(back, values)):
        return converted
    return None


def _readable(values: list[float], dimension: str, text: str, unit: str) -> tuple[str, list[float]] | None:
    """The unit (and values in it) to print a quantity the text wrote in no form of the
    language ("0.1 - 50ng", "overnight") in a dimension of several units: the unit as written
    when the language spells it,
    else the largest unit of :data:`_LADDERS` in which the amount is at least 1 and short
    (6 significant digits at most), else None (the record's unit)."""
    if dimension not in _LADDERS:
        return None  # one unit of its own (degC, xg, rpm, %): the canonical spelling
    flat = " ".join(text.split())
    for spelling in sorted(UNIT_SPELLINGS[dimension], key=len, reverse=True):
        before = flat[:-len(spelling)].rstrip()
        if flat.endswith(spelling) and before[-1:].isdigit():
            converted = _in_unit(values, spelling, 12)
            if converted is not None:
                return spelling, converted
            break
    if unit != CANONICAL_UNITS[dimension]:
        return None  # a unit someone chose stays
    for rung in reversed(_LADDERS.get(dimension, ())):
        converted = _in_unit(values, rung, 6)
        if converted is not None and max(abs(x) for x in converted) >= 1:
            return rung, converted
    return None


def _value(record: dict[str, Any], names: _Names) -> str:
    if record.get("source") == "unknown":
        return "unknown"
    marker = _MARKERS.get(str(record.get("source")), "")
    ref = record.get("ref")
    if ref in names.of:
        return names.of[ref] + marker
    if record.get("quoted"):
        return quote(record.get("text", "")) + marker
    quantity = _quantity(record)
    if quantity is not None:
        return quantity + marker
    value = record.get("value")
    if isinstance(value, (int, float)) and not isinstance(value, bool) and record.get("dimension") is None:
        return format_number(float(value)) + marker
    return quote(record.get("text") or ("" if value is None else value)) + marker


def _declarations(pdg: PDG, names: _Names) -> list[str]:
    produced = {target for _, target, _ in pdg.edges("produces")}
    lines = []
    for kind in ("material", "container", "device"):
        for node, data in pdg.nodes(kind):
            if kind == "material" and (node in produced or data.get("role") == "reference"):
                continue
            name = names.of[node]
            words = ["input" if kind == "material" else kind, name]
            if str(data["label"]) != name:
                words.append(quote(data["label"]))
            if kind == "material" and isinstance(data.get("quantity"), dict):
                amount = _quantity(data["quantity"])
                if amount is not None:
                    words.append(amount)
            if kind == "container" and isinstance(data.get("capacity"), dict):
                capacity = _quantity({**data["capacity"], "dimension": "volume"})
                if capacity is not None:
                    words += ["capacity", capacity]
            lines.append(" ".join(words))
    return lines


def _statement(pdg: PDG, op: str, data: dict[str, Any], names: _Names) -> str:
    targets = [names.of[t] for _, t, d in pdg.graph.out_edges(op, data=True) if d["kind"] == "produces"]
    consumed = [(d.get("position") or 0, s, d) for s, _, d in pdg.graph.in_edges(op, data=True)
                if d["kind"] == "consumes"]
    args = [names.of[s] for _, s, d in sorted(consumed, key=lambda x: x[0]) if not d.get("slot")]
    slots: dict[str, Any] = data.get("slots") or {}
    written: set[str] = set()
    for slot, record in slots.items():
        name = _identifier(slot, slot=True).lower()
        if name in written or not isinstance(record, dict):
            continue
        written.add(name)
        args.append(f"{name}: {_value(record, names)}")
    linked = [(position, s, d) for position, s, d in consumed if d.get("slot")]
    linked += [(0, t, d) for _, t, d in pdg.graph.out_edges(op, data=True) if d["kind"] == "uses" and d.get("slot")]
    for _, node, edge in sorted(linked, key=lambda item: item[0]):  # by argument order, as positional ones
        name = _identifier(edge["slot"], slot=True).lower()
        if name not in written:
            written.add(name)
            args.append(f"{name}: {names.of[node]}")
    text = f"{_opcode(data.get('opcode') or data['label'])}({', '.join(args)})"
    if targets:
        text = f"{', '.join(dict.fromkeys(targets))} = {text}"
    note = "; ".join(filter(None, [" ".join(str(data.get("comment") or "").split()), _unprinted_amounts(data, names)]))
    step = data.get("step") or 0
    if step:
        text += f"  # step {step}" + (f": {note}" if note else "")
    elif note:
        text += f"  # {note}"
    return text


def _unprinted_amounts(data: dict[str, Any], names: _Names) -> str:
    """What the text gives that no slot of the domain's operation takes, for the reader; kept
    in the PDG's ``extra_slots``. Amounts say what they measure (``10 µl of buffer``, ``to
    49.5 µl``: a final volume); other arguments (a temperature where the operation has no
    temperature slot, a second site) are listed after them and marked ``(no slot)``, so a
    program never hides a setting the protocol states."""
    said, unplaced = [], []
    for record in data.get("extra_slots") or []:
        if not isinstance(record, dict) or not record.get("text"):
            continue
        text = " ".join(str(record["text"]).split())
        measured = record.get("measures")
        if measured is None:
            unplaced.append(text)
            continue
        name = names.of.get(measured)
        said.append(f"to {text}" if measured == "final" else text if name is None else
                    f"{name} at {text}" if record.get("type") == "Concentration" else f"{text} of {name}")
    if unplaced:
        said.append(", ".join(dict.fromkeys(unplaced)) + " (no slot)")
    return ", ".join(said)


def _opening(block: dict[str, Any]) -> str | None:
    kind = block.get("kind")
    if kind == "repeat":
        count = block.get("count")
        return f"repeat {max(1, int(count)) if isinstance(count, (int, float)) else 1} times {{"
    if kind == "if":
        return f"if {quote(block.get('condition') or '')} {{"
    if kind in ("parallel", "optional"):
        return f"{kind} {{"
    return None


def print_program(pdg: PDG) -> str:
    """The program text of ``pdg`` (see the module doc); ends with a newline."""
    names = _Names(pdg)
    title = pdg.meta.get("title") or "Untitled protocol"
    header = f"protocol {quote(title)}"
    domain = pdg.meta.get("domain")
    if isinstance(domain, str) and re.fullmatch(NAME_PATTERN, domain) and domain not in KEYWORDS:
        header += f" domain {domain}"
    lines = [header, *_declarations(pdg, names)]
    ops = [op for _, op in sorted(enumerate(pdg.nodes("operation")),
                                  key=lambda item: (item[1][1].get("order") or 0, item[0]))]
    if ops:
        lines.append("")
    open_blocks: list[str] = []
    for op, data in ops:
        wanted = [b for b in data.get("blocks") or [] if isinstance(b, dict) and _opening(b) is not None]
        ids = [str(b.get("id")) for b in wanted]
        keep = 0
        while keep < min(len(ids), len(open_blocks)) and ids[keep] == open_blocks[keep]:
            keep += 1
        while len(open_blocks) > keep:
            open_blocks.pop()
            lines.append(INDENT * len(open_blocks) + "}")
        for block in wanted[keep:]:
            lines.append(INDENT * len(open_blocks) + str(_opening(block)))
            open_blocks.append(str(block.get("id")))
        lines.append(INDENT * len(open_blocks) + _statement(pdg, op, data, names))
    while open_blocks:
        open_blocks.pop()
        lines.append(INDENT * len(open_blocks) + "}")
    return "\n".join(lines) + "\n"
