#!/usr/bin/env bash
# The whole test suite (what `make test` and CI run). Stages, in order (default: all):
#   lint         the gates of scripts/lint.sh: fmt, clippy -D warnings (native and every wasm entry),
#                cargo doc -D warnings, no import cycles or upward imports, no references outside
#                the repository
#   rust         native cargo test: unit, shared vectors (tests/vectors), proptest properties
#   wasm         wasm-bindgen-test: the same vectors through the JS bindings, in Node and in headless Chromium
#   js           build pkg/, `npm pack` it, install the tarball into js/node_modules, then `node --test`
#                on the installed package: Node ESM + CJS, workerd (Miniflare), Chromium (playwright-core);
#                then the size gate (js/tools/size-gate.mjs, budgets in js/size-budgets.json)
#   eco          the ecosystem matrix (js/eco): the packed tarball of the js stage (build/oms-wasm-*.tgz;
#                built first when missing) npm-installed into js/eco and used as a new user would: Vite,
#                webpack (web, webworker), esbuild, Rspack in Chromium; wrangler dry-run + Miniflare;
#                Node ESM/CJS, Deno, Bun; TypeScript setups; attw, publint; the READMEs' code blocks
#   install-pkg  only build + pack + install (used by `make bench` and `make demo`)
# The output of the test stages is also written to build/test-output.log and scanned afterwards by
# scripts/secret-scan.sh: a test credential or piece of personal data in any output fails the run.
set -euo pipefail
cd "$(dirname "$0")/.."
stages=("$@")
[ ${#stages[@]} -gt 0 ] || stages=(lint rust wasm js eco)

banner() { printf '\n==== %s ====\n' "$*"; }

install_pkg() {
  banner "build + npm pack + install the tarball"
  (cd js && node scripts/build.mjs)
  mkdir -p build
  rm -f build/oms-wasm-*.tgz
  tarball=$(cd pkg && npm pack --pack-destination ../build --loglevel=error | tail -n 1)
  # Install exactly what a user gets: the packed tarball, unpacked into node_modules/oms-wasm
  # (the package has no dependencies and no install scripts, so this is what npm would do).
  rm -rf js/node_modules/oms-wasm && mkdir -p js/node_modules/oms-wasm
  tar -xzf "build/$tarball" -C js/node_modules/oms-wasm --strip-components=1
  echo "installed build/$tarball into js/node_modules/oms-wasm"
}

run_stages() {
  set -e  # (the pipeline below runs this in a subshell forked while errexit is off)
for stage in "${stages[@]}"; do
  case "$stage" in
    lint)
      banner "gates: fmt, clippy (native and each wasm entry), doc, module layers, references"
      ./scripts/lint.sh
      ;;
    rust)
      banner "cargo test (native)"
      cargo test --workspace
      ;;
    wasm)
      banner "wasm-bindgen-test in Node"
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner \
        cargo test --target wasm32-unknown-unknown --test wasm
      banner "wasm-bindgen-test in headless Chromium"
      CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUNNER=wasm-bindgen-test-runner WASM_BINDGEN_USE_BROWSER=1 \
        cargo test --target wasm32-unknown-unknown --test wasm
      ;;
    js)
      install_pkg
      banner "build the emulator (the JS client tests and the demo run against it)"
      cargo build -p oms-emulator
      banner "node --test (built package: Node ESM/CJS, workerd via Miniflare, Chromium via playwright-core)"
      (cd js && node --test --test-reporter=spec test/*.test.mjs test/*.test.cjs)
      banner "size gate: shipped bytes per entry against js/size-budgets.json, the lean entries' symbol rules"
      (cd js && node tools/size-gate.mjs)
      ;;
    eco)
      ls build/oms-wasm-*.tgz >/dev/null 2>&1 || install_pkg
      tarball=$(ls build/oms-wasm-*.tgz | head -n 1)
      banner "ecosystem matrix (js/eco): $tarball in bundlers, runtimes, TypeScript setups and package linters"
      eco_start=$SECONDS
      (cd js/eco && npm install --no-save --no-audit --no-fund --loglevel=error "../../$tarball" \
        && node --test --test-reporter=spec test/*.test.mjs)
      echo "eco stage: $((SECONDS - eco_start)) s"
      ;;
    install-pkg)
      install_pkg
      cargo build -q -p oms-emulator
      ;;
    *) echo "unknown stage: $stage" >&2; exit 2 ;;
  esac
done
}

if [ "${stages[*]}" = "install-pkg" ]; then
  run_stages
  exit 0
fi
mkdir -p build
log=build/test-output.log
set +e
run_stages 2>&1 | tee "$log"
rc=${PIPESTATUS[0]}
set -e
[ "$rc" = 0 ] || exit "$rc"
banner "secret scan of the test output"
./scripts/secret-scan.sh "$log"
