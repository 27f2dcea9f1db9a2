"""What extraction produces: entities and instance actions with role arguments.

This is the JSON contract of ``autodsl extract --json``; offsets are character offsets
into :attr:`autodsl.corpus.models.Protocol.text`.

>>> e = Entity(id="T1", type="Reagent", start=4, end=10, text="buffer")
>>> a = Action(id="A1", start=0, end=3, text="Add", lemma="add", step=1,
...            args=[Argument(role="Acts-on", entity="T1")])
>>> x = Extraction(protocol={"id": "p"}, entities=[e], actions=[a])
>>> x.arguments(a, "Acts-on")[0].text
'buffer'
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["QuantityValue", "Entity", "Argument", "Action", "Extraction", "ENTITY_TYPES", "ROLES"]

# WLP's span labels (corpora/wlp/annotation.conf), Action aside.
ENTITY_TYPES: tuple[str, ...] = (
    "Reagent", "Location", "Device", "Mention", "Seal",
    "Amount", "Concentration", "Size", "Time", "Temperature", "pH", "Speed",
    "Numerical", "Generic-Measure", "Modifier", "Measure-Type", "Method",
)
# Roles linking an argument to its action: WLP event roles, plus WLP relations that
# attach settings and measures to an action.
ROLES: tuple[str, ...] = (
    "Acts-on", "Site", "Product", "Using", "Count", "Measure-Type-Link", "Setting", "Measure",
    "Mod-Link",
)

_frozen = ConfigDict(frozen=True, extra="forbid")


class QuantityValue(BaseModel):
    """A normalised quantity attached to an entity."""

    model_config = _frozen
    value: float | tuple[float, float] = Field(description="number or [low, high] in `unit`")
    unit: str = Field(description="canonical unit, e.g. 'uL'")
    dimension: str = Field(description="e.g. 'volume'")


class Entity(BaseModel):
    """A non-action span: reagent, location, device, setting, modifier, ..."""

    model_config = _frozen
    id: str = Field(description="id unique within the extraction, e.g. 'T3'")
    type: str = Field(description="WLP label, one of ENTITY_TYPES")
    start: int = Field(ge=0, description="character offset into the protocol text")
    end: int = Field(ge=0, description="end offset (exclusive)")
    text: str = Field(description="protocol.text[start:end]")
    quantity: QuantityValue | None = Field(default=None, description="normalised value if a quantity")


class Argument(BaseModel):
    """One argument of an action: its role and the id of an entity (or another action)."""

    model_config = _frozen
    role: str = Field(description="WLP role name, e.g. 'Acts-on', 'Site', 'Setting'")
    entity: str = Field(description="id of the entity or action filling the role")


class Action(BaseModel):
    """An instance action: the verb span, its lemma, its step and its arguments."""

    model_config = _frozen
    id: str = Field(description="id unique within the extraction, e.g. 'A2'")
    start: int = Field(ge=0, description="character offset of the verb span")
    end: int = Field(ge=0, description="end offset (exclusive)")
    text: str = Field(description="the verb span as written")
    lemma: str = Field(description="lower-case base form, e.g. 'centrifuge'")
    step: int = Field(ge=0, description="1-based step number it occurs in (0 for the title)")
    args: list[Argument] = Field(default_factory=list, description="role arguments")


class Extraction(BaseModel):
    """All entities and instance actions of one protocol."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    protocol: dict[str, Any] = Field(description="id, title, domains, source and format of the protocol")
    entities: list[Entity] = Field(default_factory=list)
    actions: list[Action] = Field(default_factory=list)

    def entity(self, entity_id: str) -> Entity | None:
        """The entity with this id, or None."""
        for ent in self.entities:
            if ent.id == entity_id:
                return ent
        return None

    def arguments(self, action: Action, role: str) -> list[Entity]:
        """Entities filling ``role`` of ``action``, in text order."""
        by_id = {e.id: e for e in self.entities}
        found = [by_id[a.entity] for a in action.args if a.role == role and a.entity in by_id]
        return sorted(found, key=lambda e: e.start)
