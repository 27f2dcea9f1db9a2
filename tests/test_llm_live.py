"""Against a live model (skipped unless AUTODSL_LLM_BASE_URL is set): whatever it answers,
only checked proposals get in, marked as the LLM's, and the run ends cleanly.

    AUTODSL_LLM_BASE_URL=http://127.0.0.1:8080/v1 python -m pytest -q -m live_llm
"""

from __future__ import annotations

import os

import pytest

from autodsl.errors import QuantityError
from autodsl.llm.config import LLMConfig
from autodsl.llm.loop import assist_pdg
from autodsl.units import parse_quantity
from test_llm_loop import protocol, wetlab_spec

pytestmark = [
    pytest.mark.live_llm,
    pytest.mark.skipif(not os.environ.get("AUTODSL_LLM_BASE_URL"), reason="set AUTODSL_LLM_BASE_URL to run"),
]


def test_a_live_model_only_adds_checked_proposals(tmp_path):
    config = LLMConfig.from_env(cache_dir=tmp_path, rounds=2)
    offline, spans = protocol()
    spec = wetlab_spec()
    g, report = assist_pdg(offline, spec, config, steps=spans)
    assert report.usage.requests >= 1
    opcodes = {op.opcode for op in spec.operations}
    for node, data in g.nodes("operation"):
        if node in offline.graph and data.get("source") != "llm":
            assert data["opcode"] == offline.graph.nodes[node]["opcode"]
            continue
        assert data["opcode"] in opcodes
        for name, record in data["slots"].items():
            if record.get("source") == "llm" and record.get("dimension"):
                try:
                    assert parse_quantity(record["text"]).dimension == record["dimension"]
                except QuantityError:
                    pytest.fail(f"{node}.{name}: accepted {record['text']!r}, which does not parse")
    codes = {d.code for d in g.diagnostics}
    assert codes <= {"llm-unavailable", "llm-bad-reply", "llm-proposal-rejected", "llm-proposal-accepted",
                     "value-out-of-range", "llm-cache-unavailable"}
    print(report.usage.summary(), f"accepted {report.accepted}, rejected {report.rejected}, "
          f"stopped {report.stopped}")
