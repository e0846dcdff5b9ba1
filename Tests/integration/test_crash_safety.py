"""Crash safety: `aurum ingest` killed with SIGKILL at random moments leaves a store that opens, passes its
checksums and, once the ingest is run again to the end, gives the same Gold as an uninterrupted run."""
import filecmp
import random
import signal
import subprocess
import time

from conftest import AURUM, COMPARED_TABLES, aurum, export_all, ingest, runs_of


def kill_after(delay, store, *paths):
    """Starts an ingest and SIGKILLs it after `delay` seconds (if still running); returns True if killed."""
    process = subprocess.Popen([AURUM, "ingest", "--store", str(store), *map(str, paths)],
                               stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    time.sleep(delay)
    if process.poll() is None:
        process.send_signal(signal.SIGKILL)
        process.wait()
        return True
    return False


def assert_store_is_consistent(store):
    if not (store / "MANIFEST").exists():
        return  # killed before the first commit: there is no store yet, which is a consistent state
    result = aurum("verify", store=store, check=False)
    assert result.returncode == 0, result.stdout + result.stderr


def test_sigkill_at_random_moments_never_breaks_the_store(tmp_path, messy_tree, messy_store):
    _, _, uninterrupted = messy_store
    runs = runs_of(messy_tree, 3)
    # How long an uninterrupted ingest of the first run takes, to spread the kills over it.
    started = time.monotonic()
    ingest(tmp_path / "timing", *runs[0])
    duration = time.monotonic() - started
    rng = random.Random(20241124)
    store = tmp_path / "store"
    kills = 0
    for run in runs:
        for _ in range(12):
            kills += kill_after(rng.uniform(0, duration * 1.2), store, *run)
            assert_store_is_consistent(store)
        ingest(store, *run)  # the run completes after the crashes
        assert_store_is_consistent(store)
    assert kills >= 10, f"only {kills} ingests were actually killed mid-way"
    after = export_all(store, tmp_path / "after")
    for table in COMPARED_TABLES:
        assert filecmp.cmp(uninterrupted[table], after[table], shallow=False), f"{table} differs after crashes"
    leftovers = [p for p in store.rglob("*.tmp")]
    assert not leftovers, leftovers
