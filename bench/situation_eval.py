"""Measure how the engine reads a post's situation against an independent labeller's labels.

    .venv/bin/python bench/situation_eval.py [--split dev|test] [--show 40] [--arm cues|model|both] [--labeller 1|2|3]

Labels: bench/data/situations_v1 (real SMP2020-EWECT training posts, first person, 8-200 chars; texts read
from ../shared/data by reference, each sha1 checked). The split is fixed by the reference hash: tune on `dev`;
`test` is run once, at the end, for the figures in docs/benchmarks.md.

The engine's reading is the product's (`pipeline._situation`: crisis first, then the cue table, then the
model where it is used); `--arm cues` switches the model off. A crisis reading counts as the labelled
crisis kind. Printed: accuracy over all posts (a situation name or `none`), precision of the situations
read (exact and by group), coverage (labelled-situation posts read with the right situation / any
situation), `none` posts given a situation, per-situation counts, the crisis detector against the labels,
and with --show the dev errors.
"""

from __future__ import annotations

import argparse
import importlib.util
import os
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

from nook.engine.suggest._situation_table import ROWS
from nook.engine.suggest.facts import read_post
from nook.engine.suggest.pipeline import _situation
from nook.engine.text import normalize

ROOT = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("situations_v1", ROOT / "bench/data/situations_v1/verify.py")
assert _spec is not None and _spec.loader is not None
labels_v1 = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(labels_v1)

GROUP = {row[0]: row[1] for row in ROWS}
NONE = "none"


@dataclass(frozen=True)
class Case:
    text: str
    gold: str  # a situation name, "crisis:<kind>" or "none"
    sure: bool
    affected: str
    labeller: int = 1  # 1: labels.jsonl; 2: second_labeller.jsonl; 3: third_labeller.jsonl


def gold_of(labels: dict[str, object]) -> str:
    crisis = labels.get("crisis")
    if crisis and crisis not in ("none", "null"):
        return f"crisis:{crisis}"
    name = str(labels.get("situation") or NONE)
    return NONE if name in ("general", "") else name


def load(split: str, *, second: bool = False, third: bool = False, first: bool = True) -> list[Case]:
    """The first labeller's posts of `split` (unless `first` is False); with `second` / `third`, those
    labellers' rows as well."""
    return [
        Case(text, gold_of(lab), bool(lab.get("sure", True)), str(lab.get("affected") or ""), int(lab["labeller"]))
        for text, lab in labels_v1.iter_labelled(split, second=second, third=third, first=first)
    ]


def engine_reads(text: str, *, use_model: bool) -> str:
    norm = normalize(text)
    sit = _situation(read_post(norm), norm.emoticons, use_model=use_model)
    if sit.crisis is not None or sit.group == "crisis":
        kind = sit.name.removeprefix("crisis_")
        return f"crisis:{'bereavement' if kind == 'pet_death' else kind}"
    return NONE if sit.name == "general" else sit.name


def group(name: str) -> str:
    return "crisis" if name.startswith("crisis:") else GROUP.get(name, name)


def scores(cases: list[Case], reads: list[str]) -> dict[str, float]:
    pairs = list(zip(cases, reads, strict=True))
    read = [(c, r) for c, r in pairs if r != NONE]
    labelled = [(c, r) for c, r in pairs if c.gold != NONE]
    nones = [(c, r) for c, r in pairs if c.gold == NONE]
    return {
        "n": len(pairs),
        "accuracy": sum(c.gold == r for c, r in pairs) / max(1, len(pairs)),
        "read": len(read),
        "precision": sum(c.gold == r for c, r in read) / max(1, len(read)),
        "group_precision": sum(group(c.gold) == group(r) for c, r in read) / max(1, len(read)),
        "coverage": sum(c.gold == r for c, r in labelled) / max(1, len(labelled)),
        "coverage_any": sum(r != NONE for _, r in labelled) / max(1, len(labelled)),
        "none_given_situation": sum(r != NONE for _, r in nones) / max(1, len(nones)),
        "labelled_situation": len(labelled),
        "labelled_none": len(nones),
    }


def report(title: str, cases: list[Case], reads: list[str]) -> None:
    s = scores(cases, reads)
    print(
        f"{title}: n {s['n']}  accuracy {s['accuracy']:.1%}  read {s['read']}  precision {s['precision']:.1%} "
        f"(group {s['group_precision']:.1%})  coverage {s['coverage']:.1%} (any {s['coverage_any']:.1%} of "
        f"{s['labelled_situation']})  none given a situation {s['none_given_situation']:.1%} of {s['labelled_none']}"
    )
    sure = [i for i, c in enumerate(cases) if c.sure]
    if len(sure) < len(cases):
        t = scores([cases[i] for i in sure], [reads[i] for i in sure])
        print(f"  labeller sure only: n {t['n']}  precision {t['precision']:.1%}  coverage {t['coverage']:.1%}")


def per_situation(cases: list[Case], reads: list[str]) -> None:
    pred, gold, hit = Counter(reads), Counter(c.gold for c in cases), Counter()
    for c, r in zip(cases, reads, strict=True):
        if c.gold == r:
            hit[r] += 1
    print(f"  {'situation':26} {'read':>5} {'right':>5} {'labelled':>8}")
    for name in sorted(set(pred) | set(gold), key=lambda k: -(pred[k] + gold[k])):
        if name != NONE:
            print(f"  {name:26} {pred[name]:5} {hit[name]:5} {gold[name]:8}")


def crisis_table(cases: list[Case], reads: list[str]) -> None:
    gold = [c.gold.startswith("crisis:") for c in cases]
    flag = [r.startswith("crisis:") for r in reads]
    both = sum(g and f for g, f in zip(gold, flag, strict=True))
    same = sum(c.gold == r and g for c, r, g in zip(cases, reads, gold, strict=True))
    print(
        f"  crisis: labelled {sum(gold)}, flagged {sum(flag)}, both {both} (same kind {same}); "
        f"precision {both / max(1, sum(flag)):.0%}, recall {both / max(1, sum(gold)):.0%}"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--split", choices=("dev", "test"), default="dev")
    parser.add_argument("--arm", choices=("cues", "model", "both"), default="both")
    parser.add_argument("--show", type=int, default=0, help="print this many errors (dev only)")
    parser.add_argument("--table", action="store_true", help="per-situation counts")
    parser.add_argument(
        "--labeller", choices=("1", "2", "3"), default="1", help="whose labels: 1 labels.jsonl, 2 second, 3 third"
    )
    args = parser.parse_args()
    who = args.labeller
    cases = load(args.split, first=who == "1", second=who == "2", third=who == "3")
    arms = {"cues": [False], "model": [True], "both": [False, True]}[args.arm]
    for use_model in arms:
        reads = [engine_reads(c.text, use_model=use_model) for c in cases]
        report(f"[{args.split}] {'cues + model' if use_model else 'cues alone'}", cases, reads)
        crisis_table(cases, reads)
        if args.table:
            per_situation(cases, reads)
        if args.show and args.split == "dev":
            wrong = [(c, r) for c, r in zip(cases, reads, strict=True) if c.gold != r]
            for c, r in wrong[: args.show]:
                print(f"    gold {c.gold:22} read {r:22} {c.text[:90]!r}")


if __name__ == "__main__":
    main()
