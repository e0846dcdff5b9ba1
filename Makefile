# Aurum — the two commands that matter: `make demo` and `make test`.
SWIFT ?= swift
STORE ?= aurum-data
OUT ?= out
AURUM_RELEASE = .build/release/aurum

# `make install`: where to (PREFIX), and a staging root for packagers (DESTDIR).
PREFIX ?= /usr/local
DESTDIR ?=
# The installed build: release, the Swift runtime linked in (--static-swift-stdlib), in its own build directory.
# Never in the default one: objects compiled for the static runtime autolink its static-only libraries (e.g.
# _CFURLSessionInterface), and SwiftPM does not recompile them when the flag goes away, so a later dynamic link
# there fails.
STATIC_BUILD = .build/static
AURUM_STATIC = $(STATIC_BUILD)/release/aurum
MAN_PAGE = $(STATIC_BUILD)/man/aurum.1
DIST ?= dist

.PHONY: demo test test-scale build release setup setup-tests setup-scale swift-test python-test clean static man install uninstall dist fuzz

## The main job on the bundled sample: build, ingest into a fresh store, summarise Gold, ask two questions,
## export Gold as CSV.
demo: setup release
	@rm -rf "$(STORE)" && mkdir -p "$(OUT)"
	@echo "== aurum ingest datasets/sample"
	@$(AURUM_RELEASE) ingest --store "$(STORE)" datasets/sample
	@echo
	@echo "== aurum report (top campaigns by spend, latest 4 weeks)"
	@$(AURUM_RELEASE) report --store "$(STORE)" --weeks 4 --top 10
	@echo
	@echo "== aurum ask (plain words → a query, run locally; offline translator unless a model endpoint is configured)"
	@$(AURUM_RELEASE) ask --store "$(STORE)" --today 2024-04-30 "top 5 campaigns by ROAS last month"
	@echo
	@$(AURUM_RELEASE) ask --store "$(STORE)" --today 2024-04-30 "qual campanha teve o melhor ROAS em março?"
	@$(AURUM_RELEASE) export kpi_campaign_weekly --store "$(STORE)" --out "$(OUT)/kpi_campaign_weekly.csv"
	@$(AURUM_RELEASE) export kpi_campaign_daily --store "$(STORE)" --out "$(OUT)/kpi_campaign_daily.csv"
	@$(AURUM_RELEASE) export kpi_campaign_total --store "$(STORE)" --out "$(OUT)/kpi_campaign_total.csv"
	@echo
	@echo "Store:      $(STORE)/   (try: $(AURUM_RELEASE) tables --store $(STORE))"
	@echo "Gold CSV:   $(OUT)/kpi_campaign_daily.csv, $(OUT)/kpi_campaign_weekly.csv, $(OUT)/kpi_campaign_total.csv"

## Every test: the Swift unit tests, then the end-to-end and differential tests against DuckDB.
test: setup-tests
	$(SWIFT) build
	$(SWIFT) test
	python3 -m pytest -q Tests/reference Tests/integration

## Scale-out: Apache Spark in local mode reads the Parquet export and runs the Spark translation of the whole
## differential corpus (Tests/integration/test_spark.py; docs/scale-out.md). Apart from `make test` because it is
## slow (the JVM's start-up, then one Spark job per query); its Java runtime and pyspark are installed only here.
test-scale: setup-scale
	$(SWIFT) build
	AURUM_SCALE_TESTS=1 python3 -m pytest -q Tests/integration/test_spark.py

setup:
	@scripts/setup.sh

setup-tests:
	@scripts/setup.sh --tests

setup-scale:
	@scripts/setup.sh --scale

build: setup
	$(SWIFT) build

release:
	$(SWIFT) build -c release --product aurum

## The release binary that `make install` ships: it needs only the C libraries it links (libzstd, libedit) and
## those it loads at first use (libcrypto, libcurl), not a Swift toolchain.
static: setup
	$(SWIFT) build -c release --product aurum --static-swift-stdlib --scratch-path $(STATIC_BUILD)

## The man page, generated from the binary's own help by swift-argument-parser's generate-manual (every command,
## option and, through `aurum config`, every environment variable), so it cannot drift from the binary.
## generate-manual drops every non-ASCII character, so it reads the help through iconv, which spells them in
## ASCII (→ as ->, ç as c); blank lines of help text become mdoc paragraph breaks; the date is the commit's.
man: static
	$(SWIFT) build --product generate-manual
	@mkdir -p $(STATIC_BUILD)/man
	@printf '#!/bin/sh\n"%s" "$$@" | LC_ALL=C.UTF-8 iconv -f UTF-8 -t ASCII//TRANSLIT\n' "$(CURDIR)/$(AURUM_STATIC)" > $(STATIC_BUILD)/man/aurum
	@chmod +x $(STATIC_BUILD)/man/aurum
	"$$($(SWIFT) build --show-bin-path)/generate-manual" $(STATIC_BUILD)/man/aurum \
		--date "$$(git log -1 --format=%cs 2>/dev/null || date +%Y-%m-%d)" --output-directory $(STATIC_BUILD)/man
	@sed -i 's/^$$/.Pp/' $(MAN_PAGE)

## Installs the binary, its man page and its bash, zsh and fish completions under $(DESTDIR)$(PREFIX).
install: man
	install -d "$(DESTDIR)$(PREFIX)/bin" "$(DESTDIR)$(PREFIX)/share/man/man1" \
		"$(DESTDIR)$(PREFIX)/share/bash-completion/completions" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d"
	install -m 755 $(AURUM_STATIC) "$(DESTDIR)$(PREFIX)/bin/aurum"
	install -m 644 $(MAN_PAGE) "$(DESTDIR)$(PREFIX)/share/man/man1/aurum.1"
	$(AURUM_STATIC) --generate-completion-script bash > "$(DESTDIR)$(PREFIX)/share/bash-completion/completions/aurum"
	$(AURUM_STATIC) --generate-completion-script zsh > "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_aurum"
	$(AURUM_STATIC) --generate-completion-script fish > "$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/aurum.fish"

uninstall:
	rm -f "$(DESTDIR)$(PREFIX)/bin/aurum" "$(DESTDIR)$(PREFIX)/share/man/man1/aurum.1" \
		"$(DESTDIR)$(PREFIX)/share/bash-completion/completions/aurum" "$(DESTDIR)$(PREFIX)/share/zsh/site-functions/_aurum" \
		"$(DESTDIR)$(PREFIX)/share/fish/vendor_completions.d/aurum.fish"

## $(DIST)/aurum-<version>-linux-<arch>.tar.gz: the installed tree (bin/, share/) under one top directory, and its
## SHA-256 in a .sha256 file that `sha256sum -c` checks (README, "Installing from a release tarball").
dist: install-dist-tree
	@name="$$(cat $(STATIC_BUILD)/dist-name)"; \
	tar -C $(STATIC_BUILD)/dist --owner=0 --group=0 --numeric-owner --sort=name \
		--mtime="$$(git log -1 --format=%cI 2>/dev/null || date -Iseconds)" -czf "$(DIST)/$$name.tar.gz" "$$name" && \
	(cd $(DIST) && sha256sum "$$name.tar.gz" > "$$name.tar.gz.sha256") && \
	echo "$(DIST)/$$name.tar.gz" && cat "$(DIST)/$$name.tar.gz.sha256"

.PHONY: install-dist-tree
install-dist-tree: static
	@version="$$($(AURUM_STATIC) --version | head -1 | cut -d' ' -f2)"; \
	name="aurum-$$version-$$(uname -s | tr A-Z a-z)-$$(uname -m)"; \
	rm -rf $(STATIC_BUILD)/dist && mkdir -p $(STATIC_BUILD)/dist "$(DIST)" && echo "$$name" > $(STATIC_BUILD)/dist-name && \
	$(MAKE) --no-print-directory install PREFIX= DESTDIR="$(CURDIR)/$(STATIC_BUILD)/dist/$$name"

## libFuzzer harnesses (Fuzz/README.md): build them with -sanitize=fuzzer,address, then run each for
## FUZZ_SECONDS from its seed corpus in Fuzz/corpus; what a run finds goes to Fuzz/.work (crash-* files).
FUZZ_SECONDS ?= 60
FUZZERS = FuzzPages FuzzQuery FuzzStorage FuzzCSV
FUZZ_BUILD = Fuzz/.build-fuzz
fuzz: setup
	$(SWIFT) build --package-path Fuzz --build-path $(FUZZ_BUILD) -Xswiftc -sanitize=fuzzer,address
	@for fuzzer in $(FUZZERS); do \
		mkdir -p Fuzz/.work/$$fuzzer && \
		echo "== $$fuzzer for $(FUZZ_SECONDS) s" && \
		SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 $(FUZZ_BUILD)/debug/$$fuzzer \
			Fuzz/.work/$$fuzzer Fuzz/corpus/$$fuzzer -max_total_time=$(FUZZ_SECONDS) -rss_limit_mb=4096 -timeout=10 \
			-max_len=65536 -print_final_stats=1 -artifact_prefix=Fuzz/.work/$$fuzzer- \
			$$(test -f Fuzz/$$fuzzer.dict && echo -dict=Fuzz/$$fuzzer.dict) || exit 1; \
	done

clean:
	rm -rf .build "$(STORE)" "$(OUT)" "$(DIST)" Fuzz/.build Fuzz/.build-fuzz Fuzz/.work
