"""Tests of datasets/generate.py's `--shape`s: each is laid out as it says, stays deterministic, carries the
same kind of data (the oracle accepts every file and the accounting identity holds) and leaves the default
tree untouched."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(HERE.parents[1] / "datasets"))
import generate  # noqa: E402
from test_generator import make, oracle, tree_digest  # noqa: E402

ROWS = ["--rows", "3000", "--messy", "--seed", "13"]


def files(root: Path, source: str) -> list[Path]:
    return sorted(p for p in (root / source).rglob("*") if p.is_file())


def names(root: Path) -> dict[str, set]:
    """Every distinct campaign, ad and account id and every name, read back from the tree."""
    seen = {"campaign": set(), "ad": set(), "account": set(), "names": set()}
    for path in files(root, "meta"):
        for row in json.loads(path.read_text(encoding="utf-8"))["data"]:
            seen["campaign"].add(row.get("campaign_id"))
            seen["ad"].add(row.get("ad_id"))
            seen["account"].add(row.get("account_id"))
            seen["names"].update(row.get(key) for key in ("campaign_name", "adset_name", "ad_name") if row.get(key))
    for path in files(root, "google"):
        for batch in json.loads(path.read_text(encoding="utf-8")):
            for result in batch["results"]:
                seen["campaign"].add(result.get("campaign", {}).get("id"))
                seen["ad"].add(result.get("adGroupAd", {}).get("ad", {}).get("id"))
                seen["account"].add(result.get("customer", {}).get("id"))
                for part in (result.get("campaign", {}), result.get("adGroup", {}), result.get("adGroupAd", {}).get("ad", {})):
                    if part.get("name"):
                        seen["names"].add(part["name"])
    return {key: values - {None, ""} for key, values in seen.items()}   # messy rows' missing ids are not ids


@pytest.fixture(scope="module")
def default(tmp_path_factory):
    return make(tmp_path_factory.mktemp("default"), "bronze", *ROWS)[0]


@pytest.mark.parametrize("shape", sorted(set(generate.SHAPES) - {"default"}))
def test_each_shape_is_deterministic_and_valid_for_the_oracle(tmp_path, shape):
    first, stats = make(tmp_path, "a", *ROWS, "--shape", shape)
    again, _ = make(tmp_path, "b", *ROWS, "--shape", shape)
    assert tree_digest(first) == tree_digest(again)
    summary = oracle(tmp_path, first)
    assert summary["rejected_files"] == [] and summary["identity_ok"]
    assert summary["bronze_rows"] == stats["rows"]
    assert summary["bronze_rows"] == summary["silver_rows"] + summary["quarantine_rows"] + summary["superseded"]
    assert summary["quarantine_by_reason"] == stats["planned_quarantine"]


def test_default_shape_is_the_plain_tree(tmp_path, default):
    shaped, _ = make(tmp_path, "shaped", *ROWS, "--shape", "default")
    assert tree_digest(shaped) == tree_digest(default)


def test_pretty_pages_are_indented_utf8_with_paging_first(tmp_path, default):
    tree, _ = make(tmp_path, "pretty", *ROWS, "--shape", "pretty")
    page = files(tree, "meta")[0].read_text(encoding="utf-8")
    assert page.startswith('{\n  "paging": {') and '\n  "data": [' in page
    assert "\\u" not in page and "\\/" not in page and any(ord(c) > 127 for c in page)
    stream = files(tree, "google")[0].read_text(encoding="utf-8")
    assert '"segments": {' in stream.split('"customer"')[0]   # keys reversed: segments before customer
    assert re.search(r'"impressions": "[0-9]+"', stream) and re.search(r'"impressions": [0-9]+', stream)
    assert names(tree) == names(default)


def test_small_pages_and_many_batches(tmp_path, default):
    small, _ = make(tmp_path, "small", *ROWS, "--shape", "small-pages")
    for path in files(small, "meta"):
        assert len(json.loads(path.read_text(encoding="utf-8"))["data"]) <= 26  # a duplicate stays on its page
    for path in files(small, "google"):
        assert all(len(batch["results"]) <= 100 for batch in json.loads(path.read_text(encoding="utf-8")))
    many, _ = make(tmp_path, "many", *ROWS, "--shape", "many-batches")
    counts = [len(json.loads(p.read_text(encoding="utf-8"))) for p in files(many, "google")]
    assert max(counts) >= 5 and len(files(many, "google")) == len(files(default, "google"))


def test_long_names_are_200_to_400_characters_with_escapes(tmp_path):
    tree, _ = make(tmp_path, "long", *ROWS, "--shape", "long-names")
    grown = [name for name in names(tree)["names"] if len(name) >= 200]
    assert grown and all(len(name) <= 400 for name in names(tree)["names"])
    assert any('"' in name and "\\" in name for name in grown)
    stream = files(tree, "google")[0].read_text(encoding="utf-8")
    assert "\\u00" in stream and "\\ud83d" in stream   # escaped campaign names beside raw UTF-8 ad groups


def test_many_ids_multiplies_distinct_ids(tmp_path, default):
    tree, _ = make(tmp_path, "ids", *ROWS, "--shape", "many-ids")
    wide, plain = names(tree), names(default)
    assert len(wide["account"]) >= 10 * len(plain["account"])
    assert len(wide["campaign"]) >= 10 * len(plain["campaign"])
    assert len(wide["ad"]) >= 10 * len(plain["ad"])


def test_tiny_files_and_big_file(tmp_path):
    tiny, stats = make(tmp_path, "tiny", "--rows", "400", "--messy", "--seed", "13", "--shape", "tiny-files")
    sizes = [p.stat().st_size for p in files(tiny, "meta") + files(tiny, "google")]
    assert len(sizes) >= 0.9 * stats["rows"] and max(sizes) < 4096 and sum(sizes) / len(sizes) < 2048
    big, stats = make(tmp_path, "big", *ROWS, "--shape", "big-file")
    streams = [p for p in files(big, "google") if "_restate" not in p.parent.name]
    assert not (big / "meta").exists() and len(streams) == 1
    assert streams[0].read_text(encoding="utf-8").count("\n") == 1       # compact: one line
