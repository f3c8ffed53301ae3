"""Load and verify the situations_v1 labels: texts stay in ../shared/data (their licences).

Each row names a real SMP2020-EWECT *training* post by reference (dataset folder, file, id) with the sha1 of
its text, and the labeller's reading: `situation` (a name of the engine's situation table, or `none`),
`crisis` (a crisis kind or null), `affected` (who the event is about), `sure` (bool) and `order`.
The split was fixed before any error was read, by the text's sha1 alone: a quarter (sha1 mod 4 == 0) is the
held-out `test` part, reported once; the rest is `dev` (tuning, training). The text's hash rather than the
reference's, because the source repeats some texts under other ids: those stay on one side.

`second_labeller.jsonl` holds a second, independent labeller's rows (SMP2020, LCCC and NLPCC posts) by the
same rule: a post whose text sha1 is 0 mod 4 is `test` (so a text equal to a test text is `test` too, and
the 150 `agree` posts, which are texts of `labels.jsonl`, fall where the first file puts them).
`iter_labelled(split, second=True)` adds them; `agreement()` compares the two labellers on the shared posts.
`third_labeller.jsonl` (README_third.md) holds a third labeller's 1,484 dev-side rows, enriched for posts that
*mention* a topic (food, travel, festival, pets, games, idols, weather, health, TV) so a model can learn mention
from event; `iter_labelled(split, third=True)` adds them.

    python bench/data/situations_v1/verify.py          # checks every sha1, prints counts and agreement
"""

from __future__ import annotations

import importlib.util
import json
import sys
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("blind_v2_load", HERE.parent / "blind_v2" / "load.py")
assert _spec is not None and _spec.loader is not None
blind = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(blind)

Labels = dict[str, Any]
LABELS = HERE / "labels.jsonl"
SECOND = HERE / "second_labeller.jsonl"
THIRD = HERE / "third_labeller.jsonl"


def split_of(text_sha1: str) -> str:
    """`test` for a fixed quarter of posts, by the hash of the text (not by anything a label or an error
    says): a text the source repeats under another id falls on the same side, so no test text is trained on."""
    return "test" if int(text_sha1, 16) % 4 == 0 else "dev"


def rows(path: Path = LABELS) -> Iterator[dict[str, Any]]:
    if not path.exists():
        return
    with path.open(encoding="utf-8") as fh:
        for line in fh:
            if line.strip():
                yield json.loads(line)


def iter_labelled(
    split: str | None = None,
    root: Path = blind.DEFAULT_ROOT,
    *,
    second: bool = False,
    third: bool = False,
    first: bool = True,
) -> Iterator[tuple[str, Labels]]:
    """Yield (text, labels) for `split` ("dev", "test" or None for both); each text's sha1 is checked.
    The first labeller's rows (unless `first` is False), then with `second` the second labeller's and with
    `third` the third's (`labeller` says whose: 1, 2 or 3)."""
    files = ((1, LABELS, first), (2, SECOND, second), (3, THIRD, third))
    for labeller, path in ((who, path) for who, path, wanted in files if wanted):
        for row in rows(path):
            part = split_of(row["sha1"])
            if split is not None and part != split:
                continue
            text = blind._checked(row["ref"], row["sha1"], root)
            labels = {k: v for k, v in row.items() if k != "sha1"}
            labels["split"] = part
            labels["labeller"] = labeller
            yield text, labels


def _key(row: dict[str, Any]) -> str:
    return json.dumps(row["ref"], sort_keys=True)


def _crisis(row: dict[str, Any]) -> str:
    return str(row.get("crisis") or "none")


def agreement() -> dict[str, tuple[int, int]]:
    """(agreed, compared) between the two labellers on the posts both labelled (the `agree` sample)."""
    first = {_key(r): r for r in rows(LABELS)}
    pairs = [(first[_key(r)], r) for r in rows(SECOND) if r.get("sample") == "agree"]
    assert all(a["sha1"] == b["sha1"] for a, b in pairs), "a shared reference with another text"
    sure = [(a, b) for a, b in pairs if a["sure"] and b["sure"]]

    def count(which: list[tuple[dict[str, Any], dict[str, Any]]], same: Any) -> tuple[int, int]:
        return sum(1 for a, b in which if same(a, b)), len(which)

    return {
        "exact situation": count(pairs, lambda a, b: a["situation"] == b["situation"]),
        "exact situation, both sure": count(sure, lambda a, b: a["situation"] == b["situation"]),
        "situation vs none": count(pairs, lambda a, b: (a["situation"] == "none") == (b["situation"] == "none")),
        "crisis kind": count(pairs, lambda a, b: _crisis(a) == _crisis(b)),
    }


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else blind.DEFAULT_ROOT
    counts: Counter[tuple[str, str]] = Counter()
    crisis: Counter[tuple[str, str]] = Counter()
    refs: Counter[str] = Counter()
    by_labeller: Counter[tuple[int, str]] = Counter()
    for _, labels in iter_labelled(root=root, second=True, third=True):
        counts[(labels["situation"], labels["split"])] += 1
        crisis[(str(labels.get("crisis")), labels["split"])] += 1
        refs[f"{labels['labeller']} {json.dumps(labels['ref'], sort_keys=True)}"] += 1
        by_labeller[(labels["labeller"], labels["split"])] += 1
    total = Counter(split for _, split in counts.elements())
    print(f"labelled rows: {sum(total.values())} (dev {total['dev']}, test {total['test']})")
    for who in (1, 2, 3):
        print(f"  labeller {who}: dev {by_labeller[(who, 'dev')]}, test {by_labeller[(who, 'test')]}")
    print("agreement of the two labellers on their shared posts:")
    for what, (same, n) in agreement().items():
        print(f"  {what:28} {same}/{n} = {same / n:.0%}")
    for name in sorted({k for k, _ in counts}, key=lambda k: -(counts[(k, "dev")] + counts[(k, "test")])):
        print(f"  {name:24} dev {counts[(name, 'dev')]:4}  test {counts[(name, 'test')]:4}")
    print("crisis:")
    for name in sorted({k for k, _ in crisis}):
        print(f"  {name:24} dev {crisis[(name, 'dev')]:4}  test {crisis[(name, 'test')]:4}")
    twice = [r for r, n in refs.items() if n > 1]
    for ref in twice:
        print("DUPLICATE", ref)
    return 1 if twice else 0


if __name__ == "__main__":
    raise SystemExit(main())
