"""Corpus digesting: domains, the held-out split, and a model that cannot be loaded."""

import pytest

from autodsl.corpus.models import Protocol
from autodsl.errors import AutodslError, ModelError
from autodsl.induce import corpus


def test_holdout_split_is_stable_and_about_the_share():
    ids = [f"protocol_{i}" for i in range(2000)]
    held = [i for i in ids if corpus.in_holdout(i, 0.2)]
    assert 0.17 < len(held) / len(ids) < 0.23
    assert held == [i for i in ids if corpus.in_holdout(i, 0.2)]
    assert set(held) <= {i for i in ids if corpus.in_holdout(i, 0.5)}  # nested shares


def test_domains_from_protocol_option_or_folder(tmp_path):
    px = Protocol(id="p", title="t", format="json", text="t", domains=("genetics", "medical"))
    plain = Protocol(id="q", title="t", format="brat", text="t", source=str(tmp_path / "materials" / "data" / "q.txt"))
    assert corpus.protocol_domains(px, tmp_path) == ("genetics", "medical")
    assert corpus.protocol_domains(plain, tmp_path) == ("materials",)
    assert corpus.protocol_domains(plain, tmp_path, default="chemistry") == ("chemistry",)


def test_gold_needs_annotations():
    with pytest.raises(AutodslError, match="no gold annotations"):
        corpus.digest_corpus([Protocol(id="p", title="t", format="text", text="t")], gold=True)


@pytest.mark.parametrize("jobs", [1, 2])
def test_unloadable_model_is_one_clear_error(monkeypatch, jobs):
    from autodsl.extract import extractor

    def broken(path=None):
        raise ModelError("model folder is broken")

    monkeypatch.setattr(extractor.Extractor, "load", staticmethod(broken))
    monkeypatch.setattr(corpus, "_extractor", None)
    protocols = [Protocol(id=f"p{i}", title="t", format="text", text="Mix.") for i in range(3)]
    with pytest.raises(ModelError, match="broken"):
        corpus.digest_corpus(protocols, jobs=jobs)
