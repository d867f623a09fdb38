"""Render HTML digests to PNG with headless Chromium (Debian's ``chromium`` package), at
phone and desktop widths: for looking at them, for the README, and for the tests.

    python tools/screenshots.py [--out docs]

writes docs/{daily,brief,timeline}-{phone,desktop}.png from the e-mail HTML (CSS
inlined) of the samples: the daily digest of Tuesday in samples/stream/ compared with
Monday's, and the briefing and the timeline of samples/al-qaim-2017/.
"""

from __future__ import annotations

import argparse
import shutil
import struct
import subprocess
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("daily", "brief", "timeline")
PHONE = (390, 1500)
DESKTOP = (1280, 1000)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-quic",
    "--no-first-run",
    "--hide-scrollbars",
    "--force-device-scale-factor=1",
]


def chromium() -> str | None:
    """The Chromium executable, if installed."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def screenshot(html: Path, png: Path, size: tuple[int, int], *, timeout: float = 120) -> None:
    """Render ``html`` (a local file) to ``png`` at ``size`` (width, height)."""
    exe = chromium()
    if exe is None:
        raise RuntimeError("chromium is not installed (apt-get install chromium)")
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            [
                exe,
                *FLAGS,
                f"--user-data-dir={profile}",
                f"--window-size={size[0]},{size[1]}",
                f"--screenshot={png}",
                html.resolve().as_uri(),
            ],
            check=True,
            capture_output=True,
            timeout=timeout,
        )


def png_size(png: Path) -> tuple[int, int]:
    """Width and height from a PNG's header."""
    data = png.read_bytes()[:24]
    if data[:8] != b"\x89PNG\r\n\x1a\n":
        raise ValueError(f"{png} is not a PNG")
    return struct.unpack(">II", data[16:24])


def email_html(kind: str) -> str:
    """The HTML part of the sample digest, as it is mailed (CSS inlined)."""
    from summarizer.load import load_paths
    from summarizer.mail import inline_css
    from summarizer.pipeline import summarize, summarize_day, summarize_timeline
    from summarizer.render import render

    if kind == "daily":
        import datetime as dt

        from summarizer.config import SummarizerConfig
        from summarizer.types import PreviousDaily

        # Tuesday of the sample stream, compared with Monday's digest.
        articles = load_paths([ROOT / "samples" / "stream"]).articles
        config = SummarizerConfig().with_options(events={"max_words_per_event": 50})
        monday = summarize_day(
            articles, config.with_options(briefing={"date": dt.date(2024, 5, 6)})
        )
        assert monday.state is not None
        briefing = summarize_day(
            articles,
            config.with_options(briefing={"date": dt.date(2024, 5, 7)}),
            previous=PreviousDaily(date=monday.date, state=monday.state, seen=monday.seen),
        )
    elif kind == "timeline":
        timeline = summarize_timeline(load_paths([ROOT / "samples" / "al-qaim-2017"]).articles)
        return inline_css(render(timeline, "html"))
    else:
        briefing = summarize(load_paths([ROOT / "samples" / "al-qaim-2017"]).articles)
    return inline_css(render(briefing, "html"))


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--out", default=str(ROOT / "docs"))
    args = parser.parse_args()
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        for kind in KINDS:
            page = Path(tmp) / f"{kind}.html"
            page.write_text(email_html(kind), encoding="utf-8")
            for name, size in (("phone", PHONE), ("desktop", DESKTOP)):
                target = out / f"{kind}-{name}.png"
                screenshot(page, target, size)
                print(f"{target}: {png_size(target)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
