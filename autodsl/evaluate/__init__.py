"""Metrics against gold corpora (used by ``autodsl eval``)."""
