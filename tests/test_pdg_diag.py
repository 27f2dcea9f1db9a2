"""Diagnostics a scientist can trust (issue 4, audit pattern 15): lost material, storage without
a time, a fill read as a capacity, a software procedure read as lab work."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from pdg_helpers import make

from autodsl.corpus import load_protocol
from autodsl.driver import translate
from autodsl.emit.printer import print_program
from autodsl.induce.registry import get_spec
from autodsl.pdg.labwork import not_lab_work
from autodsl.pdg.lost import lost_products
from autodsl.pdg.model import PDG
from autodsl.validate import check_text

ROOT = Path(__file__).resolve().parents[1]


def _codes(translation, code):  # type: ignore[no-untyped-def]
    return [d for d in translation.diagnostics if d.code == code]


# --- lost material -------------------------------------------------------------------------

def test_a_dropped_product_is_reported_at_the_step_that_makes_it() -> None:
    protocol, x = make("{Centrifuge} the [culture:Reagent/Acts-on] for [10 min:Time/Setting].\n"
                       "{Resuspend} the [pellet:Reagent/Acts-on] in [buffer:Reagent/Using].\n"
                       "{Incubate} the [suspension:Reagent/Acts-on] for [5 min:Time/Setting].")
    t = translate(protocol, extraction=x, spec=get_spec("wetlab"))
    lost = _codes(t, "unused-product")
    # the spin's other half is taken by no step and is no result
    assert [(d.severity, t.pdg.graph.nodes[d.node]["verb"]) for d in lost] == [("warning", "centrifuge")]
    assert lost[0].line == 2 and "supernatant" in lost[0].message


def test_results_and_taken_products_are_not_reported() -> None:
    g = PDG(text="Spin. Elute.")
    g.add_node("op1", "operation", "Spin", span=(0, 4), opcode="SPIN", order=0)
    g.add_node("op2", "operation", "Elute", span=(6, 11), opcode="ELUTE", order=1)
    for m in ("pellet", "dna", "waste"):
        g.add_node(m, "material", m, role="product")
    g.add_edge("op1", "pellet", "produces")
    g.add_edge("pellet", "op2", "consumes")
    g.add_edge("op2", "dna", "produces")
    g.add_edge("op2", "waste", "produces")
    assert lost_products(g) == []  # pellet is taken; dna and waste are the results


@pytest.mark.parametrize("name", ["pcr_setup.txt", "plasmid_miniprep.md", "organic_workup.txt"])
def test_translate_counts_the_unused_products_check_counts(name: str) -> None:
    t = translate(load_protocol(ROOT / "protocols" / name))
    checked = [d for d in check_text(print_program(t.pdg), t.spec) if d.code == "unused-product"]
    assert len(_codes(t, "unused-product")) == len(checked)


def test_unused_products_are_warnings_the_exit_code_ignores(tmp_path: Path) -> None:
    from autodsl.cli import main

    source = ROOT / "corpora/wlp/dev/protocol_388.txt"
    out = tmp_path / "p.json"
    html = tmp_path / "p.html"
    code = main(["translate", str(source), "--format", "json", "-o", str(out)])
    main(["translate", str(source), "--format", "html", "-o", str(html)])
    data = json.loads(out.read_text(encoding="utf-8"))
    assert any(d["code"] == "unused-product" for d in data["diagnostics"])
    assert "unused-product" in html.read_text(encoding="utf-8")
    assert code == 0


# --- storage needs no duration ---------------------------------------------------------------

def _time_unknowns(marked: str) -> list[str]:
    protocol, x = make(marked)
    t = translate(protocol, extraction=x, spec=get_spec("wetlab"))
    return [d.message for d in _codes(t, "unknown-parameter") if "has no time" in d.message]


def test_storage_gets_no_missing_time_note() -> None:
    assert _time_unknowns("{Store} the [lysate:Reagent/Acts-on] at [4 °C:Temperature/Setting].") == []
    assert _time_unknowns("{Hold} the [lysate:Reagent/Acts-on] at [12 °C:Temperature/Setting].") == []


def test_an_incubation_still_needs_its_time() -> None:
    assert _time_unknowns("{Incubate} the [lysate:Reagent/Acts-on] at [37 °C:Temperature/Setting].")


# --- a fill is no capacity -------------------------------------------------------------------

def test_a_volume_put_into_the_tubes_earlier_is_their_fill_not_their_size() -> None:
    t = translate(load_protocol(ROOT / "corpora/wlp/dev/protocol_388.txt"))
    assert not _codes(t, "container-over-capacity")
    tubes = [d for _, d in t.pdg.nodes("container") if d.get("head") == "tube"]
    assert tubes and all("capacity" not in d for d in tubes)


def test_a_stated_size_still_bounds_what_goes_in() -> None:
    protocol, x = make("{Add} [3 ml:Amount/Measure] of [buffer:Reagent/Acts-on] to a "
                       "[2 ml tube:Location/Site].")
    t = translate(protocol, extraction=x, spec=get_spec("wetlab"))
    assert _codes(t, "container-over-capacity")


# --- a software procedure is no lab protocol ------------------------------------------------

def test_a_software_procedure_is_flagged() -> None:
    t = translate(load_protocol(ROOT / "corpora/protocol-exchange/protocol_950.json"))
    found = _codes(t, "not-lab-protocol")
    assert len(found) == 1 and found[0].severity == "warning"


def test_lab_protocols_are_not_flagged() -> None:
    for path in sorted((ROOT / "protocols").glob("*.txt")):
        assert not _codes(translate(load_protocol(path)), "not-lab-protocol"), path.name


def test_few_software_steps_do_not_flag() -> None:
    g = PDG(text="Centrifuge. Spin. Mix. Click Save.")
    for i, (s, e) in enumerate([(0, 11), (12, 17), (18, 22), (23, 34)]):
        g.add_node(f"op{i}", "operation", "x", span=(s, e), sentence={"start": s, "end": e})
    assert not_lab_work(g) == []
