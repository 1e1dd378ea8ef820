// A Cloudflare Worker that receives OMS webhooks: it verifies each delivery from the raw bytes and
// the request's Headers (no re-serialized JSON, no Buffer, no WebCrypto, synchronous), rejects
// replays outside the ±5 minute window, and de-duplicates retries by webhook-id in Workers KV.
//
// Bindings (wrangler.toml): OMS_WEBHOOK_SECRET (a secret: `wrangler secret put OMS_WEBHOOK_SECRET`),
// optional OMS_WEBHOOK_SECRET_PREVIOUS during rotation, and the KV namespace WEBHOOK_IDS.
import { verifyWebhook, WebhookVerificationError } from 'oms-wasm';

/** How long a processed webhook-id is remembered. OMS retries for longer than the 5-minute
 *  timestamp window, but each retry is re-signed with a fresh timestamp, so ids must outlive it. */
const SEEN_TTL_SECONDS = 7 * 24 * 3600;

export default {
  async fetch(request, env, ctx) {
    const url = new URL(request.url);
    if (request.method !== 'POST' || url.pathname !== '/webhooks/oms') return new Response('Not found', { status: 404 });

    // 1. The exact bytes OMS signed: read them before (instead of) request.json().
    const body = await request.arrayBuffer();
    const secrets = [env.OMS_WEBHOOK_SECRET, env.OMS_WEBHOOK_SECRET_PREVIOUS].filter(Boolean);

    // 2. Verify: signature (constant time) over the exact bytes, timestamp within ±300 s (replay
    //    protection, part 1: the timestamp is signed, so an old delivery cannot be re-dated).
    //    During a secret rotation both secrets are tried; event.keyEncoding says how the secret
    //    was decoded (pin it with { secretEncoding } once known).
    let event;
    try {
      event = verifyWebhook(body, request.headers, secrets);
    } catch (e) {
      if (e instanceof WebhookVerificationError) {
        // 4xx: OMS retries non-2xx answers; a bad signature will not get better, but a clock skew might.
        return Response.json({ error: e.code, message: e.message }, { status: 400 });
      }
      throw e;
    }

    // 3. De-duplicate (replay protection, part 2): the webhook-id is stable across retries of one
    //    event, and the ±300 s window bounds how long a captured delivery can be replayed, so
    //    remembering ids for longer than OMS retries is enough. Workers KV is eventually consistent
    //    and this get-then-put is not atomic: two copies arriving at the same instant in different
    //    locations may both pass. Make the handler idempotent too, or use a Durable Object / a
    //    database unique constraint on the id when exactly-once matters (e.g. crediting a balance).
    const seenKey = `oms-webhook:${event.id}`;
    if ((await env.WEBHOOK_IDS.get(seenKey)) !== null) {
      return Response.json({ duplicate: true, id: event.id });
    }
    await env.WEBHOOK_IDS.put(seenKey, event.type, { expirationTtl: SEEN_TTL_SECONDS });

    // 4. Answer quickly; do the work after the response.
    ctx.waitUntil(handle(event, env));
    return Response.json({ received: event.type, id: event.id });
  },
};

/** Your business logic, by event type (the union is open: unknown types arrive as strings). */
async function handle(event, env) {
  switch (event.type) {
    case 'cashIn.completed':
    case 'transaction.fiatToCrypto.completed':
    case 'customer.endorsement.granted':
    default:
      await env.WEBHOOK_IDS.put(`oms-event-log:${event.id}`, JSON.stringify({ type: event.type, resource: event.data?.id ?? null }), {
        expirationTtl: SEEN_TTL_SECONDS,
      });
  }
}
