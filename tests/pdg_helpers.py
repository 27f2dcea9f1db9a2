"""Build small protocols and extractions for the PDG tests without the extractor.

``make("Spin the [cells:Reagent/Acts-on]. ...")``: each ``[text:Type/Role]`` is an entity
attached to the nearest action before it with that role; each ``{Verb}`` is an action.
"""

from __future__ import annotations

import re

from autodsl.corpus.models import Protocol, Step
from autodsl.extract.lemma import lemmatize
from autodsl.extract.models import Action, Argument, Entity, Extraction

_MARK = re.compile(r"\{([^}]+)\}|\[([^\]:]+):([A-Za-z-]+)/([A-Za-z-]+)\]")


def make(marked: str, title: str = "Test protocol") -> tuple[Protocol, Extraction]:
    """A protocol (one step per line) and its extraction from marked-up text."""
    text_parts: list[str] = [title + "\n"]
    offset = len(text_parts[0])
    actions: list[dict] = []
    entities: list[Entity] = []
    pos = 0
    for m in _MARK.finditer(marked):
        plain = marked[pos:m.start()]
        text_parts.append(plain)
        offset += len(plain)
        if m.group(1):
            word = m.group(1)
            actions.append({"id": f"A{len(actions) + 1}", "start": offset, "end": offset + len(word), "text": word,
                            "args": []})
        else:
            word, etype, role = m.group(2), m.group(3), m.group(4)
            ent = Entity(id=f"T{len(entities) + 1}", type=etype, start=offset, end=offset + len(word), text=word,
                         quantity=_quantity(etype, word))
            entities.append(ent)
            actions[-1]["args"].append(Argument(role=role, entity=ent.id))
        text_parts.append(word)
        offset += len(word)
        pos = m.end()
    text_parts.append(marked[pos:])
    text = "".join(text_parts)
    steps = []
    for line in re.finditer(r"[^\n]+", text):
        if line.start() == 0:
            continue
        steps.append(Step(index=len(steps) + 1, text=line.group(), start=line.start(), end=line.end()))
    protocol = Protocol(id="t", title=title, text=text, format="text", steps=steps)

    def step_of(start: int) -> int:
        return next((s.index for s in steps if s.start <= start < s.end + 1), 0)

    built = [Action(id=a["id"], start=a["start"], end=a["end"], text=a["text"], lemma=lemmatize(a["text"]),
                    step=step_of(a["start"]), args=a["args"]) for a in actions]
    return protocol, Extraction(protocol={"id": "t"}, entities=entities, actions=built)


def _quantity(etype: str, text: str):  # type: ignore[no-untyped-def]
    from autodsl.errors import QuantityError
    from autodsl.extract.models import QuantityValue
    from autodsl.units import parse_quantity

    if etype not in ("Amount", "Time", "Temperature", "Speed", "Concentration", "Size", "pH"):
        return None
    try:
        q = parse_quantity(text, context=etype)
    except QuantityError:
        return None
    return QuantityValue(value=q.value, unit=q.unit, dimension=q.dimension)


def program(marked: str, spec=None, extra_args=(), unheld=False):  # type: ignore[no-untyped-def]
    """The completed-and-linked PDG of ``marked`` and its printed program.

    ``spec``: the DSL to translate against (None: the verbs as opcodes); ``extra_args``:
    (action id, role, entity id) links the extractor also made (one span the argument of
    two actions); ``unheld``: spans marked with role "Mention" are held by no action (amounts
    the extractor left for stage 2 to attach).
    """
    from autodsl.driver import translate
    from autodsl.emit.printer import print_program

    p, x = make(marked)
    if unheld:
        x = x.model_copy(update={"actions": [a.model_copy(update={"args": [g for g in a.args if g.role != "Mention"]})
                                             for a in x.actions]})
    if extra_args:
        actions = []
        for a in x.actions:
            more = [Argument(role=role, entity=ent) for act, role, ent in extra_args if act == a.id]
            actions.append(a.model_copy(update={"args": [*a.args, *more]}) if more else a)
        x = x.model_copy(update={"actions": actions})
    pdg = translate(p, extraction=x, spec=spec, auto_domain=False).pdg
    return pdg, print_program(pdg)


def statements(text: str) -> list[str]:
    """The operation statements of a printed program, without their comments."""
    return [line.split("  #")[0].strip() for line in text.splitlines() if "(" in line and not line.startswith("protocol")]


def verbs_and_notes(marked: str, domain: str | None = None) -> tuple[list[str], list[str]]:
    """The operations' verbs after stage 1 (with the domain's spec, if any), and the messages of
    its ``not-an-operation`` notes."""
    from autodsl.induce.registry import get_spec
    from autodsl.pdg.structure import structure

    protocol, extraction = make(marked)
    pdg = structure(protocol, extraction, get_spec(domain) if domain else None)
    verbs = [d["verb"] for _, d in pdg.graph.nodes(data=True) if d["kind"] == "operation"]
    notes = [d.message for d in pdg.diagnostics if d.code == "not-an-operation"]
    return verbs, notes
