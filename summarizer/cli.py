"""The command line: a thin layer over the library. ``main(argv) -> int``.

Heavy libraries (scikit-learn, NLTK, networkx) are imported only when a command runs,
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
        help="article files or folders of them (plain text: first line is the title)",
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
        "--config",
        metavar="FILE",
        help="TOML file with one table per stage, e.g. [select] "
        "max_words = 80 (default: built-in settings)",
    )
    return parser


def _config(args: argparse.Namespace) -> SummarizerConfig:
    from .config import SummarizerConfig

    config = SummarizerConfig.from_toml(args.config) if args.config else SummarizerConfig()
    select: dict[str, Any] = {}
    if args.max_words is not None:
        select["max_words"] = args.max_words
    if args.max_sentences is not None:
        select["max_sentences"] = args.max_sentences
    briefing: dict[str, Any] = {}
    if args.date is not None:
        briefing["date"] = args.date
    if args.title is not None:
        briefing["title"] = args.title
    return config.with_options(select=select, briefing=briefing)


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
    result = load_paths(args.inputs)
    for skip in result.skipped:
        _warn(f"{skip.path}: {skip.reason}")
    if not result.articles:
        raise EmptyInputError(
            f"no usable articles in {', '.join(args.inputs)} "
            f"({len(result.skipped)} input(s) skipped)"
        )
    briefing = summarize(result.articles, config, skipped=result.skipped)
    output = render(briefing, args.format, template=args.template)
    if args.output:
        write_atomic(args.output, output)
    else:
        sys.stdout.write(output)
        sys.stdout.flush()
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
    from .errors import SummarizerError

    try:
        return int(_cmd_brief(args))
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
