"""Boilerplate and repeated-paragraph removal.

Small ``str -> str`` and ``str -> bool`` functions composed by :func:`clean_article`, plus
:func:`off_topic_rows`, which runs once the batch is vectorised and drops sentences far
from the batch's TF-IDF centroid.

The signals are general, not lists of known strings: a line that is not prose (no
sentence punctuation, too short, mostly capitalised words, a link or a "read more"
teaser), a bare date line, a line repeated inside the article, and the zone after a
run of such lines at the end of the body (related links, appeals, comment prompts),
which is kept only where it stays close to what the batch is about.
"""

from __future__ import annotations

import re
import unicodedata
from typing import TYPE_CHECKING

import numpy as np

from .config import CleanConfig
from .dates import is_date_line
from .types import Article, Paragraph

if TYPE_CHECKING:
    from numpy.typing import NDArray
    from scipy.sparse import csr_matrix

__all__ = [
    "clean_article",
    "is_boilerplate",
    "normalize_text",
    "off_topic_rows",
    "strip_dateline",
    "strip_stamp",
    "untokenize",
]

_SENTENCE_END = re.compile(r"[.!?][\"'”’)\]]*$")
_URL = re.compile(r"https?://|www\.\w", re.IGNORECASE)
_TEASER_END = re.compile(r"(?:\.\.\.|…|\bread more|\bmore\s*»|»)\s*$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?:[A-Z][A-Z.'’-]+(?:\s+[A-Z][A-Z.'’-]+)*)(?:,\s+[A-Z][\w.'’ -]{1,30})?"
    r"\s*(?:\((?:[A-Za-z][\w ]{0,20})\)|-LRB-\s(?:[A-Za-z][\w ]{0,20})\s-RRB-)?"
    r"\s*(?:--|—|–|-|_)\s+"
    r"|^(?:\((?:[A-Za-z][\w ]{0,20})\)|-LRB-\s(?:[A-Za-z][\w ]{0,20})\s-RRB-)\s*(?:--|—|–|-|_)\s+"
)
#: A page's date-and-time stamp run into the lead: "HOUSTON | Sun Sep 19 , 2010 3:58 pm EDT
#: ", "Friday, May 21, 2010; 8:38 PM ".
_STAMP = re.compile(
    r"^(?:[A-Z][A-Za-z.'’ -]{1,30}\s\|\s)?"
    r"(?:(?:Mon|Tue|Wed|Thu|Fri|Sat|Sun)[a-z]*\.?\s?,?\s)?"
    r"(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec)[a-z]*\.?\s\d{1,2}\s?,\s\d{4}"
    r"\s?[;,]?\s?\d{1,2}:\d{2}\s?(?:[AaPp]\.?[Mm]\.?)?\s?(?:[A-Z]{2,4}\b)?\s*[;,|]?\s*"
)
#: Penn Treebank tokens and spacing (``-LRB-``, ```` `` ````, ``do n't``, ``BP 's``, ``, ``).
_PTB_TOKENS = {
    "-LRB-": "(",
    "-RRB-": ")",
    "-LSB-": "[",
    "-RSB-": "]",
    "-LCB-": "{",
    "-RCB-": "}",
    "``": "“",
    "''": "”",
}
_PTB_TOKEN = re.compile(r"-[LR][RSC]B-|``|''")
_PTB_SPACES = re.compile(
    r"(?<=[(\[{“$])\s+"  # after an opening bracket or quote
    r"|\s+(?=[)\]}”,.;:!?](?:\s|$))"  # before closing punctuation
    r"|\s+(?=n't\b|'(?:s|re|ve|ll|d|m)\b)",  # before a clitic
    re.IGNORECASE,
)
#: Runs of this many boilerplate lines after the body has started open the page's tail.
_TAIL_RUN = 3
#: Tail sentences must be this much closer to the centroid than ordinary ones.
_TAIL_FACTOR = 3.0


def normalize_text(text: str) -> str:
    """Unicode NFC, no-break and zero-width spaces made plain, runs of spaces collapsed."""
    text = unicodedata.normalize("NFC", text)
    text = text.replace("\u00a0", " ").replace("\u200b", "").replace("\ufeff", "")
    return "\n".join(" ".join(line.split()) for line in text.splitlines())


def untokenize(text: str) -> str:
    """Text tokenised the Penn Treebank way, as ordinary text: brackets and quotes as
    characters, no space before punctuation or a clitic. Other text passes unchanged.

    Examples
    --------
    >>> untokenize("`` We do n't know , '' BP 's chief said -LRB- Reuters -RRB- .")
    "“We don't know,” BP's chief said (Reuters)."
    """
    text = _PTB_TOKEN.sub(lambda m: _PTB_TOKENS[m.group()], text)
    return _PTB_SPACES.sub("", text)


def strip_stamp(line: str) -> str:
    """Remove a page's date-and-time stamp run into the start of a line.

    Examples
    --------
    >>> strip_stamp("LONDON | Fri Apr 30 , 2010 3:26 pm EDT LONDON -LRB- Reuters -RRB- - BP said.")
    'LONDON -LRB- Reuters -RRB- - BP said.'
    """
    match = _STAMP.match(line)
    if match and len(line) - match.end() > 20:
        return line[match.end() :]
    return line


def strip_dateline(line: str) -> str:
    """Remove a wire dateline such as ``"BAGHDAD (Reuters) - "`` from the start of a line.

    Examples
    --------
    >>> strip_dateline("WASHINGTON -- The agency said on Thursday it would act.")
    'The agency said on Thursday it would act.'
    """
    match = _DATELINE.match(line)
    if match and len(line) - match.end() > 20:
        return line[match.end() :]
    return line


def _capitalised_share(words: list[str]) -> float:
    alpha = [w for w in words if any(ch.isalpha() for ch in w)]
    if not alpha:
        return 1.0
    return sum(1 for w in alpha if w[0].isupper() or not w[0].isalpha()) / len(alpha)


def is_boilerplate(line: str, *, min_words: int = 4) -> bool:
    """True when a line is not article prose.

    Examples
    --------
    >>> is_boilerplate("Share on Facebook Share on Twitter")
    True
    >>> is_boilerplate("Iraqi forces on Tuesday battled up to the edge of Al-Qaim.")
    False
    """
    text = untokenize(line.strip())
    words = text.split()
    if len(words) < min_words or is_date_line(text) or _URL.search(text):
        return True
    if _TEASER_END.search(text) or not _SENTENCE_END.search(text):
        return True
    return len(words) <= 12 and _capitalised_share(words) > 0.7


def _key(line: str) -> str:
    return re.sub(r"\W+", " ", line.lower()).strip()


def clean_article(article: Article, config: CleanConfig | None = None) -> tuple[Paragraph, ...]:
    """The article's prose lines, in order, without boilerplate or repeats.

    Paragraphs after a run of boilerplate that follows the body are flagged ``tail``.

    Examples
    --------
    >>> a = Article(id="a", title="T", source="s",
    ...             text="Troops took the town on Monday, officials said.\\nShare on Facebook")
    >>> [p.text for p in clean_article(a)]
    ['Troops took the town on Monday, officials said.']
    """
    config = config or CleanConfig()
    seen = {_key(article.title)}
    kept: list[Paragraph] = []
    junk_run = 0
    in_tail = False
    for raw in normalize_text(article.text).splitlines():
        line = raw.strip()
        if not line:
            continue
        line = strip_dateline(strip_stamp(line))
        if is_boilerplate(line, min_words=config.min_words):
            junk_run += 1
            if kept and junk_run >= _TAIL_RUN:
                in_tail = True
            continue
        junk_run = 0
        key = _key(line)
        if key in seen:
            continue
        seen.add(key)
        kept.append(Paragraph(article_id=article.id, index=len(kept), text=line, tail=in_tail))
    return tuple(kept)


def off_topic_rows(
    vectors: csr_matrix,
    tail: NDArray[np.bool_],
    config: CleanConfig | None = None,
    *,
    content: NDArray[np.bool_] | None = None,
) -> NDArray[np.bool_]:
    """Boolean mask of rows (TF-IDF) too far from the batch centroid, measured on the
    ``content`` columns only (all by default): stop words say nothing about the topic.

    A row in the page tail needs a similarity ``_TAIL_FACTOR`` times higher to stay.
    """
    config = config or CleanConfig()
    if vectors.shape[0] == 0:
        return np.zeros(0, dtype=bool)
    if content is not None:
        from scipy.sparse import diags
        from sklearn.preprocessing import normalize

        vectors = normalize(vectors @ diags(content.astype(float)))
    centroid = np.asarray(vectors.mean(axis=0)).ravel()
    norm = float(np.linalg.norm(centroid))
    if norm == 0.0:
        return np.zeros(vectors.shape[0], dtype=bool)
    sims = np.asarray(vectors @ (centroid / norm)).ravel()
    limits = np.where(tail, config.off_topic * _TAIL_FACTOR, config.off_topic)
    return np.asarray(sims < limits, dtype=bool)
