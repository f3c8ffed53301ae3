"""Load and verify the train_v6 hook labels (Weibo posts, most with a question mark): texts stay in ../shared/data.

Same row format and checks as train_v5 (its module, imported, which imports train_v1's loader). On top of train_v1's
checks (every sha1, disjoint from blind_v2), train_v6 must not touch blind_v3 or reuse a source item or text of
train_v1–v5 (by reference or sha1), must not repeat an item, must stay in the training files of SMP2020-EWECT and
NLPCC 2013, and `hook` must agree with `hook_kind`.

    python bench/data/train_v6/verify.py          # exits 1 on any mismatch or overlap
"""

from __future__ import annotations

import importlib.util
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
_spec = importlib.util.spec_from_file_location("train_v5_verify", HERE.parent / "train_v5" / "verify.py")
assert _spec is not None and _spec.loader is not None
v5 = importlib.util.module_from_spec(_spec)
sys.modules[_spec.name] = v5  # its dataclass looks its module up there
_spec.loader.exec_module(v5)

POOL = {
    ("smp2020_ewect", "usual_train_reconstructed.json"),
    ("smp2020_ewect", "virus_train.json"),
    ("nlpcc_weibo_emotion", "Nlpcc2013Train.csv"),
}


def _outside(ref: dict[str, Any]) -> str | None:
    inside = (ref["dataset"], ref["file"]) in POOL
    return None if inside else "outside the training files of SMP2020-EWECT and NLPCC 2013"


TRAIN_V6 = v5.HookSet(HERE, (*v5.OTHERS, "train_v5"), _outside, ("random", "question_mark"))


def iter_labelled(root: Path = v5.v1.blind.DEFAULT_ROOT) -> Iterator[tuple[str, dict[str, Any]]]:
    """Yield (text, labels) for the hook rows, each text re-read and its sha1 checked."""
    yield from v5.iter_labelled(root, HERE)


if __name__ == "__main__":
    raise SystemExit(v5.main(TRAIN_V6))
