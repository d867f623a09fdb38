"""summarizer: extractive multi-document news summariser.

>>> from summarizer import load_paths, summarize, render
>>> result = load_paths(["samples/al-qaim-2017"])  # doctest: +SKIP
>>> print(render(summarize(result.articles), "markdown"))  # doctest: +SKIP

The pipeline and renderer are imported lazily so that importing the package (and
``summarizer --help``) stays fast.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import SummarizerConfig
from .errors import ConfigError, EmptyInputError, InputError, RenderError, SummarizerError
from .types import Article, Briefing, BriefingItem, Sentence, Skipped

if TYPE_CHECKING:
    from .load import LoadResult, load_paths
    from .pipeline import summarize
    from .render import render

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Briefing",
    "BriefingItem",
    "ConfigError",
    "EmptyInputError",
    "InputError",
    "LoadResult",
    "RenderError",
    "Sentence",
    "Skipped",
    "SummarizerConfig",
    "SummarizerError",
    "load_paths",
    "render",
    "summarize",
]

_LAZY = {
    "summarize": ("pipeline", "summarize"),
    "render": ("render", "render"),
    "load_paths": ("load", "load_paths"),
    "LoadResult": ("load", "LoadResult"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        return getattr(import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
