#!/usr/bin/env bash
# Runs every cargo-fuzz target in fuzz/ for a bounded time, one after another (one libFuzzer job),
# and prints the executions per target and in total. Exits non-zero if any target crashed or
# failed an invariant (the reproducer is in fuzz/artifacts/<target>/).
#
#   scripts/fuzz.sh [seconds-per-target]        default 30
#   FUZZ_TARGETS="phone response" scripts/fuzz.sh 60   only some targets
#
# Needs nightly (`rustup toolchain install nightly`); installs cargo-fuzz if missing. The corpus
# grows in fuzz/corpus/<target>/ (not in git), seeded from fuzz/seeds/<target>/. Builds go to
# fuzz/target/, so the root build is untouched. The core has no unsafe code (#![forbid(unsafe_code)]),
# so the targets are built without a sanitizer (faster), with debug assertions and overflow checks.
set -euo pipefail

secs="${1:-30}"
case "$secs" in '' | *[!0-9]*) echo "usage: $0 [seconds-per-target]" >&2; exit 2 ;; esac

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$root"
export CARGO_TARGET_DIR="$root/fuzz/target"

if ! cargo +nightly fuzz --version >/dev/null 2>&1; then
  echo "installing cargo-fuzz (crates.io)..." >&2
  cargo install --locked cargo-fuzz
fi

# target:max_len (bytes); default targets = every [[bin]] in fuzz/Cargo.toml
declare -A max_len=(
  [phone]=256
  [address]=4096
  [tax_id]=2048
  [customer]=8192
  [webhook_headers]=2048
  [webhook_verify]=4096
  [response]=8192
  [request]=4096
)
targets="${FUZZ_TARGETS:-$(cargo +nightly fuzz list --fuzz-dir fuzz)}"
build_flags=(--fuzz-dir fuzz --sanitizer none --debug-assertions)

cargo +nightly fuzz build "${build_flags[@]}" >&2

total=0
failed=()
summary=()
logdir="$root/fuzz/target/logs"
mkdir -p "$logdir"
for t in $targets; do
  mkdir -p "fuzz/corpus/$t" "fuzz/seeds/$t"
  log="$logdir/$t.log"
  echo "== $t: ${secs}s" >&2
  status=0
  cargo +nightly fuzz run "${build_flags[@]}" "$t" "fuzz/corpus/$t" "fuzz/seeds/$t" -- \
    -max_total_time="$secs" -rss_limit_mb=2048 -max_len="${max_len[$t]:-4096}" \
    -timeout=10 -print_final_stats=1 >"$log" 2>&1 || status=$?
  execs="$(grep -o 'stat::number_of_executed_units: *[0-9]*' "$log" | tail -1 | grep -o '[0-9]*$' || true)"
  if [ -z "$execs" ]; then
    execs="$(grep -o '^#[0-9]*' "$log" | tail -1 | tr -d '#' || true)"
  fi
  execs="${execs:-0}"
  total=$((total + execs))
  if [ "$status" -ne 0 ]; then
    failed+=("$t")
    summary+=("$(printf '%-16s %12s executions  CRASHED (see %s)' "$t" "$execs" "${log#"$root"/}")")
    grep -E 'panicked at|^SUMMARY|Test unit written to' "$log" | head -5 >&2 || tail -20 "$log" >&2
  else
    summary+=("$(printf '%-16s %12s executions  ok' "$t" "$execs")")
  fi
  echo "${summary[-1]}" >&2
done

echo
echo "fuzzing, ${secs}s per target:"
printf '%s\n' "${summary[@]}"
printf '%-16s %12s executions\n' "total" "$total"
if [ "${#failed[@]}" -gt 0 ]; then
  echo "crashed: ${failed[*]}" >&2
  exit 1
fi
