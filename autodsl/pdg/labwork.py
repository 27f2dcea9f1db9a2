r"""Whether a text is lab work at all: a warning for a software procedure read as a protocol.

A procedure for a computer program ("Click on the Start Experiment button", "Select 'Z-stack
tool' in the Acquisition tool group", "Open the .exe file") extracts as a list of verbs the
translator turns into lab operations on invented materials, every one of them wrong; the
domain's fit does not tell (its verbs, *set*, *open*, *select*, *run*, *load*, are lab verbs
too). What tells is the words around the verbs: an operation whose sentence names a piece of a
user interface (button, menu, tab, checkbox, window, icon, the mouse's click) is a software
step. When at least :data:`SOFTWARE_SHARE` (30 %) of a protocol's operations are, the protocol
gets one ``not-lab-protocol`` warning.

>>> g = PDG(text="Click the Start button. Select the Z-stack tab. Click Save. Centrifuge the cells.")
>>> for i, m in enumerate(re.finditer(r"[^.]+\.", g.text)):
...     s, e = m.span()
...     g.add_node(f"op{i}", "operation", m.group().split()[0], span=(s, s + 5), sentence={"start": s, "end": e})
>>> [(d.code, d.severity, d.message) for d in not_lab_work(g)]
[('not-lab-protocol', 'warning', '3 of 4 steps are software steps (click, button, tab); the text reads as a software procedure, not lab work')]
"""

from __future__ import annotations

import re
from collections import Counter

from autodsl.diagnostics import Diagnostic
from autodsl.pdg.model import PDG

__all__ = ["not_lab_work", "software_steps", "SOFTWARE_SHARE", "MIN_OPERATIONS"]

# words that name a part of a program's user interface or the act of working one; a few occur
# in lab steps too ("the PCR program", "a tool"), too rarely to make half of a protocol's
# steps ("window" does often, a time window, so it is left out; "mouse" is an animal)
_INTERFACE = re.compile(
    r"\b(?:(?:double|right|left)[- ]?)?(click(?:s|ed|ing)?|button|checkbox|check box|tick box|drop-?down|"
    r"menu|toolbar|tab|dialog(?:ue)? box|icon|cursor|pop-?up|scroll(?:ing)?|drag(?:ging)?|"
    r"keyboard|shortcut|\.exe|log ?in|software|computer|program|trackbar|groupbox|group box|slider|folder|"
    r"files?|screen|export(?:ed)?|tool)\b", re.I)
# measured on 250 protocols of corpora/protocol-exchange and wlp/dev: wet-lab protocols stay at
# or below 0.27 (an instrument run from its buttons), 95 % of them below 0.1; the nine at 0.3
# or above are all software or computational procedures
SOFTWARE_SHARE = 0.3
MIN_OPERATIONS = 4


def software_steps(pdg: PDG) -> tuple[int, int, Counter[str]]:
    """How many operations of ``pdg`` there are, how many of them are software steps, and the
    interface words that made them so."""
    total, software, words = 0, 0, Counter()
    seen: dict[tuple[int, int], list[str]] = {}  # operations of one sentence read it once
    for _, data in pdg.nodes("operation"):
        total += 1
        sentence = data.get("sentence") or {}
        start, end = sentence.get("start"), sentence.get("end")
        if start is None and data.get("span"):
            start, end = data["span"]
        if start is None:
            continue
        found = seen.get((start, end))
        if found is None:
            found = seen[(start, end)] = [m.group(1).lower() for m in _INTERFACE.finditer(pdg.text[start:end])]
        if found:
            software += 1
            words.update(w[:5] if w.startswith("click") else w for w in found)
    return total, software, words


def not_lab_work(pdg: PDG) -> list[Diagnostic]:
    """A ``not-lab-protocol`` warning when most operations are software steps (module doc)."""
    total, software, words = software_steps(pdg)
    if total < MIN_OPERATIONS or software < SOFTWARE_SHARE * total:
        return []
    first_line = len(pdg.text.split("\n", 1)[0].rstrip("\r"))
    shown = ", ".join(w for w, _ in words.most_common(3))
    return [Diagnostic(
        code="not-lab-protocol", severity="warning", start=0, end=first_line,
        message=(f"{software} of {total} steps are software steps ({shown}); the text reads as a "
                 "software procedure, not lab work"),
        hint="check that this is the protocol you meant; translate only its wet-lab part",
    )]
