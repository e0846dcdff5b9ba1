"""`aurum pull meta|google` against local stubs of both APIs (Tests/integration/pull_stub.py).

What a pull stores must equal an ingest of the very pages it received (the stub records every data body it
served in full); faults in the middle (throttling, 5xx, dropped connections, expired tokens) change nothing in the
result; a killed pull resumed gives the store an uninterrupted one gives; a second pull with nothing new changes
nothing; a restated day replaces the old row. Each page is parsed while the next is fetched, and the ingest that ends
the pull parses none of them again; a page that is not a data page is named and rejected as an ingest would.
"""
import csv
import hashlib
import json
import os
import random
import shutil
import subprocess
import time
from pathlib import Path

import pexpect
import pytest

from conftest import AURUM, GOLD_TABLES, generate, ingest
from pull_stub import META_TOKEN, GOOGLE_TOKEN, DEVELOPER_TOKEN, CLIENT_ID, CLIENT_SECRET, REFRESH_TOKEN, Stub

SECRETS = [META_TOKEN, GOOGLE_TOKEN, DEVELOPER_TOKEN, CLIENT_SECRET, REFRESH_TOKEN]
SINCE, UNTIL = "2024-01-01", "2024-03-30"


@pytest.fixture(scope="module")
def tree(tmp_path_factory):
    return generate(tmp_path_factory.mktemp("pullgen") / "bronze", 3, 2000)


@pytest.fixture
def stub(tree, tmp_path):
    server = Stub(tree, record_dir=tmp_path / "served")
    yield server
    server.close()


def accounts(stub):
    return sorted(stub.meta), sorted(stub.google)


def pull(stub, store, source, account, *args, check=True, timeout=120, **env):
    option = "--account" if source == "meta" else "--customer"
    command = [AURUM, "pull", source, option, account, "--json", "--store", str(store), *map(str, args)]
    environment = dict(os.environ, **stub.env(**env))
    result = subprocess.run(command, capture_output=True, text=True, env=environment, timeout=timeout)
    for secret in SECRETS:
        assert secret not in result.stdout and secret not in result.stderr, "a secret was printed"
    if check and result.returncode != 0:
        raise AssertionError(f"{command} exited {result.returncode}\n{result.stdout}\n{result.stderr}")
    summary = json.loads(result.stdout) if result.stdout.startswith("{") else None
    return summary, result


def table(store, name, tmp_path):
    """The table's rows (as sorted tuples), provenance columns (file_id, row) left out."""
    out = tmp_path / f"{name}-{time.monotonic_ns()}.csv"
    subprocess.run([AURUM, "export", name, "--out", str(out), "--store", str(store)], check=True, capture_output=True)
    with open(out, newline="") as handle:
        rows = list(csv.DictReader(handle))
    return sorted(tuple(v for k, v in row.items() if k not in ("file_id", "row")) for row in rows)


def state(store, tmp_path):
    """Silver, quarantine and Gold, and the set of Bronze contents, of a store."""
    tables = {name: table(store, name, tmp_path) for name in ["ad_insights", "quarantine", *GOLD_TABLES]}
    hashes = {row[1] for row in table(store, "bronze_files", tmp_path)}
    return tables, hashes


def served_hashes(stub):
    return {hashlib.sha256(p.read_bytes()).hexdigest() for p in sorted(stub.record_dir.glob("*.json"))}


def assert_equals_ingest_of_served(stub, store, tmp_path):
    """Silver and Gold of `store` equal those of an ingest of the pages the stub served, and Bronze holds exactly them."""
    reference = tmp_path / "reference-store"
    shutil.rmtree(reference, ignore_errors=True)
    ingest(reference, stub.record_dir)
    pulled_tables, pulled_hashes = state(store, tmp_path)
    reference_tables, _ = state(reference, tmp_path)
    assert pulled_tables == reference_tables
    assert pulled_hashes == served_hashes(stub)
    assert pulled_tables["ad_insights"], "the pull stored no rows"
    assert not list((Path(store) / "pull").rglob("*.json")), "staged pages left behind"


def assert_parsed_while_fetching(summary):
    """Every page of an uninterrupted pull was parsed as it arrived; the ingest that ended the pull parsed none again."""
    ingest = summary["ingest"]
    assert ingest["files_parsed"] == 0, "the ingest parsed pulled pages again"
    assert ingest["files_parsed_ahead"] == ingest["files_new"] == summary["targets"][0]["pages"]


def test_many_pages_and_streams_equal_an_ingest_of_the_same_pages(stub, tmp_path):
    store = tmp_path / "store"
    (meta, _), (google, _) = accounts(stub)
    summary, _ = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", UNTIL, AURUM_META_PAGE_LIMIT=10, AURUM_META_ASYNC_AFTER_DAYS=400)
    assert summary["targets"][0]["pages"] > 40 and stub.counts.get("meta_report") is None
    assert_parsed_while_fetching(summary)
    summary, _ = pull(stub, store, "google", google[:3] + "-" + google[3:6] + "-" + google[6:], "--since", SINCE, "--until", UNTIL, AURUM_GOOGLE_DAYS_PER_REQUEST=7)
    assert summary["targets"][0]["pages"] == 13
    assert_parsed_while_fetching(summary)
    assert summary["ingest"]["totals"]["identity_holds"]
    assert_equals_ingest_of_served(stub, store, tmp_path)
    # Bronze records where each page came from: source, account, pull time and range.
    paths = [row[0] for row in table(store, "bronze_files", tmp_path)]
    assert any(p.startswith(f"pull/meta/act_{meta}/") and p.endswith("/page-000001.json") and f"_{SINCE}_{UNTIL}/" in p for p in paths)
    assert any(p.startswith(f"pull/google/{google}/") and "stream-2024-01-01_2024-01-07.json" in p for p in paths)
    # The requests carried what the APIs want, and the token never in a URL.
    meta_requests = [r for r in stub.requests if "/act_" in r[1]]
    assert all(r[2].get("authorization") == "Bearer " + META_TOKEN for r in meta_requests)
    google_requests = [r for r in stub.requests if r[1].endswith("googleAds:searchStream")]
    assert all(r[2].get("developer-token") == DEVELOPER_TOKEN and "login-customer-id" not in r[2] for r in google_requests)


def test_memory_budget_commits_the_pulled_pages_in_steps_to_the_same_store(stub, tmp_path):
    """`pull --memory-budget` bounds the ingest that ends the pull as it bounds `aurum ingest`: a budget of one
    byte commits every page as its own step, and the store equals one ingest of the pages served."""
    store = tmp_path / "store"
    (meta, _), _ = accounts(stub)
    summary, _ = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", UNTIL, "--memory-budget", "1",
                      AURUM_META_PAGE_LIMIT=50, AURUM_META_ASYNC_AFTER_DAYS=400)
    assert summary["ingest"]["steps"] == summary["ingest"]["files_new"] > 1
    assert_equals_ingest_of_served(stub, store, tmp_path)
    _, result = pull(stub, store, "meta", "act_" + meta, "--memory-budget", "lots", check=False)
    assert result.returncode != 0 and "invalid --memory-budget 'lots'" in result.stderr, result.stderr


def test_async_report_flow(stub, tmp_path):
    store = tmp_path / "store"
    (meta, _), _ = accounts(stub)
    summary, result = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", UNTIL, AURUM_META_PAGE_LIMIT=50, AURUM_META_ASYNC_AFTER_DAYS=30)
    assert stub.counts["meta_report"] == 1 and stub.counts["meta_poll"] == 3
    assert summary["targets"][0]["pages"] > 5
    assert_equals_ingest_of_served(stub, store, tmp_path)


def test_async_report_that_fails_names_the_account_and_range_and_a_rerun_succeeds(stub, tmp_path):
    store = tmp_path / "store"
    (meta, _), _ = accounts(stub)
    stub.fault("meta_poll", 1, "job_failed")
    _, result = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", UNTIL, check=False, AURUM_META_ASYNC_AFTER_DAYS=30)
    assert result.returncode == 1
    assert f"meta act_{meta} {SINCE}..{UNTIL}" in result.stderr and "Job Failed" in result.stderr
    pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", UNTIL, AURUM_META_ASYNC_AFTER_DAYS=30)
    assert stub.counts["meta_report"] == 2, "a failed report is not polled again: a new one is requested"
    assert_equals_ingest_of_served(stub, store, tmp_path)


def test_throttling_errors_and_drops_in_the_middle_change_nothing(stub, tmp_path):
    store = tmp_path / "store"
    (meta, _), (google, _) = accounts(stub)
    for at, what in [(2, "429"), (3, "usage90"), (4, "meta17"), (6, "500"), (8, "drop"), (9, "meta80000"), (11, "502")]:
        stub.fault("meta_page", at, what)
    summary, result = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", UNTIL, AURUM_META_PAGE_LIMIT=20)
    assert summary["waited_seconds"] >= 60 + 2, "Retry-After and Meta's time to regain access were honoured"
    assert "throttled (Meta error code 17" in result.stderr and "Meta usage at 90%" in result.stderr
    for at, what in [(1, "exhausted"), (3, "exhausted_tail"), (5, "drop"), (7, "500")]:
        stub.fault("google", at, what)
    summary, result = pull(stub, store, "google", google, "--since", SINCE, "--until", UNTIL, AURUM_GOOGLE_DAYS_PER_REQUEST=10)
    assert summary["waited_seconds"] >= 3 + 3
    assert result.stderr.count("RESOURCE_EXHAUSTED") == 2
    assert_equals_ingest_of_served(stub, store, tmp_path)


def test_a_page_that_is_not_a_data_page_is_named_and_rejected_as_an_ingest_would(stub, tmp_path):
    store = tmp_path / "store"
    _, (google, _) = accounts(stub)
    stub.fault("google", 2, "not_a_stream")
    summary, result = pull(stub, store, "google", google, "--since", SINCE, "--until", UNTIL, check=False, AURUM_GOOGLE_DAYS_PER_REQUEST=10)
    assert result.returncode == 1
    piece = "stream-2024-01-11_2024-01-20.json"
    bad = [body for body in map(json.loads, map(Path.read_bytes, sorted(stub.record_dir.glob("*.json")))) if body[-1] == 5]
    reason = f"not a data page: Google stream element {len(bad[0])} is a number, not an object"
    assert f"google {google} {SINCE}..{UNTIL}: page 2 ({piece}) rejected: {reason}" in result.stderr
    assert [(Path(r["path"]).name, r["reason"]) for r in summary["ingest"]["files_rejected"]] == [(piece, reason)]
    assert summary["ingest"]["files_parsed"] == 0 and summary["ingest"]["files_new"] == 8
    # What an ingest of the same bodies as files gives: the same rejection, the same tables.
    reference = tmp_path / "reference"
    served, _ = ingest(reference, stub.record_dir, check=False)
    assert [r["reason"] for r in served["files_rejected"]] == [reason]
    assert state(store, tmp_path)[0] == state(reference, tmp_path)[0]
    assert not list((store / "pull").rglob("*.json"))


def test_retries_run_out_with_the_account_and_range_named(stub, tmp_path):
    store = tmp_path / "store"
    (meta, _), _ = accounts(stub)
    for at in range(1, 4):
        stub.fault("meta_page", at, "500")
    _, result = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", "2024-01-10", check=False, AURUM_PULL_RETRIES=2)
    assert result.returncode == 1
    assert f"meta act_{meta} {SINCE}..2024-01-10: gave up after 3 attempts; last: HTTP 500" in result.stderr


def test_expired_google_token_is_refreshed_once(stub, tmp_path):
    store = tmp_path / "store"
    _, (google, _) = accounts(stub)
    stub.fault("google", 2, "expire")
    refresh = dict(AURUM_GOOGLE_OAUTH_CLIENT_ID=CLIENT_ID, AURUM_GOOGLE_OAUTH_CLIENT_SECRET=CLIENT_SECRET, AURUM_GOOGLE_OAUTH_REFRESH_TOKEN=REFRESH_TOKEN)
    pull(stub, store, "google", google, "--since", SINCE, "--until", UNTIL, AURUM_GOOGLE_DAYS_PER_REQUEST=30, **refresh)
    assert stub.counts["token"] == 1
    later = [r[2]["authorization"] for r in stub.requests if r[1].endswith("googleAds:searchStream")]
    assert later[0] == "Bearer " + GOOGLE_TOKEN and later[-1] == "Bearer google-token-refreshed-0001"
    assert_equals_ingest_of_served(stub, store, tmp_path)


def test_refresh_token_alone_obtains_an_access_token(stub, tmp_path):
    _, (google, _) = accounts(stub)
    pull(stub, tmp_path / "store", "google", google, "--since", SINCE, "--until", "2024-01-31", "--login-customer", "111-222-3333",
         AURUM_GOOGLE_ADS_ACCESS_TOKEN="", AURUM_GOOGLE_OAUTH_CLIENT_ID=CLIENT_ID, AURUM_GOOGLE_OAUTH_CLIENT_SECRET=CLIENT_SECRET,
         AURUM_GOOGLE_OAUTH_REFRESH_TOKEN=REFRESH_TOKEN)
    assert stub.counts["token"] == 1
    assert all(r[2].get("login-customer-id") == "1112223333" for r in stub.requests if r[1].endswith("googleAds:searchStream"))


def test_auth_failures_stop_at_once_and_say_what_to_fix(stub, tmp_path):
    store = tmp_path / "store"
    (meta, _), (google, _) = accounts(stub)
    _, result = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", UNTIL, check=False, AURUM_META_ACCESS_TOKEN="expired-token-xyz")
    assert result.returncode == 1 and len([r for r in stub.requests if "/act_" in r[1]]) == 1
    assert f"meta act_{meta} {SINCE}..{UNTIL}: authentication failed (Meta error code 190" in result.stderr
    assert "AURUM_META_ACCESS_TOKEN" in result.stderr and "expired-token-xyz" not in result.stderr
    stub.fault("google", 1, "expire")
    _, result = pull(stub, store, "google", google, "--since", SINCE, "--until", UNTIL, check=False)
    assert result.returncode == 1 and stub.counts["google"] == 1
    assert f"google {google} {SINCE}..2024-01-31: authentication failed (HTTP 401 UNAUTHENTICATED" in result.stderr
    assert "AURUM_GOOGLE_OAUTH_REFRESH_TOKEN" in result.stderr
    _, result = pull(stub, store, "google", google, "--since", SINCE, "--until", UNTIL, check=False,
                     AURUM_GOOGLE_ADS_ACCESS_TOKEN="", AURUM_GOOGLE_OAUTH_CLIENT_ID=CLIENT_ID, AURUM_GOOGLE_OAUTH_CLIENT_SECRET="wrong-secret-123",
                     AURUM_GOOGLE_OAUTH_REFRESH_TOKEN=REFRESH_TOKEN)
    assert result.returncode == 1 and "invalid_grant" in result.stderr and "wrong-secret-123" not in result.stderr
    assert not (Path(store) / "MANIFEST").exists() or not table(store, "ad_insights", tmp_path)


def test_second_pull_with_nothing_new_changes_nothing(stub, tmp_path):
    store = tmp_path / "store"
    (meta, _), (google, _) = accounts(stub)
    pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", UNTIL, AURUM_META_PAGE_LIMIT=30)
    pull(stub, store, "google", google, "--since", SINCE, "--until", UNTIL)
    manifest = (Path(store) / "MANIFEST").read_bytes()
    summary, _ = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", UNTIL, AURUM_META_PAGE_LIMIT=30)
    assert summary["ingest"]["files_new"] == 0 and summary["ingest"]["files_skipped"] > 0
    summary, _ = pull(stub, store, "google", google, "--since", SINCE, "--until", UNTIL)
    assert summary["ingest"]["files_new"] == 0
    assert (Path(store) / "MANIFEST").read_bytes() == manifest


def test_incremental_pull_picks_up_a_restated_day(stub, tmp_path):
    store = tmp_path / "store"
    (meta, _), (google, _) = accounts(stub)
    pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", UNTIL, AURUM_META_PAGE_LIMIT=40)
    pull(stub, store, "google", google, "--since", SINCE, "--until", UNTIL)
    before = table(store, "ad_insights", tmp_path)
    stub.restate("meta", "2024-03-20", 5)
    stub.restate("google", "2024-03-10", 7)
    # No --since: from the last day in the store minus the restatement window (28 days Meta, 30 Google).
    summary, _ = pull(stub, store, "meta", "act_" + meta, "--until", UNTIL, AURUM_META_PAGE_LIMIT=40)
    assert summary["targets"][0]["since"] == "2024-03-02"
    assert summary["ingest"]["silver_restated"] > 0
    summary, _ = pull(stub, store, "google", google, "--until", UNTIL)
    assert summary["targets"][0]["since"] == "2024-02-29"
    after = table(store, "ad_insights", tmp_path)
    assert len(after) == len(before) and after != before
    changed = [row for row in after if row not in before]
    assert changed and all(row[9] in ("2024-03-20", "2024-03-10") for row in changed)
    for row in (r for r in stub.meta[meta] if r["date_start"] == "2024-03-20"):
        assert any(a[7] == row["ad_id"] and a[9] == "2024-03-20" and a[11] == row["clicks"] for a in after)


def test_a_pull_killed_at_random_moments_then_resumed_equals_one_uninterrupted_pull(tree, tmp_path):
    # One stub for both: its address is part of the pages (Meta's paging.next links).
    stub = Stub(tree, async_polls=4)
    (meta, meta_async), (google, _) = accounts(stub)
    sync = dict(AURUM_META_PAGE_LIMIT=10, AURUM_META_ASYNC_AFTER_DAYS=400)
    asynchronous = dict(AURUM_META_PAGE_LIMIT=10, AURUM_META_ASYNC_AFTER_DAYS=30)
    clean = tmp_path / "clean"
    pull(stub, clean, "meta", "act_" + meta, "--since", SINCE, "--until", UNTIL, **sync)
    pull(stub, clean, "google", google, "--since", SINCE, "--until", UNTIL, AURUM_GOOGLE_DAYS_PER_REQUEST=5)
    pull(stub, clean, "meta", "act_" + meta_async, "--since", SINCE, "--until", UNTIL, **asynchronous)
    expected = state(clean, tmp_path)
    stub.reports.clear()  # the killed pulls' report runs start afresh
    stub.delay = 0.03
    store = tmp_path / "killed"
    generator = random.Random(15)
    kills = 0
    try:
        for source, account, extra in [("meta", "act_" + meta, sync), ("google", google, dict(AURUM_GOOGLE_DAYS_PER_REQUEST=5)),
                                       ("meta", "act_" + meta_async, asynchronous)]:
            option = "--account" if source == "meta" else "--customer"
            command = [AURUM, "pull", source, option, account, "--since", SINCE, "--until", UNTIL, "--store", str(store)]
            environment = dict(os.environ, **stub.env(**extra))
            for attempt in range(20):
                process = subprocess.Popen(command, env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
                try:
                    process.wait(timeout=generator.uniform(0.05, 0.5) if attempt < 5 else 120)
                except subprocess.TimeoutExpired:
                    process.kill()
                    process.wait()
                    kills += 1
                    continue
                assert process.returncode == 0, process.stderr.read()
                break
    finally:
        stub.close()
    assert kills >= 8
    assert state(store, tmp_path) == expected
    assert not list((store / "pull").rglob("*.json"))


def test_clients_are_stored_and_pulled_together(stub, tmp_path):
    store = tmp_path / "store"
    (meta_a, meta_b), (google_a, google_b) = accounts(stub)
    run = lambda *args, check=True: subprocess.run([AURUM, *args, "--store", str(store)], capture_output=True, text=True, check=check)  # noqa: E731
    run("clients", "set", "Acme", "--meta", "act_" + meta_a, "--google", google_a[:3] + "-" + google_a[3:6] + "-" + google_a[6:])
    run("clients", "set", "Beta", "--meta", meta_b)
    run("clients", "set", "Beta", "--meta", "act_" + meta_b, "--google", google_b)  # replaces Beta's accounts
    listing = run("clients", "list").stdout.splitlines()
    assert listing == [f"Acme  google  {google_a}", f"Acme  meta    act_{meta_a}", f"Beta  google  {google_b}", f"Beta  meta    act_{meta_b}"]
    assert "act_" not in "".join(table(store, "clients", tmp_path)[i][2] for i in range(4)), "account_id as Silver holds it"
    bad = run("clients", "set", "Gamma", "--google", "12345", check=False)
    assert bad.returncode != 0 and "10 digits" in bad.stderr
    summary, _ = pull_client(stub, store, "--client", "Acme")
    assert [(t["source"], t["account"]) for t in summary["targets"]] == [("google", google_a), ("meta", "act_" + meta_a)]
    silver_accounts = {(row[0], row[1]) for row in table(store, "ad_insights", tmp_path)}
    assert silver_accounts == {("google", google_a), ("meta", meta_a)}
    summary, _ = pull_client(stub, store, "--all")
    # Incremental: from the last day held minus the window; for accounts never pulled, the window before --until.
    assert [t["since"] for t in summary["targets"]] == ["2024-02-29", "2024-03-02", "2024-02-29", "2024-03-02"]
    assert_equals_ingest_of_served(stub, store, tmp_path)
    _, result = pull_client(stub, store, "--client", "Nobody", check=False)
    assert result.returncode == 1 and "the clients are Acme, Beta" in result.stderr

    # --client on query, explain and export: only the client's (source, account_id) pairs.
    acme = {("google", google_a), ("meta", meta_a)}
    rows = run("query", "SELECT DISTINCT source, account_id FROM kpi_campaign_daily ORDER BY 1", "--format", "csv", "--client", "Acme").stdout
    assert {tuple(line.split(",")) for line in rows.splitlines()[1:]} == acme
    everything = table(store, "kpi_campaign_total", tmp_path)
    out = tmp_path / "acme.csv"
    run("export", "kpi_campaign_total", "--out", str(out), "--client", "Acme")
    with open(out, newline="") as handle:
        exported = sorted(tuple(row.values()) for row in csv.DictReader(handle))
    assert exported == [row for row in everything if (row[0], row[1]) in acme] and len(exported) < len(everything)
    refused = run("query", "SELECT count(*) FROM bronze_files", "--client", "Acme", check=False)
    assert refused.returncode == 1 and "bronze_files has no account_id column" in refused.stderr
    refused = run("export", "quarantine", "--client", "Acme", check=False)
    assert refused.returncode == 1 and "quarantine has no account_id column" in refused.stderr


def pull_client(stub, store, *args, check=True):
    """`aurum pull --client NAME` (from SINCE) or `--all` (incremental)."""
    command = [AURUM, "pull", *args, "--until", UNTIL, "--json", "--store", str(store)]
    if "--all" not in args:
        command += ["--since", SINCE]
    result = subprocess.run(command, capture_output=True, text=True, env=dict(os.environ, **stub.env()), timeout=120)
    if check and result.returncode != 0:
        raise AssertionError(f"{command}\n{result.stdout}\n{result.stderr}")
    return (json.loads(result.stdout) if result.stdout.startswith("{") else None), result


def test_one_pull_at_a_time_per_store(stub, tmp_path):
    store = tmp_path / "store"
    (meta, _), (google, _) = accounts(stub)
    stub.delay = 0.05
    environment = dict(os.environ, **stub.env(AURUM_META_PAGE_LIMIT=10, AURUM_META_ASYNC_AFTER_DAYS=400))
    first = subprocess.Popen([AURUM, "pull", "meta", "--account", "act_" + meta, "--since", SINCE, "--until", UNTIL, "--store", str(store)],
                             env=environment, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    try:
        deadline = time.monotonic() + 30
        while not list((store / "pull").rglob("page-000001.json")) and time.monotonic() < deadline:
            time.sleep(0.02)
        _, second = pull(stub, store, "google", google, "--since", SINCE, "--until", UNTIL, check=False)
        assert second.returncode == 1 and "another aurum pull is running on this store" in second.stderr
    finally:
        assert first.wait(timeout=120) == 0, first.stderr.read()
    summary, _ = pull(stub, store, "google", google, "--since", SINCE, "--until", UNTIL)
    assert summary["ingest"]["files_new"] > 0


def test_settings_file_is_read_and_refused_when_others_may_read_it(stub, tmp_path):
    store = tmp_path / "store"
    (meta, _), _ = accounts(stub)
    config = tmp_path / "config.json"
    # Aurum's one JSON config file; keys spelled as the variable or in lower case.
    config.write_text(json.dumps({"AURUM_META_ACCESS_TOKEN": META_TOKEN, "aurum_meta_page_limit": 7}))
    config.chmod(0o644)
    base = dict(AURUM_CONFIG=config, AURUM_META_ACCESS_TOKEN="", AURUM_META_ASYNC_AFTER_DAYS=400)
    _, result = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", "2024-01-31", check=False, **base)
    assert result.returncode == 1 and f"chmod 600 {config}" in result.stderr and not stub.requests
    assert '"AURUM_META_ACCESS_TOKEN"' in result.stderr, result.stderr
    config.chmod(0o600)
    summary, _ = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", "2024-01-31", **base)
    rows = summary["targets"][0]["rows"]
    assert summary["targets"][0]["pages"] == (rows + 6) // 7, "the file's page limit"
    # The environment wins over the file.
    _, result = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", "2024-01-31", check=False,
                     **dict(base, AURUM_META_ACCESS_TOKEN="wrong-token-from-env"))
    assert result.returncode == 1 and "authentication failed" in result.stderr
    # A malformed file (the old NAME=value lines, say) stops the pull before any request, naming the file.
    stub.requests.clear()
    config.write_text("AURUM_META_ACCESS_TOKEN=x\n")
    _, result = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", "2024-01-31", check=False, **base)
    assert result.returncode == 1 and f"config file {config}: it must hold one JSON object" in result.stderr
    assert not stub.requests


def test_one_config_file_configures_the_model_and_a_pull(stub, tmp_path):
    """The file `aurum ask` reads its model endpoint from is the file `aurum pull` reads its tokens from."""
    store = tmp_path / "store"
    (meta, _), _ = accounts(stub)
    home = tmp_path / "home"
    (home / ".config" / "aurum").mkdir(parents=True)
    config = home / ".config" / "aurum" / "config.json"  # the default place: no AURUM_CONFIG
    config.write_text(json.dumps({
        "aurum_llm_base_url": "http://127.0.0.1:9/v1", "aurum_llm_model": "file-model", "aurum_llm_api_key": "llm-secret-key",
        "AURUM_META_ACCESS_TOKEN": META_TOKEN, "AURUM_META_PAGE_LIMIT": 9,
    }))
    config.chmod(0o600)
    base = dict(HOME=home, AURUM_CONFIG="", AURUM_META_ACCESS_TOKEN="", AURUM_META_ASYNC_AFTER_DAYS=400,
                AURUM_LLM_API_KEY="", TOGETHER_API_KEY="", AURUM_LLM_BASE_URL="", AURUM_LLM_MODEL="")
    summary, _ = pull(stub, store, "meta", "act_" + meta, "--since", SINCE, "--until", "2024-01-31", **base)
    rows = summary["targets"][0]["rows"]
    assert rows > 0 and summary["targets"][0]["pages"] == (rows + 8) // 9, "the file's token and page limit"
    shown = subprocess.run([AURUM, "config"], capture_output=True, text=True, env=dict(os.environ, **stub.env(**base)))
    assert shown.returncode == 0, shown.stderr
    assert f"config file:    {config} (mode 600)" in shown.stdout
    assert "model endpoint: http://127.0.0.1:9/v1, model file-model" in shown.stdout and "API key set" in shown.stdout
    assert "  AURUM_META_ACCESS_TOKEN=(set, hidden)" in shown.stdout and "  AURUM_META_PAGE_LIMIT=9" in shown.stdout
    for secret in ["llm-secret-key", META_TOKEN]:
        assert secret not in shown.stdout + shown.stderr
    # Readable by its group: both refuse it.
    config.chmod(0o640)
    _, pulled = pull(stub, store, "meta", "act_" + meta, check=False, **base)
    asked = subprocess.run([AURUM, "ask", "--model", "spend by channel", "--store", str(store)], capture_output=True,
                           text=True, env=dict(os.environ, **stub.env(**base)))
    for result in (pulled, asked):
        assert result.returncode == 1 and f"chmod 600 {config}" in result.stderr, result.stderr


def test_a_progress_line_on_a_terminal_and_wait_lines_otherwise(stub, tmp_path):
    """On a terminal, one line redrawn in place: the account and range, the page and the day it reached, rows,
    then the wait an API asks for. Off a terminal (cron), no line at all: the waits as lines of their own."""
    (meta, _), _ = accounts(stub)
    stub.delay = 0.05  # pages for a few seconds, so the line (drawn after a second) shows them
    settings = dict(AURUM_META_PAGE_LIMIT=5, AURUM_META_ASYNC_AFTER_DAYS=400, AURUM_PULL_WAIT_SCALE=1)
    args = ["pull", "meta", "--account", "act_" + meta, "--since", SINCE, "--until", UNTIL]
    stub.fault("meta_page", 30, "429")  # Retry-After: 2
    child = pexpect.spawn(AURUM, [*args, "--store", str(tmp_path / "tty")], env=dict(os.environ, **stub.env(**settings)),
                          encoding="utf-8", timeout=120, dimensions=(50, 200))
    child.expect(rf"\r\x1b\[Kpulling meta act_{meta} {SINCE}\.\.{UNTIL}: page \d+, through 2024-0\d-\d\d  [\d,]+ rows")
    child.expect(rf"\r\x1b\[Kpulling meta act_{meta} {SINCE}\.\.{UNTIL}: waiting 2 s: ")
    child.expect(pexpect.EOF)
    child.close()
    assert child.exitstatus == 0, child.before
    assert "Pulled meta" in child.before and "waiting" not in child.before.split("\x1b[K")[-1]

    stub.fault("meta_page", 30, "429")
    _, result = pull(stub, tmp_path / "pipe", "meta", "act_" + meta, "--since", SINCE, "--until", UNTIL, **settings)
    assert f"aurum: meta act_{meta} {SINCE}..{UNTIL}: waiting 2 s: " in result.stderr
    assert "\r" not in result.stderr + result.stdout and "pulling" not in result.stderr
