"""The skill's icons: drawn by scripts/draw_icons.py, shipped in the skill package."""
from __future__ import annotations

import json
import subprocess
import sys

import pytest
from PIL import Image

from spasm_coach.config import PROJECT_ROOT

LOCALES = json.loads((PROJECT_ROOT / "skill.json").read_text())["manifest"][
    "publishingInformation"]["locales"]
SIZES = {"smallIconUri": 108, "largeIconUri": 512}


def icon(locale, key):
    uri = LOCALES[locale][key]
    assert uri == "file://assets/images/%s_%s.png" % (locale, key)
    return PROJECT_ROOT / uri[len("file://"):]


@pytest.mark.parametrize("locale", sorted(LOCALES))
@pytest.mark.parametrize("key", sorted(SIZES))
def test_icons_are_pngs_of_the_sizes_alexa_takes(locale, key):
    with Image.open(icon(locale, key)) as image:
        assert image.format == "PNG"
        assert image.size == (SIZES[key], SIZES[key])


def test_the_icons_are_the_projects_drawing():
    result = subprocess.run([sys.executable, str(PROJECT_ROOT / "scripts" / "draw_icons.py"),
                             "--check"], capture_output=True, text=True, timeout=60)
    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize("locale", sorted(LOCALES))
def test_the_figure_reads_at_108_px_inside_the_circle_the_app_shows(locale):
    with Image.open(icon(locale, "smallIconUri")) as image:
        pixels = image.convert("L").load()
        size = image.width
    figure = outside = 0
    for y in range(size):
        for x in range(size):
            if pixels[x, y] >= 235:  # the white figure
                figure += 1
                if (x + 0.5 - size / 2) ** 2 + (y + 0.5 - size / 2) ** 2 > (size / 2 - 2) ** 2:
                    outside += 1
    assert 0.06 <= figure / (size * size) <= 0.35  # a clear figure, not a speck or a blob
    assert outside == 0  # nothing cut off where the app rounds the icon
