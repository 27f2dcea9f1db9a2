"""The data behind :mod:`autodsl.units`: unit spellings, conversions and the quantity patterns.

What lab text may write, as tables and compiled regular expressions: the unit spellings
(:func:`_static_unit` reads one; pint supplies each conversion factor once, lazily, through
:func:`_affine`), the number and unit patterns the scanner matches (:data:`_PATTERN`,
:data:`_SINGLE`), the words that decide a reading (spin and angle words, label words, wash
verbs), word numbers, the word quantities (room temperature, on ice, overnight), the
qualifiers (``~``, ``up to``) and the context hints. The rules that use them, and the public
API, are in :mod:`autodsl.units`; only that module imports these names.

>>> _static_unit("ml")
_Unit(dimension='volume', scale=1000.0, offset=0.0)
>>> _static_unit("g"), _static_unit("furlong")  # 'g' is settled by context; no furlongs
('g', None)
>>> _PATTERN.match("~5 - 10 min").lastgroup
'A_measure'
"""

from __future__ import annotations

import html
import re
from functools import cache, lru_cache
from typing import Any, NamedTuple

__all__ = [
    "_ANCHOR_WORDS",
    "_ANCHOR_WORDS_ANY_CASE",
    "_ANGLE_WORDS",
    "_CLOCK_AFTER",
    "_COMPANY_3M",
    "_CONTEXTS",
    "_COUNT_AFTER",
    "_DEC",
    "_DIGIT_RUN",
    "_LABEL_BEFORE",
    "_MAGNIFICATION_AFTER",
    "_NUM_CORE",
    "_OVERNIGHT_ADJECTIVE",
    "_PATTERN",
    "_PREFIX_CHARS",
    "_PREFIX_TAIL",
    "_PREFIX_WORDS",
    "_QUALIFIERS",
    "_RATE_AFTER",
    "_RT_NOT_TEMPERATURE",
    "_S",
    "_SEP",
    "_SINGLE",
    "_SPIN_WORDS",
    "_SUPERSCRIPT",
    "_SUPERSCRIPT_DIGITS",
    "_UNIT_AFTER",
    "_Unit",
    "_WASH_BEFORE",
    "_WORD_NUMBERS",
    "_WORD_QUANTITIES",
    "_affine",
    "_static_unit",
]


# ---------------------------------------------------------------------------- units

class _Unit(NamedTuple):
    dimension: str
    scale: float  # canonical = scale * value + offset
    offset: float


_PINT_CANONICAL = {
    "volume": "microliter", "mass": "milligram", "time": "second", "temperature": "degC",
    "molar_concentration": "millimolar", "mass_concentration": "milligram/milliliter",
    "length": "millimeter",
}
_IDENTITY = {"force", "rotation", "percent", "fold", "ratio", "ph"}


@lru_cache(maxsize=1)
def _registry() -> Any:
    import pint  # creating a registry takes ~0.5 s: once, and only when a factor is missing

    return pint.UnitRegistry()


@cache
def _affine(dimension: str, pint_unit: str) -> _Unit:
    """The conversion of ``pint_unit`` to the canonical unit as scale and offset."""
    if dimension in _IDENTITY:
        return _Unit(dimension, 1.0, 0.0)
    ureg, target = _registry(), _PINT_CANONICAL[dimension]
    zero = float(ureg.Quantity(0.0, pint_unit).to(target).magnitude)
    one = float(ureg.Quantity(1.0, pint_unit).to(target).magnitude)
    return _Unit(dimension, one - zero, zero)


def _build_tables() -> tuple[dict[str, tuple[str, str]], dict[str, tuple[str, str]]]:
    """Exact (case-sensitive) and lower-case unit spellings -> (dimension, pint unit)."""
    exact: dict[str, tuple[str, str]] = {}
    micro = (("µ", "micro"), ("u", "micro"))
    for pre, name in (*micro, ("m", "milli"), ("M", "milli"), ("n", "nano"), ("", "")):
        for ell in "lL":
            exact[pre + ell] = exact[pre + ell + "s"] = ("volume", name + "liter")
    for pre, name in (*micro, ("k", "kilo"), ("m", "milli"), ("n", "nano"), ("p", "pico")):
        exact[pre + "g"] = ("mass", name + "gram")
    for pre, name in (*micro, ("m", "milli"), ("n", "nano"), ("p", "pico"), ("f", "femto"),
                      ("", "")):
        exact[pre + "M"] = ("molar_concentration", name + "molar")
    for pre, name in (*micro, ("n", "nano"), ("m", "milli"), ("c", "centi")):
        exact[pre + "m"] = ("length", name + "meter")
    exact.update(ms=("time", "millisecond"), s=("time", "second"), h=("time", "hour"),
                 d=("time", "day"), C=("temperature", "degC"), oC=("temperature", "degC"),
                 X=("fold", "X"), x=("fold", "X"), **{"%": ("percent", "%")})
    lower: dict[str, tuple[str, str]] = {}
    words = {
        "time": {"second": "sec secs second seconds", "minute": "min mins minute minutes",
                 "hour": "hr hrs hour hours", "day": "day days", "week": "week weeks"},
        "volume": {"liter": "liter liters litre litres",
                   "milliliter": "milliliter milliliters millilitre millilitres",
                   "microliter": "microliter microliters microlitre microlitres"},
        "mass": {"gram": "gram grams", "milligram": "milligram milligrams",
                 "kilogram": "kilogram kilograms", "microgram": "microgram micrograms",
                 "nanogram": "nanogram nanograms"},
        "molar_concentration": {"molar": "molar", "millimolar": "millimolar",
                                "micromolar": "micromolar", "nanomolar": "nanomolar"},
        "length": {"meter": "meter meters metre metres", "millimeter": "millimeter millimeters",
                   "micrometer": "micrometer micrometers micron microns", "inch": "inch inches",
                   "centimeter": "centimeter centimeters", "nanometer": "nanometer nanometers"},
        "temperature": {
            "degC": "°c °celsius °celcius degc deg.c degreec degreesc degreecelsius degreescelsius "
                    "degreecelcius degreescelcius celsius celcius",
            "degF": "°f °fahrenheit degf degreef degreesf degreefahrenheit degreesfahrenheit "
                    "fahrenheit",
            "kelvin": "kelvin"},
        "force": {"xg": "xg rcf xgforce xg-force"}, "rotation": {"rpm": "rpm r.p.m. r.p.m rev/min"},
        "percent": {"%": "percent"},
    }
    for dimension, units in words.items():
        for pint_unit, spellings in units.items():
            for spelling in spellings.split():
                lower[spelling] = (dimension, pint_unit)
    return exact, lower


_EXACT_UNITS, _LOWER_UNITS = _build_tables()
_FLEX = {"g", "°", "degree", "degrees", "K", "m"}  # resolved by context: see module doc
_UNIT_CHARS = str.maketrans({"μ": "µ", "º": "°", "˚": "°", "⁰": "°", "ᵒ": "°", "×": "x", "−": "-"})
_COMPOUND = re.compile(
    r"(kg|mg|ng|pg|µg|ug|g)(?:/|per)?(µl|ul|ml|nl|l|liter|litre)(?:-1)?$"
    r"|(mmol|µmol|umol|nmol|pmol|mol)/(l|liter|litre)$"
)
_PREFIX = {"k": "kilo", "m": "milli", "µ": "micro", "u": "micro", "n": "nano", "p": "pico", "": ""}


@lru_cache(maxsize=4096)
def _static_unit(raw: str) -> _Unit | str | None:
    """The unit written ``raw``: a converter, a context-dependent key (str), or None."""
    key = re.sub(r"\s+|</?(?:em|i|sup)>", "", html.unescape(raw).translate(_UNIT_CHARS))
    key = key.replace("℃", "°C").replace("℉", "°F")
    if key.startswith("%"):
        basis = key[1:].strip("()").lower().replace(".", "")
        ok = not basis or re.fullmatch(r"(w|v|wt|vol|weight|volume)/(w|v|wt|vol|weight|volume)",
                                       basis)
        return _Unit("percent", 1.0, 0.0) if ok else None
    low = key.lower()
    if key in _FLEX or low in ("degree", "degrees"):
        return low if low.startswith("degree") else key
    if key == "°C":
        return _affine("temperature", "degC")
    found = _EXACT_UNITS.get(key) or _LOWER_UNITS.get(low)
    if found is None and (m := _COMPOUND.match(low.replace("μ", "µ"))):
        if m.group(1):
            mass = _PREFIX[m.group(1)[:-1]] + "gram"
            vol = _PREFIX[m.group(2)[:-1]] + "liter" if len(m.group(2)) == 2 else "liter"
            found = ("mass_concentration", f"{mass}/{vol}")
        else:
            found = ("molar_concentration", _PREFIX[m.group(3)[:-3]] + "mole/liter")
    return _affine(*found) if found else None


# ---------------------------------------------------------------------------- patterns

_S = r"[^\S\r\n]"  # a space inside a quantity (never a line break)
_B = r"(?![A-Za-z0-9µμ])"
_DEC = r"(?:(?:\d{1,3}(?:,\d{3})+(?!\d)|\d+)(?:\.\d+)?|\.\d+)"
_EXP = rf"10(?:{_S}?\^{_S}?[-−]?{_S}?\d+|<sup>[-−]?\d+</sup>|⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+)"
_WORD_NUMBERS = {
    w: float(i) for i, w in enumerate(
        ["", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
         "eleven", "twelve"]) if i}
_WORD_NUMBERS.update(fifteen=15.0, twenty=20.0, thirty=30.0, forty=40.0, fifty=50.0, sixty=60.0,
                     ninety=90.0)
_WORDS = "(?<!-)(?i:" + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + r")(?![\w-])"
# '20 000 x g': a space groups thousands only before a force or a speed
_SPACED_THOUSANDS = (rf"\d{{1,3}}(?:[ \u00a0\u2009\u202f]\d{{3}})+"
                     rf"(?={_S}*(?:[xX×]{_S}?[gG]|(?i:rpm|rcf)|g){_B})")
_NUM_CORE = (rf"(?:{_SPACED_THOUSANDS}|{_EXP}|{_DEC}(?:{_S}?[x×X*·]{_S}?{_EXP}|[eE][-+]?\d+(?!\w))?"
             rf"|{_WORDS})")
_NUM = rf"(?<![\w.,:/^#]){_NUM_CORE}"
_SIGN = rf"(?<![\w)\]])(?:[-−–‐‑+]{_S}?|(?i:minus){_S}+)"
_MASS = r"(?:kg|mg|ng|pg|[µμ]\s?g|ug|g)"
_VOL = r"(?:[µμ]\s?[lL]|[umnM][lL]|[lL]|(?i:(?:micro|milli)?lit(?:er|re)s?))"
_BASIS = r"(?i:w|v|wt|vol|weight|volume)(?:\.(?!\.))?"
_UNIT = "(?=[A-Za-z%°º˚⁰ᵒ℃℉µμ×<&])(?:" + "|".join([
    rf"{_MASS}{_S}*(?:/|per{_S}){_S}*{_VOL}{_B}",
    rf"{_MASS}{_S}?{_VOL}{_S}?[-−]1{_B}",
    rf"[mµμunp]?mol{_S}*/{_S}*(?:[lL]|(?i:lit(?:er|re))){_B}",
    rf"%{_S}?(?:\({_S}?{_BASIS}{_S}?/{_S}?{_BASIS}{_S}?\)|{_BASIS}{_S}?/{_S}?{_BASIS})", "%",
    rf"(?i:percent){_B}",
    rf"(?:[°º˚⁰ᵒ]|<sup>[oº°]</sup>|&deg;|&#x0*[bB]0;|&#176;){_S}?(?:(?i:celsius|celcius|fahrenheit)|[CFcf]){_B}",
    "[℃℉]", rf"(?i:deg(?:ree)?s?\.?){_S}?(?:(?i:celsius|celcius|fahrenheit)|[CFcf]){_B}",
    rf"oC{_B}",
    "[°º˚⁰]",
    rf"(?i:degrees?|celsius|kelvin){_B}",
    rf"[xX×]{_S}?(?:<(?:em|i)>[gG]</(?:em|i)>|[gG](?:{_S}?-?{_S}?force)?{_B})", rf"(?i:rcf){_B}",
    r"(?i:rpm|r\.p\.m\.?|rev/min)" + _B,
    rf"(?i:seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?){_B}",
    rf"(?:[µμ]{_S}?|[umnM])?[lL]s?{_B}", rf"(?i:(?:micro|milli)?lit(?:er|re)s?){_B}",
    rf"(?:kg|mg|ng|pg|[µμ]{_S}?g|ug){_B}", rf"(?i:(?:kilo|milli|micro|nano)?grams?){_B}",
    rf"(?:[mµμunpf]|[µμ]{_S})?M{_B}", rf"(?i:(?:milli|micro|nano)?molar){_B}",
    rf"(?:nm|[µμ]{_S}?m|um|mm|cm){_B}",
    rf"(?i:(?:nano|micro|milli|centi)?met(?:er|re)s?|microns?|inch(?:es)?){_B}",
    rf"(?:ms|s|h|d|m|g|C|K){_B}",
    rf"[xX×](?![A-Za-z0-9]|{_S}*\.?\d|{_S}?[gG]{_B})",
]) + ")"
_SEP = rf"(?:{_S}*(?:[-–—‐‑−~±]|\.\.){_S}*|{_S}+(?i:to){_S}+)"
_QUAL = (rf"(?P<q>(?:[~∼≈≤≥]|(?<![\w/\"'])[<>](?:{_S}?=)?"  # '<b>' is markup, not a bound
         rf"|(?<![\w])(?i:approximately|approx\.?|about|around"
         rf"|ca\.|circa|at{_S}+least|at{_S}+most|up{_S}+to|less{_S}+than|more{_S}+than|greater{_S}+than"
         rf"|no{_S}+more{_S}+than|not{_S}+more{_S}+than)(?![A-Za-z])){_S}*)?")
_HYPHEN = rf"(?:[-‐]|{_S}[-‐]{_S}|{_S}*)"  # '0.45-µm' / WLP '0.45 - µm': a compound adjective
_ALTS = {
    "between": (rf"(?<![\w])(?i:between){_S}+(?P<bs1>{_SIGN})?(?P<bn1>{_NUM})"
                rf"(?:{_S}*(?P<bu1>{_UNIT}))?{_S}+(?i:and){_S}+(?P<bs2>{_SIGN})?(?P<bn2>{_NUM}){_S}*(?P<bu2>{_UNIT})"),
    "repeat": (rf"(?P<rep>(?<![\w.,:/^])\d{{1,2}})(?:{_S}*[xX×]{_S}*|{_S}+(?i:times){_S}+)"
               rf"(?P<rn>{_DEC}){_S}*(?P<ru>{_UNIT})"),
    "ph": (rf"(?<![\w])[pP][hH]{_S}*(?:=|(?i:of|to|at)(?!\w))?{_S}*(?P<pn1>{_DEC})"
           rf"(?:(?P<psep>{_SEP})(?P<pn2>{_DEC}))?(?![\d.]\d)"),
    "ratio": (rf"(?P<ra>(?<![\w.,:/^])\d+(?:\.\d+)?)(?::|{_S}+:{_S}+)(?P<rb>{_DEC})"
              rf"(?![\d:]|{_S}*:{_S}*\d)"),
    # one number + unit, or a range: '5 ml', '0.45-µm', '5 - 10 min', '30 min - 1 h', '-80 °C'
    "measure": (rf"(?P<s1>{_SIGN})?(?P<n1>{_NUM})(?:{_HYPHEN}(?P<u1>{_UNIT}))?"
                rf"(?:(?P<sep>{_SEP})(?P<s2>{_SIGN})?(?P<n2>{_NUM_CORE}){_HYPHEN}(?P<u2>{_UNIT}))?"),
    "word": (rf"(?<![\w.])(?P<w>(?i:room{_S}*-?{_S}*temp(?:erature|\.)?|ambient{_S}+temperature"
             rf"|on{_S}+ice|ice{_S}*-?{_S}*cold|over{_S}*-?{_S}*night)(?![A-Za-z])"
             r"|RT(?![\w-])|(?i:r\.t\.?)(?!\w)|[oO]/[nN](?!\w))"),
}
_PATTERN = re.compile(_QUAL + "(?:" + "|".join(f"(?P<A_{k}>{v})" for k, v in _ALTS.items()) + ")")
_SINGLE = re.compile(_QUAL + f"(?P<A_measure>{_ALTS['measure']})")
_DIGIT_RUN = re.compile(r"\d+")
_ANCHOR_WORD_TEXT = (r"(?<![a-z0-9.])(?:ph|room|ambient|on[^\S\r\n]+ice|ice|over|o/n|r\.t|rt|"
                     + "|".join(sorted(_WORD_NUMBERS, key=len, reverse=True)) + ")")
_ANCHOR_WORDS = re.compile(_ANCHOR_WORD_TEXT)
_ANCHOR_WORDS_ANY_CASE = re.compile(_ANCHOR_WORD_TEXT.replace("a-z0-9", "A-Za-z0-9"), re.IGNORECASE)
_PREFIX_CHARS = frozenset("-−–‐‑+~∼≈<>≤≥=")
_PREFIX_WORDS = ("between", "approximately", "approx", "approx.", "about", "around", "ca.", "circa",
                 "least", "most", "up to", "than", "minus")
_PREFIX_TAIL = re.compile(_QUAL + rf"(?:(?<![\w])(?i:between){_S}+)?(?:{_SIGN})?\Z")
_UNIT_AFTER = re.compile(rf"{_S}*{_UNIT}")
_RATE_AFTER = re.compile(
    rf"{_S}*(?:/|per{_S}){_S}*(?i:min|minutes?|h|hr|hours?|s|sec|seconds?|days?)(?!\w)")
_CLOCK_AFTER = re.compile(rf"{_S}*(?i:am|pm|a\.m|p\.m|h|hrs?|hours?|min)(?!\w)")
_LABEL_BEFORE = re.compile(r"(?i)\b(?:fig|figs|figure|figures|table|step|steps|panel|lane|lanes|eq"
                           r"|equation|section|chapter|appendix|supplementary|ref|no|#)\.?\s*$")
_SPIN_WORDS = re.compile(r"(?i)centrifug|\bspin|\bspun\b|pellet|microfuge|\brcf\b|\brotor\b")
_ANGLE_WORDS = re.compile(r"(?i)\bangle|\btilt|\binclin|\boblique|\bbregma|\bazimuth|\blatitude"
                          r"|\blongitude|\borient|\brotat|\bturn|\bflip|\bplane\b")
_WASH_BEFORE = re.compile(r"(?i)\b(?:wash|rins|repeat|invert|pipett?|mix|tap|vortex|flick|shak"
                          r"|stroke|pass)\w*(?:\s+[^\s,;.()]+){0,3}\s+\Z")
_COUNT_AFTER = re.compile(
    rf"{_S}*(?:(?i:with|each|more|times|in{_S}+total|for|and|then)\b|[,.;:)]|$)")
_RT_NOT_TEMPERATURE = re.compile(
    rf"{_S}*(?:-|(?i:buffer|primer|enzyme|reaction|mix|master|product|kit|step|reagent|control|sample)s?\b)")
_MAGNIFICATION_AFTER = re.compile(
    rf"{_S}*(?:oil{_S}+)?(?i:objective|magnification|lens|zoom|immersion)")
_OVERNIGHT_ADJECTIVE = re.compile(rf"{_S}*(?i:cultures?|starter|grown|growth)\b")
_COMPANY_3M = re.compile(
    rf"{_S}*(?:[™®]|(?i:tape|micropore|tegaderm|transpore|scotch|vetbond|durapore)\b)")
_QUALIFIERS = {"~": "~", "∼": "~", "≈": "~", "approximately": "~", "approx": "~", "approx.": "~",
               "about": "~", "around": "~", "ca.": "~", "circa": "~", "<": "<", "less than": "<",
               "<=": "<=", "≤": "<=", "at most": "<=", "up to": "<=", "no more than": "<=",
               "not more than": "<=", ">": ">", "more than": ">", "greater than": ">",
               ">=": ">=", "≥": ">=", "at least": ">="}
_WORD_QUANTITIES = {  # first two letters, lower case -> (dimension, canonical low/high)
    **dict.fromkeys(("ro", "am", "rt", "r."), ("temperature", (20.0, 25.0))),
    **dict.fromkeys(("on", "ic"), ("temperature", (0.0, 4.0))),
    **dict.fromkeys(("ov", "o/"), ("time", (43200.0, 57600.0))),
}
_SPIN_CONTEXTS = {"speed", "spin", "centrifuge", "centrifugation", "force", "rcf", "pellet",
                  "g-force"}
_CONTEXTS = {
    **{c: "spin" for c in _SPIN_CONTEXTS}, "time": "time", "duration": "time",
    "temperature": "temperature", "temp": "temperature", "ph": "ph",
    "amount": "amount", "mass": "amount", "weight": "amount", "volume": "amount",
    "size": "amount", "length": "amount", "concentration": "amount", "reagent": "amount",
}

# exponents written as superscripts: '10⁶', '10⁻³'
_SUPERSCRIPT = re.compile("⁻?[⁰¹²³⁴⁵⁶⁷⁸⁹]+")
_SUPERSCRIPT_DIGITS = str.maketrans("⁻⁰¹²³⁴⁵⁶⁷⁸⁹", "-0123456789")
