"""`autodsl eval extract` leaves out a bad file with a warning and scores the rest."""

from __future__ import annotations

import json
import shutil

from autodsl.cli import main


def test_a_bad_ann_is_skipped_with_a_warning_and_scoring_goes_on(tmp_path, capsys):
    for suffix in (".txt", ".ann"):
        shutil.copy(f"corpora/wlp/dev/protocol_18{suffix}", tmp_path / f"protocol_18{suffix}")
    (tmp_path / "bad.txt").write_text("Add buffer.\n", encoding="utf-8")
    (tmp_path / "bad.ann").write_text("E9\tAction:T999\n", encoding="utf-8")
    assert main(["eval", "extract", str(tmp_path), "--json"]) == 0
    out, err = capsys.readouterr()
    report = json.loads(out)
    assert report["protocols"] == 1 and report["actions"]["exact"]["tp"] > 0
    assert len(report["skipped"]) == 1 and "T999" in report["skipped"][0]
    assert "warning: skipped" in err and "bad.ann" in err


def test_a_folder_of_only_bad_files_exits_2(tmp_path, capsys):
    (tmp_path / "bad.txt").write_text("Add buffer.\n", encoding="utf-8")
    (tmp_path / "bad.ann").write_text("E9\tAction:T999\n", encoding="utf-8")
    assert main(["eval", "extract", str(tmp_path)]) == 2
    assert "no annotated protocol that could be loaded" in capsys.readouterr().err
