"""Rendered output on the sample, compared with tests/golden/. Refresh deliberately with
``pytest tests/test_golden.py --update-golden`` and review the diff."""

from __future__ import annotations

from pathlib import Path

import pytest

from summarizer.render import render

GOLDEN = Path(__file__).resolve().parent / "golden"
SUFFIX = {"text": "txt", "markdown": "md", "html": "html", "json": "json"}
#: golden file stem -> the fixture that makes the document
DOCUMENTS = {"al-qaim-2017": "sample_briefing", "al-qaim-2017-timeline": "sample_timeline"}


@pytest.mark.parametrize("stem", list(DOCUMENTS))
@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_golden(fmt: str, stem: str, request) -> None:
    path = GOLDEN / f"{stem}.{SUFFIX[fmt]}"
    output = render(request.getfixturevalue(DOCUMENTS[stem]), fmt)
    if request.config.getoption("--update-golden"):
        path.write_text(output, encoding="utf-8")
    assert path.read_text(encoding="utf-8") == output
