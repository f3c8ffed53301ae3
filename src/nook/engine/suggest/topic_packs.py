"""Topic packs (话题包): prompt chips per circle kind, shown in a circle's composer and comment boxes.

The defaults ship as data/topic-packs-v1.json; a pack round-trips through `to_json`/`from_json`,
so the product can store a circle owner's edited pack as one JSON value and pass it back here.
"""

from __future__ import annotations

import json
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

from nook.engine.scenes import detect_scenes

__all__ = ["PACKS_PATH", "TopicPack", "circle_scene", "default_packs", "find_pack", "topic_chips"]

PACKS_PATH = Path(__file__).parent / "data" / "topic-packs-v1.json"


@dataclass(frozen=True, slots=True)
class TopicPack:
    key: str  # stable id, e.g. "photography"
    name: str  # shown to people, e.g. "摄影"
    scene: str  # the engine scene it belongs to (nook.engine.scenes.SCENES)
    prompts: tuple[str, ...]
    aliases: tuple[str, ...] = ()

    def to_json(self) -> dict[str, Any]:
        return {"key": self.key, "name": self.name, "scene": self.scene, "aliases": list(self.aliases),
                "prompts": list(self.prompts)}  # fmt: skip

    @classmethod
    def from_json(cls, data: Mapping[str, Any]) -> TopicPack:
        prompts = tuple(str(p).strip() for p in data["prompts"] if str(p).strip())
        if not prompts:
            raise ValueError(f"topic pack {data.get('key')!r} has no prompts")
        return cls(str(data["key"]), str(data["name"]), str(data["scene"]), prompts,
                   tuple(str(a) for a in data.get("aliases", ())))  # fmt: skip


@lru_cache(maxsize=1)
def default_packs() -> tuple[TopicPack, ...]:
    """The packs Nook ships, read once."""
    data = json.loads(PACKS_PATH.read_text(encoding="utf-8"))
    return tuple(TopicPack.from_json(p) for p in data["packs"])


def find_pack(circle: str, packs: Sequence[TopicPack] | None = None) -> TopicPack | None:
    """The pack for a circle named or described by `circle`: by key, name or alias, else by its scene."""
    packs = default_packs() if packs is None else packs
    topic = circle.strip().casefold()
    if not topic:
        return None
    for pack in packs:
        names = (pack.key, pack.name, *pack.aliases)
        if any(n.casefold() == topic or (len(n) >= 2 and n.casefold() in topic) for n in names):
            return pack
    scene = next((s.name for s in detect_scenes(circle)), None)
    return next((p for p in packs if p.scene == scene), None)


def circle_scene(circle: str | None) -> str | None:
    """The engine scene of a circle topic (e.g. "摄影圈" -> photography), or None."""
    pack = find_pack(circle) if circle else None
    return pack.scene if pack else None


def topic_chips(circle: str, packs: Sequence[TopicPack] | None = None, k: int = 3, offset: int = 0) -> list[str]:
    """`k` prompt chips for the circle, rotated by `offset` (e.g. the day number) so they change."""
    pack = find_pack(circle, packs)
    if pack is None:
        return []
    n = len(pack.prompts)
    return [pack.prompts[(offset + i) % n] for i in range(min(k, n))]
