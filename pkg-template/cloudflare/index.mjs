// oms-wasm/cloudflare (workerd only): edge state on Durable Objects, the engine built for it.
//
//   OmsTokenBroker + durableTokens(namespace): one bearer token per (base URL, API key) shared by
//     every isolate and every OmsClient (option `tokenProvider`).
//   WebhookInbox + webhookInbox(namespace): each webhook event id processed once across isolates.
//
// Thin by design: every decision (when to exchange, claims, leases, retention, shards) is the wasm
// core's (src/client/broker.rs, src/webhook/inbox.rs); these classes store what it returns and
// perform the I/O. It shares the wasm instance of the `oms-wasm` workerd entry (imported below), so
// a Worker that imports both instantiates one module.
import { DurableObject } from 'cloudflare:workers';
import '../index.workerd.mjs';
import { OmsError } from '../errors.mjs';
import * as raw from '../wasm/oms_wasm.mjs';
import { newCore } from '../transport.mjs';

const TOKEN_KEY = 'token';
const EVENT_PREFIX = 'event:';
/** Default number of inbox shards (Durable Objects an inbox spreads event ids over). */
export const DEFAULT_INBOX_SHARDS = 16;
/** Default lease of an inbox claim: a handler running longer may be run again by a retry. */
export const DEFAULT_LEASE_MS = 60_000;
/** Default time processed event ids are remembered (OMS retries for about a day). */
export const DEFAULT_RETENTION_MS = 7 * 24 * 3600 * 1000;

function usage(message) {
  return new OmsError(message, 'invalid_argument');
}

function isNamespace(ns) {
  return ns !== null && typeof ns === 'object' && typeof ns.idFromName === 'function' && typeof ns.get === 'function';
}

// ---------------------------------------------------------------------------------------------
// the token broker

/**
 * A Durable Object holding the bearer token of one credential (one instance per base URL and API
 * key, named by durableTokens). It exchanges the key and secret itself — one exchange at a time,
 * shared by every caller waiting — and hands out the token until its refresh-ahead margin; a
 * caller reporting the current token as rejected (a 401) gets it replaced once. The API secret
 * comes with each request and is never stored: the object keeps the token, its expiry and a
 * fingerprint (SHA-256) of the credentials, to notice a rotated secret.
 */
export class OmsTokenBroker extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.current = undefined; // the stored state, loaded once
    this.inflight = null;
  }

  /** `{ accessToken, expiresAt }` for `{ baseUrl, apiKey, apiSecret, invalidToken? }`. */
  async getToken(request = {}) {
    const { baseUrl, apiKey, apiSecret, invalidToken } = request ?? {};
    if (typeof baseUrl !== 'string' || typeof apiKey !== 'string' || typeof apiSecret !== 'string') {
      throw usage('OmsTokenBroker.getToken needs { baseUrl, apiKey, apiSecret } (durableTokens passes them)');
    }
    if (this.current === undefined) this.current = (await this.ctx.storage.get(TOKEN_KEY)) ?? null;
    const d = raw.brokerDecide(this.current, Date.now(), apiKey, apiSecret, typeof invalidToken === 'string' ? invalidToken : undefined);
    if (!d.exchange) return { accessToken: this.current.accessToken, expiresAt: this.current.expiresAt };
    if (!this.inflight) {
      this.inflight = (async () => {
        try {
          const { core } = newCore({ apiKey, apiSecret, baseUrl, maxRetries: 2 });
          const t = await core.exchangeToken();
          const state = { accessToken: t.accessToken, expiresAt: t.expiresAt, lifetimeMs: t.lifetimeMs, fingerprint: d.fingerprint };
          await this.ctx.storage.put(TOKEN_KEY, state);
          this.current = state;
          return { accessToken: state.accessToken, expiresAt: state.expiresAt };
        } finally {
          this.inflight = null;
        }
      })();
    }
    return this.inflight;
  }
}

/**
 * A token provider for `new OmsClient({ tokenProvider })` backed by the OmsTokenBroker Durable
 * Object bound as `namespace`: every client of every isolate shares one token (and one exchange)
 * per credential.
 */
export function durableTokens(namespace) {
  if (!isNamespace(namespace)) throw usage('durableTokens(namespace) needs the Durable Object namespace binding of OmsTokenBroker (e.g. env.OMS_TOKENS)');
  return {
    async getToken(request = {}) {
      const { baseUrl, apiKey } = request ?? {};
      const stub = namespace.get(namespace.idFromName(`oms-token:${baseUrl}|${apiKey}`));
      return stub.getToken(request);
    },
  };
}

// ---------------------------------------------------------------------------------------------
// the webhook inbox

/**
 * A Durable Object remembering webhook event ids: `claim` gives each id to one delivery at a time
 * (with a lease, so a crashed isolate's claim expires), `complete` marks it processed (kept for
 * the retention period, then pruned by an alarm), `release` lets a failed handler's retry run.
 */
export class WebhookInbox extends DurableObject {
  /** `{ status: 'claimed' | 'duplicate' | 'busy', retryAfterMs? }`. */
  async claim(id, { claimId, leaseMs = DEFAULT_LEASE_MS, retentionMs = DEFAULT_RETENTION_MS } = {}) {
    const key = EVENT_PREFIX + id;
    const r = raw.inboxClaim(await this.ctx.storage.get(key), Date.now(), leaseMs, claimId);
    if (r.record) {
      await this.ctx.storage.put(key, r.record);
      await this.#schedule(retentionMs);
    }
    return r.retryAfterMs === undefined ? { status: r.status } : { status: r.status, retryAfterMs: r.retryAfterMs };
  }

  /** Marks the id processed. */
  async complete(id, claimId) {
    const key = EVENT_PREFIX + id;
    const record = raw.inboxComplete(await this.ctx.storage.get(key), Date.now(), claimId);
    if (record) await this.ctx.storage.put(key, record);
  }

  /** The handler failed: drops the claim (if it is still this delivery's) so a retry processes it. */
  async release(id, claimId) {
    const key = EVENT_PREFIX + id;
    if (raw.inboxRelease(await this.ctx.storage.get(key), claimId)) await this.ctx.storage.delete(key);
  }

  /** Prunes what the retention allows and schedules the next pass while anything remains. */
  async alarm() {
    const retentionMs = (await this.ctx.storage.get('retentionMs')) ?? DEFAULT_RETENTION_MS;
    const now = Date.now();
    const stale = [];
    let left = 0;
    for (const [key, record] of await this.ctx.storage.list({ prefix: EVENT_PREFIX })) {
      if (raw.inboxPrune(record, now, retentionMs)) stale.push(key);
      else left += 1;
    }
    for (let i = 0; i < stale.length; i += 128) await this.ctx.storage.delete(stale.slice(i, i + 128));
    if (left > 0) await this.ctx.storage.setAlarm(now + Math.max(60_000, Math.floor(retentionMs / 4)));
  }

  async #schedule(retentionMs) {
    await this.ctx.storage.put('retentionMs', retentionMs);
    if ((await this.ctx.storage.getAlarm()) === null) await this.ctx.storage.setAlarm(Date.now() + Math.max(60_000, retentionMs));
  }
}

/**
 * Processes each webhook event once across every isolate, with the WebhookInbox Durable Object
 * bound as `namespace` (event ids spread over `shards` objects). `process(event, handler)` runs
 * `handler(event)` only for the first delivery of `event.id` and resolves to
 * `{ status: 'processed' | 'duplicate' | 'busy', retryAfterMs? }`: answer `busy` with 409 so OMS
 * retries later. A handler that throws releases its claim (the error is rethrown) so the retry
 * processes the event.
 */
export function webhookInbox(namespace, options = {}) {
  if (!isNamespace(namespace)) throw usage('webhookInbox(namespace) needs the Durable Object namespace binding of WebhookInbox (e.g. env.OMS_INBOX)');
  const { shards = DEFAULT_INBOX_SHARDS, leaseMs = DEFAULT_LEASE_MS, retentionMs = DEFAULT_RETENTION_MS } = options ?? {};
  for (const [k, v] of Object.entries({ shards, leaseMs, retentionMs })) {
    if (!Number.isInteger(v) || v < 1) throw usage(`webhookInbox options.${k} must be a positive whole number`);
  }
  return {
    async process(event, handler) {
      if (typeof handler !== 'function') throw usage('process(event, handler) needs a handler function');
      const id = event?.id;
      const shard = raw.inboxShard(id, shards);
      if (shard < 0) throw usage('process(event, handler) needs a verified event with its id (the result of verifyWebhook)');
      const stub = namespace.get(namespace.idFromName(`oms-inbox:${shard}`));
      const claimId = crypto.randomUUID();
      const claim = await stub.claim(id, { claimId, leaseMs, retentionMs });
      if (claim.status !== 'claimed') return claim;
      try {
        await handler(event);
      } catch (e) {
        await stub.release(id, claimId);
        throw e;
      }
      await stub.complete(id, claimId);
      return { status: 'processed' };
    },
  };
}
