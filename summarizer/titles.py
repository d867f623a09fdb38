"""Headlines: telling a headline from a photo caption, a byline or a disclaimer, and
cleaning it (site-name suffixes, tokeniser spacing, stray whitespace).

Examples
--------
>>> clean_headline("Rebels overrun army compound - Reuters")
'Rebels overrun army compound'
>>> clean_headline("The opinions expressed are his own .") is None
True
"""

from __future__ import annotations

import re

__all__ = ["clean_headline", "is_headline"]

#: A headline has at least this many words and at most ``_MAX_WORDS``.
_MIN_WORDS = 3
_MAX_WORDS = 30
_BYLINE = re.compile(
    r"^(?:by|posted by|written by|reported by|story by|words by)\s+\S", re.IGNORECASE
)
_CAPTION = re.compile(
    r"^(?:photo|photos|image|images|picture|pictures|video|watch|listen|gallery|file photo|"
    r"file|caption|credit|slideshow)\b\s*[:\-–—|(]"
    r"|\((?:ap|afp|reuters|epa|getty)?\s*(?:photo|images?)\b"
    r"|\bphoto(?:graph)?\s*(?:by|credit|:)"
    r"|\bgetty images\b|\bshutterstock\b|\bimage credit\b"
    r"|\b(?:ap|afp|reuters|epa)\s*(?:photo|/)",
    re.IGNORECASE,
)
_DISCLAIMER = re.compile(
    r"\b(?:opinions|views)\s+expressed\b|\ball rights reserved\b|\bcopyright\b|©"
    r"|^(?:sign up|subscribe|click here|advertisement|read more|related:?\s*$|share this)"
    r"|\bterms of (?:use|service)\b|\bprivacy policy\b",
    re.IGNORECASE,
)
#: "Headline - Site Name", "Headline | Site": a short trailing part after a separator.
_SITE_SUFFIX = re.compile(r"\s+(?:[|–—]|-)\s+([^|–—]{2,40})$")
_SPACED_PUNCT = re.compile(r"\s+([.,;:!?%)\]}”](?=\s|$)|n't\b|'s\b|’s\b)")
_SPACED_OPEN = re.compile(r"([(\[{“‘$])\s+")


def _tidy(text: str) -> str:
    """Collapse whitespace and undo tokeniser spacing ("his own ." -> "his own.")."""
    text = " ".join(text.split())
    text = _SPACED_PUNCT.sub(r"\1", text)
    text = _SPACED_OPEN.sub(r"\1", text)
    return text.replace("`` ", "“").replace(" ''", "”").replace("``", "“").replace("''", "”")


def is_headline(text: str) -> bool:
    """True if ``text`` can stand as a headline: a few words, not a caption, byline or
    disclaimer.

    Examples
    --------
    >>> is_headline("By Jane Smith, Reuters")
    False
    >>> is_headline("Iraqi forces capture desert outpost near Syrian border")
    True
    """
    words = text.split()
    if not _MIN_WORDS <= len(words) <= _MAX_WORDS:
        return False
    return not (_BYLINE.search(text) or _CAPTION.search(text) or _DISCLAIMER.search(text))


def clean_headline(title: str) -> str | None:
    """The title tidied, a trailing site name removed; None if it is not a headline."""
    text = _tidy(title)
    suffix = _SITE_SUFFIX.search(text)
    if suffix and len(suffix.group(1).split()) <= 4 and len(text[: suffix.start()].split()) >= 4:
        text = text[: suffix.start()].rstrip()
    return text if is_headline(text) else None
