"""/api/v1/engine: the engine on JSON, for scripts and other platforms, plus a post's analysis."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from nook.api.errors import ERRORS
from nook.api.router import ApiRouter
from nook.api.schemas import SUGGESTION_SOURCE, In
from nook.engine import analyze_record
from nook.engine.comments import find_copy_clusters
from nook.engine.suggest import suggest
from nook.errors import Forbidden
from nook.http.params import PathId
from nook.http.unit import CredentialsDep, unit
from nook.phrases import N_
from nook.security import rate_limits
from nook.social.assist.llm import configured_llm
from nook.social.assist.understanding import post_analysis
from nook.social.content import posts

router = ApiRouter(tags=["engine"], responses=ERRORS)
TEXT_MAX = 5000
BATCH_MAX = 500


class RecordIn(In):
    id: str | int | None = None
    text: str = Field(max_length=TEXT_MAX)
    kind: Literal["post", "comment"] = "post"
    post: str | None = Field(default=None, max_length=TEXT_MAX, description="Parent post text, for comments")


class AnalyzeIn(In):
    records: list[RecordIn] = Field(min_length=1, max_length=BATCH_MAX)


class AnalyzeOut(BaseModel):
    results: list[dict[str, Any]] = Field(description="One `nook engine analyze` object per record, in order")


class DedupItem(In):
    id: str | int
    text: str = Field(max_length=TEXT_MAX)


class DedupIn(In):
    items: list[DedupItem] = Field(min_length=1, max_length=20_000)


class DedupOut(BaseModel):
    clusters: list[list[str | int]]


class DraftIn(In):
    text: str = Field(max_length=TEXT_MAX)


class HookSpan(BaseModel):
    start: int
    end: int
    text: str


class HookSuggestion(BaseModel):
    type: str
    text: str


class HookOut(BaseModel):
    present: bool
    type: str | None
    span: HookSpan | None
    suggestions: list[HookSuggestion]


def _metered(creds: Any) -> None:
    """Engine calls cost CPU: signed-in callers only, within the ENGINE rate limit."""
    with unit(creds) as ctx:
        rate_limits.enforce(rate_limits.ENGINE, ctx.me.id)


@router.post("/engine/analyze", response_model=AnalyzeOut)
def analyze(body: AnalyzeIn, creds: CredentialsDep) -> AnalyzeOut:
    """Emotion, scenes, keywords and hook of each post; comments also get quality, low-value and offence."""
    _metered(creds)
    return AnalyzeOut(results=[analyze_record(r.model_dump()) for r in body.records])


@router.post("/engine/dedup", response_model=DedupOut)
def dedup(body: DedupIn, creds: CredentialsDep) -> DedupOut:
    """Clusters of two or more copy-pasted or near-duplicate texts."""
    _metered(creds)
    clusters = find_copy_clusters([item.text for item in body.items])
    return DedupOut(clusters=[[body.items[i].id for i in cluster] for cluster in clusters])


@router.post("/engine/hooks", response_model=HookOut)
def hooks(body: DraftIn, creds: CredentialsDep) -> HookOut:
    """The composer's hook assistant: does the draft invite replies, and 2–3 rewrites that would."""
    _metered(creds)
    # The full analysis, so rewrites can follow the draft's scene and feeling.
    return HookOut.model_validate(analyze_record({"text": body.text, "kind": "post"})["hook"])


@router.get("/posts/{post_id}/analysis", response_model=dict[str, Any])
def analysis_of(post_id: PathId, creds: CredentialsDep) -> dict[str, Any]:
    """What the engine understood of your own post (feeling, scenes, keywords, hook)."""
    with unit(creds, write=True) as ctx:
        post = posts.get_visible_post(ctx.session, ctx.viewer, post_id)
        if post.author_id != ctx.me.id:
            raise Forbidden(N_("只有作者可以查看说说的分析"))
        return post_analysis(ctx.session, post).result


class SuggestIn(In):
    post: str = Field(max_length=TEXT_MAX)
    viewer_history: list[str] = Field(default_factory=list, max_length=50)
    circle: str | None = Field(default=None, max_length=32, description="The circle's topic, e.g. 摄影")


class SuggestionItem(BaseModel):
    text: str
    intent: str
    why: str
    source: str = Field(description=SUGGESTION_SOURCE)


@router.post("/engine/suggest", response_model=list[SuggestionItem])
def suggest_for(body: SuggestIn, creds: CredentialsDep) -> list[SuggestionItem]:
    """Three comment suggestions for a post and a reader's history (`nook engine suggest` as REST)."""
    _metered(creds)
    history = [h[:TEXT_MAX] for h in body.viewer_history]
    found = suggest(body.post, history, body.circle, llm=configured_llm())
    return [SuggestionItem(**s.to_json()) for s in found]
