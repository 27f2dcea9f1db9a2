"""The registry of bundled specs: lookup, the AUTODSL_GRAMMARS path list, domain choice."""

import os

import pytest

from autodsl.errors import SpecError
from autodsl.extract.models import Action, Argument, Entity, Extraction
from autodsl.induce import registry
from autodsl.induce.spec import DslSpec, OperationSpec, SlotSpec


def write(folder, spec):
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{spec.domain}.dsl.json").write_text(spec.to_json(), encoding="utf-8")


SPIN = OperationSpec(opcode="SPIN", verbs={"spin": 5},
                     slots=[SlotSpec(name="time", role="Setting", type="Time", dimension="time")])
MIX = OperationSpec(opcode="MIX", verbs={"mix": 5})


@pytest.fixture
def grammars(tmp_path, monkeypatch):
    first, second = tmp_path / "a", tmp_path / "b"
    write(first, DslSpec(domain="zeta", operations=[SPIN, MIX]))
    write(second, DslSpec(domain="alpha", operations=[MIX]))
    write(second, DslSpec(domain="zeta", operations=[MIX]))  # shadowed by the first folder
    monkeypatch.setattr(registry, "BUNDLED_GRAMMARS", tmp_path / "none")
    monkeypatch.setenv(registry.ENV_VAR, os.pathsep.join([str(first), str(second)]))
    return tmp_path


def extraction(*lemmas_with_time):
    entities = [Entity(id="T1", type="Time", start=0, end=5, text="5 min")]
    actions = [
        Action(id=f"A{i}", start=0, end=1, text=lemma, lemma=lemma, step=1,
               args=[Argument(role="Setting", entity="T1")] if timed else [])
        for i, (lemma, timed) in enumerate(lemmas_with_time)
    ]
    return Extraction(protocol={"id": "x"}, entities=entities, actions=actions)


def test_available_and_get(grammars):
    assert registry.available_domains() == ["alpha", "zeta"]
    assert len(registry.get_spec("zeta").operations) == 2  # earlier folder wins


def test_unknown_domain_lists_the_available_ones(grammars):
    with pytest.raises(SpecError, match="available: alpha, zeta"):
        registry.get_spec("genetics")


def test_choose_domain_by_verb_likelihood_then_coverage_size_and_name(grammars):
    spec, score = registry.choose_domain(extraction(("spin", True), ("mix", False)))
    assert (spec.domain, score) == ("zeta", 1.0)
    spec, score = registry.choose_domain(extraction(("mix", False)))
    assert (spec.domain, score) == ("alpha", 1.0)  # 'mix' is all alpha does: likelier there
    spec, score = registry.choose_domain(extraction())
    assert (spec.domain, score) == ("alpha", 0.0)  # no evidence: the smaller language


def test_frequent_verbs_outweigh_mere_coverage(tmp_path, monkeypatch):
    cells = DslSpec(domain="cells", operations=[OperationSpec(opcode="PASSAGE", verbs={"passage": 40, "add": 60})])
    dna = DslSpec(domain="dna", operations=[OperationSpec(opcode="ADD", verbs={"add": 990, "passage": 1}),
                                            OperationSpec(opcode="LIGATE", verbs={"ligate": 9})])
    write(tmp_path, cells)
    write(tmp_path, dna)
    monkeypatch.setattr(registry, "BUNDLED_GRAMMARS", tmp_path / "none")
    monkeypatch.setenv(registry.ENV_VAR, str(tmp_path))
    fits = registry.domain_fits(extraction(("passage", False), ("passage", False), ("add", False)))
    assert [f.domain for f in fits] == ["cells", "dna"]
    assert [f.coverage for f in fits] == [1.0, 1.0]  # both cover it: coverage cannot tell
    assert fits[0].likelihood > fits[1].likelihood and fits[0].actions == 3


# what a lab engineer would accept for each example protocol (the code knows nothing of these files)
SENSIBLE = {
    "plasmid_miniprep": {"genetics", "wetlab"},
    "pcr_setup": {"genetics", "wetlab"},
    "passaging_adherent_cells": {"medical", "bioengineering", "wetlab", "genetics"},
    "organic_workup": {"materials", "wetlab"},
    "western_blot_transfer": {"genetics", "bioengineering", "medical", "wetlab"},
}


@pytest.mark.parametrize("name", sorted(SENSIBLE))
def test_example_protocols_pick_sensible_bundled_domains(name, monkeypatch):
    monkeypatch.delenv(registry.ENV_VAR, raising=False)
    path = registry.BUNDLED_GRAMMARS.parent / "protocols" / f"{name}.expected.json"
    spec, coverage = registry.choose_domain(Extraction.model_validate_json(path.read_text(encoding="utf-8")))
    assert spec.domain in SENSIBLE[name]
    assert 0.0 < coverage <= 1.0


def test_no_specs_at_all(tmp_path, monkeypatch):
    monkeypatch.setattr(registry, "BUNDLED_GRAMMARS", tmp_path / "none")
    monkeypatch.delenv(registry.ENV_VAR, raising=False)
    assert registry.available_domains() == []
    with pytest.raises(SpecError, match="no DSL spec"):
        registry.get_spec("genetics")
    with pytest.raises(SpecError):
        registry.choose_domain(extraction())


def test_bundled_grammars_folder_is_next_to_the_package():
    import autodsl

    assert registry.BUNDLED_GRAMMARS.parent == registry.Path(autodsl.__file__).resolve().parents[1]
