"""Answers of /search, /trending and /mentions/suggest."""

from __future__ import annotations

from pydantic import BaseModel, Field

from nook.api.schemas import PostOut, UserOut


class PostHitOut(BaseModel):
    post: PostOut
    snippet_html: str = Field(description="The body around the first hit: escaped, the query's words in <mark>")


class CircleHitOut(BaseModel):
    slug: str
    name: str
    description: str
    member_count: int


class TopicOut(BaseModel):
    name: str
    post_count: int = Field(description="Posts carrying the tag that you may see")


class SearchOut(BaseModel):
    q: str
    type: str
    terms: list[str] = Field(description="The words the query was cut into (posts hold every one of them)")
    posts: list[PostHitOut]
    people: list[UserOut]
    circles: list[CircleHitOut]
    topics: list[TopicOut]
    next_cursor: str | None = Field(description="For type=posts: pass back as `cursor` for older posts")


class TrendingTopicOut(BaseModel):
    name: str
    participants: int = Field(description="Distinct members who posted, commented or liked (ring likes not counted)")


class TrendingOut(BaseModel):
    days: int
    topics: list[TrendingTopicOut]
