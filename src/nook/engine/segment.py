"""Fast word segmentation (rjieba, a Rust port of jieba) for features and keywords."""

from __future__ import annotations

import rjieba

__all__ = ["segment"]


def segment(text: str) -> list[str]:
    """Words of `text` in order, whitespace dropped."""
    return [w for w in rjieba.cut(text) if not w.isspace()]
