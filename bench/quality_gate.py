"""Quality gate: run `summarizer evaluate` on the development collection and fail if the
macro mean of ROUGE-1 or ROUGE-2 recall over its datasets falls below the floor pinned in
bench/rouge-floor.json, or if our system falls below TextRank+MMR on any dataset.

    python bench/quality_gate.py ../shared/eval [--exceptions FILE] [--jobs N]
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
    parser.add_argument("root", type=Path, help="folder holding the floor file's datasets")
    parser.add_argument("--exceptions", help="ROUGE-1.5.5 WordNet exception list")
    parser.add_argument("--jobs", type=int, default=2)
    args = parser.parse_args()
    floor = json.loads(FLOOR.read_text())
    cmd = [
        sys.executable,
        "-m",
        "summarizer",
        "evaluate",
        *(str(args.root / name) for name in floor["datasets"]),
        "--json",
        "--baselines",
        "TextRank+MMR",
        "--jobs",
        str(args.jobs),
    ]
    if args.exceptions:
        cmd += ["--exceptions", args.exceptions]
    run = subprocess.run(cmd, capture_output=True, text=True)
    if run.returncode != 0:
        sys.stderr.write(run.stderr)
        print(f"quality gate: evaluation failed (exit {run.returncode})")
        return 1
    doc = json.loads(run.stdout)
    failed = False
    for dataset in doc["datasets"]:
        scores = {s["name"]: s for s in dataset["systems"]}
        ours, floor_system = scores["summarizer"], scores["TextRank+MMR"]
        ok = (
            ours["r1_recall"] >= floor_system["r1_recall"]
            and ours["r2_recall"] >= floor_system["r2_recall"]
        )
        failed |= not ok
        print(
            f"quality gate: {dataset['name']}: R-1 {ours['r1_recall']:.2f} / R-2 "
            f"{ours['r2_recall']:.2f} (TextRank+MMR {floor_system['r1_recall']:.2f} / "
            f"{floor_system['r2_recall']:.2f}) {'ok' if ok else 'BELOW TextRank+MMR'}"
        )
    (macro,) = [m for m in doc["macro"] if m["name"] == "summarizer"]
    for key in ("r1_recall", "r2_recall"):
        ok = macro[key] >= floor[key]
        failed |= not ok
        low, high = macro[f"{key}_interval"]
        print(
            f"quality gate: macro {key} {macro[key]:.2f} [{low:.2f}, {high:.2f}] "
            f"(floor {floor[key]:.2f}) {'ok' if ok else 'BELOW FLOOR'}"
        )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
