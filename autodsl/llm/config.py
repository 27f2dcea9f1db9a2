"""Settings of the LLM helper, from command-line flags and the environment.

Flags win over the environment, the environment wins over the defaults. The API key is a
:class:`pydantic.SecretStr`: it prints as ``**********`` and :meth:`LLMConfig.describe`
(what goes into reports and output metadata) leaves it out.

Environment: ``AUTODSL_LLM_BASE_URL``, ``AUTODSL_LLM_MODEL``, ``OPENAI_API_KEY``,
``AUTODSL_LLM_TIMEOUT`` (seconds per request), ``AUTODSL_LLM_BUDGET`` (seconds for all
LLM work of one run), ``AUTODSL_CACHE_DIR`` (response cache folder).

>>> cfg = LLMConfig.from_env({"AUTODSL_LLM_BASE_URL": "http://127.0.0.1:8080/v1",
...                           "OPENAI_API_KEY": "sk-secret"}, rounds=2)
>>> cfg.model, cfg.rounds, "sk-secret" in repr(cfg)
('default', 2, False)
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Mapping
from urllib.parse import urlsplit, urlunsplit

from pydantic import BaseModel, ConfigDict, Field, SecretStr, ValidationError

from autodsl.errors import LLMError

__all__ = ["LLMConfig", "LLMConfigError", "OPENAI_BASE_URL", "default_cache_dir", "redact_url"]

OPENAI_BASE_URL = "https://api.openai.com/v1"
# Local servers (llama.cpp, vLLM) serve whatever model they loaded and accept any name;
# hosted APIs need a real one, so there is no default model for them.
_LOCAL_MODEL = "default"
# The openai client refuses to start without a key; local servers ignore it.
_NO_KEY = "no-key"


class LLMConfigError(LLMError):
    """``--llm`` was asked for but no usable server is configured (a usage error, exit 2)."""


def default_cache_dir(env: Mapping[str, str] | None = None) -> Path:
    """``$AUTODSL_CACHE_DIR`` if set, else ``~/.cache/autodsl``.

    >>> str(default_cache_dir({"AUTODSL_CACHE_DIR": "/tmp/c"}))
    '/tmp/c'
    """
    env = os.environ if env is None else env
    folder = env.get("AUTODSL_CACHE_DIR")
    return Path(folder).expanduser() if folder else Path.home() / ".cache" / "autodsl"


class LLMConfig(BaseModel):
    """Where the LLM is, how long to wait for it, and how often to ask it."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    base_url: str = Field(description="OpenAI-compatible API root, e.g. http://127.0.0.1:8080/v1")
    model: str = Field(description="model name sent with each request")
    api_key: SecretStr = Field(description="bearer token; never printed, logged or cached")
    timeout: float = Field(default=60.0, gt=0, description="seconds to wait for one answer")
    budget: float = Field(default=300.0, gt=0, description="seconds for all LLM work of one run")
    retries: int = Field(default=2, ge=0, description="retries after 429, 5xx, timeouts, lost connections")
    backoff: float = Field(default=1.0, ge=0, description="first wait before a retry, doubled each time")
    backoff_max: float = Field(default=30.0, ge=0, description="longest wait before a retry; a longer Retry-After is not waited for")
    rounds: int = Field(default=3, ge=1, description="propose/check rounds per task: 1 proposal + repairs")
    cache: bool = Field(default=True, description="read and write the response cache")
    cache_dir: Path = Field(default_factory=default_cache_dir, description="folder of the response cache")
    temperature: float = Field(default=0.0, ge=0, le=2, description="sampling temperature (0: most repeatable)")
    max_tokens: int = Field(default=1024, ge=16, description="longest answer asked for, in tokens")
    max_reply_chars: int = Field(default=65536, ge=256, description="longer answers are rejected unread")

    @classmethod
    def from_env(cls, env: Mapping[str, str] | None = None, **flags: Any) -> "LLMConfig":
        """Build from ``env`` (default ``os.environ``) and flags; flags that are None are not given.

        Raises :class:`LLMConfigError` when neither a base URL nor an API key is known (there is
        no server to ask) or when a hosted API is used without a model name.
        """
        env = os.environ if env is None else env
        given = {k: v for k, v in flags.items() if v is not None}
        key = given.pop("api_key", None) or env.get("OPENAI_API_KEY") or None
        base_url = given.pop("base_url", None) or env.get("AUTODSL_LLM_BASE_URL") or None
        if base_url is None:
            if key is None:
                raise LLMConfigError(
                    "--llm needs a server: set AUTODSL_LLM_BASE_URL (or pass --llm-base-url) for a "
                    "local server, or OPENAI_API_KEY and AUTODSL_LLM_MODEL for the OpenAI API "
                    "(see docs/llm.md)")
            base_url = OPENAI_BASE_URL
        model = given.pop("model", None) or env.get("AUTODSL_LLM_MODEL") or None
        if model is None:
            if base_url.rstrip("/") == OPENAI_BASE_URL:
                raise LLMConfigError("--llm with the OpenAI API needs a model: set AUTODSL_LLM_MODEL "
                                     "or pass --llm-model (e.g. gpt-4o-mini)")
            model = _LOCAL_MODEL
        for name, var in (("timeout", "AUTODSL_LLM_TIMEOUT"), ("budget", "AUTODSL_LLM_BUDGET")):
            if name not in given and env.get(var):
                given[name] = _seconds(var, env[var])
        if "cache_dir" not in given:
            given["cache_dir"] = default_cache_dir(env)
        try:
            return cls(base_url=base_url, model=model, api_key=SecretStr(key or _NO_KEY), **given)
        except ValidationError as err:
            first = err.errors()[0]
            where = ".".join(str(p) for p in first["loc"])
            raise LLMConfigError(f"bad LLM setting {where}: {first['msg']}") from None

    def describe(self) -> dict[str, Any]:
        """What a report may show: server (without credentials in the URL), model, limits.

        >>> LLMConfig(base_url="http://u:pw@h:1/v1", model="m", api_key="k").describe()["server"]
        'http://h:1/v1'
        """
        return {
            "server": redact_url(self.base_url),
            "model": self.model,
            "timeout_s": self.timeout,
            "budget_s": self.budget,
            "rounds": self.rounds,
            "cache": self.cache,
        }


def redact_url(url: str) -> str:
    """``url`` without a ``user:password@`` part, which may hold a credential."""
    parts = urlsplit(url)
    if parts.username is None and parts.password is None:
        return url
    host = parts.hostname or ""
    netloc = f"{host}:{parts.port}" if parts.port else host
    return urlunsplit(parts._replace(netloc=netloc))


def _seconds(var: str, text: str) -> float:
    try:
        value = float(text)
    except ValueError:
        raise LLMConfigError(f"{var}={text!r} is not a number of seconds") from None
    if value <= 0:
        raise LLMConfigError(f"{var}={text!r} must be more than 0 seconds")
    return value

