"""Deterministic pictures for the demo: simple Pillow drawings suggestive of each kind, and avatars.

No CJK font ships with Nook or is guaranteed on the host, so avatars are geometric (a symmetric
5×5 pattern on a coloured tile) rather than the nickname's first character.
"""

from __future__ import annotations

import hashlib
import io
from collections.abc import Callable
from functools import lru_cache
from random import Random

from PIL import Image, ImageDraw, ImageFilter

from nook.demo.model import DemoImage

WIDTH, HEIGHT = 800, 600
AVATAR_SIZE = 256
RGB = tuple[int, int, int]
Painter = Callable[[Image.Image, Random], None]


def render_demo_image(spec: DemoImage) -> bytes:
    """An 800×600 JPEG for the spec's kind; the same (kind, seed) always gives the same bytes."""
    return _render(spec.kind, spec.seed)


@lru_cache(maxsize=256)
def _render(kind: str, seed: int) -> bytes:
    rng = Random(f"{kind}:{seed}")  # noqa: S311 - drawing, not security: it must be reproducible
    image = Image.new("RGB", (WIDTH, HEIGHT))
    _PAINTERS[kind](image, rng)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=80, optimize=True)
    return out.getvalue()


def render_avatar(seed: int, nickname: str) -> bytes:
    """A 256×256 PNG: a symmetric 5×5 pattern on a tile, coloured from the seed and nickname."""
    digest = hashlib.sha256(f"{seed}:{nickname}".encode()).digest()
    hue = _hsv(digest[0] / 255, 0.45, 0.9)
    ink = _hsv(digest[0] / 255, 0.7, 0.45)
    image = Image.new("RGB", (AVATAR_SIZE, AVATAR_SIZE), hue)
    draw = ImageDraw.Draw(image)
    cell = AVATAR_SIZE // 7
    for row in range(5):
        for col in range(3):  # mirror columns 0-2 onto 4-2 so the face is symmetric
            if digest[1 + row * 3 + col] % 2:
                for c in {col, 4 - col}:
                    x, y = (c + 1) * cell, (row + 1) * cell
                    draw.rectangle((x, y, x + cell - 1, y + cell - 1), fill=ink)
    out = io.BytesIO()
    image.save(out, "PNG", optimize=True)
    return out.getvalue()


def _hsv(h: float, s: float, v: float) -> RGB:
    pixel = Image.new("HSV", (1, 1), (int(h * 255), int(s * 255), int(v * 255))).convert("RGB")
    r, g, b = pixel.getpixel((0, 0))  # type: ignore[misc]
    return (r, g, b)


def _jitter(rng: Random, colour: RGB, amount: int = 18) -> RGB:
    r, g, b = (max(0, min(255, c + rng.randint(-amount, amount))) for c in colour)
    return (r, g, b)


def _gradient(image: Image.Image, top: RGB, bottom: RGB, box: tuple[int, int, int, int] | None = None) -> None:
    x0, y0, x1, y1 = box or (0, 0, WIDTH, HEIGHT)
    mask = Image.linear_gradient("L").resize((x1 - x0, y1 - y0))
    image.paste(Image.composite(Image.new("RGB", mask.size, bottom), Image.new("RGB", mask.size, top), mask), (x0, y0))


def _ridge(rng: Random, base: int, height: int, step: int = 40) -> list[tuple[int, int]]:
    """A mountain skyline polygon closed along the bottom edge."""
    points = [(0, HEIGHT)]
    for x in range(0, WIDTH + step, step):
        points.append((x, base - rng.randint(0, height)))
    return [*points, (WIDTH, HEIGHT)]


def _stars(draw: ImageDraw.ImageDraw, rng: Random, count: int, bottom: int) -> None:
    for _ in range(count):
        x, y, r = rng.randrange(WIDTH), rng.randrange(bottom), rng.choice((0.6, 0.8, 1, 1, 1.5, 2))
        shade = rng.randint(150, 255)
        draw.ellipse((x - r, y - r, x + r, y + r), fill=(shade, shade, min(255, shade + 20)))


def _paint_starry(image: Image.Image, rng: Random) -> None:
    _gradient(image, _jitter(rng, (8, 12, 40)), _jitter(rng, (40, 30, 80)))
    draw = ImageDraw.Draw(image)
    tilt = rng.uniform(-0.5, 0.5)
    for _ in range(500):  # the milky way: a dense diagonal band of faint stars
        x = rng.randrange(WIDTH)
        y = int(HEIGHT * 0.35 + (x - WIDTH / 2) * tilt + rng.gauss(0, 45))
        shade = rng.randint(90, 170)
        draw.point((x, y), fill=(shade, shade, shade + 30 if shade < 225 else 255))
    _stars(draw, rng, 260, int(HEIGHT * 0.8))
    draw.polygon(_ridge(rng, int(HEIGHT * 0.82), 90), fill=(6, 8, 18))


def _paint_lake(image: Image.Image, rng: Random) -> None:
    horizon = int(HEIGHT * rng.uniform(0.5, 0.58))
    _gradient(image, _jitter(rng, (110, 170, 230)), (235, 242, 250), (0, 0, WIDTH, horizon))
    draw = ImageDraw.Draw(image)
    draw.polygon(_ridge(rng, horizon, 120, 60), fill=_jitter(rng, (90, 110, 140)))
    draw.polygon(_ridge(rng, horizon, 50, 30), fill=_jitter(rng, (70, 90, 110)))
    sky = image.crop((0, 0, WIDTH, horizon)).transpose(Image.Transpose.FLIP_TOP_BOTTOM)
    reflection = Image.blend(sky, Image.new("RGB", sky.size, (200, 215, 230)), 0.25)
    image.paste(reflection.crop((0, 0, WIDTH, HEIGHT - horizon)), (0, horizon))


def _paint_sunset(image: Image.Image, rng: Random) -> None:
    horizon = int(HEIGHT * 0.65)
    _gradient(image, _jitter(rng, (90, 60, 140)), _jitter(rng, (250, 150, 90)), (0, 0, WIDTH, horizon))
    draw = ImageDraw.Draw(image)
    cx, r = rng.randint(250, 550), rng.randint(40, 70)
    draw.ellipse((cx - r, horizon - r, cx + r, horizon + r), fill=(255, 210, 140))
    _gradient(image, (120, 80, 90), (40, 30, 60), (0, horizon, WIDTH, HEIGHT))  # water hides the sun's lower half
    for i in range(14):  # glitter on the water below the sun
        y = horizon + 8 + i * 14
        half = max(6, r - i * 3 + rng.randint(-8, 8))
        draw.line((cx - half, y, cx + half, y), fill=(255, 200, 150), width=2)


def _paint_sky(image: Image.Image, rng: Random) -> None:
    _gradient(image, _jitter(rng, (70, 140, 220)), (200, 225, 245))
    layer = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(layer)
    for _ in range(rng.randint(3, 6)):
        cx, cy = rng.randrange(WIDTH), rng.randint(60, 380)
        for _ in range(7):
            w, h = rng.randint(60, 140), rng.randint(30, 60)
            x, y = cx + rng.randint(-90, 90), cy + rng.randint(-25, 25)
            draw.ellipse((x - w, y - h, x + w, y + h), fill=(255, 255, 255, 210))
    soft = layer.filter(ImageFilter.GaussianBlur(6))
    image.paste(soft, (0, 0), soft)


def _paint_street(image: Image.Image, rng: Random) -> None:
    _gradient(image, _jitter(rng, (40, 50, 100)), _jitter(rng, (230, 140, 110)))
    draw = ImageDraw.Draw(image)
    x = 0
    while x < WIDTH:
        w, h = rng.randint(60, 130), rng.randint(150, 420)
        draw.rectangle((x, HEIGHT - h, x + w, HEIGHT), fill=_jitter(rng, (30, 32, 45), 8))
        for wy in range(HEIGHT - h + 15, HEIGHT - 20, 24):
            for wx in range(x + 10, x + w - 14, 20):
                if rng.random() < 0.35:
                    draw.rectangle((wx, wy, wx + 9, wy + 12), fill=(250, 215, 130))
        x += w + rng.randint(0, 12)


def _paint_food(image: Image.Image, rng: Random) -> None:
    wood = _jitter(rng, (150, 100, 65))
    image.paste(wood, (0, 0, WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for y in range(0, HEIGHT, 40):
        draw.line((0, y + rng.randint(0, 10), WIDTH, y + rng.randint(0, 10)), fill=_jitter(rng, wood, 25), width=3)
    cx, cy = WIDTH // 2 + rng.randint(-60, 60), HEIGHT // 2 + 40
    draw.ellipse((cx - 250, cy - 90, cx + 250, cy + 170), fill=(60, 40, 30))  # shadow
    draw.chord((cx - 240, cy - 120, cx + 240, cy + 200), 0, 180, fill=_jitter(rng, (235, 235, 225)))
    draw.ellipse((cx - 240, cy - 120, cx + 240, cy + 40), fill=(245, 245, 240))
    draw.ellipse((cx - 215, cy - 105, cx + 215, cy + 25), fill=_jitter(rng, (200, 110, 50)))
    for _ in range(18):  # noodles
        x0 = cx + rng.randint(-170, 120)
        draw.arc((x0, cy - 90, x0 + 80, cy + 10), 200, 340, fill=(245, 220, 150), width=4)
    for _ in range(6):  # greens and egg
        x0, y0 = cx + rng.randint(-170, 150), cy + rng.randint(-85, -5)
        draw.ellipse((x0, y0, x0 + 22, y0 + 14), fill=rng.choice([(90, 160, 70), (250, 200, 60)]))
    draw.line((cx + 120, cy - 200, cx + 330, cy + 60), fill=(90, 55, 30), width=9)
    draw.line((cx + 150, cy - 210, cx + 355, cy + 45), fill=(90, 55, 30), width=9)
    for i in range(3):  # steam
        x0 = cx - 80 + i * 70
        draw.arc((x0, cy - 260, x0 + 40, cy - 140), 100, 260, fill=(250, 245, 240), width=3)


def _paint_cat(image: Image.Image, rng: Random) -> None:
    _gradient(image, _jitter(rng, (245, 220, 180)), _jitter(rng, (210, 160, 120)))
    draw = ImageDraw.Draw(image)
    draw.rectangle((470, 60, 740, 330), fill=(190, 220, 240), outline=(250, 250, 250), width=10)
    draw.line((605, 60, 605, 330), fill=(250, 250, 250), width=8)
    draw.rectangle((0, 470, WIDTH, HEIGHT), fill=_jitter(rng, (150, 105, 75)))
    fur = rng.choice([(40, 35, 35), (210, 130, 60), (120, 110, 100)])
    cx = rng.randint(220, 380)
    draw.ellipse((cx - 120, 280, cx + 120, 500), fill=fur)  # body
    draw.ellipse((cx - 75, 170, cx + 75, 310), fill=fur)  # head
    draw.polygon([(cx - 70, 220), (cx - 55, 130), (cx - 15, 185)], fill=fur)
    draw.polygon([(cx + 70, 220), (cx + 55, 130), (cx + 15, 185)], fill=fur)
    draw.arc((cx + 60, 330, cx + 230, 510), 270, 90, fill=fur, width=22)  # tail
    for side in (-1, 1):
        ex = cx + side * 30
        draw.ellipse((ex - 10, 225, ex + 10, 245), fill=(240, 220, 120))


def _paint_notebook(image: Image.Image, rng: Random) -> None:
    image.paste(_jitter(rng, (215, 195, 170)), (0, 0, WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    draw.rectangle((95, 85, 715, 535), fill=(120, 95, 80))  # cover edge
    for x0 in (105, 405):
        draw.rectangle((x0, 80, x0 + 295, 525), fill=(252, 249, 240))
        for y in range(120, 510, 26):
            draw.line((x0 + 20, y, x0 + 275, y), fill=(215, 215, 225), width=1)
    for _ in range(rng.randint(3, 5)):  # washi tape and stickers
        colour = (*_jitter(rng, rng.choice([(240, 170, 170), (160, 210, 190), (250, 220, 140)]), 20), 170)
        tape = Image.new("RGBA", (rng.randint(110, 180), 34), colour)
        tape = tape.rotate(rng.randint(-35, 35), expand=True)
        image.paste(tape, (rng.randint(110, 560), rng.randint(90, 470)), tape)
    draw.line((560, 560, 760, 420), fill=(40, 40, 60), width=10)  # pen
    x, y = rng.randint(140, 280), rng.randint(300, 400)
    draw.ellipse((x, y, x + 90, y + 90), outline=(220, 120, 120), width=4)  # a hand-drawn circle


def _paint_cake(image: Image.Image, rng: Random) -> None:
    _gradient(image, _jitter(rng, (250, 230, 235)), _jitter(rng, (230, 210, 240)))
    draw = ImageDraw.Draw(image)
    cream = _jitter(rng, (170, 225, 200), 12)
    draw.ellipse((180, 470, 620, 540), fill=(235, 235, 240))  # plate
    draw.rectangle((230, 300, 570, 500), fill=cream)
    draw.ellipse((230, 470, 570, 520), fill=cream)
    draw.ellipse((230, 270, 570, 330), fill=(250, 250, 245))
    for x in range(240, 570, 30):
        draw.ellipse((x, 315, x + 24, 339), fill=(250, 250, 245))
    for i in range(rng.randint(3, 6)):
        x = 290 + i * 45
        draw.rectangle((x, 210, x + 10, 295), fill=rng.choice([(250, 200, 90), (130, 180, 240), (240, 130, 150)]))
        draw.ellipse((x - 5, 180, x + 15, 212), fill=(255, 190, 60))
    for _ in range(60):
        x, y = rng.randrange(WIDTH), rng.randrange(HEIGHT)
        draw.ellipse((x, y, x + 6, y + 6), fill=_jitter(rng, (240, 160, 180), 60))


def _paint_trophy(image: Image.Image, rng: Random) -> None:
    _gradient(image, (15, 10, 35), _jitter(rng, (60, 20, 90)))
    glow = Image.new("RGB", image.size, (0, 0, 0))
    gdraw = ImageDraw.Draw(glow)
    for colour in ((0, 220, 255), (255, 40, 180)):
        y = rng.randint(80, 520)
        gdraw.line((0, y, WIDTH, y + rng.randint(-150, 150)), fill=colour, width=8)
    image.paste(Image.blend(image, glow.filter(ImageFilter.GaussianBlur(10)), 0.5))
    draw = ImageDraw.Draw(image)
    gold = _jitter(rng, (235, 185, 60), 10)
    draw.chord((300, 110, 500, 330), 0, 180, fill=gold)
    draw.rectangle((300, 110, 500, 220), fill=gold)
    draw.arc((250, 130, 330, 230), 90, 270, fill=gold, width=14)
    draw.arc((470, 130, 550, 230), 270, 90, fill=gold, width=14)
    draw.rectangle((385, 330, 415, 420), fill=gold)
    draw.rectangle((320, 420, 480, 470), fill=(120, 80, 40))
    draw.line((340, 130, 340, 280), fill=(255, 240, 190), width=6)


def _paint_stage(image: Image.Image, rng: Random) -> None:
    _gradient(image, (5, 5, 20), _jitter(rng, (50, 20, 70)))
    beams = Image.new("RGBA", image.size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(beams)
    for _ in range(5):
        x = rng.randint(100, 700)
        spread = rng.randint(60, 160)
        colour = rng.choice([(170, 255, 220), (255, 255, 255), (150, 200, 255)])
        draw.polygon([(x, 0), (x - spread, 420), (x + spread, 420)], fill=(*colour, 60))
    image.paste(beams, (0, 0), beams)
    draw = ImageDraw.Draw(image)
    draw.rectangle((80, 380, 720, 430), fill=(30, 30, 45))  # stage
    draw.ellipse((385, 300, 415, 330), fill=(20, 20, 25))
    draw.rectangle((388, 328, 412, 385), fill=(20, 20, 25))
    for _ in range(420):  # lightsticks in the crowd, mostly mint green
        x, y = rng.randrange(WIDTH), rng.randint(450, HEIGHT)
        colour = (120, 240, 200) if rng.random() < 0.8 else (255, 255, 255)
        draw.ellipse((x, y, x + 5, y + 5), fill=colour)


def _paint_toys(image: Image.Image, rng: Random) -> None:
    image.paste(_jitter(rng, (240, 225, 200)), (0, 0, WIDTH, HEIGHT))
    draw = ImageDraw.Draw(image)
    for x in range(0, WIDTH, 100):  # play mat tiles
        for y in range(300, HEIGHT, 100):
            if (x + y) // 100 % 2:
                draw.rectangle((x, y, x + 99, y + 99), fill=(225, 235, 215))
    colours = [(240, 90, 80), (250, 200, 70), (90, 170, 230), (120, 200, 120)]
    base_x = rng.randint(120, 300)
    for level in range(rng.randint(3, 5)):  # a tower of blocks
        x = base_x + rng.randint(-10, 10)
        y = 500 - level * 70
        draw.rectangle((x, y, x + 70, y + 70), fill=rng.choice(colours), outline=(255, 255, 255), width=3)
    bx, by = rng.randint(480, 640), rng.randint(380, 460)
    draw.ellipse((bx, by, bx + 110, by + 110), fill=rng.choice(colours))
    draw.arc((bx + 10, by + 10, bx + 100, by + 100), 200, 300, fill=(255, 255, 255), width=6)


_PAINTERS: dict[str, Painter] = {
    "starry": _paint_starry,
    "lake": _paint_lake,
    "sunset": _paint_sunset,
    "sky": _paint_sky,
    "street": _paint_street,
    "food": _paint_food,
    "cat": _paint_cat,
    "notebook": _paint_notebook,
    "cake": _paint_cake,
    "trophy": _paint_trophy,
    "stage": _paint_stage,
    "toys": _paint_toys,
}
IMAGE_KINDS: tuple[str, ...] = tuple(_PAINTERS)
