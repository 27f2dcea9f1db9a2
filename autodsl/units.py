"""Lab quantities: parse and normalise amounts, times, temperatures, forces, ... with pint.

:func:`parse_quantity` reads one quantity (``"11,000 x g"``, ``"5 - 10 min"``, ``"pH 7.4"``);
:func:`find_quantities` finds every quantity of a sentence with its character span;
:func:`format_quantity` writes a quantity back in canonical units (``"300..600 s"``), in a
form :func:`parse_quantity` reads again. Values are floats in the canonical unit of their
dimension (:data:`CANONICAL_UNITS`), rounded to 12 significant digits; ranges are
``(low, high)``. A hand-written pre-parser reads lab notation (WLP tokenisation such as
``37 ° C`` or ``1 - 5 ml``, micro signs, thousands separators, Unicode minus); pint supplies
the conversion factors, computed once per unit and cached. The unit spellings and the
patterns are data, in :mod:`autodsl.unit_tables`.

Rules where the notation is ambiguous. ``context`` is a hint: a WLP entity type ("Speed",
"Time", "Temperature", "Amount", "Concentration", "Size", "pH") or a word ("spin",
"centrifuge"). :func:`parse_quantity` raises on an ambiguous reading; :func:`find_quantities`
skips it, so neither ever returns a guessed value.

- bare ``g``: x g (force) in a spin context; grams in any other context or none (pint's
  meaning), except 1,000 g or more, which is ambiguous (``12,000 g`` is nearly always a
  force). In a sentence about spinning (centrifuge, spin, pellet, rotor ...) a bare ``g``
  of 100 or more is a force.
- bare ``°`` / ``degrees``: °C with a Temperature context; in a sentence, °C up to 130 when
  no angle word (angle, tilt, rotate, bregma ...) is near; otherwise ambiguous.
- ``C`` after a number is °C. ``K`` is kelvin when written apart (``300 K``); ``10K`` is
  ambiguous (ten thousand); in a sentence kelvin needs 200 K or more (``10 K`` filters,
  ``K-gluconate``).
- bare ``m``: minutes with a Time context, metres otherwise; skipped in a sentence
  without context (``3m`` is written for minutes as often as for metres).
- a bare number is a quantity only with a pH context (``"7.5"`` -> pH 7.5).
- ``N x`` (``1X``, ``10x``, ``0.5 ×``) is a fold concentration, except after a wash, rinse,
  repeat or mix verb when no reagent follows (``wash 3x with PBS`` counts washes) and
  before objective/lens (magnification).
- ``2 x 5 min`` is 5 min done twice (``repeat=2``; times, volumes, masses); ``12 x 75 mm``
  (dimensions) is ambiguous.
- ``Q1 to Q2`` of volumes or masses (``200 µl to 1.5 ml tubes``) is two quantities;
  ``5 to 10 min`` and ``60 °C to 72 °C`` are ranges; ``37 ± 1 °C`` is 36..38 degC.
- a minus sign counts for temperatures only (before an amount it is a dash); a negative
  amount is refused by :func:`parse_quantity`.
- not quantities: a number after a label word (Figure, Step, Table, Lane ...), a rate
  (``5 ml/min``), a decade (``1990s``), a decimal comma (``1,5 ml`` is refused), a time of
  day (``at 10:30``), a unit with an exponent (``m–2s–1``).
- room temperature / RT / r.t. -> 20..25 degC, on ice / ice-cold -> 0..4 degC,
  overnight / o/n -> 12..16 h, all ``default=True``; ``RT-PCR`` and ``overnight culture``
  are not quantities.

>>> parse_quantity("11,000 x g").value
11000.0
>>> parse_quantity("5 - 10 min").value
(300.0, 600.0)
>>> [q.text for q in find_quantities("Spin at 12,000g for 2 x 5 min at 4 °C.")]
['12,000g', '2 x 5 min', '4 °C']
>>> format_quantity(parse_quantity("1.5 ml"))
'1500 uL'
"""

from __future__ import annotations

import math
import re
from decimal import Decimal
from typing import Any

from pydantic import BaseModel, ConfigDict, Field

from autodsl.errors import QuantityError
from autodsl.unit_tables import (
    _ANCHOR_WORDS, _ANCHOR_WORDS_ANY_CASE, _ANGLE_WORDS, _CLOCK_AFTER, _COMPANY_3M, _CONTEXTS,
    _COUNT_AFTER, _DEC, _DIGIT_RUN, _LABEL_BEFORE, _MAGNIFICATION_AFTER, _NUM_CORE,
    _OVERNIGHT_ADJECTIVE, _PATTERN, _PREFIX_CHARS, _PREFIX_TAIL, _PREFIX_WORDS, _QUALIFIERS,
    _RATE_AFTER, _RT_NOT_TEMPERATURE, _S, _SEP, _SINGLE, _SPIN_WORDS, _SUPERSCRIPT,
    _SUPERSCRIPT_DIGITS, _UNIT_AFTER, _Unit, _WASH_BEFORE, _WORD_NUMBERS, _WORD_QUANTITIES, _affine,
    _static_unit,
)

__all__ = [
    "CANONICAL_UNITS",
    "AmbiguousQuantityError",
    "Quantity",
    "UnknownUnitError",
    "find_quantities",
    "format_quantity",
    "known_context",
    "parse_quantity",
]

# dimension name -> canonical unit every value of that dimension is expressed in
# ('fold': 1X/10x concentrations; 'ratio': 1:100, valued 0.01)
CANONICAL_UNITS: dict[str, str] = {
    "volume": "uL", "mass": "mg", "time": "s", "temperature": "degC", "force": "xg",
    "rotation": "rpm", "molar_concentration": "mM", "mass_concentration": "mg/mL", "percent": "%",
    "length": "mm", "ph": "pH", "fold": "X", "ratio": "ratio",
}


class Quantity(BaseModel):
    """A quantity found in text: value (or ``[low, high]`` range) in the canonical unit."""

    model_config = ConfigDict(frozen=True, extra="forbid")
    text: str = Field(description="the quantity as written")
    value: float | tuple[float, float] = Field(
        description="number, or (low, high) for a range, in `unit`")
    unit: str = Field(description="canonical unit of the dimension, e.g. 'uL'")
    dimension: str = Field(
        description="dimension name, a key of CANONICAL_UNITS or e.g. 'fold', 'ratio'")
    original_unit: str = Field(description="the unit as written, e.g. 'ml' or 'x g'")
    start: int = Field(default=0, ge=0, description="offset of the quantity in the text searched")
    end: int = Field(default=0, ge=0, description="end offset of the quantity in the text searched")
    default: bool = Field(
        default=False, description="a conventional value, e.g. room temperature -> 20-25 degC")
    repeat: int | None = Field(default=None, description="repetitions, e.g. 2 for '2 x 5 min'")
    qualifier: str | None = Field(
        default=None,
        description="'~', '<', '<=', '>' or '>=' when the text approximates or bounds the value")


class UnknownUnitError(QuantityError):
    """A number is followed by a unit autodsl does not know (diagnostic ``unknown-unit``)."""

    code = "unknown-unit"


class AmbiguousQuantityError(QuantityError):
    """The text can be read as more than one quantity (diagnostic ``ambiguous-quantity``)."""

    code = "ambiguous-quantity"


# the lowest temperature there is, in degC (a lower one is a typo or a wrong unit)
ABSOLUTE_ZERO_C = -273.15


class _Skip(Exception):
    """A candidate is not a quantity: skipped, or with ``error`` refused in strict mode."""

    def __init__(self, message: str, error: type[QuantityError] | None = None,
                 consume: bool = False) -> None:
        super().__init__(message)
        self.error, self.consume = error, consume


def _context_mode(context: str | None) -> str | None:
    if not context:
        return None
    mode = _CONTEXTS.get(context.strip().lower())
    if mode is None and _SPIN_WORDS.search(context):
        mode = "spin"
    return mode


def known_context(context: str) -> bool:
    """Whether ``context`` is a hint :func:`parse_quantity` understands.

    >>> known_context("Speed"), known_context("centrifugation"), known_context("bogus")
    (True, True, False)
    """
    return _context_mode(context) is not None


def _round(value: float) -> float:
    """Round away float noise (12 significant digits); never returns -0.0."""
    return float(f"{value:.12g}") + 0.0


def _number(text: str) -> float:
    """The value of a number as written: '11,000', '1 x 10^6', '10⁶', 'two', '1e-3'."""
    try:
        return float(text.replace(",", ""))
    except ValueError:
        pass
    if text.lower() in _WORD_NUMBERS:
        return _WORD_NUMBERS[text.lower()]
    compact = re.sub(r"\s+", "", text).replace(",", "").replace("−", "-")
    compact = compact.replace("<sup>", "^").replace("</sup>", "")
    compact = _SUPERSCRIPT.sub(lambda m: "^" + m.group().translate(_SUPERSCRIPT_DIGITS), compact)
    try:
        return float(compact)
    except ValueError:
        pass
    m = re.fullmatch(r"(?:([\d.]+)[x×X*·])?10\^(-?\d+)", compact)
    if m is None:
        raise _Skip(f"cannot read the number {text!r}")
    return (float(m.group(1)) if m.group(1) else 1.0) * 10.0 ** int(m.group(2))


def _apply(unit: _Unit, sign: str | None, value: float) -> float:
    """``value`` in the canonical unit; a minus sign counts for temperatures only."""
    if sign and sign.strip() != "+" and unit.dimension == "temperature":
        value = -value
    return _round(unit.scale * value + unit.offset)


class _Scan:
    """One pass over a text: its context, the strictness, and the quantities found."""

    def __init__(self, text: str, context: str | None, strict: bool) -> None:
        self.text, self.mode, self.strict = text, _context_mode(context), strict
        self._spin: bool | None = None

    def run(self) -> list[Quantity]:
        text, found, pos = self.text, [], 0
        for anchor in self.anchors():
            if anchor < pos:
                continue
            start = max(self.prefix_start(anchor), pos)
            m = _PATTERN.match(text, start)
            if m is None and start != anchor:
                m = _PATTERN.match(text, anchor)
            if m is None:
                continue
            q = self.attempt(m)
            if q is None and m.lastgroup in ("A_repeat", "A_between", "A_ratio"):
                single = _SINGLE.match(text, m.start())
                q = self.attempt(single) if single else None
            if isinstance(q, Quantity):
                found.append(q)
                pos = q.end
            elif q == "consume":
                pos = m.end()
        return _merge_times(found, text)

    def anchors(self) -> list[int]:
        """Where a quantity's number or word can begin: the full pattern is tried only there
        (trying it at every character is five times slower)."""
        text, out = self.text, []
        for m in _DIGIT_RUN.finditer(text):
            p = m.start()
            before = text[p - 1] if p else " "
            if before == "." and (p < 2 or not text[p - 2].isalnum()):
                out.append(p - 1)
            elif not (before.isalnum() or before in "_.,:/^#"):
                out.append(p)
        lower = text.lower()
        words = (_ANCHOR_WORDS.finditer(lower) if len(lower) == len(text)
                 else _ANCHOR_WORDS_ANY_CASE.finditer(text))
        extra = [m.start() for m in words]
        return sorted(out + extra) if extra else out

    def prefix_start(self, anchor: int) -> int:
        """Where a quantity anchored at ``anchor`` starts: before a sign, 'between' or '~'."""
        text, k = self.text, anchor
        while k and text[k - 1] in " \t\u00a0\u2009\u202f":
            k -= 1
        if not k:
            return anchor
        before = text[k - 1]
        tail = text[max(0, k - 14):k].lower()
        word_before = (before.isalpha() or before == ".") and tail.endswith(_PREFIX_WORDS)
        if before in _PREFIX_CHARS or word_before:
            m = _PREFIX_TAIL.search(text, max(0, anchor - 40), anchor)
            return m.start() if m else anchor
        return anchor

    def attempt(self, m: re.Match[str]) -> Quantity | str | None:
        try:
            return self.build(m)
        except _Skip as skip:
            if self.strict and skip.error is not None:
                raise skip.error(str(skip)) from None
            return "consume" if skip.consume else None

    def spin_sentence(self) -> bool:
        if self._spin is None:
            self._spin = self.mode == "spin" or bool(_SPIN_WORDS.search(self.text))
        return self._spin

    def unit(self, raw: str, value: float, attached: bool) -> _Unit:
        """Resolve the unit written ``raw`` after ``value`` (``attached``: no space between)."""
        found = _static_unit(raw)
        if isinstance(found, _Unit):
            return found
        if found is None:
            raise _Skip(f"unknown unit {raw!r}", UnknownUnitError)
        mode, shown = self.mode, f"{_fmt(value)} {raw}"
        if found == "g":
            if mode == "spin" or (mode is None and not self.strict and value >= 100
                                  and self.spin_sentence()):
                return _affine("force", "xg")
            if value >= 1000:
                raise _Skip(f"{shown!r} is a mass or a centrifugal force; write "
                            f"'{_fmt(value)} x g' for force, kg for mass, or give a context",
                            AmbiguousQuantityError)
            return _affine("mass", "gram")
        if found == "m":
            if mode == "time":
                return _affine("time", "minute")
            if mode is None and not self.strict:
                raise _Skip("a bare 'm' in a sentence: metres or minutes")
            return _affine("length", "meter")
        if found == "K":
            if attached:
                raise _Skip(f"{shown!r} is kelvin or thousands; write '{_fmt(value)} K' with a "
                            "space for kelvin", AmbiguousQuantityError)
            return _affine("temperature", "kelvin")
        if mode == "temperature" or (not self.strict and value <= 130
                                     and not _ANGLE_WORDS.search(self.text)):
            return _affine("temperature", "degC")
        raise _Skip(f"{shown!r} is an angle or a temperature; write °C for a temperature",
                    AmbiguousQuantityError)

    def quantity_of(self, sign: str | None, num: str, raw: str, attached: bool,
                    peak: float | None = None) -> tuple[float, _Unit]:
        value = _number(num)
        unit = self.unit(raw.strip(), value if peak is None else peak, attached)
        return _apply(unit, sign, value), unit

    def build(self, m: re.Match[str]) -> Quantity:
        alt, g = m.lastgroup, m.group
        qualifier = None
        if g("q"):
            key = re.sub(r"\s+", " ", g("q").strip().lower())
            qualifier = _QUALIFIERS.get(key) or _QUALIFIERS.get(key.replace(" ", ""))
        if alt == "A_word":
            return self.word(m)
        if alt == "A_ph":
            return self.ph(m, qualifier)
        if alt == "A_ratio":
            return self.ratio(m, qualifier)
        extra: dict[str, Any] = {}
        value: float | tuple[float, float]
        end = m.end()
        if alt == "A_measure":
            raw, num_start = g("u2") or g("u1"), m.start("n1")
            if raw is None:
                raise _Skip("a number without unit")
            try:
                if g("sep") is None:
                    raise _Skip("no range")
                value, unit = self.range(g("s1"), g("n1"), g("u1"), g("s2"), g("n2"), raw, g("sep"))
            except _Skip as skip:
                if not g("u1") or skip.error is not None:
                    raise
                raw, end = g("u1"), m.end("u1")
                value, unit = self.quantity_of(g("s1"), g("n1"), raw,
                                               attached=m.end("n1") == m.start("u1"))
                self.check_single(m, unit)
        elif alt == "A_repeat":
            raw, num_start = g("ru"), m.start("rep")
            value, unit = self.quantity_of(None, g("rn"), raw, attached=False)
            if unit.dimension == "length":
                raise _Skip(f"{g(0)!r} reads as dimensions, not one quantity",
                            AmbiguousQuantityError, consume=True)
            if unit.dimension not in ("time", "volume", "mass"):
                raise _Skip("a repeat of a concentration")
            extra["repeat"] = int(g("rep"))
        else:  # between
            raw, num_start = g("bu2"), m.start("bn1")
            value, unit = self.range(g("bs1"), g("bn1"), g("bu1"), g("bs2"), g("bn2"), raw, "and")
        if not self.strict and self.after_label(num_start):
            raise _Skip("a label number")
        # a dash before an amount is punctuation or a range mark, not a minus
        keep_sign = unit.dimension == "temperature" or qualifier or alt == "A_between"
        start = m.start() if keep_sign else num_start
        if _RATE_AFTER.match(self.text, end):
            raise _Skip(f"{self.text[start:end]!r} is part of a rate per time; autodsl has no "
                        "rate units", UnknownUnitError)
        return self.make(m, start, value, unit, raw.strip(), qualifier, end=end, **extra)

    def ph(self, m: re.Match[str], qualifier: str | None) -> Quantity:
        g = m.group
        value = _pair(_number(g("pn1")), _number(g("pn2")) if g("pn2") else None, g("psep"))
        if not all(0 <= v <= 14 for v in (value if isinstance(value, tuple) else (value,))):
            raise _Skip("a pH outside 0-14")
        return self.make(m, m.start(), value, _Unit("ph", 1.0, 0.0), "pH", qualifier)

    def ratio(self, m: re.Match[str], qualifier: str | None) -> Quantity:
        g, text = m.group, self.text
        a, b = _number(g("ra")), _number(g("rb"))
        before = text[max(0, m.start() - 6):m.start()]
        clock = _CLOCK_AFTER.match(text, m.end()) or (
            5 <= a <= 24 and len(g("rb")) == 2 and before.lower().endswith("at "))
        if b == 0 or clock or _UNIT_AFTER.match(text, m.end()) or re.search(r"\d\s*:\s*$", before):
            raise _Skip("a time of day, a label or a 3-part ratio, not a ratio")
        return self.make(m, m.start(), _round(a / b), _Unit("ratio", 1.0, 0.0), ":", qualifier)

    def after_label(self, start: int) -> bool:
        """Whether the number at ``start`` follows a label word: 'Figure 2', 'Step 3', 'Table 1'."""
        k = start
        while k and self.text[k - 1] in " \t":
            k -= 1
        if not k or not (self.text[k - 1].isalpha() or self.text[k - 1] in ".#"):
            return False
        return _LABEL_BEFORE.search(self.text, max(0, start - 16), start) is not None

    def check_single(self, m: re.Match[str], unit: _Unit) -> None:
        """Refuse the readings of one number + unit that the module doc rules out."""
        g, text, end = m.group, self.text, m.end("u1")
        if self.strict:
            if g("s1") and g("s1").strip() != "+" and unit.dimension != "temperature":
                raise _Skip(f"{text[m.start('s1'):end]!r}: a {unit.dimension} cannot be negative",
                            QuantityError)
            return
        attached, raw = m.end("n1") == m.start("u1"), g("u1").strip()
        if raw == "s" and attached and re.fullmatch(r"(?:19|20)\d0", g("n1")):
            raise _Skip("a decade, e.g. 1990s")
        if raw == "M" and g("n1") == "3" and attached and _COMPANY_3M.match(text, end):
            raise _Skip("the company 3M")
        if raw == "K" and (_number(g("n1")) < 200 or text[end:end + 1] == "-"):
            raise _Skip("K as potassium or thousands ('10 K' filter, 'K-gluconate'), not kelvin")
        if raw == "l" and _number(g("n1")) >= 10:
            raise _Skip("'12 l': a microlitre whose µ was lost far more often than litres")
        if text[end:end + 1] in ("-", "–", "−", "‐") and text[end + 1:end + 2].isdigit():
            raise _Skip("a unit with an exponent, e.g. 'm–2s–1'")
        if unit.dimension == "fold" and _MAGNIFICATION_AFTER.match(text, end):
            raise _Skip("a magnification")
        if unit.dimension == "fold" and _COUNT_AFTER.match(text, end) \
                and _WASH_BEFORE.search(text, max(0, m.start("n1") - 40), m.start("n1")):
            raise _Skip("a count of washes")

    def range(self, s1: str | None, n1: str, u1: str | None, s2: str | None, n2: str, u2: str,
              sep: str) -> tuple[tuple[float, float], _Unit]:
        peak = max(_number(n1), _number(n2))
        high, unit = self.quantity_of(s2, n2, u2, False, peak)
        if u1:
            low, first = self.quantity_of(s1, n1, u1, False, peak)
            if first.dimension != unit.dimension:
                raise _Skip("two quantities")
            if sep.strip().lower() == "to" and unit.dimension in ("volume", "mass"):
                raise _Skip("two amounts ('200 µl to 1.5 ml tubes')")
        else:
            low = _apply(unit, s1, _number(n1))
        if sep.strip() == "±":
            spread = _round(unit.scale * _number(n2))
            return (_round(low - spread), _round(low + spread)), unit
        if self.strict and low > high and unit.offset == 0 and unit.dimension != "temperature":
            # '10-5 min' is a typo or two things; prose scanning still reads it as a range
            raise _Skip(f"the range {self.text[self.text.find(n1):].strip()!r} runs from high to low; "
                        "write the lower end first", error=QuantityError)
        return (min(low, high), max(low, high)), unit

    def word(self, m: re.Match[str]) -> Quantity:
        word = m.group("w")
        after = self.text[m.end():]
        if word == "RT" and _RT_NOT_TEMPERATURE.match(after):
            raise _Skip("RT as reverse transcription")
        dimension, value = _WORD_QUANTITIES[word[:2].lower()]
        if dimension == "time" and _OVERNIGHT_ADJECTIVE.match(after):
            raise _Skip("overnight as an adjective ('overnight culture')")
        return self.make(m, m.start("w"), value, _Unit(dimension, 1.0, 0.0), word, None,
                         default=True)

    def make(self, m: re.Match[str], start: int, value: float | tuple[float, float], unit: _Unit,
             original: str, qualifier: str | None, end: int | None = None,
             **extra: Any) -> Quantity:
        end = m.end() if end is None else end
        while self.text[end - 1].isspace():
            end -= 1
        # every field is built here from checked parts: skip re-validation (hot path)
        return Quantity.model_construct(
            text=self.text[start:end], value=value, unit=CANONICAL_UNITS[unit.dimension],
            dimension=unit.dimension, original_unit=original, start=start, end=end,
            qualifier=qualifier, default=extra.get("default", False), repeat=extra.get("repeat"))


def _pair(low: float, high: float | None, sep: str | None) -> float | tuple[float, float]:
    if high is None:
        return low
    if sep and sep.strip() == "±":
        return (_round(low - high), _round(low + high))
    return (min(low, high), max(low, high))


def _merge_times(found: list[Quantity], text: str) -> list[Quantity]:
    """Join '1 h 30 min' and '9 min 15 s' into one duration."""
    if len(found) < 2:
        return found
    out: list[Quantity] = []
    for q in found:
        prev = out[-1] if out else None
        if (prev is not None and prev.dimension == q.dimension == "time" and not prev.default
                and isinstance(prev.value, float) and isinstance(q.value, float)
                and prev.repeat is None and q.repeat is None and q.qualifier is None
                and re.fullmatch(r"\s*(?:and\s+)?", text[prev.end:q.start])
                and _static_scale(prev.original_unit) > _static_scale(q.original_unit) > 0):
            out[-1] = prev.model_copy(update={
                "text": text[prev.start:q.end], "end": q.end, "value": _round(prev.value + q.value),
                "original_unit": f"{prev.original_unit} {q.original_unit}"})
        else:
            out.append(q)
    return out


def _static_scale(raw: str) -> float:
    unit = _static_unit(raw)
    return unit.scale if isinstance(unit, _Unit) and unit.dimension == "time" else 0.0


def _fmt(value: float) -> str:
    """A number without float noise, exponent or trailing '.0'."""
    text = format(Decimal(f"{value:.12g}"), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def parse_quantity(text: str, context: str | None = None) -> Quantity:
    """Parse ``text`` as exactly one quantity, normalised to its canonical unit.

    ``context`` is a hint (a WLP entity type such as "Speed", "Time", "Temperature",
    "Amount", "pH", or "spin"/"centrifuge") that settles ambiguous units (see the module
    doc). Raises :class:`QuantityError` (or its subclasses :class:`UnknownUnitError` and
    :class:`AmbiguousQuantityError`) when the text is not one quantity or is ambiguous.

    >>> parse_quantity("37 ° C").value
    37.0
    >>> parse_quantity("12,000 g", context="Speed").unit
    'xg'
    >>> parse_quantity("2 x 5 min").repeat
    2
    """
    body = text.strip().rstrip(".,;:").rstrip()  # WLP spans often end in ' .'
    if not body:
        raise QuantityError("empty text is not a quantity")
    offset = text.index(body)
    scan = _Scan(text, context, strict=True)
    mode = scan.mode
    if mode == "ph" and re.fullmatch(_DEC, body):
        return parse_quantity(f"pH {body}").model_copy(update={"text": body, "start": offset,
                                                               "end": offset + len(body)})
    if mode == "temperature" and body.lower() in ("ice", "melting ice"):
        return Quantity(text=body, value=(0.0, 4.0), unit="degC", dimension="temperature",
                        original_unit=body, start=offset, end=offset + len(body), default=True)
    found = scan.run()
    whole = [q for q in found if q.start <= offset and q.end >= offset + len(body)]
    if whole and len(found) == 1:
        return _plausible(whole[0])
    if found:
        named = ", ".join(repr(q.text) for q in found)
        raise QuantityError(f"{text!r} is not a single quantity (found {named})")
    raise _why_not(body)


def _plausible(q: Quantity) -> Quantity:
    """``q`` unless its value is not finite or below absolute zero (then QuantityError).

    >>> _plausible(parse_quantity("-20 °C")).value
    -20.0
    """
    values = q.value if isinstance(q.value, tuple) else (q.value,)
    if not all(math.isfinite(v) for v in values):
        raise QuantityError(f"{q.text!r} is too large a number to be a quantity")
    if q.dimension == "temperature" and min(values) < ABSOLUTE_ZERO_C:
        raise QuantityError(f"{q.text!r} is below absolute zero (-273.15 °C)")
    return q


def _why_not(body: str) -> QuantityError:
    """The error explaining why ``body`` holds no quantity."""
    if re.search(r"\d,\d{1,2}(?!\d)", body):
        return AmbiguousQuantityError(
            f"{body!r}: is the comma a decimal point? write e.g. 1.5, not 1,5")
    m = re.search(rf"{_NUM_CORE}{_S}*(.*)$", body)
    if m is None:
        return QuantityError(f"{body!r} is not a quantity: no number")
    rest = m.group(1).strip()
    if not rest:
        return QuantityError(f"{body!r} has no unit")
    if re.match(rf"(?:{_SEP})?\d", rest):
        return QuantityError(f"{body!r} has no unit")
    if _RATE_AFTER.match(rest) or _RATE_AFTER.search(body):
        return UnknownUnitError(f"{body!r} is a rate per time; autodsl has no rate units")
    return UnknownUnitError(f"unknown unit {rest!r} in {body!r}")


def find_quantities(sentence: str, context: str | None = None) -> list[Quantity]:
    """Every quantity in ``sentence``, in order, with offsets into it.

    Ambiguous or doubtful readings are skipped (see the module doc); ``context`` is the
    same hint as for :func:`parse_quantity` and applies to the whole sentence.

    >>> [(q.text, q.value, q.unit) for q in find_quantities("Add 0.5 µl and incubate at RT.")]
    [('0.5 µl', 0.5, 'uL'), ('RT', (20.0, 25.0), 'degC')]
    """
    return _Scan(sentence, context, strict=False).run()


def format_quantity(q: Quantity) -> str:
    """Write ``q`` in canonical units, as the DSL prints it; :func:`parse_quantity` reads it back.

    Ranges are ``LOW..HIGH unit``, repeats ``N x value unit``, pH ``pH 7.4``, ratios ``1:100``.

    >>> format_quantity(parse_quantity("5 - 10 min"))
    '300..600 s'
    >>> format_quantity(parse_quantity("1:100"))
    '1:100'
    """
    low, high = (q.value if isinstance(q.value, tuple) else (q.value, None))
    if q.dimension == "ratio":
        number = f"1:{_fmt(1 / low)}" if 0 < low < 1 else f"{_fmt(low)}:1"
    else:
        number = _fmt(low) if high is None else f"{_fmt(low)}..{_fmt(high)}"
    if q.dimension == "ph":
        body = f"pH {number}"
    elif q.dimension == "ratio":
        body = number
    else:
        body = f"{number} {q.unit}"
    if q.repeat is not None:
        body = f"{q.repeat} x {body}"
    return f"{q.qualifier} {body}" if q.qualifier else body
