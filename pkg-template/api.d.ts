// ---- the OMS wire model and the request layer (src/model, src/api; bindings in src/wasm/api.rs)
//
// Responses are read tolerantly: OMS publishes no guarantee of which fields are present, so every
// field but a resource's `id` is optional; fields this version does not know are kept at run time
// (after the known ones). Every spelling the OMS docs use arrives under its canonical name.
// Open enums: a value this version does not know arrives as the string the server sent.

/** A decimal amount as a string, e.g. `"100.00"` (never a JSON number). */
export type Decimal = string;
/** ISO 8601 / RFC 3339 UTC timestamp, e.g. `2026-01-15T10:00:00Z`. */
export type Timestamp = string;
/** A string union that still accepts any other string (new server values never break a build). */
export type Open<T extends string> = T | (string & {});

export type Asset = Open<'usdc' | 'usdt' | 'usd' | 'btc' | 'eth' | 'eur' | 'brl' | 'inr' | 'mxn' | 'gbp'>;
export type Network = Open<
  'polygon' | 'ethereum' | 'solana' | 'bitcoin' | 'ach' | 'wire' | 'card' | 'cash' | 'usBank' | 'sepa' | 'pix' | 'upi' | 'spei' | 'fps'
>;
export type TransactionType = Open<'fiatToCrypto' | 'cryptoToFiat' | 'cryptoToCrypto'>;
export type FixedAmountSide = Open<'source' | 'destination'>;
export type Metadata = Record<string, string>;

export interface FeesDeducted { total?: Decimal; developer?: Decimal; oms?: Decimal; gas?: Decimal }
export interface Rates { exchangeRate?: Decimal; effectiveRate?: Decimal; pair?: string }
/** Where funds go: exactly one of an OMS wallet, an external address or a saved account. */
export interface WalletTarget { id?: string; blockchainAddress?: string; externalAccount?: string }
export interface CashRef { locationId?: string; locationReference?: string }
export interface DeveloperFee { id?: string; amount?: Decimal; flatFee?: Decimal; percentage?: Decimal; wallet?: unknown }
export interface DepositInstructions {
  address?: string; asset?: Asset; network?: Network; exactAmount?: Decimal;
  /** The deposit code shown at the counter (cash-ins), e.g. `ABC 12345`. */
  code?: string; expiresAt?: Timestamp; locationName?: string; locationAddress?: string;
}
export interface PostalAddress { line1?: string; line2?: string; city?: string; state?: string; country?: string; zipCode?: string }
export interface BankDetails { bankName?: string; accountNumber?: string; routingNumber?: string; accountType?: string; ownerName?: string; reference?: string }
export interface Owner { name?: string; email?: string; phone?: string; nationality?: string; dateOfBirth?: string; taxId?: string; address?: PostalAddress }
/** One side of a money movement (quote, transaction, cash-in). */
export interface AmountSide {
  walletId?: string; asset?: Asset; network?: Network; amount?: Decimal; indicatedAmount?: Decimal;
  amountGross?: Decimal; amountNet?: Decimal; feesDeducted?: FeesDeducted; email?: string;
  wallet?: WalletTarget; externalAccountId?: string; bankDetails?: BankDetails; cash?: CashRef; owner?: Owner;
  txHash?: string; depositInstructions?: DepositInstructions;
}

// -- resources

export type EndorsementName = Open<'basic' | 'cryptoCustody' | 'usd'>;
export type EndorsementStatus = Open<'INACTIVE' | 'PENDING' | 'ISSUES' | 'ACTIVE' | 'REJECTED' | 'REVOKED_ISSUES' | 'OFFBOARDED'>;
export interface CustomerEndorsement {
  /** The endorsement (`basic`, `cryptoCustody`, `usd`). Read from `type` (the Get-started page) or its alias `name`. */
  type?: EndorsementName;
  status?: EndorsementStatus;
  requirements?: { complete?: string[]; pending?: string[]; missing?: string[]; issues?: unknown[] };
  rejectionReasons?: { reason?: string; developerReason?: string }[];
}
export interface CustomerWalletSummary {
  id?: string; type?: Open<'custodial' | 'internal' | 'external'>; address?: string; network?: Network; asset?: Asset;
  balance?: Decimal; estimatedValueUsd?: Decimal; createdAt?: Timestamp;
}
/** A customer (`cst_…`). `birthDate`, `residentialAddress`, `ipAddress` and `identifyingInformation` are write-only. */
export interface Customer {
  id: string; object?: 'customer'; type?: Open<'individual'>;
  firstName?: string; middleName?: string; lastName?: string; email?: string; phone?: string;
  nationality?: string; externalId?: string; status?: Open<'active' | 'inactive'>;
  signedAgreement?: boolean; signedAgreementAt?: Timestamp;
  wallets?: CustomerWalletSummary[];
  /** Endorsement objects; the plain-string form of some docs is read as `{ type }`. */
  endorsements?: CustomerEndorsement[];
  metadata?: Metadata; createdAt?: Timestamp; updatedAt?: Timestamp;
}
/** A custodial wallet (`wlt_…`). */
export interface Wallet {
  id: string; object?: 'wallet'; customerId?: string; address?: string; asset?: Asset; chain?: Network;
  status?: Open<'active' | 'suspended' | 'closed'>; type?: Open<'internal' | 'external' | 'custodial'>;
  createdAt?: Timestamp; updatedAt?: Timestamp;
}
export interface WalletBalance {
  walletId?: string; asset?: Asset; network?: Network; balance?: Decimal; estimatedValue?: Decimal; estimatedValueUsd?: Decimal;
}
/** A quote (`qt_…`): a locked rate until `expiresAt`. */
export interface Quote {
  id: string; object?: 'quote'; type?: TransactionType; status?: Open<'open' | 'accepted' | 'expired'>;
  customerId?: string; source?: AmountSide; destination?: AmountSide; rates?: Rates;
  fixedAmountSide?: FixedAmountSide; sponsorGas?: boolean; sponsorGasCost?: Decimal;
  developerFees?: DeveloperFee[]; metadata?: Metadata; expiresAt?: Timestamp; createdAt?: Timestamp;
}
export interface Coordinates { latitude?: number; longitude?: number }
export interface CashPickup {
  cashCode?: string; amount?: Decimal; asset?: Asset; expiresAt?: Timestamp; instructions?: string; phoneRequired?: boolean;
  location?: { id?: string; name?: string; provider?: string; address?: string; city?: string; state?: string; country?: string; zipCode?: string; coordinates?: Coordinates };
}
export type TransactionStatus = Open<'processing' | 'cashPickupReady' | 'completed' | 'failed'>;
/** A transaction (the id prefix is undocumented: treat it as opaque). */
export interface Transaction {
  id: string; object?: 'transaction'; type?: TransactionType; status?: TransactionStatus; subStatus?: string;
  quoteId?: string; fixedAmountSide?: FixedAmountSide; source?: AmountSide; destination?: AmountSide; rates?: Rates;
  senderCustomerId?: string; recipientCustomerId?: string; role?: Open<'sender' | 'recipient' | 'both'>;
  /** Present only after an asynchronous failure. */
  error?: { code?: string; message?: string };
  cashInId?: string; depositAddressId?: string; depositInstructions?: DepositInstructions; cashPickup?: CashPickup;
  sponsorGas?: boolean; sponsorGasCost?: Decimal; developerFees?: DeveloperFee[]; metadata?: Metadata;
  createdAt?: Timestamp; updatedAt?: Timestamp; completedAt?: Timestamp;
}
/** A retail location for cash-ins (`loc_…`); pass `id` and `locationReference` to `cashIns.create`. */
export interface CashLocation {
  id: string; object?: string; name?: string; provider?: string; locationReference?: string;
  address?: string; city?: string; state?: string; country?: string; zipCode?: string;
  coordinates?: Coordinates; distance?: number;
}
export type CashInStatus = Open<'pending' | 'processing' | 'completed' | 'failed' | 'expired'>;
/** A cash-in (`ci_…`): show `depositInstructions.code` to the customer. */
export interface CashIn {
  id: string; object?: 'cashIn'; type?: TransactionType; status?: CashInStatus;
  subStatus?: Open<'order_reserved' | 'settled' | 'cash_deposit_expired' | 'cash_deposit_failed' | 'provider_order_failed' | 'provider_order_template_error'>;
  customerId?: string; source?: AmountSide; destination?: AmountSide; cash?: CashRef;
  location?: { name?: string; address?: unknown }; depositInstructions?: DepositInstructions;
  omsFeeSchedule?: { feeCurrency?: Asset; entries?: { type?: Open<'percentage' | 'fixed'>; rate?: Decimal; amount?: Decimal }[] };
  rates?: Rates; fixedAmountSide?: FixedAmountSide; sponsorGas?: boolean; sponsorGasCost?: Decimal;
  developerFees?: DeveloperFee[]; metadata?: Metadata;
  /** The `fiatToCrypto` transaction created on completion (alias `transaction` is read too). */
  transactionId?: string;
  createdAt?: Timestamp; updatedAt?: Timestamp; completedAt?: Timestamp;
}
/** A webhook endpoint (`whk_…`). `secret` is only in the create response. */
export interface WebhookEndpoint {
  id: string; object?: 'webhook'; url?: string; events?: string[]; enabled?: boolean;
  status?: Open<'active' | 'disabled'>; complianceOnly?: boolean;
  /** `whsec_` + 64 hex characters; returned once, by `webhooks.create`. */
  secret?: string; createdAt?: Timestamp; updatedAt?: Timestamp;
}
export interface TokenResponse { accessToken?: string; tokenType?: Open<'bearer'>; expiresIn?: number; expiresAt?: Timestamp }
export interface RetailSimulationResult {
  authorizedAmount?: Decimal; confirmationId?: string; responseCode?: string; responseId?: string; responseText?: string;
}
export interface DepositAddressSimulation {
  amount?: { value?: Decimal; currency?: string }; depositAddressId?: string;
  network?: Open<'BASE' | 'ETHEREUM' | 'INK' | 'SOLANA' | 'SUI'>; status?: Open<'submitted'>;
  submittedAt?: Timestamp; transactionHash?: string;
}
/** A virtual account (`va_…`, early access): a US bank account whose deposits become `fiatToCrypto` transactions. */
export interface VirtualAccount {
  id: string; object?: 'virtualAccount'; customerId?: string; status?: Open<'active' | 'paused' | 'deleted'>;
  source?: AmountSide;
  bankDetails?: { bankName?: string; accountNumber?: string; routingNumber?: string; accountType?: string; ownerName?: string; reference?: string; [k: string]: unknown };
  destination?: AmountSide; accountholderName?: Open<'customer' | 'oms' | 'developer'>; label?: string; bankMemo?: string;
  metadata?: Record<string, unknown>; developerFees?: unknown[]; createdAt?: Timestamp;
}
export interface VirtualAccountSimulation { rail?: Open<'ach_in' | 'wire_in' | 'swift_in'>; virtualAccountId?: string; status?: string }
/** One page of a list. Pass `nextCursor` as `startingAfter` for the next (older) page. */
export interface ListPage<T> { data?: T[]; hasMore?: boolean; nextCursor?: string; previousCursor?: string }

// -- params (path parameters by name, query parameters by name, body fields = the rest)

export interface PageParams {
  /** Page size. Default: the server's (50 on transaction lists; at most 100). */
  limit?: number;
  /** A `nextCursor`: items older than it. */
  startingAfter?: string;
  /** A `previousCursor`: items newer than it. */
  endingBefore?: string;
}
export interface CreatedRange {
  /** Inclusive lower bound (ISO 8601). */
  createdAfter?: string;
  /** Inclusive upper bound (ISO 8601). */
  createdBefore?: string;
}
/** Where funds go: exactly one of an OMS wallet, an external address or a saved account. Every
 *  documented spelling is accepted (`wallet` for `id`, `externalAccountId` for
 *  `externalAccount`); the canonical one is sent. */
export type WalletTargetInput =
  | { id: string } | { wallet: string } | { blockchainAddress: string }
  | { externalAccount: string } | { externalAccountId: string };
export interface CreateQuoteParams {
  customerId: string;
  /** An OMS wallet: fiat can never be a quote source. Set `amount` on exactly one side. */
  source: { walletId: string; asset: Asset; network: Network; amount?: Decimal };
  destination: { asset: Asset; network: Network; amount?: Decimal; wallet?: WalletTargetInput };
  metadata?: Metadata; promoCode?: string; sponsorGas?: boolean;
}
export interface CreateTransactionParams {
  quoteId: string; deviceFingerprint?: string; webSessionId?: string; paymentMethodId?: string;
  sourceWalletAddress?: string; partnerTransactionId?: number; tags?: string; metadata?: Metadata;
}
export interface CreateCashInParams {
  customerId: string;
  source: { asset: Asset; network?: Network; indicatedAmount?: Decimal };
  destination: { wallet: WalletTargetInput; asset: Asset; network: Network };
  /** From `cashLocations.list` (`locationId` = the location's `id`). Also accepted: the Get-started
   *  page's `cashLocationId` / `cashLocationReference` (each field in either spelling). The names
   *  sent follow the `cashRefNames` option. */
  cash: ({ locationId: string } | { cashLocationId: string }) & ({ locationReference: string } | { cashLocationReference: string });
  metadata?: Metadata;
}
export interface WebhookParams {
  /** HTTPS delivery URL. */
  url: string;
  /** Event types or wildcards (`cashIn.*`); empty or absent = every event. */
  events?: string[];
  enabled?: boolean;
}
export interface BarcodeAuthParams { accountNumber: string; accountReferenceNumber: string; amount: Decimal }
export interface AuthCommitParams extends BarcodeAuthParams { originalConfirmationId: string; customerId?: string; description?: string }

/** Every operation: its params and the parsed response. */
export interface Operations {
  'auth.token': { params: { apiKey: string; apiSecret: string }; result: TokenResponse };
  'customers.create': { params: CustomerParams; result: Customer };
  'customers.get': { params: { customerId: string }; result: Customer };
  'customers.list': { params: PageParams & CreatedRange & { status?: 'active' | 'inactive'; email?: string; externalId?: string }; result: ListPage<Customer> };
  'customers.update': { params: { customerId: string } & Omit<CustomerParams, 'type'>; result: Customer };
  'customers.listTransactions': { params: { customerId: string } & PageParams & CreatedRange; result: ListPage<Transaction> };
  'wallets.create': { params: { customerId: string; asset: Asset; chain: Network }; result: Wallet };
  'wallets.list': { params: { customerId: string } & PageParams; result: ListPage<Wallet> };
  'wallets.get': { params: { walletId: string }; result: Wallet };
  'wallets.balance': { params: { walletId: string; estimatedBalanceCurrencyCode?: string }; result: WalletBalance };
  'wallets.listTransactions': { params: { walletId: string; type?: TransactionType } & PageParams & CreatedRange; result: ListPage<Transaction> };
  'quotes.create': { params: CreateQuoteParams; result: Quote };
  'quotes.get': { params: { quoteId: string }; result: Quote };
  'transactions.create': { params: CreateTransactionParams; result: Transaction };
  'transactions.get': { params: { transactionId: string; senderCustomerId?: string; recipientCustomerId?: string }; result: Transaction };
  'transactions.list': { params: PageParams & CreatedRange; result: ListPage<Transaction> };
  'cashLocations.list': { params: { provider: string; latitude: number; longitude: number; flow?: string }; result: ListPage<CashLocation> };
  'cashIns.create': { params: CreateCashInParams; result: CashIn };
  'cashIns.get': { params: { cashInId: string }; result: CashIn };
  'cashIns.list': { params: PageParams & CreatedRange; result: ListPage<CashIn> };
  'cashIns.refresh': { params: { cashInId: string }; result: CashIn };
  'webhooks.create': { params: WebhookParams; result: WebhookEndpoint };
  'webhooks.get': { params: { webhookId: string }; result: WebhookEndpoint };
  'webhooks.list': { params: PageParams; result: ListPage<WebhookEndpoint> };
  'webhooks.update': { params: { webhookId: string } & Partial<WebhookParams>; result: WebhookEndpoint };
  'webhooks.delete': { params: { webhookId: string }; result: WebhookEndpoint | null };
  'sandbox.cashIns.barcodeAuth': { params: BarcodeAuthParams; result: RetailSimulationResult };
  'sandbox.cashIns.authCommit': { params: AuthCommitParams; result: RetailSimulationResult };
  'sandbox.depositAddresses.simulate': { params: { depositAddressId: string; amount: { value: Decimal } }; result: DepositAddressSimulation };
  'virtualAccounts.get': { params: { virtualAccountId: string }; result: VirtualAccount };
  'sandbox.virtualAccounts.simulate': { params: { virtualAccountId: string; rail: 'ach_in' | 'wire_in' | 'swift_in'; [field: string]: unknown }; result: VirtualAccountSimulation };
}
/** An operation name, e.g. `'customers.create'`. */
export type Operation = keyof Operations;
export type OperationParams<O extends Operation> = Operations[O]['params'];
export type OperationResult<O extends Operation> = Operations[O]['result'];

export interface BuildRequestOptions {
  /** Default: `'sandbox'`. */
  environment?: 'sandbox' | 'production';
  /** Replaces the path version segment. Default: `'v0.9'`. */
  apiVersion?: string;
  /** A full base URL with its version segment (e.g. the emulator's `http://127.0.0.1:8080/v0.9`; without a path, `/v0.9` is added); not with `environment`/`apiVersion`. `https://`, or `http://` to a loopback host only. */
  baseUrl?: string;
  /** Accept a plain `http://` `baseUrl` to a non-loopback host (the token then travels unencrypted). Default: false. */
  dangerouslyAllowInsecureHttp?: boolean;
  /** The bearer token from `auth.token`; required by every other operation. */
  accessToken?: string;
  /** Sent on POSTs (default: a fresh UUID v4) and, when given, on other methods. Reuse it when you retry. */
  idempotencyKey?: string;
  /** `YYYY-MM-DD` for the birth-date checks of customer params. Default: the local date. */
  today?: string;
  /** Names written for cash location references. Default: `'location'` (`locationId`/`locationReference`,
   *  the API reference's); `'cashLocation'` writes the Get-started page's. Both are read as input. */
  cashRefNames?: 'location' | 'cashLocation';
  /** Customer params: `true` refuses a body missing what the OMS Get-started page says fiat
   *  provisioning needs (`required_for_fiat` issues, nothing built). Default: `false` — the API
   *  accepts such a customer, so readiness is only reported in `warnings`. */
  requireFiatFields?: boolean;
}
/** A request ready for `fetch(url, { method, headers, body })`. */
export interface BuiltRequest {
  method: 'GET' | 'POST' | 'PATCH' | 'DELETE' | 'PUT';
  url: string;
  /** In canonical order; `Authorization` holds the token: never log it. */
  headers: Record<string, string>;
  body?: string;
  /** Non-enumerable (not sent, not in `JSON.stringify`): advice that did not stop the build —
   *  provisioning readiness of customer params (`required_for_fiat`, `recommended_for_fiat`,
   *  each with `params.field`, `params.endorsement`, `params.source`). Usually empty. */
  readonly warnings: Issue[];
}
/** Response headers: a `Headers`, a plain object (any case; string or string[] values) or `[name, value]` pairs. */
export type ResponseHeaders = HeadersLike | Record<string, string | string[] | undefined> | [string, string][];
export interface OperationInfo {
  name: Operation; method: BuiltRequest['method']; path: string; params: string[];
  requiresAuth: boolean; idempotencyKey: boolean;
}

/**
 * Builds the request of an operation: validates `params` first (customer params with
 * `validateCustomer`), so input the API would reject throws `OmsValidationError` (code
 * `invalid_params`, with every issue) and nothing is built. Every documented spelling of a field is
 * accepted and the canonical one is sent; provisioning readiness is returned in `warnings`. Other failures throw `OmsError` with code `unknown_operation`,
 * `missing_access_token`, `invalid_access_token`, `invalid_base_url` or `invalid_idempotency_key`.
 */
export function buildRequest<O extends Operation>(operation: O, params: OperationParams<O>, options?: BuildRequestOptions): BuiltRequest;
/**
 * Parses a response of an operation into its typed value, or throws `OmsApiError` (`status`, `code`,
 * `message`, `serverCode?`, `requestId?`, `retryAfterSeconds?`, `body`). Pass the raw body text
 * (`await response.text()`); `headers` give the request id and `Retry-After`.
 */
export function parseResponse<O extends Operation>(operation: O, status: number, bodyText: string, headers?: ResponseHeaders): OperationResult<O>;
/** Every operation name. */
export function operations(): Operation[];
/** The static facts of an operation, or `undefined` for an unknown name. */
export function describeOperation(operation: string): OperationInfo | undefined;
