"""A client's currency (`aurum clients set NAME --currency CODE`) and `--client` on Parquet exports.

The data contract's `clients` table has no currency column, so a client's currency is not a column: it is the
reporting currency that `--client NAME` uses where `--currency` applies (report, ask, export of a Gold table)
when `--currency` is not given. The oracle is the same command with `--currency CODE` spelt out.
"""
import csv
import datetime
import io
import json

import pyarrow.parquet as pq
import pytest

from conftest import REPO, aurum, ingest
from test_parquet import arrow_rows, assert_same_rows, csv_rows, schema_of

ACME = {"meta": "739179755604945", "google": "9683923620"}  # in USD and in BRL


def load_rates(store, directory):
    rates = directory / "rates.csv"
    day = datetime.date(2024, 1, 1)
    lines = ["date,currency,rate"] + [f"{day + datetime.timedelta(days=step)},BRL,{0.2 + 0.0001 * step:.4f}" for step in range(120)]
    rates.write_text("\n".join(lines) + "\n")
    aurum("fx", "import", rates, "--to", "USD", store=store)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    directory = tmp_path_factory.mktemp("client-currency")
    store = directory / "store"
    ingest(store, REPO / "datasets" / "sample")
    load_rates(store, directory)
    aurum("clients", "set", "Acme", "--meta", ACME["meta"], "--google", ACME["google"], store=store)
    return store


def test_currency_is_set_alone_listed_and_checked(store):
    assert "reports in" not in aurum("clients", "list", store=store).stdout
    out = aurum("clients", "set", "Acme", "--currency", "usd", store=store).stdout
    assert out.strip() == "Client Acme reports in USD"
    listing = aurum("clients", "list", store=store).stdout.splitlines()
    assert listing == [f"Acme  google  {ACME['google']}  reports in USD", f"Acme  meta    act_{ACME['meta']}  reports in USD"], \
        "the accounts are kept when only the currency is set"
    bad = aurum("clients", "set", "Acme", "--currency", "dollars", store=store, check=False)
    assert bad.returncode != 0 and "'dollars' is not a currency code" in bad.stderr
    unknown = aurum("clients", "set", "Nobody", "--currency", "USD", store=store, check=False)
    assert unknown.returncode != 0 and "client 'Nobody'" in unknown.stderr and "unknown client" in unknown.stderr
    nothing = aurum("clients", "set", "Acme", store=store, check=False)
    assert nothing.returncode != 0 and "--currency CODE" in nothing.stderr
    # The table keeps the contract's three columns.
    assert [line.split()[0] for line in aurum("schema", "clients", store=store).stdout.splitlines()[1:] if line.strip()] == \
        ["client", "source", "account_id"]


def test_client_currency_is_the_default_of_currency(store):
    aurum("clients", "set", "Acme", "--currency", "USD", store=store)
    for command in (["report", "--weeks", "20", "--format", "json"], ["export", "kpi_campaign_total"],
                    ["export", "kpi_campaign_daily"], ["ask", "--offline", "--today", "2024-04-01", "spend by campaign last 90 days"]):
        by_client = aurum(*command, "--client", "Acme", store=store).stdout
        spelt_out = aurum(*command, "--client", "Acme", "--currency", "USD", store=store).stdout
        assert by_client == spelt_out, command
    rows = json.loads(aurum("report", "--weeks", "20", "--format", "json", "--client", "Acme", store=store).stdout)
    assert rows and {row["currency"] for row in rows} == {"USD"}
    # The sample's Acme accounts spend in BRL and USD: the default converted, and --currency still overrides it.
    text = aurum("export", "kpi_campaign_total", "--currency", "BRL", "--client", "Acme", store=store).stdout
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows and {row["currency"] for row in rows} == {"BRL"}
    # Silver is exported as stored: the conversion is of Gold tables.
    silver = aurum("export", "ad_insights", "--client", "Acme", store=store).stdout
    assert ",BRL," in silver and ",USD," in silver


def test_client_currency_without_rates_is_refused_naming_the_client(tmp_path):
    store = tmp_path / "store"
    ingest(store, REPO / "datasets" / "sample")
    aurum("clients", "set", "Acme", "--meta", ACME["meta"], "--currency", "EUR", store=store)
    refused = aurum("report", "--client", "Acme", store=store, check=False)
    assert refused.returncode == 1
    assert "client Acme reports in EUR (aurum clients set Acme --currency EUR), and no exchange rates are loaded" in refused.stderr


@pytest.mark.parametrize("table", ["ad_insights", "kpi_campaign_daily", "kpi_campaign_weekly", "kpi_campaign_total"])
def test_client_parquet_export_equals_its_csv_export(store, tmp_path, table):
    aurum("clients", "set", "Beta", "--meta", ACME["meta"], store=store)  # no currency: rows as stored
    schema = schema_of(store, table)
    for client in ("Acme", "Beta"):
        csv_path, parquet_path = tmp_path / f"{client}.csv", tmp_path / f"{client}.parquet"
        aurum("export", table, "--client", client, "--formula-guard", "none", "--out", csv_path, store=store)
        aurum("export", table, "--client", client, "--format", "parquet", "--out", parquet_path, store=store)
        expected = list(csv_rows(csv_path, schema))
        assert_same_rows(expected, arrow_rows(parquet_path, schema), f"{table} of {client}")
        everything = int(aurum("query", "--format", "csv", f"SELECT count(*) AS n FROM {table}", store=store).stdout.split()[1])
        assert 0 < len(expected) < everything
        accounts = set(zip(*[pq.read_table(parquet_path).column(name).to_pylist() for name in ("source", "account_id")]))
        assert accounts <= {("meta", ACME["meta"]), ("google", ACME["google"])}


def test_client_parquet_export_of_a_table_without_accounts_is_refused(store, tmp_path):
    out = tmp_path / "q.parquet"
    refused = aurum("export", "quarantine", "--client", "Acme", "--format", "parquet", "--out", out, store=store, check=False)
    assert refused.returncode == 1 and "quarantine has no account_id column" in refused.stderr
    assert not out.exists()
    refused = aurum("export", "--all", "--client", "Acme", "--format", "parquet", "--out", tmp_path / "all", store=store, check=False)
    assert refused.returncode == 1 and "--client restricts one table" in refused.stderr
