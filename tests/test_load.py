from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from summarizer.errors import InputError
from summarizer.formats import read_plain_text
from summarizer.load import load_paths


def test_sample_folder_loads_five_articles_with_titles(sample_dir: Path) -> None:
    result = load_paths([sample_dir])
    assert result.skipped == ()
    titles = {a.source: a.title for a in result.articles}
    assert len(titles) == 5
    assert titles["spacedaily-al-obeidi-advance"] == (
        "Iraqi forces advance to edge of final IS bastion Al-Qaim"
    )
    # The page opens with a crawl stamp; the title is the first line that is not a date.
    assert titles["abu-dhabi-akashat-captured"] == (
        "Iraqi forces capture town in new operation to drive ISIL from areas near Syria"
    )


def test_input_order_does_not_change_articles(sample_dir: Path) -> None:
    files = sorted(sample_dir.iterdir())
    forward = load_paths(files).articles
    backward = load_paths(list(reversed(files))).articles
    assert forward == backward


def test_bad_files_are_skipped_with_reasons_and_good_ones_kept(tmp_path: Path) -> None:
    (tmp_path / "good.txt").write_text("A title\n\nTroops took the town on Monday, they said.\n")
    (tmp_path / "empty.txt").write_text("")
    (tmp_path / "blank.txt").write_text("  \n\n \n")
    (tmp_path / "image.txt").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(64))
    (tmp_path / "noise.txt").write_bytes(bytes(range(128, 256)) * 4)
    result = load_paths([tmp_path])
    assert [a.id for a in result.articles] == ["good"]
    reasons = {Path(s.path).name: s.reason for s in result.skipped}
    assert reasons["empty.txt"] == "empty file"
    assert reasons["blank.txt"] == "empty file"
    assert "binary" in reasons["image.txt"]
    assert reasons["noise.txt"] == (
        "undecodable bytes: not UTF-8 (byte 0x80 at offset 0) and no other text encoding fits"
    )


def test_empty_folder_and_missing_path_are_reported(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    result = load_paths([tmp_path / "empty", tmp_path / "nope.txt"])
    assert result.articles == ()
    reasons = sorted(s.reason for s in result.skipped)
    assert reasons == ["empty folder (no files in it)", "no such file or folder"]


def test_size_limit_refuses_large_files(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    big.write_text("Title\n" + "word " * 1000)
    result = load_paths([big], max_bytes=1000)
    assert result.articles == ()
    assert "1,000-byte limit" in result.skipped[0].reason


def test_same_file_name_in_two_folders_gets_distinct_ids(tmp_path: Path) -> None:
    for name in ("a", "b"):
        (tmp_path / name).mkdir()
        (tmp_path / name / "story.txt").write_text(f"Title {name}\n\nBody of {name} here.\n")
    ids = [a.id for a in load_paths([tmp_path]).articles]
    assert len(set(ids)) == 2


@pytest.mark.skipif(not hasattr(os, "symlink"), reason="no symlinks")
def test_symlink_loop_is_reported_not_followed_forever(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("Title\n\nSome text for the body.\n")
    (tmp_path / "loop").symlink_to(tmp_path, target_is_directory=True)
    result = load_paths([tmp_path])
    assert [a.id for a in result.articles] == ["a"]
    assert any("symlink loop" in s.reason for s in result.skipped)


def test_parse_text_article_rejects_whitespace_only() -> None:
    with pytest.raises(InputError, match=r"x\.txt: no text"):
        read_plain_text("\n \n", path="x.txt")


def test_a_date_in_the_file_name_is_used_above_guesses_from_the_text(tmp_path: Path) -> None:
    (tmp_path / "2011-03-20_138.txt").write_text(
        "Rebels take the town\n\nPublished 12 May 2015\n\nRebels took the town on Sunday, "
        "residents said, after two days of fighting near the airport.\n"
    )
    (tmp_path / "APW19981117.0597.txt").write_text(
        "Meteor shower\n\nStargazers in Asia sought high ground and clear skies to see the "
        "meteor shower.\n"
    )
    (tmp_path / "notes-2023.txt").write_text("A title\n\nNo calendar date in this name at all.\n")
    dates = {a.id: a.published for a in load_paths([tmp_path]).articles}
    assert dates["2011-03-20_138"].date().isoformat() == "2011-03-20"
    assert dates["APW19981117.0597"].date().isoformat() == "1998-11-17"
    assert dates["notes-2023"] is None
    # Metadata of the article itself comes first.
    (tmp_path / "2020-01-01.jsonl").write_text(
        '{"id": "a", "text": "Dated by its record.", "published": "2019-06-30"}\n'
        '{"id": "b", "text": "Dated by the file name."}\n'
    )
    dates = {a.id: a.published for a in load_paths([tmp_path / "2020-01-01.jsonl"]).articles}
    assert dates["a"].date().isoformat() == "2019-06-30"
    assert dates["b"].date().isoformat() == "2020-01-01"


def _duc_cluster(root: Path) -> Path:
    docs = root / "d30001t" / "docs"
    docs.mkdir(parents=True)
    (docs / "NYT1.txt").write_text(
        "HAVANA (AP) -- The pope arrived in Cuba on Wednesday for a five-day visit.\n\n"
        "Crowds lined the road from the airport.\n"
    )
    (docs / "NYT2.txt").write_text("The pope said mass in Havana before a crowd of thousands.\n")
    meta = {
        "docs": [
            {
                "doc_id": "NYT1",
                "file": "docs/NYT1.txt",
                "date": "1998-01-21",
                "source": "NYT",
                "headline": None,
            },
            {
                "doc_id": "NYT2",
                "file": "docs/NYT2.txt",
                "date": "1998-01-25",
                "source": "APW",
                "headline": "Pope says mass in Havana",
            },
        ]
    }
    (root / "d30001t" / "meta.json").write_text(json.dumps(meta))
    return root / "d30001t"


def test_a_meta_json_sidecar_gives_dates_outlets_and_headlines(tmp_path: Path) -> None:
    cluster = _duc_cluster(tmp_path)
    result = load_paths([cluster])
    assert result.skipped == ()  # meta.json itself is not an article
    by_id = {a.id: a for a in result.articles}
    first, second = by_id["NYT1"], by_id["NYT2"]
    assert first.published.date().isoformat() == "1998-01-21" and first.date_basis == "stated"
    assert first.source == "NYT" and first.outlet_known
    # A null headline: the text has no title line, its first paragraph stays in the body.
    assert first.text.startswith("HAVANA (AP) -- The pope arrived") and first.title.endswith("…")
    assert second.title == "Pope says mass in Havana" and second.text.startswith("The pope said")
    assert second.source == "APW"


def test_a_sidecar_that_is_not_a_document_list_is_reported(tmp_path: Path) -> None:
    (tmp_path / "meta.json").write_text('{"title": "not a sidecar"}')
    (tmp_path / "a.txt").write_text("A title\n\nSome text of the article.\n")
    result = load_paths([tmp_path])
    assert [a.id for a in result.articles] == ["a"]
    assert result.articles[0].published is None and not result.articles[0].outlet_known
    (skip,) = result.skipped
    assert skip.path.endswith("meta.json") and skip.reason.startswith("sidecar not used")


def test_json_lines_are_limited_per_record_not_per_file(tmp_path: Path) -> None:
    big = tmp_path / "day.jsonl"
    body = "Storm coverage continues along the coast with more reports. " * 80
    with big.open("w", encoding="utf-8") as fh:
        for i in range(6_500):
            record = {"id": f"r{i}", "title": f"Report {i}", "text": body, "source": "Wire"}
            fh.write(json.dumps(record) + "\n")
    assert big.stat().st_size > 30_000_000
    result = load_paths([big])  # default limit: 20,000,000 bytes
    assert len(result.articles) == 6_500 and result.skipped == ()
    # One record over the limit is skipped by line number; the others are read.
    small = tmp_path / "small.jsonl"
    small.write_text(
        json.dumps({"id": "ok1", "text": "Short record."})
        + "\n"
        + json.dumps({"id": "huge", "text": "x" * 5_000})
        + "\n"
        + json.dumps({"id": "ok2", "text": "Another short record."})
        + "\n"
    )
    result = load_paths([small], max_bytes=1_000)
    assert [a.id for a in result.articles] == ["ok1", "ok2"]
    (skip,) = result.skipped
    assert skip.path.endswith("small.jsonl line 2") and "1,000-byte limit" in skip.reason
