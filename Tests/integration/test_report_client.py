"""`aurum report --client NAME`: the report of the client's accounts only.

The oracle is a store that holds nothing else: the sample's Bronze directories of those accounts ingested alone.
Its report (every format, partial weeks included) must be the one `--client` gives on the store of all accounts.
"""
import json

import pytest

from conftest import REPO, aurum, ingest

SAMPLE = REPO / "datasets" / "sample"
CLIENTS = {
    # Two sources, two currencies of data ending on different days.
    "Acme": {"meta": ["431725756440667"], "google": ["9683923620"]},
    # An account whose first week starts on its week's last day: a partial week no other account has.
    "Solo": {"google": ["9683923620"]},
    "Metas": {"meta": ["628724671705209", "739179755604945"]},
}


@pytest.fixture(scope="module")
def full_store(tmp_path_factory):
    store = tmp_path_factory.mktemp("report-client") / "store"
    ingest(store, SAMPLE)
    for name, accounts in CLIENTS.items():
        options = [option for source, ids in accounts.items() for account in ids for option in (f"--{source}", account)]
        aurum("clients", "set", name, *options, store=store)
    return store


def alone(tmp_path, accounts):
    """A store holding only `accounts`' Bronze directories."""
    store = tmp_path / "alone"
    directories = [SAMPLE / source / (("act_" if source == "meta" else "customer_") + account)
                   for source, ids in accounts.items() for account in ids]
    ingest(store, *directories)
    return store


@pytest.mark.parametrize("name", sorted(CLIENTS))
def test_report_of_a_client_is_the_report_of_a_store_of_its_accounts_alone(full_store, tmp_path, name):
    reference = alone(tmp_path, CLIENTS[name])
    everything = aurum("report", "--weeks", "20", "--top", "1000", "--format", "json", store=full_store).stdout
    for args in (["--weeks", "20"], ["--weeks", "4", "--top", "3"], ["--weeks", "20", "--top", "1000", "--format", "json"],
                 ["--weeks", "2", "--format", "csv"]):
        restricted = aurum("report", *args, "--client", name, store=full_store).stdout
        assert restricted == aurum("report", *args, store=reference).stdout, args
    rows = json.loads(aurum("report", "--weeks", "20", "--top", "1000", "--format", "json", "--client", name, store=full_store).stdout)
    assert rows and {(row["source"], row["account_id"]) for row in rows} == {
        (source, account) for source, ids in CLIENTS[name].items() for account in ids}
    assert len(rows) < len(json.loads(everything))


def test_a_clients_partial_weeks_are_its_own(full_store):
    text = aurum("report", "--weeks", "20", "--client", "Solo", store=full_store).stdout
    assert "partial week: 2024-01-01 has data for 1 of 7 days (2024-01-07 to 2024-01-07)" in text
    assert "partial week: 2024-01-01" not in aurum("report", "--weeks", "20", store=full_store).stdout


def test_an_unknown_client_is_refused(full_store):
    result = aurum("report", "--client", "Nobody", store=full_store, check=False)
    assert result.returncode == 1 and "unknown client; the clients are Acme, Metas, Solo" in result.stderr
