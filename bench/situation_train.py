"""Train the situation model on the dev part of bench/data/situations_v1 and pick how it is used.

    .venv/bin/python bench/situation_train.py [--out src/nook/engine/suggest/data/situations-v1.npz] [--lam 1]

Only `dev` rows are read (the split is fixed by reference hash in situations_v1/verify.py); `test` is left
for bench/situation_eval.py --split test, run once. Input per post: char 1-3-grams of the normalised text,
the cue table's reading (`cue:<situation>`, `cueg:<group>`: the model learns when a cue is right) and the
sentence embedding (the encoder retrieval uses). Labels: situations with at least --min-count dev posts,
`g:<group>` for a group's rarer ones, `crisis`, `none`. One-vs-rest linear SVMs over both feature blocks
(so inference is one linear layer: LinearModel + an embedding matrix), with a softmax temperature fitted
on the out-of-fold scores.

Rows: the first labeller's dev rows (`labels.jsonl`); --second adds the second labeller's
(`second_labeller.jsonl`), --third the third's (`third_labeller.jsonl`, enriched for posts that mention a
topic), and folds go by the text's hash, so a post two labellers read sits in one fold.
Selection: 5-fold cross-validation on dev, vocabulary and weights fitted inside each fold; the score is also
printed on the first labeller's rows alone, the part every run shares.
The grid is C, the veto threshold (a cue of a --veto-groups group is dropped when the model gives `none`,
"the post is about nothing the table names", at least this and more than the cue's group: a mere mention)
and the read threshold (a situation the cues missed is read when the model gives it at least this). Cues the
product never lets the model drop (event rows, the author's own act, a trip to a named place:
`situations.model_may_drop`) are kept here too. The score is the suggestion's stake: +1 for each post read
with the right situation, -lam for each read with a wrong one, 0 for none: with lam = 1 a reading is kept
only where it is more likely right than wrong. Dropped cue readings are printed per group (right / wrong).
The shipped model (docs/model-cards/situations.md; the veto was chosen on the grid 0, 0.3 … 0.8 with
the first five groups, then weather added, which cross-validation also favoured):

    .venv/bin/python bench/situation_train.py --second --third --c 3 --veto 0.3 \
        --veto-groups food travel milestones hobbies daily weather

With the veto fixed at 0 (the default) no cue is dropped, as shipped before the third labeller's rows.
"""

from __future__ import annotations

import argparse
import hashlib
import os
from collections import Counter
from dataclasses import replace
from functools import cache
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np

from nook.engine._linear import LinearModel
from nook.engine.emotion_training import count_matrix, hash_vocabulary
from nook.engine.suggest._encode import embed
from nook.engine.suggest._situation_model import ENCODED_CHARS, MODEL_PATH, SituationModel, cue_features, decide
from nook.engine.suggest.candidates import sure_slots
from nook.engine.suggest.facts import read_post
from nook.engine.suggest.situations import model_may_drop
from nook.engine.text import normalize
from situation_eval import GROUP, NONE, Case, engine_reads, load  # bench/ is the script's folder

SEED = 18


@cache
def went_to(text: str) -> str:
    """The place the post surely says the author went to (the product's sure slot), or ""."""
    return sure_slots(read_post(normalize(text))).get("place", "")


EMB_SCALE = 1.0  # the embedding block's weight beside the l2-normalised tf-idf row


def label_of(gold: str, keep: set[str]) -> str:
    if gold.startswith("crisis:"):
        return "crisis"
    if gold == NONE or gold in keep:
        return gold
    return f"g:{GROUP[gold]}"


def cue_of(read: str) -> tuple[str, str]:
    if read.startswith("crisis:"):
        return "crisis", "crisis"
    return ("general", "general") if read == NONE else (read, GROUP[read])


def fit(
    hashed: list[np.ndarray], vectors: np.ndarray, labels: list[str], weights: np.ndarray, c: float
) -> SituationModel:
    """One-vs-rest linear SVMs over [tf-idf n-grams + cue strings | embedding], kept as one linear layer."""
    from scipy import sparse
    from sklearn.feature_extraction.text import TfidfTransformer
    from sklearn.svm import LinearSVC

    vocab = hash_vocabulary(hashed, 2)  # a feature of one post only is noise here, and doubles the file
    counts = count_matrix(vocab, hashed)
    tfidf = TfidfTransformer(sublinear_tf=True).fit(counts)
    x = sparse.hstack([tfidf.transform(counts), sparse.csr_matrix(vectors * EMB_SCALE)]).tocsr()
    names = tuple(sorted(set(labels)))
    y = np.array([names.index(label) for label in labels])
    svm = LinearSVC(C=c, random_state=SEED).fit(x, y, sample_weight=weights)
    coef = svm.coef_.T  # (features, labels)
    n = len(vocab)
    linear = LinearModel(
        vocab.astype(np.uint32), tfidf.idf_.astype(np.float32), coef[:n].astype(np.float32),
        svm.intercept_.astype(np.float32), names, 1.0, "situations-v1",
    )  # fmt: skip
    return SituationModel(linear, (coef[n:] * EMB_SCALE).astype(np.float32), 0.0, 1.0)


def temperature(logits: np.ndarray, gold: np.ndarray) -> float:
    """The softmax temperature that minimises the out-of-fold log-loss (turns SVM scores into probabilities)."""
    best, best_loss = 1.0, float("inf")
    for temp in np.geomspace(0.02, 2, 41):
        z = logits / temp
        z = z - z.max(axis=1, keepdims=True)
        loss = float(-(z[np.arange(len(gold)), gold] - np.log(np.exp(z).sum(axis=1))).mean())
        if loss < best_loss:
            best, best_loss = float(temp), loss
    return best


def _final(case: Case, cue_read: str, p: dict[str, float], veto: float, read: float, known: frozenset[str]) -> str:
    """The reading the product would show: the cue's, dropped (`none`) or one the model read instead."""
    if not p or cue_read.startswith("crisis:"):
        return cue_read
    if cue_read != NONE and not model_may_drop(cue_read, GROUP[cue_read], went_to(case.text)):
        return cue_read  # as the product reads: event rows, acts and trips to a named place are kept
    cue, group = cue_of(cue_read)
    action, _ = decide(p, cue, group, GROUP, veto, read, known)
    return NONE if action == "veto" else cue_read if action == "keep" else action


def vetoes_by_group(
    cases: list[Case], cues: list[str], probs: list[dict[str, float]], veto: float, read: float, known: frozenset[str]
) -> None:
    """Per group: cue readings the model dropped that were right, and that were wrong (out of fold)."""
    dropped: Counter[tuple[str, bool]] = Counter()
    for case, cue_read, p in zip(cases, cues, probs, strict=True):
        if cue_read != NONE and _final(case, cue_read, p, veto, read, known) == NONE:
            dropped[(GROUP.get(cue_read, cue_read), case.gold == cue_read)] += 1
    for g in sorted({g for g, _ in dropped}):
        print(f"  dropped {g:12} right {dropped[(g, True)]:4}  wrong {dropped[(g, False)]:4}")


def policy_score(
    cases: list[Case],
    cues: list[str],
    probs: list[dict[str, float]],
    veto: float,
    read: float,
    lam: float,
    known: frozenset[str] = frozenset(),
) -> tuple[float, int, int, int]:
    right = wrong = vetoed = 0
    for case, cue_read, p in zip(cases, cues, probs, strict=True):
        final = _final(case, cue_read, p, veto, read, known)
        vetoed += final == NONE and cue_read != NONE
        if final != NONE:
            right += final == case.gold
            wrong += final != case.gold
    return right - lam * wrong, right, wrong, vetoed


def _inputs(cases: list[Case], cache: Path | None) -> tuple[list[str], np.ndarray]:
    """The cue table's reading and the embedding of every post (cached by the texts' hash: both are slow)."""
    key = hashlib.sha1("\n".join(c.text for c in cases).encode("utf-8")).hexdigest()[:12]
    path = cache / f"situation-inputs-{key}.npz" if cache else None
    if path is not None and path.exists():
        with np.load(path) as z:
            return [str(x) for x in z["cues"]], z["vectors"]
    cues = [engine_reads(c.text, use_model=False) for c in cases]
    vectors = embed([normalize(c.text).text[:ENCODED_CHARS] for c in cases])
    if path is not None:
        np.savez(path, cues=np.array(cues), vectors=vectors)
    return cues, vectors


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--out", type=Path, default=MODEL_PATH)
    parser.add_argument("--lam", type=float, default=1.0, help="cost of a wrong situation against a right one")
    parser.add_argument("--c", type=float, nargs="+", default=[0.3, 1.0, 3.0], help="the grid of C")
    parser.add_argument("--min-count", type=int, default=5)
    parser.add_argument("--min-group", type=int, default=30, help="labelled posts a group needs for a veto")
    parser.add_argument("--unsure-weight", type=float, default=0.5, help="weight of a row the labeller was unsure of")
    parser.add_argument("--none-weight", type=float, default=1.0, help="weight of a `none` row beside the others")
    parser.add_argument("--cache", type=Path, default=None, help="folder to keep cue readings and embeddings in")
    parser.add_argument("--second", action="store_true", help="add the second labeller's dev rows")
    parser.add_argument("--third", action="store_true", help="add the third labeller's dev rows")
    parser.add_argument(
        "--veto-groups",
        nargs="*",
        default=None,
        help="the only groups whose cues the model may drop (default: every group with --min-group posts)",
    )
    parser.add_argument(
        "--veto", type=float, nargs="+", default=[0.0], help="the grid of P(none) to drop a topic cue at (0: never)"
    )
    args = parser.parse_args()
    cases = load("dev", second=args.second, third=args.third)
    first = [i for i, c in enumerate(cases) if c.labeller == 1]
    cues, vectors = _inputs(cases, args.cache)
    texts = [normalize(c.text).text for c in cases]
    hashed = [cue_features(t, *cue_of(r)) for t, r in zip(texts, cues, strict=True)]
    weights = np.array(
        [(1.0 if c.sure else args.unsure_weight) * (args.none_weight if c.gold == NONE else 1.0) for c in cases]
    )
    counts = Counter(c.gold for c in cases)
    keep = {g for g, n in counts.items() if n >= args.min_count and g in GROUP}
    labels = [label_of(c.gold, keep) for c in cases]
    support = Counter(GROUP[c.gold] for c in cases if c.gold in GROUP)
    known = frozenset(g for g, n in support.items() if n >= args.min_group)
    if args.veto_groups is not None:
        known &= frozenset(args.veto_groups)
    print(f"dev posts {len(cases)}; labels {len(set(labels))} ({len(keep)} situations kept)")
    print(f"groups the model may contradict (>= {args.min_group} posts): {', '.join(sorted(known))}")
    base = policy_score(cases, cues, [{}] * len(cases), 0.0, 2.0, args.lam)
    print(f"cues alone: score {base[0]:.0f} (right {base[1]}, wrong {base[2]})")

    if args.second or args.third:  # a text two labellers read must not be on both sides of a fold
        fold = np.array([int(hashlib.sha1(c.text.encode("utf-8")).hexdigest(), 16) % 5 for c in cases])
    else:
        fold = np.random.default_rng(SEED).permutation(len(cases)) % 5
    best: tuple[float, float, float, float, tuple[float, int, int, int]] | None = None
    names = tuple(sorted(set(labels)))
    gold = np.array([names.index(label) for label in labels])
    temps: dict[float, float] = {}
    oofs: dict[float, list[dict[str, float]]] = {}
    for c in args.c:
        logits = np.zeros((len(cases), len(names)), np.float32)
        for k in range(5):
            tr, te = np.flatnonzero(fold != k), np.flatnonzero(fold == k)
            m = fit([hashed[i] for i in tr], vectors[tr], [labels[i] for i in tr], weights[tr], c)
            out = m.linear.logits([hashed[i] for i in te]) + vectors[te] @ m.embedding
            logits[np.ix_(te, [names.index(n) for n in m.labels])] = out
            missing = [j for j, n in enumerate(names) if n not in m.labels]
            logits[np.ix_(te, missing)] = -10.0  # a label absent from the fold's training rows
        temps[c] = temperature(logits, gold)
        z = logits / temps[c]
        z = np.exp(z - z.max(axis=1, keepdims=True))
        z /= z.sum(axis=1, keepdims=True)
        oof = oofs[c] = [dict(zip(names, map(float, row), strict=True)) for row in z]
        acc = float(np.mean(z.argmax(axis=1) == gold))
        for veto in args.veto:
            for read in (0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 2.0):
                s = policy_score(cases, cues, oof, veto, read, args.lam, known)
                if best is None or s[0] > best[0]:
                    s1 = policy_score(*([x[i] for i in first] for x in (cases, cues, oof)), veto, read, args.lam, known)
                    best = (s[0], c, veto, read, s, s1)
                if read in (0.5, 0.7, 2.0):
                    print(
                        f"C {c:5} T {temps[c]:.3f} top-1 {acc:.1%}  veto {veto:.2f} read {read:.1f}: "
                        f"score {s[0]:.0f} (right {s[1]}, wrong {s[2]}, vetoed {s[3]})"
                    )
    assert best is not None
    _, c, veto, read, got, got1 = best
    print(
        f"chosen: C {c}, veto {veto}, read {read}: cross-validated score {got[0]:.0f} (right {got[1]}, wrong "
        f"{got[2]}, vetoed {got[3]}); cues alone {base[0]:.0f} (right {base[1]}, wrong {base[2]})"
    )
    vetoes_by_group(cases, cues, oofs[c], veto, read, known)
    base1 = policy_score([cases[i] for i in first], [cues[i] for i in first], [{}] * len(first), 0.0, 2.0, args.lam)
    print(
        f"on the first labeller's {len(first)} rows: score {got1[0]:.0f} (right {got1[1]}, wrong {got1[2]}, "
        f"vetoed {got1[3]}); cues alone {base1[0]:.0f}"
    )
    m = fit(hashed, vectors, labels, weights, c)
    final = SituationModel(replace(m.linear, temperature=temps[c]), m.embedding, veto, read, known)
    final.save(args.out)
    print(f"wrote {args.out} ({args.out.stat().st_size / 1e3:.0f} kB, {len(final.linear.hashes)} n-gram features)")


if __name__ == "__main__":
    main()
