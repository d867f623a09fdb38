"""summarizer: extractive multi-document news summariser.

>>> from summarizer import load_paths, summarize, render
>>> result = load_paths(["samples/al-qaim-2017"])  # doctest: +SKIP
>>> print(render(summarize(result.articles), "markdown"))  # doctest: +SKIP

The pipeline and the loader are imported lazily so that importing the package (and
``summarizer --help``) stays fast. ``render`` is bound here, eagerly (its module imports
nothing heavy): a lazy attribute would be replaced by the submodule of the same name the
first time anything imports ``summarizer.render``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from .config import SummarizerConfig, TimelineConfig
from .errors import (
    ConfigError,
    EmptyInputError,
    InputError,
    MailError,
    RenderError,
    SummarizerError,
)
from .render import render
from .types import (
    Article,
    Briefing,
    BriefingItem,
    DailyBriefing,
    EventBriefing,
    Sentence,
    Skipped,
    Timeline,
    TimelineEntry,
)

if TYPE_CHECKING:
    from .load import LoadResult, load_paths
    from .pipeline import group_stream, summarize, summarize_day, summarize_timeline

__version__ = "0.1.0"

__all__ = [
    "Article",
    "Briefing",
    "BriefingItem",
    "ConfigError",
    "DailyBriefing",
    "EmptyInputError",
    "EventBriefing",
    "InputError",
    "LoadResult",
    "MailError",
    "RenderError",
    "Sentence",
    "Skipped",
    "SummarizerConfig",
    "SummarizerError",
    "Timeline",
    "TimelineConfig",
    "TimelineEntry",
    "group_stream",
    "load_paths",
    "render",
    "summarize",
    "summarize_day",
    "summarize_timeline",
]

_LAZY = {
    "summarize": ("pipeline", "summarize"),
    "summarize_day": ("pipeline", "summarize_day"),
    "group_stream": ("pipeline", "group_stream"),
    "summarize_timeline": ("pipeline", "summarize_timeline"),
    "load_paths": ("load", "load_paths"),
    "LoadResult": ("load", "LoadResult"),
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        from importlib import import_module

        module, attr = _LAZY[name]
        return getattr(import_module(f".{module}", __name__), attr)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
