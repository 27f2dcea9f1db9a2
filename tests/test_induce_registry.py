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


def test_choose_domain_by_coverage_then_size_then_name(grammars):
    spec, score = registry.choose_domain(extraction(("spin", True), ("mix", False)))
    assert (spec.domain, score) == ("zeta", 1.0)
    spec, score = registry.choose_domain(extraction(("mix", False)))
    assert (spec.domain, score) == ("alpha", 1.0)  # tie: the smaller language
    spec, score = registry.choose_domain(extraction())
    assert (spec.domain, score) == ("alpha", 0.0)


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
