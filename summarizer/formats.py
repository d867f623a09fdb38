"""Readers for each input format: the bytes of one input -> Articles.

- plain text: the first line that is not a bare date is the title;
- HTML pages: main text, title, site and publication date by trafilatura (boilerplate,
  navigation, comments and related links stay out);
- JSON arrays and JSON Lines: one article per record (``text`` required; ``id``, ``title``,
  ``source``, ``url``, ``published`` optional);
- RSS 2.0 / Atom feeds, parsed by feedparser: one article per entry, its full content
  where the feed has it, else its summary, HTML removed by trafilatura.

A reader raises InputError when the whole input is unusable and returns per-record skips
when only some records are (a malformed JSON line, an entry without text).
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from .clean import is_boilerplate
from .dates import is_date_line
from .errors import InputError
from .types import Article, Skipped

if TYPE_CHECKING:
    from configparser import ConfigParser

__all__ = [
    "Format",
    "Parsed",
    "check_binary",
    "decode",
    "detect_format",
    "parse_date",
    "read_feed",
    "read_html",
    "read_json",
    "read_json_record",
    "read_plain_text",
    "url_domain",
]

logger = logging.getLogger(__name__)

Format = Literal["text", "html", "json", "jsonl", "feed"]

_SUFFIXES: dict[str, Format] = {
    ".txt": "text",
    ".text": "text",
    ".md": "text",
    ".html": "html",
    ".htm": "html",
    ".xhtml": "html",
    ".json": "json",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".rss": "feed",
    ".atom": "feed",
    ".rdf": "feed",
}
#: File signatures of common binary formats (images, archives, documents, media).
_MAGIC = (
    (b"\x89PNG", "a PNG image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"GIF8", "a GIF image"),
    (b"RIFF", "a RIFF file (WebP image, WAV or AVI)"),
    (b"%PDF", "a PDF document"),
    (b"PK\x03\x04", "a ZIP archive or Office document"),
    (b"\x1f\x8b", "a gzip archive"),
    (b"BZh", "a bzip2 archive"),
    (b"\xfd7zXZ", "an xz archive"),
    (b"\x7fELF", "an executable"),
    (b"ID3", "an MP3 file"),
    (b"OggS", "an Ogg file"),
    (b"\x00\x00\x00", "a binary file (an MP4 or similar)"),
)
_BOMS = (
    (b"\xef\xbb\xbf", "utf-8-sig"),
    (b"\xff\xfe\x00\x00", "utf-32"),
    (b"\x00\x00\xfe\xff", "utf-32"),
    (b"\xff\xfe", "utf-16"),
    (b"\xfe\xff", "utf-16"),
)
#: A title line longer than this is body text, not a headline.
_MAX_TITLE = 300
_JSON_KEYS = "id, title, text, source, url, published"


@dataclass(frozen=True, slots=True, kw_only=True)
class Parsed:
    """What one input gave: its articles and the records that were skipped."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...] = ()


def check_binary(data: bytes, path: str | Path) -> None:
    """Raise InputError for images, archives and other non-text bytes."""
    for magic, what in _MAGIC:
        if data.startswith(magic):
            raise InputError(path, f"binary file ({what}), not text")
    if any(data.startswith(bom) for bom, _ in _BOMS):
        return  # UTF-16/32 text has NUL bytes by design
    head = data[:8192]
    if b"\x00" in head:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    controls = sum(1 for byte in head if byte < 32 and byte not in b"\n\r\t\f\x1b")
    if controls > 0.05 * len(head):
        raise InputError(path, "binary file (mostly control characters), not text")


def decode(data: bytes, path: str | Path) -> str:
    """Bytes -> text: a byte-order mark, else UTF-8, else the encoding charset-normalizer
    detects; InputError when no encoding fits."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise InputError(
                    path, f"undecodable bytes: not valid {encoding} ({exc.reason})"
                ) from None
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as exc:
        first_bad = exc.start
    # Mostly UTF-8 with a few broken bytes (a truncated copy, a stray byte): keep UTF-8.
    repaired = data.decode("utf-8", errors="replace")
    if repaired.count("\ufffd") * 1000 <= len(data):
        logger.info("%s: invalid UTF-8 bytes replaced", path)
        return repaired
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise InputError(
            path,
            f"undecodable bytes: not UTF-8 (byte 0x{data[first_bad]:02x} at offset "
            f"{first_bad}) and no other text encoding fits",
        )
    logger.info("%s: decoded as %s", path, best.encoding)
    return str(best)


def detect_format(path: str | Path, data: bytes) -> Format:
    """The format by file extension; content sniffing for unknown or missing ones and
    for ``.xml`` (which may be a feed or not)."""
    suffix = Path(path).suffix.lower()
    if suffix in _SUFFIXES:
        return _SUFFIXES[suffix]
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    if head.startswith((b"{", b"[")):
        first = head.split(b"\n", 1)[0].strip()
        return "jsonl" if first.startswith(b"{") and first.endswith(b"}") else "json"
    if re.search(rb"<(rss|feed|rdf:rdf)[\s>]", head):
        return "feed"
    if head.startswith((b"<!doctype html", b"<html")) or b"<body" in head or b"<head" in head:
        return "html"
    return "text"


def _title_of(text: str) -> str:
    words = text.split()
    return " ".join(words[:12]) + (" …" if len(words) > 12 else "")


def url_domain(url: object) -> str | None:
    """The host of a URL without ``www.``; None when there is none.

    Examples
    --------
    >>> url_domain("https://www.reuters.com/world/story-2021-05-01/")
    'reuters.com'
    """
    if not isinstance(url, str) or "://" not in url:
        return None
    from urllib.parse import urlsplit

    try:
        host = urlsplit(url.strip()).hostname
    except ValueError:
        return None
    if not host or "." not in host:
        return None
    return host.removeprefix("www.")


def read_plain_text(
    text: str,
    path: str | Path,
    *,
    source: str | None = None,
    headline: str | None = None,
    has_headline: bool = True,
) -> Article:
    """Plain text: the first non-empty line that is not a bare date is the title (unless
    it is too long to be one). ``headline`` (from a ``meta.json`` beside the file) is the
    title instead, and with ``has_headline=False`` the text holds no title line at all.
    The outlet is ``source`` when given; otherwise it is unknown and the file name stands
    in for it."""
    path = Path(path)
    lines = text.splitlines()
    index = next(
        (i for i, line in enumerate(lines) if line.strip() and not is_date_line(line)), None
    )
    if index is None:
        raise InputError(path, "no text (the file is empty or holds only whitespace)")
    title = " ".join(lines[index].split())
    if headline and headline.strip():
        title, body = " ".join(headline.split()), text
    elif not has_headline or len(title) > _MAX_TITLE:
        title, body = _title_of(title), "\n".join(lines)
    else:
        body = "\n".join(lines[:index] + lines[index + 1 :])
    if not body.strip():
        raise InputError(path, "no article text after the title line")
    return Article(
        id=path.stem or path.name,
        title=title,
        text=body,
        source=source or path.name,
        outlet_known=bool(source),
    )


@cache
def _fragment_config() -> ConfigParser:
    """trafilatura settings for short HTML fragments (feed entries): keep any length."""
    from trafilatura.settings import use_config

    config = use_config()
    for key in (
        "MIN_EXTRACTED_SIZE",
        "MIN_OUTPUT_SIZE",
        "MIN_EXTRACTED_COMM_SIZE",
        "MIN_OUTPUT_COMM_SIZE",
    ):
        config.set("DEFAULT", key, "1")
    return config


def _html_fragment_text(fragment: str) -> str:
    """An HTML fragment's text, paragraphs on their own lines, links like "Continue
    reading" dropped (trafilatura)."""
    import trafilatura

    page = f"<html><body>{fragment}</body></html>"
    text = trafilatura.extract(
        page, config=_fragment_config(), favor_recall=True, include_tables=False
    )
    return (text or trafilatura.html2txt(page) or "").strip()


def _aware(value: dt.datetime) -> dt.datetime:
    return value if value.tzinfo else value.replace(tzinfo=dt.UTC)


def parse_date(value: Any) -> dt.datetime | None:
    """ISO 8601 or any common date form (dateutil); None when it is not a date."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return dt.datetime.fromtimestamp(value, tz=dt.UTC)
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip():
        return None
    from dateutil import parser

    try:
        return _aware(parser.parse(value, ignoretz=False))
    except (ValueError, OverflowError, parser.UnknownTimezoneWarning):
        return None


def read_html(data: bytes, path: str | Path) -> Article:
    """An HTML page: trafilatura's main text and metadata (title, site, date, URL)."""
    import trafilatura

    path = Path(path)
    document = trafilatura.bare_extraction(
        data,
        with_metadata=True,
        include_comments=False,
        include_tables=False,
        date_extraction_params={"original_date": True, "extensive_search": True},
    )
    meta: dict[str, Any] = {}
    if isinstance(document, dict):
        meta = document
    elif document is not None:
        meta = document.as_dict()
    text = (meta.get("text") or "").strip()
    if not any(not is_boilerplate(line) for line in text.splitlines()):
        raise InputError(path, "no article text found in the page")
    published = parse_date(meta.get("date"))
    outlet = (
        (meta.get("sitename") or "").strip()
        or url_domain(meta.get("url"))
        or (meta.get("hostname") or "").strip().removeprefix("www.")
    )
    return Article(
        id=path.stem or path.name,
        title=(meta.get("title") or "").strip() or _title_of(text),
        text=text,
        source=outlet or path.name,
        outlet_known=bool(outlet),
        url=meta.get("url") or None,
        published=published,
        date_basis="stated" if published else "unknown",
    )


def _record_article(record: Any, path: Path, where: str, number: int) -> Article:
    if not isinstance(record, dict):
        raise InputError(where, f"not a JSON object (expected keys: {_JSON_KEYS})")
    text = record.get("text")
    if not isinstance(text, str) or not text.strip():
        raise InputError(where, f"no 'text' field (expected keys: {_JSON_KEYS})")
    published = parse_date(record.get("published"))
    if record.get("published") and published is None:
        logger.info(
            "%s: 'published' %r is not a date; date unknown", where, record.get("published")
        )
    title = record.get("title")
    outlet = str(record.get("source") or "").strip() or url_domain(record.get("url"))
    return Article(
        id=str(record.get("id") or f"{path.stem}-{number}"),
        title=title.strip() if isinstance(title, str) and title.strip() else _title_of(text),
        text=text,
        source=outlet or path.name,
        outlet_known=bool(outlet),
        url=str(record["url"]) if record.get("url") else None,
        published=published,
        date_basis="stated" if published else "unknown",
    )


def read_json_record(line: str, path: str | Path, number: int) -> Article:
    """One line of a JSON-lines file -> its Article; InputError naming the line if it is
    malformed or has no text."""
    path = Path(path)
    where = f"{path} line {number}"
    try:
        record = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(where, f"malformed JSON ({exc.msg})") from None
    return _record_article(record, path, where, number)


def read_json(text: str, path: str | Path, *, lines: bool | None = None) -> Parsed:
    """A JSON array (or an object holding one) or JSON Lines; each bad record is skipped
    with its line number, the others are kept."""
    path = Path(path)
    records: list[tuple[int, Any]] = []
    skipped: list[Skipped] = []
    if not lines:
        try:
            data = json.loads(text)
        except json.JSONDecodeError as exc:
            if lines is False or "\n" not in text.strip():
                raise InputError(path, f"malformed JSON ({exc.msg} at line {exc.lineno})") from None
            lines = True
        else:
            if isinstance(data, dict):
                listed = next(
                    (
                        data[k]
                        for k in ("articles", "items", "entries")
                        if isinstance(data.get(k), list)
                    ),
                    None,
                )
                data = listed if listed is not None else [data]
            if not isinstance(data, list):
                raise InputError(path, "JSON is neither an array nor an object of articles")
            records = [(i, record) for i, record in enumerate(data, start=1)]
    if lines:
        for number, line in enumerate(text.splitlines(), start=1):
            if not line.strip():
                continue
            try:
                records.append((number, json.loads(line)))
            except json.JSONDecodeError as exc:
                skipped.append(
                    Skipped(path=f"{path} line {number}", reason=f"malformed JSON ({exc.msg})")
                )
    unit = "line" if lines else "record"
    articles = []
    for number, record in records:
        try:
            articles.append(_record_article(record, path, f"{path} {unit} {number}", number))
        except InputError as exc:
            skipped.append(Skipped(path=exc.path, reason=exc.reason))
    if not articles and not skipped:
        raise InputError(path, "no articles in the JSON")
    return Parsed(articles=tuple(articles), skipped=tuple(skipped))


def read_feed(data: bytes, path: str | Path) -> Parsed:
    """An RSS or Atom feed: one article per entry with text."""
    import feedparser

    path = Path(path)
    feed = feedparser.parse(data)
    if not feed.get("version") and not feed.entries:
        problem = feed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise InputError(path, f"not an RSS or Atom feed{detail}")
    feed_title = (feed.feed.get("title") or "").strip()
    articles = []
    skipped = []
    for number, entry in enumerate(feed.entries, start=1):
        contents = [c for c in entry.get("content", []) if c.get("value")]
        html = contents[0]["value"] if contents else entry.get("summary", "")
        text = _html_fragment_text(html) if html else ""
        if not text:
            skipped.append(Skipped(path=f"{path} entry {number}", reason="entry has no text"))
            continue
        parsed = entry.get("published_parsed") or entry.get("updated_parsed")
        published = (
            dt.datetime(
                parsed[0], parsed[1], parsed[2], parsed[3], parsed[4], parsed[5], tzinfo=dt.UTC
            )
            if parsed
            else None
        )
        title = (entry.get("title") or "").strip()
        outlet = feed_title or url_domain(entry.get("link"))
        articles.append(
            Article(
                id=f"{path.stem}-{number}",
                title=title or _title_of(text),
                text=text,
                source=outlet or path.name,
                outlet_known=bool(outlet),
                url=entry.get("link") or None,
                published=published,
                date_basis="stated" if published else "unknown",
            )
        )
    if not articles and not skipped:
        raise InputError(path, "the feed has no entries")
    return Parsed(articles=tuple(articles), skipped=tuple(skipped))
