# The README's commands. `make demo` and `make test` work on a fresh machine: both run `setup`,
# which installs only what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export WRANGLER_SEND_METRICS := false
export CARGO_TERM_COLOR := never

.PHONY: help setup build test test-rust test-wasm test-js test-eco demo emulator emulator-load bench soak fuzz mutants audit sizes fmt clean

help:
	@echo "make demo   - run the demo: the Get-started flow in a Worker (workerd) against the local OMS emulator"
	@echo "make test   - run every test: Rust, wasm (Node + Chromium), JS (Node ESM/CJS, workerd, Chromium), the ecosystem matrix (bundlers, runtimes, TypeScript)"
	@echo "make build  - build the npm package into pkg/ and print the size of every shipped file"
	@echo "make bench  - benchmarks side by side with the anchors (libphonenumber-js, standardwebhooks, zod, ...); BENCH_ARGS=\"--runs 3\" for the spread"
	@echo "make soak   - fault soak: 3,000 client calls against the emulator with ~20% injected faults and token expiries"
	@echo "make fuzz   - cargo fuzz every parser reachable from JS for a bounded time (FUZZ_SECONDS per target)"
	@echo "make emulator - the local OMS emulator on PORT (default 8787), with its inspector page at /_emulator/ui"
	@echo "make mutants - cargo-mutants over the core's decision code (MODULE=phone or FILE=src/http.rs for one part; long on 2 cores)"
	@echo "make audit  - cargo audit against a local advisory database (ADVISORY_DB=<dir>)"

setup:
	@./scripts/setup.sh

build: setup
	cd js && node scripts/build.mjs

test: setup
	./scripts/test.sh

test-rust: setup
	./scripts/test.sh rust

test-wasm: setup
	./scripts/test.sh wasm

test-js: setup
	./scripts/test.sh js

test-eco: setup
	./scripts/test.sh eco

demo: setup
	@./scripts/test.sh install-pkg >/dev/null
	@node js/examples/demo.mjs

emulator:
	cargo run -p oms-emulator -- --port $${PORT:-8787}

# Release build of the load check, in its own target dir (the root release profile is for wasm size).
emulator-load:
	CARGO_TARGET_DIR=target/emu-release CARGO_PROFILE_RELEASE_LTO=false CARGO_PROFILE_RELEASE_CODEGEN_UNITS=16 \
	  CARGO_PROFILE_RELEASE_OPT_LEVEL=3 CARGO_PROFILE_RELEASE_PANIC=unwind \
	  cargo run --release -p oms-emulator --bin oms-emulator-load -- --seconds 3 --connections 4 --min-rps 2000

soak: setup
	./scripts/test.sh install-pkg
	cd js && node scripts/soak.mjs $(SOAK_ARGS)

fuzz:
	./scripts/fuzz.sh $${FUZZ_SECONDS:-60}

# Mutation testing (cargo-mutants; installed when missing): MODULE=<name> or FILE=<path> for one part,
# MUTANTS_ARGS for extra cargo-mutants arguments. See docs/MUTATION-TESTING.md.
mutants:
	./scripts/mutants.sh

# cargo audit against a local RustSec advisory database (a git checkout of rustsec/advisory-db):
# ADVISORY_DB=<dir> make audit. Installs cargo-audit when missing.
audit:
	@test -n "$$ADVISORY_DB" || { echo "set ADVISORY_DB to a checkout of the RustSec advisory database"; exit 2; }
	@command -v cargo-audit >/dev/null || cargo install cargo-audit --locked
	cargo audit --db "$$ADVISORY_DB" --no-fetch --stale

# BENCH_ARGS="--runs 3": issue #19's rows three times in fresh processes, with the spread (min–max).
bench: setup
	./scripts/test.sh install-pkg
	cd js && node bench/run.mjs $(BENCH_ARGS)
	cd js && node bench/edge-inbox.mjs

fmt:
	cargo fmt --all

clean:
	rm -rf target pkg build
