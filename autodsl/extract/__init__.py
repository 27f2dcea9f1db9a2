"""Extraction of instance actions from protocol text."""
