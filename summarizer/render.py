"""Rendering: one Jinja environment (StrictUndefined, autoescaping for HTML templates)
for text, Markdown and HTML; JSON through json.dumps with a schema version."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import RenderError
from .types import Briefing, BriefingItem, DailyBriefing, EventBriefing

if TYPE_CHECKING:
    import jinja2

__all__ = ["FORMATS", "SCHEMA_VERSION", "briefing_to_dict", "render", "templates_dir"]

SCHEMA_VERSION = 1
FORMATS = ("text", "markdown", "html", "json")
_TEMPLATE_FOR = {
    "text": "briefing.txt.j2",
    "markdown": "briefing.md.j2",
    "html": "briefing.html.j2",
}
_DAILY_TEMPLATE_FOR = {
    fmt: name.replace("briefing.", "daily.") for fmt, name in _TEMPLATE_FOR.items()
}
_HTML_SUFFIXES = ("html", "htm", "xml", "html.j2", "htm.j2", "xml.j2")


def templates_dir() -> Path:
    """The shipped templates: inside the installed package, or the repository's top-level
    ``templates/`` in a source checkout."""
    here = Path(__file__).resolve().parent
    for candidate in (here / "templates", here.parent / "templates"):
        if (candidate / "briefing.txt.j2").is_file():
            return candidate
    raise RenderError(f"built-in templates not found next to {here}; reinstall summarizer")


def format_date(value: dt.date | None, basis: str = "stated") -> str:
    """ISO date; ``~`` marks an inferred date; ``date unknown`` when there is none."""
    if value is None:
        return "date unknown"
    return f"~{value.isoformat()}" if basis == "inferred" else value.isoformat()


def item_date(item: BriefingItem, day: dt.date | None = None) -> str:
    """An item's date as :func:`format_date` writes it, or "" when it is ``day`` (a
    digest's own date, said once in its header) and stated, not inferred."""
    if day is not None and item.date == day and item.date_basis != "inferred":
        return ""
    return format_date(item.date, item.date_basis)


def coverage(event: EventBriefing) -> str:
    """Who covered an event, only where it informs: "" for one report by one outlet,
    "3 outlets" when each ran its own text, else "3 outlets, 2 independent reports"."""
    outlets, texts = len(event.outlets), event.texts
    if outlets <= 1 and texts <= 1:
        return ""
    if outlets == texts:
        return plural(outlets, "outlet")
    return f"{plural(outlets, 'outlet')}, {plural(texts, 'independent report')}"


def format_sources(sources: tuple[str, ...]) -> str:
    """Comma-separated source names."""
    return ", ".join(sources)


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def escape_markdown(text: str) -> str:
    """Backslash-escape the characters Markdown would read as markup (and raw HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def plural(count: int, word: str) -> str:
    """``1 outlet``, ``2 outlets``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _environment(search_path: Path) -> jinja2.Environment:
    import jinja2

    env = jinja2.Environment(
        loader=jinja2.FileSystemLoader(str(search_path)),
        autoescape=jinja2.select_autoescape(
            enabled_extensions=_HTML_SUFFIXES, default_for_string=False, default=False
        ),
        undefined=jinja2.StrictUndefined,
        keep_trailing_newline=True,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["date"] = format_date
    env.filters["sources"] = format_sources
    env.filters["md"] = escape_markdown
    env.filters["plural"] = plural
    env.filters["item_date"] = item_date
    env.filters["coverage"] = coverage
    return env


def _item_dict(item: BriefingItem) -> dict[str, Any]:
    return {
        "text": item.text,
        "date": item.date.isoformat() if item.date else None,
        "date_basis": item.date_basis,
        "sources": list(item.sources),
        "article_id": item.article_id,
        "position": item.position,
        "score": item.score,
        "rank": item.rank,
    }


def _articles_and_skips(briefing: Briefing) -> dict[str, Any]:
    return {
        "articles": [
            {
                "id": a.id,
                "title": a.title,
                "source": a.source,
                "url": a.url,
                "published": a.published.isoformat() if a.published else None,
                "date_basis": a.date_basis,
            }
            for a in briefing.articles
        ],
    }


def briefing_to_dict(briefing: Briefing | DailyBriefing) -> dict[str, Any]:
    """The JSON document: plain data, stable keys, ``schema_version`` first."""
    if isinstance(briefing, DailyBriefing):
        return {
            "schema_version": SCHEMA_VERSION,
            "kind": "daily",
            "title": briefing.title,
            "date": briefing.date.isoformat() if briefing.date else None,
            "articles": briefing.articles,
            "events": [
                {
                    "headline": event.headline,
                    "importance": event.importance,
                    "texts": event.texts,
                    "outlets": list(event.outlets),
                    "date": event.briefing.date.isoformat() if event.briefing.date else None,
                    "items": [_item_dict(item) for item in event.briefing.items],
                }
                for event in briefing.events
            ],
            "remaining_events": briefing.remaining,
            "skipped": [{"path": s.path, "reason": s.reason} for s in briefing.skipped],
        }
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "event",
        "title": briefing.title,
        "date": briefing.date.isoformat() if briefing.date else None,
        "items": [_item_dict(item) for item in briefing.items],
        **_articles_and_skips(briefing),
        "skipped": [{"path": s.path, "reason": s.reason} for s in briefing.skipped],
    }


def render(
    briefing: Briefing | DailyBriefing,
    fmt: str = "text",
    *,
    template: str | Path | None = None,
) -> str:
    """Render a briefing (one event, or a day of them) as ``text``, ``markdown``, ``html``
    or ``json``.

    ``template`` is a user's own Jinja template file; it receives ``briefing`` and the
    ``date`` and ``sources`` filters, and is autoescaped when its name ends in ``.html``.

    Examples
    --------
    >>> from summarizer.types import Briefing
    >>> print(render(Briefing(title="Nothing", date=None, items=()), "json").splitlines()[1])
      "schema_version": 1,
    """
    import jinja2

    if template is None and fmt == "json":
        return json.dumps(briefing_to_dict(briefing), indent=2, ensure_ascii=False) + "\n"
    if template is None and fmt not in _TEMPLATE_FOR:
        raise RenderError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS)}")
    if template is not None:
        path = Path(template)
        if not path.is_file():
            raise RenderError(f"{path}: template file not found")
        env, name = _environment(path.resolve().parent), path.name
    else:
        names = _DAILY_TEMPLATE_FOR if isinstance(briefing, DailyBriefing) else _TEMPLATE_FOR
        env, name = _environment(templates_dir()), names[fmt]
    try:
        return env.get_template(name).render(briefing=briefing)
    except jinja2.TemplateError as exc:
        lineno = getattr(exc, "lineno", None)
        where = f"{name}:{lineno}" if lineno else name
        raise RenderError(f"{where}: template error: {exc}") from exc
    except Exception as exc:
        if template is None:
            raise  # a bug of ours, not the user's template: let it show
        # A user's template raised ({{ 1/0 }}, a method that fails): name its line.
        line = _template_line(exc, Path(template).resolve())
        where = f"{template}:{line}" if line else str(template)
        raise RenderError(f"{where}: template error: {type(exc).__name__}: {exc}") from exc


def _template_line(exc: BaseException, path: Path) -> int | None:
    """The line of ``path`` where ``exc`` was raised (Jinja maps its frames to the
    template file), or None."""
    import traceback

    lines = [
        frame.lineno
        for frame in traceback.extract_tb(exc.__traceback__)
        if frame.filename and Path(frame.filename).resolve() == path
    ]
    return lines[-1] if lines else None
