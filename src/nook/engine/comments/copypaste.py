"""Copy-paste comments across accounts and posts: exact hash, then MinHash LSH with verification.

Pipeline: strip_for_dedup (NFKC, simplified, no emoji/emoticon codes/punctuation) → exact match on
the bare wording → MinHash over character bigrams, banded LSH → candidate pairs verified by their
bigram Jaccard similarity. 64-bit SimHash is not used: on comments of a dozen characters a one-
character edit flips too many bits, and it finds about a tenth of the copies.

`find_copy_clusters` is the batch path; `CopyPasteIndex` checks one comment on arrival and can be
rebuilt from stored comments with `add_many`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from nook.engine.comments._bare import strip_many
from nook.engine.comments._minhash import U32, U64, band_keys, bigram_set, jaccard, permutations, signatures
from nook.engine.text import strip_for_dedup

__all__ = ["CopyMatch", "CopyPasteIndex", "DedupSettings", "find_copy_clusters"]

I64 = npt.NDArray[np.int64]
# Incremental check limits: entries taken from one bucket, and candidates verified per comment.
_HOT_BUCKET = 64
_MAX_VERIFY = 50


@dataclass(frozen=True, slots=True)
class DedupSettings:
    """Thresholds for copy-paste detection; the defaults are the ones benchmarked in docs/benchmarks.md."""

    #: bigram Jaccard at or above which two comments are copies of each other
    threshold: float = 0.45
    #: LSH bands x rows per band = MinHash permutations; 2-row bands find pairs near 0.5
    bands: int = 24
    rows: int = 3
    #: comments with fewer distinct bigrams are never clustered: "哈哈哈哈哈哈" or "祝你生日快乐"
    #: repeat by chance; short stock phrases are the low-value detector's job, not copy-paste
    min_bigrams: int = 6
    #: a signature estimate this far above the threshold is accepted without the exact check
    sure_margin: float = 0.25
    #: a signature estimate this far below the threshold is rejected without the exact check
    reject_margin: float = 0.2

    @property
    def n_perm(self) -> int:
        return self.bands * self.rows


@dataclass(frozen=True, slots=True)
class CopyMatch:
    """An indexed comment that a new comment copies, with the evidence a moderator can check."""

    comment_id: str
    author: str | None
    similarity: float
    exact: bool


def find_copy_clusters(texts: Sequence[str], settings: DedupSettings | None = None) -> list[list[int]]:
    """Groups (indices into texts, two or more each) of comments that are copies of each other."""
    s = settings or DedupSettings()
    bare = strip_many(texts)
    reps, rep_of = _exact_groups(bare, s.min_bigrams)
    edges = [np.stack([np.arange(len(bare)), rep_of])[:, rep_of >= 0]]
    if reps.size > 1:
        edges.append(reps[_near_pairs([bare[i] for i in reps.tolist()], s)].T)
    return _components(np.concatenate(edges, axis=1), len(bare))


def eligible(bare: str, min_bigrams: int) -> bool:
    """Whether a bare comment carries enough wording to count as evidence of copying."""
    if len(bare) <= min_bigrams:
        return False
    # k distinct characters give at least k - 1 distinct bigrams: the set of characters is cheaper
    return len(set(bare)) > min_bigrams or len(bigram_set(bare)) >= min_bigrams


def _exact_groups(bare: list[str], min_bigrams: int) -> tuple[I64, I64]:
    """Indices of the first comment of each distinct eligible wording, and each comment's first."""
    first: dict[str, int] = {}
    rep_of = np.full(len(bare), -1, dtype=np.int64)
    for i, text in enumerate(bare):
        if eligible(text, min_bigrams):
            rep_of[i] = first.setdefault(text, i)
    return np.fromiter(first.values(), dtype=np.int64, count=len(first)), rep_of


def _near_pairs(bare: list[str], s: DedupSettings) -> I64:
    """(k, 2) verified pairs of indices into bare whose bigram Jaccard reaches the threshold."""
    mult, add = permutations(s.n_perm)
    sig = signatures(bare, mult, add)
    pairs = _candidate_pairs(band_keys(sig, s.bands, s.rows))
    if pairs.size == 0:
        return pairs
    estimate = _estimate(sig, pairs)
    sure = estimate >= s.threshold + s.sure_margin
    unsure = np.flatnonzero(~sure & (estimate >= s.threshold - s.reject_margin))
    sets: dict[int, set[str]] = {}
    verified = [k for k in unsure.tolist() if _verify(bare, sets, pairs[k], s.threshold)]
    sure[verified] = True
    return pairs[sure]


def _candidate_pairs(keys: npt.NDArray[np.uint64]) -> I64:
    """Neighbours in each band's sorted bucket order that share a bucket, deduplicated."""
    n = keys.shape[0]
    bits = np.uint64(max(1, (n - 1).bit_length()))
    low = np.uint64((1 << int(bits)) - 1)
    position = np.arange(n, dtype=np.uint64)
    # An odd multiplier is a bijection that carries every bit of a band key into its top bits.
    mixed = keys * np.uint64(0xD6E8FEB86659FD93)
    found = []
    for band in range(keys.shape[1]):
        # The key's top bits with the position in the low bits: one plain sort orders by bucket, then
        # by position, like a stable argsort at a fraction of its cost (a cut key collides by chance
        # about once in 2**(64 - 2 * bits), and a false candidate is still verified).
        ranked = np.sort((mixed[:, band] & ~low) | position)
        same = np.flatnonzero((ranked[1:] & ~low) == (ranked[:-1] & ~low))
        order = (ranked & low).astype(np.int64)
        found.append(np.stack([order[same], order[same + 1]], axis=1))
    pairs = np.sort(np.concatenate(found), axis=1)
    code = np.unique(pairs[:, 0] * np.int64(n) + pairs[:, 1])  # 1-D codes sort faster than rows
    return np.stack([code // n, code % n], axis=1)


def _estimate(sig: U32, pairs: I64) -> npt.NDArray[np.float64]:
    out = np.empty(len(pairs))
    for lo in range(0, len(pairs), 50_000):  # bounded scratch memory
        chunk = pairs[lo : lo + 50_000]
        out[lo : lo + 50_000] = (sig[chunk[:, 0]] == sig[chunk[:, 1]]).mean(axis=1)
    return out


def _verify(bare: list[str], sets: dict[int, set[str]], pair: I64, threshold: float) -> bool:
    a, b = int(pair[0]), int(pair[1])
    sa = sets.get(a) or sets.setdefault(a, bigram_set(bare[a]))
    sb = sets.get(b) or sets.setdefault(b, bigram_set(bare[b]))
    inter = len(sa & sb)
    return inter >= threshold * (len(sa) + len(sb) - inter)


def _components(edges: I64, n: int) -> list[list[int]]:
    if edges.size == 0:
        return []
    # imported here: scipy.sparse costs a quarter of a second to import, and `nook engine analyze`,
    # which imports this package for `assess_comments`, never groups copies
    from scipy.sparse import coo_matrix
    from scipy.sparse.csgraph import connected_components

    ones = np.ones(edges.shape[1], dtype=np.int8)
    _, label = connected_components(coo_matrix((ones, (edges[0], edges[1])), shape=(n, n)), directed=False)
    sizes = np.bincount(label)
    member = np.flatnonzero(sizes[label] >= 2)
    groups: dict[int, list[int]] = {}
    for i in member.tolist():
        groups.setdefault(int(label[i]), []).append(i)
    return list(groups.values())


@dataclass(slots=True)
class CopyPasteIndex:
    """Comments seen so far; the product holds one and checks each new comment on arrival."""

    settings: DedupSettings = field(default_factory=DedupSettings)
    max_matches: int = 20
    _ids: list[str] = field(default_factory=list)
    _authors: list[str | None] = field(default_factory=list)
    _bare: list[str] = field(default_factory=list)
    _exact: dict[str, list[int]] = field(default_factory=dict)
    # a bucket holds one position, or a list once a second comment lands in it (saves memory)
    _buckets: dict[int, int | list[int]] = field(default_factory=dict)
    _perm: tuple[U64, U64] = field(init=False)
    _salt: list[int] = field(init=False)

    def __post_init__(self) -> None:
        self._perm = permutations(self.settings.n_perm)
        # one dict for all bands: a per-band salt keeps equal keys of different bands apart
        self._salt = [(band * 0x2545F4914F6CDD1D) & 0xFFFFFFFFFFFFFFFF for band in range(self.settings.bands)]

    def __len__(self) -> int:
        return len(self._ids)

    def check(self, text: str) -> list[CopyMatch]:
        """Indexed comments that this text copies (exact first), without indexing it."""
        bare = strip_for_dedup(text)
        return self._check(bare, self._keys([bare])[0]) if eligible(bare, self.settings.min_bigrams) else []

    def add(self, comment_id: str, text: str, author: str | None = None) -> list[CopyMatch]:
        """Check a new comment, then index it; returns what it copies."""
        bare = strip_for_dedup(text)
        if not eligible(bare, self.settings.min_bigrams):
            self._insert(comment_id, author, bare, [])
            return []
        keys = self._keys([bare])[0]
        matches = self._check(bare, keys)
        self._insert(comment_id, author, bare, keys)
        return matches

    def _check(self, bare: str, keys: list[int]) -> list[CopyMatch]:
        exact = self._exact.get(bare, [])
        matches = [self._match(i, 1.0, True) for i in exact[: self.max_matches]]
        for i, sim in self._near(bare, keys):
            # the LSH holds one comment per wording: report every comment that has it
            matches += [self._match(j, sim, False) for j in self._exact[self._bare[i]]]
        return matches[: self.max_matches]

    def add_many(self, items: Iterable[tuple[str, str, str | None]]) -> None:
        """Index (id, text, author) triples in bulk, e.g. to rebuild the index after a restart."""
        rows = list(items)
        bare = strip_many([text for _, text, _ in rows])
        keys = self._keys(bare)
        for (cid, _, author), text, key in zip(rows, bare, keys, strict=True):
            self._insert(cid, author, text, key)

    def _keys(self, bare: list[str]) -> list[list[int]]:
        sig = signatures(bare, *self._perm)
        keys = band_keys(sig, self.settings.bands, self.settings.rows).tolist()
        return [[k ^ salt for k, salt in zip(row, self._salt, strict=True)] for row in keys]

    def _insert(self, cid: str, author: str | None, bare: str, keys: list[int]) -> None:
        pos = len(self._ids)
        self._ids.append(cid)
        self._authors.append(author)
        self._bare.append(bare)
        if not eligible(bare, self.settings.min_bigrams):
            return
        same = self._exact.setdefault(bare, [])
        same.append(pos)
        if len(same) == 1:  # only the first of identical wordings goes into the LSH buckets
            for k in keys:
                self._bucket_add(k, pos)

    def _bucket_add(self, key: int, pos: int) -> None:
        held = self._buckets.get(key)
        if held is None:
            self._buckets[key] = pos
        elif isinstance(held, int):
            self._buckets[key] = [held, pos]
        else:
            held.append(pos)

    def _bucket(self, key: int) -> list[int]:
        held = self._buckets.get(key, [])
        return [held] if isinstance(held, int) else held

    def _near(self, bare: str, keys: list[int]) -> list[tuple[int, float]]:
        """Verified near-duplicates, trying first the comments that share the most LSH bands."""
        shared: Counter[int] = Counter()
        for k in keys:
            # a bucket hit by many comments (a very common bigram) only lends its latest entries
            shared.update(self._bucket(k)[-_HOT_BUCKET:])
        found = []
        for pos, _ in shared.most_common(_MAX_VERIFY):
            if self._bare[pos] == bare:
                continue
            sim = jaccard(bare, self._bare[pos])
            if sim >= self.settings.threshold:
                found.append((pos, sim))
        return sorted(found, key=lambda p: -p[1])

    def _match(self, pos: int, sim: float, exact: bool) -> CopyMatch:
        return CopyMatch(self._ids[pos], self._authors[pos], round(sim, 3), exact)
