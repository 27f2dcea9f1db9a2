"""Corpus loading: protocols from text/markdown, JSON, BRAT standoff and X-WLP graphs.

>>> from autodsl.corpus import load_protocol
>>> p = load_protocol("corpora/wlp/train/protocol_0.txt")   # doctest: +SKIP
"""

from __future__ import annotations

from pathlib import Path

from autodsl.corpus.brat import load_brat_protocol
from autodsl.corpus.models import Protocol

__all__ = ["load_protocol", "Protocol"]


def load_protocol(path: str | Path, format: str | None = None) -> Protocol:
    """Load one protocol file, choosing the loader by ``format`` or by the file's type."""
    p = Path(path)
    if format == "brat" or (format is None and p.suffix == ".txt" and p.with_suffix(".ann").exists()):
        return load_brat_protocol(p)
    raise NotImplementedError("only BRAT is wired so far")  # replaced by the full loader dispatch
