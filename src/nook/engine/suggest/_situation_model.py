"""The trained situation reader: what a post is about, judged from its words, its meaning and the cues.

One linear layer over char 1-3-grams of the post (the shared hashing), what the cue table read (its
situation and group as feature strings: the model learns when a cue is trusted) and the post's sentence
embedding (the encoder retrieval uses), trained on real posts an independent labeller read
(bench/situation_train.py, docs/model-cards/situations.md). Labels are situations with enough examples,
`g:<group>` for the rest of a group, `crisis` and `none`. Used by `situations.read_situation` to veto a
cue the model confidently contradicts and to read a situation the cues miss when the model is sure.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

import numpy as np
import numpy.typing as npt

from nook.engine._features import _char_ngram_hashes, feature_hashes
from nook.engine._linear import LinearModel

__all__ = ["MODEL_PATH", "SituationModel", "cue_features", "model"]

MODEL_PATH = Path(__file__).parent / "data" / "situations-v1.npz"
ENCODED_CHARS = 200  # the labelled posts are at most 200 characters

FloatArray = npt.NDArray[np.float32]


def cue_features(text: str, cue: str, group: str) -> npt.NDArray[np.uint32]:
    """The n-gram part's input: char 1-3-grams of the (normalised) post plus the cue table's reading."""
    return np.concatenate([_char_ngram_hashes(text.casefold()), feature_hashes([f"cue:{cue}", f"cueg:{group}"])])


@dataclass(frozen=True)
class SituationModel:
    linear: LinearModel
    embedding: FloatArray  # (encoder dimensions, labels): the embedding part of the same linear layer
    veto: float  # a cue of a `known` group is dropped when the model gives `none` at least this (0: never)
    read: float  # P(situation) at or above which a situation the cues missed is read
    known: frozenset[str] = frozenset()  # the groups whose cues the model may drop (topic groups)

    @classmethod
    def load(cls, path: Path) -> SituationModel:
        with np.load(path, allow_pickle=False) as z:
            known = frozenset(str(g) for g in z["known"])
            extra = (z["embedding"].astype(np.float32), float(z["veto"]), float(z["read"]), known)
        return cls(LinearModel.load(path), *extra)

    def save(self, path: Path) -> None:
        self.linear.save(path)
        with np.load(path, allow_pickle=False) as z:
            arrays = {k: z[k] for k in z.files}
        arrays.update(
            embedding=self.embedding.astype(np.float16), veto=np.float32(self.veto), read=np.float32(self.read),
            known=np.array(sorted(self.known)),
        )  # fmt: skip
        np.savez_compressed(path, **arrays)

    @property
    def labels(self) -> tuple[str, ...]:
        return self.linear.labels

    def probabilities(self, hashes: list[npt.NDArray[np.uint32]], vectors: FloatArray) -> FloatArray:
        """One row of label probabilities per post (its `cue_features` and its L2-normalised embedding)."""
        logits = (self.linear.logits(hashes) + vectors @ self.embedding) / self.linear.temperature
        logits -= logits.max(axis=1, keepdims=True)
        exp = np.exp(logits)
        probs: FloatArray = exp / exp.sum(axis=1, keepdims=True)
        return probs


@lru_cache(maxsize=1)
def model() -> SituationModel | None:
    """The shipped model, or None when it is not there (the cue table then reads alone)."""
    return SituationModel.load(MODEL_PATH) if MODEL_PATH.exists() else None


def label_group(label: str, groups: dict[str, str]) -> str:
    """The group a model label belongs to: a situation's group, `g:<group>`'s group, `none` or `crisis`."""
    return label[2:] if label.startswith("g:") else groups.get(label, label)


def decide(
    probs: dict[str, float],
    cue: str,
    cue_group: str,
    groups: dict[str, str],
    veto: float,
    read: float,
    known: frozenset[str] | None = None,
) -> tuple[str, float]:
    """What the reader should do with the cue table's reading (`cue` = "general" when none matched):
    ("keep", 0) keeps it; ("veto", p) drops it because the model reads the post as about nothing the table
    names (`none`, with p >= `veto` > 0, more likely than the cue's whole group): the post only mentions the
    topic (火锅 in a post about emptiness); (name, p) reads a situation the cues missed because the model gives
    it p >= `read`. A cue of a group outside `known` (the groups the model may contradict) is kept."""
    if cue != "general":
        if veto <= 0 or (known is not None and cue_group not in known):
            return "keep", 0.0
        in_group = sum(p for label, p in probs.items() if label_group(label, groups) == cue_group)
        mention = probs.get("none", 0.0)
        return ("veto", mention) if mention >= veto and mention > in_group else ("keep", 0.0)
    label, p = max(probs.items(), key=lambda kv: kv[1])
    if p >= read and label in groups:  # a named situation, not `none`, `crisis` or a group's remainder
        return label, p
    return "keep", 0.0
