"""Train the offline extractor (CRF tagger + role linker) from BRAT-annotated protocols.

The model is a folder of four files, all deterministic in the training data, the
settings and the seed:

- ``tagger.crfsuite``: the CRF (CRFsuite binary, trained with L-BFGS, no random state);
- ``words.json``: the word lexicon learned from the training split and the word clusters
  learned from unlabeled text;
- ``linker.json``: the role classifier's weights;
- ``meta.json``: settings, seed and label set.

Lexicon features of the training sentences come from the other folds of a k-fold split
(jackknifing), so the CRF learns how far to trust the lexicon on words it has not seen,
as at tagging time.

>>> s = TrainSettings()
>>> (s.c1, s.c2) == (TrainSettings.model_fields["c1"].default, TrainSettings.model_fields["c2"].default)
True
"""

from __future__ import annotations

import json
import random
import re
from collections import Counter
from pathlib import Path
from typing import Callable, Iterable, Literal, Sequence

from pydantic import BaseModel, ConfigDict, Field

from autodsl.corpus import load_protocol
from autodsl.corpus.models import Protocol
from autodsl.errors import InputFileError
from autodsl.extract.features import MAX_PHRASE_TOKENS, MAX_WORD_CHARS, WordFeatures
from autodsl.extract.gold import gold_extraction
from autodsl.extract.linker import NO_ROLE, PairContext, candidate_pairs, locate_spans, pair_features, train_linker
from autodsl.extract.tagger import bio_labels, token_sequences, train_crf
from autodsl.io import atomic_write_bytes, atomic_write_text

__all__ = [
    "annotated_paths",
    "TrainSettings", "train_extractor", "load_annotated", "build_lexicon", "build_phrases", "unlabeled_texts",
    "feature_fingerprint",
    "MODEL_FILES",
]

MODEL_FILES = ("tagger.crfsuite", "words.json", "linker.json", "meta.json")
MODEL_FORMAT = 1


class TrainSettings(BaseModel):
    """Hyper-parameters of the extractor, chosen on corpora/wlp/dev only.

    Dev F1 of the tagger alone (Action / entities, exact spans) while choosing them:
    c1 0.05 -> .836/.683, 0.1 -> .838/.685, 0.3 -> .844/.697, 1.0 -> .851/.709,
    2.0 -> .852/.716, 3.0 -> .847/.716 (c2 0.01, 150 iterations); c2 0.1 at c1 2.0 ->
    .854/.715; the phrase lexicon +.003/+.001; BILOU instead of BIO -.001/-.002. Role
    classifier: C 0.3 and 1.0 score alike on gold spans (role F1 .746); keeping pair
    features seen 5 times instead of 2 and weights to 3 decimals costs .001 and shrinks
    its file from 4.2 to 1.5 MB. Tried later, tagger alone: 300 iterations -> .854/.715;
    c2 1.0 -> .855/.719; c1 0.5 with c2 1.0 -> .858/.718 (roles .5667 vs .5645), within the
    noise of one dev split, for a tagger file six times larger (3.6 MB) and a model that
    loads four times slower, so not taken.
    """

    model_config = ConfigDict(frozen=True, extra="forbid")
    c1: float = Field(default=2.0, description="CRF L1 penalty")
    c2: float = Field(default=0.01, description="CRF L2 penalty")
    max_iterations: int = Field(default=150, description="L-BFGS iterations of the CRF")
    folds: int = Field(default=5, description="folds for jackknifed lexicon features")
    lexicon_min_count: int = Field(default=2, description="occurrences for a word to enter the lexicon")
    linker_c: float = Field(default=0.3, description="inverse L2 penalty of the role classifier")
    linker_min_count: int = Field(default=5, description="occurrences for a pair feature to be kept")
    clusters: bool = Field(default=True, description="use word clusters from unlabeled text")
    phrases: bool = Field(default=True, description="use the lexicon of multi-word spans")
    scheme: Literal["BIO", "BILOU"] = Field(default="BIO", description="span labelling scheme of the CRF")
    cluster_coarse: int = Field(default=64, description="number of coarse word clusters")
    cluster_fine: int = Field(default=320, description="number of fine word clusters")
    cluster_dimensions: int = Field(default=100, description="SVD dimensions of the word vectors")


def annotated_paths(directory: str | Path) -> list[Path]:
    """The ``.txt`` files with an ``.ann`` beside them in ``directory``, by file name; an
    InputFileError when it is no folder or holds none."""
    folder = Path(directory)
    if not folder.is_dir():
        raise InputFileError(str(folder), "not a folder of BRAT files")
    paths = sorted(p for p in folder.glob("*.txt") if p.with_suffix(".ann").exists())
    if not paths:
        raise InputFileError(str(folder), "no annotated protocols (.txt with .ann) found")
    return paths


def load_annotated(directory: str | Path) -> list[Protocol]:
    """Every BRAT-annotated protocol (``.txt`` with ``.ann``) in ``directory``, by file name."""
    return [load_protocol(p, format="brat") for p in annotated_paths(directory)]


def _gold_spans(protocol: Protocol) -> list[tuple[int, int, str]]:
    assert protocol.brat is not None
    return [(e.start, e.end, e.type) for e in protocol.brat.entities if not e.fragments]


def build_lexicon(protocols: Iterable[Protocol], min_count: int = 2) -> dict[str, tuple[str, float, float]]:
    """Word -> (most frequent span type or 'O', its share, share of Action) over gold labels."""
    counts: dict[str, Counter[str]] = {}
    for protocol in protocols:
        spans = _gold_spans(protocol)
        for seq in token_sequences(protocol):
            for tok, label in zip(seq.tokens, bio_labels(seq.tokens, spans)):
                word = tok.text.lower()[:MAX_WORD_CHARS]
                counts.setdefault(word, Counter())[label[2:] if label != "O" else "O"] += 1
    lexicon: dict[str, tuple[str, float, float]] = {}
    for word in sorted(counts):
        c = counts[word]
        total = sum(c.values())
        if total < min_count:
            continue
        top, n = min(c.items(), key=lambda kv: (-kv[1], kv[0]))
        lexicon[word] = (top, round(n / total, 2), round(c["Action"] / total, 2))
    return lexicon


def build_phrases(protocols: Iterable[Protocol], min_count: int = 2) -> dict[str, str]:
    """Lower-cased multi-word gold spans (2 to MAX_PHRASE_TOKENS words) -> most frequent type."""
    counts: dict[str, Counter[str]] = {}
    for protocol in protocols:
        spans = _gold_spans(protocol)
        for seq in token_sequences(protocol):
            labels = bio_labels(seq.tokens, spans)
            words = [t.text.lower()[:MAX_WORD_CHARS] for t in seq.tokens]
            i = 0
            while i < len(labels):
                if labels[i].startswith("B-"):
                    j = i + 1
                    while j < len(labels) and labels[j] == "I-" + labels[i][2:]:
                        j += 1
                    if 2 <= j - i <= MAX_PHRASE_TOKENS:
                        counts.setdefault(" ".join(words[i:j]), Counter())[labels[i][2:]] += 1
                    i = j
                else:
                    i += 1
    phrases: dict[str, str] = {}
    for key in sorted(counts):
        top, n = min(counts[key].items(), key=lambda kv: (-kv[1], kv[0]))
        if n >= min_count:
            phrases[key] = top
    return phrases


def unlabeled_texts(paths: Sequence[str | Path]) -> list[str]:
    """Texts of every protocol file under ``paths`` (``.txt``, ``.md``, ``.json``), by path."""
    from autodsl.corpus.brat import read_text_file

    files: list[Path] = []
    for path in paths:
        p = Path(path)
        files += sorted(f for f in p.rglob("*") if f.suffix in {".txt", ".md", ".json"}) if p.is_dir() else [p]
    texts = []
    for f in files:
        if f.suffix == ".txt":
            texts.append(read_text_file(f))
        else:
            texts.append(load_protocol(f).text)
    return texts


def _tagger_data(
    protocols: Sequence[Protocol], settings: TrainSettings, clusters: dict[str, tuple[int, int]], seed: int
) -> tuple[list[list[list[str]]], list[list[str]]]:
    order = list(range(len(protocols)))
    random.Random(seed).shuffle(order)
    fold_of = {i: k % settings.folds for k, i in enumerate(order)}
    xseqs: list[list[list[str]]] = []
    yseqs: list[list[str]] = []
    for fold in range(settings.folds):
        held_in = [p for i, p in enumerate(protocols) if fold_of[i] != fold]
        phrases = build_phrases(held_in, settings.lexicon_min_count) if settings.phrases else {}
        features = WordFeatures(build_lexicon(held_in, settings.lexicon_min_count), clusters, phrases)
        for i, protocol in enumerate(protocols):
            if fold_of[i] != fold:
                continue
            spans = _gold_spans(protocol)
            for seq in token_sequences(protocol):
                xseqs.append(features.sentence([t.text for t in seq.tokens]))
                yseqs.append(bio_labels(seq.tokens, spans, settings.scheme))
    return xseqs, yseqs


def _linker_data(protocols: Sequence[Protocol]) -> tuple[list[list[str]], list[str]]:
    feature_lists: list[list[str]] = []
    labels: list[str] = []
    for protocol in protocols:
        gold = gold_extraction(protocol)
        typed = [(a.start, a.end, "Action", a.id) for a in gold.actions]
        typed += [(e.start, e.end, e.type, e.id) for e in gold.entities]
        seqs = token_sequences(protocol)
        spans, ids = locate_spans(seqs, [t[:3] for t in typed], protocol.text), [t[3] for t in typed]
        role_of = {(a.id, arg.entity): arg.role for a in gold.actions for arg in reversed(a.args)}
        words = {s.sentence: [t.text for t in s.tokens] for s in seqs}
        span_id = {s.index: ids[k] for k, s in spans}
        located = [s for _, s in spans]
        context = PairContext.of(located, words)
        for a, s, scope in candidate_pairs(located):
            feature_lists.append(pair_features(a, s, scope, context))
            labels.append(role_of.get((span_id[a.index], span_id[s.index]), NO_ROLE))
    return feature_lists, labels


def train_extractor(
    train_dir: str | Path,
    out_dir: str | Path,
    *,
    seed: int = 0,
    unlabeled: Sequence[str | Path] = (),
    settings: TrainSettings | None = None,
    progress: Callable[[str], None] | None = None,
) -> dict[str, object]:
    """Train on the BRAT protocols in ``train_dir`` and write the model folder ``out_dir``.

    ``unlabeled`` lists files or folders whose text feeds the word clusters (the training
    texts are always included). Returns the contents of ``meta.json``.
    """
    from autodsl.extract.clusters import word_clusters

    settings = settings or TrainSettings()
    say = progress or (lambda _msg: None)
    say("loading training protocols")
    protocols = load_annotated(train_dir)
    clusters: dict[str, tuple[int, int]] = {}
    if settings.clusters:
        say("computing word clusters")
        texts = [p.text for p in protocols] + unlabeled_texts(unlabeled)
        try:
            clusters = word_clusters(texts, coarse=settings.cluster_coarse, fine=settings.cluster_fine,
                                     dimensions=settings.cluster_dimensions, seed=seed)
        except ValueError as err:
            raise InputFileError(str(train_dir), f"{err}; add unlabeled text or use fewer clusters") from None
    say("building CRF features")
    xseqs, yseqs = _tagger_data(protocols, settings, clusters, seed)
    lexicon = build_lexicon(protocols, settings.lexicon_min_count)
    phrases = build_phrases(protocols, settings.lexicon_min_count) if settings.phrases else {}
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    say(f"training the CRF on {len(xseqs)} sentences")
    tmp_crf = out / ".tagger.crfsuite.training"
    try:
        train_crf(xseqs, yseqs, tmp_crf, c1=settings.c1, c2=settings.c2, max_iterations=settings.max_iterations)
        crf_bytes = tmp_crf.read_bytes()
    finally:
        tmp_crf.unlink(missing_ok=True)
    say("training the role linker")
    feature_lists, labels = _linker_data(protocols)
    linker = train_linker(feature_lists, labels, c=settings.linker_c, min_count=settings.linker_min_count, seed=seed)
    meta: dict[str, object] = {
        "format": MODEL_FORMAT,
        "seed": seed,
        "settings": settings.model_dump(),
        "training_protocols": len(protocols),
        "training_sentences": len(xseqs),
        "unlabeled": [Path(u).as_posix() for u in unlabeled] if settings.clusters else [],
        "labels": sorted({lab for y in yseqs for lab in y}),
        "roles": linker["roles"],
        "feature_fingerprint": feature_fingerprint(WordFeatures(lexicon, clusters, phrases)),
    }
    words = {
        "lexicon": {w: list(v) for w, v in lexicon.items()},
        "clusters": {w: list(v) for w, v in sorted(clusters.items())},
        "phrases": phrases,
    }
    atomic_write_bytes(out / "tagger.crfsuite", crf_bytes)
    atomic_write_text(out / "words.json", _dump(words))
    atomic_write_text(out / "linker.json", _dump(linker))
    atomic_write_text(out / "meta.json", json.dumps(meta, indent=2, sort_keys=True) + "\n")
    return meta


# A fixed probe: its tagger and linker features are hashed into meta.json, so a change of
# feature code that would silently mismatch a trained model is caught (see the tests).
_PROBE_TEXT = "Probe\nCentrifuge the lysate at 12,000 x g for 10 min at 4 °C .\nTransfer 250 µl supernatant into a new tube ."
_PROBE_SPANS = (("Action", "Centrifuge"), ("Reagent", "lysate"), ("Speed", "12,000 x g"), ("Time", "10 min"),
                ("Temperature", "4 °C"), ("Action", "Transfer"), ("Amount", "250 µl"), ("Reagent", "supernatant"),
                ("Location", "new tube"))


def feature_fingerprint(features: WordFeatures) -> str:
    """SHA-256 of the tagger and linker features of a fixed probe protocol."""
    import hashlib

    from autodsl.corpus.models import Step

    text = _PROBE_TEXT
    lines = [(m.start(), m.end()) for m in re.finditer(r"[^\n]+", text)][1:]
    probe = Protocol(id="probe", title="Probe", format="text", text=text,
                     steps=[Step(index=k + 1, text=text[a:b], start=a, end=b) for k, (a, b) in enumerate(lines)])
    seqs = token_sequences(probe)
    tagger_features = [features.sentence([t.text for t in seq.tokens]) for seq in seqs]
    typed, pos = [], 0
    for kind, span_text in _PROBE_SPANS:
        start = text.index(span_text, pos)
        typed.append((start, start + len(span_text), kind))
        pos = start + len(span_text)
    located = [s for _, s in locate_spans(seqs, typed, text)]
    context = PairContext.of(located, {s.sentence: [t.text for t in s.tokens] for s in seqs})
    pair_feats = [pair_features(a, s, scope, context) for a, s, scope in candidate_pairs(located)]
    blob = json.dumps([tagger_features, pair_feats], ensure_ascii=False).encode("utf-8")
    return hashlib.sha256(blob).hexdigest()


def _dump(data: object) -> str:
    """Compact, key-sorted JSON: stable bytes, small files."""
    return json.dumps(data, sort_keys=True, separators=(",", ":"), ensure_ascii=False) + "\n"
