"""Bundled DSL specs: where they live, which domains exist, and which fits a protocol best.

Specs are ``<domain>.dsl.json`` files. They are looked for in the folders named by the
``AUTODSL_GRAMMARS`` environment variable (a path list, ``os.pathsep``-separated; earlier
folders win), then in the repository's ``grammars/`` folder next to the package.

>>> "genetics" in available_domains()
True
>>> get_spec("genetics").domain
'genetics'
"""

from __future__ import annotations

import os
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

import autodsl
from autodsl.errors import SpecError
from autodsl.induce.spec import DslSpec, load_spec

if TYPE_CHECKING:
    from autodsl.extract.models import Extraction

__all__ = ["BUNDLED_GRAMMARS", "ENV_VAR", "grammar_dirs", "spec_path", "available_domains", "get_spec", "choose_domain"]

BUNDLED_GRAMMARS = Path(autodsl.__file__).resolve().parents[1] / "grammars"
ENV_VAR = "AUTODSL_GRAMMARS"
_SUFFIX = ".dsl.json"


def grammar_dirs() -> list[Path]:
    """Folders searched for specs, in order: ``$AUTODSL_GRAMMARS`` entries, then bundled."""
    extra = [Path(p) for p in os.environ.get(ENV_VAR, "").split(os.pathsep) if p.strip()]
    return extra + [BUNDLED_GRAMMARS]


def _all_specs() -> dict[str, Path]:
    found: dict[str, Path] = {}
    for folder in grammar_dirs():
        if not folder.is_dir():
            continue
        for path in sorted(folder.glob(f"*{_SUFFIX}")):
            found.setdefault(path.name[: -len(_SUFFIX)], path)
    return found


def available_domains() -> list[str]:
    """Domains with a spec, sorted."""
    return sorted(_all_specs())


def spec_path(domain: str) -> Path:
    """The spec file of ``domain``; :class:`SpecError` listing the known domains if none."""
    specs = _all_specs()
    if domain not in specs:
        known = ", ".join(sorted(specs)) or "none"
        raise SpecError(f"no DSL spec for domain {domain!r}; available: {known}")
    return specs[domain]


@lru_cache(maxsize=32)
def _load(path: str, mtime_ns: int) -> DslSpec:
    return load_spec(path)


def get_spec(domain: str) -> DslSpec:
    """The spec of ``domain`` (loaded once per file version)."""
    path = spec_path(domain)
    return _load(str(path), path.stat().st_mtime_ns)


def choose_domain(extraction: "Extraction") -> tuple[DslSpec, float]:
    """The available spec that covers the protocol's instance actions best, and its coverage.

    Coverage as ``autodsl eval dsl`` defines it (``autodsl.induce.metrics``); ties (also
    a protocol without actions, coverage 0.0 everywhere) go to the spec with fewer
    operations (the smaller language), then to the domain name in alphabetical order.
    Raises :class:`SpecError` when no spec is available.
    """
    from autodsl.induce.features import instance_actions
    from autodsl.induce.metrics import VerbIndex

    domains = available_domains()
    if not domains:
        raise SpecError("no DSL specs found; run 'autodsl learn' or set " + ENV_VAR)
    instances = instance_actions(extraction)
    best: tuple[float, int, str] | None = None
    chosen: DslSpec | None = None
    for domain in domains:
        spec = get_spec(domain)
        index = VerbIndex(spec)
        covered = sum(index.fit(inst).covered for inst in instances)
        score = covered / len(instances) if instances else 0.0
        key = (-score, len(spec.operations), domain)
        if best is None or key < best:
            best, chosen = key, spec
    assert chosen is not None and best is not None
    return chosen, round(-best[0], 4)
