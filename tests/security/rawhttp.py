"""A raw HTTP/1.1 client for bodies httpx will not send: chunked streams the server may cut short."""

from __future__ import annotations

import http.client
import socket
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from urllib.parse import urlsplit


@dataclass
class Answer:
    status: int
    headers: dict[str, str]
    body: bytes
    sent: int  # body bytes the server took before answering (or closing)


def chunks(total: int, size: int = 64 * 1024, fill: bytes = b"a") -> Iterable[bytes]:
    """`total` bytes in pieces, made as they are sent (the client holds no big buffer)."""
    piece = fill * size
    left = total
    while left > 0:
        yield piece[: min(size, left)]
        left -= size


def send_chunked(
    base: str, method: str, path: str, headers: dict[str, str], body: Iterable[bytes], timeout: float = 20
) -> Answer:
    """Send `body` with Transfer-Encoding: chunked while reading the answer as soon as it comes."""
    url = urlsplit(base)
    sock = socket.create_connection((url.hostname, url.port), timeout=timeout)
    head = [f"{method} {path} HTTP/1.1", f"Host: {url.netloc}", "Transfer-Encoding: chunked"]
    head += [f"{k}: {v}" for k, v in headers.items()]
    sock.sendall(("\r\n".join(head) + "\r\n\r\n").encode())
    sent = 0
    stop = threading.Event()

    def pump() -> None:
        nonlocal sent
        try:
            for piece in body:
                if stop.is_set():
                    return
                sock.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
                sent += len(piece)
            sock.sendall(b"0\r\n\r\n")
        except OSError:
            return  # the server answered and closed: the rest of the body is not wanted

    sender = threading.Thread(target=pump, daemon=True)
    sender.start()
    try:
        response = http.client.HTTPResponse(sock)
        response.begin()
        stop.set()
        data = response.read()
        return Answer(response.status, {k.lower(): v for k, v in response.getheaders()}, data, sent)
    finally:
        stop.set()
        sock.close()
        sender.join(timeout=5)
