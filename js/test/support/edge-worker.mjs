// A Worker at edge scale (edge-scale.test.mjs): the OmsTokenBroker and WebhookInbox Durable Objects
// of oms-wasm/cloudflare, bound as OMS_TOKENS and OMS_INBOX, and a Tally object (TALLY) that
// counts what the webhook handler did, per event id.
//   POST /call      a NEW OmsClient per request (tokenProvider: durableTokens) reads a customer
//   POST /webhooks  verifyWebhook, then inbox.process: 200 processed/duplicate, 409 busy, 500 when
//                   the handler threw (events whose data.failFirst is true fail their first run)
//   GET  /tally     the Tally's counts
import { DurableObject } from 'cloudflare:workers';
import { OmsClient, verifyWebhook } from 'oms-wasm';
import { durableTokens, webhookInbox } from 'oms-wasm/cloudflare';

export { OmsTokenBroker, WebhookInbox } from 'oms-wasm/cloudflare';

export class Tally extends DurableObject {
  constructor(ctx, env) {
    super(ctx, env);
    this.runs = new Map(); // id -> { ok, failed }
  }
  /** Counts one handler run; returns how many runs (of any outcome) the id had before. */
  record(id, ok) {
    const r = this.runs.get(id) ?? { ok: 0, failed: 0 };
    const before = r.ok + r.failed;
    if (ok) r.ok += 1;
    else r.failed += 1;
    this.runs.set(id, r);
    return before;
  }
  runsBefore(id) {
    const r = this.runs.get(id);
    return r ? r.ok + r.failed : 0;
  }
  dump() {
    return Object.fromEntries(this.runs);
  }
}

export default {
  async fetch(request, env) {
    const url = new URL(request.url);
    const tally = env.TALLY.get(env.TALLY.idFromName('tally'));
    if (url.pathname === '/call') {
      const { customerId } = await request.json();
      const oms = new OmsClient({
        apiKey: env.OMS_API_KEY,
        apiSecret: env.OMS_API_SECRET,
        baseUrl: env.OMS_BASE_URL,
        tokenProvider: durableTokens(env.OMS_TOKENS),
      });
      try {
        const c = await oms.customers.get(customerId);
        return Response.json({ ok: c.id === customerId, exchanges: oms.toJSON().tokenExchanges });
      } catch (e) {
        return Response.json({ ok: false, code: e.code, message: e.message }, { status: 502 });
      }
    }
    if (url.pathname === '/webhooks') {
      const event = verifyWebhook(await request.arrayBuffer(), request.headers, env.WEBHOOK_SECRET);
      const inbox = webhookInbox(env.OMS_INBOX, { shards: Number(env.INBOX_SHARDS ?? 16) });
      try {
        const r = await inbox.process(event, async (e) => {
          if (e.data?.failFirst && (await tally.runsBefore(e.id)) === 0) {
            await tally.record(e.id, false);
            throw new Error('the first run of this event fails');
          }
          await tally.record(e.id, true);
        });
        return Response.json(r, { status: r.status === 'busy' ? 409 : 200 });
      } catch (e) {
        return Response.json({ error: e.message }, { status: 500 });
      }
    }
    if (url.pathname === '/tally') return Response.json(await tally.dump());
    if (url.pathname === '/misuse') {
      const codes = [];
      const attempt = async (fn) => {
        try {
          await fn();
          codes.push('no error');
        } catch (e) {
          codes.push(`${e.name}:${e.code}`);
        }
      };
      await attempt(() => durableTokens(env.OMS_BASE_URL));
      await attempt(() => webhookInbox({}));
      await attempt(() => webhookInbox(env.OMS_INBOX, { shards: 0 }));
      await attempt(() => webhookInbox(env.OMS_INBOX).process({ type: 'x' }, () => {}));
      await attempt(
        () =>
          new OmsClient({
            apiKey: 'k',
            apiSecret: 's',
            tokenProvider: durableTokens(env.OMS_TOKENS),
            tokenStore: { get() {}, set() {} },
          }),
      );
      return Response.json(codes);
    }
    return new Response('not found', { status: 404 });
  },
};
