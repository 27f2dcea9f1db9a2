"""The shipped extractor model (package data): CRF tagger, word lexicon and clusters,
role linker, settings. Rebuild with ``autodsl train-extractor`` (see meta.json)."""
