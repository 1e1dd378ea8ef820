//! Every behaviour the emulator needs that the OMS documentation does not state, in one module.
//! Each item names the REFERENCE section (`shared/oms-api/REFERENCE.md`) it stands in for, so it
//! can be changed when the real behaviour is known. Values that tests and users commonly change
//! are also [`crate::Config`] fields; the constants here are their defaults.

use crate::money::{Micros, CENT, UNIT};

// ---- §1 / §14 #16: versioning

/// Path version prefix served by default (§1; later docs use `/v0.11`, `/v0.13`: configurable).
pub const DEFAULT_PREFIX: &str = "/v0.9";

// ---- §2: authentication

/// Token lifetime in seconds (§2.1 documents 3600 = 60 minutes).
pub const TOKEN_TTL_SECS: i64 = 3600;
/// The demo API key printed at start-up (§1: sandbox keys start `sk_sdbx_`).
pub const DEMO_API_KEY: &str = "sk_sdbx_emulator_demo";
/// The demo API secret printed at start-up (§2.1: an opaque string, not a TypeID).
pub const DEMO_API_SECRET: &str = "emu_demo_secret_0123456789abcdef";
/// Tokens are JWT-shaped (`header.payload.signature`, base64url) like the documented RS256 JWT,
/// but signed with HMAC-SHA256 by the emulator (§2.1: "signed by the OMS issuer"); clients must
/// treat them as opaque.
pub const TOKEN_ALG: &str = "HS256";

// ---- §3.2: idempotency (undocumented; the reference's "industry norm" proposal)

/// How long a stored idempotent response is kept (§3.2 proposal: 24 h).
pub const IDEMPOTENCY_RETENTION_MS: i64 = 24 * 3600 * 1000;
/// Scope of a key: (API key, method, path without query, key) (§3.2 proposal).
pub const IDEMPOTENCY_SCOPE: &str = "apiKey+method+path";
/// Which responses are stored and replayed: every response the API produced (2xx and 4xx,
/// including validation errors), except 401s and the missing-key 400 (which happen before the
/// request is processed) and 5xx/injected faults (which leave no side effect, so a retry runs
/// the request again). Stripe does the same.
pub const IDEMPOTENCY_STORES_4XX: bool = true;
/// Same key + same method/path + same body → replay; "same body" compares the parsed JSON
/// (so whitespace and key order do not matter), or the raw bytes when the body is not JSON.
pub const IDEMPOTENCY_COMPARES_JSON: bool = true;
/// Concurrent duplicate while the first is in flight → 409 `idempotency_request_in_progress`.
pub const IDEMPOTENCY_IN_FLIGHT_409: bool = true;
/// PATCH and DELETE accept an optional key (§3.2: examples send none); it is honoured when given.
pub const IDEMPOTENCY_OPTIONAL_ON_PATCH: bool = true;
/// Longest key accepted (§3.2: no limit documented; the SDK sends at most 255).
pub const IDEMPOTENCY_MAX_KEY: usize = 255;

// ---- §3.3: identifiers

/// Transaction id prefix (§3.3: never shown in the docs; `txn_` is a guess clients must not use).
pub const TRANSACTION_PREFIX: &str = "txn_";
/// Webhook message id prefix for the `webhook-id` header (§12.2, Standard Webhooks' `msg_`).
pub const MESSAGE_PREFIX: &str = "msg_";

// ---- §3.7 / §14 #8: lists

/// Default page size (§3.7: default 50).
pub const DEFAULT_LIMIT: usize = 50;
/// Largest page (§3.7: max 100; a larger `limit` is a 400).
pub const MAX_LIMIT: usize = 100;
/// Cursors are the base64url (no padding) of the boundary item's id: opaque to clients (§3.7).
/// `nextCursor` is set only when older items exist after the page, `previousCursor` only when
/// newer items exist before it; `hasMore` is about the direction of travel. `GET /customers`
/// answers with `cursor` (§14 #8); every other list with `nextCursor`/`previousCursor`.
pub const CURSOR_ENCODING: &str = "base64url(id)";

// ---- §3.8: metadata

/// Metadata limits are the core validator's for customers; other resources take any JSON object
/// of at most this many keys (§3.8: "up to 20 keys").
pub const MAX_METADATA_KEYS: usize = 20;

// ---- §4: errors

/// Error body shape `{"error":{"code","message"}}` with 400/401/404/409/422 (§4 proposal). The
/// provisioning error is 422 `provider_account_not_provisioned` with the message "provider account
/// not provisioned for this customer" (§4: the docs give neither status nor code).
pub const ERROR_SHAPE: &str = r#"{"error":{"code","message"}}"#;

// ---- §6.1 / §9 / §13: customers

/// The server does not require the fiat fields at creation (§6.1: only `type` is required; the
/// trap shows up later as "provider account not provisioned"), so the core validator runs with
/// `requireFiatFields: false`; every other validator rule (formats, enums, lengths) applies.
pub const CREATE_REQUIRES_FIAT_FIELDS: bool = false;
/// The "full identity set" that provisions the provider account (§9): every one must be present
/// for balance, cash-in, quote and transaction calls to work.
pub const IDENTITY_SET: &[&str] = oms_wasm::validate::customer::FIAT_FIELDS;
/// Endorsements requested when a create omits `endorsements` (§6.1: `cryptoCustody` + `usd`,
/// which implies `basic`).
pub const DEFAULT_ENDORSEMENTS: &[&str] = &["basic", "cryptoCustody", "usd"];
/// Sandbox approves every requested endorsement at once (§13), whatever the identity fields:
/// the endorsement goes straight to `ACTIVE` and `customer.endorsement.granted` is delivered
/// (one event per request that granted something; `data` is the whole customer). Its
/// `requirements.missing` lists the identity-set fields still absent.
pub const SANDBOX_AUTO_APPROVE: bool = true;
/// Requesting `usd` or `cryptoCustody` also grants `basic` (§6.1: `usd` "implies `basic`").
pub const ENDORSEMENTS_IMPLY_BASIC: bool = true;
/// PATCH `metadata` replaces the whole object (§6.1 says nothing about merging).
pub const PATCH_METADATA_REPLACES: bool = true;
/// `GET /customers?email=` matches exactly, ignoring ASCII case (§6.1: "exact match").
pub const EMAIL_FILTER_IGNORES_CASE: bool = true;

// ---- §6.2 / §10 / §14 #6, #12, #15: wallets

/// Chains a wallet can be provisioned on (EVM only: addresses are `0x…` with EIP-55 checksums).
pub const WALLET_CHAINS: &[&str] = &["polygon", "ethereum"];
/// Assets a wallet can hold (§10: `usdc` is live, `usdt` is mentioned by guides).
pub const WALLET_ASSETS: &[&str] = &["usdc", "usdt"];
/// Several wallets per customer and asset/chain are allowed (§14 #15).
pub const MULTIPLE_WALLETS_PER_CHAIN: bool = true;
/// Asset/network strings are read case-insensitively and written lowercase (§14 #12).
pub const NETWORKS_CASE_INSENSITIVE: bool = true;
/// Balance response fields (§6.2: not visible): `walletId, asset, network, balance,
/// estimatedValue, estimatedValueUsd, currency`; only `USD` is accepted as
/// `estimatedBalanceCurrencyCode`, stablecoins valued 1:1.
pub const BALANCE_CURRENCIES: &[&str] = &["USD"];

// ---- §6.3: quotes and fees

/// Quote validity (§6.3: "short", no number documented). Default 5 minutes.
pub const QUOTE_LIFETIME_SECS: i64 = 300;
/// Developer fee rate on the source side, in micro-units of 1 (0.20 %, from the worked example
/// of §6.3: 0.20 on 100.00). Request-side `developerFees` are ignored (§6.3).
pub const DEVELOPER_FEE_RATE: Micros = 2_000;
/// OMS fee rate on the source side (0.35 %, the worked example's 0.35 on 100.00).
pub const OMS_FEE_RATE: Micros = 3_500;
/// Flat gas fee per quote (0.03, the worked example). Absent from the breakdown with `sponsorGas`.
pub const GAS_FEE: Micros = 3 * CENT;
/// `sponsorGasCost` (§6.3: always "0" in the current alpha).
pub const SPONSOR_GAS_COST: &str = "0";
/// Fees round half-up to the cent; destination-side fees are zero.
pub const FEE_ROUNDING: &str = "half-up to 0.01";
/// Pairs quoted 1:1 (stablecoins); anything else is 422 `unsupported`.
pub const STABLECOINS: &[&str] = &["usdc", "usdt"];
/// Exchange rate of every supported pair (stablecoins, §6.3 example: 1.0).
pub const STABLE_RATE: Micros = UNIT;
/// `rates.pair` format (§7: undocumented): `"<source>/<destination>"`, e.g. `usdc/usdc`.
pub const PAIR_FORMAT: &str = "source/destination";
/// Crypto→fiat quotes (bank payouts, cash pickup) are early access / not live (§6.9): 422.
pub const CRYPTO_TO_FIAT_SUPPORTED: bool = false;

// ---- §6.4 / §8 / §14 #9: transactions

/// Time from `processing` to `completed`, on the emulator clock (§8: no number documented).
pub const SETTLE_DELAY_MS: i64 = 1_000;
/// `transaction.cryptoToCrypto.processing` is not emitted by default (§14 #9).
pub const EMIT_C2C_PROCESSING: bool = false;
/// The source wallet is debited (gross) when the transaction is created; a failed transaction
/// refunds it. The destination OMS wallet is credited (net) on completion.
pub const DEBIT_ON_CREATE: bool = true;
/// Failure details live in `error {code, message}` (§6.4: "likely `error`").
pub const TRANSACTION_ERROR_FIELD: &str = "error";
/// Sender/recipient property names (§6.4: not visible): `senderCustomerId`, `recipientCustomerId`.
pub const PARTY_FIELDS: (&str, &str) = ("senderCustomerId", "recipientCustomerId");

// ---- §6.5: cash locations

/// Locations returned per search (§6.5: radius/limit undocumented).
pub const CASH_LOCATIONS_PER_SEARCH: usize = 5;
/// Providers accepted by `GET /cash-locations` (§6.5 example: `greendot`; AllPoint for ATMs).
pub const CASH_PROVIDERS: &[&str] = &["greendot", "allpoint"];
/// Store brands the emulator places around the searched point (§11: CVS, Walgreens, Walmart...).
pub const STORE_BRANDS: &[&str] = &[
    "CVS Pharmacy",
    "Walgreens",
    "Walmart",
    "Dollar General",
    "7-Eleven",
];
/// Distances are in miles (§6.5: unit undocumented).
pub const DISTANCE_UNIT: &str = "miles";
/// A location reference is base64 of `GREENDOT-<store>:lat=<lat>,lng=<lng>` (§6.5's example);
/// the `loc_` id is derived from it, so a cash-in's id/reference pair can be checked statelessly.
pub const REFERENCE_FORMAT: &str = "GREENDOT-<store>:lat=<lat>,lng=<lng>";

// ---- §6.6 / §11: cash-ins

/// Deposit code validity (§11: one hour).
pub const DEPOSIT_CODE_TTL_MS: i64 = 3_600_000;
/// Default `indicatedAmount` (§6.6: "100.00").
pub const DEFAULT_INDICATED_AMOUNT: Micros = 100 * UNIT;
/// Minimum per cash-in (§11: $20).
pub const CASH_IN_MIN: Micros = 20 * UNIT;
/// Maximum per cash-in (§11: $500).
pub const CASH_IN_MAX: Micros = 500 * UNIT;
/// Maximum per cash-in at Walmart (§11: $1,000).
pub const CASH_IN_MAX_WALMART: Micros = 1_000 * UNIT;
/// Rolling windows (ms), amount caps and count caps (§11: daily $1,500 / 3, weekly $3,500 / 12,
/// monthly $5,000 / 20). Windows are rolling (24 h, 7 d, 30 d): the docs do not say calendar or
/// rolling. Amounts and counts are of completed deposits; at creation, pending cash-ins with a
/// live code count too, and the `indicatedAmount` stands in for the amount.
pub const CASH_IN_WINDOWS: &[(&str, i64, Micros, usize)] = &[
    ("daily", 86_400_000, 1_500 * UNIT, 3),
    ("weekly", 7 * 86_400_000, 3_500 * UNIT, 12),
    ("monthly", 30 * 86_400_000, 5_000 * UNIT, 20),
];
/// OMS fee schedule of a cash-in (§6.6 example: 1.5 % + 0.50), taken from the source side.
pub const CASH_IN_FEE_RATE: Micros = 15_000;
/// The fixed part of the cash-in fee.
pub const CASH_IN_FEE_FIXED: Micros = 50 * CENT;
/// Cash-ins need an active `usd` endorsement and a provisioned customer (§6.6: "passed KYC").
pub const CASH_IN_ENDORSEMENT: &str = "usd";
/// Deposit code format (§6.6 example `ABC 12345`): 3 letters, a space, 5 digits.
pub const DEPOSIT_CODE_FORMAT: &str = "AAA 99999";
/// Refresh is allowed while `pending` or `expired` (§8: "keeps/returns it to pending").
pub const REFRESH_STATES: &[&str] = &["pending", "expired"];

// ---- §6.8 / §13: sandbox simulations

/// Retail simulation linkage (§13, §15 #15: undocumented): `accountNumber` is the deposit code
/// (spaces and case ignored), `accountReferenceNumber` the cash-in's location reference.
pub const SIMULATION_LINKAGE: &str =
    "accountNumber=deposit code, accountReferenceNumber=location reference";
/// barcode-auth's response is the commit's shape (§6.8: not visible); `responseCode` "00" =
/// approved. The cash-in stays `pending` until the commit.
pub const APPROVED_RESPONSE_CODE: &str = "00";
/// auth-commit completes the cash-in and always creates the `fiatToCrypto` transaction (the docs'
/// "pass customerId to get a transaction row" is treated as always on); a given `customerId` must
/// be the cash-in's customer. Events: `cashIn.completed`, then `transaction.fiatToCrypto.completed`.
pub const COMMIT_ALWAYS_CREATES_TRANSACTION: bool = true;
/// Deposit-address and virtual-account simulations (early access) answer 404 `not_emulated`.
pub const EARLY_ACCESS_EMULATED: bool = false;

// ---- §6.7 / §12: webhooks

/// Secret: `whsec_` + 64 hex characters (§6.7), from the seeded generator.
pub const WEBHOOK_SECRET_HEX_CHARS: usize = 64;
/// Signing per Standard Webhooks v1 with the hex-decoded key (§12.3 (a)): headers `webhook-id`,
/// `webhook-timestamp`, `webhook-signature: v1,<base64>`, signed `"{id}.{timestamp}.{body}"`.
pub const SIGNING_SCHEME: &str = "standard-webhooks-v1-hex-key";
/// Envelope `{type, timestamp, data}` (§12.2 recommendation); `data` is the full resource.
pub const ENVELOPE: &str = "{type,timestamp,data}";
/// Retry schedule after the first attempt, in ms (§12.2 example: 5 s, 5 min, 30 min, 2 h, 5 h,
/// 10 h, 14 h, 20 h, 24 h). Times are on the emulator clock, so advancing it fires retries;
/// tests usually configure a compressed schedule.
pub const WEBHOOK_RETRY_SCHEDULE_MS: &[i64] = &[
    5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000,
    86_400_000,
];
/// Delivery timeout per attempt in real milliseconds (§12.2: 15–30 s; shorter for local use).
pub const WEBHOOK_TIMEOUT_MS: u64 = 10_000;
/// 2xx = delivered; 410 = endpoint disabled (`enabled: false`, `status: disabled`), no retry;
/// anything else (and connection errors) = retry per the schedule. A `Retry-After` on 429/503
/// pushes the next attempt later when it is longer than the schedule's delay.
pub const WEBHOOK_410_DISABLES: bool = true;
/// Subscriptions: `[]` = every event but compliance-only ones; `family.*` matches every type
/// that starts with `family.`; `*` matches everything (§12.4).
pub const WILDCARD_SUFFIX: &str = ".*";
/// `status` mirrors `enabled` (§6.7: relationship not explained).
pub const STATUS_MIRRORS_ENABLED: bool = true;
/// Webhook URLs may be `http://` (the emulator delivers to local receivers; §6.7 says HTTPS).
/// `https://` URLs are accepted but deliveries to them fail (no TLS in the emulator).
pub const HTTP_WEBHOOK_URLS: bool = true;
/// `DELETE /webhooks/{id}` answers 200 with the endpoint and `"deleted": true` (§6.7: undocumented).
pub const DELETE_RETURNS_OBJECT: bool = true;
