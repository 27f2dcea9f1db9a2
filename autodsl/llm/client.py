"""A chat client for any OpenAI-compatible server, with retries, a time budget and a cache.

:class:`LLMClient` wraps ``openai.OpenAI`` (its own retries off) and adds what autodsl
needs: bounded retries with exponential backoff on 429, 5xx, timeouts and lost
connections (honouring ``Retry-After``); one time budget for all the LLM work of a run,
which no request or wait may overrun; the SQLite response cache; token counts from each
answer's ``usage``. Every failure is an :class:`LLMUnavailableError` (no answer) or an
:class:`LLMReplyError` (an answer that cannot be used), with a one-line message that never
contains the API key.

>>> from autodsl.llm.config import LLMConfig
>>> client = LLMClient(LLMConfig(base_url="http://127.0.0.1:9/v1", model="m", api_key="k",
...                              retries=0, cache=False))
>>> try:
...     client.chat([{"role": "user", "content": "hi"}], schema="doc")
... except LLMUnavailableError as err:
...     print(str(err).split(":")[0])
cannot reach the LLM server at http
>>> client.usage.requests
1
"""

from __future__ import annotations

import email.utils
import time
from dataclasses import dataclass
from typing import Any, Callable, Mapping, Sequence

from autodsl.errors import LLMError
from autodsl.llm.cache import CachedAnswer, ResponseCache, cache_key
from autodsl.llm.config import LLMConfig, redact_url

__all__ = ["Answer", "LLMClient", "LLMReplyError", "LLMUnavailableError", "TokenUsage"]

# Below this many seconds left in the budget a request cannot usefully be sent.
_MIN_REQUEST_S = 0.05


class LLMUnavailableError(LLMError):
    """No answer: server down, timeouts, HTTP errors after retries, or the time budget spent."""


class LLMReplyError(LLMError):
    """An answer came but cannot be used: no choices, empty, cut off, too long, not JSON."""


@dataclass
class TokenUsage:
    """What the LLM work of a run cost: requests sent, answers from the cache, tokens."""

    requests: int = 0
    cached: int = 0
    prompt_tokens: int = 0
    completion_tokens: int = 0

    @property
    def total_tokens(self) -> int:
        return self.prompt_tokens + self.completion_tokens

    def as_dict(self) -> dict[str, int]:
        """For JSON output metadata."""
        return {
            "requests": self.requests,
            "cached": self.cached,
            "prompt_tokens": self.prompt_tokens,
            "completion_tokens": self.completion_tokens,
            "total_tokens": self.total_tokens,
        }

    def summary(self) -> str:
        """One line for stderr.

        >>> TokenUsage(requests=2, cached=1, prompt_tokens=1200, completion_tokens=80).summary()
        'LLM: 2 requests, 1 answer from the cache, 1,280 tokens (1,200 prompt + 80 completion)'
        """
        answers = "answer" if self.cached == 1 else "answers"
        return (f"LLM: {self.requests} request{'s' if self.requests != 1 else ''}, "
                f"{self.cached} {answers} from the cache, {self.total_tokens:,} tokens "
                f"({self.prompt_tokens:,} prompt + {self.completion_tokens:,} completion)")


@dataclass(frozen=True)
class Answer:
    """A usable answer of the model: its text, token counts and whether it came from the cache."""

    content: str
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int
    cached: bool


class LLMClient:
    """Ask an OpenAI-compatible server, within one time budget, through the cache."""

    def __init__(
        self,
        config: LLMConfig,
        *,
        cache: ResponseCache | None = None,
        clock: Callable[[], float] = time.monotonic,
        sleep: Callable[[float], None] = time.sleep,
    ) -> None:
        import openai  # heavy; only runs with --llm

        self.config = config
        self.cache = cache
        self.usage = TokenUsage()
        self._openai_errors = openai
        self._clock = clock
        self._sleep = sleep
        self._secret = config.api_key.get_secret_value()
        self._server = redact_url(config.base_url)
        self._api = openai.OpenAI(base_url=config.base_url, api_key=self._secret,
                                  timeout=config.timeout, max_retries=0)
        self.deadline = clock() + config.budget

    def remaining(self) -> float:
        """Seconds left in the run's budget."""
        return self.deadline - self._clock()

    def close(self) -> None:
        """Close the HTTP connections."""
        self._api.close()

    def chat(self, messages: Sequence[Mapping[str, str]], *, schema: str) -> Answer:
        """The model's answer to ``messages``; ``schema`` hashes the prompts/schema in use.

        Raises :class:`LLMUnavailableError` or :class:`LLMReplyError`.
        """
        cfg = self.config
        key = cache_key(cfg.model, messages, schema=schema,
                        settings={"temperature": cfg.temperature, "max_tokens": cfg.max_tokens})
        if self.cache is not None and cfg.cache:
            hit = self.cache.get(key)
            if hit is not None:
                self.usage.cached += 1
                return Answer(hit.content, hit.finish_reason, hit.prompt_tokens, hit.completion_tokens, True)
        completion = self._create(messages)
        answer = self._usable(completion)
        if self.cache is not None and cfg.cache:
            self.cache.put(key, CachedAnswer(answer.content, answer.finish_reason, answer.prompt_tokens,
                                             answer.completion_tokens), model=cfg.model)
        return answer

    # ------------------------------------------------------------------ internals
    def _create(self, messages: Sequence[Mapping[str, str]]) -> Any:
        """Send the request, retrying what is worth retrying, inside the budget."""
        openai = self._openai_errors
        cfg = self.config
        attempt = 0
        while True:
            timeout = min(cfg.timeout, self.remaining())
            if timeout < _MIN_REQUEST_S:
                raise LLMUnavailableError(self._redact(
                    f"the LLM time budget of {cfg.budget:g} s is used up; no request sent"))
            self.usage.requests += 1
            retry_after: float | None = None
            try:
                return self._api.chat.completions.create(
                    model=cfg.model, messages=list(messages), temperature=cfg.temperature,  # type: ignore[arg-type]
                    max_tokens=cfg.max_tokens, timeout=timeout)
            except openai.APITimeoutError:
                reason = f"no answer from the LLM server at {self._server} within {timeout:.3g} s"
            except openai.APIConnectionError as err:
                cause = err.__cause__ or err
                reason = f"cannot reach the LLM server at {self._server}: {cause}"
            except openai.APIStatusError as err:
                status = err.status_code
                reason = f"the LLM server at {self._server} answered HTTP {status}: {_error_text(err)}"
                if status != 429 and status < 500:
                    raise LLMUnavailableError(self._redact(reason)) from None
                retry_after = _retry_after(err.response.headers)
            except ValueError as err:  # a 200 whose body is not JSON: openai's decoder gives up
                raise LLMReplyError(self._redact(
                    f"the LLM server at {self._server} sent a body that is not JSON: {err}")) from None
            if attempt >= cfg.retries:
                tries = f" (after {attempt + 1} attempts)" if attempt else ""
                raise LLMUnavailableError(self._redact(reason + tries))
            if retry_after is not None and retry_after > cfg.backoff_max:
                raise LLMUnavailableError(self._redact(
                    f"{reason}; the server asks to wait {retry_after:.3g} s, longer than the "
                    f"{cfg.backoff_max:g} s autodsl waits before a retry"))
            delay = min(cfg.backoff_max, retry_after if retry_after is not None else cfg.backoff * 2 ** attempt)
            if delay + _MIN_REQUEST_S >= self.remaining():
                raise LLMUnavailableError(self._redact(
                    f"{reason}; waiting {delay:.3g} s to retry would overrun the LLM time budget "
                    f"of {cfg.budget:g} s"))
            self._sleep(delay)
            attempt += 1

    def _usable(self, completion: Any) -> Answer:
        """Check the completion is a whole, not too long answer; count its tokens."""
        usage = getattr(completion, "usage", None)
        prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
        self.usage.prompt_tokens += prompt_tokens
        self.usage.completion_tokens += completion_tokens
        choices = getattr(completion, "choices", None) or []
        if not choices:
            raise LLMReplyError("the LLM server answered with no choices")
        choice = choices[0]
        finish = choice.finish_reason or "stop"
        if finish == "length":
            raise LLMReplyError(f"the LLM's answer was cut off at max_tokens={self.config.max_tokens} "
                                "(finish_reason 'length')")
        if finish not in ("stop", "eos"):  # "eos": older llama.cpp servers
            raise LLMReplyError(f"the LLM stopped with finish_reason {finish!r}")
        content = choice.message.content if choice.message is not None else None
        if not content or not content.strip():
            raise LLMReplyError("the LLM's answer is empty")
        if len(content) > self.config.max_reply_chars:
            raise LLMReplyError(f"the LLM's answer has {len(content):,} characters, more than the "
                                f"{self.config.max_reply_chars:,} accepted")
        # a server that echoes the key back must not get it into the cache or the output
        return Answer(self._redact(content), finish, prompt_tokens, completion_tokens, False)

    def _redact(self, text: str) -> str:
        """``text`` with the API key blanked, in case a server echoed it back."""
        return text.replace(self._secret, "***") if self._secret else text


def _error_text(err: Any) -> str:
    """The server's error message, short."""
    body = getattr(err, "body", None)
    message = body.get("message") if isinstance(body, dict) else None
    text = str(message or getattr(err, "message", "") or err)
    return text if len(text) <= 200 else text[:200] + "…"


def _retry_after(headers: Mapping[str, str]) -> float | None:
    """Seconds to wait from ``Retry-After`` (seconds or an HTTP date), or None.

    >>> _retry_after({"retry-after": "2"}), _retry_after({})
    (2.0, None)
    """
    lowered = {k.lower(): v for k, v in headers.items()}
    if "retry-after-ms" in lowered:
        try:
            return max(0.0, float(lowered["retry-after-ms"]) / 1000)
        except ValueError:
            pass  # malformed: fall through to Retry-After or our own backoff
    text = lowered.get("retry-after")
    if text is None:
        return None
    try:
        return max(0.0, float(text))
    except ValueError:
        pass  # not seconds: an HTTP date, or garbage
    try:
        when = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError):
        return None
    return max(0.0, when.timestamp() - time.time())
