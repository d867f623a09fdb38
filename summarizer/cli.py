"""The command line: a thin layer over the library. ``main(argv) -> int``.

Heavy libraries (scikit-learn, NLTK, SciPy) are imported only when a command runs,
so ``summarizer --help`` answers at once.
"""

from __future__ import annotations

import argparse
import contextlib
import datetime as dt
import difflib
import logging
import os
import re
import secrets
import stat
import sys
import textwrap
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn

if TYPE_CHECKING:
    from .config import SummarizerConfig
    from .load import LoadResult
    from .types import Briefing, DailyBriefing, Timeline

__all__ = ["main", "main_entry"]

PROG = "summarizer"
_FORMATS = ("text", "markdown", "html", "json")
#: Standard output, for -o and --eml.
_STDOUT = "-"
#: Exit status when the reader of standard output went away (as if killed by SIGPIPE).
EXIT_PIPE = 141
_EXIT_CODES = (
    "Exit status: 0 done (inputs that could not be used are reported as warnings on "
    "stderr); 2 usage or input error: a bad option or config file, nothing usable to "
    "summarise, or with --strict any input skipped; 1 unexpected error, or the mail could "
    "not be delivered; 130 interrupted; 141 the reader of standard output went away."
)


class _UsageError(Exception):
    pass


class _HelpFormatter(argparse.HelpFormatter):
    """Wraps each line of a description or epilog on its own, so epilogs keep their
    line breaks while long descriptions are still filled to the terminal width."""

    def _fill_text(self, text: str, width: int, indent: str) -> str:
        return "\n".join(
            textwrap.fill(line, width, initial_indent=indent, subsequent_indent=indent)
            if line
            else ""
            for line in text.splitlines()
        )


class _Parser(argparse.ArgumentParser):
    """No abbreviated options (``--max-word`` is a typo, not ``--max-words``), and a
    suggestion for a mistyped command."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        kwargs.setdefault("allow_abbrev", False)
        kwargs.setdefault("formatter_class", _HelpFormatter)
        super().__init__(*args, **kwargs)

    def error(self, message: str) -> NoReturn:
        choice = re.search(r"invalid choice: '([^']*)' \(choose from (.*)\)", message)
        if choice:
            names = re.findall(r"'([^']*)'", choice.group(2))
            message += _did_you_mean(choice.group(1), names)
        super().error(_clean_message(message))


def _did_you_mean(word: str, candidates: Sequence[str]) -> str:
    close = difflib.get_close_matches(word, candidates, n=1, cutoff=0.6)
    return f" (did you mean {close[0]}?)" if close else ""


_CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f\u2028\u2029]")


def _clean_message(text: str) -> str:
    """A message safe for a terminal and one line long: control characters (a newline
    or an escape sequence in a file name) and undecodable bytes shown as escapes."""
    text = _CONTROL.sub(lambda m: repr(m.group())[1:-1], text)
    return text.encode("utf-8", "backslashreplace").decode("utf-8")


#: What reaches a terminal through stdout: no control characters but newline and tab.
_OUTPUT_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def _terminal_safe(text: str) -> str:
    """Rendered output for stdout: control characters removed (an article cannot set
    the window title or clear the screen), text the stream cannot encode replaced."""
    text = _OUTPUT_CONTROL.sub("", text)
    encoding = getattr(sys.stdout, "encoding", None) or "utf-8"
    return text.encode(encoding, "replace").decode(encoding)


def _iso_date(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date in YYYY-MM-DD form: {value!r}") from None


def _positive_int(value: str) -> int:
    try:
        number = int(value)
    except ValueError:
        number = 0
    if number < 1:
        raise argparse.ArgumentTypeError(f"must be a whole number >= 1, got {value!r}")
    return number


def _port(value: str) -> int:
    number = int(value) if value.isdigit() and len(value) <= 5 else 0
    if not 1 <= number <= 65535:
        raise argparse.ArgumentTypeError(f"must be a port number from 1 to 65535, got {value!r}")
    return number


def _cores() -> int:
    try:
        return len(os.sched_getaffinity(0))
    except (AttributeError, OSError):
        return os.cpu_count() or 1


def _natural_int(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"must be a whole number >= 0, got {value!r}")
    return int(value)


def _add_strict(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--strict",
        action="store_true",
        help="exit with status 2, writing nothing, when any input was skipped "
        "(default: skipped inputs are warnings)",
    )


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="article files or folders of them (read recursively): plain text (first line "
        "is the title), HTML pages, JSON or JSON Lines records, RSS/Atom feeds; '-' reads "
        "standard input, in any of these formats",
    )
    _add_strict(parser)
    parser.add_argument(
        "--max-bytes",
        type=_positive_int,
        metavar="N",
        help="refuse input files larger than N bytes (default: 20000000)",
    )
    parser.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the briefing's date; for daily briefings, the day whose events are shown "
        "(default: the latest event or publication date)",
    )
    parser.add_argument(
        "--title",
        metavar="TEXT",
        help="the briefing's title (default: the most representative article title; "
        "'Daily briefing' for a day)",
    )


def _add_event_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-words",
        type=_positive_int,
        metavar="N",
        help="word budget of a single-event briefing (default: 150)",
    )
    parser.add_argument(
        "--max-sentences",
        type=_positive_int,
        metavar="N",
        help="at most N items (default: no limit)",
    )
    parser.add_argument(
        "--timeline-dates",
        type=_natural_int,
        metavar="N",
        help="first give the N most important event dates (the newest first) a point each, "
        "then fill by importance; 0 turns this off (default: 4)",
    )


def _add_daily_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--max-events",
        type=_positive_int,
        metavar="N",
        help="show the N most important events of the day (default: 10)",
    )
    parser.add_argument(
        "--max-words-per-event",
        type=_positive_int,
        metavar="N",
        help="word budget of each event's summary (default: 80)",
    )
    _add_jobs(parser, "events")
    parser.add_argument(
        "--since",
        metavar="PREVIOUS.json",
        help="the JSON of an earlier daily run (-f json): events are marked new, updated "
        "(only new points shown) or unchanged (left out), and stories keep their ids "
        "(default: no comparison)",
    )
    parser.add_argument(
        "--show-unchanged",
        action="store_true",
        help="with --since, also list events nothing was added to (default: left out)",
    )


def _add_timeline_options(parser: argparse.ArgumentParser, *, window: bool) -> None:
    parser.add_argument(
        "--dates",
        type=_positive_int,
        metavar="N",
        help="how many dates the timeline shows, the most important ones (default: 10)",
    )
    parser.add_argument(
        "--sentences",
        type=_positive_int,
        metavar="N",
        help="at most N sentences for each date (default: 1)",
    )
    if window:
        parser.add_argument(
            "--from",
            dest="start",
            type=_iso_date,
            metavar="YYYY-MM-DD",
            help="read only articles published on or after this day, and show no earlier "
            "date (default: the first publication date)",
        )
        parser.add_argument(
            "--to",
            dest="end",
            type=_iso_date,
            metavar="YYYY-MM-DD",
            help="read only articles published on or before this day, and show no later "
            "date (default: the last publication date)",
        )
    parser.add_argument(
        "--story",
        metavar="ID",
        help="timeline only the articles of this story, an id that 'summarizer events' "
        "prints (default: the largest topic, see --all-articles)",
    )
    parser.add_argument(
        "--query",
        metavar="WORDS",
        help="timeline only the articles whose title or text has every one of these words, "
        "stemmed and case ignored, e.g. --query 'oil spill' (default: the largest topic)",
    )
    parser.add_argument(
        "--all-articles",
        action="store_true",
        default=None,
        help="timeline every article as one story; by default, when the input mixes "
        "stories (its largest topic holds under half of the articles), only the largest "
        "topic is told",
    )


def _add_jobs(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        default=1,
        metavar="N",
        help=f"summarise {what} in N processes, at most one per core and per "
        f"{what[:-1]}; the output is the same (default: 1)",
    )


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f", "--format", choices=_FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE (through a temporary file and a rename, keeping FILE's "
        "permissions; a symlink is written through) instead of standard output; '-' is "
        "standard output (default: stdout)",
    )
    parser.add_argument(
        "--template",
        metavar="FILE",
        help="render with your own Jinja template instead of the built-in one for --format "
        "(default: built-in)",
    )


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="TOML file with one table per stage, e.g. [select] max_words = 80 "
        "(default: built-in settings)",
    )


def _add_verbosity(parser: argparse.ArgumentParser, *, top: bool) -> None:
    """-v and -q, accepted before and after the command (a subcommand's default must
    not overwrite what was given before it)."""
    default: Any = False if top else argparse.SUPPRESS
    group = parser.add_mutually_exclusive_group()
    group.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        default=default,
        help="log progress and show tracebacks of unexpected errors (default: off)",
    )
    group.add_argument(
        "-q",
        "--quiet",
        action="store_true",
        default=default,
        help="print errors only: no warnings about skipped inputs, no progress, no "
        "confirmation of what was written or sent (default: off)",
    )


def _epilog(example: str) -> str:
    return f"Example: {example}\n\n{_EXIT_CODES}"


def _parser() -> argparse.ArgumentParser:
    from . import __version__

    parser = _Parser(
        prog=PROG,
        description="Extractive multi-document news summariser: a short dated briefing "
        "from every article about an event, or from a whole day of news.",
        epilog=_epilog(f"{PROG} brief samples/al-qaim-2017/ -f markdown"),
    )
    parser.add_argument("--version", action="version", version=f"%(prog)s {__version__}")
    _add_verbosity(parser, top=True)
    sub = parser.add_subparsers(
        dest="command", metavar="COMMAND", required=True, parser_class=_Parser
    )

    brief = sub.add_parser(
        "brief",
        help="summarise the articles about one event into a dated briefing",
        description="Summarise the articles about one event (files or folders, read "
        "recursively) into a short dated briefing, each point with its sources.",
        epilog=_epilog(f"{PROG} brief samples/al-qaim-2017/ -f html -o briefing.html"),
    )
    _add_verbosity(brief, top=False)
    _add_inputs(brief)
    _add_event_options(brief)
    _add_output_options(brief)
    _add_config_option(brief)

    daily = sub.add_parser(
        "daily",
        help="a daily briefing: the day's most important events, each summarised",
        description="Group a day of news (and older context) into events by the "
        "similarity of their text and the closeness of their dates, rank the events active "
        "that day by how many independent sources cover them and how recent they are, "
        "and summarise the top ones. Wire copies count as one text; every outlet is "
        "credited. Articles published after --date are left out.",
        epilog=_epilog(f"{PROG} daily news/ --date 2010-06-01 --max-events 5 -f markdown"),
    )
    _add_verbosity(daily, top=False)
    _add_inputs(daily)
    _add_daily_options(daily)
    _add_output_options(daily)
    _add_config_option(daily)

    timeline = sub.add_parser(
        "timeline",
        help="the timeline of a long-running story: the dates that mattered, each with "
        "what happened then",
        description="Rank the dates a story's articles speak of (the texts published that "
        "day, and the other texts that state the date, a later look back counting twice), "
        "then give each of the most important dates the sentences that say what happened "
        "then (ranked among that date's sentences, screened as for brief, nothing said "
        "twice across the timeline), each with its sources. Dates are shown in order; ~ "
        "marks a date inferred from other sources.",
        epilog=_epilog(f"{PROG} timeline news/bp-oil-spill/ --dates 20 --sentences 1 -f markdown"),
    )
    _add_verbosity(timeline, top=False)
    timeline.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="article files or folders of them (read recursively), as for brief; '-' reads "
        "standard input",
    )
    _add_strict(timeline)
    timeline.add_argument(
        "--max-bytes",
        type=_positive_int,
        metavar="N",
        help="refuse input files larger than N bytes (default: 20000000)",
    )
    timeline.add_argument(
        "--title",
        metavar="TEXT",
        help="the timeline's title (default: the headline closest to what it says)",
    )
    _add_timeline_options(timeline, window=True)
    _add_output_options(timeline)
    _add_config_option(timeline)

    events = sub.add_parser(
        "events",
        help="the stories of a news stream: which articles report the same story",
        description="Group articles into stories, day by day: an article joins a story "
        "when it is similar to every article of it, a story is local in time (days), and "
        "with --since the stories of an earlier run carry on with the same ids. Stories "
        "of one long-running topic are linked into a thread (over weeks; a thread is "
        "named by the story that began it). Prints one row per article "
        "(article_id<TAB>story_id, and the thread id with --threads) with -f tsv, or per "
        "story its id, thread, title, first and last date, outlets and articles.",
        epilog=_epilog(
            f"{PROG} events news/2021-05-03/ --since yesterday.json -f json -o today.json"
        ),
    )
    _add_verbosity(events, top=False)
    events.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="article files or folders of them (read recursively), as for brief; '-' "
        "reads JSON lines from standard input",
    )
    events.add_argument(
        "--max-bytes",
        type=_positive_int,
        metavar="N",
        help="refuse input files larger than N bytes; for JSON lines, records larger "
        "than N (default: 20000000)",
    )
    events.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="leave out articles published after this day (default: keep all)",
    )
    events.add_argument(
        "-f",
        "--format",
        choices=("text", "json", "tsv"),
        default="text",
        help="output format; json carries the state a later --since run needs (default: text)",
    )
    events.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output (default: stdout)",
    )
    events.add_argument(
        "--since",
        metavar="STATE.json",
        help="the JSON of an earlier events or daily run: its open stories take today's "
        "articles first (default: start afresh)",
    )
    events.add_argument(
        "--threads",
        action="store_true",
        help="with -f tsv, a third column: the thread of the article's story (default: "
        "two columns)",
    )
    _add_strict(events)
    _add_config_option(events)

    email = sub.add_parser(
        "email",
        help="mail a briefing (one event, --daily or --timeline) as an HTML digest",
        description="Build the briefing and mail it as multipart/alternative (plain "
        "text and HTML with inlined CSS) over SMTP, or write it to --eml FILE. The SMTP "
        "login comes from SUMMARIZER_SMTP_USER and SUMMARIZER_SMTP_PASSWORD or the [mail] "
        "table of --config, never from the command line.",
        epilog=_epilog(
            f"{PROG} email news/ --daily --to desk@example.org "
            "--from bot@example.org --smtp-host smtp.example.org --starttls"
        ),
    )
    _add_verbosity(email, top=False)
    _add_inputs(email)
    kind = email.add_mutually_exclusive_group()
    kind.add_argument(
        "--daily",
        action="store_true",
        help="mail a daily briefing instead of a single-event one (default: single event)",
    )
    kind.add_argument(
        "--timeline",
        action="store_true",
        help="mail the timeline of a long-running story instead (as 'summarizer timeline'; "
        "its window from [timeline] start and end of --config) (default: single event)",
    )
    _add_event_options(email)
    _add_daily_options(email)
    _add_timeline_options(email, window=False)
    email.add_argument(
        "--to",
        action="append",
        required=True,
        metavar="ADDR",
        help="recipient; repeat for more (required)",
    )
    email.add_argument(
        "--from",
        dest="sender",
        metavar="ADDR",
        help="sender address (default: [mail] sender of --config)",
    )
    email.add_argument(
        "--subject",
        metavar="TEXT",
        help="subject; the briefing date is added when missing "
        "(default: the briefing's title and date)",
    )
    email.add_argument("--smtp-host", metavar="HOST", help="SMTP server (default: localhost)")
    email.add_argument(
        "--smtp-port",
        type=_port,
        metavar="PORT",
        help="SMTP port (default: 587 with --starttls, 465 with --ssl, 25 with --no-tls)",
    )
    security = email.add_mutually_exclusive_group()
    security.add_argument(
        "--starttls",
        dest="security",
        action="store_const",
        const="starttls",
        help="upgrade the connection with STARTTLS (the default)",
    )
    security.add_argument(
        "--ssl",
        dest="security",
        action="store_const",
        const="ssl",
        help="connect with implicit TLS",
    )
    security.add_argument(
        "--no-tls",
        dest="security",
        action="store_const",
        const="none",
        help="plain SMTP, for a relay on this machine",
    )
    email.add_argument(
        "--allow-plain-auth",
        action="store_true",
        default=None,
        help="with --no-tls, send the SMTP login in clear text, to a relay you trust "
        "(default: refused, unless [mail] allow_plain_auth in --config)",
    )
    email.add_argument(
        "--eml",
        metavar="FILE",
        help="write the message to FILE ('-': standard output) instead of sending it, as "
        "-o writes (default: send)",
    )
    _add_config_option(email)

    evaluate = sub.add_parser(
        "evaluate",
        help="score summaries (or, with --timeline, timelines) against human references",
        description="Summarise every cluster of one or more datasets (CLUSTER/docs/* "
        "articles, CLUSTER/refs/*.txt human summaries, optional CLUSTER/meta.json with dates, "
        "optional budget.json with the word budget) and print ROUGE-1 and ROUGE-2 recall and "
        "F1 in percent per dataset, as the original ROUGE-1.5.5 computes them (summary and "
        "references cut to the budget, Porter stemming, stopwords kept, references pooled "
        "per cluster), then the macro mean over datasets with a 95%% bootstrap interval over "
        "clusters, and the paired difference to the strongest baseline. The 'Human' row "
        "scores each reference against the others of its cluster.",
        epilog=_epilog(
            f"{PROG} evaluate ../shared/eval/duc2003-dev ../shared/eval/duc2006 "
            "--baselines TextRank+MMR; "
            f"{PROG} evaluate --timeline ../shared/eval/timeline17-bpoil"
        ),
    )
    _add_verbosity(evaluate, top=False)
    evaluate.add_argument(
        "datasets", nargs="+", metavar="DATASET_DIR", help="folders of cluster folders"
    )
    evaluate.add_argument(
        "--max-words",
        type=_positive_int,
        metavar="N",
        help="cut summaries and references to their first N words (default: each dataset's "
        "budget.json, else 100)",
    )
    evaluate.add_argument(
        "--out",
        metavar="DIR",
        help="write our summary of each cluster to DIR/<dataset>/<cluster>.txt, one sentence "
        "per line, and each baseline's to DIR/<dataset>/<system>/<cluster>.txt "
        "(default: not written)",
    )
    evaluate.add_argument(
        "--baselines",
        nargs="?",
        const="all",
        metavar="NAMES",
        help="also score baselines under the same budget: 'all' (the default when the option "
        "is given without NAMES) or a comma-separated list of TextRank+MMR, Lead, LexRank, "
        "TextRank, LSA, Luhn, SumBasic, KL (default: none)",
    )
    evaluate.add_argument(
        "--json",
        action="store_true",
        help="print the scores as JSON instead of tables (default: tables)",
    )
    evaluate.add_argument(
        "--exceptions",
        metavar="FILE",
        help="ROUGE-1.5.5 WordNet exception list (inflected<TAB>base) applied before "
        "stemming, as the Perl ROUGE does (default: none)",
    )
    evaluate.add_argument(
        "--timeline-dates",
        type=_natural_int,
        default=0,
        metavar="N",
        help="as for brief; references are generic summaries, not timelines (default: 0)",
    )
    evaluate.add_argument(
        "--timeline",
        action="store_true",
        help="the datasets are timeline datasets (SOURCE/docs/* articles pooled as one "
        "topic, SOURCE/refs/*.json human timelines): for each reference timeline, read the "
        "articles from its first to its last date, make a timeline with as many dates and "
        "its mean sentences per date, and print align+ m:1 ROUGE-1 and ROUGE-2 F1 (as tilse "
        "computes them), date F1 and concat ROUGE F1, per reference and their mean (the F1 "
        "of mean precision and recall), next to the baseline of the busiest days, each with "
        "the lead of its most central article (default: summary datasets)",
    )
    _add_jobs(evaluate, "clusters")
    _add_config_option(evaluate)
    for command in (brief, daily, timeline, events, email, evaluate):
        command.set_defaults(command_parser=command)
    return parser


#: CLI option -> (config section, field); an option left out keeps the config's value.
_OPTIONS = {
    "max_bytes": ("load", "max_bytes"),
    "max_words": ("select", "max_words"),
    "max_sentences": ("select", "max_sentences"),
    "timeline_dates": ("select", "timeline_dates"),
    "date": ("briefing", "date"),
    "title": ("briefing", "title"),
    "max_events": ("events", "max_events"),
    "dates": ("timeline", "dates"),
    "sentences": ("timeline", "sentences"),
    "start": ("timeline", "start"),
    "end": ("timeline", "end"),
    "story": ("timeline", "story"),
    "query": ("timeline", "query"),
    "all_articles": ("timeline", "all_articles"),
    "max_words_per_event": ("events", "max_words_per_event"),
    "smtp_host": ("mail", "smtp_host"),
    "smtp_port": ("mail", "smtp_port"),
    "security": ("mail", "security"),
    "sender": ("mail", "sender"),
    "allow_plain_auth": ("mail", "allow_plain_auth"),
}


def _config(args: argparse.Namespace) -> SummarizerConfig:
    from .config import SummarizerConfig

    config = SummarizerConfig.from_toml(args.config) if args.config else SummarizerConfig()
    sections: dict[str, dict[str, Any]] = {}
    for option, (section, name) in _OPTIONS.items():
        value = getattr(args, option, None)
        if value is not None:
            sections.setdefault(section, {})[name] = value
    return config.with_options(**sections)


def write_atomic(path: str | Path, content: str | bytes) -> None:
    """Write ``content`` to ``path`` through a temporary file and a rename, so a failed
    run never leaves half a file.

    A symlink is written through (its target is replaced, the link stays); an existing
    file keeps its permissions (and, where allowed, its owner), a new one gets the
    umask's; a folder, device, FIFO or socket is refused, never replaced.
    """
    target = Path(os.path.realpath(path))
    try:
        old: os.stat_result | None = os.stat(target)
    except FileNotFoundError:
        old = None
    except OSError as exc:
        raise _UsageError(f"{path}: cannot write ({exc.strerror or exc})") from None
    if old is not None and not stat.S_ISREG(old.st_mode):
        raise _UsageError(_not_a_file(path, old))
    data = content.encode("utf-8", "replace") if isinstance(content, str) else content
    tmp = None
    try:
        fd, tmp = _create_temporary(target)
        with os.fdopen(fd, "wb") as fh:
            if old is not None:
                os.fchmod(fh.fileno(), stat.S_IMODE(old.st_mode))
                if (old.st_uid, old.st_gid) != (os.geteuid(), os.getegid()):
                    # Where not allowed, the file becomes ours, as with any editor.
                    with contextlib.suppress(OSError):
                        os.fchown(fh.fileno(), old.st_uid, old.st_gid)
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except OSError as exc:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise _UsageError(f"{path}: cannot write ({exc.strerror or exc})") from None
    except BaseException:
        if tmp is not None:
            Path(tmp).unlink(missing_ok=True)
        raise


def _create_temporary(target: Path) -> tuple[int, str]:
    """A new file next to ``target``, created with the default mode (0666 less the
    umask), exclusively, never through a symlink."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | getattr(os, "O_CLOEXEC", 0)
    for _ in range(100):
        tmp = str(target.parent / f".{target.name}.{secrets.token_hex(4)}.tmp")
        try:
            return os.open(tmp, flags, 0o666), tmp
        except FileExistsError:
            continue
    raise FileExistsError(f"no free temporary file name next to {target}")


def _not_a_file(path: str | Path, st: os.stat_result) -> str:
    from .load import file_kind

    kind = file_kind(st.st_mode) or "not a regular file"
    return f"{path}: {kind}, not a regular file; give a file name, or '-' for standard output"


def _warn(args: argparse.Namespace, message: str) -> None:
    if not args.quiet:
        print(_clean_message(f"{PROG}: warning: {message}"), file=sys.stderr)


def _check_output(path: str | None) -> None:
    """Fail before any work when the output cannot be written."""
    if not path or path == _STDOUT:
        return
    target = Path(os.path.realpath(path))
    if not target.parent.is_dir():
        raise _UsageError(f"{path}: the output folder does not exist")
    try:
        st = os.stat(target)
    except OSError:
        return
    if not stat.S_ISREG(st.st_mode):
        raise _UsageError(_not_a_file(path, st))


def _write_output(path: str | None, content: str | bytes) -> None:
    """To ``path``, or to standard output when it is None or '-'."""
    if path and path != _STDOUT:
        write_atomic(path, content)
    elif isinstance(content, bytes):
        sys.stdout.flush()
        sys.stdout.buffer.write(content)
        sys.stdout.buffer.flush()
    else:
        sys.stdout.write(_terminal_safe(content))
        sys.stdout.flush()


def _load(args: argparse.Namespace, config: SummarizerConfig) -> LoadResult:
    """Read the inputs, report each skipped one on stderr, fail if none is usable."""
    from .errors import EmptyInputError
    from .load import load_paths

    progress = _Progress(args)
    try:
        result = load_paths(
            args.inputs,
            max_bytes=config.load.max_bytes,
            max_elements=config.load.max_elements,
            max_seconds=config.load.max_seconds,
            stdin=sys.stdin.buffer if "-" in args.inputs else None,
            progress=progress,
        )
    finally:
        progress.close()
    for skip in result.skipped:
        _warn(args, f"{skip.path}: {skip.reason}")
    if not result.articles:
        raise EmptyInputError(
            f"no usable articles in {', '.join(args.inputs)} "
            f"({len(result.skipped)} input(s) skipped)"
        )
    if args.strict and result.skipped:
        raise _UsageError(
            f"{len(result.skipped)} input(s) skipped and --strict given; nothing written"
        )
    return result


def _build(
    args: argparse.Namespace, config: SummarizerConfig, daily: bool
) -> Briefing | DailyBriefing:
    from .pipeline import summarize, summarize_day

    previous = None
    if daily and getattr(args, "since", None):
        from .events import read_previous

        previous = read_previous(args.since)
    result = _load(args, config)
    today = dt.date.today()  # the CLI owns the clock
    if daily:
        progress = _Progress(args)
        try:
            return summarize_day(
                result.articles,
                config,
                skipped=result.skipped,
                today=today,
                jobs=min(args.jobs, _cores()),
                progress=progress,
                previous=previous,
                show_unchanged=args.show_unchanged,
            )
        finally:
            progress.close()

    return summarize(result.articles, config, skipped=result.skipped, today=today)


def _emit(args: argparse.Namespace, briefing: Briefing | DailyBriefing | Timeline) -> int:
    from .render import render

    return _write(args, render(briefing, args.format, template=args.template))


def _write(args: argparse.Namespace, output: str) -> int:
    _write_output(args.output, output)
    return 0


def _cmd_brief(args: argparse.Namespace) -> int:
    _check_output(args.output)
    return _emit(args, _build(args, _config(args), daily=False))


def _cmd_daily(args: argparse.Namespace) -> int:
    _check_output(args.output)
    return _emit(args, _build(args, _config(args), daily=True))


def _build_timeline(args: argparse.Namespace, config: SummarizerConfig) -> Timeline:
    from .pipeline import summarize_timeline

    result = _load(args, config)
    today = dt.date.today()  # the CLI owns the clock
    return summarize_timeline(result.articles, config, skipped=result.skipped, today=today)


def _cmd_timeline(args: argparse.Namespace) -> int:
    _check_output(args.output)
    return _emit(args, _build_timeline(args, _config(args)))


def _cmd_events(args: argparse.Namespace) -> int:
    from .events import story_titles
    from .pipeline import group_stream
    from .render import render_stories
    from .stories import read_state

    _check_output(args.output)
    if args.threads and args.format != "tsv":
        raise _UsageError("--threads adds a column to -f tsv; text and json always show threads")
    config = _config(args)
    state = read_state(args.since) if args.since else None
    result = _load(args, config)
    grouping, articles = group_stream(result.articles, config, today=dt.date.today(), state=state)
    titles = story_titles(grouping, articles, config.events) if args.format != "tsv" else {}
    output = render_stories(
        grouping, titles, args.format, skipped=result.skipped, threads=args.threads
    )
    return _write(args, output)


def _cmd_email(args: argparse.Namespace) -> int:
    from email.utils import make_msgid

    from .mail import build_message, send_message
    from .render import render

    _check_output(args.eml)
    config = _config(args)
    user = os.environ.get("SUMMARIZER_SMTP_USER")
    password = os.environ.get("SUMMARIZER_SMTP_PASSWORD")
    if user or password:
        config = config.with_options(mail={"username": user, "password": password})
    sender = config.mail.sender
    if not sender:
        raise _UsageError("no sender: give --from ADDR or [mail] sender in --config")
    briefing: Briefing | DailyBriefing | Timeline
    if args.timeline:
        briefing = _build_timeline(args, config)
        day = briefing.end
    else:
        briefing = _build(args, config, daily=args.daily)
        day = briefing.date
    subject = args.subject or briefing.title
    if day and day.isoformat() not in subject:
        subject = f"{subject} · {day.isoformat()}"
    domain = sender.rpartition("@")[2].strip("> ") or "localhost"
    message = build_message(
        text=render(briefing, "text"),
        html=render(briefing, "html"),
        subject=subject,
        sender=sender,
        to=args.to,
        date=dt.datetime.now(dt.UTC).astimezone(),
        message_id=make_msgid(domain=domain),
    )
    if args.eml:
        _write_output(args.eml, bytes(message))
        if args.eml != _STDOUT:
            _say(args, f"wrote {args.eml} ({subject!r} to {', '.join(args.to)})")
        return 0
    attempts = send_message(message, config.mail)
    _say(
        args,
        f"sent {subject!r} to {', '.join(args.to)} via {config.mail.smtp_host}"
        + (f" after {attempts} attempts" if attempts > 1 else ""),
    )
    return 0


def _say(args: argparse.Namespace, message: str) -> None:
    """A confirmation on stdout, unless -q."""
    if not args.quiet:
        _write_output(None, _clean_message(message) + "\n")


class _Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal (and not -q)."""

    def __init__(self, args: argparse.Namespace) -> None:
        self.active = sys.stderr.isatty() and not args.quiet

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.active:
            return
        width = 24
        filled = width * done // max(total, 1)
        bar = "#" * filled + "." * (width - filled)
        sys.stderr.write(f"\r[{bar}] {done}/{total} {_clean_message(label)[:40]:<40}")
        sys.stderr.flush()

    def close(self) -> None:
        if self.active:
            sys.stderr.write("\r" + " " * 80 + "\r")
            sys.stderr.flush()


def _score_table(rows: Sequence[tuple[str, Any]]) -> str:
    header = f"{'system':<14} {'R-1 R':>6} {'R-1 F':>6} {'R-2 R':>6} {'R-2 F':>6}"
    lines = [header, "-" * len(header)]
    for name, s in rows:
        lines.append(
            f"{name:<14} {s.r1_recall:6.2f} {s.r1_f1:6.2f} {s.r2_recall:6.2f} {s.r2_f1:6.2f}"
        )
    return "\n".join(lines) + "\n"


def _baseline_names(value: str | None) -> list[str]:
    from .baselines import BASELINES

    if value is None:
        return []
    if value == "all":
        return list(BASELINES)
    names = [name.strip() for name in value.split(",") if name.strip()]
    unknown = [name for name in names if name not in BASELINES]
    if unknown or not names:
        raise _UsageError(
            f"--baselines: unknown baseline {', '.join(unknown) or repr(value)}; "
            f"choose from all, {', '.join(BASELINES)}"
        )
    return names


#: What `summarizer evaluate` needs beyond the runtime dependencies (the eval extra).
_EVAL_MODULES = {"sumy": "sumy"}


def _require_eval_extra() -> None:
    import importlib.util

    def missing(module: str) -> bool:
        try:
            return importlib.util.find_spec(module) is None
        except (ImportError, ValueError):
            return True

    absent = [package for module, package in _EVAL_MODULES.items() if missing(module)]
    if absent:
        raise _UsageError(
            f"the sumy baselines need {' and '.join(absent)}, which brief, daily and email do "
            "not: "
            'pip install "summarizer[eval]"'
        )


def _cmd_evaluate(args: argparse.Namespace) -> int:
    import json

    import numpy as np

    from .evaluate import (
        DEFAULT_BUDGET,
        Dataset,
        SystemResult,
        bootstrap_interval,
        evaluate_systems,
        human_agreement,
        load_dataset,
        load_wordnet_exceptions,
        ours,
        results_to_dict,
    )

    config = _config(args)
    if args.timeline:
        return _evaluate_timelines(args, config)
    names = _baseline_names(args.baselines)
    from .baselines import SUMY_SYSTEMS

    if any(name in SUMY_SYSTEMS for name in names):
        _require_eval_extra()
    datasets = [load_dataset(path) for path in args.datasets]
    seen: set[str] = set()
    for dataset in datasets:
        if dataset.name in seen:
            raise _UsageError(f"dataset {dataset.name!r} is given twice")
        seen.add(dataset.name)
    exceptions = load_wordnet_exceptions(args.exceptions) if args.exceptions else None
    systems = {"summarizer": ours(config)}
    if names:
        from .baselines import baseline_systems

        systems.update(baseline_systems(names))
    runs: list[tuple[Dataset, int, tuple[SystemResult, ...]]] = []
    humans: list[SystemResult] = []
    for dataset in datasets:
        max_words = args.max_words or dataset.budget or DEFAULT_BUDGET
        progress = _Progress(args)
        try:
            results = evaluate_systems(
                dataset.clusters,
                systems,
                max_words=max_words,
                exceptions=exceptions,
                progress=progress,
                jobs=min(args.jobs, _cores()),
            )
        finally:
            progress.close()
        runs.append((dataset, max_words, results))
        humans.append(human_agreement(dataset.clusters, max_words=max_words, exceptions=exceptions))
    if args.out:
        out = Path(args.out)
        for dataset, _, results in runs:
            for result in results:
                folder = out / dataset.name
                if result.name != "summarizer":
                    folder = folder / result.name
                folder.mkdir(parents=True, exist_ok=True)
                for cluster_id, sentences in zip(result.clusters, result.summaries, strict=True):
                    write_atomic(folder / f"{cluster_id}.txt", "".join(f"{s}\n" for s in sentences))
    if args.json:
        doc = results_to_dict(runs)
        for entry, human in zip(doc["datasets"], humans, strict=True):
            entry["human"] = (
                {k: round(v, 2) for k, v in _fields(human.mean()).items()}
                if (human.scores)
                else None
            )
        _write_output(None, json.dumps(doc, indent=2) + "\n")
        return 0
    parts = []
    for (dataset, max_words, results), human in zip(runs, humans, strict=True):
        rows = [(r.name, r.mean()) for r in results]
        if human.scores:
            rows.append(("Human", human.mean()))
        source = "--max-words" if args.max_words else "budget.json" if dataset.budget else "default"
        parts.append(
            f"{dataset.name}: {len(dataset.clusters)} clusters, {max_words} words ({source}), "
            "ROUGE in percent\n" + _score_table(rows)
        )

    def per_dataset(name: str, field: str) -> list[np.ndarray]:
        return [next(r for r in rs if r.name == name).values(field) for _, _, rs in runs]

    clusters = sum(len(d.clusters) for d, _, _ in runs)
    lines = [
        f"Macro mean over {len(runs)} dataset(s) ({clusters} clusters), ROUGE recall in "
        "percent, 95% bootstrap interval over clusters",
        f"{'system':<14} {'R-1 R':>22} {'R-2 R':>22}",
    ]
    for name in systems:
        cells = []
        for field in ("r1_recall", "r2_recall"):
            iv = bootstrap_interval(per_dataset(name, field))
            cells.append(f"{iv.value:6.2f} [{iv.low:5.2f}, {iv.high:5.2f}]")
        lines.append(f"{name:<14} {cells[0]:>22} {cells[1]:>22}")
    if names:
        strongest = max(
            names, key=lambda n: (np.mean([v.mean() for v in per_dataset(n, "r1_recall")]), n)
        )
        cells = []
        for field in ("r1_recall", "r2_recall"):
            diff = [
                ours_v - base_v
                for ours_v, base_v in zip(
                    per_dataset("summarizer", field), per_dataset(strongest, field), strict=True
                )
            ]
            iv = bootstrap_interval(diff)
            cells.append(f"{iv.value:+6.2f} [{iv.low:+5.2f}, {iv.high:+5.2f}]")
        lines.append(
            f"summarizer minus the strongest baseline, {strongest}, paired by cluster: "
            f"R-1 {cells[0]}, R-2 {cells[1]}"
        )
    _write_output(None, "\n".join(parts) + "\n" + "\n".join(lines) + "\n")
    return 0


def _evaluate_timelines(args: argparse.Namespace, config: SummarizerConfig) -> int:
    """``evaluate --timeline``: each reference timeline of each dataset, ours and the
    baseline, scored as the field scores them."""
    import json

    from .evaluate import load_wordnet_exceptions
    from .timeline_eval import (
        BusiestDays,
        OurTimeline,
        TimelineSystem,
        evaluate_timelines,
        load_timeline_dataset,
        mean_row,
        results_to_dict,
    )
    from .timeline_scores import TimelineRouge

    if args.baselines is not None:
        raise _UsageError(
            "--baselines is for summary datasets; --timeline always scores its baseline "
            "(the busiest days)"
        )
    datasets = [load_timeline_dataset(path) for path in args.datasets]
    exceptions = load_wordnet_exceptions(args.exceptions) if args.exceptions else None
    rouge = TimelineRouge(exceptions)
    systems: dict[str, TimelineSystem] = {
        "summarizer": OurTimeline(config),
        "busiest days": BusiestDays(config),
    }
    documents = []
    parts = []
    for dataset in datasets:
        progress = _Progress(args)
        try:
            results = evaluate_timelines(
                dataset, systems, rouge, jobs=min(args.jobs, _cores()), progress=progress
            )
        finally:
            progress.close()
        if args.out:
            folder = Path(args.out) / dataset.name
            for result in results:
                name = "summarizer" if result.system == "summarizer" else "busiest-days"
                path = folder / name / f"{result.reference.replace('/', '__')}.json"
                path.parent.mkdir(parents=True, exist_ok=True)
                timeline = [
                    {"date": day.isoformat(), "sentences": list(result.timeline[day])}
                    for day in sorted(result.timeline)
                ]
                write_atomic(path, json.dumps(timeline, indent=1, ensure_ascii=False) + "\n")
        documents.append(
            results_to_dict(dataset, results, wordnet_exceptions=exceptions is not None)
        )
        parts.append(_timeline_table(dataset, results, mean_row, exceptions is not None))
    if args.json:
        doc = documents[0] if len(documents) == 1 else {"datasets": documents}
        _write_output(None, json.dumps(doc, indent=2, ensure_ascii=False) + "\n")
    else:
        _write_output(None, "\n".join(parts))
    return 0


def _timeline_table(dataset: Any, results: Sequence[Any], mean_row: Any, exceptions: bool) -> str:
    refs = {r.name: r for r in dataset.references}
    width = max(len("mean (F1 of mean P and R)"), *(len(name) for name in refs))
    header = (
        f"{'reference':<{width}} {'dates':>5} {'k':>2} {'articles':>8}  {'system':<13}"
        f" {'R-1':>6} {'R-2':>6} {'date':>6} {'cR-1':>6} {'cR-2':>6}"
    )
    lines = [
        f"{dataset.name}: {len(dataset.references)} reference timelines, "
        f"{len(dataset.articles)} articles; F1 of align+ m:1 ROUGE-1 and ROUGE-2 (R-1, R-2), "
        "dates (date) and concat ROUGE (cR-1, cR-2), ROUGE as tilse computes it"
        + ("" if exceptions else " (without --exceptions: a few irregular words differ)"),
        header,
        "-" * len(header),
    ]

    fields = ("rouge_1", "rouge_2", "dates", "concat_1", "concat_2")

    def cells(values: Mapping[str, Any]) -> str:
        return " ".join(f"{values[f].f1:6.3f}" for f in fields)

    for result in results:
        ref = refs[result.reference]
        first = result.system == results[0].system
        label = (
            f"{result.reference:<{width}} {len(ref.dates):>5} {ref.sentences_per_date:>2} "
            f"{result.articles:>8}"
            if first
            else " " * (width + 18)
        )
        scores = {f: getattr(result, f) for f in fields}
        lines.append(f"{label}  {result.system:<13} {cells(scores)}")
    systems = list(dict.fromkeys(r.system for r in results))
    for k, name in enumerate(systems):
        label = "mean (F1 of mean P and R)" if k == 0 else ""
        row = mean_row([r for r in results if r.system == name])
        lines.append(f"{label:<{width + 18}}  {name:<13} {cells(row)}")
    return "\n".join(lines) + "\n"


def _fields(scores: Any) -> dict[str, float]:
    return {f: getattr(scores, f) for f in ("r1_recall", "r1_f1", "r2_recall", "r2_f1")}


def _parse(parser: argparse.ArgumentParser, argv: Sequence[str] | None) -> argparse.Namespace:
    """Parse, suggesting the nearest option for a mistyped one."""
    args, extras = parser.parse_known_args(argv)
    if extras:
        command: argparse.ArgumentParser = args.command_parser
        options = [o for a in command._actions for o in a.option_strings]
        hints = "".join(
            _did_you_mean(extra.split("=", 1)[0], options)
            for extra in extras
            if extra.startswith("-")
        )
        command.error(f"unrecognized arguments: {' '.join(extras)}{hints}")
    if args.verbose and args.quiet:
        parser.error("-v/--verbose and -q/--quiet cannot be combined")
    return args


#: Commands whose start-up matters (evaluate imports all of NLTK through sumy anyway).
_FAST_COMMANDS = ("brief", "daily", "events", "timeline", "email")
#: Packages whose __init__ imports far more than these commands use ...
_DEFERRED = ("nltk", "nltk.tokenize", "nltk.stem", "scipy.stats")
#: ... and the modules that load without it: NLTK's Punkt and Porter stemmer. SciPy's
#: statistics, which scikit-learn imports for helpers it does not call on our path, load
#: only if something asks for them.
_LIGHT = ("nltk.tokenize.punkt", "nltk.stem.porter")


class _Formatter(logging.Formatter):
    """``summarizer: warning: ...`` on one line, as the CLI's own messages."""

    def format(self, record: logging.LogRecord) -> str:
        return _clean_message(f"{PROG}: {record.levelname.lower()}: {record.getMessage()}")


def _silence_stdout() -> None:
    """Point stdout at /dev/null, so the interpreter's last flush cannot fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        os.close(devnull)
    except (AttributeError, OSError, ValueError):
        pass


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 2 usage or input error, 1 bug)."""
    parser = _parser()
    try:
        args = _parse(parser, argv)
    except SystemExit as exc:  # argparse exits on --help (0) and on usage errors (2)
        return int(exc.code or 0)
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(_Formatter())
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.ERROR if args.quiet else logging.WARNING,
        handlers=[handler],
        force=True,
    )
    if not args.verbose:
        # Third-party libraries log every odd page they meet; our own messages say it.
        for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer", "justext"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    from .errors import MailError, SummarizerError

    if args.command in _FAST_COMMANDS:
        from ._imports import defer_packages

        defer_packages(_DEFERRED, light=_LIGHT)
    commands = {
        "brief": _cmd_brief,
        "daily": _cmd_daily,
        "timeline": _cmd_timeline,
        "events": _cmd_events,
        "email": _cmd_email,
        "evaluate": _cmd_evaluate,
    }
    try:
        return int(commands[args.command](args))
    except BrokenPipeError:  # `summarizer brief x | head`: end quietly, as Unix tools do
        _silence_stdout()
        return EXIT_PIPE
    except MailError as exc:  # the run worked, the delivery did not
        print(_clean_message(f"{PROG}: error: {exc}"), file=sys.stderr)
        return 1
    except (SummarizerError, _UsageError) as exc:
        print(_clean_message(f"{PROG}: error: {exc}"), file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.verbose:
            raise
        print(
            _clean_message(
                f"{PROG}: unexpected error: {type(exc).__name__}: {exc} "
                "(run with -v for a traceback)"
            ),
            file=sys.stderr,
        )
        return 1


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
