"""PDG exports: JSON round trip, GraphML, dot, and the self-contained HTML page."""

import io
import json
import re

import networkx as nx
from pdg_helpers import make

from autodsl.driver import translate
from autodsl.pdg.export import render, to_dot, to_graphml, to_html
from autodsl.pdg.model import PDG

MARKED = ("{Centrifuge} the [lysate:Reagent/Acts-on] for [10 min:Time/Setting].\n"
          "{Discard} the [supernatant:Reagent/Acts-on].\n"
          "If the pellet is loose, {centrifuge} again.\n"
          "{Resuspend} the [pellet:Reagent/Acts-on] in [250 ul:Amount/Measure] of [buffer <P1> & \"x\":Reagent/Using].")


def pdg():
    p, x = make(MARKED)
    return translate(p, extraction=x, auto_domain=False).pdg


def test_json_round_trip_is_stable():
    g = pdg()
    data = g.to_json()
    again = PDG.from_json(json.loads(json.dumps(data)), text=g.text).to_json()
    assert again == data
    kinds = {n["kind"] for n in data["nodes"]}
    assert {"operation", "material", "device"} <= kinds
    assert {e["kind"] for e in data["edges"]} >= {"next", "branch", "produces", "consumes", "uses"}
    for node in data["nodes"]:
        if node["span"] is not None:
            assert 0 <= node["span"]["start"] <= node["span"]["end"] <= len(g.text)


def test_graphml_loads_back_in_networkx():
    g = pdg()
    back = nx.read_graphml(io.BytesIO(to_graphml(g).encode("utf-8")), force_multigraph=True)
    assert back.number_of_nodes() == g.graph.number_of_nodes()
    assert back.number_of_edges() == g.graph.number_of_edges()
    op = back.nodes["op1"]
    assert op["kind"] == "operation" and json.loads(op["slots"])["time"]["value"] == 600.0


def test_dot_is_well_formed_and_escapes_labels():
    text = to_dot(pdg())
    assert text.startswith("digraph pdg {") and text.rstrip().endswith("}")
    assert text.count("{") == text.count("}")
    assert '\\"x\\"' in text  # the quote in the reagent's name is escaped
    assert '"m1" -> "op1"' in text and '"op1" -> "m2"' in text  # consumes, produces
    assert '"op1" -> "op2" [color="#555555"]' in text


def test_html_is_self_contained_and_shows_source_text_and_diagnostics():
    p, x = make("{Add} [1 ml:Amount/Measure] of [buffer:Reagent/Acts-on] to a [0.5 ml tube:Location/Site].")
    g = translate(p, extraction=x, auto_domain=False).pdg
    page = to_html(g, source="demo.txt")
    assert page.startswith("<!DOCTYPE html>")
    assert "<svg" in page and "<script src" not in page and "<link" not in page
    assert not re.search(r"(?:src|href)=\"?(?:https?:)?//", page)
    assert "Add 1 ml of buffer to a 0.5 ml tube." in page  # the operation's source sentence
    assert "container-over-capacity" in page
    escaped = to_html(pdg())
    assert "buffer &lt;P1&gt; &amp;" in escaped and "<P1>" not in escaped


def test_render_dispatches_every_format():
    g = pdg()
    for fmt in ("json", "graphml", "dot", "html"):
        assert render(g, fmt)
    assert json.loads(render(g, "json"))["stage"] == "linked"
