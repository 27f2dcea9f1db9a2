"""What a verb makes: a product named again by the word for its result ("Cut the tissue into
small pieces. Transfer *the tissue fragments* into a tube"), which the extractor never linked
as that operation's product, so no name of the product holds the word.

Only a definite mention ("the fragments", "these pieces") points back this way; a word of
the table written without one may be a new material ("Add fragments of ...").

>>> made_by_verb("cut", "fragment"), made_by_verb("mince", "piece"), made_by_verb("add", "piece")
(True, True, False)
"""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from autodsl.pdg.materials import Material
    from autodsl.pdg.resolve import Flow

__all__ = ["made_by_verb", "newest_made"]

# the words for what cutting a material apart makes; checked in corpora/ (WLP dev, Protocol
# Exchange): "pieces", "fragments", "chunks", "slices" after cut, mince, chop, dice, slice
_PIECES = frozenset({"piece", "fragment", "chunk", "slice", "bit"})
_MAKES: dict[str, frozenset[str]] = {
    "cut": _PIECES, "mince": _PIECES, "chop": _PIECES, "dice": _PIECES, "slice": _PIECES | {"section"},
    "fragment": _PIECES, "dissect": _PIECES, "section": frozenset({"section", "slice"}),
}
# how far back a product made that way is looked for, in live products (newest first)
_LOOK_BACK = 8


def made_by_verb(lemma: str, head: str) -> bool:
    """Whether the verb ``lemma`` makes something its result's word ``head`` names."""
    return head in _MAKES.get(lemma.lower().strip(), frozenset())


def newest_made(flow: Flow, head: str) -> Material | None:
    """The newest of the last few live products whose operation makes what ``head`` names."""
    graph = flow.pdg.graph
    for count, material in enumerate(reversed(flow.index.live_products.values())):
        if count >= _LOOK_BACK:
            return None
        if material.producer is not None and made_by_verb(graph.nodes[material.producer].get("verb", ""), head):
            return material
    return None
