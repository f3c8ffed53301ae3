"""A stand-in for an operator's OpenAI-compatible LLM server: real HTTP on 127.0.0.1, canned answers.

It is an external service in production (vLLM, Ollama, llama.cpp), so tests run a tiny one in a
thread and see exactly what Nook sends it.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Seen:
    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def prompt(self) -> str:
        return "\n".join(m["content"] for m in self.body["messages"])


def completion(content: str) -> bytes:
    """A chat-completions answer whose assistant message is `content`."""
    answer = {
        "id": "chatcmpl-test",
        "object": "chat.completion",
        "model": "stub",
        "choices": [{"index": 0, "message": {"role": "assistant", "content": content}, "finish_reason": "stop"}],
    }
    return json.dumps(answer, ensure_ascii=False).encode()


@dataclass
class ChatStub:
    """What the server answers (set these between requests) and what it was sent."""

    url: str = ""
    status: int = 200
    body: bytes = field(default_factory=lambda: completion("[]"))
    delay_s: float = 0.0  # before the status line
    trickle_s: float = 0.0  # then between bytes of the body (each read is quick, the whole answer is not)
    requests: list[Seen] = field(default_factory=list)
    release: threading.Event = field(default_factory=threading.Event)

    def answer_lines(self, lines: list[str]) -> None:
        self.status, self.body = 200, completion(json.dumps(lines, ensure_ascii=False))


@contextmanager
def chat_server() -> Iterator[ChatStub]:
    stub = ChatStub()

    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:
            raw = self.rfile.read(int(self.headers.get("Content-Length", "0")))
            stub.requests.append(Seen(self.path, dict(self.headers.items()), json.loads(raw)))
            if stub.delay_s:
                stub.release.wait(stub.delay_s)  # a slow model; released early when the test ends
            try:
                self.send_response(stub.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(stub.body)))
                self.end_headers()
                if not stub.trickle_s:
                    self.wfile.write(stub.body)
                for i in range(len(stub.body) if stub.trickle_s else 0):
                    self.wfile.write(stub.body[i : i + 1])
                    self.wfile.flush()
                    if stub.release.wait(stub.trickle_s):
                        break
            except (BrokenPipeError, ConnectionResetError):
                pass  # Nook gave up waiting (the timeout tests)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    stub.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield stub
    finally:
        stub.release.set()
        server.shutdown()
        server.server_close()
        thread.join(timeout=5)
