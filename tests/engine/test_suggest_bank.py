"""The line bank: every line well formed, tagged with a known situation, intent and moods, and written by
the rules (no slot without a slot-free sibling, no invented past, no brush-offs)."""

from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

from nook.engine.suggest.lines import INTENT_CODES, MOODS, SLOTS, BankError, bank, load_bank
from nook.engine.suggest.safety import clashes
from nook.engine.suggest.situations import GENERAL, SITUATIONS

_CRISIS = {f"crisis_{k}" for k in ("suicide", "self_harm", "depression", "bereavement", "pet_death",
                                   "serious_illness", "abuse", "breakup", "general")}  # fmt: skip
_NEVER_ANYWHERE = re.compile(r"多喝热水|怎么回事|评评理|「|」|http|@")
_INVENTED = re.compile(r"我(?:之前|以前|当年|上次|上周|去年)|我也(?:经历过|有过|去过|养过|考过|遇到过)")


def test_every_line_has_known_fields() -> None:
    lines = load_bank()
    assert len(lines) >= 600
    known = set(SITUATIONS) | _CRISIS | {GENERAL}
    for line in lines:
        assert line.intent in INTENT_CODES.values(), line
        assert line.never <= MOODS, line
        assert set(line.slots) <= SLOTS, line
        assert line.situation in known or line.situation.startswith("personal_"), line
        assert 4 <= len(line.text) <= 45, line
        assert not _NEVER_ANYWHERE.search(line.text), line


def test_every_situation_has_lines_for_three_intents() -> None:
    by_situation = bank()
    for name in (*SITUATIONS, *_CRISIS):
        intents = Counter(line.intent for line in by_situation[name])
        assert len(intents) >= 3, (name, intents)


def test_every_slot_line_has_slot_free_siblings_for_its_intent() -> None:
    for name, lines in bank().items():
        if name.startswith("personal_"):
            continue
        for line in lines:
            if line.slots:
                free = [x for x in lines if x.intent == line.intent and not x.slots and x.variant == line.variant]
                assert free, (name, line.text)


def test_only_personal_lines_speak_of_the_readers_past() -> None:
    for name, lines in bank().items():
        if not name.startswith("personal_"):
            assert not [x.text for x in lines if _INVENTED.search(x.text)], name


def test_sad_sections_are_never_shown_under_good_news_and_back() -> None:
    for lines in bank().values():
        for line in lines:
            if line.sensitive:
                assert {"happy", "proud", "everyday"} <= line.never, line
            if line.variant == "low":
                assert {"happy", "proud"} <= line.never, line


def test_general_lines_exist_for_every_non_grief_mood_and_for_minor_gripes() -> None:
    variants = {line.variant for line in bank()[GENERAL]}
    assert variants == (MOODS - {"grief"}) | {"light"}


def test_no_line_is_written_twice() -> None:
    texts = [line.text for line in load_bank()]
    assert len(texts) == len(set(texts))


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("e| 没有 section\n", "before any"),
        ("== x | never=sad\ne| 好\n", "unknown mood"),
        ("== x | never=\nz| 好\n", "neither"),
        ("== x | never=\ne| {city}好美\n", "unknown slot"),
    ],
)
def test_a_malformed_bank_is_refused(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "bank.txt"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(BankError, match=message):
        load_bank(path)


def test_no_line_trips_the_clash_check_for_a_mood_it_may_be_shown_under() -> None:
    up, down = {"proud", "happy", "everyday"}, {"grief", "low", "angry"}
    for line in load_bank():
        if line.situation == GENERAL:
            moods = {"low", "angry"} if line.variant == "light" else {line.variant}
        else:
            moods = {"low": down, "up": up}.get(line.variant, MOODS) - line.never
        assert [m for m in moods if clashes(line.text, None, m)] == [], line
