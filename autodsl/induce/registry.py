"""Bundled DSL specs: where they live, which domains exist, and which fits a protocol best.

Specs are ``<domain>.dsl.json`` files. They are looked for in the folders named by the
``AUTODSL_GRAMMARS`` environment variable (a path list, ``os.pathsep``-separated; earlier
folders win), then in the repository's ``grammars/`` folder next to the package (a source
checkout or editable install), or else in ``<prefix>/share/autodsl/grammars`` where a
regular install puts them.

>>> "genetics" in available_domains()
True
>>> get_spec("genetics").domain
'genetics'
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING, Sequence

import autodsl
from autodsl.errors import SpecError
from autodsl.induce.spec import DslSpec, load_spec

if TYPE_CHECKING:
    from autodsl.extract.models import Extraction
    from autodsl.induce.features import InstanceAction
    from autodsl.induce.metrics import VerbIndex

__all__ = [
    "BUNDLED_GRAMMARS",
    "ENV_VAR",
    "SMOOTHING",
    "COVERAGE_FLOOR",
    "grammar_dirs",
    "spec_path",
    "available_domains",
    "get_spec",
    "DomainFit",
    "domain_fits",
    "rank_domains",
    "choose_domain",
]



def _bundled_grammars() -> Path:
    """The repository's ``grammars/`` next to the package, else the installed copy."""
    import sys

    checkout = Path(autodsl.__file__).resolve().parents[1] / "grammars"
    if checkout.is_dir():
        return checkout
    return Path(sys.prefix) / "share" / "autodsl" / "grammars"


BUNDLED_GRAMMARS = _bundled_grammars()
ENV_VAR = "AUTODSL_GRAMMARS"
_SUFFIX = ".dsl.json"
# pseudo-actions of the background verb distribution each spec's verb counts are smoothed with
SMOOTHING = 1000.0
# coverage below this counts as this in a domain's score (ln 0 is no ranking)
COVERAGE_FLOOR = 0.01


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


@dataclass(frozen=True)
class DomainFit:
    """How well one domain's spec fits a protocol's instance actions."""

    domain: str
    score: float  # likelihood + ln(coverage): what domains are ranked by
    likelihood: float  # mean log-probability per action of its verbs under the spec (smoothed)
    coverage: float  # share of actions the spec covers (``autodsl eval dsl``'s coverage)
    operations: int
    actions: int  # actions whose verb some spec knows (the ones the likelihood is over)


def _verb_counts(spec: DslSpec) -> dict[str, int]:
    counts = dict(spec.ignored_verbs)
    for op in spec.operations:
        for verb, n in op.verbs.items():
            counts[verb] = counts.get(verb, 0) + n
    return counts


def domain_fits(extraction: "Extraction", specs: Sequence[DslSpec] | None = None) -> list[DomainFit]:
    """Every available spec's fit to a protocol, best first (see :func:`choose_domain`).

    >>> from autodsl.extract.models import Action, Extraction
    >>> from autodsl.induce.spec import DslSpec, OperationSpec
    >>> cells = DslSpec(domain="cells", operations=[OperationSpec(opcode="PASSAGE", verbs={"passage": 50, "add": 50})])
    >>> dna = DslSpec(domain="dna", operations=[OperationSpec(opcode="ADD", verbs={"add": 90, "passage": 1})])
    >>> x = Extraction(protocol={"id": "p"}, actions=[
    ...     Action(id=f"A{i}", start=0, end=1, text=v, lemma=v, step=1) for i, v in enumerate(["passage", "add"])])
    >>> [(f.domain, f.coverage) for f in domain_fits(x, [dna, cells])]
    [('cells', 1.0), ('dna', 1.0)]
    """
    from autodsl.induce.features import instance_actions

    if specs is None:
        specs = [get_spec(domain) for domain in available_domains()]
    if not specs:
        raise SpecError("no DSL specs found; run 'autodsl learn' or set " + ENV_VAR)
    return rank_domains(instance_actions(extraction), specs)


@dataclass(frozen=True)
class _Prepared:
    """What ranking needs from a set of specs, computed once per set (specs are immutable)."""

    specs: tuple[DslSpec, ...]  # held so the ids in the cache key stay theirs
    tables: tuple[dict[str, int], ...]
    totals: tuple[int, ...]
    background: dict[str, float]
    indexes: tuple["VerbIndex", ...]


# keyed by the specs' ids; a handful of spec sets is all a process uses
_PREPARED: dict[tuple[int, ...], _Prepared] = {}


def _prepare(specs: Sequence[DslSpec]) -> _Prepared:
    from autodsl.induce.metrics import VerbIndex

    key = tuple(id(spec) for spec in specs)
    prepared = _PREPARED.get(key)
    if prepared is not None:
        return prepared
    tables = tuple(_verb_counts(spec) for spec in specs)
    totals = tuple(sum(t.values()) for t in tables)
    # the background every spec is smoothed towards: the specs' verb distributions, averaged
    background: dict[str, float] = {}
    for table, total in zip(tables, totals):
        for verb, n in table.items():
            background[verb] = background.get(verb, 0.0) + n / total / len(tables)
    prepared = _Prepared(tuple(specs), tables, totals, background, tuple(VerbIndex(s) for s in specs))
    if len(_PREPARED) >= 8:
        _PREPARED.clear()
    _PREPARED[key] = prepared
    return prepared


def rank_domains(instances: Sequence["InstanceAction"], specs: Sequence[DslSpec]) -> list[DomainFit]:
    """:func:`domain_fits` of instance actions (e.g. a protocol's digest), best first."""
    from autodsl.induce.verbs import verb_candidates

    prepared = _prepare(specs)
    background = prepared.background
    verbs = []
    for inst in instances:
        # the same form for every spec; a verb no spec knows says nothing about the domain
        form = next((f for f in verb_candidates(inst.lemma) if f in background), None)
        if form is not None:
            verbs.append(form)
    fits = []
    for spec, table, total, index in zip(specs, prepared.tables, prepared.totals, prepared.indexes):
        covered = sum(index.fit(inst).covered for inst in instances)
        loglik = sum(
            math.log((table.get(v, 0) + SMOOTHING * background[v]) / (total + SMOOTHING)) for v in verbs
        )
        likelihood = loglik / len(verbs) if verbs else 0.0
        coverage = covered / len(instances) if instances else 0.0
        fits.append(DomainFit(
            domain=spec.domain,
            score=round(likelihood + math.log(max(coverage, COVERAGE_FLOOR)), 6) if instances else 0.0,
            likelihood=round(likelihood, 6),
            coverage=round(coverage, 4),
            operations=len(spec.operations),
            actions=len(verbs),
        ))
    return sorted(fits, key=lambda f: (-f.score, -f.coverage, f.operations, f.domain))


def choose_domain(extraction: "Extraction") -> tuple[DslSpec, float]:
    """The available spec that fits the protocol's instance actions best, and its coverage.

    Best: the highest score, the mean log-likelihood per action of the protocol's verbs
    under the spec's verb counts (operation verbs and ignored verbs, each smoothed towards
    the average of all specs' verb distributions: Dirichlet smoothing with
    :data:`SMOOTHING` pseudo-actions; a verb no spec knows is left out) plus the log of the
    spec's coverage of the protocol (as ``autodsl eval dsl`` defines it,
    ``autodsl.induce.metrics``). So a domain wins by using the protocol's verbs *as often* as
    the protocol does, not merely by knowing them (nearly every spec covers nearly every
    protocol), while a language that cannot say much of the protocol still loses. Ties
    (e.g. a protocol without actions) go to the higher coverage, then to the spec with
    fewer operations, then to the domain name. Raises :class:`SpecError` when no spec is
    available.
    """
    best = domain_fits(extraction)[0]
    return get_spec(best.domain), best.coverage
