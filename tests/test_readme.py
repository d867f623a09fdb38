"""The README shows what the commands really print."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from summarizer.cli import main

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize(
    ("heading", "command"),
    [
        ("## What it prints", "brief"),
        ("On the five sample articles (`summarizer timeline", "timeline"),
    ],
)
def test_readme_sample_output_is_what_the_command_prints(capsys, heading, command) -> None:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme[readme.index(heading) :]
    shown = re.search(r"```text\n(.*?)```", section, re.S)
    assert shown is not None
    assert main([command, str(ROOT / "samples" / "al-qaim-2017")]) == 0
    assert capsys.readouterr().out == shown.group(1)
