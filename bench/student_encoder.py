"""A distilled student for topic continuity: hashed char n-grams -> a linear map to USE's space, measured.

    taskset -c 1 uv run python bench/student_encoder.py [--buckets 16384] [--dims 256] [--time 3]
    uv run python bench/student_encoder.py --run bench/quality_eval.py   # any bench, the student in USE's place

The student sums one learned row per hashed char 1-3-gram of a text (the hashes the emotion model
already makes for every comment) and L2-normalises. The rows are fitted by ridge regression to the
sentence encoder's (USE-multilingual) own vectors of training texts, projected on their top `--dims`
principal directions, then tuned contrastively on training exchanges (`--tune-epochs`: in-batch
softmax over post/reply cosines, held near the distilled rows).

Training texts only: SMP2020-EWECT `usual_train_reconstructed.json` and `virus_train.json`, LCCC toy
lines 1-2000 and 4001-8000 (lines 2001-4000 are bench/continuity_signals.py's pairs, 8001-10000 are
held out), NLPCC 2013 train rows < 6000; every text referenced by bench/data's blind sets (blind_v2,
blind_v3) or quality_eval.jsonl is left out, by reference and by sha1.

The figure: continuity AUC on continuity_signals.py's pairs (LCCC lines 2001-4000, real post/reply
against shuffled), student against USE in the same run. The calibration (student cosine -> USE's
cosine scale) is a least-squares line fitted on LCCC training exchanges, real and shuffled pairs, so
`_semantic` reads either alike. `--time N` then analyses bench/comment_analyze.py's records with USE,
the student and no encoder, alternating, each in a fresh process, N rounds (steady CPU seconds,
medians). USE's vectors of the training texts are kept under `--cache` (about 100 MB).
"""

from __future__ import annotations

import argparse
import csv
import hashlib
import itertools
import json
import os
import random
import runpy
import statistics
import subprocess
import sys
import time
from collections.abc import Callable, Iterable
from pathlib import Path

os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")

import numpy as np
import numpy.typing as npt
import scipy.linalg
import scipy.sparse

from continuity_signals import auc, exchanges  # beside this script: the AUC and the LCCC exchanges
from nook.engine._features import char_ngram_hashes_many
from nook.engine.comments.quality import _keyword_overlap, _semantic
from nook.engine.text import normalize

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT / ".." / "shared" / "data"
LCCC = DATA / "lccc_cdial_toy" / "toy_train.txt"
F32 = npt.NDArray[np.float32]


def _excluded() -> tuple[set[tuple[str, str, int]], set[str]]:
    """References (dataset, file, 0-based index, both conventions) and sha1s of every evaluation text."""
    refs: set[tuple[str, str, int]] = set()
    digests: set[str] = set()

    def walk(obj: object) -> None:
        if isinstance(obj, dict):
            if "dataset" in obj and "file" in obj:
                key = next((k for k in ("line", "row", "id") if k in obj), None)
                if key is not None:
                    i = int(obj[key])
                    for j in (i - 1, i, i + 1) if key != "id" else (i,):
                        refs.add((obj["dataset"], obj["file"], j))
            for k, v in obj.items():
                if "sha1" in k and isinstance(v, str):
                    digests.add(v)
                walk(v)
        elif isinstance(obj, list):
            for v in obj:
                walk(v)

    data = ROOT / "bench" / "data"
    held_out = [
        *(data / "blind_v2").rglob("*.jsonl"),
        *(data / "blind_v3").rglob("*.jsonl"),
        data / "quality_eval.jsonl",
    ]
    for path in held_out:
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip():
                row = json.loads(line)
                walk(row)
                src = row.get("source", "") if isinstance(row, dict) else ""
                if isinstance(src, str) and src.startswith("lccc:toy_train.txt:"):
                    i = int(src.rsplit(":", 1)[1])
                    refs.update(("lccc_cdial_toy", "toy_train.txt", j) for j in (i - 1, i, i + 1))
    return refs, digests


def _lccc_rows() -> list[list[str]]:
    return [[t.replace(" ", "") for t in line.split("\t")] for line in LCCC.read_text(encoding="utf-8").splitlines()]


def training_texts() -> list[str]:
    refs, digests = _excluded()
    raw: list[str] = []
    for name in ("usual_train_reconstructed.json", "virus_train.json"):
        for r in json.loads((DATA / "smp2020_ewect" / name).read_text(encoding="utf-8")):
            if ("smp2020_ewect", name, int(r["id"])) not in refs and isinstance(r.get("content"), str):
                raw.append(r["content"])
                if "//@" in r["content"]:
                    raw.append(r["content"].split("//@", 1)[0].strip())
    for i, turns in enumerate(_lccc_rows()):
        if (i < 2000 or 4000 <= i < 8000) and ("lccc_cdial_toy", "toy_train.txt", i) not in refs:
            raw += turns
    with (DATA / "nlpcc_weibo_emotion" / "Nlpcc2013Train.csv").open(encoding="utf-8", newline="") as fh:
        for i, row in enumerate(csv.DictReader(fh)):
            if i < 6000 and ("nlpcc_weibo_emotion", "Nlpcc2013Train.csv", i) not in refs:
                raw.append(row["文本"])
    kept = [t for t in raw if hashlib.sha1(t.encode("utf-8")).hexdigest() not in digests]
    return list(dict.fromkeys(t for t in (normalize(t).text for t in kept) if t))


def use_vectors(texts: list[str], cache: Path | None) -> F32:
    key = hashlib.sha1("\n".join(texts).encode("utf-8")).hexdigest()[:12]
    if cache is not None and (cache / f"use-{key}.npy").exists():
        return np.asarray(np.load(cache / f"use-{key}.npy"), dtype=np.float32)
    from nook.engine._sentences import encoder

    enc = encoder()
    out = np.concatenate(
        [np.asarray(enc.encode(texts[i : i + 256]), dtype=np.float32) for i in range(0, len(texts), 256)]
    )
    if cache is not None:
        cache.mkdir(parents=True, exist_ok=True)
        np.save(cache / f"use-{key}.npy", out)
    return out


def features(texts: list[str], buckets: int) -> scipy.sparse.csr_matrix:
    """Rows: the square roots of each text's bucket counts, scaled to unit L2 norm (the fit's scale)."""
    hashes = char_ngram_hashes_many([t.casefold() for t in texts])
    indptr = np.cumsum([0] + [len(h) for h in hashes])
    cols = (np.concatenate(hashes) & np.uint32(buckets - 1)).astype(np.int64)
    x = scipy.sparse.csr_matrix((np.ones(len(cols), dtype=np.float32), cols, indptr), shape=(len(texts), buckets))
    x.sum_duplicates()
    x.data = np.sqrt(x.data)
    norms = np.sqrt(np.asarray(x.multiply(x).sum(axis=1)).ravel())
    return scipy.sparse.csr_matrix(scipy.sparse.diags(1 / np.maximum(norms, 1e-9)) @ x, dtype=np.float32)


def fit(x: scipy.sparse.csr_matrix, y: F32, alpha: float) -> F32:
    gram = (x.T @ x).toarray().astype(np.float64)
    gram[np.diag_indices_from(gram)] += alpha
    rhs = np.asarray(x.T @ y, dtype=np.float64)
    return np.asarray(scipy.linalg.solve(gram, rhs, assume_a="pos", overwrite_a=True), dtype=np.float32)


def student_vectors(texts: list[str], weights: F32) -> F32:
    v = np.asarray(features(texts, weights.shape[0]) @ weights)
    return np.asarray(v / np.maximum(np.linalg.norm(v, axis=1, keepdims=True), 1e-9), dtype=np.float32)


def training_pairs() -> list[tuple[str, str]]:
    """(what is answered, the answer): adjacent turns of LCCC training lines, SMP reposts and what they quote."""
    refs, _ = _excluded()
    out = []
    for i, norm in enumerate(exchanges()):
        if (i < 2000 or 4000 <= i < 8000) and ("lccc_cdial_toy", "toy_train.txt", i) not in refs:
            out += [(a, b) for a, b in itertools.pairwise(norm) if a and b]
    for name in ("usual_train_reconstructed.json", "virus_train.json"):
        for r in json.loads((DATA / "smp2020_ewect" / name).read_text(encoding="utf-8")):
            c = r.get("content")
            if isinstance(c, str) and "//@" in c and ("smp2020_ewect", name, int(r["id"])) not in refs:
                own, chain = c.split("//@", 1)
                a, b = normalize(chain.split(":", 1)[-1].split("//@")[0]).text, normalize(own.strip()).text
                if a and b:
                    out.append((a, b))
    return out


def tune(w0: F32, pairs_: list[tuple[str, str]], epochs: int, *, lr: float = 3e-4, tau: float = 0.05) -> F32:
    """Contrastive fine-tuning on training exchanges (in-batch softmax both ways, Adam, held near w0)."""
    xa, xb = features([a for a, _ in pairs_], w0.shape[0]), features([b for _, b in pairs_], w0.shape[0])
    w, m, v = w0.copy(), np.zeros_like(w0), np.zeros_like(w0)
    rng, step = np.random.default_rng(0), 0
    for _ in range(epochs):
        perm = rng.permutation(len(pairs_))
        for k in range(0, len(perm) - 255, 512):
            ia, ib = xa[perm[k : k + 512]], xb[perm[k : k + 512]]
            va, vb = np.asarray(ia @ w), np.asarray(ib @ w)
            na, nb = np.linalg.norm(va, axis=1, keepdims=True), np.linalg.norm(vb, axis=1, keepdims=True)
            ua, ub = va / na, vb / nb
            n = len(ua)
            ga, gb = _softmax(ua @ ub.T / tau), _softmax(ub @ ua.T / tau)
            ga, gb = (ga - np.eye(n)) / n / tau, (gb - np.eye(n)) / n / tau
            gua, gub = ga @ ub + gb.T @ ub, ga.T @ ua + gb @ ua
            gva = (gua - ua * (ua * gua).sum(1, keepdims=True)) / na
            gvb = (gub - ub * (ub * gub).sum(1, keepdims=True)) / nb
            g = np.asarray(ia.T @ gva) + np.asarray(ib.T @ gvb) + (w - w0)
            step += 1
            m, v = 0.9 * m + 0.1 * g, 0.999 * v + 0.001 * g * g
            w -= lr * (m / (1 - 0.9**step)) / (np.sqrt(v / (1 - 0.999**step)) + 1e-8)
    return w


def _softmax(s: F32) -> F32:
    e = np.exp(s - s.max(axis=1, keepdims=True))
    return np.asarray(e / e.sum(axis=1, keepdims=True), dtype=np.float32)


def pairs(lo: int, hi: int) -> tuple[list[tuple[str, str]], list[int]]:
    out = [(r[0], r[1]) for r in exchanges()[lo:hi]]
    order = list(range(len(out)))
    random.Random(1).shuffle(order)
    return out, order


def cosines(vec: dict[str, F32], ps: list[tuple[str, str]], order: list[int]) -> tuple[F32, F32]:
    def cos(a: str, b: str) -> float:
        return float(vec[a] @ vec[b]) if a and b else 0.0

    own = np.array([cos(c, p) for p, c in ps], dtype=np.float32)
    other = np.array([cos(ps[j][1], p) for (p, _), j in zip(ps, order, strict=True)], dtype=np.float32)
    return own, other


def continuity_auc(vec: dict[str, F32], ps: list[tuple[str, str]], order: list[int], cal: tuple[float, float]) -> float:
    """AUC of the quality score's continuity component (0.6 semantic + 0.4 shared words), cosines calibrated."""
    slope, intercept = cal

    def comp(reply: str, post: str) -> float:
        sim = slope * float(vec[reply] @ vec[post]) + intercept if reply and post else 0.0
        return 0.6 * _semantic(sim) + 0.4 * _keyword_overlap(reply, post)[0]

    own = [comp(c, p) for p, c in ps]
    return auc(own, [comp(ps[j][1], p) for (p, _), j in zip(ps, order, strict=True)])


def load_student(path: Path) -> tuple[F32, float, float]:
    """The student's rows, and the line from its cosine to USE's (slope, intercept)."""
    with np.load(path) as z:
        return z["weights"].astype(np.float32), float(z["slope"]), float(z["intercept"])


def student_embed_many(weights: F32) -> Callable[..., dict[str, F32]]:
    """`_sentences.embed_many` with the student's vectors."""

    def embed_many(texts: Iterable[str], *, cached: bool = False) -> dict[str, F32]:
        distinct = list(dict.fromkeys(t for t in texts if t))
        return dict(zip(distinct, student_vectors(distinct, weights), strict=True)) if distinct else {}

    return embed_many


def child(n: int, mode: str, student: Path | None) -> None:
    """CPU seconds of analysing bench/comment_analyze.py's n records, as encoder_floor.py times them."""
    from encoder_floor import child as analyse  # beside this script
    from nook.engine import _sentences

    if mode == "student" and student is not None:
        _sentences.embed_many = student_embed_many(load_student(student)[0])  # type: ignore[assignment]
    analyse(n, use_encoder=mode != "none")


def run_with_student(student: Path, script: str, argv: list[str]) -> None:
    """Run another bench script with the student in USE's place (vectors, and cosines calibrated)."""
    from nook.engine import _sentences
    from nook.engine.comments import quality

    weights, slope, intercept = load_student(student)

    def similarity(a: str, b: str) -> float:
        va, vb = student_vectors([a, b], weights)
        return float(va @ vb)

    def semantic(sim: float | None) -> float:
        return _semantic(None if sim is None else slope * sim + intercept)

    _sentences.embed_many = student_embed_many(weights)  # type: ignore[assignment]
    _sentences.similarity = similarity
    quality._semantic = semantic  # type: ignore[attr-defined]
    sys.argv = [script, *argv]
    runpy.run_path(script, run_name="__main__")


def timing(rounds: int, n: int, student: Path) -> None:
    cpu: dict[str, list[float]] = {"use": [], "student": [], "none": []}
    for _ in range(rounds):
        for mode in cpu:  # alternating, each in a fresh process
            code = [sys.executable, __file__, "--child", mode, "--comments", str(n), "--student", str(student)]
            cpu[mode].append(float(subprocess.run(code, capture_output=True, text=True, check=True).stdout))
    for mode, seconds in cpu.items():
        med = statistics.median(seconds)
        print(
            f"{mode:8s} steady CPU s {', '.join(f'{s:.2f}' for s in seconds)}; median {med:.2f}: "
            f"{n / med:,.0f} comments per CPU-s, {1000 * med / n:.3f} ms each"
        )


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--buckets", type=int, default=16384, help="a power of two")
    ap.add_argument("--dims", type=int, default=256, help="USE's principal directions kept (512: all)")
    ap.add_argument("--alpha", type=float, default=1.0)
    ap.add_argument("--tune-epochs", type=int, default=2, help="contrastive epochs on training exchanges (0: none)")
    ap.add_argument(
        "--cache", type=Path, default=ROOT / "bench" / "out" / "student_encoder", help="USE vectors kept here"
    )
    ap.add_argument("--save", type=Path, help="write the student (.npz, float16 rows)")
    ap.add_argument("--time", type=int, default=0, metavar="ROUNDS", help="then time analysis: USE, student, none")
    ap.add_argument("--comments", type=int, default=2000)
    ap.add_argument("--student", type=Path, help="with --run: the student file (default: the cache's)")
    ap.add_argument("--run", metavar="SCRIPT", help="run SCRIPT (and the arguments after it) with the student")
    ap.add_argument("--child", choices=["use", "student", "none"], help=argparse.SUPPRESS)
    args, rest = ap.parse_known_args()
    if args.run:
        run_with_student(args.student or args.cache / "student.npz", args.run, rest)
        return
    if rest:
        ap.error(f"unrecognised arguments: {rest}")
    if args.child:
        child(args.comments, args.child, args.student)
        return

    t0 = time.process_time()
    texts = training_texts()
    y = use_vectors(texts, args.cache)
    print(f"training texts: {len(texts)}; USE vectors ready after {time.process_time() - t0:.0f} CPU-s")
    basis = np.linalg.svd(y, full_matrices=False)[2][: args.dims].T.astype(np.float32)  # 512 x dims
    weights = fit(features(texts, args.buckets), y @ basis, args.alpha)
    ev, ev_order = pairs(2000, 4000)
    ev_texts = list(dict.fromkeys(t for p in ev for t in p if t))
    ev_use = dict(zip(ev_texts, use_vectors(ev_texts, args.cache), strict=True))
    distilled = dict(zip(ev_texts, student_vectors(ev_texts, weights), strict=True))
    print(
        f"distilled {args.buckets} x {args.dims} after {time.process_time() - t0:.0f} CPU-s: "
        f"similarity AUC {auc(*cosines(distilled, ev, ev_order)):.3f}"
    )
    if args.tune_epochs:
        train = training_pairs()
        weights = tune(weights, train, args.tune_epochs)
        print(f"tuned on {len(train)} training exchanges, {args.tune_epochs} epochs")
    weights = weights.astype(np.float16).astype(np.float32)  # as it would ship

    # calibration on training exchanges: student cosine -> USE cosine (least squares, real + shuffled)
    cal, cal_order = pairs(4000, 8000)
    cal_texts = list(dict.fromkeys(t for p in cal for t in p if t))
    cal_use = dict(zip(cal_texts, use_vectors(cal_texts, args.cache), strict=True))
    cal_st = dict(zip(cal_texts, student_vectors(cal_texts, weights), strict=True))
    slope, intercept = np.polyfit(np.concatenate(cosines(cal_st, cal, cal_order)),
                                  np.concatenate(cosines(cal_use, cal, cal_order)), 1)  # fmt: skip
    print(f"calibration: USE cosine ~ {slope:.3f} * student cosine + {intercept:.3f}")

    student = dict(zip(ev_texts, student_vectors(ev_texts, weights), strict=True))
    print(f"LCCC lines 2001-4000, {len(ev)} real post/reply pairs against shuffled:")
    print(
        f"  similarity AUC: USE {auc(*cosines(ev_use, ev, ev_order)):.3f}, "
        f"student {auc(*cosines(student, ev, ev_order)):.3f}"
    )
    print(
        f"  continuity component AUC: USE {continuity_auc(ev_use, ev, ev_order, (1.0, 0.0)):.3f}, "
        f"student {continuity_auc(student, ev, ev_order, (float(slope), float(intercept))):.3f}"
    )
    save = args.save or args.cache / "student.npz"
    np.savez_compressed(save, weights=weights.astype(np.float16), slope=np.float32(slope),
                        intercept=np.float32(intercept))  # fmt: skip
    print(f"student file {save}: {save.stat().st_size / 1e6:.2f} MB")
    if args.time:
        timing(args.time, args.comments, save)


if __name__ == "__main__":
    main()
