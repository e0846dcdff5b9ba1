"""Tests of datasets/generate.py, checked through the DuckDB oracle.

Determinism, the shapes of the files (as the real APIs send them), and -- on messy output --
the accounting identity bronze = silver + quarantine + superseded, every quarantine reason
code of the contract, and quarantine counts equal to what the generator planned.
"""

from __future__ import annotations

import hashlib
import json
import os
import random
import re
import sys
from pathlib import Path

import pytest

HERE = Path(__file__).resolve().parent
REPO_ROOT = HERE.parents[1]
sys.path.insert(0, str(HERE))
sys.path.insert(0, str(REPO_ROOT / "datasets"))
import contract_duckdb  # noqa: E402
import generate  # noqa: E402

ALL_REASONS = {"missing_account_id", "missing_ad_id", "missing_campaign_id", "missing_date",
               "bad_date", "bad_date_range"} | {
    f"{kind}_{metric}" for kind in ("non_numeric", "negative")
    for metric in ("impressions", "clicks", "spend", "conversions", "conversion_value")}


def make(tmp_path: Path, name: str, *args: str) -> tuple[Path, dict]:
    out = tmp_path / name
    cfg, _ = generate.parse_args(["--out", str(out), *args])
    generate.prepare_output(cfg.out, overwrite=False)
    return out, generate.generate(cfg)


def oracle(tmp_path: Path, bronze: Path) -> dict:
    return contract_duckdb.run_oracle([str(bronze)], str(tmp_path / f"oracle-{bronze.name}"),
                                      log_stream=open(os.devnull, "w"))


def tree_digest(root: Path) -> dict:
    return {p.relative_to(root).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
            for p in sorted(root.rglob("*")) if p.is_file()}


MESSY = ["--rows", "6000", "--days", "100", "--meta-accounts", "2", "--google-accounts", "2",
         "--messy", "--meta-page-size", "150", "--google-batch-size", "60", "--seed", "11"]


@pytest.fixture(scope="module")
def messy(tmp_path_factory):
    tmp = tmp_path_factory.mktemp("messy")
    bronze, stats = make(tmp, "bronze", *MESSY)
    return bronze, stats, oracle(tmp, bronze)


def test_messy_accounting_identity_and_every_reason(messy):
    _bronze, stats, summary = messy
    assert summary["rejected_files"] == []
    assert summary["bronze_rows"] == stats["rows"]
    assert summary["bronze_rows"] == summary["silver_rows"] + summary["quarantine_rows"] + summary["superseded"]
    assert summary["identity_ok"]
    assert set(summary["quarantine_by_reason"]) == ALL_REASONS
    assert summary["superseded"] > 0


def test_messy_quarantine_matches_the_plan(messy):
    _bronze, stats, summary = messy
    assert summary["quarantine_by_reason"] == stats["planned_quarantine"]


def test_restatements_sort_after_what_they_restate(messy):
    bronze, _stats, _summary = messy
    restates = [p for p in bronze.rglob("*_restate") if p.is_dir()]
    assert restates
    for folder in restates:
        window = folder.name.split("_", 1)[1][: -len("_restate")]
        originals = [p for p in folder.parent.iterdir() if p.name.split("_", 1)[1] == window]
        assert originals, folder
        assert all(os.fsencode(str(o)) < os.fsencode(str(folder)) for o in originals)


def test_deterministic_and_seed_sensitive(tmp_path):
    args = ["--rows", "1500", "--messy", "--bad-files", "--meta-page-size", "100"]
    first, _ = make(tmp_path, "a", *args)
    second, _ = make(tmp_path, "b", *args)
    other, _ = make(tmp_path, "c", *args, "--seed", "8")
    assert tree_digest(first) == tree_digest(second)
    assert tree_digest(first) != tree_digest(other)


def test_bad_files_are_rejected_and_nothing_else_changes(tmp_path):
    args = ["--rows", "2000", "--messy", "--seed", "5"]
    plain, _ = make(tmp_path, "plain", *args)
    noisy, stats = make(tmp_path, "noisy", *args, "--bad-files")
    plain_summary, noisy_summary = oracle(tmp_path, plain), oracle(tmp_path, noisy)
    rejected = sorted(Path(r["path"]) for r in noisy_summary["rejected_files"])
    assert rejected == sorted(Path(p) for p in stats["bad_files"]) and len(rejected) == 6
    for key in ("bronze_rows", "silver_rows", "quarantine_rows", "superseded", "quarantine_by_reason"):
        assert noisy_summary[key] == plain_summary[key]


def test_clean_output_has_no_quarantine_no_restatement(tmp_path):
    bronze, stats = make(tmp_path, "clean", "--rows", "3000")
    summary = oracle(tmp_path, bronze)
    assert (summary["bronze_rows"], summary["silver_rows"]) == (3000, 3000)
    assert summary["quarantine_rows"] == 0 and summary["superseded"] == 0
    assert not list(bronze.rglob("*_restate"))


@pytest.mark.parametrize("rows", [0, 1, 7, 250])
def test_row_count_scales_down(tmp_path, rows):
    bronze, stats = make(tmp_path, f"r{rows}", "--rows", str(rows), "--days", "30")
    assert stats["rows"] == rows
    assert oracle(tmp_path, bronze)["bronze_rows"] == rows


def test_file_shapes(tmp_path):
    bronze, _ = make(tmp_path, "shapes", "--rows", "3000", "--messy", "--meta-page-size", "100",
                     "--google-batch-size", "50")
    meta_pages = sorted(bronze.glob("meta/act_*/*/page_*.json"))
    streams = sorted(bronze.glob("google/customer_*/*/stream.json"))
    assert meta_pages and streams
    for page in meta_pages:
        assert re.fullmatch(r"act_\d{15}", page.parent.parent.name)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{6}Z_\d{4}-\d{2}(_restate)?", page.parent.name)
        raw = page.read_bytes()
        assert raw.isascii() and raw.startswith(b'{"data":[') and b"/" not in raw.replace(b"\\/", b"")
        doc = json.loads(raw)
        has_next = "next" in doc["paging"]
        siblings = sorted(page.parent.glob("page_*.json"))
        assert has_next == (page != siblings[-1])
        for row in doc["data"]:
            if "ad_id" in row and isinstance(row["ad_id"], str) and row["ad_id"]:
                assert re.fullmatch(r"\d{18}", row["ad_id"])
    for stream in streams:
        assert re.fullmatch(r"customer_\d{10}", stream.parent.parent.name)
        assert re.fullmatch(r"\d{4}-\d{2}-\d{2}T\d{6}Z_\d{4}-\d{2}-\d{2}_\d{4}-\d{2}-\d{2}(_restate)?",
                            stream.parent.name)
        text = stream.read_text(encoding="utf-8")
        assert text.startswith('[{\n  "results": [\n    {\n      "customer": {') and text.endswith("}]\n")
        for batch in json.loads(text):
            assert set(batch) == {"results", "fieldMask", "requestId"}
            assert len(batch["results"]) <= 50


def test_escapes_cover_emoji_and_slashes(tmp_path):
    bronze, _ = make(tmp_path, "esc", "--rows", "4000", "--meta-accounts", "3")
    raw = b"".join(p.read_bytes() for p in bronze.glob("meta/**/*.json"))
    assert re.search(rb"\\ud83[c-f]\\ud[c-f][0-9a-f]{2}", raw)  # a surrogate pair
    assert b"\\/" in raw and b"\\u00e7" in raw
    names = set(re.findall(rb'"campaign_name":"(.)', raw))
    assert names & {b"=", b"-", b"+", b"@"}


def test_fast_renderings_match_json_dumps():
    """The string-built rows are byte-identical to json.dumps of the same content."""
    cfg, _ = generate.parse_args(["--out", "unused", "--rows", "3000", "--meta-accounts", "1", "--messy",
                                  "--google-accounts", "1"])
    meta, google = generate.build_accounts(cfg)
    rnd = random.Random(3).random
    for ad in range(0, len(meta[0].ad_start), 3):
        for version in (0, 1, 2):
            ident = generate.identity(meta[0], ad, version)
            measures = generate.meta_measures(cfg, meta[0], ad, ad % cfg.days, rnd)
            fast = generate.meta_row_text(ident, "2024-01-02", measures)
            slow = generate.meta_text_document(generate.meta_row_dict(meta[0], ident, "2024-01-02", measures))
            assert fast == slow
    for ad in range(0, len(google[0].ad_start), 3):
        ident = generate.identity(google[0], ad, 1)
        metrics = generate.google_metrics(cfg, google[0], ad, ad % cfg.days, rnd)
        fast = generate.google_result_text(ident, metrics, "2024-01-02")
        slow = generate.pretty_result(generate.google_result_object(google[0], ident, metrics, "2024-01-02"))
        assert fast == slow


SAMPLE_COMMAND = ["--seed", "42", "--rows", "3000", "--days", "120", "--meta-accounts", "3",
                  "--google-accounts", "2", "--messy", "--meta-page-size", "100",
                  "--google-batch-size", "40"]


def test_checked_in_sample_is_reproducible(tmp_path):
    """datasets/sample is exactly what the command in datasets/README.md writes."""
    sample = REPO_ROOT / "datasets" / "sample"
    assert sample.is_dir(), "datasets/sample is missing: regenerate it (datasets/README.md)"
    fresh, _ = make(tmp_path, "sample", *SAMPLE_COMMAND)
    assert tree_digest(fresh) == tree_digest(sample)
    summary = oracle(tmp_path, sample)
    assert set(summary["quarantine_by_reason"]) == ALL_REASONS and summary["identity_ok"]
