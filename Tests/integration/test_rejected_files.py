"""A file that is not a data page is reported by name with its reason; the others still go in; exit status 1."""
import csv
from pathlib import Path

from conftest import aurum, export_all, ingest


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


GOOD_META = '{"data":[{"account_id":"1","account_currency":"BRL","campaign_id":"10","campaign_name":"C","ad_id":"100","date_start":"2024-03-01","date_stop":"2024-03-01","impressions":"10","clicks":"1","spend":"2.50"}],"paging":{}}'


def test_bad_files_are_named_and_the_rest_is_ingested(tmp_path):
    inputs = tmp_path / "in"
    write(inputs / "a_good.json", GOOD_META)
    write(inputs / "b_error.json", '{"error": {"message": "Invalid OAuth access token", "code": 190}}')
    write(inputs / "c_truncated.json", '{"data":[{"account_id":"1"')
    write(inputs / "d_text.txt", "hello")
    write(inputs / "e_empty.json", "")
    store = tmp_path / "store"
    summary, result = ingest(store, inputs, check=False)
    assert result.returncode == 1
    rejected = {Path(item["path"]).name: item["reason"] for item in summary["files_rejected"]}
    assert set(rejected) == {"b_error.json", "c_truncated.json", "d_text.txt", "e_empty.json"}
    assert "error" in rejected["b_error.json"].lower()
    assert "line 1" in rejected["c_truncated.json"] or "offset" in rejected["c_truncated.json"] or "end" in rejected["c_truncated.json"].lower()
    assert summary["files_new"] == 1 and summary["totals"]["silver_rows"] == 1
    files = list(csv.DictReader(open(export_all(store, tmp_path / "csv", ["bronze_files"])["bronze_files"])))
    assert [Path(f["path"]).name for f in files] == ["a_good.json"]
    text = aurum("ingest", inputs, store=store, check=False)
    assert text.returncode == 1 and "c_truncated.json" in text.stdout


def test_missing_input_path_is_an_error(tmp_path):
    result = aurum("ingest", tmp_path / "nope", store=tmp_path / "store", check=False)
    assert result.returncode == 1
    assert "nope" in result.stderr and "no such file" in result.stderr
