"""Schemathesis against the app's own OpenAPI document: no 5xx, and every answer matches the schema."""

from __future__ import annotations

import httpx
import pytest
import schemathesis
from hypothesis import HealthCheck, given, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_schema_conformance,
    status_code_conformance,
)


@pytest.fixture
def auth(live_server: str, member) -> dict[str, str]:
    """A signed-in member with a post and a friend, so ids in generated requests sometimes exist."""
    alice = member("fuzz_alice")
    member("fuzz_bob")
    alice.http.post("/posts", json={"body": "模糊测试 #话题#"})
    alice.http.post("/friends/requests", json={"username": "fuzz_bob"})
    return {"Authorization": f"Bearer {alice.token}"}


CHECKS = [not_a_server_error, status_code_conformance, content_type_conformance, response_schema_conformance]


@pytest.mark.slow
def test_api_never_errors_and_matches_its_schema(live_server: str, auth: dict[str, str]) -> None:
    """Every operation, with generated (valid and edge-case) input, over real HTTP."""
    schema = schemathesis.openapi.from_url(f"{live_server}/api/v1/openapi.json")
    operations = [result.ok() for result in schema.get_all_operations()]
    assert len(operations) > 40
    for operation in operations:

        @given(case=operation.as_strategy())
        @settings(max_examples=8, deadline=None, suppress_health_check=list(HealthCheck), database=None)
        def call(case: schemathesis.Case) -> None:
            case.call_and_validate(base_url=live_server, headers=auth, checks=CHECKS)

        call()


def test_openapi_document_is_served(live_server: str) -> None:
    doc = httpx.get(f"{live_server}/api/v1/openapi.json").json()
    assert doc["info"]["title"] == "Nook API"
    assert "/api/v1/posts" in doc["paths"] and "/api/v1/feed" in doc["paths"]
