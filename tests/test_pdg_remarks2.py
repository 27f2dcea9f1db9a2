"""Text that is no instruction stays out of the mandatory operations (issue 4, audit pattern 4):
section headings and statements of fact become notes; pause points and "can be stored ... for
up to" become optional work; troubleshooting stays conditional.
"""

from pdg_helpers import make, verbs_and_notes as _verbs_and_notes

from autodsl.pdg.structure import structure


def _structured(marked: str):  # type: ignore[no-untyped-def]
    protocol, extraction = make(marked)
    return structure(protocol, extraction, None)


def _blocks(marked: str) -> dict[str, list[str]]:
    """Each operation's verb and the kinds of the blocks around it."""
    pdg = _structured(marked)
    return {d["verb"]: [b["kind"] for b in d["blocks"]] for _, d in pdg.graph.nodes(data=True)
            if d["kind"] == "operation"}


def test_a_gerund_or_nominal_heading_line_is_a_note():
    verbs, notes = _verbs_and_notes(
        "{Incubate} the [tubes:Location/Acts-on] overnight.\n"
        "{Separating} [viruses:Reagent/Acts-on] on the Optiprep gradient .\n"
        "{Pipette} [0.5 ml:Amount/Measure] of [concentrate:Reagent/Acts-on] onto each gradient.\n"
        "{Administration} of antigen and adjuvant (day 2)\n"
        "12. {Inject} [antigen:Reagent/Acts-on] into mice.")
    assert verbs == ["incubate", "pipette", "inject"]
    assert sum("a heading" in n for n in notes) == 2


def test_gerund_lines_in_a_run_and_gerunds_with_commas_stay_steps():
    verbs, notes = _verbs_and_notes(
        "{Add} loading [buffer:Reagent/Acts-on] to each sample.\n"
        "{Heating} them in 95 degree for 10min.\n"
        "{Loading} the running [buffer:Reagent/Acts-on].\n"
        "{Using} a tip, {mix} the [sample:Reagent/Acts-on].")
    assert len(verbs) == 5 and verbs[1:3] == ["heat", "load"]
    assert not any("a heading" in n for n in notes)


def test_a_statement_of_fact_is_a_note():
    verbs, notes = _verbs_and_notes(
        "{Centrifuge} at [14,000 x g:Speed/Setting] for [10 min:Time/Setting].\n"
        "{Filtrate} contains digested proteins .\n"
        "Pick a sequence. This is the site that Cas9 will {bind} and {cut}.\n"
        "Gentle agitation may be required to {remove} the [coverglass:Reagent/Acts-on].\n"
        "{Add} [170 µl:Amount/Measure] [water:Reagent/Acts-on].")
    assert verbs == ["centrifuge", "add"]
    assert sum("a description" in n for n in notes) == 4


def test_an_instruction_with_should_or_a_capitalised_abbreviation_stays_a_step():
    verbs, _ = _verbs_and_notes(
        "The cells should be {washed} twice.\n"
        "{Measure} IS concentration with a NanoDrop.\n"
        "You will {need} the [buffer:Reagent/Acts-on] later.")
    assert verbs == ["wash", "measure", "need"]


def test_a_pause_point_and_optional_storage_are_optional():
    kinds = _blocks(
        "14. {Store} at [-20 °C:Temperature/Setting] over night.\n"
        "PAUSE POINT Tissue blocks can be {kept} at [-20 °C:Temperature/Setting] for a week.\n"
        "Slices can be {held} at [room temperature:Temperature/Setting] for up to one week.\n"
        "15. {Cut} [sections:Reagent/Acts-on] from the blocks.")
    assert kinds == {"store": [], "keep": ["optional"], "hold": ["optional"], "cut": []}


def test_a_pause_point_later_in_a_sentence_leaves_its_steps_mandatory():
    kinds = _blocks("{Wash} the [samples:Reagent/Acts-on] and {freeze} them, note: pause point here.\n"
                    "{Grind} the [samples:Reagent/Acts-on].")
    assert kinds == {"wash": [], "freeze": [], "grind": []}



def test_a_heading_is_a_note_on_the_operation_it_introduces():
    pdg = _structured(
        "{Incubate} the [tubes:Location/Acts-on] overnight.\n"
        "{Separating} [viruses:Reagent/Acts-on] on the Optiprep gradient .\n"
        "{Pipette} [0.5 ml:Amount/Measure] of [concentrate:Reagent/Acts-on] onto each gradient.")
    verb = {op: d["verb"] for op, d in pdg.nodes("operation")}
    [note] = [d for d in pdg.diagnostics if d.code == "not-an-operation"]
    assert verb[note.node] == "pipette"
    assert "a heading" in pdg.graph.nodes[note.node]["comment"]
