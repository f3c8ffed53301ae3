"""The API's contract only grows: every operation a client may have been generated from is still there,
under the same method, path and operation id (tests/api/openapi_operations.txt lists them)."""

from __future__ import annotations

from pathlib import Path

from nook.app import create_app

KNOWN = Path(__file__).with_name("openapi_operations.txt")


def test_no_operation_of_the_published_api_is_gone_or_renamed() -> None:
    doc = create_app().openapi()
    now = {f"{m.upper()} {path} {op['operationId']}" for path, ops in doc["paths"].items() for m, op in ops.items()}
    published = set(KNOWN.read_text(encoding="utf-8").split("\n")) - {""}
    assert sorted(published - now) == []
