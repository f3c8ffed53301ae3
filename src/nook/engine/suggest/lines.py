"""The line bank (data/lines-v1.txt): whole reviewed lines per situation and intent, loaded once.

Each `BankLine` carries its situation, the section's variant (``exam_fail``, ``rain@low``), its intent,
the moods it must never be shown under and the slots it names. `load_bank` checks every field and
raises `BankError` on a malformed file, so a bad edit fails the tests rather than a reader's page.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

__all__ = [
    "BANK_PATH",
    "INTENT_CODES",
    "MOODS",
    "SLOTS",
    "BankError",
    "BankLine",
    "bank",
    "load_bank",
    "sensitive_texts",
]

BANK_PATH = Path(__file__).parent / "data" / "lines-v1.txt"
MOODS = frozenset({"grief", "low", "proud", "happy", "angry", "everyday"})
INTENT_CODES = {"e": "empathy", "c": "celebrate", "q": "question", "s": "shared_experience"}
SLOTS = frozenset({"exam", "pet", "food", "place", "game", "kin", "ail", "sight"})
_HEADER = re.compile(r"^== ([a-z_]+)(?:@([a-z]+))? \| never=([a-z ]*)$")
_LINE = re.compile(r"^([ecqs])\| (\S.*)$")
_SLOT = re.compile(r"\{([a-z]+)\}")
_MAX_CHARS = 40


class BankError(ValueError):
    """The bank file breaks its format (the message names the line)."""


@dataclass(frozen=True, slots=True)
class BankLine:
    text: str
    situation: str  # exam_fail, crisis_breakup, general, …
    variant: str  # "" or the tone after @ (low, up, angry …)
    intent: str  # empathy | celebrate | question | shared_experience
    never: frozenset[str]  # post moods this line must never be shown under
    slots: tuple[str, ...]  # slot names it needs filled, e.g. ("exam",)

    @property
    def sensitive(self) -> bool:
        return self.situation.startswith("crisis_")


def _header(number: int, match: re.Match[str]) -> tuple[str, str, frozenset[str]]:
    never = frozenset(match.group(3).split())
    if not never <= MOODS:
        raise BankError(f"line {number}: unknown mood in never= {sorted(never - MOODS)}")
    return match.group(1), match.group(2) or "", never


def _line(number: int, match: re.Match[str], section: tuple[str, str, frozenset[str]] | None) -> BankLine:
    if section is None:
        raise BankError(f"line {number}: a line before any == section")
    text = match.group(2).strip()
    slots = tuple(_SLOT.findall(text))
    if not set(slots) <= SLOTS:
        raise BankError(f"line {number}: unknown slot {slots}")
    if len(_SLOT.sub("", text)) > _MAX_CHARS:
        raise BankError(f"line {number}: over {_MAX_CHARS} characters")
    situation, variant, never = section
    return BankLine(text, situation, variant, INTENT_CODES[match.group(1)], never, slots)


def load_bank(path: Path = BANK_PATH) -> tuple[BankLine, ...]:
    """Every line of the bank file, in file order; raises BankError on any malformed line."""
    out: list[BankLine] = []
    section: tuple[str, str, frozenset[str]] | None = None
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.rstrip()
        if not line or line.startswith("#"):
            continue
        if header := _HEADER.match(line):
            section = _header(number, header)
        elif item := _LINE.match(line):
            out.append(_line(number, item, section))
        else:
            raise BankError(f"line {number}: neither a section header nor an 'x| text' line: {line[:30]}")
    return tuple(out)


@lru_cache(maxsize=1)
def bank() -> dict[str, tuple[BankLine, ...]]:
    """situation -> its lines (all variants), loaded once per process."""
    grouped: dict[str, list[BankLine]] = defaultdict(list)
    for line in load_bank():
        grouped[line.situation].append(line)
    return {k: tuple(v) for k, v in grouped.items()}


@lru_cache(maxsize=1)
def sensitive_texts() -> frozenset[str]:
    """The reviewed supportive set: the only lines ever shown under a post that signals a crisis."""
    return frozenset(line.text for lines in bank().values() for line in lines if line.sensitive)
