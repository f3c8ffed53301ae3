"""The `Idempotency-Key` header of the API's create endpoints (POST /posts, comments, board messages)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Header
from fastapi.responses import JSONResponse

from nook.social.content.idempotency import KEY_MAX, Replay

IdempotencyKeyHeader = Annotated[
    str | None,
    Header(
        alias="Idempotency-Key",
        max_length=KEY_MAX,
        description="Send the same key again (a retry, a double click) and the write is made once: "
        "the repeat gets the first answer. The same key with a different request answers 422.",
    ),
]


def replay(answer: Replay) -> JSONResponse:
    return JSONResponse(answer.body, status_code=answer.status)
