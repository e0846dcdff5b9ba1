"""Every query runs on every core, and gives what one core gives: the same rows in the same order.

A generated tree of 40,000 rows is ingested in eight runs (which the store keeps as two segments: a row group of
38,810 rows and one of 1,190, so that what passes WHERE is cut into several pieces dealt to the workers), then each
query runs with AURUM_THREADS=1, 2 and 8 and the CSV outputs must be byte-identical. The
queries are high-cardinality group-bys (merged partition by partition: every aggregate kind, DISTINCT, FILTER,
NULL and computed keys) and the non-aggregated shapes the parallel projection changes: scan order without ORDER BY, LIMIT that
stops the scan early, ORDER BY … LIMIT (a top-n per worker, ties settled by scan order), DISTINCT, full sorts (on
every core), a window stage's result cut into pieces, joins probed on every core, and UNION ALL.

Every run is a fresh process, so every block is read cold: worker `w` of `n` reads, checks, decompresses and decodes
the row groups it then filters (`PendingRowGroup`), and the bytes must not depend on which worker decoded what;
a damaged block is reported with its file's name whichever worker reads it.
"""
import os
import re
import shutil
import subprocess

import pytest

from conftest import AURUM, generate, ingest, runs_of

QUERIES = {
    "scan_order": "SELECT * FROM ad_insights",
    "filter_computed": "SELECT campaign_name, spend * 2 AS doubled, date + 1 AS next_day FROM ad_insights WHERE clicks > 3",
    "computed_text": "SELECT ad_name || ' / ' || campaign_name AS label, upper(source) AS s FROM ad_insights",
    "limit_early": "SELECT ad_id, spend FROM ad_insights WHERE impressions > 100 LIMIT 30",
    "limit_offset": "SELECT ad_id, date, spend FROM ad_insights LIMIT 10 OFFSET 9000",
    "top_n": "SELECT ad_id, date, spend FROM ad_insights ORDER BY spend DESC LIMIT 25",
    "top_n_ties": "SELECT campaign_id, ad_id, date, row FROM ad_insights ORDER BY source, date LIMIT 700",
    # Ties spread over the whole scan, cut by the LIMIT: on two workers each keeps rows of alternate pieces, and the
    # merge must still keep (and list) the tied rows in scan order.
    "top_n_ties_spread": "SELECT ad_id, date, row FROM ad_insights WHERE clicks > 0 ORDER BY clicks % 2 LIMIT 15000",
    "top_n_offset_hidden_key": "SELECT ad_id, row FROM ad_insights ORDER BY clicks DESC, date LIMIT 40 OFFSET 30",
    "sort_ties": "SELECT source, date, clicks, row FROM ad_insights ORDER BY clicks DESC",
    "sort_many_keys": "SELECT ad_id, date, spend FROM ad_insights ORDER BY date DESC, ad_id, spend NULLS FIRST",
    "distinct": "SELECT DISTINCT currency, source, campaign_name FROM ad_insights",
    "distinct_top": "SELECT DISTINCT campaign_name, date FROM ad_insights ORDER BY date LIMIT 40",
    "window_qualify": "SELECT ad_id, date, spend, sum(spend) OVER (PARTITION BY ad_id ORDER BY date "
                      "ROWS BETWEEN 6 PRECEDING AND CURRENT ROW) AS s7 FROM ad_insights QUALIFY s7 > 10",
    "window_rank": "SELECT ad_id, date, rank() OVER (PARTITION BY campaign_id ORDER BY clicks DESC) AS r "
                   "FROM ad_insights",
    # Windows with PARTITION BY over the 40,000 rows are cut into pieces by a hash of the partition keys, one per
    # worker; every value must land on its row, in input order, whatever the number of pieces.
    "window_lag_per_campaign": "SELECT source, account_id, campaign_id, date, ad_id, spend - lag(spend) OVER "
                               "(PARTITION BY source, account_id, campaign_id ORDER BY date, ad_id) AS change "
                               "FROM ad_insights",
    "window_many_calls": "SELECT ad_id, date, row_number() OVER (PARTITION BY conversion_action ORDER BY date, ad_id) AS rn, "
                         "dense_rank() OVER (PARTITION BY campaign_id ORDER BY clicks DESC) AS dr, "
                         "sum(clicks) OVER (PARTITION BY campaign_id ORDER BY date, ad_id ROWS BETWEEN 2 PRECEDING AND 1 FOLLOWING) AS near, "
                         "lead(ad_name, 2, 'end') OVER (PARTITION BY campaign_id ORDER BY date, ad_id) AS later, "
                         "min(spend) OVER (PARTITION BY campaign_id ORDER BY date, ad_id) AS low, "
                         "count(*) OVER () AS total FROM ad_insights",
    "window_tiny_partitions": "SELECT ad_id, date, rank() OVER (PARTITION BY ad_id, date, source ORDER BY clicks) AS r, "
                              "first_value(clicks) OVER (PARTITION BY ad_id ORDER BY date DESC) AS latest FROM ad_insights",
    # The benchmark's shape: the GROUP BY's output order depends on the workers, so its ORDER BY makes it comparable.
    "window_week_over_week": "WITH weekly AS (SELECT source, account_id, campaign_id, CAST(date_trunc('week', date) AS DATE) "
                             "AS week, sum(spend) AS spend FROM ad_insights GROUP BY 1, 2, 3, 4) "
                             "SELECT source, account_id, campaign_id, week, spend, spend - lag(spend) OVER "
                             "(PARTITION BY source, account_id, campaign_id ORDER BY week) AS change FROM weekly "
                             "ORDER BY 1, 2, 3, 4",
    "join_inner": "SELECT a.ad_id, a.date, t.spend FROM ad_insights a JOIN kpi_campaign_total t "
                  "ON a.campaign_id = t.campaign_id AND a.source = t.source WHERE a.clicks > 0",
    "join_left_limit": "SELECT a.ad_id, d.clicks FROM ad_insights a LEFT JOIN kpi_campaign_daily d "
                       "ON a.campaign_id = d.campaign_id AND a.date = d.date AND a.account_id = d.account_id LIMIT 500",
    "union_all": "SELECT ad_id AS id FROM ad_insights WHERE clicks = 0 UNION ALL "
                 "SELECT campaign_id FROM kpi_campaign_daily",
    "cte_subquery": "WITH big AS (SELECT * FROM ad_insights WHERE spend > 5) "
                    "SELECT ad_id, spend FROM big WHERE ad_id IN (SELECT ad_id FROM ad_insights WHERE clicks > 10)",
    # High-cardinality group-bys: thousands of groups, so that the workers sort their groups into partitions and
    # each partition is merged on its own (PartitionedMerge). ORDER BY the keys: without it the rows come
    # partition by partition, an order SQL leaves open. Sums of money are exact (decimal), so they are the same
    # whatever worker added which row.
    "group_weekly_kpis": "SELECT source, account_id, campaign_id, CAST(date_trunc('week', date) AS DATE) AS week, "
                         "sum(impressions) AS impressions, sum(clicks) AS clicks, sum(spend) AS spend, "
                         "sum(conversions) AS conversions, sum(conversion_value) AS conversion_value, "
                         "sum(clicks) / sum(impressions) AS ctr, sum(spend) / sum(conversions) AS cpa "
                         "FROM ad_insights GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4",
    "group_campaign_date": "SELECT campaign_id, date, count(*) AS n, sum(spend) AS spend, "
                           "count(DISTINCT ad_id) AS ads, sum(clicks) FILTER (WHERE impressions > 100) AS busy_clicks, "
                           "count(*) FILTER (WHERE clicks = 0) AS no_clicks, min(ad_name) AS first_ad, max(ad_id) AS last_ad "
                           "FROM ad_insights GROUP BY campaign_id, date ORDER BY campaign_id, date",
    "group_ad": "SELECT ad_id, count(*) AS n, sum(conversion_value) AS value, avg(spend) AS mean_spend, "
                "count(DISTINCT date) AS days, max(clicks) FILTER (WHERE clicks > 0) AS top_clicks, "
                "sum(DISTINCT impressions) AS distinct_impressions, min(date) AS first_day "
                "FROM ad_insights GROUP BY ad_id ORDER BY ad_id",
    "group_ad_date_null_keys": "SELECT ad_id, date, conversion_action, count(*) AS n, sum(impressions) AS impressions, "
                               "count(DISTINCT conversion_action) AS actions FROM ad_insights "
                               "GROUP BY ad_id, date, conversion_action ORDER BY ad_id, date, conversion_action NULLS FIRST",
    # Read on the workers too: Gold's derived KPI columns (computed by the worker that decodes the row group), and a
    # zone-map-pruned WHERE that keeps only some row groups.
    "gold_derived_kpis": "SELECT campaign_id, date, clicks, ctr, cpc, roas FROM kpi_campaign_daily WHERE clicks > 0",
    "pruned_dates": "SELECT campaign_id, sum(spend) AS spend, count(*) AS n FROM ad_insights "
                    "WHERE date BETWEEN '2024-02-01' AND '2024-02-29' GROUP BY 1 ORDER BY 1",
    # Keys packed into one integer (text by dictionary entry, small-range dates and integers by value) with NULL
    # in each kind, and keys too many to pack into 64 bits (ids pair by pair).
    "group_packed_null_keys": "SELECT conversion_action, CASE WHEN clicks > 2 THEN date END AS d, "
                              "nullif(conversions, 0) AS c, account_id, count(*) AS n, sum(spend) AS spend "
                              "FROM ad_insights GROUP BY 1, 2, 3, 4 ORDER BY 1 NULLS FIRST, 2 NULLS FIRST, 3 NULLS FIRST, 4",
    "group_keys_beyond_64_bits": "SELECT row, ad_id, impressions, spend, conversion_value, clicks, date, campaign_name, "
                                 "count(*) AS n FROM ad_insights GROUP BY 1, 2, 3, 4, 5, 6, 7, 8 ORDER BY 1, 2, 3, 4, 5, 6, 7, 8",
    "group_computed_text": "SELECT lower(campaign_name) || '/' || ad_id AS label, count(*) AS n, sum(spend) AS spend "
                           "FROM ad_insights GROUP BY 1 ORDER BY 1",
}


def run(store, threads, *args):
    environment = dict(os.environ, AURUM_THREADS=str(threads))
    result = subprocess.run([AURUM, *args, "--store", str(store)], capture_output=True, text=True,
                            encoding="utf-8", timeout=600, env=environment)
    assert result.returncode == 0, result.stderr
    return result.stdout


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tree = generate(tmp_path_factory.mktemp("threads") / "bronze", 20241204, 40000)
    store = tmp_path_factory.mktemp("threads-store") / "store"
    for files in runs_of(tree, 8):
        ingest(store, *files)
    return store


@pytest.mark.parametrize("name", sorted(QUERIES))
def test_one_core_two_and_eight_give_the_same_rows_in_the_same_order(store, name):
    one = run(store, 1, "query", QUERIES[name], "--format", "csv")
    assert one.count("\n") > 2, one  # (rows, not just a header)
    for threads in (2, 8):
        assert run(store, threads, "query", QUERIES[name], "--format", "csv") == one, f"AURUM_THREADS={threads}"


def counts(explained):
    """(row groups decoded, rows scanned) from `aurum explain`."""
    groups = int(re.search(r"row groups: \d+ in table, \d+ pruned by zone maps, (\d+) decoded", explained).group(1))
    rows = int(re.search(r"rows: (\d+) scanned", explained).group(1))
    return groups, rows


def test_a_limit_without_order_by_still_stops_the_scan_early(store):
    total = counts(run(store, 1, "explain", "SELECT ad_id FROM ad_insights"))[1]
    for threads in (1, 8):
        # The first row group holds five rows: the scan stops after it however many workers wait.
        _, rows = counts(run(store, threads, "explain", "SELECT ad_id FROM ad_insights LIMIT 5"))
        first = counts(run(store, 1, "explain", "SELECT ad_id FROM ad_insights LIMIT 1"))[1]
        assert rows == first < total
        # A filter that passes few rows reads more row groups, but not all of them.
        _, rows = counts(run(store, threads, "explain", "SELECT ad_id FROM ad_insights WHERE clicks > 0 LIMIT 2000"))
        assert rows < total


@pytest.mark.skipif(not hasattr(os, "sched_setaffinity") or (os.cpu_count() or 1) < 2, reason="needs two cores")
def test_workers_follow_the_cpu_affinity():
    """Without AURUM_THREADS, Aurum runs one worker per processor it may run on (`taskset -c 0` means one), not one
    per processor of the machine: a pinned process with as many workers as cores only shares one core among them."""
    env = {key: value for key, value in os.environ.items() if key != "AURUM_THREADS"}
    env["AURUM_CONFIG"] = "/nonexistent/aurum/config.json"
    def threads(cpus):
        shown = subprocess.run(
            [AURUM, "config"], env=env, capture_output=True, text=True, check=True,
            preexec_fn=lambda: os.sched_setaffinity(0, cpus))
        return re.search(r"^threads:\s+(\d+) \(the processors this process may run on\)$", shown.stdout, re.M).group(1)
    assert threads({0}) == "1"
    assert threads({0, 1}) == "2"
    env["AURUM_THREADS"] = "3"
    assert "threads:        3 (AURUM_THREADS)" in subprocess.run(
        [AURUM, "config"], env=env, capture_output=True, text=True, check=True,
        preexec_fn=lambda: os.sched_setaffinity(0, {0})).stdout


def test_a_damaged_block_read_by_any_worker_is_reported_with_its_file(store, tmp_path):
    """A block of the last segment (the scan's second row group, read by worker 1 of 2 or 8) is damaged: every
    thread count reports it, naming the file, and fails."""
    damaged = tmp_path / "store"
    shutil.copytree(store, damaged)
    segment = sorted((damaged / "tables" / "ad_insights").glob("*.seg"))[-1]
    data = bytearray(segment.read_bytes())
    data[24] ^= 0x10  # inside the first block (the 16-byte header ends at 16)
    segment.write_bytes(bytes(data))
    for threads in (1, 2, 8):
        environment = dict(os.environ, AURUM_THREADS=str(threads))
        result = subprocess.run([AURUM, "query", "SELECT * FROM ad_insights", "--format", "csv", "--store", str(damaged)],
                                capture_output=True, text=True, encoding="utf-8", timeout=600, env=environment)
        assert result.returncode != 0, f"AURUM_THREADS={threads}: the damage went unnoticed"
        assert segment.name in result.stderr and "corrupt" in result.stderr, result.stderr
