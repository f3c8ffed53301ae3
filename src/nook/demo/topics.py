"""What a post topic is: phrase banks for the post itself and for the talk it starts.

A post is `[opener] body [closer]`; the body comes from `bodies` or the author's `segment_bodies`
(student worries differ from a parent's). A body may be a `Prompt`: a text with remarks, questions
and answers that fit only it. `{slot}` names are filled from `nook.demo.slots.SLOTS` or the
author's own context (city, school, idol …). Readers comment from `comments` or ask `questions`;
the author answers from `answers` and reacts to remarks from `reactions` (else a mood-wide bank).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Prompt:
    """A body whose comments, questions and answers only fit it; empty banks fall back to the topic's."""

    body: str
    comments: tuple[str, ...]
    questions: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()  # the author's answers to `questions` (or the topic's questions)


Body = str | Prompt


@dataclass(frozen=True, slots=True)
class Topic:
    name: str
    mood: str  # sad / anxious / lost / tired / proud / happy / hook / neutral
    bodies: tuple[Body, ...]
    segment_bodies: Mapping[str, tuple[Body, ...]] = field(default_factory=dict)  # extra bodies by segment
    openers: tuple[str, ...] = ()
    closers: tuple[str, ...] = ()
    tags: tuple[str, ...] = ()  # hashtag names (slots allowed)
    comments: tuple[str, ...] = ()
    questions: tuple[str, ...] = ()
    answers: tuple[str, ...] = ()  # answers[i] replies to questions[i] when both have the same length
    reactions: tuple[str, ...] = ()
    images: tuple[str, ...] = ()  # image kinds it may carry
    image_odds: float = 0.0
    max_images: int = 3
    circles: tuple[str, ...] = ()  # circle slugs it may be posted in
    friends_odds: float = 0.25  # share posted friends-only
    private_odds: float = 0.02  # share posted 仅自己可见
    audience: tuple[str, ...] = ()  # user tags (interests or segments) that write it; () = everyone
    weight: float = 1.0  # how often an eligible author picks it
    talk: float = 1.0  # how many comments it draws, relative to an ordinary post


def by_segment(*groups: tuple[tuple[str, ...], tuple[Body, ...]]) -> dict[str, tuple[Body, ...]]:
    """Bodies that only fit some people: ((segments), (bodies)) pairs merged per segment."""
    merged: dict[str, tuple[Body, ...]] = {}
    for segments, bodies in groups:
        for segment in segments:
            merged[segment] = merged.get(segment, ()) + bodies
    return merged
