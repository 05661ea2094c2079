# baogao's front door: each target is one line a person could type.
CARGO  ?= cargo
TARGET := $(or $(CARGO_TARGET_DIR),target)
BIN    := $(TARGET)/release/baogao
CORPUS ?= corpus
INDEX  ?= .baogao-index

.PHONY: build index demo test cluster-test bench lint docs fuzz clean

# Build the release binary.
build:
	$(CARGO) build --release --locked

# Build the index of $(CORPUS) into $(INDEX), or update it (only changed files are read).
index: build
	$(BIN) index $(CORPUS) --index $(INDEX)

# The main job on the bundled corpus: build, index corpus/, run a sample query.
demo: index
	$(BIN) search 医共体 --year 2024 --index $(INDEX)

# Unit and integration tests (release build, shared with `make demo`), then a smoke run: the
# index of corpus/ built (or updated), checked against the corpus, and searched.
test:
	$(CARGO) test --release --locked -- --show-output
	$(BIN) index $(CORPUS) --index $(TARGET)/smoke-index
	$(BIN) index --check $(CORPUS) --index $(TARGET)/smoke-index
	$(BIN) search 手足口病 --limit 1 --index $(TARGET)/smoke-index

# push and search --remote against a real 2-node OpenSearch 2.19.6 cluster started on 127.0.0.1
# by tests/cluster/ (Java 17 and Maven; the first run downloads the harness's jars from Maven Central).
cluster-test:
	$(CARGO) test --release --locked --test cluster -- --test-threads=1

# Build and search figures against a naive tantivy baseline, SQLite FTS5 (trigram), jieba alone
# and ripgrep, each query's hits beside a plain scan's, and the once-quadratic corners (-n 1000,
# one long line), on a generated corpus of $(SIZE) (100M default; SIZE=1G is the reference run):
# target/bench/report.json.
SIZE ?= 100M
bench:
	$(CARGO) build --release --locked --bin baogao --examples
	SIZE=$(SIZE) python3 bench/run.py

# Shell completions (bash, zsh, fish, elvish, powershell) and man pages, generated from the
# command-line definition: $(TARGET)/docs (not committed).
docs: build
	$(BIN) completions --out $(TARGET)/docs && $(BIN) man --out $(TARGET)/docs

# Fuzz the query parser, the decoder and the passage splitter for FUZZ_SECONDS each (not in CI;
# needs `cargo install cargo-fuzz`; RUSTC_BOOTSTRAP lets the stable toolchain take its flags).
# Each starts from seeds: the README's example queries, the bundled and gathered reports.
FUZZ_SECONDS ?= 300
FUZZ_SEEDS_query_parser := fuzz/seeds/queries
FUZZ_SEEDS_decoder := corpus tests/fixtures/gathered
FUZZ_SEEDS_passages := corpus tests/fixtures/gathered
fuzz: fuzz-query_parser fuzz-decoder fuzz-passages
fuzz-%:
	mkdir -p fuzz/corpus/$*
	RUSTC_BOOTSTRAP=1 $(CARGO) fuzz run $* -O $(FUZZ_FLAGS) fuzz/corpus/$* $(FUZZ_SEEDS_$*) -- -max_total_time=$(FUZZ_SECONDS) -max_len=65536 -rss_limit_mb=4096

# Formatting and lints, as the style guide asks (the cluster test apart: `test = false` keeps
# it out of --all-targets).
lint:
	$(CARGO) fmt --all -- --check
	$(CARGO) clippy --release --locked --all-targets -- -D warnings
	$(CARGO) clippy --release --locked --test cluster -- -D warnings

clean:
	rm -rf $(INDEX) $(TARGET)/smoke-index
