// Types of oms-wasm/cloudflare (Cloudflare Workers only). Structural: no @cloudflare/workers-types
// needed (a real DurableObjectNamespace and DurableObjectState fit).
import type { TokenProvider, WebhookEvent } from '../index.cjs';

/** What a Durable Object namespace binding offers (`env.OMS_TOKENS`, `env.OMS_INBOX`). */
export interface DurableObjectNamespaceLike {
  idFromName(name: string): unknown;
  get(id: any): any;
}

/** Default number of inbox shards. */
export declare const DEFAULT_INBOX_SHARDS: number;
/** Default lease of an inbox claim, in milliseconds (60 s). */
export declare const DEFAULT_LEASE_MS: number;
/** Default retention of processed event ids, in milliseconds (7 days). */
export declare const DEFAULT_RETENTION_MS: number;

/**
 * The Durable Object that holds one bearer token per (base URL, API key) and shares it with every
 * isolate. Re-export it from your Worker and bind it (see the README's "Running at scale").
 */
export declare class OmsTokenBroker {
  constructor(ctx: any, env: any);
  getToken(request: { baseUrl: string; apiKey: string; apiSecret: string; invalidToken?: string }): Promise<{ accessToken: string; expiresAt: number }>;
}

/** A `tokenProvider` for `new OmsClient(...)` backed by the OmsTokenBroker binding `namespace`. */
export declare function durableTokens(namespace: DurableObjectNamespaceLike): TokenProvider;

/** The Durable Object that remembers webhook event ids (claims with leases, retention, alarms). */
export declare class WebhookInbox {
  constructor(ctx: any, env: any);
  claim(id: string, options: { claimId: string; leaseMs?: number; retentionMs?: number }): Promise<InboxResult>;
  complete(id: string, claimId: string): Promise<void>;
  release(id: string, claimId: string): Promise<void>;
  alarm(): Promise<void>;
}

/** What `process` resolves to: answer `busy` with 409 (OMS retries later). */
export type InboxResult =
  | { status: 'processed' | 'duplicate' | 'claimed' }
  | { status: 'busy'; retryAfterMs: number };

export interface WebhookInboxOptions {
  /** Durable Objects the event ids are spread over. Default 16. */
  shards?: number;
  /** How long a delivery holds an event before another may take it over (ms). Default 60 000. */
  leaseMs?: number;
  /** How long processed ids are remembered (ms). Default 7 days. */
  retentionMs?: number;
}

/** Each event processed once across every isolate, with the WebhookInbox binding `namespace`. */
export declare function webhookInbox(
  namespace: DurableObjectNamespaceLike,
  options?: WebhookInboxOptions,
): {
  process<E extends Pick<WebhookEvent, 'id'>>(event: E, handler: (event: E) => unknown): Promise<InboxResult>;
};
