"""Learn a domain's DSL from its protocols' instance actions, and write it out.

The one place that chains induction: digests (``autodsl.induce.corpus``) -> verb clusters
(``operations``) -> slots and patterns (``slots``) -> product flow (``flow``) -> syntactic
features (``syntax``) -> :class:`~autodsl.induce.spec.DslSpec`; then the spec, its Lark
grammar (``autodsl.emit.grammar.emit_grammar``) and its report (``report``) per domain.

>>> from autodsl.induce.features import InstanceAction, ProtocolDigest, SlotValue
>>> t = SlotValue(name="time", role="Setting", type="Time", dimension="time", value=60.0, text="1 min")
>>> digests = [ProtocolDigest(id=f"p{i}", actions=(
...     InstanceAction(protocol=f"p{i}", lemma="spin", index=0, slots=(t,), inputs=("tube",)),
...     InstanceAction(protocol=f"p{i}", lemma="discard", index=1, inputs=("supernatant",))))
...     for i in range(4)]
>>> spec = learn_spec(digests, "demo", seed=0)
>>> [op.opcode for op in spec.operations], spec.operation("spin").slot("time").required
(['DISCARD', 'SPIN'], True)
"""

from __future__ import annotations

import re
import statistics
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from autodsl.diagnostics import Diagnostic
from autodsl.errors import AutodslError, OutputExistsError
from autodsl.induce.spec import CorpusStats, DslSpec, Example, OperationSpec

if TYPE_CHECKING:
    from autodsl.induce.effects import VerbEffects
    from autodsl.induce.features import InstanceAction, ProtocolDigest

__all__ = [
    "learn_spec",
    "naming_verb",
    "learn_corpus",
    "learn_domains",
    "LearnResult",
    "render_outputs",
    "write_outputs",
    "check_outputs",
    "check_domain_name",
    "corpus_source",
    "output_paths",
    "DOMAIN_PATTERN",
    "MAX_SEED",
]

EXAMPLES_PER_OPERATION = 3
TOP_FLOW = 8
TOP_PRODUCTS = 5
# learn_spec splits work per operation; each gets its own seed derived from the run's
_SEED_STRIDE = 7919
# seeds are numpy/scikit-learn random states: 0 <= seed <= MAX_SEED
MAX_SEED = 2**32 - 1
# a domain names files in the output folder and is a NAME in programs ('domain genetics'):
# lower case, a letter first, no dots or slashes, so it can never point outside the folder
DOMAIN_PATTERN = r"[a-z][a-z0-9_-]*"


@dataclass
class LearnResult:
    """Specs learned per domain, the digests they came from, and files skipped while loading."""

    specs: dict[str, DslSpec] = field(default_factory=dict)
    digests: dict[str, list["ProtocolDigest"]] = field(default_factory=dict)
    problems: list[Diagnostic] = field(default_factory=list)
    seconds: dict[str, float] = field(default_factory=dict)  # wall time per phase


def _unique_opcode(verb: str, slots: Sequence[str], taken: set[str]) -> str:
    from autodsl.induce.operations import opcode_name

    base = opcode_name(verb)
    candidates = [base] + [f"{base}_{opcode_name(s)}" for s in slots[:2]]
    for name in candidates:
        if name not in taken:
            return name
    n = 2
    while f"{base}_{n}" in taken:
        n += 1
    return f"{base}_{n}"


def naming_verb(verbs: Sequence[str], effect: str, effects: "VerbEffects", kind: str | None = None) -> str:
    """The verb an operation is named after, from its verbs (most frequent first).

    A scientist reads the name, so an operation of a kind of work (``kind``, see
    :func:`autodsl.induce.kinds.operation_kind`) carries the kind's plain name when one of
    its verbs is that name (:func:`~autodsl.induce.kinds.kind_name`: HEAT for *prewarm, heat,
    warm*; MEASURE for *check, calculate, measure*), else its most frequent verb of that
    kind. Otherwise the most frequent verb whose own dominant effect is the operation's
    ``effect`` (any verb when the effect is ``other``), never a noise or control verb, so a
    spin operation of *take*, *pellet* and *pulse spin* is ``PELLET``; failing that the most
    frequent verb that is no noise or control verb, failing that the most frequent.

    >>> from autodsl.induce.effects import VerbEffects
    >>> naming_verb(["take", "pellet", "pulse spin"], "spin", VerbEffects({"pellet": {"spin_op": 4}}))
    'pellet'
    >>> naming_verb(["let", "stand"], "other", VerbEffects({}))
    'stand'
    >>> naming_verb(["prewarm", "heat", "warm"], "temperature", VerbEffects({}), kind="heat")
    'heat'
    >>> naming_verb(["snap freeze", "incorporate", "flash freeze"], "other", VerbEffects({}), kind="cool")
    'snap freeze'
    """
    from autodsl.induce.kinds import kind_name, verb_kind
    from autodsl.induce.verbs import NOISE_VERBS
    from autodsl.pdg.structure import CONTROL_VERBS

    lab = [v for v in verbs if v not in NOISE_VERBS and v not in CONTROL_VERBS]
    if kind is not None:
        named = kind_name(kind, lab) or next((v for v in lab if verb_kind(v) == kind), None)
        if named:
            return named
    if effect != "other":
        matching = [v for v in lab if effects.dominant(v) == effect]
        if matching:
            return matching[0]
    return lab[0] if lab else verbs[0]


def _describe(verbs: Sequence[str], inputs: Counter[str], slot_names: Sequence[str]) -> str:
    what = ", ".join(verbs[:3])
    on = ", ".join(w for w, _ in inputs.most_common(3) if w != "product")
    parts = [what]
    if on:
        parts.append(f"usually on {on}")
    if slot_names:
        parts.append("with " + ", ".join(slot_names[:4]))
    return "; ".join(parts)


def _examples(
    instances: Sequence["InstanceAction"], verbs: Sequence[str], head_of: dict[str, str]
) -> list[Example]:
    """A few source sentences from different protocols: one per frequent (head) verb, then any."""
    chosen: list[Example] = []
    used: set[str] = set()

    def take(inst: "InstanceAction") -> bool:
        if len(chosen) >= EXAMPLES_PER_OPERATION or not inst.sentence or inst.protocol in used:
            return False
        chosen.append(Example(text=inst.sentence, protocol=inst.protocol))
        used.add(inst.protocol)
        return True

    for verb in verbs[:EXAMPLES_PER_OPERATION]:
        next((True for inst in instances if head_of.get(inst.verb) == verb and take(inst)), False)
    for inst in instances:
        take(inst)
    return chosen


def learn_spec(
    digests: Sequence["ProtocolDigest"],
    domain: str,
    *,
    seed: int = 0,
    source: str = "",
    effects: "VerbEffects | None" = None,
    verbs: frozenset[str] | None = None,
) -> DslSpec:
    """The DSL spec of ``domain`` learned from the digests of its protocols.

    ``effects``: what verbs are known to do (default: the shipped X-WLP evidence, see
    :mod:`autodsl.induce.effects`); it keeps verbs of different effects apart and gives
    each operation its ``effect``. ``verbs``: words known to be verbs (default: those the
    digests attest, :func:`autodsl.induce.verbs.attested_verbs`).
    """
    from autodsl.induce.effects import bundled_verb_effects, operation_effect
    from autodsl.induce.flow import flow_model
    from autodsl.induce.kinds import operation_kind
    from autodsl.induce.operations import cluster_verbs
    from autodsl.induce.slots import learn_patterns, learn_slots
    from autodsl.induce.syntax import syntax_features

    if not 0 <= seed <= MAX_SEED:
        raise AutodslError(f"seed {seed} is out of range: use 0 to {MAX_SEED}")
    effects = effects if effects is not None else bundled_verb_effects()
    clustering = cluster_verbs(digests, seed=seed, effects=effects, verbs=verbs)
    members: list[list["InstanceAction"]] = [[] for _ in clustering.groups]
    for digest in digests:
        for inst in digest.actions:
            op = clustering.operation_of.get(inst.verb)
            if op is not None:
                members[op].append(inst)
    taken: set[str] = set()
    opcodes: list[str] = []
    learned = []
    for k, (verbs, instances) in enumerate(zip(clustering.groups, members)):
        slots = learn_slots(instances)
        names = [s.name for s in slots]
        verb_counts = {v: clustering.verb_counts[v] for v in verbs}
        effect = operation_effect(verb_counts, effects)
        opcode = _unique_opcode(naming_verb(verbs, effect, effects, operation_kind(verb_counts)), names, taken)
        taken.add(opcode)
        opcodes.append(opcode)
        patterns = learn_patterns(instances, names, seed=(seed + _SEED_STRIDE * (k + 1)) % (MAX_SEED + 1))
        learned.append((verbs, instances, slots, patterns, effect))
    opcode_of_verb = {v: opcodes[k] for v, k in clustering.operation_of.items()}
    flows = flow_model(digests, opcode_of_verb.get)
    operations = []
    for opcode, (verbs, instances, slots, patterns, effect) in zip(opcodes, learned):
        inputs = Counter(w for inst in instances for w in inst.inputs)
        flow = flows.get(opcode)
        verb_counts = {v: clustering.verb_counts[v] for v in verbs}
        operations.append(
            OperationSpec(
                opcode=opcode,
                verbs=verb_counts,
                effect=effect,
                description=_describe(verbs, inputs, [s.name for s in slots]),
                slots=slots,
                patterns=patterns,
                inputs=round(statistics.median(len(i.inputs) for i in instances)) if instances else 0,
                products=[w for w, _ in flow.products.most_common(TOP_PRODUCTS)] if flow else [],
                predecessors=dict(flow.predecessors.most_common(TOP_FLOW)) if flow else {},
                successors=dict(flow.successors.most_common(TOP_FLOW)) if flow else {},
                count=len(instances),
                examples=_examples(instances, verbs, clustering.head_of),
            )
        )
    operations.sort(key=lambda op: op.opcode)
    return DslSpec(
        domain=domain,
        seed=seed,
        corpus=CorpusStats(
            protocols=len(digests),
            steps=sum(d.steps for d in digests),
            actions=sum(len(d.actions) for d in digests),
            source=source,
        ),
        features=syntax_features(d.syntax for d in digests),
        operations=operations,
        ignored_verbs=dict(sorted(clustering.ignored.items())),
    )


def learn_corpus(
    path: str | Path,
    *,
    domain: str | None = None,
    seed: int = 0,
    jobs: int = 1,
    gold: bool = False,
    holdout: float = 0.0,
    effects: "VerbEffects | None" = None,
    advance: Callable[[int], None] | None = None,
    on_total: Callable[[int], None] | None = None,
    on_domains: Callable[[list[str]], None] | None = None,
) -> LearnResult:
    """Load a corpus, extract it, and learn one spec per domain (or only ``domain``).

    ``holdout`` leaves out the protocols :func:`~autodsl.induce.corpus.in_holdout` puts in
    the held-out share, so ``autodsl eval dsl --holdout`` can measure generalisation.
    ``effects``: verb effect evidence (default: the shipped one). The words attested as
    verbs are gathered over all protocols learned from, whatever their domain.
    Before extraction starts, ``on_domains(names)`` is told which domains will be learned
    (it may raise, e.g. when their files exist) and ``on_total(n)`` how many protocols.
    """
    from autodsl.corpus import load_corpus
    from autodsl.induce.corpus import digest_corpus, in_holdout, protocol_domains
    from autodsl.induce.verbs import attested_verbs

    root = Path(path)
    if not root.exists():
        raise AutodslError(f"{root}: no such corpus folder or file")
    if domain is not None:
        check_domain_name(domain)
    clock = time.perf_counter()
    loaded = load_corpus(root)
    seconds = {"load": time.perf_counter() - clock}
    chosen = []
    for protocol in loaded.protocols:
        domains = protocol_domains(protocol, root, domain)
        if domain is not None and domain not in domains:
            continue
        if in_holdout(protocol.id, holdout):
            continue
        chosen.append((protocol, domains))
    if not chosen:
        what = f" of domain {domain!r}" if domain else ""
        raise AutodslError(f"{root}: no protocols{what} to learn from")
    learned_domains = sorted({name for _, domains in chosen for name in domains if domain is None or name == domain})
    for name in learned_domains:
        check_domain_name(name)
    if on_domains:
        on_domains(learned_domains)
    if on_total:
        on_total(len(chosen))
    clock = time.perf_counter()
    digests = digest_corpus([p for p, _ in chosen], jobs=jobs, gold=gold, advance=advance)
    seconds["extract"] = time.perf_counter() - clock
    by_domain: dict[str, list["ProtocolDigest"]] = {}
    for (_, domains), digest in zip(chosen, digests):
        for name in domains:
            if domain is None or name == domain:
                by_domain.setdefault(name, []).append(digest)
    result = LearnResult(problems=list(loaded.problems), seconds=seconds)
    names = sorted(by_domain)
    result.digests = {name: by_domain[name] for name in names}
    clock = time.perf_counter()
    verbs = attested_verbs(inst for digest in digests for inst in digest.actions)
    learned = learn_domains(
        by_domain, names, seed=seed, source=corpus_source(root), jobs=jobs, effects=effects, verbs=verbs
    )
    result.specs = dict(zip(names, learned))
    seconds["learn"] = time.perf_counter() - clock
    return result


# what forked workers learn from: digests by domain, and the shared (effects, verbs)
_pending: dict[str, list["ProtocolDigest"]] = {}
_pending_evidence: list[tuple["VerbEffects | None", frozenset[str] | None]] = []


def _learn_pending(args: tuple[str, int, str]) -> DslSpec:
    name, seed, source = args
    effects, verbs = _pending_evidence[0]
    return learn_spec(_pending[name], name, seed=seed, source=source, effects=effects, verbs=verbs)


def learn_domains(
    by_domain: dict[str, list["ProtocolDigest"]],
    names: Sequence[str],
    *,
    seed: int,
    source: str,
    jobs: int = 1,
    effects: "VerbEffects | None" = None,
    verbs: frozenset[str] | None = None,
) -> list[DslSpec]:
    """:func:`learn_spec` for each of ``names``, in worker processes when ``jobs > 1``.

    Each domain is learned on its own with the same seed, so the specs do not depend on
    ``jobs``. Workers are forked after the digests exist and read them from memory.
    """
    if jobs == 1 or len(names) < 2:
        return [
            learn_spec(by_domain[name], name, seed=seed, source=source, effects=effects, verbs=verbs)
            for name in names
        ]
    import multiprocessing

    _pending.clear()
    _pending.update(by_domain)
    _pending_evidence[:] = [(effects, verbs)]
    # biggest domains first, so the pool's workers finish together
    order = sorted(names, key=lambda n: -sum(len(d.actions) for d in by_domain[n]))
    try:
        with multiprocessing.get_context("fork").Pool(min(jobs, len(names))) as pool:
            specs = dict(zip(order, pool.map(_learn_pending, [(n, seed, source) for n in order], chunksize=1)))
    finally:
        _pending.clear()
        _pending_evidence.clear()
    return [specs[name] for name in names]


def corpus_source(root: str | Path) -> str:
    """The corpus path a spec records: the same whatever spelling it was given in.

    Relative to the current folder when the corpus lies under it, else absolute; symbolic
    links resolved, ``/`` separators. So ``corpora/materials``, ``./corpora/materials/``
    and its absolute path give the same spec bytes.

    >>> import os
    >>> corpus_source(os.getcwd() + "/corpora/../corpora/wlp/") == corpus_source("corpora/wlp")
    True
    >>> corpus_source("corpora/wlp"), corpus_source("/")
    ('corpora/wlp', '/')
    """
    resolved = Path(root).resolve()
    try:
        return resolved.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return resolved.as_posix()


def check_domain_name(domain: str) -> str:
    """``domain`` if it may name a domain's files (:data:`DOMAIN_PATTERN`); else raise AutodslError.

    >>> check_domain_name("genetics")
    'genetics'
    >>> try:
    ...     check_domain_name("../evil")
    ... except AutodslError as err:
    ...     print(err)
    domain '../evil' is not a domain name: use lower-case letters, digits, '-' and '_', a letter first (e.g. genetics)
    """
    if not re.fullmatch(DOMAIN_PATTERN, domain):
        raise AutodslError(
            f"domain {domain!r} is not a domain name: use lower-case letters, digits, '-' and '_', "
            "a letter first (e.g. genetics)"
        )
    return domain


def output_paths(out_dir: str | Path, domain: str) -> dict[str, Path]:
    """The three files ``learn`` writes for a domain (raises AutodslError for a bad domain name)."""
    check_domain_name(domain)
    base = Path(out_dir)
    return {
        "spec": base / f"{domain}.dsl.json",
        "grammar": base / f"{domain}.lark",
        "report": base / f"{domain}.md",
    }


def render_outputs(spec: DslSpec) -> dict[str, str]:
    """The text of the spec, grammar and report files of ``spec``."""
    from autodsl.emit.grammar import emit_grammar
    from autodsl.induce.report import render_report

    return {"spec": spec.to_json(), "grammar": emit_grammar(spec), "report": render_report(spec)}


def check_outputs(domains: Sequence[str], out_dir: str | Path) -> None:
    """Raise :class:`OutputExistsError` listing the files of ``domains`` that already exist."""
    existing = [p for name in domains for p in output_paths(out_dir, name).values() if p.exists()]
    if existing:
        listed = ", ".join(str(p) for p in existing)
        raise OutputExistsError(f"{listed} exist{'s' if len(existing) == 1 else ''}; pass --force to overwrite")


def write_outputs(specs: dict[str, DslSpec], out_dir: str | Path, *, force: bool = False) -> list[Path]:
    """Write every domain's files as one set; refuse (writing nothing) if any exists without ``force``.

    All files are rendered and written to temporary files first, then renamed into place
    (:func:`autodsl.io.atomic_write_texts`): a failure leaves no domain with a new spec
    beside an old grammar or report.
    """
    from autodsl.io import atomic_write_texts

    planned = {name: output_paths(out_dir, name) for name in specs}
    if not force:
        check_outputs(list(specs), out_dir)
    texts = {name: render_outputs(spec) for name, spec in specs.items()}
    files = {target: texts[name][kind] for name, paths in planned.items() for kind, target in paths.items()}
    atomic_write_texts(files)
    return list(files)
