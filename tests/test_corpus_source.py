"""Spans of a JSON protocol map back into the JSON file as read."""

from __future__ import annotations

import json
import re

from autodsl.cli import main
from autodsl.corpus.jsonproto import parse_json_protocol
from autodsl.corpus.load import load_protocol
from autodsl.corpus.source import protocol_source_map, source_map, to_source


def _words_back(protocol, raw):
    mapping = source_map(protocol, raw)
    return [(w.group(), raw[slice(*to_source(mapping, w.start(), w.end()))])
            for w in re.finditer(r"[A-Za-z0-9]+", protocol.text)]


def test_escapes_entities_and_tags_map_to_the_words_of_the_file():
    data = {"title": "Lysis <b>fast</b>", "bigAreas": [],
            "procedures": ["<p>1) Add 5&#xB5;l \\(1 M) NaCl &amp; spin at 4 &deg;C.</p><p>2) Mix \"gently\"\n"
                           "   with\u00a0a tip; dG < -1.5.</p>", "<ul><li>Keep on ice</li></ul>"]}
    for ascii_only in (True, False):
        raw = json.dumps(data, ensure_ascii=ascii_only, indent=1)
        p = parse_json_protocol(json.loads(raw), "p")
        pairs = _words_back(p, raw)
        assert pairs and all(word == back for word, back in pairs), pairs


def test_a_json_protocol_from_the_corpus_maps_every_word_outside_markup():
    p = load_protocol("corpora/protocol-exchange/protocol_3.json")
    raw = open(p.source, encoding="utf-8").read()
    pairs = _words_back(p, raw)
    wrong = [(w, b) for w, b in pairs if w != b and not any(c in b for c in "<&\\")]
    assert len(pairs) > 500 and not wrong


def test_text_protocols_need_no_map():
    assert protocol_source_map(load_protocol("protocols/pcr_setup.txt")) is None


def test_extract_json_offsets_of_a_json_protocol_index_the_file(capsys):
    path = "corpora/protocol-exchange/protocol_0.json"
    assert main(["extract", path, "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    raw = open(path, encoding="utf-8").read()
    items = data["entities"] + data["actions"]
    assert items and all(raw[i["start"]:i["end"]] == i["text"] for i in items)


def test_translate_json_spans_of_a_json_protocol_index_the_file(capsys):
    path = "corpora/protocol-exchange/protocol_0.json"
    main(["translate", path, "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    raw = open(path, encoding="utf-8").read()
    spans = [n for n in data["nodes"] if n["span"]]
    assert spans and all(raw[n["span"]["start"]:n["span"]["end"]] for n in spans)
    operations = [n for n in spans if n["kind"] == "operation"]
    assert all(raw[n["span"]["start"]:n["span"]["end"]] == n["label"] for n in operations)


def test_translate_diagnostics_of_a_json_protocol_give_file_lines(capsys):
    path = "corpora/protocol-exchange/protocol_69.json"
    main(["translate", path, "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    lines = open(path, encoding="utf-8").read().split("\n")
    located = [d for d in data["diagnostics"] if d.get("start") is not None]
    assert located
    for d in located:
        line = lines[d["line"] - 1]
        assert "\n".join(lines)[d["start"]:d["end"]] == line[d["column"] - 1:d["column"] - 1 + d["end"] - d["start"]]
