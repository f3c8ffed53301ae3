"""Would a trained model catch more low-value comments than the rules? A probe, not a shipped model.

    uv run python bench/lowvalue_probe.py --train-v1 PATH/comments.jsonl

Rows: blind_v2 `dev` comments (the rules were tuned on them) and the independent train_v1 comments (the rules
never saw them); the blind_v2 `test` split is never read, and a train_v1 row whose reference is in blind_v2 is
dropped. Model: the hook model's recipe (bench/hooks_train.py: sublinear tf-idf, balanced linear SVM) over char
1-3-grams of the comment plus the rules' own verdict as a feature, scored out-of-fold (5 folds, seed 19).
Printed per C and threshold: precision, recall, F1 of the rules, the model, and model-or-rules, on each source.
"""

from __future__ import annotations

import argparse
import json
import os
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

from hooks_train import BLIND, blind_loader, out_of_fold, prf
from nook.engine._features import _char_ngram_hashes, feature_hashes
from nook.engine.comments import assess_comment, read_parent
from nook.engine.text import normalize

Row = tuple[str, str, bool, bool]  # comment, post answered, low-value, from blind_v2 dev


def rows(train_v1: Path) -> list[Row]:
    load = blind_loader()
    dev = load.iter_labelled("comments", "dev")
    out = [(t, lab.get("context", ""), lab["lowvalue_kind"] != "none", True) for t, lab in dev]
    blind_refs = {json.dumps(json.loads(line)["ref"], sort_keys=True) for line in (BLIND / "comments.jsonl").open()}
    for line in train_v1.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        if json.dumps(row["ref"], sort_keys=True) in blind_refs:
            continue
        text = load.resolve(row["ref"])
        if load.sha1(text) != row["sha1"]:
            raise load.ReferenceMismatch(f"sha1 differs for {row['ref']}")
        context = load.resolve(row["context_ref"]) if "context_ref" in row else ""
        out.append((text, context, row["lowvalue_kind"] != "none", False))
    return out


def _show(name: str, pred: np.ndarray, gold: np.ndarray, blind: np.ndarray) -> str:
    parts = [f"{src} P {p:.3f} R {r:.3f} F1 {f:.3f}" for src, m in (("blind dev", blind), ("train_v1", ~blind))
             for p, r, f in [prf(pred[m], gold[m])]]  # fmt: skip
    return f"{name:>14}: " + " | ".join(parts)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--train-v1", type=Path, required=True)
    args = ap.parse_args()
    data = rows(args.train_v1)
    gold, blind = np.array([r[2] for r in data]), np.array([r[3] for r in data])
    verdicts = [assess_comment(t, read_parent(c), use_encoder=False).low_value for t, c, _, _ in data]
    rules = np.array([v.flag for v in verdicts])
    print(f"rows {len(data)} (blind dev {blind.sum()}), low-value {gold.sum()}")
    print(_show("rules", rules, gold, blind))
    verdict_hashes = feature_hashes([f"LV:{v.code if v.flag else 'none'}" for v in verdicts])
    hashes = [
        np.concatenate([_char_ngram_hashes(normalize(t).text.casefold()), verdict_hashes[i : i + 1]])
        for i, (t, _, _, _) in enumerate(data)
    ]
    for c in (0.1, 0.3, 1.0):
        scores = out_of_fold(hashes, gold, c, 5)
        for thr in (0.0, 0.1):
            print(f"C={c} threshold={thr}")
            print(_show("model", scores > thr, gold, blind))
            print(_show("model or rules", (scores > thr) | rules, gold, blind))


if __name__ == "__main__":
    main()
