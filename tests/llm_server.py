"""A scripted OpenAI-compatible chat-completions server for the LLM tests.

It listens on 127.0.0.1 (port 0: the OS picks a free one) in a thread and answers
``POST /v1/chat/completions`` from a script of :class:`Reply` objects, one per request
(the last one repeats). Every request's headers and JSON body are recorded, so tests can
check what the client sent. The real ``openai`` client talks to it over HTTP.

    with FakeLLMServer([Reply(content='{"statements": []}')]) as server:
        ...  # point the client at server.url
"""

from __future__ import annotations

import json
import threading
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any, Callable

__all__ = ["Reply", "FakeLLMServer", "completion_body", "SECRET_KEY", "free_port", "make_config"]


@dataclass
class Reply:
    """One scripted answer: an assistant message, or an HTTP error, a delay, a raw body."""

    content: str | None = None
    finish_reason: str = "stop"
    status: int = 200
    delay: float = 0.0
    headers: dict[str, str] = field(default_factory=dict)
    raw: bytes | None = None  # sent as the body instead of a chat completion
    choices: list[dict[str, Any]] | None = None  # replaces the choices list (e.g. [] for none)
    usage: dict[str, int] | None = field(
        default_factory=lambda: {"prompt_tokens": 100, "completion_tokens": 20, "total_tokens": 120})


def completion_body(reply: Reply, model: str) -> dict[str, Any]:
    """The chat-completion JSON for ``reply``."""
    choices = reply.choices if reply.choices is not None else [{
        "index": 0,
        "message": {"role": "assistant", "content": reply.content},
        "finish_reason": reply.finish_reason,
    }]
    body: dict[str, Any] = {
        "id": "chatcmpl-test", "object": "chat.completion", "created": 1700000000,
        "model": model, "choices": choices,
    }
    if reply.usage is not None:
        body["usage"] = reply.usage
    return body


class FakeLLMServer:
    """Serve scripted replies; ``url`` is the API root to give the client (``.../v1``)."""

    def __init__(self, script: list[Reply] | Callable[[dict[str, Any]], Reply]) -> None:
        self.script = script
        self.requests: list[dict[str, Any]] = []  # {"path", "headers", "body"}
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._httpd = ThreadingHTTPServer(("127.0.0.1", 0), self._handler_class())
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever, kwargs={"poll_interval": 0.02},
                                        daemon=True)

    @property
    def url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}/v1"

    def bodies(self) -> list[dict[str, Any]]:
        """JSON bodies of the chat requests received so far."""
        return [r["body"] for r in self.requests]

    def __enter__(self) -> "FakeLLMServer":
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stopping.set()
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)

    def _next_reply(self, body: dict[str, Any]) -> Reply:
        with self._lock:
            if callable(self.script):
                return self.script(body)
            index = min(len(self.requests) - 1, len(self.script) - 1)
            return self.script[index]

    def _handler_class(self) -> type[BaseHTTPRequestHandler]:
        server = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"

            def log_message(self, format: str, *args: Any) -> None:  # keep test output quiet
                pass

            def do_POST(self) -> None:  # noqa: N802 (http.server's naming)
                length = int(self.headers.get("Content-Length") or 0)
                raw = self.rfile.read(length)
                if self.path.rstrip("/") != "/v1/chat/completions":
                    self._send(404, {"error": {"message": f"no route {self.path}"}})
                    return
                body = json.loads(raw or b"{}")
                with server._lock:
                    server.requests.append({"path": self.path, "headers": dict(self.headers), "body": body})
                reply = server._next_reply(body)
                if reply.delay and server._stopping.wait(reply.delay):
                    return
                if reply.raw is not None:
                    self._send_bytes(reply.status, reply.raw, reply.headers)
                elif reply.status != 200:
                    self._send(reply.status, {"error": {"message": f"scripted HTTP {reply.status}",
                                                        "type": "server_error"}}, reply.headers)
                else:
                    self._send(200, completion_body(reply, body.get("model", "")), reply.headers)

            def _send(self, status: int, data: Any, headers: dict[str, str] | None = None) -> None:
                self._send_bytes(status, json.dumps(data).encode("utf-8"), headers or {})

            def _send_bytes(self, status: int, data: bytes, headers: dict[str, str]) -> None:
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(data)))
                    for name, value in headers.items():
                        self.send_header(name, value)
                    self.end_headers()
                    self.wfile.write(data)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the client gave up (a timeout test); nothing left to tell it

        return Handler


# ---------------------------------------------------------------- helpers for the LLM tests

SECRET_KEY = "sk-test-SECRET-0123456789"


def free_port() -> int:
    """A port nothing listens on (bound, then released)."""
    import socket

    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def make_config(base_url: str, cache_dir: Any, **overrides: Any) -> Any:
    """An LLMConfig with small timeouts and backoffs, so failure tests stay fast."""
    from autodsl.llm.config import LLMConfig

    settings: dict[str, Any] = dict(
        base_url=base_url, model="test-model", api_key=SECRET_KEY, timeout=2.0, budget=8.0,
        retries=2, backoff=0.01, backoff_max=0.5, rounds=3, cache=True, cache_dir=cache_dir,
    )
    settings.update(overrides)
    return LLMConfig(**settings)
