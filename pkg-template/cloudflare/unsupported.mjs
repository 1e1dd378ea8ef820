// oms-wasm/cloudflare outside workerd (Node, browsers, bundlers without the `workerd` condition):
// Durable Objects exist only in Cloudflare Workers, so every export fails with a clear error. In a
// Worker, wrangler and Miniflare pick the `workerd` condition (index.mjs).
import { OmsError } from '../errors.mjs';

function unsupported() {
  throw new OmsError(
    "oms-wasm/cloudflare runs in Cloudflare Workers (workerd) only: Durable Objects don't exist here. " +
      'Bundle your Worker with wrangler (or any bundler using the "workerd" condition).',
    'unsupported_runtime',
  );
}

export const DEFAULT_INBOX_SHARDS = 16;
export const DEFAULT_LEASE_MS = 60_000;
export const DEFAULT_RETENTION_MS = 7 * 24 * 3600 * 1000;
export class OmsTokenBroker {
  constructor() {
    unsupported();
  }
}
export class WebhookInbox {
  constructor() {
    unsupported();
  }
}
export const durableTokens = unsupported;
export const webhookInbox = unsupported;
