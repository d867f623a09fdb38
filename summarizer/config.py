"""One validated configuration object, with a frozen sub-config per pipeline stage."""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field, fields, replace
from pathlib import Path
from typing import Any

from .errors import ConfigError

__all__ = [
    "BriefingConfig",
    "CleanConfig",
    "ClusterConfig",
    "EventConfig",
    "GraphConfig",
    "LoadConfig",
    "MailConfig",
    "RankConfig",
    "SelectConfig",
    "SplitConfig",
    "SummarizerConfig",
    "ThreadConfig",
    "TimelineConfig",
    "VectorizeConfig",
]


def _fail(owner: object, name: str, expected: str, value: object) -> None:
    raise ConfigError(
        f"The {name!r} parameter of {type(owner).__name__} must be {expected}. "
        f"Got {value!r} instead."
    )


def _check_float(
    owner: object,
    name: str,
    low: float,
    high: float,
    *,
    open_low: bool = False,
    open_high: bool = False,
) -> None:
    value = getattr(owner, name)
    ok = isinstance(value, int | float) and not isinstance(value, bool)
    if ok:
        ok = (value > low if open_low else value >= low) and (
            value < high if open_high else value <= high
        )
    if not ok:
        left, right = "(" if open_low else "[", ")" if open_high else "]"
        _fail(owner, name, f"a float in {left}{low}, {high}{right}", value)


def _check_int(owner: object, name: str, low: int, *, optional: bool = False) -> None:
    value = getattr(owner, name)
    if optional and value is None:
        return
    if not isinstance(value, int) or isinstance(value, bool) or value < low:
        suffix = " or None" if optional else ""
        _fail(owner, name, f"an int >= {low}{suffix}", value)


@dataclass(frozen=True, slots=True, kw_only=True)
class LoadConfig:
    """Reading inputs, each at a bounded cost: a file over ``max_bytes`` is refused, not
    read; so is an HTML page or feed with over ``max_elements`` tags; reading one input
    may take ``max_seconds``."""

    max_bytes: int = 20_000_000
    max_elements: int = 100_000
    max_seconds: float = 20.0

    def __post_init__(self) -> None:
        _check_int(self, "max_bytes", 1)
        _check_int(self, "max_elements", 1)
        _check_float(self, "max_seconds", 0.0, 86400.0, open_low=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class CleanConfig:
    """Boilerplate removal.

    ``min_words``: a line with fewer words is never article text.
    ``off_topic``: a sentence whose cosine similarity to the batch centroid is below this
    is dropped as off-topic (donation appeals, site blurbs).
    """

    min_words: int = 4
    off_topic: float = 0.05

    def __post_init__(self) -> None:
        _check_int(self, "min_words", 1)
        _check_float(self, "off_topic", 0.0, 1.0, open_high=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class SplitConfig:
    """Sentence splitting: ``abbreviations`` are added to the built-in news list
    (lower case, without the final period, e.g. ``"gov"``, ``"u.s"``)."""

    abbreviations: tuple[str, ...] = ()

    def __post_init__(self) -> None:
        if not all(isinstance(a, str) and a for a in self.abbreviations):
            _fail(self, "abbreviations", "a list of non-empty strings", self.abbreviations)


@dataclass(frozen=True, slots=True, kw_only=True)
class VectorizeConfig:
    """TF-IDF sentence vectors fitted on the batch."""

    stem: bool = True
    sublinear_tf: bool = True
    max_ngram: int = 1
    stop_words: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.stem, bool):
            _fail(self, "stem", "a bool", self.stem)
        if not isinstance(self.sublinear_tf, bool):
            _fail(self, "sublinear_tf", "a bool", self.sublinear_tf)
        if not isinstance(self.stop_words, bool):
            _fail(self, "stop_words", "a bool", self.stop_words)
        _check_int(self, "max_ngram", 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class GraphConfig:
    """The sparse sentence similarity graph used by clustering and ranking.

    ``min_similarity``: weaker similarities are not edges.
    ``max_neighbors``: each sentence keeps its strongest edges only (None: all).
    ``common_terms``: terms in more sentences than this are left out of the similarity
    products (they would make them quadratic); small batches never reach it.
    """

    min_similarity: float = 0.1
    max_neighbors: int | None = 20
    common_terms: int = 1000

    def __post_init__(self) -> None:
        _check_float(self, "min_similarity", 0.0, 1.0, open_high=True)
        _check_int(self, "max_neighbors", 1, optional=True)
        _check_int(self, "common_terms", 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class ClusterConfig:
    """Sentences whose average cosine similarity reaches ``threshold`` form one cluster."""

    threshold: float = 0.45

    def __post_init__(self) -> None:
        _check_float(self, "threshold", 0.0, 1.0, open_low=True, open_high=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class RankConfig:
    """TextRank: PageRank over the sentence similarity graph, times a lead prior.

    ``position_weight``: a sentence's score is multiplied by ``1 + position_weight / (1 +
    k)``, ``k`` its position in its article (0 for the lead).
    """

    damping: float = 0.85
    tol: float = 1.0e-8
    max_iter: int = 200
    position_weight: float = 1.0

    def __post_init__(self) -> None:
        _check_float(self, "damping", 0.0, 1.0, open_low=True, open_high=True)
        _check_float(self, "tol", 0.0, 1.0, open_low=True)
        _check_int(self, "max_iter", 1)
        _check_float(self, "position_weight", 0.0, 100.0)


@dataclass(frozen=True, slots=True, kw_only=True)
class SelectConfig:
    """Redundancy-aware selection under a word budget.

    A candidate's gain is the weight of the concepts it adds (stemmed bigrams used by at
    least ``min_concept_texts`` independent texts, weighted by how many use them) times
    ``score ** centrality / n_words ** length_penalty``, ``score`` its TextRank score.
    ``redundancy``: no two chosen sentences have a cosine similarity above it.
    Sentences outside ``[min_sentence_words, max_sentence_words]`` are not candidates.
    ``timeline_dates``: first give this many distinct event dates stated by sentences
    their best sentence (the newest date, then the others by gain), then fill by gain;
    0 turns the timeline off.
    ``overflow``: the last sentence may run past ``max_words`` (for callers that cut
    the text at the budget themselves, as ROUGE evaluations do).
    ``standalone``: only sentences that stand on their own for a reader are candidates:
    no quote whose speaker is only a pronoun, no sentence opening with a pronoun or a
    connective ("He said ...", "But ..."), no fragment, caption, byline, comment or
    disclaimer (:mod:`summarizer.screens`).
    """

    max_words: int = 150
    timeline_dates: int = 4
    centrality: float = 1.0
    min_concept_texts: int = 3
    length_penalty: float = 0.5
    standalone: bool = True
    overflow: bool = False
    max_sentences: int | None = None
    redundancy: float = 0.5
    min_sentence_words: int = 8
    max_sentence_words: int = 55

    def __post_init__(self) -> None:
        _check_int(self, "max_words", 1)
        _check_int(self, "max_sentences", 1, optional=True)
        _check_int(self, "min_sentence_words", 1)
        _check_int(self, "max_sentence_words", 1)
        _check_float(self, "length_penalty", 0.0, 1.0)
        _check_float(self, "centrality", 0.0, 10.0)
        _check_int(self, "min_concept_texts", 1)
        _check_int(self, "timeline_dates", 0)
        for name in ("standalone", "overflow"):
            if not isinstance(getattr(self, name), bool):
                _fail(self, name, "a bool", getattr(self, name))
        if self.max_sentence_words < self.min_sentence_words:
            _fail(
                self,
                "max_sentence_words",
                f">= min_sentence_words ({self.min_sentence_words})",
                self.max_sentence_words,
            )
        _check_float(self, "redundancy", 0.0, 1.0, open_low=True)


@dataclass(frozen=True, slots=True, kw_only=True)
class BriefingConfig:
    """The briefing's date (default: the latest event date) and title (default: derived)."""

    date: dt.date | None = None
    title: str | None = None

    def __post_init__(self) -> None:
        if self.date is not None and (
            not isinstance(self.date, dt.date) or isinstance(self.date, dt.datetime)
        ):
            _fail(self, "date", "a date (YYYY-MM-DD, without a time) or None", self.date)
        if self.title is not None and not (isinstance(self.title, str) and self.title.strip()):
            _fail(self, "title", "a non-empty string or None", self.title)


@dataclass(frozen=True, slots=True, kw_only=True)
class EventConfig:
    """Stories (events) in a stream of news, and which of them a daily briefing shows.

    Articles are grouped day by day (:mod:`summarizer.stories`). Two groups join when
    every article of one is at least ``threshold + threshold_growth * ln(1 + n)``
    similar to every article of the other, ``n`` being the number of articles that
    arrived together (a crowd of candidates asks for stronger evidence). A story from
    an earlier day counts ``1 / (1 + m * days / decay_days)`` of its similarity, ``m``
    the smaller of its article count and the joining group's (a straggler joins more
    easily than a whole new day of coverage); it stops taking articles
    ``window_days`` after its last one. ``title_weight``: how much a title word counts
    against a body word. ``max_neighbors``: the most similar articles each article is
    compared with (bounded cost).
    ``duplicate``: articles at least this similar are wire copies (one text).
    ``max_events`` and ``max_words_per_event``: how much of the day is shown;
    ``context_words``: the word budget of an event's earlier background.
    """

    threshold: float = 0.06
    threshold_growth: float = 0.03
    decay_days: float = 2.0
    window_days: int = 7
    title_weight: float = 2.0
    max_neighbors: int = 100
    duplicate: float = 0.8
    max_events: int = 10
    max_words_per_event: int = 80
    context_words: int = 30

    def __post_init__(self) -> None:
        _check_float(self, "threshold", 0.0, 1.0, open_high=True)
        _check_float(self, "threshold_growth", 0.0, 1.0)
        _check_float(self, "decay_days", 0.0, 3650.0, open_low=True)
        _check_int(self, "window_days", 0)
        _check_float(self, "title_weight", 0.0, 100.0)
        _check_int(self, "max_neighbors", 1)
        _check_float(self, "duplicate", 0.0, 1.0, open_low=True)
        _check_int(self, "max_events", 1)
        _check_int(self, "max_words_per_event", 1)
        _check_int(self, "context_words", 0)


@dataclass(frozen=True, slots=True, kw_only=True)
class ThreadConfig:
    """Threads: the stories of one long-running topic, linked over weeks.

    Each story is seen as its ``terms`` most weighty TF-IDF terms. A new story joins the
    open thread it is most similar to, if its mean similarity to that thread's stories
    of the last ``window_days`` days, leaving out its single most similar one, is at
    least ``threshold`` (with one such story, their similarity); stories that join no
    thread found new ones, together when every pair of them is that similar.
    """

    threshold: float = 0.1
    window_days: int = 60
    terms: int = 50

    def __post_init__(self) -> None:
        _check_float(self, "threshold", 0.0, 1.0, open_low=True)
        _check_int(self, "window_days", 0)
        _check_int(self, "terms", 1)


@dataclass(frozen=True, slots=True, kw_only=True)
class TimelineConfig:
    """The timeline of a long-running story (``summarizer timeline``).

    ``dates``: how many dates the timeline shows; ``sentences``: at most this many
    sentences a date. ``start`` and ``end`` (``--from`` and ``--to``): only articles
    published in this window are read, and only dates in it are shown (default: the
    span of the articles' publication dates). ``story``: only the articles of this story
    of ``summarizer events``; ``query``: only articles whose title or text has every one
    of these words (stemmed, case ignored). With neither, the articles of the largest
    topic (:mod:`summarizer.topics`: threads joined when their TF-IDF cosine is at least
    ``topic_threshold``) when it holds fewer than half of them (the input mixes
    stories), else all of them; ``all_articles``: always all of them.
    A date's importance is the number of independent texts published that day, plus
    ``lookback`` for each later text that states the date (a look back at it), plus one
    for each earlier or undated text that states it.
    A date's sentences are those dated to it, and the first ``lead_sentences`` of the
    next day's articles that state no date of their own (news reports yesterday's
    events); 0 leaves them out.
    """

    dates: int = 10
    sentences: int = 1
    start: dt.date | None = None
    end: dt.date | None = None
    story: str | None = None
    query: str | None = None
    all_articles: bool = False
    topic_threshold: float = 0.3
    lookback: float = 2.0
    lead_sentences: int = 5

    def __post_init__(self) -> None:
        _check_int(self, "dates", 1)
        _check_int(self, "sentences", 1)
        for name in ("start", "end"):
            value = getattr(self, name)
            if value is not None and (
                not isinstance(value, dt.date) or isinstance(value, dt.datetime)
            ):
                _fail(self, name, "a date (YYYY-MM-DD, without a time) or None", value)
        if self.start is not None and self.end is not None and self.end < self.start:
            _fail(self, "end", f"on or after start ({self.start.isoformat()})", self.end)
        for name in ("story", "query"):
            value = getattr(self, name)
            if value is not None and not (isinstance(value, str) and value.strip()):
                _fail(self, name, "a non-empty string or None", value)
        if not isinstance(self.all_articles, bool):
            _fail(self, "all_articles", "a bool", self.all_articles)
        _check_float(self, "topic_threshold", 0.0, 1.0)
        _check_float(self, "lookback", 0.0, 100.0)
        _check_int(self, "lead_sentences", 0)


@dataclass(frozen=True, slots=True, kw_only=True)
class MailConfig:
    """Sending digests by SMTP.

    ``security``: "starttls", "ssl" or "none". ``username`` and ``password`` come from
    here (the config file) or from the SUMMARIZER_SMTP_USER and SUMMARIZER_SMTP_PASSWORD
    environment variables, never from the command line; with "none" they are sent only
    if ``allow_plain_auth``. ``timeout``: seconds one attempt may take, from connecting
    to the end of the conversation. ``retries``: further attempts after a temporary
    failure (4xx reply, dropped connection, timeout), ``retry_delay`` seconds apart,
    doubling.
    """

    smtp_host: str = "localhost"
    smtp_port: int | None = None
    security: str = "starttls"
    sender: str | None = None
    username: str | None = None
    password: str | None = field(default=None, repr=False)
    timeout: float = 30.0
    retries: int = 2
    retry_delay: float = 2.0
    allow_plain_auth: bool = False

    def __post_init__(self) -> None:
        if not isinstance(self.smtp_host, str) or not self.smtp_host:
            _fail(self, "smtp_host", "a host name", self.smtp_host)
        _check_int(self, "smtp_port", 1, optional=True)
        if self.smtp_port is not None and self.smtp_port > 65535:
            _fail(self, "smtp_port", "a port number from 1 to 65535", self.smtp_port)
        if not isinstance(self.allow_plain_auth, bool):
            _fail(self, "allow_plain_auth", "a bool", self.allow_plain_auth)
        if self.security not in ("starttls", "ssl", "none"):
            _fail(self, "security", "one of 'starttls', 'ssl', 'none'", self.security)
        _check_float(self, "timeout", 0.0, 3600.0, open_low=True)
        _check_int(self, "retries", 0)
        _check_float(self, "retry_delay", 0.0, 600.0)


_SECTIONS: dict[str, type[Any]] = {
    "load": LoadConfig,
    "clean": CleanConfig,
    "split": SplitConfig,
    "vectorize": VectorizeConfig,
    "graph": GraphConfig,
    "cluster": ClusterConfig,
    "rank": RankConfig,
    "select": SelectConfig,
    "briefing": BriefingConfig,
    "events": EventConfig,
    "threads": ThreadConfig,
    "timeline": TimelineConfig,
    "mail": MailConfig,
}


@dataclass(frozen=True, slots=True, kw_only=True)
class SummarizerConfig:
    """All settings, one frozen sub-config per stage.

    Examples
    --------
    >>> cfg = SummarizerConfig().with_options(select={"max_words": 80})
    >>> cfg.select.max_words
    80
    """

    load: LoadConfig = field(default_factory=LoadConfig)
    clean: CleanConfig = field(default_factory=CleanConfig)
    split: SplitConfig = field(default_factory=SplitConfig)
    vectorize: VectorizeConfig = field(default_factory=VectorizeConfig)
    graph: GraphConfig = field(default_factory=GraphConfig)
    cluster: ClusterConfig = field(default_factory=ClusterConfig)
    rank: RankConfig = field(default_factory=RankConfig)
    select: SelectConfig = field(default_factory=SelectConfig)
    briefing: BriefingConfig = field(default_factory=BriefingConfig)
    events: EventConfig = field(default_factory=EventConfig)
    threads: ThreadConfig = field(default_factory=ThreadConfig)
    timeline: TimelineConfig = field(default_factory=TimelineConfig)
    mail: MailConfig = field(default_factory=MailConfig)

    def with_options(self, **sections: dict[str, Any]) -> SummarizerConfig:
        """Return a copy with the given keys of each section replaced (unknown keys fail)."""
        changes: dict[str, Any] = {}
        for section, values in sections.items():
            if section not in _SECTIONS:
                raise ConfigError(
                    f"Unknown config section {section!r}; valid sections: {', '.join(_SECTIONS)}."
                )
            current = getattr(self, section)
            valid = [f.name for f in fields(current)]
            unknown = sorted(set(values) - set(valid))
            if unknown:
                raise ConfigError(
                    f"Unknown key(s) {', '.join(map(repr, unknown))} in section [{section}]; "
                    f"valid keys: {', '.join(valid)}."
                )
            values = {k: _coerce(k, v) for k, v in values.items()}
            changes[section] = replace(current, **values)
        return replace(self, **changes)

    @classmethod
    def from_toml(cls, path: str | Path) -> SummarizerConfig:
        """Read a TOML file with one table per section, e.g. ``[select] max_words = 80``."""
        try:
            with open(path, "rb") as fh:
                data = tomllib.load(fh)
        except OSError as exc:
            raise ConfigError(f"{path}: cannot read config file ({exc.strerror}).") from exc
        except tomllib.TOMLDecodeError as exc:
            raise ConfigError(f"{path}: not valid TOML ({exc}).") from exc
        except UnicodeDecodeError as exc:
            raise ConfigError(
                f"{path}: not UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset "
                f"{exc.start}); TOML files must be UTF-8."
            ) from exc
        for section, values in data.items():
            if not isinstance(values, dict):
                raise ConfigError(
                    f"{path}: {section!r} must be a table such as [{section}]; "
                    f"valid sections: {', '.join(_SECTIONS)}."
                )
        try:
            return cls().with_options(**data)
        except ConfigError as exc:
            raise ConfigError(f"{path}: {exc}") from exc


def _coerce(key: str, value: Any) -> Any:
    """TOML has no tuples and dates may come as strings: convert what is unambiguous."""
    if isinstance(value, list):
        return tuple(value)
    if key in ("date", "start", "end") and isinstance(value, str):
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            return value  # validation reports it
    return value
