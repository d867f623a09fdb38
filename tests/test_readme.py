"""The README shows what the commands really print."""

from __future__ import annotations

import re
from pathlib import Path

from summarizer.cli import main

ROOT = Path(__file__).resolve().parent.parent


def test_readme_sample_briefing_is_what_brief_prints(capsys) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index("## What it prints") :]
    shown = re.search(r"```text\n(.*?)```", section, re.S)
    assert shown is not None
    assert main(["brief", str(ROOT / "samples" / "al-qaim-2017")]) == 0
    assert capsys.readouterr().out == shown.group(1)
