"""`nook engine analyze | train emotion | eval emotion`: analyze end to end in a subprocess as an
operator runs it; train/eval in-process through Typer's runner (same code path, faster)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from typer.testing import CliRunner

from nook.cli.main import app
from nook.engine import emotion

NOOK = [sys.executable, "-m", "nook.cli.main", "engine"]


def _run(args: list[str], stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run([*NOOK, *args], input=stdin, capture_output=True, text=True, timeout=120, check=False)


def _invoke(args: list[str], stdin: str = "") -> tuple[int, str]:
    result = CliRunner().invoke(app, ["engine", *args], input=stdin)
    return result.exit_code, result.output


def test_analyze_streams_one_line_per_record_in_order_with_errors_inline() -> None:
    records = [
        {"id": "a", "text": "考研终于上岸了！！太开心了[哈哈]", "kind": "post"},
        "this line is not JSON",
        {"id": "c", "text": "同意，我也这么觉得", "kind": "comment", "post": "周末去爬山还是去看展？"},
        {"id": "d", "kind": "post"},
    ]
    stdin = "\n".join(r if isinstance(r, str) else json.dumps(r, ensure_ascii=False) for r in records) + "\n"
    proc = _run(["analyze"], stdin)
    assert proc.returncode == 0, proc.stderr
    out = [json.loads(line) for line in proc.stdout.splitlines()]
    assert len(out) == 4
    assert out[0]["id"] == "a" and out[0]["emotion"]["label"] == "happy"
    assert out[0]["emotion"]["state"] == "proud"
    assert "study" in [s["name"] for s in out[0]["scenes"]]
    assert out[0]["hook"]["present"] is False and len(out[0]["hook"]["suggestions"]) >= 2
    assert out[1] == {"line": 2, "error": out[1]["error"]} and "JSON" in out[1]["error"]
    assert out[2]["id"] == "c"
    assert out[3]["line"] == 4 and "text" in out[3]["error"]
    assert proc.stderr == ""  # no progress bar when stderr is not a terminal


def test_analyze_without_the_encoder_still_scores_comments_by_shared_words() -> None:
    # a back-fill operator trades the sentence encoder for speed: every field is still there, and a
    # comment that shares no word with its post loses the topic credit only the encoder could give it
    post = "周末去海边拍的晚霞，颜色太梦幻了"
    records = [
        {"id": "words", "text": "晚霞颜色真的好梦幻", "kind": "comment", "post": post},
        {"id": "meaning", "text": "落日的天空粉粉紫紫的，好想去看看", "kind": "comment", "post": post},
    ]
    stdin = "".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records)
    runs = {}
    for args in (["analyze"], ["analyze", "--no-encoder"]):
        proc = _run(args, stdin)
        assert proc.returncode == 0, proc.stderr
        runs[len(args)] = [json.loads(line) for line in proc.stdout.splitlines()]
    with_encoder, words_only = runs[1], runs[2]
    assert [set(r) for r in words_only] == [set(r) for r in with_encoder]
    continuity = [[r["quality"]["components"]["topic_continuity"] for r in run] for run in (with_encoder, words_only)]
    assert continuity[1][0] > 0.5  # shared words still count
    assert continuity[1][1] < continuity[0][1]


def _tiny_dataset(path: Path) -> None:
    happy = ["今天好开心", "太棒了，好幸福", "收到礼物好开心", "好开心呀哈哈", "真幸福啊", "开心到飞起"]
    angry = ["气死我了", "太过分了，气死", "真让人生气", "烦死了，气人", "气得不行", "简直气炸了"]
    rows = [{"text": f"{t}{i}", "label": "happy"} for i in range(5) for t in happy]
    rows += [{"text": f"{t}{i}", "label": "angry"} for i in range(5) for t in angry]
    path.write_text("\n".join(json.dumps(r, ensure_ascii=False) for r in rows), encoding="utf-8")


def test_train_then_eval_then_analyze_with_the_operators_model(tmp_path: Path) -> None:
    data, model = tmp_path / "rows.jsonl", tmp_path / "mine.npz"
    _tiny_dataset(data)
    code, output = _invoke(["train", "emotion", "--data", str(data), "--out", str(model)])
    assert code == 0, output
    assert model.exists()

    code, output = _invoke(["eval", "emotion", "--data", str(data), "--model", str(model), "--json"])
    assert code == 0, output
    report = json.loads(output)
    assert report["n"] == 60 and report["accuracy"] >= 0.9
    assert set(report["per_class"]) == {"happy", "angry"}
    assert set(report["per_class"]["happy"]) == {"precision", "recall", "f1", "support"}

    code, output = _invoke(["eval", "emotion", "--data", str(data), "--model", str(model)])
    assert "macro-F1" in output and "angry" in output

    analyzed = _run(["analyze", "--emotion-model", str(model)], json.dumps({"id": 1, "text": "气死我了"}))
    result = json.loads(analyzed.stdout)["emotion"]
    assert result["label"] == "angry" and set(result["scores"]) == {"happy", "angry"}


def test_train_refuses_single_label_data(tmp_path: Path) -> None:
    data = tmp_path / "one.csv"
    data.write_text("text,label\n好开心,happy\n真幸福,happy\n", encoding="utf-8")
    code, _ = _invoke(["train", "emotion", "--data", str(data), "--out", str(tmp_path / "m.npz")])
    assert code != 0
    assert not (tmp_path / "m.npz").exists()
    assert emotion.load_model().version == "emotion-v2"  # the shipped model is untouched
