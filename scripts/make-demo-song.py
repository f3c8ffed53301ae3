"""Compose and encode the demo community's one song (src/nook/demo/assets/wanfeng.mp3).

An original eight-bar pentatonic tune, written for Nook and released under CC0. Run it with lameenc
and numpy installed in a throwaway venv (neither is a Nook dependency):
    python -m venv /tmp/lame && /tmp/lame/bin/pip install lameenc numpy
    /tmp/lame/bin/python scripts/make-demo-song.py
"""

from __future__ import annotations

from pathlib import Path

import lameenc
import numpy as np

RATE = 22050
BEAT = 0.42  # seconds
# (semitones above A3, beats): a gentle tune in C major pentatonic
TUNE = [(3, 1), (5, 1), (7, 2), (10, 1), (7, 1), (5, 2), (3, 1), (5, 1), (7, 1), (10, 1), (12, 3), (0, 1),
        (12, 1), (10, 1), (7, 2), (5, 1), (7, 1), (10, 2), (7, 1), (5, 1), (3, 1), (0, 1), (3, 4)]  # fmt: skip
BASS = [(-9, 4), (-14, 4), (-12, 4), (-16, 4), (-9, 4), (-14, 4), (-12, 4), (-9, 4)]


def voice(notes: list[tuple[int, int]], gain: float) -> np.ndarray:
    parts = []
    for semitone, beats in notes:
        t = np.arange(int(RATE * BEAT * beats)) / RATE
        freq = 220.0 * 2 ** (semitone / 12)
        tone = np.sin(2 * np.pi * freq * t) + 0.3 * np.sin(4 * np.pi * freq * t) + 0.1 * np.sin(6 * np.pi * freq * t)
        envelope = np.minimum(1, t / 0.02) * np.exp(-2.2 * t)  # plucked: quick attack, slow decay
        parts.append(gain * tone * envelope)
    return np.concatenate(parts)


def main() -> None:
    melody, bass = voice(TUNE, 0.45), voice(BASS, 0.3)
    n = max(len(melody), len(bass))
    mix = np.pad(melody, (0, n - len(melody))) + np.pad(bass, (0, n - len(bass)))
    pcm = (np.clip(mix / np.abs(mix).max() * 0.8, -1, 1) * 32767).astype("<i2").tobytes()
    encoder = lameenc.Encoder()
    encoder.set_bit_rate(48)
    encoder.set_in_sample_rate(RATE)
    encoder.set_channels(1)
    encoder.set_quality(2)
    data = encoder.encode(pcm) + encoder.flush()
    out = Path(__file__).resolve().parents[1] / "src/nook/demo/assets/wanfeng.mp3"
    out.write_bytes(data)
    print(f"{out}: {len(data)} bytes, {n / RATE:.1f} s")


if __name__ == "__main__":
    main()
