"""Personal lines that are true: where one of the reader's own posts is in the same situation as this one.

A reader's post counts only when (1) the post's audience may see it (`HistoryPost.shareable`; a plain
string counts as shareable, for callers that pass only such posts), (2) its situation matches this
post's with the right polarity (the reader's pass under the author's fail is a brag, never used), and
(3) it names the same thing (the exam, the place, the pet, the dish, the game) where the line names one.
The line then paraphrases it from the bank's `personal_*` sections ("我之前也去过大理"); it never quotes
the reader's post and claims nothing that post does not say.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass

from nook.engine.suggest.situations import Situation

__all__ = ["MAX_HISTORY", "Connection", "HistoryPost", "HistoryReading", "find_connection"]

MAX_HISTORY = 20  # the reader's most recent posts looked at; older ones rarely help and cost time
_QUOTE_CHARS = 40  # the reader's post as the LLM prompt may see it (never shown to anyone)
_VISITED = r"(?:去了|去过|到了|在|来到|游|逛|玩|回)"
_WISH = r"(?:想去|好想去|一直想去|计划去|打算去)"
_OWNER = re.compile(r"我家|我的|我养|咱家|我们家|家里的")
_COOKED = re.compile(r"做了|做的|烤了|煮了|炒了|包了|下厨|自己做")
_EXAM_DOWN = frozenset({"exam_fail", "exam_prep", "exam_wait"})
_PET_UP = frozenset({"pet_cute", "pet_new", "pet_mischief"})
_FOOD = frozenset({"cooking", "eating_out", "food_craving", "cooking_fail"})
_GAME = frozenset({"gaming", "game_win"})
_TRAVEL = frozenset({"trip", "scenery", "photo_share", "trip_plan"})
_SAME = {  # this situation, the reader's situations that match it, the bank section
    "overtime": (frozenset({"overtime"}), "personal_overtime"),
    "tired": (frozenset({"overtime"}), "personal_overtime"),
    "sick_minor": (frozenset({"sick_minor"}), "personal_sick"),
    "insomnia": (frozenset({"insomnia"}), "personal_insomnia"),
    "homesick": (frozenset({"homesick"}), "personal_homesick"),
}


@dataclass(frozen=True, slots=True)
class HistoryPost:
    """One of the reader's posts; `shareable` is False when the commented post's audience may not see it."""

    text: str
    shareable: bool = True


@dataclass(frozen=True, slots=True)
class HistoryReading:
    """A reader's post as read for matching: its text, situation and sure slots."""

    text: str
    situation: Situation
    slots: dict[str, str]


@dataclass(frozen=True, slots=True)
class Connection:
    """A reader's post that is in the same situation as the post being answered."""

    kind: str  # the bank section of its lines (personal_exam_down, personal_place_visited …)
    value: str  # the shared thing, as the post names it ("" for a shared situation such as overtime)
    history: str  # the reader's post it comes from
    quote: str  # a short stretch of that post, for the LLM prompt only (never shown in a line)
    zh: str  # the shared situation in plain Chinese, for `why`


Reader = Callable[[str], HistoryReading | None]


def _same(a: dict[str, str], b: dict[str, str], key: str) -> str | None:
    mine, theirs = a.get(key), b.get(key)
    return mine if mine and theirs and (mine in theirs or theirs in mine) else None


def _exam(post: Situation, slots: dict[str, str], h: HistoryReading) -> tuple[str, str] | None:
    exam = _same(slots, h.slots, "exam")
    if exam is None:
        return None
    theirs = h.situation.name
    if post.name in _EXAM_DOWN and theirs in _EXAM_DOWN:  # never the reader's pass under a fail
        return ("personal_exam_down" if theirs == "exam_fail" else "personal_exam_prep_down"), exam
    if post.name == "exam_pass" and theirs in (*_EXAM_DOWN, "exam_pass"):
        kinds = {"exam_fail": "personal_exam_fail_then_up", "exam_pass": "personal_exam_both_up"}
        return kinds.get(theirs, "personal_exam_struggle"), exam
    return None


def _place(post: Situation, slots: dict[str, str], h: HistoryReading) -> tuple[str, str] | None:
    place = _same(slots, h.slots, "place")
    if place is None or post.name not in _TRAVEL or h.situation.polarity == "neg" or h.situation.sensitive:
        return None
    if re.search(_VISITED + r".{0,2}" + re.escape(place), h.text):
        return "personal_place_visited", place
    return ("personal_place_wish", place) if re.search(_WISH + r".{0,2}" + re.escape(place), h.text) else None


def _thing(post: Situation, slots: dict[str, str], h: HistoryReading) -> tuple[str, str] | None:
    theirs = h.situation.name
    pet = _same(slots, h.slots, "pet")
    if pet and _OWNER.search(h.text):
        if post.name in _PET_UP and theirs in _PET_UP:
            return "personal_pet_owner", pet
        if post.name == "pet_sick" and theirs == "pet_sick":
            return "personal_pet_sick", pet
    food = _same(slots, h.slots, "food")
    if food and post.name in _FOOD and theirs in ("cooking", "eating_out"):
        return ("personal_cooked" if _COOKED.search(h.text) else "personal_food"), food
    game = _same(slots, h.slots, "game")
    if game and post.name in _GAME and theirs in _GAME:
        return "personal_game", game
    if game and post.name == "game_lose" and theirs == "game_lose":
        return "personal_game_down", game
    return None


def _match(post: Situation, slots: dict[str, str], h: HistoryReading) -> tuple[str, str] | None:
    if h.situation.sensitive:
        return None  # a reader's own crisis is never drawn on
    found = _exam(post, slots, h) or _place(post, slots, h) or _thing(post, slots, h)
    if found is None and post.name in _SAME and h.situation.name in _SAME[post.name][0]:
        found = (_SAME[post.name][1], "")
    return found


def _texts(history: Sequence[str | HistoryPost]) -> list[str]:
    out = []
    for item in history[:MAX_HISTORY]:
        if isinstance(item, HistoryPost):
            if item.shareable:
                out.append(item.text)
        else:
            out.append(item)
    return out


def find_connection(
    post: Situation, slots: dict[str, str], history: Sequence[str | HistoryPost], read: Reader
) -> Connection | None:
    """The newest of the reader's shareable posts that is in this post's situation with the right
    polarity; None under a sensitive post (no personal lines there) or when none matches."""
    if post.sensitive:
        return None
    needles = [v for v in slots.values() if v]
    for text in _texts(history):
        if post.name not in _SAME and not any(v in text for v in needles):
            continue  # it cannot name the same exam, place, pet, dish or game: not worth reading
        h = read(text)
        found = _match(post, slots, h) if h is not None else None
        if found:
            kind, value = found
            return Connection(kind, value, text, text.strip()[:_QUOTE_CHARS], h.situation.zh if h else "")
    return None
