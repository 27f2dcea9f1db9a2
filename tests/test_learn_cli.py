"""`autodsl learn` and `autodsl eval dsl` end to end on a small corpus subset."""

import contextlib
import io
import json
import re
import shutil
from pathlib import Path

import lark
import pytest

from autodsl.cli import main
from autodsl.induce.spec import DslSpec, load_spec
from autodsl.units import CANONICAL_UNITS

ROOT = Path(__file__).resolve().parents[1]
WLP_TRAIN = ROOT / "corpora" / "wlp" / "train"
SUBSET = 16


@pytest.fixture(scope="module")
def wlp_small(tmp_path_factory) -> Path:
    """The first SUBSET WLP training protocols (gold annotated), in a folder named 'wlp'."""
    folder = tmp_path_factory.mktemp("corpus") / "wlp"
    folder.mkdir()
    for txt in sorted(WLP_TRAIN.glob("*.txt"))[:SUBSET]:
        shutil.copy(txt, folder / txt.name)
        shutil.copy(txt.with_suffix(".ann"), folder / txt.with_suffix(".ann").name)
    return folder


@pytest.fixture(scope="module")
def learned_with_summary(wlp_small, tmp_path_factory) -> tuple[Path, dict]:
    out = tmp_path_factory.mktemp("grammars")
    stdout = io.StringIO()
    with contextlib.redirect_stdout(stdout):
        assert main(["learn", str(wlp_small), "--gold", "-o", str(out), "--seed", "3", "--json"]) == 0
    return out, json.loads(stdout.getvalue())


@pytest.fixture(scope="module")
def learned(learned_with_summary) -> Path:
    return learned_with_summary[0]


def files(folder: Path) -> dict[str, bytes]:
    return {p.name: p.read_bytes() for p in sorted(folder.iterdir())}


def test_learn_writes_spec_grammar_and_report(learned):
    assert sorted(files(learned)) == ["wetlab.dsl.json", "wetlab.lark", "wetlab.md"]
    spec = load_spec(learned / "wetlab.dsl.json")
    assert spec.domain == "wetlab" and spec.seed == 3
    assert spec.corpus.protocols == SUBSET and spec.corpus.actions > 200
    assert 5 <= len(spec.operations) < spec.corpus.actions
    assert spec.operation("centrifuge") is not None
    report = (learned / "wetlab.md").read_text(encoding="utf-8")
    assert "| opcode | effect | instances | verbs | slots | makes |" in report
    assert all(op.effect is not None for op in spec.operations)
    assert f"`{spec.operations[0].opcode}`" in report


def test_same_seed_gives_byte_identical_files(wlp_small, learned, tmp_path):
    assert main(["learn", str(wlp_small), "--gold", "-o", str(tmp_path), "--seed", "3", "--jobs", "2"]) == 0
    assert files(tmp_path) == files(learned)


def test_existing_files_need_force(wlp_small, learned, tmp_path, capsys):
    target = tmp_path / "out"
    shutil.copytree(learned, target)
    (target / "wetlab.md").write_text("mine\n", encoding="utf-8")
    assert main(["learn", str(wlp_small), "--gold", "-o", str(target)]) == 2
    err = capsys.readouterr().err
    assert "wetlab.dsl.json" in err and "wetlab.md" in err and "--force" in err
    assert (target / "wetlab.md").read_text(encoding="utf-8") == "mine\n"
    assert main(["learn", str(wlp_small), "--gold", "-o", str(target), "--seed", "3", "--force"]) == 0
    assert files(target) == files(learned)


def test_json_summary(learned_with_summary):
    out = learned_with_summary[1]
    (row,) = out["domains"]
    assert row["domain"] == "wetlab" and row["protocols"] == SUBSET and row["opcodes"] > 0
    assert out["written"] == 3


def test_bad_corpus_is_a_usage_error(tmp_path, capsys):
    assert main(["learn", str(tmp_path / "missing"), "-o", str(tmp_path)]) == 2
    assert "no such corpus" in capsys.readouterr().err
    (tmp_path / "empty").mkdir()
    assert main(["learn", str(tmp_path / "empty"), "-o", str(tmp_path)]) == 2


def quantity_for(dimension: str) -> str:
    unit = CANONICAL_UNITS[dimension]
    return f"2 to 4 {unit}" if dimension == "time" else f"2 {unit}"


def program_from(spec: DslSpec) -> str:
    """A program using every operation with every slot, values in each slot's unit."""
    lines = [f'protocol "generated" domain {spec.domain}', "input sample"]
    for i, op in enumerate(spec.operations):
        args = ["sample"]
        for slot in op.slots:
            value = quantity_for(slot.dimension) if slot.dimension in CANONICAL_UNITS else '"as written"'
            args.append(f"{slot.name}: {value}")
        lines.append(f"p{i} = {op.opcode}({', '.join(args)})")
    return "\n".join(lines) + "\n"


def test_grammar_loads_and_parses_programs_from_the_spec(learned):
    spec = load_spec(learned / "wetlab.dsl.json")
    text = (learned / "wetlab.lark").read_text(encoding="utf-8")
    program = program_from(spec)
    for parser in ("earley", "lalr"):
        grammar = lark.Lark(text, parser=parser)
        tree = grammar.parse(program)
        assert len(list(tree.find_data("statement"))) == len(spec.operations)
    lalr = lark.Lark(text, parser="lalr")
    with pytest.raises(lark.exceptions.LarkError):
        lalr.parse(program.replace(spec.operations[0].opcode + "(", "NOT_AN_OPCODE("))
    timed = next(op for op in spec.operations if op.slot("time"))
    bad_unit = f'protocol "x" domain {spec.domain}\ninput s\np = {timed.opcode}(s, time: 5 uL)\n'
    with pytest.raises(lark.exceptions.LarkError):
        lalr.parse(bad_unit)


def test_eval_dsl_reports_coverage(learned, wlp_small, capsys):
    assert main(["eval", "dsl", str(learned / "wetlab.dsl.json"), str(wlp_small), "--gold", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert {"coverage", "opcodes", "patterns"} <= figures.keys()
    assert figures["protocols"] == SUBSET
    assert figures["opcodes"] == len(load_spec(learned / "wetlab.dsl.json").operations)
    assert 0.8 <= figures["coverage"] <= 1.0  # on its own training protocols
    assert figures["covered"] + sum(figures["uncovered"].values()) == figures["actions"]


def test_holdout_splits_learn_and_eval(wlp_small, tmp_path, capsys):
    assert main(["learn", str(wlp_small), "--gold", "-o", str(tmp_path), "--holdout", "0.3"]) == 0
    learned_on = load_spec(tmp_path / "wetlab.dsl.json").corpus.protocols
    capsys.readouterr()
    assert main(["eval", "dsl", str(tmp_path / "wetlab.dsl.json"), str(wlp_small), "--gold", "--holdout", "0.3",
                 "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert 0 < figures["protocols"] < SUBSET
    assert learned_on + figures["protocols"] == SUBSET


def test_eval_dsl_finds_a_domain_by_name(learned, wlp_small, monkeypatch, capsys):
    monkeypatch.setenv("AUTODSL_GRAMMARS", str(learned))
    assert main(["eval", "dsl", "wetlab", str(wlp_small), "--gold", "--json"]) == 0
    assert json.loads(capsys.readouterr().out)["domain"] == "wetlab"
    assert main(["eval", "dsl", "no-such-domain", str(wlp_small)]) == 2
    assert re.search(r"available: .*wetlab", capsys.readouterr().err)


@pytest.mark.slow
def test_learning_from_the_extractor_is_deterministic_across_jobs(tmp_path):
    """The real pipeline (extractor, several domains per protocol) on a few Protocol Exchange files."""
    corpus = tmp_path / "px"
    corpus.mkdir()
    for name in ["protocol_0.json", "protocol_10.json", "protocol_100.json", "protocol_1000.json"]:
        shutil.copy(ROOT / "corpora" / "protocol-exchange" / name, corpus / name)
    one, two = tmp_path / "one", tmp_path / "two"
    assert main(["learn", str(corpus), "-o", str(one), "--jobs", "1"]) == 0
    assert main(["learn", str(corpus), "-o", str(two), "--jobs", "2"]) == 0
    assert files(one) == files(two)
    assert "genetics.dsl.json" in files(one)
    genetics = load_spec(one / "genetics.dsl.json")
    assert genetics.corpus.protocols >= 1 and genetics.operations
