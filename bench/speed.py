"""Speed, memory and scaling benchmark.

    python bench/speed.py [--eval ../shared/eval] [--sizes 250 1000 4000 16000 64000]
                          [--runs 3] [--sumy-timeout 60] [--out bench/RESULTS.md]

Real text only: the DUC 2003 development clusters, then the Timeline17 BP oil spill
articles, ordered by date, taken in growing prefixes until each target number of
sentences is reached. Every size runs in its own subprocess (so peak memory is that
size's own), timings are in-process after imports, median of --runs runs:

- ours: ``summarize()`` on the articles (everything after reading the files);
- floor: reading the files + splitting sentences + TF-IDF vectors, the work no
  extractive summariser can skip;
- sumy TextRank and LexRank on the same sentences, while they finish within
  --sumy-timeout seconds;
- whole processes, start-up included (median of --wall-runs): ``summarizer --help``,
  ``summarizer brief samples/al-qaim-2017/``, and sumy's command line (``sumy text-rank``,
  ``sumy lex-rank``, 5 sentences) on the same five articles in one file. sumy's command
  line needs NLTK's punkt data, a download; it runs here with an offline Punkt tokenizer
  put in its place, everything else as shipped.

``--startup`` measures the whole-process rows only (no evaluation data needed).
"""

from __future__ import annotations

import argparse
import datetime as dt
import json
import os
import platform
import resource
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def corpus(eval_dir: Path) -> list[tuple[str, Path]]:
    """(date, file) of every article: DUC clusters first, then the BP articles by date."""
    files: list[tuple[str, Path]] = []
    for meta in sorted((eval_dir / "duc2003-dev").glob("*/meta.json")):
        for doc in json.loads(meta.read_text())["docs"]:
            files.append((doc["date"], meta.parent / doc["file"]))
    bp = []
    for meta in sorted((eval_dir / "timeline17-bpoil").glob("*/meta.json")):
        for doc in json.loads(meta.read_text())["docs"]:
            bp.append((doc["date"], meta.parent / doc["file"]))
    return files + sorted(bp)


def read_articles(files: list[tuple[str, Path]]):  # type: ignore[no-untyped-def]
    from summarizer.load import read_text
    from summarizer.types import Article

    return [
        Article(
            id=f"{date}-{path.parent.parent.name}-{path.stem}",
            title=path.stem,
            text=read_text(path),
            source=path.parent.parent.name,
            published=dt.datetime.fromisoformat(date).replace(tzinfo=dt.UTC),
            date_basis="stated",
        )
        for date, path in files
    ]


def plan(eval_dir: Path, targets: list[int]) -> dict[int, list[tuple[str, str]]]:
    """For each target, the shortest corpus prefix with at least that many sentences
    (counted by our cleaner and splitter), or the whole corpus if it has fewer."""
    from summarizer.clean import clean_article
    from summarizer.split import split_sentences

    files = corpus(eval_dir)
    counts = [len(split_sentences(clean_article(article))) for article in read_articles(files)]
    out: dict[int, list[tuple[str, str]]] = {}
    for target in targets:
        total, end = 0, 0
        while end < len(files) and total < target:
            total += counts[end]
            end += 1
        out[target] = [(date, str(path)) for date, path in files[:end]]
    return out


def _median_time(fn, runs: int) -> tuple[float, object]:  # type: ignore[no-untyped-def]
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = fn()
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


def worker(args: argparse.Namespace) -> int:
    """One size in this process: print a JSON line of measurements."""
    from summarizer.clean import clean_article
    from summarizer.config import SummarizerConfig
    from summarizer.pipeline import summarize
    from summarizer.split import split_sentences
    from summarizer.vectorize import vectorize

    files = [(d, Path(p)) for d, p in json.loads(Path(args.plan).read_text())[str(args.worker)]]
    config = SummarizerConfig().with_options(select={"max_words": 100})

    def floor() -> int:
        articles = read_articles(files)
        sentences = split_sentences([p for a in articles for p in clean_article(a)])
        vectorize(sentences)
        return len(sentences)

    def ours() -> object:
        return summarize(read_articles(files), config)

    floor()  # warm up both on this input: lazy imports and first calls are not timed
    ours()
    floor_s, n_sentences = _median_time(floor, args.runs)
    ours_s, _ = _median_time(ours, args.runs)
    row = {
        "target": args.worker,
        "articles": len(files),
        "sentences": n_sentences,
        "ours_s": ours_s,
        "floor_s": floor_s,
        "peak_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }
    print(json.dumps(row), flush=True)
    return 0


def sumy_worker(args: argparse.Namespace) -> int:
    """sumy TextRank or LexRank on the same sentences; prints seconds."""
    from sumy.models.dom import ObjectDocumentModel, Paragraph, Sentence
    from sumy.nlp.stemmers import Stemmer
    from sumy.utils import get_stop_words

    from summarizer.baselines import SUMY_SYSTEMS, OfflineSumyTokenizer
    from summarizer.clean import clean_article
    from summarizer.split import split_sentences

    name, target = args.sumy_worker[0], args.sumy_worker[1]
    files = [(d, Path(p)) for d, p in json.loads(Path(args.plan).read_text())[target]]
    articles = read_articles(files)
    tokenizer = OfflineSumyTokenizer()
    document = ObjectDocumentModel(
        [
            Paragraph([Sentence(s.text, tokenizer) for s in split_sentences(clean_article(a))])
            for a in articles
        ]
    )
    module, cls = SUMY_SYSTEMS[name].rsplit(".", 1)
    from importlib import import_module

    summarizer = getattr(import_module(module), cls)(Stemmer("english"))
    summarizer.stop_words = get_stop_words("english")
    start = time.perf_counter()
    summarizer(document, 5)
    print(json.dumps({"seconds": time.perf_counter() - start}), flush=True)
    return 0


def _run_json(cmd: list[str], timeout: float | None = None) -> dict | None:  # type: ignore[type-arg]
    try:
        out = subprocess.run(cmd, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return None
    return json.loads(out.stdout.strip().splitlines()[-1])


def _wall(cmd: list[str], runs: int = 5) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        subprocess.run(cmd, capture_output=True, check=True, cwd=ROOT)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


#: sumy's own command line (sumy.__main__), with its tokenizer, which needs NLTK's punkt
#: data from a download, replaced by Punkt built in code and a word regex.
SUMY_CLI = """
import re, sys
import nltk.tokenize.punkt as punkt
import sumy.__main__ as cli

class OfflineTokenizer:
    language = "english"
    def __init__(self, language):
        self._punkt = punkt.PunktSentenceTokenizer()
    def to_sentences(self, paragraph):
        return tuple(self._punkt.tokenize(paragraph))
    def to_words(self, sentence):
        return tuple(re.findall(r"[^\\W_]+(?:['’][^\\W_]+)*", sentence))

cli.Tokenizer = OfflineTokenizer
sys.exit(cli.main(sys.argv[1:]))
"""


def startup_rows(runs: int) -> list[str]:
    """Whole-process wall times, start-up included, as Markdown table rows."""
    import tempfile

    bin_dir = Path(sys.executable).parent
    sample = ROOT / "samples" / "al-qaim-2017"
    with tempfile.TemporaryDirectory() as tmp:
        joined = Path(tmp) / "al-qaim-2017.txt"
        joined.write_text("\n\n".join(p.read_text() for p in sorted(sample.iterdir())))
        commands = [
            ("`summarizer --help`", [str(bin_dir / "summarizer"), "--help"]),
            (
                "`summarizer brief samples/al-qaim-2017/`",
                [str(bin_dir / "summarizer"), "brief", "samples/al-qaim-2017/"],
            ),
        ]
        for name in ("text-rank", "lex-rank"):
            commands.append(
                (
                    f"`sumy {name} --length=5` on the same text (offline tokenizer)",
                    [sys.executable, "-c", SUMY_CLI, name, "--length=5", f"--file={joined}"],
                )
            )
        rows = []
        for label, cmd in commands:
            _wall(cmd, 1)  # warm the file cache
            rows.append(f"| {label} | {_wall(cmd, runs):.2f} |")
    return rows


def main() -> int:
    parser = argparse.ArgumentParser(
        description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter
    )
    parser.add_argument("--eval", default=str(ROOT.parent / "shared" / "eval"))
    parser.add_argument("--sizes", type=int, nargs="+", default=[250, 1000, 4000, 16000, 64000])
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--sumy-timeout", type=float, default=60.0)
    parser.add_argument("--out", help="also write the Markdown table to this file")
    parser.add_argument("--wall-runs", type=int, default=10, help="runs of each whole process")
    parser.add_argument(
        "--startup", action="store_true", help="only the whole-process (start-up) rows"
    )
    parser.add_argument("--worker", type=int, help=argparse.SUPPRESS)
    parser.add_argument("--plan", help=argparse.SUPPRESS)
    parser.add_argument("--sumy-worker", nargs=2, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(args)
    if args.sumy_worker:
        return sumy_worker(args)
    startup = [
        "",
        f"Whole processes, start-up included (wall seconds, median of {args.wall_runs}):",
        "",
        "| command | s |",
        "|---|---|",
        *startup_rows(args.wall_runs),
    ]
    if args.startup:
        print("\n".join(startup))
        return 0

    import tempfile

    py = [sys.executable, str(Path(__file__).resolve())]
    plan_file = Path(tempfile.mkstemp(suffix=".json")[1])
    plan_file.write_text(json.dumps(plan(Path(args.eval), args.sizes)))
    rows = []
    sumy_alive = {"TextRank": True, "LexRank": True}
    for size in args.sizes:
        row = _run_json(
            [*py, "--worker", str(size), "--plan", str(plan_file), "--runs", str(args.runs)]
        )
        assert row is not None
        for name in sumy_alive:
            seconds = None
            if sumy_alive[name]:
                result = _run_json(
                    [*py, "--sumy-worker", name, str(size), "--plan", str(plan_file)],
                    timeout=args.sumy_timeout,
                )
                seconds = result["seconds"] if result else None
                sumy_alive[name] = seconds is not None
            row[name] = seconds
        rows.append(row)
        print(json.dumps(row), file=sys.stderr, flush=True)

    lines = [
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python "
        f"{platform.python_version()}, {dt.date.today().isoformat()}; median of {args.runs} "
        "runs in-process after imports; peak = max RSS of the size's own process.",
        "",
        "| sentences | articles | ours s | floor s | ours/floor | growth per 4x | "
        "sumy TextRank s | TextRank/ours | sumy LexRank s | LexRank/ours | peak MB |",
        "|---|---|---|---|---|---|---|---|---|---|---|",
    ]
    previous = None
    for row in rows:
        growth = f"{row['ours_s'] / previous:.1f}x" if previous else "-"
        previous = row["ours_s"]

        def cell(key: str, row: dict = row) -> tuple[str, str]:  # type: ignore[type-arg]
            seconds = row[key]
            if seconds is None:
                return f"> {args.sumy_timeout:.0f}", "-"
            return f"{seconds:.2f}", f"{seconds / row['ours_s']:.0f}x"

        tr, tr_ratio = cell("TextRank")
        lr, lr_ratio = cell("LexRank")
        lines.append(
            f"| {row['sentences']:,} | {row['articles']:,} | {row['ours_s']:.2f} | "
            f"{row['floor_s']:.2f} | {row['ours_s'] / row['floor_s']:.2f} | {growth} | "
            f"{tr} | {tr_ratio} | {lr} | {lr_ratio} | {row['peak_mb']:.0f} |"
        )
    plan_file.unlink()
    lines += startup
    table = "\n".join(lines) + "\n"
    print(table)
    if args.out:
        Path(args.out).write_text(table)
    return 0


if __name__ == "__main__":
    sys.exit(main())
