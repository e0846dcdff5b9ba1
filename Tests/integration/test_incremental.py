"""Incremental ingest: several runs give exactly what one run gives; identical bytes are a no-op; restatements
arriving later replace earlier rows and Gold follows."""
import filecmp
from pathlib import Path

from conftest import COMPARED_TABLES, aurum, export_all, ingest, reference, runs_of, assert_matches_oracle


def test_several_runs_give_byte_identical_exports(tmp_path, messy_tree, messy_store):
    _, _, one_run = messy_store
    store = tmp_path / "store"
    for files in runs_of(messy_tree, 5):
        summary, _ = ingest(store, *files)
        assert summary["files_new"] == len(files)
    several = export_all(store, tmp_path / "csv")
    for table in COMPARED_TABLES:
        assert filecmp.cmp(one_run[table], several[table], shallow=False), f"{table} differs between one run and five"


def test_later_restatements_replace_earlier_rows(tmp_path, messy_tree):
    # Originals first, all restatements in a second run: the second run must restate rows of the first.
    files = sorted((str(p) for p in Path(messy_tree).rglob("*") if p.is_file()), key=lambda s: s.encode())
    originals = [f for f in files if "_restate" not in f]
    restates = [f for f in files if "_restate" in f]
    assert restates, "the messy generator writes restatements"
    store = tmp_path / "store"
    ingest(store, *originals)
    summary, _ = ingest(store, *restates)
    assert summary["silver_restated"] > 0
    exports = export_all(store, tmp_path / "csv")
    # The oracle takes runs as paths; write the two runs as two directories of symlinks.
    runs = []
    for index, group in enumerate([originals, restates]):
        directory = tmp_path / f"run{index}"
        for path in group:
            link = directory / Path(path).relative_to(messy_tree)
            link.parent.mkdir(parents=True, exist_ok=True)
            link.symlink_to(path)
        runs.append(directory)
    oracle = reference(tmp_path / "oracle", *runs)
    assert_matches_oracle(exports, oracle)


def test_reingesting_identical_bytes_changes_nothing(tmp_path, messy_tree):
    store = tmp_path / "store"
    ingest(store, messy_tree)
    manifest = (store / "MANIFEST").read_bytes()
    before = export_all(store, tmp_path / "before")
    summary, _ = ingest(store, messy_tree)
    assert summary["files_new"] == 0 and summary["files_skipped"] > 0 and summary["bronze_rows"] == 0
    assert (store / "MANIFEST").read_bytes() == manifest
    after = export_all(store, tmp_path / "after")
    for table in COMPARED_TABLES:
        assert filecmp.cmp(before[table], after[table], shallow=False)


def test_accounting_identity_holds_after_every_run(tmp_path, messy_tree):
    store = tmp_path / "store"
    for files in runs_of(messy_tree, 3):
        summary, _ = ingest(store, *files)
        totals = summary["totals"]
        assert totals["bronze_rows"] == totals["silver_rows"] + totals["quarantine_rows"] + totals["superseded_rows"]
    assert "holds" in aurum("verify", store=store).stdout
