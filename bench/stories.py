"""Story grouping: quality on labelled news streams, speed on a long one.

    python bench/stories.py ../shared/eval                    # quality table
    python bench/stories.py ../shared/eval --floors bench/stories-floor.json   # CI gate
    python bench/stories.py ../shared/eval --speed            # + timeline17-bpoil speed
    python bench/stories.py ../shared/eval --grid             # settings around the defaults
    python bench/stories.py ../shared/eval --thread-grid      # thread settings

Quality runs `summarizer events -f tsv`, the command the held-out check runs, on
- allsides-dev/articles.jsonl and basil/articles.jsonl as they are, and with every date
  removed (the `published` field dropped), scored against each article's gold `event_id`
  by pairwise precision, recall and F1 over article pairs and B-cubed F1;
- the DUC 2003 development clusters mixed into one pile (their docs/ folders, dates and
  sources from the meta.json beside them), scored by the adjusted Rand index of the
  stories and of the threads (`events -f tsv --threads`, whose first two columns must be
  the plain output byte for byte): each DUC cluster is one topic followed for weeks.
The allsides run is repeated with every article id replaced by a hash: grouping must not
depend on ids (the gold story is visible in them), so the scores must be identical.

Threads on the real streams (which label stories, not topics): how many threads, how many
join several gold stories, the B-cubed precision of threads against the gold stories (1.0
would mean no thread joins two stories) and, for AllSides, against the editors' topic of
each story (`topic` in events.jsonl: "Coronavirus", "Economy and Jobs", ...), with the
share of story pairs in one thread that share that topic, against the share among all
pairs of stories at most 60 days apart.

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


def _events_tsv(inputs: list[str], extra: Sequence[str]) -> str:
    from summarizer.cli import main

    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / "stories.tsv"
        code = main(["events", *inputs, "-f", "tsv", "-o", str(out), *extra])
        if code != 0:
            raise SystemExit(f"summarizer events failed with exit code {code}")
        return out.read_text(encoding="utf-8")


def run_events(inputs: list[str], extra: Sequence[str] = ()) -> dict[str, str]:
    """`summarizer events INPUT... -f tsv`, in this process; article id -> story id."""
    rows = [line.split("\t") for line in _events_tsv(inputs, extra).splitlines()]
    return {article: story for article, story in rows}


def run_threads(inputs: list[str], extra: Sequence[str] = ()) -> dict[str, tuple[str, str]]:
    """`summarizer events INPUT... -f tsv --threads`; article id -> (story id, thread id).
    Exits if its first two columns are not the plain `-f tsv` output, byte for byte."""
    plain = _events_tsv(inputs, extra)
    text = _events_tsv(inputs, [*extra, "--threads"])
    rows = [line.split("\t") for line in text.splitlines()]
    if "".join(f"{a}\t{s}\n" for a, s, _ in rows) != plain:
        raise SystemExit("events -f tsv --threads changes the story columns")
    return {article: (story, thread) for article, story, thread in rows}


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


def duc_scores(root: Path, extra: Sequence[str] = ()) -> dict[str, float]:
    """The DUC pile: adjusted Rand index of the stories (`ari`) and of the threads
    (`thread_ari`) against the clusters."""
    from sklearn.metrics import adjusted_rand_score

    clusters = sorted(p for p in root.iterdir() if (p / "docs").is_dir())
    gold = {}
    for cluster in clusters:
        for doc in json.loads((cluster / "meta.json").read_text(encoding="utf-8"))["docs"]:
            gold[str(doc["doc_id"])] = cluster.name
    pred = run_threads([str(c / "docs") for c in clusters], extra)
    ids = sorted(gold)
    truth = [gold[i] for i in ids]
    found, threads = [pred[i][0] for i in ids], [pred[i][1] for i in ids]
    return {
        "ari": float(adjusted_rand_score(truth, found)),
        "thread_ari": float(adjusted_rand_score(truth, threads)),
        "stories": len(set(found)),
        "threads": len(set(threads)),
        "gold_stories": len(clusters),
        "articles": len(ids),
        **{k: v for k, v in pair_scores(truth, found).items() if k in ("f1", "bcubed_f1")},
        "thread_f1": pair_scores(truth, threads)["f1"],
    }


def _precision(gold: list[str], pred: list[str]) -> float:
    """B-cubed precision of ``pred`` against ``gold``."""
    joint = Counter(zip(gold, pred, strict=True))
    by_pred = Counter(pred)
    return sum(joint[(g, q)] / by_pred[q] for g, q in zip(gold, pred, strict=True)) / len(gold)


def thread_scores(path: Path, extra: Sequence[str] = ()) -> dict[str, float]:
    """What threads do on a stream labelled with stories (and, for AllSides, topics)."""
    import datetime as dt
    import itertools

    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    events = [
        json.loads(line)
        for line in (path.parent / "events.jsonl").read_text(encoding="utf-8").splitlines()
    ]
    topic_of = {e["event_id"]: e.get("topic") for e in events}
    gold = {r["id"]: r["event_id"] for r in records}
    pred = run_threads([str(path)], extra)
    ids = sorted(gold)
    stories = [pred[i][0] for i in ids]
    threads = [pred[i][1] for i in ids]
    gold_of_story: dict[str, Counter[str]] = {}
    for i in ids:
        gold_of_story.setdefault(pred[i][0], Counter())[gold[i]] += 1
    story_gold = {s: c.most_common(1)[0][0] for s, c in gold_of_story.items()}
    thread_gold: dict[str, set[str]] = {}
    for i in ids:
        thread_gold.setdefault(pred[i][1], set()).add(gold[i])
    result: dict[str, float] = {
        "articles": len(ids),
        "stories": len(set(stories)),
        "threads": len(set(threads)),
        "threads_over_stories": sum(len(g) > 1 for g in thread_gold.values()),
        "thread_precision": _precision([gold[i] for i in ids], threads),
    }
    if all(topic_of.get(gold[i]) for i in ids):
        topics = [str(topic_of[gold[i]]) for i in ids]
        result["topic_precision"] = _precision(topics, threads)
        result["story_topic_precision"] = _precision(topics, stories)
        # Story pairs in one thread sharing the editors' topic, against all story pairs
        # at most 60 days apart (dates of the gold stories).
        date_of = {e["event_id"]: dt.date.fromisoformat(e["date"]) for e in events}
        thread_of = {pred[i][0]: pred[i][1] for i in ids}
        names = sorted(story_gold)
        linked = same = near = near_same = 0
        for a, b in itertools.combinations(names, 2):
            ga, gb = story_gold[a], story_gold[b]
            agree = topic_of[ga] == topic_of[gb]
            if thread_of[a] == thread_of[b]:
                linked += 1
                same += agree
            if abs((date_of[ga] - date_of[gb]).days) <= 60:
                near += 1
                near_same += agree
        result["linked_pairs"] = linked
        result["linked_same_topic"] = same / linked if linked else 0.0
        result["base_same_topic"] = near_same / near if near else 0.0
    return result


def _thread_partition(path: Path, *, hashed: bool) -> list[list[str]]:
    """The articles of each thread (by their original ids), sorted."""
    with tempfile.TemporaryDirectory() as tmp:
        copy, _ = _stream(path, Path(tmp), dates=True, hashed=hashed)
        pred = run_threads([str(copy)])
    original = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        i = json.loads(line)["id"]
        original[hashlib.sha1(f"bench:{i}".encode()).hexdigest()[:16] if hashed else i] = i
    members: dict[str, list[str]] = {}
    for article, (_, thread) in pred.items():
        members.setdefault(thread, []).append(original[article])
    return sorted(sorted(m) for m in members.values())


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
    if _thread_partition(eval_dir / "allsides-dev" / "articles.jsonl", hashed=True) != (
        _thread_partition(eval_dir / "allsides-dev" / "articles.jsonl", hashed=False)
    ):
        raise SystemExit("threads depend on article ids: hashed ids change them")
    results["duc2003-dev pile"] = duc_scores(eval_dir / "duc2003-dev")
    for name in ("allsides-dev", "basil"):
        results[f"{name} threads"] = thread_scores(eval_dir / name / "articles.jsonl")
    return results


def print_quality(results: dict[str, dict[str, float]]) -> None:
    print("| stream | articles | gold stories | stories found | P | R | F1 | B-cubed F1 |")
    print("|---|---|---|---|---|---|---|---|")
    for name, s in results.items():
        if "ari" in s or "threads" in s:
            continue
        print(
            f"| {name} | {s['articles']} | {s['gold_stories']} | {s['stories']} | "
            f"{s['precision']:.3f} | {s['recall']:.3f} | **{s['f1']:.3f}** | "
            f"{s['bcubed_f1']:.3f} |"
        )
    for name, s in results.items():
        if "ari" in s:
            print(
                f"\n{name}: {s['articles']} articles, {s['gold_stories']} clusters; "
                f"{s['stories']} stories, ARI **{s['ari']:.3f}**, pairwise F1 "
                f"{s['f1']:.3f}, B-cubed F1 {s['bcubed_f1']:.3f}; {s['threads']} threads, "
                f"ARI **{s['thread_ari']:.3f}**, pairwise F1 {s['thread_f1']:.3f}"
            )
    print("\n(allsides-dev re-run with hashed article ids: identical scores and threads)")
    print_threads(results)


def print_threads(results: dict[str, dict[str, float]]) -> None:
    print(
        "\n| threads on | stories | threads | threads over 2+ gold stories | "
        "B-cubed P vs gold stories | B-cubed P vs topics (stories alone) | "
        "linked pairs: same topic (base rate) |"
    )
    print("|---|---|---|---|---|---|---|")
    for name, s in results.items():
        if "threads" not in s or "thread_ari" in s:
            continue
        topic = linked = "-"
        if "topic_precision" in s:
            topic = f"{s['topic_precision']:.3f} ({s['story_topic_precision']:.3f})"
            linked = (
                f"{s['linked_same_topic']:.3f} of {s['linked_pairs']:.0f} "
                f"({s['base_same_topic']:.3f})"
            )
        print(
            f"| {name.removesuffix(' threads')} | {s['stories']} | {s['threads']} | "
            f"{s['threads_over_stories']} | {s['thread_precision']:.3f} | {topic} | {linked} |"
        )


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
        threads = dict(grouping.threads)
        result["stories"] = len(grouping.stories)
        result["threads"] = len(set(threads.values()))
    else:
        days = sorted({a.published.date() for a in articles if a.published})
        state = None
        assignment = {}
        threads = {}
        largest = 0
        for day in days:
            todays = [a for a in articles if a.published and a.published.date() == day]
            grouping, _ = group_stream(todays, state=state)
            assignment.update(grouping.assignment)
            threads.update(grouping.threads)
            saved = json.dumps(state_to_dict(grouping.state))
            largest = max(largest, len(saved))
            state = state_from_dict(json.loads(saved))
        result["days"] = len(days)
        result["max_state_bytes"] = largest
    result["seconds"] = time.perf_counter() - start
    result["max_rss_mb"] = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    grouped = sorted((a, s, threads[s]) for a, s in assignment.items())
    result["digest"] = hashlib.sha1(json.dumps(grouped).encode()).hexdigest()
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
    print("| timeline17-bpoil | articles | days | seconds | peak MB | stories | threads |")
    print("|---|---|---|---|---|---|---|")
    print(
        f"| one run | {one['articles']} | - | {one['seconds']:.2f} | {one['max_rss_mb']:.0f} "
        f"| {one['stories']} | {one['threads']} |"
    )
    print(
        f"| day by day from saved JSON states | {inc['articles']} | {inc['days']} | "
        f"{inc['seconds']:.2f} | {inc['max_rss_mb']:.0f} | same | same |"
    )
    same = one["digest"] == inc["digest"]
    print(
        f"\nIncremental result (stories and threads) identical to the one-shot run: "
        f"{'yes' if same else 'NO'} "
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


def thread_grid(eval_dir: Path) -> None:
    """Thread settings around the defaults, each run through `events --config`: the DUC
    pile's thread ARI and what threads do on the streams."""
    import itertools

    print(
        "| threshold | terms | DUC pile thread ARI | threads | allsides-dev threads | "
        "over 2+ stories | topic B-cubed P | basil threads | over 2+ stories |"
    )
    print("|---|---|---|---|---|---|---|---|---|")
    with tempfile.TemporaryDirectory() as tmp:
        toml = Path(tmp) / "grid.toml"
        for threshold, terms in itertools.product((0.06, 0.08, 0.1, 0.12), (30, 50, 80)):
            toml.write_text(f"[threads]\nthreshold = {threshold}\nterms = {terms}\n")
            extra = ["--config", str(toml)]
            duc = duc_scores(eval_dir / "duc2003-dev", extra)
            side = thread_scores(eval_dir / "allsides-dev" / "articles.jsonl", extra)
            basil = thread_scores(eval_dir / "basil" / "articles.jsonl", extra)
            print(
                f"| {threshold} | {terms} | {duc['thread_ari']:.3f} | {duc['threads']} | "
                f"{side['threads']} | {side['threads_over_stories']} | "
                f"{side['topic_precision']:.3f} | {basil['threads']} | "
                f"{basil['threads_over_stories']} |",
                flush=True,
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("eval_dir", type=Path, help="the shared evaluation folder")
    parser.add_argument("--floors", type=Path, help="JSON of floors; exit 1 below any")
    parser.add_argument("--speed", action="store_true", help="also the bpoil speed runs")
    parser.add_argument("--json", action="store_true", help="print the scores as JSON")
    parser.add_argument("--grid", action="store_true", help="only the settings grid")
    parser.add_argument("--thread-grid", action="store_true", help="only the thread settings grid")
    parser.add_argument("--child", help=argparse.SUPPRESS)
    parser.add_argument("--copies", type=int, default=1, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(_speed_child(args.eval_dir, args.child, args.copies)))
        return 0
    if args.grid:
        grid(args.eval_dir)
        return 0
    if args.thread_grid:
        thread_grid(args.eval_dir)
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
