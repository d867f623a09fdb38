"""Rendering: one Jinja environment (StrictUndefined, autoescaping for HTML templates)
for text, Markdown and HTML; JSON through json.dumps with a schema version."""

from __future__ import annotations

import datetime as dt
import json
import re
from pathlib import Path
from typing import TYPE_CHECKING, Any

from .errors import RenderError
from .types import Briefing, BriefingItem, DailyBriefing, EventBriefing, Timeline

if TYPE_CHECKING:
    from collections.abc import Mapping, Sequence

    import jinja2

    from .stories import Grouping, Story
    from .types import Skipped

__all__ = [
    "FORMATS",
    "SCHEMA_VERSION",
    "STORY_FORMATS",
    "briefing_to_dict",
    "render",
    "render_stories",
    "stories_to_dict",
    "templates_dir",
    "timeline_to_dict",
]

SCHEMA_VERSION = 1
FORMATS = ("text", "markdown", "html", "json")
STORY_FORMATS = ("text", "json", "tsv")
_TEMPLATE_FOR = {
    "text": "briefing.txt.j2",
    "markdown": "briefing.md.j2",
    "html": "briefing.html.j2",
}
_DAILY_TEMPLATE_FOR = {
    fmt: name.replace("briefing.", "daily.") for fmt, name in _TEMPLATE_FOR.items()
}
_TIMELINE_TEMPLATE_FOR = {
    fmt: name.replace("briefing.", "timeline.") for fmt, name in _TEMPLATE_FOR.items()
}
_HTML_SUFFIXES = ("html", "htm", "xml", "html.j2", "htm.j2", "xml.j2")
_STATUSES = ("new", "updated", "unchanged")


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


def has_inferred(document: Briefing | Timeline) -> bool:
    """Whether any item of a briefing or timeline has an inferred date (the note that
    explains ``~`` is shown only then)."""
    if isinstance(document, Timeline):
        items = [item for entry in document.entries for item in entry.items]
    else:
        items = list(document.items)
    return any(item.date_basis == "inferred" for item in items)


def format_sources(sources: tuple[str, ...]) -> str:
    """Comma-separated source names."""
    return ", ".join(sources)


def web_link(url: str) -> str:
    """The URL when it is an http(s) address a reader can follow, else "" (no
    ``javascript:`` or ``file:`` links in an e-mail)."""
    return url if re.match(r"https?://[^\s\"'<>]+$", url or "", re.IGNORECASE) else ""


_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>#|])")


def escape_markdown(text: str) -> str:
    """Backslash-escape the characters Markdown would read as markup (and raw HTML)."""
    return _MD_SPECIAL.sub(r"\\\1", text)


def plural(count: int, word: str) -> str:
    """``1 outlet``, ``2 outlets``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def coverage(event: EventBriefing, day: dt.date | None = None) -> str:
    """Who covered an event and since when, only where it informs:
    ``2 outlets: AP, Reuters · 1 independent report · story since 2021-05-02``. The
    outlets only when known (never file names); the number of independent reports only
    when it differs from the number of outlets (wire copies); "" for one outlet's one
    report of the day's story."""
    outlets, texts = len(event.outlets), event.texts
    parts = []
    if outlets > 1:
        parts.append(f"{plural(outlets, 'outlet')}: {', '.join(event.outlets)}")
    elif outlets == 1 and texts > 1:
        parts.append(f"1 outlet: {event.outlets[0]}")
    if texts != max(outlets, 1):
        parts.append(plural(texts, "independent report"))
    if event.first is not None and day is not None and event.first < day:
        parts.append(f"story since {event.first.isoformat()}")
    return " · ".join(parts)


def since_label(briefing: DailyBriefing) -> str:
    """``yesterday`` when the earlier run was the day before, ``earlier today`` when it
    was the same day, else its date."""
    if briefing.since is None:
        return ""
    if briefing.date is not None and briefing.since == briefing.date - dt.timedelta(days=1):
        return "yesterday"
    if briefing.since == briefing.date:
        return "earlier today"
    return briefing.since.isoformat()


def status_counts(briefing: DailyBriefing) -> str:
    """``2 new, 1 updated, 3 unchanged (not shown)``."""
    counts = {s: sum(1 for e in briefing.events if e.status == s) for s in _STATUSES}
    shown = counts["unchanged"]
    text = f"{counts['new']} new, {counts['updated']} updated, "
    if briefing.unchanged:
        return text + f"{briefing.unchanged + shown} unchanged (not shown)"
    return text + f"{shown} unchanged"


def sections(briefing: DailyBriefing) -> list[tuple[str, str]]:
    """The headings of a ``--since`` briefing, in order, as ``(status, heading)``."""
    label = since_label(briefing)
    return [
        ("new", f"New since {label}"),
        ("updated", f"Updated since {label}"),
        ("unchanged", "Unchanged"),
    ]


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
    env.filters["web_link"] = web_link
    env.filters["md"] = escape_markdown
    env.filters["plural"] = plural
    env.filters["coverage"] = coverage
    env.filters["since_label"] = since_label
    env.filters["status_counts"] = status_counts
    env.filters["sections"] = sections
    env.filters["item_date"] = item_date
    env.filters["has_inferred"] = has_inferred
    return env


def _item_dict(item: BriefingItem) -> dict[str, Any]:
    return {
        "text": item.text,
        "date": item.date.isoformat() if item.date else None,
        "date_basis": item.date_basis,
        "sources": list(item.sources),
        "urls": [url or None for url in item.urls] or [None] * len(item.sources),
        "article_id": item.article_id,
        "position": item.position,
        "score": item.score,
        "rank": item.rank,
    }


def _articles_and_skips(briefing: Briefing | Timeline) -> dict[str, Any]:
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


def briefing_to_dict(briefing: Briefing | DailyBriefing | Timeline) -> dict[str, Any]:
    """The JSON document: plain data, stable keys, ``schema_version`` first."""
    if isinstance(briefing, DailyBriefing):
        return _daily_to_dict(briefing)
    if isinstance(briefing, Timeline):
        return timeline_to_dict(briefing)
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "event",
        "title": briefing.title,
        "date": briefing.date.isoformat() if briefing.date else None,
        "items": [_item_dict(item) for item in briefing.items],
        **_articles_and_skips(briefing),
        "skipped": [{"path": s.path, "reason": s.reason} for s in briefing.skipped],
    }


def _iso(value: dt.date | None) -> str | None:
    return value.isoformat() if value else None


def timeline_to_dict(timeline: Timeline) -> dict[str, Any]:
    """The timeline as JSON data: per date (in order) its basis, why it was chosen
    (importance, texts published that day, later texts looking back at it, its rank by
    importance) and its items, as in a briefing."""

    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "timeline",
        "title": timeline.title,
        "start": _iso(timeline.start),
        "end": _iso(timeline.end),
        "story": timeline.story,
        "query": timeline.query,
        "topics": timeline.topics,
        "articles_given": timeline.given or len(timeline.articles),
        "candidate_dates": timeline.candidates,
        "entries": [
            {
                "date": entry.date.isoformat(),
                "date_basis": entry.date_basis,
                "importance": entry.importance,
                "published": entry.published,
                "recalled": entry.recalled,
                "rank": entry.rank,
                "items": [_item_dict(item) for item in entry.items],
            }
            for entry in timeline.entries
        ],
        **_articles_and_skips(timeline),
        "skipped": [{"path": s.path, "reason": s.reason} for s in timeline.skipped],
    }


def _daily_to_dict(briefing: DailyBriefing) -> dict[str, Any]:
    """The daily JSON; its ``seen`` and ``state`` let a later ``--since`` run carry on."""
    from .stories import state_to_dict

    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "daily",
        "title": briefing.title,
        "date": _iso(briefing.date),
        "since": _iso(briefing.since),
        "articles": briefing.articles,
        "events": [
            {
                "story_id": event.story_id,
                "status": event.status,
                "headline": event.headline,
                "importance": event.importance,
                "texts": event.texts,
                "outlets": list(event.outlets),
                "first": _iso(event.first),
                "date": _iso(event.briefing.date),
                "article_ids": list(event.articles),
                "items": [
                    {**_item_dict(item), "context": item.context} for item in event.briefing.items
                ],
            }
            for event in briefing.events
        ],
        "remaining_events": briefing.remaining,
        "unchanged_events": briefing.unchanged,
        "skipped": [{"path": s.path, "reason": s.reason} for s in briefing.skipped],
        "seen": [
            {"story_id": s.story_id, "articles": list(s.articles), "items": list(s.items)}
            for s in briefing.seen
        ],
        "state": state_to_dict(briefing.state) if briefing.state is not None else None,
    }


def render(
    briefing: Briefing | DailyBriefing | Timeline,
    fmt: str = "text",
    *,
    template: str | Path | None = None,
) -> str:
    """Render a briefing (one event, or a day of them) or a timeline as ``text``,
    ``markdown``, ``html`` or ``json``. A user's template receives the timeline as
    ``briefing`` too.

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
        names = (
            _DAILY_TEMPLATE_FOR
            if isinstance(briefing, DailyBriefing)
            else _TIMELINE_TEMPLATE_FOR
            if isinstance(briefing, Timeline)
            else _TEMPLATE_FOR
        )
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


def _story_outlets(story: Story) -> list[str]:
    return sorted({m.source for m in story.members if m.outlet_known})


def stories_to_dict(
    grouping: Grouping, titles: Mapping[str, str], skipped: Sequence[Skipped] = ()
) -> dict[str, Any]:
    """The stories as JSON data: per story its id, thread, title, first and last date,
    outlets and articles; the threads of those stories (each with its stories here);
    ``state`` lets a later ``--since`` run carry on."""
    from .stories import state_to_dict

    thread_of = dict(grouping.threads)
    return {
        "schema_version": SCHEMA_VERSION,
        "kind": "stories",
        "date": _iso(grouping.state.day),
        "stories": [
            {
                "id": story.id,
                "thread": thread_of[story.id],
                "title": titles.get(story.id, ""),
                "first": _iso(story.first),
                "last": _iso(story.last),
                "outlets": _story_outlets(story),
                "article_ids": [m.id for m in story.members],
                "articles": [
                    {
                        "id": m.id,
                        "title": m.title,
                        "source": m.source,
                        "outlet_known": m.outlet_known,
                        "published": _iso(m.published),
                    }
                    for m in story.members
                ],
            }
            for story in grouping.stories
        ],
        "threads": [
            {"id": thread, "story_ids": story_ids}
            for thread, story_ids in _thread_stories(grouping).items()
        ],
        "skipped": [{"path": s.path, "reason": s.reason} for s in skipped],
        "state": state_to_dict(grouping.state),
    }


def _thread_stories(grouping: Grouping) -> dict[str, list[str]]:
    """Each thread's stories in ``grouping`` (in the order of its stories), by the
    thread's first story here."""
    thread_of = dict(grouping.threads)
    out: dict[str, list[str]] = {}
    for story in grouping.stories:
        out.setdefault(thread_of[story.id], []).append(story.id)
    return out


def _tsv_field(value: str) -> str:
    return " ".join(value.split())


def render_stories(
    grouping: Grouping,
    titles: Mapping[str, str],
    fmt: str = "text",
    *,
    skipped: Sequence[Skipped] = (),
    threads: bool = False,
) -> str:
    """The stories as ``tsv`` (``article_id<TAB>story_id``, one row per article, sorted
    by article id; whitespace inside an id becomes a space; with ``threads`` a third
    column, the story's thread id), ``json`` or ``text``."""
    if fmt == "tsv":
        if threads:
            thread_of = dict(grouping.threads)
            return "".join(
                f"{_tsv_field(a)}\t{_tsv_field(s)}\t{_tsv_field(thread_of[s])}\n"
                for a, s in grouping.assignment
            )
        return "".join(f"{_tsv_field(a)}\t{_tsv_field(s)}\n" for a, s in grouping.assignment)
    if fmt == "json":
        return (
            json.dumps(stories_to_dict(grouping, titles, skipped), indent=2, ensure_ascii=False)
            + "\n"
        )
    if fmt != "text":
        raise RenderError(f"unknown format {fmt!r}; choose one of {', '.join(STORY_FORMATS)}")
    import jinja2

    env = _environment(templates_dir())
    env.filters["outlets"] = _story_outlets
    try:
        return env.get_template("stories.txt.j2").render(
            grouping=grouping,
            titles=titles,
            skipped=skipped,
            threads=_thread_stories(grouping),
            thread_of=dict(grouping.threads),
        )
    except jinja2.TemplateError as exc:
        raise RenderError(f"stories.txt.j2: template error: {exc}") from exc
