"""The offline extractor: protocol text in, instance actions with typed arguments out.

A CRF tags action and entity spans sentence by sentence; a role linker attaches entities
(and earlier actions) to actions with WLP roles; quantities are normalised by
:func:`autodsl.units.parse_quantity`. The trained model ships inside the package.

>>> x = extract_text("Centrifuge the tubes for 5 min at 12,000 x g.")
>>> [(a.text, a.lemma) for a in x.actions]
[('Centrifuge', 'centrifuge')]
>>> sorted(e.type for e in x.entities)
['Location', 'Speed', 'Time']
"""

from __future__ import annotations

import json
from functools import lru_cache
from pathlib import Path

from autodsl.corpus.models import Protocol
from autodsl.errors import ModelError
from autodsl.extract.features import WordFeatures
from autodsl.extract.gold import protocol_header, quantity_of
from autodsl.extract.linker import NO_ROLE, PairContext, RoleLinker, candidate_pairs, place_spans
from autodsl.extract.models import Argument, Extraction
from autodsl.extract.postrules import fix_labels
from autodsl.extract.scorer import CrfScorer
from autodsl.extract.sites import place_sites
from autodsl.extract.tagger import CrfTagger, label_ranges, word_sequences
from autodsl.extract.train import MODEL_FILES, MODEL_FORMAT

__all__ = ["Extractor", "extract_protocol", "extract_text", "SHIPPED_MODEL", "protocol_from_text"]

SHIPPED_MODEL = Path(__file__).parent / "model"
# (role, entity id) arguments kept for reuse (WLP dev has about 2,200)
_ARGUMENT_CACHE_LIMIT = 100_000


class Extractor:
    """A loaded extraction model (CRF tagger, word lexicon and clusters, role linker)."""

    def __init__(self, directory: str | Path) -> None:
        folder = Path(directory)
        missing = [name for name in MODEL_FILES if not (folder / name).is_file()]
        if missing:
            raise ModelError(f"{folder} is not an extractor model: missing {', '.join(missing)}")
        try:
            self.meta = json.loads((folder / "meta.json").read_text(encoding="utf-8"))
            words = json.loads((folder / "words.json").read_text(encoding="utf-8"))
            lexicon = {w: (v[0], float(v[1]), float(v[2])) for w, v in words["lexicon"].items()}
            clusters = {w: (int(v[0]), int(v[1])) for w, v in words["clusters"].items()}
            phrases = {str(k): str(v) for k, v in words["phrases"].items()}
        except (OSError, ValueError, KeyError, IndexError, TypeError) as err:
            raise ModelError(f"cannot read extractor model {folder}: {err}") from None
        if self.meta.get("format") != MODEL_FORMAT:
            raise ModelError(
                f"{folder} has model format {self.meta.get('format')}, this autodsl reads "
                f"{MODEL_FORMAT}; retrain it with 'autodsl train-extractor'"
            )
        self.directory = folder
        self.tagger = CrfTagger(folder / "tagger.crfsuite")
        self.features = WordFeatures(lexicon, clusters, phrases)
        self.scorer = CrfScorer(self.features, self.tagger)
        self.linker = RoleLinker.load(folder / "linker.json")
        self._arguments: dict[tuple[str, str], Argument] = {}

    @classmethod
    def load(cls, path: str | Path | None = None) -> "Extractor":
        """The model in folder ``path``; None loads the shipped model (once per process)."""
        if path is None:
            return _shipped()
        return cls(path)

    def extract(self, protocol: Protocol) -> Extraction:
        """Entities and instance actions of ``protocol``, with offsets into its text."""
        text = protocol.text
        sequences = word_sequences(protocol)
        words = [seq.words for seq in sequences]
        tagged = self.scorer.tag_sentences(words)
        located = place_spans(
            sequences, [label_ranges(fix_labels(w, labels)) for w, labels in zip(words, tagged)], text
        )
        context = PairContext.of(located, {seq.sentence: seq.words for seq in sequences})
        pairs = candidate_pairs(located)
        roles = place_sites(pairs, self.linker.predict_pairs(pairs, context), context)
        ids: dict[int, str] = {}
        counts = {"A": 0, "E": 0}
        for span in located:
            counts[span.kind] += 1
            ids[span.index] = f"{'A' if span.kind == 'A' else 'T'}{counts[span.kind]}"
        # arguments are frozen models shared by all extractions (validation takes them as
        # they are): ("Acts-on", "T3") recurs in protocol after protocol
        args: dict[int, list[tuple[int, Argument]]] = {}
        arguments = self._arguments
        if len(arguments) > _ARGUMENT_CACHE_LIMIT:
            arguments.clear()
        for (a, s, _scope), role in zip(pairs, roles):
            if role != NO_ROLE:
                key = (role, ids[s.index])
                argument = arguments.get(key)
                if argument is None:
                    argument = arguments[key] = Argument(role=role, entity=key[1])
                args.setdefault(a.index, []).append((s.start, argument))
        # one validation of plain data (pydantic-core) is faster than building tens of
        # thousands of small models one by one, even unvalidated with model_construct
        entities = [
            {"id": ids[s.index], "type": s.type, "start": s.start, "end": s.end, "text": text[s.start : s.end],
             "quantity": quantity_of(s.type, text[s.start : s.end])}
            for s in located if s.kind == "E"
        ]
        actions = [
            # s.step is the step the sentence lies in: what gold.step_of(protocol, s.start) gives
            {"id": ids[s.index], "start": s.start, "end": s.end, "text": text[s.start : s.end], "lemma": s.lemma,
             "step": s.step, "args": [arg for _, arg in sorted(args.get(s.index, []), key=lambda p: p[0])]}
            for s in located if s.kind == "A"
        ]
        return Extraction.model_validate(
            {"protocol": protocol_header(protocol), "entities": entities, "actions": actions}
        )


@lru_cache(maxsize=1)
def _shipped() -> Extractor:
    return Extractor(SHIPPED_MODEL)


def extract_protocol(protocol: Protocol, model: Extractor | str | Path | None = None) -> Extraction:
    """Extract ``protocol`` with ``model`` (an :class:`Extractor`, a model folder, or None
    for the shipped model)."""
    extractor = model if isinstance(model, Extractor) else Extractor.load(model)
    return extractor.extract(protocol)


def protocol_from_text(text: str, protocol_id: str = "text") -> Protocol:
    """A protocol without a title line: every line, numbered item or bullet is a step."""
    from autodsl.corpus.text import split_steps

    steps = split_steps(text, [(0, len(text))])
    return Protocol(id=protocol_id, title="", format="text", text=text, steps=steps)


def extract_text(text: str, model: Extractor | str | Path | None = None) -> Extraction:
    """Extract a protocol given as plain text, one step per line."""
    return extract_protocol(protocol_from_text(text), model)
