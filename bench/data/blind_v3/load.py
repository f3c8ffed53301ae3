"""Loader and checker for blind_v3: same-context ordering pairs from Weibo repost groups (test only).

    python bench/data/blind_v3/load.py      # verifies every reference, prints the counts

Rows use blind_v2's reference format, so blind_v2's resolver reads them; no text is stored here.
"""

from __future__ import annotations

import importlib.util
import json
from collections import Counter
from collections.abc import Iterator
from pathlib import Path
from types import ModuleType
from typing import Any

HERE = Path(__file__).resolve().parent


def _blind_v2() -> ModuleType:
    spec = importlib.util.spec_from_file_location("blind_v2_load", HERE.parent / "blind_v2" / "load.py")
    if spec is None or spec.loader is None:
        raise SystemExit("blind_v2/load.py is missing")
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


_V2 = _blind_v2()


def _rows(name: str) -> Iterator[dict[str, Any]]:
    with (HERE / f"{name}.jsonl").open(encoding="utf-8") as fh:
        yield from (json.loads(line) for line in fh if line.strip())


def iter_comments() -> Iterator[tuple[str, str, dict[str, Any]]]:
    """Yield (comment, context, labels) for every labelled comment."""
    for row in _rows("comments"):
        text = _V2._checked(row["ref"], row["sha1"], _V2.DEFAULT_ROOT)
        context = _V2._checked(row["context_ref"], row["context_sha1"], _V2.DEFAULT_ROOT)
        yield text, context, row


def iter_pairs() -> Iterator[tuple[str, str, str, dict[str, Any]]]:
    """Yield (better, worse, context, row) for each pair; `row["group"]` names the shared context."""
    root = _V2.DEFAULT_ROOT
    for row in _rows("ordering_pairs"):
        better = _V2._checked(row["better_ref"], row["better_sha1"], root)
        worse = _V2._checked(row["worse_ref"], row["worse_sha1"], root)
        yield better, worse, _V2._checked(row["context_ref"], row["context_sha1"], root), row


def main() -> int:
    kinds = Counter(row["lowvalue_kind"] for _, _, row in iter_comments())
    pairs = Counter(f"{row['better_quality']}>{row['worse_quality']}" for *_, row in iter_pairs())
    print(f"comments {sum(kinds.values())}: {dict(kinds)}")
    print(f"pairs {sum(pairs.values())}: {dict(pairs)}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
