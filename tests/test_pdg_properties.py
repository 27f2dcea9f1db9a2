"""Properties of every translated PDG, on generated protocols and on corpus files.

Every consumed material has a producer, is a declared input, or is a reference that names
one; the graph is acyclic apart from repeat edges; every span lies inside the text; the same
input gives the same bytes. References are re-mentions: their span holds the words used,
flow through them contains the direct flow, and the program prints them as the material
they name.
"""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pdg_helpers import make

from autodsl.driver import translate
from autodsl.emit.printer import print_program
from autodsl.pdg.complete import operation_flow
from autodsl.pdg.invariants import pdg_problems
from autodsl.pdg.model import PDG

ROOT = Path(__file__).resolve().parents[1]

VERBS = ["Add", "Centrifuge", "Discard", "Resuspend", "Incubate", "Transfer", "Mix", "Prepare", "Wash", "Spin",
         "Pour off", "Vortex", "Filter", "Store", "Repeat", "Place", "Aspirate", "Elute", "Separate"]
MATERIALS = ["the supernatant", "the pellet", "it", "the cells", "the mixture", "buffer", "the sample",
             "250 ul PB1 buffer", "a new tube", "the tube", "the column", "the lysate", "ethanol", "the flow-through",
             "the aqueous layer", "them"]
TYPES = ["Reagent", "Reagent", "Mention", "Location", "Device"]
ROLES = ["Acts-on", "Acts-on", "Site", "Using", "Product"]
SETTINGS = ["[5 min:Time/Setting]", "[4 °C:Temperature/Setting]", "[12,000 x g:Speed/Setting]",
            "[2 x 5 min:Time/Setting]", "[three times:Numerical/Count]"]
PREFIXES = ["", "", "", "Optional: ", "If the pellet is loose, ", "Meanwhile, ", "Then "]
SUFFIXES = ["", "", " as in step 2", " to {mix}", " twice", " steps 1-2 twice"]


@st.composite
def protocols(draw):
    lines = []
    for _ in range(draw(st.integers(min_value=1, max_value=9))):
        verb = draw(st.sampled_from(VERBS))
        parts = [draw(st.sampled_from(PREFIXES)) + "{" + verb + "}"]
        for _ in range(draw(st.integers(min_value=0, max_value=3))):
            mention = draw(st.sampled_from(MATERIALS))
            etype = draw(st.sampled_from(TYPES))
            role = draw(st.sampled_from(ROLES))
            parts.append(f"[{mention}:{etype}/{role}]")
        if draw(st.booleans()):
            parts.append("for " + draw(st.sampled_from(SETTINGS)))
        lines.append(" ".join(parts) + draw(st.sampled_from(SUFFIXES)) + ".")
    return "\n".join(lines)


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(protocols(), st.sampled_from(["structured", "completed", "linked"]))
def test_generated_protocols_keep_the_invariants(marked, stage):
    p, x = make(marked)
    first = translate(p, extraction=x, stage=stage, auto_domain=False).pdg
    assert pdg_problems(first) == []
    again = translate(p, extraction=x, stage=stage, auto_domain=False).pdg
    assert json.dumps(first.to_json(), sort_keys=True) == json.dumps(again.to_json(), sort_keys=True)
    _references_are_re_mentions(first)


def _references_are_re_mentions(pdg):
    references = [m for m, d in pdg.nodes("material") if d.get("role") == "reference"]
    for ref in references:
        data = pdg.graph.nodes[ref]
        start, end = data["span"]
        assert pdg.text[start:end] == data["label"]
        target = pdg.referent(ref)
        assert target != ref and pdg.graph.nodes[target].get("role") in ("input", "product")
        assert all(d["kind"] in ("consumes", "constraint") for _, _, d in pdg.graph.out_edges(ref, data=True))
    assert operation_flow(pdg) <= operation_flow(pdg, through_references=True)
    if references:
        # the program reads as if each re-mention were the material itself
        resolved = PDG.from_json(pdg.to_json(), text=pdg.text)
        for ref in references:
            for _, op, edge in list(resolved.graph.out_edges(ref, data=True)):
                if edge["kind"] == "consumes":
                    resolved.add_edge(pdg.referent(ref), op, "consumes",
                                      **{k: v for k, v in edge.items() if k != "kind"})
            resolved.graph.remove_node(ref)
        assert print_program(pdg) == print_program(resolved)


CORPUS_FILES = [
    "corpora/wlp/dev/protocol_101.txt", "corpora/wlp/train/protocol_0.txt", "corpora/xwlp/data/0/proto_0.peg",
    "corpora/xwlp/data/398/proto_398.peg", "corpora/protocol-exchange/protocol_10.json",
    "corpora/materials", "protocols",
]


def _corpus_protocols():
    from autodsl.corpus import load_corpus, load_protocol

    found = []
    for rel in CORPUS_FILES:
        path = ROOT / rel
        if path.is_dir():
            found += load_corpus(path).protocols[:4]
        elif path.exists():
            found.append(load_protocol(path))
    return found


@pytest.mark.parametrize("stage", ["linked"])
def test_corpus_files_keep_the_invariants(stage):
    protocols = _corpus_protocols()
    assert len(protocols) >= 10
    for protocol in protocols:
        pdg = translate(protocol, stage=stage, auto_domain=False).pdg
        assert pdg_problems(pdg) == [], protocol.id
        assert sum(1 for _ in pdg.nodes("operation")) > 0, protocol.id


def test_same_bytes_across_processes_with_different_hash_seeds(tmp_path):
    """Set iteration order changes with PYTHONHASHSEED; the output must not."""
    script = ("import sys, json; from autodsl.corpus import load_protocol; from autodsl.driver import translate; "
              "from autodsl.extract.gold import gold_extraction; p = load_protocol(sys.argv[1]); "
              "sys.stdout.write(json.dumps(translate(p, extraction=gold_extraction(p), auto_domain=False)"
              ".pdg.to_json(), sort_keys=True))")
    outputs = []
    for seed in ("1", "2"):
        env = dict(os.environ, PYTHONHASHSEED=seed)
        run = subprocess.run([sys.executable, "-c", script, str(ROOT / "corpora/wlp/train/protocol_0.txt")],
                             capture_output=True, text=True, env=env, check=True, cwd=ROOT)
        outputs.append(run.stdout)
    assert outputs[0] == outputs[1] and len(outputs[0]) > 1000
