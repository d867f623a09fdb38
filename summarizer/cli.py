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


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog=PROG,
        description="Extractive multi-document news summariser: a short dated briefing "
        "from every article about an event.",
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
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    brief.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="article files or folders of them (read recursively): plain text (first line "
        "is the title), HTML pages, JSON or JSON Lines records, RSS/Atom feeds; '-' reads "
        "JSON lines from standard input",
    )
    brief.add_argument(
        "-f", "--format", choices=_FORMATS, default="text", help="output format (default: text)"
    )
    brief.add_argument(
        "-o",
        "--output",
        metavar="FILE",
        help="write to FILE instead of standard output (default: stdout)",
    )
    brief.add_argument(
        "--max-words",
        type=_positive_int,
        metavar="N",
        help="word budget of the briefing (default: 120)",
    )
    brief.add_argument(
        "--max-sentences",
        type=_positive_int,
        metavar="N",
        help="at most N items (default: no limit)",
    )
    brief.add_argument(
        "--date",
        type=_iso_date,
        metavar="YYYY-MM-DD",
        help="the briefing's date (default: the latest event date)",
    )
    brief.add_argument(
        "--title",
        metavar="TEXT",
        help="the briefing's title (default: the most representative article title)",
    )
    brief.add_argument(
        "--template",
        metavar="FILE",
        help="render with your own Jinja template instead of the built-in "
        "one for --format (default: built-in)",
    )
    brief.add_argument(
        "--timeline-dates",
        type=_natural_int,
        metavar="N",
        help="first give the N most important event dates (the newest first) a point each, "
        "then fill by importance; 0 turns this off (default: 3)",
    )
    brief.add_argument(
        "--max-bytes",
        type=_positive_int,
        metavar="N",
        help="refuse input files larger than N bytes (default: 20000000)",
    )
    _add_config_option(brief)

    evaluate = sub.add_parser(
        "evaluate",
        help="score summaries against human references with ROUGE",
        description="Summarise every cluster of a dataset (CLUSTER/docs/*.txt articles, "
        "CLUSTER/refs/*.txt human summaries, optional CLUSTER/meta.json with dates) and "
        "print ROUGE-1, ROUGE-2 and ROUGE-L (recall and F1 in percent, averaged over "
        "clusters; Porter stemming, stopwords kept, references pooled per cluster). The "
        "'Human' row scores each reference against the others of its cluster.",
        epilog=f"Example: {PROG} evaluate ../shared/eval/duc2003-dev --max-words 100 --baselines",
    )
    evaluate.add_argument("dataset", metavar="DATASET_DIR", help="folder of cluster folders")
    evaluate.add_argument(
        "--max-words",
        type=_positive_int,
        default=100,
        metavar="N",
        help="summaries are cut to their first N words (default: 100)",
    )
    evaluate.add_argument(
        "--out",
        metavar="DIR",
        help="write our summary of each cluster to DIR/<cluster>.txt, one sentence per "
        "line, and each baseline's to DIR/<system>/<cluster>.txt (default: not written)",
    )
    evaluate.add_argument(
        "--baselines",
        action="store_true",
        help="also score Lead (the newest article's first sentences) and sumy's LexRank, "
        "TextRank, LSA, Luhn, SumBasic and KL under the same budget (default: off)",
    )
    evaluate.add_argument(
        "--json",
        action="store_true",
        help="print the scores as JSON instead of a table (default: table)",
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
        "-j",
        "--jobs",
        type=_positive_int,
        default=1,
        metavar="N",
        help="summarise clusters in N processes; the output is the same (default: 1)",
    )
    _add_config_option(evaluate)
    return parser


def _add_config_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument(
        "--config",
        metavar="FILE",
        help="TOML file with one table per stage, e.g. [select] max_words = 80 "
        "(default: built-in settings)",
    )


def _config(args: argparse.Namespace) -> SummarizerConfig:
    from .config import SummarizerConfig

    config = SummarizerConfig.from_toml(args.config) if args.config else SummarizerConfig()
    select: dict[str, Any] = {}
    briefing: dict[str, Any] = {}
    load: dict[str, Any] = {}
    for name, section in (
        ("max_bytes", load),
        ("max_words", select),
        ("max_sentences", select),
        ("timeline_dates", select),
        ("date", briefing),
        ("title", briefing),
    ):
        if getattr(args, name, None) is not None:
            section[name] = getattr(args, name)
    return config.with_options(load=load, select=select, briefing=briefing)


def write_atomic(path: str | Path, text: str) -> None:
    """Write ``text`` to ``path`` through a temporary file and a rename."""
    target = Path(path)
    fd, tmp = tempfile.mkstemp(
        prefix=f".{target.name}.", suffix=".tmp", dir=str(target.parent or Path("."))
    )
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="") as fh:
            fh.write(text)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise


def _warn(message: str) -> None:
    print(f"{PROG}: warning: {message}", file=sys.stderr)


def _cmd_brief(args: argparse.Namespace) -> int:
    from .errors import EmptyInputError
    from .load import load_paths
    from .pipeline import summarize
    from .render import render

    config = _config(args)
    if args.output and not Path(args.output).resolve().parent.is_dir():
        raise _UsageError(f"{args.output}: the output folder does not exist")
    result = load_paths(
        args.inputs,
        max_bytes=config.load.max_bytes,
        stdin=sys.stdin.buffer if "-" in args.inputs else None,
    )
    for skip in result.skipped:
        _warn(f"{skip.path}: {skip.reason}")
    if not result.articles:
        raise EmptyInputError(
            f"no usable articles in {', '.join(args.inputs)} "
            f"({len(result.skipped)} input(s) skipped)"
        )
    briefing = summarize(result.articles, config, skipped=result.skipped, today=dt.date.today())
    output = render(briefing, args.format, template=args.template)
    if args.output:
        write_atomic(args.output, output)
    else:
        sys.stdout.write(output)
        sys.stdout.flush()
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
    header = (
        f"{'system':<12} {'R-1 R':>6} {'R-1 F':>6} {'R-2 R':>6} {'R-2 F':>6} "
        f"{'R-L R':>6} {'R-L F':>6}"
    )
    lines = [header, "-" * len(header)]
    for name, s in rows:
        lines.append(
            f"{name:<12} {s.r1_recall:6.2f} {s.r1_f1:6.2f} {s.r2_recall:6.2f} "
            f"{s.r2_f1:6.2f} {s.rl_recall:6.2f} {s.rl_f1:6.2f}"
        )
    return "\n".join(lines) + "\n"


def _cmd_evaluate(args: argparse.Namespace) -> int:
    import json

    from .evaluate import (
        evaluate_systems,
        human_agreement,
        load_dataset,
        load_wordnet_exceptions,
        ours,
        results_to_dict,
        vars_of,
    )

    config = _config(args)
    clusters = load_dataset(args.dataset)
    exceptions = load_wordnet_exceptions(args.exceptions) if args.exceptions else None
    systems = {"summarizer": ours(config)}
    if args.baselines:
        from .baselines import baseline_systems

        systems.update(baseline_systems())
    progress = _Progress()
    try:
        results = evaluate_systems(
            clusters,
            systems,
            max_words=args.max_words,
            exceptions=exceptions,
            progress=progress,
            jobs=args.jobs,
        )
    finally:
        progress.close()
    human = human_agreement(clusters, exceptions)
    if args.out:
        out = Path(args.out)
        for result in results:
            folder = out if result.name == "summarizer" else out / result.name
            folder.mkdir(parents=True, exist_ok=True)
            for cluster_id, sentences in result.summaries:
                write_atomic(folder / f"{cluster_id}.txt", "".join(f"{s}\n" for s in sentences))
    if args.json:
        doc = results_to_dict(
            results,
            dataset=str(args.dataset),
            clusters=len(clusters),
            max_words=args.max_words,
            human={k: round(v, 2) for k, v in vars_of(human).items()},
        )
        sys.stdout.write(json.dumps(doc, indent=2) + "\n")
    else:
        rows = [(r.name, r.scores) for r in results] + [("Human", human)]
        sys.stdout.write(
            f"{len(clusters)} clusters, {args.max_words} words, ROUGE in percent\n"
            + _score_table(rows)
        )
    return 0


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
    from .errors import SummarizerError

    commands = {"brief": _cmd_brief, "evaluate": _cmd_evaluate}
    try:
        return int(commands[args.command](args))
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
