"""Which aurum binary Benchmarks/run.py measures: the one `make install` ships (`make static`), built the way the
Makefile builds it; `--aurum` overrides; `--skip-build` takes the static build, else the dynamic one with a note.

Nothing is built or timed here: the build is a recorded stand-in for `subprocess.run`.
"""
import re
import sys
import types
from pathlib import Path

import pytest

from conftest import REPO

sys.path.insert(0, str(REPO / "Benchmarks"))
import run as bench  # noqa: E402


def arguments(aurum=None, skip_build=False):
    return types.SimpleNamespace(aurum=aurum, skip_build=skip_build)


@pytest.fixture
def binaries(tmp_path, monkeypatch):
    """Points run.py's two build outputs into tmp_path; returns (static, dynamic) paths, neither created."""
    static, dynamic = tmp_path / "static" / "release" / "aurum", tmp_path / "release" / "aurum"
    monkeypatch.setattr(bench, "STATIC_BINARY", static)
    monkeypatch.setattr(bench, "DYNAMIC_BINARY", dynamic)
    monkeypatch.setattr(bench, "REPO", tmp_path)
    monkeypatch.setattr(bench, "say", lambda message: None)
    return static, dynamic


def make(path: Path) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text("#!/bin/sh\n")
    return path


def test_the_build_command_is_the_makefiles_static_target():
    makefile = (REPO / "Makefile").read_text()
    scratch = re.search(r"^STATIC_BUILD = (\S+)$", makefile, re.M).group(1)
    recipe = re.search(r"^static:.*\n\t\$\(SWIFT\) (.+)$", makefile, re.M).group(1)
    expected = ["swift"] + recipe.replace("$(STATIC_BUILD)", str(REPO / scratch)).split()
    assert bench.STATIC_BUILD == expected
    assert bench.STATIC_BINARY == REPO / scratch / "release" / "aurum"


def test_it_builds_and_measures_the_static_binary(binaries, monkeypatch):
    static, dynamic = binaries
    make(dynamic)
    commands = []

    def fake_run(command, **options):
        commands.append(command)
        make(static)
        return types.SimpleNamespace(returncode=0, stdout="", stderr="")

    monkeypatch.setattr(bench.subprocess, "run", fake_run)
    path, build = bench.build_aurum(arguments())
    assert commands == [bench.STATIC_BUILD]
    assert path == static and "--static-swift-stdlib" in build


def test_a_failed_build_stops_the_run(binaries, monkeypatch):
    monkeypatch.setattr(bench.subprocess, "run",
                        lambda command, **options: types.SimpleNamespace(returncode=1, stdout="", stderr="boom"))
    with pytest.raises(bench.BenchmarkError, match="boom"):
        bench.build_aurum(arguments())


def test_skip_build_takes_the_static_build_when_present(binaries, monkeypatch):
    static, dynamic = make(binaries[0]), make(binaries[1])
    monkeypatch.setattr(bench.subprocess, "run", lambda *a, **k: pytest.fail("--skip-build must not build"))
    assert bench.build_aurum(arguments(skip_build=True))[0] == static


def test_skip_build_falls_back_to_the_dynamic_build_and_says_so(binaries, monkeypatch):
    static, dynamic = binaries
    make(dynamic)
    monkeypatch.setattr(bench.subprocess, "run", lambda *a, **k: pytest.fail("--skip-build must not build"))
    path, build = bench.build_aurum(arguments(skip_build=True))
    assert path == dynamic and "not the installed build" in build


def test_skip_build_without_any_build_names_the_missing_binary(binaries):
    with pytest.raises(bench.BenchmarkError, match="make static"):
        bench.build_aurum(arguments(skip_build=True))


def test_aurum_overrides_and_builds_nothing(binaries, tmp_path, monkeypatch):
    given = make(tmp_path / "elsewhere" / "aurum")
    monkeypatch.setattr(bench.subprocess, "run", lambda *a, **k: pytest.fail("--aurum must not build"))
    assert bench.build_aurum(arguments(aurum=str(given)))[0] == given.resolve()
    with pytest.raises(bench.BenchmarkError, match="no aurum binary"):
        bench.build_aurum(arguments(aurum=str(tmp_path / "missing")))
