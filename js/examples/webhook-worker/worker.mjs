// A Cloudflare Worker that receives OMS webhooks: it verifies each delivery from the raw bytes and
// the request's Headers (no re-serialized JSON, no Buffer, no WebCrypto, synchronous), rejects
// replays outside the ±5 minute window, and processes each event exactly once across every isolate
// with the WebhookInbox Durable Object of oms-wasm/cloudflare.
//
// Bindings (wrangler.toml): OMS_WEBHOOK_SECRET (a secret: `wrangler secret put OMS_WEBHOOK_SECRET`),
// optional OMS_WEBHOOK_SECRET_PREVIOUS during rotation, the Durable Object namespace OMS_INBOX
// (class WebhookInbox, re-exported below), and the KV namespace EVENT_LOG where this example's
// handler writes what it did.
import { verifyWebhook, WebhookVerificationError } from 'oms-wasm';
import { webhookInbox } from 'oms-wasm/cloudflare';

// The Durable Object class must be exported by the Worker that binds it.
export { WebhookInbox } from 'oms-wasm/cloudflare';

export default {
  async fetch(request, env) {
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

    // 3. Process once (replay protection, part 2): the webhook-id is stable across retries of one
    //    event. The inbox gives each id to one delivery at a time, across every isolate; a copy
    //    arriving while another is being processed is `busy` (answer 409: OMS retries later), a
    //    later copy a `duplicate`. A handler that throws releases the id, so OMS's retry runs it.
    //    Run the work inside the handler (not after the response) so "processed" means done.
    const inbox = webhookInbox(env.OMS_INBOX);
    let r;
    try {
      r = await inbox.process(event, (e) => handle(e, env));
    } catch (e) {
      return Response.json({ error: 'handler_failed', id: event.id }, { status: 500 });
    }
    if (r.status === 'busy') return Response.json({ busy: true, id: event.id }, { status: 409 });
    if (r.status === 'duplicate') return Response.json({ duplicate: true, id: event.id });
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
      await env.EVENT_LOG.put(`oms-event-log:${event.id}`, JSON.stringify({ type: event.type, resource: event.data?.id ?? null }));
  }
}
