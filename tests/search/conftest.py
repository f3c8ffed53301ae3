"""Helpers for search, trending and @mention tests: relations made over the real API."""

from __future__ import annotations

from typing import Any


def befriend(a: Any, b: Any) -> None:
    assert a.http.post("/friends/requests", json={"username": b.username}).status_code == 201
    request_id = b.http.get("/friends/requests").json()[0]["id"]
    assert b.http.post(f"/friends/requests/{request_id}/accept").status_code == 200


def block(a: Any, b: Any) -> None:
    assert a.http.post("/blocks", json={"username": b.username}).status_code == 201


def post(who: Any, body: str, visibility: str = "public", **extra: Any) -> int:
    resp = who.http.post("/posts", json={"body": body, "visibility": visibility, **extra})
    assert resp.status_code == 201, resp.text
    return int(resp.json()["id"])
