"""``autodsl translate`` and ``autodsl eval flow``: formats, files, exit codes, messages."""

import json
import shutil
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "pdg"
MINIPREP = ROOT / "protocols" / "plasmid_miniprep.md"


@pytest.fixture
def main():
    """The CLI entry point, imported per test so a broken CLI fails these tests, not collection."""
    from autodsl.cli import main as cli_main

    return cli_main


def test_translate_json_is_the_node_link_contract(main, capsys):
    code = main(["translate", str(MINIPREP), "--format", "json"])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert code in (0, 1) and code == (1 if any(d["severity"] == "error" for d in data["diagnostics"]) else 0)
    assert data["stage"] == "linked" and data["meta"]["protocol"] == "plasmid_miniprep"
    assert {"operation", "material"} <= {n["kind"] for n in data["nodes"]}
    text = MINIPREP.read_text(encoding="utf-8")
    for node in data["nodes"]:
        assert set(node) >= {"id", "kind", "label", "span"}
        if node["span"]:
            assert 0 <= node["span"]["start"] < node["span"]["end"] <= len(text)
    for edge in data["edges"]:
        assert edge["kind"] in ("next", "repeat", "branch", "produces", "consumes", "uses", "located-in", "constraint")


def test_translate_dsl_by_default_and_says_which_domain(main, capsys):
    main(["translate", str(MINIPREP)])
    captured = capsys.readouterr()
    assert captured.out.startswith("protocol ")
    assert "CENTRIFUGE(" in captured.out
    assert "domain" in captured.err


def test_translate_stages(main, capsys):
    main(["translate", str(MINIPREP), "--stage", "structured", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["stage"] == "structured" and {n["kind"] for n in data["nodes"]} == {"operation"}
    main(["translate", str(MINIPREP), "--stage", "completed", "--json"])
    data = json.loads(capsys.readouterr().out)
    assert data["stage"] == "completed" and "container" not in {n["kind"] for n in data["nodes"]}


def test_errors_exit_1_and_the_output_is_still_written(main, capsys, tmp_path):
    out = tmp_path / "overfill.html"
    code = main(["translate", str(DATA / "overfill.txt"), "--gold", "--format", "html", "-o", str(out)])
    captured = capsys.readouterr()
    assert code == 1
    assert "container-over-capacity" in captured.err and "overfill.txt:3:" in captured.err
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!DOCTYPE html>") and "container-over-capacity" in page
    assert [p.name for p in tmp_path.iterdir()] == ["overfill.html"]  # no temporary file left behind


@pytest.mark.parametrize("fmt, start", [("graphml", "<?xml"), ("dot", "digraph pdg {")])
def test_translate_other_formats(main, capsys, fmt, start):
    main(["translate", str(DATA / "overfill.txt"), "--gold", "--format", fmt])
    assert capsys.readouterr().out.startswith(start)


@pytest.mark.parametrize("args, message", [
    (["--format", "pdf"], "unknown --format"),
    (["--stage", "final"], "unknown --stage"),
    (["--dsl", "x.dsl.json", "--domain", "genetics"], "not both"),
])
def test_usage_errors_exit_2(main, capsys, args, message):
    assert main(["translate", str(MINIPREP), *args]) == 2
    assert message in capsys.readouterr().err


def test_unreadable_inputs_exit_2(main, capsys, tmp_path):
    assert main(["translate", str(tmp_path / "missing.txt")]) == 2
    assert "no such file" in capsys.readouterr().err
    assert main(["translate", str(MINIPREP), "--gold"]) == 2
    assert "no gold annotations" in capsys.readouterr().err


def test_a_text_without_operations_warns_and_exits_0(main, capsys, tmp_path):
    source = tmp_path / "notes.txt"
    source.write_text("1. The weather was nice.\n2. We went home.\n", encoding="utf-8")
    assert main(["translate", str(source), "--format", "json"]) == 0
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    assert not [n for n in data["nodes"] if n["kind"] == "operation"]
    assert [(d["code"], d["severity"], d["line"]) for d in data["diagnostics"]] == [("no-operations", "warning", 1)]
    assert f"{source}:1:1: warning no-operations" in captured.err
    source.write_text("1. Centrifuge the culture for 10 min.\n", encoding="utf-8")
    main(["translate", str(source), "--format", "json"])
    assert "no-operations" not in capsys.readouterr().err


def test_translate_with_a_spec_names_operations_from_it(main, capsys, tmp_path):
    from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec

    spec = DslSpec(domain="wetlab", operations=[
        OperationSpec(opcode="SPIN", verbs={"centrifuge": 3, "spin": 2}, slots=[
            SlotSpec(name="duration", role="Setting", type="Time", dimension="time", required=True),
            SlotSpec(name="temperature", role="Setting", type="Temperature", dimension="temperature", required=True)]),
    ])
    path = tmp_path / "wetlab.dsl.json"
    path.write_text(spec.to_json(), encoding="utf-8")
    main(["translate", str(DATA / "overfill.txt"), "--gold", "--dsl", str(path), "--json"])
    captured = capsys.readouterr()
    data = json.loads(captured.out)
    spin = next(n for n in data["nodes"] if n["kind"] == "operation" and n["label"] == "Centrifuge")
    assert spin["opcode"] == "SPIN" and spin["slots"]["duration"]["value"] == 300.0
    assert spin["slots"]["temperature"]["source"] == "default"
    assert data["meta"]["domain"] == "wetlab"
    assert "defaulted-parameter" in captured.err and "unknown-operation" in captured.err


@pytest.fixture
def xwlp_dir(tmp_path):
    for n in ("0", "108"):
        shutil.copytree(ROOT / "corpora" / "xwlp" / "data" / n, tmp_path / "xwlp" / n)
    return tmp_path / "xwlp"


@pytest.fixture
def brat_dir(tmp_path):
    folder = tmp_path / "wlp"
    folder.mkdir()
    for n in ("101", "102"):
        for ext in (".txt", ".ann"):
            shutil.copy(ROOT / "corpora" / "wlp" / "dev" / f"protocol_{n}{ext}", folder)
    return folder


def test_eval_flow_xwlp_json(main, capsys, xwlp_dir):
    assert main(["eval", "flow", str(xwlp_dir), "--format", "xwlp", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["protocols"] == 2 and data["format"] == "xwlp" and data["actions"] == "extractor"
    for key in ("flow", "baseline"):
        assert set(data[key]) >= {"precision", "recall", "f1", "tp", "fp", "fn"}
        assert 0.3 < data[key]["f1"] <= 1.0
    assert data["flow"]["tp"] + data["flow"]["fn"] == data["gold_edges"]
    assert data["strict"]["flow"]["f1"] <= data["flow"]["f1"] + 1e-9


def test_eval_flow_brat_with_gold_actions_and_a_table(main, capsys, brat_dir):
    assert main(["eval", "flow", str(brat_dir), "--format", "brat", "--gold-actions"]) == 0
    out = capsys.readouterr().out
    assert "baseline: previous operation" in out and "gold actions" in out


def test_eval_flow_unseen_by_keeps_the_protocols_the_folder_lacks(main, capsys, xwlp_dir, tmp_path):
    seen = tmp_path / "seen"
    seen.mkdir()
    (seen / "protocol_108.txt").write_text("Mix.\n", encoding="utf-8")
    assert main(["eval", "flow", str(xwlp_dir), "--format", "xwlp", "--unseen-by", str(seen), "--json",
                 "--per-protocol"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["protocols"] == 1 and data["unseen_by"] == str(seen)
    assert [entry["protocol"].rsplit("_", 1)[-1] for entry in data["per_protocol"]] == ["0"]
    (seen / "protocol_0.txt").write_text("Mix.\n", encoding="utf-8")
    assert main(["eval", "flow", str(xwlp_dir), "--format", "xwlp", "--unseen-by", str(seen)]) == 2
    assert "--unseen-by" in capsys.readouterr().err
    assert main(["eval", "flow", str(xwlp_dir), "--format", "xwlp", "--unseen-by", str(tmp_path / "nope")]) == 2


def test_eval_flow_errors(main, capsys, xwlp_dir, tmp_path):
    assert main(["eval", "flow", str(xwlp_dir), "--format", "xwlp", "--gold-actions"]) == 2
    assert "BRAT" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["eval", "flow", str(empty), "--format", "xwlp"]) == 2
    assert "no protocol" in capsys.readouterr().err
    assert main(["eval", "flow", str(xwlp_dir), "--format", "conll"]) == 2


def test_json_spans_are_offsets_into_the_crlf_text_and_every_mentioned_node_has_one(main, capsys, tmp_path):
    source = tmp_path / "crlf.txt"
    source.write_bytes("Prep\r\n1. Centrifuge 1.5 mL of culture at 12,000 x g for 2 min.\r\n"
                       "2. Discard the supernatant and resuspend the pellet in 250 µL Buffer P1.\r\n"
                       "3. Add 250 µL Buffer P2 and incubate for 5 min.\r\n".encode("utf-8"))
    main(["translate", str(source), "--format", "json"])
    data = json.loads(capsys.readouterr().out)
    text = source.read_bytes().decode("utf-8")  # as read: CRLF kept
    spans = {n["id"]: n["span"] for n in data["nodes"]}
    assert all(spans.values()), [i for i, s in spans.items() if s is None]
    said = {text[s["start"]:s["end"]] for s in spans.values()}
    assert {"supernatant", "pellet", "culture"} <= said
