"""Publication dates of articles and the dates of the events their sentences report.

Two steps:

1. :func:`date_article` reads the page as printed: labelled lines ("Published ...",
   "Updated: ..."), a bare date line in the page head (a byline date), and dated passages
   after the body (a related-links teaser under its own dateline).  Dates are parsed by
   ``dateutil``; page-crawl stamps far later than every other date on the page are ignored.
2. :func:`resolve_dates` gives every sentence the date of the event it reports: a weekday
   ("on Saturday"), "yesterday" or a full date is resolved against its article's date.
   An article that prints no date of its own is dated from evidence when there is some:
   its weekday sentences are matched (TF-IDF cosine) with sentences of dated sources that
   name the same weekday, and the lead's weekday is the first on or after those anchors
   (a news lead reports the newest event).  Such dates are marked ``inferred``.
"""

from __future__ import annotations

import datetime as dt
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from typing import TYPE_CHECKING, Literal

import numpy as np

from .types import Article, DateBasis, DatedPassage, Sentence

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

__all__ = [
    "SentenceDate",
    "TemporalRef",
    "date_article",
    "date_from_name",
    "find_dates",
    "is_date_line",
    "resolve_dates",
    "resolve_month_day",
    "resolve_weekday",
    "temporal_ref",
]

logger = logging.getLogger(__name__)

_MONTH = (
    r"(?:January|February|March|April|May|June|July|August|September|October|November|"
    r"December|Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept|Sep|Oct|Nov|Dec)"
)
_WEEKDAYS = ("monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday")
_WEEKDAY = r"(?:Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday)"
_TIME = r"(?:,?\s+(?:at\s+)?\d{1,2}:\d{2}(?::\d{2})?(?:\s*[AaPp]\.?[Mm]\.?)?)?"
# " ?," : text tokenised the Penn Treebank way puts a space before the comma.
_DATE_RE = re.compile(
    rf"(?P<mdy>\b{_MONTH}\.?\s+\d{{1,2}}(?:st|nd|rd|th)?\s?,?\s+\d{{4}}\b)"
    rf"|(?P<dmy>\b\d{{1,2}}(?:st|nd|rd|th)?\s+{_MONTH}\.?\s?,?\s+\d{{4}}\b)"
    r"|(?P<iso>\b\d{4}-\d{2}-\d{2}\b)"
    r"|(?P<dotted>\b\d{1,2}\.\d{1,2}\.\d{4}\b)"
)
_TIME_RE = re.compile(rf"^{_TIME}")
#: A day of a month without its year ("on April 20", "20 April"): not followed by a year
#: or another number (a full date is found first).
_MONTH_DAY_RE = re.compile(
    rf"\b(?P<month>{_MONTH})\.?\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?\b(?!\s?[,.:/]?\s?\d)"
    rf"|(?<![\d,.]\s)(?<![\d,.])\b(?P<day2>\d{{1,2}})(?:st|nd|rd|th)?\s+(?P<month2>{_MONTH})\b"
    r"(?!\.?\s?,?\s?\d)"
)
_MONTH_NUMBER = {
    name: number
    for number, names in enumerate(
        (
            ("january", "jan"),
            ("february", "feb"),
            ("march", "mar"),
            ("april", "apr"),
            ("may",),
            ("june", "jun"),
            ("july", "jul"),
            ("august", "aug"),
            ("september", "sept", "sep"),
            ("october", "oct"),
            ("november", "nov"),
            ("december", "dec"),
        ),
        start=1,
    )
    for name in names
}
_LABEL_RE = re.compile(
    r"^\s*(?P<label>first published|last updated|last modified|published|updated|posted|"
    r"modified|date)\b\s*(?:on|at)?\s*:?\s*",
    re.IGNORECASE,
)
_PUBLISHED_LABELS = frozenset({"first published", "published", "posted", "date"})
_WEEKDAY_REF_RE = re.compile(rf"\b(?:(?P<mod>last|next|this)\s+)?(?P<day>{_WEEKDAY})(?:'s)?\b")
_RELATIVE_DAY_RE = re.compile(r"\b(?P<word>today|tonight|yesterday|tomorrow)\b", re.IGNORECASE)
_FUTURE_RE = re.compile(
    r"\b(?:will|shall|plans? to|is expected to|are expected to|scheduled|due to)\b"
)
_BACKGROUND_RE = re.compile(
    rf"\b(?:in|since|by|until|during|from|last|early|late|mid-?)\s+(?:{_MONTH}|\d{{4}})\b"
    r"|\blast (?:week|month|year)\b|\bearlier this (?:week|month|year)\b"
    r"|\b(?:weeks|months|years) ago\b",
    re.IGNORECASE,
)
_SENTENCE_END = re.compile(r"[.!?][\"'”’)]*$")
_YEAR_RE = re.compile(r"\d{4}")
#: Every background expression has a year or one of these (lower-cased) pieces.
_BACKGROUND_HINTS = (
    "jan",
    "feb",
    "mar",
    "apr",
    "may",
    "jun",
    "jul",
    "aug",
    "sep",
    "oct",
    "nov",
    "dec",
    "last",
    "earlier",
    " ago",
)
#: A printed date this much later than every other date on the page is a crawl stamp.
_CRAWL_STAMP_GAP = dt.timedelta(days=365)
#: Oldest date taken as a publication date.
_MIN_YEAR = 1990


def find_dates(text: str) -> list[tuple[int, int, dt.datetime]]:
    """Full calendar dates in ``text`` as ``(start, end, datetime)``, times included.

    Examples
    --------
    >>> [d.isoformat() for _, _, d in find_dates("Updated: September 16, 2017 09:12 PM")]
    ['2017-09-16T21:12:00+00:00']
    """
    from dateutil import parser

    found = []
    for match in _DATE_RE.finditer(text):
        end = match.end()
        time = _TIME_RE.match(text[end:])
        if time:
            end += time.end()
        default = dt.datetime(2000, 1, 1, tzinfo=dt.UTC)
        try:
            value = parser.parse(
                text[match.start() : end],
                dayfirst=match.lastgroup == "dotted",
                default=default,
                fuzzy=True,
            )
        except (ValueError, OverflowError):
            continue
        if value.tzinfo is None:
            value = value.replace(tzinfo=dt.UTC)
        if value.year >= _MIN_YEAR:
            found.append((match.start(), end, value))
    return found


_NAME_DATE_RE = re.compile(
    r"(?<!\d)(?P<y>(?:19|20)\d\d)(?P<sep>[-_.]?)(?P<m>[01]\d)(?P=sep)(?P<d>[0-3]\d)(?!\d)"
)


def date_from_name(name: str) -> dt.date | None:
    """The date a file or folder name carries (``2011-03-20_138.txt``,
    ``APW19981117.0597``): ``YYYY-MM-DD`` or ``YYYYMMDD``, a real calendar date from 1990
    on; None if there is none or several different ones.

    Examples
    --------
    >>> date_from_name("2011-03-20_138.txt").isoformat()
    '2011-03-20'
    >>> date_from_name("APW19981117.0597").isoformat()
    '1998-11-17'
    >>> date_from_name("report-2023.txt") is None
    True
    """
    found = set()
    for match in _NAME_DATE_RE.finditer(name):
        try:
            value = dt.date(int(match["y"]), int(match["m"]), int(match["d"]))
        except ValueError:
            continue
        if value.year >= _MIN_YEAR:
            found.add(value)
    return found.pop() if len(found) == 1 else None


def is_date_line(line: str) -> bool:
    """True for a short line that is mostly a date: a byline date, "Published ...", a
    dateline such as "Habbaniyah, Iraq (AFP) Oct 26, 2017" or a crawl stamp."""
    text = line.strip()
    if not text or len(text.split()) > 12 or _SENTENCE_END.search(text):
        return False
    dates = find_dates(text)
    if not dates:
        return False
    rest = _LABEL_RE.sub("", text)
    for start, end, _ in sorted(find_dates(rest), reverse=True):
        rest = rest[:start] + " " + rest[end:]
    rest = re.sub(_WEEKDAY, " ", rest)
    return len(re.findall(r"[A-Za-z]{2,}", rest)) <= 4


def _is_prose(line: str) -> bool:
    words = line.split()
    return len(words) >= 12 and bool(_SENTENCE_END.search(line.strip()))


def date_article(article: Article, *, today: dt.date | None = None) -> Article:
    """Return the article with its printed publication date and its dated passages.

    A date from metadata (already set on the article) is kept. Otherwise: a labelled
    "Published"/"Posted" date, else an "Updated" date, else a bare date line in the page
    head before the body, unless it is a crawl stamp (over a year later than every other
    date on the page). A date after ``today`` (the briefing's date) or before 1990 is not
    trusted: the article's date becomes unknown.

    Examples
    --------
    >>> a = Article(id="a", title="T", text="Published 16.09.2017 11:51\\nBody.", source="s")
    >>> date_article(a).published.date().isoformat()
    '2017-09-16'
    """
    lines = [line.strip() for line in article.text.splitlines()]
    body_start = next((i for i, line in enumerate(lines) if _is_prose(line)), len(lines))
    published: list[dt.datetime] = []
    updated: list[dt.datetime] = []
    head: list[dt.datetime] = []
    passages: list[DatedPassage] = []
    for i, line in enumerate(lines):
        if not is_date_line(line):
            continue
        value = find_dates(line)[0][2]
        label = _LABEL_RE.match(line)
        if label:
            name = label.group("label").lower()
            (published if name in _PUBLISHED_LABELS else updated).append(value)
        elif i < body_start:
            head.append(value)
        else:
            following = next((x for x in lines[i + 1 :] if x), "")
            if len(following.split()) >= 8:
                passages.append(DatedPassage(date=value.date(), text=following))
    if article.published is not None:
        if _plausible(article.published, today):
            return replace(article, passages=tuple(passages))
        logger.info(
            "%s: date %s not trusted (future or before %d)",
            article.id,
            article.published.date(),
            _MIN_YEAR,
        )
        return replace(article, published=None, date_basis="unknown", passages=tuple(passages))
    choice: dt.datetime | None = None
    if published:
        choice = min(published)
    elif updated:
        choice = min(updated)
    elif head:
        others = [d for _, _, d in find_dates(article.text) if d not in head]
        if not others or head[0] - max(others) <= _CRAWL_STAMP_GAP:
            choice = head[0]
    if choice is not None and not _plausible(choice, today):
        choice = None
    return replace(
        article,
        published=choice,
        date_basis="stated" if choice is not None else "unknown",
        passages=tuple(passages),
    )


def _plausible(value: dt.datetime, today: dt.date | None) -> bool:
    return value.year >= _MIN_YEAR and (today is None or value.date() <= today)


@dataclass(frozen=True, slots=True)
class TemporalRef:
    """What a sentence says about when: kind is ``absolute`` (a full date), ``monthday``
    (a day of a month without its year: ``month`` and ``day``), ``weekday``, ``relative``
    (today, yesterday), ``background`` (another month or year) or ``none``."""

    kind: Literal["absolute", "monthday", "weekday", "relative", "background", "none"]
    date: dt.date | None = None
    weekday: int | None = None
    offset: int = 0
    direction: Literal["past", "future", "strict_past", "strict_future"] = "past"
    month: int | None = None
    day: int | None = None


def temporal_ref(text: str, *, month_days: bool = False) -> TemporalRef:
    """Classify the first time expression of a sentence.

    With ``month_days``, a day of a month without its year ("on April 20") is a
    ``monthday`` reference, resolved later against the article's date; otherwise such a
    sentence has no date of its own.

    Examples
    --------
    >>> temporal_ref("Iraqi forces on Tuesday battled up to the edge of Al-Qaim.").weekday
    1
    >>> ref = temporal_ref("The rig exploded on April 20 , killing 11 .", month_days=True)
    >>> ref.kind, ref.month, ref.day
    ('monthday', 4, 20)
    """
    # Cheap tests first: every full date has a four-digit year, every weekday and
    # "today"/"yesterday" contains "day", "tonight" and "tomorrow" their own letters.
    has_year = bool(_YEAR_RE.search(text))
    dates = find_dates(text) if has_year else []
    if dates:
        return TemporalRef("absolute", date=dates[0][2].date())
    if month_days:
        found = _month_day(text)
        if found is not None:
            return TemporalRef("monthday", month=found[0], day=found[1])
    lower = text.lower()
    has_day = "day" in lower
    match = _WEEKDAY_REF_RE.search(text) if has_day else None
    if match:
        mod = (match.group("mod") or "").lower()
        # A future marker counts only in the words just before the weekday
        # ("will meet on Sunday"), not elsewhere ("... the Oscars next month").
        before = text[max(0, match.start() - 60) : match.start()]
        future = mod == "next" or (mod != "last" and bool(_FUTURE_RE.search(before)))
        direction: Literal["past", "future", "strict_past", "strict_future"]
        if mod == "last":
            direction = "strict_past"
        elif mod == "next":
            direction = "strict_future"
        else:
            direction = "future" if future else "past"
        return TemporalRef(
            "weekday", weekday=_WEEKDAYS.index(match.group("day").lower()), direction=direction
        )
    rel = (
        _RELATIVE_DAY_RE.search(text)
        if has_day or "tonight" in lower or "tomorrow" in lower
        else None
    )
    if rel:
        word = rel.group("word").lower()
        offset = {"today": 0, "tonight": 0, "yesterday": -1, "tomorrow": 1}[word]
        return TemporalRef("relative", offset=offset)
    hinted = has_year or any(hint in lower for hint in _BACKGROUND_HINTS)
    if hinted and _BACKGROUND_RE.search(text):
        return TemporalRef("background")
    return TemporalRef("none")


def _month_day(text: str) -> tuple[int, int] | None:
    """The first valid (month, day) written without a year, or None."""
    for match in _MONTH_DAY_RE.finditer(text):
        name = (match.group("month") or match.group("month2")).lower()
        day = int(match.group("day") or match.group("day2"))
        month = _MONTH_NUMBER[name]
        if 1 <= day <= (29 if month == 2 else 30 if month in (4, 6, 9, 11) else 31):
            return month, day
    return None


def resolve_month_day(reference: dt.date, month: int, day: int) -> dt.date | None:
    """The date of ``month``/``day`` nearest ``reference``, a future date counting twice
    its distance (news mostly looks back: "on April 20" in an October article is the
    April before, "on June 17" in a June 1 article the coming one).

    Examples
    --------
    >>> resolve_month_day(dt.date(2010, 10, 5), 4, 20).isoformat()
    '2010-04-20'
    >>> resolve_month_day(dt.date(2011, 1, 3), 12, 28).isoformat()
    '2010-12-28'
    >>> resolve_month_day(dt.date(2010, 6, 1), 6, 17).isoformat()
    '2010-06-17'
    """
    options = []
    for year in (reference.year - 1, reference.year, reference.year + 1):
        try:
            value = dt.date(year, month, day)
        except ValueError:  # 29 February of a common year
            continue
        gap = (value - reference).days
        options.append((2 * gap if gap > 0 else -gap, value))
    return min(options)[1] if options else None


def resolve_weekday(reference: dt.date, weekday: int, direction: str = "past") -> dt.date:
    """The date of ``weekday`` (0 = Monday) nearest ``reference`` in ``direction``.

    Examples
    --------
    >>> resolve_weekday(dt.date(2017, 11, 4), 4).isoformat()  # "on Friday", said on a Saturday
    '2017-11-03'
    """
    if direction in ("past", "strict_past"):
        back = (reference.weekday() - weekday) % 7
        if back == 0 and direction == "strict_past":
            back = 7
        return reference - dt.timedelta(days=back)
    ahead = (weekday - reference.weekday()) % 7
    if ahead == 0 and direction == "strict_future":
        ahead = 7
    return reference + dt.timedelta(days=ahead)


def _resolve(ref: TemporalRef, reference: dt.date | None) -> dt.date | None:
    if ref.kind == "absolute":
        return ref.date
    if reference is None:
        return None
    if ref.kind == "monthday" and ref.month is not None and ref.day is not None:
        return resolve_month_day(reference, ref.month, ref.day)
    if ref.kind == "weekday" and ref.weekday is not None:
        return resolve_weekday(reference, ref.weekday, ref.direction)
    if ref.kind == "relative":
        return reference + dt.timedelta(days=ref.offset)
    return None


@dataclass(frozen=True, slots=True)
class SentenceDate:
    """The event date of one sentence and how it was obtained."""

    date: dt.date | None
    basis: DateBasis
    explicit: bool = False  # the sentence itself says when (a weekday, a date, "today")


def resolve_dates(
    articles: Sequence[Article],
    sentences: Sequence[Sentence],
    vectors: csr_matrix,
    passage_vectors: csr_matrix,
    *,
    anchor_threshold: float = 0.15,
    month_days: bool = False,
) -> tuple[SentenceDate, ...]:
    """Event dates for ``sentences`` (rows of ``vectors``, L2-normalised TF-IDF).

    ``passage_vectors`` rows follow the articles' dated passages in article order.
    ``month_days``: a day of a month written without its year ("on April 20") dates
    its sentence too, in the year that puts it nearest the article's date (see
    :func:`resolve_month_day`).
    """
    by_id = {a.id: a for a in articles}
    refs = [temporal_ref(s.text, month_days=month_days) for s in sentences]
    out: list[SentenceDate] = []
    for s, ref in zip(sentences, refs, strict=True):
        article = by_id[s.article_id]
        reference = article.published.date() if article.published else None
        day = _resolve(ref, reference)
        if ref.kind == "absolute" or (reference is not None and ref.kind != "none" and day):
            out.append(SentenceDate(day, "event", explicit=True))
        elif reference is not None and ref.kind == "none":
            out.append(SentenceDate(reference, article.date_basis))
        else:
            out.append(SentenceDate(None, "unknown"))

    # Anchors: dated evidence that names a weekday, from sentences of dated articles
    # and from dated passages.
    anchor_days: list[dt.date] = []
    anchor_owner: list[str | None] = []  # the sentence's article; None for passages
    anchor_rows: list[int] = []
    for i, (ref, sd) in enumerate(zip(refs, out, strict=True)):
        if ref.kind == "weekday" and sd.basis == "event" and sd.date is not None:
            anchor_days.append(sd.date)
            anchor_owner.append(sentences[i].article_id)
            anchor_rows.append(i)
    passage_rows: list[int] = []
    passages = [p for a in articles for p in a.passages]
    for j, passage in enumerate(passages):
        pref = temporal_ref(passage.text)
        day = _resolve(pref, passage.date)
        if pref.kind == "weekday" and day is not None:
            anchor_days.append(day)
            anchor_owner.append(None)
            passage_rows.append(j)

    rows_of: dict[str, list[int]] = {}
    for i, s in enumerate(sentences):
        if by_id[s.article_id].published is None:
            rows_of.setdefault(s.article_id, []).append(i)
    if not anchor_days or not rows_of:
        return tuple(out)

    from scipy.sparse import vstack

    anchors = vstack([vectors[anchor_rows], passage_vectors[passage_rows]]).tocsr()
    weekday_rows = [i for rows in rows_of.values() for i in rows if refs[i].kind == "weekday"]
    sims = (vectors[weekday_rows] @ anchors.T).tocsr()
    anchor_weekdays = np.array([d.weekday() for d in anchor_days])
    anchor_owner_arr = np.array(anchor_owner, dtype=object)
    best_day: dict[int, dt.date] = {}
    for k, i in enumerate(weekday_rows):
        cols = sims.indices[sims.indptr[k] : sims.indptr[k + 1]]
        vals = sims.data[sims.indptr[k] : sims.indptr[k + 1]]
        usable = (
            (anchor_weekdays[cols] == refs[i].weekday)
            & (anchor_owner_arr[cols] != sentences[i].article_id)
            & (vals >= anchor_threshold)
        )
        if usable.any():
            cols, vals = cols[usable], vals[usable]
            top = np.lexsort((cols, -vals))[0]  # most similar; ties to the first anchor
            best_day[i] = anchor_days[int(cols[top])]

    for rows in rows_of.values():
        anchored = {i: best_day[i] for i in rows if i in best_day}
        if not anchored:
            continue
        latest = max(anchored.values())
        lead = min(
            (i for i in rows if refs[i].kind == "weekday"), key=lambda i: sentences[i].position
        )
        lead_weekday = refs[lead].weekday
        assert lead_weekday is not None
        reference = anchored.get(lead) or resolve_weekday(latest, lead_weekday, "future")
        reference = max(reference, latest)
        for i in rows:
            if i in anchored:
                out[i] = SentenceDate(anchored[i], "inferred", explicit=True)
            elif refs[i].kind in ("weekday", "relative", "monthday"):
                out[i] = SentenceDate(_resolve(refs[i], reference), "inferred", explicit=True)
            elif refs[i].kind == "none":
                out[i] = SentenceDate(reference, "inferred")
    return tuple(out)
