# The README's commands. `make demo` and `make test` work on a fresh machine: both run `setup`,
# which installs only what is missing.
SHELL := /bin/bash
.DEFAULT_GOAL := help
export WRANGLER_SEND_METRICS := false
export CARGO_TERM_COLOR := never

.PHONY: help setup build test test-rust test-wasm test-js demo emulator bench sizes fmt clean

help:
	@echo "make demo   - run the demo: the Get-started flow in a Worker (workerd) against the local OMS emulator"
	@echo "make test   - run every test: Rust, wasm (Node + Chromium), JS (Node ESM/CJS, workerd, Chromium)"
	@echo "make build  - build the npm package into pkg/ and print the size of every shipped file"
	@echo "make bench  - benchmarks side by side with the anchors (libphonenumber-js, ...)"

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

demo: setup
	@./scripts/test.sh install-pkg >/dev/null
	@node js/examples/demo.mjs

emulator:
	cargo run -p oms-emulator -- --port $${PORT:-8787}

bench: setup
	./scripts/test.sh install-pkg
	cd js && node bench/run.mjs

fmt:
	cargo fmt --all

clean:
	rm -rf target pkg build
