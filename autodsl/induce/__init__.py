"""Induction of a domain's DSL from a corpus: features, DP clustering, the spec model."""
