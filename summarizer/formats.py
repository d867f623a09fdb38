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

Every article is made safe on the way in: undecodable bytes in names shown as ``\\xNN``,
terminal escape sequences and other control characters removed, titles, sources and ids
on one line, and text without a single letter refused.
"""

from __future__ import annotations

import datetime as dt
import json
import logging
import re
import warnings
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
    "clean_line",
    "clean_text",
    "count_tags",
    "decode",
    "detect_format",
    "display",
    "format_of_extension",
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
#: Terminal escape sequences (CSI, OSC, two-byte ESC and their 8-bit forms), removed whole.
_ESCAPE_SEQUENCE = re.compile(
    r"\x1b\[[0-?]*[ -/]*[@-~]|\x9b[0-?]*[ -/]*[@-~]"
    r"|[\x1b\x9d]\][^\x07\x1b\x9c]*(?:\x07|\x1b\\|\x9c)?|\x1b[@-Z\\-_]"
)
#: What str.splitlines() breaks at, besides "\n": made plain newlines.
_LINE_BREAK = re.compile(r"\r\n?|[\x0b\x0c\x1c-\x1e\x85\u2028\u2029]")
#: Control characters left after that (tab and newline are kept).
_CONTROL = re.compile(r"[\x00-\x08\x0e-\x1f\x7f-\x9f]")
#: A letter of any script: text without one is not an article (emoji, zero-width spaces).
_LETTER = re.compile(r"[^\W\d_]")


def _valid_unicode(text: str) -> str:
    """Lone surrogates (a file name's undecodable bytes, a JSON "\\udc80") as escapes."""
    try:
        text.encode("utf-8")
        return text
    except UnicodeEncodeError:
        pass
    try:
        return text.encode("utf-8", "surrogateescape").decode("utf-8", "backslashreplace")
    except UnicodeEncodeError:
        return text.encode("utf-8", "backslashreplace").decode("utf-8")


def clean_text(text: str) -> str:
    """Article text safe to print: escape sequences and control characters removed, every
    line break a newline, undecodable characters escaped.

    Examples
    --------
    >>> clean_text("Title\\x1b]0;owned\\x07\\r\\nBody\\x1b[2J text\\u2028more")
    'Title\\nBody text\\nmore'
    """
    text = _ESCAPE_SEQUENCE.sub("", _valid_unicode(text))
    return _CONTROL.sub("", _LINE_BREAK.sub("\n", text))


def clean_line(text: str) -> str:
    """A title, source or id: :func:`clean_text` on one line, spaces collapsed."""
    return " ".join(clean_text(text).split())


def display(text: str) -> str:
    """A path or message for one line of output: control characters and undecodable
    bytes shown as escapes, so a file name cannot forge lines or move the cursor.

    Examples
    --------
    >>> display("bad\\nname\\udce9.txt")
    'bad\\\\nname\\\\xe9.txt'
    """
    escaped = re.sub(
        r"[\x00-\x1f\x7f-\x9f\u2028\u2029]",
        lambda m: repr(m.group())[1:-1],
        text,
    )
    return _valid_unicode(escaped)


def _make_article(
    where: str | Path,
    *,
    id: str,
    title: str,
    text: str,
    source: str,
    fallback_id: str,
    url: str | None = None,
    published: dt.datetime | None = None,
    outlet_known: bool = False,
) -> Article:
    """The one place articles are built: fields cleaned, text without letters refused.
    ``outlet_known``: ``source`` names the outlet (metadata), not a file."""
    text = clean_text(text)
    if not _LETTER.search(text):
        raise InputError(
            where, "no text: not a single letter (only symbols, emoji or invisible characters)"
        )
    title = clean_line(title)
    if not _LETTER.search(title):
        title = _title_of(text)
    elif len(title) > _MAX_TITLE:
        title = _title_of(title)
    return Article(
        id=clean_line(id) or fallback_id,
        title=title,
        text=text,
        source=clean_line(source) or fallback_id,
        url=clean_line(url) or None if url else None,
        published=published,
        date_basis="stated" if published else "unknown",
        outlet_known=outlet_known and bool(clean_line(source)),
    )


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


def format_of_extension(path: str | Path) -> Format | None:
    """The format a file's extension names, or None (no extension, ``.xml``, unknown)."""
    return _SUFFIXES.get(Path(path).suffix.lower())


def count_tags(data: bytes) -> int:
    """About the number of elements of an HTML page or feed (start tags, escaped markup
    in feed entries included): what its extraction will cost.

    Examples
    --------
    >>> count_tags(b"<html><body><p>a &lt;b&gt;c&lt;/b&gt;</p></body></html>")
    4
    """
    return data.count(b"<") - data.count(b"</") + data.count(b"&lt;") - data.count(b"&lt;/")


def detect_format(path: str | Path, data: bytes) -> Format:
    """The format by file extension; content sniffing for unknown or missing ones and
    for ``.xml`` (which may be a feed or not)."""
    known = format_of_extension(path)
    if known is not None:
        return known
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
    lines = clean_text(text).splitlines()
    index = next(
        (i for i, line in enumerate(lines) if line.strip() and not is_date_line(line)), None
    )
    if index is None:
        raise InputError(path, "no text (the file is empty or holds only whitespace)")
    title = " ".join(lines[index].split())
    if headline and headline.strip():
        title, body = " ".join(headline.split()), "\n".join(lines)
    elif not has_headline or len(title) > _MAX_TITLE:
        title, body = _title_of(title), "\n".join(lines)
    else:
        body = "\n".join(lines[:index] + lines[index + 1 :])
    if not body.strip():
        raise InputError(path, "no article text after the title line")
    return _make_article(
        path,
        id=path.stem,
        title=title,
        text=body,
        source=source or path.stem or path.name,
        fallback_id=path.name,
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


def _usable(value: dt.datetime) -> dt.datetime | None:
    """The date if it can be compared and printed: a UTC offset under 24 hours (dateutil
    accepts "+25:00"), a year that stays in range in UTC."""
    try:
        value.astimezone(dt.UTC)
        value.isoformat()
    except (ValueError, OverflowError):
        return None
    return value


def parse_date(value: Any) -> dt.datetime | None:
    """ISO 8601 or any common date form (dateutil); None when it is not a full date
    (a year, month and day: "12" or "March 2024" are not), or cannot be one.

    Examples
    --------
    >>> parse_date("2017-11-03T10:00:00+01:00").isoformat()
    '2017-11-03T10:00:00+01:00'
    >>> parse_date("12"), parse_date("2024-03-12T10:00:00+25:00")
    (None, None)
    """
    if isinstance(value, int | float) and not isinstance(value, bool):
        try:
            return _usable(dt.datetime.fromtimestamp(value, tz=dt.UTC))
        except (OverflowError, OSError, ValueError):
            return None
    if not isinstance(value, str) or not value.strip() or len(value) > 100:
        return None
    from dateutil import parser

    parsed = []
    # What the string leaves out, dateutil takes from the default: parsed against two
    # defaults that differ in year, month and day, a full date gives the same day twice.
    for default in (dt.datetime(2001, 1, 1), dt.datetime(2002, 2, 2)):
        try:
            with warnings.catch_warnings():
                warnings.simplefilter("ignore")  # an unknown time zone name: UTC
                parsed.append(parser.parse(value, default=default, ignoretz=False))
        except (ValueError, OverflowError):
            return None
    if parsed[0].date() != parsed[1].date():
        return None
    return _usable(_aware(parsed[0]))


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
    outlet = (
        str(meta.get("sitename") or "").strip()
        or url_domain(meta.get("url"))
        or str(meta.get("hostname") or "").strip().removeprefix("www.")
    )
    return _make_article(
        path,
        id=path.stem,
        title=meta.get("title") or "",
        text=text,
        source=outlet or path.stem or path.name,
        fallback_id=path.name,
        url=meta.get("url") or None,
        published=parse_date(meta.get("date")),
        outlet_known=bool(outlet),
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
    outlet = _field(record, "source").strip() or url_domain(_field(record, "url")) or ""
    return _make_article(
        where,
        id=_field(record, "id"),
        title=title if isinstance(title, str) else "",
        text=text,
        source=outlet or path.stem or path.name,
        fallback_id=f"{path.stem}-{number}",
        url=_field(record, "url") or None,
        published=published,
        outlet_known=bool(outlet),
    )


def read_json_record(line: str, path: str | Path, number: int) -> Article:
    """One line of a JSON-lines file -> its Article; InputError naming the line if it is
    malformed or has no text."""
    path = Path(path)
    where = f"{path} line {number}"
    try:
        record = _load_json(line)
    except ValueError as exc:
        raise InputError(where, re.sub(r" at line \d+\)$", ")", str(exc))) from None
    return _record_article(record, path, where, number)


def _field(record: dict[str, Any], key: str) -> str:
    """A string or number field as text; anything else (a list, an object) is ignored."""
    value = record.get(key)
    if isinstance(value, bool) or not isinstance(value, str | int | float):
        return ""
    return str(value)[: _MAX_TITLE * 10]


def _load_json(text: str) -> Any:
    """json.loads, every failure a ValueError: nesting too deep for the parser
    (RecursionError) and integers too long to convert become messages too."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError(f"malformed JSON ({exc.msg} at line {exc.lineno})") from None
    except RecursionError:
        raise ValueError("malformed JSON (nested too deeply)") from None
    except ValueError as exc:  # e.g. an integer of over 4,300 digits
        raise ValueError(f"malformed JSON ({str(exc).split(':')[0]})") from None


def read_json(text: str, path: str | Path, *, lines: bool | None = None) -> Parsed:
    """A JSON array (or an object holding one) or JSON Lines; each bad record is skipped
    with its line number, the others are kept."""
    path = Path(path)
    records: list[tuple[int, Any]] = []
    skipped: list[Skipped] = []
    if not lines:
        try:
            data = _load_json(text)
        except ValueError as exc:
            if lines is False or "\n" not in text.strip():
                raise InputError(path, str(exc)) from None
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
                records.append((number, _load_json(line)))
            except ValueError as exc:
                reason = re.sub(r" at line \d+\)$", ")", str(exc))
                skipped.append(Skipped(path=f"{path} line {number}", reason=reason))
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


def _feed_date(parsed: Any) -> dt.datetime | None:
    """feedparser's UTC time tuple as a datetime; None for an impossible date (year 0,
    a leap second is moved back one second)."""
    if not parsed:
        return None
    try:
        year, month, day, hour, minute, second = (int(x) for x in parsed[:6])
        value = dt.datetime(year, month, day, hour, minute, min(second, 59), tzinfo=dt.UTC)
    except (TypeError, ValueError, OverflowError):
        return None
    return _usable(value)


def read_feed(data: bytes, path: str | Path) -> Parsed:
    """An RSS or Atom feed: one article per entry with text."""
    import feedparser

    path = Path(path)
    feed = feedparser.parse(data)
    if not feed.get("version") and not feed.entries:
        problem = feed.get("bozo_exception")
        detail = f" ({problem})" if problem else ""
        raise InputError(path, f"not an RSS or Atom feed{detail}")
    feed_title = clean_line(feed.feed.get("title") or "")
    articles = []
    skipped = []
    for number, entry in enumerate(feed.entries, start=1):
        contents = [c for c in entry.get("content", []) if c.get("value")]
        html = contents[0]["value"] if contents else entry.get("summary", "")
        where = f"{path} entry {number}"
        text = _html_fragment_text(html) if html else ""
        if not text:
            skipped.append(Skipped(path=where, reason="entry has no text"))
            continue
        outlet = feed_title or url_domain(entry.get("link")) or ""
        try:
            article = _make_article(
                where,
                id=f"{path.stem}-{number}",
                title=entry.get("title") or "",
                text=text,
                source=outlet or path.stem or path.name,
                outlet_known=bool(outlet),
                fallback_id=f"feed-{number}",
                url=entry.get("link") or None,
                # dict.get: feedparser's own get warns when it maps one key to the other
                published=_feed_date(
                    dict.get(entry, "published_parsed") or dict.get(entry, "updated_parsed")
                ),
            )
        except InputError as exc:
            skipped.append(Skipped(path=exc.path, reason=exc.reason))
            continue
        articles.append(article)
    if not articles and not skipped:
        raise InputError(path, "the feed has no entries")
    return Parsed(articles=tuple(articles), skipped=tuple(skipped))
