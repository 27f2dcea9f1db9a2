"""Corpus loaders on real corpus files, on BRAT edge cases, and on malformed inputs."""

import json
import re
from collections import Counter
from pathlib import Path

import pytest

from autodsl.corpus import corpus_files, detect_format, load_corpus, load_protocol
from autodsl.corpus.peg import locate_sentences, parse_peg, recover_span
from autodsl.corpus.problems import (
    AnnotationRangeError,
    EmptyFileError,
    MalformedFileError,
    UnreadableFileError,
)
from autodsl.errors import InputFileError

ROOT = Path(__file__).resolve().parents[1]
CORPORA = ROOT / "corpora"
DATA = Path(__file__).parent / "data" / "corpus"


def ann_counts(path: Path) -> Counter:
    """Annotation lines of an .ann file by kind (T, E, R, A)."""
    lines = path.read_text(encoding="utf-8").split("\n")
    return Counter(line[0] for line in lines if line.strip())


def assert_spans(protocol):
    assert protocol.steps, protocol.id
    for i, step in enumerate(protocol.steps, start=1):
        assert step.index == i
        assert protocol.text[step.start : step.end] == step.text
        assert step.text == step.text.strip()


# ------------------------------------------------------------------ real corpus files


def test_wlp_protocol():
    txt = CORPORA / "wlp" / "train" / "protocol_0.txt"
    p = load_protocol(txt)
    lines = [line for line in txt.read_text(encoding="utf-8").split("\n") if line.strip()]
    assert (p.id, p.format) == ("protocol_0", "brat")
    assert p.title == lines[0]
    assert [s.text for s in p.steps] == lines[1:]
    assert_spans(p)
    counts = ann_counts(txt.with_suffix(".ann"))
    assert len(p.brat.entities) == counts["T"]
    assert len(p.brat.events) == counts["E"]
    assert len(p.brat.relations) == counts["R"]
    for ent in p.brat.entities:
        assert p.text[ent.start : ent.end] == ent.text
    first_event = p.brat.events[0]
    assert p.brat.entity(first_event.trigger).type == "Action"


def test_materials_protocol_steps_are_the_paragraph_sentences():
    txt = CORPORA / "materials" / "data" / "101002adma200903953.txt"
    p = load_protocol(txt)
    lines = txt.read_text(encoding="utf-8").split("\n")
    assert p.title == lines[1]  # line 0 is the DOI
    assert_spans(p)
    assert len(p.steps) > 5
    paragraph_start = p.text.index(lines[2])
    assert p.steps[0].start == paragraph_start
    assert p.steps[0].text.startswith("A porous BLF support was fabricated")
    # every character of the paragraph lies in a step or is whitespace between steps
    covered = set()
    for step in p.steps:
        covered.update(range(step.start, step.end))
    body_end = paragraph_start + len(lines[2])
    assert all(i in covered or p.text[i].isspace() for i in range(paragraph_start, body_end))
    counts = ann_counts(txt.with_suffix(".ann"))
    assert (
        len(p.brat.entities),
        len(p.brat.events),
        len(p.brat.relations),
        len(p.brat.attributes),
    ) == (
        counts["T"],
        counts["E"],
        counts["R"],
        counts["A"],
    )


def test_protocol_exchange_protocol():
    path = CORPORA / "protocol-exchange" / "protocol_0.json"
    raw = json.loads(path.read_text(encoding="utf-8"))
    p = load_protocol(path)
    assert (p.id, p.format) == ("protocol_0", "json")
    assert p.title == raw["title"]
    assert p.domains == ("medical", "bioengineering", "genetics")
    assert p.text.startswith(p.title + "\n\n")
    numbered = re.findall(r"^(\d+)\) ", raw["procedures"][0], flags=re.MULTILINE)
    assert [s.label for s in p.steps] == [f"{n})" for n in numbered]
    assert_spans(p)
    assert p.steps[0].text.startswith("Virulent _S. aureus_ MB 2865 (Smith strain)")  # \( unescaped


def test_protocol_exchange_html_protocol_is_cleaned():
    p = load_protocol(CORPORA / "protocol-exchange" / "protocol_803.json")
    assert_spans(p)
    assert "<li>" not in p.text and "&nbsp;" not in p.text
    assert p.steps[0].label == "1." and p.steps[0].section == "General Guidelines"


def test_xwlp_protocol():
    peg = CORPORA / "xwlp" / "data" / "0" / "proto_0.peg"
    raw = json.loads(peg.read_text(encoding="utf-8"))
    lines = [
        line
        for line in peg.with_suffix(".txt").read_text(encoding="utf-8").split("\n")
        if line.strip()
    ]
    p = load_protocol(peg)
    assert (p.id, p.format, p.title) == ("proto_0", "xwlp", lines[0])
    assert [s.text for s in p.steps] == lines[1:]
    assert_spans(p)
    g = p.graph
    assert len(g.nodes) == len(raw["nodes"])
    assert g.sentences == tuple(raw["graph"]["sentences"])
    ops = g.operations()
    assert len(ops) == sum(n["data"]["parent_type"] == "op" for n in raw["nodes"])
    for op in ops:
        assert op.start is not None, op.id
        assert p.text[op.start : op.end] == op.label
    spin = next(n for n in g.nodes if n.id == "op_16")
    assert (spin.type, spin.inputs["a"], spin.outputs, spin.step) == (
        "spin_op",
        "loc_1",
        ("loc_1",),
        147,
    )
    assert all(n.start is None for n in g.nodes if n.kind == "implicit")


def test_xwlp_txt_path_loads_the_graph_too():
    txt = CORPORA / "xwlp" / "data" / "0" / "proto_0.txt"
    assert detect_format(txt) == "xwlp"
    assert load_protocol(txt).graph is not None


def test_xwlp_operation_spans_recovered_corpus_wide():
    load = load_corpus(CORPORA / "xwlp")
    assert len(load.protocols) == 222 and not load.problems
    ops = [(p, n) for p in load.protocols for n in p.graph.nodes if n.kind == "operation"]
    assert len(ops) == 2867
    located = [(p, n) for p, n in ops if n.start is not None]
    exact = [
        n
        for p, n in located
        if " ".join(p.text[n.start : n.end].split()) == " ".join(n.label.split())
    ]
    # 4 operations are labelled with verbs that are not in the text at all; 5 are discontinuous
    assert len(located) >= 2860
    assert len(exact) >= 2850


def test_peg_sentence_numbered_one_off_is_recovered():
    text = "Title\nHeat at 65 C for 30 min.\nCool to room temperature.\n"
    located = locate_sentences(
        text, ["Title", "Heat at 65 C for 30 min.", "Cool to room temperature."]
    )
    # the annotation says sentence 2, word 0 for "Heat", which is in sentence 1
    assert recover_span(text, located, "Heat", [[2, 0]]) == (6, 10, 1)
    # a discontinuous name keeps the recorded words
    assert recover_span(text, located, "Heat for", [[1, 0], [1, 4]]) == (6, 22, 1)
    assert recover_span(text, located, "Autoclave", [[1, 0]]) is None


def test_peg_malformed_graph_names_the_file():
    with pytest.raises(MalformedFileError, match=r"x\.peg: .*no 'nodes' list"):
        parse_peg({"graph": {}}, "text", "x.peg")
    with pytest.raises(MalformedFileError, match=r"malformed node 'op_1'"):
        parse_peg({"graph": {"sentences": []}, "nodes": [{"id": "op_1", "data": {}}]}, "t", "x.peg")


# ------------------------------------------------------------------ BRAT edge cases


def test_brat_crlf_offsets_counted_on_crlf_text():
    p = load_protocol(DATA / "brat" / "crlf.txt")
    assert "\r\n" in p.text
    assert [s.text for s in p.steps] == [
        "Add 250 ul P1 buffer to the pellet.",
        "Spin at 12,000 x g for 10 min.",
    ]
    assert_spans(p)
    assert [e.text for e in p.brat.entities] == ["Add", "250 ul", "P1 buffer", "Spin", "12,000 x g"]
    assert [e.type for e in p.brat.relations] == ["Measure", "Setting"]


def test_brat_crlf_offsets_counted_with_crlf_as_one_character():
    p = load_protocol(DATA / "brat" / "crlf_drift.txt")
    for ent in p.brat.entities:
        assert p.text[ent.start : ent.end] == ent.text
    assert [e.text for e in p.brat.entities] == ["Add", "250 ul", "Spin", "10 min"]


def test_brat_nbsp_in_text_plain_space_in_ann():
    p = load_protocol(DATA / "brat" / "nbsp.txt")
    amount = p.brat.entity("T2")
    assert amount.text == "5\u00a0ml"
    assert p.text[amount.start : amount.end] == "5\u00a0ml"


def test_brat_discontinuous_span():
    p = load_protocol(DATA / "brat" / "discontinuous.txt")
    reagent = p.brat.entity("T2")
    assert reagent.text == "ice-cold buffer"
    assert [p.text[f.start : f.end] for f in reagent.fragments] == ["ice-cold", "buffer"]
    assert (reagent.start, reagent.end) == (reagent.fragments[0].start, reagent.fragments[1].end)


# ------------------------------------------------------------------ malformed inputs

MIXED = DATA / "mixed"


@pytest.mark.parametrize(
    ("name", "error", "pattern", "line"),
    [
        ("truncated.json", MalformedFileError, r"truncated\.json:5: truncated JSON", 5),
        (
            "no_procedures.json",
            MalformedFileError,
            r"no_procedures\.json: no 'procedures' list",
            None,
        ),
        (
            "out_of_range.txt",
            AnnotationRangeError,
            r"out_of_range\.ann:2: annotation T2 ends at offset 47, past",
            2,
        ),
        ("garbled.txt", MalformedFileError, r"garbled\.ann:2: malformed annotation 'T2 Reagent", 2),
        ("undecodable.txt", UnreadableFileError, r"undecodable\.txt:2: not UTF-8 text", 2),
        ("empty.txt", EmptyFileError, r"empty\.txt: empty file", None),
    ],
)
def test_malformed_file_error_names_file_and_line(name, error, pattern, line):
    with pytest.raises(error, match=pattern) as info:
        load_protocol(MIXED / name)
    assert isinstance(info.value, InputFileError)
    assert info.value.line == line


def test_missing_file_and_unknown_format():
    with pytest.raises(UnreadableFileError, match="no such file"):
        load_protocol(MIXED / "nope.txt")
    with pytest.raises(InputFileError, match="unknown format 'pdf'"):
        load_protocol(MIXED / "good.md", format="pdf")


def test_folder_with_good_and_bad_files():
    load = load_corpus(MIXED)
    assert sorted((p.source or "").rsplit("/", 1)[-1] for p in load.protocols) == [
        "good.json",
        "good.md",
        "good_brat.txt",
    ]
    problems = {d.message.split(":", 1)[0].rsplit("/", 1)[-1]: d for d in load.problems}
    assert {name: d.code for name, d in problems.items()} == {
        "empty.txt": "empty-file",
        "garbled.ann": "malformed-file",
        "no_procedures.json": "malformed-file",
        "orphan.ann": "malformed-file",
        "out_of_range.ann": "annotation-out-of-range",
        "truncated.json": "malformed-file",
        "undecodable.txt": "unreadable-file",
    }
    assert problems["truncated.json"].line == 5
    assert problems["empty.txt"].severity == "warning"
    assert all(d.hint for d in load.problems)


def test_folder_walk_is_sorted_and_skips_non_protocols():
    files = [f.name for f, _ in corpus_files(MIXED)]
    assert files == sorted(files)
    assert not {"README.md", "LICENSE", "annotation.conf", "good_brat.ann"} & set(files)
    numbers = [int(re.sub(r"\D", "", f.name)) for f, _ in corpus_files(CORPORA / "wlp" / "dev")]
    assert numbers == sorted(numbers) and len(numbers) == 95  # protocol_2 before protocol_10


def test_format_option_reads_every_file_that_way():
    load = load_corpus(MIXED, format="text")
    assert all(p.format == "text" for p in load.protocols)
    assert {p.id for p in load.protocols} >= {"good_brat", "garbled", "out_of_range"}


def test_whole_bundled_corpora_load_without_problems():
    load = load_corpus(CORPORA)
    assert not load.problems
    assert Counter(p.format for p in load.protocols) == {
        "json": 1304,
        "brat": 462 + 180,
        "xwlp": 222,
    }
    domains = Counter(d for p in load.protocols for d in p.domains)
    assert domains == {"genetics": 933, "bioengineering": 838, "medical": 266, "ecology": 52}
    for p in load.protocols:
        for step in p.steps:
            assert p.text[step.start : step.end] == step.text
