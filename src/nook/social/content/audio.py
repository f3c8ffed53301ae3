"""Uploaded songs: an MP3 is checked frame by frame and kept as its audio frames alone.

Keeping only the MPEG audio frames drops every tag (ID3v1/v2, APE, cover art, the uploader's name or GPS
in comments) and anything smuggled between frames, so what visitors download is sound and nothing else.
"""

from __future__ import annotations

from dataclasses import dataclass

from nook.errors import Invalid
from nook.phrases import N_
from nook.social.limits import TRACK_BYTES_MAX, TRACK_SECONDS_MAX

# MPEG-1 and MPEG-2/2.5 Layer III bitrates (kbit/s) by index, and sample rates (Hz) by version.
_BITRATES = {
    1: (0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320),
    2: (0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160),
}
_SAMPLE_RATES = {3: (44100, 48000, 32000), 2: (22050, 24000, 16000), 0: (11025, 12000, 8000)}
_MIN_FRAMES = 10
_MIN_AUDIO_SHARE = 0.9  # after the tags, at least this much of the file must be audio frames


@dataclass(frozen=True)
class Song:
    audio: bytes  # the frames alone
    seconds: float


def checked_song(data: bytes) -> Song:
    """An upload read with a limit of TRACK_BYTES_MAX + 1 bytes: too big, or not an MP3, is a clear error."""
    if len(data) > TRACK_BYTES_MAX:
        raise Invalid(N_("歌曲不能超过 %(mb)s MB"), mb=TRACK_BYTES_MAX // (1024 * 1024))
    return read_mp3(data, max_seconds=TRACK_SECONDS_MAX)


def read_mp3(data: bytes, *, max_seconds: int) -> Song:
    """The MP3's frames and its length, or a clear error for anything that is not a playable MP3."""
    body = _without_tags(data)
    frames, seconds, covered = _frames(body)
    if len(frames) < _MIN_FRAMES or covered < _MIN_AUDIO_SHARE * len(body):
        raise Invalid(N_("只支持 MP3 格式的歌曲"))
    if seconds > max_seconds:
        raise Invalid(N_("歌曲不能超过 %(min)s 分钟"), min=max_seconds // 60)
    return Song(audio=b"".join(frames), seconds=round(seconds, 1))


def _without_tags(data: bytes) -> bytes:
    if data[:3] == b"ID3" and len(data) >= 10:
        size = (data[6] & 0x7F) << 21 | (data[7] & 0x7F) << 14 | (data[8] & 0x7F) << 7 | (data[9] & 0x7F)
        footer = 10 if data[5] & 0x10 else 0
        data = data[10 + size + footer :]
    if data[-128:-125] == b"TAG":
        data = data[:-128]
    if data[-32:-24] == b"APETAGEX":
        size = int.from_bytes(data[-20:-16], "little")
        data = data[: max(0, len(data) - size - 32)]  # the footer's size counts items and footer
    return data


def _frames(body: bytes) -> tuple[list[bytes], float, int]:
    """Walk the frames from the first sync; stop at the first byte that is not a frame."""
    frames: list[bytes] = []
    seconds = 0.0
    pos = body.find(b"\xff")
    while pos >= 0 and pos + 4 <= len(body):
        header = _header(body[pos : pos + 4])
        if header is None:
            break
        length, duration = header
        if pos + length > len(body):
            break
        frames.append(body[pos : pos + length])
        seconds += duration
        pos += length
    return frames, seconds, sum(len(f) for f in frames)


def _header(raw: bytes) -> tuple[int, float] | None:
    """(frame length in bytes, seconds) of a Layer III frame header, or None."""
    b1, b2 = raw[1], raw[2]
    if raw[0] != 0xFF or (b1 & 0xE0) != 0xE0:
        return None
    version, layer = (b1 >> 3) & 0x3, (b1 >> 1) & 0x3
    bitrate_index, rate_index, padding = b2 >> 4, (b2 >> 2) & 0x3, (b2 >> 1) & 0x1
    if version == 1 or layer != 1 or bitrate_index in (0, 15) or rate_index == 3:
        return None  # reserved version, not Layer III, free/bad bitrate, reserved rate
    mpeg1 = version == 3
    bitrate = _BITRATES[1 if mpeg1 else 2][bitrate_index] * 1000
    rate = _SAMPLE_RATES[version][rate_index]
    samples = 1152 if mpeg1 else 576
    length = samples // 8 * bitrate // rate + padding
    return length, samples / rate
