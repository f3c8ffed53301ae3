"""A hashed-feature linear text classifier stored as one compressed .npz (numpy-only inference).

Arrays: `hashes` (sorted uint32 feature hashes), `idf` (float32), `weights` (float16, one column per
label), `bias` (float32), `labels` (str), `temperature` (float, softmax calibration), `version`.
Scoring reproduces sklearn's TfidfTransformer(sublinear_tf=True, norm="l2") followed by a linear layer.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from nook.engine._features import feature_hashes

__all__ = ["LinearModel"]

FloatArray = npt.NDArray[np.float32]
# A post's features: hashes from `hashed_features`, or v1 strings from `features` (hashed here).
Features = npt.NDArray[np.uint32] | list[str]


@dataclass(frozen=True)
class LinearModel:
    hashes: npt.NDArray[np.uint32]
    idf: FloatArray
    weights: FloatArray
    bias: FloatArray
    labels: tuple[str, ...]
    temperature: float
    version: str

    @classmethod
    def load(cls, path: Path) -> LinearModel:
        with np.load(path, allow_pickle=False) as z:
            return cls(
                hashes=z["hashes"],
                idf=z["idf"].astype(np.float32),
                weights=z["weights"].astype(np.float32),
                bias=z["bias"].astype(np.float32),
                labels=tuple(str(x) for x in z["labels"]),
                temperature=float(z["temperature"]),
                version=str(z["version"]),
            )

    def save(self, path: Path) -> None:
        np.savez_compressed(
            path,
            hashes=self.hashes,
            idf=self.idf.astype(np.float16),
            weights=self.weights.astype(np.float16),
            bias=self.bias,
            labels=np.array(self.labels),
            temperature=np.float32(self.temperature),
            version=np.array(self.version),
        )

    def logits(self, batch: Sequence[Features]) -> FloatArray:
        """Raw scores, one row per post: tf-idf rows of the whole batch are built in one pass."""
        hashes = [f if isinstance(f, np.ndarray) else feature_hashes(f) for f in batch]
        post = np.repeat(np.arange(len(hashes), dtype=np.uint64), [len(h) for h in hashes])
        flat = np.concatenate(hashes).astype(np.uint64) if hashes else np.zeros(0, np.uint64)
        keys, tf = np.unique((post << np.uint64(32)) | flat, return_counts=True)  # sorted by post
        post_of, uniq = (keys >> np.uint64(32)).astype(np.intp), (keys & np.uint64(0xFFFFFFFF)).astype(np.uint32)
        pos = np.minimum(np.searchsorted(self.hashes, uniq), len(self.hashes) - 1)
        known = self.hashes[pos] == uniq
        post_of, rows = post_of[known], pos[known]
        values = (1.0 + np.log(tf[known].astype(np.float32))) * self.idf[rows]
        norms = np.sqrt(np.bincount(post_of, values * values, minlength=len(hashes)))
        values /= np.where(norms > 0, norms, 1.0)[post_of]
        # Per-post sums of values * weights: contiguous groups, so differences of a cumulative sum.
        contrib = np.vstack([np.zeros((1, self.weights.shape[1]), np.float32), values[:, None] * self.weights[rows]])
        cumulative = np.cumsum(contrib, axis=0, dtype=np.float64)
        bounds = np.searchsorted(post_of, np.arange(len(hashes) + 1))
        out: FloatArray = (cumulative[bounds[1:]] - cumulative[bounds[:-1]]).astype(np.float32) + self.bias
        return out

    def row_logits(self, hashes: npt.NDArray[np.uint32]) -> FloatArray:
        """One post's raw scores, as `logits` computes them, without the batch bookkeeping (the hot path of a
        model asked about one text at a time)."""
        uniq, tf = np.unique(hashes, return_counts=True)
        pos = np.minimum(np.searchsorted(self.hashes, uniq), len(self.hashes) - 1)
        known = self.hashes[pos] == uniq
        rows = pos[known]
        values = (1.0 + np.log(tf[known].astype(np.float32))) * self.idf[rows]
        norm = float(np.sqrt(values @ values)) or 1.0
        out: FloatArray = (values @ self.weights[rows]) / norm + self.bias
        return out

    def probabilities(self, batch: Sequence[Features]) -> FloatArray:
        """One row of label probabilities per post (its feature hashes, or v1 feature strings)."""
        logits = self.logits(batch) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probs: FloatArray = exp / exp.sum(axis=1, keepdims=True)
        return probs
