"""The `nook engine suggest` contract: one JSON request per line in, one JSON answer per line out.

In:  {"id": ..., "post": "...", "viewer_history": ["..."], "circle": "..."}  (history, circle optional)
Out: {"id": ..., "suggestions": [{"text", "intent", "why", "source"}, ...]}, or {"line": N, "error": "..."}.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from nook.engine.suggest.llm import LLMSuggester
from nook.engine.suggest.pipeline import suggest

__all__ = ["RequestError", "suggest_record", "suggest_stream"]


class RequestError(ValueError):
    """A request line that does not follow the contract."""


def _validated(rec: object) -> Mapping[str, Any]:
    if not isinstance(rec, Mapping):
        raise RequestError("request must be a JSON object")
    if not isinstance(rec.get("post"), str):
        raise RequestError('"post" must be a string')
    history = rec.get("viewer_history", [])
    if not isinstance(history, list) or not all(isinstance(h, str) for h in history):
        raise RequestError('"viewer_history" must be a list of strings')
    if rec.get("circle") is not None and not isinstance(rec["circle"], str):
        raise RequestError('"circle" must be a string or null')
    return rec


def suggest_record(rec: object, llm: LLMSuggester | None = None) -> dict[str, Any]:
    """Answer one parsed request (raises RequestError when it breaks the contract)."""
    req = _validated(rec)
    found = suggest(req["post"], req.get("viewer_history", []), req.get("circle"), llm=llm)
    return {"id": req.get("id"), "suggestions": [s.to_json() for s in found]}


def suggest_stream(lines: Iterable[str], llm: LLMSuggester | None = None) -> Iterator[dict[str, Any]]:
    """One answer per non-blank line, in order; a bad line gets an error answer, the rest go on.
    With `llm`, the operator's LLM may write some suggestions (see pipeline.suggest)."""
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        try:
            yield suggest_record(json.loads(line), llm)
        except json.JSONDecodeError as exc:
            yield {"line": number, "error": f"not valid JSON: {exc.msg}"}
        except RequestError as exc:
            yield {"line": number, "error": str(exc)}
