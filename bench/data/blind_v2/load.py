"""Load the blind_v2 evaluation sets: labels live here, texts stay in ../shared/data (their licences).

Each row names its text by reference (dataset folder, file, line/row/id, optional part) and carries the
sha1 of the text; the loader reads the text from the shared data folder and refuses a text whose sha1
differs, so a changed or shifted source file fails loudly instead of scoring the wrong text.

    python bench/data/blind_v2/load.py            # verify every reference, print counts per label/split
"""

from __future__ import annotations

import csv
import hashlib
import json
import sys
from collections import Counter
from collections.abc import Iterator
from functools import lru_cache
from pathlib import Path
from typing import Any, Literal

HERE = Path(__file__).resolve().parent
# The repository root is three folders up; the shared data sit beside it (../shared/data).
DEFAULT_ROOT = HERE.parents[2].parent / "shared" / "data"

SetName = Literal["comments", "hooks"]
Labels = dict[str, Any]


class ReferenceMismatch(ValueError):
    """A referenced text is missing or differs from the one that was labelled."""


def sha1(text: str) -> str:
    return hashlib.sha1(text.encode("utf-8")).hexdigest()


@lru_cache(maxsize=8)
def _lccc_lines(path: Path) -> list[str]:
    return path.read_text(encoding="utf-8").split("\n")


@lru_cache(maxsize=8)
def _smp_posts(path: Path) -> dict[int, str]:
    rows = json.loads(path.read_text(encoding="utf-8"))
    return {int(r["id"]): r["content"] for r in rows if isinstance(r.get("content"), str)}


@lru_cache(maxsize=8)
def _csv_column(path: Path, column: str, encoding: str) -> list[str]:
    with path.open(encoding=encoding, newline="") as fh:
        return [row[column] for row in csv.DictReader(fh)]


def _raw_text(ref: dict[str, Any], root: Path) -> str:
    dataset, name = ref["dataset"], ref["file"]
    path = root / dataset / name
    if dataset == "lccc_cdial_toy":
        # 1-based line; turns are tab-separated and the toy files space out every character.
        turns = _lccc_lines(path)[int(ref["line"]) - 1].split("\t")
        return turns[int(ref["turn"])].replace(" ", "")
    if dataset == "smp2020_ewect":
        return _smp_posts(path)[int(ref["id"])]
    if dataset == "cold_offensive":
        return _csv_column(path, "TEXT", "utf-8-sig")[int(ref["row"])]
    if dataset == "nlpcc_weibo_emotion":
        return _csv_column(path, "文本", "utf-8")[int(ref["row"])]
    raise ReferenceMismatch(f"unknown dataset {dataset!r}")


def resolve(ref: dict[str, Any], root: Path = DEFAULT_ROOT) -> str:
    """The text a reference names; `part` splits a Weibo repost into the new comment and the chain it quotes."""
    try:
        text = _raw_text(ref, root)
    except (OSError, IndexError, KeyError) as exc:
        raise ReferenceMismatch(f"cannot read {ref}: {exc}") from exc
    part = ref.get("part")
    if part == "before_repost":
        return text.split("//@", 1)[0].strip()
    if part == "repost_chain":
        return text.split("//@", 1)[1].strip()
    return text


def _checked(ref: dict[str, Any], digest: str, root: Path) -> str:
    text = resolve(ref, root)
    if sha1(text) != digest:
        raise ReferenceMismatch(f"sha1 differs for {ref}: the source file is not the one that was labelled")
    return text


def _rows(name: str) -> Iterator[dict[str, Any]]:
    with (HERE / f"{name}.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def iter_labelled(name: SetName, split: str | None = None, root: Path = DEFAULT_ROOT) -> Iterator[tuple[str, Labels]]:
    """Yield (text, labels) for one set; labels carry `context` (the post answered) where the source has one."""
    for row in _rows(name):
        if split is not None and row["split"] != split:
            continue
        text = _checked(row["ref"], row["sha1"], root)
        labels = {k: v for k, v in row.items() if k not in {"ref", "sha1", "context_ref", "context_sha1"}}
        labels["ref"] = row["ref"]
        if "context_ref" in row:
            labels["context"] = _checked(row["context_ref"], row["context_sha1"], root)
        yield text, labels


def iter_pairs(split: str | None = None, root: Path = DEFAULT_ROOT) -> Iterator[tuple[tuple[str, str], Labels]]:
    """Yield ((better, worse), labels) for comments under the same post whose lengths are within ±30%."""
    for row in _rows("ordering_pairs"):
        if split is not None and row["split"] != split:
            continue
        better = _checked(row["better_ref"], row["better_sha1"], root)
        worse = _checked(row["worse_ref"], row["worse_sha1"], root)
        labels: Labels = {
            "better_quality": row["better_quality"],
            "worse_quality": row["worse_quality"],
            "split": row["split"],
            "context": _checked(row["context_ref"], row["context_sha1"], root),
        }
        yield (better, worse), labels


def summary(root: Path = DEFAULT_ROOT) -> dict[str, Counter[tuple[str, str]]]:
    """Counts per label and split, reading (and so verifying) every referenced text."""
    counts: dict[str, Counter[tuple[str, str]]] = {
        "comments.lowvalue_kind": Counter(),
        "comments.quality": Counter(),
        "hooks.hook_kind": Counter(),
        "ordering_pairs": Counter(),
    }
    for _, labels in iter_labelled("comments", root=root):
        counts["comments.lowvalue_kind"][(labels["lowvalue_kind"], labels["split"])] += 1
        counts["comments.quality"][(labels["quality"], labels["split"])] += 1
    for _, labels in iter_labelled("hooks", root=root):
        counts["hooks.hook_kind"][(labels["hook_kind"], labels["split"])] += 1
    for _, labels in iter_pairs(root=root):
        key = f"{labels['better_quality']}>{labels['worse_quality']}"
        counts["ordering_pairs"][(key, labels["split"])] += 1
    return counts


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else DEFAULT_ROOT
    for title, counter in summary(root).items():
        print(f"{title}: {sum(counter.values())}")
        for label in sorted({k for k, _ in counter}):
            print(f"  {label:22} dev {counter[(label, 'dev')]:4}  test {counter[(label, 'test')]:4}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
