"""Lab quantities: parse and normalise amounts, times, temperatures, forces, ... with pint.

(The parser is being written; this module holds the shared model first.)
"""

from __future__ import annotations

from pydantic import BaseModel, ConfigDict, Field

__all__ = ["Quantity", "CANONICAL_UNITS"]

# dimension name -> canonical unit every value of that dimension is expressed in
CANONICAL_UNITS: dict[str, str] = {
    "volume": "uL",
    "mass": "mg",
    "time": "s",
    "temperature": "degC",
    "force": "xg",
    "rotation": "rpm",
    "molar_concentration": "mM",
    "mass_concentration": "mg/mL",
    "percent": "%",
    "length": "mm",
    "ph": "pH",
}


class Quantity(BaseModel):
    """A quantity found in text: value (or ``[low, high]`` range) in the canonical unit."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    text: str = Field(description="the quantity as written")
    value: float | tuple[float, float] = Field(description="number, or (low, high) for a range, in `unit`")
    unit: str = Field(description="canonical unit of the dimension, e.g. 'uL'")
    dimension: str = Field(description="dimension name, a key of CANONICAL_UNITS or e.g. 'fold', 'ratio'")
    original_unit: str = Field(description="the unit as written, e.g. 'ml' or 'x g'")
    start: int = Field(default=0, ge=0, description="offset of the quantity in the text searched")
    end: int = Field(default=0, ge=0, description="end offset of the quantity in the text searched")
    default: bool = Field(default=False, description="a conventional value, e.g. room temperature -> 20-25 degC")
    repeat: int | None = Field(default=None, description="repetitions, e.g. 2 for '2 x 5 min'")


def parse_quantity(text: str, context: str | None = None) -> Quantity:
    """Parse one quantity (placeholder until the lab-notation parser lands: always refuses)."""
    from autodsl.errors import QuantityError

    raise QuantityError(f"cannot parse quantity {text!r} yet")
