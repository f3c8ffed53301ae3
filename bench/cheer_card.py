"""How long drawing one 应援卡 takes (the preview and the share both draw it), and its size.

.venv/bin/python bench/cheer_card.py [--n 50]
"""

from __future__ import annotations

import argparse
import time
from datetime import date
from types import SimpleNamespace
from typing import Any

from nook.social.themes import cheer_cards


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--n", type=int, default=50)
    args = parser.parse_args()
    ns: Any = SimpleNamespace
    card = cheer_cards.Offer(
        comment=ns(id=1),
        post=ns(id=1),
        circle=ns(name="许栀言后援会·栀子花开"),
        profile=ns(name="许栀言"),
        color="#3eb489",
        facts=["距离 许栀言 生日还有 3 天", "《雾中来信》发行一周年"],
        message="栀子花开，一直都在。副歌那句真的绝了，循环了一整天！",
    )
    cheer_cards.render(card, "小栀子", date(2026, 5, 14))  # font loading, once per process
    times = []
    for _ in range(args.n):
        start = time.perf_counter()
        png = cheer_cards.render(card, "小栀子", date(2026, 5, 14))
        times.append(time.perf_counter() - start)
    times.sort()
    print(f"font: {cheer_cards.find_font()}")
    median, p95 = times[len(times) // 2] * 1000, times[int(len(times) * 0.95)] * 1000
    print(f"{args.n} cards: median {median:.0f} ms, p95 {p95:.0f} ms")
    print(f"PNG {len(png) / 1024:.0f} KiB, {cheer_cards.SIDE}x{cheer_cards.SIDE}")


if __name__ == "__main__":
    main()
