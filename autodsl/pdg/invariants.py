"""Structural invariants every translated PDG keeps; a failure here is a translator bug.

* every consumed material is made by an operation, is a declared input, or is a
  ``reference`` whose one ``same-as`` constraint names such a material;
* the graph is acyclic apart from ``repeat`` edges;
* every span (nodes, slots, operation sentences) lies inside the text;
* every product is made by exactly one operation.

>>> from autodsl.pdg.model import PDG
>>> g = PDG(text="Spin.")
>>> g.add_node("op1", "operation", "Spin", span=(0, 4))
>>> g.add_node("m1", "material", "pellet", role="product")
>>> g.add_edge("m1", "op1", "consumes")
>>> pdg_problems(g)
["material m1 ('pellet') is consumed but neither made by an operation nor a declared input"]
"""

from __future__ import annotations

import networkx as nx

from autodsl.pdg.model import PDG

__all__ = ["pdg_problems"]


def pdg_problems(pdg: PDG) -> list[str]:
    """Every violated invariant of ``pdg``, as readable sentences (empty when all hold)."""
    problems: list[str] = []
    made_by: dict[str, list[str]] = {}
    for source, target, _ in pdg.edges("produces"):
        made_by.setdefault(target, []).append(source)
    for material, _, _ in pdg.edges("consumes"):
        data = pdg.graph.nodes[material]
        if data.get("role") == "reference":
            named = [t for _, t, d in pdg.graph.out_edges(material, data=True)
                     if d["kind"] == "constraint" and d.get("relation") == "same-as"]
            target = pdg.graph.nodes[named[0]] if len(named) == 1 else None
            if target is None or target.get("role") == "reference" or (
                    named[0] not in made_by and target.get("role") != "input"):
                problems.append(f"reference {material} ({data['label']!r}) does not name one material that is "
                                "made by an operation or declared as an input")
        elif material not in made_by and data.get("role") != "input":
            problems.append(f"material {material} ({data['label']!r}) is consumed but neither made by an "
                            "operation nor a declared input")
    for material, makers in made_by.items():
        if len(makers) != 1:
            problems.append(f"material {material} is made by {len(makers)} operations: {', '.join(sorted(makers))}")
    forward = nx.DiGraph((s, t) for s, t, d in pdg.edges() if d["kind"] != "repeat")
    if not nx.is_directed_acyclic_graph(forward):
        cycle = nx.find_cycle(forward)
        problems.append("cycle outside repeat edges: " + " -> ".join(s for s, _ in cycle))
    size = len(pdg.text)
    for node, data in pdg.nodes():
        spans = [("span", data.get("span"))]
        sentence = data.get("sentence")
        if sentence:
            spans.append(("sentence", (sentence["start"], sentence["end"])))
        for name, record in (data.get("slots") or {}).items():
            if "start" in record and "end" in record:
                spans.append((f"slot {name}", (record["start"], record["end"])))
        for what, span in spans:
            if span is not None and not 0 <= span[0] <= span[1] <= size:
                problems.append(f"{node} {what} {tuple(span)} lies outside the text ({size} characters)")
    return problems
