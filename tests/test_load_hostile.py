"""A folder mixing every format with every kind of broken input: the good articles are
summarised, each bad input is reported, nothing else happens. Plus fuzzing of the loader."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

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
        "day.jsonl",
        "export",
        "one.json",
        "story.txt",
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
