from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from summarizer.cli import main


def test_brief_text_to_stdout(sample_dir: Path, capsys) -> None:
    assert main(["brief", str(sample_dir)]) == 0
    out, err = capsys.readouterr()
    assert "pushed from Qaim on Friday" in out
    assert err == ""


def test_brief_each_format(sample_dir: Path, capsys) -> None:
    for fmt, marker in (("markdown", "# "), ("html", "<!DOCTYPE html>"), ("json", "{")):
        assert main(["brief", str(sample_dir), "-f", fmt]) == 0
        assert capsys.readouterr().out.startswith(marker)


def test_output_file_is_written_whole(sample_dir: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "briefing.html"
    assert main(["brief", str(sample_dir), "-f", "html", "-o", str(target)]) == 0
    assert capsys.readouterr().out == ""
    assert target.read_text().rstrip().endswith("</html>")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["briefing.html"]


def test_options_reach_the_pipeline(sample_dir: Path, capsys) -> None:
    argv = [
        "brief",
        str(sample_dir),
        "-f",
        "json",
        "--max-words",
        "40",
        "--max-sentences",
        "2",
        "--date",
        "2017-11-05",
        "--title",
        "Al-Qaim",
    ]
    assert main(argv) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["date"] == "2017-11-05" and doc["title"] == "Al-Qaim"
    assert len(doc["items"]) <= 2
    assert sum(len(i["text"].split()) for i in doc["items"]) <= 40


def test_config_file(sample_dir: Path, tmp_path: Path, capsys) -> None:
    config = tmp_path / "c.toml"
    config.write_text("[select]\nmax_sentences = 1\n")
    assert main(["brief", str(sample_dir), "-f", "json", "--config", str(config)]) == 0
    assert len(json.loads(capsys.readouterr().out)["items"]) == 1
    config.write_text("[select]\nmax_sentence = 1\n")
    assert main(["brief", str(sample_dir), "--config", str(config)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("summarizer: error: ") and "valid keys: max_words" in err


def test_input_order_gives_byte_identical_output(sample_dir: Path, capsys) -> None:
    files = sorted(str(p) for p in sample_dir.iterdir())
    main(["brief", *files, "-f", "json"])
    forward = capsys.readouterr().out
    main(["brief", *reversed(files), "-f", "json"])
    assert capsys.readouterr().out == forward


def test_bad_inputs_are_reported_and_good_ones_used(
    sample_dir: Path, tmp_path: Path, capsys
) -> None:
    for p in sample_dir.iterdir():
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "photo.txt").write_bytes(b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + bytes(100))
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 4)
    assert main(["brief", str(tmp_path)]) == 0
    out, err = capsys.readouterr()
    assert "pushed from Qaim" in out
    lines = err.strip().splitlines()
    assert len(lines) == 3
    assert any(line.endswith("empty.txt: empty file") for line in lines)
    assert any("photo.txt: binary file" in line for line in lines)
    assert any("noise.txt: undecodable bytes: not UTF-8 (byte 0x" in line for line in lines)
    assert all(line.startswith("summarizer: warning: ") for line in lines)


def test_nothing_usable_exits_2(tmp_path: Path, capsys) -> None:
    (tmp_path / "empty").mkdir()
    assert main(["brief", str(tmp_path / "empty")]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("empty: empty folder (no files in it)")
    assert err[-1].startswith("summarizer: error: no usable articles in")
    (tmp_path / "e.txt").write_text("")
    assert main(["brief", str(tmp_path / "e.txt")]) == 2


def test_no_half_written_output_on_failure(tmp_path: Path, capsys) -> None:
    (tmp_path / "e.txt").write_text("")
    target = tmp_path / "out.html"
    assert main(["brief", str(tmp_path / "e.txt"), "-o", str(target)]) == 2
    assert not target.exists()
    assert [p.name for p in tmp_path.iterdir()] == ["e.txt"]


def test_usage_errors_exit_2(sample_dir: Path, capsys) -> None:
    assert main(["brief", str(sample_dir), "-f", "pdf"]) == 2
    assert "invalid choice: 'pdf'" in capsys.readouterr().err
    assert main(["brief", str(sample_dir), "--max-words", "0"]) == 2
    assert main(["brief", str(sample_dir), "--date", "03/11/2017"]) == 2
    assert "YYYY-MM-DD" in capsys.readouterr().err
    assert main(["brief", str(sample_dir), "-o", "/nonexistent/dir/x.txt"]) == 2
    assert "output folder does not exist" in capsys.readouterr().err
    assert main([]) == 2


def test_help_lists_defaults_and_an_example(capsys) -> None:
    assert main(["brief", "--help"]) == 0
    out = capsys.readouterr().out
    assert "(default: 150)" in out and "(default: text)" in out
    assert "Example: summarizer brief" in out


def test_help_does_not_import_heavy_libraries() -> None:
    code = (
        "import sys\n"
        "from summarizer.cli import main\n"
        "assert main(['--help']) == 0\n"
        "heavy = [m for m in ('sklearn', 'nltk', 'networkx', 'scipy', 'numpy', 'jinja2') "
        "if m in sys.modules]\n"
        "print('HEAVY', heavy)\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env={**os.environ}
    )
    assert "HEAVY []" in out.stdout


@pytest.mark.parametrize("args", [["-m", "summarizer", "--help"]])
def test_python_dash_m(args) -> None:
    out = subprocess.run([sys.executable, *args], capture_output=True, text=True, check=True)
    assert "brief" in out.stdout


def test_script_in_an_article_reaches_html_as_text(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.txt").write_text(
        "Officials report <script>alert(1)</script> attack\n\n"
        "Officials said the <script>alert(1)</script> attack on the port hit three ships.\n"
    )
    assert main(["brief", str(tmp_path), "-f", "html"]) == 0
    html = capsys.readouterr().out
    assert "<script>" not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; attack on the port" in html


def test_progress_on_a_terminal_only(sample_dir: Path, capsys, monkeypatch) -> None:
    feed = sample_dir.parent / "feeds"
    assert main(["daily", str(feed)]) == 0
    assert capsys.readouterr().err == ""  # not a terminal: silent
    monkeypatch.setattr(sys.stderr, "isatty", lambda: True)
    assert main(["daily", str(feed)]) == 0
    err = capsys.readouterr().err
    assert "reading bbc-world-2017-01-20.rss" in err
    assert "3/3 summarising events" in err


def test_version(capsys) -> None:
    assert main(["--version"]) == 0
    assert capsys.readouterr().out == "summarizer 0.1.0\n"


def test_help_says_what_the_exit_codes_mean(capsys) -> None:
    for argv in (["--help"], ["brief", "--help"], ["daily", "--help"], ["email", "--help"]):
        assert main(argv) == 0
        out = " ".join(capsys.readouterr().out.split())
        assert "Exit status: 0 done" in out and "2 usage or input error" in out
        assert "with --strict any input skipped" in out


def test_verbose_and_quiet_go_before_or_after_the_command(
    sample_dir: Path, tmp_path: Path, capsys
) -> None:
    for p in sample_dir.iterdir():
        shutil.copy(p, tmp_path / p.name)
    (tmp_path / "empty.txt").write_text("")
    assert main(["brief", str(tmp_path), "-v"]) == 0
    assert "empty.txt: empty file" in capsys.readouterr().err
    for argv in (["-q", "brief", str(tmp_path)], ["brief", str(tmp_path), "--quiet"]):
        assert main(argv) == 0
        out, err = capsys.readouterr()
        assert "pushed from Qaim" in out and err == ""
    assert main(["brief", str(tmp_path), "-v", "-q"]) == 2
    assert "argument -q/--quiet: not allowed with argument -v/--verbose" in capsys.readouterr().err
    assert main(["-v", "brief", str(tmp_path), "-q"]) == 2
    assert "-v/--verbose and -q/--quiet cannot be combined" in capsys.readouterr().err


def test_strict_fails_when_any_input_was_skipped(sample_dir: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "out.txt"
    missing = str(tmp_path / "missing.txt")
    assert main(["brief", str(sample_dir), missing, "-o", str(target)]) == 0
    assert "missing.txt: no such file or folder" in capsys.readouterr().err
    target.unlink()
    assert main(["brief", str(sample_dir), missing, "--strict", "-o", str(target)]) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].endswith("missing.txt: no such file or folder")
    assert err[1] == "summarizer: error: 1 input(s) skipped and --strict given; nothing written"
    assert not target.exists()
    assert main(["brief", str(sample_dir), "--strict"]) == 0


@pytest.mark.parametrize(
    ("typo", "meant"),
    [("--max-word", "--max-words"), ("--max-word=3", "--max-words"), ("--formt", "--format")],
)
def test_abbreviated_or_mistyped_options_are_refused_with_a_suggestion(
    sample_dir: Path, typo: str, meant: str, capsys
) -> None:
    argv = ["brief", str(sample_dir), typo] + ([] if "=" in typo else ["3"])
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert "unrecognized arguments: " + typo in err
    assert f"(did you mean {meant}?)" in err


def test_mistyped_command_gets_a_suggestion(capsys) -> None:
    assert main(["brif", "x"]) == 2
    assert "invalid choice: 'brif'" in capsys.readouterr().err
    assert main(["brif", "x"]) == 2
    assert "(did you mean brief?)" in capsys.readouterr().err


def test_a_closed_pipe_ends_quietly(sample_dir: Path) -> None:
    read_end, write_end = os.pipe()
    os.close(read_end)  # `| head -c 0`: the reader is gone before anything is written
    try:
        proc = subprocess.run(
            [sys.executable, "-m", "summarizer", "brief", str(sample_dir)],
            stdout=write_end,
            stderr=subprocess.PIPE,
            text=True,
            check=False,
        )
    finally:
        os.close(write_end)
    assert proc.stderr == ""
    assert proc.returncode == 141


def _umask(value: int) -> int:
    old = os.umask(value)
    os.umask(old)
    return old


def test_output_keeps_the_mode_of_the_file_it_replaces(
    sample_dir: Path, tmp_path: Path, capsys
) -> None:
    target = tmp_path / "briefing.txt"
    target.write_text("old\n")
    target.chmod(0o644)
    assert main(["brief", str(sample_dir), "-o", str(target)]) == 0
    assert target.stat().st_mode & 0o777 == 0o644
    assert "pushed from Qaim" in target.read_text()
    target.chmod(0o640)
    assert main(["brief", str(sample_dir), "-o", str(target)]) == 0
    assert target.stat().st_mode & 0o777 == 0o640


def test_new_output_file_gets_the_umask_default(sample_dir: Path, tmp_path: Path) -> None:
    old = os.umask(0o027)
    try:
        assert main(["brief", str(sample_dir), "-o", str(tmp_path / "new.txt")]) == 0
    finally:
        os.umask(old)
    assert (tmp_path / "new.txt").stat().st_mode & 0o777 == 0o640


def test_dash_output_is_standard_output(sample_dir: Path, tmp_path: Path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["brief", str(sample_dir), "-o", "-"]) == 0
    assert "pushed from Qaim" in capsys.readouterr().out
    assert list(tmp_path.iterdir()) == []


def test_output_writes_through_a_symlink(sample_dir: Path, tmp_path: Path) -> None:
    real = tmp_path / "real.txt"
    real.write_text("old\n")
    link = tmp_path / "link.txt"
    link.symlink_to(real)
    assert main(["brief", str(sample_dir), "-o", str(link)]) == 0
    assert link.is_symlink() and os.readlink(link) == str(real)
    assert "pushed from Qaim" in real.read_text()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["link.txt", "real.txt"]


def test_output_refuses_what_is_not_a_regular_file(
    sample_dir: Path, tmp_path: Path, capsys
) -> None:
    folder = tmp_path / "folder"
    folder.mkdir()
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    link = tmp_path / "link-to-fifo"
    link.symlink_to(fifo)
    for target, kind in (
        (folder, "a folder"),
        (fifo, "a FIFO (named pipe)"),
        (link, "a FIFO (named pipe)"),
    ):
        assert main(["brief", str(sample_dir), "-o", str(target)]) == 2
        err = capsys.readouterr().err
        assert err == (
            f"summarizer: error: {target}: {kind}, not a regular file; give a file name, "
            "or '-' for standard output\n"
        )
    assert fifo.exists() and not fifo.is_file() and folder.is_dir()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["fifo", "folder", "link-to-fifo"]


def test_a_template_that_raises_is_named_with_its_line(
    sample_dir: Path, tmp_path: Path, capsys
) -> None:
    template = tmp_path / "mine.txt.j2"
    template.write_text(
        "{{ briefing.title }}\n{% for i in briefing.items %}\n{{ 1 / 0 }}\n{% endfor %}\n"
    )
    assert main(["brief", str(sample_dir), "--template", str(template)]) == 2
    assert capsys.readouterr().err == (
        f"summarizer: error: {template}:3: template error: ZeroDivisionError: division by zero\n"
    )


def test_a_huge_size_limit_is_just_a_large_one(sample_dir: Path, capsys) -> None:
    assert main(["brief", str(sample_dir), "--max-bytes", "99999999999999999999"]) == 0
    assert "pushed from Qaim" in capsys.readouterr().out


def test_jobs_are_capped_at_the_work_and_the_cores(sample_dir: Path, pool_sizes, capsys) -> None:
    asked = pool_sizes
    feed = sample_dir.parent / "feeds"
    assert main(["daily", str(feed), "--jobs", "1000"]) == 0
    assert "3 events" in capsys.readouterr().out
    cores = len(os.sched_getaffinity(0))
    assert asked in ([], [min(3, cores)])  # one core: no pool at all
    assert asked or cores == 1


def test_an_article_piped_to_standard_input(sample_dir: Path) -> None:
    article = (sample_dir / "allabouttopnews-border-crossing.txt").read_bytes()
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "brief", "-"],
        input=article,
        capture_output=True,
        timeout=120,
    )
    assert proc.returncode == 0 and proc.stderr == b""
    assert b"pushed from Qaim" in proc.stdout


# summarizer timeline


def test_timeline_in_each_format(sample_dir: Path, capsys) -> None:
    for fmt, marker in (("text", "Iraqi"), ("markdown", "# "), ("html", "<!DOCTYPE html>")):
        assert main(["timeline", str(sample_dir), "-f", fmt]) == 0
        out, err = capsys.readouterr()
        assert out.startswith(marker) and "pushed from Qaim" in out and err == ""
    assert main(["timeline", str(sample_dir), "-f", "json"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["kind"] == "timeline" and doc["schema_version"] == 1


def test_timeline_options_reach_the_pipeline(sample_dir: Path, capsys) -> None:
    argv = ["timeline", str(sample_dir), "-f", "json", "--dates", "2", "--sentences", "2"]
    assert main([*argv, "--from", "2017-09-01", "--to", "2017-11-03", "--title", "Qaim"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["title"] == "Qaim"
    assert (doc["start"], doc["end"]) == ("2017-09-01", "2017-11-03")
    assert 1 <= len(doc["entries"]) <= 2 and all(len(e["items"]) <= 2 for e in doc["entries"])
    assert all("2017-09-01" <= e["date"] <= "2017-11-03" for e in doc["entries"])
    # Only articles published in the window: not the undated one, not the one of Nov 4.
    published = [a["published"] for a in doc["articles"]]
    assert published and all(p and "2017-09-01" <= p[:10] <= "2017-11-03" for p in published)
    assert main([*argv]) == 0
    assert len(json.loads(capsys.readouterr().out)["entries"]) == 2
    assert main(["timeline", str(sample_dir), "-f", "json", "--query", "Akashat"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["query"] == "Akashat" and len(doc["articles"]) == 3


def test_timeline_input_order_gives_byte_identical_output(sample_dir: Path, capsys) -> None:
    files = sorted(str(p) for p in sample_dir.iterdir())
    assert main(["timeline", *files, "-f", "json"]) == 0
    first = capsys.readouterr().out
    assert main(["timeline", *reversed(files), "-f", "json"]) == 0
    assert capsys.readouterr().out == first


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--from", "2017-11-05", "--to", "2017-11-01"], "'end' parameter of TimelineConfig"),
        (["--from", "2018-01-01"], "no article published from 2018-01-01"),
        (["--story", "2017-01-01-abc"], "no story '2017-01-01-abc'"),
        (["--query", "volcano"], "every word of the query 'volcano'"),
        (["--dates", "0"], "must be a whole number >= 1"),
        (["--from", "yesterday"], "not a date in YYYY-MM-DD form"),
    ],
)
def test_timeline_errors_are_one_line_and_exit_2(
    sample_dir: Path, capsys, extra: list[str], message: str
) -> None:
    assert main(["timeline", str(sample_dir), *extra]) == 2
    out, err = capsys.readouterr()
    assert out == "" and message in err.splitlines()[-1]
    assert err.splitlines()[-1].startswith("summarizer")


def test_timeline_help_states_defaults_and_ends_with_an_example(capsys) -> None:
    assert main(["timeline", "--help"]) == 0
    out = capsys.readouterr().out
    for option in ("--dates", "--sentences", "--from", "--to", "--story", "--query"):
        assert option in out
    assert "(default: 10)" in out and "(default: 1)" in out
    assert "Example: summarizer timeline" in out


def test_email_timeline_writes_the_timeline(sample_dir: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "timeline.eml"
    argv = ["email", str(sample_dir), "--timeline", "--dates", "3", "--to", "a@example.org"]
    assert main([*argv, "--from", "b@example.org", "--eml", str(target)]) == 0
    capsys.readouterr()
    message = target.read_text()
    assert "Subject:" in message and "2017-11-04" in message
    assert "text/html" in message and "text/plain" in message
    assert main([*argv, "--daily", "--from", "b@example.org", "--eml", str(target)]) == 2
    assert "not allowed with argument" in capsys.readouterr().err


def test_evaluate_timeline_scores_every_reference_and_the_baseline(capsys) -> None:
    mini = str(Path(__file__).resolve().parent / "data" / "timeline-mini")
    assert main(["evaluate", "--timeline", mini]) == 0
    out = capsys.readouterr().out
    assert "gazette/gazette" in out and "radio/radio" in out
    assert out.count("summarizer") == 3 and out.count("busiest days") == 3
    assert "mean (F1 of mean P and R)" in out
    assert main(["evaluate", "--timeline", mini, "--json", "-j", "2"]) == 0
    doc = json.loads(capsys.readouterr().out)
    assert doc["kind"] == "timeline-evaluation" and doc["schema_version"] == 1
    ours = [r for r in doc["references"] if r["system"] == "summarizer"]
    assert [(r["reference_dates"], r["sentences_per_date"]) for r in ours] == [(3, 1), (2, 2)]
    for row in ours:  # the protocol: as many dates as the reference, k sentences a date
        assert len(row["timeline"]) <= row["reference_dates"]
        assert 0.0 <= row["align_rouge_1"]["f1"] <= 1.0 and "date" in row
        assert all(len(day["sentences"]) <= row["sentences_per_date"] for day in row["timeline"])
    assert {m["system"] for m in doc["mean"]} == {"summarizer", "busiest days"}


def test_evaluate_timeline_refuses_a_broken_reference(tmp_path: Path, capsys) -> None:
    mini = Path(__file__).resolve().parent / "data" / "timeline-mini"
    copy = tmp_path / "mini"
    shutil.copytree(mini, copy)
    (copy / "radio" / "refs" / "radio.json").write_text('[{"date": "March"}]')
    assert main(["evaluate", "--timeline", str(copy)]) == 2
    err = capsys.readouterr().err
    assert "radio.json: not a timeline" in err and err.count("\n") == 1
