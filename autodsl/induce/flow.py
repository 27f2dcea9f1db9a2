"""The product-flow model: what each operation makes and which operations come before and after.

An instance action's *predecessors* are the earlier actions whose products it works on
(extracted ``Acts-on``/``Site`` links to an earlier action); an action without such a link
follows the previous action of its protocol (step order). Successors are the reverse.
Counting these pairs per opcode gives each operation's typical predecessor and successor
operations; counting the head words of its ``Product`` arguments gives the kinds of
products it emits.

>>> from autodsl.induce.features import InstanceAction, ProtocolDigest
>>> acts = (InstanceAction(protocol="p", lemma="spin", index=0, products=("pellet",)),
...         InstanceAction(protocol="p", lemma="resuspend", index=1, flow_from=(0,)))
>>> model = flow_model([ProtocolDigest(id="p", actions=acts)], {"spin": "CENTRIFUGE", "resuspend": "RESUSPEND"}.get)
>>> model["RESUSPEND"].predecessors, model["CENTRIFUGE"].products
(Counter({'CENTRIFUGE': 1}), Counter({'pellet': 1}))
"""

from __future__ import annotations

from collections import Counter, defaultdict
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Callable, Sequence

if TYPE_CHECKING:
    from autodsl.induce.features import ProtocolDigest

__all__ = ["FlowStats", "flow_model", "predecessors_of"]


@dataclass
class FlowStats:
    """Flow counts of one operation."""

    predecessors: Counter[str] = field(default_factory=Counter)
    successors: Counter[str] = field(default_factory=Counter)
    products: Counter[str] = field(default_factory=Counter)


def predecessors_of(index: int, flow_from: Sequence[int]) -> tuple[int, ...]:
    """Indices of the actions an action at ``index`` follows in the flow.

    >>> predecessors_of(3, ()), predecessors_of(3, (0, 1)), predecessors_of(0, ())
    ((2,), (0, 1), ())
    """
    if flow_from:
        return tuple(flow_from)
    return (index - 1,) if index > 0 else ()


def flow_model(
    digests: Sequence["ProtocolDigest"], opcode_of_verb: Callable[[str], str | None]
) -> dict[str, FlowStats]:
    """Per opcode: predecessor and successor opcodes and product kinds, counted over the corpus."""
    stats: dict[str, FlowStats] = defaultdict(FlowStats)
    for digest in digests:
        opcodes = [opcode_of_verb(inst.verb) for inst in digest.actions]
        for inst, opcode in zip(digest.actions, opcodes):
            if opcode is None:
                continue
            stats[opcode].products.update(inst.products)
            for j in predecessors_of(inst.index, inst.flow_from):
                before = opcodes[j] if 0 <= j < len(opcodes) else None
                if before is None:
                    continue
                stats[opcode].predecessors[before] += 1
                stats[before].successors[opcode] += 1
    return dict(stats)
