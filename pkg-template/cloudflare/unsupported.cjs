// oms-wasm/cloudflare required from CommonJS (Node): Durable Objects exist only in Cloudflare
// Workers, so every export fails with a clear OmsError when used. In a Worker, wrangler and
// Miniflare pick the `workerd` condition (index.mjs).
'use strict';

function unsupported() {
  const { OmsError } = require('../index.node.cjs');
  throw new OmsError(
    "oms-wasm/cloudflare runs in Cloudflare Workers (workerd) only: Durable Objects don't exist here. " +
      'Bundle your Worker with wrangler (or any bundler using the "workerd" condition).',
    'unsupported_runtime',
  );
}

class OmsTokenBroker {
  constructor() {
    unsupported();
  }
}
class WebhookInbox {
  constructor() {
    unsupported();
  }
}
module.exports = {
  DEFAULT_INBOX_SHARDS: 16,
  DEFAULT_LEASE_MS: 60_000,
  DEFAULT_RETENTION_MS: 7 * 24 * 3600 * 1000,
  OmsTokenBroker,
  WebhookInbox,
  durableTokens: unsupported,
  webhookInbox: unsupported,
};
