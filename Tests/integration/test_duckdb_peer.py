"""The benchmark's DuckDB peer (Benchmarks/duckdb_contract.py) against the DuckDB oracle (Tests/reference).

The peer runs the data contract by DuckDB's fastest path (read_text + from_json, all in SQL); the oracle is
slow but proven against the shared golden sample. On the same Bronze both must give the same Silver, the same
quarantine (file, row, source, reason), the same Gold (doubles within 1e-9) and the same counts. Three
inputs: a messy generated tree, the shared golden sample, and hand-made corner cases (the oracle's own
rule tests, odd JSON kinds, files that are not data pages, duplicates, two runs) that exercise the peer's
exact path for files its guards flag.
"""
import json
import os
import shutil
import sys
from pathlib import Path

import duckdb
import pytest

from conftest import REPO, SHARED, compare, generate

sys.path.insert(0, str(REPO / "Benchmarks"))
import duckdb_contract as peer  # noqa: E402
import contract_duckdb as oracle  # noqa: E402  (on sys.path through conftest)
import test_contract_rules as rules  # noqa: E402  (the oracle's hand-made rule cases)

TABLES = ["silver", "quarantine", "kpi_campaign_daily", "kpi_campaign_weekly", "kpi_campaign_total"]


def run_both(tmp_path: Path, *runs: Path) -> tuple[dict, dict, Path, Path]:
    """Runs the oracle and the peer on the same runs; returns (oracle summary, peer summary, dirs)."""
    expected, actual = tmp_path / "oracle", tmp_path / "peer"
    with open(os.devnull, "w") as quiet:
        oracle_summary = oracle.run_oracle([str(r) for r in runs], str(expected), log_stream=quiet)
    con = duckdb.connect(str(tmp_path / "peer.duckdb"))
    try:
        peer_summary = peer.ingest(con, [str(r) for r in runs], batch_bytes=1 << 20)
        peer.export(con, str(actual))
        peer_summary["rejected_paths"] = [p for p, in con.execute(
            "SELECT path FROM rejected_files").fetchall()]
    finally:
        con.close()
    return oracle_summary, peer_summary, expected, actual


def assert_same(oracle_summary: dict, peer_summary: dict, expected: Path, actual: Path) -> None:
    for key in ("files_ingested", "bronze_rows", "silver_rows", "quarantine_rows", "superseded",
                "quarantine_by_reason", "gold_rows", "identity_ok"):
        assert peer_summary[key] == oracle_summary[key], key
    assert peer_summary["rejected_paths"] == [r["path"] for r in oracle_summary["rejected_files"]]
    assert peer_summary["duplicate_files_skipped"] == len(oracle_summary["duplicate_files_skipped"])
    for table in TABLES:
        columns = ["file_id", "row", "source", "reason"] if table == "quarantine" else None
        result = compare.compare_files(str(expected / f"{table}.csv"), str(actual / f"{table}.csv"),
                                       compare.table_spec(table), columns=columns, aurum_side="none")
        assert result.equal, result.report()


def test_messy_generated_tree(tmp_path):
    bronze = generate(tmp_path / "bronze", 7, 20000, "--messy")
    assert_same(*run_both(tmp_path, bronze))


def test_shared_golden_sample(tmp_path):
    sample = SHARED / "samples" / "bronze-3k"
    assert sample.is_dir(), f"the shared golden sample is missing: {sample}"
    oracle_summary, peer_summary, expected, actual = run_both(tmp_path, sample)
    assert_same(oracle_summary, peer_summary, expected, actual)
    golden = json.loads((SHARED / "samples" / "bronze-3k.expected" / "summary.json").read_text())
    assert (peer_summary["silver_rows"], peer_summary["quarantine_by_reason"]) == \
        (golden["silver_rows"], golden["quarantine_by_reason"])


def corner_tree(root: Path) -> tuple[Path, Path]:
    """Two runs of hand-made pages: every rule case of the oracle's tests, odd kinds, bad files."""
    first, second = root / "run1", root / "run2"
    w, meta, google, row, result = rules.write, rules.meta_page, rules.google_stream, rules.meta_row, rules.google_result
    # Files that are not data pages (and lenient JSON DuckDB would accept).
    w(first / "bad" / "a_error.json", '{"error": {"code": 17, "message": "limit"}}')
    w(first / "bad" / "b_empty.json", "")
    w(first / "bad" / "c_truncated.json", '{"data": [{"account_id": "1"')
    w(first / "bad" / "d_html.json", "<html>502</html>")
    w(first / "bad" / "e_no_data.json", '{"paging": {}}')
    w(first / "bad" / "f_stream_error.json", '[{"error": {"code": 429}}]')
    w(first / "bad" / "g_nan.json", '[{"results": [{"metrics": {"conversions": NaN}}]}]')
    w(first / "bad" / "h_trailing_comma.json", '{"data": [' + json.dumps(row(ad="h")) + ",]}")
    w(first / "bad" / "i_infinity.json", '{"data": [{"account_id": "1", "spend": -Infinity}]}')
    w(first / "bad" / "j_bom.json", "\ufeff" + json.dumps({"data": []}))
    w(first / "bad" / "k_batch_not_object.json", '[{"results": []}, 5]')
    w(first / "bad" / "l_results_not_array.json", '[{"results": "x"}]')
    w(first / "bad" / "m_error_null.json", '[{"results": [], "error": null}]')
    (first / "bad" / "n_latin1.json").write_bytes(b'{"data": [{"campaign_name": "Promo\xe7\xe3o"}]}')
    # Pages that are data pages although odd.
    w(first / "ok" / "a_blank_prefix.json", "\n  \t" + json.dumps({"data": [row(ad="blank")]}))
    w(first / "ok" / "b_empty_stream.json", "[]")
    w(first / "ok" / "c_metadata_only.json", '[{"fieldMask": "x", "requestId": "only-metadata"}]')
    w(first / "ok" / "d_null_results.json", '[{"results": null}, {"results": [' + json.dumps(result(ad="nr")) + "]}]")
    # Every Meta and Google validation case of the oracle's rule tests, one page each.
    for index, (fields, _reason) in enumerate(rules.META_CASES):
        # Each case in its own campaign: the Int64.max impressions case must not overflow a Gold sum.
        meta(first / "meta" / f"case_{index:02d}.json", [row(ad=f"m{index}", **{"campaign_id": f"9{index}", **fields})])
    for index, (metrics, _reason) in enumerate(rules.GOOGLE_CASES):
        google(first / "google" / f"case_{index:02d}.json", [result(ad=f"g{index}", metrics=metrics)])
    acts = rules.actions
    meta(first / "meta" / "conversions.json", [
        row(ad="c1", actions=acts(("link_click", "9"), ("offsite_conversion.fb_pixel_purchase", "3"),
                                  ("omni_purchase", "1"), ("purchase", "2")),
            action_values=acts(("offsite_conversion.fb_pixel_purchase", "10.5"), ("purchase", "20.25"))),
        row(ad="c2", actions=acts(("omni_purchase", "1"), ("omni_purchase", "2"),
                                  ("offsite_conversion.fb_pixel_purchase", "n/a"))),
        row(ad="c3", actions=acts(("link_click", "4"))),
        row(ad="c4", actions=acts(("omni_purchase", "-1"), ("omni_purchase", "x"))),
        row(ad="c5", actions=acts(("omni_purchase", "3"), ("omni_purchase", "-1"))),
        row(ad="c6", actions=acts(("omni_purchase", "1" + "0" * 400))),
        row(ad="c7", action_values=acts(("purchase", "1e2"))),
        row(ad="c8", actions=[5, {"action_type": 7, "value": "1"}, {"action_type": "purchase"}]),
        row(ad="c9", action_values=acts(("purchase", "-3.50"))),
    ])
    # Odd JSON kinds the fast path cannot read alone (the guards send these pages to the exact path).
    meta(first / "meta" / "kinds.json", [
        row(ad="k1", actions="zz"), row(ad="k2", action_values=5), row(ad="k3", actions=None),
        row(ad="k4", campaign_name={"x": 1}, adset_name=[1], ad_name=True, account_currency=False),
        row(ad={"id": "1"}), row(ad="k6", campaign_id=[]), row(ad="k7", account_id=123456789012345678901),
        row(ad="k8", campaign_name=1.50), "not an object",
    ])
    odd = [result(ad="o1"), result(ad="o2"), result(ad="o3"), result(ad="o4", campaign_name={"n": 1})]
    odd[0]["metrics"], odd[1]["metrics"], odd[2]["customer"] = 5, None, "x"
    google(first / "google" / "kinds.json", odd, [result(ad="o5", date=20240301)])
    w(first / "meta" / "escapes.json", '{"data":[' + json.dumps(row(ad="e1", campaign_name=rules.ABSENT))[:-1] +
      ',"campaign_name":"Teste A\\/B \\u00e7 \\ud83d\\ude80"}]}')
    # Gold labels: the latest non-empty name by (date, ingest order), the latest non-null currency.
    meta(first / "gold" / "1.json", [row(ad="n1", date="2024-03-05", campaign_id="77", campaign_name="Velho"),
                                     row(ad="n2", date="2024-03-05", campaign_id="77", campaign_name="Novo")])
    meta(first / "gold" / "2.json", [row(ad="n3", date="2024-03-01", campaign_id="77", campaign_name="Restated"),
                                     row(ad="n4", date="2024-03-06", campaign_id="77", campaign_name="",
                                         account_currency="USD")])
    # Second run: a restatement, a copy of a first-run page (skipped), an invalid re-pull.
    meta(second / "p.json", [row(ad="m0", spend="9.99"), row(ad="n1", date="2024-03-05", spend="-1")])
    shutil.copy(first / "gold" / "1.json", second / "q_copy.json")
    return first, second


def test_corner_cases_and_two_runs(tmp_path):
    first, second = corner_tree(tmp_path / "bronze")
    oracle_summary, peer_summary, expected, actual = run_both(tmp_path, first, second)
    assert oracle_summary["quarantine_rows"] > 30 and len(oracle_summary["rejected_files"]) >= 12
    # Read again with the exact schema: both kinds.json and the rule cases ad_id=True, ad_id={...}, campaign_id=[].
    assert peer_summary["files_rechecked_exactly"] == 5
    assert_same(oracle_summary, peer_summary, expected, actual)


def test_gold_rebuild_gives_the_same_tables(tmp_path):
    bronze = rules.meta_page(tmp_path / "b" / "p.json", [rules.meta_row(ad=str(i), spend=f"{i}.25") for i in range(5)])
    con = duckdb.connect()
    peer.ingest(con, [str(bronze)])
    before = {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in peer.GOLD_TABLES}
    peer.build_gold(con)
    assert {t: con.execute(f"SELECT * FROM {t}").fetchall() for t in peer.GOLD_TABLES} == before


def test_bronze_is_kept_verbatim_as_parquet(tmp_path):
    sample = SHARED / "samples" / "bronze-3k"
    con = duckdb.connect(str(tmp_path / "peer.duckdb"))
    try:
        summary = peer.ingest(con, [str(sample)], bronze="parquet", bronze_dir=str(tmp_path / "peer.duckdb.bronze"))
        kept = con.execute("""SELECT f.path, b.content FROM bronze_files f JOIN bronze_blobs b USING (file_id)
                              ORDER BY file_id""").fetchall()
    finally:
        con.close()
    assert len(kept) == summary["files_ingested"] == 66
    for path, content in kept:
        assert content.encode("utf-8") == Path(path).read_bytes(), path
