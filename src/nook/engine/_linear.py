"""A hashed-feature linear text classifier stored as one compressed .npz (numpy-only inference).

Arrays: `hashes` (sorted uint32 feature hashes), `idf` (float32), `weights` (float16, one column per
label), `bias` (float32), `labels` (str), `temperature` (float, softmax calibration), `version`.
Scoring reproduces sklearn's TfidfTransformer(sublinear_tf=True, norm="l2") followed by a linear layer.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

import numpy as np
import numpy.typing as npt

from nook.engine._features import feature_hashes

__all__ = ["LinearModel"]

FloatArray = npt.NDArray[np.float32]


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

    def _tfidf(self, feats: list[str]) -> tuple[npt.NDArray[np.intp], FloatArray]:
        """Row indices of known features and their l2-normalised sublinear tf-idf values."""
        uniq, counts = np.unique(feature_hashes(feats), return_counts=True)
        pos = np.searchsorted(self.hashes, uniq)
        pos = np.minimum(pos, len(self.hashes) - 1)
        known = self.hashes[pos] == uniq
        rows, tf = pos[known], counts[known].astype(np.float32)
        values = (1.0 + np.log(tf)) * self.idf[rows]
        norm = float(np.linalg.norm(values))
        return rows, values / norm if norm > 0 else values

    def logits(self, feats: list[str]) -> FloatArray:
        rows, values = self._tfidf(feats)
        out: FloatArray = values @ self.weights[rows] + self.bias
        return out

    def probabilities(self, batch: list[list[str]]) -> FloatArray:
        """One row of label probabilities per feature list."""
        logits = np.stack([self.logits(f) for f in batch]) / self.temperature
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probs: FloatArray = exp / exp.sum(axis=1, keepdims=True)
        return probs
