//! Every behaviour the emulator needs that the OMS documentation does not state, in one module.
//! Each item says which part of the docs it stands in for (the OMS Get-started page is the primary
//! document; the API reference and guides on docs.polygon.technology the rest), so it can be
//! changed when the real behaviour is known. Values that tests and users commonly change are also
//! [`crate::Config`] fields; the constants here are their defaults.

use crate::money::{Micros, CENT, UNIT};

// ---- versioning

/// Path version prefix served by default (the Get-started page's `/v0.9`; later docs use `/v0.11`,
/// `/v0.13`: configurable).
pub const DEFAULT_PREFIX: &str = "/v0.9";

// ---- authentication

/// Token lifetime in seconds (the Get-started page: "valid for 60 minutes").
pub const TOKEN_TTL_SECS: i64 = 3600;
/// The demo API key printed at start-up (sandbox keys start `sk_sdbx_`).
pub const DEMO_API_KEY: &str = "sk_sdbx_emulator_demo";
/// The demo API secret printed at start-up (an opaque string).
pub const DEMO_API_SECRET: &str = "emu_demo_secret_0123456789abcdef";
/// Tokens are JWT-shaped (`header.payload.signature`, base64url) like the documented RS256 JWT,
/// but signed with HMAC-SHA256 by the emulator; clients must treat them as opaque.
pub const TOKEN_ALG: &str = "HS256";
/// Data is scoped per API key: every customer, wallet, quote, transaction, cash-in, webhook
/// endpoint and early-access resource belongs to the key whose token created it; another key
/// reads it as 404 and does not list it, and events go only to that key's webhook endpoints
/// (the docs describe one key per dashboard account; keys of different accounts never share
/// data). The `/_emulator` controls and the inspector see every key's data.
pub const DATA_SCOPED_PER_API_KEY: bool = true;

// ---- idempotency (undocumented; the industry norm)

/// How long a stored idempotent response is kept (24 h).
pub const IDEMPOTENCY_RETENTION_MS: i64 = 24 * 3600 * 1000;
/// Scope of a key: (API key, method, path without query, key).
pub const IDEMPOTENCY_SCOPE: &str = "apiKey+method+path";
/// Which responses are stored and replayed: only successes (2xx). A request rejected with a 4xx
/// changed nothing (every handler checks before it writes), so retrying the same key after fixing
/// the cause — e.g. completing the customer after a 422 "provider account not provisioned" — runs
/// the request again instead of replaying a stale error. 5xx and injected faults are not stored
/// either. A key is still bound to its first body: a different body with a stored key is a 409.
pub const IDEMPOTENCY_STORES_4XX: bool = false;
/// Same key + same method/path + same body → replay; "same body" compares the parsed JSON
/// (so whitespace and key order do not matter), or the raw bytes when the body is not JSON. Only
/// a SHA-256 of it is kept.
pub const IDEMPOTENCY_COMPARES_JSON: bool = true;
/// Concurrent duplicate while the first is in flight → 409 `idempotency_request_in_progress`.
pub const IDEMPOTENCY_IN_FLIGHT_409: bool = true;
/// PATCH and DELETE accept an optional key (the docs' examples send none); honoured when given.
pub const IDEMPOTENCY_OPTIONAL_ON_PATCH: bool = true;
/// Longest key accepted (no limit documented; the SDK sends at most 255).
pub const IDEMPOTENCY_MAX_KEY: usize = 255;

// ---- identifiers

/// Transaction id prefix (never shown in the docs; `txn_` is a guess clients must not use).
pub const TRANSACTION_PREFIX: &str = "txn_";
/// Webhook message id prefix for the `webhook-id` header (Standard Webhooks' `msg_`).
pub const MESSAGE_PREFIX: &str = "msg_";

// ---- lists

/// Default page size (default 50).
pub const DEFAULT_LIMIT: usize = 50;
/// Largest page (max 100; a larger `limit` is a 400).
pub const MAX_LIMIT: usize = 100;
/// Cursors are the base64url (no padding) of the boundary item's id: opaque to clients.
/// `nextCursor` is set only when older items exist after the page, `previousCursor` only when
/// newer items exist before it; `hasMore` is about the direction of travel. `GET /customers`
/// answers with `cursor` (its reference page); every other list with `nextCursor`/`previousCursor`.
pub const CURSOR_ENCODING: &str = "base64url(id)";

// ---- metadata

/// Metadata limits are the core validator's for customers; other resources take any JSON object
/// of at most this many keys ("up to 20 keys").
pub const MAX_METADATA_KEYS: usize = 20;

// ---- errors

/// Error body shape `{"error":{"code","message"}}` with 400/401/404/409/422 (no schema is
/// published). The provisioning error is 422 `provider_account_not_provisioned` with the message
/// "provider account not provisioned for this customer" (the Get-started page's words; it gives
/// neither status nor code).
pub const ERROR_SHAPE: &str = r#"{"error":{"code","message"}}"#;

// ---- customers, provisioning, endorsements

/// The server does not require the identity fields at creation (the Get-started page: "The API
/// accepts a customer with only `type`"), so the core validator runs with
/// `requireFiatFields: false`; every other validator rule (formats, enums, lengths) applies.
pub const CREATE_REQUIRES_FIAT_FIELDS: bool = false;
/// What provisions the fiat (provider) account by default: the Get-started page's list — a
/// structured `residentialAddress`, `phone` (E.164), `birthDate` and a government ID in
/// `identifyingInformation` (any document type counts). The SDK's readiness rule, shared.
pub const GET_STARTED_IDENTITY: &[&str] = oms_wasm::validate::customer::FIAT_FIELDS_GET_STARTED;
/// The stricter reading other pages suggest (names, email, nationality, `signedAgreement: true`
/// besides the four), used with `--strict-provisioning`: the SDK's fuller set, shared.
pub const STRICT_IDENTITY: &[&str] = oms_wasm::validate::customer::FIAT_FIELDS;
/// The identity set in force.
pub fn identity_set(strict: bool) -> &'static [&'static str] {
    if strict {
        STRICT_IDENTITY
    } else {
        GET_STARTED_IDENTITY
    }
}
/// Which calls need the provisioned fiat account (the Get-started page: "reading a balance,
/// cash-in, or a fiat transaction"): `GET /wallets/{id}/balance`, `POST /cash-ins`, crypto-to-fiat
/// quotes and transactions, virtual-account deposits. Crypto-to-crypto quotes and transactions
/// do not ("Products that never touch fiat rails may not need them"); they need `basic`.
pub const PROVISIONED_CALLS: &[&str] = &[
    "GET /wallets/{id}/balance",
    "POST /cash-ins",
    "POST /quotes (crypto-to-fiat)",
    "POST /transactions (crypto-to-fiat)",
    "POST /virtual-accounts/{id}/simulate",
];
/// Endorsements requested when a create omits `endorsements` (`cryptoCustody` + `usd`, which
/// implies `basic`).
pub const DEFAULT_ENDORSEMENTS: &[&str] = &["basic", "cryptoCustody", "usd"];
/// Requested endorsements are `PENDING` in the create (or PATCH) response — the Get-started
/// page's create response — and the sandbox review approves them after
/// [`ENDORSEMENT_REVIEW_MS`] on the emulator clock ("In sandbox, endorsements are auto-approved"),
/// whatever the identity fields: `ACTIVE`, and one `customer.endorsement.granted` event per
/// customer and review (`data` is the whole customer). Due reviews are applied by the scheduler
/// and before any API request is served, so with the default 0 the call that follows a create
/// (the Get-started page's wallet) sees `ACTIVE`. Seed-data customers start `ACTIVE`.
pub const SANDBOX_AUTO_APPROVE: bool = true;
/// Default review time (0: approved before the next request).
pub const ENDORSEMENT_REVIEW_MS: i64 = 0;
/// Requesting `usd` or `cryptoCustody` also requests `basic` (`usd` "implies `basic`").
pub const ENDORSEMENTS_IMPLY_BASIC: bool = true;
/// A PATCH naming an endorsement re-evaluates it ("forces re-evaluation"): `INACTIVE`, `ISSUES`,
/// `REVOKED_ISSUES` and `REJECTED` go back to `PENDING` (and the sandbox review); `ACTIVE` and
/// `PENDING` stay; `OFFBOARDED` is terminal.
pub const PATCH_REEVALUATES: bool = true;
/// Endorsement statuses other than `PENDING`/`ACTIVE` are reached through
/// `POST /_emulator/customers/{id}/endorsements/{type}` (the docs name them without saying how
/// they are reached). Their events are not documented; the emulator emits these (assumed) names,
/// `data` = the whole customer. Moving to `INACTIVE` emits nothing.
pub const ENDORSEMENT_EVENTS: &[(&str, &str)] = &[
    ("ACTIVE", "customer.endorsement.granted"),
    ("PENDING", "customer.endorsement.pending"),
    ("ISSUES", "customer.endorsement.issues"),
    ("REJECTED", "customer.endorsement.rejected"),
    ("REVOKED_ISSUES", "customer.endorsement.revoked"),
    ("OFFBOARDED", "customer.endorsement.offboarded"),
];
/// The endorsement statuses of the customer reference page.
pub const ENDORSEMENT_STATUSES: &[&str] = &[
    "INACTIVE",
    "PENDING",
    "ISSUES",
    "ACTIVE",
    "REJECTED",
    "REVOKED_ISSUES",
    "OFFBOARDED",
];
/// `requirements` of an endorsement: `usd` lists the identity set in force (`complete` /
/// `missing`); `basic` and `cryptoCustody` have none. `issues` holds the reason given for
/// `ISSUES`/`REVOKED_ISSUES`, `rejectionReasons` the one for `REJECTED`.
pub const REQUIREMENTS_ON: &str = "usd";
/// Customer `status` (`active` ⇄ `inactive`, who flips it is undocumented) is set with
/// `POST /_emulator/customers/{id}/status`; an inactive customer "is blocked from starting new
/// transactions": quotes, transactions and cash-ins answer 422 `customer_inactive`. No event.
pub const INACTIVE_BLOCKS_MONEY_MOVEMENT: bool = true;
/// PATCH `metadata` replaces the whole object (nothing says it merges).
pub const PATCH_METADATA_REPLACES: bool = true;
/// `GET /customers?email=` matches exactly, ignoring ASCII case ("exact match").
pub const EMAIL_FILTER_IGNORES_CASE: bool = true;

// ---- wallets

/// Chains a wallet can be provisioned on (EVM only: addresses are `0x…` with EIP-55 checksums).
pub const WALLET_CHAINS: &[&str] = &["polygon", "ethereum"];
/// Assets a wallet can hold (`usdc` is live, `usdt` is mentioned by guides).
pub const WALLET_ASSETS: &[&str] = &["usdc", "usdt"];
/// Several wallets per customer and asset/chain are allowed (the docs disagree).
pub const MULTIPLE_WALLETS_PER_CHAIN: bool = true;
/// Asset/network strings are read case-insensitively and written lowercase.
pub const NETWORKS_CASE_INSENSITIVE: bool = true;
/// Balance response fields (not visible in the docs): `walletId, asset, network, balance,
/// estimatedValue, estimatedValueUsd, currency`; only `USD` is accepted as
/// `estimatedBalanceCurrencyCode`, stablecoins valued 1:1.
pub const BALANCE_CURRENCIES: &[&str] = &["USD"];

// ---- quotes and fees

/// Quote validity ("short", no number documented). Default 5 minutes.
pub const QUOTE_LIFETIME_SECS: i64 = 300;
/// Developer fee rate on the source side, in micro-units of 1 (0.20 %, from the quote system
/// page's worked example: 0.20 on 100.00). Request-side `developerFees` are ignored.
pub const DEVELOPER_FEE_RATE: Micros = 2_000;
/// OMS fee rate on the source side (0.35 %, the worked example's 0.35 on 100.00).
pub const OMS_FEE_RATE: Micros = 3_500;
/// Flat gas fee per quote (0.03, the worked example). Absent from the breakdown with `sponsorGas`.
pub const GAS_FEE: Micros = 3 * CENT;
/// `sponsorGasCost` (always "0" in the current alpha).
pub const SPONSOR_GAS_COST: &str = "0";
/// Fees round half-up to the cent; destination-side fees are zero.
pub const FEE_ROUNDING: &str = "half-up to 0.01";
/// Crypto pairs quoted 1:1 (stablecoins); anything else is 422 `unsupported`.
pub const STABLECOINS: &[&str] = &["usdc", "usdt"];
/// Exchange rate of every supported pair (stablecoins and stablecoin→usd: 1.0).
pub const STABLE_RATE: Micros = UNIT;
/// `rates.pair` format (undocumented): `"<source>/<destination>"`, e.g. `usdc/usdc`.
pub const PAIR_FORMAT: &str = "source/destination";
/// Crypto-to-fiat (early access: "Bank payouts are not yet available", cash pickup "not yet
/// available") is emulated so its states can be tested: a quote to `usd` on `ach`/`wire` with
/// `destination.wallet.externalAccount` naming a saved account (created with
/// `POST /_emulator/customers/{id}/external-accounts`, "provisioned through early access"), or to
/// `usd` on `cash` with `destination.cash {locationId, locationReference}` from
/// `GET /cash-locations` (a cash pickup). Both need the provisioned fiat account and `usd`.
pub const CRYPTO_TO_FIAT_EMULATED: bool = true;
/// Networks of bank payouts.
pub const BANK_NETWORKS: &[&str] = &["ach", "wire"];

// ---- transactions

/// Time from `processing` to `completed` (or, for a cash pickup, to `cashPickupReady`), on the
/// emulator clock (no number documented).
pub const SETTLE_DELAY_MS: i64 = 1_000;
/// `transaction.cryptoToCrypto.processing` is not emitted by default (only one guide's diagram
/// shows it); `--emit-c2c-processing` turns it on.
pub const EMIT_C2C_PROCESSING: bool = false;
/// `transaction.cryptoToFiat.processing` is emitted when a payout starts and again when a cash
/// pickup code is ready (`status: cashPickupReady`), as the event catalogue describes.
pub const C2F_PROCESSING_TWICE_FOR_PICKUP: bool = true;
/// `transaction.fiatToCrypto.processing` is emitted when a fiat-in transaction is left
/// `processing` (a virtual-account deposit; a cash deposit with `--cash-in-settle-ms` or the
/// `deposit` control); a deposit that completes in the same call emits only the completion.
pub const F2C_PROCESSING_WHEN_LEFT_PROCESSING: bool = true;
/// The source wallet is debited (gross) when the transaction is created; a failed transaction
/// refunds it. The destination OMS wallet is credited (net) on completion.
pub const DEBIT_ON_CREATE: bool = true;
/// Failure details live in `error {code, message}` (the reference names no field).
pub const TRANSACTION_ERROR_FIELD: &str = "error";
/// Sender/recipient property names (not visible): `senderCustomerId`, `recipientCustomerId`.
pub const PARTY_FIELDS: (&str, &str) = ("senderCustomerId", "recipientCustomerId");
/// How long a cash pickup code stays valid once `cashPickupReady` (undocumented); an uncollected
/// pickup then fails (`subStatus: cashPickupExpired`) and the source is refunded.
pub const CASH_PICKUP_TTL_MS: i64 = 24 * 3_600_000;

// ---- cash locations

/// Locations returned per search (radius/limit undocumented).
pub const CASH_LOCATIONS_PER_SEARCH: usize = 5;
/// Providers accepted by `GET /cash-locations` (`greendot`; AllPoint for ATMs).
pub const CASH_PROVIDERS: &[&str] = &["greendot", "allpoint"];
/// Store brands the emulator places around the searched point (CVS, Walgreens, Walmart...).
pub const STORE_BRANDS: &[&str] = &[
    "CVS Pharmacy",
    "Walgreens",
    "Walmart",
    "Dollar General",
    "7-Eleven",
];
/// Distances are in miles (unit undocumented).
pub const DISTANCE_UNIT: &str = "miles";
/// A location reference is base64 of `GREENDOT-<store>:lat=<lat>,lng=<lng>` (the docs' example);
/// the `loc_` id is derived from it, so a cash-in's id/reference pair can be checked statelessly.
pub const REFERENCE_FORMAT: &str = "GREENDOT-<store>:lat=<lat>,lng=<lng>";

// ---- cash-ins

/// Deposit code validity (one hour).
pub const DEPOSIT_CODE_TTL_MS: i64 = 3_600_000;
/// Default `indicatedAmount` ("100.00").
pub const DEFAULT_INDICATED_AMOUNT: Micros = 100 * UNIT;
/// Minimum per cash-in ($20).
pub const CASH_IN_MIN: Micros = 20 * UNIT;
/// Maximum per cash-in ($500).
pub const CASH_IN_MAX: Micros = 500 * UNIT;
/// Maximum per cash-in at Walmart ($1,000).
pub const CASH_IN_MAX_WALMART: Micros = 1_000 * UNIT;
/// Rolling windows (ms), amount caps and count caps (daily $1,500 / 3, weekly $3,500 / 12,
/// monthly $5,000 / 20). Windows are rolling (24 h, 7 d, 30 d): the docs do not say calendar or
/// rolling. Amounts and counts are of completed deposits; at creation, pending cash-ins with a
/// live code count too, and the `indicatedAmount` stands in for the amount.
pub const CASH_IN_WINDOWS: &[(&str, i64, Micros, usize)] = &[
    ("daily", 86_400_000, 1_500 * UNIT, 3),
    ("weekly", 7 * 86_400_000, 3_500 * UNIT, 12),
    ("monthly", 30 * 86_400_000, 5_000 * UNIT, 20),
];
/// OMS fee schedule of a cash-in (1.5 % + 0.50), taken from the source side.
pub const CASH_IN_FEE_RATE: Micros = 15_000;
/// The fixed part of the cash-in fee.
pub const CASH_IN_FEE_FIXED: Micros = 50 * CENT;
/// Cash-ins need an active `usd` endorsement and a provisioned customer.
pub const CASH_IN_ENDORSEMENT: &str = "usd";
/// Deposit code format (the docs' example `ABC 12345`): 3 letters, a space, 5 digits.
pub const DEPOSIT_CODE_FORMAT: &str = "AAA 99999";
/// Refresh is allowed while `pending` or `expired` ("keeps/returns it to pending").
pub const REFRESH_STATES: &[&str] = &["pending", "expired"];
/// A cash deposit (the sandbox commit, or the `deposit`/`complete` controls) moves the cash-in to
/// `processing` and creates its `fiatToCrypto` transaction; it completes after
/// `--cash-in-settle-ms` (default 0: within the commit). Completion emits `cashIn.completed`,
/// then `transaction.fiatToCrypto.completed`; a failure (the `fail` control, or the transaction's)
/// sets `failed` with a `subStatus` and emits `transaction.fiatToCrypto.failed` (no cash-in
/// failure event is documented).
pub const CASH_IN_SETTLE_MS: i64 = 0;
/// `subStatus` values a failed cash-in can carry (the cash-in reference page).
pub const CASH_IN_FAILURES: &[&str] = &[
    "cash_deposit_failed",
    "provider_order_failed",
    "provider_order_template_error",
];

// ---- sandbox simulations

/// Retail simulation linkage (undocumented): `accountNumber` is the deposit code (spaces and case
/// ignored), `accountReferenceNumber` the cash-in's location reference.
pub const SIMULATION_LINKAGE: &str =
    "accountNumber=deposit code, accountReferenceNumber=location reference";
/// barcode-auth's response is the commit's shape (not visible); `responseCode` "00" = approved.
/// The cash-in stays `pending` until the commit.
pub const APPROVED_RESPONSE_CODE: &str = "00";
/// auth-commit makes the deposit and always creates the `fiatToCrypto` transaction (the docs'
/// "pass customerId to get a transaction row" is treated as always on); a given `customerId`
/// must be the cash-in's customer.
pub const COMMIT_ALWAYS_CREATES_TRANSACTION: bool = true;
/// Deposit-address and virtual-account simulations work in the emulated sandbox (the docs: 404
/// "in production"). The early-access resources they need are created with
/// `POST /_emulator/customers/{id}/deposit-addresses` and `/virtual-accounts`; an unknown id is
/// a plain 404 `deposit_address_not_found` / `virtual_account_not_found`. A deposit-address
/// deposit is a `cryptoToCrypto` transaction (with `depositAddressId`) into the linked wallet, a
/// virtual-account deposit a `fiatToCrypto` one (needs the provisioned fiat account); both are
/// `processing` until `--settle-ms`, no fees.
pub const EARLY_ACCESS_EMULATED: bool = true;
/// Amount of a virtual-account simulation when the body names none (rail fields undocumented:
/// `amount` as a decimal string or `{value}` is read).
pub const DEFAULT_SIMULATED_AMOUNT: Micros = 100 * UNIT;

// ---- webhooks

/// Secret: `whsec_` + 64 hex characters, from the seeded generator.
pub const WEBHOOK_SECRET_HEX_CHARS: usize = 64;
/// Signing per Standard Webhooks v1 with the hex-decoded key: headers `webhook-id`,
/// `webhook-timestamp`, `webhook-signature: v1,<base64>`, signed `"{id}.{timestamp}.{body}"`.
pub const SIGNING_SCHEME: &str = "standard-webhooks-v1-hex-key";
/// Envelope `{type, timestamp, data}` (the Standard Webhooks recommendation); `data` is the full
/// resource ("Webhook payloads include the full object").
pub const ENVELOPE: &str = "{type,timestamp,data}";
/// Retry schedule after the first attempt, in ms (the Standard Webhooks example: 5 s, 5 min,
/// 30 min, 2 h, 5 h, 10 h, 14 h, 20 h, 24 h). Times are on the emulator clock, so advancing it
/// fires retries; tests usually configure a compressed schedule.
pub const WEBHOOK_RETRY_SCHEDULE_MS: &[i64] = &[
    5_000, 300_000, 1_800_000, 7_200_000, 18_000_000, 36_000_000, 50_400_000, 72_000_000,
    86_400_000,
];
/// Delivery timeout per attempt in real milliseconds (15–30 s is usual; shorter for local use).
pub const WEBHOOK_TIMEOUT_MS: u64 = 10_000;
/// 2xx = delivered; 410 = endpoint disabled (`enabled: false`, `status: disabled`), no retry;
/// anything else (and connection errors) = retry per the schedule. A `Retry-After` on 429/503
/// pushes the next attempt later when it is longer than the schedule's delay.
pub const WEBHOOK_410_DISABLES: bool = true;
/// The event catalogue the docs name. `underReview` is compliance-only (never sent to the
/// emulator's endpoints, which are not `complianceOnly`).
pub const DOCUMENTED_EVENTS: &[&str] = &[
    "transaction.fiatToCrypto.processing",
    "transaction.fiatToCrypto.completed",
    "transaction.fiatToCrypto.failed",
    "transaction.cryptoToFiat.processing",
    "transaction.cryptoToFiat.completed",
    "transaction.cryptoToFiat.failed",
    "transaction.cryptoToCrypto.processing",
    "transaction.cryptoToCrypto.completed",
    "transaction.cryptoToCrypto.failed",
    "customer.endorsement.granted",
    "wallet.depositDetected",
    "cashIn.completed",
    "underReview",
];
/// Every event type a subscription may name: the catalogue plus the assumed endorsement events of
/// [`ENDORSEMENT_EVENTS`].
pub fn known_events() -> Vec<&'static str> {
    let mut v: Vec<&'static str> = DOCUMENTED_EVENTS.to_vec();
    for (_, e) in ENDORSEMENT_EVENTS {
        if !v.contains(e) {
            v.push(e);
        }
    }
    v
}
/// Subscriptions: `[]` = every event but compliance-only ones; an exact name; `*` = everything; a
/// `*` segment matches one segment (`transaction.*.failed`, the Get-started page's catch-all) and
/// a trailing `.*` one or more (`cashIn.*`, `transaction.*`). A name or pattern that matches no
/// known event type is refused with 400 listing the known ones (the docs give the catalogue; a
/// typo would otherwise subscribe to nothing, silently).
pub const SUBSCRIPTION_PATTERNS: &str = "exact | * | a.*.c | prefix.*";
/// `status` mirrors `enabled` (relationship not explained).
pub const STATUS_MIRRORS_ENABLED: bool = true;
/// Webhook URLs may be `http://` (the emulator delivers to local receivers; the docs say HTTPS).
/// `https://` URLs are accepted but deliveries to them fail (no TLS in the emulator).
pub const HTTP_WEBHOOK_URLS: bool = true;
/// Webhook URLs whose host is a private, link-local, shared, unspecified or multicast address or
/// a cloud metadata name are refused with 400 (and a name that resolves to one is refused at
/// delivery), unless `--allow-private-webhook-urls`; loopback is always allowed. URLs with user
/// info (`http://a@b/`) are refused.
pub const PRIVATE_WEBHOOK_URLS_REFUSED: bool = true;
/// `DELETE /webhooks/{id}` answers 200 with the endpoint and `"deleted": true` (undocumented).
pub const DELETE_RETURNS_OBJECT: bool = true;

// ---- the emulator as a local tool

/// Default header and body read timeout, and idle keep-alive close, in real ms.
pub const READ_TIMEOUT_MS: u64 = 10_000;
/// Largest single `/_emulator/clock/advance` (100 years): larger is a 400.
pub const MAX_CLOCK_ADVANCE_MS: i64 = 100 * 366 * 86_400_000;
/// The clock never passes 9999-12-31T23:59:59.999Z (RFC 3339's four-digit years); an advance
/// beyond it is a 400.
pub const MAX_CLOCK_MS: i64 = 253_402_300_799_999;
