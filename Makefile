# Aurum — the two commands that matter: `make demo` and `make test`.
SWIFT ?= swift
STORE ?= aurum-data
OUT ?= out
AURUM_RELEASE = .build/release/aurum

.PHONY: demo test build release setup setup-tests swift-test python-test clean fuzz

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

setup:
	@scripts/setup.sh

setup-tests:
	@scripts/setup.sh --tests

build: setup
	$(SWIFT) build

release:
	$(SWIFT) build -c release --product aurum

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
	rm -rf .build "$(STORE)" "$(OUT)" Fuzz/.build Fuzz/.build-fuzz Fuzz/.work
