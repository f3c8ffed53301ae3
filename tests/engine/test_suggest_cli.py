"""`nook engine suggest` and `nook engine chips`, run as an operator would (a subprocess)."""

from __future__ import annotations

import json
import subprocess
import sys

NOOK = [sys.executable, "-m", "nook.cli.main", "engine"]
SOURCES = {"personal", "scene", "mood", "plain", "retrieved", "fallback"}  # offline: no "llm" here


def _run(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NOOK, *args], input=stdin, capture_output=True, text=True, timeout=120, check=False)


def test_suggest_answers_each_line_in_order_with_errors_inline() -> None:
    first = {"id": "a", "post": "考研终于上岸了！", "viewer_history": ["去年考研天天泡图书馆"]}
    lines = [
        json.dumps(first, ensure_ascii=False),
        "this line is not JSON",
        json.dumps({"id": "c"}),
        "",
        json.dumps({"id": "e", "post": "今天拍的晚霞", "viewer_history": "not a list"}, ensure_ascii=False),
        json.dumps({"id": "f", "post": "今天拍的晚霞", "circle": "摄影"}, ensure_ascii=False),
    ]
    proc = _run(["suggest"], "\n".join(lines) + "\n")
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == 5
    assert out[0]["id"] == "a" and len(out[0]["suggestions"]) == 3
    assert set(out[0]["suggestions"][0]) == {"text", "intent", "why", "source"}
    assert {s["source"] for s in out[0]["suggestions"]} <= SOURCES
    assert any("考研" in s["text"] for s in out[0]["suggestions"])
    assert out[1]["line"] == 2 and "JSON" in out[1]["error"]
    assert out[2]["line"] == 3 and "post" in out[2]["error"]
    assert out[3]["line"] == 5 and "viewer_history" in out[3]["error"]
    assert out[4]["id"] == "f" and len({s["intent"] for s in out[4]["suggestions"]}) == 3


def test_chips_prints_the_circle_pack_prompts() -> None:
    proc = _run(["chips", "摄影", "--k", "2"])
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout) == ["用三个词形容你最喜欢的镜头", "晒一张你最满意的废片，说说它的故事"]
