"""``autodsl translate --llm`` end to end: the real CLI, the real translator, the real
openai client, and tests/llm_server.py's scripted server on 127.0.0.1."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest

from autodsl.cli import main
from autodsl.induce.spec import load_spec
from llm_server import SECRET_KEY, FakeLLMServer, Reply, free_port

ROOT = Path(__file__).resolve().parents[1]
PROTOCOL = str(ROOT / "protocols" / "plasmid_miniprep.md")
SPEC = str(ROOT / "tests" / "data" / "dsl" / "spec_wetlab.dsl.json")
SAMPLE = {"volume": "100 uL", "time": "1 min", "temperature": "20 degC", "force": "1000 x g", "rotation": "1000 rpm"}


def data_blocks(content: str) -> list[Any]:
    return [json.loads(block) for block in re.findall(r"<data>\n(.*?)\n</data>", content, flags=re.DOTALL)]


def helpful(body: dict[str, Any]) -> Reply:
    """A model that answers every question it is asked, within the DSL."""
    user = body["messages"][1]["content"]
    if "Some parameters" in user:
        params = data_blocks(user)[0]
        return Reply(content=json.dumps({"completions": [
            {"id": p["id"], "value": SAMPLE.get(p["dimension"])} for p in params]}))
    steps = data_blocks(user)[2]
    statements = [{"step": s["step"], "op": u["op"], "opcode": "INCUBATE", "slots": {"time": "1 min"}}
                  for s in steps for u in s["untranslated"]]
    return Reply(content="```json\n" + json.dumps({"statements": statements}) + "\n```")


def run(capsys, args: list[str]) -> tuple[int, str, str]:
    code = main(args)
    captured = capsys.readouterr()
    return code, captured.out, captured.err


@pytest.fixture
def env(monkeypatch, tmp_path):
    monkeypatch.setenv("AUTODSL_CACHE_DIR", str(tmp_path / "cache"))
    monkeypatch.setenv("OPENAI_API_KEY", SECRET_KEY)
    for var in ("AUTODSL_LLM_BASE_URL", "AUTODSL_LLM_MODEL", "AUTODSL_LLM_TIMEOUT", "AUTODSL_LLM_BUDGET"):
        monkeypatch.delenv(var, raising=False)
    return tmp_path


def offline(capsys) -> tuple[int, dict[str, Any]]:
    code, out, _ = run(capsys, ["translate", PROTOCOL, "--dsl", SPEC, "--json"])
    return code, json.loads(out)


def test_llm_proposals_are_merged_marked_and_costed(capsys, env):
    offline_code, offline_json = offline(capsys)
    with FakeLLMServer(helpful) as server:
        code, out, err = run(capsys, ["translate", PROTOCOL, "--dsl", SPEC, "--json", "--llm",
                                      "--llm-base-url", server.url, "--llm-model", "m"])
    result = json.loads(out)
    # the exit code follows the program: accepted proposals may settle an offline error
    # (an operation the DSL lacks), never add one
    assert code == (1 if any(d["severity"] == "error" for d in result["diagnostics"]) else 0) <= offline_code
    meta = result["meta"]["llm"]
    assert meta["requests"] == len(server.requests) >= 1 and meta["total_tokens"] == 120 * meta["requests"]
    assert re.search(r"autodsl: LLM: \d+ requests?, 0 answers from the cache, [\d,]+ tokens", err)
    spec = load_spec(SPEC)
    opcodes = {op.opcode for op in spec.operations}
    llm_ops = [n for n in result["nodes"] if n["kind"] == "operation" and n.get("source") == "llm"]
    untyped = [n for n in offline_json["nodes"] if n["kind"] == "operation" and n["opcode"] not in opcodes]
    assert len(llm_ops) == len(untyped) and all(n["opcode"] == "INCUBATE" for n in llm_ops)
    filled = [(n["id"], k) for n in result["nodes"] if n["kind"] == "operation"
              for k, v in n["slots"].items() if v.get("source") == "llm"]
    assert len(filled) == meta["accepted"] and meta["rejected"] == 0
    assert "Traceback" not in err and SECRET_KEY not in out + err


def test_dsl_output_marks_what_the_llm_suggested(capsys, env, tmp_path):
    out_file = tmp_path / "miniprep.dsl"
    with FakeLLMServer(helpful) as server:
        code, out, err = run(capsys, ["translate", PROTOCOL, "--dsl", SPEC, "--llm", "--llm-base-url", server.url,
                                      "-o", str(out_file)])
    program = out_file.read_text()
    assert "(suggested)" in program and "# step 14: suggested by the LLM for 'stand'" in program
    code, out, err = run(capsys, ["check", str(out_file), "--dsl", SPEC])
    assert "syntax-error" not in out + err


@pytest.mark.parametrize("script, code_name", [
    (None, "llm-unavailable"),
    ([Reply(status=500)], "llm-unavailable"),
    ([Reply(content="```json\n{not json\n```")], "llm-bad-reply"),
    ([Reply(choices=[])], "llm-bad-reply"),
])
def test_failures_keep_the_offline_result_and_exit_code(capsys, env, monkeypatch, script, code_name):
    offline_code, offline_json = offline(capsys)
    monkeypatch.setenv("AUTODSL_LLM_BUDGET", "1.5")  # the second retry's 2 s backoff would overrun it
    args = ["translate", PROTOCOL, "--dsl", SPEC, "--json", "--llm", "--llm-timeout", "1"]
    if script is None:
        code, out, err = run(capsys, [*args, "--llm-base-url", f"http://127.0.0.1:{free_port()}/v1"])
    else:
        with FakeLLMServer(script) as server:
            code, out, err = run(capsys, [*args, "--llm-base-url", server.url])
    assert code == offline_code
    result = json.loads(out)
    assert (result["nodes"], result["edges"]) == (offline_json["nodes"], offline_json["edges"])
    warnings = [line for line in err.splitlines() if "llm-" in line and " warning " in line]
    assert len(warnings) == 1 and code_name in warnings[0], err
    assert "Traceback" not in err and SECRET_KEY not in out + err


def test_no_server_configured_is_a_usage_error(capsys, env, monkeypatch):
    monkeypatch.delenv("OPENAI_API_KEY")
    code, out, err = run(capsys, ["translate", PROTOCOL, "--dsl", SPEC, "--llm"])
    assert code == 2 and out == ""
    assert err.strip().splitlines() == [
        "autodsl: error: --llm needs a server: set AUTODSL_LLM_BASE_URL (or pass --llm-base-url) for a local "
        "server, or OPENAI_API_KEY and AUTODSL_LLM_MODEL for the OpenAI API (see docs/llm.md)"]


def test_reruns_are_served_from_the_cache_unless_no_cache(capsys, env):
    with FakeLLMServer(helpful) as server:
        args = ["translate", PROTOCOL, "--dsl", SPEC, "--json", "--llm", "--llm-base-url", server.url]
        _, first, _ = run(capsys, args)
        asked = len(server.requests)
        _, again, err = run(capsys, args)
        assert len(server.requests) == asked and "0 requests" in err
        assert json.loads(again)["nodes"] == json.loads(first)["nodes"]
        run(capsys, [*args, "--no-cache"])
        assert len(server.requests) == 2 * asked
    assert SECRET_KEY.encode() not in (env / "cache" / "llm-cache.sqlite3").read_bytes()
