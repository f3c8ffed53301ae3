"""One JSON record in, one analysis out: emotion, scenes, keywords and hook (the `nook engine analyze` contract).

Input record: {"id": ..., "text": "...", "kind": "post" | "comment", "post": "<parent text>"}.
Output: {"id", "emotion": {...}, "scenes": [{"name", "score"}], "keywords": [...], "hook": {...}}.
`_analysis` is the single place where a comment's result differs from a post's; comment-only
fields (quality, low value, offence: issue 5) are merged there.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator, Mapping, Sequence
from itertools import islice
from typing import Any

from nook.engine.comments.assess import CommentAssessment, assess_comments
from nook.engine.emotion import EmotionResult, classify_normalized
from nook.engine.hooks import detect_hook
from nook.engine.keywords import keyword_weights
from nook.engine.scenes import detect_scenes_normalized
from nook.engine.text import NormalizedText, normalize

__all__ = ["BATCH_SIZE", "RecordError", "analyze_record", "analyze_records", "analyze_stream"]

BATCH_SIZE = 256  # records analysed together; bounds memory while streaming
KINDS = ("post", "comment")


class RecordError(ValueError):
    """A record that does not follow the input contract."""


def _validated(rec: object) -> Mapping[str, Any]:
    if not isinstance(rec, Mapping):
        raise RecordError("record must be a JSON object")
    if not isinstance(rec.get("text"), str):
        raise RecordError('"text" must be a string')
    if rec.get("kind", "post") not in KINDS:
        raise RecordError(f'"kind" must be one of {list(KINDS)}')
    if "post" in rec and rec["post"] is not None and not isinstance(rec["post"], str):
        raise RecordError('"post" must be a string (the parent post text)')
    return rec


def _analysis(
    rec: Mapping[str, Any], norm: NormalizedText, emotion: dict[str, Any], comment: CommentAssessment | None
) -> dict[str, Any]:
    scenes = detect_scenes_normalized(norm)
    scene_names = [s.name for s in scenes]
    is_comment = comment is not None
    out: dict[str, Any] = {
        "id": rec.get("id"),
        "emotion": emotion,
        "scenes": [s.to_json() for s in scenes],
        "keywords": [w for w, _ in keyword_weights(norm)],
        # A comment is a reply already: report its hook but do not suggest rewrites for it.
        "hook": detect_hook(rec["text"], scene_names, emotion["state"], suggest=not is_comment).to_json(),
    }
    # Comment-only fields (quality, low value, offence) are merged into `out` here when is_comment.
    if comment is not None:
        out.update(comment.to_json())
    return out


def analyze_records(records: Sequence[Mapping[str, Any]], *, use_encoder: bool = True) -> list[dict[str, Any]]:
    """Analyse a batch of valid records (emotion, and the comments' scores, for the whole batch at once).

    use_encoder=False relates comments to their post by shared words only (see `assess_comment`).
    """
    recs = [_validated(r) for r in records]
    norms = [normalize(r["text"]) for r in recs]
    emotions = classify_normalized(norms) if norms else []
    comments = _comments(recs, norms, emotions, use_encoder)
    return [_analysis(r, n, e.to_json(), c) for r, n, e, c in zip(recs, norms, emotions, comments, strict=True)]


def _comments(
    recs: list[Mapping[str, Any]], norms: list[NormalizedText], emotions: list[EmotionResult], use_encoder: bool
) -> list[CommentAssessment | None]:
    """Each comment record's assessment against its post (None for posts), all comments in one batch."""
    at = [i for i, r in enumerate(recs) if r.get("kind", "post") == "comment"]
    assessed = iter(
        assess_comments(
            [(recs[i]["text"], recs[i].get("post") or "") for i in at],
            norms=[norms[i] for i in at],
            emotions=[emotions[i] for i in at],
            use_encoder=use_encoder,
        )
    )
    wanted = set(at)
    return [next(assessed) if i in wanted else None for i in range(len(recs))]


def analyze_record(rec: dict[str, Any]) -> dict[str, Any]:
    """Analyse one record; raises RecordError when it breaks the input contract."""
    return analyze_records([rec])[0]


def _parse(line_no: int, line: str) -> tuple[Mapping[str, Any] | None, dict[str, Any] | None]:
    """(record, None) for a valid line, (None, error object) for a malformed one."""
    try:
        return _validated(json.loads(line)), None
    except json.JSONDecodeError as exc:
        return None, {"line": line_no, "error": f"invalid JSON: {exc.msg} at column {exc.colno}"}
    except RecordError as exc:
        return None, {"line": line_no, "error": str(exc)}


def analyze_stream(
    lines: Iterable[str], batch_size: int = BATCH_SIZE, *, use_encoder: bool = True
) -> Iterator[dict[str, Any]]:
    """One output per non-blank input line, in order; bad lines yield {"line": N, "error": "..."}.

    N counts every input line from 1, blank ones included, so it points into the operator's file.
    """
    numbered = ((n, line) for n, line in enumerate(lines, start=1) if line.strip())
    while batch := list(islice(numbered, batch_size)):
        parsed = [_parse(n, line) for n, line in batch]
        results = iter(analyze_records([rec for rec, _ in parsed if rec is not None], use_encoder=use_encoder))
        for _, error in parsed:
            yield error if error is not None else next(results)
