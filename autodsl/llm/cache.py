"""A SQLite cache of LLM answers, so reruns are free and give the same result.

The key is the sha256 of everything that decides the answer: the model name, the messages,
the sampling settings and a hash of the prompt templates and proposal schema in use
(:func:`cache_key`). Only the answer text, its finish reason and its token counts are
stored — never the API key, never the server's address. Writes are SQLite transactions,
so an interrupted run leaves the cache as it was.

>>> import tempfile, pathlib
>>> cache = ResponseCache(pathlib.Path(tempfile.mkdtemp()) / "llm.sqlite3")
>>> key = cache_key("m", [{"role": "user", "content": "hi"}], schema="v1")
>>> cache.get(key) is None
True
>>> cache.put(key, CachedAnswer(content='{"statements": []}', finish_reason="stop",
...                             prompt_tokens=5, completion_tokens=3))
>>> cache.get(key).content
'{"statements": []}'
>>> cache.close()
"""

from __future__ import annotations

import hashlib
import json
import sqlite3
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Mapping, Sequence

from autodsl.errors import LLMError

__all__ = ["CACHE_FILE", "CachedAnswer", "CacheError", "ResponseCache", "cache_key"]

CACHE_FILE = "llm-cache.sqlite3"
_SCHEMA = """
CREATE TABLE IF NOT EXISTS answers (
    key TEXT PRIMARY KEY,
    model TEXT NOT NULL,
    content TEXT NOT NULL,
    finish_reason TEXT NOT NULL,
    prompt_tokens INTEGER NOT NULL,
    completion_tokens INTEGER NOT NULL,
    created REAL NOT NULL
)
"""


class CacheError(LLMError):
    """The cache file cannot be opened or used (the run goes on without it)."""


@dataclass(frozen=True)
class CachedAnswer:
    """One stored answer of the model."""

    content: str
    finish_reason: str
    prompt_tokens: int
    completion_tokens: int


def cache_key(model: str, messages: Sequence[Mapping[str, str]], *, schema: str,
              settings: Mapping[str, Any] | None = None) -> str:
    """sha256 (hex) of model, messages, prompt/schema hash and sampling settings.

    >>> cache_key("m", [], schema="a") == cache_key("m", [], schema="b")
    False
    """
    material = json.dumps(
        {"model": model, "messages": list(messages), "schema": schema, "settings": dict(settings or {})},
        sort_keys=True, ensure_ascii=False, separators=(",", ":"),
    )
    return hashlib.sha256(material.encode("utf-8")).hexdigest()


class ResponseCache:
    """Answers by key in one SQLite file (created with its folder on first use)."""

    def __init__(self, path: str | Path) -> None:
        self.path = Path(path)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            self._db = sqlite3.connect(self.path, timeout=10.0)
            with self._db:
                self._db.execute(_SCHEMA)
        except (OSError, sqlite3.Error) as err:
            raise CacheError(f"cannot use the LLM cache {self.path}: {err}") from None

    def get(self, key: str) -> CachedAnswer | None:
        """The answer stored under ``key``, or None."""
        try:
            row = self._db.execute(
                "SELECT content, finish_reason, prompt_tokens, completion_tokens FROM answers WHERE key = ?",
                (key,),
            ).fetchone()
        except sqlite3.Error as err:
            raise CacheError(f"cannot read the LLM cache {self.path}: {err}") from None
        return CachedAnswer(*row) if row else None

    def put(self, key: str, answer: CachedAnswer, *, model: str = "") -> None:
        """Store ``answer`` under ``key`` (replacing an older one)."""
        try:
            with self._db:
                self._db.execute(
                    "INSERT OR REPLACE INTO answers VALUES (?, ?, ?, ?, ?, ?, ?)",
                    (key, model, answer.content, answer.finish_reason, answer.prompt_tokens,
                     answer.completion_tokens, time.time()),
                )
        except sqlite3.Error as err:
            raise CacheError(f"cannot write the LLM cache {self.path}: {err}") from None

    def __len__(self) -> int:
        return int(self._db.execute("SELECT COUNT(*) FROM answers").fetchone()[0])

    def close(self) -> None:
        """Close the database file."""
        self._db.close()
