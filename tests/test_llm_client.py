"""The LLM client over real HTTP: answers, retries, timeouts, budget, cache, token counts.

Every test talks to tests/llm_server.py's scripted OpenAI-compatible server through the
real ``openai`` package; nothing in autodsl is patched.
"""

from __future__ import annotations

import time
from email.utils import formatdate

import pytest

from autodsl.llm.cache import CACHE_FILE, ResponseCache
from autodsl.llm.client import LLMClient, LLMReplyError, LLMUnavailableError
from autodsl.llm.client import _retry_after as retry_after
from llm_server import SECRET_KEY, FakeLLMServer, Reply, free_port, make_config

HELLO = [{"role": "user", "content": "hello"}]


def ask(config, cache=None, messages=HELLO):
    client = LLMClient(config, cache=cache)
    try:
        return client, client.chat(messages, schema="test")
    finally:
        client.close()


def test_valid_answer_counts_tokens_and_sends_the_key_only_as_bearer(tmp_path):
    with FakeLLMServer([Reply(content='{"statements": []}')]) as server:
        client, answer = ask(make_config(server.url, tmp_path, cache=False))
    assert answer.content == '{"statements": []}' and not answer.cached
    assert client.usage.as_dict() == {"requests": 1, "cached": 0, "prompt_tokens": 100,
                                      "completion_tokens": 20, "total_tokens": 120}
    request = server.requests[0]
    assert request["headers"]["authorization"] == f"Bearer {SECRET_KEY}"
    assert request["body"]["model"] == "test-model" and request["body"]["temperature"] == 0
    assert request["body"]["messages"] == HELLO


def test_http_500_is_retried_then_succeeds(tmp_path):
    with FakeLLMServer([Reply(status=500), Reply(status=502), Reply(content="{}")]) as server:
        client, answer = ask(make_config(server.url, tmp_path, cache=False, retries=2))
    assert answer.content == "{}"
    assert client.usage.requests == 3 and len(server.requests) == 3


def test_http_500_every_time_gives_up_after_the_retries(tmp_path):
    with FakeLLMServer([Reply(status=500)]) as server:
        with pytest.raises(LLMUnavailableError, match=r"HTTP 500.*after 3 attempts"):
            ask(make_config(server.url, tmp_path, cache=False, retries=2))
    assert len(server.requests) == 3


def test_429_waits_for_retry_after(tmp_path):
    with FakeLLMServer([Reply(status=429, headers={"Retry-After": "0.3"}), Reply(content="{}")]) as server:
        started = time.monotonic()
        _, answer = ask(make_config(server.url, tmp_path, cache=False))
        waited = time.monotonic() - started
    assert answer.content == "{}" and len(server.requests) == 2
    assert waited >= 0.3


@pytest.mark.parametrize(("retry_after", "budget", "backoff_max", "reason"), [
    ("60", 5.0, 120.0, "HTTP 429.*overrun the LLM time budget"),  # longer than the budget left
    ("1000", 5000.0, 30.0, "asks to wait 1e\\+03 s, longer than the 30 s"),  # longer than autodsl waits
])
def test_429_whose_retry_after_is_too_long_fails_at_once(tmp_path, retry_after, budget, backoff_max, reason):
    with FakeLLMServer([Reply(status=429, headers={"Retry-After": retry_after})]) as server:
        started = time.monotonic()
        with pytest.raises(LLMUnavailableError, match=reason):
            ask(make_config(server.url, tmp_path, cache=False, budget=budget, backoff_max=backoff_max))
        assert time.monotonic() - started < 2.0
    assert len(server.requests) == 1


def test_an_echoed_key_is_blanked_before_the_answer_is_cached_or_used(tmp_path):
    with FakeLLMServer([Reply(content=f'{{"note": "{SECRET_KEY}"}}')]) as server:
        config = make_config(server.url, tmp_path)
        _, answer = ask(config, cache=ResponseCache(tmp_path / CACHE_FILE))
    assert SECRET_KEY not in answer.content and "***" in answer.content
    assert SECRET_KEY.encode() not in (tmp_path / CACHE_FILE).read_bytes()


def test_client_errors_are_not_retried(tmp_path):
    with FakeLLMServer([Reply(status=401)]) as server:
        with pytest.raises(LLMUnavailableError, match="HTTP 401"):
            ask(make_config(server.url, tmp_path, cache=False))
    assert len(server.requests) == 1


def test_slow_server_times_out_within_the_budget(tmp_path):
    with FakeLLMServer([Reply(content="{}", delay=5.0)]) as server:
        started = time.monotonic()
        with pytest.raises(LLMUnavailableError, match="within"):
            ask(make_config(server.url, tmp_path, cache=False, timeout=0.3, budget=0.8, retries=5))
        elapsed = time.monotonic() - started
    assert elapsed < 1.5, elapsed  # the budget (0.8 s) caps timeouts and retries together


def test_server_down(tmp_path):
    config = make_config(f"http://127.0.0.1:{free_port()}/v1", tmp_path, cache=False, retries=1)
    with pytest.raises(LLMUnavailableError, match="cannot reach the LLM server") as err:
        ask(config)
    assert SECRET_KEY not in str(err.value)


@pytest.mark.parametrize("reply, message", [
    (Reply(choices=[]), "no choices"),
    (Reply(content='{"statements": [', finish_reason="length"), "cut off"),
    (Reply(content=None), "empty"),
    (Reply(raw=b"<html>oops</html>"), "not JSON"),
    (Reply(content="x" * 70_000), "more than the"),
])
def test_unusable_answers(tmp_path, reply, message):
    with FakeLLMServer([reply]) as server:
        with pytest.raises(LLMReplyError, match=message):
            ask(make_config(server.url, tmp_path))
    assert len(server.requests) == 1  # an unusable answer is not retried
    cache = ResponseCache(tmp_path / CACHE_FILE)
    assert len(cache) == 0  # and never cached
    cache.close()


def test_cache_makes_reruns_free_and_no_cache_bypasses_it(tmp_path):
    with FakeLLMServer([Reply(content='{"a": 1}'), Reply(content='{"a": 2}')]) as server:
        config = make_config(server.url, tmp_path)
        cache = ResponseCache(tmp_path / CACHE_FILE)
        first_client, first = ask(config, cache)
        again_client, again = ask(config, cache)
        assert (first.content, again.content, again.cached) == ('{"a": 1}', '{"a": 1}', True)
        assert again_client.usage.requests == 0 and again_client.usage.cached == 1
        assert again_client.usage.total_tokens == 0  # tokens count what this run spent
        _, other = ask(config, cache, messages=[{"role": "user", "content": "something else"}])
        assert other.content == '{"a": 2}'
        _, bypass = ask(make_config(server.url, tmp_path, cache=False), cache)
        assert not bypass.cached and len(server.requests) == 3
        cache.close()
    assert SECRET_KEY.encode() not in (tmp_path / CACHE_FILE).read_bytes()


def test_changing_the_model_misses_the_cache(tmp_path):
    with FakeLLMServer([Reply(content="{}")]) as server:
        cache = ResponseCache(tmp_path / CACHE_FILE)
        ask(make_config(server.url, tmp_path), cache)
        ask(make_config(server.url, tmp_path, model="other-model"), cache)
        cache.close()
    assert [b["model"] for b in server.bodies()] == ["test-model", "other-model"]


def test_retry_after_forms():
    assert retry_after({"Retry-After": "1.5"}) == 1.5
    assert retry_after({"retry-after-ms": "250"}) == 0.25
    assert retry_after({"Retry-After": "soon"}) is None
    in_a_while = retry_after({"Retry-After": formatdate(time.time() + 30, usegmt=True)})
    assert in_a_while is not None and 25 < in_a_while <= 31
