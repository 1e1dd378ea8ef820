// A Cloudflare Worker holding the OMS credentials (bindings OMS_BASE_URL, OMS_API_KEY,
// OMS_API_SECRET) and a KV namespace TOKENS as the client's tokenStore. Used by
// client-workerd.test.mjs: POST { action } runs one scenario and answers JSON.
import { OmsClient, OmsConnectionError } from 'oms-wasm';
import { fullCustomer, getStarted } from './client-flow.mjs';

/** The README's tokenStore example: one token shared by every isolate through Workers KV. */
function kvTokenStore(kv) {
  return {
    get: () => kv.get('oms-token', 'json'),
    // KV's minimum TTL is 60 s; the token is refreshed ahead of expiry anyway.
    set: (token) => kv.put('oms-token', JSON.stringify(token), { expirationTtl: Math.max(60, Math.floor((token.expiresAt - Date.now()) / 1000)) }),
  };
}

function makeClient(env, extra = {}) {
  return new OmsClient({ apiKey: env.OMS_API_KEY, apiSecret: env.OMS_API_SECRET, baseUrl: env.OMS_BASE_URL, ...extra });
}

export default {
  async fetch(request, env) {
    const { action } = await request.json();
    const hooks = [];
    try {
      if (action === 'flow') {
        const client = makeClient(env, { onRequest: (i) => hooks.push(i), onResponse: (i) => hooks.push(i) });
        const r = await getStarted(client);
        return Response.json({ steps: r.steps, status: r.completed.status, balance: r.balance.balance, hooks, client: JSON.parse(JSON.stringify(client)) });
      }
      if (action === 'concurrent') {
        const client = makeClient(env);
        const c = await client.customers.create(fullCustomer(7));
        const got = await Promise.all(Array.from({ length: 100 }, () => client.customers.get(c.id)));
        return Response.json({ n: got.filter((x) => x.id === c.id).length });
      }
      if (action === 'kv') {
        // two clients = two isolates sharing one KV-stored token
        const a = makeClient(env, { tokenStore: kvTokenStore(env.TOKENS) });
        const b = makeClient(env, { tokenStore: kvTokenStore(env.TOKENS) });
        const c = await a.customers.create(fullCustomer(8));
        const again = await b.customers.get(c.id);
        const stored = await env.TOKENS.get('oms-token', 'json');
        return Response.json({ same: again.id === c.id, storedKeys: Object.keys(stored ?? {}).sort(), a: a.toJSON().tokenExchanges, b: b.toJSON().tokenExchanges });
      }
      if (action === 'timeout') {
        const client = makeClient(env, { timeoutMs: 100, maxRetries: 0 });
        const out = {};
        try {
          await client.customers.get('cst_slow');
        } catch (e) {
          out.timeout = { name: e.name, code: e.code, isConnection: e instanceof OmsConnectionError };
        }
        const ac = new AbortController();
        setTimeout(() => ac.abort(), 30);
        try {
          await makeClient(env).customers.get('cst_slow', { signal: ac.signal });
        } catch (e) {
          out.aborted = { name: e.name, code: e.code };
        }
        return Response.json(out);
      }
      return new Response('unknown action', { status: 400 });
    } catch (e) {
      return Response.json({ error: { name: e.name, code: e.code, message: e.message, status: e.status } }, { status: 500 });
    }
  },
};
