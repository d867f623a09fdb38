"""A folder mixing every format with every kind of broken input: the good articles are
summarised, each bad input is reported, nothing else happens. Plus fuzzing of the loader."""

from __future__ import annotations

import email
import email.policy
import json
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarizer.cli import main
from summarizer.errors import InputError
from summarizer.load import load_paths, parse_bytes

REAL = Path(__file__).resolve().parent / "data" / "real"
SAMPLE = Path(__file__).resolve().parent.parent / "samples" / "al-qaim-2017"


def _mixed_folder(root: Path) -> Path:
    folder = root / "inbox"
    folder.mkdir()
    # Good inputs, one of each format.
    shutil.copy(SAMPLE / "allabouttopnews-border-crossing.txt", folder / "story.txt")
    shutil.copy(REAL / "salon.com.emissions.html", folder / "page.html")
    shutil.copy(REAL / "bbc-world-2017-01-20.rss", folder / "world.rss")
    (folder / "day.jsonl").write_text(
        "\n".join(
            [
                json.dumps(
                    {
                        "id": "j1",
                        "title": "Storm",
                        "text": "A storm hit the coast on Monday, flooding hundreds of homes.",
                        "published": "2021-03-01",
                    }
                ),
                '{"text": "unterminated',
                json.dumps({"title": "No body"}),
                json.dumps(
                    {"id": "j2", "text": "Power was cut to two million homes, officials said."}
                ),
            ]
        )
    )
    (folder / "one.json").write_text(json.dumps([{"id": "k1", "text": "The bridge closed."}]))
    (folder / "export").write_text(json.dumps({"id": "n1", "text": "Sniffed as JSON lines."}))
    # Hostile inputs.
    (folder / "empty.txt").write_bytes(b"")
    (folder / "image.html").write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)) * 4)
    (folder / "noise.txt").write_bytes(bytes(range(128, 256)) * 4)
    (folder / "huge.txt").write_bytes(b"a" * 50_000_000)  # one 50 MB line
    (folder / "nav.html").write_bytes(b"<html><body><nav>Home | News | About</nav></body></html>")
    (folder / "broken.rss").write_bytes(b"<<<this is not xml at all")
    (folder / "loop").symlink_to(folder, target_is_directory=True)
    (folder / "gone.txt").symlink_to(folder / "deleted-before-reading.txt")
    return folder


EXPECTED_SKIPS = {
    "empty.txt": "empty file",
    "image.html": "binary file (a PNG image), not text",
    "noise.txt": "undecodable bytes: not UTF-8 (byte 0x80 at offset 0) and no other text "
    "encoding fits",
    "huge.txt": "larger than the 20,000,000-byte limit (--max-bytes); not read",
    "nav.html": "no article text found in the page",
    "broken.rss": "not an RSS or Atom feed",
    "loop": "symlink loop (folder already read)",
    "gone.txt": "cannot read (No such file or directory)",
    "day.jsonl line 2": "malformed JSON (Unterminated string",
    "day.jsonl line 3": "no 'text' field (expected keys: id, title, text, source, url, published)",
}


def test_mixed_folder_loads_the_good_and_reports_the_bad(tmp_path: Path) -> None:
    result = load_paths([_mixed_folder(tmp_path)])
    assert len(result.articles) == 9
    assert sorted({a.source for a in result.articles}) == [
        "BBC News - World",
        "Salon.com",
        "day",
        "export",
        "one",
        "story",
    ]
    assert sorted(a.id for a in result.articles if a.id[0] in "jkn") == ["j1", "j2", "k1", "n1"]
    assert len([a for a in result.articles if a.source == "BBC News - World"]) == 3
    reasons = {s.path.split("inbox/")[-1]: s.reason for s in result.skipped}
    assert set(reasons) == set(EXPECTED_SKIPS)
    for name, reason in EXPECTED_SKIPS.items():
        assert reasons[name].startswith(reason), (name, reasons[name])


def test_mixed_folder_through_the_cli(tmp_path: Path, capsys) -> None:
    folder = _mixed_folder(tmp_path)
    assert main(["brief", str(folder), "-f", "json"]) == 0
    out, err = capsys.readouterr()
    doc = json.loads(out)
    assert len(doc["articles"]) == 9 and doc["items"]
    warnings = err.strip().splitlines()
    assert len(warnings) == len(EXPECTED_SKIPS)
    assert all(line.startswith("summarizer: warning: ") for line in warnings)
    assert "Traceback" not in err
    assert len(doc["skipped"]) == len(EXPECTED_SKIPS)


def test_only_bad_inputs_exit_2(tmp_path: Path, capsys) -> None:
    (tmp_path / "a.html").write_bytes(b"GIF89a" + bytes(50))
    (tmp_path / "b.json").write_text("{")
    assert main(["brief", str(tmp_path)]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert err[-1].startswith("summarizer: error: no usable articles")
    assert len(err) == 3


def test_size_limit_is_an_option(tmp_path: Path, capsys) -> None:
    shutil.copy(SAMPLE / "allabouttopnews-border-crossing.txt", tmp_path / "a.txt")
    assert main(["brief", str(tmp_path), "--max-bytes", "1000"]) == 2
    assert "larger than the 1,000-byte limit" in capsys.readouterr().err


EXTENSIONS = st.sampled_from(["x.txt", "x.html", "x.json", "x.jsonl", "x.rss", "x.xml", "x"])


@settings(max_examples=150, deadline=None)
@given(EXTENSIONS, st.binary(max_size=3000))
def test_random_bytes_give_articles_or_input_error(name: str, data: bytes) -> None:
    try:
        parsed = parse_bytes(Path(name), data)
    except InputError:
        return
    assert all(a.text.strip() for a in parsed.articles)


JSON_VALUES = st.recursive(
    st.none() | st.booleans() | st.floats(allow_nan=False) | st.integers() | st.text(),
    lambda children: (
        st.lists(children, max_size=4)
        | st.dictionaries(
            st.sampled_from(["id", "title", "text", "source", "url", "published", "x"])
            | st.text(max_size=5),
            children,
            max_size=6,
        )
    ),
    max_leaves=12,
)


@settings(max_examples=150, deadline=None)
@given(st.lists(JSON_VALUES, max_size=5), st.sampled_from(["x.json", "x.jsonl", "x"]))
def test_random_json_gives_articles_or_input_error(values, name: str) -> None:
    if name.endswith(".json"):
        data = json.dumps(values).encode()
    else:
        data = "\n".join(json.dumps(v) for v in values).encode()
    try:
        parsed = parse_bytes(Path(name), data)
    except InputError:
        return
    for article in parsed.articles:
        assert article.text.strip() and article.id
        assert article.published is None or article.published.tzinfo is not None


GOOD = (
    "abu-dhabi-akashat-captured.txt",
    "ndtv-akashat-captured.txt",
    "allabouttopnews-border-crossing.txt",
)


def _three_good(folder: Path) -> Path:
    folder.mkdir(exist_ok=True)
    for name in GOOD:
        shutil.copy(SAMPLE / name, folder / name)
    return folder


def _used_ids(out: str) -> set[str]:
    return {a["id"] for a in json.loads(out)["articles"]}


GOOD_IDS = {Path(name).stem for name in GOOD}


def test_a_fifo_in_a_folder_is_skipped_not_waited_for(tmp_path: Path) -> None:
    folder = _three_good(tmp_path / "in")
    os.mkfifo(folder / "pipe.txt")
    proc = subprocess.run(
        [sys.executable, "-m", "summarizer", "brief", str(folder), "-f", "json"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert proc.returncode == 0
    assert _used_ids(proc.stdout) == GOOD_IDS
    assert proc.stderr == (
        f"summarizer: warning: {folder}/pipe.txt: a FIFO (named pipe), not a regular file; "
        "not read\n"
    )


def test_devices_given_by_name_are_not_read(tmp_path: Path, capsys) -> None:
    folder = _three_good(tmp_path / "in")
    assert main(["brief", str(folder), "/dev/zero", "/dev/null", "-f", "json"]) == 0
    out, err = capsys.readouterr()
    assert _used_ids(out) == GOOD_IDS
    assert "/dev/zero: a character device, not a regular file; not read" in err
    assert "/dev/null: a character device, not a regular file; not read" in err


def test_a_page_of_a_million_tags_is_refused_before_extraction(tmp_path: Path, capsys) -> None:
    folder = _three_good(tmp_path / "in")
    page = b"<html><body>" + b"<p>x</p>" * 1_000_000 + b"</body></html>"
    (folder / "tiny-paragraphs.html").write_bytes(page)
    start = time.perf_counter()
    assert main(["brief", str(folder), "-f", "json"]) == 0
    assert time.perf_counter() - start < 30
    out, err = capsys.readouterr()
    assert _used_ids(out) == GOOD_IDS
    assert "tiny-paragraphs.html: 1,000,002 tags, over the 100,000-tag limit for one page" in err


def test_extraction_that_runs_too_long_is_a_skip(tmp_path: Path, capsys) -> None:
    folder = _three_good(tmp_path / "in")
    links = "".join(f'<p><a href="/{i}">link {i}</a></p>' for i in range(40_000))
    (folder / "slow.html").write_text(f"<html><body>{links}</body></html>")
    config = tmp_path / "c.toml"
    config.write_text("[load]\nmax_seconds = 0.5\n")
    start = time.perf_counter()
    assert main(["brief", str(folder), "-f", "json", "--config", str(config)]) == 0
    assert time.perf_counter() - start < 20
    out, err = capsys.readouterr()
    assert _used_ids(out) == GOOD_IDS
    assert "slow.html: took over 0.5 s to read ([load] max_seconds); skipped" in err


def test_the_time_budget_cannot_be_swallowed(tmp_path: Path, monkeypatch) -> None:
    from summarizer import load

    def stubborn(data: bytes, path: Path) -> None:
        while True:
            try:  # noqa: SIM105 (what third-party extractors do)
                time.sleep(0.01)
            except Exception:
                pass

    monkeypatch.setattr(load, "read_html", stubborn)
    (tmp_path / "a.html").write_text("<html><body><p>x</p></body></html>")
    result = load_paths([tmp_path], max_seconds=0.3)
    assert result.skipped[0].reason.startswith("took over 0.3 s to read")


def _latin1_named(folder: Path) -> str:
    name = os.fsdecode(b"r\xe9sum\xe9.txt")
    shutil.copy(SAMPLE / "spacedaily-al-obeidi-advance.txt", folder / name)
    (folder / os.fsdecode(b"empty-\xe9.txt")).write_text("")
    return name


@pytest.mark.parametrize("fmt", ["text", "markdown", "html", "json"])
def test_a_file_name_with_a_latin1_byte_reaches_every_output(
    tmp_path: Path, fmt: str, capsys
) -> None:
    folder = _three_good(tmp_path / "in")
    _latin1_named(folder)
    target = tmp_path / "out"
    assert main(["brief", str(folder), "-f", fmt, "-o", str(target)]) == 0
    # The source is the file stem (no outlet is known), escaped in every format.
    escaped = "r\\\\xe9sum\\\\xe9" if fmt in ("json", "markdown") else "r\\xe9sum\\xe9"
    assert escaped in target.read_text(encoding="utf-8")
    assert "empty-\\xe9.txt: empty file" in capsys.readouterr().err


def test_a_file_name_with_a_latin1_byte_on_a_strict_utf8_stdout(tmp_path: Path) -> None:
    folder = _three_good(tmp_path / "in")
    _latin1_named(folder)
    for command in (["brief"], ["daily"]):
        proc = subprocess.run(
            [sys.executable, "-m", "summarizer", *command, str(folder)],
            capture_output=True,
            env={**os.environ, "PYTHONIOENCODING": "utf-8:strict"},
            timeout=120,
        )
        assert proc.returncode == 0, proc.stderr
        assert b"empty-\\xe9.txt: empty file" in proc.stderr


def test_a_file_name_with_a_latin1_byte_in_an_eml(tmp_path: Path, capsys) -> None:
    folder = _three_good(tmp_path / "in")
    _latin1_named(folder)
    eml = tmp_path / "digest.eml"
    argv = ["email", str(folder), "--to", "a@example.org", "--from", "b@example.org"]
    assert main([*argv, "--eml", str(eml)]) == 0
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert "r\\xe9sum\\xe9" in message.get_body(("plain",)).get_content()


@pytest.mark.parametrize("command", [["brief", "-f", "json"], ["daily", "-f", "json"], ["daily"]])
def test_an_offset_of_25_hours_leaves_the_date_unknown(
    tmp_path: Path, command: list[str], capsys
) -> None:
    folder = _three_good(tmp_path / "in")
    record = {
        "id": "tz",
        "text": "Iraqi forces said the offensive on the border town continued on Monday.",
        "published": "2024-03-12T10:00:00+25:00",
    }
    (folder / "tz.jsonl").write_text(json.dumps(record) + "\n")
    assert main([command[0], str(folder), *command[1:]]) == 0
    out, err = capsys.readouterr()
    assert "Traceback" not in err and "unexpected" not in err
    if command == ["brief", "-f", "json"]:
        articles = {a["id"]: a for a in json.loads(out)["articles"]}
        assert set(articles) == GOOD_IDS | {"tz"} and articles["tz"]["published"] is None


@pytest.mark.parametrize("breaker", ["\r\n", "\n", "\r", "\u2028", "\u2029", "\x85", "\x0b"])
def test_a_title_with_a_line_break_makes_a_one_line_subject(
    tmp_path: Path, breaker: str, capsys
) -> None:
    title = f"Troops take Akashat{breaker}Bcc: victim@example.org"
    (tmp_path / "a.json").write_text(
        json.dumps(
            [
                {
                    "title": title,
                    "text": "Iraqi troops took the desert town of Akashat on Saturday "
                    "after a short battle, the Joint Operations Command said.",
                }
            ]
        )
    )
    eml = tmp_path / "digest.eml"
    argv = ["email", str(tmp_path / "a.json"), "--to", "a@example.org", "--from", "b@x.org"]
    assert main([*argv, "--eml", str(eml), "--subject", f"Alert{breaker}X-Evil: 1"]) == 0
    assert main([*argv, "--eml", str(eml)]) == 0
    message = email.message_from_bytes(eml.read_bytes(), policy=email.policy.default)
    assert message["Subject"] == "Troops take Akashat Bcc: victim@example.org"
    assert message["Bcc"] is None
    capsys.readouterr()


def test_terminal_escapes_in_an_article_never_reach_the_terminal(tmp_path: Path, capsys) -> None:
    folder = _three_good(tmp_path / "in")
    (folder / "evil.txt").write_text(
        "Evil\x1b]0;owned\x07 title\n\nIraqi forces\x1b[2J\x1b[H said on Saturday that the "
        "\x9b31mborder\x1b[0m town of Akashat had been taken after a short battle.\n"
    )
    for fmt in ("text", "markdown", "html", "json"):
        assert main(["brief", str(folder), "-f", fmt]) == 0
        out = capsys.readouterr().out
        assert not any(ch in out for ch in "\x1b\x9b\x07\x00"), fmt


def test_a_newline_in_a_file_name_cannot_forge_warning_lines(tmp_path: Path, capsys) -> None:
    folder = _three_good(tmp_path / "in")
    (folder / "x\nsummarizer: warning: forged.txt").write_text("")
    (folder / "bell\x07\x1b[2J.txt").write_text("")
    assert main(["brief", str(folder)]) == 0
    lines = capsys.readouterr().err.splitlines()
    assert len(lines) == 2
    assert lines[0].endswith("bell\\x07\\x1b[2J.txt: empty file")
    assert lines[1].endswith("x\\nsummarizer: warning: forged.txt: empty file")
