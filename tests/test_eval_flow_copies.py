"""X-WLP flow scored from the WLP BRAT copies of its protocols (``eval flow --actions-from``)."""

import json
import shutil
from pathlib import Path

import pytest

from autodsl.evaluate.flow import offset_map

ROOT = Path(__file__).resolve().parents[1]


def test_offset_map_carries_spans_across_respacing_and_small_edits():
    source = "Pre - chill 14mL tubes on ice .\nAdd 5 ul buffer ."
    target = "Pre-chill 14 mL tubes on ice.\nAdd 5ul of buffer."
    carry = offset_map(source, target)
    for word in ("Pre - chill", "tubes", "ice", "Add", "buffer"):
        start = source.index(word)
        s, e = carry((start, start + len(word)))
        assert target[s:e].replace(" ", "") == word.replace(" ", "")
    # a span whose characters the target lacks carries to nothing
    assert offset_map("Mix well .", "Mix .")((4, 8)) == (0, 0)


@pytest.fixture
def main():
    from autodsl.cli import main as cli_main

    return cli_main


@pytest.fixture
def folders(tmp_path):
    xwlp = tmp_path / "xwlp"
    for n in ("108", "0"):
        shutil.copytree(ROOT / "corpora" / "xwlp" / "data" / n, xwlp / n)
    wlp = tmp_path / "wlp"
    wlp.mkdir()
    for ext in (".txt", ".ann"):
        shutil.copy(ROOT / "corpora" / "wlp" / "train" / f"protocol_108{ext}", wlp)
    return xwlp, wlp


def test_gold_actions_from_the_wlp_copies(main, capsys, folders):
    xwlp, wlp = folders
    assert main(["eval", "flow", str(xwlp), "--format", "xwlp", "--actions-from", str(wlp),
                 "--gold-actions", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    # protocol 0 has no WLP copy in the folder: skipped, not scored
    assert data["protocols"] == 1 and data["skipped"] == 1 and data["actions"] == "gold"
    assert data["actions_from"] == str(wlp)
    ops = data["operations"]
    # WLP's gold actions, carried onto the X-WLP text, land on X-WLP's operations
    assert ops["aligned"] >= 0.9 * ops["gold"]
    assert data["flow"]["tp"] + data["flow"]["fn"] == data["gold_edges"]
    assert data["flow"]["f1"] > data["baseline"]["f1"]


def test_actions_from_needs_xwlp_gold_and_a_brat_folder(main, capsys, folders, tmp_path):
    xwlp, wlp = folders
    assert main(["eval", "flow", str(wlp), "--format", "brat", "--actions-from", str(wlp)]) == 2
    assert "--actions-from" in capsys.readouterr().err
    empty = tmp_path / "empty"
    empty.mkdir()
    assert main(["eval", "flow", str(xwlp), "--format", "xwlp", "--actions-from", str(empty)]) == 2
    assert "no BRAT protocol" in capsys.readouterr().err
    assert main(["eval", "flow", str(xwlp), "--format", "xwlp", "--actions-from", str(tmp_path / "nope")]) == 2
