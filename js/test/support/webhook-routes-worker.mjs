// A Worker that runs webhook vectors posted to it through a forced verification route
// (pkg-template/webhooks.mjs's testing hook): POST { force, calls: [{ case, variant }] } →
// { results: [runCase result], used: { route: count } }. Used by webhook-routes-workerd.test.mjs,
// with and without nodejs_compat.
import * as oms from 'oms-wasm';
import { runCase } from './webhook-cases.mjs';

const ROUTE = Symbol.for('oms-wasm.webhooks.route');

export default {
  async fetch(request) {
    const { force, calls } = await request.json();
    const hook = { force, used: {} };
    globalThis[ROUTE] = hook;
    try {
      const results = calls.map(({ case: c, variant }) => runCase(oms, c, variant));
      return Response.json({ results, used: hook.used, process: typeof globalThis.process?.getBuiltinModule });
    } catch (e) {
      return Response.json({ error: String(e) }, { status: 500 });
    } finally {
      delete globalThis[ROUTE];
    }
  },
};
