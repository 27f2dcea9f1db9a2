"""Loader edge cases: dangling BRAT references, a .peg without its text, materials sections."""

from __future__ import annotations

import pytest

from autodsl.corpus.brat import parse_ann
from autodsl.corpus.load import load_corpus, load_protocol
from autodsl.corpus.problems import MalformedFileError
from autodsl.corpus.text import parse_text_protocol


def test_an_event_naming_an_undefined_entity_is_a_malformed_file():
    text = "Add buffer.\n"
    with pytest.raises(MalformedFileError, match=r"b.ann:2: annotation E9 refers to T999"):
        parse_ann("T1\tReagent 4 10\tbuffer\nE9\tAction:T999 Acts-on:T1\n", text, path="b.ann")


def test_a_relation_naming_an_undefined_id_is_a_malformed_file():
    text = "Add buffer.\n"
    with pytest.raises(MalformedFileError, match="R1 refers to T7"):
        parse_ann("T1\tReagent 4 10\tbuffer\nR1\tMeasure Arg1:T1 Arg2:T7\n", text, path="b.ann")


def test_a_corpus_folder_skips_the_dangling_file_and_loads_the_rest(tmp_path):
    (tmp_path / "a.txt").write_text("Add buffer.\n", encoding="utf-8")
    (tmp_path / "a.ann").write_text("T1\tAction 0 3\tAdd\nE1\tAction:T1\n", encoding="utf-8")
    (tmp_path / "b.txt").write_text("Add buffer.\n", encoding="utf-8")
    (tmp_path / "b.ann").write_text("E9\tAction:T999\n", encoding="utf-8")
    load = load_corpus(tmp_path)
    assert [p.id for p in load.protocols] == ["a"]
    assert len(load.problems) == 1 and "T999" in load.problems[0].message


def test_a_peg_reports_its_own_fault_before_a_missing_text(tmp_path):
    (tmp_path / "c.peg").write_text('{"nodes": [', encoding="utf-8")
    load = load_corpus(tmp_path)
    assert "c.peg" in load.problems[0].message and "JSON" in load.problems[0].message
    (tmp_path / "c.peg").write_text('{"nodes": [], "links": []}', encoding="utf-8")
    load = load_corpus(tmp_path)
    assert "c.txt is missing beside it" in load.problems[0].message


def test_materials_and_equipment_lists_are_not_steps():
    text = ("# Miniprep\n\n## Materials\n- Transfer buffer\n- 1.5 ml tubes\n\n**Equipment**\n- centrifuge\n\n"
            "## Procedure\n1. Add 250 ul P1.\n2. Spin 1 min.\n")
    p = parse_text_protocol(text, id="m")
    assert [s.text for s in p.steps] == ["Add 250 ul P1.", "Spin 1 min."]


def test_a_section_about_preparing_a_buffer_is_still_a_procedure(tmp_path):
    path = tmp_path / "p.md"
    path.write_text("# Buffers\n\n## Lysis\n1. Mix 5 ml Tris with water.\n", encoding="utf-8")
    assert [s.text for s in load_protocol(path).steps] == ["Mix 5 ml Tris with water."]


@pytest.mark.parametrize(("arg", "reason"), [
    ("-", "standard input is not supported"),
    ("corpora", "is a folder, not a protocol file"),
    ("no/such/file.txt", "no such file"),
])
def test_a_protocol_path_that_is_no_file_says_why(arg, reason):
    from autodsl.corpus.load import check_protocol_file
    from autodsl.errors import InputFileError

    with pytest.raises(InputFileError, match=reason):
        check_protocol_file(arg)


def test_an_unknown_file_type_lists_the_types_autodsl_reads(tmp_path):
    from autodsl.errors import InputFileError

    path = tmp_path / "p.docx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InputFileError, match=r"\.docx.*autodsl reads \.txt and \.md"):
        load_protocol(path)


def test_a_byte_order_mark_is_kept_so_offsets_index_the_file_as_decoded(tmp_path):
    path = tmp_path / "bom.txt"
    path.write_bytes("\ufeffPCR\r\n1. Add 10 µl buffer.\r\n2. Spin 1 min.\r\n".encode("utf-8"))
    p = load_protocol(path)
    raw = path.read_bytes().decode("utf-8")
    assert p.title == "PCR" and p.text == raw
    assert [raw[s.start:s.end] for s in p.steps] == ["Add 10 µl buffer.", "Spin 1 min."]
    numbered = tmp_path / "n.txt"
    numbered.write_bytes("\ufeff1. Add buffer.\n2. Spin.\n".encode("utf-8"))
    assert [s.text for s in load_protocol(numbered).steps] == ["Add buffer.", "Spin."]
