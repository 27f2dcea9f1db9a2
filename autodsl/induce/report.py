"""The readable report of a learned DSL: ``grammars/<domain>.md``.

Corpus statistics, the syntactic features, one table of all operations, then a section per
operation with its slots (unit, required, observed range, examples), parameter patterns,
product flow and source sentences.

>>> from autodsl.induce.spec import DslSpec, OperationSpec
>>> text = render_report(DslSpec(domain="demo", operations=[OperationSpec(opcode="MIX", verbs={"mix": 3}, count=3)]))
>>> text.splitlines()[0]
'# The `demo` DSL'
"""

from __future__ import annotations

from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec

__all__ = ["render_report"]

_MAX_VERBS = 8
_MAX_PATTERNS = 6


def _cell(text: str) -> str:
    """Text safe inside a markdown table cell."""
    return " ".join(text.replace("|", "\\|").split())


def _number(x: float) -> str:
    return f"{x:g}"


def _range(slot: SlotSpec) -> str:
    r = slot.range
    if r is None:
        return ""
    return (
        f"{_number(r.p05)}–{_number(r.p95)} {r.unit} (median {_number(r.median)}; "
        f"{_number(r.min)}–{_number(r.max)}, n={r.n})"
    )


def _verbs(op: OperationSpec, limit: int = _MAX_VERBS) -> str:
    ordered = sorted(op.verbs.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ", ".join(f"{v} ({n})" for v, n in ordered[:limit])
    return shown + (f", … {len(ordered) - limit} more" if len(ordered) > limit else "")


def _by_count(counts: dict[str, int]) -> str:
    """``A (5), B (2)``: most frequent first, ties by name (the order JSON does not keep)."""
    return ", ".join(f"{k} ({v})" for k, v in sorted(counts.items(), key=lambda kv: (-kv[1], kv[0])))


def _slot_summary(op: OperationSpec) -> str:
    parts = []
    for slot in op.slots:
        unit = f" [{slot.unit}]" if slot.unit else ""
        parts.append(f"{'**' + slot.name + '**' if slot.required else slot.name}{unit}")
    return ", ".join(parts)


def _operation_section(op: OperationSpec) -> list[str]:
    effect = f" Effect: {op.effect}." if op.effect else ""
    lines = [
        f"### `{op.opcode}`", "",
        f"{_cell(op.description)}. {op.count} instances; verbs: {_verbs(op, 20)}.{effect}", "",
    ]
    if op.slots:
        lines += ["| slot | role / type | unit | required | share | observed range | examples |",
                  "|---|---|---|---|---|---|---|"]
        for slot in op.slots:
            examples = "; ".join(f"“{_cell(e.text)}” ({e.protocol})" for e in slot.examples)
            lines.append(
                f"| `{slot.name}` | {slot.role} / {slot.type} | {slot.unit or ''} | "
                f"{'yes' if slot.required else 'no'} | {slot.frequency:.2f} | {_range(slot)} | {examples} |"
            )
        lines.append("")
    if op.patterns:
        shown = "; ".join(
            f"({', '.join(p.slots) or 'no slots'}) ×{p.count}" for p in op.patterns[:_MAX_PATTERNS]
        )
        more = f"; … {len(op.patterns) - _MAX_PATTERNS} more" if len(op.patterns) > _MAX_PATTERNS else ""
        lines += [f"Patterns: {shown}{more}.", ""]
    flow = []
    if op.products:
        flow.append("makes " + ", ".join(op.products))
    if op.predecessors:
        flow.append("after " + _by_count(op.predecessors))
    if op.successors:
        flow.append("before " + _by_count(op.successors))
    if flow:
        lines += ["Flow: " + "; ".join(flow) + ".", ""]
    for example in op.examples:
        lines.append(f"> {_cell(example.text)} — *{example.protocol}*")
    if op.examples:
        lines.append("")
    return lines


def render_report(spec: DslSpec) -> str:
    """Markdown report of ``spec``."""
    c, f = spec.corpus, spec.features
    patterns = sum(len(op.patterns) for op in spec.operations)
    lines = [
        f"# The `{spec.domain}` DSL",
        "",
        f"Learned by `autodsl learn` (seed {spec.seed}) from `{c.source or '?'}`: {c.protocols} protocols, "
        f"{c.steps} steps, {c.actions} instance actions. {len(spec.operations)} operations, "
        f"{patterns} parameter patterns. Grammar: `{spec.domain}.lark`; spec: `{spec.domain}.dsl.json`.",
        "",
        "Slot names in **bold** are required (given by at least 60% of an operation's instances). "
        "Ranges are the 5th–95th percentiles of the observed values in canonical units "
        "(median; min–max, number of values).",
        "",
        "## Syntactic features",
        "",
        "Share of protocols whose text or instance actions show each construct.",
        "",
        "| repeat | branch | parallel | timer | declaration |",
        "|---|---|---|---|---|",
        f"| {f.repeat:.2f} | {f.branch:.2f} | {f.parallel:.2f} | {f.timer:.2f} | {f.declaration:.2f} |",
        "",
        "## Operations",
        "",
        "Effect: what an operation does to the material it acts on, from what its verbs are known to do "
        "(X-WLP gold operation types, the translator's lexicon); `other` when that is unknown.",
        "",
        "| opcode | effect | instances | verbs | slots | makes |",
        "|---|---|---|---|---|---|",
    ]
    ordered = sorted(spec.operations, key=lambda op: (-op.count, op.opcode))
    for op in ordered:
        lines.append(
            f"| `{op.opcode}` | {op.effect or ''} | {op.count} | {_cell(_verbs(op))} | {_slot_summary(op)} | "
            f"{', '.join(op.products)} |"
        )
    lines.append("")
    if spec.ignored_verbs:
        ignored = ", ".join(f"{v} ({n})" for v, n in sorted(spec.ignored_verbs.items(), key=lambda kv: (-kv[1], kv[0])))
        lines += ["Verbs judged not to be lab operations (noise): " + ignored + ".", ""]
    lines += ["## Operation details", ""]
    for op in ordered:
        lines += _operation_section(op)
    return "\n".join(lines).rstrip() + "\n"
