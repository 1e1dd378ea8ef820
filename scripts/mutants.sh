#!/usr/bin/env bash
# Mutation testing of the pure core's decision code with cargo-mutants (`make mutants`).
#
#   scripts/mutants.sh                      every module below, one after the other
#   MODULE=phone scripts/mutants.sh         one module (names: see MODULES)
#   FILE=src/http.rs scripts/mutants.sh     one file (any file of the workspace)
#   MUTANTS_ARGS="--re parse" ...           extra cargo-mutants arguments (e.g. --re, --shard 0/4)
#   FILE=src/http.rs RE='http.rs:(87|127):' MUTANTS_NAME=http-rerun scripts/mutants.sh
#                                           some mutants again (after new tests); tools/mutants-summary.py
#                                           lets a `<module>-rerun` result override `<module>`'s
#   TESTS='--lib --test it -- customer vectors validators' FILE=... RE=... MUTANTS_NAME=customer-rerun ...
#                                           the same with the module's test filter (FILE mode runs
#                                           every lib + tests/it test otherwise)
#
# It runs on a scratch copy of the working tree (target/mutants/src-<slot>, the tracked and new files; its own
# target dir target/mutants/target-<slot> stays warm between runs; MUTANTS_SLOT=1 for a second run
# side by side), so the worktree can be edited and tested
# meanwhile. Low priority (nice 10, one job, one build thread) because the machine is shared. Each
# module's tests are the root crate's unit tests and `tests/it` (filtered to the module's tests
# where the whole suite would be needlessly slow); the emulator's are its integration tests.
# Results: target/mutants/out/<module>/mutants.out/ (outcomes.json, caught.txt, missed.txt, ...);
# the summary per module is printed by tools/mutants-summary.py at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
command -v cargo-mutants >/dev/null || nice -n 10 cargo install cargo-mutants --locked

# MUTANTS_SLOT=n: a separate scratch copy and target dir, so that two runs can go side by side
SLOT=${MUTANTS_SLOT:-0}
SCRATCH=$ROOT/target/mutants/src-$SLOT
OUT=$ROOT/target/mutants/out
mkdir -p "$SCRATCH" "$OUT"
# the working tree's files (tracked and new, not ignored)
rm -rf "$SCRATCH" && mkdir -p "$SCRATCH"
git ls-files -coz --exclude-standard | tar --null -T - -cf - | tar -xf - -C "$SCRATCH"
# ... but newer than anything built before: an interrupted run may have left a mutated build behind
find "$SCRATCH" -name '*.rs' -exec touch {} +
export CARGO_TARGET_DIR=$ROOT/target/mutants/target-$SLOT
export CARGO_BUILD_JOBS=${CARGO_BUILD_JOBS:-1}
export PROPTEST_CASES=${PROPTEST_CASES:-64}

# name ; cargo-mutants selection (globs are cargo-mutants') ; cargo test arguments (after `--`)
# Excluded as not decision code: src/validate/phone/data.rs (generated metadata tables),
# src/validate/address_data.rs (generated), Debug/Display impls of error enums are kept.
MODULES=(
  "webhook;-f src/webhook/*.rs;--lib --test it -- webhook"
  "tax_id;-f src/validate/tax_id.rs;--lib --test it -- tax_id vectors customer validators"
  "phone;-f src/validate/phone/*.rs -f src/validate/phone_field.rs -e src/validate/phone/data.rs;--lib --test it -- phone vectors"
  "address;-f src/validate/address.rs;--lib --test it -- address vectors customer validators"
  "date;-f src/validate/date.rs;--lib --test it -- date vectors customer validators"
  "customer;-f src/validate/customer.rs;--lib --test it -- customer vectors validators"
  "client;-f src/client/*.rs;--lib --test it -- client"
  "url;-f src/api/url.rs;--lib --test it -- api url"
  "http;-f src/http.rs;--lib --test it -- http client api"
  "wire;-f src/model/wire_text.rs -f src/model/wire.rs --re (wire_text|read_fields_text|field_index_after|insert_at|read_id_text|read_struct|fill_struct|read_items|read_text|read_slot_text);--lib --test it -- wire api_props api_vectors"
  "emulator;--package oms-emulator -f emulator/src/domain/auth.rs -f emulator/src/server.rs --re (fingerprint|canonical|authenticate|domain/auth|server.rs:(3[7-9][0-9]|4[0-9][0-9]):);--package oms-emulator --test it -- auth idempotency"
)

run_one() {
  local name=$1 select=$2 testargs=$3
  echo "== mutants: $name =="
  # shellcheck disable=SC2086
  (set -f; cd "$SCRATCH" && nice -n 10 cargo mutants --in-place --no-shuffle --timeout "${MUTANTS_TIMEOUT:-240}" \
    --build-timeout "${MUTANTS_BUILD_TIMEOUT:-600}" --output "$OUT/$name" $select ${MUTANTS_ARGS:-} -- $testargs) || true
}

if [ -n "${FILE:-}" ]; then
  name=${MUTANTS_NAME:-$(echo "$FILE" | tr '/.' '__')}
  pkg=()
  case "$FILE" in emulator/*) pkg=(--package oms-emulator);; esac
  tests="--lib --test it"
  [ ${#pkg[@]} -gt 0 ] && tests="--package oms-emulator --test it"
  tests=${TESTS:-$tests}
  run_one "$name" "${pkg[*]} -f $FILE ${RE:+--re $RE}" "$tests"
  python3 tools/mutants-summary.py "$OUT/$name"
  exit 0
fi

dirs=()
for m in "${MODULES[@]}"; do
  IFS=';' read -r name select testargs <<<"$m"
  if [ -n "${MODULE:-}" ] && [ "$MODULE" != "$name" ]; then continue; fi
  # MUTANTS_NAME: another output name (e.g. a second sample shard beside the first)
  run_one "${MUTANTS_NAME:-$name}" "$select" "$testargs"
  dirs+=("$OUT/${MUTANTS_NAME:-$name}")
done
[ ${#dirs[@]} -gt 0 ] || { echo "unknown MODULE=$MODULE; one of: $(printf '%s ' "${MODULES[@]%%;*}")"; exit 2; }
python3 tools/mutants-summary.py "${dirs[@]}"
