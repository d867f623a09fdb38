"""Rendered output on the sample, compared with tests/golden/. Refresh deliberately with
``pytest tests/test_golden.py --update-golden`` and review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.render import render

GOLDEN = Path(__file__).resolve().parent / "golden"
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_golden(fmt: str, sample_briefing, request) -> None:
    path = GOLDEN / f"al-qaim-2017.{SUFFIX[fmt]}"
    output = render(sample_briefing, fmt)
    if request.config.getoption("--update-golden"):
        path.write_text(output, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == output
