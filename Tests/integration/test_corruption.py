"""Corruption: flipping any byte of a segment, delete file, Bronze pack or the manifest is detected and reported
with the file's name; it is never read silently."""
import random
import shutil

from conftest import aurum, ingest


def store_files(store):
    return sorted(p for p in store.rglob("*") if p.is_file() and p.name not in ("LOCK", "READERS"))


def test_every_flipped_byte_is_detected(tmp_path, messy_tree):
    store = tmp_path / "store"
    files = sorted((str(p) for p in messy_tree.rglob("*") if p.is_file()), key=lambda s: s.encode())
    ingest(store, *[f for f in files if "_restate" not in f])
    ingest(store, *[f for f in files if "_restate" in f])  # a small second run: restated rows become delete files
    assert any(p.suffix == ".del" for p in store_files(store)), "expected a delete file after restatements"
    rng = random.Random(7)
    pristine = tmp_path / "pristine"
    shutil.copytree(store, pristine)
    checked = 0
    for path in store_files(store):
        data = path.read_bytes()
        relative = path.relative_to(store)
        # The first and last 64 bytes (header, footer, trailer) and random positions in between.
        positions = set(range(min(64, len(data)))) | set(range(max(0, len(data) - 64), len(data)))
        positions |= {rng.randrange(len(data)) for _ in range(24)}
        for position in sorted(positions)[:: max(1, len(positions) // 40)]:
            damaged = bytearray(data)
            damaged[position] ^= 1 << rng.randrange(8)
            path.write_bytes(bytes(damaged))
            result = aurum("verify", store=store, check=False)
            assert result.returncode != 0, f"flipping byte {position} of {relative} went unnoticed"
            assert str(relative.name) in result.stderr or relative.name == "MANIFEST", result.stderr
            checked += 1
        path.write_bytes(data)
    assert aurum("verify", store=store).returncode == 0
    assert checked > 100


def test_reading_a_damaged_table_fails_with_the_file_name(tmp_path, messy_tree):
    store = tmp_path / "store"
    ingest(store, messy_tree)
    segment = sorted((store / "tables" / "kpi_campaign_daily").glob("*.seg"))[0]
    data = bytearray(segment.read_bytes())
    data[len(data) // 2] ^= 0xFF
    segment.write_bytes(bytes(data))
    result = aurum("export", "kpi_campaign_daily", store=store, check=False)
    assert result.returncode == 1
    assert segment.name in result.stderr and "corrupt" in result.stderr
    assert result.stdout == ""  # nothing half-written to stdout


def test_a_truncated_segment_is_reported(tmp_path, messy_tree):
    store = tmp_path / "store"
    ingest(store, messy_tree)
    segment = sorted((store / "tables" / "ad_insights").glob("*.seg"))[0]
    segment.write_bytes(segment.read_bytes()[:-100])
    result = aurum("export", "ad_insights", store=store, check=False)
    assert result.returncode == 1 and segment.name in result.stderr
