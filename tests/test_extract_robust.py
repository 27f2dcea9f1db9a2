"""Any text goes in; the extractor never crashes, and every span points into the text."""

from __future__ import annotations

import random
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from autodsl.corpus import load_protocol
from autodsl.errors import AutodslError
from autodsl.extract.extractor import extract_text
from autodsl.extract.models import Extraction


def _check(text: str, x: Extraction) -> None:
    for span in [*x.entities, *x.actions]:
        assert 0 <= span.start < span.end <= len(text)
        assert text[span.start : span.end] == span.text
    ids = {s.id for s in [*x.entities, *x.actions]}
    assert len(ids) == len(x.entities) + len(x.actions)
    assert all(arg.entity in ids for a in x.actions for arg in a.args)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.text(max_size=400))
def test_any_unicode_text(text: str) -> None:
    _check(text, extract_text(text))


@settings(max_examples=30, deadline=None)
@given(st.lists(st.sampled_from(
    ["Add", "5", "ml", "µl", "buffer", "to", "the", "tube", ".", ",", "\n", "1.", "#", "<sup>", "</sup>",
     "\\(", ")", "°C", "x", "g", "for", "min", "🧪", "Zentrifugieren", "离心", " ", "\t", "**", "-"]),
    max_size=80))
def test_protocol_like_token_soup(words: list[str]) -> None:
    text = " ".join(words)
    _check(text, extract_text(text))


@pytest.mark.parametrize("text", [
    "",
    "   \n\n\t  \n",
    "\x00\x01\x02\ufffd\ufffd binary \x7f",
    "<html><body><p>Add <b>5 ml</b> PBS &amp; mix.</p><script>alert(1)</script></body></html>",
    "Zentrifugieren Sie die Probe 5 min bei 12.000 x g. Den Überstand verwerfen.",
    "离心 5 分钟，弃上清。",
    "🧪🧫 Add 💧 5 ml 🔥 and heat to 95 °C 🙂",
    "1. Plate 2x10<sup>6</sup> cells in 3 ml \\(60-mm dish).\n2. Add 1 µl \\[see note\\].",
    "Add" * 5000,
    ".\n" * 2000,
])
def test_odd_inputs(text: str) -> None:
    _check(text, extract_text(text))


def test_foreign_and_empty_text_give_no_actions() -> None:
    assert extract_text("").actions == []
    assert extract_text("离心 5 分钟，弃上清。").actions == []


@pytest.mark.slow
def test_one_megabyte_single_line() -> None:
    rng = random.Random(0)
    words = ["Add", "5", "ml", "buffer", "to", "the", "tube", "and", "spin", "for", "10", "min", "at", "4", "°C", ","]
    text = " ".join(rng.choice(words) for _ in range(300_000))[: 1 << 20]
    assert "\n" not in text and len(text) == 1 << 20
    x = extract_text(text)
    _check(text, x)
    assert x.actions


def test_binary_file_is_a_clear_error(tmp_path: Path) -> None:
    path = tmp_path / "garbage.txt"
    rng = random.Random(1)
    path.write_bytes(bytes(rng.randrange(256) for _ in range(4096)))
    with pytest.raises(AutodslError):
        load_protocol(path)
