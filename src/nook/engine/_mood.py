"""The mood of the text a comment answers: what kind of reply fits (comfort, celebration, calm).

The emotion label alone misreads plain good or bad news ("终于拿到录取通知书了" reads neutral), so
a few news cues decide first.
"""

from __future__ import annotations

import re

__all__ = ["mood"]

_BAD_NEWS = re.compile(r"走了|去世|离开了我|分手|失业|被裁|丢了工作|生病|住院|确诊|难过|想哭|哭了|失眠|好累|撑不住")
_GOOD_NEWS = re.compile(r"终于|拿到|考上|录取|通过了|升职|加薪|结婚|求婚|订婚|出生|中奖|上岸|offer|毕业了|成功了")


def mood(label: str, text: str) -> str:
    """ "sad" (comfort fits), "good" (celebration fits), "angry" (soothing fits) or "neutral", from the
    text's emotion label and its news cues."""
    if _BAD_NEWS.search(text) or label in ("sad", "fear"):
        return "sad"
    if _GOOD_NEWS.search(text) or label == "happy":
        return "good"
    return "angry" if label == "angry" else "neutral"
