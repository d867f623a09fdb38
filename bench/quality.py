"""Quality ablations on a development set: ROUGE of our pipeline under config variants.

    python bench/quality.py ../shared/eval/duc2003-dev [--exceptions FILE]

Each row changes one setting from the configuration `summarizer evaluate` uses (the
library defaults with the timeline off); see bench/QUALITY.md for a recorded run.
"""

from __future__ import annotations

import argparse
import sys
import time

from summarizer.config import SummarizerConfig
from summarizer.evaluate import evaluate_systems, load_dataset, load_wordnet_exceptions, ours

VARIANTS: dict[str, dict[str, dict[str, object]]] = {
    "evaluate defaults (timeline off)": {},
    "timeline 1 date": {"select": {"timeline_dates": 1}},
    "timeline 2 dates": {"select": {"timeline_dates": 2}},
    "timeline 3 dates (brief default)": {"select": {"timeline_dates": 3}},
    "timeline all dates": {"select": {"timeline_dates": 100}},
    "no word support": {"rank": {"word_support": 0.0}},
    "word_support 1": {"rank": {"word_support": 1.0}},
    "word_support 3": {"rank": {"word_support": 3.0}},
    "length_penalty 0": {"select": {"length_penalty": 0.0}},
    "length_penalty 1": {"select": {"length_penalty": 1.0}},
    "no position prior": {"rank": {"position_weight": 0.0}},
    "position_weight 3": {"rank": {"position_weight": 3.0}},
    "no support weight": {"rank": {"support_weight": 0.0}},
    "support_weight 1": {"rank": {"support_weight": 1.0}},
    "dangling allowed": {"select": {"skip_dangling": False}},
    "redundancy 0.2": {"select": {"redundancy": 0.2}},
    "redundancy 0.5": {"select": {"redundancy": 0.5}},
    "min_sentence_words 12": {"select": {"min_sentence_words": 12}},
    "cluster threshold 0.3": {"cluster": {"threshold": 0.3}},
    "bigrams": {"vectorize": {"max_ngram": 2}},
    "no sublinear tf": {"vectorize": {"sublinear_tf": False}},
}


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("dataset")
    parser.add_argument("--exceptions", help="ROUGE-1.5.5 WordNet exception list")
    parser.add_argument("--max-words", type=int, default=100)
    parser.add_argument("--only", nargs="*", help="variant names to run")
    args = parser.parse_args()
    clusters = load_dataset(args.dataset)
    exceptions = load_wordnet_exceptions(args.exceptions) if args.exceptions else None
    print("| variant | R-1 R | R-2 R | R-L R | R-1 F | R-2 F | s |")
    print("|---|---|---|---|---|---|---|")
    for name, options in VARIANTS.items():
        if args.only and name not in args.only:
            continue
        start = time.perf_counter()
        base = SummarizerConfig().with_options(select={"timeline_dates": 0})
        config = base.with_options(**options)
        (result,) = evaluate_systems(
            clusters, {name: ours(config)}, max_words=args.max_words, exceptions=exceptions
        )
        s = result.scores
        print(
            f"| {name} | {s.r1_recall:.2f} | {s.r2_recall:.2f} | {s.rl_recall:.2f} | "
            f"{s.r1_f1:.2f} | {s.r2_f1:.2f} | {time.perf_counter() - start:.1f} |",
            flush=True,
        )
    return 0


if __name__ == "__main__":
    sys.exit(main())
