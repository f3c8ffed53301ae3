"""Synthetic comment stream for the copy-paste benchmark: organic comments plus edited template copies.

Organic comments come from a first-order character Markov chain fitted on real Weibo replies (LCCC
toy set, read from ../shared/data at run time, never copied into the repo): its bigram statistics -
what MinHash sees - are exactly those of real chatter. A second-order chain reads better but copies
whole phrases of its 20,000 source lines, which makes thousands of genuine near-duplicates by chance.
Templates are longer chain samples, some with an ad or stock-praise phrase; each copy gets 1-3
single-character edits (substitute, insert, delete). Ground truth: two comments are a copy pair when
they come from the same template.
"""

from __future__ import annotations

import random
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

DEFAULT_LCCC = Path(__file__).resolve().parents[1] / ".." / "shared" / "data" / "lccc_cdial_toy" / "toy_train.txt"
_END = "\0"

_ADS = [
    "加微信领取优惠券",
    "私信我有惊喜",
    "点击主页链接",
    "日赚三百不是梦",
    "兼职刷单在家可做",
    "全网最低价",
    "关注我每天分享干货",
    "代购正品保证",
    "扫码进群",
    "免费领取资料",
    "回复就送",
    "互粉互赞必回",
]
_PRAISE = [
    "写得太好了",
    "说得太对了",
    "支持楼主",
    "楼主好人",
    "感谢分享",
    "学习了",
    "收藏了",
    "转发一下",
    "必须顶",
    "好文章",
    "干货满满",
    "涨知识了",
]


class CharChain:
    """Order-2 character Markov chain; `sample` draws one comment."""

    def __init__(self, lines: list[str], order: int = 2) -> None:
        nxt: defaultdict[str, list[str]] = defaultdict(list)
        self.order = order
        for t in lines:
            padded = _END * order + t + _END
            for i in range(len(t) + 1):
                nxt[padded[i : i + order]].append(padded[i + order])
        self.next = dict(nxt)

    def sample(self, rng: random.Random, min_len: int = 1, max_len: int = 80) -> str:
        start = _END * self.order
        ctx, out = start, []
        while len(out) < max_len:
            ch = rng.choice(self.next[ctx])
            if ch == _END:
                if len(out) >= min_len:
                    break
                ctx, ch = start, "，"
            out.append(ch)
            ctx = (ctx + ch)[-self.order :]
            if ctx not in self.next:
                ctx = start
        return "".join(out)


def load_replies(path: Path = DEFAULT_LCCC) -> list[str]:
    """Every utterance of the LCCC toy dialogues, spaces removed."""
    lines = path.read_text(encoding="utf-8").splitlines()
    return [u.replace(" ", "") for line in lines for u in line.split("\t") if u.strip()]


def template(chain: CharChain, rng: random.Random) -> str:
    """A longer comment worth copying: chatter, sometimes carrying an ad or stock praise."""
    text = chain.sample(rng, min_len=12, max_len=40)
    if rng.random() < 0.4:
        text += "，" + rng.choice(_ADS + _PRAISE)
    return text


_EDIT_CHARS = (
    "的一是了我不人在有这个上们来到时大地为中你说生国年着就那和要她出也得里后自以会家可下而过天去能对小多然于心学么之都好看起"
    "发当没成只如事把还用第样道想作种开美总从无情己面最女但现前些所同日手又行意动方期它头经长儿回位分爱老因很给名法间斯知世什"
    "两次使身者被高已亲其进此话常与活正感"
)


def edit(text: str, rng: random.Random) -> str:
    """Apply 1-3 single-character edits at random positions."""
    chars = list(text)
    for _ in range(rng.randint(1, 3)):
        op = rng.randrange(3)
        at = rng.randrange(len(chars))
        if op == 0:
            chars[at] = rng.choice(_EDIT_CHARS)
        elif op == 1:
            chars.insert(at, rng.choice(_EDIT_CHARS))
        elif len(chars) > 2:
            del chars[at]
    return "".join(chars)


@dataclass(frozen=True)
class Stream:
    texts: list[str]
    family: list[int]  # template index for copies, -1 for organic comments
    authors: list[str]


def generate(
    n_organic: int = 100_000,
    n_templates: int = 500,
    copy_share: float = 0.10,
    seed: int = 7,
    lccc: Path = DEFAULT_LCCC,
    order: int = 1,
) -> Stream:
    """Organic comments plus copy_share * n_organic edited copies spread over n_templates templates."""
    rng = random.Random(seed)
    chain = CharChain(load_replies(lccc), order)
    rows = [(chain.sample(rng), -1, f"u{rng.randrange(20_000)}") for _ in range(n_organic)]
    templates = [template(chain, rng) for _ in range(n_templates)]
    for k in range(int(n_organic * copy_share)):
        fam = k % n_templates
        rows.append((edit(templates[fam], rng), fam, f"spam{rng.randrange(300)}"))
    rng.shuffle(rows)
    return Stream([r[0] for r in rows], [r[1] for r in rows], [r[2] for r in rows])
