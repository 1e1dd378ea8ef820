// ---- the fetch client (pkg-template/client.mjs over src/wasm/client.rs)

/** A token as `tokenStore` keeps it. `expiresAt`: milliseconds since the epoch (an ISO string is also read). */
export interface StoredToken {
  accessToken: string;
  expiresAt: number | string;
}

/**
 * Shares the access token between isolates or processes (e.g. Workers KV). `get` is asked before
 * every token exchange; `set` receives each new token. Failures of either are ignored (the client
 * exchanges its own token).
 */
export interface TokenStore {
  get(): Promise<StoredToken | null | undefined> | StoredToken | null | undefined;
  set(token: { accessToken: string; expiresAt: number }): Promise<void> | void;
}

/** What a `tokenProvider` is asked: the client's credentials and, after a 401, the token that was rejected. */
export interface TokenRequest {
  /** The token OMS just answered 401 for: replace it (once) rather than hand it out again. */
  invalidToken?: string;
  baseUrl: string;
  apiKey: string;
  apiSecret: string;
}

/**
 * Obtains the tokens instead of the client (e.g. `durableTokens(env.OMS_TOKENS)` from
 * `oms-wasm/cloudflare`: one token for every isolate). The client caches what it gets until the
 * refresh-ahead margin (60 s before `expiresAt`).
 */
export interface TokenProvider {
  getToken(request: TokenRequest): Promise<StoredToken> | StoredToken;
}

/** What `onRequest` receives: never bodies, headers or credentials. */
export interface RequestHookInfo {
  /** The operation (`'customers.create'`, `'auth.token'`) or, for `request()`, `'METHOD /path'`. */
  operation: string;
  method: string;
  /** The request URL without its query string (query values carry emails and ids). */
  url: string;
  /** The query parameter names, when the URL has a query (never the values). */
  query?: string[];
  /** 1 for the first attempt; retries and the replay after a 401 count up. */
  attempt: number;
}
/** What `onResponse` receives after every attempt. */
export interface ResponseHookInfo extends RequestHookInfo {
  /** Milliseconds from sending to the end of the body (or to the failure). */
  elapsedMs: number;
  /** HTTP status; absent when no response arrived. */
  status?: number;
  /** From `x-request-id` / `request-id` / `cf-ray`, when present (left out if it holds a credential). */
  requestId?: string;
  /** When no response arrived: `'timeout'`, `'network'` or `'aborted'`. */
  error?: 'timeout' | 'network' | 'aborted';
}

export interface OmsClientOptions {
  /** `sk_sdbx_…` / `sk_live_…`. */
  apiKey: string;
  /** Shown once when the key was created. Keep it on the server. */
  apiSecret: string;
  /** Default: `'sandbox'`. */
  environment?: 'sandbox' | 'production';
  /** Replaces the path version segment. Default: `'v0.9'`. */
  apiVersion?: string;
  /** A full base URL with its version segment (e.g. the emulator's `http://127.0.0.1:8080/v0.9`; without a path, `/v0.9` is added); not with `environment`/`apiVersion`. `https://`, or `http://` to a loopback host only. */
  baseUrl?: string;
  /** Accept a plain `http://` `baseUrl` to a non-loopback host: the secret and tokens then travel unencrypted. Default: false. */
  dangerouslyAllowInsecureHttp?: boolean;
  /** The `fetch` to call. Default: `globalThis.fetch`. It is called with `redirect: 'manual'`: redirects are never followed. */
  fetch?: (input: string, init: { method: string; headers: Record<string, string>; body?: string; signal?: HostClass<'AbortSignal'>; redirect: 'manual' }) => Promise<HostResponseResult>;
  /** Retries after the first attempt (0–10). Default: 2. */
  maxRetries?: number;
  /** Per-attempt timeout in milliseconds, covering the response body (1–600000). Default: 30000. */
  timeoutMs?: number;
  /** Called before every attempt. A throwing hook does not affect the call. */
  onRequest?: (info: RequestHookInfo) => unknown;
  /** Called after every attempt. A throwing hook does not affect the call. */
  onResponse?: (info: ResponseHookInfo) => unknown;
  /** Shares the token between isolates. Default: none (each client exchanges its own). */
  tokenStore?: TokenStore;
  /** Obtains and shares the tokens instead of this client (not with `tokenStore`). Default: none. */
  tokenProvider?: TokenProvider;
  /** Allow construction in a browser page, where the secret is visible to anyone. Default: false. */
  dangerouslyAllowBrowser?: boolean;
  /** Names written for cash location references. Default: `'location'`. */
  cashRefNames?: 'location' | 'cashLocation';
  /** `true`: customer calls missing what the OMS Get-started page says fiat provisioning needs are
   *  refused before sending (`OmsValidationError`, `required_for_fiat` issues). Default: `false` —
   *  never a refusal: the call is sent and the readiness goes to `onWarning`. */
  requireFiatFields?: boolean;
  /** Called (before sending) when a call's params raise warnings — provisioning readiness of a
   *  customer create: `{ operation, warnings }`, each warning an `Issue` with `params.field`,
   *  `params.endorsement` and `params.source` (no values). The call is sent regardless; a throwing
   *  hook does not affect it. Default: none (warnings are dropped). */
  onWarning?: (info: WarningHookInfo) => unknown;
}

/** What `onWarning` receives. */
export interface WarningHookInfo {
  operation: string;
  warnings: Issue[];
}

export interface RequestOptions {
  /** The `Idempotency-Key` of this call (every attempt sends the same one). Default on POST: a fresh UUID v4; on PATCH it makes retries after 5xx/network errors safe. */
  idempotencyKey?: string;
  /** Aborts the call (rejects with `OmsConnectionError` code `aborted`), including backoff waits. */
  signal?: AbortSignalInput;
  /** Per-attempt timeout for this call. Default: the client's. */
  timeoutMs?: number;
  /** Retries for this call. Default: the client's. */
  maxRetries?: number;
}

export interface RawRequestOptions extends RequestOptions {
  /** Query parameters (arrays repeat the key; `undefined`/`null` are left out). */
  query?: Record<string, string | number | boolean | null | undefined | (string | number | boolean)[]>;
  /** A JSON body (POST and PATCH only). */
  body?: unknown;
}

/**
 * A list call: `await` it for the first page, `for await` it for every item of every page
 * (following `nextCursor` as `startingAfter`), or iterate `.pages()`.
 */
export interface ListRequest<T> extends PromiseLike<ListPage<T>>, AsyncIterable<T> {
  catch<R = never>(onRejected?: ((reason: unknown) => R | PromiseLike<R>) | null): Promise<ListPage<T> | R>;
  finally(onFinally?: (() => void) | null): Promise<ListPage<T>>;
  pages(): AsyncIterableIterator<ListPage<T>>;
}

type Item<O extends Operation> = OperationResult<O> extends ListPage<infer T> ? T : never;
type Call<O extends Operation> = (params: OperationParams<O>, options?: RequestOptions) => Promise<OperationResult<O>>;
type CallById<O extends Operation> = (params: OperationParams<O> | string, options?: RequestOptions) => Promise<OperationResult<O>>;
type List<O extends Operation> = (params?: OperationParams<O>, options?: RequestOptions) => ListRequest<Item<O>>;
type ListById<O extends Operation> = (params: OperationParams<O> | string, options?: RequestOptions) => ListRequest<Item<O>>;

/**
 * The OMS API client for servers and edge workers (it holds the API secret; it refuses to start in
 * a browser page unless `dangerouslyAllowBrowser`). Every method validates its params first
 * (`OmsValidationError`, nothing sent), then authenticates (cached token, one shared exchange),
 * sends with retries and timeouts, and resolves to the parsed value or rejects with `OmsApiError`
 * / `OmsConnectionError`.
 */
export class OmsClient {
  constructor(options: OmsClientOptions);
  readonly customers: {
    create: Call<'customers.create'>;
    get: CallById<'customers.get'>;
    list: List<'customers.list'>;
    update: Call<'customers.update'>;
    listTransactions: ListById<'customers.listTransactions'>;
  };
  readonly wallets: {
    create: Call<'wallets.create'>;
    get: CallById<'wallets.get'>;
    list: ListById<'wallets.list'>;
    balance: CallById<'wallets.balance'>;
    listTransactions: ListById<'wallets.listTransactions'>;
  };
  readonly quotes: { create: Call<'quotes.create'>; get: CallById<'quotes.get'> };
  readonly transactions: {
    create: Call<'transactions.create'>;
    get: CallById<'transactions.get'>;
    list: List<'transactions.list'>;
  };
  readonly cashLocations: { list: List<'cashLocations.list'> };
  readonly cashIns: {
    create: Call<'cashIns.create'>;
    get: CallById<'cashIns.get'>;
    list: List<'cashIns.list'>;
    refresh: CallById<'cashIns.refresh'>;
  };
  readonly webhooks: {
    create: Call<'webhooks.create'>;
    get: CallById<'webhooks.get'>;
    list: List<'webhooks.list'>;
    update: Call<'webhooks.update'>;
    delete: CallById<'webhooks.delete'>;
  };
  /** Early access. */
  readonly virtualAccounts: { get: CallById<'virtualAccounts.get'> };
  /** Sandbox simulations (they answer 404 in production). */
  readonly sandbox: {
    cashIns: { barcodeAuth: Call<'sandbox.cashIns.barcodeAuth'>; authCommit: Call<'sandbox.cashIns.authCommit'> };
    depositAddresses: { simulate: CallById<'sandbox.depositAddresses.simulate'> };
    virtualAccounts: { simulate: Call<'sandbox.virtualAccounts.simulate'> };
  };
  /** Raw escape hatch: `path` is relative to the base URL (`'/customers'`); the response is plain JSON (`null` when empty). */
  request<T = unknown>(method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, options?: RawRequestOptions): Promise<T>;
  /** Any operation by name. */
  call<O extends Operation>(operation: O, params: OperationParams<O>, options?: RequestOptions): Promise<OperationResult<O>>;
  /** Safe facts only: base URL, key prefix, settings, whether a token is cached. Never the secret or a token. */
  toJSON(): {
    client: 'oms-wasm'; baseUrl: string; apiKey: string; maxRetries: number; timeoutMs: number;
    tokenStore: boolean; tokenProvider: boolean; customFetch: boolean; hasToken: boolean; tokenExpiresAt: number | null; tokenExchanges: number;
  };
}
