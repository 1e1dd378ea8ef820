#!/usr/bin/env bash
# The Get-started sequence, with curl, against a started emulator: token → customer with the full
# identity set → wallet → cash location → cash-in. Only the host differs from the docs.
#
#   bash emulator/tests/get_started.sh [path/to/oms-emulator]
#
# Without an argument it runs `cargo run -p oms-emulator`. Exits non-zero on the first failure.
set -euo pipefail

BIN="${1:-}"
OUT="$(mktemp)"
cleanup() { [ -n "${PID:-}" ] && kill "$PID" 2>/dev/null; rm -f "$OUT"; }
trap cleanup EXIT

if [ -n "$BIN" ]; then
  "$BIN" --port 0 >"$OUT" 2>&1 &
else
  cargo run -q -p oms-emulator -- --port 0 >"$OUT" 2>&1 &
fi
PID=$!
for _ in $(seq 1 600); do
  grep -q '"baseUrl"' "$OUT" 2>/dev/null && break
  sleep 0.1
done
INFO="$(grep '"baseUrl"' "$OUT" | tail -n 1)"
[ -n "$INFO" ] || { echo "emulator did not start:"; cat "$OUT"; exit 1; }
field() { printf '%s' "$INFO" | sed -E "s/.*\"$1\":\"([^\"]*)\".*/\\1/"; }
BASE_URL="$(field baseUrl)"; API_KEY="$(field apiKey)"; API_SECRET="$(field apiSecret)"
json() { sed -E "s/.*\"$1\":\"([^\"]*)\".*/\\1/"; }
check() { # status body-file label
  if [ "$1" -ge 300 ]; then echo "FAIL $3: HTTP $1: $(cat "$2")"; exit 1; fi
  echo "ok   $3 (HTTP $1)"
}
B="$(mktemp)"

# 1. Exchange the API key and secret for a bearer token
S=$(curl -s -o "$B" -w '%{http_code}' -X POST "$BASE_URL/auth/token" \
  -H "Content-Type: application/json" \
  -d "{\"apiKey\": \"$API_KEY\", \"apiSecret\": \"$API_SECRET\"}")
check "$S" "$B" "POST /auth/token"
TOKEN="$(json accessToken <"$B")"

# 2. Create a customer with the full identity set
S=$(curl -s -o "$B" -w '%{http_code}' -X POST "$BASE_URL/customers" \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -H "Idempotency-Key: cst-first-customer-001" \
  -d '{
    "type": "individual",
    "firstName": "Alice",
    "lastName": "Smith",
    "email": "alice@example.com",
    "phone": "+12125551234",
    "birthDate": "1990-01-15",
    "nationality": "US",
    "residentialAddress": {"line1": "123 Main St", "city": "New York", "state": "NY", "country": "US", "zipCode": "10001"},
    "identifyingInformation": [{"type": "ssn", "issuingCountry": "US", "number": "123-45-6789"}],
    "signedAgreement": true
  }')
check "$S" "$B" "POST /customers"
CUSTOMER_ID="$(json id <"$B")"

# 3. Provision a USDC wallet on Polygon
S=$(curl -s -o "$B" -w '%{http_code}' -X POST "$BASE_URL/customers/$CUSTOMER_ID/wallets" \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -H "Idempotency-Key: wlt-alice-usdc-001" \
  -d '{"asset": "usdc", "chain": "polygon"}')
check "$S" "$B" "POST /customers/{id}/wallets"
WALLET_ID="$(json id <"$B")"

# 4. Find a cash location
S=$(curl -s -o "$B" -w '%{http_code}' \
  "$BASE_URL/cash-locations?provider=greendot&latitude=38.495133&longitude=-121.505336" \
  -H "Authorization: Bearer $TOKEN")
check "$S" "$B" "GET /cash-locations"
LOCATION_ID="$(sed -E 's/^[^[]*\[\{"id":"([^"]*)".*/\1/' "$B")"
LOCATION_REF="$(sed -E 's/^[^[]*\[\{[^}]*"locationReference":"([^"]*)".*/\1/' "$B")"

# 5. Create a cash-in (deposit code valid one hour)
S=$(curl -s -o "$B" -w '%{http_code}' -X POST "$BASE_URL/cash-ins" \
  -H "Authorization: Bearer $TOKEN" \
  -H "Content-Type: application/json" \
  -H "Idempotency-Key: ci-alice-usdc-001" \
  -d "{
    \"customerId\": \"$CUSTOMER_ID\",
    \"source\": {\"asset\": \"usd\", \"network\": \"cash\", \"indicatedAmount\": \"100.00\"},
    \"destination\": {\"wallet\": {\"id\": \"$WALLET_ID\"}, \"asset\": \"usdc\", \"network\": \"polygon\"},
    \"cash\": {\"locationId\": \"$LOCATION_ID\", \"locationReference\": \"$LOCATION_REF\"}
  }")
check "$S" "$B" "POST /cash-ins"
grep -q '"status":"pending"' "$B" || { echo "FAIL: cash-in not pending: $(cat "$B")"; exit 1; }
grep -q '"depositInstructions":{"code":"' "$B" || { echo "FAIL: no deposit code"; exit 1; }
rm -f "$B"
echo "get-started sequence: 5 passed, 0 failed"
