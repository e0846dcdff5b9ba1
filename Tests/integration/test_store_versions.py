"""A store written by an older Aurum is read, verified, queried and extended by this one, with the same answers
as a store this Aurum writes itself (docs/segment-format.md, versioning rules: a newer Aurum keeps reading every
older version).

The fixture (fixtures/store-v1, see fixtures/README.md) holds segments of version 1, whose footers carry no
decimal sums; this Aurum writes version 2, whose footers let a whole-table money sum read no block.
"""
import shutil
from pathlib import Path

from conftest import REPO, aurum, generate, ingest

FIXTURE = Path(__file__).resolve().parent / "fixtures" / "store-v1"
SAMPLE = REPO / "datasets" / "sample"

QUERIES = [
    "SELECT sum(spend), sum(conversion_value), sum(conversions), avg(spend), count(*) FROM ad_insights",
    "SELECT source, campaign_id, sum(spend), avg(conversion_value), count(*) FROM ad_insights GROUP BY ALL ORDER BY 1, 2",
    "SELECT sum(spend) FROM ad_insights WHERE date >= DATE '2024-01-15'",
    "SELECT campaign_id, sum(spend), sum(conversions) FROM kpi_campaign_total GROUP BY 1 ORDER BY 1",
    "SELECT sum(spend), sum(conversion_value) FROM kpi_campaign_daily",
    "SELECT count(*) FROM quarantine",
]


def segment_versions(store):
    return sorted({path.read_bytes()[8] for path in Path(store).glob("tables/*/*.seg")})


def answers(store):
    return [aurum("query", "--format", "csv", sql, store=store).stdout for sql in QUERIES]


def test_a_version_1_store_answers_as_a_new_one_and_keeps_doing_so_once_extended(tmp_path):
    old = tmp_path / "old"
    shutil.copytree(FIXTURE, old)
    assert segment_versions(old) == [1]
    new = tmp_path / "new"
    ingest(new, SAMPLE)
    assert segment_versions(new) == [2]

    aurum("verify", store=old)
    aurum("verify", store=new)
    assert answers(old) == answers(new)

    # Both take the same new data: the old store then holds segments of both versions.
    more = generate(tmp_path / "more", 71, 3_000)
    ingest(old, more)
    ingest(new, more)
    assert segment_versions(old) == [1, 2]
    aurum("verify", store=old)
    assert answers(old) == answers(new)
    for table in ["ad_insights", "kpi_campaign_daily"]:
        old_rows = aurum("export", table, "--out", "-", store=old).stdout
        assert old_rows.count("\n") > 100, table
        assert old_rows == aurum("export", table, store=new).stdout, table
