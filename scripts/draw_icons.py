#!/usr/bin/env python3
"""Draw the skill's icons: assets/images/<locale>_smallIconUri.png (108x108) and
<locale>_largeIconUri.png (512x512), the names and sizes of an exported ASK CLI
skill package. skill.json names them as file://assets/images/…, so nothing
needs hosting.

The drawing: a person in a slow side stretch, arms over the head, with a warm
glow at the lower back, white on a calm blue-green. It is drawn once at a large
size and scaled down, so the edges are smooth; the figure is a few thick strokes
so it still reads at 108 px, inside the circle the Alexa app crops icons to.

    .venv/bin/python scripts/draw_icons.py            # rewrite the icons
    .venv/bin/python scripts/draw_icons.py --check    # exit 1 if they differ
"""
from __future__ import annotations

import argparse
import io
import json
import sys
from pathlib import Path
from typing import Dict, List, Sequence, Tuple

from PIL import Image, ImageChops, ImageDraw, ImageFilter

ROOT = Path(__file__).resolve().parents[1]
IMAGES = ROOT / "assets" / "images"
SIZES = {"smallIconUri": 108, "largeIconUri": 512}
# Every locale skill.json publishes in: the skill package names one icon pair per locale.
LOCALES = tuple(json.loads((ROOT / "skill.json").read_text(encoding="utf-8"))["manifest"][
    "publishingInformation"]["locales"])
CANVAS = 2048  # drawn at this size, then scaled down

TOP = (24, 62, 92)        # deep blue at the top
BOTTOM = (38, 122, 128)   # blue-green at the bottom
GLOW = (255, 196, 120)    # warmth at the lower back
FIGURE = (255, 255, 255)

Point = Tuple[float, float]


def _bezier(points: Sequence[Point], steps: int = 64) -> List[Point]:
    """Points along a Bézier curve with these control points (unit coordinates)."""
    curve = []
    for i in range(steps + 1):
        t = i / steps
        layer = list(points)
        while len(layer) > 1:
            layer = [((1 - t) * a[0] + t * b[0], (1 - t) * a[1] + t * b[1])
                     for a, b in zip(layer, layer[1:])]
        curve.append(layer[0])
    return curve


def _stroke(draw: ImageDraw.ImageDraw, points: Sequence[Point], width: float) -> None:
    """A thick stroke with round ends: discs stamped closely along the path (Pillow's
    wide polylines leave notches at every joint of a curve)."""
    radius = width * CANVAS / 2
    for (x0, y0), (x1, y1) in zip(points, points[1:]):
        length = ((x1 - x0) ** 2 + (y1 - y0) ** 2) ** 0.5 * CANVAS
        steps = max(1, int(length / 2))
        for i in range(steps + 1):
            x = (x0 + (x1 - x0) * i / steps) * CANVAS
            y = (y0 + (y1 - y0) * i / steps) * CANVAS
            draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=FIGURE)


def draw() -> Image.Image:
    """The icon at CANVAS x CANVAS, RGB."""
    gradient = Image.linear_gradient("L").resize((CANVAS, CANVAS))
    image = Image.composite(Image.new("RGB", (CANVAS, CANVAS), BOTTOM),
                            Image.new("RGB", (CANVAS, CANVAS), TOP), gradient)

    # The warm glow where the spasm is: a soft disc behind the lower back.
    glow = Image.new("L", (CANVAS, CANVAS), 0)
    cx, cy, r = 0.43 * CANVAS, 0.56 * CANVAS, 0.17 * CANVAS
    ImageDraw.Draw(glow).ellipse((cx - r, cy - r, cx + r, cy + r), fill=190)
    glow = glow.filter(ImageFilter.GaussianBlur(CANVAS * 0.06))
    image = Image.composite(Image.new("RGB", (CANVAS, CANVAS), GLOW), image, glow)

    figure = ImageDraw.Draw(image)
    body, limb = 0.08, 0.055
    # Legs, a little apart, standing.
    _stroke(figure, [(0.42, 0.60), (0.35, 0.85)], limb)
    _stroke(figure, [(0.42, 0.60), (0.50, 0.85)], limb)
    # Torso: from the hips up, bending gently to the right.
    _stroke(figure, _bezier([(0.42, 0.60), (0.39, 0.48), (0.46, 0.40)]), body)
    # Head, apart from the body as in a pictogram, tipped with the stretch.
    hx, hy, hr = 0.555 * CANVAS, 0.285 * CANVAS, 0.068 * CANVAS
    figure.ellipse((hx - hr, hy - hr, hx + hr, hy + hr), fill=FIGURE)
    # Arms over the head, hands together above it, carrying the curve of the stretch.
    _stroke(figure, _bezier([(0.45, 0.41), (0.36, 0.20), (0.66, 0.12)]), limb)
    _stroke(figure, _bezier([(0.47, 0.41), (0.70, 0.36), (0.67, 0.13)]), limb)
    return image


def icons() -> Dict[str, Image.Image]:
    """File name -> image, for every locale and size."""
    big = draw()
    return {"%s_%s.png" % (locale, key): big.resize((size, size), Image.LANCZOS)
            for locale in LOCALES for key, size in SIZES.items()}


def png_bytes(image: Image.Image) -> bytes:
    buffer = io.BytesIO()
    image.save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()


def main(argv: List[str] = None) -> int:
    parser = argparse.ArgumentParser(description="Draw the skill icons into assets/images/.")
    parser.add_argument("--check", action="store_true",
                        help="compare with the icons on disk instead of writing them")
    parser.add_argument("--out", type=Path, default=IMAGES)
    args = parser.parse_args(argv)
    stale = []
    for name, image in icons().items():
        path = args.out / name
        if args.check:
            try:
                with Image.open(path) as existing:
                    same = (existing.size == image.size and ImageChops.difference(
                        existing.convert("RGB"), image).getbbox() is None)
            except OSError:
                same = False
            if not same:
                stale.append(str(path))
            continue
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(png_bytes(image))
        print("%s: %dx%d" % (path, image.width, image.height))
    if stale:
        sys.stderr.write("icons differ from the drawing: %s\n(run scripts/draw_icons.py)\n"
                         % ", ".join(stale))
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
