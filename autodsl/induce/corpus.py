"""Instance actions of a whole corpus, in parallel, and how protocols split into domains.

:func:`digest_corpus` extracts every protocol (the shipped extractor, or gold BRAT
annotations with ``gold=True``) and reduces it to a
:class:`~autodsl.induce.features.ProtocolDigest`. With ``jobs > 1`` a pool of worker
processes does it; results come back in input order, so the outcome does not depend on
``jobs``.

The model is loaded once, in the calling process, before any worker starts (a model that
cannot be loaded is one clear error, not a crash in every worker); forked workers share it.

Domains: a protocol belongs to each of its ``domains`` (Protocol Exchange ``bigAreas``
slugs, multi-label). A protocol without domains takes the domain of its corpus folder
(:func:`folder_domain`: ``wlp`` and ``xwlp`` are ``wetlab``, ``materials`` is
``materials``), or the ``--domain`` given to ``learn``.

Held-out protocols: :func:`in_holdout` puts a protocol in the held-out part by a hash of
its id, the same on every machine, so ``learn --holdout 0.2`` and
``eval dsl --holdout 0.2`` see complementary parts of one corpus.

>>> in_holdout("protocol_12", 0.0), in_holdout("protocol_12", 1.0)
(False, True)
"""

from __future__ import annotations

import hashlib
import re
from pathlib import Path
from typing import TYPE_CHECKING, Callable, Sequence

from autodsl.errors import AutodslError

if TYPE_CHECKING:
    from autodsl.corpus.models import Protocol
    from autodsl.induce.features import ProtocolDigest

__all__ = [
    "FOLDER_DOMAINS",
    "digest_corpus",
    "digest_one",
    "folder_domain",
    "protocol_domains",
    "in_holdout",
]

# corpus folder name -> domain slug, for protocols that carry no domains of their own
FOLDER_DOMAINS = {"wlp": "wetlab", "xwlp": "wetlab", "materials": "materials"}

_extractor = None


def in_holdout(protocol_id: str, share: float) -> bool:
    """Whether ``protocol_id`` falls in the held-out ``share`` of a corpus (by SHA-256 of the id)."""
    if share <= 0:
        return False
    digest = hashlib.sha256(protocol_id.encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big") / 2**64 < share


def folder_domain(source: str | None, root: str | Path) -> str:
    """Domain of a protocol without domains, from the folders between ``root`` and its file.

    >>> folder_domain("corpora/wlp/train/protocol_0.txt", "corpora")
    'wetlab'
    >>> folder_domain("my/notes/a.txt", "my/notes")
    'notes'
    """
    base = Path(root)
    names: list[str] = []
    if source:
        path = Path(source)
        try:
            names.extend(path.parent.relative_to(base).parts)
        except ValueError:
            names.extend(path.parent.parts)
    names.append(base.resolve().name)
    names.extend(p.name for p in base.resolve().parents)
    for name in names:
        if name.lower() in FOLDER_DOMAINS:
            return FOLDER_DOMAINS[name.lower()]
    slug = re.sub(r"[^a-z0-9]+", "_", base.resolve().name.lower()).strip("_")
    return slug or "protocols"


def protocol_domains(protocol: "Protocol", root: str | Path, default: str | None = None) -> tuple[str, ...]:
    """The domains a protocol counts for: its own, else ``default``, else its folder's."""
    if protocol.domains:
        return tuple(protocol.domains)
    return (default or folder_domain(protocol.source, root),)


def _load_extractor() -> None:
    """Load the shipped extraction model into this process (once)."""
    global _extractor
    if _extractor is None:
        from autodsl.extract.extractor import Extractor

        _extractor = Extractor.load()


def digest_one(protocol: "Protocol", gold: bool = False) -> "ProtocolDigest":
    """Extract one protocol and digest it (the unit of work of :func:`digest_corpus`)."""
    from autodsl.induce.features import digest_protocol

    if gold:
        from autodsl.extract.gold import gold_extraction

        if protocol.brat is None:
            raise AutodslError(
                f"{protocol.source or protocol.id}: no gold annotations; --gold needs a BRAT corpus"
            )
        extraction = gold_extraction(protocol)
    else:
        _load_extractor()
        assert _extractor is not None
        extraction = _extractor.extract(protocol)
    return digest_protocol(protocol, extraction)


def _work(args: tuple["Protocol", bool]) -> "ProtocolDigest":
    return digest_one(*args)


def digest_corpus(
    protocols: Sequence["Protocol"],
    *,
    jobs: int = 1,
    gold: bool = False,
    advance: Callable[[int], None] | None = None,
) -> list["ProtocolDigest"]:
    """Digests of ``protocols`` in their order; ``advance(1)`` is called per protocol done."""
    if jobs < 1:
        raise AutodslError(f"--jobs must be at least 1, got {jobs}")
    if gold:
        missing = [p.source or p.id for p in protocols if p.brat is None]
        if missing:
            raise AutodslError(
                f"{missing[0]}: no gold annotations ({len(missing)} such protocols); --gold needs a BRAT corpus"
            )
    results: list["ProtocolDigest"] = []
    if not gold:
        _load_extractor()
    if jobs == 1 or len(protocols) < 2:
        for protocol in protocols:
            results.append(digest_one(protocol, gold))
            if advance:
                advance(1)
        return results
    import multiprocessing

    chunk = max(1, min(16, len(protocols) // (jobs * 8) or 1))
    # forked workers inherit the loaded model: nothing to load, nothing to fail in a worker
    with multiprocessing.get_context("fork").Pool(jobs) as pool:
        for digest in pool.imap(_work, [(p, gold) for p in protocols], chunksize=chunk):
            results.append(digest)
            if advance:
                advance(1)
    return results
