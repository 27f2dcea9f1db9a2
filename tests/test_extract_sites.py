"""The place a placing verb puts its object is its Site (issues 3 and 4, round 19):
``autodsl.extract.sites.place_sites`` over the linker's roles, and what it changes
downstream (the translator's destination and its ``unknown-parameter`` note)."""

from __future__ import annotations

from autodsl.driver import translate
from autodsl.extract.extractor import extract_text, protocol_from_text
from autodsl.extract.linker import NO_ROLE, PairContext, Span, candidate_pairs
from autodsl.extract.sites import place_sites
from autodsl.induce.registry import get_spec


def _roles(marked: str, roles: dict[str, str]) -> dict[str, str]:
    """``place_sites`` on one sentence: ``marked`` is space-separated words with spans
    written ``[words:Type]`` (the first span must be the action, typed ``Action``), and
    ``roles`` gives the linker's role of (first action, span text); returns the roles after
    the rule, by span text, for the first action."""
    words: list[str] = []
    spans: list[Span] = []
    texts: list[str] = []
    for chunk in marked.replace("[", " [").replace("]", "] ").split():
        words.append(chunk.strip("[]").split(":")[0])
        if chunk.startswith("["):
            open_at = len(words) - 1
        if chunk.endswith("]"):
            kind = chunk[:-1].split(":")[1]
            text = " ".join(words[open_at:])
            lemma = text.lower() if kind == "Action" else words[-1].lower()
            spans.append(Span(len(spans), "A" if kind == "Action" else "E", kind, open_at, len(words), 0, 1,
                              open_at, len(words) - 1, lemma))
            texts.append(text)
    pairs = [p for p in candidate_pairs(spans) if p[0].index == 0]
    linked = [roles.get(texts[s.index], NO_ROLE) for _, s, _ in pairs]
    out = place_sites(pairs, linked, PairContext.of(spans, {0: words}))
    return {texts[s.index]: role for (_, s, _), role in zip(pairs, out) if role != NO_ROLE}


def test_the_place_after_to_past_the_object_becomes_the_site() -> None:
    got = _roles("[Add:Action] [1 ml:Amount] [antibody:Reagent] to the [particle pellet:Reagent] .",
                 {"antibody": "Acts-on"})
    assert got == {"antibody": "Acts-on", "particle pellet": "Site"}
    # settings and determiners may stand between the preposition and the place
    got = _roles("[Transfer:Action] the [lysate:Reagent] into a [1.5 ml:Amount] [tube:Location] .",
                 {"lysate": "Acts-on"})
    assert got["tube"] == "Site"


def test_a_second_acts_on_after_onto_becomes_the_site() -> None:
    got = _roles("[Add:Action] a [drop:Reagent] of [mounting medium:Reagent] onto the [tissue section:Reagent] .",
                 {"drop": "Acts-on", "mounting medium": "Acts-on", "tissue section": "Acts-on"})
    assert got == {"drop": "Acts-on", "mounting medium": "Acts-on", "tissue section": "Site"}


def test_no_site_where_the_action_has_one_or_the_verb_places_nothing() -> None:
    marked = "[Add:Action] [buffer:Reagent] to the [tube:Location] in the [rack:Location] ."
    assert _roles(marked, {"buffer": "Acts-on", "rack": "Site"}) == {"buffer": "Acts-on", "rack": "Site"}
    # "wash" is not a placing verb: the reagent it is done in is not where the cells go
    assert _roles("[Wash:Action] the [cells:Reagent] in [PBS:Reagent] .", {"cells": "Acts-on"}) == {
        "cells": "Acts-on"}
    # no object, nothing placed
    assert _roles("[Add:Action] [5 ml:Amount] to the [tube:Location] .", {}) == {}


def test_no_site_across_a_clause() -> None:
    # another action between
    assert "plate" not in _roles("[Add:Action] [cells:Reagent] and [spread:Action] to the [plate:Location] .",
                                 {"cells": "Acts-on"})
    # a comma outside brackets
    assert "TBS" not in _roles("[Apply:Action] the [antibodies:Reagent] , then use [BSA:Reagent] in [TBS:Reagent] .",
                               {"antibodies": "Acts-on"})
    # a clause of its own: "so they are attached to the side", "and ensuring nothing sticks to the side"
    assert "side" not in _roles("[Pipette:Action] the [beads:Reagent] so they are attached to the [side:Location] .",
                                {"beads": "Acts-on"})
    assert "side" not in _roles(
        "[Pipette:Action] the [beads:Reagent] and ensuring nothing sticks to the [side:Location] .",
        {"beads": "Acts-on"})
    # "in" after "of": what the object holds, not where it goes
    assert "TBS" not in _roles("[Place:Action] the [solution:Reagent] of [Tween:Reagent] in [TBS:Reagent] .",
                               {"solution": "Acts-on"})
    # only the first introduced place counts: "into the brain using a needle connected to a pump"
    assert _roles("[Inject:Action] [cells:Reagent] into the brain using a needle connected to a [pump:Device] .",
                  {"cells": "Acts-on"}) == {"cells": "Acts-on"}


_TEXT = "Add 150 ul of TE buffer and 100 ul of 30% PEG8000 to the PCR product.\n"


def test_the_extractor_links_the_destination() -> None:
    x = extract_text(_TEXT)
    texts = {e.id: e.text for e in x.entities}
    (add,) = x.actions
    assert ("Site", "PCR product") in [(a.role, texts[a.entity]) for a in add.args]


def test_the_translation_has_the_destination_and_no_unknown_site() -> None:
    t = translate(protocol_from_text(_TEXT), spec=get_spec("wetlab"))
    assert not [d for d in t.diagnostics if d.code == "unknown-parameter" and "site" in d.message]
    # the PCR product is an input the added reagents go into: it is consumed by the operation
    product = next(n for n, d in t.pdg.nodes("material") if d["label"] == "PCR product")
    assert any(e["kind"] == "consumes" for _, _, e in t.pdg.graph.out_edges(product, data=True))
