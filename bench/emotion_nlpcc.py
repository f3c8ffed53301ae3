"""Emotion macro-F1 on NLPCC 2013 Weibo sentences, labelled by others and never trained or tuned on.

Issue 19's independent row ("NLPCC (mapped)"): the NLPCC label set is mapped onto the engine's six
moods (none → neutral, happiness/like → happy, anger/disgust → angry, sadness → sad, fear, surprise).
The shared-task data carry no open licence, so they are read from ../shared/data, never copied.

    uv run python bench/emotion_nlpcc.py [--data ../shared/data] [--json]
"""

from __future__ import annotations

import argparse
import csv
import json
from pathlib import Path

from nook.engine.emotion import load_model
from nook.engine.emotion_training import Row, evaluate

DEFAULT_DATA = Path(__file__).resolve().parents[1] / ".." / "shared" / "data"
TO_MOOD = {
    "none": "neutral",
    "happiness": "happy",
    "like": "happy",
    "anger": "angry",
    "disgust": "angry",
    "sadness": "sad",
    "fear": "fear",
    "surprise": "surprise",
}


def load(data_dir: Path) -> list[Row]:
    """Mapped (text, mood) rows; a sentence seen twice counts once, with its first label."""
    path = data_dir / "nlpcc_weibo_emotion" / "Nlpcc2013Train.csv"
    with path.open(encoding="utf-8") as f:
        rows = [(r["文本"].strip(), TO_MOOD[r["标签"].strip()]) for r in csv.DictReader(f) if r.get("文本")]
    first: dict[str, str] = {}
    for text, mood in rows:
        if text:
            first.setdefault(text, mood)
    return list(first.items())


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DEFAULT_DATA)
    parser.add_argument("--json", action="store_true", help="print the whole report as JSON")
    args = parser.parse_args()
    rows = load(args.data)
    model = load_model(None)
    reports = {
        "all": evaluate(model, rows),
        "with an emotion (none left out)": evaluate(model, [r for r in rows if r[1] != "neutral"]),
    }
    if args.json:
        print(json.dumps(reports, ensure_ascii=False, indent=1))
        return
    for name, report in reports.items():
        print(f"{name}: n={report['n']} accuracy={report['accuracy']:.3f} macro-F1={report['macro_f1']:.3f}")
        for label, m in report["per_class"].items():
            print(f"  {label:<9} P {m['precision']:.3f}  R {m['recall']:.3f}  F1 {m['f1']:.3f}  n {m['support']}")


if __name__ == "__main__":
    main()
