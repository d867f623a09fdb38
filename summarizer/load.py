"""Paths (files, folders, ``-`` for standard input) -> Articles.

Every input has a bounded cost: only regular files are read (a FIFO or a device in a
folder is skipped, never opened for reading), at most ``max_bytes`` of each; an HTML page
or feed with more than ``max_elements`` tags is refused before extraction, and reading
one input may take at most ``max_seconds`` (where a timer is available: in the main
thread, on Unix). A binary or undecodable input is refused; the others are handed to the
reader of their format (:mod:`summarizer.formats`). JSON lines (``.jsonl``, ``.ndjson``,
standard input that starts with a JSON object) are streamed: the byte limit holds per
record, not per file. An input that cannot be used becomes a Skipped with a reason; the
others are still read.

Publication dates and outlets the files already carry are used: a ``meta.json`` beside
the documents or one folder up (``{"docs": [{"doc_id" or "file", "date", "source",
"headline"}]}``, the layout of the DUC and Timeline17 collections), then a date in the
file name (``2011-03-20_138.txt``), both below the article's own metadata and above dates
guessed from its text.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import os
import signal
import stat
import threading
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path
from types import FrameType
from typing import BinaryIO

from .dates import date_from_name
from .errors import InputError
from .formats import (
    Parsed,
    check_binary,
    count_tags,
    decode,
    detect_format,
    display,
    format_of_extension,
    parse_date,
    read_feed,
    read_html,
    read_json,
    read_json_record,
    read_plain_text,
)
from .types import Article, Skipped

__all__ = [
    "DEFAULT_MAX_BYTES",
    "DEFAULT_MAX_ELEMENTS",
    "DEFAULT_MAX_SECONDS",
    "STDIN",
    "LoadResult",
    "file_kind",
    "load_paths",
    "parse_bytes",
    "read_bytes",
    "read_json_lines",
    "read_text",
]

logger = logging.getLogger(__name__)

#: Inputs larger than this are refused rather than read (bounded memory).
DEFAULT_MAX_BYTES = 20_000_000
#: HTML pages and feeds with more tags than this are refused (extraction costs about
#: 0.1 ms and 1 kB per element: a million tiny paragraphs would take minutes and GBs).
DEFAULT_MAX_ELEMENTS = 100_000
#: Reading one input may take this long (seconds) before it is skipped.
DEFAULT_MAX_SECONDS = 20.0
#: The path that stands for standard input (any format, sniffed).
STDIN = "-"
_STDIN_NAME = "<stdin>"
_CHUNK = 1 << 20
#: File names read as JSON lines, record by record.
_JSON_LINES = (".jsonl", ".ndjson")
#: The sidecar file of document metadata; never read as an input itself.
SIDECAR = "meta.json"
#: A sidecar larger than this is not read.
_MAX_SIDECAR_BYTES = 50_000_000


@dataclass(frozen=True, slots=True)
class _Meta:
    """One document's entry in a sidecar ``meta.json``; ``headline`` is None when the
    entry says the document has none (its text then holds no title line)."""

    published: dt.datetime | None
    source: str | None
    headline: str | None
    has_headline: bool


class _OutOfTime(BaseException):
    """Raised by the timer; a BaseException so that no ``except Exception`` in a
    third-party extractor can swallow it."""


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadResult:
    """Articles read, in a stable order, and the inputs that were skipped."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]


def load_paths(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    max_elements: int = DEFAULT_MAX_ELEMENTS,
    max_seconds: float | None = DEFAULT_MAX_SECONDS,
    stdin: BinaryIO | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> LoadResult:
    """Read files, folders (recursively, in sorted order) and ``-`` (``stdin``) into
    Articles; the format of a file is chosen by its extension, or by its content when
    the extension says nothing (standard input is always sniffed). ``max_seconds=None``
    turns the time budget off. ``progress(done, total, label)`` is called before each
    input.

    Examples
    --------
    >>> result = load_paths(["no/such/folder"])
    >>> result.articles, result.skipped[0].reason
    ((), 'no such file or folder')
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    inputs = list(_expand(paths, skipped))
    sidecars: dict[Path, dict[str, _Meta] | None] = {}
    for done, path in enumerate(inputs):
        if progress:
            progress(done, len(inputs), f"reading {Path(path).name}")
        name = _STDIN_NAME if str(path) == STDIN else path
        try:
            with _time_budget(max_seconds):
                if str(path) == STDIN:
                    if stdin is None:
                        raise InputError(name, "'-' given but no standard input to read")
                    parsed = _read_stdin(stdin, max_bytes, max_elements)
                else:
                    path = Path(path)
                    meta = _sidecar_entry(path, sidecars, skipped)
                    if path.suffix.lower() in _JSON_LINES:
                        with _open_regular(path) as fh:
                            parsed = read_json_lines(fh, path, max_bytes)
                    else:
                        parsed = parse_bytes(
                            path,
                            read_bytes(path, max_bytes),
                            max_elements=max_elements,
                            headline=meta.headline if meta else None,
                            has_headline=meta.has_headline if meta else True,
                        )
                    parsed = _with_evidence(parsed, path, meta)
        except InputError as exc:
            logger.info("skipped %s", exc)
            skipped.append(Skipped(path=exc.path, reason=exc.reason))
            continue
        except _OutOfTime:
            reason = f"took over {max_seconds:g} s to read ([load] max_seconds); skipped"
            logger.info("skipped %s: %s", name, reason)
            skipped.append(Skipped(path=str(name), reason=reason))
            continue
        articles.extend(parsed.articles)
        skipped.extend(parsed.skipped)
    shown = {Skipped(path=display(s.path), reason=display(s.reason)) for s in skipped}
    return LoadResult(
        articles=_unique_ids(articles),
        skipped=tuple(sorted(shown, key=lambda s: (s.path, s.reason))),
    )


@contextmanager
def _time_budget(seconds: float | None) -> Iterator[None]:
    """Raise _OutOfTime in the code inside after ``seconds`` (and every 0.5 s after, in
    case something catches it), with SIGALRM. Only in the main thread, and only when
    the application has no SIGALRM handler or timer of its own; otherwise no limit."""
    if (
        not seconds
        or not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
        or signal.getsignal(signal.SIGALRM) not in (signal.SIG_DFL, None)
        or signal.getitimer(signal.ITIMER_REAL) != (0.0, 0.0)
    ):
        yield
        return
    armed = [True]

    def expire(signum: int, frame: FrameType | None) -> None:
        if armed[0]:
            raise _OutOfTime

    previous = signal.signal(signal.SIGALRM, expire)
    signal.setitimer(signal.ITIMER_REAL, seconds, 0.5)
    try:
        yield
    finally:
        armed[0] = False
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def parse_bytes(
    path: Path,
    data: bytes,
    *,
    max_elements: int = DEFAULT_MAX_ELEMENTS,
    headline: str | None = None,
    has_headline: bool = True,
) -> Parsed:
    """One input's bytes -> its articles and skipped records, or InputError.

    Without a telling extension the format is sniffed; sniffed JSON that does not parse
    at all is read as plain text (an article may well start with "["). For plain text,
    ``headline`` is the title from a sidecar, and ``has_headline=False`` says the text
    holds no title line.
    """
    check_binary(data, path)
    fmt = detect_format(path, data)
    if fmt in ("html", "feed") and count_tags(data) > max_elements:
        raise InputError(
            path,
            f"{count_tags(data):,} tags, over the {max_elements:,}-tag limit for one page "
            "([load] max_elements); not read",
        )
    if fmt == "html":
        return Parsed(articles=(read_html(data, path),))
    if fmt == "feed":
        return read_feed(data, path)
    text = decode(data, path)
    if fmt in ("json", "jsonl"):
        sniffed = format_of_extension(path) is None
        try:
            parsed = read_json(text, path, lines=fmt == "jsonl" or None)
        except InputError:
            if not sniffed:
                raise
        else:
            if parsed.articles or not sniffed or not _all_malformed(parsed):
                return parsed
    return Parsed(
        articles=(read_plain_text(text, path, headline=headline, has_headline=has_headline),)
    )


def _read_stdin(stdin: BinaryIO, max_bytes: int, max_elements: int) -> Parsed:
    """Standard input, sniffed like a file; JSON lines (a first line holding a JSON
    object) are streamed record by record."""
    first = stdin.readline(max_bytes + 1)
    if first.lstrip().startswith(b"{") and first.rstrip().endswith(b"}"):
        try:
            json.loads(first)
        except (ValueError, RecursionError):
            pass
        else:
            return read_json_lines(stdin, _STDIN_NAME, max_bytes, first=first)
    rest = _bounded(stdin, _STDIN_NAME, max_bytes - len(first), empty_ok=bool(first.strip()))
    data = first + rest
    if not data.strip():
        raise InputError(_STDIN_NAME, "empty file")
    return parse_bytes(Path(_STDIN_NAME), data, max_elements=max_elements)


def read_json_lines(
    stream: BinaryIO, name: str | Path, max_bytes: int, *, first: bytes | None = None
) -> Parsed:
    """JSON lines read record by record: each line may hold up to ``max_bytes``, the
    file any number of them. A longer line, a malformed line or a record without text is
    skipped with its line number; the others are kept. ``first`` is a first line already
    read from the stream."""
    articles: list[Article] = []
    skipped: list[Skipped] = []
    content = False
    number = 0
    while True:
        if first is not None:
            line, first = first, None
        else:
            line = stream.readline(max_bytes + 1)
        if not line:
            break
        number += 1
        if number == 1:
            if line.startswith((b"\xff\xfe", b"\xfe\xff", b"\x00\x00\xfe\xff")):
                # UTF-16/32 lines cannot be split on newline bytes: read it whole.
                data = line + _bounded(stream, name, max_bytes - len(line), empty_ok=True)
                return read_json(decode(data, name), name, lines=True)
            check_binary(line[:8192], name)
            line = line.removeprefix(b"\xef\xbb\xbf")
        if len(line) > max_bytes and not line.endswith(b"\n"):
            while True:  # skip the rest of the over-long line
                rest = stream.readline(1 << 20)
                if not rest or rest.endswith(b"\n"):
                    break
            skipped.append(
                Skipped(
                    path=f"{name} line {number}",
                    reason=f"record larger than the {max_bytes:,}-byte limit (--max-bytes); "
                    "not read",
                )
            )
            continue
        if not line.strip():
            continue
        content = True
        text = line.decode("utf-8", errors="replace").rstrip("\r\n")
        try:
            articles.append(read_json_record(text, name, number))
        except InputError as exc:
            skipped.append(Skipped(path=exc.path, reason=exc.reason))
    if not content and not skipped:
        raise InputError(name, "empty file")
    return Parsed(articles=tuple(articles), skipped=tuple(skipped))


def _read_sidecar(meta: Path, skipped: list[Skipped]) -> dict[str, _Meta] | None:
    """A ``meta.json`` indexed by resolved file path and by ``id:<doc_id>``; None (and a
    skip naming the problem) when it is not a list of documents."""
    try:
        doc = json.loads(read_text(meta, _MAX_SIDECAR_BYTES))
        entries: dict[str, _Meta] = {}
        for item in doc["docs"]:
            published = parse_date(item.get("date"))
            source = item.get("source")
            entry = _Meta(
                published=published,
                source=source.strip() if isinstance(source, str) and source.strip() else None,
                headline=item.get("headline") if isinstance(item.get("headline"), str) else None,
                has_headline="headline" not in item or bool(item.get("headline")),
            )
            if item.get("file"):
                entries[str((meta.parent / str(item["file"])).resolve())] = entry
            if item.get("doc_id"):
                entries[f"id:{item['doc_id']}"] = entry
        return entries
    except InputError as exc:
        skipped.append(Skipped(path=exc.path, reason=f"sidecar not read: {exc.reason}"))
    except (json.JSONDecodeError, KeyError, TypeError, AttributeError) as exc:
        skipped.append(
            Skipped(
                path=str(meta),
                reason=f"sidecar not used: not a list of documents ({type(exc).__name__}); "
                'expected {"docs": [{"doc_id", "file", "date", "source", "headline"}]}',
            )
        )
    return None


def _sidecar_entry(
    path: Path, cache: dict[Path, dict[str, _Meta] | None], skipped: list[Skipped]
) -> _Meta | None:
    """The entry for ``path`` in a ``meta.json`` in its folder or the one above."""
    for folder in (path.parent, path.parent.parent):
        meta = folder / SIDECAR
        if meta not in cache:
            cache[meta] = _read_sidecar(meta, skipped) if meta.is_file() else None
        entries = cache[meta]
        if entries:
            entry = entries.get(str(path.resolve())) or entries.get(f"id:{path.stem}")
            if entry is not None:
                return entry
    return None


def _with_evidence(parsed: Parsed, path: Path, meta: _Meta | None) -> Parsed:
    """Dates and outlets the file carries, for articles whose own metadata lacks them:
    the sidecar entry (for a one-document file), then a date in the file or folder name."""
    name_date = date_from_name(path.name) or date_from_name(path.parent.name)
    single = len(parsed.articles) == 1
    out = []
    for article in parsed.articles:
        if meta is not None and single:
            if article.published is None and meta.published is not None:
                article = replace(article, published=meta.published, date_basis="stated")
            if not article.outlet_known and meta.source:
                article = replace(article, source=meta.source, outlet_known=True)
        if article.published is None and name_date is not None:
            midnight = dt.datetime(name_date.year, name_date.month, name_date.day, tzinfo=dt.UTC)
            article = replace(article, published=midnight, date_basis="stated")
        out.append(article)
    return Parsed(articles=tuple(out), skipped=parsed.skipped)


def _all_malformed(parsed: Parsed) -> bool:
    return all(s.reason.startswith("malformed JSON") for s in parsed.skipped)


def _bounded(
    stream: BinaryIO, name: str | Path, max_bytes: int, *, empty_ok: bool = False
) -> bytes:
    """At most ``max_bytes`` (+1 to see that there is more), read in chunks so that
    memory follows the data, not the limit."""
    chunks: list[bytes] = []
    size = 0
    max_bytes = max(max_bytes, 0)
    while size <= max_bytes:
        chunk = stream.read(min(_CHUNK, max_bytes + 1 - size))
        if not chunk:
            break
        chunks.append(chunk)
        size += len(chunk)
    if size > max_bytes:
        raise InputError(name, f"larger than the {max_bytes:,}-byte limit (--max-bytes); not read")
    data = b"".join(chunks)
    if not data.strip() and not empty_ok:
        raise InputError(name, "empty file")
    return data


def file_kind(mode: int) -> str | None:
    """What a non-regular file is ("a FIFO (named pipe)"), or None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    kinds = (
        (stat.S_ISDIR, "a folder"),
        (stat.S_ISFIFO, "a FIFO (named pipe)"),
        (stat.S_ISCHR, "a character device"),
        (stat.S_ISBLK, "a block device"),
        (stat.S_ISSOCK, "a socket"),
    )
    return next((name for test, name in kinds if test(mode)), "not a regular file")


def _open_regular(path: str | Path) -> BinaryIO:
    """A regular file opened for reading; InputError if it cannot be, or is something
    else (a FIFO would block, a device never end)."""
    try:
        kind = file_kind(os.stat(path).st_mode)
        if kind is None:
            # Non-blocking, in case it was swapped for a FIFO since: then fstat says so.
            fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
            kind = file_kind(os.fstat(fd).st_mode)
            if kind is None:
                return open(fd, "rb")
            os.close(fd)
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from exc
    raise InputError(path, f"{kind}, not a regular file; not read")


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """At most ``max_bytes`` of a regular file; InputError if it is larger, empty,
    unreadable, or not a regular file (a FIFO would block, a device never end)."""
    with _open_regular(path) as fh:
        try:
            return _bounded(fh, path, max_bytes)
        except OSError as exc:
            raise InputError(path, f"cannot read ({exc.strerror or exc})") from exc


def read_text(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """A text file's content, bounded, binary refused, encoding detected."""
    data = read_bytes(path, max_bytes)
    check_binary(data, path)
    return decode(data, path)


def _expand(paths: Iterable[str | Path], skipped: list[Skipped]) -> Iterator[str | Path]:
    """Yield inputs: folders walked recursively in sorted order, hidden files ignored."""
    for raw in paths:
        if str(raw) == STDIN:
            yield STDIN
            continue
        path = Path(raw)
        if path.is_dir():
            found = sorted(_walk(path, skipped))
            if not found:
                skipped.append(Skipped(path=str(path), reason="empty folder (no files in it)"))
            yield from found
        elif path.exists():
            yield path
        else:
            skipped.append(Skipped(path=str(path), reason="no such file or folder"))


def _walk(root: Path, skipped: list[Skipped]) -> Iterator[Path]:
    seen: set[tuple[int, int]] = set()

    def unreadable(error: OSError) -> None:
        skipped.append(
            Skipped(path=str(error.filename), reason=f"cannot read folder ({error.strerror})")
        )

    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=unreadable):
        try:
            st = os.stat(dirpath)
        except OSError as exc:
            unreadable(exc)
            continue
        key = (st.st_dev, st.st_ino)
        if key in seen:
            skipped.append(Skipped(path=dirpath, reason="symlink loop (folder already read)"))
            dirnames[:] = []
            continue
        seen.add(key)
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        for name in sorted(filenames):
            if not name.startswith(".") and name != SIDECAR:
                yield Path(dirpath) / name


def _unique_ids(articles: list[Article]) -> tuple[Article, ...]:
    """Sort by content so input order never matters; disambiguate repeated ids."""

    def digest(article: Article) -> str:
        return hashlib.sha1(f"{article.title}\n{article.text}".encode()).hexdigest()

    ordered = sorted(articles, key=lambda a: (a.id, digest(a), a.source))
    counts: dict[str, int] = {}
    for article in ordered:
        counts[article.id] = counts.get(article.id, 0) + 1
    seen: dict[str, int] = {}
    out = []
    for article in ordered:
        if counts[article.id] > 1:
            seen[article.id] = seen.get(article.id, 0) + 1
            article = replace(article, id=f"{article.id}-{seen[article.id]}")
        out.append(article)
    return tuple(out)
