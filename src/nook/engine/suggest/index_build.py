"""Build the retrieval index of real reply patterns from LCCC Weibo post -> reply pairs (MIT).

    uv run python -m nook.engine.suggest.index_build [--lccc PATH] [--out PATH] [--max N] [--lines N]

Reads only the first `--lines` lines of the LCCC file (default and ceiling DEV_LINES = 8,000: lines
8,000 and later are held out for blind evaluation and are never read). Keeps first-turn pairs whose
reply invites a reply (a question), is not low-value or offensive and names no one; stores both sides'
embeddings as int8. See docs/model-cards/suggest-replies.md for the attribution and figures.
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

__all__ = ["DEV_LINES", "build", "load_pairs"]

DEV_LINES = 8000  # LCCC toy_train lines 0-7999 only: the rest is a held-out blind set, never read

DEFAULT_LCCC = Path(__file__).resolve().parents[4] / ".." / "shared" / "data" / "lccc_cdial_toy" / "toy_train.txt"
_HOOK = re.compile(r"[?？]|吗|呢|要不要|有没有|怎么样")
_CLAIMS = re.compile(r"我也|我之前|我以前|我上次|我当时|我们|我家|我去|我在|我刚")  # the reader's past: never theirs
_UNSAFE = re.compile(r"@|http|www|转发|微博|楼主|[a-zA-Z]{4,}|哈哈哈|傻|滚|死|妈的|靠|日你|屌|草")


def _keep(post: str, reply: str) -> bool:
    if not (6 <= len(post) <= 80 and 8 <= len(reply) <= 36) or _UNSAFE.search(post + reply):
        return False
    if not _HOOK.search(reply) or _CLAIMS.search(reply):
        return False
    return not detect_low_value(reply, normalize(reply), post).flag


def _first_lines(path: Path, n: int) -> list[str]:
    """The first `n` lines of `path`, read line by line so nothing past them is ever read."""
    out: list[str] = []
    with path.open(encoding="utf-8") as f:
        for line in f:
            if len(out) >= n:
                break
            out.append(line.rstrip("\n"))
    return out


def load_pairs(path: Path, lines: int = DEV_LINES) -> list[tuple[str, str]]:
    """First-turn (post, reply) pairs from the first `lines` lines (at most DEV_LINES) that pass the
    filters, spaces between characters removed."""
    pairs: dict[str, tuple[str, str]] = {}
    for line in _first_lines(path, min(lines, DEV_LINES)):
        turns = [t.replace(" ", "") for t in line.split("\t")]
        if len(turns) >= 2 and _keep(turns[0], turns[1]):
            pairs.setdefault(turns[1], (turns[0], turns[1]))  # one copy of each reply
    return [p for p in pairs.values() if not offensive_score(p[0] + p[1]).flag]


def _quantise(vecs: npt.NDArray[np.float32]) -> tuple[npt.NDArray[np.int8], npt.NDArray[np.float32]]:
    """int8 rows with a per-row scale: a quarter of the float32 size, cosine error well under 0.01."""
    scale = np.abs(vecs).max(axis=1, keepdims=True) / 127.0
    return np.round(vecs / scale).astype(np.int8), scale.astype(np.float32).ravel()


def build(lccc: Path, out: Path, max_pairs: int, lines: int = DEV_LINES) -> int:
    pairs = load_pairs(lccc, lines)[:max_pairs]
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
    parser.add_argument("--lines", type=int, default=DEV_LINES, help=f"LCCC lines read (at most {DEV_LINES})")
    args = parser.parse_args()
    print(f"kept {build(args.lccc, args.out, args.max, args.lines)} pairs -> {args.out}")


if __name__ == "__main__":
    main()
