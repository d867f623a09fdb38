"""Story grouping: quality on labelled news streams, speed on a long one.

    python bench/stories.py ../shared/eval                    # quality table
    python bench/stories.py ../shared/eval --floors bench/stories-floor.json   # CI gate
    python bench/stories.py ../shared/eval --speed            # + timeline17-bpoil speed
    python bench/stories.py ../shared/eval --grid             # settings around the defaults

Quality runs `summarizer events -f tsv`, the command the held-out check runs, on
- allsides-dev/articles.jsonl and basil/articles.jsonl as they are, and with every date
  removed (the `published` field dropped), scored against each article's gold `event_id`
  by pairwise precision, recall and F1 over article pairs and B-cubed F1;
- the DUC 2003 development clusters mixed into one pile (their docs/ folders, dates and
  sources from the meta.json beside them), scored by the adjusted Rand index.
The allsides run is repeated with every article id replaced by a hash: grouping must not
depend on ids (the gold story is visible in them), so the scores must be identical.

Speed groups the whole timeline17-bpoil stream (about 1,460 articles over a year) one
day at a time, each day continuing from the JSON state the day before saved, and checks
the result is identical to one run over all articles; then it groups 1, 2, 4 and 8
interleaved copies of the stream (each copy shifted by some weeks, so that every window
holds that many times more articles) to show how time grows with the window. Times and
peak memory (maximum resident set) are measured in a fresh process per run.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import subprocess
import sys
import tempfile
import time
from collections import Counter
from collections.abc import Sequence
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent


# --- scores ---------------------------------------------------------------------------


def pair_scores(gold: list[str], pred: list[str]) -> dict[str, float]:
    """Pairwise precision, recall, F1 over article pairs, and B-cubed F1."""
    joint = Counter(zip(gold, pred, strict=True))
    by_gold, by_pred = Counter(gold), Counter(pred)

    def pairs(counts: Counter[Any]) -> int:
        return sum(n * (n - 1) // 2 for n in counts.values())

    tp, pp, gp = pairs(joint), pairs(by_pred), pairs(by_gold)
    p = tp / pp if pp else 1.0
    r = tp / gp if gp else 1.0
    f = 2 * p * r / (p + r) if p + r else 0.0
    n = len(gold)
    bp = sum(joint[(g, q)] / by_pred[q] for g, q in zip(gold, pred, strict=True)) / n
    br = sum(joint[(g, q)] / by_gold[g] for g, q in zip(gold, pred, strict=True)) / n
    return {
        "precision": p,
        "recall": r,
        "f1": f,
        "bcubed_f1": 2 * bp * br / (bp + br),
        "stories": len(by_pred),
        "gold_stories": len(by_gold),
        "articles": n,
    }


def run_events(inputs: list[str], extra: Sequence[str] = ()) -> dict[str, str]:
    """`summarizer events INPUT... -f tsv`, in this process; article id -> story id."""
    from summarizer.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "stories.tsv"
        code = main(["events", *inputs, "-f", "tsv", "-o", str(out), *extra])
        if code != 0:
            raise SystemExit(f"summarizer events failed with exit code {code}")
        rows = [line.split("\t") for line in out.read_text(encoding="utf-8").splitlines()]
    return {article: story for article, story in rows}


def _stream(path: Path, tmp: Path, *, dates: bool, hashed: bool) -> tuple[Path, dict[str, str]]:
    """A copy of a JSON-lines stream (dates dropped, ids hashed if asked) and its gold."""
    gold: dict[str, str] = {}
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        record = json.loads(line)
        if hashed:
            record["id"] = hashlib.sha1(f"bench:{record['id']}".encode()).hexdigest()[:16]
        gold[record["id"]] = record["event_id"]
        if not dates:
            for key in ("published", "url_date", "roundup_date"):
                record.pop(key, None)
        lines.append(json.dumps(record))
    name = f"{path.parent.name}{'' if dates else '-undated'}{'-hashed' if hashed else ''}.jsonl"
    copy = tmp / name
    copy.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return copy, gold


def stream_scores(
    path: Path, *, dates: bool, hashed: bool = False, extra: Sequence[str] = ()
) -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        copy, gold = _stream(path, Path(tmp), dates=dates, hashed=hashed)
        start = time.perf_counter()
        pred = run_events([str(copy)], extra)
        seconds = time.perf_counter() - start
    ids = sorted(gold)
    missing = [i for i in ids if i not in pred]
    if missing:
        raise SystemExit(f"{path}: {len(missing)} articles missing from the output")
    scores = pair_scores([gold[i] for i in ids], [pred[i] for i in ids])
    scores["seconds"] = seconds
    return scores


def duc_scores(root: Path) -> dict[str, float]:
    from sklearn.metrics import adjusted_rand_score

    clusters = sorted(p for p in root.iterdir() if (p / "docs").is_dir())
    gold = {}
    for cluster in clusters:
        for doc in json.loads((cluster / "meta.json").read_text(encoding="utf-8"))["docs"]:
            gold[str(doc["doc_id"])] = cluster.name
    pred = run_events([str(c / "docs") for c in clusters])
    ids = sorted(gold)
    truth, found = [gold[i] for i in ids], [pred[i] for i in ids]
    return {
        "ari": float(adjusted_rand_score(truth, found)),
        "stories": len(set(found)),
        "gold_stories": len(clusters),
        "articles": len(ids),
        **{k: v for k, v in pair_scores(truth, found).items() if k in ("f1", "bcubed_f1")},
    }


def quality(eval_dir: Path) -> dict[str, dict[str, float]]:
    results = {}
    for name in ("allsides-dev", "basil"):
        path = eval_dir / name / "articles.jsonl"
        results[name] = stream_scores(path, dates=True)
        results[f"{name} (no dates)"] = stream_scores(path, dates=False)
    hashed = stream_scores(eval_dir / "allsides-dev" / "articles.jsonl", dates=True, hashed=True)
    same = all(
        hashed[k] == results["allsides-dev"][k] for k in ("precision", "recall", "bcubed_f1")
    )
    if not same:
        raise SystemExit("grouping depends on article ids: hashed ids change the scores")
    results["duc2003-dev pile"] = duc_scores(eval_dir / "duc2003-dev")
    return results


def print_quality(results: dict[str, dict[str, float]]) -> None:
    print("| stream | articles | gold stories | stories found | P | R | F1 | B-cubed F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for name, s in results.items():
        if "ari" in s:
            continue
        print(
            f"| {name} | {s['articles']} | {s['gold_stories']} | {s['stories']} | "
            f"{s['precision']:.3f} | {s['recall']:.3f} | **{s['f1']:.3f}** | "
            f"{s['bcubed_f1']:.3f} |"
        )
    for name, s in results.items():
        if "ari" in s:
            print(
                f"\n{name}: {s['articles']} articles, {s['gold_stories']} clusters, "
                f"{s['stories']} stories found, ARI **{s['ari']:.3f}**, pairwise F1 "
                f"{s['f1']:.3f}, B-cubed F1 {s['bcubed_f1']:.3f}"
            )
    print("\n(allsides-dev re-run with hashed article ids: identical scores)")


def check_floors(results: dict[str, dict[str, float]], floors_path: Path) -> int:
    floors = json.loads(floors_path.read_text(encoding="utf-8"))
    failed = 0
    for name, limits in floors.items():
        for key, floor in limits.items():
            value = results[name][key]
            if value < floor:
                print(f"story grouping gate: {name} {key} {value:.3f} below the floor {floor}")
                failed += 1
    if not failed:
        print(f"story grouping gate: every score at or above its floor ({floors_path.name})")
    return 1 if failed else 0


def grid(eval_dir: Path) -> None:
    """Pairwise F1 around the default settings, each run through `events --config`."""
    import itertools

    print(
        "| threshold | threshold_growth | decay_days | allsides-dev | no dates | basil | no dates |"
    )
    print("|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        toml = Path(tmp) / "grid.toml"
        for threshold, growth, decay in itertools.product(
            (0.04, 0.06, 0.08), (0.02, 0.03, 0.04), (1.0, 2.0, 3.0)
        ):
            toml.write_text(
                f"[events]\nthreshold = {threshold}\nthreshold_growth = {growth}\n"
                f"decay_days = {decay}\n"
            )
            row = [
                stream_scores(
                    eval_dir / name / "articles.jsonl", dates=dates, extra=["--config", str(toml)]
                )["f1"]
                for name in ("allsides-dev", "basil")
                for dates in (True, False)
            ]
            print(
                f"| {threshold} | {growth} | {decay:g} | "
                + " | ".join(f"{f:.3f}" for f in row)
                + " |",
                flush=True,
            )


# --- speed ----------------------------------------------------------------------------


def _bpoil(eval_dir: Path, copies: int = 1) -> list[Any]:
    """The bpoil articles; with copies > 1, shifted copies interleaved (new ids)."""
    import datetime as dt
    from dataclasses import replace

    from summarizer.load import load_paths

    docs = sorted(str(p) for p in (eval_dir / "timeline17-bpoil").glob("*/docs"))
    articles = list(load_paths(docs).articles)
    out = list(articles)
    for k in range(1, copies):
        shift = dt.timedelta(days=23 * k)
        out.extend(
            replace(
                a,
                id=f"{a.id}~{k}",
                published=a.published + shift if a.published else None,
            )
            for a in articles
        )
    return out


def _speed_child(eval_dir: Path, mode: str, copies: int) -> dict[str, Any]:
    """Run in a fresh process: one grouping mode, timed; its max RSS measured."""
    import resource

    from summarizer.pipeline import group_stream
    from summarizer.stories import state_from_dict, state_to_dict

    articles = _bpoil(eval_dir, copies)
    group_stream(articles[:3])  # warm-up: imports, stemmer
    result: dict[str, Any] = {"articles": len(articles)}
    start = time.perf_counter()
    if mode == "oneshot":
        grouping, _ = group_stream(articles)
        assignment = dict(grouping.assignment)
        result["stories"] = len(grouping.stories)
    else:
        days = sorted({a.published.date() for a in articles if a.published})
        state = None
        assignment = {}
        largest = 0
        for day in days:
            todays = [a for a in articles if a.published and a.published.date() == day]
            grouping, _ = group_stream(todays, state=state)
            assignment.update(grouping.assignment)
            saved = json.dumps(state_to_dict(grouping.state))
            largest = max(largest, len(saved))
            state = state_from_dict(json.loads(saved))
        result["days"] = len(days)
        result["max_state_bytes"] = largest
    result["seconds"] = time.perf_counter() - start
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    result["digest"] = hashlib.sha1(json.dumps(sorted(assignment.items())).encode()).hexdigest()
    return result


def _in_child(eval_dir: Path, mode: str, copies: int) -> dict[str, Any]:
    out = subprocess.run(
        [sys.executable, __file__, str(eval_dir), "--child", mode, "--copies", str(copies)],
        check=True,
        capture_output=True,
        text=True,
    )
    return dict(json.loads(out.stdout.splitlines()[-1]))


def speed(eval_dir: Path) -> None:
    one = _in_child(eval_dir, "oneshot", 1)
    inc = _in_child(eval_dir, "incremental", 1)
    print("| timeline17-bpoil | articles | days | seconds | peak MB | stories |")
    print("|---|---|---|---|---|---|")
    print(
        f"| one run | {one['articles']} | - | {one['seconds']:.2f} | {one['max_rss_mb']:.0f} "
        f"| {one['stories']} |"
    )
    print(
        f"| day by day from saved JSON states | {inc['articles']} | {inc['days']} | "
        f"{inc['seconds']:.2f} | {inc['max_rss_mb']:.0f} | same |"
    )
    same = one["digest"] == inc["digest"]
    print(
        f"\nIncremental result identical to the one-shot run: {'yes' if same else 'NO'} "
        f"(largest saved state {inc['max_state_bytes'] / 1e6:.1f} MB)\n"
    )
    print("| copies | articles | seconds | seconds per 1,000 articles | peak MB |")
    print("|---|---|---|---|---|")
    for copies in (1, 2, 4, 8):
        run = one if copies == 1 else _in_child(eval_dir, "oneshot", copies)
        per = 1000 * run["seconds"] / run["articles"]
        print(
            f"| {copies} | {run['articles']} | {run['seconds']:.2f} | {per:.2f} | "
            f"{run['max_rss_mb']:.0f} |"
        )
    if not same:
        raise SystemExit("incremental grouping differs from the one-shot run")


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("eval_dir", type=Path, help="the shared evaluation folder")
    parser.add_argument("--floors", type=Path, help="JSON of floors; exit 1 below any")
    parser.add_argument("--speed", action="store_true", help="also the bpoil speed runs")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--grid", action="store_true", help="only the settings grid")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--copies", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_speed_child(args.eval_dir, args.child, args.copies)))
        return 0
    if args.grid:
        grid(args.eval_dir)
        return 0
    results = quality(args.eval_dir)
    if args.json:
        print(json.dumps(results, indent=2))
    else:
        print_quality(results)
    status = check_floors(results, args.floors) if args.floors else 0
    if args.speed:
        print()
        speed(args.eval_dir)
    return status


if __name__ == "__main__":
    sys.exit(main())
