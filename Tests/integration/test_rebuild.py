"""`aurum rebuild` recomputes Silver and Gold from the Bronze kept in the store, with the originals gone."""
import filecmp
import shutil

from conftest import COMPARED_TABLES, aurum, copy_tree, export_all, ingest, runs_of


def test_rebuild_from_bronze_alone_gives_identical_exports(tmp_path, messy_tree):
    inputs = copy_tree(messy_tree, tmp_path / "inputs")
    store = tmp_path / "store"
    for files in runs_of(inputs, 3):
        ingest(store, *files)
    before = export_all(store, tmp_path / "before", COMPARED_TABLES + ["bronze_files"])
    shutil.rmtree(inputs)
    result = aurum("rebuild", "--json", store=store)
    assert '"identity_holds":true' in result.stdout.replace(" ", "")
    after = export_all(store, tmp_path / "after", COMPARED_TABLES + ["bronze_files"])
    for table in COMPARED_TABLES + ["bronze_files"]:
        assert filecmp.cmp(before[table], after[table], shallow=False), f"{table} changed after rebuild"


def test_bronze_rows_are_the_verbatim_row_text(tmp_path, messy_tree):
    store = tmp_path / "store"
    ingest(store, messy_tree)
    rows = export_all(store, tmp_path / "csv", ["bronze_rows"], guard="none")["bronze_rows"]
    import csv
    count = 0
    for row in csv.DictReader(open(rows, encoding="utf-8")):
        assert row["raw"].startswith("{") and row["raw"].endswith("}")
        count += 1
    totals = aurum("verify", store=store).stdout
    assert f"Bronze {count} " in totals
