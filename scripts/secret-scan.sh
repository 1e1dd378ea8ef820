#!/usr/bin/env bash
# Secret scan of a test run's output: fails when a credential or a piece of personal data that the
# tests use appears in what the tests printed (errors, logs, hook events, assertion messages).
#   scripts/secret-scan.sh LOG
# Looks for (a) every literal listed in tests/fixtures/test-secrets.txt (the API secrets, tokens,
# webhook secrets, SSN/ITIN numbers and birth dates the tests feed in) and (b) generic shapes:
# JWT-looking tokens, OMS webhook secrets (whsec_ + 64 hex), the emulator's demo API secret, and
# SSN-formatted numbers. Exit 1 with the offending lines (the match itself masked) when any is found.
set -euo pipefail
log=${1:?usage: secret-scan.sh LOG}
cd "$(dirname "$0")/.."
list=tests/fixtures/test-secrets.txt
[ -f "$log" ] || { echo "secret-scan: no log at $log" >&2; exit 2; }

patterns=$(mktemp)
trap 'rm -f "$patterns"' EXIT
grep -v -E '^\s*(#|$)' "$list" | sed -E 's/[][\.*^$/+?(){}|]/\\&/g' > "$patterns"
cat >> "$patterns" <<'EOF'
eyJ[A-Za-z0-9_-]{8,}\.[A-Za-z0-9_-]{2,}\.[A-Za-z0-9_-]{2,}
whsec_[0-9a-fA-F]{64}
emu_demo_secret_[0-9a-f]+
(^|[^0-9-])[0-9]{3}-[0-9]{2}-[0-9]{4}([^0-9-]|$)
EOF

hits=$(grep -c -E -f "$patterns" "$log" || true)
lines=$(wc -l < "$log")
if [ "$hits" != 0 ]; then
  # line numbers only: the matches are credentials, not to be printed again
  echo "secret-scan: FAILED: $hits line(s) of $log contain a test credential or personal data," \
    "at lines $(grep -n -E -f "$patterns" "$log" | cut -d: -f1 | head -20 | paste -sd, -)" >&2
  exit 1
fi
echo "secret-scan: clean ($lines lines scanned, $(wc -l < "$patterns") patterns)"
