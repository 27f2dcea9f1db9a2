"""Corpus loading: protocols from text/markdown, JSON, BRAT standoff and X-WLP graphs.

:func:`load_protocol` reads one file, choosing the loader by ``format`` or by the file's
type; :func:`load_corpus` reads a folder, skipping and reporting bad files;
:func:`corpus_stats` summarises what was loaded.

>>> from autodsl.corpus import load_protocol
>>> p = load_protocol("corpora/wlp/train/protocol_0.txt")
>>> p.format, p.text[p.steps[0].start:p.steps[0].end] == p.steps[0].text
('brat', True)
"""

from __future__ import annotations

from autodsl.corpus.load import (
    FORMATS,
    CorpusLoad,
    corpus_files,
    detect_format,
    iter_corpus,
    load_corpus,
    load_protocol,
)
from autodsl.corpus.models import Protocol, Step
from autodsl.corpus.stats import CorpusStats, corpus_stats

__all__ = [
    "FORMATS",
    "CorpusLoad",
    "CorpusStats",
    "Protocol",
    "Step",
    "corpus_files",
    "corpus_stats",
    "detect_format",
    "iter_corpus",
    "load_corpus",
    "load_protocol",
]
