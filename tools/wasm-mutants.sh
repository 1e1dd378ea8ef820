#!/usr/bin/env bash
# By-hand mutants of the bindings' own decisions (src/wasm/client.rs: how the transport's report is
# read), each against the package rebuilt with it: the transport tests must FAIL. The file is restored
# after each mutant and the package rebuilt clean at the end. About 3 min per mutant (a release build).
# Results are reported in docs/MUTATION-TESTING.md.
#
#   tools/wasm-mutants.sh
set -uo pipefail
cd "$(dirname "$0")/.."
file=src/wasm/client.rs
backup=$(mktemp)
trap 'cp "$backup" "$file"' EXIT
cp "$file" "$backup"
run() {
  local name=$1 from=$2 to=$3
  cp "$backup" "$file"
  local at
  at=$(grep -cF -- "$from" "$file")
  if [ "$at" != 1 ]; then echo "NOT APPLIED  $name (text found $at times)"; return; fi
  python3 - "$file" "$from" "$to" <<'PY'
import sys
p, a, b = sys.argv[1:]
s = open(p).read()
open(p, 'w').write(s.replace(a, b, 1))
PY
  if ! ./scripts/test.sh install-pkg >/dev/null 2>&1; then echo "UNVIABLE     $name"; return; fi
  local log
  log=$(cd js && node --test test/client-fetch.test.mjs test/security.test.mjs 2>&1)
  if [ $? != 0 ]; then echo "caught       $name ($(grep -m1 '^not ok' <<<"$log"))"; else echo "SURVIVED     $name"; fi
}
run "received: a redirect (flag 1) read as a response" "1 => Received::Redirected { status, headers }," "9 => Received::Redirected { status, headers },"
run "received: a body over the cap (flag 2) read as a response" "2 => Received::TooLarge { status, headers }," "9 => Received::TooLarge { status, headers },"
run "failed: an abort by the caller (2) read as a network failure" "2 => Failure::Aborted," "9 => Failure::Aborted,"
run "failed: a timeout (0) read as a network failure" "0 => Failure::Timeout," "9 => Failure::Timeout,"
cp "$backup" "$file"
./scripts/test.sh install-pkg >/dev/null 2>&1 && echo "package rebuilt without mutants"
