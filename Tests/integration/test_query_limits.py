"""Issue 19, items 8 and 12 end to end: hostile query shapes end with a clear error and exit 1 (never a
signal), in `aurum query` and in the REPL, and query text read from a file or standard input stops at the
size limit (docs/query-language.md, "Limits")."""
import json
import subprocess

import pytest

from conftest import AURUM, aurum, generate, ingest

DEPTH_LIMIT = 250
SIZE_LIMIT = 1 << 20


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    tree = generate(tmp_path_factory.mktemp("limits-bronze") / "bronze", 20241204, 300)
    store = tmp_path_factory.mktemp("limits-store") / "store"
    ingest(store, tree)
    return store


DEEP_SHAPES = {
    "4,400 nested parentheses": "SELECT " + "(" * 4400 + "1" + ")" * 4400 + " FROM ad_insights",
    "3,700 nested calls": "SELECT " + "abs(" * 3700 + "1" + ")" * 3700 + " FROM ad_insights",
    "12,800 ANDs": "SELECT count(*) FROM ad_insights WHERE " + " AND ".join(["spend > 0"] * 12800),
    "12,800 ORs": "SELECT count(*) FROM ad_insights WHERE " + " OR ".join(["spend > 0"] * 12800),
    "12,800 pluses": "SELECT " + " + ".join(["1"] * 12800) + " FROM ad_insights",
}


@pytest.mark.parametrize("name", DEEP_SHAPES)
def test_deep_query_is_an_error_not_a_crash(store, name):
    result = subprocess.run([AURUM, "query", "--store", str(store)], input=DEEP_SHAPES[name],
                            capture_output=True, text=True, timeout=120)
    assert result.returncode == 1, result.stderr[-2000:]
    assert f"more than {DEPTH_LIMIT} levels deep" in result.stderr


def test_repl_survives_a_deep_query(store):
    script = DEEP_SHAPES["4,400 nested parentheses"] + ";\nSELECT 41 + 1 AS answer FROM ad_insights LIMIT 1;\n"
    result = subprocess.run([AURUM, "repl", "--store", str(store)], input=script, capture_output=True, text=True,
                            timeout=120)
    assert result.returncode >= 0, result.stderr[-2000:]  # not killed by a signal
    assert f"more than {DEPTH_LIMIT} levels deep" in result.stdout + result.stderr
    assert "42" in result.stdout


@pytest.mark.parametrize("source", ["stdin", "file"])
def test_endless_query_text_stops_at_the_size_limit(store, source):
    args = [AURUM, "query", "--store", str(store)]
    with open("/dev/zero", "rb") as zero:
        if source == "stdin":
            result = subprocess.run(args, stdin=zero, capture_output=True, timeout=120)
        else:
            result = subprocess.run(args + ["-f", "/dev/zero"], capture_output=True, timeout=120)
    assert result.returncode == 1
    assert f"more than {SIZE_LIMIT} bytes".encode() in result.stderr


def test_long_concatenation_with_limit(store):
    query = "SELECT " + " || ".join(["campaign_name"] * 200) + " AS x FROM ad_insights LIMIT 1"
    result = json.loads(aurum("query", "--format", "json", query, store=store).stdout)
    name = json.loads(aurum("query", "--format", "json", "SELECT campaign_name FROM ad_insights LIMIT 1", store=store).stdout)
    assert result == [{"x": name[0]["campaign_name"] * 200}]
