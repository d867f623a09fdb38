"""The command line: a thin layer over the library. ``main(argv) -> int``.

Heavy libraries (scikit-learn, NLTK, SciPy) are imported only when a command runs,
so ``summarizer --help`` answers at once.
"""

from __future__ import annotations

import argparse
import datetime as dt
import logging
import os
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from .config import SummarizerConfig
    from .load import LoadResult
    from .types import Briefing, DailyBriefing

__all__ = ["main", "main_entry"]

PROG = "summarizer"
_FORMATS = ("text", "markdown", "html", "json")


class _UsageError(Exception):
    pass


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


def _natural_int(value: str) -> int:
    if not value.isdigit():
        raise argparse.ArgumentTypeError(f"must be a whole number >= 0, got {value!r}")
    return int(value)


def _add_inputs(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="article files or folders of them (read recursively): plain text (first line "
        "is the title), HTML pages, JSON or JSON Lines records, RSS/Atom feeds; '-' reads "
        "JSON lines from standard input",
    )
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


def _add_jobs(parser: argparse.ArgumentParser, what: str) -> None:
    parser.add_argument(
        "-j",
        "--jobs",
        type=_positive_int,
        default=1,
        metavar="N",
        help=f"summarise {what} in N processes; the output is the same (default: 1)",
    )


def _add_output_options(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "-f", "--format", choices=_FORMATS, default="text", help="output format (default: text)"
    )
    parser.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output (default: stdout)",
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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Extractive multi-document news summariser: a short dated briefing "
        "from every article about an event, or from a whole day of news.",
        epilog=f"Example: {PROG} brief samples/al-qaim-2017/ -f markdown",
    )
    parser.add_argument(
        "-v",
        "--verbose",
        action="store_true",
        help="log progress and show tracebacks of unexpected errors (default: off)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    brief = sub.add_parser(
        "brief",
        help="summarise the articles about one event into a dated briefing",
        description="Summarise the articles about one event (files or folders, read "
        "recursively) into a short dated briefing, each point with its sources.",
        epilog=f"Example: {PROG} brief samples/al-qaim-2017/ -f html -o briefing.html",
    )
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
        epilog=f"Example: {PROG} daily news/ --date 2010-06-01 --max-events 5 -f markdown",
    )
    _add_inputs(daily)
    _add_daily_options(daily)
    _add_output_options(daily)
    _add_config_option(daily)

    events = sub.add_parser(
        "events",
        help="the stories of a news stream: which articles report the same story",
        description="Group articles into stories, day by day: an article joins a story "
        "when it is similar to every article of it, a story is local in time (days), and "
        "with --since the stories of an earlier run carry on with the same ids. Prints "
        "one row per article (article_id<TAB>story_id) with -f tsv, or per story its id, "
        "title, first and last date, outlets and articles.",
        epilog=f"Example: {PROG} events news/2021-05-03/ --since yesterday.json -f json "
        "-o today.json",
    )
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
    _add_config_option(events)

    email = sub.add_parser(
        "email",
        help="mail a briefing (one event, or --daily) as an HTML digest",
        description="Build the briefing and mail it as multipart/alternative (plain "
        "text and HTML with inlined CSS) over SMTP, or write it to --eml FILE. The SMTP "
        "login comes from SUMMARIZER_SMTP_USER and SUMMARIZER_SMTP_PASSWORD or the [mail] "
        "table of --config, never from the command line.",
        epilog=f"Example: {PROG} email news/ --daily --to desk@example.org "
        "--from bot@example.org --smtp-host smtp.example.org --starttls",
    )
    _add_inputs(email)
    email.add_argument(
        "--daily",
        action="store_true",
        help="mail a daily briefing instead of a single-event one (default: single event)",
    )
    _add_event_options(email)
    _add_daily_options(email)
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
        type=_positive_int,
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
        "--eml",
        metavar="FILE",
        help="write the message to FILE instead of sending it (default: send)",
    )
    _add_config_option(email)

    evaluate = sub.add_parser(
        "evaluate",
        help="score summaries against human references with ROUGE",
        description="Summarise every cluster of one or more datasets (CLUSTER/docs/* "
        "articles, CLUSTER/refs/*.txt human summaries, optional CLUSTER/meta.json with dates, "
        "optional budget.json with the word budget) and print ROUGE-1 and ROUGE-2 recall and "
        "F1 in percent per dataset, as the original ROUGE-1.5.5 computes them (summary and "
        "references cut to the budget, Porter stemming, stopwords kept, references pooled "
        "per cluster), then the macro mean over datasets with a 95%% bootstrap interval over "
        "clusters, and the paired difference to the strongest baseline. The 'Human' row "
        "scores each reference against the others of its cluster.",
        epilog=f"Example: {PROG} evaluate ../shared/eval/duc2003-dev ../shared/eval/duc2006 "
        "--baselines TextRank+MMR",
    )
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
    _add_jobs(evaluate, "clusters")
    _add_config_option(evaluate)
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
    "max_words_per_event": ("events", "max_words_per_event"),
    "smtp_host": ("mail", "smtp_host"),
    "smtp_port": ("mail", "smtp_port"),
    "security": ("mail", "security"),
    "sender": ("mail", "sender"),
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
    run never leaves half a file."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=str(target.parent or Path("."))
    )
    try:
        data = content.encode("utf-8") if isinstance(content, str) else content
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def _check_output(path: str | None) -> None:
    if path and not Path(path).resolve().parent.is_dir():
        raise _UsageError(f"{path}: the output folder does not exist")


def _load(args: argparse.Namespace, config: SummarizerConfig) -> LoadResult:
    """Read the inputs, report each skipped one on stderr, fail if none is usable."""
    from .errors import EmptyInputError
    from .load import load_paths

    progress = _Progress()
    try:
        result = load_paths(
            args.inputs,
            max_bytes=config.load.max_bytes,
            stdin=sys.stdin.buffer if "-" in args.inputs else None,
            progress=progress,
        )
    finally:
        progress.close()
    for skip in result.skipped:
        _warn(f"{skip.path}: {skip.reason}")
    if not result.articles:
        raise EmptyInputError(
            f"no usable articles in {', '.join(args.inputs)} "
            f"({len(result.skipped)} input(s) skipped)"
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
        progress = _Progress()
        try:
            return summarize_day(
                result.articles,
                config,
                skipped=result.skipped,
                today=today,
                jobs=args.jobs,
                progress=progress,
                previous=previous,
                show_unchanged=args.show_unchanged,
            )
        finally:
            progress.close()

    return summarize(result.articles, config, skipped=result.skipped, today=today)


def _emit(args: argparse.Namespace, briefing: Briefing | DailyBriefing) -> int:
    from .render import render

    return _write(args, render(briefing, args.format, template=args.template))


def _write(args: argparse.Namespace, output: str) -> int:
    if args.output:
        write_atomic(args.output, output)
    else:
        sys.stdout.write(output)
        sys.stdout.flush()
    return 0


def _cmd_brief(args: argparse.Namespace) -> int:
    _check_output(args.output)
    return _emit(args, _build(args, _config(args), daily=False))


def _cmd_daily(args: argparse.Namespace) -> int:
    _check_output(args.output)
    return _emit(args, _build(args, _config(args), daily=True))


def _cmd_events(args: argparse.Namespace) -> int:
    from .events import story_titles
    from .pipeline import group_stream
    from .render import render_stories
    from .stories import read_state

    _check_output(args.output)
    config = _config(args)
    state = read_state(args.since) if args.since else None
    result = _load(args, config)
    grouping, articles = group_stream(result.articles, config, today=dt.date.today(), state=state)
    titles = story_titles(grouping, articles, config.events) if args.format != "tsv" else {}
    return _write(args, render_stories(grouping, titles, args.format, skipped=result.skipped))


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
    briefing = _build(args, config, daily=args.daily)
    subject = args.subject or briefing.title
    if briefing.date and briefing.date.isoformat() not in subject:
        subject = f"{subject} · {briefing.date.isoformat()}"
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
        write_atomic(args.eml, bytes(message))
        print(f"wrote {args.eml} ({subject!r} to {', '.join(args.to)})")
        return 0
    attempts = send_message(message, config.mail)
    print(
        f"sent {subject!r} to {', '.join(args.to)} via {config.mail.smtp_host}"
        + (f" after {attempts} attempts" if attempts > 1 else "")
    )
    return 0


class _Progress:
    """A one-line progress bar on stderr, only when stderr is a terminal."""

    def __init__(self) -> None:
        self.active = sys.stderr.isatty()

    def __call__(self, done: int, total: int, label: str) -> None:
        if not self.active:
            return
        width = 24
        filled = width * done // max(total, 1)
        bar = "#" * filled + "." * (width - filled)
        sys.stderr.write(f"\r[{bar}] {done}/{total} {label[:40]:<40}")
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
    names = _baseline_names(args.baselines)
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
        progress = _Progress()
        try:
            results = evaluate_systems(
                dataset.clusters,
                systems,
                max_words=max_words,
                exceptions=exceptions,
                progress=progress,
                jobs=args.jobs,
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
        sys.stdout.write(json.dumps(doc, indent=2) + "\n")
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
    sys.stdout.write("\n".join(parts) + "\n" + "\n".join(lines) + "\n")
    return 0


def _fields(scores: Any) -> dict[str, float]:
    return {f: getattr(scores, f) for f in ("r1_recall", "r1_f1", "r2_recall", "r2_f1")}


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; return the exit code (0 ok, 2 usage or input error, 1 bug)."""
    parser = _parser()
    try:
        args = parser.parse_args(argv)
    except SystemExit as exc:  # argparse exits on --help (0) and on usage errors (2)
        return int(exc.code or 0)
    logging.basicConfig(
        level=logging.INFO if args.verbose else logging.WARNING,
        format=f"{PROG}: %(levelname)s: %(message)s",
        stream=sys.stderr,
    )
    if not args.verbose:
        # Third-party libraries log every odd page they meet; our own messages say it.
        for name in ("trafilatura", "htmldate", "courlan", "charset_normalizer", "justext"):
            logging.getLogger(name).setLevel(logging.CRITICAL)
    from .errors import MailError, SummarizerError

    commands = {
        "brief": _cmd_brief,
        "daily": _cmd_daily,
        "events": _cmd_events,
        "email": _cmd_email,
        "evaluate": _cmd_evaluate,
    }
    try:
        return int(commands[args.command](args))
    except MailError as exc:  # the run worked, the delivery did not
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 1
    except (SummarizerError, _UsageError) as exc:
        print(f"{PROG}: error: {exc}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print(f"{PROG}: interrupted", file=sys.stderr)
        return 130
    except Exception as exc:
        if args.verbose:
            raise
        print(
            f"{PROG}: unexpected error: {type(exc).__name__}: {exc} (run with -v for a traceback)",
            file=sys.stderr,
        )
        return 1


def main_entry() -> None:
    """Console-script entry point."""
    sys.exit(main())
