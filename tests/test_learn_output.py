"""`autodsl learn` refuses unusable output, seeds and domains up front, and writes each set whole."""

import os
import shutil
from pathlib import Path

import pytest

import autodsl.induce.learn as learn_module
from autodsl.cli import main
from autodsl.errors import AutodslError, OutputExistsError
from autodsl.induce.learn import corpus_source, write_outputs
from autodsl.induce.spec import DslSpec, OperationSpec
from autodsl.io import atomic_write_texts, check_writable_dir

ROOT = Path(__file__).resolve().parents[1]
WLP_TRAIN = ROOT / "corpora" / "wlp" / "train"


@pytest.fixture(scope="module")
def wlp_tiny(tmp_path_factory) -> Path:
    """Four gold-annotated WLP training protocols in a folder named 'wlp'."""
    folder = tmp_path_factory.mktemp("tiny") / "wlp"
    folder.mkdir()
    for txt in sorted(WLP_TRAIN.glob("*.txt"))[:4]:
        shutil.copy(txt, folder / txt.name)
        shutil.copy(txt.with_suffix(".ann"), folder / txt.with_suffix(".ann").name)
    return folder


@pytest.fixture
def no_learning(monkeypatch):
    """Fail the test if learning starts: refusals must come before the work."""

    def refuse(*args, **kwargs):
        raise AssertionError("learn_corpus ran although the request was unusable")

    monkeypatch.setattr(learn_module, "learn_corpus", refuse)


def test_output_that_is_a_file_is_refused_before_learning(wlp_tiny, tmp_path, capsys, no_learning):
    afile = tmp_path / "afile"
    afile.write_text("x", encoding="utf-8")
    for output in (afile, afile / "sub"):
        assert main(["learn", str(wlp_tiny), "--gold", "-o", str(output)]) == 2
        err = capsys.readouterr().err
        assert f"cannot write {output}" in err and "internal error" not in err
        assert len(err.strip().splitlines()) == 1
    assert afile.read_text(encoding="utf-8") == "x"


def test_unwritable_output_folder_is_refused_before_learning(wlp_tiny, tmp_path, capsys, monkeypatch, no_learning):
    def denied(*args, **kwargs):
        raise PermissionError(13, "Permission denied")

    # root may write anywhere, so the refusal of the file system is simulated
    monkeypatch.setattr("autodsl.io.tempfile.mkstemp", denied)
    assert main(["learn", str(wlp_tiny), "--gold", "-o", str(tmp_path / "out")]) == 2
    err = capsys.readouterr().err
    assert "cannot write" in err and "Permission denied" in err and "internal error" not in err


@pytest.mark.parametrize("seed", ["-1", str(2**32), str(10**30)])
def test_seed_out_of_range_is_a_usage_error(wlp_tiny, tmp_path, capsys, seed, no_learning):
    assert main(["learn", str(wlp_tiny), "--gold", "-o", str(tmp_path / "out"), "--seed", seed]) == 2
    assert "--seed" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()


def test_largest_seed_learns(wlp_tiny, tmp_path):
    assert main(["learn", str(wlp_tiny), "--gold", "-o", str(tmp_path), "--seed", str(2**32 - 1)]) == 0
    assert (tmp_path / "wetlab.dsl.json").exists()


@pytest.mark.parametrize("domain", ["../evil", "a/b", "Genetics", ".hidden", "", "-x"])
def test_domain_must_be_a_slug(wlp_tiny, tmp_path, capsys, domain, no_learning):
    out = tmp_path / "out"
    assert main(["learn", str(wlp_tiny), "--gold", "-o", str(out), "--domain", domain]) == 2
    assert "is not a domain name" in capsys.readouterr().err
    assert list(tmp_path.rglob("*.dsl.json")) == []


def test_domain_slug_is_checked_by_the_library_too(tmp_path):
    with pytest.raises(AutodslError, match="not a domain name"):
        learn_module.output_paths(tmp_path, "../evil")


def spec(domain: str, opcode: str) -> DslSpec:
    return DslSpec(domain=domain, operations=[OperationSpec(opcode=opcode, verbs={opcode.lower(): 3}, count=3)])


def test_a_failed_write_leaves_the_old_set(tmp_path, monkeypatch):
    write_outputs({"demo": spec("demo", "MIX")}, tmp_path)
    before = {p.name: p.read_bytes() for p in tmp_path.iterdir()}
    assert sorted(before) == ["demo.dsl.json", "demo.lark", "demo.md"]
    calls = []
    real_fsync = os.fsync

    def failing_third(fd):
        calls.append(fd)
        if len(calls) == 3:  # the report, written after the spec and the grammar
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr("autodsl.io.os.fsync", failing_third)
    with pytest.raises(AutodslError, match="No space left"):
        write_outputs({"demo": spec("demo", "SPIN")}, tmp_path, force=True)
    assert {p.name: p.read_bytes() for p in tmp_path.iterdir()} == before  # no temp files either
    monkeypatch.undo()
    write_outputs({"demo": spec("demo", "SPIN")}, tmp_path, force=True)
    assert all(b"SPIN" in (tmp_path / name).read_bytes() for name in before)


def test_atomic_write_texts_refuses_existing_files_writing_nothing(tmp_path):
    (tmp_path / "b.md").write_text("mine", encoding="utf-8")
    with pytest.raises(OutputExistsError, match="b.md"):
        atomic_write_texts({tmp_path / "a.lark": "A", tmp_path / "b.md": "B"}, force=False)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["b.md"]


def test_atomic_write_texts_with_an_unwritable_target_changes_nothing(tmp_path):
    (tmp_path / "a.txt").write_text("old", encoding="utf-8")
    (tmp_path / "blocker").write_text("", encoding="utf-8")
    with pytest.raises(AutodslError, match="cannot write"):
        atomic_write_texts({tmp_path / "a.txt": "new", tmp_path / "blocker" / "b.txt": "B"})
    assert (tmp_path / "a.txt").read_text(encoding="utf-8") == "old"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["a.txt", "blocker"]


def test_check_writable_dir_creates_the_folder_and_leaves_no_probe(tmp_path):
    folder = check_writable_dir(tmp_path / "x" / "y")
    assert folder.is_dir() and list(folder.iterdir()) == []


def test_corpus_spellings_give_identical_bytes(wlp_tiny, tmp_path, monkeypatch):
    monkeypatch.chdir(wlp_tiny.parent)
    spellings = ["wlp", "./wlp/", str(wlp_tiny), str(wlp_tiny / ".." / "wlp")]
    outputs = []
    for i, spelling in enumerate(spellings):
        out = tmp_path / f"out{i}"
        assert main(["learn", spelling, "--gold", "-o", str(out), "--seed", "1"]) == 0
        outputs.append({p.name: p.read_bytes() for p in sorted(out.iterdir())})
    assert all(o == outputs[0] for o in outputs[1:])
    assert b'"source": "wlp"' in outputs[0]["wetlab.dsl.json"]


def test_corpus_source_outside_the_current_folder_is_absolute(tmp_path, monkeypatch):
    (tmp_path / "here").mkdir()
    monkeypatch.chdir(tmp_path / "here")
    assert corpus_source("../corpus") == (tmp_path / "corpus").resolve().as_posix()
    assert corpus_source(".") == "."


def test_learn_spec_refuses_a_seed_numpy_cannot_take():
    with pytest.raises(AutodslError, match="out of range"):
        learn_module.learn_spec([], "demo", seed=-1)
