"""Quality gate: run `summarizer evaluate` on the development set and fail if ROUGE-1 or
ROUGE-2 recall falls below the floor pinned in bench/rouge-floor.json.

    python bench/quality_gate.py ../shared/eval/duc2003-dev [--exceptions FILE]
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
from pathlib import Path

FLOOR = Path(__file__).resolve().parent / "rouge-floor.json"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dataset")
    parser.add_argument("--exceptions", help="ROUGE-1.5.5 WordNet exception list")
    args = parser.parse_args()
    floor = json.loads(FLOOR.read_text())
    cmd = [
        sys.executable,
        "-m",
        "summarizer",
        "evaluate",
        args.dataset,
        "--json",
        "--max-words",
        str(floor["max_words"]),
    ]
    if args.exceptions:
        cmd += ["--exceptions", args.exceptions]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write(run.stderr)
        print(f"quality gate: evaluation failed (exit {run.returncode})")
        return 1
    (ours,) = [s for s in json.loads(run.stdout)["systems"] if s["name"] == "summarizer"]
    failed = False
    for key in ("r1_recall", "r2_recall"):
        ok = ours[key] >= floor[key]
        failed |= not ok
        print(
            f"quality gate: {key} {ours[key]:.2f} (floor {floor[key]:.2f}) "
            f"{'ok' if ok else 'BELOW FLOOR'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
