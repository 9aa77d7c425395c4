#!/usr/bin/env python3
"""Render each stretch drawing to PNG, so a person can check it (docs/drawings/).

The drawings live as Alexa Vector Graphics in lambda/spasm_coach/content/apl/drawings.json.
AVG paths are SVG path data, so each drawing is written out as SVG (paths and groups with
translate and scale, which is all the drawings use) and rendered by CairoSVG, on the
same black background the screens use.

    .venv/bin/python scripts/drawings.py [--out docs/drawings] [--scale 2]
"""
from __future__ import annotations

import argparse
import json
import sys
from pathlib import Path
from typing import Any, Dict, List
from xml.sax.saxutils import quoteattr

ROOT = Path(__file__).resolve().parents[1]
DRAWINGS = ROOT / "lambda" / "spasm_coach" / "content" / "apl" / "drawings.json"
BACKGROUND = "#000000"
# AVG path property -> SVG attribute (AVG's defaults are SVG's, except fill: none).
PATH_ATTRIBUTES = {"pathData": "d", "stroke": "stroke", "strokeWidth": "stroke-width",
                   "strokeLineCap": "stroke-linecap", "strokeLineJoin": "stroke-linejoin",
                   "strokeOpacity": "stroke-opacity", "strokeDashArray": "stroke-dasharray",
                   "fill": "fill", "fillOpacity": "fill-opacity"}
GROUP_PROPERTIES = {"type", "items", "translateX", "translateY", "scaleX", "scaleY", "description"}


def load() -> Dict[str, Any]:
    return json.loads(DRAWINGS.read_text(encoding="utf-8"))["drawings"]


def _item(item: Dict[str, Any]) -> str:
    if item["type"] == "path":
        unknown = set(item) - set(PATH_ATTRIBUTES) - {"type"}
        if unknown:
            raise ValueError("path properties this renderer does not know: %s" % sorted(unknown))
        attributes = {"fill": "none"}
        attributes.update({PATH_ATTRIBUTES[k]: " ".join(map(str, v)) if isinstance(v, list) else str(v)
                           for k, v in item.items() if k != "type"})
        return "<path %s/>" % " ".join("%s=%s" % (k, quoteattr(v)) for k, v in attributes.items())
    if item["type"] == "group":
        unknown = set(item) - GROUP_PROPERTIES
        if unknown:
            raise ValueError("group properties this renderer does not know: %s" % sorted(unknown))
        # AVG applies scale, then translation: in SVG's right-to-left order.
        transform = "translate(%g %g) scale(%g %g)" % (
            item.get("translateX", 0), item.get("translateY", 0), item.get("scaleX", 1), item.get("scaleY", 1))
        inner = "".join(_item(child) for child in item.get("items", []))
        return '<g transform="%s">%s</g>' % (transform, inner)
    raise ValueError("AVG item type this renderer does not know: %r" % item["type"])


def to_svg(graphic: Dict[str, Any]) -> str:
    """An AVG graphic (the subset the drawings use) as an SVG document."""
    width, height = graphic["width"], graphic["height"]
    items: List[str] = [_item(item) for item in graphic["items"]]
    return ('<svg xmlns="http://www.w3.org/2000/svg" width="{w}" height="{h}" viewBox="0 0 {w} {h}">'
            '<rect width="100%" height="100%" fill="{bg}"/>{items}</svg>').format(
                w=width, h=height, bg=BACKGROUND, items="".join(items))


def render(out: Path, scale: float = 2.0) -> List[Path]:
    import cairosvg  # imported here: only this script and its test need it
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for name, graphic in sorted(load().items()):
        target = out / ("%s.png" % name)
        cairosvg.svg2png(bytestring=to_svg(graphic).encode("utf-8"), write_to=str(target), scale=scale)
        written.append(target)
    return written


def main(argv: List[str]) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default=str(ROOT / "docs" / "drawings"))
    parser.add_argument("--scale", type=float, default=2.0)
    args = parser.parse_args(argv)
    for path in render(Path(args.out), args.scale):
        print(path)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
