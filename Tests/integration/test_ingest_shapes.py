"""Ingest on every data shape of datasets/generate.py (`--shape`): Silver, quarantine and Gold equal the DuckDB
oracle's, and so do the counts, whatever the layout (pretty-printed pages with keys in another order, small pages,
many batches, long escaped names, many distinct ids, 1 KB files, one big stream)."""
import csv
import json
import sys
from collections import Counter

import pytest

from conftest import REPO, assert_matches_oracle, export_all, generate, ingest, reference

sys.path.insert(0, str(REPO / "datasets"))
import generate as generator  # noqa: E402

# A few thousand messy rows per shape: enough for every layout feature (several pages, batches, files,
# restatements, every quarantine reason) while each shape stays a few seconds.
# big-file at 25K rows: a stream of ~10 MB, past the size from which a file is hashed on another core while it is
# parsed (BronzeLoader.asideBytes, 8 MB), so that path is checked too.
SHAPE_ROWS = {"tiny-files": 1500, "big-file": 25000}
SHAPES = [shape for shape in generator.SHAPES if shape != "default"]


@pytest.mark.parametrize("shape", SHAPES)
def test_every_table_equals_the_oracle_on_each_shape(tmp_path, shape):
    tree = generate(tmp_path / "bronze", 20241205, SHAPE_ROWS.get(shape, 4000), "--messy", "--shape", shape)
    oracle = reference(tmp_path / "oracle", tree)
    store = tmp_path / "store"
    summary, _ = ingest(store, tree)
    exports = export_all(store, tmp_path / "exports")
    assert_matches_oracle(exports, oracle)
    expected = json.loads((oracle / "summary.json").read_text())
    totals = summary["totals"]
    assert (totals["bronze_rows"], totals["silver_rows"], totals["quarantine_rows"], totals["superseded_rows"]) == (
        expected["bronze_rows"], expected["silver_rows"], expected["quarantine_rows"], expected["superseded"])
    reasons = Counter(row["reason"] for row in csv.DictReader(open(exports["quarantine"], encoding="utf-8")))
    assert dict(reasons) == expected["quarantine_by_reason"]
    if shape == "big-file":
        assert max(p.stat().st_size for p in tree.rglob("*") if p.is_file()) > 8 << 20
        again, _ = ingest(store, tree)   # hashed aside, recognised as stored: nothing new
        assert again["files_skipped"] == 1 and again["files_new"] == 0
        assert again["totals"] == totals
