"""Write a PDG as JSON, GraphML, Graphviz dot, or one self-contained HTML page.

* JSON: :meth:`PDG.to_json` (the node-link contract), two-space indent.
* GraphML: through networkx; dict and list attributes are stored as JSON strings, since
  GraphML attributes are scalars.
* dot: text for Graphviz (boxes for operations, ellipses for materials, cylinders for
  containers, components for devices; edge style by kind).
* HTML: one file with inline style, an inline SVG laid out by execution order
  (operations down the middle, declared inputs on the left, products on the right,
  containers and devices on the far right), a table of the operations with the source
  text of each, and the diagnostics. No script, font or image is fetched: it opens offline.

>>> from autodsl.pdg.model import PDG
>>> g = PDG(text="Spin the cells.")
>>> g.add_node("op1", "operation", "Spin", span=(0, 4), opcode="SPIN", order=0, step=1, slots={}, blocks=[])
>>> "op1 -> " in to_dot(g) or "op1" in to_dot(g)
True
>>> page = to_html(g, title="demo")
>>> page.startswith("<!DOCTYPE html>") and "http" not in page.split("<body>")[1]
True
"""

from __future__ import annotations

import html
import io
import json
from typing import Any

import networkx as nx

from autodsl.pdg.model import PDG

__all__ = ["to_json_text", "to_graphml", "to_dot", "to_html", "render", "FORMATS"]

FORMATS: tuple[str, ...] = ("json", "graphml", "dot", "html")


def to_json_text(pdg: PDG) -> str:
    """The node-link JSON of ``pdg`` as text (stable key order, trailing newline)."""
    return json.dumps(pdg.to_json(), indent=2, ensure_ascii=False) + "\n"


def _scalar(value: Any) -> str | int | float | bool:
    if isinstance(value, bool | int | float | str):
        return value
    return json.dumps(value, ensure_ascii=False, sort_keys=True)


def to_graphml(pdg: PDG) -> str:
    """GraphML text of ``pdg`` (non-scalar attributes as JSON strings; absent spans as -1)."""
    graph = nx.MultiDiGraph()
    for node, data in pdg.graph.nodes(data=True):
        attrs = {k: _scalar(v) for k, v in data.items() if v is not None and k != "span"}
        span = data.get("span")
        attrs["start"], attrs["end"] = (span[0], span[1]) if span else (-1, -1)
        graph.add_node(node, **attrs)
    for source, target, key, data in pdg.graph.edges(keys=True, data=True):
        graph.add_edge(source, target, key=key, **{k: _scalar(v) for k, v in data.items() if v is not None})
    buffer = io.BytesIO()
    nx.write_graphml(graph, buffer, encoding="utf-8")
    return buffer.getvalue().decode("utf-8")


_DOT_SHAPES = {"operation": "box", "material": "ellipse", "container": "cylinder", "device": "component"}
_DOT_STYLES = {
    "next": 'color="#555555"', "repeat": 'color="#d97706", style=bold', "branch": 'color="#7c3aed", style=dashed',
    "produces": 'color="#059669"', "consumes": 'color="#2563eb"', "uses": 'color="#9ca3af", style=dotted',
    "located-in": 'color="#9ca3af", style=dotted', "constraint": 'color="#dc2626", style=dashed',
}


def _dot_quote(text: str) -> str:
    return '"' + str(text).replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n") + '"'


def _display(data: dict[str, Any]) -> str:
    if data["kind"] == "operation":
        return f"{data.get('opcode', '')}\n{data['label']}"
    return str(data["label"])


def to_dot(pdg: PDG) -> str:
    """Graphviz dot text of ``pdg``."""
    lines = ["digraph pdg {", "  rankdir=TB;", '  node [fontname="Helvetica", fontsize=10];']
    for node, data in pdg.graph.nodes(data=True):
        lines.append(f"  {_dot_quote(node)} [shape={_DOT_SHAPES[data['kind']]}, label={_dot_quote(_display(data))}];")
    for source, target, data in pdg.graph.edges(data=True):
        label = data.get("condition") or (f"x{data['count']}" if data.get("count") else "")
        extra = f", label={_dot_quote(label)}" if label else ""
        lines.append(f"  {_dot_quote(source)} -> {_dot_quote(target)} [{_DOT_STYLES[data['kind']]}{extra}];")
    lines.append("}")
    return "\n".join(lines) + "\n"


# ---------------------------------------------------------------------------- HTML
_COLOURS = {"operation": "#dbeafe", "material": "#d1fae5", "container": "#fef3c7", "device": "#ede9fe"}
_EDGE_COLOURS = {"next": "#6b7280", "repeat": "#d97706", "branch": "#7c3aed", "produces": "#059669",
                 "consumes": "#2563eb", "uses": "#c4c4c4", "located-in": "#c4c4c4", "constraint": "#dc2626"}
_ROW, _TOP, _BOX_W, _BOX_H = 54, 30, 190, 34
_COLUMNS = {"input": 20, "operation": 280, "product": 540, "resource": 800}

_STYLE = """
body{font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif;margin:24px;color:#111}
h1{font-size:20px}h2{font-size:16px;margin-top:28px}
.diag{font-family:monospace;font-size:13px;margin:2px 0}.error{color:#b91c1c}.warning{color:#b45309}
.info{color:#1d4ed8}table{border-collapse:collapse;font-size:13px}td,th{border:1px solid #ddd;
padding:4px 6px;vertical-align:top;text-align:left}th{background:#f3f4f6}.src{color:#374151}
.legend span{display:inline-block;margin-right:14px;font-size:12px}.sw{width:10px;height:10px;
display:inline-block;margin-right:4px;border:1px solid #999}svg text{font-size:11px}
.graph{overflow:auto;border:1px solid #e5e7eb;max-height:80vh}
"""


def _source(pdg: PDG, data: dict[str, Any]) -> str:
    """The text a node came from: its sentence for an operation, its span otherwise."""
    sentence = data.get("sentence")
    if sentence:
        return pdg.text[sentence["start"]:sentence["end"]]
    span = data.get("span")
    return pdg.text[span[0]:span[1]] if span else "(implicit)"


def _layout(pdg: PDG) -> dict[str, tuple[int, int]]:
    """(x, y) of every node: operations by execution order, others beside the operation they belong to."""
    ops = sorted(pdg.nodes("operation"), key=lambda item: item[1].get("order", 0))
    row = {op: i for i, (op, _) in enumerate(ops)}
    place: dict[str, tuple[int, int]] = {op: (_COLUMNS["operation"], _TOP + i * _ROW) for op, i in row.items()}
    stacked: dict[tuple[str, int], int] = {}

    def put(node: str, column: str, at_row: int) -> None:
        n = stacked.get((column, at_row), 0)
        stacked[(column, at_row)] = n + 1
        place[node] = (_COLUMNS[column] + 12 * n, _TOP + at_row * _ROW + 10 * n)

    for source, target, data in pdg.edges():
        if data["kind"] == "produces" and target not in place:
            put(target, "product", row.get(source, 0))
    for source, target, data in pdg.edges():
        if data["kind"] == "consumes" and source not in place:
            put(source, "input", row.get(target, 0))
        elif data["kind"] in ("uses", "located-in") and target not in place and source in row:
            put(target, "resource", row[source])
    for node, data in pdg.graph.nodes(data=True):
        if node not in place:
            put(node, "input" if data["kind"] == "material" else "resource", 0)
    return place


def _svg(pdg: PDG) -> str:
    place = _layout(pdg)
    height = max((y for _, y in place.values()), default=0) + _ROW + _TOP
    width = _COLUMNS["resource"] + _BOX_W + 60
    parts = [f'<svg width="{width}" height="{height}" role="img">',
             "<defs>" + "".join(
                 f'<marker id="a-{k}" viewBox="0 0 10 10" refX="10" refY="5" markerWidth="6" markerHeight="6" '
                 f'orient="auto-start-reverse"><path d="M0,0 L10,5 L0,10 z" fill="{c}"/></marker>'
                 for k, c in _EDGE_COLOURS.items()) + "</defs>"]
    for source, target, data in pdg.edges():
        (x1, y1), (x2, y2) = place[source], place[target]
        kind = data["kind"]
        colour = _EDGE_COLOURS[kind]
        if kind == "repeat":
            left = x1 - 40
            path = (f"M{x1},{y1 + _BOX_H // 2} C{left},{y1 + _BOX_H // 2} {left},{y2 + _BOX_H // 2} "
                    f"{x2},{y2 + _BOX_H // 2}")
        elif kind in ("next", "branch"):
            path = f"M{x1 + _BOX_W // 2},{y1 + _BOX_H} L{x2 + _BOX_W // 2},{y2}"
        else:
            start_x = x1 + _BOX_W if x2 > x1 else x1
            end_x = x2 if x2 > x1 else x2 + _BOX_W
            path = f"M{start_x},{y1 + _BOX_H // 2} L{end_x},{y2 + _BOX_H // 2}"
        label = data.get("condition") or (f"×{data['count']}" if data.get("count") else "")
        parts.append(f'<path d="{path}" fill="none" stroke="{colour}" stroke-width="1.3" '
                     f'marker-end="url(#a-{kind})"><title>{html.escape(kind + (": " + label if label else ""))}'
                     f"</title></path>")
    for node, data in pdg.graph.nodes(data=True):
        x, y = place[node]
        text = _display(data).replace("\n", " · ")
        short = text if len(text) <= 30 else text[:29] + "…"
        tooltip = f"{node} ({data['kind']}): {_source(pdg, data)}"
        parts.append(
            f'<g id="n-{html.escape(node)}"><title>{html.escape(tooltip)}</title>'
            f'<rect x="{x}" y="{y}" width="{_BOX_W}" height="{_BOX_H}" rx="{4 if data["kind"] == "operation" else 14}" '
            f'fill="{_COLOURS[data["kind"]]}" stroke="#6b7280"/>'
            f'<text x="{x + 8}" y="{y + 21}">{html.escape(short)}</text></g>')
    parts.append("</svg>")
    return "".join(parts)


def _slot_text(slots: dict[str, Any]) -> str:
    shown = []
    for name, record in slots.items():
        value = record.get("text") or ("unknown" if record.get("source") == "unknown" else "")
        marker = {"default": " (default)", "unknown": " (unknown)", "llm": " (suggested)"}.get(record.get("source"), "")
        shown.append(f"{name}: {value}{marker}")
    return "; ".join(shown)


def to_html(pdg: PDG, title: str | None = None, source: str = "<input>") -> str:
    """One self-contained HTML page: the graph, the operations with their source text, the diagnostics."""
    name = title or pdg.meta.get("title") or pdg.meta.get("protocol") or "protocol"
    consumes: dict[str, list[str]] = {}
    produces: dict[str, list[str]] = {}
    for source_node, target, data in pdg.edges():
        if data["kind"] == "consumes":
            consumes.setdefault(target, []).append(str(pdg.graph.nodes[source_node]["label"]))
        elif data["kind"] == "produces":
            produces.setdefault(source_node, []).append(str(data.get("name") or pdg.graph.nodes[target]["label"]))
    rows = []
    for op, data in sorted(pdg.nodes("operation"), key=lambda item: item[1].get("order", 0)):
        blocks = ", ".join(b["kind"] + (f" ×{b['count']}" if b.get("count") else "") +
                           (f" if {b['condition']}" if b.get("condition") and b["kind"] == "if" else "")
                           for b in data.get("blocks", []))
        rows.append(
            f"<tr><td>{html.escape(op)}</td><td>{data.get('step', '')}</td><td><b>{html.escape(data.get('opcode', ''))}"
            f"</b></td><td class=src>{html.escape(_source(pdg, data))}</td><td>{html.escape(_slot_text(data.get('slots', {})))}"
            f"</td><td>{html.escape(', '.join(consumes.get(op, [])))}</td><td>{html.escape(', '.join(produces.get(op, [])))}"
            f"</td><td>{html.escape(blocks)}</td></tr>")
    diagnostics = "".join(
        f'<div class="diag {d.severity}">{html.escape(d.format(source))}'
        f"{(' — ' + html.escape(d.hint)) if d.hint else ''}</div>" for d in pdg.diagnostics
    ) or "<div>No diagnostics.</div>"
    legend = "".join(f'<span><i class="sw" style="background:{c}"></i>{k}</span>' for k, c in _COLOURS.items())
    legend += "".join(f'<span><i class="sw" style="background:{c}"></i>{k}</span>'
                      for k, c in _EDGE_COLOURS.items() if k not in ("uses", "located-in"))
    return (
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">"
        f"<title>{html.escape(str(name))} — protocol dependence graph</title><style>{_STYLE}</style></head>"
        f"<body><h1>{html.escape(str(name))}</h1>"
        f"<p>Stage: {html.escape(pdg.stage)} · domain: {html.escape(str(pdg.meta.get('domain') or 'none'))} · "
        f"{sum(1 for _ in pdg.nodes('operation'))} operations, {sum(1 for _ in pdg.nodes('material'))} materials. "
        "Hover a node to see the text it came from.</p>"
        f"<h2>Diagnostics</h2>{diagnostics}"
        f"<h2>Graph</h2><div class=legend>{legend}</div><div class=graph>{_svg(pdg)}</div>"
        "<h2>Operations</h2><table><tr><th>id</th><th>step</th><th>operation</th><th>source text</th>"
        f"<th>parameters</th><th>uses</th><th>makes</th><th>blocks</th></tr>{''.join(rows)}</table>"
        "</body></html>\n"
    )


def render(pdg: PDG, format: str, *, source: str = "<input>") -> str:
    """``pdg`` as text in ``format`` (one of :data:`FORMATS`).

    >>> render(PDG(), "json").startswith("{")
    True
    """
    if format == "json":
        return to_json_text(pdg)
    if format == "graphml":
        return to_graphml(pdg)
    if format == "dot":
        return to_dot(pdg)
    if format == "html":
        return to_html(pdg, source=source)
    raise ValueError(f"unknown format {format!r}; expected one of {', '.join(FORMATS)}")
