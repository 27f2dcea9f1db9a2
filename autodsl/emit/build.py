"""Program model -> PDG, following the attribute conventions of :mod:`autodsl.pdg.model`.

Declared inputs become ``material`` nodes (role ``input``), declared containers and devices
their own nodes, each statement an ``operation`` node whose ``slots`` hold canonical
quantities (``source`` from the value's marker: ``text``, ``default``, ``llm`` or
``unknown``). Flow: the materials a statement acts on ``consumes`` it (role ``Acts-on``,
by position), a material named in a slot too (role ``Using``, with its ``slot``); it
``produces`` its products (edge ``name`` = the product's name). A container or device named
in a slot is ``uses``-linked (with its ``slot``), and the products of a statement that names
a container are ``located-in`` it. Control: ``next`` between consecutive operations,
``branch`` into ``if`` and ``optional`` blocks (and ``next`` with ``skip`` past them),
``repeat`` from the last to the first operation of a repeat block. Every node keeps its span
in the program text; material, container and device nodes keep their program ``name``.

>>> from autodsl.emit.parse import parse_program
>>> g = program_to_pdg(parse_program('protocol "Spin"\\ninput culture\\npellet = SPIN(culture)\\n'))
>>> sorted((s, t, d["kind"]) for s, t, d in g.edges())
[('m1', 'op1', 'consumes'), ('op1', 'm2', 'produces')]
"""

from __future__ import annotations

from typing import Any

from autodsl.emit.program import MARKER_SOURCES, Block, Program, Statement, Value
from autodsl.emit.quantity import to_canonical
from autodsl.induce.spec import DslSpec
from autodsl.pdg.model import PDG
from autodsl.units import CANONICAL_UNITS

__all__ = ["program_to_pdg", "slot_record", "declared_quantity"]

STAGE = "linked"  # a program names every product, container and device: flow and bindings are explicit


def declared_quantity(value: Value) -> dict[str, Any] | None:
    """``{"value", "unit", "dimension", "text"}`` of a declared quantity in canonical units, or None."""
    if value.kind != "quantity" or value.unit is None or value.low is None:
        return None
    low = to_canonical(value.low, value.unit)
    if low is None:
        return None
    dimension, number = low
    amount: Any = number
    if value.high is not None:
        high = to_canonical(value.high, value.unit)
        amount = [number, high[1] if high else number]
    return {"value": amount, "unit": CANONICAL_UNITS.get(dimension, value.unit), "dimension": dimension,
            "text": value.text}


def slot_record(value: Value, dimension: str | None = None) -> dict[str, Any]:
    """The PDG slot record of a slot value (``dimension``: the spec's, for known unknowns).

    >>> from autodsl.emit.program import Value
    >>> v = Value(kind="quantity", text="4 degC", low=4, unit="degC", line=1, column=1, start=0, end=6)
    >>> slot_record(v)["value"], slot_record(v)["source"]
    (4.0, 'text')
    """
    record: dict[str, Any] = {"text": value.text, "source": MARKER_SOURCES[value.marker],
                              "start": value.start, "end": value.end}
    if value.kind == "unknown":
        record.update(value=None, unit=CANONICAL_UNITS.get(dimension or ""), dimension=dimension,
                      source="unknown")
    elif value.kind == "quantity":
        found = declared_quantity(value)
        if found is not None:
            record.update(value=found["value"], unit=found["unit"], dimension=found["dimension"])
        else:
            record.update(value=value.low if value.high is None else [value.low, value.high],
                          unit=value.unit, dimension=None)
    elif value.kind == "number":
        record["value"] = value.low
    elif value.kind == "string":
        record["quoted"] = True
    return record


def _block_record(block: Block, number: int) -> dict[str, Any]:
    record: dict[str, Any] = {"id": f"b{number}", "kind": block.kind}
    if block.count is not None:
        record["count"] = block.count
    if block.kind == "if":
        record["condition"] = block.condition
    elif block.kind == "optional":
        record["condition"] = "optional"  # as the translator marks optional work
    return record


def _verb(statement: Statement, spec: DslSpec | None) -> str:
    op = spec.operation(statement.opcode) if spec else None
    if op is not None and op.verbs:
        return max(sorted(op.verbs), key=op.verbs.__getitem__)
    return statement.opcode.lower().replace("_", " ")


def program_to_pdg(program: Program, spec: DslSpec | None = None) -> PDG:
    """The PDG of a parsed program (stage ``linked``); see the module doc for the mapping."""
    pdg = PDG(text=program.text, stage=STAGE, meta={"title": program.title, "domain": program.domain})
    binding: dict[str, str] = {}
    counters = {"m": 0, "c": 0, "d": 0}

    def new_id(prefix: str) -> str:
        counters[prefix] += 1
        return f"{prefix}{counters[prefix]}"

    for decl in program.declarations:
        if decl.name.name in binding:
            continue
        span = (decl.name.start, decl.name.end)
        label = decl.label or decl.name.name
        if decl.kind == "input":
            node = new_id("m")
            attrs: dict[str, Any] = {"role": "input", "product_kind": None, "states": []}
            if decl.quantity is not None:
                attrs["quantity"] = declared_quantity(decl.quantity) or {"text": decl.quantity.text}
            pdg.add_node(node, "material", label, span=span, name=decl.name.name, **attrs)
        elif decl.kind == "container":
            node = new_id("c")
            capacity = declared_quantity(decl.quantity) if decl.quantity else None
            extra = {"capacity": {k: capacity[k] for k in ("value", "unit", "text")}} if capacity else {}
            pdg.add_node(node, "container", label, span=span, name=decl.name.name, **extra)
        else:
            node = new_id("d")
            pdg.add_node(node, "device", label, span=span, name=decl.name.name)
        binding[decl.name.name] = node

    block_ids: dict[int, dict[str, Any]] = {}
    members: dict[str, list[str]] = {}
    op_ids: list[str] = []
    for order, (statement, blocks) in enumerate(program.steps()):
        op = f"op{order + 1}"
        op_ids.append(op)
        records = []
        for block in blocks:
            if id(block) not in block_ids:
                block_ids[id(block)] = _block_record(block, len(block_ids) + 1)
            records.append(block_ids[id(block)])
            members.setdefault(block_ids[id(block)]["id"], []).append(op)
        refs = _resolve(pdg, statement, binding, new_id)
        op_spec = spec.operation(statement.opcode) if spec else None
        slots: dict[str, Any] = {}
        for index, arg in enumerate(statement.args):
            if arg.slot is not None and arg.slot not in slots:
                slot_spec = op_spec.slot(arg.slot) if op_spec else None
                slots[arg.slot] = slot_record(arg.value, slot_spec.dimension if slot_spec else None)
                if index in refs:
                    slots[arg.slot]["ref"] = refs[index]
        attrs = {"opcode": statement.opcode, "verb": _verb(statement, spec), "step": statement.step or 0,
                 "order": order, "slots": slots, "blocks": records}
        if statement.comment:
            attrs["comment"] = statement.comment
        pdg.add_node(op, "operation", attrs["verb"], span=(statement.start, statement.end), **attrs)
        _flow(pdg, statement, op, refs, binding, new_id)
    _control(pdg, op_ids, list(block_ids.values()), members)
    return pdg


def _resolve(pdg: PDG, statement: Statement, binding: dict[str, str], new_id: Any) -> dict[int, str]:
    """Argument index -> node id of each name a statement refers to."""
    refs: dict[int, str] = {}
    for index, arg in enumerate(statement.args):
        if arg.value.kind != "ref":
            continue
        name = arg.value.text
        if name not in binding:  # used but never declared or produced (the checker reports it)
            node = new_id("m")
            pdg.add_node(node, "material", name, span=(arg.value.start, arg.value.end), name=name,
                         role="input", declared=False, product_kind=None, states=[])
            binding[name] = node
        refs[index] = binding[name]
    return refs


def _flow(pdg: PDG, statement: Statement, op: str, refs: dict[int, str], binding: dict[str, str],
          new_id: Any) -> None:
    containers: list[str] = []
    for index, node in refs.items():
        arg = statement.args[index]
        kind = pdg.graph.nodes[node]["kind"]
        if kind == "material":
            edge: dict[str, Any] = {"role": "Acts-on" if arg.slot is None else "Using", "position": index}
            if arg.slot is not None:
                edge["slot"] = arg.slot
            pdg.add_edge(node, op, "consumes", **edge)
        else:
            pdg.add_edge(op, node, "uses", slot=arg.slot)
            if kind == "container":
                containers.append(node)
    for target in statement.targets:
        node = new_id("m")
        pdg.add_node(node, "material", target.name, span=(target.start, target.end), name=target.name,
                     role="product", product_kind=None, states=[{"op": op, "state": statement.opcode.lower()}])
        pdg.add_edge(op, node, "produces", name=target.name)
        if containers:
            pdg.add_edge(node, containers[0], "located-in")
        binding[target.name] = node


def _control(pdg: PDG, op_ids: list[str], blocks: list[dict[str, Any]], members: dict[str, list[str]]) -> None:
    entries: dict[str, dict[str, Any]] = {}
    for block in blocks:
        if block["kind"] in ("if", "optional"):
            entries.setdefault(members[block["id"]][0], block)
    position = {op: i for i, op in enumerate(op_ids)}
    for prev, cur in zip(op_ids, op_ids[1:]):
        block = entries.get(cur)
        if block is None:
            pdg.add_edge(prev, cur, "next")
            continue
        pdg.add_edge(prev, cur, "branch", condition=block["condition"])
        after = position[members[block["id"]][-1]] + 1
        if after < len(op_ids) and not pdg.graph.has_edge(prev, op_ids[after], "next"):
            pdg.add_edge(prev, op_ids[after], "next", skip=block["id"])
    for block in blocks:
        if block["kind"] == "repeat":
            first, last = members[block["id"]][0], members[block["id"]][-1]
            if not pdg.graph.has_edge(last, first, "repeat"):
                pdg.add_edge(last, first, "repeat", count=block["count"], block=block["id"])
