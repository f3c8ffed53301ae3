"""Vectorised MinHash over character bigrams, for copy-paste detection on short Chinese comments.

All comments of a batch are laid end to end as one array of code points, so bigram hashing and the
per-comment minimum over every permutation are numpy operations, not Python loops.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import numpy.typing as npt

U32 = npt.NDArray[np.uint32]
U64 = npt.NDArray[np.uint64]

_SEED = 20240527
# Bigrams per hashing or minimum block: keeps the (bigrams x permutations) scratch near 3 MB.
_CHUNK_BIGRAMS = 10_000
_EMPTY = np.uint32(0xFFFFFFFF)
_CODE_BITS = 42  # a bigram's code: two 21-bit code points


def permutations(n_perm: int, seed: int = _SEED) -> tuple[U64, U64]:
    """Odd multipliers and offsets of the multiply-shift hash family, fixed by the seed."""
    rng = np.random.default_rng(seed)
    mult = rng.integers(1, 2**63, size=n_perm, dtype=np.uint64) * np.uint64(2) + np.uint64(1)
    add = rng.integers(0, 2**63, size=n_perm, dtype=np.uint64)
    return mult, add


def _code_points(texts: Sequence[str]) -> tuple[U32, npt.NDArray[np.int64]]:
    joined = "".join(texts)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter(map(len, texts), dtype=np.int64, count=len(texts))
    return codes, lengths


def _bigram_codes(codes: U32, lengths: npt.NDArray[np.int64]) -> tuple[U64, npt.NDArray[np.int64]]:
    """64-bit code of every bigram that lies inside one text, and the bigram count per text."""
    if codes.size < 2:
        return np.zeros(0, dtype=np.uint64), np.maximum(lengths - 1, 0)
    ends = np.cumsum(lengths)
    inside = np.ones(codes.size - 1, dtype=bool)
    boundary = ends[(ends > 0) & (ends < codes.size)] - 1
    inside[boundary] = False  # a pair that straddles two texts is not a bigram
    pair = (codes[:-1].astype(np.uint64) << np.uint64(21)) | codes[1:].astype(np.uint64)
    return pair[inside], np.maximum(lengths - 1, 0)


def signatures(texts: Sequence[str], mult: U64, add: U64) -> U32:
    """(len(texts), n_perm) MinHash signatures; a text with no bigram gets an all-ones row."""
    codes, lengths = _code_points(texts)
    bigrams, counts = _bigram_codes(codes, lengths)
    sig = np.full((len(texts), mult.size), _EMPTY, dtype=np.uint32)
    if bigrams.size == 0:
        return sig
    # Hash each distinct bigram once; a batch repeats the same few hundred thousand bigrams.
    uniq, inverse = _unique(bigrams)
    table = _hash(uniq, mult, add)
    starts = np.zeros(len(texts), dtype=np.int64)
    np.cumsum(counts[:-1], out=starts[1:])
    # Texts with the same bigram count make a dense (texts, count, n_perm) block whose minimum over
    # the middle axis is one vectorised reduction: three times faster than reduceat over ragged runs.
    by_count = np.argsort(counts, kind="stable")
    sizes = np.bincount(counts)
    bounds = np.concatenate(([0], np.cumsum(sizes)))
    for count in (np.flatnonzero(sizes[1:]) + 1).tolist():  # texts without a bigram keep all ones
        rows = by_count[bounds[count] : bounds[count + 1]]
        step = max(1, _CHUNK_BIGRAMS // count)
        for lo in range(0, rows.size, step):
            part = rows[lo : lo + step]
            sig[part] = table[inverse[starts[part, None] + np.arange(count)]].min(axis=1)
    return sig


def _unique(bigrams: U64) -> tuple[U64, npt.NDArray[np.int64]]:
    """np.unique(bigrams, return_inverse=True), by one plain sort when the positions fit beside the
    42-bit codes (a stable argsort, which np.unique needs for the inverse, costs twice as much)."""
    bits = max(1, (bigrams.size - 1).bit_length())
    if bits > 64 - _CODE_BITS:
        uniq, inverse = np.unique(bigrams, return_inverse=True)
        return uniq, inverse.reshape(-1)
    ranked = np.sort((bigrams << np.uint64(bits)) | np.arange(bigrams.size, dtype=np.uint64))
    code = ranked >> np.uint64(bits)
    new = np.empty(code.size, dtype=bool)
    new[0] = True
    np.not_equal(code[1:], code[:-1], out=new[1:])
    inverse = np.empty(code.size, dtype=np.int64)
    inverse[(ranked & np.uint64((1 << bits) - 1)).astype(np.int64)] = np.cumsum(new) - 1
    return code[new], inverse


def _hash(codes: U64, mult: U64, add: U64) -> U32:
    """(len(codes), n_perm): the top 32 bits of mult * code + add, one column per permutation."""
    out = np.empty((codes.size, mult.size), dtype=np.uint32)
    for lo in range(0, codes.size, _CHUNK_BIGRAMS):
        block = codes[lo : lo + _CHUNK_BIGRAMS, None]
        out[lo : lo + _CHUNK_BIGRAMS] = ((block * mult[None, :] + add[None, :]) >> np.uint64(32)).astype(np.uint32)
    return out


def band_keys(sig: U32, bands: int, rows: int) -> U64:
    """(n, bands) bucket keys: each band's rows folded into one 64-bit value."""
    n = sig.shape[0]
    parts = sig[:, : bands * rows].reshape(n, bands, rows).astype(np.uint64)
    key = np.zeros((n, bands), dtype=np.uint64)
    for r in range(rows):
        key = (key * np.uint64(0x9E3779B97F4A7C15)) ^ parts[:, :, r]
    return key


def bigram_set(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def jaccard(a: str, b: str) -> float:
    """Exact Jaccard similarity of the character-bigram sets of two texts."""
    sa, sb = bigram_set(a), bigram_set(b)
    if not sa or not sb:
        return 1.0 if a == b else 0.0
    inter = len(sa & sb)
    return inter / (len(sa) + len(sb) - inter)
