"""Location phrases that name no container are no ``site``: a condition ("in the dark"), a form
("into small pieces") or a position of a material stays in the statement's comment, a position
of a container ("the bottom of the tube") makes the container the site, and the adverb "well"
is nothing; and "on" introduces the place of a placing verb when that place is a surface
("Plate the cells on LB agar")."""

from pdg_helpers import make

from autodsl.emit.printer import print_program
from autodsl.extract.linker import NO_ROLE, PairContext, Span, candidate_pairs
from autodsl.extract.sites import place_sites
from autodsl.pdg.complete import complete
from autodsl.pdg.link import link
from autodsl.pdg.structure import structure


def ops(marked):
    p, x = make(marked)
    g = structure(p, x)
    return g, [d for _, d in sorted(g.nodes("operation"), key=lambda item: item[1].get("order") or 0)]


def test_condition_and_form_are_no_site_but_kept_for_the_reader():
    g, (incubate, cut) = ops("{Incubate} the [cells:Reagent/Acts-on] in the [dark:Location/Site].\n"
                             "{Cut} the [tissue:Reagent/Acts-on] into [small pieces:Location/Site].")
    for op, said in ((incubate, "dark"), (cut, "small pieces")):
        assert not any(r.get("text") == said for r in op["slots"].values())
        assert [r["text"] for r in op.get("extra_slots", [])] == [said]
    p, x = make("{Incubate} the [cells:Reagent/Acts-on] in the [dark:Location/Site].")
    program = print_program(link(complete(structure(p, x), x), x))
    line = next(t for t in program.splitlines() if "cells" in t and "(" in t)
    assert "dark" in line.split("#", 1)[1] and "dark" not in line.split("#", 1)[0]


def test_position_of_a_container_is_that_container_as_the_site():
    _, (collect,) = ops("{Collect} the [beads:Reagent/Acts-on] at the [bottom:Location/Site] of the tube.")
    sites = [r for r in collect["slots"].values() if r.get("text") == "tube"]
    assert len(sites) == 1 and not collect.get("extra_slots")
    text = "Test protocol\nCollect the beads at the bottom of the tube."
    assert text[sites[0]["start"]:sites[0]["end"]] == "tube"


def test_adverb_well_is_nothing_and_each_well_is_a_site():
    _, (mix, add) = ops("{Mix} [well:Location/Site].\n"
                        "{Add} [medium:Reagent/Acts-on] to each [well:Location/Site].")
    assert not mix["slots"] and not mix.get("extra_slots")
    assert [r["text"] for r in add["slots"].values()] == ["well"]


def _roles(words, spans):
    return place_sites(candidate_pairs(spans), ["Acts-on", NO_ROLE], PairContext.of(spans, {0: words}))


def test_on_a_surface_is_where_a_placing_verb_puts_its_object():
    words = "plate the cells on lb agar".split()
    spans = [Span(0, "A", "Action", 0, 5, 0, 1, 0, 0, "plate"),
             Span(1, "E", "Reagent", 10, 15, 0, 1, 2, 2, "cells"),
             Span(2, "E", "Reagent", 19, 25, 0, 1, 4, 5, "agar")]
    assert _roles(words, spans) == ["Acts-on", "Site"]


def test_on_ice_is_no_destination():
    words = "place the tubes on ice".split()
    spans = [Span(0, "A", "Action", 0, 5, 0, 1, 0, 0, "place"),
             Span(1, "E", "Reagent", 10, 15, 0, 1, 2, 2, "tubes"),
             Span(2, "E", "Reagent", 19, 22, 0, 1, 4, 4, "ice")]
    assert _roles(words, spans) == ["Acts-on", NO_ROLE]
