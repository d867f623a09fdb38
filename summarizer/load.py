"""Paths (files, folders, ``-`` for standard input) -> Articles.

Every input is read in a bounded way (at most ``max_bytes``), refused if it is binary or
undecodable, and handed to the reader of its format (:mod:`summarizer.formats`). An input
that cannot be used becomes a Skipped with a reason; the others are still read.
"""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path
from typing import BinaryIO

from .errors import InputError
from .formats import (
    Parsed,
    check_binary,
    decode,
    detect_format,
    read_feed,
    read_html,
    read_json,
    read_plain_text,
)
from .types import Article, Skipped

__all__ = [
    "DEFAULT_MAX_BYTES",
    "STDIN",
    "LoadResult",
    "load_paths",
    "parse_bytes",
    "read_bytes",
    "read_text",
]

logger = logging.getLogger(__name__)

#: Inputs larger than this are refused rather than read (bounded memory).
DEFAULT_MAX_BYTES = 20_000_000
#: The path that stands for standard input (JSON lines).
STDIN = "-"


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadResult:
    """Articles read, in a stable order, and the inputs that were skipped."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]


def load_paths(
    paths: Iterable[str | Path],
    *,
    max_bytes: int = DEFAULT_MAX_BYTES,
    stdin: BinaryIO | None = None,
    progress: Callable[[int, int, str], None] | None = None,
) -> LoadResult:
    """Read files, folders (recursively, in sorted order) and ``-`` (JSON lines from
    ``stdin``) into Articles; the format of a file is chosen by its extension, or by its
    content when the extension says nothing. ``progress(done, total, label)`` is called
    before each input.

    Examples
    --------
    >>> result = load_paths(["no/such/folder"])
    >>> result.articles, result.skipped[0].reason
    ((), 'no such file or folder')
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    inputs = list(_expand(paths, skipped))
    for done, path in enumerate(inputs):
        if progress:
            progress(done, len(inputs), f"reading {Path(path).name}")
        try:
            if str(path) == STDIN:
                if stdin is None:
                    raise InputError("<stdin>", "'-' given but no standard input to read")
                parsed = read_json(
                    decode(_bounded(stdin, "<stdin>", max_bytes), "<stdin>"), "<stdin>", lines=True
                )
            else:
                parsed = parse_bytes(Path(path), read_bytes(path, max_bytes))
        except InputError as exc:
            logger.info("skipped %s", exc)
            skipped.append(Skipped(path=exc.path, reason=exc.reason))
            continue
        articles.extend(parsed.articles)
        skipped.extend(parsed.skipped)
    return LoadResult(
        articles=_unique_ids(articles),
        skipped=tuple(sorted(skipped, key=lambda s: (s.path, s.reason))),
    )


def parse_bytes(path: Path, data: bytes) -> Parsed:
    """One input's bytes -> its articles and skipped records, or InputError."""
    check_binary(data, path)
    fmt = detect_format(path, data)
    if fmt == "html":
        return Parsed(articles=(read_html(data, path),))
    if fmt == "feed":
        return read_feed(data, path)
    text = decode(data, path)
    if fmt in ("json", "jsonl"):
        return read_json(text, path, lines=fmt == "jsonl" or None)
    return Parsed(articles=(read_plain_text(text, path),))


def _bounded(stream: BinaryIO, name: str | Path, max_bytes: int) -> bytes:
    data = stream.read(max_bytes + 1)
    if len(data) > max_bytes:
        raise InputError(name, f"larger than the {max_bytes:,}-byte limit (--max-bytes); not read")
    if not data.strip():
        raise InputError(name, "empty file")
    return data


def read_bytes(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> bytes:
    """At most ``max_bytes`` of a file; InputError if it is larger, empty or unreadable."""
    try:
        with open(path, "rb") as fh:
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
            if not name.startswith("."):
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
