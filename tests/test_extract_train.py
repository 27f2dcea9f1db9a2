"""A smoke training on a handful of WLP files: files written, same seed same bytes, usable."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from autodsl.errors import InputFileError, ModelError
from autodsl.extract.extractor import Extractor, extract_text
from autodsl.extract.train import MODEL_FILES, TrainSettings, train_extractor

ROOT = Path(__file__).resolve().parents[1]
TRAIN = ROOT / "corpora" / "wlp" / "train"
SMALL = TrainSettings(max_iterations=15, folds=2, linker_c=0.5, cluster_coarse=4, cluster_fine=8,
                      cluster_dimensions=8)


@pytest.fixture(scope="module")
def tiny_train(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("tiny_train")
    for name in ("protocol_0", "protocol_108", "protocol_111", "protocol_113"):
        for ext in (".txt", ".ann"):
            shutil.copy(TRAIN / (name + ext), folder / (name + ext))
    return folder


def test_same_seed_same_bytes_and_the_model_works(tiny_train: Path, tmp_path: Path) -> None:
    first, second, other = tmp_path / "a", tmp_path / "b", tmp_path / "c"
    meta = train_extractor(tiny_train, first, seed=7, settings=SMALL)
    train_extractor(tiny_train, second, seed=7, settings=SMALL)
    for name in MODEL_FILES:
        assert (first / name).read_bytes() == (second / name).read_bytes(), name
    assert meta["training_protocols"] == 4 and meta["seed"] == 7
    assert json.loads((first / "meta.json").read_text())["settings"]["max_iterations"] == 15
    train_extractor(tiny_train, other, seed=8, settings=SMALL)
    assert (first / "words.json").read_bytes() != (other / "words.json").read_bytes()  # clusters
    x = extract_text("Add 250 µl Buffer P1 to the tube.\nCentrifuge for 1 min at 11,000 x g.", Extractor.load(first))
    assert [a.lemma for a in x.actions] == ["add", "centrifuge"]


def test_train_extractor_command(main_cli, tiny_train: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "model"
    settings = tmp_path / "settings.json"
    settings.write_text(SMALL.model_dump_json(), encoding="utf-8")
    code = main_cli(["train-extractor", str(tiny_train), "-o", str(out), "--seed", "3", "--unlabeled",
                     str(tmp_path / "missing"), "--settings", str(settings), "--json"])
    assert code == 0
    captured = capsys.readouterr()
    result = json.loads(captured.out)
    assert result["training_protocols"] == 4 and result["seed"] == 3
    assert "not found, skipped" in captured.err
    assert all((out / name).is_file() for name in MODEL_FILES)
    assert main_cli(["train-extractor", str(tmp_path / "empty"), "-o", str(out)]) == 2
    settings.write_text('{"c1": "lots"}', encoding="utf-8")
    assert main_cli(["train-extractor", str(tiny_train), "-o", str(out), "--settings", str(settings)]) == 2
    assert "bad training setting c1" in capsys.readouterr().err
    # default settings ask for more word clusters than four protocols can give: a clear error
    assert main_cli(["train-extractor", str(tiny_train), "-o", str(out), "--unlabeled", str(tiny_train)]) == 2
    assert "too little text for word clusters" in capsys.readouterr().err


@pytest.fixture
def main_cli():
    from autodsl.cli import main

    return main


def test_loading_problems_are_model_errors(tmp_path: Path) -> None:
    with pytest.raises(ModelError, match="missing"):
        Extractor.load(tmp_path)
    for name in MODEL_FILES:
        (tmp_path / name).write_text("{}", encoding="utf-8")
    with pytest.raises(ModelError):
        Extractor.load(tmp_path)


def test_training_needs_annotated_protocols(tmp_path: Path) -> None:
    with pytest.raises(InputFileError, match="no annotated protocols"):
        train_extractor(tmp_path, tmp_path / "out", settings=SMALL)


def test_shipped_model_is_loaded_once() -> None:
    assert Extractor.load() is Extractor.load()
    assert Extractor.load().meta["training_protocols"] >= 300


def test_shipped_model_matches_the_feature_code() -> None:
    """Feature code changed since the shipped model was trained: retrain it (see its meta.json)."""
    from autodsl.extract.train import feature_fingerprint

    extractor = Extractor.load()
    assert extractor.meta["feature_fingerprint"] == feature_fingerprint(extractor.features)
