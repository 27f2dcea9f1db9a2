"""Lost material: a product that no later operation takes and that is no result of the protocol.

A product made and then dropped is most often the visible symptom of a binding error (the
next step took another material), so the translator reports it, with the code, severity and
rule of ``autodsl check``'s pass :mod:`autodsl.validate.unused_product`, on the PDG instead of
the printed program: the products of the last operation (in execution order) that makes any
are the protocol's results; a product taken by an operation of the same ``repeat`` block is
carried to the block's next run. A product is taken when an operation consumes it, directly
or through a re-mention (:meth:`~autodsl.pdg.model.PDG.referent`). Translate and check then
count the same products on the same program.

>>> g = PDG(text="Spin the culture. Elute the pellet.")
>>> g.add_node("op1", "operation", "Spin", span=(0, 4), opcode="SPIN", order=0, step=1)
>>> g.add_node("op2", "operation", "Elute", span=(18, 23), opcode="ELUTE", order=1, step=2)
>>> for m in ("sup", "pellet", "dna"): g.add_node(m, "material", m, role="product")
>>> g.add_edge("op1", "sup", "produces"); g.add_edge("op1", "pellet", "produces")
>>> g.add_edge("pellet", "op2", "consumes"); g.add_edge("op2", "dna", "produces")
>>> [(d.code, d.severity, d.node, d.message) for d in lost_products(g)]
[('unused-product', 'warning', 'op1', "'sup' made by SPIN 'Spin' (step 1) is never used")]
"""

from __future__ import annotations

from autodsl.diagnostics import Diagnostic
from autodsl.pdg.model import PDG

__all__ = ["lost_products"]


def _repeats(data: dict) -> set[str]:
    return {str(b.get("id")) for b in data.get("blocks") or [] if isinstance(b, dict) and b.get("kind") == "repeat"}


def lost_products(pdg: PDG) -> list[Diagnostic]:
    """``unused-product`` warnings for the products of ``pdg`` that nothing takes (module doc)."""
    # execution order as the printer writes statements: by ``order``, ties in node order
    ops = list(pdg.nodes("operation"))
    position = {op: i for i, (op, _) in enumerate(ops)}
    ops.sort(key=lambda item: (item[1].get("order") or 0, position[item[0]]))
    # one pass over the edges: what each operation makes, what takes each material (itself or
    # by re-mention), and the program's name of each product (the ``name`` of its ``produces``
    # edge), as check sees it
    made: dict[str, list[str]] = {op: [] for op, _ in ops}
    takers: dict[str, set[str]] = {}
    named: dict[str, str] = {}
    for source, target, d in pdg.graph.edges(data=True):
        if d["kind"] == "produces":
            made.setdefault(source, []).append(target)
            named[target] = str(d.get("name") or "")
        elif d["kind"] == "consumes":
            takers.setdefault(pdg.referent(source), set()).add(target)
    results = next((made[op] for op, _ in reversed(ops) if made[op]), [])
    found: list[Diagnostic] = []
    for op, data in ops:
        loops = _repeats(data)
        for product in made[op]:
            if product in results or takers.get(product):
                continue
            # a product whose name an operation of its repeat block takes is the next run's input
            if loops and named[product] and any(
                    loops & _repeats(pdg.graph.nodes[user]) for material, users in takers.items()
                    if named.get(material) == named[product] for user in users):
                continue
            label = pdg.graph.nodes[product].get("label") or product
            start, end = data.get("span") or (None, None)
            step = data.get("step") or 0
            found.append(Diagnostic(
                code="unused-product", severity="warning", start=start, end=end, node=op,
                message=(f"'{label}' made by {data.get('opcode') or data['label']} '{data['label']}'"
                         + (f" (step {step})" if step else "") + " is never used"),
                hint="check which material the next steps take: one of them probably means this "
                     "product; if it is really dropped, say so (discard it)",
            ))
    return found
