"""Load and verify the situations_v1 labels: texts stay in ../shared/data (their licences).

Each row names a real SMP2020-EWECT *training* post by reference (dataset folder, file, id) with the sha1 of
its text, and the labeller's reading: `situation` (a name of the engine's situation table, or `none`),
`crisis` (a crisis kind or null), `affected` (who the event is about), `sure` (bool) and `order`.
The split was fixed before any error was read, by the text's sha1 alone: a quarter (sha1 mod 4 == 0) is the
held-out `test` part, reported once; the rest is `dev` (tuning, training). The text's hash rather than the
reference's, because the source repeats some texts under other ids: those stay on one side.

    python bench/data/situations_v1/verify.py          # checks every sha1, prints counts per split
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


def iter_labelled(split: str | None = None, root: Path = blind.DEFAULT_ROOT) -> Iterator[tuple[str, Labels]]:
    """Yield (text, labels) for `split` ("dev", "test" or None for both); each text's sha1 is checked."""
    for row in rows():
        part = split_of(row["sha1"])
        if split is not None and part != split:
            continue
        text = blind._checked(row["ref"], row["sha1"], root)
        labels = {k: v for k, v in row.items() if k != "sha1"}
        labels["split"] = part
        yield text, labels


def main() -> int:
    root = Path(sys.argv[1]) if len(sys.argv) > 1 else blind.DEFAULT_ROOT
    counts: Counter[tuple[str, str]] = Counter()
    crisis: Counter[tuple[str, str]] = Counter()
    refs: Counter[str] = Counter()
    for _, labels in iter_labelled(root=root):
        counts[(labels["situation"], labels["split"])] += 1
        crisis[(str(labels.get("crisis")), labels["split"])] += 1
        refs[json.dumps(labels["ref"], sort_keys=True)] += 1
    total = Counter(split for _, split in counts.elements())
    print(f"labelled posts: {sum(total.values())} (dev {total['dev']}, test {total['test']})")
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
