"""Turning phrase banks into text: slot filling, post assembly and hashtag parsing."""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from random import Random

from nook.demo.content_fandom import IDOL
from nook.demo.model import DemoUser
from nook.demo.slots import SLOTS, WINS
from nook.demo.topics import Prompt, Topic

_SLOT = re.compile(r"\{(\w+)\}")
_HASHTAG = re.compile(r"#([^#\s]{1,30})#")

Slots = Mapping[str, Sequence[str]]


def parse_hashtags(text: str) -> tuple[str, ...]:
    """The `#话题#` names in text, in order of first appearance, without duplicates."""
    return tuple(dict.fromkeys(_HASHTAG.findall(text)))


def author_slots(user: DemoUser, segment: str) -> dict[str, tuple[str, ...]]:
    """Slots that depend on who is writing: their city, school, the idol they follow, their wins."""
    return {
        "city": (user.city,),
        "school": (user.school or user.city,),
        "year": (str(user.enroll_year or 2015),),
        "win": WINS[segment],
        "idol": (IDOL.name,),
        "fan": (IDOL.fan_name,),
        "colour": (IDOL.colour,),
        "work": tuple(w.title for w in IDOL.works),
    }


def fill(template: str, rng: Random, slots: Slots, memo: dict[str, str]) -> str:
    """Replace each `{name}`; a name used twice in one post gets the same value (memo)."""

    def pick(match: re.Match[str]) -> str:
        name = match.group(1)
        if name not in memo:
            memo[name] = rng.choice(slots[name] if name in slots else SLOTS[name])
        return memo[name]

    return _SLOT.sub(pick, template)


def post_text(topic: Topic, segment: str, rng: Random, slots: Slots, memo: dict[str, str]) -> tuple[str, Prompt | None]:
    """`[opener] body [closer]` plus zero to two hashtags; also the prompt, if the body was one."""
    body, prompt = _body(topic, segment, rng)
    parts = [body]
    if topic.openers and rng.random() < 0.7:
        parts.insert(0, rng.choice(topic.openers))
    if topic.closers and rng.random() < 0.6:
        parts.append(rng.choice(topic.closers))
    text = fill("".join(parts), rng, slots, memo)
    tags = _pick_tags(topic, rng, slots, memo)
    if not tags:
        return text, prompt
    marks = "".join(f"#{t}#" for t in tags)
    return (f"{marks}{text}" if rng.random() < 0.5 else f"{text} {marks}"), prompt


def _body(topic: Topic, segment: str, rng: Random) -> tuple[str, Prompt | None]:
    body = rng.choice(topic.bodies + topic.segment_bodies.get(segment, ()))
    return (body.body, body) if isinstance(body, Prompt) else (body, None)


def _pick_tags(topic: Topic, rng: Random, slots: Slots, memo: dict[str, str]) -> list[str]:
    roll = rng.random()
    count = 0 if roll < 0.25 else 1 if roll < 0.8 else 2
    chosen = rng.sample(topic.tags, min(count, len(topic.tags)))
    # a tag made of a slot (e.g. "{city}") shares the post's memo, so it matches the text
    return list(dict.fromkeys(fill(t, rng, slots, memo) for t in chosen))
