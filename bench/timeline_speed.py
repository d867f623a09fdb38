"""Speed and memory of `summarizer timeline` on the whole timeline17-bpoil pool (about
1,460 articles from five outlets, April 2010 to 2011), as a user runs it: a fresh process
per run, start-up, reading and rendering included.

    python bench/timeline_speed.py ../shared/eval [--runs 5] [--dates 10] [--sentences 1]

Prints, per run, the wall time, the CPU time (user + system) and the peak resident memory
of the process, then the medians. The machine is shared, so wall times move with its load;
the CPU time is the steadier measure.
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path


def run_once(command: list[str]) -> tuple[float, float, float]:
    """Wall seconds, CPU seconds and peak resident MB of one process."""
    start = time.perf_counter()
    child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    _, status, usage = os.wait4(child.pid, 0)
    wall = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    errors = child.stderr.read().decode() if child.stderr else ""
    if child.returncode != 0:
        raise SystemExit(f"timeline speed: {' '.join(command)} failed:\n{errors}")
    return wall, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("root", type=Path, help="folder holding timeline17-bpoil")
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--dates", type=int, default=10)
    parser.add_argument("--sentences", type=int, default=1)
    args = parser.parse_args()
    folders = sorted(str(p) for p in (args.root / "timeline17-bpoil").glob("*/docs"))
    if not folders:
        raise SystemExit(f"timeline speed: no timeline17-bpoil/*/docs under {args.root}")
    articles = sum(1 for folder in folders for p in Path(folder).iterdir() if p.is_file())
    command = [
        sys.executable,
        "-m",
        "summarizer",
        "timeline",
        *folders,
        "--dates",
        str(args.dates),
        "--sentences",
        str(args.sentences),
    ]
    print(
        f"summarizer timeline on {articles} articles ({len(folders)} folders), "
        f"--dates {args.dates} --sentences {args.sentences}"
    )
    print(f"load average before: {os.getloadavg()[0]:.2f}")
    rows = []
    for k in range(args.runs):
        wall, cpu, peak = run_once(command)
        rows.append((wall, cpu, peak))
        print(f"run {k + 1}: wall {wall:6.2f} s  cpu {cpu:6.2f} s  peak {peak:6.0f} MB", flush=True)
    print(
        f"median: wall {statistics.median(r[0] for r in rows):.2f} s  "
        f"cpu {statistics.median(r[1] for r in rows):.2f} s  "
        f"peak {statistics.median(r[2] for r in rows):.0f} MB  "
        f"(max wall {max(r[0] for r in rows):.2f} s, max peak {max(r[2] for r in rows):.0f} MB)"
    )
    print(f"load average after: {os.getloadavg()[0]:.2f}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
