#!/usr/bin/env bash
# The habits, as gates (the `lint` stage of `make test`; each also runnable alone):
#   fmt       cargo fmt --check
#   clippy    clippy -D warnings natively (every target of the workspace) and for
#             wasm32-unknown-unknown with each entry's features (the bindings only compile there)
#   doc       cargo doc with -D warnings (broken or private intra-doc links fail)
#   layers    scripts/check-layers.py: no import cycles between files, no upward imports
#   refs      no file of the repository points at documents outside it
# Usage: scripts/lint.sh [fmt|clippy|doc|layers|refs ...]   (default: all)
set -euo pipefail
cd "$(dirname "$0")/.."
checks=("$@")
[ ${#checks[@]} -gt 0 ] || checks=(fmt clippy doc layers refs)

say() { printf '[lint] %s\n' "$*"; }

for c in "${checks[@]}"; do
  case "$c" in
    fmt)
      say "cargo fmt --check"
      cargo fmt --all -- --check
      ;;
    clippy)
      say "clippy (native, all targets)"
      cargo clippy -q --workspace --all-targets -- -D warnings
      # The entries of the npm package: oms-wasm (default features), oms-wasm/validate, oms-wasm/webhooks.
      for features in "" "--no-default-features --features validate" "--no-default-features --features webhooks"; do
        say "clippy (wasm32, ${features:-default features})"
        # shellcheck disable=SC2086
        cargo clippy -q --lib --target wasm32-unknown-unknown $features -- -D warnings
      done
      ;;
    doc)
      say "cargo doc -D warnings"
      RUSTDOCFLAGS=-Dwarnings cargo doc -q --no-deps --workspace
      ;;
    layers)
      say "module layers"
      python3 scripts/check-layers.py
      ;;
    refs)
      say "no references outside the repository"
      if git grep -n -I -E '\.\./shared|shared/DESIGN|shared/oms-api|REFERENCE §|DESIGN\.md' -- . ':!*.lock' ':!scripts/lint.sh'; then
        echo "these lines point at documents outside the repository: point at docs/ instead" >&2
        exit 1
      fi
      ;;
    *) echo "unknown check: $c" >&2; exit 2 ;;
  esac
done
say "ok: ${checks[*]}"
