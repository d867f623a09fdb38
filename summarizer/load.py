"""Paths -> Articles. Each unreadable input becomes a Skipped with a reason."""

from __future__ import annotations

import hashlib
import logging
import os
from collections.abc import Iterable, Iterator
from dataclasses import dataclass, replace
from pathlib import Path

from .dates import is_date_line
from .errors import InputError
from .types import Article, Skipped

__all__ = ["DEFAULT_MAX_BYTES", "LoadResult", "load_paths", "parse_text_article", "read_text"]

logger = logging.getLogger(__name__)

#: Inputs larger than this are refused rather than read (bounded memory).
DEFAULT_MAX_BYTES = 20 * 1024 * 1024

TEXT_SUFFIXES = frozenset({".txt", ".text", ""})


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadResult:
    """Articles read, in a stable order, and the inputs that were skipped."""

    articles: tuple[Article, ...]
    skipped: tuple[Skipped, ...]


def load_paths(paths: Iterable[str | Path], *, max_bytes: int = DEFAULT_MAX_BYTES) -> LoadResult:
    """Read files and directories (recursively, in sorted order) into Articles.

    Examples
    --------
    >>> result = load_paths(["no/such/folder"])
    >>> result.articles, result.skipped[0].reason
    ((), 'no such file or folder')
    """
    articles: list[Article] = []
    skipped: list[Skipped] = []
    for path in _expand(paths, skipped):
        try:
            articles.append(parse_text_article(read_text(path, max_bytes), path=path))
        except InputError as exc:
            logger.info("skipped %s", exc)
            skipped.append(Skipped(path=exc.path, reason=exc.reason))
    return LoadResult(
        articles=_unique_ids(articles),
        skipped=tuple(sorted(skipped, key=lambda s: (s.path, s.reason))),
    )


def parse_text_article(text: str, *, path: str | Path, source: str | None = None) -> Article:
    """Build an Article from plain text: the first non-empty line that is not a bare date
    is the title; the source is the file name."""
    path = Path(path)
    lines = text.splitlines()
    title_index = next(
        (i for i, line in enumerate(lines) if line.strip() and not is_date_line(line)), None
    )
    if title_index is None:
        raise InputError(path, "no text (the file is empty or holds only whitespace)")
    title = " ".join(lines[title_index].split())
    body = "\n".join(lines[:title_index] + lines[title_index + 1 :])
    return Article(
        id=path.stem or path.name,
        title=title,
        text=body,
        source=source or path.name,
    )


def _expand(paths: Iterable[str | Path], skipped: list[Skipped]) -> Iterator[Path]:
    """Yield files: directories walked recursively in sorted order, hidden files ignored."""
    for raw in paths:
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
    for dirpath, dirnames, filenames in os.walk(root, followlinks=True, onerror=None):
        st = os.stat(dirpath)
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


def read_text(path: str | Path, max_bytes: int = DEFAULT_MAX_BYTES) -> str:
    """Read at most ``max_bytes`` and decode as UTF-8, refusing binary files."""
    try:
        with open(path, "rb") as fh:
            data = fh.read(max_bytes + 1)
    except OSError as exc:
        raise InputError(path, f"cannot read ({exc.strerror or exc})") from exc
    if len(data) > max_bytes:
        raise InputError(path, f"larger than the {max_bytes:,}-byte limit; not read")
    if not data.strip():
        raise InputError(path, "empty file")
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (contains NUL bytes), not text")
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise InputError(
            path,
            f"not valid UTF-8 (byte 0x{data[exc.start]:02x} at offset {exc.start}); "
            "re-save the file as UTF-8",
        ) from exc
    controls = sum(1 for ch in text[:8192] if ord(ch) < 32 and ch not in "\n\r\t\f")
    if controls > 0.05 * min(len(text), 8192):
        raise InputError(path, "binary file (mostly control characters), not text")
    return text


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
