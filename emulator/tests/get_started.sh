#!/usr/bin/env bash
# Runs the OMS Get-started page's curl requests, as written on the page, against the emulator:
# the blocks of tests/fixtures/get-started-curl.sh (copied verbatim from the page) with only the
# host, {api_key}/{api_secret}/{token} and the page's example IDs replaced. In between, the steps
# the page describes without a curl block: registering a webhook endpoint with the page's key
# events, finding a cash location, and completing the cash-in with the sandbox simulations.
#
#   bash emulator/tests/get_started.sh [path/to/oms-emulator]
#
# Against a running emulator set BASE_URL, CONTROL_URL, API_KEY, API_SECRET (and HOOK_URL, a
# webhook receiver, to register the endpoint); otherwise it starts the emulator binary given (or
# `cargo run -p oms-emulator`) and skips the webhook step. Response bodies are written to OUT_DIR
# (a temporary directory by default). Exits non-zero at the first step that does not succeed, and
# when curl is missing.
set -euo pipefail

HERE="$(cd "$(dirname "$0")" && pwd)"
FIXTURE="$HERE/fixtures/get-started-curl.sh"
command -v curl >/dev/null 2>&1 || { echo "FAIL: curl is required (the test runs the page's curl lines)"; exit 1; }
[ -f "$FIXTURE" ] || { echo "FAIL: $FIXTURE is missing"; exit 1; }

OUT_DIR="${OUT_DIR:-$(mktemp -d)}"
mkdir -p "$OUT_DIR"
LOG="$OUT_DIR/emulator.log"
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null || true; }
trap cleanup EXIT

if [ -z "${BASE_URL:-}" ]; then
  if [ -n "${1:-}" ]; then "$1" --port 0 >"$LOG" 2>&1 & else cargo run -q -p oms-emulator -- --port 0 >"$LOG" 2>&1 & fi
  PID=$!
  for _ in $(seq 1 600); do grep -q '"baseUrl"' "$LOG" 2>/dev/null && break; sleep 0.1; done
  INFO="$(grep '"baseUrl"' "$LOG" | tail -n 1)"
  [ -n "$INFO" ] || { echo "FAIL: the emulator did not start:"; cat "$LOG"; exit 1; }
  field() { printf '%s' "$INFO" | sed -E "s/.*\"$1\":\"([^\"]*)\".*/\\1/"; }
  BASE_URL="$(field baseUrl)"; CONTROL_URL="$(field controlUrl)"; API_KEY="$(field apiKey)"; API_SECRET="$(field apiSecret)"
fi

# the first "KEY":"value" of a JSON file (the emulator writes compact JSON, `id` first)
jget() { grep -oE "\"$1\":\"[^\"]*\"" "$2" | head -n 1 | sed -E "s/\"$1\":\"([^\"]*)\"/\\1/"; }

# one named block of the fixture (the lines after `# step: NAME` up to the next `# step:`)
block() { awk -v want="# step: $1" '/^# step: /{on=($0==want); next} on' "$FIXTURE"; }

# curl as written on the page, plus: fail on transport errors, body to a file, status on stdout
BODY=""
curl() { command curl -sS -o "$BODY" -w '%{http_code}' "$@"; }

PASSED=0
run() { # NAME SCRIPT-TEXT: run the text with the page's placeholders replaced, check 2xx
  local name="$1" text="$2"
  text="${text//"https://sandbox-api.polygon.technology/v0.9"/"$BASE_URL"}"
  text="${text//"{api_key}"/"$API_KEY"}"
  text="${text//"{api_secret}"/"$API_SECRET"}"
  text="${text//"{token}"/"${TOKEN:-}"}"
  text="${text//"cst_01H9Xa..."/"${CUSTOMER_ID:-cst_01H9Xa...}"}"
  text="${text//"wlt_01H9Xb..."/"${WALLET_ID:-wlt_01H9Xb...}"}"
  text="${text//"loc_01H9Xl..."/"${LOCATION_ID:-loc_01H9Xl...}"}"
  text="${text//"R1JFRU5ET1QtMjQzNDpsYXQ9..."/"${LOCATION_REF:-R1JFRU5ET1QtMjQzNDpsYXQ9...}"}"
  text="${text//"cpUsBank_01H9Xk..."/"${BANK_ID:-cpUsBank_01H9Xk...}"}"
  text="${text//"qt_01H9Xq..."/"${QUOTE_ID:-qt_01H9Xq...}"}"
  BODY="$OUT_DIR/$name.json"
  local status
  status="$(eval "$text")" || { echo "FAIL $name: curl failed"; exit 1; }
  if [ "$status" -lt 200 ] || [ "$status" -ge 300 ]; then echo "FAIL $name: HTTP $status: $(cat "$BODY")"; exit 1; fi
  echo "ok   $name (HTTP $status)"
  PASSED=$((PASSED + 1))
}

# 1. the page: exchange the key and secret for a token
run token "$(block token)"
TOKEN="$(jget accessToken "$OUT_DIR/token.json")"

# 2. not a curl block on the page ("create them via the API with POST /v0.9/webhooks and a url"):
#    an endpoint for the page's key events, including its catch-all transaction.*.failed
if [ -n "${HOOK_URL:-}" ]; then
  run webhook "curl -X POST '$BASE_URL/webhooks' -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: application/json' \
    -H 'Idempotency-Key: whk-first-001' -d '{\"url\": \"$HOOK_URL\", \"events\": [\"transaction.fiatToCrypto.completed\",
    \"transaction.cryptoToFiat.completed\", \"cashIn.completed\", \"transaction.*.failed\", \"customer.endorsement.granted\"]}'"
fi

# 3-4. the page: the customer (endorsements PENDING in the response), then its wallet
run customer "$(block customer)"
CUSTOMER_ID="$(jget id "$OUT_DIR/customer.json")"
grep -q '"status":"PENDING"' "$OUT_DIR/customer.json" || { echo "FAIL customer: endorsements are not PENDING in the create response"; exit 1; }
run wallet "$(block wallet)"
WALLET_ID="$(jget id "$OUT_DIR/wallet.json")"

# 5. the Cash-in guide's location search (the page's cash-in needs a location id and reference)
run cash-locations "curl '$BASE_URL/cash-locations?provider=greendot&latitude=38.495133&longitude=-121.505336' -H 'Authorization: Bearer $TOKEN'"
LOCATION_ID="$(jget id "$OUT_DIR/cash-locations.json")"
LOCATION_REF="$(jget locationReference "$OUT_DIR/cash-locations.json")"

# 6. the page: the cash-in, with its own body (destination.wallet.wallet, cash.cashLocationId)
run cash-in "$(block cash-in)"
CODE="$(jget code "$OUT_DIR/cash-in.json")"
grep -q '"status":"pending"' "$OUT_DIR/cash-in.json" || { echo "FAIL cash-in: not pending"; exit 1; }

# 7. sandbox completion (the Cash-in guide): barcode-auth, then auth-commit
run barcode-auth "curl -X POST '$BASE_URL/cash-ins/simulate/barcode-auth' -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: application/json' \
  -H 'Idempotency-Key: sim-auth-001' -d '{\"accountNumber\": \"$CODE\", \"accountReferenceNumber\": \"$LOCATION_REF\", \"amount\": \"100.00\"}'"
CONFIRMATION="$(jget confirmationId "$OUT_DIR/barcode-auth.json")"
run auth-commit "curl -X POST '$BASE_URL/cash-ins/simulate/auth-commit' -H 'Authorization: Bearer $TOKEN' -H 'Content-Type: application/json' \
  -H 'Idempotency-Key: sim-commit-001' -d '{\"accountNumber\": \"$CODE\", \"accountReferenceNumber\": \"$LOCATION_REF\", \"amount\": \"100.00\",
  \"originalConfirmationId\": \"$CONFIRMATION\", \"customerId\": \"$CUSTOMER_ID\"}'"

# 8. the page's bank-transfer tab (early access: the emulator's control makes the saved bank
#    account; the wallet gets 2.00 more so it holds the quote's 100.00)
if [ -n "${CONTROL_URL:-}" ]; then
  run bank-account "curl -X POST '$CONTROL_URL/customers/$CUSTOMER_ID/external-accounts' -H 'Content-Type: application/json' -d '{}'"
  BANK_ID="$(jget id "$OUT_DIR/bank-account.json")"
  run top-up "curl -X POST '$CONTROL_URL/wallets/$WALLET_ID/credit' -H 'Content-Type: application/json' -d '{\"amount\": \"2.00\", \"event\": false}'"
  BANK="$(block bank)"
  run bank-quote "$(printf '%s\n' "$BANK" | sed '/^# Step 2/,$d')"
  QUOTE_ID="$(jget id "$OUT_DIR/bank-quote.json")"
  run bank-transaction "$(printf '%s\n' "$BANK" | sed -n '/^# Step 2/,$p')"
fi

echo "get-started sequence: $PASSED passed, 0 failed (bodies in $OUT_DIR)"
