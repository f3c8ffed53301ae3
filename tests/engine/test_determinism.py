"""The engine answers the same way in every process: a reader who reloads sees the same suggestions,
and a moderator re-running an analysis gets the same scenes (no dependence on the string-hash seed)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

POSTS = [
    "期末考试终于考完了，数学感觉要挂，回家路上买了杯奶茶安慰自己",
    "今天带猫去打疫苗，它在医院叫了一路，回家就躲床底下不出来了",
    "周末去爬山看日出，凌晨四点出发，山顶风好大但是值了！",
    "加班到十点，地铁上看到有人在哭，突然也有点想家",
    "#毕业季# 宿舍收拾空了，四年就装进这几个箱子里",
    "新买的相机到了，第一次拍星空，构图还不太会，大家有推荐的教程吗？",
]

SCRIPT = """
import json, sys
from nook.engine.scenes import detect_scenes
from nook.engine.suggest.pipeline import suggest
posts = json.loads(sys.argv[1])
print(json.dumps([[[s.name, s.score] for s in detect_scenes(p)] + [s.text for s in suggest(p)] for p in posts],
                 ensure_ascii=False))
"""


def _answers(hash_seed: str) -> list[list[object]]:
    env = {**os.environ, "PYTHONHASHSEED": hash_seed}
    out = subprocess.run(
        [sys.executable, "-c", SCRIPT, json.dumps(POSTS)], env=env, capture_output=True, text=True, check=True
    )
    answers: list[list[object]] = json.loads(out.stdout)
    return answers


@pytest.mark.slow
def test_scenes_and_suggestions_do_not_depend_on_the_hash_seed() -> None:
    first = _answers("1")
    assert all(len(a) >= 3 for a in first)  # every post got its scenes and three suggestions
    assert _answers("2") == first
    assert _answers("3") == first
