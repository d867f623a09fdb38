"""The public Python API: the names in ``summarizer.__all__`` are what they say, whatever
was imported before, and the package ships its type information."""

from __future__ import annotations

import subprocess
import sys
import types
from pathlib import Path

import pytest

import summarizer

FIRST_IMPORTS = [
    "",
    "import summarizer.render",
    "from summarizer.render import render",
    "import summarizer.pipeline",
    "import summarizer.load",
    "import summarizer.cli",
]


@pytest.mark.parametrize("first", FIRST_IMPORTS)
def test_public_names_are_the_functions_whatever_was_imported_first(first: str) -> None:
    code = (
        f"{first}\n"
        "import types\n"
        "import summarizer as s\n"
        "s.render\n"
        "import summarizer.render, summarizer.pipeline, summarizer.load\n"
        "for name in s.__all__:\n"
        "    value = getattr(s, name)\n"
        "    assert not isinstance(value, types.ModuleType), name\n"
        "assert s.render.__module__ == 'summarizer.render', s.render\n"
        "assert s.summarize.__module__ == 'summarizer.pipeline'\n"
        "assert s.summarize_day.__module__ == 'summarizer.pipeline'\n"
        "from summarizer.types import Briefing\n"
        "print(s.render(Briefing(title='T', date=None, items=()), 'text').splitlines()[0])\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert out.stdout == "T\n"


def test_every_public_name_resolves() -> None:
    for name in summarizer.__all__:
        assert not isinstance(getattr(summarizer, name), types.ModuleType), name
    from summarizer.pipeline import summarize_day

    assert summarizer.summarize_day is summarize_day


def test_the_package_is_typed() -> None:
    # PEP 561: without py.typed, users' mypy ignores the annotations.
    assert (Path(summarizer.__file__).parent / "py.typed").is_file()
