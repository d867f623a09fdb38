"""The e-mail HTML rendered by headless Chromium at phone and desktop widths. Runs where
Chromium is installed (.ci/run installs Debian's chromium)."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tools"))
import screenshots

pytestmark = pytest.mark.skipif(screenshots.chromium() is None, reason="chromium not installed")


@pytest.mark.parametrize("kind", screenshots.KINDS)
def test_digest_renders_at_phone_and_desktop_width(kind: str, tmp_path: Path) -> None:
    page = tmp_path / "digest.html"
    page.write_text(screenshots.email_html(kind), encoding="utf-8")
    for size in (screenshots.PHONE, screenshots.DESKTOP):
        png = tmp_path / f"{size[0]}.png"
        screenshots.screenshot(page, png, size)
        assert screenshots.png_size(png) == size
        # A page of text compresses far less than a blank one (a few kB).
        assert png.stat().st_size > 20_000
