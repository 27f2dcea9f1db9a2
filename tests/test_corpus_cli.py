"""``autodsl corpus stats``: output, exit codes and warnings for skipped files."""

import json
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[1]
DATA = Path(__file__).parent / "data" / "corpus"


@pytest.fixture
def main():
    """The CLI entry point, imported per test so a broken CLI fails these tests, not collection."""
    from autodsl.cli import main as cli_main

    return cli_main


def test_stats_json_on_materials(main, capsys):
    assert main(["corpus", "stats", str(ROOT / "corpora" / "materials"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["protocols"] == 180
    assert out["formats"] == {"brat": 180}
    # the counts the corpus README gives for the materials corpus
    brat = out["brat"]
    assert (
        brat["entities"],
        brat["events"],
        brat["role_arguments"],
        brat["relations"],
        brat["attributes"],
    ) == (
        17297,
        3047,
        3294,
        11326,
        207,
    )
    assert brat["entities_by_type"]["Material"] == 4013
    assert (
        out["steps"] > 180 and out["sentences"] >= out["steps"] and out["tokens"] > out["sentences"]
    )
    assert out["skipped"] == [] and out["peg"] is None


def test_stats_skips_bad_files_with_a_warning_each_and_exits_0(main, capsys):
    assert main(["corpus", "stats", str(DATA / "mixed"), "--json"]) == 0
    captured = capsys.readouterr()
    out = json.loads(captured.out)
    assert out["protocols"] == 3
    assert len(out["skipped"]) == 7
    assert out["domains"] == {"genetics": 1}
    warnings = captured.err.strip().splitlines()
    assert len(warnings) == 8
    assert any(
        "truncated.json:5: truncated JSON" in w and "[malformed-file]" in w for w in warnings
    )
    assert warnings[-1] == "autodsl: 7 file(s) skipped"


def test_stats_table_output(main, capsys):
    assert main(["corpus", "stats", str(DATA / "brat")]) == 0
    out = capsys.readouterr().out
    assert "protocols" in out and "BRAT annotations" in out and "Setting" in out


def test_stats_xwlp_single_protocol_folder(main, capsys):
    assert main(["corpus", "stats", str(ROOT / "corpora" / "xwlp" / "data" / "0"), "--json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert out["protocols"] == 1 and out["formats"] == {"xwlp": 1}
    assert out["peg"]["operations"] == out["peg"]["operations_located"] > 0


def test_stats_missing_folder_exits_2(main, capsys, tmp_path):
    assert main(["corpus", "stats", str(tmp_path / "nowhere")]) == 2
    assert "no such file or folder" in capsys.readouterr().err


def test_stats_folder_without_protocols_exits_2(main, capsys, tmp_path):
    (tmp_path / "LICENSE").write_text("x", encoding="utf-8")
    assert main(["corpus", "stats", str(tmp_path), "--json"]) == 2
    captured = capsys.readouterr()
    assert captured.out == ""
    assert "holds no protocols" in captured.err
