"""Articles -> stories: the grouping of a news stream, one day at a time.

A story is what outlets report about one development: local in time (days, not
months), joined by an article only when the article is similar to *every* article of
the story (complete linkage, so no bridge article can chain two stories together).

Each day is one batch. Its articles are compared with each other and with the stories
still open from the last ``window_days`` days, and grouped by agglomerative clustering:
the most similar pair of groups is joined first, as long as every article of one is at
least ``threshold + threshold_growth * ln(1 + n)`` similar to every article of the other
(``n`` is the number of articles in the batch: among many candidates, a match must be
stronger). A story from an earlier day counts ``1 / (1 + m * days / decay_days)`` of its
similarity, ``m`` being the smaller of its article count and the joining group's: an
article the story missed yesterday joins easily, a whole new day of coverage by several
outlets is a new development and becomes a new story unless it is very similar.
Stories from earlier days never merge with each other, so a story keeps its id.

Articles are compared by TF-IDF cosine over stemmed words, title words counting
``title_weight`` times; document frequencies are those of all articles seen up to the
batch's day. Everything a later day needs (open stories with their articles' word
counts, document frequencies) is the :class:`StoryState`, saved as JSON between runs:
grouping a stream day by day from saved states gives the same stories, with the same
ids, as grouping it in one run (undated articles aside: they are grouped at the end of
each run, with the stories that run knows).

Alongside the stories, each day's new stories are linked into threads (the stories of
one long-running topic, :mod:`summarizer.threads`); threads never change a story.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import logging
import math
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from .config import EventConfig, ThreadConfig
from .errors import InputError
from .graph import _chunk_bounds  # chunks of rows with bounded work, shared with graph.py
from .linkage import Links, merge_groups, root
from .terms import TermNumbers
from .threads import (
    ThreadStory,
    expire,
    link_stories,
    thread_settings,
    threads_from_dict,
    threads_to_dict,
)
from .types import Article

if TYPE_CHECKING:
    from scipy.sparse import csr_matrix

    from .vectorize import Analyzer

__all__ = [
    "STATE_SCHEMA_VERSION",
    "Grouping",
    "Member",
    "Story",
    "StoryState",
    "group_stories",
    "read_json_file",
    "read_state",
    "state_from_dict",
    "state_in",
    "state_to_dict",
]

logger = logging.getLogger(__name__)

#: Version of the saved state's JSON layout.
STATE_SCHEMA_VERSION = 1
#: Terms in more articles of a batch than this are left out of the similarity products
#: (they carry little weight and would make the products quadratic).
_COMMON_TERMS = 1000
#: The grouping settings a saved state remembers.
_SETTINGS = (
    "threshold",
    "threshold_growth",
    "decay_days",
    "window_days",
    "title_weight",
    "max_neighbors",
)
#: A saved state larger than this is refused.
_MAX_STATE_BYTES = 500_000_000


@dataclass(frozen=True, slots=True, kw_only=True)
class Member:
    """One article as its story remembers it: enough to compare, list and credit it.

    ``terms`` are its stemmed words with their counts, title words weighted.
    ``outlet_known`` is false when ``source`` is only a file name.
    """

    id: str
    title: str
    source: str
    outlet_known: bool
    published: dt.date | None
    digest: str
    terms: tuple[tuple[str, float], ...]


@dataclass(frozen=True, slots=True, kw_only=True)
class Story:
    """A story: its stable id, its articles (by date, then id) and its first and last
    publication dates (None when no article has a date)."""

    id: str
    members: tuple[Member, ...]
    first: dt.date | None
    last: dt.date | None


@dataclass(frozen=True, slots=True, kw_only=True)
class StoryState:
    """What grouping needs to carry on another day: the stories still open (their last
    article within ``window_days`` of ``day``), the document frequencies of the words of
    the ``documents`` articles seen so far, and the settings they were grouped with; the
    stories of open threads (``threads``, by story id) and the thread settings."""

    day: dt.date | None
    documents: int
    df: tuple[tuple[str, int], ...]
    stories: tuple[Story, ...]
    settings: tuple[tuple[str, float], ...]
    threads: tuple[ThreadStory, ...] = ()
    thread_settings: tuple[tuple[str, float], ...] = ()


@dataclass(frozen=True, slots=True, kw_only=True)
class Grouping:
    """The stories that hold the input articles (sorted by first date, then id), the
    story of each input article (sorted by article id), the thread of each of those
    stories (``threads``: story id -> thread id, sorted by story id; a thread is named
    by the story that began it) and the state after grouping."""

    stories: tuple[Story, ...]
    assignment: tuple[tuple[str, str], ...]
    threads: tuple[tuple[str, str], ...]
    state: StoryState


def group_stories(
    articles: Sequence[Article],
    config: EventConfig | None = None,
    *,
    state: StoryState | None = None,
    analyzer: Analyzer | None = None,
    threads: ThreadConfig | None = None,
) -> Grouping:
    """Group articles into stories, day by day, continuing from ``state`` if given, and
    link the stories into threads (``threads``: their settings).

    Articles whose id (and text) the state already holds keep their story. Undated
    articles are grouped last, against every story of the run and of ``state``. Articles
    the state does not hold that are dated on or before its day (late arrivals) are
    grouped as if they arrived on that day, or, if they are older than all its open
    stories, among themselves by their own dates. The result does not depend on the order
    of ``articles``.

    Examples
    --------
    >>> import datetime as dt
    >>> from summarizer.types import Article
    >>> day = dt.datetime(2021, 9, 1, tzinfo=dt.UTC)
    >>> def a(i, title, text):
    ...     return Article(id=i, title=title, text=text, source="AP", published=day)
    >>> grouping = group_stories([
    ...     a("1", "Storm floods coast", "A storm flooded homes on the coast."),
    ...     a("2", "Coast homes flooded by storm", "Homes on the coast were flooded."),
    ...     a("3", "Council passes budget", "The council passed the school budget.")])
    >>> sorted([m.id for m in s.members] for s in grouping.stories)
    [['1', '2'], ['3']]
    >>> len(grouping.threads)
    2
    """
    from .vectorize import Analyzer

    config = config or EventConfig()
    thread_config = threads or ThreadConfig()
    analyzer = analyzer or Analyzer(stem=True)
    settings = _settings(config)
    linking = thread_settings(thread_config)
    if state is not None and state.settings != settings:
        logger.warning(
            "the saved stories were grouped with other settings (%s); grouping continues "
            "with the current ones",
            ", ".join(f"{k}={v:g}" for k, v in state.settings),
        )
    if state is not None and state.thread_settings and state.thread_settings != linking:
        logger.warning(
            "the saved threads were linked with other settings (%s); linking continues "
            "with the current ones",
            ", ".join(f"{k}={v:g}" for k, v in state.thread_settings),
        )
    stories: dict[str, Story] = {s.id: s for s in state.stories} if state else {}
    open_ids = set(stories)
    df: Counter[str] = Counter(dict(state.df)) if state else Counter()
    documents = state.documents if state else 0
    day = state.day if state else None

    remembered = {e.story: e for e in state.threads} if state else {}
    thread_of = {e.story: e.thread for e in remembered.values()}
    keep_days = max(thread_config.window_days, config.window_days)

    known = {m.id: (s.id, m.digest) for s in stories.values() for m in s.members}
    terms = TermNumbers()
    assignment: dict[str, str] = {}
    new: list[Member] = []
    for article in articles:
        member = _member(article, analyzer, config.title_weight)
        seen = known.get(member.id)
        if seen is not None and seen[1] == member.digest:
            assignment[member.id] = seen[0]
            continue
        if seen is not None:  # the same id for another text: a different article
            renamed = f"{member.id}~{member.digest[:8]}"
            logger.info("%s: another article had this id; grouped as %s", member.id, renamed)
            member = _renamed(member, renamed)
        new.append(member)

    def run(
        members: list[Member],
        open_ids: set[str],
        day: dt.date | None,
        late: dt.date | None,
        remembered: dict[str, ThreadStory],
    ) -> tuple[set[str], dt.date | None, dict[str, ThreadStory]]:
        """Group ``members`` day by day against the stories in ``open_ids``, and link
        the new stories into the threads of ``remembered``."""
        nonlocal documents
        for batch_day, batch in _batches(members, late):
            if batch_day is not None:
                day = batch_day
            for member in batch:
                df.update(term for term, _ in member.terms)
            documents += len(batch)
            # Undated articles may belong to any story of this run: no date rules them out.
            reachable = sorted(stories) if batch_day is None else sorted(open_ids)
            candidates = [
                stories[i]
                for i in reachable
                if batch_day is None or _open(stories[i], batch_day, config.window_days)
            ]
            batch_ids = {m.id for m in batch}
            changed = _group_batch(
                batch, candidates, batch_day, df, documents, config, set(stories), terms
            )
            opened = {s.id for s in changed if s.id not in stories}
            for story in changed:
                stories[story.id] = story
                open_ids.add(story.id)
                for member in story.members:
                    if member.id in batch_ids:
                        assignment[member.id] = story.id
            links = link_stories(
                remembered, changed, opened, batch_day, df, documents, thread_config, terms=terms
            )
            remembered.update(links)
            thread_of.update((i, e.thread) for i, e in links.items())
            if day is not None:
                open_ids = {i for i in open_ids if _open(stories[i], day, config.window_days)}
                remembered = expire(remembered, day, keep_days, open_ids)
        return open_ids, day, remembered

    if day is not None:
        # Articles the state does not hold that are older than all its open stories (a
        # folder of many days given again): grouped among themselves by their own dates;
        # their stories are closed and not carried over.
        horizon = day - dt.timedelta(days=config.window_days)
        history = [m for m in new if m.published is not None and m.published < horizon]
        new = [m for m in new if m.published is None or m.published >= horizon]
        run(history, set(), None, None, {})
    open_ids, day, remembered = run(new, open_ids, day, day, remembered)

    touched = set(assignment.values())
    kept = tuple(
        stories[i] for i in sorted(open_ids) if stories[i].last is not None
    )  # stories of undated articles only are not carried over: no day can reach them
    return Grouping(
        stories=tuple(
            sorted(
                (stories[i] for i in touched),
                key=lambda s: (s.first is None, s.first or dt.date.min, s.id),
            )
        ),
        assignment=tuple(sorted(assignment.items())),
        # A story of a state saved before threads existed is its own thread.
        threads=tuple(sorted((i, thread_of.get(i, i)) for i in touched)),
        state=StoryState(
            day=day,
            documents=documents,
            df=tuple(sorted(df.items())),
            stories=kept,
            settings=settings,
            threads=tuple(
                remembered[i] for i in sorted(remembered) if remembered[i].last is not None
            ),
            thread_settings=linking,
        ),
    )


def _settings(config: EventConfig) -> tuple[tuple[str, float], ...]:
    return tuple((name, float(getattr(config, name))) for name in _SETTINGS)


def _open(story: Story, day: dt.date, window: int) -> bool:
    return story.last is None or (day - story.last).days <= window


def _digest(article: Article) -> str:
    return hashlib.sha1(f"{article.title}\n{article.text}".encode()).hexdigest()


def _member(article: Article, analyzer: Analyzer, title_weight: float) -> Member:
    """An article's remembered form: its words counted, title words ``title_weight`` times
    (a title that is only the article id counts as no title)."""
    counts: Counter[str] = Counter(analyzer.words(article.text))
    weighted: dict[str, float] = {term: float(n) for term, n in counts.items()}
    if article.title and article.title != article.id and title_weight > 0:
        for term in analyzer.words(article.title):
            weighted[term] = weighted.get(term, 0.0) + title_weight
    return Member(
        id=article.id,
        title=article.title,
        source=article.source,
        outlet_known=article.outlet_known,
        published=article.published.date() if article.published else None,
        digest=_digest(article),
        terms=tuple(sorted(weighted.items())),
    )


def _renamed(member: Member, new_id: str) -> Member:
    from dataclasses import replace

    return replace(member, id=new_id)


def _batches(
    members: list[Member], state_day: dt.date | None
) -> list[tuple[dt.date | None, list[Member]]]:
    """Day batches in date order, undated last; articles on or before ``state_day`` join
    a batch on that day (late arrivals). Each batch in a canonical order: by text digest,
    then id, so that the input order never matters."""
    by_day: dict[dt.date | None, list[Member]] = {}
    for member in members:
        when = member.published
        if when is not None and state_day is not None and when <= state_day:
            when = state_day
        by_day.setdefault(when, []).append(member)
    dated = sorted(d for d in by_day if d is not None)
    order = [*dated, None] if None in by_day else dated
    return [(d, sorted(by_day[d], key=lambda m: (m.digest, m.id))) for d in order]


def _vectors(
    members: Sequence[Member], df: Mapping[str, int], documents: int, terms: TermNumbers
) -> csr_matrix:
    """L2-normalised TF-IDF rows (sublinear term frequency), columns in sorted term order."""
    from scipy.sparse import csr_matrix

    lengths = np.array([len(m.terms) for m in members], dtype=np.int64)
    if not lengths.sum():
        return csr_matrix((len(members), 0))
    arrays = [terms.of(m) for m in members]
    ids, inverse = np.unique(np.concatenate([t for t, _ in arrays]), return_inverse=True)
    counts = np.concatenate([c for _, c in arrays])
    vocabulary = [terms.names[i] for i in ids.tolist()]
    order = sorted(range(len(vocabulary)), key=vocabulary.__getitem__)
    column = np.empty(len(order), dtype=np.int64)
    column[order] = np.arange(len(order))
    columns = column[inverse]
    frequency = np.array([df.get(vocabulary[i], 0) for i in order], dtype=np.float64)
    idf = np.log((documents + 1) / (frequency + 1)) + 1.0
    values = (1.0 + np.log(counts)) * idf[columns]
    rows = np.repeat(np.arange(len(members)), lengths)
    norms = np.sqrt(np.bincount(rows, weights=values * values, minlength=len(members)))
    norms[norms == 0] = 1.0
    values /= norms[rows]
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    return csr_matrix((values, columns, indptr), shape=(len(members), len(vocabulary)))


def _edges(
    vectors: csr_matrix, first_new: int, threshold: float, max_neighbors: int
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Similarities of at least ``threshold`` between each row from ``first_new`` on and
    every other row, each new row keeping its ``max_neighbors`` strongest; pairs of new
    rows appear once (lower row first). Computed in bounded chunks."""
    from itertools import pairwise

    n = vectors.shape[0]
    empty = np.zeros(0, dtype=np.int64)
    if n - first_new == 0 or vectors.shape[1] == 0:
        return empty, empty, np.zeros(0)
    df = np.bincount(vectors.indices, minlength=vectors.shape[1])
    keep = (df <= _COMMON_TERMS).astype(np.float64)
    x = vectors.multiply(keep[np.newaxis, :]).tocsr()
    x.eliminate_zeros()
    xt = x.T.tocsr()
    new = x[first_new:]
    binary = new.copy()
    binary.data[:] = 1.0
    work = np.asarray(binary @ df.astype(np.float64)).ravel()
    bounds = _chunk_bounds(work)
    rows, cols, vals = [], [], []
    for start, end in pairwise(bounds):
        block = (new[start:end] @ xt).tocoo()
        r = block.row.astype(np.int64) + start + first_new
        c = block.col.astype(np.int64)
        v = block.data
        ok = (v >= threshold) & (r != c)
        r, c, v = r[ok], c[ok], v[ok]
        order = np.lexsort((c, -v, r))  # per row: strongest first, ties to the lower column
        r, c, v = r[order], c[order], v[order]
        rank = np.arange(len(r)) - np.searchsorted(r, r, side="left")
        top = rank < max_neighbors
        rows.append(r[top])
        cols.append(c[top])
        vals.append(v[top])
    r, c, v = np.concatenate(rows), np.concatenate(cols), np.concatenate(vals)
    # A pair of new rows may appear from both ends: keep it once, lower row first.
    lo, hi = np.minimum(r, c), np.maximum(r, c)
    order = np.lexsort((-v, hi, lo))
    lo, hi, v = lo[order], hi[order], v[order]
    first = np.ones(len(lo), dtype=bool)
    first[1:] = (lo[1:] != lo[:-1]) | (hi[1:] != hi[:-1])
    return lo[first], hi[first], v[first]


def _group_batch(
    batch: list[Member],
    candidates: list[Story],
    day: dt.date | None,
    df: Mapping[str, int],
    documents: int,
    config: EventConfig,
    taken: set[str],
    terms: TermNumbers,
) -> list[Story]:
    """Group one batch against the open stories; return the stories that changed or
    were opened."""
    if not batch:
        return []
    old_members = [m for s in candidates for m in s.members]
    rows = [*old_members, *batch]
    vectors = _vectors(rows, df, documents, terms)
    threshold = min(config.threshold + config.threshold_growth * math.log1p(len(batch)), 0.999)
    lo, hi, sims = _edges(vectors, len(old_members), threshold, config.max_neighbors)

    # Initial groups: each open story, then each new article.
    n_old = len(candidates)
    group_of = np.repeat(np.arange(n_old), [len(s.members) for s in candidates])
    group_of = np.concatenate([group_of, np.arange(n_old, n_old + len(batch))])
    size = [len(s.members) for s in candidates] + [1] * len(batch)
    before = list(size[:n_old])  # articles an open story had before this batch
    gap = [(day - s.last).days if day is not None and s.last is not None else 0 for s in candidates]
    links: Links = [{} for _ in size]  # group -> [count, min]
    for a, b, sim in zip(group_of[lo].tolist(), group_of[hi].tolist(), sims.tolist(), strict=True):
        if a == b:
            continue
        link = links[a].get(b)
        if link is None:
            links[a][b] = links[b][a] = [1.0, sim]
        else:
            link[0] += 1.0
            link[1] = min(link[1], sim)

    def score(a: int, b: int) -> float:
        """Complete-linkage similarity, weakened across days; -1 if not eligible."""
        if a < n_old and b < n_old:
            return -1.0
        count, low = links[a][b]
        if count < size[a] * size[b]:
            return -1.0  # some pair is below the threshold
        old, other = (a, b) if a < n_old else (b, a)
        if old < n_old and gap[old] > 0:
            m = max(1, min(before[old], size[other]))
            low /= 1.0 + m * gap[old] / config.decay_days
        return low

    def keeper(a: int, b: int) -> tuple[int, int]:
        """An open story keeps its id: it keeps the joined group."""
        return (a, b) if a < n_old or b >= n_old else (b, a)

    parent = merge_groups(links, size, score, threshold, keeper)

    changed: list[Story] = []
    by_group: dict[int, list[Member]] = {}
    for row in range(len(old_members), len(rows)):
        by_group.setdefault(root(parent, int(group_of[row])), []).append(rows[row])
    for group in sorted(by_group):
        joined = by_group[group]
        if group < n_old:
            changed.append(_with_members(candidates[group], joined))
        else:
            story_id = _story_id(joined, day, taken)
            taken.add(story_id)
            changed.append(_with_members(None, joined, story_id=story_id))
    return changed


def _story_id(members: Sequence[Member], day: dt.date | None, taken: set[str]) -> str:
    """``YYYY-MM-DD-<12 hex>`` from the day and the founding articles' ids (``undated-``
    without a day); a clash gets ``-2``, ``-3``..."""
    digest = hashlib.sha1("\n".join(sorted(m.id for m in members)).encode()).hexdigest()
    base = f"{day.isoformat() if day else 'undated'}-{digest[:12]}"
    story_id, n = base, 1
    while story_id in taken:
        n += 1
        story_id = f"{base}-{n}"
    return story_id


def _with_members(
    story: Story | None, added: Iterable[Member], *, story_id: str | None = None
) -> Story:
    members = sorted(
        [*(story.members if story else ()), *added],
        key=lambda m: (m.published is None, m.published or dt.date.min, m.id),
    )
    dates = [m.published for m in members if m.published is not None]
    return Story(
        id=story.id if story else str(story_id),
        members=tuple(members),
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
    )


# --- saved state -------------------------------------------------------------------


def state_to_dict(state: StoryState) -> dict[str, Any]:
    """The state as plain JSON data, ``schema_version`` first."""

    def number(value: float) -> float | int:
        return int(value) if float(value).is_integer() else value

    return {
        "schema_version": STATE_SCHEMA_VERSION,
        "kind": "story-state",
        "day": state.day.isoformat() if state.day else None,
        "documents": state.documents,
        "settings": {k: number(v) for k, v in state.settings},
        "stories": [
            {
                "id": s.id,
                "first": s.first.isoformat() if s.first else None,
                "last": s.last.isoformat() if s.last else None,
                "articles": [
                    {
                        "id": m.id,
                        "title": m.title,
                        "source": m.source,
                        "outlet_known": m.outlet_known,
                        "published": m.published.isoformat() if m.published else None,
                        "digest": m.digest,
                        "terms": {t: number(w) for t, w in m.terms},
                    }
                    for m in s.members
                ],
            }
            for s in state.stories
        ],
        "df": dict(state.df),
        "threads": threads_to_dict(state.threads, state.thread_settings),
    }


def _date(value: Any) -> dt.date | None:
    if value is None:
        return None
    if not isinstance(value, str):
        raise ValueError(f"a date must be a YYYY-MM-DD string, got {value!r}")
    return dt.date.fromisoformat(value)


def state_from_dict(doc: Mapping[str, Any]) -> StoryState:
    """Read a state written by :func:`state_to_dict`; ValueError if it is not one."""
    if doc.get("kind") != "story-state":
        raise ValueError('not a saved story state (no "kind": "story-state")')
    version = doc.get("schema_version")
    if version != STATE_SCHEMA_VERSION:
        raise ValueError(
            f"story state schema_version {version!r} is not supported "
            f"(this version reads {STATE_SCHEMA_VERSION})"
        )
    try:
        stories = []
        threads, linking = threads_from_dict(doc["threads"]) if "threads" in doc else ((), ())
        for s in doc["stories"]:
            members = tuple(
                Member(
                    id=str(m["id"]),
                    title=str(m["title"]),
                    source=str(m["source"]),
                    outlet_known=bool(m["outlet_known"]),
                    published=_date(m["published"]),
                    digest=str(m["digest"]),
                    terms=tuple(sorted((str(t), float(w)) for t, w in m["terms"].items())),
                )
                for m in s["articles"]
            )
            stories.append(
                Story(
                    id=str(s["id"]), members=members, first=_date(s["first"]), last=_date(s["last"])
                )
            )
        return StoryState(
            day=_date(doc["day"]),
            documents=int(doc["documents"]),
            df=tuple(sorted((str(t), int(n)) for t, n in doc["df"].items())),
            stories=tuple(sorted(stories, key=lambda s: s.id)),
            settings=tuple((str(k), float(v)) for k, v in doc["settings"].items()),
            threads=threads,
            thread_settings=linking,
        )
    except (KeyError, TypeError, AttributeError) as exc:
        raise ValueError(f"malformed story state ({type(exc).__name__}: {exc})") from exc


def read_state(path: str | Path) -> StoryState:
    """The story state saved in a JSON file: the output of ``summarizer events -f json``
    or ``summarizer daily -f json`` (its ``state``), or a bare state; InputError if the
    file holds none."""
    return state_in(read_json_file(path), path)


def read_json_file(path: str | Path) -> Any:
    """A JSON file's content (bounded read); InputError if it is not JSON."""
    from .load import read_text

    text = read_text(path, _MAX_STATE_BYTES)
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise InputError(path, f"not JSON ({exc.msg} at line {exc.lineno})") from None


def state_in(doc: Any, path: str | Path) -> StoryState:
    """The story state in the JSON document ``doc`` read from ``path`` (see
    :func:`read_state`)."""
    if isinstance(doc, dict) and isinstance(doc.get("state"), dict):
        doc = doc["state"]
    if not isinstance(doc, dict):
        raise InputError(path, "no saved stories (expected the JSON of an events or daily run)")
    try:
        return state_from_dict(doc)
    except ValueError as exc:
        raise InputError(
            path, f"{exc}; expected the JSON output of 'summarizer events' or 'daily'"
        ) from None
