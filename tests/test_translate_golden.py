"""Golden PDGs of the example protocols in protocols/, from their hand-checked extractions.

Each ``protocols/<name>.expected.json`` (instance actions checked by hand) is translated to
a linked PDG without a domain spec, and compared with ``tests/data/pdg/<name>.json``. The
goldens were reviewed by hand (reagent flow, products, containers, diagnostics); after a
deliberate change, rewrite them with ``AUTODSL_UPDATE_GOLDENS=1 pytest tests/test_translate_golden.py``
and review the diff.
"""

import json
import os
from pathlib import Path

import pytest

from autodsl.corpus import load_protocol
from autodsl.driver import translate
from autodsl.extract.models import Extraction
from autodsl.pdg.complete import operation_flow
from autodsl.pdg.export import to_json_text

ROOT = Path(__file__).resolve().parents[1]
GOLDEN = Path(__file__).parent / "data" / "pdg"
EXPECTED = sorted((ROOT / "protocols").glob("*.expected.json"))


def _translate(expected: Path):
    name = expected.name.removesuffix(".expected.json")
    source = next(p for p in expected.parent.iterdir() if p.stem == name and not p.name.endswith(".json"))
    protocol = load_protocol(source)
    extraction = Extraction.model_validate_json(expected.read_text(encoding="utf-8"))
    return name, translate(protocol, extraction=extraction, auto_domain=False).pdg


@pytest.mark.parametrize("expected", EXPECTED, ids=lambda p: p.name.removesuffix(".expected.json"))
def test_golden_pdg(expected):
    name, pdg = _translate(expected)
    golden = GOLDEN / f"{name}.json"
    text = to_json_text(pdg)
    if os.environ.get("AUTODSL_UPDATE_GOLDENS") == "1":
        golden.write_text(text, encoding="utf-8")
    assert golden.exists(), f"no golden for {name}; run with AUTODSL_UPDATE_GOLDENS=1 and review it"
    assert json.loads(text) == json.loads(golden.read_text(encoding="utf-8"))


def test_there_are_goldens_for_the_example_protocols():
    assert len(EXPECTED) >= 4


def _flow_by_label(pdg, through_references=True):
    label = {n: f"{d['step']}:{d['label']}" for n, d in pdg.nodes("operation")}
    return sorted((label[a], label[b]) for a, b in operation_flow(pdg, through_references=through_references))


def test_miniprep_flow_reads_like_the_protocol():
    """The hand-reviewed facts of the miniprep golden, stated in the lab's terms."""
    _, pdg = _translate(ROOT / "protocols" / "plasmid_miniprep.expected.json")
    flow = _flow_by_label(pdg)
    # the pellet from step 1 is resuspended after the supernatant is discarded
    assert ("2:Pellet", "3:Discard") in flow and ("2:Pellet", "4:Resuspend") in flow
    # the cleared lysate (the supernatant of step 7) goes onto the column, not the pellet
    assert ("8:Centrifuge", "9:Transfer") in flow
    transfer = next(n for n, d in pdg.nodes("operation") if d["label"] == "Transfer")
    taken = [pdg.graph.nodes[m]["product_kind"] for m, _, d in pdg.graph.in_edges(transfer, data=True)
             if d["kind"] == "consumes"]
    assert taken == ["supernatant"]
    # the flow-through is discarded, the column goes on to the wash
    assert ("10:Centrifuge", "11:Wash") in flow
    # directly: fresh products named for the first time and continuations without words;
    # "Wash the column" and "invert the tube" name a material again (references)
    direct = _flow_by_label(pdg, through_references=False)
    assert ("8:Centrifuge", "9:Transfer") in direct and ("2:Pellet", "4:Resuspend") in direct
    assert ("10:Centrifuge", "11:Wash") not in direct and ("5:Add", "5:invert") not in direct
    wash = next(n for n, d in pdg.nodes("operation") if d["label"] == "Wash")
    column = next(m for m, _, d in pdg.graph.in_edges(wash, data=True)
                  if d["kind"] == "consumes" and pdg.graph.nodes[m]["role"] == "reference")
    assert pdg.graph.nodes[pdg.referent(column)]["product_kind"] == "column"
    tube = next(d for _, d in pdg.nodes("container") if d["label"] == "1.5 ml microcentrifuge tube")
    assert tube["capacity"] == {"value": 1500.0, "unit": "uL"}
