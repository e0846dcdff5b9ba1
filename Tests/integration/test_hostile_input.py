"""Hostile and careless input (issue 19): nothing destroyed, no wrong number, no trap, no hang, a clear message.

Each test names the item of issue 19 it keeps fixed. Every one was seen failing against the build before the fix.
"""
import json
import os
import resource
import shutil
import signal
import stat
import subprocess
import tempfile
from pathlib import Path

import pytest

from conftest import AURUM, aurum, generate, ingest


def write(path, text):
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def meta_page(ad_id, impressions="10", clicks="1", spend="2.50", date="2024-03-01"):
    return json.dumps({"data": [{
        "account_id": "1", "account_currency": "BRL", "campaign_id": "10", "campaign_name": "C", "ad_id": ad_id,
        "date_start": date, "date_stop": date, "impressions": impressions, "clicks": clicks, "spend": spend}],
        "paging": {}})


def no_trap(result):
    """Neither a Swift trap (SIGILL/SIGTRAP) nor a crash report."""
    assert result.returncode >= 0, f"killed by signal {-result.returncode}: {result.stderr[-2000:]}"
    assert result.returncode not in (132, 133, 134, 139), result.stderr[-2000:]
    assert "Fatal error" not in result.stderr and "crashed" not in result.stderr, result.stderr[-2000:]


def shell(command, timeout=120):
    return subprocess.run(["bash", "-c", command], capture_output=True, text=True, timeout=timeout)


@pytest.fixture(scope="module")
def store(tmp_path_factory):
    """A small generated store, read by the tests that do not change it."""
    tree = generate(tmp_path_factory.mktemp("hostile") / "bronze", 19, 3000)
    store = tmp_path_factory.mktemp("hostile-store") / "store"
    ingest(store, tree)
    return store


def fresh_store(tmp_path, store):
    copy = tmp_path / "store"
    shutil.copytree(store, copy)
    return copy


# ---- 1. export --out never destroys what is at the path ----

def test_export_refuses_a_path_inside_a_store(tmp_path, store):
    copy = fresh_store(tmp_path, store)
    manifest = (copy / "MANIFEST").read_bytes()
    result = aurum("export", "kpi_campaign_total", "--out", copy / "MANIFEST", store=copy, check=False)
    assert result.returncode == 1 and "inside the store" in result.stderr, result.stderr
    assert (copy / "MANIFEST").read_bytes() == manifest
    # Any directory holding a MANIFEST is a store, whichever --store is given, and through a symbolic link too.
    (tmp_path / "link").symlink_to(copy)
    for target in [copy / "tables" / "x.csv", tmp_path / "link" / "blobs" / "x.csv"]:
        result = aurum("export", "kpi_campaign_total", "--out", target, store=store, check=False)
        assert result.returncode == 1 and "inside the Aurum store" in result.stderr, result.stderr
        assert not target.exists()
    assert aurum("verify", store=copy).returncode == 0


def test_export_out_empty_is_an_error(tmp_path, store):
    result = subprocess.run([AURUM, "export", "kpi_campaign_total", "--store", str(store), "--out", ""],
                            capture_output=True, text=True, cwd=tmp_path)
    assert result.returncode == 1 and "file name is empty" in result.stderr, result.stderr
    assert list(tmp_path.iterdir()) == []


def test_export_writes_a_fifo_or_device_in_place(tmp_path, store):
    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        result = aurum("export", "kpi_campaign_total", "--out", fifo, store=store, check=False, timeout=60)
        received = reader.communicate(timeout=60)[0]
    finally:
        reader.kill()
        reader.wait()
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode), "the FIFO was replaced by a regular file"
    assert received.startswith(b"source,account_id,campaign_id")
    if os.geteuid() == 0:  # a private copy of /dev/null: a character device must stay one
        device = tmp_path / "null"
        os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 3))
        assert aurum("export", "kpi_campaign_total", "--out", device, store=store, check=False).returncode == 0
        assert stat.S_ISCHR(os.lstat(device).st_mode), "the device was replaced by a regular file"


def test_export_keeps_permissions_and_leaves_no_temporary(tmp_path, store):
    out = tmp_path / "out.csv"
    out.write_text("old")
    out.chmod(0o600)
    bystander = tmp_path / "out.csv.tmp"
    bystander.write_text("someone else's file")
    aurum("export", "kpi_campaign_total", "--out", out, store=store)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600
    assert out.read_text().startswith("source,")
    assert bystander.read_text() == "someone else's file"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out.csv", "out.csv.tmp"]

    # A write that fails midway (the file-size limit) leaves the old file and no temporary behind.
    def small_files():
        signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
        resource.setrlimit(resource.RLIMIT_FSIZE, (1000, 1000))

    failed = tmp_path / "failed"
    failed.mkdir()
    target = failed / "big.csv"
    target.write_text("old")
    result = subprocess.run([AURUM, "export", "ad_insights", "--store", str(store), "--out", str(target)],
                            capture_output=True, text=True, preexec_fn=small_files)
    assert result.returncode == 1, result.stderr
    assert target.read_text() == "old"
    assert [p.name for p in failed.iterdir()] == ["big.csv"], list(failed.iterdir())


def test_parquet_export_goes_through_the_same_checks(tmp_path, store):
    """--format parquet streams its file, but through the same door: never inside a store, permissions kept, no
    temporary left, a FIFO written in place."""
    copy = fresh_store(tmp_path, store)
    manifest = (copy / "MANIFEST").read_bytes()
    for target in [copy / "MANIFEST", copy / "tables" / "x.parquet"]:
        result = aurum("export", "kpi_campaign_total", "--format", "parquet", "--out", target, store=copy, check=False)
        assert result.returncode == 1 and "inside the" in result.stderr, result.stderr
    assert (copy / "MANIFEST").read_bytes() == manifest and not (copy / "tables" / "x.parquet").exists()
    result = aurum("export", "--all", "--format", "parquet", "--out", copy / "all", store=copy, check=False)
    assert result.returncode == 1 and "inside the" in result.stderr, result.stderr
    assert aurum("verify", store=copy).returncode == 0

    out = tmp_path / "total.parquet"
    out.write_text("old")
    out.chmod(0o600)
    aurum("export", "kpi_campaign_total", "--format", "parquet", "--out", out, store=store)
    assert stat.S_IMODE(out.stat().st_mode) == 0o600 and out.read_bytes()[:4] == b"PAR1"
    assert sorted(p.name for p in tmp_path.iterdir()) == ["store", "total.parquet"]

    fifo = tmp_path / "fifo"
    os.mkfifo(fifo)
    reader = subprocess.Popen(["cat", str(fifo)], stdout=subprocess.PIPE)
    try:
        result = aurum("export", "kpi_campaign_total", "--format", "parquet", "--out", fifo, store=store, check=False, timeout=60)
        received = reader.communicate(timeout=60)[0]
    finally:
        reader.kill()
        reader.wait()
    assert result.returncode == 0, result.stderr
    assert stat.S_ISFIFO(os.lstat(fifo).st_mode) and received[:4] == b"PAR1" and received[-4:] == b"PAR1"


# ---- 2. Gold sums never wrap ----

def test_gold_integer_overflow_is_an_error_naming_campaign_and_day(tmp_path):
    top = "9223372036854775807"
    write(tmp_path / "in" / "a.json", meta_page("100", impressions=top, clicks=top))
    write(tmp_path / "in" / "b.json", meta_page("101", impressions=top, clicks=top))
    result = aurum("ingest", tmp_path / "in", store=tmp_path / "store", check=False)
    assert result.returncode == 1, result.stdout
    assert "impressions" in result.stderr and "meta/1/10" in result.stderr and "2024-03-01" in result.stderr, result.stderr
    assert "-2" not in aurum("export", "kpi_campaign_daily", store=tmp_path / "store").stdout


def test_gold_spend_overflow_is_an_error_not_inf(tmp_path):
    huge = "9" * 308 + ".5"
    write(tmp_path / "in" / "a.json", meta_page("100", spend=huge))
    write(tmp_path / "in" / "b.json", meta_page("101", spend=huge))
    result = aurum("ingest", tmp_path / "in", store=tmp_path / "store", check=False)
    assert result.returncode == 1 and "spend" in result.stderr and "meta/1/10" in result.stderr, result.stderr
    exported = aurum("export", "kpi_campaign_total", store=tmp_path / "store").stdout
    assert "inf" not in exported


# ---- 3. unreadable input is rejected by name ----

def run_unprivileged(args, base):
    """`aurum args` as a user that permissions apply to (root reads everything)."""
    if os.geteuid() != 0:
        return subprocess.run([AURUM, *map(str, args)], capture_output=True, text=True, timeout=120, cwd=base)
    if shutil.which("setpriv") is None:
        pytest.skip("running as root without setpriv: permissions cannot be tested")
    return subprocess.run(["setpriv", "--reuid=65534", "--regid=65534", "--clear-groups", AURUM, *map(str, args)],
                          capture_output=True, text=True, timeout=120, cwd=base)


def test_unreadable_directory_and_file_are_rejected_by_name():
    base = Path(tempfile.mkdtemp(prefix="aurum-unreadable-"))
    try:
        base.chmod(0o777)
        write(base / "in" / "ok" / "a.json", meta_page("100"))
        write(base / "in" / "locked" / "b.json", meta_page("101"))
        write(base / "in" / "secret.json", meta_page("102"))
        for path in [base / "in", base / "in" / "ok", base / "in" / "ok" / "a.json"]:
            path.chmod(0o755 if path.is_dir() else 0o644)
        (base / "in" / "locked").chmod(0o000)
        (base / "in" / "secret.json").chmod(0o000)
        result = run_unprivileged(["ingest", "--json", "in", "--store", "store"], base)
        assert result.returncode == 1, result.stdout + result.stderr
        rejected = {item["path"]: item["reason"] for item in json.loads(result.stdout)["files_rejected"]}
        assert "Permission denied" in rejected.get("in/locked", ""), rejected
        assert "Permission denied" in rejected.get("in/secret.json", ""), rejected
    finally:
        (base / "in" / "locked").chmod(0o755)
        shutil.rmtree(base)


# ---- 4. --conversion-preference is validated ----

@pytest.mark.parametrize("preference, expected", [
    ("", "names no action type"),
    ("purchse", "did you mean 'purchase'?"),
    ("purchase,", "action type 2 is empty"),
])
def test_conversion_preference_is_validated(tmp_path, preference, expected):
    write(tmp_path / "in" / "a.json", meta_page("100"))
    result = aurum("ingest", tmp_path / "in", "--conversion-preference", preference, store=tmp_path / "store", check=False)
    assert result.returncode == 1 and expected in result.stderr, result.stderr
    assert "invalid --conversion-preference" in result.stderr


# ---- 5. verify sees a re-signed manifest that lists a file twice or disagrees with the segments ----

def xxh64(data, seed=0):
    """XXH64, to re-sign an edited manifest as a tamperer would."""
    p1, p2, p3, p4, p5 = 11400714785074694791, 14029467366897019727, 1609587929392839161, 9650029242287828579, 2870177450012600261
    mask = (1 << 64) - 1

    def rotl(x, r):
        return ((x << r) | (x >> (64 - r))) & mask

    def step(acc, lane):
        return (rotl((acc + lane * p2) & mask, 31) * p1) & mask

    def u64(i):
        return int.from_bytes(data[i:i + 8], "little")

    n, i = len(data), 0
    if n >= 32:
        v = [(seed + p1 + p2) & mask, (seed + p2) & mask, seed, (seed - p1) & mask]
        while i + 32 <= n:
            v = [step(v[k], u64(i + 8 * k)) for k in range(4)]
            i += 32
        h = (rotl(v[0], 1) + rotl(v[1], 7) + rotl(v[2], 12) + rotl(v[3], 18)) & mask
        for lane in v:
            h = ((h ^ step(0, lane)) * p1 + p4) & mask
    else:
        h = (seed + p5) & mask
    h = (h + n) & mask
    while i + 8 <= n:
        h = (rotl(h ^ step(0, u64(i)), 27) * p1 + p4) & mask
        i += 8
    if i + 4 <= n:
        h = (rotl(h ^ ((int.from_bytes(data[i:i + 4], "little") * p1) & mask), 23) * p2 + p3) & mask
        i += 4
    while i < n:
        h = (rotl(h ^ ((data[i] * p5) & mask), 11) * p1) & mask
        i += 1
    h = ((h ^ (h >> 33)) * p2) & mask
    h = ((h ^ (h >> 29)) * p3) & mask
    return h ^ (h >> 32)


def resign(manifest_path, edit):
    magic, body, checksum, _ = manifest_path.read_bytes().split(b"\n")
    assert checksum == b"xxh64 %016x" % xxh64(body), "the test's XXH64 disagrees with the store's"
    document = json.loads(body)
    edit(document)
    body = json.dumps(document, sort_keys=True, separators=(",", ":")).encode()
    manifest_path.write_bytes(magic + b"\n" + body + b"\n" + b"xxh64 %016x" % xxh64(body) + b"\n")


def test_verify_refuses_a_manifest_listing_a_segment_twice(tmp_path, store):
    copy = fresh_store(tmp_path, store)
    resign(copy / "MANIFEST", lambda m: m["tables"]["ad_insights"]["segments"].append(m["tables"]["ad_insights"]["segments"][0]))
    result = aurum("verify", store=copy, check=False)
    assert result.returncode == 1 and "twice" in result.stderr, result.stdout + result.stderr
    rebuilt = aurum("rebuild", "--gold-only", store=copy, check=False)
    assert rebuilt.returncode == 1 and "twice" in rebuilt.stderr  # Gold is never built from doubled Silver


def test_verify_refuses_a_manifest_listing_a_pack_twice(tmp_path, store):
    copy = fresh_store(tmp_path, store)
    resign(copy / "MANIFEST", lambda m: m["blobPacks"].append(m["blobPacks"][0]))
    result = aurum("verify", store=copy, check=False)
    assert result.returncode == 1 and "twice" in result.stderr, result.stdout + result.stderr


def test_verify_checks_segment_schemas_against_the_manifest(tmp_path, store):
    copy = fresh_store(tmp_path, store)

    def swap_names(m):
        columns = m["tables"]["kpi_campaign_daily"]["columns"]
        names = [c["name"] for c in columns]
        a, b = names.index("impressions"), names.index("clicks")
        columns[a]["name"], columns[b]["name"] = "clicks", "impressions"

    resign(copy / "MANIFEST", swap_names)
    result = aurum("verify", store=copy, check=False)
    assert result.returncode == 1 and "schema" in result.stderr, result.stdout + result.stderr


# ---- 6. a Meta page in [ ], or with two "data" members, is not a data page ----

def test_wrapped_or_repeated_meta_data_is_rejected(tmp_path):
    write(tmp_path / "in" / "wrapped.json", "[" + meta_page("100") + "]")
    write(tmp_path / "in" / "twice.json", meta_page("101")[:-1] + ', "data": []}')
    summary, result = ingest(tmp_path / "store", tmp_path / "in", check=False)
    assert result.returncode == 1
    rejected = {Path(item["path"]).name: item["reason"] for item in summary["files_rejected"]}
    assert "Meta page wrapped in an array" in rejected.get("wrapped.json", ""), rejected
    assert "2 'data' members" in rejected.get("twice.json", ""), rejected


# ---- 7. a failed write to stdout or stderr never traps ----

def test_closed_pipe_ends_quietly(store):
    query = [AURUM, "query", "SELECT * FROM ad_insights", "--format", "csv", "--store", str(store)]
    # SIGPIPE ignored, as Python and many supervisors leave it: the write fails with EPIPE.
    process = subprocess.Popen(query, stdout=subprocess.PIPE, stderr=subprocess.PIPE, restore_signals=False)
    process.stdout.readline()
    process.stdout.close()
    stderr = process.stderr.read().decode()
    assert process.wait(timeout=120) == 0, stderr
    assert stderr == ""
    # And from a shell, with SIGPIPE at its default.
    result = shell(f"'{AURUM}' query 'SELECT * FROM ad_insights' --format csv --store '{store}' | head -1; exit ${{PIPESTATUS[0]}}")
    assert result.returncode == 0 and result.stderr == "", result.stderr


def test_full_or_closed_stdout_is_a_clear_error(store):
    readers = (store / "READERS").read_bytes()
    for redirect, message in [("> /dev/full", "No space left on device"), (">&-", "standard output: it is closed")]:
        result = shell(f"'{AURUM}' query 'SELECT * FROM kpi_campaign_total' --store '{store}' {redirect}")
        no_trap(result)
        assert result.returncode == 1 and message in result.stderr, result.stderr
    # A closed stdout must not be reused for a store file (the result once went into READERS).
    assert (store / "READERS").read_bytes() == readers


def test_closed_stderr_does_not_trap(store):
    result = shell(f"'{AURUM}' query 'SELECT * FROM no_such_table' --store '{store}' 2>&-")
    no_trap(result)
    assert result.returncode == 1


def test_an_ingest_whose_summary_cannot_be_written_says_it_committed(tmp_path):
    write(tmp_path / "in" / "a.json", meta_page("100"))
    result = shell(f"'{AURUM}' ingest '{tmp_path / 'in'}' --store '{tmp_path / 'store'}' > /dev/full")
    no_trap(result)
    assert result.returncode == 1 and "committed" in result.stderr, result.stderr
    counted = aurum("query", "SELECT count(*) AS n FROM ad_insights", "--format", "csv", store=tmp_path / "store")
    assert counted.stdout.split() == ["n", "1"]


# ---- 11. FIFOs and symbolic-link loops neither block nor blow up the walk ----

def test_fifo_and_link_loops_in_the_input(tmp_path):
    inputs = tmp_path / "in"
    write(inputs / "sub" / "a.json", meta_page("100"))
    os.mkfifo(inputs / "pipe")
    for index in range(24):  # each a way back up: 2^24 paths without cycle detection
        (inputs / "sub" / f"up{index}").symlink_to("..")
    # (Before the fix this blocked on the FIFO, and without it walked the loops until memory ran out.)
    result = aurum("ingest", "--json", inputs, store=tmp_path / "store", check=False, timeout=30)
    assert result.returncode == 0, result.stderr
    summary = json.loads(result.stdout)
    assert summary["files_new"] == 1 and summary["totals"]["silver_rows"] == 1
    notes = {Path(item["path"]).name: item["reason"] for item in summary["inputs_passed_over"]}
    assert "FIFO" in notes["pipe"]
    assert "already read" in notes["up0"]


# ---- 13. clear messages ----

def test_broken_input_link_is_named_as_such(tmp_path):
    write(tmp_path / "in" / "a.json", meta_page("100"))
    (tmp_path / "in" / "gone.json").symlink_to(tmp_path / "nowhere.json")
    summary, result = ingest(tmp_path / "store", tmp_path / "in", check=False)
    assert result.returncode == 1
    rejected = {Path(item["path"]).name: item["reason"] for item in summary["files_rejected"]}
    assert "broken symbolic link" in rejected["gone.json"] and "manifest" not in rejected["gone.json"]


def test_lost_manifest_is_named_for_readers(tmp_path, store):
    copy = fresh_store(tmp_path, store)
    (copy / "MANIFEST").unlink()
    result = aurum("query", "SELECT count(*) FROM ad_insights", store=copy, check=False)
    assert result.returncode == 1 and "no MANIFEST" in result.stderr and "aurum ingest" not in result.stderr, result.stderr


def test_damage_advice_fits_the_file(tmp_path, store):
    copy = fresh_store(tmp_path, store)
    pack = sorted((copy / "blobs").glob("*.pack"))[0]
    data = bytearray(pack.read_bytes())
    data[len(data) // 2] ^= 0xFF
    pack.write_bytes(bytes(data))
    result = aurum("verify", store=copy, check=False)
    assert result.returncode == 1 and pack.name in result.stderr
    assert "`aurum rebuild` cannot help" in result.stderr, result.stderr

    copy2 = tmp_path / "store2"
    shutil.copytree(store, copy2)
    with open(copy2 / "MANIFEST", "ab") as manifest:
        manifest.write(b"garbage")
    result = aurum("verify", store=copy2, check=False)
    assert result.returncode == 1 and "unexpected bytes after the checksum line" in result.stderr, result.stderr
    assert "cannot help" in result.stderr


def test_query_file_may_be_a_fifo_and_errors_say_why(tmp_path, store):
    fifo = tmp_path / "q.sql"
    os.mkfifo(fifo)
    result = shell(f"(echo 'SELECT count(*) AS n FROM kpi_campaign_total' > '{fifo}' &); "
                   f"'{AURUM}' query -f '{fifo}' --format csv --store '{store}'")
    assert result.returncode == 0 and result.stdout.startswith("n\n"), result.stderr
    result = aurum("query", "-f", tmp_path, store=store, check=False)
    assert result.returncode == 1 and "Is a directory" in result.stderr, result.stderr


def test_invisible_characters_in_a_query_are_shown_escaped(store):
    result = aurum("query", "\ufeffSELECT 1 FROM kpi_campaign_total", store=store, check=False)
    assert result.returncode == 1 and "<U+FEFF>" in result.stderr, result.stderr
    result = aurum("query", "SELECT 1\x01 FROM kpi_campaign_total", store=store, check=False)
    lines = result.stderr.splitlines()
    assert "<U+0001>" in lines[0] and "<U+0001>" in lines[1], result.stderr
    assert lines[2].index("^") == lines[1].index("<U+0001>"), result.stderr  # the caret still points at it


def test_negative_weeks_is_named(store):
    result = aurum("report", "--weeks", "-1", store=store, check=False)
    assert result.returncode != 0 and "--weeks must be" in result.stderr and "Missing value" not in result.stderr, result.stderr
