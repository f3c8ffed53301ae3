"""Helpers shared by the scene tests: making friends and declaring schools over the API."""

from __future__ import annotations

from typing import Any


def befriend(a: Any, b: Any) -> None:
    assert a.http.post("/friends/requests", json={"username": b.username}).status_code in (200, 201)
    req = b.http.get("/friends/requests").json()[0]
    assert b.http.post(f"/friends/requests/{req['id']}/accept").status_code == 200


def school(m: Any, name: str = "南城一中", year: int = 2012, class_name: str = "3班", **extra: Any) -> dict:
    body = {"kind": "高中", "name": name, "enroll_year": year, "class_name": class_name, **extra}
    resp = m.http.post("/me/schools", json=body)
    assert resp.status_code == 201, resp.text
    return resp.json()
