"""`make install` ships a binary that runs without the Swift toolchain, with completions and a man page.

The install test runs `make install PREFIX=<tmp>` (a release build with the Swift runtime linked statically, in
.build/static: minutes the first time, seconds after), then runs the installed binary in a clean environment
(`env -i`, a PATH that reaches no toolchain): --version, ingest of the bundled sample, a query and an export must
succeed and give what the debug binary gives. The documentation checks (every environment variable Aurum reads
is documented; the CI workflow is valid) need no install.
"""
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import AURUM, REPO

SAMPLE = REPO / "datasets" / "sample"
# A PATH that reaches no program at all, so certainly no Swift toolchain (which the Swift images put in /usr/bin):
# the installed binary needs none.
CLEAN_PATH = "/nonexistent/aurum-test-clean-path"
# The Swift runtime's shared libraries: none may be needed by the installed binary.
SWIFT_RUNTIME = re.compile(r"libswift|libFoundation|lib_Foundation|libdispatch|libBlocksRuntime|/opt/swift|usr/lib/swift")


def expected_version():
    """What Plugins/AurumVersion bakes in for this checkout."""
    result = subprocess.run(["git", "-C", str(REPO), "describe", "--tags", "--always", "--dirty"],
                            capture_output=True, text=True)
    return result.stdout.strip() if result.returncode == 0 and result.stdout.strip() else "dev"


def environment_variables_in_sources():
    """Every environment variable the Swift sources read: names such as AURUM_STORE or TOGETHER_API_KEY in quotes."""
    names = set()
    for path in (REPO / "Sources").rglob("*.swift"):
        names.update(re.findall(r'"((?:AURUM|TOGETHER)_[A-Z0-9_]+)"', path.read_text(encoding="utf-8")))
    return names


@pytest.fixture(scope="module")
def prefix(tmp_path_factory):
    prefix = tmp_path_factory.mktemp("prefix")
    result = subprocess.run(["make", "install", f"PREFIX={prefix}"], cwd=REPO, capture_output=True, text=True, timeout=3600)
    assert result.returncode == 0, f"make install failed\n{result.stdout[-4000:]}\n{result.stderr[-4000:]}"
    return prefix


def clean_run(prefix, *args, home, check=True):
    """The installed aurum with nothing inherited: only HOME and a PATH that reaches no program."""
    command = ["env", "-i", f"HOME={home}", f"PATH={CLEAN_PATH}", str(prefix / "bin" / "aurum"), *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=600)
    if check:
        assert result.returncode == 0, f"{' '.join(command)} exited {result.returncode}\n{result.stdout}\n{result.stderr}"
    return result


def test_installed_tree(prefix):
    for path in ["bin/aurum", "share/man/man1/aurum.1", "share/bash-completion/completions/aurum",
                 "share/zsh/site-functions/_aurum", "share/fish/vendor_completions.d/aurum.fish"]:
        assert (prefix / path).is_file() and (prefix / path).stat().st_size > 0, path
    assert os.access(prefix / "bin" / "aurum", os.X_OK)


def test_no_swift_runtime_library(prefix):
    ldd = subprocess.run(["ldd", str(prefix / "bin" / "aurum")], capture_output=True, text=True, check=True).stdout
    assert not SWIFT_RUNTIME.search(ldd), ldd
    assert "not found" not in ldd, ldd
    # The C libraries it is meant to link are there (what the Dockerfile's runtime stage installs); libcurl and
    # libcrypto are not linked but loaded at their first use (test_installed_binary_reaches_a_model_endpoint
    # ingests, which takes SHA-256s, and asks a stub model over HTTP).
    for library in ["libzstd.so", "libedit.so"]:
        assert library in ldd, ldd
    assert "libcurl" not in ldd and "libcrypto" not in ldd, ldd


def test_runs_without_the_toolchain(prefix, tmp_path):
    home = tmp_path / "home"
    home.mkdir()
    version = clean_run(prefix, "--version", home=home).stdout.splitlines()
    assert version[0] == f"aurum {expected_version()}", version
    assert version[1].startswith("store format: manifest 1, segment 2 (reads 1-2), blob pack 1"), version

    store = tmp_path / "store"
    ingested = json.loads(clean_run(prefix, "ingest", "--json", "--store", store, SAMPLE, home=home).stdout)
    assert ingested["totals"]["identity_holds"] and ingested["files_new"] > 0, ingested

    # The same answers as the debug build of the same sources (a different optimiser and a static runtime
    # must not change a number).
    sql = "SELECT campaign_name, sum(spend) AS spend FROM kpi_campaign_total GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT 5"
    installed = clean_run(prefix, "query", "--format", "csv", "--store", store, sql, home=home).stdout
    debug = subprocess.run([AURUM, "query", "--format", "csv", "--store", str(store), sql], capture_output=True, text=True, check=True).stdout
    assert installed == debug and len(installed.splitlines()) == 6, installed

    out = tmp_path / "weekly.csv"
    clean_run(prefix, "export", "kpi_campaign_weekly", "--out", out, "--store", store, home=home)
    debug_out = tmp_path / "weekly-debug.csv"
    subprocess.run([AURUM, "export", "kpi_campaign_weekly", "--out", str(debug_out), "--store", str(store)], check=True, capture_output=True)
    assert out.read_bytes() == debug_out.read_bytes() and out.stat().st_size > 0


def dump_help():
    """The command tree as swift-argument-parser describes it (the debug binary: same sources)."""
    return json.loads(subprocess.run([AURUM, "--experimental-dump-help"], capture_output=True, text=True, check=True).stdout)["command"]


def subcommands(command):
    for sub in command.get("subcommands", []):
        yield sub
        yield from subcommands(sub)


def test_bash_completion_lists_the_subcommands(prefix):
    script = prefix / "share" / "bash-completion" / "completions" / "aurum"
    spec = subprocess.run(["bash", "--norc", "-c", f"source '{script}' && complete -p aurum"], capture_output=True, text=True)
    assert spec.returncode == 0, spec.stderr
    function = re.search(r"-F (\S+)", spec.stdout)
    assert function, spec.stdout
    # What bash offers after `aurum <TAB>`.
    offered = subprocess.run(
        ["bash", "--norc", "-c",
         f"source '{script}'; COMP_WORDS=(aurum ''); COMP_CWORD=1; COMP_LINE='aurum '; COMP_POINT=6; "
         f"{function.group(1)} aurum '' aurum; printf '%s\\n' \"${{COMPREPLY[@]}}\""],
        capture_output=True, text=True)
    assert offered.returncode == 0, offered.stderr
    names = {sub["commandName"] for sub in dump_help()["subcommands"]}
    assert names <= set(offered.stdout.split()), (names, offered.stdout)


def test_zsh_and_fish_completions_parse(prefix):
    for shell, path in [("zsh", "share/zsh/site-functions/_aurum"), ("fish", "share/fish/vendor_completions.d/aurum.fish")]:
        text = (prefix / path).read_text()
        assert "ingest" in text and "query" in text, path
        if shutil.which(shell):
            result = subprocess.run([shell, "-n", str(prefix / path)], capture_output=True, text=True)
            assert result.returncode == 0, result.stderr


def test_man_page_renders_and_is_complete(prefix):
    # A wide page, so that no word is hyphenated across lines and every name can be found whole.
    result = subprocess.run(["man", "-l", str(prefix / "share" / "man" / "man1" / "aurum.1")],
                            capture_output=True, text=True, env={**os.environ, "MANWIDTH": "1000", "MAN_KEEP_FORMATTING": ""})
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == "", result.stderr  # no mdoc warnings
    page = result.stdout
    flat = " ".join(page.split())
    root = dump_help()
    for command in [root, *subcommands(root)]:
        assert command["commandName"] in page, command["commandName"]
        # Each abstract whole, its non-ASCII characters spelled in ASCII (generate-manual would drop them).
        if command.get("abstract"):
            ascii_abstract = subprocess.run(["iconv", "-f", "UTF-8", "-t", "ASCII//TRANSLIT"], input=command["abstract"],
                                            capture_output=True, text=True, env={"LC_ALL": "C.UTF-8"}, check=True).stdout
            assert " ".join(ascii_abstract.split()) in flat, command["abstract"]
        for argument in command.get("arguments", []):
            if not argument.get("shouldDisplay", True):
                continue
            for name in argument.get("names", []):
                spelled = ("--" if name["kind"] == "long" else "-") + name["name"]
                assert spelled in page, f"{command['commandName']}: {spelled}"
    for variable in environment_variables_in_sources():
        assert variable in page, variable


def test_every_environment_variable_is_documented():
    """`aurum help config` and docs/configuration.md name every variable the sources read."""
    variables = environment_variables_in_sources()
    assert {"AURUM_STORE", "AURUM_CONFIG", "AURUM_LLM_API_KEY"} <= variables, variables
    help_text = subprocess.run([AURUM, "help", "config"], capture_output=True, text=True, check=True).stdout
    doc = (REPO / "docs" / "configuration.md").read_text()
    for variable in variables:
        assert variable in help_text, f"aurum help config lacks {variable}"
        assert variable in doc, f"docs/configuration.md lacks {variable}"


def test_config_refuses_a_readable_file_holding_a_key(tmp_path):
    config = tmp_path / "config.json"
    config.write_text('{"aurum_llm_api_key": "secret-key", "AURUM_GOOGLE_OAUTH_REFRESH_TOKEN": "secret-refresh"}')
    config.chmod(0o644)
    environment = {"HOME": str(tmp_path), "PATH": CLEAN_PATH, "AURUM_CONFIG": str(config)}
    refused = subprocess.run([AURUM, "config"], capture_output=True, text=True, env=environment)
    assert refused.returncode == 1 and f"chmod 600 {config}" in refused.stderr, refused.stderr
    assert "secret-" not in refused.stderr + refused.stdout
    config.chmod(0o600)
    shown = subprocess.run([AURUM, "config"], capture_output=True, text=True, env=environment)
    assert shown.returncode == 0 and "API key set" in shown.stdout and "secret-" not in shown.stdout, shown.stdout
    assert "  AURUM_GOOGLE_OAUTH_REFRESH_TOKEN=(set, hidden)" in shown.stdout, shown.stdout


def test_config_shows_every_variable_the_sources_read_with_secrets_hidden(tmp_path):
    """`aurum config` lists each of Aurum's variables that is set (ConfigReport.variables is complete), and hides
    the secrets (the *_KEY, *_TOKEN and *_SECRET ones)."""
    environment = {name: f"value-of-{name}" for name in environment_variables_in_sources()}
    environment.update(AURUM_CONFIG=str(tmp_path / "none.json"), AURUM_LLM_BASE_URL="http://127.0.0.1:9/v1",
                       AURUM_LLM_TIMEOUT="5", HOME=str(tmp_path), PATH=CLEAN_PATH)
    shown = subprocess.run([AURUM, "config"], capture_output=True, text=True, env=environment)
    assert shown.returncode == 0, shown.stderr
    for name in environment_variables_in_sources():
        assert f"\n  {name}=" in shown.stdout, f"aurum config does not show {name}"
        if name.endswith(("_KEY", "_TOKEN", "_SECRET")):
            assert f"  {name}=(set, hidden)" in shown.stdout and f"value-of-{name}" not in shown.stdout, name


def test_ci_workflow_is_valid_and_runs_the_readme_test_command():
    workflow = REPO / ".github" / "workflows" / "ci.yml"
    checker = shutil.which("check-jsonschema")
    if checker is None:
        pytest.fail("check-jsonschema is missing: scripts/setup.sh --tests installs it")
    result = subprocess.run([checker, "--builtin-schema", "vendor.github-workflows", str(workflow)], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
    readme = (REPO / "README.md").read_text()
    assert "make test" in readme
    assert re.search(r"run: make test\b", workflow.read_text()), "the workflow must run the README's test command"


def test_dockerfile_installs_what_the_binary_links(prefix):
    """The runtime stage's apt packages provide every shared library the installed binary needs directly."""
    dockerfile = (REPO / "Dockerfile").read_text()
    runtime = dockerfile[dockerfile.rindex("\nFROM "):]
    assert "make install" in dockerfile
    needed = re.findall(r"\(NEEDED\)\s+Shared library: \[(.+?)\]",
                        subprocess.run(["readelf", "-d", str(prefix / "bin" / "aurum")], capture_output=True, text=True, check=True).stdout)
    # In every Debian image, apt itself needs these.
    base = {"libc6", "libstdc++6", "libgcc-s1"}
    for library in needed:
        owner = subprocess.run(["dpkg", "-S", f"*/{library}"], capture_output=True, text=True)
        packages = {line.split(":")[0] for line in owner.stdout.splitlines()}
        assert packages, f"no package owns {library}"
        if packages & base:
            continue
        assert any(re.search(rf"\b{re.escape(package)}\b", runtime) for package in packages), f"{library} ({packages}) missing from the runtime stage"


def test_uninstall_removes_every_installed_file(prefix, tmp_path):
    # Its own prefix (the build is already there: this install only copies and generates).
    other = tmp_path / "prefix"
    for target in ["install", "uninstall"]:
        result = subprocess.run(["make", target, f"PREFIX={other}"], cwd=REPO, capture_output=True, text=True, timeout=1800)
        assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    left = [path for path in other.rglob("*") if path.is_file()]
    assert left == [], left


def test_dist_tarball_with_its_sha256(prefix, tmp_path):
    dist = tmp_path / "dist"
    result = subprocess.run(["make", "dist", f"DIST={dist}"], cwd=REPO, capture_output=True, text=True, timeout=1800)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    tarballs = list(dist.glob("aurum-*-linux-x86_64.tar.gz"))
    assert len(tarballs) == 1, list(dist.iterdir())
    tarball = tarballs[0]
    assert tarball.name == f"aurum-{expected_version()}-linux-x86_64.tar.gz"
    check = subprocess.run(["sha256sum", "-c", tarball.name + ".sha256"], cwd=dist, capture_output=True, text=True)
    assert check.returncode == 0 and check.stdout.strip() == f"{tarball.name}: OK", check.stdout + check.stderr
    # As the README says: extract into a prefix with the top directory stripped, and run it.
    target = tmp_path / "usr-local"
    target.mkdir()
    subprocess.run(["tar", "-xzf", str(tarball), "-C", str(target), "--strip-components=1"], check=True)
    installed = sorted(str(path.relative_to(target)) for path in target.rglob("*") if path.is_file())
    expected = sorted(str(path.relative_to(prefix)) for path in prefix.rglob("*") if path.is_file())
    assert installed == expected
    home = tmp_path / "home"
    home.mkdir()
    assert clean_run(target, "--version", home=home).stdout.startswith(f"aurum {expected_version()}\n")


def test_installed_binary_reaches_a_model_endpoint(prefix, tmp_path):
    """The installed binary loads the system's libcrypto (the ingest's SHA-256s) and libcurl (the model's request)
    at their first use."""
    from test_ask import Stub, reply

    home = tmp_path / "home"
    home.mkdir()
    store = tmp_path / "store"
    clean_run(prefix, "ingest", "--store", store, SAMPLE, home=home)
    server = Stub(tmp_path, [reply("SELECT campaign_name, sum(spend) AS spend FROM kpi_campaign_total GROUP BY 1 ORDER BY 2 DESC LIMIT 3")])
    try:
        command = ["env", "-i", f"HOME={home}", f"PATH={CLEAN_PATH}", f"AURUM_LLM_BASE_URL={server.base_url}",
                   "AURUM_LLM_MODEL=stub-model", str(prefix / "bin" / "aurum"), "ask", "--store", str(store),
                   "--today", "2024-04-15", "--show-query", "top 3 campaigns by spend"]
        result = subprocess.run(command, capture_output=True, text=True, timeout=120)
    finally:
        server.stop()
    assert result.returncode == 0, result.stdout + result.stderr
    assert result.stdout.startswith("-- model stub-model, 1 attempt"), result.stdout
    assert "3 rows" in result.stdout, result.stdout
    assert len(server.requests()) == 1
