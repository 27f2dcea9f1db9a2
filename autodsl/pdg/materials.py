"""The materials of stage 2 (:mod:`autodsl.pdg.complete`) and the indexes flow resolution looks them up by.

A :class:`Material` is a material while flow is resolved: its names (word sets), head and
container words, who made it, and whether it is live. :class:`MaterialIndex` finds, for a
mention, the newest live material by name, head word or container word, and the newest gone
one by name, without scanning every earlier material: translation time then grows about
linearly with a protocol's length. Live materials are kept by birth (dicts keep insertion
order, which is birth order, newest last); a mention's words are looked up through the
distinct names that hold them, of which there are few, not through the materials, of which
there are many.

>>> index = MaterialIndex()
>>> buffer = Material(node="m1", kind="buffer", names=[frozenset({"pb1", "buffer"})], heads={"buffer"}, born=1)
>>> index.register(buffer)
>>> index.newest_named(frozenset({"buffer"})) is buffer, index.current() is buffer
(True, True)
>>> index.kill(buffer)
>>> index.newest_named(frozenset({"buffer"})), index.newest_gone(frozenset({"buffer"}), before=10) is buffer
(None, True)
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from autodsl.pdg.aliases import core_words

if TYPE_CHECKING:
    from autodsl.extract.models import Entity

__all__ = ["Material", "Use", "MaterialIndex", "portion_names"]


@dataclass
class Material:
    """A material while flow is resolved: its names, container words, and whether it is live."""

    node: str
    kind: str
    names: list[frozenset[str]]
    heads: set[str]
    containers: set[str] = field(default_factory=set)
    producer: str | None = None
    born: int = 0
    prepared: bool = False
    own: list[frozenset[str]] = field(default_factory=list)  # names of its own, not inherited
    alive: bool = True
    group: str | None = None  # the operation that treated it alongside others ("Thaw A, B and C")
    readied: bool = False  # a solution prepared, or a reagent readied alongside others: not what is worked on
    gone_after: int = 0  # where the sentence that discarded it ends
    states: list[dict[str, str]] = field(default_factory=list)
    base: str = ""  # the program name its successors are numbered from ("cells": cells_2, cells_3)
    aside: bool = False  # a reagent readied for a later use ("buffer pre-warmed"): never the current material


def portion_names(material: Material) -> list[frozenset[str]]:
    """The names a fresh portion ("500 ul buffer") of a material is taken by: any name of a
    prepared solution, only its own names for anything else."""
    return material.names if material.prepared else material.own


@dataclass
class Use:
    """One material an operation consumes: in which role, how it was found, and the words used."""

    material: Material
    role: str
    via: str  # purpose | action | own | name | head | container | current | new | discarded | part
    mention: str | None = None
    entity: "Entity | None" = None
    slot: str | None = None  # printed as this named slot rather than positionally


@dataclass
class MaterialIndex:
    """Every material of a flow resolution, indexed for the lookups of mention resolution."""

    by_node: dict[str, Material] = field(default_factory=dict)
    live_products: dict[int, Material] = field(default_factory=dict)
    live_inputs: dict[int, Material] = field(default_factory=dict)
    names_with_word: dict[str, set[frozenset[str]]] = field(default_factory=dict)
    live_by_name: dict[frozenset[str], dict[int, Material]] = field(default_factory=dict)
    live_by_portion_name: dict[frozenset[str], dict[int, Material]] = field(default_factory=dict)
    live_by_head: dict[str, dict[int, Material]] = field(default_factory=dict)
    live_by_container: dict[str, dict[int, Material]] = field(default_factory=dict)
    all_by_name: dict[frozenset[str], list[Material]] = field(default_factory=dict)
    names_with_core_word: dict[str, set[frozenset[str]]] = field(default_factory=dict)
    groups: dict[str, list[Material]] = field(default_factory=dict)

    def current(self) -> Material | None:
        """The most recent live product not set aside (else one set aside: it is all there is;
        else an input, when nothing was made yet)."""
        newest = next((m for m in reversed(self.live_products.values()) if not m.aside), None)
        if newest is None:
            newest = next(reversed(self.live_products.values()), None)
        return newest if newest is not None else next(reversed(self.live_inputs.values()), None)

    def register(self, material: Material) -> None:
        """Index a material once its names, heads, containers and group are final."""
        self.by_node[material.node] = material
        for name in set(material.names):
            self.all_by_name.setdefault(name, []).append(material)
            for word in name:
                self.names_with_word.setdefault(word, set()).add(name)
            for word in core_words(name):
                self.names_with_core_word.setdefault(word, set()).add(name)
        if material.group is not None:
            self.groups.setdefault(material.group, []).append(material)
        self.revive(material)

    def revive(self, material: Material) -> None:
        """A material live (again): what a discard took from remains ("Discard the methanol
        and add stain" to what is left), and later mentions find it, as the newest of its names."""
        material.alive = True
        (self.live_inputs if material.producer is None else self.live_products)[material.born] = material
        for index, keys in ((self.live_by_name, material.names), (self.live_by_portion_name, portion_names(material)),
                            (self.live_by_head, material.heads), (self.live_by_container, material.containers)):
            for key in set(keys):
                index.setdefault(key, {})[material.born] = material

    def kill(self, material: Material) -> None:
        """A material discarded or used up: later mentions no longer find it alive."""
        material.alive = False
        (self.live_inputs if material.producer is None else self.live_products).pop(material.born, None)
        for index, keys in ((self.live_by_name, material.names), (self.live_by_portion_name, portion_names(material)),
                            (self.live_by_head, material.heads), (self.live_by_container, material.containers)):
            for key in keys:
                index[key].pop(material.born, None)

    def _names_holding(self, words: frozenset[str]) -> list[frozenset[str]]:
        """The distinct names seen so far that hold all ``words``."""
        if not words:
            return []
        holding = min((self.names_with_word.get(w, set()) for w in words), key=len)
        return [name for name in holding if words <= name]

    def newest_named(self, words: frozenset[str], *, portion: bool = False) -> Material | None:
        """The newest live material one of whose names holds all ``words`` (with ``portion``:
        one of the names a fresh portion of it goes by, see :func:`portion_names`)."""
        index = self.live_by_portion_name if portion else self.live_by_name
        found = [next(reversed(index[name].values()), None) for name in self._names_holding(words) if name in index]
        return max((m for m in found if m is not None), key=lambda m: m.born, default=None)

    def alias_of(self, words: frozenset[str]) -> frozenset[str] | None:
        """The one name seen so far whose core (:func:`~autodsl.pdg.aliases.core_words`) holds
        ``words``, themselves a bare core no name holds ("EDTA" after "Na2EDTA·2H2O"); None when
        no name or several do.

        >>> index = MaterialIndex()
        >>> index.register(Material(node="m1", kind="tris-hcl", names=[frozenset({"tris-hcl"})], heads=set()))
        >>> sorted(index.alias_of(frozenset({"tris"}))), index.alias_of(frozenset({"hcl"}))
        (['tris-hcl'], None)
        >>> index.alias_of(frozenset({"tris-base"}))
        """
        if not words or core_words(words) != words or self._names_holding(words):
            return None  # only a bare core names a reagent for short; "Tris-base" is no "Tris-HCl"
        holding = min((self.names_with_core_word.get(w, set()) for w in words), key=len)
        found = [name for name in holding if words <= core_words(name)]
        return found[0] if len(found) == 1 else None

    def newest_own_named(self, words: frozenset[str]) -> Material | None:
        """The newest live material that goes by ``words`` in a name of its own (not one it
        inherited from what went into it): the stock itself, not a mixture made with it."""
        found = [m for name in self._names_holding(words) for m in self.live_by_portion_name.get(name, {}).values()
                 if any(words <= own for own in m.own)]
        return max(found, key=lambda m: m.born, default=None)

    def newest_with_head(self, head: str) -> Material | None:
        """The newest live material with this head word ("the [pellet]")."""
        return next(reversed(self.live_by_head.get(head, {}).values()), None)

    def newest_in_container(self, word: str) -> Material | None:
        """The newest live material in a container called so ("the [tube]")."""
        return next(reversed(self.live_by_container.get(word, {}).values()), None)

    def newest_gone(self, words: frozenset[str], before: int) -> Material | None:
        """The newest material gone (discarded or used up) by ``before`` with a name holding ``words``."""
        found = [next((m for m in reversed(self.all_by_name[name]) if not m.alive and m.gone_after <= before), None)
                 for name in self._names_holding(words)]
        return max((m for m in found if m is not None), key=lambda m: m.born, default=None)
