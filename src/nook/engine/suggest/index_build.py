"""Build the retrieval index of real reply patterns from LCCC Weibo post -> reply pairs (MIT).

    uv run python -m nook.engine.suggest.index_build [--lccc PATH] [--out PATH] [--max N]

Keeps first-turn pairs whose reply invites a reply (a question or a shared experience), is not
low-value or offensive and names no one; stores both sides' embeddings as int8. See
docs/model-cards/suggest-replies.md for the attribution and figures.
"""

from __future__ import annotations

import argparse
import re
from pathlib import Path

import numpy as np
import numpy.typing as npt

from nook.engine.comments import detect_low_value, offensive_score
from nook.engine.suggest._encode import embed
from nook.engine.suggest.retrieval import INDEX_PATH, VERSION
from nook.engine.text import normalize

__all__ = ["build", "load_pairs"]

DEFAULT_LCCC = Path(__file__).resolve().parents[4] / ".." / "shared" / "data" / "lccc_cdial_toy" / "toy_train.txt"
_HOOK = re.compile(r"[?？]|吗|呢|我也|我之前|我以前|我上次|我当时|要不要|有没有|怎么样")
_UNSAFE = re.compile(r"@|http|www|转发|微博|楼主|[a-zA-Z]{4,}|哈哈哈|傻|滚|死|妈的|靠|日你|屌|草")


def _keep(post: str, reply: str) -> bool:
    if not (6 <= len(post) <= 80 and 8 <= len(reply) <= 36) or _UNSAFE.search(post + reply):
        return False
    if not _HOOK.search(reply):
        return False
    return not detect_low_value(reply, normalize(reply), post).flag


def load_pairs(path: Path) -> list[tuple[str, str]]:
    """First-turn (post, reply) pairs that pass the filters, spaces between characters removed."""
    pairs: dict[str, tuple[str, str]] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        turns = [t.replace(" ", "") for t in line.split("\t")]
        if len(turns) >= 2 and _keep(turns[0], turns[1]):
            pairs.setdefault(turns[1], (turns[0], turns[1]))  # one copy of each reply
    return [p for p in pairs.values() if not offensive_score(p[0] + p[1]).flag]


def _quantise(vecs: npt.NDArray[np.float32]) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float32]]:
    """int8 rows with a per-row scale: a quarter of the float32 size, cosine error well under 0.01."""
    scale = np.abs(vecs).max(axis=1, keepdims=True) / 127.0
    return np.round(vecs / scale).astype(np.int8), scale.astype(np.float32).ravel()


def build(lccc: Path, out: Path, max_pairs: int) -> int:
    pairs = load_pairs(lccc)[:max_pairs]
    posts, replies = [p for p, _ in pairs], [r for _, r in pairs]
    post_q, post_scale = _quantise(np.vstack([embed(posts[i : i + 64]) for i in range(0, len(posts), 64)]))
    reply_q, reply_scale = _quantise(np.vstack([embed(replies[i : i + 64]) for i in range(0, len(replies), 64)]))
    np.savez_compressed(
        out, version=np.array(VERSION), posts=np.array(posts), replies=np.array(replies),
        post_q=post_q, post_scale=post_scale, reply_q=reply_q, reply_scale=reply_scale,
    )  # fmt: skip
    return len(pairs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--lccc", type=Path, default=DEFAULT_LCCC)
    parser.add_argument("--out", type=Path, default=INDEX_PATH)
    parser.add_argument("--max", type=int, default=2000)
    args = parser.parse_args()
    print(f"kept {build(args.lccc, args.out, args.max)} pairs -> {args.out}")


if __name__ == "__main__":
    main()
