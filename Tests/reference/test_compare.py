"""Tests of Tests/reference/compare.py: guard stripping, typed values, key order, reporting."""

from __future__ import annotations

import sys
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))
import compare  # noqa: E402

HEADER = "source,account_id,campaign_id,campaign_name,impressions,spend,ctr\n"
SPEC = compare.TableSpec(("source", "account_id", "campaign_id"), frozenset({"impressions"}),
                         frozenset({"spend", "ctr"}))


def write(tmp_path: Path, name: str, text: str) -> str:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_formula_guard_is_undone_on_the_aurum_side_only(tmp_path):
    oracle = write(tmp_path, "o.csv", HEADER + "meta,1,2,=Vendas,10,1.5,0.1\nmeta,1,3,'quoted,10,1.5,\n")
    aurum = write(tmp_path, "a.csv", HEADER + "meta,1,2,'=Vendas,10,1.5,0.1\nmeta,1,3,''quoted,10,1.5,\n")
    assert compare.compare_files(oracle, aurum, SPEC).equal
    assert not compare.compare_files(oracle, aurum, SPEC, aurum_side="none").equal
    assert not compare.compare_files(aurum, oracle, SPEC).equal  # guard expected on 'actual'


def test_doubles_within_tolerance_and_null(tmp_path):
    oracle = write(tmp_path, "o.csv", HEADER + "meta,1,2,x,10,1.5,0.1\nmeta,1,3,x,0,0.0,\n")
    close = write(tmp_path, "a.csv", HEADER + "meta,1,2,x,10,1.5000000000001,0.1\nmeta,1,3,x,0,1e-13,\n")
    far = write(tmp_path, "b.csv", HEADER + "meta,1,2,x,10,1.5001,0.1\nmeta,1,3,x,0,0.0,0\n")
    assert compare.compare_files(oracle, close, SPEC).equal
    result = compare.compare_files(oracle, far, SPEC)
    assert result.difference_count == 2
    assert "spend" in result.differences[0] and "ctr" in result.differences[1]


def test_rows_matched_by_typed_key_even_if_unsorted(tmp_path):
    spec = compare.table_spec("quarantine")
    oracle = write(tmp_path, "o.csv", "file_id,row,source,reason\n2,9,meta,bad_date\n10,1,google,missing_date\n")
    aurum = write(tmp_path, "a.csv", "reason,source,row,file_id\nmissing_date,google,1,10\nbad_date,meta,9,2\n")
    result = compare.compare_files(oracle, aurum, spec)
    assert result.equal and result.rows_matched == 2


def test_missing_rows_and_columns_are_reported(tmp_path):
    oracle = write(tmp_path, "o.csv", HEADER + "meta,1,2,x,10,1.5,0.1\nmeta,1,4,x,10,1.5,0.1\n")
    aurum = write(tmp_path, "a.csv", "source,account_id,campaign_id,campaign_name,impressions,spend\n"
                                     "meta,1,2,x,10,1.5\nmeta,1,3,x,10,1.5\n")
    report = compare.compare_files(oracle, aurum, SPEC).report()
    assert "column 'ctr' missing" in report
    assert "campaign_id=4) only in expected" in report and "campaign_id=3) only in actual" in report


def test_cli_exit_codes(tmp_path, capsys):
    oracle = write(tmp_path, "silver.csv", "source,account_id,ad_id,date,spend\nmeta,1,2,2024-01-01,1.0\n")
    same = write(tmp_path, "same.csv", "source,account_id,ad_id,date,spend\nmeta,1,2,2024-01-01,1\n")
    other = write(tmp_path, "other.csv", "source,account_id,ad_id,date,spend\nmeta,1,2,2024-01-01,2\n")
    assert compare.main([oracle, same]) == 0
    assert compare.main([oracle, other]) == 1
    assert "expected '1.0', actual '2'" in capsys.readouterr().out
    assert compare.main([oracle, str(tmp_path / "missing.csv")]) == 2
